//! Java regex behaviour, each expectation as java.util.regex has it
//! (JDK 8-17 agree on all of these).

use super::java::{compile_java_regex, compile_java_regex_whole, is_cached, Regex};
use super::replace::{java_replace, java_split};

const LIMIT: usize = 1 << 20;

fn re(p: &str) -> Regex {
    compile_java_regex(p, LIMIT).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// `String.matches`.
fn matches(p: &str, s: &str) -> bool {
    compile_java_regex_whole(p, LIMIT)
        .unwrap_or_else(|e| panic!("{p}: {e}"))
        .try_is_match(s)
        .unwrap()
}

/// `Matcher.find` once.
fn finds(p: &str, s: &str) -> bool {
    re(p).try_is_match(s).unwrap()
}

fn replace_all(s: &str, p: &str, r: &str) -> String {
    java_replace(&re(p), s, r, true).unwrap()
}

fn replace_first(s: &str, p: &str, r: &str) -> String {
    java_replace(&re(p), s, r, false).unwrap()
}

fn split(s: &str, p: &str, limit: i32) -> Vec<String> {
    java_split(&re(p), s, limit).unwrap()
}

fn err(p: &str) -> String {
    compile_java_regex(p, LIMIT).unwrap_err()
}

#[test]
fn whole_string_matching() {
    // airspeed/test_string_matches_full_date
    assert!(matches(
        r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$",
        "2020-01-20T08:00:00.000Z"
    ));
    assert!(matches("a|b", "b"));
    assert!(!matches("a|b", "ab"));
    assert!(!matches("abc", "abcd"));
    assert!(matches("(?i)ABC", "abc"));
    // matches() backtracks into earlier alternatives to reach the end.
    assert!(matches("a|ab", "ab"));
    assert!(matches("(a|ab)(c|bcd)", "abcd"));
}

#[test]
fn greedy_reluctant_possessive() {
    assert_eq!(replace_first("<a><b>", "<.+>", "X"), "X");
    assert_eq!(replace_first("<a><b>", "<.+?>", "X"), "X<b>");
    // Possessive: never gives back, so the final 'a' cannot match.
    assert!(!matches("a*+a", "aaa"));
    assert!(matches("a*a", "aaa"));
    assert!(!matches("(?:ab)++ab", "ababab"));
    assert!(matches("(?:ab)+ab", "ababab"));
    assert!(matches("a{2,3}+", "aaa"));
    assert!(!matches("a{2,3}+a", "aaa"));
    assert_eq!(replace_first("aaaa", "a{2,3}?", "X"), "Xaa");
    assert_eq!(replace_first("aaaa", "a{2,3}", "X"), "Xa");
    assert_eq!(replace_first("xaaay", "a??", "-"), "-xaaay");
    assert_eq!(replace_first("abab", "(?:ab)*?b", "-"), "a-ab");
    assert_eq!(replace_all("a1b22c333", "\\d*?\\d", "#"), "a#b##c###");
    // Atomic groups.
    assert!(!matches("(?>a|ab)c", "abc"));
    assert!(matches("(?>ab|a)c", "abc"));
}

#[test]
fn alternation_is_ordered() {
    // Java takes the first alternative that leads to a match, not the
    // longest.
    assert_eq!(replace_first("abc", "a|ab", "X"), "Xbc");
    assert_eq!(replace_first("abc", "ab|a", "X"), "Xc");
    assert_eq!(
        replace_all("foobar", "(foo|foob)(ar|bar)", "[$1,$2]"),
        "[foo,bar]"
    );
}

#[test]
fn groups_and_backreferences() {
    assert!(matches(r"(a+)b\1", "aabaa"));
    assert!(!matches(r"(a+)b\1", "aaba"));
    assert!(matches(r"(?<q>['\x22]).*\k<q>", "'x'"));
    assert!(!matches(r"(?<q>['\x22]).*\k<q>", "'x\""));
    assert!(matches(r"(?i)(a)\1", "aA"));
    assert!(!matches(r"(a)\1", "aA"));
    // A group that did not take part: the backreference fails.
    assert!(!matches(r"(a)?b\1", "b"));
    // \11 is group 1 then '1' when there are fewer than 11 groups.
    assert!(matches(r"(a)\11", "aa1"));
    assert_eq!(replace_all("abab", "(a)(b)", "$2$1"), "baba");
    // The last iteration's capture wins.
    assert_eq!(replace_all("abc", "(\\w)+", "$1"), "c");
    assert_eq!(
        replace_all("2020-01", "(?<y>\\d{4})-(?<m>\\d{2})", "${m}/${y}"),
        "01/2020"
    );
    // Nested quantified groups with empty iterations end (no hang).
    assert_eq!(replace_all("b", "(a*)*", "[$1]"), "[]b[]");
    assert!(matches("(a?)*b", "aab"));
    assert!(matches("(?:a|())*b", "aab"));
}

#[test]
fn lookaround() {
    assert_eq!(
        replace_all("price 100 USD", "\\d+(?= USD)", "N"),
        "price N USD"
    );
    assert_eq!(replace_all("a1b2", "[a-z](?!1)", "_"), "a1_2");
    assert_eq!(
        replace_all("USD100 EUR200", "(?<=USD)\\d+", "N"),
        "USDN EUR200"
    );
    assert_eq!(
        replace_all("USD100 EUR200", "(?<!USD)\\d{3}", "N"),
        "USD100 EURN"
    );
    // Thousands separators: a classic lookaround pattern.
    assert_eq!(
        replace_all("1234567", "(?<=\\d)(?=(\\d{3})+$)", ","),
        "1,234,567"
    );
    assert!(matches("(?=.*\\d)(?=.*[a-z]).{6,}", "abc123"));
    assert!(!matches("(?=.*\\d)(?=.*[a-z]).{6,}", "abcdef"));
    assert!(finds("(?<=a|bc)x", "bcx"));
    assert!(!finds("(?<=a|bc)x", "cx"));
    // Captures made inside a lookahead are kept.
    assert_eq!(replace_all("ab", "(?=(a))a", "[$1]"), "[a]b");
    // Unbounded lookbehind is an error, as in Java.
    assert!(err("(?<=a+)b").contains("Look-behind group does not have an obvious maximum length"));
    assert!(finds("(?<=a{1,3})b", "aab"));
}

#[test]
fn anchors() {
    assert_eq!(replace_all("aaa", "^a", "b"), "baa");
    assert_eq!(
        replace_all("cat catalog", "\\bcat\\b", "dog"),
        "dog catalog"
    );
    assert_eq!(replace_all("a\nb", "(?m)^", ">"), ">a\n>b");
    // Java's multiline ^ never matches at the very end.
    assert_eq!(replace_all("a\n", "(?m)^", ">"), ">a\n");
    assert_eq!(replace_all("a\r\nb", "(?m)$", "<"), "a<\r\nb<");
    // $ without MULTILINE: at the end or before a final line terminator.
    assert!(finds("a$", "a\n"));
    assert!(!finds("a$", "a\nb"));
    assert!(!matches("a$", "a\n"));
    assert!(finds("a\\Z", "a\r\n"));
    assert!(!finds("a\\z", "a\n"));
    assert!(finds("\\Aa", "ab"));
    assert!(!finds("\\Ab", "ab"));
    assert_eq!(replace_all("aab", "\\Ga", "x"), "xxb");
    assert_eq!(replace_all("a b", "\\B", "-"), "a b");
    // \b sees Unicode letters and digits (Character.isLetterOrDigit).
    assert_eq!(replace_all("héllo", "\\b", "|"), "|héllo|");
}

#[test]
fn java_classes_are_ascii() {
    assert!(!matches(r"\d", "٣"));
    assert!(matches(r"(?U)\d", "٣"));
    assert!(!matches(r"\w+", "héllo"));
    assert!(matches(r"(?U)\w+", "héllo"));
    assert!(matches(r"\w+", "hello_1"));
    assert!(!matches(r"\s", "\u{a0}"));
    assert!(matches(r"(?U)\s", "\u{3000}"));
    assert!(matches(r"\S+", "a\u{a0}b"));
    assert!(matches(r"[\d,]+", "1,2"));
    assert!(matches(r"[^\D]+", "12"));
    assert!(matches(r"\p{Alpha}+", "abcXYZ"));
    assert!(!matches(r"\p{Alpha}", "é"));
    assert!(matches(r"(?U)\p{Alpha}", "é"));
    assert!(matches(r"\P{Alpha}", "1"));
    assert!(matches(r"[\p{Punct}]+", "!?.,;"));
    assert!(!matches(r"\p{Punct}", "¿"));
    assert!(matches(r"\p{Lu}\p{javaLowerCase}+", "Élan"));
    assert!(matches(r"\p{IsLatin}+", "abcÉŁẞ"));
    assert!(!matches(r"\p{IsLatin}", "α"));
    assert!(matches(r"\p{IsAlphabetic}+", "abc"));
    // Other_Alphabetic (a combining vowel sign) is Alphabetic.
    assert!(matches(r"\p{IsAlphabetic}", "\u{93e}"));
    assert!(matches(r"\p{IsLowercase}+", "aé\u{aa}ⓐ"));
    assert!(!matches(r"\p{IsLowercase}", "A"));
    assert!(matches(r"\p{IsUppercase}+", "AÉⅠ"));
    assert!(matches(r"\p{IsWhite_Space}+", " \t\u{3000}"));
    assert!(matches(r"\p{IsHex_Digit}+", "09afAF"));
    assert!(!matches(r"\p{IsHex_Digit}", "g"));
    assert!(matches(r"\p{IsIdeographic}+", "漢字"));
    assert!(matches(r"[^\P{IsAlphabetic}]+", "ab"));
    assert!(matches(r"\p{javaUpperCase}\p{javaAlphabetic}+", "Élan"));
    assert!(matches(r"\h\v", "\t\n"));
    assert!(matches(r"a\Rb", "a\r\nb"));
    assert!(!matches(r"a\R\nb", "a\r\nb"));
}

#[test]
fn unicode_categories() {
    assert!(matches(r"\p{L}+", "abcÉ漢ǅ"));
    assert!(matches(r"\pL\pN", "a٣"));
    assert!(matches(r"\p{IsL}\p{gc=Nd}", "a7"));
    assert!(!matches(r"\p{Lu}", "é"));
    assert!(matches(r"\p{Ll}", "é"));
    assert!(matches(r"\p{Lt}", "ǅ"));
    assert!(matches(r"\p{Sc}+", "$€£"));
    assert!(matches(r"\p{P}+", "¿!«"));
    assert!(matches(r"\p{Zs}", "\u{a0}"));
    assert!(matches(r"\p{Cc}", "\u{7}"));
    assert!(matches(r"\p{So}", "😀"));
    assert!(matches(r"\p{LC}+", "aA"));
    assert!(matches(r"\p{javaLetterOrDigit}+", "a1é"));
    assert!(!matches(r"\p{javaWhitespace}", "\u{a0}"));
    assert!(matches(r"\p{javaWhitespace}", "\u{2003}"));
    assert!(matches(r"[\p{L}&&[^\p{Lu}]]+", "abé"));
    assert!(!matches(r"[\p{L}&&[^\p{Lu}]]", "A"));
}

#[test]
fn dot_excludes_java_line_terminators() {
    assert!(!matches(".", "\r"));
    assert!(!matches(".", "\u{2028}"));
    assert!(matches("(?s).", "\r"));
    assert!(matches("(?d).", "\r"));
    assert!(!matches("(?d).", "\n"));
    assert!(matches("(?s:.)x", "\nx"));
    assert!(matches(".", "😀"));
}

#[test]
fn escapes_and_quoting() {
    assert!(matches(r"\Qa.b*c\E", "a.b*c"));
    assert!(!matches(r"\Qa.b\E", "axb"));
    assert!(matches(r"\Qa.b", "a.b"));
    assert!(matches(r"[\Q.-\E]+", ".-"));
    assert!(matches(r"(?i)\Qab\E", "AB"));
    assert!(matches(r"\Q\E", ""));
    assert!(matches(r"\u00e9\x41\x{42}\t\0101", "éAB\tA"));
    assert!(matches(r"\uD83D\uDE00", "😀"));
    assert!(matches(r"\e\cA", "\u{1b}\u{1}"));
    assert!(matches(r"\<\>\#", "<>#"));
    assert!(matches(r"a{2}b{1,}c{1,2}?", "aabbc"));
    assert!(matches(r"[]a]+", "]a"));
    assert!(matches(r"[a-]+", "a-"));
    assert!(matches(r"x}]", "x}]"));
    assert!(matches(r"[~&]+", "~&"));
    // Java has no POSIX bracket syntax: [[:alpha:]] is the characters
    assert!(matches(r"[[:alpha:]]+", ":ahlp"));
    assert!(!matches(r"[[:alpha:]]", "b"));
    assert!(matches(r"[\w-]+", "a-b"));
    assert!(matches(r"[-a]+", "-a"));
    assert!(matches(r"[a^]+", "^a"));
    assert!(matches(r"[\[\]]+", "[]"));
}

#[test]
fn class_union_and_intersection() {
    assert!(matches(r"[a-z&&[^aeiou]]+", "xyz"));
    assert!(!matches(r"[a-z&&[^aeiou]]", "a"));
    assert!(matches(r"[a-d[m-p]]+", "amp"));
    assert!(!matches(r"[a-d[m-p]]", "e"));
    assert!(matches(r"[a-z&&def]+", "fed"));
    assert!(!matches(r"[a-z&&def]", "a"));
    assert!(matches(r"[\w&&[^\d]]+", "ab_"));
    assert!(!matches(r"[\w&&[^\d]]", "1"));
    assert!(matches(r"[^a-c[x-z]]", "d"));
}

#[test]
fn flags() {
    assert!(matches("a(?i:B)c", "abc"));
    assert!(!matches("a(?i:B)C", "abc"));
    // Java's (?i) folds US-ASCII only; (?iu) any character.
    assert!(!matches("(?i)É", "é"));
    assert!(matches("(?iu)É", "é"));
    assert!(matches("(?i)[a-c]+", "aBC"));
    assert!(matches("(?i)[^a]", "b"));
    assert!(!matches("(?i)[^a]", "A"));
    assert!(matches("(?iu)[à-æ]+", "ÀÆ"));
    assert!(matches("(?i)x(?-i)y", "Xy"));
    assert!(!matches("(?i)x(?-i)y", "XY"));
    // Flags set in a group end with it; set in one alternative, they hold
    // for the next.
    assert!(matches("(a(?i)b)B", "aBB"));
    assert!(!matches("(a(?i)b)B", "aBb"));
    assert!(matches("a|(?i)b|c", "C"));
    assert!(matches("(?x) a b # comment\n c", "abc"));
    assert!(matches("(?x) a + [ b ]", "aab"));
    assert!(matches("(?x)a\\ b", "a b"));
    assert!(matches("(?x)a\u{a0}b", "a\u{a0}b"));
    assert!(matches("(?x)[a b]+", "ab"));
    assert!(matches("(?x)[a#b\n]+", "a"));
    assert!(!matches("(?x)[a#b\n]+", "b"));
    assert!(matches("(?m)^b$", "b"));
    assert!(finds("(?m)^b$", "a\nb\nc"));
    assert!(!finds("^b$", "a\nb\nc"));
    assert!(matches("(?s)a.b", "a\nb"));
    assert!(!matches("a.b", "a\nb"));
}

#[test]
fn syntax_errors_read_like_java() {
    let e = err("(a");
    assert!(e.starts_with("Unclosed group near index 2"), "{e}");
    assert!(e.contains("\"(a\""), "{e}");
    assert!(err("a)").starts_with("Unmatched closing ')'"));
    assert!(err("[a").starts_with("Unclosed character class"));
    assert!(err("*a").starts_with("Dangling meta character '*' near index 0"));
    assert!(err("a**").starts_with("Dangling meta character '*'"));
    assert!(err("a{x}").starts_with("Illegal repetition"));
    assert!(err("{2}").starts_with("Dangling meta character '{'"));
    assert!(err("a{3,2}").starts_with("Illegal repetition range"));
    assert!(err("a{2").starts_with("Unclosed counted closure"));
    assert!(err(r"[z-a]").starts_with("Illegal character range"));
    assert!(err(r"\y").starts_with("Illegal/unsupported escape sequence"));
    assert!(err(r"\k<x>").contains("named capturing group <x> does not exist"));
    assert!(err("(?<a>x)(?<a>y)").contains("Named capturing group <a> is already defined"));
    assert!(err("(?<1a>x)").contains("capturing group name"));
    assert!(err("(?q)").starts_with("Unknown inline modifier"));
    assert!(err(r"\p{Foo}").starts_with("Unknown character property name {Foo}"));
    assert!(err(r"\x4").starts_with("Illegal hexadecimal escape sequence"));
    assert!(err(r"\u12").starts_with("Illegal Unicode escape sequence"));
    assert!(err("a\\").starts_with("Unexpected internal error"));
    // What Java has and mockgate does not: said so.
    assert!(err(r"\p{InGreek}").contains("does not support Unicode blocks"));
    assert!(err(r"\p{IsGreek}").contains("does not support the Unicode script"));
    assert!(err(r"\X").contains("does not support \\X"));
    assert!(err(r"\p{javaMirrored}").contains("does not support"));
    let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
    assert!(err(&deep).contains("nested more than 250"));
}

#[test]
fn size_limit_is_enforced() {
    let e = compile_java_regex(r"(\w\w){1000}", 1000).unwrap_err();
    assert!(
        e.contains("too big") && e.contains("compiled size limit of 1000 bytes"),
        "{e}"
    );
    let e = compile_java_regex("(((a{1000}){1000}){1000})", LIMIT).unwrap_err();
    assert!(e.contains("compiled size limit"), "{e}");
    assert!(compile_java_regex(r"\w{1000}", 1000).is_err());
    assert!(compile_java_regex(r"\w{10}", 1000).is_ok());
}

#[test]
fn catastrophic_backtracking_stops_at_the_step_limit() {
    // Exponential in Java (and in any backtracking engine): stopped with an
    // error naming the limit, not left to run.
    let input = format!("{}c", "a".repeat(40));
    let e = re("(a+)+b").try_is_match(&input).unwrap_err();
    assert!(e.contains("regex step limit"), "{e}");
    assert!(e.contains("catastrophic backtracking"), "{e}");
    let e = java_replace(&re("(a|aa)*c"), &"a".repeat(60), "x", true).unwrap_err();
    assert!(e.contains("step limit"), "{e}");
    let e = java_split(&re("(x+x+)+y"), &"x".repeat(50), 0).unwrap_err();
    assert!(e.contains("step limit"), "{e}");
    // is_match (selection patterns) treats a stopped search as no match.
    assert!(!re("(a+)+b").is_match(&input));
    // The same pattern on an input where it succeeds quickly is fine.
    assert!(re("(a+)+b").try_is_match("aaab").unwrap());
}

#[test]
fn deep_repetition_of_groups_does_not_overflow() {
    // Java recurses per iteration of a group (StackOverflowError on long
    // inputs); here choice points are on the heap, and bounded.
    let long = "ab".repeat(100_000);
    assert!(matches("(?:ab)*", &long));
    assert!(matches("(a|b)*", &long));
    let e = compile_java_regex_whole("(a|b)*c", LIMIT)
        .unwrap()
        .try_is_match(&"ab".repeat(600_000))
        .unwrap_err();
    assert!(e.contains("stack limit") || e.contains("step limit"), "{e}");
}

#[test]
fn replace_all_follows_java() {
    // airspeed/test_string_replace_all
    assert_eq!(replace_all("foobar123bab", "ba.", "foo"), "foofoo123foo");
    assert_eq!(replace_all("abc", "x*", "-"), "-a-b-c-");
    assert_eq!(replace_all("aaa", "a*", "X"), "XX");
    assert_eq!(replace_all("a-b", "(\\w)-(\\w)", "$2-$1"), "b-a");
    assert_eq!(replace_all("ab", "(a)", "$10"), "a0b");
    assert_eq!(replace_all("ab", "a", "\\$1"), "$1b");
    assert_eq!(replace_all("ab", "a", "\\\\"), "\\b");
    assert_eq!(replace_all("ab", "(a)|(z)", "[$2]"), "[]b");
    let e = java_replace(&re("a"), "ab", "$1", true).unwrap_err();
    assert!(e.contains("No group 1"), "{e}");
    let e = java_replace(&re("a"), "ab", "$x", true).unwrap_err();
    assert!(e.contains("Illegal group reference"), "{e}");
    let e = java_replace(&re("a"), "ab", "x\\", true).unwrap_err();
    assert!(e.contains("character to be escaped is missing"), "{e}");
    let e = java_replace(&re("(?<n>a)"), "ab", "${m}", true).unwrap_err();
    assert!(e.contains("No group with name {m}"), "{e}");
    // no match: the replacement is never looked at
    assert_eq!(java_replace(&re("z"), "ab", "$9", true).unwrap(), "ab");
    assert_eq!(java_replace(&re("a"), "aXa", "b", false).unwrap(), "bXa");
    // VTL idiom: escape quotes, '\\"' in a single-quoted VTL string
    assert_eq!(replace_all("say \"hi\"", "\"", "\\\\\""), "say \\\"hi\\\"");
    assert_eq!(replace_all("a-b_c 1!", "[^a-zA-Z0-9]", ""), "abc1");
    assert_eq!(replace_all("a  b\t\nc", "\\s+", " "), "a b c");
    // $ in a replacement must be escaped
    assert_eq!(replace_all("5", "(\\d)", "\\$$1"), "$5");
    // Unicode text: offsets stay on character boundaries
    assert_eq!(replace_all("héllo wörld", "ö|é", "_"), "h_llo w_rld");
    assert_eq!(replace_all("日本", "", "-"), "-日-本-");
    assert_eq!(replace_first("a.b.c", "\\.", "!"), "a!b.c");
}

#[test]
fn split_follows_java() {
    assert_eq!(split("a,b,,c,,", ",", 0), ["a", "b", "", "c"]);
    assert_eq!(split("a,b,,c,,", ",", -1), ["a", "b", "", "c", "", ""]);
    assert_eq!(split("a,b,c", ",", 2), ["a", "b,c"]);
    assert_eq!(split("a,b,c", ",", 1), ["a,b,c"]);
    assert_eq!(split("abc", "", 0), ["a", "b", "c"]);
    assert_eq!(split("abc", "", 2), ["a", "bc"]);
    assert_eq!(split("", ",", 0), [""]);
    assert_eq!(split(",", ",", 0), Vec::<String>::new());
    // A leading separator gives a leading empty string; a leading
    // zero-width match does not.
    assert_eq!(split(",a", ",", 0), ["", "a"]);
    assert_eq!(split("aBc", "(?=[A-Z])", 0), ["a", "Bc"]);
    assert_eq!(split("Bc", "(?=[A-Z])", 0), ["Bc"]);
    assert_eq!(split("a1b22c", "\\d+", 0), ["a", "b", "c"]);
    assert_eq!(split("abc", "z", 0), ["abc"]);
    assert_eq!(split("a b  c", " ", 0), ["a", "b", "", "c"]);
    assert_eq!(split("a:b:c", "(:)", 0), ["a", "b", "c"]);
}

#[test]
fn arbitrary_patterns_never_panic() {
    // A deterministic walk over patterns built from Java's special
    // characters: each compiles or is a clear error, never a panic or hang.
    let atoms = [
        "\\", "[", "]", "(", ")", "?", "*", "+", "{", "}", "2", ",", "^", "$", ".", "|", "-", "&&",
        "\\Q", "\\E", "\\p{", "Alpha", "\\u", "D83D", "\\x", "a", "é", "😀", "(?", "<", ">", "=",
        "!", "i", ":", "#", " ", "\\0", "7", "\\1", "\\b", "(?<=", "(?>", "\\k<", "x}", "\\G",
    ];
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..20000 {
        let mut p = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 8) as usize + 1;
        let mut x = seed;
        for _ in 0..n {
            p.push_str(atoms[(x % atoms.len() as u64) as usize]);
            x /= atoms.len() as u64;
            if x == 0 {
                x = seed.rotate_left(17);
            }
        }
        if let Ok(r) = compile_java_regex(&p, LIMIT) {
            let _ = java_replace(&r, "a😀é$1\\", "-$0-", true);
            let _ = java_split(&r, "a,b😀", 0);
        }
    }
}

#[test]
fn regexes_are_cached() {
    let a = compile_java_regex("ca+ched", LIMIT).unwrap();
    let b = compile_java_regex("ca+ched", LIMIT).unwrap();
    assert_eq!(a.as_str(), b.as_str());
    assert!(is_cached("ca+ched", false, LIMIT));
    assert!(!is_cached("ca+ched", true, LIMIT));
}
