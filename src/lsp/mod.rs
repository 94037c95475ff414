//! The language server (`mtlint lsp`) and the LSP shapes it shares with `--format lsp`.
//!
//! Synchronous and small, on `lsp-server`'s `Connection` (two channels): open
//! documents live in a map, are linted when they change and when the queue of
//! messages is drained, and each diagnostic carries its fixes in `data`, so code
//! actions need no second lint.

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
