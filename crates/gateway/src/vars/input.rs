//! `$input`: the payload and parameters a mapping template reads
//! (api-gateway-mapping-template-reference.md, "$input Variables").
//! In a request template the payload is the method request body; in a
//! response template it is the integration response body. The parameters
//! are the method request's in both.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use indexmap::IndexMap;
use mockgate_velocity::value::changes;
use mockgate_velocity::value::json::{from_json, parse_json, to_json_text};
use mockgate_velocity::{same_text, HostObject, Value};

use super::jsonpath;
use super::string_arg;
use crate::json_lenient::{parse_permissive, ParseError};
use crate::request::MultiMap;

/// The method request parameters `$input.params()` exposes.
#[derive(Clone, Debug, Default)]
pub struct Params {
    pub path: IndexMap<String, String>,
    pub querystring: MultiMap,
    pub header: MultiMap,
}

/// What `$input.json` and `$input.path` may produce in one template,
/// together: each call copies its selection, so a loop over a large payload
/// would otherwise run for hours within the step limit (inference: AWS
/// bounds a template's run time instead).
pub const MAX_INPUT_READ_BYTES: usize = 256 << 20;

pub struct InputHost {
    /// Shared, not copied: a caller that renders the same body again
    /// (the playground, on every keystroke) hands the same text, and the
    /// payload cache below then knows it without comparing (see
    /// [`parse_cached`]); `$input.body` is this text too.
    body: Rc<str>,
    params: Rc<Params>,
    parsed: RefCell<Option<Result<Rc<Payload>, ParseError>>>,
    /// `$input.body` as a value, made once: a template may read it in a
    /// loop, and copying a 10 MB payload per read would hang the render.
    body_value: RefCell<Option<Value>>,
    /// Bytes `$input.json` / `$input.path` have produced in this render
    /// (see MAX_INPUT_READ_BYTES).
    read: Cell<usize>,
    /// The first payload parse failure, so the pipeline can answer as AWS
    /// does (400 "Could not process payload...": toqoz-2015-122ff6ce).
    payload_error: RefCell<Option<String>>,
}

impl InputHost {
    pub fn new(body: impl Into<Rc<str>>, params: Rc<Params>) -> InputHost {
        InputHost {
            body: body.into(),
            params,
            parsed: RefCell::new(None),
            body_value: RefCell::new(None),
            read: Cell::new(0),
            payload_error: RefCell::new(None),
        }
    }

    pub fn payload_error(&self) -> Option<String> {
        self.payload_error.borrow().clone()
    }

    /// `$input.body`: the raw payload; an empty payload reads as `{}`
    /// (evidence ls-http-echo-input-body-*-empty-body, ls-sqs-input-body-empty-no-content-type).
    pub fn body(&self) -> &str {
        if self.body.is_empty() {
            "{}"
        } else {
            &self.body
        }
    }

    /// The payload, read permissively (see json_lenient).
    fn payload(&self) -> Result<Rc<Payload>, String> {
        if self.parsed.borrow().is_none() {
            let r = parse_cached(&self.body, self.body());
            *self.parsed.borrow_mut() = Some(r);
        }
        match self.parsed.borrow().as_ref().expect("parsed above") {
            Ok(v) => Ok(v.clone()),
            Err(e) => {
                let msg = format!(
                    "Could not process payloadnet.minidev.json.parser.ParseException: {}",
                    e.message
                );
                self.payload_error.borrow_mut().get_or_insert(msg.clone());
                Err(msg)
            }
        }
    }

    /// What `path` selects from the payload, with its size (as
    /// [`jsonpath::approximate_size`] counts it; the whole payload's by
    /// [`jsonpath::payload_size`], the same sum). The values are the
    /// payload's own, shared (see [`Payload::values`]).
    fn select(&self, path: &str) -> Result<Option<(Value, usize)>, String> {
        let p = jsonpath::parse(path).map_err(|e| format!("Invalid JSONPath {path:?}: {e}"))?;
        let payload = self.payload()?;
        let root = payload.values();
        let weight = if p.steps.is_empty() {
            Some(*payload.weight.get_or_init(|| jsonpath::payload_size(&root)))
        } else {
            None
        };
        jsonpath::eval_weighed(&p, root, weight).map_err(|e| format!("{e}: {path}"))
    }

