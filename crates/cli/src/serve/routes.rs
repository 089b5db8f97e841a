//! Matching a request path against the API's resources the way API Gateway
//! (REST) does:
//!
//! - a resource path is `/`-separated parts: literal, `{name}` (exactly one
//!   non-empty segment) or a final `{name+}` (greedy: one or more segments);
//! - among the resources that match the path *and* define the method (or
//!   `ANY`), the most specific wins, part by part: literal before `{name}`
//!   before `{name+}`, whatever the order they were created in (evidence:
//!   ls-mock-routing-order-*);
//! - so a method not defined on the matching literal resource falls through
//!   to a greedy sibling that defines it (ls-mock-routing-proxy-sibling-*);
//! - on one resource, an explicit method wins over `ANY` (inference: `ANY`
//!   is the catch-all, as the console describes it);
//! - nothing matches: the MISSING_AUTHENTICATION_TOKEN gateway response
//!   (ls-mock-routing-unknown-path-*, ls-mock-routing-wrong-method-*).

use indexmap::IndexMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Literal(String),
    Param(String),
    Greedy(String),
}

impl Part {
    /// Lower ranks are more specific.
    fn rank(&self) -> u8 {
        match self {
            Part::Literal(_) => 0,
            Part::Param(_) => 1,
            Part::Greedy(_) => 2,
        }
    }
}

/// Split a resource path template (`/pets/{petId}`, `/{proxy+}`) into parts.
pub fn parse_template(resource_path: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let segs: Vec<&str> = resource_path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, s) in segs.iter().enumerate() {
        let part = if let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            if let Some(name) = inner.strip_suffix('+') {
                if i + 1 != segs.len() {
                    return Err(format!(
                        "{resource_path}: a greedy path variable {{{name}+}} must be the last part"
                    ));
                }
                Part::Greedy(name.to_string())
            } else {
                Part::Param(inner.to_string())
            }
        } else {
            Part::Literal(s.to_string())
        };
        if let Part::Param(n) | Part::Greedy(n) = &part {
            if n.is_empty() {
                return Err(format!("{resource_path}: empty path variable name"));
            }
        }
        parts.push(part);
    }
    Ok(parts)
}

/// Match `segments` (the request path split on `/`, raw) against `parts`;
/// the path parameters on success (percent-decoded: inference, API Gateway
/// hands Lambda decoded values).
pub fn match_parts(parts: &[Part], segments: &[&str]) -> Option<IndexMap<String, String>> {
    let mut params = IndexMap::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Literal(l) => {
                if segments.get(i) != Some(&l.as_str()) {
                    return None;
                }
            }
            Part::Param(name) => {
                let s = segments.get(i)?;
                params.insert(name.clone(), percent_decode(s));
            }
            Part::Greedy(name) => {
                if segments.len() <= i {
                    return None;
                }
                params.insert(name.clone(), percent_decode(&segments[i..].join("/")));
                return Some(params);
            }
        }
    }
    (segments.len() == parts.len()).then_some(params)
}

/// Compare specificity: `Less` when `a` is more specific than `b`.
pub fn specificity(a: &[Part], b: &[Part]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        match x.rank().cmp(&y.rank()) {
            std::cmp::Ordering::Equal => {}
            other => return other,
        }
    }
    // Same kinds as far as both go: the longer template consumed more
    // segments with fixed parts.
    b.len().cmp(&a.len())
}

/// The request path's segments, empty ones dropped (a trailing `/` does not
/// make a new resource: inference).
pub fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(t: &str, p: &str) -> Option<Vec<(String, String)>> {
        match_parts(&parse_template(t).unwrap(), &segments(p)).map(|m| m.into_iter().collect())
    }

    #[test]
    fn literal_param_and_greedy() {
        assert_eq!(m("/", "/"), Some(vec![]));
        assert_eq!(m("/pets", "/pets"), Some(vec![]));
        assert_eq!(m("/pets", "/pets/1"), None);
        assert_eq!(
            m("/pets/{id}", "/pets/4%202"),
            Some(vec![("id".into(), "4 2".into())])
        );
        assert_eq!(m("/pets/{id}", "/pets"), None);
        assert_eq!(m("/{proxy+}", "/"), None);
        assert_eq!(
            m("/{proxy+}", "/a/b/c"),
            Some(vec![("proxy".into(), "a/b/c".into())])
        );
        assert_eq!(m("/a/{p+}", "/a"), None);
    }

    #[test]
    fn more_specific_first() {
        let lit = parse_template("/part1/hardcoded-value").unwrap();
        let par = parse_template("/part1/{x}").unwrap();
        let greedy = parse_template("/{param+}").unwrap();
        assert!(specificity(&lit, &par).is_lt());
        assert!(specificity(&par, &greedy).is_lt());
        assert!(specificity(&greedy, &lit).is_gt());
    }

    #[test]
    fn greedy_must_be_last() {
        assert!(parse_template("/{a+}/b").is_err());
        assert!(parse_template("/{}").is_err());
    }

    #[test]
    fn percent_decoding_keeps_bad_escapes() {
        assert_eq!(percent_decode("a%2Fb%zz%4"), "a/b%zz%4");
    }
}
