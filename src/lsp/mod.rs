//! The language server (`mtlint lsp`) and the LSP shapes it shares with `--format lsp`.
//!
//! One message loop on `lsp-server`'s `Connection` (two channels): open
//! documents live in a map and are linted after they change, once the queue of
//! messages is drained, on one background thread (so that requests are answered
//! while a large document is linted). Each diagnostic carries its fixes in
//! `data`, and the last lint is kept, so code actions need no second lint.

mod actions;
pub mod diagnostics;
mod documents;
mod hover;
mod server;
pub mod settings;
pub mod transport;
mod worker;

pub use documents::apply_change;
pub use server::run;
