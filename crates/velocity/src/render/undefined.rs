//! What API Gateway does with a reference that resolves to nothing.
//!
//! In expressions a value is `Option<Value>`: `None` is a reference that
//! resolved to nothing (an undefined variable, a missing property or key,
//! a method returning Java null). Evidence from AWS:
//! - it prints as "" (test_unmatched_name_does_not_get_substituted),
//! - `#if` finds it TRUE (test_formal_reference_in_an_if_condition/5,
//!   test_else_block_evaluated_when_if_expression_false), while `false` is false,
//! - it equals "" and `$null` (ls-tpl-input-path-format-invalid-path-empty-body,
//!   ls-kinesis-foreach-range-null-compare: `$foo.bar.stuff != ''` is false),
//! - `#foreach` over it does nothing (test_foreach_with_unset_variable_expands_to_nothing).
//!
//! All of this is what Velocity 1.7 does when an invalid-reference event
//! handler turns every null reference into the empty string (an inference
//! about how AWS configures Velocity): so here it acts as `""` everywhere
//! (in comparisons, method arguments, list and map literals, and `+`, where
//! `$nope + 1` is "1" -- no recording shows arithmetic on it), except that
//! `#set` with it leaves the target unchanged (Velocity 1.7's rule for a
//! null right-hand side, which the issue asks for).

use std::cmp::Ordering;

use crate::value::{ops, Value};

/// What an undefined reference stands for inside operations: `""`.
pub fn as_value() -> Value {
    Value::str("")
}

pub fn truthy(v: &Option<Value>) -> bool {
    match v {
        None => true,
        Some(v) => ops::truthy(v),
    }
}

pub fn equals(a: &Option<Value>, b: &Option<Value>) -> bool {
    match (a, b) {
        (None, None) => true,
        (None, Some(Value::Null)) | (Some(Value::Null), None) => true,
        (None, Some(x)) | (Some(x), None) => ops::equals(&as_value(), x),
        (Some(x), Some(y)) => ops::equals(x, y),
    }
}

pub fn compare(a: &Option<Value>, b: &Option<Value>) -> Option<Ordering> {
    let a = a.clone().unwrap_or_else(as_value);
    let b = b.clone().unwrap_or_else(as_value);
    ops::compare(&a, &b)
}

/// A method argument or a collection literal's item.
pub fn or_empty(v: Option<Value>) -> Value {
    v.unwrap_or_else(as_value)
}
