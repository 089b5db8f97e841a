//! Structured `evaluate` input for the fuzzer: templates are sequences of
//! tokens from a VTL / API Gateway dictionary and free text, so most runs
//! get past the parser and exercise `$input`, `$util`, `$context`, the
//! MOCK status, selection patterns and overrides.
use arbitrary::Arbitrary;
use serde_json::{json, Map, Value as Json};

const TOKENS: &[&str] = &[
    "#if(",
    "#elseif(",
    "#else",
    "#end",
    "#foreach(",
    " in ",
    "#set(",
    "#break",
    "#stop",
    "#define(",
    "#macro(",
    "#{if}(",
    "#{end}",
    "#{else}",
    "$",
    "$!",
    "${",
    "$!{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "{",
    "..",
    "[1..",
    "[0..3]",
    "[3..0]",
    "#[[",
    "]]#",
    "#*",
    "*#",
    "##",
    "\n",
    " ",
    "\\",
    "\\$",
    "\\#",
    "'",
    "\"",
    ",",
    ":",
    ".",
    "=",
    "==",
    "!=",
    "<",
    ">=",
    "&&",
    "||",
    "!",
    "+",
    "-",
    "*",
    "/",
    "%",
    "0",
    "1",
    "-1",
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "1.5",
    "1e308",
    "true",
    "false",
    "null",
    "$null",
    "$a",
    "$b",
    "$i",
    "$foreach.index",
    "$foreach.hasNext",
    "$velocityCount",
    "$input.json('$')",
    "$input.json('$.a')",
    "$input.json('$.a[0].b')",
    "$input.json('$..*')",
    "$input.path('$')",
    "$input.path('$.a')",
    "$input.path('$[*]')",
    "$input.body",
    "$input.params()",
    "$input.params('x')",
    "$input.params().header",
    "$input.params().querystring",
    "$input.params().path",
    "$input.params().header.keySet()",
    "$util.escapeJavaScript(",
    "$util.parseJson(",
    "$util.urlEncode(",
    "$util.urlDecode(",
    "$util.base64Encode(",
    "$util.base64Decode(",
    "$context.requestId",
    "$context.identity.sourceIp",
    "$context.stage",
    "$context.requestOverride.header.X",
    "$context.requestOverride.querystring.q",
    "$context.requestOverride.path.p",
    "$context.responseOverride.status",
    "$context.responseOverride.header.X",
    "$context.authorizer.claims",
    "$stageVariables.env",
    "{\"statusCode\": 200}",
    "{\"statusCode\": 500}",
    "{\"statusCode\": \"abc\"}",
    "\"statusCode\"",
    ".size()",
    ".length()",
    ".get(0)",
    ".get('a')",
    ".put('k', 1)",
    ".add(1)",
    ".keySet()",
    ".entrySet()",
    ".values()",
    ".isEmpty()",
    ".contains('a')",
    ".replaceAll('a*', 'b')",
    ".replaceAll('(a+)+$', '$1')",
    ".matches('.*')",
    ".split(',')",
    ".substring(1, 3)",
    ".substring(-1)",
    ".indexOf('a')",
    ".toUpperCase()",
    ".trim()",
    ".equals(",
    ".hashCode()",
    ".getClass()",
    ".toString()",
    ".charAt(0)",
    ".repeat(1000)",
    ".concat('x')",
    ".remove(0)",
    ".clear()",
    ".iterator()",
    ".next()",
];

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/xml",
    "text/plain",
    "application/x-www-form-urlencoded",
    "*/*",
    "",
    "application/json; charset=utf-8",
    "image/png",
];

const TYPES: &[&str] = &[
    "MOCK",
    "HTTP",
    "HTTP_PROXY",
    "AWS",
    "AWS_PROXY",
    "mock",
    "BOGUS",
];
const PASSTHROUGH: &[&str] = &["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER", "nope"];
const PATTERNS: &[&str] = &[
    "",
    "2\\d{2}",
    "4\\d{2}",
    "5\\d{2}",
    ".*",
    "(",
    "[",
    "a{99999}",
    ".*Error.*",
    "(a+)+$",
];
const PARAM_VALUES: &[&str] = &[
    "'static'",
    "method.request.header.X",
    "method.request.querystring.q",
    "method.request.path.p",
    "integration.response.header.Y",
    "integration.response.body",
    "integration.response.body.a",
    "context.requestId",
    "stageVariables.env",
    "bogus",
];

#[derive(Arbitrary, Debug)]
pub enum Tok {
    Dict(u8),
    Text(String),
}

#[derive(Arbitrary, Debug)]
pub struct Tpl(pub Vec<Tok>);

impl Tpl {
    pub fn text(&self) -> String {
        let mut s = String::new();
        for t in &self.0 {
            match t {
                Tok::Dict(i) => s.push_str(TOKENS[*i as usize % TOKENS.len()]),
                Tok::Text(x) => s.push_str(x),
            }
        }
        s
    }
}

#[derive(Arbitrary, Debug)]
pub struct Resp {
    pub status: u16,
    pub key: u16,
    pub pattern: Option<u8>,
    pub templates: Vec<(u8, Tpl)>,
    pub params: Vec<(String, u8)>,
}

