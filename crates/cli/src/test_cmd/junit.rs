//! JUnit XML for CI systems: one <testsuite> per case file, one <testcase>
//! per case, a <failure> with the diff for each failed case.

use std::fmt::Write;

pub struct CaseReport {
    pub file: String,
    pub name: String,
    pub seconds: f64,
    /// The failure text (the diff), when the case failed.
    pub failure: Option<String>,
}

pub fn xml(reports: &[CaseReport]) -> String {
    let failures = reports.iter().filter(|r| r.failure.is_some()).count();
    let total: f64 = reports.iter().map(|r| r.seconds).sum();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"mockgate\" tests=\"{}\" failures=\"{failures}\" time=\"{total:.3}\">",
        reports.len()
    );
    // Group by file, keeping first-seen order.
    let mut files: Vec<&str> = Vec::new();
    for r in reports {
        if !files.contains(&r.file.as_str()) {
            files.push(&r.file);
        }
    }
    for file in files {
        let cases: Vec<&CaseReport> = reports.iter().filter(|r| r.file == file).collect();
        let f = cases.iter().filter(|r| r.failure.is_some()).count();
        let t: f64 = cases.iter().map(|r| r.seconds).sum();
        let _ = writeln!(
            s,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{f}\" errors=\"0\" time=\"{t:.3}\">",
            escape(file),
            cases.len()
        );
        for c in cases {
            let _ = write!(
                s,
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                escape(file),
                escape(&c.name),
                c.seconds
            );
            match &c.failure {
                None => s.push_str("/>\n"),
                Some(text) => {
                    let first = text.lines().next().unwrap_or("failed");
                    let _ = write!(
                        s,
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                        escape(first),
                        escape(text)
                    );
                }
            }
        }
        s.push_str("  </testsuite>\n");
    }
    s.push_str("</testsuites>\n");
    s
}

/// Escape for both text and attribute values. Characters XML 1.0 cannot
/// carry at all (most C0 controls) become a visible `\u{..}` escape.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\u{1}&lt;/a&gt;"
        );
    }

    #[test]
    fn one_suite_per_file_with_failures() {
        let x = xml(&[
            CaseReport {
                file: "a.yaml".into(),
                name: "ok".into(),
                seconds: 0.001,
                failure: None,
            },
            CaseReport {
                file: "a.yaml".into(),
                name: "bad <one>".into(),
                seconds: 0.002,
                failure: Some("statusCode: expected 200, got 500\n".into()),
            },
        ]);
        assert!(
            x.contains("<testsuite name=\"a.yaml\" tests=\"2\" failures=\"1\""),
            "{x}"
        );
        assert!(x.contains("name=\"bad &lt;one&gt;\""), "{x}");
        assert!(
            x.contains("<failure message=\"statusCode: expected 200, got 500\">"),
            "{x}"
        );
        assert!(
            x.contains("<testcase classname=\"a.yaml\" name=\"ok\" time=\"0.001\"/>"),
            "{x}"
        );
    }
}
