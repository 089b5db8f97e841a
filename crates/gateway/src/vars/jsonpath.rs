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

/// A JSON document JSONPath can walk: a handle to one of its values.
/// Implemented for serde_json's tree (request and response parameter
/// mappings) and for the engine's values (`$input.path` and `$input.json`
/// walk the payload as values, so that a selection can share the payload's
/// values instead of copying them).
pub trait Tree: Clone {
    /// What an evaluation returns: an owned value.
    type Owned;
    /// The member `name` of an object.
    fn member(&self, name: &str) -> Option<Self>;
    /// An array's length (`None` for anything else).
    fn array_len(&self) -> Option<usize>;
    /// Item `i` of an array.
    fn item(&self, i: usize) -> Option<Self>;
    /// Call `f` with each of an array's items or an object's member values
    /// (and the member's key length, 0 for an item), in order, until it
    /// returns false; false if it did.
    fn each_child(&self, f: &mut dyn FnMut(usize, &Self) -> bool) -> bool;
    /// Bytes of this value alone for the size limit: 8, plus a string's
    /// length.
    fn own_weight(&self) -> usize;
    fn into_owned(self) -> Self::Owned;
    /// The list an indefinite path yields.
    fn array_of(items: Vec<Self>) -> Self::Owned;
}

impl Tree for &Value {
    type Owned = Value;
    fn member(&self, name: &str) -> Option<Self> {
        self.as_object()?.get(name)
    }
    fn array_len(&self) -> Option<usize> {
        self.as_array().map(Vec::len)
    }
    fn item(&self, i: usize) -> Option<Self> {
        self.as_array()?.get(i)
    }
    fn each_child(&self, f: &mut dyn FnMut(usize, &Self) -> bool) -> bool {
        match self {
            Value::Array(a) => a.iter().all(|x| f(0, &x)),
            Value::Object(o) => o.iter().all(|(k, x)| f(k.len(), &x)),
            _ => true,
        }
    }
    fn own_weight(&self) -> usize {
        8 + match self {
            Value::String(s) => s.len(),
            _ => 0,
        }
    }
    fn into_owned(self) -> Value {
        self.clone()
    }
    fn array_of(items: Vec<Self>) -> Value {
        Value::Array(items.into_iter().cloned().collect())
    }
}

impl Tree for mockgate_velocity::Value {
    type Owned = mockgate_velocity::Value;
    fn member(&self, name: &str) -> Option<Self> {
        match self {
            Self::Map(m) => m.borrow().entries.get(name).cloned(),
            _ => None,
        }
    }
    fn array_len(&self) -> Option<usize> {
        match self {
            Self::List(l) => Some(l.borrow().items.len()),
            _ => None,
        }
    }
    fn item(&self, i: usize) -> Option<Self> {
        match self {
            Self::List(l) => l.borrow().items.get(i).cloned(),
            _ => None,
        }
    }
    fn each_child(&self, f: &mut dyn FnMut(usize, &Self) -> bool) -> bool {
        match self {
            Self::List(l) => l.borrow().items.iter().all(|x| f(0, x)),
            Self::Map(m) => m.borrow().entries.iter().all(|(k, x)| f(k.len(), x)),
            _ => true,
        }
    }
    fn own_weight(&self) -> usize {
        8 + match self {
            Self::Str(s) => s.len(),
            _ => 0,
        }
    }
    fn into_owned(self) -> Self {
        self
    }
    fn array_of(items: Vec<Self>) -> Self {
        Self::json_list(items)
    }
}

/// Evaluate: `Ok(None)` when a definite path finds nothing; an error
/// naming the limit when one of the bounds above is exceeded.
pub fn eval<T: Tree>(path: &Path, root: T) -> Result<Option<T::Owned>, String> {
    eval_weighed(path, root, None).map(|r| r.map(|(v, _)| v))
}