    /// Count `n` bytes against MAX_INPUT_READ_BYTES.
    fn charge(&self, n: usize) -> Result<(), String> {
        let total = self.read.get().saturating_add(n);
        self.read.set(total);
        if total > MAX_INPUT_READ_BYTES {
            return Err(format!(
                "$input exceeded the payload read limit ({MAX_INPUT_READ_BYTES} bytes read by $input.json and $input.path in one template)"
            ));
        }
        Ok(())
    }

    /// `$input.body` / `$input.getBody()`.
    fn body_value(&self) -> Value {
        self.body_value
            .borrow_mut()
            .get_or_insert_with(|| {
                if self.body.is_empty() {
                    Value::str(self.body())
                } else {
                    Value::Str(self.body.clone())
                }
            })
            .clone()
    }

    /// `$input.json(x)`: the selection as a JSON string. Nothing selected
    /// gives `""` (peer evidence peer-ls-input-json-path-on-non-json-body;
    /// not recorded on AWS).
    ///
    /// Written as json-smart writes it (`to_json_text`: `/` as `\/`,
    /// numbers as Java prints them, `1e7` -> `1.0E7`). Why json-smart: the
    /// payload is read by json-smart (recorded 2015: toqoz-2015-122ff6ce's
    /// `net.minidev.json.parser.ParseException`, and its permissive reading
    /// of `a=b`), and the engine prints `$input.path` arrays (json-smart
    /// JSONArrays, recorded compact: ls-tpl-input-path-format-*) with the
    /// same writer, so `$input.json('$.a')` and `$input.path('$.a')` agree.
    /// No AWS recording shows `$input.json` byte for byte with a `/` or an
    /// exponent (all compare as JSON, where `\/` reads as `/`): inference.
    pub fn json(&self, path: &str) -> Result<String, String> {
        let s = match self.select(path)? {
            Some((v, _)) => to_json_text(&v),
            None => "\"\"".to_string(),
        };
        self.charge(s.len())?;
        Ok(s)
    }

    /// `$input.path(x)`: the selection as a value templates can walk.
    /// Nothing selected is null (evidence ls-tpl-input-path-format-invalid-path-empty-body).
    pub fn path(&self, path: &str) -> Result<Value, String> {
        Ok(match self.select(path)? {
            Some((v, weight)) => {
                self.charge(weight)?;
                v
            }
            None => Value::Null,
        })
    }

    /// `$input.params()`: {path, querystring, header}, each name -> value.
    pub fn all_params(&self) -> Value {
        let mut m = IndexMap::new();
        m.insert(
            "path".to_string(),
            Value::map(
                self.params
                    .path
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::str(v)))
                    .collect(),
            ),
        );
        m.insert("querystring".to_string(), singles(&self.params.querystring));
        m.insert("header".to_string(), singles(&self.params.header));
        Value::map(m)
    }

    /// `$input.params(x)`: path, then query string, then header (header
    /// names case-insensitive); absent is the empty string (evidence
    /// ls-testinvoke-mock-get-pets-id-bad-path renders `""`).
    pub fn param(&self, name: &str) -> String {
        if let Some(v) = self.params.path.get(name) {
            return v.clone();
        }
        if let Some(v) = self.params.querystring.get(name) {
            return v.to_string();
        }
        if let Some(v) = self.params.header.get_ci(name) {
            return v.to_string();
        }
        String::new()
    }
}

/// A parsed payload as the values templates walk.
///
/// `$input.path` hands out the payload's own values instead of a copy per
/// read: copying was most of a render (photos-100: a 20 KB payload read
/// once per render; transform: 1 MB). Templates can change what they get
/// (`$input.path('$').items.add(1)`), and then a later read must not see
/// the change (each read on AWS selects from the payload afresh; mockgate
/// has always given each read its own values). So the values are made
/// again from the payload's text when any list or map anywhere has changed
/// since they were last handed out ([`mockgate_velocity::value::changes`]):
/// a template that changes nothing shares one set of values across all its
/// reads and across renders.
struct Payload {
    /// The text read (`{}` for an empty body).
    text: Rc<str>,
    values: RefCell<Value>,
    /// `changes()` when `values` were last handed out (None: not yet).
    handed_out_at: Cell<Option<u64>>,
    /// The whole payload's size for the JSONPath limits, weighed once.
    weight: OnceCell<usize>,
}

