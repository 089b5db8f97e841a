//! java.util.regex syntax to a `Node` tree. Errors read like Java's
//! PatternSyntaxException descriptions ("Unclosed group near index 2"),
//! followed by the pattern.

use std::collections::HashMap;

use super::ast::{Assertion, Case, Class, Dot, Greed, Node, Set};
use super::properties::property;

/// Groups nested deeper than this are an error (the parser and compiler
/// recurse once per level; Java has no such limit but runs out of stack
/// far later than a template would need).
pub const MAX_NESTING: usize = 250;

pub struct Parsed {
    pub node: Node,
    /// Capturing groups, group 0 (the whole match) not counted.
    pub groups: usize,
    pub names: HashMap<String, usize>,
}

#[derive(Clone, Copy, Default)]
struct Flags {
    case_insensitive: bool,
    unicode_case: bool,
    multiline: bool,
    dotall: bool,
    unix_lines: bool,
    comments: bool,
    /// UNICODE_CHARACTER_CLASS, `(?U)`: Unicode `\w \d \s`, POSIX classes
    /// and `\b`; it implies UNICODE_CASE.
    unicode_classes: bool,
}

impl Flags {
    fn case(self) -> Case {
        if !self.case_insensitive {
            Case::Sensitive
        } else if self.unicode_case || self.unicode_classes {
            Case::Unicode
        } else {
            Case::Ascii
        }
    }
}

pub fn parse(pattern: &str) -> Result<Parsed, String> {
    let mut p = Parser {
        src: pattern,
        chars: pattern.chars().collect(),
        pos: 0,
        flags: Flags::default(),
        groups: 0,
        names: HashMap::new(),
        depth: 0,
    };
    let node = p.alternation()?;
    if p.pos < p.chars.len() {
        // alternation() stops only at ')' when not inside a group.
        return Err(p.error("Unmatched closing ')'", p.pos));
    }
    Ok(Parsed {
        node,
        groups: p.groups,
        names: p.names,
    })
}

struct Parser<'a> {
    src: &'a str,
    chars: Vec<char>,
    pos: usize,
    flags: Flags,
    groups: usize,
    names: HashMap<String, usize>,
    depth: usize,
}

/// What an escape stands for.
enum Escape {
    Char(char),
    Set(Set),
    Node(Node),
    /// `\E` with no `\Q`, or an empty `\Q\E`.
    Nothing,
}

