//! Property access, indexing, method calls and iteration on values: what
//! Velocity's introspection finds on the Java object behind each value.

use super::Value;
use crate::limits::Limits;

/// What a method call needs besides its receiver and arguments.
pub struct CallEnv<'a> {
    pub limits: &'a Limits,
}

/// `$v.name(args)`. `Ok(None)`: no such method (an invalid reference).
/// `Err`: the method threw (rendering stops, as on AWS).
pub fn call_method(
    recv: &Value,
    name: &str,
    args: &[Value],
    env: &mut CallEnv<'_>,
) -> Result<Option<Value>, String> {
    let _ = (recv, name, args, env);
    todo!("value::access::call_method")
}

/// `$v.name`: Velocity tries `getName()`, `getname()`, `get("name")`,
/// `isName()`. `None`: no such property.
pub fn get_property(recv: &Value, name: &str) -> Option<Value> {
    let _ = (recv, name);
    todo!("value::access::get_property")
}

/// `$v[index]`. `Ok(None)`: nothing there.
pub fn get_index(recv: &Value, index: &Value) -> Result<Option<Value>, String> {
    let _ = (recv, index);
    todo!("value::access::get_index")
}

/// `#set($v.name = x)`. `Ok(false)`: the receiver has no such settable
/// property.
pub fn set_property(recv: &Value, name: &str, v: Value) -> Result<bool, String> {
    let _ = (recv, name, v);
    todo!("value::access::set_property")
}

/// `#set($v[index] = x)`.
pub fn set_index(recv: &Value, index: &Value, v: Value) -> Result<bool, String> {
    let _ = (recv, index, v);
    todo!("value::access::set_index")
}

/// The items `#foreach` walks, or `None` when the value is not iterable.
pub fn iterate(v: &Value) -> Option<Vec<Value>> {
    let _ = v;
    todo!("value::access::iterate")
}
