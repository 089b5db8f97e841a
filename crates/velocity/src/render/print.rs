//! Printing values into the output, and the quick way to print the most
//! common reference in a mapping template: `$a.b.c` in text, properties of
//! maps all the way (`"id": "$elem.id"`).
//!
//! The general way (`eval_path`) clones the value at each step (a reference
//! count up, then down) and moves it through `Result<Option<Value>>`s. Here
//! the path is walked through borrowed values and the last one is printed
//! where it lies. Anything else on the way (a host object such as `$input`
//! or `$foreach`, a list, a method call, an index) hands the reference back
//! to the general way, before anything was printed and with the steps
//! counted so far given back, so both ways print the same and count the
//! same steps.

use super::foreach::is_loop_variable;
use super::output::{int_text, Output, TooLarge};
use super::{Flow, RResult, Renderer};
use crate::syntax::ast::{Part, Reference, Span};
use crate::value::Value;

/// Why printing stopped the render.
pub(crate) enum Overrun {
    Steps(Span),
    Output(Span),
}

/// The parts of the renderer that printing changes: borrowed apart from the
/// context, whose values are being printed.
pub(crate) struct Printer<'r> {
    pub out: &'r mut Output,
    pub steps: &'r mut u64,
    pub max_steps: u64,
}

impl Printer<'_> {
    /// Write `s`. A long piece costs steps for what it copies:
    /// `#set($s = "$s x")` in a loop copies a growing string every round.
    #[inline(always)]
    pub fn text(&mut self, s: &str, span: Span) -> Result<(), Overrun> {
        if s.len() >= 1024 {
            *self.steps = self.steps.saturating_add(s.len() as u64 / 16);
            if *self.steps > self.max_steps {
                return Err(Overrun::Steps(span));
            }
        }
        self.out
            .push(s, span)
            .map_err(|TooLarge| Overrun::Output(span))
    }

    /// Write what `v` prints as in text (Java's `toString()`; null prints
    /// nothing).
    pub fn value(&mut self, v: &Value, span: Span) -> Result<(), Overrun> {
        match v {
            Value::Str(s) => self.text(s, span),
            Value::Null => Ok(()),
            // Numbers and booleans are most of what a JSON template prints
            // that is not a string: no String is made for them.
            Value::Int(i) => self.text(int_text(i64::from(*i), &mut [0; 20]), span),
            Value::Long(i) => self.text(int_text(*i, &mut [0; 20]), span),
            Value::Bool(b) => self.text(if *b { "true" } else { "false" }, span),
            other => self.text(&other.to_java_string(), span),
        }
    }

    #[inline(always)]
    fn step(&mut self, span: Span) -> Result<(), Overrun> {
        *self.steps += 1;
        if *self.steps > self.max_steps {
            return Err(Overrun::Steps(span));
        }
        Ok(())
    }
}

#[cfg(test)]
thread_local! {
    /// Tests compare both ways: with this set, every reference takes the
    /// general way (and `$foreach.index` makes its `$foreach`: eval.rs).
    static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
pub(crate) fn general_only() -> bool {
    GENERAL_ONLY.with(std::cell::Cell::get)
}

#[cfg(not(test))]
#[inline(always)]
pub(crate) fn general_only() -> bool {
    false
}

/// How walking a path through borrowed values ended.
enum Walk {
    Done,
    /// Not a path this walk takes: use the general way.
    Elsewhere,
    Stopped(Overrun),
}

/// Walk `parts` from `v`, printing the value at the end as the reference
/// at `at` printed it.
fn walk(v: &Value, parts: &[Part], at: Span, p: &mut Printer<'_>) -> Walk {
    let Some((first, rest)) = parts.split_first() else {
        return match v {
            // A host object prints through the host: the general way.
            Value::Host(_) => Walk::Elsewhere,
            v => match p.value(v, at) {
                Ok(()) => Walk::Done,
                Err(o) => Walk::Stopped(o),
            },
        };
    };
    let (Part::Property(name, span), Value::Map(m)) = (first, v) else {
        return Walk::Elsewhere;
    };
    if let Err(o) = p.step(*span) {
        return Walk::Stopped(o);
    }
    let m = m.borrow();
    match crate::lookup::find(&m.entries, name) {
        // A missing key or a null value: the reference prints nothing.
        None | Some(Value::Null) => Walk::Done,
        Some(next) => walk(next, rest, at, p),
    }
}

impl<'t, 'c> Renderer<'t, 'c> {
    #[inline(always)]
    pub(crate) fn printer(&mut self) -> Printer<'_> {
        Printer {
            out: &mut self.out,
            steps: &mut self.steps,
            max_steps: self.limits.max_steps,
        }
    }

    pub(crate) fn overrun_error(&self, o: Overrun) -> Box<crate::error::Error> {
        match o {
            Overrun::Steps(span) => self.limit_error("max_steps", self.limits.max_steps, span),
            Overrun::Output(span) => self.limit_error(
                "max_output_bytes",
                self.limits.max_output_bytes as u64,
                span,
            ),
        }
    }

    /// Print `r` (its step already counted) by walking borrowed values. `Ok(false)`: printed nothing
    /// and counted nothing; `r` takes the general way.
    pub(crate) fn print_borrowed(&mut self, r: &'t Reference) -> RResult<bool> {
        // Only properties on the way: a method call or an index would send
        // the reference back after walking part of it.
        if !r.plain_path
            || (!self.loops.is_empty() && is_loop_variable(&r.name))
            || self.define_of(&r.name).is_some()
            || general_only()
        {
            return Ok(false);
        }
        let steps = self.steps;
        let max_steps = self.limits.max_steps;
        let walked = match self.ctx.get_named(&r.name) {
            None | Some(Value::Null) => Walk::Done,
            Some(root) => {
                let mut p = Printer {
                    out: &mut self.out,
                    steps: &mut self.steps,
                    max_steps,
                };
                walk(root, &r.parts, r.span, &mut p)
            }
        };
        match walked {
            Walk::Done => Ok(true),
            Walk::Elsewhere => {
                self.steps = steps;
                Ok(false)
            }
            Walk::Stopped(o) => Err(self.overrun_error(o)),
        }
    }

    /// The value of a reference printed in text.
    pub(crate) fn print_value(&mut self, v: &Value, span: Span) -> RResult<Flow> {
        self.printer()
            .value(v, span)
            .map_err(|o| self.overrun_error(o))?;
        Ok(Flow::Normal)
    }
}

