//! Java regular expressions (java.util.regex) translated to the `regex`
//! crate. What cannot be translated is a clear error.
//!
//! Templates reach Java regexes through `String.matches`, `replaceAll`,
//! `replaceFirst` and `split`. The pattern is translated construct by
//! construct so that it means what it means in Java:
//!
//! - `\d \w \s` (and `\D \W \S`) are ASCII-only in Java (unless `(?U)`),
//!   Unicode in the `regex` crate: translated to explicit ASCII classes.
//! - `.` excludes every Java line terminator (`\n \r \u0085 \u2028
//!   \u2029`), not just `\n` (unless `(?s)`; `(?d)` keeps only `\n`).
//! - POSIX classes `\p{Alpha}`, `\p{Lower}`, `\p{Upper}`, `\p{Digit}`,
//!   `\p{Alnum}`, `\p{Punct}`, `\p{Graph}`, `\p{Print}`, `\p{Blank}`,
//!   `\p{Cntrl}`, `\p{XDigit}`, `\p{Space}`, `\p{ASCII}` (US-ASCII, as in
//!   Java), `\p{javaLowerCase}` & co., `\p{IsAlphabetic}` & co., Unicode
//!   categories (`\p{L}`, `\p{Lu}`) and the Latin script (`\p{IsLatin}`).
//! - `\h \H \v \V \R`, `\e \a \cX`, octal `\0nn`, `\uXXXX` (surrogate
//!   pairs combined), `\x{...}`, `\Q...\E` quoting, an escaped punctuation
//!   character as itself, character-class union `[a[b]]` and intersection
//!   `[a-z&&[^aeiou]]`, named groups `(?<name>...)`, inline flags `(?i)`,
//!   `(?m)`, `(?s)`, `(?x)`, `(?U)`, `(?d)`, `(?u)` (scoped to the group).
//!
//! Not supported (an error naming the construct; the `regex` crate
//! guarantees linear time and has no backtracking):
//!
//! - backreferences `\1`..`\9`, `\k<name>`;
//! - lookahead `(?=...)` `(?!...)`, lookbehind `(?<=...)` `(?<!...)`;
//! - atomic groups `(?>...)` and possessive quantifiers `*+ ++ ?+ {n,m}+`;
//! - `\G` (end of previous match), `\X` (grapheme cluster), `\N{name}`;
//! - Unicode blocks `\p{InGreek}` / `\p{blk=...}`, `\p{javaMirrored}`.
//!
//! Approximated:
//!
//! - `$` and `\Z` match only at the very end (Java also matches before a
//!   final line terminator); with `(?m)`, `^`/`$` see only `\n` as a line
//!   end (Java also `\r\n`, `\r`, `\u0085`, `\u2028`, `\u2029`);
//! - `(?iu)` uses each character's simple case mappings (one character to
//!   one character), not Java's full case-folding rules;
//! - `\b` is Unicode-aware (as Java's mostly is).
//!
//! The same list is in docs/regex.md.

// The mockgate Java-regex engine (replacing the translation below).
#[allow(dead_code)]
mod ast;
#[allow(dead_code)]
mod categories;
#[allow(dead_code)]
mod exec;
#[allow(dead_code)]
mod java;
#[allow(dead_code)]
mod parse;
#[allow(dead_code)]
mod program;
#[allow(dead_code)]
mod properties;
#[allow(dead_code)]
mod replace;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;

use regex::{Captures, Regex, RegexBuilder};

/// Compile a Java pattern. Err says what Java syntax is not supported.
/// Compiled patterns are cached per thread (templates call `replaceAll`
/// in loops).
pub fn compile_java_regex(pattern: &str, size_limit: usize) -> Result<Regex, String> {
    cached(pattern, false, size_limit)
}

/// A Java pattern compiled to match the whole input, as `String.matches`
/// and `Pattern.matches` do.
pub fn compile_java_regex_whole(pattern: &str, size_limit: usize) -> Result<Regex, String> {
    cached(pattern, true, size_limit)
}

/// The `regex`-crate pattern for a Java pattern.
pub fn translate_java_regex(pattern: &str) -> Result<String, String> {
    Translator::new(pattern).run()
}

const CACHE_CAPACITY: usize = 128;

type CacheKey = (String, bool, usize);

thread_local! {
    static CACHE: RefCell<HashMap<CacheKey, Result<Regex, String>>> = RefCell::new(HashMap::new());
}

fn cached(pattern: &str, whole: bool, size_limit: usize) -> Result<Regex, String> {
    let key = (pattern.to_string(), whole, size_limit);
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let result = compile_uncached(pattern, whole, size_limit);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_CAPACITY {
            c.clear();
        }
        c.insert(key, result.clone());
    });
    result
}

fn compile_uncached(pattern: &str, whole: bool, size_limit: usize) -> Result<Regex, String> {
    let translated = translate_java_regex(pattern)?;
    let source = if whole {
        format!(r"\A(?:{translated})\z")
    } else {
        translated
    };
    RegexBuilder::new(&source)
        .size_limit(size_limit)
        .dfa_size_limit(size_limit.max(1 << 16))
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("regular expression {pattern:?} is too big (compiled size limit of {limit} bytes)")
            }
            other => format!("invalid regular expression {pattern:?}: {}", first_line_of(&other.to_string())),
        })
}

fn first_line_of(s: &str) -> String {
    // regex's syntax errors are multi-line pictures of the translated
    // pattern; the last line says what is wrong.
    s.lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| l.trim().trim_start_matches("error: ").to_string())
        .unwrap_or_else(|| s.lines().next().unwrap_or("").to_string())
}

#[derive(Clone, Copy, Default)]
struct Flags {
    /// `(?i)`: Java folds US-ASCII letters only...
    case_insensitive: bool,
    /// ...unless `(?u)` too: then every character, by its simple case
    /// mappings. Translated here (the `regex` crate's own `(?i)` would fold
    /// Unicode case always, and needs case tables the wasm module leaves out).
    unicode_case: bool,
    dotall: bool,
    unix_lines: bool,
    unicode_classes: bool,
    comments: bool,
}

