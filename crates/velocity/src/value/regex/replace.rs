//! `String.replaceAll` / `replaceFirst` (Java's replacement syntax) and
//! `String.split`.

use super::java::{java_find_all, Regex};

/// One piece of a parsed Java replacement string.
enum Piece {
    Text(String),
    Group(usize),
}

/// Java's `Matcher.appendReplacement` syntax: `$n` (the longest run of
/// digits that still names an existing group, the first digit always
/// taken), `${name}`, `\x` for a literal x. Errors read as Java's.
fn parse_replacement(re: &Regex, repl: &str) -> Result<Vec<Piece>, String> {
    let group_count = re.group_count();
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
                    re.group_index(&name).ok_or_else(|| {
                        format!("java.lang.IllegalArgumentException: No group with name {{{name}}}")
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
    let matches = java_find_all(re, input, if all { usize::MAX } else { 1 })?;
    if matches.is_empty() {
        return Ok(input.to_string());
    }
    let pieces = parse_replacement(re, replacement)?;
    let mut out = String::with_capacity(input.len());
    let mut last = 0;
    for caps in &matches {
        out.push_str(&input[last..caps.start()]);
        for piece in &pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                // A group that did not take part adds nothing.
                Piece::Group(g) => out.push_str(caps.get(*g).unwrap_or("")),
            }
        }
        last = caps.end();
    }
    out.push_str(&input[last..]);
    Ok(out)
}

/// `String.split(regex, limit)`: with `limit == 0` trailing empty strings
/// are removed; a zero-width match at the start never makes a leading
/// empty string; no match gives the whole input.
pub fn java_split(re: &Regex, input: &str, limit: i32) -> Result<Vec<String>, String> {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    let most = if limit > 0 {
        limit as usize
    } else {
        usize::MAX
    };
    // At most `most - 1` separators are used; one more match is looked
    // at only to skip a leading zero-width one.
    for m in java_find_all(re, input, most.saturating_add(1))? {
        if parts.len() + 1 >= most {
            break;
        }
        if index == 0 && m.start() == 0 && m.end() == 0 {
            continue;
        }
        parts.push(input[index..m.start()].to_string());
        index = m.end();
    }
    if index == 0 && parts.is_empty() {
        return Ok(vec![input.to_string()]);
    }
    parts.push(input[index..].to_string());
    if limit == 0 {
        while parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
    }
    Ok(parts)
}
