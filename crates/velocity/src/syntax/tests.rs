//! Parser tests: tree shape (through a compact dump), white space, errors.

use super::ast::*;
use super::parse;

/// A compact, readable dump of the tree: text shows as its source.
fn dump(src: &str) -> String {
    let (nodes, errors, _) = parse("t", src, 64);
    assert!(errors.is_empty(), "unexpected errors: {errors:?}");
    let mut s = String::new();
    nodes_dump(src, &nodes, &mut s);
    s
}

fn errors(src: &str) -> Vec<String> {
    let (_, errors, _) = parse("t", src, 64);
    errors.iter().map(|e| e.to_string()).collect()
}

fn nodes_dump(src: &str, nodes: &[Node], s: &mut String) {
    for n in nodes {
        match n {
            Node::Text(sp) => s.push_str(&format!("T{:?}", &src[sp.range()])),
            Node::Verbatim { text, .. } => s.push_str(&format!("V{text:?}")),
            Node::Ref(r) => ref_dump(src, r, s),
            Node::Set(set) => {
                s.push_str("SET(");
                ref_dump(src, &set.target, s);
                s.push('=');
                expr_dump(src, &set.value, s);
                s.push(')');
            }
            Node::If(i) => {
                for (k, (c, body)) in i.branches.iter().enumerate() {
                    s.push_str(if k == 0 { "IF(" } else { "ELIF(" });
                    expr_dump(src, c, s);
                    s.push_str("){");
                    nodes_dump(src, body, s);
                    s.push('}');
                }
                if let Some(o) = &i.otherwise {
                    s.push_str("ELSE{");
                    nodes_dump(src, o, s);
                    s.push('}');
                }
            }
            Node::Foreach(f) => {
                s.push_str(&format!("FOR(${} in ", f.var));
                expr_dump(src, &f.iterable, s);
                s.push_str("){");
                nodes_dump(src, &f.body, s);
                s.push('}');
            }
            Node::Define(d) => {
                s.push_str(&format!("DEF(${}){{", d.name));
                nodes_dump(src, &d.body, s);
                s.push('}');
            }
            Node::Break(_) => s.push_str("BREAK"),
            Node::Stop(_) => s.push_str("STOP"),
        }
    }
}

fn ref_dump(src: &str, r: &Reference, s: &mut String) {
    s.push_str(&"\\".repeat(r.backslashes as usize));
    s.push('$');
    if r.silent {
        s.push('!');
    }
    s.push_str(&r.name);
    for p in &r.parts {
        match p {
            Part::Property(n, _) => s.push_str(&format!(".{n}")),
            Part::Method(n, args, _) => {
                s.push_str(&format!(".{n}("));
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        s.push(',');
                    }
                    expr_dump(src, a, s);
                }
                s.push(')');
            }
            Part::Index(e, _) => {
                s.push('[');
                expr_dump(src, e, s);
                s.push(']');
            }
        }
    }
}

fn expr_dump(src: &str, e: &Expr, s: &mut String) {
    match &e.kind {
        ExprKind::Int(i) => s.push_str(&i.to_string()),
        ExprKind::Long(i) => s.push_str(&format!("{i}L")),
        ExprKind::Double(d) => s.push_str(&format!("{d:?}")),
        ExprKind::Bool(b) => s.push_str(&b.to_string()),
        ExprKind::Null => s.push_str("null"),
        ExprKind::Str(t) => s.push_str(&format!("{t:?}")),
        ExprKind::Interpolated(nodes) => {
            s.push_str("\"<");
            nodes_dump(src, nodes, s);
            s.push_str(">\"");
        }
        ExprKind::Ref(r) => ref_dump(src, r, s),
        ExprKind::List(items) => {
            s.push('[');
            for (i, a) in items.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                expr_dump(src, a, s);
            }
            s.push(']');
        }
        ExprKind::Map(entries) => {
            s.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                expr_dump(src, k, s);
                s.push(':');
                expr_dump(src, v, s);
            }
            s.push('}');
        }
        ExprKind::Range(a, b) => {
            s.push('[');
            expr_dump(src, a, s);
            s.push_str("..");
            expr_dump(src, b, s);
            s.push(']');
        }
        ExprKind::Binary(op, a, b) => {
            s.push('(');
            expr_dump(src, a, s);
            s.push_str(&format!(" {op:?} "));
            expr_dump(src, b, s);
            s.push(')');
        }
        ExprKind::Not(a) => {
            s.push('!');
            expr_dump(src, a, s);
        }
        ExprKind::Neg(a) => {
            s.push('-');
            expr_dump(src, a, s);
        }
    }
}

