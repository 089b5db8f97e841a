//! Java's `\p{...}` names (java.util.regex.Pattern's "Classes for Unicode
//! scripts, blocks, categories and binary properties", POSIX classes and
//! `java.lang.Character` classes) as `Set`s. `Err` is a message for a name
//! Java knows that mockgate does not support, or a name Java rejects.

use super::ast::{Prop, Set};
use super::categories::{category_mask, gc};

fn ranges(r: &[(char, char)]) -> Set {
    Set::Ranges(r.to_vec())
}

fn cat(mask: u32) -> Set {
    Set::Prop(Prop::Category(mask))
}

fn union(sets: Vec<Set>) -> Set {
    Set::Union(sets)
}

const ASCII_SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];

/// `\p{name}`. `unicode_classes`: UNICODE_CHARACTER_CLASS (`(?U)`), under
/// which the POSIX names mean their Unicode properties.
pub fn property(name: &str, unicode_classes: bool) -> Result<Set, String> {
    if let Some(block) = name.strip_prefix("In") {
        return Err(unsupported_block(block));
    }
    if name.starts_with("blk=") || name.starts_with("block=") {
        return Err(unsupported_block(name));
    }
    if let Some(rest) = name.strip_prefix("Is") {
        // Java: a binary property, else a category, POSIX or java name,
        // else a script.
        if let Some(s) = binary_property(rest) {
            return Ok(s);
        }
        if let Some(s) = category_mask(rest)
            .map(cat)
            .or_else(|| posix(rest, unicode_classes))
        {
            return Ok(s);
        }
        return script(rest, name);
    }
    for prefix in ["gc=", "general_category="] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return category_mask(rest)
                .map(cat)
                .ok_or_else(|| format!("Unknown character property name {{{name}}}"));
        }
    }
    for prefix in ["sc=", "script="] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return script(rest, name);
        }
    }
    if let Some(s) = posix(name, unicode_classes).or_else(|| category_mask(name).map(cat)) {
        return Ok(s);
    }
    if let Some(s) = java_class(name) {
        return Ok(s);
    }
    if name.starts_with("java") {
        return Err(format!(
            "mockgate does not support the character class \\p{{{name}}} (Java does)"
        ));
    }
    Err(format!("Unknown character property name {{{name}}}"))
}

fn unsupported_block(name: &str) -> String {
    format!("mockgate does not support Unicode blocks such as \\p{{In{name}}} (Java does)")
}

/// Scripts: only Latin, by far the one templates use (Scripts.txt ranges
/// below); others would need a script table in the wasm module.
fn script(name: &str, full: &str) -> Result<Set, String> {
    match name.to_ascii_uppercase().as_str() {
        "LATIN" | "LATN" => Ok(Set::Prop(Prop::Table(LATIN))),
        _ => Err(format!(
            "mockgate does not support the Unicode script in \\p{{{full}}} (only Latin; Java supports all)"
        )),
    }
}

