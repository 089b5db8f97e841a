//! Rendering tests: semantics of undefined references, directives, white
//! space, errors, limits and provenance.

use crate::value::json::from_json;
use crate::{Context, ErrorKind, Limits, Rendered, Template};

fn ctx_of(vars: &str) -> Context {
    let mut ctx = Context::new();
    let j: serde_json::Value = serde_json::from_str(vars).unwrap();
    for (k, v) in j.as_object().unwrap() {
        ctx.insert(k.as_str(), from_json(v));
    }
    ctx
}

fn full(src: &str, vars: &str, limits: &Limits) -> Result<Rendered, crate::Error> {
    let t = Template::parse("t", src).unwrap_or_else(|e| panic!("parse errors: {e:?}"));
    t.render(&mut ctx_of(vars), limits)
}

fn render(src: &str, vars: &str) -> String {
    full(src, vars, &Limits::default())
        .unwrap_or_else(|e| panic!("render error: {e}"))
        .text
}

fn r(src: &str) -> String {
    render(src, "{}")
}

#[test]
fn undefined_references_print_nothing_and_are_true() {
    assert_eq!(r("a$x.b.c()b$!{y}c"), "abc");
    assert_eq!(r("#if($x)T#{else}F#end"), "T");
    assert_eq!(r("#if(!$x)T#{else}F#end"), "F");
    assert_eq!(
        r("#if($x == '')T#end#if($x == $null)N#end#if($x != '')X#end"),
        "TN"
    );
    assert_eq!(r("#foreach($i in $nothing)x#end."), ".");
    assert_eq!(r("#set($a = $nope + 1)$a,#set($b = $nope * 2)$b"), "1,");
    assert_eq!(
        r("#foreach($i in [1..'3'])x#end#foreach($i in [1..2.9])$i#end"),
        "12"
    );
    assert_eq!(
        render(
            "#if($a.missing)T#end#if($a.flag)F#end",
            r#"{"a": {"flag": false}}"#
        ),
        "T"
    );
}

