//! The budget every render runs under, so that no template can hang or
//! exhaust its host. Exceeding any of these is an error naming the limit.

/// Execution limits. `Limits::default()` is what the CLI, the wasm module and
/// the page use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Source size of one template, in bytes.
    pub max_template_bytes: usize,
    /// Evaluation steps in one render: one per node visited and method
    /// call, plus, for work that grows with the data, one per 16 bytes a
    /// method's receiver holds, a string `+` produces or a piece of output
    /// of 1 KB or more copies, and one per 16 steps of the regular
    /// expression searches a call runs.
    pub max_steps: u64,
    /// Bytes of output one render may produce.
    pub max_output_bytes: usize,
    /// Iterations of all `#foreach` loops in one render, together.
    pub max_loop_iterations: u64,
    /// Nesting of directives, `#define` expansions and expressions.
    pub max_depth: usize,
    /// Size of each compiled regular expression (its program, with counted
    /// repetitions as if written out: value/regex/program.rs).
    pub max_regex_bytes: usize,
    /// Length of a range literal `[a..b]`.
    pub max_range_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_template_bytes: 1 << 20,
            max_steps: 10_000_000,
            max_output_bytes: 16 << 20,
            max_loop_iterations: 1_000_000,
            max_depth: 256,
            max_regex_bytes: 1 << 20,
            max_range_len: 1_000_000,
        }
    }
}
