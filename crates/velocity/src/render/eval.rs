//! Evaluating expressions and references to values.

use super::undefined::{self, or_empty};
use super::{RResult, Renderer};
use crate::context::MapSet;
use crate::syntax::ast::*;
use crate::value::access::{self, CallEnv};
use crate::value::ops::{self, ArithOp};
use crate::value::{Entries, Value};

impl<'t, 'c> Renderer<'t, 'c> {
    /// An expression's value; `None` is an undefined reference (see
    /// `undefined.rs`).
    pub(crate) fn eval(&mut self, e: &'t Expr) -> RResult<Option<Value>> {
        self.step(e.span)?;
        Ok(Some(match &e.kind {
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Long(l) => Value::Long(*l),
            ExprKind::Double(d) => Value::Double(*d),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Null => Value::Null,
            ExprKind::Str(s) => Value::str(s),
            ExprKind::Interpolated(nodes) => Value::str(self.render_to_string(nodes, e.span)?),
            ExprKind::Ref(r) => {
                if r.parts.is_empty() {
                    if let Some(body) = self.define_of(&r.name) {
                        return Ok(Some(Value::str(self.render_to_string(body, r.span)?)));
                    }
                }
                return self.eval_reference(r);
            }
            ExprKind::List(items) => {
                self.enter(e.span)?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(or_empty(self.eval(item)?));
                }
                self.leave();
                Value::list(out)
            }
            ExprKind::Map(entries) => {
                self.enter(e.span)?;
                let mut out = Entries::with_capacity_and_hasher(entries.len(), Default::default());
                for (k, v) in entries {
                    let key = or_empty(self.eval(k)?).to_java_string();
                    let value = or_empty(self.eval(v)?);
                    out.insert(key, value);
                }
                self.leave();
                Value::map_of(out)
            }
            ExprKind::Range(from, to) => return self.eval_range(from, to, e.span),
            ExprKind::Not(inner) => {
                self.enter(e.span)?;
                let v = self.eval(inner)?;
                self.leave();
                Value::Bool(!undefined::truthy(&v))
            }
            ExprKind::Neg(inner) => {
                self.enter(e.span)?;
                let v = or_empty(self.eval(inner)?);
                self.leave();
                ops::arith(ArithOp::Sub, &Value::Int(0), &v).map_err(|m| self.error(m, e.span))?
            }
            ExprKind::Binary(op, a, b) => {
                self.enter(e.span)?;
                let v = self.eval_binary(*op, a, b, e.span)?;
                self.leave();
                v
            }
        }))
    }

    fn eval_binary(&mut self, op: BinOp, a: &'t Expr, b: &'t Expr, span: Span) -> RResult<Value> {
        let l = self.eval(a)?;
        match op {
            BinOp::And => {
                if !undefined::truthy(&l) {
                    return Ok(Value::Bool(false));
                }
                let r = self.eval(b)?;
                return Ok(Value::Bool(undefined::truthy(&r)));
            }
            BinOp::Or => {
                if undefined::truthy(&l) {
                    return Ok(Value::Bool(true));
                }
                let r = self.eval(b)?;
                return Ok(Value::Bool(undefined::truthy(&r)));
            }
            _ => {}
        }
        let r = self.eval(b)?;
        use std::cmp::Ordering::*;
        let arith = |op| -> RResult<Value> {
            // An undefined operand is "" here as everywhere (undefined.rs),
            // so `+` with it concatenates, as Velocity 1.7 does with strings.
            let x = l.clone().unwrap_or_else(undefined::as_value);
            let y = r.clone().unwrap_or_else(undefined::as_value);
            ops::arith(op, &x, &y).map_err(|m| self.error(m, span))
        };
        Ok(match op {
            BinOp::Eq => Value::Bool(undefined::equals(&l, &r)),
            BinOp::Ne => Value::Bool(!undefined::equals(&l, &r)),
            BinOp::Lt => Value::Bool(matches!(undefined::compare(&l, &r), Some(Less))),
            BinOp::Le => Value::Bool(matches!(undefined::compare(&l, &r), Some(Less | Equal))),
            BinOp::Gt => Value::Bool(matches!(undefined::compare(&l, &r), Some(Greater))),
            BinOp::Ge => Value::Bool(matches!(undefined::compare(&l, &r), Some(Greater | Equal))),
            BinOp::Add => {
                let sum = arith(ArithOp::Add)?;
                // Joining strings copies both, so it costs what it copies:
                // a loop growing a string with `+` copies quadratically, and
                // counted as one step per join it ran for minutes within
                // the step budget.
                if let Value::Str(s) = &sum {
                    self.charge(s.len() as u64 / 16, span)?;
                }
                sum
            }
            BinOp::Sub => arith(ArithOp::Sub)?,
            BinOp::Mul => arith(ArithOp::Mul)?,
            BinOp::Div => arith(ArithOp::Div)?,
            BinOp::Mod => arith(ArithOp::Mod)?,
            BinOp::And | BinOp::Or => unreachable!("handled above"),
        })
    }

    /// `[a..b]`: integers from a to b, both included, counting down when
    /// b < a (recording test_assign_range_literal/2). A bound that is not
    /// a number makes the range null (Velocity 1.7 logs an error).
    fn eval_range(&mut self, from: &'t Expr, to: &'t Expr, span: Span) -> RResult<Option<Value>> {
        let a = self.eval(from)?;
        let b = self.eval(to)?;
        // Velocity 1.7's ASTIntegerRange takes Number.intValue() of each
        // bound; anything else is an error that makes the range null.
        let as_int = |v: &Option<Value>| -> Option<i64> {
            match v {
                Some(Value::Int(i)) => Some(*i as i64),
                Some(Value::Long(l)) => Some(*l as i32 as i64),
                Some(Value::Double(d)) => Some(*d as i32 as i64),
                _ => None,
            }
        };
        let (Some(a), Some(b)) = (as_int(&a), as_int(&b)) else {
            return Ok(None);
        };
        let len = (a - b).unsigned_abs() + 1;
        if len > self.limits.max_range_len as u64 {
            return Err(self.limit_error("max_range_len", self.limits.max_range_len as u64, span));
        }
        // Building the list is work: it counts toward the step budget.
        self.charge(len, span)?;
        let items: Vec<Value> = if a <= b {
            (a..=b).map(|i| Value::Int(i as i32)).collect()
        } else {
            (b..=a).rev().map(|i| Value::Int(i as i32)).collect()
        };
        Ok(Some(Value::list(items)))
    }

    /// A whole reference's value.
    pub(crate) fn eval_reference(&mut self, r: &'t Reference) -> RResult<Option<Value>> {
        self.eval_path(r, &r.parts)
    }

    /// The value of the reference's root followed by `parts`.
    pub(crate) fn eval_path(
        &mut self,
        r: &'t Reference,
        parts: &'t [Part],
    ) -> RResult<Option<Value>> {
        // `$foreach.hasNext` and the like, read straight from the running
        // loop: no `$foreach` object is made for them (one per round of a
        // loop that asks).
        let (mut cur, parts) = match self.loop_property(r, parts)? {
            Some(found) => found,
            None => match self.lookup(r)? {
                None | Some(Value::Null) => return Ok(None),
                Some(v) => (v, parts),
            },
        };
        for part in parts {
            self.step(part.span())?;
            let next = match part {
                Part::Property(name, _) => property(&cur, name),
                Part::Index(e, span) => {
                    let idx = or_empty(self.eval(e)?);
                    access::get_index(&cur, &idx)
                        .map_err(|m| self.error(format!("index failed: {m}"), *span))?
                }
                Part::Method(name, args, span) => {
                    self.enter(*span)?;
                    // The arguments go into the renderer's spare list, not a
                    // new one per call (a call with arguments in a loop
                    // allocated once per round); a call inside an argument
                    // finds it taken and makes its own.
                    let mut values = std::mem::take(&mut self.spare_args);
                    for a in args {
                        values.push(or_empty(self.eval(a)?));
                    }
                    self.leave();
                    // A method may walk its receiver (`contains`, `replaceAll`):
                    // charge for the receiver's size so that a loop of such
                    // calls over big values stays inside the step budget.
                    self.charge(size_of(&cur) / 16, *span)?;
                    let result = self.call(&cur, name, &values, *span);
                    values.clear();
                    self.spare_args = values;
                    result?
                }
            };
            cur = match next {
                None | Some(Value::Null) => return Ok(None),
                Some(v) => v,
            };
        }
        Ok(Some(cur))
    }

    /// `$foreach.<property>` inside a loop (but `parent`), as its value
    /// and the parts after it; its step counted as the general way counts
    /// it. `Ok(None)`: anything else.
    #[inline]
    fn loop_property(
        &mut self,
        r: &'t Reference,
        parts: &'t [Part],
    ) -> RResult<Option<(Value, &'t [Part])>> {
        let (Some(top), Some((Part::Property(name, span), rest))) =
            (self.loops.last().copied(), parts.split_first())
        else {
            return Ok(None);
        };
        if &*r.name != "foreach" || super::print::general_only() {
            return Ok(None);
        }
        let Some(v) = super::foreach::scope_property(top, name) else {
            return Ok(None);
        };
        self.step(*span)?;
        Ok(Some((v, rest)))
    }

    fn call(
        &mut self,
        recv: &Value,
        name: &str,
        args: &[Value],
        span: Span,
    ) -> RResult<Option<Value>> {
        // `$map.put(k, v)` is what `#set($map.k = v)` does: the host's
        // map-set observer sees both.
        if let (Value::Map(map), "put", [key, value]) = (recv, name, args) {
            if let Some(observe) = self.ctx.map_set_observer().cloned() {
                let key = key.to_java_string();
                let put = MapSet {
                    map,
                    key: &key,
                    value,
                    span: span.range(),
                };
                observe(&put).map_err(|m| self.error(m, span))?;
            }
        }
        let searched = crate::value::regex::work();
        let res = access::call_method(
            recv,
            name,
            args,
            &mut CallEnv {
                limits: self.limits,
            },
        );
        // Regular-expression work the call did counts toward the budget
        // too (each search is bounded on its own, but a loop of searches
        // each just under that bound would run for hours).
        let searched = crate::value::regex::work() - searched;
        if searched > 0 {
            self.charge(searched / 16, span)?;
        }
        if let Ok(None) = res {
            // AWS renders nothing here; say why in the playground.
            self.warn(
                format!(
                    "{} has no method {name} taking {} argument(s); it renders as nothing",
                    class_of(recv),
                    args.len()
                ),
                span,
            );
        }
        res.map_err(|m| {
            // value::regex reports a pattern over Limits::max_regex_bytes
            // this way: it is the budget, not the template, that says no.
            if m.contains("compiled size limit") {
                let value = self.limits.max_regex_bytes as u64;
                return self.limit_error("max_regex_bytes", value, span);
            }
            let shown: Vec<String> = args.iter().map(short).collect();
            self.error(format!("{name}({}) failed: {m}", shown.join(", ")), span)
        })
    }
}

