//! Reading tests/cases/vtl/*.case (format: tests/cases/README.md),
//! judging an output against one, and running a whole directory of them.
//! Shared by the runners over these files: crates/velocity/tests/cases.rs
//! (the engine alone), crates/velocity/tests/aws_recordings.rs (the engine
//! on the full response template AWS ran) and crates/cli/tests/vtl_evaluate.rs
//! (the whole pipeline); each includes this file with `#[path]`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// Byte for byte.
    Exact,
    /// Newlines to spaces, runs of white space to one space, trimmed, on
    /// both sides (conformance/README.md).
    NormalizedWhitespace,
}

#[derive(Debug)]
pub struct VtlCase {
    pub file: PathBuf,
    pub id: String,
    pub source: String,
    pub verified_by: String,
    pub compare: Compare,
    /// A JSON object: variable name -> value, in file order.
    pub variables: serde_json::Value,
    pub template: String,
    pub expected: String,
    /// The full evaluate input AWS ran (integration, request, expected).
    pub evaluate: Option<serde_json::Value>,
    /// Runner name ("engine", "evaluate") -> why this case is known to fail.
    pub known_failure: serde_json::Map<String, serde_json::Value>,
}

impl VtlCase {
    pub fn known_failure(&self, runner: &str) -> Option<&str> {
        self.known_failure.get(runner).and_then(|v| v.as_str())
    }
}

const TEMPLATE: &str = "--- template";
const EXPECTED: &str = "--- expected";
const EVALUATE: &str = "--- evaluate";

/// tests/cases at the workspace root, from a crate's manifest directory.
pub fn cases_dir(manifest_dir: &str) -> PathBuf {
    Path::new(manifest_dir).join("../../tests/cases")
}

pub fn load_all(dir: &Path) -> Vec<VtlCase> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "case"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .case files in {}", dir.display());
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
            parse(&text, &f).unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect()
}

/// Split `text` into the header and its sections. A section's text runs
/// from the line after its marker to the line break before the next
/// marker; the last section runs to the end of the file, less one final
/// line break.
pub fn parse(text: &str, file: &Path) -> Result<VtlCase, String> {
    let mut marks: Vec<(&str, usize, usize)> = Vec::new(); // (marker, line start, content start)
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.strip_suffix('\n').unwrap_or(line);
        if bare == TEMPLATE || bare == EXPECTED || bare == EVALUATE {
            marks.push((bare, offset, offset + line.len()));
        }
        offset += line.len();
    }
    let names: Vec<&str> = marks.iter().map(|m| m.0).collect();
    if names != [TEMPLATE, EXPECTED] && names != [TEMPLATE, EXPECTED, EVALUATE] {
        return Err(format!(
            "expected a JSON header, then lines `{TEMPLATE}`, `{EXPECTED}` and optionally `{EVALUATE}`, found markers {names:?}"
        ));
    }
    let section = |i: usize| -> &str {
        let start = marks[i].2.min(text.len());
        match marks.get(i + 1) {
            // The line break before the next marker is not content.
            Some(next) => &text[start..next.1.saturating_sub(1).max(start)],
            None => {
                let rest = &text[start..];
                rest.strip_suffix('\n').unwrap_or(rest)
            }
        }
    };
    let header_text = &text[..marks[0].1];
    let header: serde_json::Value =
        serde_json::from_str(header_text).map_err(|e| format!("header is not JSON: {e}"))?;
    let field = |name: &str| -> Result<String, String> {
        header[name]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("header needs a string \"{name}\""))
    };
    let compare = match header["compare"].as_str().unwrap_or("exact") {
        "exact" => Compare::Exact,
        "normalized-whitespace" => Compare::NormalizedWhitespace,
        other => return Err(format!("unknown compare `{other}`")),
    };
    let variables = match &header["variables"] {
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        v @ serde_json::Value::Object(_) => v.clone(),
        _ => return Err("\"variables\" must be an object".into()),
    };
    let evaluate = if marks.len() == 3 {
        Some(
            serde_json::from_str(section(2))
                .map_err(|e| format!("the evaluate section is not JSON: {e}"))?,
        )
    } else {
        None
    };
    Ok(VtlCase {
        file: file.to_path_buf(),
        id: field("id")?,
        source: header["source"].as_str().unwrap_or("").to_string(),
        verified_by: field("verified_by")?,
        compare,
        variables,
        template: section(0).to_string(),
        expected: section(1).to_string(),
        evaluate,
        known_failure: header["known_failure"]
            .as_object()
            .cloned()
            .unwrap_or_default(),
    })
}