#[test]
fn references_of_every_shape() {
    assert_eq!(dump("Hello $name!"), r#"T"Hello "$nameT"!""#);
    assert_eq!(dump("${a}b $!{a.b} $!c"), r#"$aT"b "$!a.bT" "$!c"#);
    assert_eq!(
        dump("$a.b($x, 'y')[0][\"k\"].c"),
        r#"$a.b($x,"y")[0]["k"].c"#
    );
    // A `}` after an informal reference is text; `$hello()` is the
    // reference then the text "()".
    assert_eq!(dump("$name}."), r#"$nameT"}.""#);
    assert_eq!(dump("$hello()"), r#"$helloT"()""#);
    // Lone `$`, `$1`, `${` without `}`: text.
    assert_eq!(dump("Hello $ $1 ${a"), r#"T"Hello $ $1 ${a""#);
    // A trailing dot is text.
    assert_eq!(dump("$i. x"), r#"$iT". x""#);
    // Velocity 1.7 allows '-' inside identifiers.
    assert_eq!(dump("$a-b"), "$a-b");
    // An index that does not parse ends the reference.
    assert_eq!(dump("$a[ x"), r#"$aT"[ x""#);
}

#[test]
fn escapes_follow_velocity_1_7() {
    assert_eq!(dump(r"\$a \\$a"), r#"\$aT" "\\$a"#);
    assert_eq!(dump(r"\#end x"), r##"V"#end"T" x""##);
    assert_eq!(dump(r"\#set( $e = 1 )"), r##"V"#set"T"( "$eT" = 1 )""##);
    assert_eq!(dump(r"\# end \\ \$"), r##"T"\\# end \\\\ \\$""##);
    // `\\#if` prints one backslash and runs the directive.
    assert_eq!(dump(r"\\#if(true)x#end"), r#"V"\\"IF(true){T"x"}"#);
    // ... but before #set (grammar, not a registered directive) they stay.
    assert_eq!(dump(r"\\#set($a = 1)"), r#"V"\\\\"SET($a=1)"#);
    // `#word` is a token of its own: blanks after it go with #set.
    assert_eq!(dump("#foo #set($b = 2)x"), r##"T"#foo"SET($b=2)T"x""##);
    assert_eq!(dump(r"a\ #set($b = 2)x"), r#"T"a\\"SET($b=2)T"x""#);
    assert_eq!(dump("$a._b $a.c"), r#"$aT"._b "$a.c"#);
}

#[test]
fn directives_and_blocks() {
    assert_eq!(
        dump("#if($a)x#elseif($b)y#else z#end"),
        r#"IF($a){T"x"}ELIF($b){T"y"}ELSE{T" z"}"#
    );
    assert_eq!(
        dump("#{if}($a)x#{else}y#{end}"),
        r#"IF($a){T"x"}ELSE{T"y"}"#
    );
    assert_eq!(
        dump("#foreach ($i in [1..3])$i#end"),
        "FOR($i in [1..3]){$i}"
    );
    assert_eq!(dump("#define ( $hello)hi#end"), r#"DEF($hello){T"hi"}"#);
    assert_eq!(
        dump("#set($m[$k].x = {'a': [1, 2.5]})"),
        r#"SET($m[$k].x={"a":[1,2.5]})"#
    );
    assert_eq!(
        dump("#foreach($i in $l)#if($i)#break#end#stop#end"),
        "FOR($i in $l){IF($i){BREAK}STOP}"
    );
    // `#end` followed by letters is `#end` then text (1.7's lexer).
    assert_eq!(dump("#if($a)x#endy"), r#"IF($a){T"x"}T"y""#);
    // Not directives: text.
    assert_eq!(dump("#set of rules"), r##"T"#set of rules""##);
    assert_eq!(dump("color: #fff; #1 # x"), r##"T"color: #fff; #1 # x""##);
}

#[test]
fn comments_and_unparsed_blocks() {
    assert_eq!(dump("a## c $x\nb"), r#"T"a"T"b""#);
    assert_eq!(dump("a#* $x\n *#b"), r#"T"a"T"b""#);
    assert_eq!(dump("#[[ $x #if ]]#"), r##"T" $x #if ""##);
    assert_eq!(
        dump("#literal()\n$x #if($a)y#end\n#end!"),
        r##"T"$x #if($a)y#end\n"T"!""##
    );
}

#[test]
fn line_end_gobbling_after_directives() {
    // `)` of #set/#if/#foreach, and #else/#end eat blanks + one newline.
    assert_eq!(dump("#set($a = 1)  \nx"), r#"SET($a=1)T"x""#);
    assert_eq!(dump("#set($a = 1) x"), r#"SET($a=1)T" x""#);
    assert_eq!(
        dump("#if($a)\nx\n#else\ny\n#end\nz"),
        r#"IF($a){T"x\n"}ELSE{T"y\n"}T"z""#
    );
    assert_eq!(dump("#if($a)x#end Off"), r#"IF($a){T"x"}T" Off""#);
    // Indentation after a line break is kept.
    assert_eq!(dump("a\n  #set($a = 1)\n  x"), r#"T"a\n  "SET($a=1)T"  x""#);
    // Blanks before #set are eaten where a token starts, not after text.
    assert_eq!(
        dump("#set($a = 1) #set($b = 2)\nx"),
        r#"SET($a=1)SET($b=2)T"x""#
    );
    assert_eq!(dump("  #set($a = 1)x"), r#"SET($a=1)T"x""#);
    assert_eq!(dump("y  #set($a = 1)x"), r#"T"y  "SET($a=1)T"x""#);
    assert_eq!(
        dump("#if($a)x#end #if($b)y#end"),
        r#"IF($a){T"x"}T" "IF($b){T"y"}"#
    );
    // Only one newline is eaten.
    assert_eq!(dump("#set($a = 1)\n\nx"), r#"SET($a=1)T"\nx""#);
}

#[test]
fn expressions_and_precedence() {
    assert_eq!(dump("#set($a = 2 + 5 * 4)"), "SET($a=(2 Add (5 Mul 4)))");
    assert_eq!(dump("#set($a = 4 > 2 + 5)"), "SET($a=(4 Gt (2 Add 5)))");
    assert_eq!(
        dump("#if($a == 1 && !$b || $c ne 'x')#end"),
        r#"IF(((($a Eq 1) And !$b) Or ($c Ne "x"))){}"#
    );
    assert_eq!(
        dump("#if($a gt 1 and not $b)#end"),
        "IF((($a Gt 1) And !$b)){}"
    );
    assert_eq!(dump("#set($r = [2..-2])"), "SET($r=[2..-2])");
    assert_eq!(
        dump("#set($x = ($b + 4) % 2)"),
        "SET($x=(($b Add 4) Mod 2))"
    );
    assert_eq!(dump("#set($x = 2147483648)"), "SET($x=2147483648L)");
    assert_eq!(dump("#set($x = \"a $b\")"), r#"SET($x="<T"a "$b>")"#);
    assert_eq!(
        dump("#set($x = \"say \"\"hi\"\"\")"),
        r#"SET($x="say \"hi\"")"#
    );
    assert_eq!(dump("#set($x = 'it''s $b')"), r#"SET($x="it's $b")"#);
    assert_eq!(dump(r#"#set($x = "a\"b\d")"#), r#"SET($x="a\\\"b\\d")"#);
    assert_eq!(dump(r"#set($x = '\')"), r#"SET($x="\\")"#);
}

#[test]
fn errors_say_what_and_where() {
    assert_eq!(
        errors("#foreach over $x"),
        vec!["t:1:10: expected '(' after #foreach at 1:1, found 'o'"]
    );
    assert_eq!(
        errors("#if($a = 1)#end"),
        vec!["t:1:8: expected ')' to close #if at 1:1, found '=' (compare with ==)"]
    );
    assert_eq!(
        errors("a\n#if($a)\nx"),
        vec!["t:2:1: #if at 2:1 is never closed with #end"]
    );
    assert_eq!(
        errors("#set($a = )"),
        vec!["t:1:11: unexpected ')' where an expression was expected in #set"]
    );
    assert_eq!(
        errors("x #end"),
        vec!["t:1:3: #end has no matching #if, #foreach or #define"]
    );
    assert_eq!(
        errors("#foreach($i of $l)#end"),
        vec!["t:1:13: expected 'in' in #foreach at 1:1, found 'o'"]
    );
    assert_eq!(
        errors("#if $a"),
        vec!["t:1:5: expected '(' after #if at 1:1, found '$'"]
    );
    assert_eq!(errors("$a.b(1"), vec!["t:1:7: expected ',' or ')' in the arguments of b() at 1:5, found the end of the template"]);
}

#[test]
fn several_errors_are_reported() {
    let errs = errors("#set($a = )\nok\n#set(b = 1)\n#if($x\n#end");
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].starts_with("t:1:"));
    assert!(
        errs[1].starts_with("t:3:") && errs[1].contains("must assign to a reference"),
        "{}",
        errs[1]
    );
    assert!(
        errs[2].starts_with("t:5:") && errs[2].contains("expected ')'"),
        "{}",
        errs[2]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let src = format!("#set($a = {}1{})", "(".repeat(100_000), ")".repeat(100_000));
    let (_, errors, _) = parse("t", &src, 256);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("nesting limit (256)"),
        "{}",
        errors[0].message
    );
    // A long operator chain nests the tree as deep as it is long.
    let src = format!("#set($a = 1{})", " + 1".repeat(200_000));
    let (_, errors, _) = parse("t", &src, 256);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("nesting limit (256)"));
    let src = format!("#set($a = 1{})", " + 1".repeat(200));
    assert!(parse("t", &src, 256).1.is_empty());
    let src = "#if(true)".repeat(50_000);
    let (_, errors, _) = parse("t", &src, 256);
    assert_eq!(errors.len(), 1, "{errors:?}");
    // Strings inside method calls inside strings...
    let src = "#set($x = \"$a.b(\"".repeat(5_000);
    let (_, errors, _) = parse("t", &src, 256);
    assert!(!errors.is_empty());
}

#[test]
fn unsupported_directives_are_verbatim_with_a_warning() {
    let (nodes, errors, warnings) = parse(
        "t",
        "a #macro(m $x)hi $x#end b #parse('x.vm') #foo($y) #bar",
        64,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(warnings.len(), 3);
    let mut s = String::new();
    nodes_dump(
        "a #macro(m $x)hi $x#end b #parse('x.vm') #foo($y) #bar",
        &nodes,
        &mut s,
    );
    assert_eq!(
        s,
        r##"T"a "V"#macro(m $x)hi $x#end"T" b "V"#parse('x.vm')"T" "V"#foo($y)"T" #bar""##
    );
}
