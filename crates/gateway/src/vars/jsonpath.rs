//! JSONPath as `$input.json(x)` / `$input.path(x)` accept it (Jayway
//! JsonPath, which the guide links): `$`, `.name`, `['name']`, `["name"]`,
//! `[0]`, `[-1]`, `[*]`, `.*`, `..name` (deep scan), `[a,b]`, `[1:3]`.
//! A path without a leading `$` is read as `$.` + path, as Jayway does.
//! A definite path (no wildcard, scan, union or slice) yields one value or
//! nothing; an indefinite one yields the list of matches.

use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Name(String),
    Index(i64),
    Wildcard,
    Names(Vec<String>),
    Indices(Vec<i64>),
    Slice(Option<i64>, Option<i64>),
    Scan(Box<Step>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub steps: Vec<Step>,
}

impl Path {
    pub fn is_definite(&self) -> bool {
        self.steps
            .iter()
            .all(|s| matches!(s, Step::Name(_) | Step::Index(_)))
    }
}

pub fn parse(src: &str) -> Result<Path, String> {
    let s = src.trim();
    let rest: &str = if let Some(r) = s.strip_prefix('$') {
        r
    } else if s.is_empty() {
        ""
    } else if s.starts_with('[') || s.starts_with('.') {
        s
    } else {
        return parse(&format!("$.{s}"));
    };
    let b = rest.as_bytes();
    let mut i = 0;
    let mut steps = Vec::new();
    while i < b.len() {
        match b[i] {
            b'.' => {
                let scan = b.get(i + 1) == Some(&b'.');
                i += if scan { 2 } else { 1 };
                let step = if b.get(i) == Some(&b'[') {
                    let (st, ni) = bracket(rest, i)?;
                    i = ni;
                    st
                } else if b.get(i) == Some(&b'*') {
                    i += 1;
                    Step::Wildcard
                } else {
                    let start = i;
                    while i < b.len() && b[i] != b'.' && b[i] != b'[' {
                        i += 1;
                    }
                    if start == i {
                        return Err(format!("Path must not end with a '.' or '..': {src}"));
                    }
                    Step::Name(rest[start..i].to_string())
                };
                steps.push(if scan {
                    Step::Scan(Box::new(step))
                } else {
                    step
                });
            }
            b'[' => {
                let (st, ni) = bracket(rest, i)?;
                i = ni;
                steps.push(st);
            }
            b' ' => i += 1,
            _ => {
                return Err(format!(
                    "Could not parse token starting at position {} in path: {src}",
                    i + 1
                ))
            }
        }
    }
    Ok(Path { steps })
}

/// `[...]` starting at `i` (the `[`): the step and the index after `]`.
fn bracket(s: &str, i: usize) -> Result<(Step, usize), String> {
    let b = s.as_bytes();
    let mut j = i + 1;
    let mut in_quote: Option<u8> = None;
    while j < b.len() {
        match (in_quote, b[j]) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), b'\\') => j += 1,
            (None, q @ (b'\'' | b'"')) => in_quote = Some(q),
            (None, b']') => break,
            _ => {}
        }
        j += 1;
    }
    if j >= b.len() {
        return Err(format!("Path is missing a closing ']': {s}"));
    }
    let inner = s[i + 1..j].trim();
    let next = j + 1;
    if inner == "*" {
        return Ok((Step::Wildcard, next));
    }
    if inner.starts_with('?') {
        return Err("JSONPath filter expressions ([?(...)]) are not supported by mockgate".into());
    }
    let parts = split_top(inner);
    if parts
        .iter()
        .all(|p| p.starts_with('\'') || p.starts_with('"'))
    {
        let names: Vec<String> = parts
            .iter()
            .map(|p| {
                let p = p.trim();
                let mut cs = p.chars();
                let q = cs.next();
                let inner: String = cs.collect();
                let inner = match q {
                    Some(q) => inner.strip_suffix(q).unwrap_or(&inner).to_string(),
                    None => inner,
                };
                inner.replace("\\'", "'").replace("\\\"", "\"")
            })
            .collect();
        return Ok((
            if names.len() == 1 {
                Step::Name(names[0].clone())
            } else {
                Step::Names(names)
            },
            next,
        ));
    }
    if inner.contains(':') {
        let mut it = inner.splitn(3, ':');
        let a = it.next().unwrap_or("").trim();
        let z = it.next().unwrap_or("").trim();
        let num = |t: &str| -> Result<Option<i64>, String> {
            if t.is_empty() {
                Ok(None)
            } else {
                t.parse()
                    .map(Some)
                    .map_err(|_| format!("Invalid array slice: [{inner}]"))
            }
        };
        return Ok((Step::Slice(num(a)?, num(z)?), next));
    }
    let idx: Result<Vec<i64>, _> = parts.iter().map(|p| p.trim().parse::<i64>()).collect();
    match idx {
        Ok(v) if v.len() == 1 => Ok((Step::Index(v[0]), next)),
        Ok(v) => Ok((Step::Indices(v), next)),
        Err(_) => Err(format!("Could not parse token [{inner}] in path: {s}")),
    }
}

fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut q: Option<char> = None;
    for c in s.chars() {
        match (q, c) {
            (Some(qq), c) if c == qq => {
                q = None;
                cur.push(c)
            }
            (None, '\'' | '"') => {
                q = Some(c);
                cur.push(c)
            }
            (None, ',') => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// Steps in one path. Jayway sets none; a bound keeps a hostile path
/// from costing more to parse and run than the payload it reads (inference).
pub const MAX_JSONPATH_STEPS: usize = 256;
/// Values one evaluation may visit and select, together: unions and deep
/// scans multiply (`$[0,0,0][0,0,0]...` over nested arrays grows
/// exponentially), so the work is bounded, not only the payload.
pub const MAX_JSONPATH_MATCHES: usize = 1_000_000;
/// Bytes (roughly: string lengths plus 8 per value) of what one evaluation
/// selects: `$..*` over a deep payload selects every subtree, which can be
/// far larger than the payload itself.
pub const MAX_JSONPATH_RESULT_BYTES: usize = 16 << 20;

/// Evaluate: `Ok(None)` when a definite path finds nothing; an error
/// naming the limit when one of the bounds above is exceeded.
pub fn eval(path: &Path, root: &Value) -> Result<Option<Value>, String> {
    if path.steps.len() > MAX_JSONPATH_STEPS {
        return Err(format!(
            "JSONPath exceeded the JSONPath depth limit ({MAX_JSONPATH_STEPS} steps)"
        ));
    }
    let mut budget = MAX_JSONPATH_MATCHES;
    let mut cur: Vec<&Value> = vec![root];
    for step in &path.steps {
        let mut next = Vec::new();
        for v in cur {
            if !apply(step, v, &mut next, &mut budget) {
                return Err(format!(
                    "JSONPath exceeded the JSONPath match limit ({MAX_JSONPATH_MATCHES} values)"
                ));
            }
        }
        cur = next;
    }
    let mut bytes = MAX_JSONPATH_RESULT_BYTES;
    if !cur.iter().all(|v| weigh(v, &mut bytes)) {
        return Err(format!(
            "JSONPath exceeded the JSONPath result size limit ({MAX_JSONPATH_RESULT_BYTES} bytes)"
        ));
    }
    Ok(if path.is_definite() {
        cur.into_iter().next().cloned()
    } else {
        Some(Value::Array(cur.into_iter().cloned().collect()))
    })
}

/// `v`'s size as the result size limit counts it (string lengths plus 8
/// per value).
pub fn approximate_size(v: &Value) -> usize {
    let mut budget = usize::MAX;
    weigh(v, &mut budget);
    usize::MAX - budget
}

/// Take `v`'s approximate size from `budget`; false once it runs out (so
/// the cost of weighing is bounded by the budget too).
fn weigh(v: &Value, budget: &mut usize) -> bool {
    let own = 8 + match v {
        Value::String(s) => s.len(),
        _ => 0,
    };
    let Some(left) = budget.checked_sub(own) else {
        return false;
    };
    *budget = left;
    match v {
        Value::Array(a) => a.iter().all(|x| weigh(x, budget)),
        Value::Object(o) => o.iter().all(|(k, x)| {
            *budget = budget.saturating_sub(k.len());
            weigh(x, budget)
        }),
        _ => true,
    }
}

fn index_of(len: usize, i: i64) -> Option<usize> {
    let n = len as i64;
    let k = if i < 0 { n + i } else { i };
    (0..n).contains(&k).then_some(k as usize)
}

/// Apply one step to `v`, pushing its matches; false when `budget` (values
/// visited and selected) runs out.
fn apply<'a>(step: &Step, v: &'a Value, out: &mut Vec<&'a Value>, budget: &mut usize) -> bool {
    let before = out.len();
    match step {
        Step::Name(n) => {
            if let Some(x) = v.as_object().and_then(|o| o.get(n)) {
                out.push(x)
            }
        }
        Step::Names(ns) => {
            if let Some(o) = v.as_object() {
                out.extend(ns.iter().filter_map(|n| o.get(n)));
            }
        }
        Step::Index(i) => {
            if let Some(a) = v.as_array() {
                if let Some(k) = index_of(a.len(), *i) {
                    out.push(&a[k]);
                }
            }
        }
        Step::Indices(is) => {
            if let Some(a) = v.as_array() {
                out.extend(
                    is.iter()
                        .filter_map(|i| index_of(a.len(), *i))
                        .map(|k| &a[k]),
                );
            }
        }
        Step::Wildcard => match v {
            Value::Array(a) => out.extend(a.iter()),
            Value::Object(o) => out.extend(o.values()),
            _ => {}
        },
        Step::Slice(a, z) => {
            if let Some(arr) = v.as_array() {
                let n = arr.len() as i64;
                let norm = |x: i64| if x < 0 { (n + x).max(0) } else { x.min(n) };
                let s = a.map_or(0, norm);
                let e = z.map_or(n, norm);
                if s < e {
                    out.extend(arr[s as usize..e as usize].iter());
                }
            }
        }
        Step::Scan(inner) => return scan(inner, v, out, budget),
    }
    take(budget, 1 + out.len() - before)
}

fn take(budget: &mut usize, n: usize) -> bool {
    match budget.checked_sub(n) {
        Some(left) => {
            *budget = left;
            true
        }
        None => false,
    }
}

fn scan<'a>(inner: &Step, v: &'a Value, out: &mut Vec<&'a Value>, budget: &mut usize) -> bool {
    if !apply(inner, v, out, budget) {
        return false;
    }
    match v {
        Value::Array(a) => a.iter().all(|x| scan(inner, x, out, budget)),
        Value::Object(o) => o.values().all(|x| scan(inner, x, out, budget)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(p: &str, v: &Value) -> Option<Value> {
        eval(&parse(p).unwrap(), v).unwrap()
    }

    #[test]
    fn definite_paths() {
        let v = json!({"a": {"b": [10, 20, {"c": "x"}]}, "k y": 1});
        assert_eq!(q("$", &v), Some(v.clone()));
        assert_eq!(q("$.a.b[1]", &v), Some(json!(20)));
        assert_eq!(q("$['a']['b'][-1].c", &v), Some(json!("x")));
        assert_eq!(q("$[\"k y\"]", &v), Some(json!(1)));
        assert_eq!(q("a.b[0]", &v), Some(json!(10)));
        assert_eq!(q("$.nope", &v), None);
        assert_eq!(q("$.a.b[9]", &v), None);
        // Evidence ls-kinesis-foreach-range-null-compare builds "$.records[${idx}]".
        assert_eq!(
            q(
                "$.records[2].data",
                &json!({"records": [{}, {}, {"data": "z"}]})
            ),
            Some(json!("z"))
        );
    }

    #[test]
    fn indefinite_paths() {
        let v = json!({"pets": [{"id": 1}, {"id": 2}, {"id": 3}]});
        assert_eq!(q("$.pets[*].id", &v), Some(json!([1, 2, 3])));
        assert_eq!(q("$..id", &v), Some(json!([1, 2, 3])));
        assert_eq!(q("$.pets[0:2].id", &v), Some(json!([1, 2])));
        assert_eq!(q("$.pets[0,2].id", &v), Some(json!([1, 3])));
        assert_eq!(q("$.missing[*]", &v), Some(json!([])));
    }

    #[test]
    fn odd_input_never_panics() {
        for p in [
            "$['é",
            "$[\"é]",
            "$[é]",
            "$..",
            "[",
            "$['a','é",
            "é",
            "$.é[0]",
            "$[1:é]",
            "$[,]",
        ] {
            let _ = parse(p).map(|path| eval(&path, &json!({"é": [1]})));
        }
        assert_eq!(q("$['é']", &json!({"é": 1})), Some(json!(1)));
    }

    #[test]
    fn bad_paths_are_errors() {
        assert!(parse("$.a[").is_err());
        assert!(parse("$.a.").is_err());
        assert!(parse("$[?(@.a)]").is_err());
    }
}