#[test]
fn set_with_null_leaves_the_variable_unchanged() {
    assert_eq!(r("#set($a = 1)#set($a = $nope)$a"), "1");
    assert_eq!(r("#set($a = 1)#set($a = null)$a"), "1");
    assert_eq!(
        render("#set($a = 1)#set($a = $m.get('x'))$a", r#"{"m": {}}"#),
        "1"
    );
}

#[test]
fn set_into_maps_and_lists() {
    assert_eq!(
        r("#set($m = {})#set($m.k = 'v')#set($m['j'] = 2)$m"),
        "{k=v, j=2}"
    );
    assert_eq!(
        render(
            "#set($context[\"requestOverride\"].querystring[\"x\"] = \"y\")$context.requestOverride.querystring.x",
            r#"{"context": {"requestOverride": {"querystring": {}}}}"#
        ),
        "y"
    );
    // The host reads #set effects back from the context.
    let t = Template::parse("t", "#set($out = 'done')#set($m.k = 1)").unwrap();
    let mut ctx = ctx_of(r#"{"m": {}}"#);
    t.render(&mut ctx, &Limits::default()).unwrap();
    assert_eq!(ctx.get("out").unwrap().to_java_string(), "done");
    assert_eq!(ctx.get("m").unwrap().to_java_string(), "{k=1}");
}

#[test]
fn map_set_observer_sees_each_put_and_can_refuse() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let src = "#set($m.a = 1)\n#set($m['b'] = 'x')\n#set($m.c = $nope)#set($other.a = 2)$other.put('p', 4)\n#set($m.a = 3)after";
    let t = Template::parse("t", src).unwrap();
    let mut ctx = ctx_of(r#"{"m": {}, "other": {}}"#);
    let watched = match ctx.get("m") {
        Some(crate::Value::Map(m)) => m.clone(),
        _ => unreachable!(),
    };
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    ctx.observe_map_sets(Rc::new(move |put: &crate::MapSet<'_>| {
        let mine = Rc::ptr_eq(put.map, &watched);
        log.borrow_mut().push(format!(
            "{}:{}={}",
            mine,
            put.key,
            put.value.to_java_string()
        ));
        if mine && put.key == "a" && put.value.to_java_string() == "3" {
            return Err("a is final".to_string());
        }
        Ok(())
    }));
    let e = t.render(&mut ctx, &Limits::default()).unwrap_err();
    assert_eq!(e.message, "a is final");
    assert_eq!(e.kind, ErrorKind::Runtime);
    // At the refused #set (line 4), and the map is left as it was.
    assert_eq!((e.line, e.column), (4, 1));
    assert_eq!(&src[e.span.clone()], "#set($m.a = 3)");
    assert_eq!(ctx.get("m").unwrap().to_java_string(), "{a=1, b=x}");
    // put(k, v) is seen too, and refused at the call.
    let src = "$m.put('a', 1)\n  $m.put('a', 3)";
    let t = Template::parse("t", src).unwrap();
    let e = t.render(&mut ctx, &Limits::default()).unwrap_err();
    assert_eq!(e.message, "a is final");
    assert_eq!(e.line, 2);
    assert_eq!(ctx.get("m").unwrap().to_java_string(), "{a=1, b=x}");
    // A #set of null puts nothing and is not reported; other maps are.
    assert_eq!(
        *seen.borrow(),
        [
            "true:a=1",
            "true:b=x",
            "false:a=2",
            "false:p=4",
            "true:a=3",
            "true:a=1",
            "true:a=3"
        ]
    );
}

#[test]
fn foreach_variables_and_scoping() {
    assert_eq!(
        r("#foreach($i in ['a','b'])$foreach.index$foreach.count$foreach.hasNext$foreach.first$foreach.last;#end"),
        "01truetruefalse;12falsefalsetrue;"
    );
    assert_eq!(r("#foreach($i in [1,2])#foreach($j in [1,2])$velocityCount$foreach.parent.count #end#end"), "11 21 12 22 ");
    // The loop variable is restored; variables set inside stay.
    assert_eq!(
        r("#set($i = 'x')#foreach($i in [1])#set($in = $i)#end$i$in"),
        "x1"
    );
    assert_eq!(
        r("#foreach($i in [1..5])$i#if($i == 3)#break#end#end."),
        "123."
    );
    assert_eq!(r("a#foreach($i in [1,2])b#stop c#end d"), "ab");
    assert_eq!(r("#foreach($i in [3..1])$i#end"), "321");
    assert_eq!(
        render(
            "#foreach($k in $m.keySet())$k=$m.get($k);#end",
            r#"{"m": {"x": 1, "y": "z"}}"#
        ),
        "x=1;y=z;"
    );
}

#[test]
fn define_renders_where_used() {
    // (The blank between `$d` and `#set` goes with the #set: see the parser.)
    assert_eq!(
        r("#define($d)<$x>#end#set($x = 1)$d #set($x = 2)$d"),
        "<1><2>"
    );
    assert_eq!(r("#define($d)ab#end$d.length()"), "2");
    assert_eq!(r("#define($d)ab#end#set($d = 'z')$d"), "z");
    assert_eq!(r("#define( $hello)hi#end$hello()"), "hi()");
}

#[test]
fn strings_literals_and_operators() {
    assert_eq!(
        r("#set($n = 'W')#set($s = \"Hi $n #if(true)!#end\")$s"),
        "Hi W !"
    );
    assert_eq!(r("#set($s = 'Hi $n')$s"), "Hi $n");
    assert_eq!(r("#set($a = 2147483647 + 1)$a"), "2147483648");
    assert_eq!(
        r("#set($a = 7 / 2)$a,#set($b = 7.0 / 2)$b,#set($c = -7 % 3)$c"),
        "3,3.5,-1"
    );
    assert_eq!(r("#set($a = 1)#set($a = 1 / 0)$a"), "1");
    assert_eq!(r("#if(1 < 2 && 3 >= 3 || false)y#end#if(2 le 1)n#end"), "y");
    // Velocity 1.7 orders numbers only.
    assert_eq!(r("#if('b' > 'a')y#{else}n#end"), "n");
    assert_eq!(r("$a-b.$a"), ".");
    assert_eq!(
        r("#set($l = [1, 'two', [3], {'k': true}])$l $l.size()"),
        "[1, two, [3], {k=true}] 4"
    );
}

#[test]
fn escaping() {
    assert_eq!(
        r("#set($e = 'foo')\\$e \\\\$e \\\\\\$e \\$nope"),
        "$e \\foo \\$e \\$nope"
    );
    assert_eq!(r("\\#if(true)x\\#end"), "#if(true)x#end");
    assert_eq!(r("\\\\#if(true)x#end"), "\\x");
}

#[test]
fn white_space_around_directives() {
    assert_eq!(
        r("a\n#set($x = 1)\nb\n#if(true)\n  c\n#else\n  d\n#end\ne"),
        "a\nb\n  c\ne"
    );
    assert_eq!(r("#foreach($i in [1,2])\n$i\n#end\n"), "1\n2\n");
    assert_eq!(r("x #if(true) y #end z"), "x  y  z");
    assert_eq!(r("    #set($x = 1)\n    {}"), "    {}");
}

#[test]
fn unsupported_directives_print_literally_with_a_warning() {
    let out = full(
        "#macro(m $a)[$a]#end#m(1) #parse('x') $y",
        r#"{"y": 2}"#,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(out.text, "#macro(m $a)[$a]#end#m(1) #parse('x') 2");
    assert_eq!(out.warnings.len(), 3);
    assert!(out.warnings[0].message.contains("#macro"));
}

#[test]
fn runtime_warnings_explain_empty_output() {
    let out = full(
        "#foreach($i in [1,2])[$s.nope($i)]#end#foreach($c in $s)x#end",
        r#"{"s": "str"}"#,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(out.text, "[][]");
    let msgs: Vec<_> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        msgs,
        vec![
            "t:1:25: String has no method nope taking 1 argument(s); it renders as nothing",
            "t:1:54: #foreach over a String, which is not a list or map: nothing is rendered",
        ]
    );
}

#[test]
fn runtime_errors_abort_with_position() {
    let e = full(
        "ok\n  $s.substring(3, 60)",
        r#"{"s": "something"}"#,
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Runtime);
    assert_eq!((e.line, e.column), (2, 5));
    assert!(
        e.message.starts_with("substring(3, 60) failed: "),
        "{}",
        e.message
    );
    assert!(
        e.to_string().starts_with("t:2:5: substring(3, 60) failed"),
        "{e}"
    );
}

fn limit_of(src: &str, limits: Limits) -> (&'static str, u64, String) {
    match full(src, "{}", &limits) {
        Err(crate::Error {
            kind: ErrorKind::Limit { name, value },
            message,
            ..
        }) => (name, value, message),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

#[test]
fn every_limit_stops_the_render() {
    let (name, value, msg) = limit_of(
        "#foreach($i in [1..10])#foreach($j in [1..10])x#end#end",
        Limits {
            max_loop_iterations: 50,
            ..Limits::default()
        },
    );
    assert_eq!((name, value), ("max_loop_iterations", 50));
    assert_eq!(msg, "template exceeded the loop iteration limit (50)");

    let (name, value, msg) = limit_of(
        "#foreach($i in [1..100])abc#end",
        Limits {
            max_output_bytes: 100,
            ..Limits::default()
        },
    );
    assert_eq!((name, value), ("max_output_bytes", 100));
    assert_eq!(msg, "template exceeded the output size limit (100)");

    let (name, _, msg) = limit_of(
        "#foreach($i in [1..100])$i#end",
        Limits {
            max_steps: 60,
            ..Limits::default()
        },
    );
    assert_eq!(name, "max_steps");
    assert_eq!(msg, "template exceeded the step limit (60)");

    let (name, _, msg) = limit_of("#define($d)$d#end$d", Limits::default());
    assert_eq!(name, "max_depth");
    assert_eq!(msg, "template exceeded the nesting depth limit (256)");

    let (name, value, _) = limit_of("#set($r = [1..1000001])", Limits::default());
    assert_eq!((name, value), ("max_range_len", 1_000_000));

    // A string that doubles each round stays under the output limit.
    let (name, _, _) = limit_of(
        "#set($s = 'ab')#foreach($i in [1..40])#set($s = \"$s$s\")#end",
        Limits {
            max_output_bytes: 1 << 16,
            ..Limits::default()
        },
    );
    assert_eq!(name, "max_output_bytes");

    let (name, value, msg) = limit_of(
        "#set($s = 'aaa')$s.matches('(a{1,100}){1,100}')",
        Limits {
            max_regex_bytes: 10_000,
            ..Limits::default()
        },
    );
    assert_eq!((name, value), ("max_regex_bytes", 10_000));
    assert_eq!(
        msg,
        "template exceeded the regular expression size limit (10000)"
    );

    let errs = Template::parse_with_limits(
        "t",
        "abcdef",
        &Limits {
            max_template_bytes: 5,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        errs[0].kind,
        ErrorKind::Limit {
            name: "max_template_bytes",
            value: 5
        }
    );
}

#[test]
fn a_string_grown_by_plus_in_a_loop_is_budgeted() {
    // `$x` starts undefined, so `+` joins strings (Velocity 1.7 writes the
    // undefined operand as its source text) and `$x` grows every round: a
    // million rounds of copying a growing string.
    let (name, _, _) = limit_of(
        "#foreach($i in [1..1000])#foreach($j in [1..1000])#set($x = $i * $j + $x)#end#end",
        Limits::default(),
    );
    assert_eq!(name, "max_steps");
    // The same with a string literal: each round copies `$s` into a new string.
    let (name, _, _) = limit_of(
        "#foreach($i in [1..1000000])#set($s = \"$!s x\")#end",
        Limits::default(),
    );
    assert_eq!(name, "max_steps");
    // Short joins in a loop stay cheap: 1,000 joins of a few bytes.
    let t = Template::parse("t", "#foreach($i in [1..1000])#set($y = \"a\" + $i)#end$y").unwrap();
    let out = t.render(&mut Context::new(), &Limits::default()).unwrap();
    assert_eq!(out.text, "a1000");
}

#[test]
fn regular_expression_work_counts_toward_the_step_budget() {
    // Each `matches` backtracks through tens of thousands of steps, under
    // the per-search bound; 10,000 of them must not fit a 100,000-step
    // budget.
    let (name, _, _) = limit_of(
        "#set($s = 'aaaaaaaaaaaaaaaaaaaa')#foreach($i in [1..10000])#if($s.matches('(a|aa)+b'))#end#end",
        Limits {
            max_steps: 100_000,
            ..Limits::default()
        },
    );
    assert_eq!(name, "max_steps");
}

#[test]
fn big_work_inside_cheap_looking_loops_is_budgeted() {
    let (name, _, _) = limit_of(
        "#foreach($i in [1..1000000])#foreach($j in [1..1000000])#break#end#end",
        Limits::default(),
    );
    assert_eq!(name, "max_steps");
    let (name, _, _) = limit_of(
        "#set($big = [1..1000000])#foreach($i in $big)#if($big.contains(-1))#end#end",
        Limits::default(),
    );
    assert_eq!(name, "max_steps");
}

#[test]
fn an_endless_loop_is_stopped() {
    // A list that grows while it is walked would loop for ever in Java;
    // here iteration walks a snapshot and the budget bounds everything.
    let out = full(
        "#set($l = [1])#foreach($i in $l)#set($x = $l.add($i))#end$l.size()",
        "{}",
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(out.text, "2");
}

/// Provenance spans are in output order, do not overlap, cover the whole
/// output, and each points into the template.
fn check_provenance(src: &str, vars: &str) -> Rendered {
    let out = full(src, vars, &Limits::default()).unwrap();
    let mut at = 0;
    for p in &out.provenance {
        assert_eq!(
            p.output.start, at,
            "gap or overlap in {:?} for {src:?}",
            out.provenance
        );
        assert!(p.output.end > p.output.start);
        assert!(p.template.end <= src.len() && p.template.start < p.template.end);
        at = p.output.end;
    }
    assert_eq!(
        at,
        out.text.len(),
        "provenance does not cover the output of {src:?}"
    );
    out
}

#[test]
fn render_text_writes_the_same_text_without_provenance() {
    let src = "#set($n = 0)#foreach($x in $xs)$x #set($n = $n + 1)#end#if($n > 2)$n#end";
    let vars = r#"{"xs": [1, "a", 2.5]}"#;
    let t = Template::parse("t", src).unwrap();
    let tracked = t.render(&mut ctx_of(vars), &Limits::default()).unwrap();
    assert!(!tracked.provenance.is_empty());
    // Twice: the second render starts with the first's buffer sizes.
    for _ in 0..2 {
        let text = t
            .render_text(&mut ctx_of(vars), &Limits::default())
            .unwrap();
        assert_eq!(text.text, tracked.text);
        assert_eq!(text.text, "1a2.53");
        assert!(text.provenance.is_empty());
    }
}

#[test]
fn provenance_covers_the_output() {
    let out = check_provenance("Hello $name!", r#"{"name": "World"}"#);
    let spans: Vec<_> = out
        .provenance
        .iter()
        .map(|p| (p.output.clone(), p.template.clone()))
        .collect();
    assert_eq!(spans, vec![(0..6, 0..6), (6..11, 6..11), (11..12, 11..12)]);

    // Text from a loop body maps to the body's text node; a reference
    // inside a #define maps to that reference.
    let src = "#define($d)<$x>#end#foreach($x in [1,2])$d,#end";
    let out = check_provenance(src, "{}");
    assert_eq!(out.text, "<1>,<2>,");
    let lt = src.find('<').unwrap();
    assert_eq!(out.provenance[0].template, lt..lt + 1);
    let x = src.find("$x").unwrap();
    assert_eq!(out.provenance[1].template, x..x + 2);

    // Each round of a loop has its own entries.
    let out = check_provenance("#foreach($i in [1,2])ab#end", "{}");
    let spans: Vec<_> = out
        .provenance
        .iter()
        .map(|p| (p.output.clone(), p.template.clone()))
        .collect();
    assert_eq!(spans, vec![(0..2, 21..23), (2..4, 21..23)]);

    for (src, vars) in [
        (
            "#set($a = 1)\n#if($a == 1)\n  yes $a\n#else\n  no\n#end\n",
            "{}",
        ),
        ("\\$a \\\\$b #[[raw $x]]# ## c\n#* b *#end", r#"{"b": 2}"#),
        (
            "#foreach($i in [1..3])$i#if($foreach.hasNext), #end#end",
            "{}",
        ),
        ("#macro(x)y#end #foo($a) \"$a\"", r#"{"a": "q"}"#),
    ] {
        check_provenance(src, vars);
    }
}

#[test]
fn arbitrary_input_never_panics_or_hangs() {
    // A small deterministic generator over the template alphabet.
    let pieces = [
        "$",
        "#",
        "\\",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "\"",
        "'",
        "a",
        "1",
        ".",
        "..",
        ",",
        " ",
        "\n",
        "#set(",
        "#if(",
        "#elseif(",
        "#else",
        "#end",
        "#foreach(",
        " in ",
        "#define(",
        "#break",
        "#stop",
        "$a",
        "${b}",
        "$!c",
        "==",
        "+",
        "-",
        "*",
        "/",
        "%",
        "!",
        "&&",
        "||",
        "##",
        "#*",
        "*#",
        "#[[",
        "]]#",
        "=",
        ":",
        "$a.b(",
        "$a[",
        "#macro(",
        "2.5",
        "true",
        "null",
        "#{end}",
        "\\$a",
        "\\#end",
        "é",
        // Method calls reach the value layer: it must not panic either.
        ".substring(",
        ".get(",
        ".replaceAll(",
        ".split(",
        ".size()",
        ".add(",
        ".put(",
        ".keySet()",
        ".charAt(",
        "-1",
        "2147483647",
        "'[(*'",
        "$a.b",
        "$b",
        "[1..3]",
    ];
    let mut seed: u64 = std::env::var("MOCKGATE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E3779B97F4A7C15);
    let limits = Limits {
        max_steps: 20_000,
        max_loop_iterations: 1000,
        max_output_bytes: 1 << 16,
        ..Limits::default()
    };
    // MOCKGATE_FUZZ_ITERS=1000000 for a longer run.
    let iters: usize = std::env::var("MOCKGATE_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    for _ in 0..iters {
        let mut src = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 30) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            src.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        match Template::parse("t", &src) {
            Ok(t) => {
                let mut ctx = ctx_of(r#"{"a": {"b": [1, "x"]}, "b": 3}"#);
                if let Ok(out) = t.render(&mut ctx, &limits) {
                    let mut at = 0;
                    for p in &out.provenance {
                        assert_eq!(p.output.start, at, "{src:?}");
                        at = p.output.end;
                    }
                    assert_eq!(at, out.text.len(), "{src:?}");
                }
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                for e in errors {
                    assert!(e.line >= 1 && e.column >= 1);
                    let _ = e.render_with_source(&src);
                }
            }
        }
    }
}

/// `$input.path(...)` results as API Gateway gives them (evidence
/// ls-tpl-input-path-format-*): a missing path is null, which `#set`
/// does not assign, so `$result` stays undefined.
#[test]
fn null_from_a_host_method_behaves_as_on_aws() {
    use std::rc::Rc;

    struct Input(serde_json::Value);
    impl crate::HostObject for Input {
        fn type_name(&self) -> &str {
            "Input"
        }
        fn call(&self, name: &str, args: &[crate::Value]) -> Result<Option<crate::Value>, String> {
            let (Some(crate::Value::Str(p)), "path") = (args.first(), name) else {
                return Ok(None);
            };
            let mut j = &self.0;
            for key in p.trim_start_matches("$.").split('.') {
                j = j.get(key).unwrap_or(&serde_json::Value::Null);
            }
            Ok(Some(from_json(j)))
        }
    }
    let src = "#set($result = $input.path(\"$.json.listValue\")){\"body\": $result, \"nested\": $result.nested, \"isNull\": #if( $result == $null )\"true\"#else\"false\"#end, \"isEmptyString\": #if( $result == \"\" )\"true\"#else\"false\"#end}";
    let t = Template::parse("t", src).unwrap();
    for (body, expected) in [
        (
            r#"{"json": {"listValue": []}}"#,
            r#"{"body": [], "nested": , "isNull": "false", "isEmptyString": "false"}"#,
        ),
        (
            r#"{"json": {"listValue": null}}"#,
            r#"{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}"#,
        ),
        (
            r#"{"json": null}"#,
            r#"{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}"#,
        ),
    ] {
        let mut ctx = Context::new();
        ctx.insert(
            "input",
            crate::Value::Host(Rc::new(Input(serde_json::from_str(body).unwrap()))),
        );
        assert_eq!(
            t.render(&mut ctx, &Limits::default()).unwrap().text,
            expected,
            "body {body}"
        );
    }
}

#[test]
fn templates_are_send_and_sync() {
    fn check<T: Send + Sync + Clone>() {}
    check::<Template>();
    check::<crate::Error>();
}

#[test]
fn pathological_templates_parse_in_linear_time() {
    // Each of these would be quadratic with naive rescanning; with 200k
    // repetitions a quadratic parser would not finish (no timing asserted).
    for unit in [
        "#set($a = \"",
        "#foo(",
        "#set($a = '",
        "$a.b(",
        "#if(",
        "${",
        "#*",
        "#[[",
        "\\#",
        "$a[$b[",
        "#set(",
    ] {
        let src = unit.repeat(200_000 / unit.len());
        let start = std::time::Instant::now();
        let res = Template::parse("t", &src);
        eprintln!("{unit:?}: {:?}", start.elapsed());
        if let Err(errors) = res {
            assert!(errors.len() <= 50, "{unit:?}: {} errors", errors.len());
        }
    }
}