pub fn normalize_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn matches(compare: Compare, expected: &str, actual: &str) -> bool {
    match compare {
        Compare::Exact => expected == actual,
        Compare::NormalizedWhitespace => {
            normalize_whitespace(expected) == normalize_whitespace(actual)
        }
    }
}

/// Runs `check` on every case, each under `catch_unwind` so that a panic is
/// that case's failure, prints every failure and a summary line
/// (`LABEL: N/M passed, ...`), and fails the test if any case failed or if
/// a case listed as a known failure for `runner` now passes (so the list in
/// tests/cases/known_failures.json stays honest).
pub fn run_all(
    label: &str,
    runner: &str,
    cases: &[VtlCase],
    check: impl Fn(&VtlCase) -> Result<(), String> + std::panic::RefUnwindSafe,
) {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let (mut passed, mut failed, mut known, mut fixed) = (0, Vec::new(), Vec::new(), Vec::new());
    for case in cases {
        let outcome = std::panic::catch_unwind(|| check(case)).unwrap_or_else(|p| {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("    panicked: {msg}"))
        });
        match (outcome, case.known_failure(runner)) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => fixed.push(case.id.clone()),
            (Err(_), Some(reason)) => known.push(format!("{} ({reason})", case.id)),
            (Err(e), None) => {
                failed.push(format!("FAIL {} [{}]\n{e}", case.id, case.file.display()))
            }
        }
    }
    std::panic::set_hook(previous_hook);
    for f in &failed {
        println!("{f}\n");
    }
    println!(
        "{label}: {passed}/{} passed, {} failed, {} known failures",
        cases.len(),
        failed.len(),
        known.len()
    );
    for k in &known {
        println!("  known failure: {k}");
    }
    assert!(
        fixed.is_empty(),
        "known failures that now pass (remove them from tests/cases/known_failures.json \"{runner}\" and re-import): {fixed:?}"
    );
    assert!(
        failed.is_empty(),
        "{label}: {} of {} recordings failed (see above)",
        failed.len(),
        cases.len()
    );
}

/// A short account of how `actual` differs from `expected`.
pub fn diff(expected: &str, actual: &str) -> String {
    let at = expected
        .char_indices()
        .zip(actual.chars())
        .find(|((_, a), b)| a != b)
        .map(|((i, _), _)| i)
        .unwrap_or_else(|| expected.len().min(actual.len()));
    let line = expected[..at].matches('\n').count() + 1;
    format!(
        "    expected: {expected:?}\n    actual:   {actual:?}\n    first difference at byte {at} (line {line} of expected)"
    )
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn sections_keep_exact_text() {
        let text = "{\"id\": \"x\", \"verified_by\": \"aws-snapshot\"}\n--- template\n\nA\n\n--- expected\n\n--- evaluate\n{}\n";
        let c = parse(text, Path::new("x.case")).unwrap();
        assert_eq!(c.template, "\nA\n");
        assert_eq!(c.expected, "");
        assert_eq!(c.evaluate, Some(serde_json::json!({})));
        let text = "{\"id\": \"x\", \"verified_by\": \"v\"}\n--- template\nA\n--- expected\nB\n\n";
        let c = parse(text, Path::new("x.case")).unwrap();
        assert_eq!((c.template.as_str(), c.expected.as_str()), ("A", "B\n"));
        assert!(c.evaluate.is_none());
        assert!(parse("{}\n--- expected\n", Path::new("x")).is_err());
    }

    #[test]
    fn whitespace_normalization() {
        assert!(matches(
            Compare::NormalizedWhitespace,
            " a\n\tb  c ",
            "a b c"
        ));
        assert!(!matches(Compare::Exact, "a b", "a  b"));
    }
}
