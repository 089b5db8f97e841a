//! The Java methods Velocity's introspection finds on built-in values,
//! one file per class family. Each `call` returns `Ok(None)` when the class
//! has no method of that name taking such arguments (Velocity then treats
//! the reference as invalid), `Ok(Some(v))` with the result (a `void`
//! method yields `""`, as Velocity 1.7's ASTMethod does), or `Err` with the
//! Java exception the method would throw.
//!
//! Argument matching follows Velocity 1.7's MethodMap: an `int` parameter
//! takes an Integer only (not a Long or a Double); a `String` /
//! `CharSequence` parameter takes a String or null; an `Object` parameter
//! takes anything.

pub mod list;
pub mod map;
pub mod scalar;
pub mod string;

use super::access::CallEnv;
use super::{ListKind, Value};

/// What a `void` method returns to the template (Velocity 1.7 ASTMethod:
/// "" so that the reference counts as rendered, printing nothing).
pub fn void() -> Result<Option<Value>, String> {
    Ok(Some(Value::str("")))
}

pub fn npe() -> String {
    "java.lang.NullPointerException".to_string()
}

/// An argument for an `int` parameter.
pub fn int_arg(v: &Value) -> Option<i32> {
    match v {
        Value::Int(i) => Some(*i),
        _ => None,
    }
}

/// An argument for a `String` / `CharSequence` parameter: `Some(None)` is
/// null (allowed by the method lookup; most String methods then throw).
pub fn str_arg(v: &Value) -> Option<Option<&str>> {
    match v {
        Value::Str(s) => Some(Some(s)),
        Value::Null => Some(None),
        _ => None,
    }
}

/// Results bigger than the output budget are refused rather than built:
/// no template can print them, and building them could exhaust memory.
pub fn check_string_len(len: usize, env: &CallEnv<'_>) -> Result<(), String> {
    if len > env.limits.max_output_bytes {
        Err(format!(
            "string of {len} bytes exceeds the output limit (max_output_bytes = {})",
            env.limits.max_output_bytes
        ))
    } else {
        Ok(())
    }
}

/// Collections are capped at the loop budget: a list no `#foreach` could
/// walk is a runaway template.
pub fn check_collection_len(len: usize, env: &CallEnv<'_>) -> Result<(), String> {
    let cap = env.limits.max_loop_iterations.max(1024) as usize;
    if len > cap {
        Err(format!(
            "collection of {len} elements exceeds the limit (max_loop_iterations = {})",
            env.limits.max_loop_iterations
        ))
    } else {
        Ok(())
    }
}

/// Java's `hashCode()` of the object behind a value.
pub fn java_hash_code(v: &Value) -> i32 {
    hash_depth(v, 0, &mut 0)
}

fn hash_depth(v: &Value, depth: usize, visits: &mut usize) -> i32 {
    *visits += 1;
    if depth > super::display::MAX_DEPTH || *visits > super::display::MAX_VISITS {
        return 0; // a cycle (Java overflows its stack) or a runaway walk
    }
    match v {
        Value::Null => 0,
        Value::Bool(b) => {
            if *b {
                1231
            } else {
                1237
            }
        }
        Value::Int(i) => *i,
        Value::Long(l) => (*l ^ ((*l as u64) >> 32) as i64) as i32,
        Value::Double(d) => {
            let bits = if d.is_nan() {
                0x7ff8_0000_0000_0000u64
            } else {
                d.to_bits()
            };
            (bits ^ (bits >> 32)) as i32
        }
        Value::Str(s) => super::utf16::java_string_hash(s),
        Value::List(l) => {
            let l = l.borrow();
            if l.kind == ListKind::JavaArray {
                // Identity hash in Java; any stable number will do.
                return l.items.iter().fold(7i32, |h, x| {
                    h.wrapping_mul(31)
                        .wrapping_add(hash_depth(x, depth + 1, visits))
                });
            }
            l.items.iter().fold(1i32, |h, x| {
                h.wrapping_mul(31)
                    .wrapping_add(hash_depth(x, depth + 1, visits))
            })
        }
        Value::Map(m) => m.borrow().entries.iter().fold(0i32, |h, (k, v)| {
            h.wrapping_add(super::utf16::java_string_hash(k) ^ hash_depth(v, depth + 1, visits))
        }),
        Value::Host(h) => super::utf16::java_string_hash(&h.display()),
    }
}
