//! A parsed template: parse once, render many times.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::context::Context;
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::render::{self, Provenance};
use crate::syntax::{self, ast::Node};

/// A parsed template. Cloning is cheap (shared); it is `Send + Sync`.
#[derive(Clone)]
pub struct Template {
    inner: Arc<Inner>,
}

struct Inner {
    name: String,
    source: String,
    nodes: Vec<Node>,
    warnings: Vec<Error>,
    /// The last render's output size and provenance entries: the next
    /// render starts with room for as much (a template mostly renders
    /// about the same again), instead of growing its buffers step by step.
    last_size: (AtomicUsize, AtomicUsize),
}

/// What a render produced.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub text: String,
    /// Output spans and the template spans that produced them, in output
    /// order, covering the whole output.
    pub provenance: Vec<Provenance>,
    /// Non-fatal problems (a directive API Gateway prints literally).
    pub warnings: Vec<Error>,
}

impl Template {
    /// Parse with the default limits. On failure, every error found.
    pub fn parse(name: &str, source: &str) -> Result<Template, Vec<Error>> {
        Template::parse_with_limits(name, source, &Limits::default())
    }

    /// Parse under `limits` (template size, nesting depth).
    pub fn parse_with_limits(
        name: &str,
        source: &str,
        limits: &Limits,
    ) -> Result<Template, Vec<Error>> {
        if source.len() > limits.max_template_bytes {
            let value = limits.max_template_bytes as u64;
            return Err(vec![Error {
                kind: ErrorKind::Limit {
                    name: "max_template_bytes",
                    value,
                },
                message: format!("template exceeded the template size limit ({value} bytes)"),
                template: name.to_string(),
                line: 1,
                column: 1,
                span: 0..0,
            }]);
        }
        let (nodes, errors, warnings) = syntax::parse(name, source, limits.max_depth);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Template {
            inner: Arc::new(Inner {
                name: name.to_string(),
                source: source.to_string(),
                nodes,
                warnings,
                last_size: Default::default(),
            }),
        })
    }

    pub fn name(&self) -> &str {
        &self.inner.name
    }

    pub fn source(&self) -> &str {
        &self.inner.source
    }

    /// Warnings found while parsing (also in every [`Rendered`]).
    pub fn warnings(&self) -> &[Error] {
        &self.inner.warnings
    }

    /// Render against `ctx` (which `#set` may change) under `limits`.
    pub fn render(&self, ctx: &mut Context, limits: &Limits) -> Result<Rendered, Error> {
        self.render_tracked(ctx, limits, true)
    }

    /// [`Template::render`] without provenance (`Rendered::provenance` is
    /// empty): for callers that only want the text. Recording where each
    /// piece of output came from was a seventh of a render (callgrind,
    /// photos-100).
    pub fn render_text(&self, ctx: &mut Context, limits: &Limits) -> Result<Rendered, Error> {
        self.render_tracked(ctx, limits, false)
    }

    fn render_tracked(
        &self,
        ctx: &mut Context,
        limits: &Limits,
        provenance: bool,
    ) -> Result<Rendered, Error> {
        let i = &*self.inner;
        let room = (
            i.last_size.0.load(Ordering::Relaxed),
            i.last_size.1.load(Ordering::Relaxed),
        );
        let (text, provenance, runtime) =
            render::render(&i.name, &i.source, &i.nodes, ctx, limits, provenance, room)?;
        i.last_size.0.store(text.len(), Ordering::Relaxed);
        i.last_size.1.store(provenance.len(), Ordering::Relaxed);
        let mut warnings = i.warnings.clone();
        warnings.extend(runtime);
        Ok(Rendered {
            text,
            provenance,
            warnings,
        })
    }
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("name", &self.inner.name)
            .finish_non_exhaustive()
    }
}
