//! `#foreach`: iteration, `$foreach`, `$velocityCount`, `$velocityHasNext`,
//! and the loop variable restored after the loop.

use std::rc::Rc;

use super::{Flow, LoopState, RResult, Renderer};
use crate::syntax::ast::Foreach;
use crate::value::{access, HostObject, Value};

/// `$foreach` inside a loop (Velocity 1.7's ForeachScope).
struct ForeachInfo {
    state: LoopState,
    parent: Option<Value>,
}

impl HostObject for ForeachInfo {
    fn type_name(&self) -> &str {
        "ForeachScope"
    }

    fn property(&self, name: &str) -> Option<Value> {
        match name {
            "parent" => self.parent.clone(),
            _ => scope_property(self.state, name),
        }
    }

    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        if !args.is_empty() {
            return Ok(None);
        }
        let prop = match name {
            "getIndex" => "index",
            "getCount" => "count",
            "hasNext" => "hasNext",
            "isFirst" => "first",
            "isLast" => "last",
            "getParent" => "parent",
            _ => return Ok(None),
        };
        Ok(self.property(prop))
    }

    fn display(&self) -> String {
        String::new()
    }
}

/// `$foreach.name` of the loop in `state`, but for `parent`.
pub(crate) fn scope_property(s: LoopState, name: &str) -> Option<Value> {
    Some(match name {
        "index" => Value::Int(s.index as i32),
        "count" => Value::Int(s.index as i32 + 1),
        "hasNext" => Value::Bool(s.index + 1 < s.len),
        "first" => Value::Bool(s.index == 0),
        "last" => Value::Bool(s.index + 1 == s.len),
        _ => return None,
    })
}

/// Whether `name` is one of the variables a running loop provides
/// ([`Renderer::loop_variable`]).
pub(crate) fn is_loop_variable(name: &str) -> bool {
    matches!(name, "foreach" | "velocityCount" | "velocityHasNext")
}

impl<'t, 'c> Renderer<'t, 'c> {
    /// The loop variables Velocity puts in the context while a loop runs.
    /// (Its names are [`is_loop_variable`]'s; the differential test in
    /// print.rs fails when the two disagree.)
    pub(crate) fn loop_variable(&self, name: &str) -> Option<Value> {
        let top = *self.loops.last()?;
        match name {
            "foreach" => Some(self.foreach_info(self.loops.len() - 1)),
            // directive.foreach.counter.initial.value = 1 in Velocity 1.7.
            "velocityCount" => Some(Value::Int(top.index as i32 + 1)),
            "velocityHasNext" => Some(Value::Bool(top.index + 1 < top.len)),
            _ => None,
        }
    }

    fn foreach_info(&self, level: usize) -> Value {
        let parent = if level > 0 {
            Some(self.foreach_info(level - 1))
        } else {
            None
        };
        Value::Host(Rc::new(ForeachInfo {
            state: self.loops[level],
            parent,
        }))
    }

    pub(crate) fn render_foreach(&mut self, f: &'t Foreach) -> RResult<Flow> {
        self.step(f.span)?;
        let Some(iterable) = self.eval(&f.iterable)? else {
            return Ok(Flow::Normal);
        };
        let Some(items) = access::iterate(&iterable) else {
            // Velocity 1.7 logs "not iterable" and renders nothing.
            let class = super::eval::class_of(&iterable);
            self.warn(
                format!("#foreach over a {class}, which is not a list or map: nothing is rendered"),
                f.iterable.span,
            );
            return Ok(Flow::Normal);
        };
        if items.is_empty() || f.var.is_empty() {
            return Ok(Flow::Normal);
        }
        // Walking a copy of the items is work too.
        self.charge(items.len() as u64, f.span)?;
        self.enter(f.span)?;
        // The loop variable gets its previous value back after the loop
        // (recording test_no_assignment_to_outer_var_if_same_varname_in_block).
        let saved = self.ctx.remove(&f.var);
        let len = items.len();
        self.loops.push(LoopState { index: 0, len });
        let mut result = Ok(Flow::Normal);
        for (index, item) in items.into_iter().enumerate() {
            self.iterations += 1;
            if self.iterations > self.limits.max_loop_iterations {
                result = Err(self.limit_error(
                    "max_loop_iterations",
                    self.limits.max_loop_iterations,
                    f.span,
                ));
                break;
            }
            if let Some(top) = self.loops.last_mut() {
                top.index = index;
            }
            if item.is_null() {
                self.ctx.remove(&f.var);
            } else {
                self.ctx.set(&f.var, item);
            }
            match self.render_nodes(&f.body) {
                Ok(Flow::Normal) => {}
                Ok(Flow::Break) => break,
                Ok(Flow::Stop) => {
                    result = Ok(Flow::Stop);
                    break;
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.loops.pop();
        match saved {
            Some(v) => self.ctx.insert(&*f.var, v),
            None => {
                self.ctx.remove(&f.var);
            }
        }
        self.leave();
        result
    }
}
