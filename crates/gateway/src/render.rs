//! The seam to the Velocity engine: parse (cached), render with the
//! gateway's variables, turn engine errors into diagnostics.
//!
//! The playground calls evaluate on every keystroke, so parsed templates
//! are cached by (name, source).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::report::{Diagnostic, Severity};
use mockgate_velocity as velocity;
use velocity::{Context, Error, ErrorKind, Limits, MapSetObserver, Template, Value};

pub use velocity::Rendered;

const CACHE_CAP: usize = 256;
/// Source bytes the cache may hold: 256 entries of templates up to the
/// 1 MiB template size limit would be 512 MiB (key and template each hold
/// the source), enough to exhaust a browser tab typing in a large template.
const CACHE_BYTES: usize = 32 << 20;

thread_local! {
    /// By name, then source: looked up by `&str`, so a hit allocates nothing.
    static CACHE: RefCell<HashMap<String, HashMap<String, Template>>> = RefCell::new(HashMap::new());
    static CACHE_LEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    static CACHE_SIZE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// By the source's address and length: `mockgate serve` holds one
    /// `Integration` and renders the same template strings on every
    /// request, so the address finds them without hashing the whole
    /// source. A hit is confirmed by comparing name and source (an address
    /// can be reused by a later, different string). Emptied with CACHE.
    static BY_ADDRESS: RefCell<HashMap<(usize, usize), Template>> = RefCell::new(HashMap::new());
}

/// Parse `src` as template `name` under `limits` (template size, nesting),
/// from the cache when seen before.
pub fn parse_cached(name: &str, src: &str, limits: &Limits) -> Result<Template, Vec<Error>> {
    let address = (src.as_ptr() as usize, src.len());
    let hit = BY_ADDRESS.with(|c| {
        c.borrow()
            .get(&address)
            .filter(|t| t.name() == name && t.source() == src)
            .cloned()
    });
    if let Some(t) = hit {
        return Ok(t);
    }
    let known = CACHE.with(|c| c.borrow().get(name).and_then(|m| m.get(src)).cloned());
    let t = match known {
        Some(t) => t,
        None => {
            let t = Template::parse_with_limits(name, src, limits)?;
            CACHE.with(|c| {
                let mut c = c.borrow_mut();
                let size = CACHE_SIZE.with(|s| s.get()) + 2 * (name.len() + src.len());
                if CACHE_LEN.with(|n| n.get()) >= CACHE_CAP || size > CACHE_BYTES {
                    c.clear();
                    BY_ADDRESS.with(|a| a.borrow_mut().clear());
                    CACHE_LEN.with(|n| n.set(0));
                    CACHE_SIZE.with(|s| s.set(2 * (name.len() + src.len())));
                } else {
                    CACHE_SIZE.with(|s| s.set(size));
                }
                let slot = c.entry(name.to_string()).or_default();
                if slot.insert(src.to_string(), t.clone()).is_none() {
                    CACHE_LEN.with(|n| n.set(n.get() + 1));
                }
            });
            t
        }
    };
    BY_ADDRESS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_CAP {
            c.clear();
        }
        c.insert(address, t.clone());
    });
    Ok(t)
}

pub enum Failure {
    /// The template does not parse (every error found).
    Parse(Vec<Error>),
    /// Rendering stopped (a method threw, a limit was hit).
    Runtime(Error),
}

pub struct Output {
    pub rendered: Rendered,
    /// `$context` after rendering (with the template's #set effects).
    pub context: Option<Value>,
}

/// Render `src` with `vars`; `observer` sees every `#set` into a map.
pub fn render(
    name: &str,
    src: &str,
    vars: Vec<(&str, Value)>,
    observer: Option<MapSetObserver>,
    limits: &Limits,
) -> Result<Output, Failure> {
    let t = parse_cached(name, src, limits).map_err(Failure::Parse)?;
    let mut ctx = Context::new();
    if let Some(o) = observer {
        ctx.observe_map_sets(o);
    }
    for (k, v) in vars {
        ctx.insert(k, v);
    }
    let rendered = t.render(&mut ctx, limits).map_err(Failure::Runtime)?;
    Ok(Output {
        rendered,
        context: ctx.get("context").cloned(),
    })
}

/// An engine error as a diagnostic, with its end position.
pub fn diagnostic(e: &Error, src: &str, severity: Severity) -> Diagnostic {
    let mut d =
        Diagnostic::new(severity, e.message.clone()).in_template(&e.template, e.line, e.column);
    let (el, ec) = line_col(src, e.span.end.max(e.span.start));
    d.end_line = Some(el);
    d.end_column = Some(ec);
    d.code = Some(match e.kind {
        ErrorKind::Syntax => "template-syntax",
        ErrorKind::Runtime => "template-runtime",
        ErrorKind::Limit { .. } => "template-limit",
    });
    d
}

/// 1-based line and column (in characters) of byte offset `pos` in `src`.
pub fn line_col(src: &str, pos: usize) -> (u32, u32) {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &src[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u32, (before[start..].chars().count() + 1) as u32)
}

/// Where in the template the output byte `out` came from (via the
/// engine's provenance), as line and column; the template start when
/// unknown.
pub fn source_position(rendered: &Rendered, src: &str, out: usize) -> (u32, u32) {
    let hit = rendered
        .provenance
        .iter()
        .find(|p| p.output.start <= out && out < p.output.end)
        .or_else(|| {
            rendered
                .provenance
                .iter()
                .rev()
                .find(|p| p.output.start <= out)
        });
    match hit {
        Some(p) => {
            let delta = out.saturating_sub(p.output.start);
            let lit = p.template.end - p.template.start == p.output.end - p.output.start;
            line_col(
                src,
                if lit {
                    p.template.start + delta
                } else {
                    p.template.start
                },
            )
        }
        None => (1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_address_with_new_text_is_parsed_afresh() {
        // Same buffer (address and length), different text: the address
        // cache must not hand back the old template.
        let limits = Limits::default();
        let mut src = String::from("first!");
        let a = parse_cached("t", &src, &limits).ok().unwrap();
        assert_eq!(a.source(), "first!");
        let address = src.as_ptr();
        src.replace_range(.., "other!");
        assert_eq!(src.as_ptr(), address, "the test needs the same buffer");
        let b = parse_cached("t", &src, &limits).ok().unwrap();
        assert_eq!(b.source(), "other!");
        // And a different name over the same text is its own template.
        let c = parse_cached("u", &src, &limits).ok().unwrap();
        assert_eq!(c.name(), "u");
    }
}
