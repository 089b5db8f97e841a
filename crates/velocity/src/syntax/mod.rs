//! Template source -> syntax tree.

pub mod ast;
mod directives;
mod expr;
pub mod lexer;
pub(crate) mod parser;
mod reference;

use crate::error::Error;

/// Parse `src`; on failure every error found (at least one). Warnings
/// (directives API Gateway prints literally) are returned either way.
pub fn parse(name: &str, src: &str, max_depth: usize) -> (Vec<ast::Node>, Vec<Error>, Vec<Error>) {
    let mut p = parser::Parser::new(name, src, max_depth);
    let nodes = p.parse_top();
    (nodes, p.errors, p.warnings)
}

#[cfg(test)]
mod tests;
