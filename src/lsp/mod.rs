//! The language server (`mtlint lsp`) and the LSP shapes it shares with `--format lsp`.

pub mod diagnostics;