struct Translator<'a> {
    src: &'a str,
    chars: Vec<char>,
    pos: usize,
    out: String,
    flags: Flags,
    stack: Vec<Flags>,
}

fn unsupported(what: &str) -> String {
    format!("Java regex construct not supported: {what}")
}

/// A piece of a character class: one character (can end a range) or a set.
enum ClassItem {
    Char(char),
    Set(String),
}

const LINE_TERMINATORS: &str = r"\n\r\x{85}\x{2028}\x{2029}";
const ASCII_DIGIT: &str = "0-9";
const ASCII_WORD: &str = "a-zA-Z_0-9";
const ASCII_SPACE: &str = r"\t\n\x0B\f\r\x20";
const HSPACE: &str = r"\x20\t\xA0\x{1680}\x{180e}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}";
const VSPACE: &str = r"\n\x0B\f\r\x{85}\x{2028}\x{2029}";

impl<'a> Translator<'a> {
    fn new(src: &'a str) -> Self {
        Translator {
            src,
            chars: src.chars().collect(),
            pos: 0,
            out: String::with_capacity(src.len() + 8),
            flags: Flags::default(),
            stack: Vec::new(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn err(&self, msg: &str) -> String {
        format!("invalid regular expression {:?}: {msg}", self.src)
    }

    fn run(mut self) -> Result<String, String> {
        while let Some(c) = self.next() {
            match c {
                '\\' => {
                    let item = self.escape(false)?;
                    self.push_item(item);
                }
                '[' => {
                    let class = self.class()?;
                    self.out.push_str(&class);
                }
                '(' => self.group()?,
                ')' => {
                    self.flags = self.stack.pop().unwrap_or(self.flags);
                    self.out.push(')');
                }
                '.' => {
                    if self.flags.dotall {
                        self.out.push_str("(?s:.)");
                    } else if self.flags.unix_lines {
                        self.out.push_str(r"[^\n]");
                    } else {
                        self.out.push_str("[^");
                        self.out.push_str(LINE_TERMINATORS);
                        self.out.push(']');
                    }
                }
                '*' | '+' | '?' => {
                    self.out.push(c);
                    self.quantifier_suffix()?;
                }
                '{' => {
                    // A repetition {n}, {n,}, {n,m}; Java rejects anything else.
                    let start = self.pos;
                    let mut end = start;
                    while end < self.chars.len()
                        && (self.chars[end].is_ascii_digit() || self.chars[end] == ',')
                    {
                        end += 1;
                    }
                    let body: String = self.chars[start..end].iter().collect();
                    if end < self.chars.len()
                        && self.chars[end] == '}'
                        && !body.is_empty()
                        && body.chars().next().is_some_and(|c| c.is_ascii_digit())
                    {
                        self.out.push('{');
                        self.out.push_str(&body);
                        self.out.push('}');
                        self.pos = end + 1;
                        self.quantifier_suffix()?;
                    } else {
                        return Err(
                            self.err(&format!("illegal repetition near index {}", start - 1))
                        );
                    }
                }
                '#' if self.flags.comments => {
                    // Comment to end of line: dropped.
                    while let Some(c) = self.next() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                c if self.flags.comments && c.is_whitespace() => {}
                '^' | '$' | '|' => self.out.push(c),
                c => self.push_literal(c),
            }
        }
        if !self.stack.is_empty() {
            return Err(self.err("unclosed group"));
        }
        Ok(self.out)
    }

    fn push_literal(&mut self, c: char) {
        push_char(&mut self.out, c, self.flags, false);
    }

    fn push_item(&mut self, item: Option<ClassItem>) {
        match item {
            None => {}
            Some(ClassItem::Char(c)) => push_char(&mut self.out, c, self.flags, false),
            Some(ClassItem::Set(s)) => self.out.push_str(&s),
        }
    }

    /// After `*`, `+`, `?` or `{..}`: a lazy `?` passes, a possessive `+`
    /// is not supported.
    fn quantifier_suffix(&mut self) -> Result<(), String> {
        match self.peek() {
            Some('?') => {
                self.pos += 1;
                self.out.push('?');
                Ok(())
            }
            Some('+') => Err(unsupported(
                "possessive quantifier (`*+`, `++`, `?+`, `{n}+`)",
            )),
            _ => Ok(()),
        }
    }

    fn group(&mut self) -> Result<(), String> {
        self.stack.push(self.flags);
        if self.peek() != Some('?') {
            self.out.push('(');
            return Ok(());
        }
        self.pos += 1;
        match self.peek() {
            Some(':') => {
                self.pos += 1;
                self.out.push_str("(?:");
            }
            Some('=') | Some('!') => return Err(unsupported("lookahead `(?=...)` / `(?!...)`")),
            Some('>') => return Err(unsupported("atomic group `(?>...)`")),
            Some('<') if matches!(self.peek_at(1), Some('=') | Some('!')) => {
                return Err(unsupported("lookbehind `(?<=...)` / `(?<!...)`"))
            }
            Some('<') => {
                self.pos += 1;
                let mut name = String::new();
                loop {
                    match self.next() {
                        Some('>') => break,
                        Some(c) if c.is_ascii_alphanumeric() => name.push(c),
                        _ => return Err(self.err("named capturing group is missing trailing '>'")),
                    }
                }
                if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    return Err(self.err("capturing group name must start with a letter"));
                }
                self.out.push_str("(?P<");
                self.out.push_str(&name);
                self.out.push('>');
            }
            _ => {
                // Inline flags: (?idmsuxU-idmsuxU) or (?idmsuxU-idmsuxU:X)
                let mut on = true;
                let mut rust_on = String::new();
                let mut rust_off = String::new();
                let mut flags = self.flags;
                loop {
                    let Some(c) = self.next() else {
                        return Err(self.err("unclosed group"));
                    };
                    match c {
                        '-' if on => on = false,
                        'i' => flags.case_insensitive = on,
                        'm' | 's' | 'x' => {
                            if on {
                                rust_on.push(c)
                            } else {
                                rust_off.push(c)
                            }
                            if c == 's' {
                                flags.dotall = on;
                            }
                            if c == 'x' {
                                flags.comments = on;
                            }
                        }
                        'd' => flags.unix_lines = on,
                        'U' => flags.unicode_classes = on,
                        'u' => flags.unicode_case = on,
                        ')' | ':' => {
                            let mut spec = rust_on;
                            if !rust_off.is_empty() {
                                spec.push('-');
                                spec.push_str(&rust_off);
                            }
                            if c == ')' {
                                // Applies to the rest of the enclosing group.
                                self.stack.pop();
                                self.flags = flags;
                                if !spec.is_empty() {
                                    self.out.push_str("(?");
                                    self.out.push_str(&spec);
                                    self.out.push(')');
                                }
                            } else {
                                self.flags = flags;
                                self.out.push_str("(?");
                                self.out.push_str(&spec);
                                self.out.push(':');
                            }
                            return Ok(());
                        }
                        other => {
                            return Err(self.err(&format!("unknown inline modifier '{other}'")))
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// After a backslash. `in_class`: inside `[...]` (some escapes differ).
    /// `None`: the escape produces nothing (a stray `\E`).
    fn escape(&mut self, in_class: bool) -> Result<Option<ClassItem>, String> {
        let Some(c) = self.next() else {
            return Err(self.err("unexpected end of pattern after '\\'"));
        };
        let set = |body: &str, negated: bool| {
            Some(ClassItem::Set(format!(
                "[{}{}]",
                if negated { "^" } else { "" },
                body
            )))
        };
        Ok(match c {
            '1'..='9' => return Err(unsupported("backreference `\\n`")),
            'k' => return Err(unsupported("named backreference `\\k<name>`")),
            'G' => return Err(unsupported("`\\G` (end of previous match)")),
            'X' => return Err(unsupported("`\\X` (grapheme cluster)")),
            'N' => return Err(unsupported("`\\N{name}` (named character)")),
            '0' => {
                // Octal: \0n, \0nn, \0mnn (m <= 3).
                let mut value: u32 = 0;
                let mut digits = 0;
                while let Some(d) = self.peek().and_then(|d| d.to_digit(8)) {
                    if digits == 2 && value > 0o37 {
                        break;
                    }
                    if digits == 3 {
                        break;
                    }
                    value = value * 8 + d;
                    digits += 1;
                    self.pos += 1;
                }
                if digits == 0 {
                    return Err(self.err("illegal octal escape sequence"));
                }
                Some(ClassItem::Char(char::from_u32(value).unwrap_or('\0')))
            }
            'd' | 'D' if self.flags.unicode_classes => Some(ClassItem::Set(format!("\\{c}"))),
            'w' | 'W' if self.flags.unicode_classes => Some(ClassItem::Set(format!("\\{c}"))),
            's' | 'S' if self.flags.unicode_classes => Some(ClassItem::Set(format!("\\{c}"))),
            'd' => set(ASCII_DIGIT, false),
            'D' => set(ASCII_DIGIT, true),
            'w' => set(ASCII_WORD, false),
            'W' => set(ASCII_WORD, true),
            's' => set(ASCII_SPACE, false),
            'S' => set(ASCII_SPACE, true),
            'h' => set(HSPACE, false),
            'H' => set(HSPACE, true),
            'v' => set(VSPACE, false),
            'V' => set(VSPACE, true),
            'R' if !in_class => Some(ClassItem::Set(format!(r"(?:\r\n|[{VSPACE}])"))),
            'b' | 'B' | 'A' | 'z' if !in_class => Some(ClassItem::Set(format!("\\{c}"))),
            // Approximation: Java's \Z also matches before a final line
            // terminator.
            'Z' if !in_class => Some(ClassItem::Set(r"\z".to_string())),
            't' => Some(ClassItem::Char('\t')),
            'n' => Some(ClassItem::Char('\n')),
            'r' => Some(ClassItem::Char('\r')),
            'f' => Some(ClassItem::Char('\u{c}')),
            'a' => Some(ClassItem::Char('\u{7}')),
            'e' => Some(ClassItem::Char('\u{1b}')),
            'c' => {
                let Some(x) = self.next() else {
                    return Err(self.err("illegal control escape sequence"));
                };
                Some(ClassItem::Char(
                    char::from_u32((x as u32) ^ 64).unwrap_or('\0'),
                ))
            }
            'x' => {
                let value = if self.peek() == Some('{') {
                    self.pos += 1;
                    let mut hex = String::new();
                    loop {
                        match self.next() {
                            Some('}') => break,
                            Some(h) if h.is_ascii_hexdigit() => hex.push(h),
                            _ => return Err(self.err("unclosed hexadecimal escape sequence")),
                        }
                    }
                    u32::from_str_radix(&hex, 16).ok()
                } else {
                    let hex: String = (0..2).filter_map(|_| self.next()).collect();
                    if hex.len() != 2 {
                        None
                    } else {
                        u32::from_str_radix(&hex, 16).ok()
                    }
                };
                let c = value
                    .and_then(char::from_u32)
                    .ok_or_else(|| self.err("illegal hexadecimal escape sequence"))?;
                Some(ClassItem::Char(c))
            }
            'u' => {
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
                let c = char::from_u32(code)
                    .ok_or_else(|| unsupported("lone surrogate `\\uD800`-`\\uDFFF`"))?;
                Some(ClassItem::Char(c))
            }
            'p' | 'P' => {
                let name = if self.peek() == Some('{') {
                    self.pos += 1;
                    let mut name = String::new();
                    loop {
                        match self.next() {
                            Some('}') => break,
                            Some(ch) => name.push(ch),
                            None => return Err(self.err("unclosed character family")),
                        }
                    }
                    name
                } else {
                    match self.next() {
                        Some(ch) => ch.to_string(),
                        None => return Err(self.err("illegal character family")),
                    }
                };
                let body = property_body(&name)?;
                set(&body, c == 'P')
            }
            'Q' => {
                let mut lit = String::new();
                loop {
                    match self.next() {
                        None => break,
                        Some('\\') if self.peek() == Some('E') => {
                            self.pos += 1;
                            break;
                        }
                        Some(ch) => lit.push(ch),
                    }
                }
                if in_class {
                    let mut s = String::new();
                    for ch in lit.chars() {
                        push_char(&mut s, ch, self.flags, true);
                    }
                    Some(ClassItem::Set(format!("[{s}]")))
                } else {
                    let mut s = String::new();
                    for ch in lit.chars() {
                        push_char(&mut s, ch, self.flags, false);
                    }
                    Some(ClassItem::Set(if lit.is_empty() {
                        String::new()
                    } else {
                        format!("(?:{s})")
                    }))
                }
            }
            'E' => None,
            c if c.is_ascii_alphabetic() => {
                return Err(self.err(&format!("illegal/unsupported escape sequence \\{c}")));
            }
            // Any other escaped character stands for itself.
            c => Some(ClassItem::Char(c)),
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let hex: String = (0..4).filter_map(|_| self.next()).collect();
        if hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit()) {
            Ok(u32::from_str_radix(&hex, 16).unwrap_or(0))
        } else {
            Err(self.err("illegal Unicode escape sequence"))
        }
    }

    /// After `[`: a Java character class as a `regex` class (nested classes
    /// and `&&` have the same meaning in both).
    fn class(&mut self) -> Result<String, String> {
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.pos += 1;
            out.push('^');
        }
        let mut first = true;
        loop {
            let Some(c) = self.next() else {
                return Err(self.err("unclosed character class"));
            };
            let item = match c {
                ']' if !first => {
                    out.push(']');
                    return Ok(out);
                }
                '[' => ClassItem::Set(self.class()?),
                '&' if self.peek() == Some('&') => {
                    self.pos += 1;
                    out.push_str("&&");
                    first = false;
                    continue;
                }
                '\\' => match self.escape(true)? {
                    Some(item) => item,
                    None => continue,
                },
                c if self.flags.comments && c.is_whitespace() => continue,
                c => ClassItem::Char(c),
            };
            first = false;
            match item {
                ClassItem::Set(s) => out.push_str(&s),
                ClassItem::Char(lo) => {
                    // A range lo-hi, unless the '-' is last in the class.
                    if self.peek() == Some('-')
                        && !matches!(self.peek_at(1), Some(']') | Some('[') | None)
                    {
                        self.pos += 1;
                        let hi = match self.next() {
                            Some('\\') => match self.escape(true)? {
                                Some(ClassItem::Char(h)) => h,
                                _ => return Err(self.err("illegal character range")),
                            },
                            Some(h) => h,
                            None => return Err(self.err("unclosed character class")),
                        };
                        if hi < lo {
                            return Err(self.err(&format!("illegal character range {lo}-{hi}")));
                        }
                        push_hex_char(&mut out, lo);
                        out.push('-');
                        push_hex_char(&mut out, hi);
                        push_range_other_cases(&mut out, lo, hi, self.flags);
                    } else {
                        push_char(&mut out, lo, self.flags, true);
                    }
                }
            }
        }
    }
}

/// `c` and the characters Java's case-insensitive matching equates with
/// it: with `(?i)`, the other case of a US-ASCII letter; with `(?iu)`, the
/// simple lower- and upper-case mappings of any character.
fn case_variants(c: char, flags: Flags) -> Vec<char> {
    let mut v = vec![c];
    if !flags.case_insensitive || (!c.is_ascii() && !flags.unicode_case) {
        return v;
    }
    for other in [single(c.to_lowercase()), single(c.to_uppercase())]
        .into_iter()
        .flatten()
    {
        if !v.contains(&other) && (flags.unicode_case || other.is_ascii()) {
            v.push(other);
        }
    }
    v
}

/// The mapping when it is one character (Java's `Character.toUpperCase(int)`
/// maps a character to a character; multi-character mappings are not used).
fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// A literal character, case-insensitively when the flags say so: `[aA]`
/// (or just `aA` inside a class).
fn push_char(out: &mut String, c: char, flags: Flags, in_class: bool) {
    let variants = case_variants(c, flags);
    if variants.len() == 1 {
        push_hex_char(out, c);
        return;
    }
    if !in_class {
        out.push('[');
    }
    for v in variants {
        push_hex_char(out, v);
    }
    if !in_class {
        out.push(']');
    }
}

/// Inside a class, after the range lo-hi: the other cases of its letters
/// when matching case-insensitively (ASCII ranges as ranges; with `(?u)`,
/// other characters one by one, for ranges of a sensible size).
fn push_range_other_cases(out: &mut String, lo: char, hi: char, flags: Flags) {
    if !flags.case_insensitive {
        return;
    }
    for (a, z, delta) in [('a', 'z', -32i32), ('A', 'Z', 32)] {
        let (from, to) = (lo.max(a), hi.min(z));
        if from <= to {
            let shift = |c: char| char::from_u32((c as i32 + delta) as u32).unwrap_or(c);
            push_hex_char(out, shift(from));
            out.push('-');
            push_hex_char(out, shift(to));
        }
    }
    if flags.unicode_case && (hi as u32) > 0x7F && (hi as u32 - lo as u32) <= 4096 {
        for c in (lo as u32).max(0x80)..=(hi as u32) {
            let Some(c) = char::from_u32(c) else { continue };
            for v in case_variants(c, flags).into_iter().skip(1) {
                if v < lo || v > hi {
                    push_hex_char(out, v);
                }
            }
        }
    }
}

/// A character as a `regex` literal that means only itself anywhere
/// (inside or outside a class, with or without the x flag).
fn push_hex_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || c == '_' {
        out.push(c);
    } else if c.is_ascii_graphic() && c != '<' && c != '>' {
        out.push('\\');
        out.push(c);
    } else if c == '<' || c == '>' || (!c.is_ascii() && !c.is_whitespace() && !c.is_control()) {
        out.push(c);
    } else {
        use std::fmt::Write;
        let _ = write!(out, "\\x{{{:x}}}", c as u32);
    }
}

/// The inside of a `regex` class for a Java `\p{name}`.
fn property_body(name: &str) -> Result<String, String> {
    let posix = match name {
        "Lower" => Some("a-z"),
        "Upper" => Some("A-Z"),
        "ASCII" => Some(r"\x00-\x7F"),
        "Alpha" => Some("a-zA-Z"),
        "Digit" => Some("0-9"),
        "Alnum" => Some("a-zA-Z0-9"),
        "Punct" => Some(r"!-/:-@\[-`{-~"),
        "Graph" => Some(r"!-~"),
        "Print" => Some(r"\x20-~"),
        "Blank" => Some(r"\x20\t"),
        "Cntrl" => Some(r"\x00-\x1F\x7F"),
        "XDigit" => Some("0-9a-fA-F"),
        "Space" => Some(ASCII_SPACE),
        "javaLowerCase" => Some(LOWERCASE),
        "javaUpperCase" => Some(UPPERCASE),
        "javaWhitespace" => Some(r"\t-\r\x1C-\x1F\p{Zl}\p{Zp}\p{Zs}&&[^\xA0\x{2007}\x{202F}]"),
        "javaLetter" => Some(r"\p{L}"),
        "javaDigit" => Some(r"\p{Nd}"),
        "javaLetterOrDigit" => Some(r"\p{L}\p{Nd}"),
        "javaAlphabetic" => Some(ALPHABETIC),
        "javaSpaceChar" => Some(r"\p{Z}"),
        "javaISOControl" => Some(r"\x00-\x1F\x7F-\x9F"),
        _ => None,
    };
    if let Some(body) = posix {
        return Ok(body.to_string());
    }
    if name.starts_with("java") {
        return Err(unsupported(&format!("`\\p{{{name}}}`")));
    }
    if (name.starts_with("In")
        && name.len() > 2
        && name[2..].starts_with(|c: char| c.is_ascii_uppercase()))
        || name.starts_with("blk=")
        || name.starts_with("block=")
    {
        return Err(unsupported(&format!("Unicode block `\\p{{{name}}}`")));
    }
    let rust = if let Some(rest) = name.strip_prefix("Is") {
        if let Some(body) = binary_property_body(rest) {
            return Ok(body.to_string());
        }
        match rest {
            "Punctuation" => "P".to_string(),
            "Control" => "Cc".to_string(),
            "Letter" => "L".to_string(),
            "Digit" => "Nd".to_string(),
            other => other.to_string(),
        }
    } else {
        name.to_string()
    };
    Ok(format!(r"\p{{{rust}}}"))
}

// Unicode's binary properties, spelled out. The `regex` crate could look
// them up (its `unicode-bool` tables), but those tables are a tenth of the
// wasm module; these few are all Java names (`\p{IsX}`, `\p{javaX}`), and
// most are small. Ranges from Unicode's PropList.txt / DerivedCoreProperties.txt.

/// Lowercase = Ll + Other_Lowercase (Java's `Character.isLowerCase`).
const LOWERCASE: &str = r"\p{Ll}\xAA\xBA\x{2B0}-\x{2B8}\x{2C0}\x{2C1}\x{2E0}-\x{2E4}\x{345}\x{37A}\x{10FC}\x{1D2C}-\x{1D6A}\x{1D78}\x{1D9B}-\x{1DBF}\x{2071}\x{207F}\x{2090}-\x{209C}\x{2170}-\x{217F}\x{24D0}-\x{24E9}\x{2C7C}\x{2C7D}\x{A69C}\x{A69D}\x{A770}\x{A7F8}\x{A7F9}\x{AB5C}-\x{AB5F}";
/// Uppercase = Lu + Other_Uppercase (Java's `Character.isUpperCase`).
const UPPERCASE: &str = r"\p{Lu}\x{2160}-\x{216F}\x{24B6}-\x{24CF}\x{1F130}-\x{1F149}\x{1F150}-\x{1F169}\x{1F170}-\x{1F189}";
/// Alphabetic = L + Nl + Other_Alphabetic. Approximated: Other_Alphabetic
/// (combining vowel signs and the like, hundreds of ranges) is left out,
/// so a dependent vowel sign such as U+093E is not matched.
const ALPHABETIC: &str = r"\p{L}\p{Nl}";
const WHITE_SPACE: &str =
    r"\t-\r\x20\x{85}\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}";
const HEX_DIGIT: &str = r"0-9A-Fa-f\x{FF10}-\x{FF19}\x{FF21}-\x{FF26}\x{FF41}-\x{FF46}";
/// Ideographic; approximated by whole blocks (a few unassigned code points
/// in them match too).
const IDEOGRAPHIC: &str = r"\x{3006}\x{3007}\x{3021}-\x{3029}\x{3038}-\x{303A}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FA6D}\x{FA70}-\x{FAD9}\x{16FE4}\x{17000}-\x{18CD5}\x{18D00}-\x{18D08}\x{1B170}-\x{1B2FB}\x{20000}-\x{323AF}";

const LATIN: &str = r"A-Za-z\xAA\xBA\xC0-\xD6\xD8-\xF6\xF8-\x{2B8}\x{2E0}-\x{2E4}\x{1D00}-\x{1D25}\x{1D2C}-\x{1D5C}\x{1D62}-\x{1D65}\x{1D6B}-\x{1D77}\x{1D79}-\x{1DBE}\x{1E00}-\x{1EFF}\x{2071}\x{207F}\x{2090}-\x{209C}\x{212A}\x{212B}\x{2132}\x{214E}\x{2160}-\x{2188}\x{2C60}-\x{2C7F}\x{A722}-\x{A787}\x{A78B}-\x{A7CA}\x{A7D0}\x{A7D1}\x{A7D3}\x{A7D5}-\x{A7D9}\x{A7F2}-\x{A7FF}\x{AB30}-\x{AB5A}\x{AB5C}-\x{AB64}\x{AB66}-\x{AB69}\x{FB00}-\x{FB06}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A}\x{10780}-\x{10785}\x{10787}-\x{107B0}\x{107B2}-\x{107BA}\x{1DF00}-\x{1DF1E}\x{1DF25}-\x{1DF2A}";

/// The class body of Java's `\p{IsX}` for a binary property X, or None
/// when X is not one (a category or script, looked up by `regex`).
fn binary_property_body(name: &str) -> Option<&'static str> {
    Some(match name {
        "Alphabetic" => ALPHABETIC,
        "Lowercase" => LOWERCASE,
        "Uppercase" => UPPERCASE,
        "Titlecase" => r"\p{Lt}",
        "WhiteSpace" | "White_Space" => WHITE_SPACE,
        "Hex_Digit" | "HexDigit" => HEX_DIGIT,
        "Ideographic" => IDEOGRAPHIC,
        "Join_Control" | "JoinControl" => r"\x{200C}\x{200D}",
        "Assigned" => r"\P{Cn}",
        // Scripts: the `regex` crate's script tables are left out of the
        // build (size, docs/performance.md); Latin, by far the one templates
        // use, is spelled out (Scripts.txt, Unicode 15). Other scripts are
        // an error naming the pattern.
        "Latin" | "Latn" => LATIN,
        _ => return None,
    })
}

/// Java's `Matcher.find` sequence: after an empty match at p the next
/// search starts one character later; after a non-empty match it starts at
/// its end, where an empty match is allowed.
pub fn java_find_all<'h>(re: &Regex, haystack: &'h str) -> Vec<Captures<'h>> {
    let mut found = Vec::new();
    let mut pos = 0;
    while pos <= haystack.len() {
        let Some(caps) = re.captures_at(haystack, pos) else {
            break;
        };
        let m = caps.get(0).expect("group 0 always matches");
        pos = if m.start() == m.end() {
            match haystack[m.end()..].chars().next() {
                Some(c) => m.end() + c.len_utf8(),
                None => haystack.len() + 1,
            }
        } else {
            m.end()
        };
        found.push(caps);
    }
    found
}

/// One piece of a parsed Java replacement string.
enum Piece {
    Text(String),
    Group(usize),
}

/// Java's `Matcher.appendReplacement` syntax: `$n` (the longest run of
/// digits that still names an existing group, the first digit always
/// taken), `${name}`, `\x` for a literal x. Errors read as Java's.
fn parse_replacement(re: &Regex, repl: &str) -> Result<Vec<Piece>, String> {
    let group_count = re.captures_len() - 1;
    let chars: Vec<char> = repl.chars().collect();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                i += 1;
                let Some(c) = chars.get(i) else {
                    return Err(
                        "java.lang.IllegalArgumentException: character to be escaped is missing"
                            .into(),
                    );
                };
                text.push(*c);
                i += 1;
            }
            '$' => {
                i += 1;
                let Some(&c) = chars.get(i) else {
                    return Err("java.lang.IllegalArgumentException: Illegal group reference: group index is missing".into());
                };
                let group = if c == '{' {
                    i += 1;
                    let mut name = String::new();
                    while let Some(&c) = chars.get(i) {
                        if c.is_ascii_alphanumeric() {
                            name.push(c);
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    if name.is_empty() {
                        return Err("java.lang.IllegalArgumentException: named capturing group has 0 length name".into());
                    }
                    if chars.get(i) != Some(&'}') {
                        return Err("java.lang.IllegalArgumentException: named capturing group is missing trailing '}'".into());
                    }
                    i += 1;
                    re.capture_names()
                        .position(|n| n == Some(name.as_str()))
                        .ok_or_else(|| {
                            format!(
                                "java.lang.IllegalArgumentException: No group with name {{{name}}}"
                            )
                        })?
                } else {
                    let Some(mut n) = c.to_digit(10).map(|d| d as usize) else {
                        return Err(
                            "java.lang.IllegalArgumentException: Illegal group reference".into(),
                        );
                    };
                    i += 1;
                    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                        let longer = n * 10 + d as usize;
                        if longer > group_count {
                            break;
                        }
                        n = longer;
                        i += 1;
                    }
                    if n > group_count {
                        return Err(format!("java.lang.IndexOutOfBoundsException: No group {n}"));
                    }
                    n
                };
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Group(group));
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// `String.replaceAll` / `replaceFirst` (`all == false`) with Java's
/// replacement syntax. The replacement is only checked when there is a
/// match, as in Java.
pub fn java_replace(
    re: &Regex,
    input: &str,
    replacement: &str,
    all: bool,
) -> Result<String, String> {
    let matches = if all {
        java_find_all(re, input)
    } else {
        re.captures(input).into_iter().collect()
    };
    if matches.is_empty() {
        return Ok(input.to_string());
    }
    let pieces = parse_replacement(re, replacement)?;
    let mut out = String::with_capacity(input.len());
    let mut last = 0;
    for caps in &matches {
        let m = caps.get(0).expect("group 0 always matches");
        out.push_str(&input[last..m.start()]);
        for piece in &pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Group(g) => {
                    if let Some(gm) = caps.get(*g) {
                        out.push_str(gm.as_str());
                    }
                }
            }
        }
        last = m.end();
    }
    out.push_str(&input[last..]);
    Ok(out)
}

/// `String.split(regex, limit)`: with `limit == 0` trailing empty strings
/// are removed; a zero-width match at the start never makes a leading
/// empty string; no match gives the whole input.
pub fn java_split(re: &Regex, input: &str, limit: i32) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    let limited = limit > 0;
    for caps in java_find_all(re, input) {
        let m = caps.get(0).expect("group 0 always matches");
        if limited && parts.len() as i64 >= limit as i64 - 1 {
            break;
        }
        if index == 0 && m.start() == 0 && m.end() == 0 {
            continue;
        }
        parts.push(input[index..m.start()].to_string());
        index = m.end();
    }
    if index == 0 {
        return vec![input.to_string()];
    }
    parts.push(input[index..].to_string());
    if limit == 0 {
        while parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
    }
    parts
}

#[cfg(test)]
mod translation_tests {
    use super::*;

    const LIMIT: usize = 1 << 20;

    fn re(p: &str) -> Regex {
        compile_java_regex(p, LIMIT).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    fn matches(p: &str, s: &str) -> bool {
        compile_java_regex_whole(p, LIMIT).unwrap().is_match(s)
    }

    fn replace_all(s: &str, p: &str, r: &str) -> String {
        java_replace(&re(p), s, r, true).unwrap()
    }

    fn split(s: &str, p: &str, limit: i32) -> Vec<String> {
        java_split(&re(p), s, limit)
    }

    fn err(p: &str) -> String {
        compile_java_regex(p, LIMIT).unwrap_err()
    }

    #[test]
    fn whole_string_matching() {
        // airspeed/test_string_matches_full_date
        assert!(matches(
            r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$",
            "2020-01-20T08:00:00.000Z"
        ));
        assert!(matches("a|b", "b"));
        assert!(!matches("a|b", "ab"));
        assert!(!matches("abc", "abcd"));
        assert!(matches("(?i)ABC", "abc"));
    }

    #[test]
    fn java_classes_are_ascii() {
        assert!(!matches(r"\d", "٣"));
        assert!(matches(r"(?U)\d", "٣"));
        assert!(!matches(r"\w+", "héllo"));
        assert!(matches(r"\w+", "hello_1"));
        assert!(!matches(r"\s", "\u{a0}"));
        assert!(matches(r"\S+", "a\u{a0}b"));
        assert!(matches(r"[\d,]+", "1,2"));
        assert!(matches(r"[^\D]+", "12"));
        assert!(matches(r"\p{Alpha}+", "abcXYZ"));
        assert!(!matches(r"\p{Alpha}", "é"));
        assert!(matches(r"\P{Alpha}", "1"));
        assert!(matches(r"[\p{Punct}]+", "!?.,;"));
        assert!(matches(r"\p{Lu}\p{javaLowerCase}+", "Élan"));
        assert!(matches(r"\p{IsLatin}+", "abcÉŁẞ"));
        assert!(!matches(r"\p{IsLatin}", "α"));
        assert!(matches(r"\p{IsAlphabetic}+", "abc"));
        // Binary properties are spelled out (no `unicode-bool` tables).
        assert!(matches(r"\p{IsLowercase}+", "aé\u{aa}ⓐ"));
        assert!(!matches(r"\p{IsLowercase}", "A"));
        assert!(matches(r"\p{IsUppercase}+", "AÉⅠ"));
        assert!(matches(r"\p{IsWhite_Space}+", " \t\u{3000}"));
        assert!(matches(r"\p{IsHex_Digit}+", "09afAF"));
        assert!(!matches(r"\p{IsHex_Digit}", "g"));
        assert!(matches(r"\p{IsIdeographic}+", "漢字"));
        assert!(matches(r"[^\P{IsAlphabetic}]+", "ab"));
        assert!(matches(r"\p{javaUpperCase}\p{javaAlphabetic}+", "Élan"));
        assert!(matches(r"\h\v", "\t\n"));
        assert!(matches(r"a\Rb", "a\r\nb"));
    }

    #[test]
    fn dot_excludes_java_line_terminators() {
        assert!(!matches(".", "\r"));
        assert!(!matches(".", "\u{2028}"));
        assert!(matches("(?s).", "\r"));
        assert!(matches("(?d).", "\r"));
        assert!(matches("(?s:.)x", "\nx"));
    }

    #[test]
    fn escapes_and_quoting() {
        assert!(matches(r"\Qa.b*c\E", "a.b*c"));
        assert!(!matches(r"\Qa.b\E", "axb"));
        assert!(matches(r"[\Q.-\E]+", ".-"));
        assert!(matches(r"\u00e9\x41\x{42}\t\0101", "éAB\tA"));
        assert!(matches(r"\uD83D\uDE00", "😀"));
        assert!(matches(r"\e\cA", "\u{1b}\u{1}"));
        assert!(matches(r"\<\>\#", "<>#"));
        assert!(matches(r"a{2}b{1,}c{1,2}?", "aabbc"));
        assert!(matches(r"[]a]+", "]a"));
        assert!(matches(r"[a-]+", "a-"));
        assert!(matches(r"x}]", "x}]"));
        assert!(matches(r"[~&]+", "~&"));
        // Java has no POSIX bracket syntax: [[:alpha:]] is the characters
        assert!(matches(r"[[:alpha:]]+", ":ahlp"));
        assert!(!matches(r"[[:alpha:]]", "b"));
        assert!(matches(r"[\w-]+", "a-b"));
        assert!(matches(r"[-a]+", "-a"));
        assert!(matches(r"[a^]+", "^a"));
        assert!(matches(r"[\[\]]+", "[]"));
    }

    #[test]
    fn class_union_and_intersection() {
        assert!(matches(r"[a-z&&[^aeiou]]+", "xyz"));
        assert!(!matches(r"[a-z&&[^aeiou]]", "a"));
        assert!(matches(r"[a-d[m-p]]+", "amp"));
        assert!(!matches(r"[a-d[m-p]]", "e"));
    }

    #[test]
    fn groups_and_flags() {
        assert!(matches("(?<year>\\d{4})", "2020"));
        assert_eq!(
            replace_all("2020-01", "(?<y>\\d{4})-(?<m>\\d{2})", "${m}/${y}"),
            "01/2020"
        );
        assert!(matches("a(?i:B)c", "abc"));
        assert!(!matches("a(?i:B)C", "abc"));
        // Java's (?i) folds US-ASCII only; (?iu) any character.
        assert!(!matches("(?i)É", "é"));
        assert!(matches("(?iu)É", "é"));
        assert!(matches("(?i)[a-c]+", "aBC"));
        assert!(matches("(?i)[^a]", "b"));
        assert!(!matches("(?i)[^a]", "A"));
        assert!(matches("(?iu)[à-æ]+", "ÀÆ"));
        assert!(matches("(?i)\\Qab\\E", "AB"));
        assert!(matches("(?i)x(?-i)y", "Xy"));
        assert!(!matches("(?i)x(?-i)y", "XY"));
        assert!(matches("(?x) a b # comment\n c", "abc"));
        assert!(matches("(?m)^b$", "b"));
        let r = re("(?m)^b$");
        assert!(r.is_match("a\nb\nc"));
    }

    #[test]
    fn unsupported_constructs_are_named() {
        assert!(err(r"(a)\1").contains("backreference"));
        assert!(err(r"a(?=b)").contains("lookahead"));
        assert!(err(r"a(?!b)").contains("lookahead"));
        assert!(err(r"(?<=a)b").contains("lookbehind"));
        assert!(err(r"(?<!a)b").contains("lookbehind"));
        assert!(err(r"(?>a)").contains("atomic"));
        assert!(err(r"a*+").contains("possessive"));
        assert!(err(r"a{2}+").contains("possessive"));
        assert!(err(r"\Ga").contains("\\G"));
        assert!(err(r"\p{InGreek}").contains("block"));
        assert!(err(r"\k<x>").contains("backreference"));
        assert!(err(r"\y").contains("escape"));
        assert!(err("(a").contains("unclosed"));
        assert!(err("[a").contains("unclosed"));
        assert!(err("a{x}").contains("repetition"));
        assert!(err(r"[z-a]").contains("range"));
    }

    #[test]
    fn size_limit_is_enforced() {
        let e = compile_java_regex(r"\w{1000}\w{1000}", 1000).unwrap_err();
        assert!(e.contains("too big"), "{e}");
    }

    #[test]
    fn replace_all_follows_java() {
        // airspeed/test_string_replace_all
        assert_eq!(replace_all("foobar123bab", "ba.", "foo"), "foofoo123foo");
        assert_eq!(replace_all("abc", "x*", "-"), "-a-b-c-");
        assert_eq!(replace_all("aaa", "a*", "X"), "XX");
        assert_eq!(replace_all("a-b", "(\\w)-(\\w)", "$2-$1"), "b-a");
        assert_eq!(replace_all("ab", "(a)", "$10"), "a0b");
        assert_eq!(replace_all("ab", "a", "\\$1"), "$1b");
        assert_eq!(replace_all("ab", "a", "\\\\"), "\\b");
        assert_eq!(replace_all("ab", "(a)|(z)", "[$2]"), "[]b");
        let e = java_replace(&re("a"), "ab", "$1", true).unwrap_err();
        assert!(e.contains("No group 1"), "{e}");
        let e = java_replace(&re("a"), "ab", "$x", true).unwrap_err();
        assert!(e.contains("Illegal group reference"), "{e}");
        let e = java_replace(&re("a"), "ab", "x\\", true).unwrap_err();
        assert!(e.contains("character to be escaped is missing"), "{e}");
        // no match: the replacement is never looked at
        assert_eq!(java_replace(&re("z"), "ab", "$9", true).unwrap(), "ab");
        assert_eq!(java_replace(&re("a"), "aXa", "b", false).unwrap(), "bXa");
        // VTL idiom: escape quotes, '\\"' in a single-quoted VTL string
        assert_eq!(replace_all("say \"hi\"", "\"", "\\\\\""), "say \\\"hi\\\"");
        // strip everything but letters and digits
        assert_eq!(replace_all("a-b_c 1!", "[^a-zA-Z0-9]", ""), "abc1");
        assert_eq!(replace_all("a  b\t\nc", "\\s+", " "), "a b c");
        // $ in a replacement must be escaped
        assert_eq!(replace_all("5", "(\\d)", "\\$$1"), "$5");
        // Unicode text: offsets stay on character boundaries
        assert_eq!(replace_all("héllo wörld", "ö|é", "_"), "h_llo w_rld");
        assert_eq!(replace_all("日本", "", "-"), "-日-本-");
        // \b and ^ do not re-anchor after the first match
        assert_eq!(replace_all("aaa", "^a", "b"), "baa");
        assert_eq!(
            replace_all("cat catalog", "\\bcat\\b", "dog"),
            "dog catalog"
        );
    }

    #[test]
    fn split_follows_java() {
        assert_eq!(split("a,b,,c,,", ",", 0), ["a", "b", "", "c"]);
        assert_eq!(split("a,b,,c,,", ",", -1), ["a", "b", "", "c", "", ""]);
        assert_eq!(split("a,b,c", ",", 2), ["a", "b,c"]);
        assert_eq!(split("abc", "", 0), ["a", "b", "c"]);
        assert_eq!(split("", ",", 0), [""]);
        assert_eq!(split(",", ",", 0), Vec::<String>::new());
        assert_eq!(split(",a", ",", 0), ["", "a"]);
        assert_eq!(split("a1b22c", "\\d+", 0), ["a", "b", "c"]);
        assert_eq!(split("abc", "z", 0), ["abc"]);
        assert_eq!(split("a b  c", " ", 0), ["a", "b", "", "c"]);
    }

    #[test]
    fn arbitrary_patterns_never_panic() {
        // A deterministic walk over patterns built from Java's special
        // characters: each compiles or is a clear error, never a panic.
        let atoms = [
            "\\", "[", "]", "(", ")", "?", "*", "+", "{", "}", "2", ",", "^", "$", ".", "|", "-",
            "&&", "\\Q", "\\E", "\\p{", "Alpha", "\\u", "D83D", "\\x", "a", "é", "😀", "(?", "<",
            ">", "=", "!", "i", ":", "#", " ", "\\0", "7",
        ];
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..20000 {
            let mut p = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 8) as usize + 1;
            let mut x = seed;
            for _ in 0..n {
                p.push_str(atoms[(x % atoms.len() as u64) as usize]);
                x /= atoms.len() as u64;
                if x == 0 {
                    x = seed.rotate_left(17);
                }
            }
            if let Ok(r) = compile_java_regex(&p, LIMIT) {
                let _ = java_replace(&r, "a😀é$1\\", "-$0-", true);
                let _ = java_split(&r, "a,b😀", 0);
            }
        }
    }

    #[test]
    fn regexes_are_cached() {
        let a = compile_java_regex("ca+ched", LIMIT).unwrap();
        let b = compile_java_regex("ca+ched", LIMIT).unwrap();
        assert_eq!(a.as_str(), b.as_str());
        assert!(CACHE.with(|c| c
            .borrow()
            .contains_key(&("ca+ched".to_string(), false, LIMIT))));
    }
}
