//! `PreparedTemplate` and `renderMapping`: one mapping template rendered
//! with `$input` over a body and the method request's parameters, and
//! `$util`, without the integration pipeline around it. What the
//! benchmark's peers (velocityjs, airspeed) do, so `make bench` compares
//! like with like; `PreparedTemplate` holds the parsed template so a caller
//! rendering the same template many times parses it once.

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;
use mockgate_gateway::request::MultiMap;
use mockgate_gateway::vars::input::{InputHost, Params};
use mockgate_gateway::vars::util::UtilHost;
use mockgate_velocity::{Context, Limits, Template, Value};
use wasm_bindgen::prelude::*;

use crate::convert;
use crate::error::js_error;

/// A parsed mapping template, rendered as often as asked.
#[wasm_bindgen]
pub struct PreparedTemplate {
    template: Template,
}

#[wasm_bindgen]
impl PreparedTemplate {
    /// Parse `source`; a syntax error throws (the first one, with its
    /// position).
    #[wasm_bindgen(constructor)]
    pub fn new(
        source: &str,
        #[wasm_bindgen(unchecked_param_type = "string | null")] name: Option<String>,
    ) -> Result<PreparedTemplate, JsError> {
        crate::install_panic_hook();
        let name = name.as_deref().unwrap_or(crate::DEFAULT_TEMPLATE_NAME);
        let template = parse(name, source)?;
        Ok(PreparedTemplate { template })
    }

    /// The output for `body` and `params` (`{path, querystring, header}`,
    /// each name -> value; any may be left out). A runtime error throws.
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MappingParams | null")] params: JsValue,
    ) -> Result<String, JsError> {
        crate::install_panic_hook();
        let params = params_from_js(params)?;
        render(&self.template, body_text(body)?, params)
    }
}

/// Parse and render in one call: `new PreparedTemplate(source).render(body, params)`.
#[wasm_bindgen(js_name = renderMapping)]
pub fn render_mapping(
    source: &str,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MappingParams | null")] params: JsValue,
) -> Result<String, JsError> {
    crate::install_panic_hook();
    let params = params_from_js(params)?;
    let template = parse(crate::DEFAULT_TEMPLATE_NAME, source)?;
    render(&template, body_text(body)?, params)
}

/// The last JavaScript value read, and what it was read as.
type Last<T> = RefCell<Option<(JsValue, T)>>;

thread_local! {
    /// The last body passed in, as JavaScript gave it and as text here.
    static LAST_BODY: Last<Rc<str>> = const { RefCell::new(None) };
    /// The last parameters' JSON text (a JavaScript string) and what it
    /// was read as.
    static LAST_PARAMS: Last<Rc<Params>> = const { RefCell::new(None) };
}

/// What `key` reads as: kept from the last call when `key` is `===` the
/// last key (compared in JavaScript, nothing copied here), else `read`
/// and kept for the next call.
fn remembered<T: Clone>(
    last: &'static std::thread::LocalKey<Last<T>>,
    key: JsValue,
    read: impl FnOnce(&JsValue) -> Result<T, JsError>,
) -> Result<T, JsError> {
    let hit = last.with(|last| match &*last.borrow() {
        Some((seen, value)) if *seen == key => Some(value.clone()),
        _ => None,
    });
    if let Some(value) = hit {
        return Ok(value);
    }
    let value = read(&key)?;
    last.with(|last| *last.borrow_mut() = Some((key, value.clone())));
    Ok(value)
}

/// The body's text. A caller rendering again with the same body (a
/// playground re-rendering on every keystroke, a benchmark) passes a string
/// that is `===` the last one: then the text already here is used, instead
/// of copying the string into the module again (for a 1 MB body, copying
/// was a tenth of a render), and `$input`'s payload cache recognises it
/// without comparing it byte by byte.
fn body_text(body: JsValue) -> Result<Rc<str>, JsError> {
    remembered(&LAST_BODY, body, |body| match body.as_string() {
        Some(s) => Ok(s.into()),
        None if body.is_null() || body.is_undefined() => Ok("".into()),
        None => Err(js_error("body", "must be a string")),
    })
}

fn parse(name: &str, source: &str) -> Result<Template, JsError> {
    Template::parse(name, source).map_err(|errors| match errors.first() {
        Some(e) => js_error("template", e),
        None => js_error("template", "does not parse"),
    })
}

fn render(template: &Template, body: Rc<str>, params: Rc<Params>) -> Result<String, JsError> {
    let mut ctx = Context::new();
    ctx.insert("input", Value::Host(Rc::new(InputHost::new(body, params))));
    ctx.insert("util", Value::Host(Rc::new(UtilHost)));
    template
        .render_text(&mut ctx, &Limits::default())
        .map(|out| out.text)
        .map_err(|e| js_error("template", e))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// The parameters as JSON. One `JSON.stringify` call and a parse here cost
/// a fraction of walking the object property by property through the
/// bindings (which was most of a small template's render time). When the
/// text is the same as last time (compared in JavaScript, without copying
/// it here), the parameters read then are used again: reading them was a
/// third of a small template's render (seed-scope, node --cpu-prof).
fn params_from_js(params: JsValue) -> Result<Rc<Params>, JsError> {
    if params.is_null() || params.is_undefined() {
        return Ok(Rc::new(Params::default()));
    }
    let Some(text) = json_stringify(&params).ok().filter(JsValue::is_string) else {
        let json = convert::from_js("params", params)?;
        return Ok(Rc::new(
            params_from_json(&json).map_err(|e| js_error("params", e))?,
        ));
    };
    remembered(&LAST_PARAMS, text, |text| {
        let json: serde_json::Value = serde_json::from_str(&text.as_string().unwrap_or_default())
            .map_err(|e| js_error("params", e))?;
        Ok(Rc::new(
            params_from_json(&json).map_err(|e| js_error("params", e))?,
        ))
    })
}

/// `{path, querystring, header}` as `$input.params()` reads them.
pub fn params_from_json(json: &serde_json::Value) -> Result<Params, String> {
    let mut params = Params::default();
    let object = match json {
        serde_json::Value::Null => return Ok(params),
        serde_json::Value::Object(o) => o,
        other => return Err(format!("expected an object, got {other}")),
    };
    for (kind, values) in object {
        let values = match values {
            serde_json::Value::Null => continue,
            serde_json::Value::Object(v) => v,
            other => return Err(format!("{kind}: expected an object, got {other}")),
        };
        let mut strings = IndexMap::new();
        for (k, v) in values {
            let v = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            strings.insert(k.clone(), v);
        }
        match kind.as_str() {
            "path" => params.path = strings,
            "querystring" => params.querystring = multi(strings),
            "header" => params.header = multi(strings),
            other => {
                return Err(format!(
                    "unknown parameter kind {other:?} (path, querystring, header)"
                ))
            }
        }
    }
    Ok(params)
}

fn multi(strings: IndexMap<String, String>) -> MultiMap {
    let mut m = MultiMap::default();
    for (k, v) in strings {
        m.insert(&k, v);
    }
    m
}