/// [`eval`], and the selection's size as [`approximate_size`] counts it.
/// `root_weight`, when known, is the root's size: a path of no steps then
/// costs nothing to weigh.
pub fn eval_weighed<T: Tree>(
    path: &Path,
    root: T,
    root_weight: Option<usize>,
) -> Result<Option<(T::Owned, usize)>, String> {
    if path.steps.len() > MAX_JSONPATH_STEPS {
        return Err(format!(
            "JSONPath exceeded the JSONPath depth limit ({MAX_JSONPATH_STEPS} steps)"
        ));
    }
    let too_large = || {
        format!(
            "JSONPath exceeded the JSONPath result size limit ({MAX_JSONPATH_RESULT_BYTES} bytes)"
        )
    };
    if path.steps.is_empty() {
        if let Some(w) = root_weight {
            if w > MAX_JSONPATH_RESULT_BYTES {
                return Err(too_large());
            }
            return Ok(Some((root.into_owned(), w)));
        }
    }
    let mut budget = MAX_JSONPATH_MATCHES;
    let mut cur: Vec<T> = vec![root];
    for step in &path.steps {
        let mut next = Vec::new();
        for v in &cur {
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
        return Err(too_large());
    }
    let weight = MAX_JSONPATH_RESULT_BYTES - bytes;
    Ok(if path.is_definite() {
        cur.into_iter().next().map(|v| (v.into_owned(), weight))
    } else {
        Some((T::array_of(cur), weight))
    })
}

/// `v`'s size as the result size limit counts it (string lengths plus 8
/// per value).
pub fn approximate_size<T: Tree>(v: &T) -> usize {
    let mut budget = usize::MAX;
    weigh(v, &mut budget);
    usize::MAX - budget
}

/// [`approximate_size`] of the engine's values, walked directly: the whole
/// payload is weighed once per body for `$input.path('$')`, and the generic
/// walk (a closure call per value) was a thirtieth of rendering a new
/// 1 MB body. The same sum: 8 per value, plus a string's length, plus
/// each map key's length.
pub fn payload_size(v: &mockgate_velocity::Value) -> usize {
    use mockgate_velocity::Value as V;
    8 + match v {
        V::Str(s) => s.len(),
        V::List(l) => l.borrow().items.iter().map(payload_size).sum(),
        V::Map(m) => m
            .borrow()
            .entries
            .iter()
            .map(|(k, x)| k.len() + payload_size(x))
            .sum(),
        _ => 0,
    }
}

/// Take `v`'s approximate size from `budget`; false once it runs out (so
/// the cost of weighing is bounded by the budget too).
fn weigh<T: Tree>(v: &T, budget: &mut usize) -> bool {
    let Some(left) = budget.checked_sub(v.own_weight()) else {
        return false;
    };
    *budget = left;
    v.each_child(&mut |key, x| {
        *budget = budget.saturating_sub(key);
        weigh(x, budget)
    })
}

fn index_of(len: usize, i: i64) -> Option<usize> {
    let n = len as i64;
    let k = if i < 0 { n + i } else { i };
    (0..n).contains(&k).then_some(k as usize)
}

/// Apply one step to `v`, pushing its matches; false when `budget` (values
/// visited and selected) runs out.
fn apply<T: Tree>(step: &Step, v: &T, out: &mut Vec<T>, budget: &mut usize) -> bool {
    let before = out.len();
    match step {
        Step::Name(n) => out.extend(v.member(n)),
        Step::Names(ns) => out.extend(ns.iter().filter_map(|n| v.member(n))),
        Step::Index(i) => {
            if let Some(len) = v.array_len() {
                out.extend(index_of(len, *i).and_then(|k| v.item(k)));
            }
        }
        Step::Indices(is) => {
            if let Some(len) = v.array_len() {
                out.extend(
                    is.iter()
                        .filter_map(|i| index_of(len, *i))
                        .filter_map(|k| v.item(k)),
                );
            }
        }
        Step::Wildcard => {
            v.each_child(&mut |_, x| {
                out.push(x.clone());
                true
            });
        }
        Step::Slice(a, z) => {
            if let Some(len) = v.array_len() {
                let n = len as i64;
                let norm = |x: i64| if x < 0 { (n + x).max(0) } else { x.min(n) };
                let s = a.map_or(0, norm);
                let e = z.map_or(n, norm);
                out.extend((s..e).filter_map(|k| v.item(k as usize)));
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

fn scan<T: Tree>(inner: &Step, v: &T, out: &mut Vec<T>, budget: &mut usize) -> bool {
    if !apply(inner, v, out, budget) {
        return false;
    }
    v.each_child(&mut |_, x| scan(inner, x, out, budget))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(p: &str, v: &Value) -> Option<Value> {
        eval(&parse(p).unwrap(), v).unwrap()
    }

    /// The direct walk and the generic one weigh the same, on serde's tree
    /// and on the engine's values.
    #[test]
    fn payload_size_is_approximate_size() {
        for text in [
            r#"{"a": {"b": [10, 20, {"c": "xyz"}]}, "k y": 1, "n": null, "t": true, "d": 1.5}"#,
            r#"[]"#,
            r#""just a string""#,
            r#"{"items": [{"id": 1, "name": "é\u00e9", "tags": ["a", "bb"]}, {"id": 2, "name": "", "tags": []}]}"#,
        ] {
            let json: Value = serde_json::from_str(text).unwrap();
            let values = mockgate_velocity::value::json::parse_json(text).unwrap();
            let want = approximate_size(&&json);
            assert_eq!(approximate_size(&values), want, "{text}");
            assert_eq!(payload_size(&values), want, "{text}");
        }
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
