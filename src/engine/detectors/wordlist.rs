//! Sorted word lists searched in place: an embedded TSV file whose lines start with a
//! lowercase word and are sorted by UTF-8 bytes (`lexicon.tsv`, `propernames.tsv`) needs no
//! loading at all; a lookup is a binary search over the file's bytes.

use std::borrow::Cow;

use zerocopy::little_endian::U32;
use zerocopy::FromBytes;

use super::words::line_starts;

mod precomputed {
    include!(concat!(env!("OUT_DIR"), "/name_words.rs"));
}

/// The name words of the embedded names file at `path` and their line starts, as
/// `build.rs` wrote them.
fn precomputed_name_words(
    path: &str,
) -> Option<&'static (&'static str, &'static str, &'static [u8])> {
    precomputed::NAME_WORDS
        .iter()
        .find(|(p, ..)| *p == path)
        .filter(|_| crate::rules::embedded_data(path).is_some())
}

/// A sorted word list over static text.
#[derive(Debug, Clone, Copy)]
pub struct SortedList {
    data: &'static str,
}

impl SortedList {
    /// The list at `path`: an embedded data file or a file on disk (read once, kept).
    pub fn open(path: &str) -> Result<SortedList, String> {
        let data = match crate::rules::embedded_data(path) {
            Some(d) => d,
            None => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read word list `{path}`: {e}"))?;
                Box::leak(text.into_boxed_str())
            }
        };
        Ok(SortedList { data })
    }

    /// The list over `data` (must be sorted by the first column).
    pub fn new(data: &'static str) -> SortedList {
        SortedList { data }
    }

    /// The words of the names of the names file at `path` (see
    /// [`super::words::name_words`]): precomputed by `build.rs` for embedded
    /// files, else built now (and kept for the life of the process).
    pub fn name_words(path: &str) -> Result<SortedList, String> {
        if let Some((_, words, _)) = precomputed_name_words(path) {
            return Ok(SortedList::new(words));
        }
        let words = super::words::name_words(super::data_file(path)?);
        Ok(SortedList::new(Box::leak(words.into_boxed_str())))
    }

    /// The rest of the line after the word and its tab (`""` when the line has only the
    /// word), if `word` (already lowercase) is in the list.
    pub fn get(&self, word: &str) -> Option<&'static str> {
        let data = self.data;
        let bytes = data.as_bytes();
        let (mut lo, mut hi) = (0usize, data.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |i| lo + i + 1);
            let end = memchr::memchr(b'\n', &bytes[mid..hi]).map_or(hi, |i| mid + i);
            let line = &bytes[start..end];
            let tab = memchr::memchr(b'\t', line);
            let key = tab.map_or(line, |t| &line[..t]);
            match key.cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => {
                    return Some(tab.map_or("", |t| &data[start + t + 1..end]));
                }
            }
        }
        None
    }

    /// Whether `word` (any case) is in the list.
    pub fn contains_folded(&self, word: &str) -> bool {
        self.get_folded(word).is_some()
    }

    /// [`SortedList::get`] after lowercasing `word` (no allocation for short ASCII words).
    pub fn get_folded(&self, word: &str) -> Option<&'static str> {
        let mut buf = [0u8; 48];
        if word.is_ascii() && word.len() <= buf.len() {
            for (b, w) in buf.iter_mut().zip(word.bytes()) {
                *b = w.to_ascii_lowercase();
            }
            self.get(std::str::from_utf8(&buf[..word.len()]).unwrap_or(""))
        } else {
            self.get(&word.to_lowercase())
        }
    }
}

/// A [`SortedList`] with the start of each line, for a list searched for many words
/// (the unknown words of a document): each step of the binary search compares one
/// line instead of scanning for newlines.
#[derive(Debug, Clone)]
pub struct IndexedList {
    data: &'static str,
    /// Byte offset of each line ([`super::words::line_starts`]), read in place for
    /// the embedded name words.
    starts: Cow<'static, [U32]>,
}

