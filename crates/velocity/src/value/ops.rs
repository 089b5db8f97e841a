//! Truthiness, equality, ordering and arithmetic as API Gateway's Velocity
//! evaluates them.

use std::cmp::Ordering;

use super::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// `#if($v)` for a value that exists (the engine decides what an undefined
/// reference does before calling this).
pub fn truthy(v: &Value) -> bool {
    let _ = v;
    todo!("value::ops::truthy")
}

/// `==` / `eq`.
pub fn equals(a: &Value, b: &Value) -> bool {
    let _ = (a, b);
    todo!("value::ops::equals")
}

/// `<`, `<=`, `>`, `>=`. `None` when the two cannot be ordered (the
/// comparison is then false).
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    let _ = (a, b);
    todo!("value::ops::compare")
}

/// `+ - * / %`. `Ok(Value::Null)` where Velocity yields null (division by
/// zero, a non-number operand); `Err` only for what aborts rendering.
pub fn arith(op: ArithOp, a: &Value, b: &Value) -> Result<Value, String> {
    let _ = (op, a, b);
    todo!("value::ops::arith")
}