#[derive(Arbitrary, Debug)]
pub struct EvalInput {
    pub kind: u8,
    pub passthrough: u8,
    pub request_templates: Vec<(u8, Tpl)>,
    pub request_params: Vec<(String, u8)>,
    pub responses: Vec<Resp>,
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub multi_headers: Vec<(String, Vec<String>)>,
    pub query: Vec<(String, String)>,
    pub path_params: Vec<(String, String)>,
    pub content_type: Option<u8>,
    pub body: Option<String>,
    pub json_body: Option<Tpl>,
    pub is_base64: bool,
    pub backend: Option<(u16, String, Option<String>)>,
}

fn pick<'a>(list: &'a [&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

fn templates(list: &[(u8, Tpl)]) -> Json {
    let mut m = Map::new();
    for (ct, t) in list {
        m.insert(pick(CONTENT_TYPES, *ct).to_string(), Json::String(t.text()));
    }
    Json::Object(m)
}

fn params(list: &[(String, u8)], prefix: &str) -> Json {
    let mut m = Map::new();
    for (k, v) in list {
        m.insert(
            format!("{prefix}{k}"),
            Json::String(pick(PARAM_VALUES, *v).into()),
        );
    }
    Json::Object(m)
}

fn strings(list: &[(String, String)]) -> Json {
    let mut m = Map::new();
    for (k, v) in list {
        m.insert(k.clone(), Json::String(v.clone()));
    }
    Json::Object(m)
}

impl EvalInput {
    /// The three JSON documents `evaluate` takes.
    pub fn documents(&self) -> (Json, Json, Json) {
        let mut responses = Map::new();
        for r in &self.responses {
            let mut o = Map::new();
            o.insert("statusCode".into(), json!(r.status.to_string()));
            if let Some(p) = r.pattern {
                o.insert("selectionPattern".into(), json!(pick(PATTERNS, p)));
            }
            o.insert("responseTemplates".into(), templates(&r.templates));
            o.insert(
                "responseParameters".into(),
                params(&r.params, "method.response.header."),
            );
            responses.insert(r.key.to_string(), Json::Object(o));
        }
        let integration = json!({
            "type": pick(TYPES, self.kind),
            "httpMethod": "POST",
            "uri": "https://example.com/{p}",
            "passthroughBehavior": pick(PASSTHROUGH, self.passthrough),
            "requestTemplates": templates(&self.request_templates),
            "requestParameters": params(&self.request_params, "integration.request.header."),
            "integrationResponses": responses,
        });
        let mut headers = strings(&self.headers);
        if let Some(ct) = self.content_type {
            headers["Content-Type"] = json!(pick(CONTENT_TYPES, ct));
        }
        let mut multi = Map::new();
        for (k, v) in &self.multi_headers {
            multi.insert(k.clone(), json!(v));
        }
        let body = match (&self.json_body, &self.body) {
            (Some(t), _) => Some(t.text()),
            (None, b) => b.clone(),
        };
        let request = json!({
            "httpMethod": self.method,
            "path": self.path,
            "resourcePath": "/{p}",
            "headers": headers,
            "multiValueHeaders": multi,
            "queryStringParameters": strings(&self.query),
            "pathParameters": strings(&self.path_params),
            "stageVariables": {"env": "dev"},
            "body": body,
            "isBase64Encoded": self.is_base64,
        });
        let options = match &self.backend {
            None => json!({"requestTimeEpoch": 1_700_000_000_000i64}),
            Some((status, body, err)) => {
                let backend = match err {
                    Some(e) => json!({"errorMessage": e, "errorType": "Error"}),
                    None => json!({"statusCode": status, "headers": {"Y": "y"}, "body": body}),
                };
                json!({"backend": backend, "requestTimeEpoch": 1_700_000_000_000i64})
            }
        };
        (integration, request, options)
    }
}

/// One `evaluate`: the contract's JSON shapes parsed as `evaluate` parses
/// them, then the pipeline under the fuzzer's tight limits (the same code
/// `evaluate` runs, only faster to fail), then the result as JSON.
pub fn evaluate_once(input: &EvalInput) {
    let (integration, request, options) = input.documents();
    let Ok(integ) = mockgate_gateway::Integration::from_json(&integration) else {
        // A shape error: `evaluate` answers 400 naming the field.
        let r = mockgate_gateway::evaluate(&integration, &request, &options);
        assert_eq!(r["statusCode"], 400);
        return;
    };
    let Ok(req) = mockgate_gateway::MethodRequest::from_json(&request) else {
        let r = mockgate_gateway::evaluate(&integration, &request, &options);
        assert_eq!(r["statusCode"], 400);
        return;
    };
    let mut opts = mockgate_gateway::Options::from_json(&options).expect("options are valid");
    opts.limits = crate::tight_limits();
    let out = mockgate_gateway::evaluate_typed(&integ, &req, &opts, "fuzz").to_json();
    assert!(
        out.get("statusCode").and_then(Json::as_u64).is_some(),
        "no statusCode"
    );
}
