//! An API as exported from API Gateway, read into resources and methods:
//!
//! - OpenAPI 2 (Swagger) or 3 with `x-amazon-apigateway-integration` on
//!   each operation (`x-amazon-apigateway-any-method` is `ANY`);
//! - a CloudFormation template with `AWS::ApiGateway::RestApi`,
//!   `::Resource` (`ParentId` + `PathPart`) and `::Method` resources, or a
//!   RestApi whose `Body` is an OpenAPI document.

use std::path::Path;

use indexmap::IndexMap;
use mockgate_gateway::Integration;
use serde_json::Value;

use super::routes::{self, Part};
use crate::data_file::{self, DataError};

/// One method of one resource.
#[derive(Debug)]
pub struct Method {
    /// Parsed once at load time; `Err` keeps the reason for the 500.
    pub integration: Result<Integration, String>,
}

#[derive(Debug)]
pub struct Resource {
    /// `/pets/{petId}`
    pub path: String,
    pub parts: Vec<Part>,
    /// Upper-case method (`GET`, `ANY`, ...) -> method.
    pub methods: IndexMap<String, Method>,
}

#[derive(Debug, Default)]
pub struct Api {
    pub resources: Vec<Resource>,
}

/// Where a request goes.
pub struct Route<'a> {
    pub resource: &'a Resource,
    pub method: &'a Method,
    /// The method key that matched (`GET` or `ANY`).
    pub method_key: &'a str,
    pub path_parameters: IndexMap<String, String>,
}

impl Api {
    pub fn load(path: &Path) -> Result<Api, String> {
        let doc = data_file::read(path).map_err(|e: DataError| e.to_string())?;
        Api::from_document(&doc).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn from_document(doc: &Value) -> Result<Api, String> {
        let Some(obj) = doc.as_object() else {
            return Err(
                "expected an OpenAPI document or a CloudFormation template (an object)".into(),
            );
        };
        let mut api = Api::default();
        if obj.contains_key("paths") {
            add_openapi(&mut api, doc)?;
        } else if obj.contains_key("Resources") {
            add_cloudformation(&mut api, doc)?;
        } else {
            return Err(
                "neither an OpenAPI document (no \"paths\") nor a CloudFormation template (no \"Resources\")"
                    .into(),
            );
        }
        if api.resources.iter().all(|r| r.methods.is_empty()) {
            return Err("the API defines no methods".into());
        }
        Ok(api)
    }

    /// Mutable resource for `path`, created when new.
    fn resource(&mut self, path: &str) -> Result<&mut Resource, String> {
        let norm = normalize(path);
        if let Some(i) = self.resources.iter().position(|r| r.path == norm) {
            return Ok(&mut self.resources[i]);
        }
        let parts = routes::parse_template(&norm)?;
        self.resources.push(Resource {
            path: norm,
            parts,
            methods: IndexMap::new(),
        });
        Ok(self.resources.last_mut().expect("just pushed"))
    }

    fn add_method(&mut self, path: &str, method: &str, integration: Value) -> Result<(), String> {
        let parsed = Integration::from_json(&integration)
            .map_err(|e| format!("{} {path}: integration: {}: {}", method, e.field, e.message));
        let r = self.resource(path)?;
        r.methods.insert(
            method.to_ascii_uppercase(),
            Method {
                integration: parsed,
            },
        );
        Ok(())
    }

    /// Route `method` + `path` (no stage prefix, no query string).
    pub fn route(&self, method: &str, path: &str) -> Option<Route<'_>> {
        let segs = routes::segments(path);
        let mut best: Option<Route> = None;
        for r in &self.resources {
            let (key, m) = match r.methods.get_key_value(method) {
                Some((k, m)) => (k, m),
                None => match r.methods.get_key_value("ANY") {
                    Some((k, m)) => (k, m),
                    None => continue,
                },
            };
            let Some(params) = routes::match_parts(&r.parts, &segs) else {
                continue;
            };
            let better = match &best {
                None => true,
                Some(b) => routes::specificity(&r.parts, &b.resource.parts).is_lt(),
            };
            if better {
                best = Some(Route {
                    resource: r,
                    method: m,
                    method_key: key,
                    path_parameters: params,
                });
            }
        }
        best
    }
}

