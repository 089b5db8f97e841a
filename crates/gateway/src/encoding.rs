//! The byte-level encodings `$util` and the pipeline need, written to match
//! the Java classes API Gateway uses (java.util.Base64, URLEncoder,
//! URLDecoder, commons-lang StringEscapeUtils).

use std::fmt::Write;

use mockgate_velocity::bytes::push_str;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (java.util.Base64.getEncoder()).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(B64[(n >> 18) as usize & 63] as char);
        out.push(B64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            B64[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            B64[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Standard base64 decoding (java.util.Base64.getDecoder()): padding is
/// optional at the end, anything outside the alphabet is an error, as Java's
/// IllegalArgumentException is.
pub fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    let mut pad = 0;
    while end > 0 && bytes[end - 1] == b'=' && pad < 2 {
        end -= 1;
        pad += 1;
    }
    let body = &bytes[..end];
    if pad > 0 && !(body.len() + pad).is_multiple_of(4) {
        return Err("Input byte array has incorrect ending byte".into());
    }
    if body.len() % 4 == 1 {
        return Err("Last unit does not have enough valid bits".into());
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (i, &c) in body.iter().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("Illegal base64 character {:x} at {}", c, i)),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// java.net.URLEncoder.encode(s, "UTF-8"): application/x-www-form-urlencoded.
/// Letters, digits and `.-*_` stay; space becomes `+`; every other byte of
/// the UTF-8 encoding becomes `%XX` (upper-case hex). Evidence:
/// ls-http-echo-input-body-url-encode-* (`{"some": "value"}` ->
/// `%7B%22some%22%3A+%22value%22%7D`).
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encoding for a URI path segment or query component (what a URL
/// built from mapped parameters carries): unreserved characters stay.
pub fn uri_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'~' | b'_' => {
                out.push(b as char)
            }
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

/// java.net.URLDecoder.decode(s, "UTF-8"): `+` is a space, `%XX` a byte;
/// a malformed escape is an error (Java throws IllegalArgumentException).
pub fn url_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (
                    bytes.get(i + 1).copied().and_then(hex),
                    bytes.get(i + 2).copied().and_then(hex),
                ) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        return Err(format!(
                            "URLDecoder: Illegal hex characters in escape (%) pattern - {}",
                            String::from_utf8_lossy(&bytes[i..(i + 3).min(bytes.len())])
                        ))
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// commons-lang 2 StringEscapeUtils.escapeJavaScript, which API Gateway's
/// `$util.escapeJavaScript` is (api-gateway-mapping-template-reference.md:
/// "turn any regular single quotes (') into escaped ones (\')"):
/// `'` `"` `\` `/` get a backslash; \b \n \t \f \r their escapes; other
/// control characters and everything above 0x7f become `\uXXXX` (upper-case
/// hex, per UTF-16 unit).
pub fn escape_javascript(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let bytes = s.as_bytes();
    // Runs of characters that stay as they are are copied whole; only the
    // others are looked at one by one (most text is plain ASCII).
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let escape = match bytes[i] {
            b'\'' => "\\'",
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'/' => "\\/",
            0x08 => "\\b",
            b'\n' => "\\n",
            b'\t' => "\\t",
            0x0c => "\\f",
            b'\r' => "\\r",
            0x20..=0x7f => {
                i += 1;
                continue;
            }
            _ => "",
        };
        push_str(&mut out, &s[run..i]);
        if escape.is_empty() {
            // Another control character, or anything above 0x7f: `\uXXXX`
            // per UTF-16 unit.
            let c = s[i..].chars().next().expect("i is at a character");
            for u in c.encode_utf16(&mut [0u16; 2]).iter() {
                let _ = write!(out, "\\u{u:04X}");
            }
            i += c.len_utf8();
        } else {
            push_str(&mut out, escape);
            i += 1;
        }
        run = i;
    }
    push_str(&mut out, &s[run..]);
    out
}

/// A request ID in AWS's UUID form, derived from `seed` so that the same
/// input gives the same output (tests and the playground stay stable).
pub fn uuid_from(seed: u64) -> String {
    let a = splitmix(seed);
    let b = splitmix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        (a & 0xfff) as u16,
        0x8000 | ((b >> 48) as u16 & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

pub fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a, for seeding IDs from the request.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::default();
    h.update(bytes);
    h.0
}

/// FNV-1a fed piece by piece.
pub struct Fnv1a(pub u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// `dd/MMM/yyyy:HH:mm:ss +0000` ($context.requestTime, CLF format).
pub fn clf_time(epoch_ms: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = epoch_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{:02}/{}/{:04}:{:02}:{:02}:{:02} +0000",
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        // Evidence ls-kinesis-base64encode-input-body.
        assert_eq!(
            base64_encode(br#"{"kinesis": "snapshot"}"#),
            "eyJraW5lc2lzIjogInNuYXBzaG90In0="
        );
        assert_eq!(base64_encode(br#"{"foo": "bar1"}"#), "eyJmb28iOiAiYmFyMSJ9");
        assert_eq!(
            base64_decode("eyJtZXNzYWdlIjogInBhdGgxIn0=").unwrap(),
            br#"{"message": "path1"}"#
        );
        assert_eq!(base64_decode("aGk").unwrap(), b"hi");
        assert!(base64_decode("a$b=").is_err());
        assert_eq!(base64_encode(b""), "");
    }

    #[test]
    fn form_encoding() {
        assert_eq!(
            url_encode(r#"{"some": "value"}"#),
            "%7B%22some%22%3A+%22value%22%7D"
        );
        assert_eq!(url_encode("x=a+b"), "x%3Da%2Bb");
        assert_eq!(url_encode("é"), "%C3%A9");
        assert_eq!(url_decode("x=a+b").unwrap(), "x=a b");
        assert_eq!(url_decode("%C3%A9%7B").unwrap(), "é{");
        assert!(url_decode("%zz").is_err());
    }

    #[test]
    fn escape_javascript_java_semantics() {
        assert_eq!(escape_javascript("it's"), "it\\'s");
        assert_eq!(escape_javascript(r#"{"foo": 123}"#), r#"{\"foo\": 123}"#);
        assert_eq!(escape_javascript("a/b\\c\n\u{1}"), "a\\/b\\\\c\\n\\u0001");
        assert_eq!(escape_javascript("é😀"), "\\u00E9\\uD83D\\uDE00");
        assert_eq!(
            escape_javascript("plain 'q' é \u{7f}\u{8}\u{c}\r\t end/"),
            "plain \\'q\\' \\u00E9 \u{7f}\\b\\f\\r\\t end\\/"
        );
        assert_eq!(escape_javascript(""), "");
        assert_eq!(escape_javascript("\u{1f}x\u{ffff}"), "\\u001Fx\\uFFFF");
    }

    /// The escape written character by character, as commons-lang does:
    /// the byte runs of `escape_javascript` must give the same text.
    #[test]
    fn escape_javascript_by_runs_is_by_characters() {
        fn by_chars(s: &str) -> String {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '\'' | '"' | '\\' | '/' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\u{8}' => out.push_str("\\b"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    '\u{c}' => out.push_str("\\f"),
                    '\r' => out.push_str("\\r"),
                    c if (c as u32) < 0x20 || (c as u32) > 0x7f => {
                        for u in c.encode_utf16(&mut [0; 2]).iter() {
                            out.push_str(&format!("\\u{u:04X}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out
        }
        let alphabet = "aZ 0'\"\\/\u{8}\n\t\u{c}\r\u{0}\u{1f}\u{7f}\u{80}é€😀\u{ffff}";
        for s in crate::test_strings::strings(alphabet, 20_000, 9, 7) {
            assert_eq!(escape_javascript(&s), by_chars(&s), "{s:?}");
        }
    }

    #[test]
    fn clf() {
        assert_eq!(clf_time(0), "01/Jan/1970:00:00:00 +0000");
        assert_eq!(clf_time(1_700_000_000_000), "14/Nov/2023:22:13:20 +0000");
    }

    #[test]
    fn uuid_shape() {
        let u = uuid_from(42);
        assert_eq!(u.len(), 36);
        assert_eq!(u, uuid_from(42));
        assert_ne!(u, uuid_from(43));
    }
}
