//! mockgate-velocity: the Velocity Template Language as Amazon API Gateway
//! runs it (Apache Velocity 1.7 with AWS's own behaviour where it differs).
//!
//! This crate knows nothing of API Gateway: `$input`, `$util` and `$context`
//! are values the host puts in a [`Context`].
//!
//! ```text
//! let template = Template::parse("response:application/json", src)?;   // Vec<Error> on failure
//! let mut ctx = Context::new();
//! ctx.insert("name", Value::str("World"));
//! let out = template.render(&mut ctx, &Limits::default())?;            // Error on failure
//! out.text; out.provenance;
//! ```
//!
//! ## API Gateway's dialect, as built here
//!
//! Evidence: the 99 AWS recordings in the repository's `tests/cases/vtl/` (all pass, bare and as
//! the full response templates AWS ran) and the gateway evidence cases.
//!
//! - An undefined reference (or one that resolves to null) prints nothing,
//!   `$!` or not, is TRUE in `#if`, equals `""` and `$null`, iterates as
//!   nothing, and acts as `""` in operations; `#set` with it (or any null)
//!   leaves the target unchanged. See `render/undefined.rs`.
//! - White space (Velocity 1.7): the `)` of `#set`/`#if`/`#elseif`/
//!   `#foreach`/`#define`, and `#else`/`#end`, eat trailing blanks and one
//!   line break when a line break follows; blanks before `#set` are eaten
//!   where a new token starts (not after text on the same line, not
//!   indentation after a line break). See `syntax/lexer.rs`, `parser.rs`.
//! - Escapes follow Velocity 1.7 (`\$a`, `\\$a`, `\#end`).
//! - `#macro`, macro calls, `#evaluate`, `#parse`, `#include` are output as
//!   written, with a warning (inference: no recording shows them).
//! - Identifiers may contain `-` after the first character (1.7).
//! - Every render runs under [`Limits`]; parsing bounds nesting and stack.

pub mod value;

pub use value::{Entries, HostObject, List, ListKind, ListRef, Map, MapKind, MapRef, Value};
pub mod limits;

pub use limits::Limits;

pub mod bytes;
pub mod context;
pub mod error;
mod hash;
mod lookup;
mod render;
mod stack;
pub mod syntax;
mod template;

pub use context::{Context, MapSet, MapSetObserver};
pub use error::{Error, ErrorKind};
pub use hash::fmix64;
pub use lookup::same_text;
pub use render::Provenance;
pub use template::{Rendered, Template};