fn normalize(path: &str) -> String {
    let segs = routes::segments(path);
    if segs.is_empty() {
        "/".into()
    } else {
        format!("/{}", segs.join("/"))
    }
}

const OPENAPI_METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

fn add_openapi(api: &mut Api, doc: &Value) -> Result<(), String> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return Err("\"paths\" must be an object".into());
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            return Err(format!("paths.{path}: expected an object"));
        };
        for (key, op) in item {
            let method = if OPENAPI_METHODS.contains(&key.as_str()) {
                key.to_ascii_uppercase()
            } else if key == "x-amazon-apigateway-any-method" {
                "ANY".to_string()
            } else {
                continue; // parameters, summary, other extensions
            };
            match op.get("x-amazon-apigateway-integration") {
                Some(i) => api.add_method(path, &method, i.clone())?,
                // API Gateway refuses to deploy a method without an
                // integration; the resource still exists (inference: the
                // import keeps it), so create it with no method.
                None => {
                    api.resource(path)?;
                }
            }
        }
        if item.is_empty() {
            api.resource(path)?;
        }
    }
    Ok(())
}

/// A CloudFormation reference to a resource: `{"Ref": X}` -> X;
/// `{"Fn::GetAtt": [X, "RootResourceId"]}` (or `"X.RootResourceId"`) -> the
/// root of RestApi X.
enum Target {
    Resource(String),
    Root,
}

fn target(v: &Value) -> Option<Target> {
    if let Some(r) = v.get("Ref").and_then(Value::as_str) {
        return Some(Target::Resource(r.to_string()));
    }
    let att = v.get("Fn::GetAtt")?;
    let (logical, attr) = match att {
        Value::Array(a) if a.len() == 2 => (a[0].as_str()?.to_string(), a[1].as_str()?.to_string()),
        Value::String(s) => {
            let (a, b) = s.split_once('.')?;
            (a.to_string(), b.to_string())
        }
        _ => return None,
    };
    let _ = logical;
    (attr == "RootResourceId").then_some(Target::Root)
}

fn add_cloudformation(api: &mut Api, doc: &Value) -> Result<(), String> {
    let Some(resources) = doc.get("Resources").and_then(Value::as_object) else {
        return Err("\"Resources\" must be an object".into());
    };
    let of_type = |t: &'static str| {
        resources
            .iter()
            .filter(move |(_, r)| r.get("Type").and_then(Value::as_str) == Some(t))
    };
    // A RestApi defined by an inline OpenAPI body; the same for a SAM
    // AWS::Serverless::Api and its DefinitionBody.
    for (kind, key) in [
        ("AWS::ApiGateway::RestApi", "Body"),
        ("AWS::Serverless::Api", "DefinitionBody"),
    ] {
        for (name, r) in of_type(kind) {
            if let Some(body) = r.get("Properties").and_then(|p| p.get(key)) {
                if body.get("paths").is_some() {
                    add_openapi(api, body)
                        .map_err(|e| format!("Resources.{name}.Properties.{key}: {e}"))?;
                }
            }
        }
    }
    // Resource paths, following ParentId up to a RestApi root.
    let path_of = |start: &str| -> Result<String, String> {
        let mut parts: Vec<String> = Vec::new();
        let mut current = start.to_string();
        for _ in 0..=resources.len() {
            let r = resources
                .get(&current)
                .ok_or_else(|| format!("Resources.{current}: no such resource"))?;
            let props = r.get("Properties").cloned().unwrap_or(Value::Null);
            let part = props
                .get("PathPart")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    format!("Resources.{current}.Properties.PathPart: expected a string")
                })?;
            parts.push(part.to_string());
            match props.get("ParentId").and_then(target) {
                Some(Target::Root) => {
                    parts.reverse();
                    return Ok(format!("/{}", parts.join("/")));
                }
                Some(Target::Resource(p)) => current = p,
                None => {
                    return Err(format!(
                        "Resources.{current}.Properties.ParentId: expected !Ref to an AWS::ApiGateway::Resource or !GetAtt RestApi.RootResourceId"
                    ))
                }
            }
        }
        Err(format!("Resources.{start}: ParentId chain loops"))
    };
    for (name, _) in of_type("AWS::ApiGateway::Resource") {
        let p = path_of(name)?;
        api.resource(&p)?;
    }
    for (name, r) in of_type("AWS::ApiGateway::Method") {
        let props = r.get("Properties").cloned().unwrap_or(Value::Null);
        let method = props
            .get("HttpMethod")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("Resources.{name}.Properties.HttpMethod: expected a string"))?;
        let path = match props.get("ResourceId").and_then(target) {
            Some(Target::Root) => "/".to_string(),
            Some(Target::Resource(res)) => path_of(&res)?,
            None => {
                return Err(format!(
                    "Resources.{name}.Properties.ResourceId: expected !Ref to an AWS::ApiGateway::Resource or !GetAtt RestApi.RootResourceId"
                ))
            }
        };
        match props.get("Integration") {
            Some(i) => api.add_method(&path, method, without_intrinsics(i))?,
            None => {
                api.resource(&path)?;
            }
        }
    }
    Ok(())
}

