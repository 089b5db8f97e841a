//! A parsed Java pattern: the tree `parse` builds and `program` compiles.
//! Character classes stay trees (union, intersection, negation,
//! properties) and are tested one character at a time, as Java does.

use super::categories::{category, gc};

#[derive(Debug, Clone)]
pub enum Node {
    Empty,
    /// A literal character (case-folded at match time when `Case` says so).
    Char(char, Case),
    Class(Box<Class>),
    Dot(Dot),
    Concat(Vec<Node>),
    /// Alternatives, tried in order (Java's `|` is ordered, not longest).
    Alt(Vec<Node>),
    /// A capturing group (its number), around its body.
    Group(usize, Box<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        /// None: unbounded.
        max: Option<u32>,
        kind: Greed,
    },
    Assert(Assertion),
    BackRef(usize, Case),
    /// `(?=X)` `(?!X)` (ahead) and `(?<=X)` `(?<!X)`.
    Look {
        ahead: bool,
        negate: bool,
        node: Box<Node>,
    },
    /// `(?>X)`: once X matched, its choices are forgotten.
    Atomic(Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greed {
    Greedy,
    Lazy,
    Possessive,
}

/// Java's CASE_INSENSITIVE alone folds US-ASCII letters; with UNICODE_CASE
/// every character, by its simple case mappings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Sensitive,
    Ascii,
    Unicode,
}

/// What `.` leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dot {
    /// Java's line terminators (the default).
    LineTerminators,
    /// Only `\n` (UNIX_LINES, `(?d)`).
    Newline,
    /// Nothing (DOTALL, `(?s)`).
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assertion {
    /// `\A`, and `^` without MULTILINE.
    InputStart,
    /// `^` with MULTILINE (`unix`: UNIX_LINES).
    LineStart { unix: bool },
    /// `$` (`multiline` or not) and `\Z` (never multiline).
    Dollar { multiline: bool, unix: bool },
    /// `\z`.
    InputEnd,
    /// `\b` / `\B` (`unicode`: UNICODE_CHARACTER_CLASS's word characters).
    WordBoundary { negate: bool, unicode: bool },
    /// `\G`: where the previous match ended.
    PreviousMatchEnd,
}

/// A character class and the case rule it was written under.
#[derive(Debug, Clone)]
pub struct Class {
    pub set: Set,
    pub case: Case,
}

#[derive(Debug, Clone)]
pub enum Set {
    /// Characters and ranges written in the pattern (case-folded when the
    /// class is case-insensitive).
    Ranges(Vec<(char, char)>),
    /// A named property (never case-folded).
    Prop(Prop),
    Union(Vec<Set>),
    Intersect(Vec<Set>),
    Not(Box<Set>),
}

#[derive(Debug, Clone, Copy)]
pub enum Prop {
    /// General categories, as a mask of `categories::gc` bits.
    Category(u32),
    /// Unicode's Alphabetic, Lowercase, Uppercase and White_Space: core's
    /// `char` predicates are exactly these properties.
    Alphabetic,
    Lowercase,
    Uppercase,
    WhiteSpace,
    /// `Character.isWhitespace`: space separators except no-break spaces,
    /// plus `\t`..`\r` and `\x1C`..`\x1F`.
    JavaWhitespace,
    /// Code point ranges spelled out in `class`'s tables.
    Table(&'static [(u32, u32)]),
}

impl Class {
    pub fn matches(&self, c: char) -> bool {
        self.set.matches(c, self.case)
    }
}

impl Set {
    pub fn matches(&self, c: char, case: Case) -> bool {
        match self {
            Set::Ranges(ranges) => {
                let hit = |x: char| ranges.iter().any(|&(lo, hi)| lo <= x && x <= hi);
                hit(c)
                    || match case {
                        Case::Sensitive => false,
                        Case::Ascii => {
                            c.is_ascii()
                                && (hit(c.to_ascii_uppercase()) || hit(c.to_ascii_lowercase()))
                        }
                        Case::Unicode => hit(simple_upper(c)) || hit(simple_lower(c)),
                    }
            }
            Set::Prop(p) => p.matches(c),
            Set::Union(sets) => sets.iter().any(|s| s.matches(c, case)),
            Set::Intersect(sets) => sets.iter().all(|s| s.matches(c, case)),
            Set::Not(s) => !s.matches(c, case),
        }
    }
}

impl Prop {
    pub fn matches(self, c: char) -> bool {
        match self {
            Prop::Category(mask) => category(c) & mask != 0,
            Prop::Alphabetic => c.is_alphabetic(),
            Prop::Lowercase => c.is_lowercase(),
            Prop::Uppercase => c.is_uppercase(),
            Prop::WhiteSpace => c.is_whitespace(),
            Prop::JavaWhitespace => {
                matches!(c, '\t'..='\r' | '\u{1c}'..='\u{1f}')
                    || (category(c) & gc::Z != 0
                        && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
            }
            Prop::Table(ranges) => {
                let cp = c as u32;
                ranges.iter().any(|&(lo, hi)| lo <= cp && cp <= hi)
            }
        }
    }
}

/// `Character.toUpperCase(int)`: the one-character mapping (a character
/// whose upper case is several characters, like `ß`, stays itself).
pub fn simple_upper(c: char) -> char {
    single(c.to_uppercase()).unwrap_or(c)
}

pub fn simple_lower(c: char) -> char {
    single(c.to_lowercase()).unwrap_or(c)
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// The form two characters share when they are equal under `case`.
pub fn fold(c: char, case: Case) -> char {
    match case {
        Case::Sensitive => c,
        Case::Ascii => c.to_ascii_lowercase(),
        Case::Unicode => simple_lower(simple_upper(c)),
    }
}

/// Java's `\b` word character: a letter or digit (Unicode, as
/// `Character.isLetterOrDigit`) or `_`; with UNICODE_CHARACTER_CLASS, `\w`.
pub fn is_boundary_word_char(c: char, unicode: bool) -> bool {
    if unicode {
        is_unicode_word_char(c)
    } else {
        c == '_' || category(c) & (gc::L | gc::ND) != 0
    }
}

/// `\w` under UNICODE_CHARACTER_CLASS: Alphabetic, marks, decimal
/// digits, connector punctuation, Join_Control.
pub fn is_unicode_word_char(c: char) -> bool {
    c.is_alphabetic()
        || category(c) & (gc::M | gc::ND | gc::PC) != 0
        || matches!(c, '\u{200c}' | '\u{200d}')
}