impl Parser<'_> {
    fn error(&self, what: &str, index: usize) -> String {
        format!("{what} near index {index} in the pattern {:?}", self.src)
    }

    fn unsupported(&self, what: &str) -> String {
        format!(
            "mockgate does not support {what} (Java does), in the pattern {:?}",
            self.src
        )
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// In COMMENTS mode, white space and `#...` comments between tokens.
    fn skip_comments(&mut self) {
        if !self.flags.comments {
            return;
        }
        while let Some(c) = self.peek() {
            // Java's ASCII.isSpace: a no-break space is not skipped.
            if matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r') {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// Alternatives up to an unmatched `)` or the end. Inline flags set in
    /// one alternative hold for the following ones, as in Java.
    fn alternation(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.sequence()?];
        while self.eat('|') {
            alts.push(self.sequence()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn sequence(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        loop {
            self.skip_comments();
            let Some(c) = self.peek() else { break };
            let start = self.pos;
            let atom = match c {
                '|' | ')' => break,
                '(' => {
                    self.pos += 1;
                    match self.group()? {
                        Some(node) => node,
                        // Flags only: nothing to quantify.
                        None => continue,
                    }
                }
                '[' => {
                    self.pos += 1;
                    let set = self.class(1)?;
                    Node::Class(Box::new(Class {
                        set,
                        case: self.flags.case(),
                    }))
                }
                '\\' => {
                    self.pos += 1;
                    match self.escape(false)? {
                        Escape::Char(c) => Node::Char(c, self.flags.case()),
                        Escape::Set(set) => Node::Class(Box::new(Class {
                            set,
                            case: self.flags.case(),
                        })),
                        Escape::Node(n) => n,
                        Escape::Nothing => continue,
                    }
                }
                '.' => {
                    self.pos += 1;
                    Node::Dot(if self.flags.dotall {
                        Dot::Nothing
                    } else if self.flags.unix_lines {
                        Dot::Newline
                    } else {
                        Dot::LineTerminators
                    })
                }
                '^' => {
                    self.pos += 1;
                    Node::Assert(if self.flags.multiline {
                        Assertion::LineStart {
                            unix: self.flags.unix_lines,
                        }
                    } else {
                        Assertion::InputStart
                    })
                }
                '$' => {
                    self.pos += 1;
                    Node::Assert(Assertion::Dollar {
                        multiline: self.flags.multiline,
                        unix: self.flags.unix_lines,
                    })
                }
                '*' | '+' | '?' | '{' => {
                    return Err(self.error(&format!("Dangling meta character '{c}'"), start))
                }
                c => {
                    self.pos += 1;
                    Node::Char(c, self.flags.case())
                }
            };
            let node = self.quantifier(atom)?;
            items.push(node);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn quantifier(&mut self, atom: Node) -> Result<Node, String> {
        self.skip_comments();
        let start = self.pos;
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.pos += 1;
                let min = self
                    .number()
                    .ok_or_else(|| self.error("Illegal repetition", start))?;
                let max = if self.eat(',') {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(
                            self.number()
                                .ok_or_else(|| self.error("Unclosed counted closure", self.pos))?,
                        )
                    }
                } else {
                    Some(min)
                };
                if self.peek() != Some('}') {
                    return Err(self.error("Unclosed counted closure", self.pos));
                }
                if max.is_some_and(|m| m < min) {
                    return Err(self.error("Illegal repetition range", start));
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        let kind = if self.eat('?') {
            Greed::Lazy
        } else if self.eat('+') {
            Greed::Possessive
        } else {
            Greed::Greedy
        };
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            kind,
        })
    }

    /// Decimal digits as a repetition count (Java's limit: an int).
    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        let mut n: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = n.checked_mul(10)?.checked_add(d)?;
            if n > i32::MAX as u32 {
                return None;
            }
            self.pos += 1;
        }
        (self.pos > start).then_some(n)
    }

    fn enter(&mut self, at: usize) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(
                &format!("Groups nested more than {MAX_NESTING} deep (mockgate's limit)"),
                at,
            ));
        }
        Ok(())
    }

    /// After `(`. None: `(?flags)`, which only changes the flags for the
    /// rest of the enclosing group.
    fn group(&mut self) -> Result<Option<Node>, String> {
        let open = self.pos - 1;
        self.enter(open)?;
        let saved = self.flags;
        enum Kind {
            Capture(usize),
            Plain,
            Look { ahead: bool, negate: bool },
            Atomic,
        }
        let kind = if !self.eat('?') {
            self.groups += 1;
            Kind::Capture(self.groups)
        } else {
            match self.peek() {
                Some(':') => {
                    self.pos += 1;
                    Kind::Plain
                }
                Some('=') | Some('!') => {
                    let negate = self.peek() == Some('!');
                    self.pos += 1;
                    Kind::Look {
                        ahead: true,
                        negate,
                    }
                }
                Some('>') => {
                    self.pos += 1;
                    Kind::Atomic
                }
                Some('<') if matches!(self.peek_at(1), Some('=') | Some('!')) => {
                    let negate = self.peek_at(1) == Some('!');
                    self.pos += 2;
                    Kind::Look {
                        ahead: false,
                        negate,
                    }
                }
                Some('<') => {
                    self.pos += 1;
                    let name = self.group_name()?;
                    if self.names.contains_key(&name) {
                        return Err(self.error(
                            &format!("Named capturing group <{name}> is already defined"),
                            self.pos - 1,
                        ));
                    }
                    self.groups += 1;
                    self.names.insert(name, self.groups);
                    Kind::Capture(self.groups)
                }
                _ => {
                    // (?idmsuxU-idmsuxU) or (?idmsuxU-idmsuxU:X)
                    let mut on = true;
                    loop {
                        let at = self.pos;
                        let Some(c) = self.peek() else {
                            return Err(self.error("Unknown inline modifier", at));
                        };
                        self.pos += 1;
                        let f = &mut self.flags;
                        match c {
                            '-' if on => on = false,
                            'i' => f.case_insensitive = on,
                            'u' => f.unicode_case = on,
                            'm' => f.multiline = on,
                            's' => f.dotall = on,
                            'd' => f.unix_lines = on,
                            'x' => f.comments = on,
                            'U' => f.unicode_classes = on,
                            ')' => {
                                self.depth -= 1;
                                return Ok(None);
                            }
                            ':' => break,
                            _ => return Err(self.error("Unknown inline modifier", at)),
                        }
                    }
                    Kind::Plain
                }
            }
        };
        let body = self.alternation()?;
        if !self.eat(')') {
            return Err(self.error("Unclosed group", self.chars.len()));
        }
        self.flags = saved;
        self.depth -= 1;
        Ok(Some(match kind {
            Kind::Capture(n) => Node::Group(n, Box::new(body)),
            Kind::Plain => body,
            Kind::Look { ahead, negate } => Node::Look {
                ahead,
                negate,
                node: Box::new(body),
            },
            Kind::Atomic => Node::Atomic(Box::new(body)),
        }))
    }

    /// After `(?<` or `\k<`: a name (a letter, then letters and digits) and `>`.
    fn group_name(&mut self) -> Result<String, String> {
        let start = self.pos;
        let mut name = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_alphanumeric) {
            if name.is_empty() && !c.is_ascii_alphabetic() {
                return Err(self.error(
                    "capturing group name does not start with a Latin letter",
                    self.pos,
                ));
            }
            name.push(c);
            self.pos += 1;
        }
        if !self.eat('>') {
            return Err(self.error("named capturing group is missing trailing '>'", self.pos));
        }
        if name.is_empty() {
            return Err(self.error("named capturing group has 0 length name", start));
        }
        Ok(name)
    }

    /// After `[` (`depth`: nesting of classes). Java's class syntax: ranges,
    /// escapes, nested classes (union), `&&` (intersection of everything
    /// before with everything after, up to the next `&&`), `^` negating the
    /// whole class.
    fn class(&mut self, depth: usize) -> Result<Set, String> {
        let open = self.pos - 1;
        if depth > MAX_NESTING {
            return Err(self.error("Character classes nested too deep", open));
        }
        let negate = self.eat('^');
        let mut operands: Vec<Set> = Vec::new();
        let mut union: Vec<Set> = Vec::new();
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            if self.flags.comments {
                self.skip_comments();
            }
            let Some(c) = self.peek() else {
                return Err(self.error("Unclosed character class", self.chars.len() - 1));
            };
            self.pos += 1;
            let lo = match c {
                ']' if !first => break,
                '[' => {
                    union.push(self.class(depth + 1)?);
                    first = false;
                    continue;
                }
                '&' if self.peek() == Some('&') => {
                    self.pos += 1;
                    operands.push(take_union(&mut union, &mut ranges));
                    first = false;
                    continue;
                }
                '\\' => match self.escape(true)? {
                    Escape::Char(c) => c,
                    Escape::Set(s) => {
                        union.push(s);
                        first = false;
                        continue;
                    }
                    Escape::Node(_) => {
                        return Err(self.error("Illegal/unsupported escape sequence", self.pos - 1))
                    }
                    Escape::Nothing => continue,
                },
                c => c,
            };
            first = false;
            // A range lo-hi, unless '-' is last or followed by a nested class.
            if self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | Some('[') | None)
            {
                let dash = self.pos;
                self.pos += 1;
                let hi = match self.peek() {
                    Some('\\') => {
                        self.pos += 1;
                        match self.escape(true)? {
                            Escape::Char(h) => h,
                            _ => return Err(self.error("Illegal character range", dash)),
                        }
                    }
                    Some(h) => {
                        self.pos += 1;
                        h
                    }
                    None => return Err(self.error("Unclosed character class", dash)),
                };
                if hi < lo {
                    return Err(self.error("Illegal character range", self.pos - 1));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        let last = take_union(&mut union, &mut ranges);
        let set = if operands.is_empty() {
            last
        } else {
            operands.push(last);
            Set::Intersect(operands)
        };
        Ok(if negate { Set::Not(Box::new(set)) } else { set })
    }

    /// After a backslash. `in_class`: inside `[...]`.
    fn escape(&mut self, in_class: bool) -> Result<Escape, String> {
        let at = self.pos - 1;
        let Some(c) = self.peek() else {
            return Err(self.error("Unexpected internal error", at + 1));
        };
        self.pos += 1;
        let u = self.flags.unicode_classes;
        let ascii = |r: &[(char, char)]| Set::Ranges(r.to_vec());
        let not = |s: Set| Set::Not(Box::new(s));
        let word = || {
            if u {
                property("IsWord", false).unwrap_or(Set::Ranges(Vec::new()))
            } else {
                ascii(&[('a', 'z'), ('A', 'Z'), ('_', '_'), ('0', '9')])
            }
        };
        let digit = || {
            if u {
                property("Nd", false).unwrap_or(Set::Ranges(Vec::new()))
            } else {
                ascii(&[('0', '9')])
            }
        };
        let space = || {
            if u {
                Set::Prop(super::ast::Prop::WhiteSpace)
            } else {
                ascii(&[('\t', '\r'), (' ', ' ')])
            }
        };
        const HSPACE: &[(char, char)] = &[
            (' ', ' '),
            ('\t', '\t'),
            ('\u{a0}', '\u{a0}'),
            ('\u{1680}', '\u{1680}'),
            ('\u{180e}', '\u{180e}'),
            ('\u{2000}', '\u{200a}'),
            ('\u{202f}', '\u{202f}'),
            ('\u{205f}', '\u{205f}'),
            ('\u{3000}', '\u{3000}'),
        ];
        const VSPACE: &[(char, char)] =
            &[('\n', '\r'), ('\u{85}', '\u{85}'), ('\u{2028}', '\u{2029}')];
        let assertion = |a: Assertion| -> Result<Escape, String> {
            if in_class {
                Err(self.error("Illegal/unsupported escape sequence", at + 1))
            } else {
                Ok(Escape::Node(Node::Assert(a)))
            }
        };
        Ok(match c {
            'd' => Escape::Set(digit()),
            'D' => Escape::Set(not(digit())),
            'w' => Escape::Set(word()),
            'W' => Escape::Set(not(word())),
            's' => Escape::Set(space()),
            'S' => Escape::Set(not(space())),
            'h' => Escape::Set(ascii(HSPACE)),
            'H' => Escape::Set(not(ascii(HSPACE))),
            'v' => Escape::Set(ascii(VSPACE)),
            'V' => Escape::Set(not(ascii(VSPACE))),
            'p' | 'P' => {
                let name = if self.eat('{') {
                    let start = self.pos;
                    while self.peek().is_some_and(|c| c != '}') {
                        self.pos += 1;
                    }
                    if !self.eat('}') {
                        return Err(self.error("Unclosed character family", self.chars.len()));
                    }
                    self.chars[start..self.pos - 1].iter().collect::<String>()
                } else {
                    match self.peek() {
                        Some(n) => {
                            self.pos += 1;
                            n.to_string()
                        }
                        None => return Err(self.error("Illegal character family", at)),
                    }
                };
                let set = property(&name, u).map_err(|e| {
                    if e.starts_with("mockgate") {
                        format!("{e}, in the pattern {:?}", self.src)
                    } else {
                        self.error(&e, self.pos)
                    }
                })?;
                Escape::Set(if c == 'P' { not(set) } else { set })
            }
            'A' => assertion(Assertion::InputStart)?,
            'z' => assertion(Assertion::InputEnd)?,
            'Z' => assertion(Assertion::Dollar {
                multiline: false,
                unix: self.flags.unix_lines,
            })?,
            'b' => assertion(Assertion::WordBoundary {
                negate: false,
                unicode: u,
            })?,
            'B' => assertion(Assertion::WordBoundary {
                negate: true,
                unicode: u,
            })?,
            'G' => assertion(Assertion::PreviousMatchEnd)?,
            'R' if !in_class => Escape::Node(line_break()),
            '1'..='9' if !in_class => {
                // Java: further digits are taken while they name an
                // existing group.
                let mut n = c.to_digit(10).unwrap_or(0) as usize;
                while let Some(d) = self.peek().and_then(|d| d.to_digit(10)) {
                    let longer = n * 10 + d as usize;
                    if longer > self.groups {
                        break;
                    }
                    n = longer;
                    self.pos += 1;
                }
                Escape::Node(Node::BackRef(n, self.flags.case()))
            }
            'k' if !in_class => {
                if !self.eat('<') {
                    return Err(self.error(
                        "\\k is not followed by '<' for named capturing group",
                        self.pos,
                    ));
                }
                let name = self.group_name()?;
                let Some(&n) = self.names.get(&name) else {
                    return Err(self.error(
                        &format!("named capturing group <{name}> does not exist"),
                        self.pos - 1,
                    ));
                };
                Escape::Node(Node::BackRef(n, self.flags.case()))
            }
            'X' => return Err(self.unsupported("\\X (grapheme cluster)")),
            'N' => return Err(self.unsupported("\\N{name} (named character)")),
            '0' => {
                // Octal: \0n, \0nn, \0mnn with m <= 3.
                let mut value: u32 = 0;
                let mut digits = 0;
                while let Some(d) = self.peek().and_then(|d| d.to_digit(8)) {
                    if digits == 3 || (digits == 2 && value > 0o37) {
                        break;
                    }
                    value = value * 8 + d;
                    digits += 1;
                    self.pos += 1;
                }
                if digits == 0 {
                    return Err(self.error("Illegal octal escape sequence", self.pos));
                }
                Escape::Char(char::from_u32(value).unwrap_or('\0'))
            }
            't' => Escape::Char('\t'),
            'n' => Escape::Char('\n'),
            'r' => Escape::Char('\r'),
            'f' => Escape::Char('\u{c}'),
            'a' => Escape::Char('\u{7}'),
            'e' => Escape::Char('\u{1b}'),
            'c' => {
                let Some(x) = self.peek() else {
                    return Err(self.error("Illegal control escape sequence", self.pos));
                };
                self.pos += 1;
                Escape::Char(char::from_u32((x as u32) ^ 64).unwrap_or('\0'))
            }
            'x' => Escape::Char(self.hex_escape()?),
            'u' => Escape::Char(self.unicode_escape()?),
            'Q' => {
                let start = self.pos;
                let mut end = start;
                while end < self.chars.len()
                    && !(self.chars[end] == '\\' && self.chars.get(end + 1) == Some(&'E'))
                {
                    end += 1;
                }
                self.pos = (end + 2).min(self.chars.len());
                let quoted = &self.chars[start..end];
                if quoted.is_empty() {
                    Escape::Nothing
                } else if in_class {
                    Escape::Set(Set::Ranges(quoted.iter().map(|&c| (c, c)).collect()))
                } else {
                    let case = self.flags.case();
                    Escape::Node(Node::Concat(
                        quoted.iter().map(|&c| Node::Char(c, case)).collect(),
                    ))
                }
            }
            'E' => Escape::Nothing,
            c if c.is_ascii_alphanumeric() => {
                return Err(self.error("Illegal/unsupported escape sequence", at + 1))
            }
            // Any other escaped character stands for itself.
            c => Escape::Char(c),
        })
    }

    /// After `\x`: `hh` or `{h...}`.
    fn hex_escape(&mut self) -> Result<char, String> {
        let at = self.pos;
        let digits: String = if self.eat('{') {
            let start = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.pos += 1;
            }
            let s: String = self.chars[start..self.pos].iter().collect();
            if s.is_empty() || !self.eat('}') {
                return Err(self.error("Unclosed hexadecimal escape sequence", self.pos));
            }
            s
        } else {
            let s: String = self.chars[self.pos..].iter().take(2).collect();
            if s.chars().count() != 2 || !s.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(self.error("Illegal hexadecimal escape sequence", at));
            }
            self.pos += 2;
            s
        };
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error("Hexadecimal codepoint is too big", at))
    }

    /// After `\u`: four hex digits; a surrogate pair `\uD83D\uDE00` is one
    /// character.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi)
            && self.peek() == Some('\\')
            && self.peek_at(1) == Some('u')
        {
            let save = self.pos;
            self.pos += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            } else {
                self.pos = save;
                hi
            }
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| {
            self.unsupported("a lone surrogate \\uD800-\\uDFFF (strings here are Unicode text)")
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let s: String = self.chars[self.pos..].iter().take(4).collect();
        if s.chars().count() == 4 && s.chars().all(|c| c.is_ascii_hexdigit()) {
            self.pos += 4;
            Ok(u32::from_str_radix(&s, 16).unwrap_or(0))
        } else {
            Err(self.error("Illegal Unicode escape sequence", self.pos))
        }
    }
}

fn take_union(union: &mut Vec<Set>, ranges: &mut Vec<(char, char)>) -> Set {
    if !ranges.is_empty() {
        union.push(Set::Ranges(std::mem::take(ranges)));
    }
    match union.len() {
        1 => union.pop().unwrap_or(Set::Ranges(Vec::new())),
        _ => Set::Union(std::mem::take(union)),
    }
}

/// `\R`: `\r\n` or one vertical white-space character, atomically (so
/// `\R\n` does not match `\r\n`).
fn line_break() -> Node {
    let crlf = Node::Concat(vec![
        Node::Char('\r', Case::Sensitive),
        Node::Char('\n', Case::Sensitive),
    ]);
    let one = Node::Class(Box::new(Class {
        set: Set::Ranges(vec![
            ('\n', '\r'),
            ('\u{85}', '\u{85}'),
            ('\u{2028}', '\u{2029}'),
        ]),
        case: Case::Sensitive,
    }));
    Node::Atomic(Box::new(Node::Alt(vec![crlf, one])))
}