impl Payload {
    fn parse(text: Rc<str>) -> Result<Payload, ParseError> {
        Ok(Payload {
            values: RefCell::new(read_payload(&text)?),
            text,
            handed_out_at: Cell::new(None),
            weight: OnceCell::new(),
        })
    }

    /// The payload's values, as parsed: made afresh if something may have
    /// changed them since they were handed out.
    fn values(&self) -> Value {
        let now = changes();
        if self.handed_out_at.get().is_some_and(|at| at != now) {
            // It was read once; it reads the same again.
            let again = read_payload(&self.text).unwrap_or(Value::Null);
            *self.values.borrow_mut() = again;
        }
        self.handed_out_at.set(Some(now));
        self.values.borrow().clone()
    }
}

thread_local! {
    /// The last payload parsed, by its text: the playground evaluates on
    /// every keystroke of a template while the body stays the same, and
    /// parsing is most of a render over a large body.
    static LAST_PAYLOAD: RefCell<Option<(Rc<str>, Rc<Payload>)>> = const { RefCell::new(None) };
}

/// The payload of `body` (read as `text`: `{}` for an empty body), from
/// the cache when it is the last one parsed.
fn parse_cached(body: &Rc<str>, text: &str) -> Result<Rc<Payload>, ParseError> {
    let hit = LAST_PAYLOAD.with(|last| match &*last.borrow() {
        Some((seen, v)) if Rc::ptr_eq(seen, body) || same_text(seen, body) => Some(v.clone()),
        _ => None,
    });
    if let Some(v) = hit {
        return Ok(v);
    }
    let text: Rc<str> = if text.len() == body.len() {
        body.clone()
    } else {
        text.into()
    };
    let v = Rc::new(Payload::parse(text)?);
    LAST_PAYLOAD.with(|last| *last.borrow_mut() = Some((body.clone(), v.clone())));
    Ok(v)
}

/// The payload as values: strict JSON read straight into values (most
/// payloads), else the permissive reading (json_lenient) converted.
fn read_payload(text: &str) -> Result<Value, ParseError> {
    match parse_json(text) {
        Ok(v) => Ok(v),
        Err(_) => parse_permissive(text).map(|json| from_json(&json)),
    }
}

fn singles(m: &MultiMap) -> Value {
    Value::map(
        m.singles()
            .map(|(k, v)| (k.to_string(), Value::str(v)))
            .collect(),
    )
}

impl HostObject for InputHost {
    fn type_name(&self) -> &str {
        "Input"
    }

