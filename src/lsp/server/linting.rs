//! Linting open documents: choosing the linter from configuration, handing
//! documents to the lint thread, publishing what comes back.
//!
//! Diagnostics are published only for the version they were computed for; a
//! lint that finishes after the text changed is kept for requests (its findings
//! are used where their text is unchanged) and the new version is linted next.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::ErrorCode;
use lsp_types::{MessageType, Url};
use serde_json::json;

use super::{Failure, Server};
use crate::engine::{LanguageSource, LintOptions, Linter, Report};
use crate::lsp::diagnostics::publish_params;
use crate::lsp::documents::{file_path, Linted, OpenDocument};
use crate::lsp::worker::{Done, Job};
use crate::rules::RuleSet;

impl Server {
    /// The path whose configuration applies to a document.
    fn config_path(&self, uri: &Url) -> PathBuf {
        file_path(uri).unwrap_or_else(|| self.root.join("untitled"))
    }

    /// The linter for a document (`None`: the configuration excludes it) and the
    /// fix-all confidence threshold. A broken configuration is reported once and
    /// the last good linter used.
    fn linter_for(&mut self, path: &Path) -> (Option<Arc<Linter>>, f32) {
        let planned = self.planner.config_for(path).and_then(|config| {
            let settings = self.planner.settings_for(path)?;
            let linter = self.planner.linter_for(&settings)?;
            Ok((config.excludes(path), linter, settings.fix_min_confidence))
        });
        let fix_min = |m: Option<f32>| self.client.fix_min_confidence.or(m).unwrap_or(0.8);
        match planned {
            Ok((excluded, linter, min)) => {
                self.last_good = Some(linter.clone());
                (Some(linter).filter(|_| !excluded), fix_min(min))
            }
            Err(e) => {
                let message =
                    format!("mtlint: configuration error; still using the last good rules:\n{e}");
                if self.shown_error.as_ref() != Some(&message) {
                    self.show(MessageType::ERROR, message.clone());
                    self.shown_error = Some(message);
                }
                let linter = self.last_good.clone().unwrap_or_else(fallback_linter);
                (Some(linter), fix_min(None))
            }
        }
    }

    /// A job for a document, or `None` (after publishing nothing) when the
    /// configuration excludes it.
    fn job_for(&mut self, uri: &Url) -> Option<Job> {
        let path = self.config_path(uri);
        let (linter, fix_min_confidence) = self.linter_for(&path);
        let open = self.docs.get(uri)?;
        let job = Job {
            uri: uri.clone(),
            version: open.version,
            generation: open.generation,
            doc: open.doc.clone(),
            linter: linter.clone().unwrap_or_else(empty_linter),
            fix_min_confidence,
        };
        if linter.is_none() {
            self.finish(Done {
                job,
                report: Ok(empty_report()),
            });
            return None;
        }
        Some(job)
    }

    /// Hands the next pending document to the lint thread, if it is idle.
    pub(super) fn start_next_lint(&mut self) {
        while !self.worker.busy && !self.pending.is_empty() {
            let uri = self.pending.remove(0);
            if self.docs.get(&uri).is_none_or(OpenDocument::is_current) {
                continue;
            }
            if let Some(job) = self.job_for(&uri) {
                self.worker.start(job);
            }
        }
    }

    /// Takes a finished lint: kept if it is of the open document and newer than
    /// the one it has, published if it is of the current version.
    pub(super) fn finish(&mut self, done: Done) {
        let Done { job, report } = done;
        let report = report.unwrap_or_else(|panic| {
            self.show(
                MessageType::ERROR,
                format!("mtlint: linting {} failed: {panic}", job.uri),
            );
            empty_report()
        });
        let Some(open) = self.docs.get_mut(&job.uri) else {
            return;
        };
        let newer = open
            .linted
            .as_ref()
            .is_none_or(|l| l.version <= job.version);
        if open.generation != job.generation || !newer {
            return;
        }
        let current = job.version == open.version;
        let params = current.then(|| {
            publish_params(
                job.uri.clone(),
                Some(job.version),
                &open.doc,
                job.linter.rules(),
                &report,
            )
        });
        open.linted = Some(Linted {
            report,
            linter: job.linter,
            fix_min_confidence: job.fix_min_confidence,
            version: job.version,
            source: job.doc,
            outdated: false,
        });
        if let Some(params) = params {
            self.notify("textDocument/publishDiagnostics", json!(params));
        }
    }

    /// An open document, for requests. Its last lint may be of an older version
    /// (its findings count where their text is unchanged) or missing while the
    /// first lint runs; requests never wait for the lint thread.
    pub(super) fn linted(&self, uri: &Url) -> Result<&OpenDocument, Failure> {
        self.docs.get(uri).ok_or_else(|| {
            (
                ErrorCode::RequestFailed,
                format!("document not open: {uri}"),
            )
        })
    }
}

/// The built-in rules with default options, or no rules if even they fail.
fn fallback_linter() -> Arc<Linter> {
    RuleSet::builtin()
        .ok()
        .and_then(|rules| Linter::new(rules, LintOptions::default()).ok())
        .map_or_else(empty_linter, Arc::new)
}

/// A linter without rules, for documents the configuration excludes.
fn empty_linter() -> Arc<Linter> {
    Arc::new(
        Linter::new(RuleSet::default(), LintOptions::default())
            .expect("an empty rule set always compiles"),
    )
}

fn empty_report() -> Report {
    Report {
        language: String::new(),
        language_source: LanguageSource::Assumed,
        findings: Vec::new(),
        words: 0,
        unused_suppressions: Vec::new(),
        pivot: None,
    }
}
