//! Rendering a parsed template against a [`Context`]: walks the tree once,
//! writing output with provenance, under the [`Limits`] budget.

mod define;
mod eval;
mod foreach;
pub(crate) mod output;
mod print;
mod scope;
mod undefined;

use std::collections::HashMap;

use crate::context::Context;
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::syntax::ast::*;
use crate::value::Value;
use output::Output;

pub use output::Provenance;

/// How rendering of a block ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Flow {
    Normal,
    /// `#break`: leave the innermost `#foreach`.
    Break,
    /// `#stop`: end the whole render, keeping the output so far.
    Stop,
}

/// One running `#foreach`, for `$foreach`, `$velocityCount`, `$velocityHasNext`.
#[derive(Clone, Copy)]
pub(crate) struct LoopState {
    pub index: usize,
    pub len: usize,
}

pub(crate) struct Renderer<'t, 'c> {
    pub src: &'t str,
    pub name: &'t str,
    pub ctx: &'c mut Context,
    pub limits: &'t Limits,
    pub out: Output,
    pub steps: u64,
    pub iterations: u64,
    pub depth: usize,
    pub loops: Vec<LoopState>,
    /// `#define`d blocks by name (a later `#set` of the name replaces it).
    pub defines: HashMap<&'t str, &'t [Node]>,
    /// Non-fatal findings (a method that does not exist...), at most
    /// [`MAX_WARNINGS`], one per template position.
    pub warnings: Vec<Error>,
    /// An empty list kept for method call arguments (see eval.rs).
    pub spare_args: Vec<Value>,
    stack_base: usize,
}

/// Warnings kept per render (a loop would otherwise repeat them).
const MAX_WARNINGS: usize = 20;

/// Errors are boxed inside the renderer: results travel through every
/// node and expression, and a small `Result` keeps that cheap.
pub(crate) type RResult<T> = Result<T, Box<Error>>;

impl<'t, 'c> Renderer<'t, 'c> {
    pub fn new(
        name: &'t str,
        src: &'t str,
        ctx: &'c mut Context,
        limits: &'t Limits,
        provenance: bool,
        room: (usize, usize),
    ) -> Self {
        Renderer {
            src,
            name,
            ctx,
            limits,
            out: Output::new(limits.max_output_bytes, provenance, room),
            steps: 0,
            iterations: 0,
            depth: 0,
            loops: Vec::new(),
            defines: HashMap::new(),
            warnings: Vec::new(),
            spare_args: Vec::new(),
            stack_base: crate::stack::addr(),
        }
    }

    pub fn error(&self, message: impl Into<String>, span: Span) -> Box<Error> {
        Box::new(Error::at(
            ErrorKind::Runtime,
            message,
            self.name,
            self.src,
            span.range(),
        ))
    }

    pub fn limit_error(&self, name: &'static str, value: u64, span: Span) -> Box<Error> {
        let what = match name {
            "max_steps" => "step limit",
            "max_output_bytes" => "output size limit",
            "max_loop_iterations" => "loop iteration limit",
            "max_depth" => "nesting depth limit",
            "max_range_len" => "range length limit",
            "max_template_bytes" => "template size limit",
            "max_regex_bytes" => "regular expression size limit",
            other => other,
        };
        let mut e = Error::at(
            ErrorKind::Limit { name, value },
            format!("template exceeded the {what} ({value})"),
            self.name,
            self.src,
            span.range(),
        );
        e.kind = ErrorKind::Limit { name, value };
        Box::new(e)
    }

    /// Record a warning at `span` (once per position).
    pub fn warn(&mut self, message: impl Into<String>, span: Span) {
        if self.warnings.len() >= MAX_WARNINGS
            || self.warnings.iter().any(|w| w.span == span.range())
        {
            return;
        }
        self.warnings.push(Error::at(
            ErrorKind::Runtime,
            message,
            self.name,
            self.src,
            span.range(),
        ));
    }

