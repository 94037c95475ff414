//! `lsp` format: one JSON object per line and per file, exactly the
//! `textDocument/publishDiagnostics` parameters `mtlint lsp` sends for it:
//!
//! ```text
//! {"uri":"file:///abs/path.txt","diagnostics":[{"range":{"start":{"line":0,"character":4},…},
//!   "severity":2,"code":"pack/rule","source":"mtlint","message":"…","data":{…}}]}
//! ```
//!
//! Ranges are 0-based lines and UTF-16 code units; `data` holds the rule, the
//! matched text, confidence, fix applicability and suggestions. Suppression
//! comments that suppress nothing follow the findings (code
//! `mtlint/unused-suppression`). Files without findings get an empty
//! `diagnostics` array, as an editor would be sent.

use std::io::{self, Write};

use super::FileResult;
use crate::lsp::diagnostics::{publish_params, uri_of_path};
use crate::rules::RuleSet;

/// Writes one line of JSON per file; `rules[i]` is the rule set `results[i]` was linted with.
pub fn render(out: &mut dyn Write, results: &[FileResult], rules: &[&RuleSet]) -> io::Result<()> {
    for (r, rules) in results.iter().zip(rules) {
        let params = publish_params(
            uri_of_path(&r.document.path),
            None,
            &r.document,
            rules,
            &r.report,
        );
        serde_json::to_writer(&mut *out, &params)?;
        writeln!(out)?;
    }
    Ok(())
}
