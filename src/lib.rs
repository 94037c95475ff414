//! mtlint: a linter for machine-translated text.
//!
//! Rule packs (YAML) are loaded into a [`rules::RuleSet`], compiled into an
//! [`engine::Linter`], and run over [`document::Document`]s to produce
//! [`diagnostic::Finding`]s with likely originals. The library never prints.
#![warn(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
// Pack errors carry their source for located reports; they are rare and cold.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod case;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod eval;
pub mod fix;
pub mod formats;
pub mod lsp;
pub mod output;
pub mod plan;
pub mod rules;
pub mod suppress;

pub use diagnostic::{Applicability, Category, Finding, Severity, Suggestion};
pub use document::Document;
pub use engine::{LintOptions, Linter, Report};
pub use rules::RuleSet;
