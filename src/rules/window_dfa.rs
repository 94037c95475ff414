//! DFAs of the built-in rules' regexes, determinized by `build.rs` and used in
//! place from the binary. They answer whether a window around a trigger, or an
//! exception's context, holds a match without compiling the regex at run time:
//! on most texts no pattern rule matches, and then none is compiled.

use regex_automata::dfa::{dense, sparse, Automaton, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::Input;
use regex_syntax::hir::Hir;

// Determinizing and laying out the table happen in `build.rs`, which includes
// this file; the library only reads the table.

#[cfg_attr(not(test), allow(dead_code))]
/// Largest DFA stored dense (fastest per byte); larger ones are stored sparse.
const DENSE_LIMIT: usize = 128 * 1024;

#[cfg_attr(not(test), allow(dead_code))]
/// Largest DFA determinized; a regex beyond it is compiled at run time as before.
const SIZE_LIMIT: usize = 4 << 20;

/// Table kinds (see [`table`]).
const DENSE: u32 = 0;
const SPARSE: u32 = 1;

/// A DFA borrowed from the binary's table.
#[derive(Debug, Clone)]
pub enum WindowDfa {
    /// A dense DFA (a transition table with a row per state).
    Dense(dense::DFA<&'static [u32]>),
    /// A sparse DFA (transitions as ranges).
    Sparse(sparse::DFA<&'static [u8]>),
}

impl WindowDfa {
    /// Whether `input` holds a match (look-arounds see the text around its
    /// span); `None` when the DFA gives up and the regex must answer.
    pub fn is_match(&self, input: &Input<'_>) -> Option<bool> {
        let input = input.clone().earliest(true);
        let found = match self {
            WindowDfa::Dense(dfa) => dfa.try_search_fwd(&input),
            WindowDfa::Sparse(dfa) => dfa.try_search_fwd(&input),
        };
        found.ok().map(|m| m.is_some())
    }

    /// Whether the DFA is stored sparse: it then costs several times as much
    /// a byte searched as a dense one.
    pub fn is_sparse(&self) -> bool {
        matches!(self, WindowDfa::Sparse(_))
    }

    /// Reads entry `index` of a table written by [`table`], validating it;
    /// the tests check the built-in table with it.
    /// `None` if the table is malformed, was written for another byte order or
    /// holds no DFA there.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn from_table(table: &'static [u8], index: u32) -> Option<WindowDfa> {
        from_entry(
            table,
            index,
            |bytes| dense::DFA::from_bytes(bytes).ok().map(|(dfa, _)| dfa),
            |bytes| sparse::DFA::from_bytes(bytes).ok().map(|(dfa, _)| dfa),
        )
    }

    /// Like [`WindowDfa::from_table`] without validating the transitions, which
    /// costs as much as a few searches of a long text.
    ///
    /// # Safety
    ///
    /// `table` must have been written by [`table`] from [`determinize`] with the
    /// version of `regex-automata` this crate is built with (the built-in table
    /// is: `build.rs` writes it when the crate is built). A table with wrong
    /// transitions could make searches read out of bounds.
    pub unsafe fn from_trusted_table(table: &'static [u8], index: u32) -> Option<WindowDfa> {
        // SAFETY (both): the caller guarantees the bytes come from the
        // serializers of this version of regex-automata (the structure is
        // still checked).
        from_entry(
            table,
            index,
            |bytes| {
                unsafe { dense::DFA::from_bytes_unchecked(bytes) }
                    .ok()
                    .map(|(dfa, _)| dfa)
            },
            |bytes| {
                unsafe { sparse::DFA::from_bytes_unchecked(bytes) }
                    .ok()
                    .map(|(dfa, _)| dfa)
            },
        )
    }
}

/// Entry `index` of a table written by [`table`], read by `dense` or `sparse`
/// according to its kind.
fn from_entry(
    table: &'static [u8],
    index: u32,
    dense: impl FnOnce(&'static [u8]) -> Option<dense::DFA<&'static [u32]>>,
    sparse: impl FnOnce(&'static [u8]) -> Option<sparse::DFA<&'static [u8]>>,
) -> Option<WindowDfa> {
    let (kind, bytes) = entry(table, index)?;
    match kind {
        DENSE => dense(bytes).map(WindowDfa::Dense),
        SPARSE => sparse(bytes).map(WindowDfa::Sparse),
        _ => None,
    }
}

/// The kind and bytes of entry `index` of a table written by [`table`].
fn entry(table: &[u8], index: u32) -> Option<(u32, &[u8])> {
    let word = |at: usize| -> Option<u32> {
        let b = table.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if index >= word(0)? {
        return None;
    }
    let at = 4 + 12 * index as usize;
    let (kind, start, len) = (word(at)?, word(at + 4)?, word(at + 8)?);
    let bytes = table.get(start as usize..(start as usize).checked_add(len as usize)?)?;
    Some((kind, bytes))
}

#[cfg_attr(not(test), allow(dead_code))]
/// Determinizes the regex parsed as `hir` (as the run-time regex parses it), in
/// its stored form: (kind, little-endian bytes); `None` past the size limit.
pub fn determinize(hir: &Hir) -> Option<(u32, Vec<u8>)> {
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().shrink(false))
        .build_from_hir(hir)
        .ok()?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Both)
                .dfa_size_limit(Some(SIZE_LIMIT))
                .determinize_size_limit(Some(4 * SIZE_LIMIT)),
        )
        .build_from_nfa(&nfa)
        .ok()?;
    let (bytes, padding) = dfa.to_bytes_little_endian();
    if bytes.len() - padding <= DENSE_LIMIT {
        return Some((DENSE, bytes[padding..].to_vec()));
    }
    let sparse = dfa.to_sparse().ok()?;
    Some((SPARSE, sparse.to_bytes_little_endian()))
}

#[cfg_attr(not(test), allow(dead_code))]
/// Alignment of every DFA in a table (dense DFAs are read as `u32`s in place).
pub const ALIGN: usize = 8;

#[cfg_attr(not(test), allow(dead_code))]
/// Lays out `dfas` (from [`determinize`]) as one table: their count, then
/// (kind, offset, length) for each as little-endian `u32`s, then the DFAs,
/// each at an offset that is a multiple of [`ALIGN`].
pub fn table(dfas: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let header = 4 + 12 * dfas.len();
    let mut body_at = header.next_multiple_of(ALIGN);
    let mut out = Vec::new();
    out.extend((dfas.len() as u32).to_le_bytes());
    let mut offsets = Vec::with_capacity(dfas.len());
    for (kind, bytes) in dfas {
        offsets.push(body_at);
        out.extend(kind.to_le_bytes());
        out.extend((body_at as u32).to_le_bytes());
        out.extend((bytes.len() as u32).to_le_bytes());
        body_at = (body_at + bytes.len()).next_multiple_of(ALIGN);
    }
    for ((_, bytes), at) in dfas.iter().zip(offsets) {
        out.resize(at, 0);
        out.extend(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::Anchored;

    /// A table copied to memory at the alignment the binary gives it.
    fn leak(table: Vec<u8>) -> &'static [u8] {
        let buf: &'static mut [u8] = Box::leak(vec![0u8; table.len() + ALIGN].into_boxed_slice());
        let skip = buf.as_ptr().align_offset(ALIGN);
        buf[skip..skip + table.len()].copy_from_slice(&table);
        &buf[skip..skip + table.len()]
    }

    #[test]
    fn dfas_round_trip_and_see_around_the_span() {
        let parse = |p: &str| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .unicode(false)
                .build()
                .parse(p)
                .unwrap()
        };
        let word = determinize(&parse(r"\bdepend(?:s|ed)? of\b")).unwrap();
        let wide = determinize(&parse(r"\b[a-z]+ing (?:[a-z]+ ){0,4}of\b")).unwrap();
        assert_eq!(word.0, DENSE);
        let table = leak(table(&[word, wide]));
        let dfa = WindowDfa::from_table(table, 0).unwrap();
        let text = "it Depends of you; independs of";
        assert_eq!(dfa.is_match(&Input::new(text)), Some(true));
        // The window starts inside "independs": no word boundary there.
        let inside = Input::new(text)
            .span(22..text.len())
            .anchored(Anchored::Yes);
        assert_eq!(dfa.is_match(&inside), Some(false));
        let at_word = Input::new(text).span(3..text.len()).anchored(Anchored::Yes);
        assert_eq!(dfa.is_match(&at_word), Some(true));
        assert!(WindowDfa::from_table(table, 1).is_some());
        assert!(WindowDfa::from_table(table, 2).is_none());
        assert!(WindowDfa::from_table(&[], 0).is_none());
    }
}
