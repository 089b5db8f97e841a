//! Unicode general categories (`Character.getType` in Java), for `\p{Lu}`,
//! `\p{L}`, `\p{javaLetter}`, `\b` and the like. core has predicates for a
//! few binary properties (`char::is_alphabetic`, ...) but no category
//! lookup, so the categories come from a generated table of runs
//! (categories_table.rs, about 8 KB), unpacked on first use.

use std::sync::OnceLock;

#[path = "categories_table.rs"]
mod table;

/// Bit masks of general categories, in the table's order (see
/// generate_categories.py). A class property is a mask: `\p{L}` is
/// `LU | LL | LT | LM | LO`.
pub mod gc {
    pub const CN: u32 = 1 << 0;
    pub const LU: u32 = 1 << 1;
    pub const LL: u32 = 1 << 2;
    pub const LT: u32 = 1 << 3;
    pub const LM: u32 = 1 << 4;
    pub const LO: u32 = 1 << 5;
    pub const MN: u32 = 1 << 6;
    pub const MC: u32 = 1 << 7;
    pub const ME: u32 = 1 << 8;
    pub const ND: u32 = 1 << 9;
    pub const NL: u32 = 1 << 10;
    pub const NO: u32 = 1 << 11;
    pub const PC: u32 = 1 << 12;
    pub const PD: u32 = 1 << 13;
    pub const PS: u32 = 1 << 14;
    pub const PE: u32 = 1 << 15;
    pub const PI: u32 = 1 << 16;
    pub const PF: u32 = 1 << 17;
    pub const PO: u32 = 1 << 18;
    pub const SM: u32 = 1 << 19;
    pub const SC: u32 = 1 << 20;
    pub const SK: u32 = 1 << 21;
    pub const SO: u32 = 1 << 22;
    pub const ZS: u32 = 1 << 23;
    pub const ZL: u32 = 1 << 24;
    pub const ZP: u32 = 1 << 25;
    pub const CC: u32 = 1 << 26;
    pub const CF: u32 = 1 << 27;
    pub const CS: u32 = 1 << 28;
    pub const CO: u32 = 1 << 29;

    pub const L: u32 = LU | LL | LT | LM | LO;
    pub const M: u32 = MN | MC | ME;
    pub const N: u32 = ND | NL | NO;
    pub const P: u32 = PC | PD | PS | PE | PI | PF | PO;
    pub const S: u32 = SM | SC | SK | SO;
    pub const Z: u32 = ZS | ZL | ZP;
    pub const C: u32 = CN | CC | CF | CS | CO;
}

/// The Unicode version of the category table.
pub fn unicode_version() -> &'static str {
    table::UNICODE_VERSION
}

/// Java's names for general categories and their groups, as masks
/// (`\p{Lu}`, `\p{IsLu}`, `\p{gc=Lu}`; `LC` cased letters, `LD` letters
/// and digits, as java.util.regex defines them).
pub fn category_mask(name: &str) -> Option<u32> {
    use gc::*;
    Some(match name {
        "Cn" => CN,
        "Lu" => LU,
        "Ll" => LL,
        "Lt" => LT,
        "Lm" => LM,
        "Lo" => LO,
        "Mn" => MN,
        "Mc" => MC,
        "Me" => ME,
        "Nd" => ND,
        "Nl" => NL,
        "No" => NO,
        "Pc" => PC,
        "Pd" => PD,
        "Ps" => PS,
        "Pe" => PE,
        "Pi" => PI,
        "Pf" => PF,
        "Po" => PO,
        "Sm" => SM,
        "Sc" => SC,
        "Sk" => SK,
        "So" => SO,
        "Zs" => ZS,
        "Zl" => ZL,
        "Zp" => ZP,
        "Cc" => CC,
        "Cf" => CF,
        "Cs" => CS,
        "Co" => CO,
        "L" => L,
        "M" => M,
        "N" => N,
        "P" => P,
        "S" => S,
        "Z" => Z,
        "C" => C,
        "LC" => LU | LL | LT,
        "LD" => L | ND,
        _ => return None,
    })
}

/// The category of `c` as a one-bit mask.
pub fn category(c: char) -> u32 {
    let cp = c as u32;
    if cp < 0x80 {
        return ascii_category(cp as u8);
    }
    let runs = runs();
    // The last run starting at or before cp.
    let i = runs.partition_point(|&(start, _)| start <= cp) - 1;
    1 << runs[i].1
}

fn ascii_category(b: u8) -> u32 {
    use gc::*;
    match b {
        b'A'..=b'Z' => LU,
        b'a'..=b'z' => LL,
        b'0'..=b'9' => ND,
        b' ' => ZS,
        0..=0x1F | 0x7F => CC,
        b'_' => PC,
        b'-' => PD,
        b'(' | b'[' | b'{' => PS,
        b')' | b']' | b'}' => PE,
        b'+' | b'<' | b'=' | b'>' | b'|' | b'~' => SM,
        b'$' => SC,
        b'^' | b'`' => SK,
        _ => PO,
    }
}

/// (first code point, category index) for each run, unpacked once.
fn runs() -> &'static [(u32, u8)] {
    static RUNS: OnceLock<Vec<(u32, u8)>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let data = &table::RUNS;
        let mut out = Vec::with_capacity(4096);
        let (mut i, mut start) = (0, 0u32);
        while i < data.len() {
            let cat = data[i];
            i += 1;
            let (mut len, mut shift) = (0u32, 0);
            while let Some(&b) = data.get(i) {
                i += 1;
                len |= u32::from(b & 0x7F) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            out.push((start, cat));
            start += len;
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_every_code_point() {
        let runs = runs();
        assert_eq!(runs[0].0, 0);
        assert!(runs.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(category(char::MAX), gc::CN);
    }

    #[test]
    fn categories_agree_with_core_where_core_knows() {
        // core's own tables: Lowercase ⊇ Ll, Uppercase ⊇ Lu, numeric = N.
        for cp in (0..0x3_0000).step_by(7) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let cat = category(c);
            if cat == gc::LL {
                assert!(c.is_lowercase(), "{cp:x}");
            }
            if cat == gc::LU {
                assert!(c.is_uppercase(), "{cp:x}");
            }
            if cat & gc::N != 0 {
                assert!(c.is_numeric(), "{cp:x}");
            }
            if cat == gc::CC {
                assert!(c.is_control(), "{cp:x}");
            }
        }
        for b in 0..0x80u8 {
            let c = b as char;
            let looked_up = {
                let runs = runs();
                let i = runs.partition_point(|&(s, _)| s <= b as u32) - 1;
                1 << runs[i].1
            };
            assert_eq!(category(c), looked_up, "{c:?}");
        }
    }

    #[test]
    fn known_categories() {
        assert_eq!(category('É'), gc::LU);
        assert_eq!(category('ǅ'), gc::LT);
        assert_eq!(category('ʰ'), gc::LM);
        assert_eq!(category('漢'), gc::LO);
        assert_eq!(category('\u{301}'), gc::MN);
        assert_eq!(category('٣'), gc::ND);
        assert_eq!(category('Ⅻ'), gc::NL);
        assert_eq!(category('€'), gc::SC);
        assert_eq!(category('«'), gc::PI);
        assert_eq!(category('\u{2028}'), gc::ZL);
        assert_eq!(category('\u{E000}'), gc::CO);
        assert_eq!(category('😀'), gc::SO);
    }
}
