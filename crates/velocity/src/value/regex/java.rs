//! Compiled Java patterns and the `java.lang.String` / `java.util.regex`
//! operations templates use on them: `matches`, `replaceAll`,
//! `replaceFirst` (with `Matcher.appendReplacement`'s `$1` syntax) and
//! `split`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::exec::{Searcher, Stop, STACK_LIMIT, STEPS_PER_INPUT_BYTE, STEP_LIMIT};
use super::parse::parse;
use super::program::{compile, Program};

/// A compiled Java pattern. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Regex {
    inner: Arc<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    pattern: String,
    program: Program,
    groups: usize,
    names: HashMap<String, usize>,
    /// Matches must span the whole input (`String.matches`, `Pattern.matches`).
    whole: bool,
}

/// One match: group bounds (byte offsets), group 0 the whole match.
#[derive(Clone, Debug)]
pub struct Captures<'h> {
    text: &'h str,
    bounds: Vec<Option<(usize, usize)>>,
}

impl<'h> Captures<'h> {
    pub fn get(&self, g: usize) -> Option<&'h str> {
        let (s, e) = (*self.bounds.get(g)?)?;
        Some(&self.text[s..e])
    }

    pub fn start(&self) -> usize {
        self.bounds[0].map_or(0, |b| b.0)
    }

    pub fn end(&self) -> usize {
        self.bounds[0].map_or(0, |b| b.1)
    }
}

impl Regex {
    /// The Java pattern as written.
    pub fn as_str(&self) -> &str {
        &self.inner.pattern
    }

    /// Capturing groups, group 0 not counted.
    pub fn group_count(&self) -> usize {
        self.inner.groups
    }

    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.inner.names.get(name).copied()
    }

    /// Does the pattern match (anywhere; the whole input for a pattern
    /// compiled by `compile_java_regex_whole`)? A search that runs out of
    /// its step budget is an error naming the limit.
    pub fn try_is_match(&self, text: &str) -> Result<bool, String> {
        let mut s = Searcher::new(&self.inner.program, text);
        s.find(0, self.inner.whole)
            .map_err(|e| self.stopped(e, text))
    }

    /// `try_is_match`, with a search that ran out of budget as no match.
    pub fn is_match(&self, text: &str) -> bool {
        self.try_is_match(text).unwrap_or(false)
    }

    fn stopped(&self, why: Stop, text: &str) -> String {
        match why {
            Stop::Steps(budget) => format!(
                "the regular expression {:?} needed more than {budget} backtracking steps on a \
                 {}-character input and was stopped (mockgate's regex step limit: {STEP_LIMIT} \
                 plus {STEPS_PER_INPUT_BYTE} per input byte; Java would keep backtracking, \
                 for minutes or more: catastrophic backtracking)",
                self.inner.pattern,
                text.chars().count()
            ),
            Stop::Stack => format!(
                "the regular expression {:?} needed more than {STACK_LIMIT} saved backtracking \
                 positions on a {}-character input and was stopped (mockgate's regex stack \
                 limit; Java would throw StackOverflowError)",
                self.inner.pattern,
                text.chars().count()
            ),
        }
    }
}

/// Compile a Java pattern (for `find`-style use: `replaceAll`, `split`).
/// Err reads like Java's PatternSyntaxException description, or names what
/// mockgate does not support. Compiled patterns are cached per thread
/// (templates call `replaceAll` inside `#foreach`).
pub fn compile_java_regex(pattern: &str, size_limit: usize) -> Result<Regex, String> {
    cached(pattern, false, size_limit)
}

/// A Java pattern that must match the whole input, as `String.matches`
/// and `Pattern.matches` do.
pub fn compile_java_regex_whole(pattern: &str, size_limit: usize) -> Result<Regex, String> {
    cached(pattern, true, size_limit)
}

const CACHE_CAPACITY: usize = 128;

type CacheKey = (String, bool, usize);

thread_local! {
    static CACHE: RefCell<HashMap<CacheKey, Result<Regex, String>>> = RefCell::new(HashMap::new());
}

fn cached(pattern: &str, whole: bool, size_limit: usize) -> Result<Regex, String> {
    let key = (pattern.to_string(), whole, size_limit);
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let result = compile_uncached(pattern, whole, size_limit);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_CAPACITY {
            c.clear();
        }
        c.insert(key, result.clone());
    });
    result
}

#[cfg(test)]
pub(super) fn is_cached(pattern: &str, whole: bool, size_limit: usize) -> bool {
    CACHE.with(|c| {
        c.borrow()
            .contains_key(&(pattern.to_string(), whole, size_limit))
    })
}

fn compile_uncached(pattern: &str, whole: bool, size_limit: usize) -> Result<Regex, String> {
    let parsed = parse(pattern)?;
    let program = compile(&parsed.node, parsed.groups, size_limit, pattern)?;
    Ok(Regex {
        inner: Arc::new(Compiled {
            pattern: pattern.to_string(),
            program,
            groups: parsed.groups,
            names: parsed.names,
            whole,
        }),
    })
}

/// Java's `Matcher.find` sequence: after an empty match the next search
/// starts one character later; after a non-empty match, at its end (where
/// an empty match is allowed). `limit`: at most this many matches.
pub fn java_find_all<'h>(
    re: &Regex,
    text: &'h str,
    limit: usize,
) -> Result<Vec<Captures<'h>>, String> {
    let mut found = Vec::new();
    let mut s = Searcher::new(&re.inner.program, text);
    let mut pos = 0;
    while pos <= text.len() && found.len() < limit {
        if !s
            .find(pos, re.inner.whole)
            .map_err(|e| re.stopped(e, text))?
        {
            break;
        }
        let bounds: Vec<_> = (0..=re.inner.groups).map(|g| s.group(g)).collect();
        let (start, end) = bounds[0].unwrap_or((pos, pos));
        pos = if start == end {
            match text[end..].chars().next() {
                Some(c) => end + c.len_utf8(),
                None => text.len() + 1,
            }
        } else {
            end
        };
        found.push(Captures { text, bounds });
        if re.inner.whole {
            break;
        }
    }
    Ok(found)
}
