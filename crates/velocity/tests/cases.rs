//! The 99 AWS recordings of tests/cases/vtl/ rendered by the engine alone:
//! each case's variables become values with `value::json::from_json` (the
//! recordings `#set` them from `$util.parseJson`, which builds the same
//! values), then `Template::parse` + `render`, and the output is compared
//! exactly or with normalized white space (per case).
//!
//! `cargo test -p mockgate-velocity --test cases -- --nocapture` prints
//! every failure with a diff and a summary.

#[path = "../../../tests/cases/support/vtl_case.rs"]
mod vtl_case;

use mockgate_velocity::value::json::from_json;
use mockgate_velocity::{Context, Limits, Template};
use vtl_case::{cases_dir, diff, load_all, matches, run_all, VtlCase};

const RUNNER: &str = "engine";

fn render(case: &VtlCase) -> Result<String, String> {
    // The recordings ran the template as a response template.
    let template =
        Template::parse("response:application/json", &case.template).map_err(|errors| {
            let list: Vec<String> = errors
                .iter()
                .map(|e| {
                    format!(
                        "    parse error: {e}\n{}",
                        indent(&e.render_with_source(&case.template))
                    )
                })
                .collect();
            list.join("\n")
        })?;
    let mut ctx = Context::new();
    for (name, value) in case.variables.as_object().expect("variables object") {
        ctx.insert(name, from_json(value));
    }
    let out = template.render(&mut ctx, &Limits::default()).map_err(|e| {
        format!(
            "    render error: {e}\n{}",
            indent(&e.render_with_source(&case.template))
        )
    })?;
    Ok(out.text)
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("      {l}\n")).collect()
}

fn check(case: &VtlCase) -> Result<(), String> {
    let text = render(case)?;
    if matches(case.compare, &case.expected, &text) {
        Ok(())
    } else {
        Err(diff(&case.expected, &text))
    }
}

#[test]
fn aws_vtl_recordings() {
    let cases = load_all(&cases_dir(env!("CARGO_MANIFEST_DIR")).join("vtl"));
    run_all("vtl engine", RUNNER, &cases, check);
}