/// The Java class name shown in messages.
pub(crate) fn class_of(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "Boolean".into(),
        Value::Int(_) => "Integer".into(),
        Value::Long(_) => "Long".into(),
        Value::Double(_) => "Double".into(),
        Value::Str(_) => "String".into(),
        Value::List(_) => "List".into(),
        Value::Map(_) => "Map".into(),
        Value::Host(h) => h.type_name().to_string(),
    }
}

/// Roughly how much there is to walk in a value.
fn size_of(v: &Value) -> u64 {
    match v {
        Value::Str(s) => s.len() as u64,
        Value::List(l) => l.borrow().items.len() as u64,
        Value::Map(m) => m.borrow().entries.len() as u64,
        _ => 0,
    }
}

fn property(recv: &Value, name: &Name) -> Option<Value> {
    match recv {
        Value::Host(h) => {
            if let Some(v) = h.property(name) {
                return Some(v);
            }
        }
        Value::Map(m) => {
            let m = m.borrow();
            let found = crate::lookup::find(&m.entries, name);
            return Some(found.map_or(Value::Null, Value::clone));
        }
        _ => {}
    }
    access::get_property(recv, name)
}

/// An argument as shown in an error message.
fn short(v: &Value) -> String {
    let s = match v {
        Value::Str(s) => format!("\"{s}\""),
        other => other.to_java_string(),
    };
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s
    }
}