impl IndexedList {
    /// Indexes the lines of `list`.
    pub fn new(list: SortedList) -> IndexedList {
        let starts = line_starts(list.data).into_iter().map(U32::new).collect();
        IndexedList {
            data: list.data,
            starts: Cow::Owned(starts),
        }
    }

    /// [`SortedList::name_words`], indexed: the embedded files' index was built by
    /// `build.rs` and is read in place.
    pub fn name_words(path: &str) -> Result<IndexedList, String> {
        let built = precomputed_name_words(path)
            .and_then(|(_, words, starts)| Some((*words, <[U32]>::ref_from_bytes(starts).ok()?)));
        match built {
            Some((data, starts)) => Ok(IndexedList {
                data,
                starts: Cow::Borrowed(starts),
            }),
            None => SortedList::name_words(path).map(IndexedList::new),
        }
    }

    /// [`SortedList::get`].
    pub fn get(&self, word: &str) -> Option<&'static str> {
        let (mut lo, mut hi) = (0, self.starts.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let line = self.line(mid);
            let (key, rest) = line.split_once('\t').unwrap_or((line, ""));
            match key.as_bytes().cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(rest),
            }
        }
        None
    }

    /// Line `k`, without its newline.
    fn line(&self, k: usize) -> &'static str {
        let start = self.starts[k].get() as usize;
        let end = self
            .starts
            .get(k + 1)
            .map_or(self.data.len(), |next| next.get() as usize - 1);
        let line = &self.data[start..end];
        line.strip_suffix('\n').unwrap_or(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_search_finds_every_line() {
        let list = SortedList::new("a\t1\nab\t2\nb\t3\ncat\t4\nzebra\t5\n");
        for (w, v) in [
            ("a", "1"),
            ("ab", "2"),
            ("b", "3"),
            ("cat", "4"),
            ("zebra", "5"),
        ] {
            assert_eq!(list.get(w), Some(v), "{w}");
        }
        for w in ["", "aa", "c", "zz", "0"] {
            assert_eq!(list.get(w), None, "{w}");
        }
        assert_eq!(list.get_folded("CAT"), Some("4"));
    }

    #[test]
    fn indexed_list_agrees_with_the_byte_search() {
        for data in [
            "a\t1\nab\t2\nb\t3\ncat\t4\nzebra\t5\n",
            "a\nab\nb\ncat\nzebra",
            "",
            "solo",
            "o'brien\nzoë\nzürich\t8",
        ] {
            let sorted = SortedList::new(data);
            let indexed = IndexedList::new(sorted);
            for w in [
                "", "a", "aa", "ab", "b", "c", "cat", "zebra", "zz", "0", "solo", "o'brien", "zoë",
                "zürich", "zürichs",
            ] {
                assert_eq!(indexed.get(w), sorted.get(w), "{data:?} {w}");
            }
        }
    }

    #[test]
    fn precomputed_name_words_agree_with_indexing_now() {
        let path = "rules/en/data/gazetteer.tsv";
        let read = IndexedList::name_words(path).unwrap();
        assert!(matches!(read.starts, Cow::Borrowed(_)));
        let built = IndexedList::new(SortedList::name_words(path).unwrap());
        assert!(matches!(built.starts, Cow::Owned(_)));
        assert_eq!(read.data, built.data);
        assert_eq!(read.starts, built.starts);
        for w in [
            "kyiv", "new", "o'neill", "zürich", "putin", "the", "", "zzzz",
        ] {
            assert_eq!(read.get(w), built.get(w), "{w}");
        }
        // Edge cases of the index itself: no final newline, empty lines, nothing.
        assert_eq!(line_starts(""), Vec::<u32>::new());
        assert_eq!(line_starts("a\nbc\n"), [0, 2]);
        assert_eq!(line_starts("a\n\nb"), [0, 2, 3]);
    }

    #[test]
    fn embedded_lists() {
        let lexicon = SortedList::open("rules/en/data/lexicon.tsv").unwrap();
        assert!(lexicon.get("the").is_some() && lexicon.get("refronting").is_none());
        let names = SortedList::open("rules/en/data/propernames.tsv").unwrap();
        assert!(names.contains_folded("Vladimir") && !names.contains_folded("meeting"));
    }
}
