//! Java regular expressions (java.util.regex), run by mockgate's own
//! engine: API Gateway evaluates templates on Java, so `String.matches`,
//! `replaceAll`, `replaceFirst`, `split` and the integration responses'
//! selection patterns take Java patterns and behave as Java's engine does.
//!
//! - `parse`: Java's syntax to a tree (`ast`); errors read like Java's
//!   PatternSyntaxException descriptions.
//! - `properties`, `categories`: `\p{...}` classes; general categories come
//!   from a generated table (`categories_table.rs`), binary properties from
//!   core's `char` predicates.
//! - `program`: the tree compiled to instructions (the size limit,
//!   `Limits::max_regex_bytes`, bounds the compiled size).
//! - `exec`: a backtracking matcher, like Java's (ordered alternation,
//!   greedy/reluctant/possessive quantifiers, backreferences, lookaround,
//!   atomic groups), with a step budget so catastrophic backtracking is an
//!   error naming the limit rather than a hang.
//! - `java`: compiled patterns (cached per thread) and `Matcher.find`'s
//!   sequence of matches; `replace`: replacement syntax and `split`.
//!
//! What differs from Java is listed in docs/regex.md.

mod ast;
mod categories;
mod exec;
mod java;
mod parse;
mod program;
mod properties;
mod replace;
#[cfg(test)]
mod tests;

pub use categories::unicode_version;
pub use exec::work;
pub use java::{compile_java_regex, compile_java_regex_whole, java_find_all, Captures, Regex};
pub use replace::{java_replace, java_split};
