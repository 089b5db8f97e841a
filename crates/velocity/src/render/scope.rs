//! Variables: where a reference's root comes from (loop variables,
//! `#define`s, the context) and how `#set` assigns.

use super::undefined;
use super::{RResult, Renderer};
use crate::context::MapSet;
use crate::syntax::ast::*;
use crate::value::{access, Value};

impl<'t, 'c> Renderer<'t, 'c> {
    /// The root variable of a reference.
    pub(crate) fn lookup(&mut self, r: &'t Reference) -> RResult<Option<Value>> {
        if !self.loops.is_empty() {
            if let Some(v) = self.loop_variable(&r.name) {
                return Ok(Some(v));
            }
        }
        if let Some(body) = self.define_of(&r.name) {
            return Ok(Some(Value::str(self.render_to_string(body, r.span)?)));
        }
        Ok(self.ctx.get_named(&r.name).cloned())
    }

    pub(crate) fn render_set(&mut self, set: &'t Set) -> RResult<()> {
        let value = self.eval(&set.value)?;
        // Velocity 1.7: a null right-hand side leaves the target unchanged
        // (directive.set.null.allowed = false); an undefined reference is
        // null here.
        let value = match value {
            None | Some(Value::Null) => return Ok(()),
            Some(v) => v,
        };
        let t = &set.target;
        if t.parts.is_empty() {
            self.defines.remove(&*t.name);
            self.ctx.set(&t.name, value);
            return Ok(());
        }
        let (last, path) = t.parts.split_last().expect("parts is not empty");
        let Some(recv) = self.eval_path(t, path)? else {
            // Assigning into an undefined reference: nothing to change.
            return Ok(());
        };
        // The index is evaluated once, before the observer sees the put.
        let idx = match last {
            Part::Index(e, _) => Some(self.eval(e)?.unwrap_or_else(undefined::as_value)),
            _ => None,
        };
        if let (Some(observe), Value::Map(map)) = (self.ctx.map_set_observer().cloned(), &recv) {
            let key = match (last, &idx) {
                (Part::Property(name, _), _) => Some(name.to_string()),
                (_, Some(i)) => Some(i.to_java_string()),
                _ => None,
            };
            if let Some(key) = key {
                let put = MapSet {
                    map,
                    key: &key,
                    value: &value,
                    span: set.span.range(),
                };
                observe(&put).map_err(|m| self.error(m, set.span))?;
            }
        }
        match (last, idx) {
            (Part::Property(name, span), _) => {
                access::set_property(&recv, name, value)
                    .map_err(|m| self.error(format!("#set of .{name} failed: {m}"), *span))?;
            }
            (Part::Index(_, span), idx) => {
                let idx = idx.unwrap_or_else(undefined::as_value);
                access::set_index(&recv, &idx, value)
                    .map_err(|m| self.error(format!("#set of an index failed: {m}"), *span))?;
            }
            (Part::Method(name, _, span), _) => {
                return Err(self.error(
                    format!("#set cannot assign to the method call {name}(...)"),
                    *span,
                ));
            }
        }
        Ok(())
    }
}
