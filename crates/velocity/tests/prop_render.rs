//! Property tests over templates stitched from a token soup: rendering
//! never panics, and the provenance spans cover the output exactly.

use mockgate_velocity::{Context, Limits, Template, Value};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "#if(",
    "#elseif(",
    "#else",
    "#end",
    "#foreach(",
    " in ",
    "#set(",
    "#break",
    "#stop",
    "#define(",
    "#macro(",
    "#{if}(",
    "#{end}",
    "$",
    "$!",
    "${",
    "$!{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "{",
    "..",
    "[1..3]",
    "#[[",
    "]]#",
    "#*",
    "*#",
    "##",
    "\n",
    " ",
    "\\",
    "'",
    "\"",
    ",",
    ":",
    ".",
    "=",
    "==",
    "<",
    "&&",
    "||",
    "!",
    "+",
    "-",
    "*",
    "/",
    "%",
    "0",
    "1",
    "-7",
    "2147483647",
    "1.5",
    "true",
    "false",
    "null",
    "$a",
    "$name",
    "$list",
    "$map",
    "$n",
    "$foreach.index",
    "$velocityCount",
    ".size()",
    ".get(0)",
    ".put('k', 1)",
    ".add(2)",
    ".keySet()",
    ".replaceAll('a', 'b')",
    ".substring(1)",
    ".toUpperCase()",
    "é",
    "日本",
    "text",
    "$a)",
    "($a)",
    "$list)",
    "#set($a = 1)",
    "#foreach($x in $list)$x#end",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => (0..TOKENS.len()).prop_map(|i| TOKENS[i].to_string()),
            1 => "[ -~]{0,4}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn limits() -> Limits {
    Limits {
        max_steps: 100_000,
        max_output_bytes: 1 << 20,
        max_loop_iterations: 10_000,
        max_range_len: 10_000,
        ..Limits::default()
    }
}

fn context() -> Context {
    let mut ctx = Context::new();
    ctx.insert("name", Value::str("World"));
    ctx.insert("n", Value::Int(3));
    ctx.insert("list", Value::list(vec![Value::Int(1), Value::str("two")]));
    ctx.insert(
        "map",
        Value::map([("k".to_string(), Value::str("v"))].into_iter().collect()),
    );
    ctx
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn rendering_never_panics(src in soup()) {
        if let Ok(t) = Template::parse("soup", &src) {
            let _ = t.render(&mut context(), &limits());
        }
    }

    #[test]
    fn provenance_covers_the_output_exactly(src in soup()) {
        let Ok(t) = Template::parse("soup", &src) else { return Ok(()) };
        let Ok(out) = t.render(&mut context(), &limits()) else { return Ok(()) };
        // Ordered and non-overlapping, with no gap: each span starts where
        // the previous ended, the first at 0, the last at the end.
        let mut at = 0;
        for p in &out.provenance {
            prop_assert_eq!(p.output.start, at, "gap or overlap in {:?}", out.provenance);
            prop_assert!(p.output.end > p.output.start, "empty span in {:?}", out.provenance);
            prop_assert!(out.text.is_char_boundary(p.output.start) && out.text.is_char_boundary(p.output.end));
            prop_assert!(p.template.start <= p.template.end && p.template.end <= src.len(),
                "template span {:?} outside the source ({} bytes)", p.template, src.len());
            at = p.output.end;
        }
        prop_assert_eq!(at, out.text.len(), "spans end at {} of {}: {:?}", at, out.text.len(), out.provenance);
    }
}
