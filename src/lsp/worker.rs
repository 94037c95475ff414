//! A background thread that lints, one document at a time, so that the server
//! keeps answering while a large document is linted (a megabyte takes seconds
//! with the full rule set).

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::thread;

use crossbeam_channel::{unbounded, Receiver, Sender};
use lsp_types::Url;

use crate::document::Document;
use crate::engine::{Linter, Report};

/// A document to lint.
pub struct Job {
    /// Which document.
    pub uri: Url,
    /// Its version and opening (see `OpenDocument::generation`).
    pub version: i32,
    /// See `OpenDocument::generation`.
    pub generation: u64,
    /// A copy of its text.
    pub doc: Document,
    /// The linter for it.
    pub linter: Arc<Linter>,
    /// Minimum confidence of fix-all fixes for it.
    pub fix_min_confidence: f32,
}

/// A finished job: the job and its report (or the panic message of the linter).
pub struct Done {
    /// The job.
    pub job: Job,
    /// What the linter found.
    pub report: Result<Report, String>,
}

/// The lint thread and its queues.
pub struct Worker {
    jobs: Sender<Job>,
    /// Finished jobs.
    pub done: Receiver<Done>,
    /// Whether a job is running.
    pub busy: bool,
}

impl Worker {
    /// Starts the thread.
    pub fn spawn() -> Worker {
        let (jobs, todo) = unbounded::<Job>();
        let (finished, done) = unbounded();
        thread::Builder::new()
            .name("mtlint-lsp-lint".into())
            .spawn(move || {
                for job in todo {
                    let report =
                        panic::catch_unwind(AssertUnwindSafe(|| job.linter.lint(&job.doc)))
                            .map_err(|p| panic_message(p.as_ref()));
                    if finished.send(Done { job, report }).is_err() {
                        return;
                    }
                }
            })
            .expect("spawn the lint thread");
        Worker {
            jobs,
            done,
            busy: false,
        }
    }

    /// Hands a job to the thread.
    pub fn start(&mut self, job: Job) {
        self.busy = self.jobs.send(job).is_ok();
    }
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
