//! The MOCK integration's status code: read from the rendered request
//! template as leniently as AWS reads it (`{statusCode: 200}` from CDK,
//! trailing commas: ls-mock-cdk-unquoted-statuscode-empty-response-templates,
//! the vtl-aws-recorded request template). A value that is not an integer
//! is AWS's configuration error (500; log text from AWS:
//! "Execution failed due to configuration error: statusCode should be an
//! integer which defined in request template").

use serde_json::Value;

#[cfg(test)]
use crate::json_lenient::parse_lenient;
use crate::json_lenient::{parse_lenient_status, ParseError};

pub const CONFIG_ERROR: &str = "statusCode should be an integer which defined in request template";

#[derive(Debug, PartialEq)]
pub struct MockError {
    /// Why, for the trace and the diagnostic.
    pub reason: String,
}

/// `rendered`: the integration request body after the template, or `None`
/// when no template applied. No template: 200 (how-to-mock-integration.md:
/// a MOCK without a request template returns the default response).
/// An empty rendering is treated the same (inference).
pub fn status(rendered: Option<&str>) -> Result<i64, MockError> {
    status_read(rendered, None)
}

/// As [`status`], with `rendered` already read by `parse_lenient` (or
/// `parse_lenient_status`) when `read` is given (the pipeline reads it once
/// for its JSON warning too).
pub fn status_read(
    rendered: Option<&str>,
    read: Option<Result<Value, ParseError>>,
) -> Result<i64, MockError> {
    let Some(text) = rendered else { return Ok(200) };
    if text.trim().is_empty() {
        return Ok(200);
    }
    let v = read
        .unwrap_or_else(|| parse_lenient_status(text))
        .map_err(|e| MockError {
            reason: format!(
                "the request template's output is not a JSON object ({})",
                e.message
            ),
        })?;
    let Value::Object(o) = v else {
        return Err(MockError {
            reason: "the request template's output is not a JSON object".into(),
        });
    };
    match o.get("statusCode") {
        Some(Value::Number(n)) => n.as_i64().ok_or_else(|| MockError {
            reason: format!("statusCode {n} is not an integer"),
        }),
        Some(Value::String(s)) => Err(MockError {
            reason: format!("statusCode is the string \"{s}\"; AWS wants an integer (write {{\"statusCode\": {s}}})"),
        }),
        Some(other) => Err(MockError { reason: format!("statusCode is {other}, not an integer") }),
        None => Err(MockError { reason: "the request template's output has no statusCode".into() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peer_cases() {
        // peer-ls-mock-statuscode-*.
        assert_eq!(status(Some("{\"statusCode\": 200}")), Ok(200));
        assert!(status(Some("{\"statusCode\": \"200\"}")).is_err());
        assert_eq!(status(Some("{\"statusCode\": 0}")), Ok(0));
        assert_eq!(status(Some("{\"statusCode\": -1000}")), Ok(-1000));
        assert!(status(Some("{\"statusCode\": 200")).is_err());
        assert_eq!(status(Some("{ statusCode: 200 }")), Ok(200));
        assert_eq!(status(Some("{'statusCode': 200, '': ''}")), Ok(200));
        assert_eq!(status(Some("{\"statusCode\": 200 ,, }")), Ok(200));
        assert!(status(Some("statusCode: 200")).is_err());
        assert!(status(Some("{\"statusCode': 200 }")).is_err());
    }

    /// A reading given is the one used: the output is not read again.
    #[test]
    fn status_read_uses_the_reading_given() {
        let text = "{\"statusCode\": 200}";
        let other = parse_lenient("{\"statusCode\": 404}");
        assert_eq!(status_read(Some(text), Some(other)), Ok(404));
        assert_eq!(status_read(Some(text), None), Ok(200));
        let broken = parse_lenient("{");
        assert!(status_read(Some(text), Some(broken)).is_err());
        // No output, or only white space: 200 whatever was read.
        assert_eq!(status_read(None, None), Ok(200));
        assert_eq!(status_read(Some(" \n"), Some(parse_lenient("{"))), Ok(200));
    }

    #[test]
    fn aws_cases() {
        assert_eq!(status(Some("{statusCode: 200}")), Ok(200));
        assert_eq!(status(Some("\n            \n            {\n              \"statusCode\": 200,\n            }\n            ")), Ok(200));
        assert_eq!(
            status(Some("{\n  \n    \"statusCode\": 500\n  \n}")),
            Ok(500)
        );
        assert_eq!(status(None), Ok(200));
    }
}