/// CloudFormation intrinsic functions inside an Integration (`Uri: !Sub
/// arn:...${Fn.Arn}/invocations`) cannot be resolved without a deployment;
/// they become text with `${...}` placeholders, so the integration still
/// loads and its templates run (mockgate calls no endpoint).
fn without_intrinsics(v: &Value) -> Value {
    match v {
        Value::Object(o) if o.len() == 1 => {
            let (k, inner) = o.iter().next().expect("one entry");
            match (k.as_str(), inner) {
                ("Ref", Value::String(name)) => Value::String(format!("${{{name}}}")),
                ("Fn::GetAtt", Value::Array(a)) => {
                    let parts: Vec<String> = a
                        .iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect();
                    Value::String(format!("${{{}}}", parts.join(".")))
                }
                ("Fn::Sub", Value::String(text)) => Value::String(text.clone()),
                ("Fn::Sub", Value::Array(a)) if a.first().is_some_and(Value::is_string) => {
                    a[0].clone()
                }
                ("Fn::Join", Value::Array(a)) if a.len() == 2 => {
                    let sep = a[0].as_str().unwrap_or("");
                    let items: Vec<String> = a[1]
                        .as_array()
                        .map(|items| {
                            items
                                .iter()
                                .map(|x| match without_intrinsics(x) {
                                    Value::String(s) => s,
                                    other => other.to_string(),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    Value::String(items.join(sep))
                }
                _ => Value::Object(
                    o.iter()
                        .map(|(k, v)| (k.clone(), without_intrinsics(v)))
                        .collect(),
                ),
            }
        }
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), without_intrinsics(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_intrinsics).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mock(msg: &str) -> Value {
        json!({"type": "MOCK", "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
               "responses": {"default": {"statusCode": "200",
                 "responseTemplates": {"application/json": format!("{{\"message\": \"{msg}\"}}")}}}})
    }

    #[test]
    fn openapi_paths_and_any_method() {
        let api = Api::from_document(&json!({"openapi": "3.0.1", "paths": {
            "/pets": {"get": {"x-amazon-apigateway-integration": mock("list")}},
            "/{proxy+}": {"x-amazon-apigateway-any-method": {"x-amazon-apigateway-integration": mock("any")}}
        }}))
        .unwrap();
        assert_eq!(api.route("GET", "/pets").unwrap().resource.path, "/pets");
        let r = api.route("POST", "/pets").unwrap();
        assert_eq!(
            (r.resource.path.as_str(), r.method_key),
            ("/{proxy+}", "ANY")
        );
        assert_eq!(
            r.path_parameters.get("proxy").map(String::as_str),
            Some("pets")
        );
        assert!(api.route("GET", "/").is_none());
    }

    #[test]
    fn cloudformation_resources_and_methods() {
        let api = Api::from_document(&json!({"Resources": {
            "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "x"}},
            "Pets": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                "RestApiId": {"Ref": "Api"}, "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "pets"}},
            "Pet": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                "RestApiId": {"Ref": "Api"}, "ParentId": {"Ref": "Pets"}, "PathPart": "{petId}"}},
            "GetPet": {"Type": "AWS::ApiGateway::Method", "Properties": {
                "HttpMethod": "GET", "ResourceId": {"Ref": "Pet"}, "Integration": {"Type": "MOCK"}}},
            "GetRoot": {"Type": "AWS::ApiGateway::Method", "Properties": {
                "HttpMethod": "GET", "ResourceId": {"Fn::GetAtt": "Api.RootResourceId"}, "Integration": {"Type": "MOCK"}}}
        }}))
        .unwrap();
        let r = api.route("GET", "/pets/7").unwrap();
        assert_eq!(r.resource.path, "/pets/{petId}");
        assert_eq!(
            r.path_parameters.get("petId").map(String::as_str),
            Some("7")
        );
        assert_eq!(api.route("GET", "/").unwrap().resource.path, "/");
        assert!(api.route("GET", "/pets").is_none());
    }

    #[test]
    fn intrinsic_functions_become_placeholders() {
        assert_eq!(
            without_intrinsics(
                &json!({"Uri": {"Fn::Sub": "arn:${AWS::Region}:x"}, "A": {"Fn::Join": ["", ["a", {"Ref": "B"}, {"Fn::GetAtt": ["F", "Arn"]}]]},
                                         "RequestTemplates": {"application/json": "{}"}})
            ),
            json!({"Uri": "arn:${AWS::Region}:x", "A": "a${B}${F.Arn}", "RequestTemplates": {"application/json": "{}"}})
        );
    }

    #[test]
    fn inline_openapi_bodies() {
        let body =
            json!({"paths": {"/x": {"get": {"x-amazon-apigateway-integration": mock("x")}}}});
        for (kind, key) in [
            ("AWS::ApiGateway::RestApi", "Body"),
            ("AWS::Serverless::Api", "DefinitionBody"),
        ] {
            let api = Api::from_document(
                &json!({"Resources": {"Api": {"Type": kind, "Properties": {key: body}}}}),
            )
            .unwrap();
            assert_eq!(
                api.route("GET", "/x").unwrap().resource.path,
                "/x",
                "{kind}"
            );
        }
    }

    #[test]
    fn odd_documents_give_errors_not_panics() {
        let docs = [
            json!(null),
            json!([]),
            json!({"paths": []}),
            json!({"paths": {"/a": "x"}}),
            json!({"paths": {"/a": {"get": "x"}}}),
            json!({"paths": {"/a": {"get": {"x-amazon-apigateway-integration": 7}}}}),
            json!({"paths": {"/{a+}/b": {"get": {"x-amazon-apigateway-integration": {"type": "MOCK"}}}}}),
            json!({"paths": {"/{}": {"get": {"x-amazon-apigateway-integration": {"type": "MOCK"}}}}}),
            json!({"Resources": []}),
            json!({"Resources": {"M": {"Type": "AWS::ApiGateway::Method"}}}),
            json!({"Resources": {"M": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": 1}}}}),
            json!({"Resources": {"M": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "GET", "ResourceId": {"Ref": "Nope"}}}}}),
            json!({"Resources": {"R": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Fn::GetAtt": 3}, "PathPart": "a"}}}}),
            json!({"Resources": {"R": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Ref": "Api"}, "PathPart": null}}}}),
        ];
        for d in docs {
            // A method whose integration does not parse is kept (it answers
            // 500 naming the field); everything else is an error.
            match Api::from_document(&d) {
                Ok(api) => assert!(
                    api.resources
                        .iter()
                        .flat_map(|r| r.methods.values())
                        .all(|m| m.integration.is_err()),
                    "{d}"
                ),
                Err(e) => assert!(!e.is_empty(), "{d}"),
            }
        }
    }

    #[test]
    fn broken_parent_chain_is_an_error() {
        let e = Api::from_document(&json!({"Resources": {
            "A": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Ref": "A"}, "PathPart": "a"}}
        }}))
        .unwrap_err();
        assert!(e.contains("loops"), "{e}");
    }
}