/// POSIX classes: US-ASCII, unless UNICODE_CHARACTER_CLASS.
fn posix(name: &str, unicode: bool) -> Option<Set> {
    let blank = || {
        if unicode {
            union(vec![ranges(&[('\t', '\t')]), cat(gc::ZS)])
        } else {
            ranges(&[(' ', ' '), ('\t', '\t')])
        }
    };
    let cntrl = || {
        if unicode {
            cat(gc::CC)
        } else {
            ranges(&[('\0', '\u{1f}'), ('\u{7f}', '\u{7f}')])
        }
    };
    let graph = || {
        if unicode {
            Set::Not(Box::new(union(vec![
                Set::Prop(Prop::WhiteSpace),
                cat(gc::CC | gc::CS | gc::CN),
            ])))
        } else {
            ranges(&[('!', '~')])
        }
    };
    Some(match (name, unicode) {
        ("ASCII", _) => ranges(&[('\0', '\u{7f}')]),
        ("Lower", false) => ranges(&[('a', 'z')]),
        ("Lower", true) => Set::Prop(Prop::Lowercase),
        ("Upper", false) => ranges(&[('A', 'Z')]),
        ("Upper", true) => Set::Prop(Prop::Uppercase),
        ("Alpha", false) => ranges(&[('a', 'z'), ('A', 'Z')]),
        ("Alpha", true) => Set::Prop(Prop::Alphabetic),
        ("Digit", false) => ranges(&[('0', '9')]),
        ("Digit", true) => cat(gc::ND),
        ("Alnum", false) => ranges(&[('a', 'z'), ('A', 'Z'), ('0', '9')]),
        ("Alnum", true) => union(vec![Set::Prop(Prop::Alphabetic), cat(gc::ND)]),
        ("Punct", false) => ranges(&[('!', '/'), (':', '@'), ('[', '`'), ('{', '~')]),
        ("Punct", true) => cat(gc::P),
        ("Graph", _) => graph(),
        ("Print", false) => ranges(&[(' ', '~')]),
        ("Print", true) => Set::Intersect(vec![
            union(vec![graph(), blank()]),
            Set::Not(Box::new(cntrl())),
        ]),
        ("Blank", _) => blank(),
        ("Cntrl", _) => cntrl(),
        ("XDigit", false) => ranges(&[('0', '9'), ('a', 'f'), ('A', 'F')]),
        ("XDigit", true) => union(vec![cat(gc::ND), Set::Prop(Prop::Table(HEX_DIGIT))]),
        ("Space", false) => ranges(ASCII_SPACE),
        ("Space", true) => Set::Prop(Prop::WhiteSpace),
        _ => return None,
    })
}

/// `\p{javaX}`: the `java.lang.Character.isX` predicates.
fn java_class(name: &str) -> Option<Set> {
    Some(match name {
        "javaLowerCase" => Set::Prop(Prop::Lowercase),
        "javaUpperCase" => Set::Prop(Prop::Uppercase),
        "javaTitleCase" => cat(gc::LT),
        "javaWhitespace" => Set::Prop(Prop::JavaWhitespace),
        "javaLetter" => cat(gc::L),
        "javaDigit" => cat(gc::ND),
        "javaLetterOrDigit" => cat(gc::L | gc::ND),
        "javaAlphabetic" => Set::Prop(Prop::Alphabetic),
        "javaSpaceChar" => cat(gc::Z),
        "javaISOControl" => ranges(&[('\0', '\u{1f}'), ('\u{7f}', '\u{9f}')]),
        "javaDefined" => Set::Not(Box::new(cat(gc::CN))),
        "javaIdeographic" => Set::Prop(Prop::Table(IDEOGRAPHIC)),
        _ => return None,
    })
}

/// `\p{IsX}` for Java's binary properties (names are case-insensitive,
/// `_` and spaces optional only where Java lists both spellings).
fn binary_property(name: &str) -> Option<Set> {
    Some(match name.to_ascii_uppercase().as_str() {
        "ALPHABETIC" => Set::Prop(Prop::Alphabetic),
        "LOWERCASE" => Set::Prop(Prop::Lowercase),
        "UPPERCASE" => Set::Prop(Prop::Uppercase),
        "TITLECASE" => cat(gc::LT),
        "WHITESPACE" | "WHITE_SPACE" => Set::Prop(Prop::WhiteSpace),
        "HEXDIGIT" | "HEX_DIGIT" => Set::Prop(Prop::Table(HEX_DIGIT)),
        "IDEOGRAPHIC" => Set::Prop(Prop::Table(IDEOGRAPHIC)),
        "JOINCONTROL" | "JOIN_CONTROL" => ranges(&[('\u{200c}', '\u{200d}')]),
        "ASSIGNED" => Set::Not(Box::new(cat(gc::CN))),
        "CONTROL" => cat(gc::CC),
        "LETTER" => cat(gc::L),
        "DIGIT" => cat(gc::ND),
        "PUNCTUATION" => cat(gc::P),
        "NONCHARACTERCODEPOINT" | "NONCHARACTER_CODE_POINT" => Set::Prop(Prop::Table(NONCHARACTER)),
        "ALNUM" => union(vec![Set::Prop(Prop::Alphabetic), cat(gc::ND)]),
        "BLANK" => union(vec![ranges(&[('\t', '\t')]), cat(gc::ZS)]),
        "WORD" => union(vec![
            Set::Prop(Prop::Alphabetic),
            cat(gc::M | gc::ND | gc::PC),
            ranges(&[('\u{200c}', '\u{200d}')]),
        ]),
        _ => return None,
    })
}