    #[inline(always)]
    pub fn step(&mut self, span: Span) -> RResult<()> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            return Err(self.limit_error("max_steps", self.limits.max_steps, span));
        }
        Ok(())
    }

    /// Count `n` steps of work at once.
    pub fn charge(&mut self, n: u64, span: Span) -> RResult<()> {
        self.steps = self.steps.saturating_add(n);
        if self.steps > self.limits.max_steps {
            return Err(self.limit_error("max_steps", self.limits.max_steps, span));
        }
        Ok(())
    }

    #[inline]
    pub fn enter(&mut self, span: Span) -> RResult<()> {
        self.depth += 1;
        // The stack is measured every fourth level: a level's frames are a
        // few KB at most, far less than the room left past the budget
        // (stack.rs), and measuring is a call that every `#if` and method
        // call paid (2% of photos-100 in the module).
        if self.depth > self.limits.max_depth
            || (self.depth & 3 == 0 && crate::stack::exhausted(self.stack_base))
        {
            return Err(self.limit_error("max_depth", self.limits.max_depth as u64, span));
        }
        Ok(())
    }

    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Write `s` to the output (or to the string being built); see
    /// `print::Printer::text`.
    #[inline(always)]
    pub fn emit(&mut self, s: &str, span: Span) -> RResult<()> {
        self.printer()
            .text(s, span)
            .map_err(|o| self.overrun_error(o))
    }

    pub fn render_nodes(&mut self, nodes: &'t [Node]) -> RResult<Flow> {
        for node in nodes {
            let flow = self.render_node(node)?;
            if flow != Flow::Normal {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(always)]
    fn render_node(&mut self, node: &'t Node) -> RResult<Flow> {
        match node {
            Node::Text(span) => {
                self.step(*span)?;
                let s = &self.src[span.range()];
                self.emit(s, *span)?;
            }
            Node::Verbatim { text, span } => {
                self.step(*span)?;
                self.emit(text, *span)?;
            }
            Node::Ref(r) => return self.render_reference(r),
            Node::Set(set) => {
                self.step(set.span)?;
                self.render_set(set)?;
            }
            Node::If(i) => {
                self.step(i.span)?;
                self.enter(i.span)?;
                let mut chosen = i.otherwise.as_deref();
                for (cond, body) in &i.branches {
                    let v = self.eval(cond)?;
                    if undefined::truthy(&v) {
                        chosen = Some(body);
                        break;
                    }
                }
                let flow = match chosen {
                    Some(body) => self.render_nodes(body)?,
                    None => Flow::Normal,
                };
                self.leave();
                return Ok(flow);
            }
            Node::Foreach(f) => return self.render_foreach(f),
            Node::Define(d) => {
                self.step(d.span)?;
                if !d.name.is_empty() {
                    self.defines.insert(&d.name, &d.body);
                }
            }
            Node::Break(_) => return Ok(Flow::Break),
            Node::Stop(_) => return Ok(Flow::Stop),
        }
        Ok(Flow::Normal)
    }

    /// `$ref` in text: its value printed (AWS prints nothing for an
    /// undefined or null reference, `$!` or not), or a `#define` rendered.
    fn render_reference(&mut self, r: &'t Reference) -> RResult<Flow> {
        self.step(r.span)?;
        let n = r.backslashes as usize;
        if n > 0 {
            let half = "\\".repeat(n / 2);
            if n % 2 == 1 {
                // Escaped (Velocity 1.7): a defined reference prints as its
                // source text; an undefined one keeps its backslash too.
                let v = self.eval_reference(r)?;
                let literal = &self.src[r.dollar as usize..r.span.end as usize];
                let text = if v.is_some() {
                    format!("{half}{literal}")
                } else {
                    format!("{half}\\{literal}")
                };
                self.emit(&text, r.span)?;
                return Ok(Flow::Normal);
            }
            self.emit(&half, r.span)?;
        }
        if r.parts.is_empty() {
            if let Some(body) = self.define_of(&r.name) {
                self.enter(r.span)?;
                let flow = self.render_nodes(body)?;
                self.leave();
                // `#stop` inside a define ends the render; `#break` leaves
                // the loop the define was used in.
                return Ok(flow);
            }
        }
        if self.print_borrowed(r)? {
            return Ok(Flow::Normal);
        }
        match self.eval_reference(r)? {
            Some(v) => self.print_value(&v, r.span),
            None => Ok(Flow::Normal),
        }
    }

    /// Render `nodes` into a string instead of the output (a `"..."`
    /// literal, a `#define` used as a value).
    pub fn render_to_string(&mut self, nodes: &'t [Node], span: Span) -> RResult<String> {
        let capture = Output::capture(self.limits.max_output_bytes);
        let saved = std::mem::replace(&mut self.out, capture);
        self.enter(span)?;
        let res = self.render_nodes(nodes);
        self.leave();
        let captured = std::mem::replace(&mut self.out, saved);
        res?;
        Ok(captured.text)
    }
}

/// Render `nodes` of the template `src` named `name`.
pub(crate) fn render(
    name: &str,
    src: &str,
    nodes: &[Node],
    ctx: &mut Context,
    limits: &Limits,
    provenance: bool,
    room: (usize, usize),
) -> Result<(String, Vec<Provenance>, Vec<Error>), Error> {
    let mut r = Renderer::new(name, src, ctx, limits, provenance, room);
    r.render_nodes(nodes).map_err(|e| *e)?;
    let Output {
        text, provenance, ..
    } = r.out;
    Ok((text, provenance, r.warnings))
}

#[cfg(test)]
mod tests;
