//! Offset ↔ line/column and LSP position conversions on tricky text.

use mtlint::document::{Document, ReadError};

#[test]
fn accents_cjk_emoji_columns() {
    // "é" is 2 bytes/1 scalar/1 UTF-16 unit; "北京" 3 bytes each; "😀" 4 bytes/1 scalar/2 units.
    let doc = Document::new("t", "Élysée 北京 😀 kyiv\nsecond");
    let at = doc.text.find("kyiv").unwrap();
    assert_eq!(doc.line_col(at), (1, 13));
    assert_eq!(doc.lsp_position(at), (0, 13));
    let at = doc.text.find("😀").unwrap();
    assert_eq!(doc.line_col(at), (1, 11));
    assert_eq!(doc.lsp_position(at), (0, 10));
    let after_emoji = at + '😀'.len_utf8();
    assert_eq!(doc.lsp_position(after_emoji), (0, 12));
    assert_eq!(doc.line_col(doc.text.find("second").unwrap()), (2, 1));
}

#[test]
fn lsp_positions_round_trip() {
    let doc = Document::new("t", "a😀é\r\n北京 kyiv\r\n\r\nend");
    for (offset, _) in doc.text.char_indices() {
        let (line, ch) = doc.lsp_position(offset);
        if doc.text[offset..].starts_with('\n') {
            continue; // the \n of a CRLF is not addressable on its own
        }
        assert_eq!(
            doc.offset_of_lsp_position(line, ch),
            offset,
            "offset {offset}"
        );
    }
    // Past the end of a line clamps to the line end, before the CRLF.
    let end_of_first = doc.text.find('\r').unwrap();
    assert_eq!(doc.offset_of_lsp_position(0, 99), end_of_first);
    assert_eq!(doc.offset_of_lsp_position(99, 0), doc.text.len());
}

#[test]
fn crlf_lines() {
    let doc = Document::new("t", "one\r\ntwo kyiv\r\nthree");
    let at = doc.text.find("kyiv").unwrap();
    assert_eq!(doc.line_col(at), (2, 5));
    assert_eq!(doc.lsp_position(at), (1, 4));
    let range = doc.index().line_range(&doc.text, 1);
    assert_eq!(&doc.text[range], "two kyiv");
    assert_eq!(doc.index().line_count(), 3);
}

#[test]
fn bom_is_kept_and_counted_once() {
    let doc = Document::from_bytes("t".into(), "\u{feff}kyiv".as_bytes().to_vec()).unwrap();
    assert!(doc.text.starts_with('\u{feff}'));
    assert_eq!(doc.line_col(3), (1, 2));
}

#[test]
fn invalid_utf8_names_offset_and_line() {
    let err = Document::from_bytes("bad.txt".into(), b"ok\nfine \xff here".to_vec()).unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::InvalidUtf8 {
                offset: 8,
                line: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "bad.txt: invalid UTF-8 at byte offset 8 (line 2)"
    );
}

#[test]
fn nul_bytes_are_binary() {
    let err = Document::from_bytes("b.bin".into(), b"abc\0def".to_vec()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "b.bin: binary file (NUL byte at byte offset 3), not linted"
    );
}

#[test]
fn directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Document::read(dir.path()).unwrap_err();
    assert!(matches!(err, ReadError::Directory { .. }));
}
