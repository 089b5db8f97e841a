//! Line diffs for `mockgate test` failures: expected vs actual, with a few
//! lines of context around each change. JSON-aware: when both sides parse
//! as JSON they are compared pretty-printed, so a one-field change shows as
//! one line instead of one long line.

/// One line of a diff.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op<'a> {
    Same(&'a str),
    Expected(&'a str),
    Actual(&'a str),
}

/// Context lines shown around each change.
const CONTEXT: usize = 3;
/// Past this many cells the middle part is shown as removed + added
/// instead of running the quadratic LCS table.
const MAX_CELLS: usize = 4_000_000;

fn ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    // Common prefix and suffix first: most bodies differ in a few lines.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out: Vec<Op> = a[..prefix].iter().map(|l| Op::Same(l)).collect();
    if am.len().saturating_mul(bm.len()) > MAX_CELLS {
        out.extend(am.iter().map(|l| Op::Expected(l)));
        out.extend(bm.iter().map(|l| Op::Actual(l)));
    } else {
        // lcs[i][j]: length of the LCS of am[i..] and bm[j..].
        let w = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() && j < bm.len() {
            if am[i] == bm[j] {
                out.push(Op::Same(am[i]));
                i += 1;
                j += 1;
            } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
                out.push(Op::Expected(am[i]));
                i += 1;
            } else {
                out.push(Op::Actual(bm[j]));
                j += 1;
            }
        }
        out.extend(am[i..].iter().map(|l| Op::Expected(l)));
        out.extend(bm[j..].iter().map(|l| Op::Actual(l)));
    }
    out.extend(a[a.len() - suffix..].iter().map(|l| Op::Same(l)));
    out
}

/// A unified-style line diff of `expected` and `actual`: `-` lines are
/// expected only, `+` lines actual only, two spaces mark context.
pub fn lines(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split('\n').collect();
    let b: Vec<&str> = actual.split('\n').collect();
    let ops = ops(&a, &b);
    let changed: Vec<bool> = ops.iter().map(|o| !matches!(o, Op::Same(_))).collect();
    // Show a line when a change is within CONTEXT lines of it.
    let mut show = vec![false; ops.len()];
    for (i, &c) in changed.iter().enumerate() {
        if c {
            let lo = i.saturating_sub(CONTEXT);
            let hi = (i + CONTEXT + 1).min(ops.len());
            show[lo..hi].iter_mut().for_each(|s| *s = true);
        }
    }
    let mut out = String::new();
    let mut skipped = false;
    for (op, shown) in ops.iter().zip(&show) {
        if !shown {
            skipped = true;
            continue;
        }
        if skipped {
            out.push_str("  ...\n");
            skipped = false;
        }
        let (mark, text) = match op {
            Op::Same(t) => (' ', t),
            Op::Expected(t) => ('-', t),
            Op::Actual(t) => ('+', t),
        };
        out.push(mark);
        out.push(' ');
        out.push_str(text);
        out.push('\n');
    }
    if skipped {
        out.push_str("  ...\n");
    }
    out
}

/// Explain how two bodies differ. JSON-aware when both parse as JSON.
pub fn bodies(expected: &str, actual: &str) -> String {
    let mut out = String::from("body (- expected, + actual):\n");
    if let (Ok(e), Ok(a)) = (
        serde_json::from_str::<serde_json::Value>(expected),
        serde_json::from_str::<serde_json::Value>(actual),
    ) {
        let (pe, pa) = (pretty(&e), pretty(&a));
        if pe != pa {
            out.insert_str(0, "JSON ");
            out.push_str(&lines(&pe, &pa));
            return out;
        }
        // Same JSON, different text: the text diff is what matters.
        out.push_str("  (the same JSON value; the text differs in white space or key order)\n");
    }
    out.push_str(&lines(expected, actual));
    if expected.trim_end() == actual.trim_end() && expected != actual {
        out.push_str("  (the bodies differ only in trailing white space)\n");
    }
    out
}

pub fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_line_in_the_middle() {
        let e = "a\nb\nc\nd\ne\nf\ng\nh\ni";
        let a = "a\nb\nc\nd\nX\nf\ng\nh\ni";
        assert_eq!(
            lines(e, a),
            "  ...\n  b\n  c\n  d\n- e\n+ X\n  f\n  g\n  h\n  ...\n"
        );
    }

    #[test]
    fn insertions_and_deletions() {
        assert_eq!(lines("a\nb", "a\nc\nb"), "  a\n+ c\n  b\n");
        assert_eq!(lines("a\nb\nc", "a\nc"), "  a\n- b\n  c\n");
    }

    #[test]
    fn json_bodies_are_compared_pretty() {
        let d = bodies(r#"{"a": 1, "b": [1, 2]}"#, r#"{"a":1,"b":[1,3]}"#);
        assert!(d.starts_with("JSON body"), "{d}");
        assert!(d.contains("-     2\n+     3\n"), "{d}");
    }

    #[test]
    fn same_json_different_text() {
        let d = bodies(r#"{"a": 1}"#, r#"{"a":1}"#);
        assert!(d.contains("the same JSON value"), "{d}");
        assert!(d.contains("- {\"a\": 1}\n+ {\"a\":1}\n"), "{d}");
    }
}
