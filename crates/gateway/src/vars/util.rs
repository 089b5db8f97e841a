//! `$util` (api-gateway-mapping-template-reference.md, "$util Variables").

use mockgate_velocity::value::json::from_json;
use mockgate_velocity::{HostObject, Value};

use super::string_arg;
use crate::encoding;

pub struct UtilHost;

/// `$util.parseJson(s)`: strict JSON, then the permissive reading API
/// Gateway uses for payloads; unparseable text is an error (the template
/// fails, as a Java exception would make it).
pub fn parse_json(s: &str) -> Result<Value, String> {
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(v) => Ok(from_json(&v)),
        Err(strict) => match crate::json_lenient::parse_lenient(s) {
            Ok(v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
                Ok(from_json(&v))
            }
            _ => Err(format!("$util.parseJson: not JSON: {strict}")),
        },
    }
}

impl HostObject for UtilHost {
    fn type_name(&self) -> &str {
        "Util"
    }

    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let [arg] = args else { return Ok(None) };
        // Java methods taking a String: null in, null out (renders empty,
        // matching ls-http-echo-input-body-url-encode-*: urlEncode(null) -> '').
        let Some(s) = string_arg(arg) else {
            return match name {
                "escapeJavaScript" | "parseJson" | "urlEncode" | "urlDecode" | "base64Encode"
                | "base64Decode" => Ok(Some(Value::Null)),
                _ => Ok(None),
            };
        };
        let out = match name {
            "escapeJavaScript" => Value::str(encoding::escape_javascript(&s)),
            "parseJson" => parse_json(&s)?,
            "urlEncode" => Value::str(encoding::url_encode(&s)),
            "urlDecode" => Value::str(encoding::url_decode(&s)?),
            "base64Encode" => Value::str(encoding::base64_encode(s.as_bytes())),
            "base64Decode" => {
                let bytes =
                    encoding::base64_decode(&s).map_err(|e| format!("$util.base64Decode: {e}"))?;
                Value::str(String::from_utf8_lossy(&bytes))
            }
            _ => return Ok(None),
        };
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, arg: Value) -> Value {
        UtilHost.call(name, &[arg]).unwrap().unwrap()
    }

    #[test]
    fn string_functions() {
        assert_eq!(
            call("urlEncode", Value::str("x=a+b")).as_str(),
            Some("x%3Da%2Bb")
        );
        assert_eq!(
            call("urlDecode", Value::str("x=a+b")).as_str(),
            Some("x=a b")
        );
        assert_eq!(
            call("escapeJavaScript", Value::str("it's")).as_str(),
            Some("it\\'s")
        );
        assert_eq!(call("escapeJavaScript", Value::Int(1)).as_str(), Some("1"));
        assert_eq!(
            call("base64Encode", Value::str("hi")).as_str(),
            Some("aGk=")
        );
        assert_eq!(
            call("base64Decode", Value::str("aGk=")).as_str(),
            Some("hi")
        );
        assert!(call("urlEncode", Value::Null).is_null());
        assert!(UtilHost.call("base64Decode", &[Value::str("@@")]).is_err());
        assert!(UtilHost.call("nope", &[Value::Null]).unwrap().is_none());
    }
}