// Ranges from Unicode's PropList.txt and Scripts.txt (Unicode 15).

const HEX_DIGIT: &[(u32, u32)] = &[
    (0x30, 0x39),
    (0x41, 0x46),
    (0x61, 0x66),
    (0xFF10, 0xFF19),
    (0xFF21, 0xFF26),
    (0xFF41, 0xFF46),
];

const NONCHARACTER: &[(u32, u32)] = &[
    (0xFDD0, 0xFDEF),
    (0xFFFE, 0xFFFF),
    (0x1FFFE, 0x1FFFF),
    (0x2FFFE, 0x2FFFF),
    (0x3FFFE, 0x3FFFF),
    (0x4FFFE, 0x4FFFF),
    (0x5FFFE, 0x5FFFF),
    (0x6FFFE, 0x6FFFF),
    (0x7FFFE, 0x7FFFF),
    (0x8FFFE, 0x8FFFF),
    (0x9FFFE, 0x9FFFF),
    (0xAFFFE, 0xAFFFF),
    (0xBFFFE, 0xBFFFF),
    (0xCFFFE, 0xCFFFF),
    (0xDFFFE, 0xDFFFF),
    (0xEFFFE, 0xEFFFF),
    (0xFFFFE, 0xFFFFF),
    (0x10FFFE, 0x10FFFF),
];

/// Ideographic, approximated by whole blocks (a few unassigned code points
/// in them match too).
const IDEOGRAPHIC: &[(u32, u32)] = &[
    (0x3006, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303A),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
    (0x16FE4, 0x16FE4),
    (0x17000, 0x18CD5),
    (0x18D00, 0x18D08),
    (0x1B170, 0x1B2FB),
    (0x20000, 0x323AF),
];

const LATIN: &[(u32, u32)] = &[
    (0x41, 0x5A),
    (0x61, 0x7A),
    (0xAA, 0xAA),
    (0xBA, 0xBA),
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x2B8),
    (0x2E0, 0x2E4),
    (0x1D00, 0x1D25),
    (0x1D2C, 0x1D5C),
    (0x1D62, 0x1D65),
    (0x1D6B, 0x1D77),
    (0x1D79, 0x1DBE),
    (0x1E00, 0x1EFF),
    (0x2071, 0x2071),
    (0x207F, 0x207F),
    (0x2090, 0x209C),
    (0x212A, 0x212B),
    (0x2132, 0x2132),
    (0x214E, 0x214E),
    (0x2160, 0x2188),
    (0x2C60, 0x2C7F),
    (0xA722, 0xA787),
    (0xA78B, 0xA7CA),
    (0xA7D0, 0xA7D1),
    (0xA7D3, 0xA7D3),
    (0xA7D5, 0xA7D9),
    (0xA7F2, 0xA7FF),
    (0xAB30, 0xAB5A),
    (0xAB5C, 0xAB64),
    (0xAB66, 0xAB69),
    (0xFB00, 0xFB06),
    (0xFF21, 0xFF3A),
    (0xFF41, 0xFF5A),
    (0x10780, 0x10785),
    (0x10787, 0x107B0),
    (0x107B2, 0x107BA),
    (0x1DF00, 0x1DF1E),
    (0x1DF25, 0x1DF2A),
];
