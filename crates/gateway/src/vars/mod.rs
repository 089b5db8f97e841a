//! The variables API Gateway gives a mapping template: `$input`, `$util`,
//! `$context`, `$stageVariables`.

pub mod context;
pub mod input;
pub mod jsonpath;
pub mod util;

use mockgate_velocity::Value;

/// A Java string argument, as a method taking `String` sees it: null stays
/// null, anything else is its `toString()`.
pub(crate) fn string_arg(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Str(s) => Some(s.to_string()),
        other => Some(other.to_java_string()),
    }
}
