//! A parsed template: parse once, render many times.

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
        let i = &*self.inner;
        let (text, provenance, runtime) =
            render::render(&i.name, &i.source, &i.nodes, ctx, limits)?;
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
