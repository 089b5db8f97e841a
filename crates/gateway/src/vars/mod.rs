//! The variables API Gateway gives a mapping template: `$input`, `$util`,
//! `$context`, `$stageVariables`.

pub mod context;
pub mod input;
pub mod jsonpath;
pub mod util;

use std::borrow::Cow;

use mockgate_velocity::Value;

/// A Java string argument, as a method taking `String` sees it: null stays
/// null, anything else is its `toString()`. A string is lent, not copied
/// (`$util.escapeJavaScript($it.name)` in a loop copied every name once
/// more only to read it).
pub(crate) fn string_arg(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::Null => None,
        Value::Str(s) => Some(Cow::Borrowed(s)),
        other => Some(Cow::Owned(other.to_java_string())),
    }
}
