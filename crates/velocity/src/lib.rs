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

pub mod value;

pub use value::{HostObject, List, ListKind, ListRef, Map, MapKind, MapRef, Value};
pub mod limits;

pub use limits::Limits;

pub mod context;
pub mod error;
mod render;
mod stack;
pub mod syntax;
mod template;

pub use context::Context;
pub use error::{Error, ErrorKind};
pub use render::Provenance;
pub use template::{Rendered, Template};