    fn property(&self, name: &str) -> Option<Value> {
        match name {
            "body" => Some(self.body_value()),
            _ => None,
        }
    }

    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        match (name, args) {
            ("body", []) | ("getBody", []) => Ok(Some(self.body_value())),
            ("json", [p]) => match string_arg(p) {
                Some(p) => self.json(&p).map(|s| Some(Value::str(s))),
                None => Err("JSONPath must not be null".into()),
            },
            ("path", [p]) => match string_arg(p) {
                Some(p) => self.path(&p).map(Some),
                None => Err("JSONPath must not be null".into()),
            },
            ("params", []) => Ok(Some(self.all_params())),
            ("params", [n]) => Ok(Some(Value::str(
                self.param(&string_arg(n).unwrap_or_default()),
            ))),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(body: &str) -> InputHost {
        let mut p = Params::default();
        p.path.insert("petId".into(), "42".into());
        p.querystring.insert("scope", "internal".into());
        p.header.insert("X-Thing", "h".into());
        InputHost::new(body.to_string(), Rc::new(p))
    }

    #[test]
    fn body_and_json() {
        assert_eq!(host("").body(), "{}");
        assert_eq!(host("").json("$").unwrap(), "{}");
        assert_eq!(
            host("{\"a\": {\"b\": 1}}").json("$.a").unwrap(),
            "{\"b\":1}"
        );
        // toqoz-2015-0dce6fa3: a non-JSON body is a JSON string.
        assert_eq!(host("a=b").json("$").unwrap(), "\"a=b\"");
        assert_eq!(host("not json").json("$.message").unwrap(), "\"\"");
        let h = host("{a");
        assert!(h.json("$").is_err());
        assert_eq!(
            h.payload_error().unwrap(),
            "Could not process payloadnet.minidev.json.parser.ParseException: Unexpected End Of File position 1: null"
        );
    }

    #[test]
    fn json_is_written_as_json_smart_writes_it() {
        // The same text the engine prints for the $input.path JSONArray.
        let h = host(r#"{"links": ["http://a/b"], "n": 1e7, "f": 1.50, "i": 12, "c": "\u0001é"}"#);
        assert_eq!(h.json("$.links").unwrap(), r#"["http:\/\/a\/b"]"#);
        assert_eq!(
            h.json("$.links").unwrap(),
            h.path("$.links").unwrap().to_java_string()
        );
        assert_eq!(
            h.json("$").unwrap(),
            r#"{"links":["http:\/\/a\/b"],"n":1.0E7,"f":1.5,"i":12,"c":"\u0001é"}"#
        );
    }

    #[test]
    fn params_lookup_order() {
        let h = host("");
        assert_eq!(h.param("petId"), "42");
        assert_eq!(h.param("scope"), "internal");
        assert_eq!(h.param("x-thing"), "h");
        assert_eq!(h.param("nope"), "");
    }

    fn list_of(v: &Value) -> mockgate_velocity::ListRef {
        match v {
            Value::Map(m) => match m.borrow().entries.get("items") {
                Some(Value::List(l)) => l.clone(),
                other => panic!("items is {other:?}"),
            },
            other => panic!("payload is {other:?}"),
        }
    }

    #[test]
    fn reads_share_the_payload_while_nothing_changes() {
        let body = r#"{"items": [1, 2]}"#;
        let a = host(body).path("$").unwrap();
        let b = host(body).path("$").unwrap();
        assert!(
            Rc::ptr_eq(&list_of(&a), &list_of(&b)),
            "a second read of an unchanged payload is not a copy"
        );
    }

    #[test]
    fn a_changed_read_is_not_seen_by_later_reads() {
        let body = r#"{"items": [1, 2], "n": "x"}"#;
        let h = host(body);
        let first = h.path("$").unwrap();
        mockgate_velocity::value::edit_list(&list_of(&first))
            .items
            .push(Value::Int(3));
        // The same render reads again: AWS selects from the payload anew.
        assert_eq!(h.path("$.items").unwrap().to_java_string(), "[1,2]");
        assert_eq!(h.json("$").unwrap(), r#"{"items":[1,2],"n":"x"}"#);
        // What was handed out keeps its change.
        assert_eq!(Value::List(list_of(&first)).to_java_string(), "[1,2,3]");
        // The next render (same body, so the same cached payload) too.
        let again = host(body).path("$").unwrap();
        assert_eq!(Value::List(list_of(&again)).to_java_string(), "[1,2]");
        assert!(!Rc::ptr_eq(&list_of(&first), &list_of(&again)));
    }

    #[test]
    fn a_new_body_with_the_same_text_hits_the_payload_cache() {
        let a = host(r#"{"items": [1, 2]}"#).path("$").unwrap();
        // The same text in another allocation.
        let again = String::from(r#"{"items": [1, 2]}"#);
        let b = host(&again).path("$").unwrap();
        assert!(Rc::ptr_eq(&list_of(&a), &list_of(&b)));
        let c = host(r#"{"items": [1, 3]}"#).path("$").unwrap();
        assert_eq!(Value::List(list_of(&c)).to_java_string(), "[1,3]");
    }

    #[test]
    fn read_limit_counts_shared_reads() {
        // Sharing does not make reads free for MAX_INPUT_READ_BYTES: each
        // read is charged the selection's size, as when reads were copies.
        let h = host(r#"{"s": "abcdef"}"#);
        h.path("$").unwrap();
        let one = h.read.get();
        assert!(one >= 6 + 8, "{one}");
        h.path("$").unwrap();
        assert_eq!(h.read.get(), 2 * one);
    }
}