#[cfg(test)]
mod tests {
    use super::GENERAL_ONLY;
    use crate::value::json::from_json;
    use crate::{Context, Limits, Template};

    /// Text, provenance and warnings, or the error's message and place.
    fn outcome(src: &str, vars: &str, limits: &Limits, general: bool) -> String {
        let t = Template::parse("t", src).expect("parses");
        let mut ctx = Context::new();
        let j: serde_json::Value = serde_json::from_str(vars).unwrap();
        for (k, v) in j.as_object().unwrap() {
            ctx.insert(k.as_str(), from_json(v));
        }
        GENERAL_ONLY.with(|g| g.set(general));
        let res = t.render(&mut ctx, limits);
        GENERAL_ONLY.with(|g| g.set(false));
        match res {
            Ok(r) => format!("{:?} {:?} {:?}", r.text, r.provenance, r.warnings),
            Err(e) => format!("error {e} {:?} {:?}", e.kind, e.span),
        }
    }

    /// Both ways print the same text with the same provenance, and stop at
    /// the same step and output limits with the same error at the same
    /// place, for every limit up to what the template needs.
    #[test]
    fn printing_borrowed_is_printing_the_general_way() {
        let vars = r#"{
            "m": {"a": {"b": "deep", "n": 7, "l": 12345678901, "t": true, "d": 1.5,
                        "list": [1, {"x": 2}], "map": {"k": "v"}, "nul": null}},
            "s": "top", "i": -3, "arr": [{"id": 1, "v": "one"}, {"v": "two", "id": 2}],
            "big": "0123456789012345678901234567890123456789"
        }"#;
        let templates = [
            "$m.a.b|$m.a.n|$m.a.l|$m.a.t|$m.a.d|$m.a.list|$m.a.map|$m.a.nul|$m.a.none|$m.none.b",
            "$s $i $m $nope $!nope ${m.a.b} $!{m.a.nul}|\\$s|\\$m.a.b",
            "#foreach($e in $arr)$e.id=$e.v $foreach.index $velocityCount $e.id.missing,#end",
            "#define($d)D$s#end$d.length() $d|$s.length()|$m.a.list.size()|$m.a.list[1].x",
            "#set($m.a.b = 'changed')$m.a.b #set($s = $m)$s.a.n",
            "#foreach($a in [1, 2])#foreach($b in $arr)$foreach.index $foreach.count $foreach.parent.index \
             $foreach.hasNext $foreach.first $foreach.last $foreach.nope $foreach.index.toString() \
             #if($foreach.hasNext),#end$velocityCount $velocityHasNext#end$foreach.last#end$foreach.index",
            "$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big$big",
        ];
        for src in templates {
            let all = outcome(src, vars, &Limits::default(), false);
            assert_eq!(all, outcome(src, vars, &Limits::default(), true), "{src}");
            assert!(!all.starts_with("error"), "{src}: {all}");
            let steps = (0..200).map(|n| Limits {
                max_steps: n,
                ..Limits::default()
            });
            let output = (0..64).map(|n| Limits {
                max_output_bytes: n,
                ..Limits::default()
            });
            for limits in steps.chain(output) {
                let quick = outcome(src, vars, &limits, false);
                assert_eq!(quick, outcome(src, vars, &limits, true), "{src} {limits:?}");
            }
        }
    }
}
