//! A compact binary form of a parsed regex ([`Hir`]), so that `build.rs` can
//! parse the built-in patterns once and a run only rebuilds them: parsing a
//! case-insensitive pattern in Unicode mode costs several times as much as
//! putting its syntax tree back together.
//!
//! Each node is a tag byte and its fields; numbers are LEB128 varints. The
//! tree is rebuilt with `Hir`'s own constructors, which leave an already
//! simplified tree as it is (checked for every built-in regex by the tests).

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const CLASS_UNICODE: u8 = 2;
const CLASS_BYTES: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;

/// Deepest nesting [`decode`] accepts (the parser's own default limit).
const MAX_DEPTH: u32 = 250;

/// Appends the binary form of `hir` to `out`.
pub fn encode(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(lit) => {
            out.push(LITERAL);
            put_bytes(&lit.0, out);
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(CLASS_UNICODE);
            put(class.ranges().len() as u64, out);
            for r in class.ranges() {
                put(u64::from(u32::from(r.start())), out);
                put(u64::from(u32::from(r.end())), out);
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(CLASS_BYTES);
            put(class.ranges().len() as u64, out);
            for r in class.ranges() {
                out.extend([r.start(), r.end()]);
            }
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            put(u64::from(look.as_repr()), out);
        }
        HirKind::Repetition(rep) => {
            out.push(REPETITION);
            put(u64::from(rep.min), out);
            // The maximum plus one, zero for none.
            put(rep.max.map_or(0, |m| u64::from(m) + 1), out);
            out.push(u8::from(rep.greedy));
            encode(&rep.sub, out);
        }
        HirKind::Capture(cap) => {
            out.push(CAPTURE);
            put(u64::from(cap.index), out);
            match &cap.name {
                Some(name) => {
                    out.push(1);
                    put_bytes(name.as_bytes(), out);
                }
                None => out.push(0),
            }
            encode(&cap.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                CONCAT
            } else {
                ALTERNATION
            });
            put(subs.len() as u64, out);
            for sub in subs {
                encode(sub, out);
            }
        }
    }
}

/// The [`Hir`] that [`encode`] wrote to `bytes`; `None` if they are not one
/// whole encoded tree.
pub fn decode(bytes: &[u8]) -> Option<Hir> {
    let mut reader = Reader { bytes, at: 0 };
    let hir = reader.hir(0)?;
    (reader.at == bytes.len()).then_some(hir)
}

fn put(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    put(bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

/// Reads an encoded tree front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn number(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.number()?).ok()
    }

    /// A length, at most the bytes left (every counted item takes a byte).
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.number()?).ok()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    fn slice(&mut self) -> Option<&'a [u8]> {
        let n = self.count()?;
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Some(s)
    }

    fn hir(&mut self, depth: u32) -> Option<Hir> {
        if depth > MAX_DEPTH {
            return None;
        }
        let hir = match self.byte()? {
            EMPTY => Hir::empty(),
            LITERAL => Hir::literal(self.slice()?),
            CLASS_UNICODE => {
                let n = self.count()?;
                let mut ranges = Vec::with_capacity(n);
                for _ in 0..n {
                    let start = char::from_u32(self.u32()?)?;
                    let end = char::from_u32(self.u32()?)?;
                    ranges.push(ClassUnicodeRange::new(start, end));
                }
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            CLASS_BYTES => {
                let n = self.count()?;
                let mut ranges = Vec::with_capacity(n);
                for _ in 0..n {
                    ranges.push(ClassBytesRange::new(self.byte()?, self.byte()?));
                }
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            LOOK => Hir::look(Look::from_repr(self.u32()?)?),
            REPETITION => {
                let min = self.u32()?;
                let max = match self.u32()? {
                    0 => None,
                    m => Some(m - 1),
                };
                let greedy = self.byte()? != 0;
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            CAPTURE => {
                let index = self.u32()?;
                let name = match self.byte()? {
                    0 => None,
                    _ => Some(std::str::from_utf8(self.slice()?).ok()?.into()),
                };
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::capture(Capture { index, name, sub })
            }
            tag @ (CONCAT | ALTERNATION) => {
                let n = self.count()?;
                let mut subs = Vec::with_capacity(n);
                for _ in 0..n {
                    subs.push(self.hir(depth + 1)?);
                }
                if tag == CONCAT {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        };
        Some(hir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(pattern: &str, case_insensitive: bool, unicode: bool) {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .unicode(unicode)
            .utf8(unicode)
            .build()
            .parse(pattern)
            .unwrap();
        let mut bytes = Vec::new();
        encode(&hir, &mut bytes);
        assert_eq!(decode(&bytes), Some(hir), "{pattern}");
    }

    #[test]
    fn every_kind_of_node_round_trips() {
        round_trip(r"", false, true);
        round_trip(r"\b(?P<verb>depend(?:s|ed|ing)?) of\b", true, false);
        round_trip(r"(?P<w>\p{Ll}{2,})”(?P<p>[,.])", true, true);
        round_trip(r"^a{3,150}?b{2}c*?(x|y)$", false, true);
        round_trip(r"(?m)^\w+\B[^\n]{0,9}\z", false, true);
        round_trip(r"(?-u:\xFF[\x00-\x7F])", false, false);
        round_trip(r"\b{start}x\b{end-half}", false, true);
    }

    #[test]
    fn broken_encodings_are_refused() {
        let mut bytes = Vec::new();
        encode(
            &regex_syntax::Parser::new().parse(r"(?P<n>ab|c+)").unwrap(),
            &mut bytes,
        );
        assert!(decode(&bytes).is_some());
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(EMPTY);
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(&[99]), None);
        assert_eq!(decode(&[LOOK, 3]), None);
        assert_eq!(decode(&[LITERAL, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), None);
        let deep: Vec<u8> = std::iter::repeat_n([REPETITION, 0, 0, 1], 300)
            .flatten()
            .chain([EMPTY])
            .collect();
        assert_eq!(decode(&deep), None);
    }
}
