//! A background thread that lints, one document at a time, so that the server
//! keeps answering while a large document is linted.
//!
//! The thread keeps a [`LintCache`] per open document: after an edit only the
//! changed lines go through the line-local matchers again (see
//! [`Linter::lint_cached`]), which keeps a keystroke in a large document cheap.

use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::thread;

use crossbeam_channel::{unbounded, Receiver, Sender};
use lsp_types::Url;

use crate::document::Document;
use crate::engine::{LintCache, Linter, Report};

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

/// What the lint thread is asked to do.
enum Task {
    /// Lint a document.
    Lint(Job),
    /// Drop what is cached for a document (it was closed).
    Forget(Url),
}

/// What the lint thread keeps of one document between lints.
struct Cached {
    /// The opening of the document it is for.
    generation: u64,
    /// The linter that filled it.
    linter: Arc<Linter>,
    cache: LintCache,
}

/// The lint thread and its queues.
pub struct Worker {
    jobs: Sender<Task>,
    /// Finished jobs.
    pub done: Receiver<Done>,
    /// Whether a job is running.
    pub busy: bool,
}

impl Worker {
    /// Starts the thread.
    pub fn spawn() -> Worker {
        let (jobs, todo) = unbounded::<Task>();
        let (finished, done) = unbounded();
        thread::Builder::new()
            .name("mtlint-lsp-lint".into())
            .spawn(move || {
                let mut caches: HashMap<Url, Cached> = HashMap::new();
                for task in todo {
                    let job = match task {
                        Task::Lint(job) => job,
                        Task::Forget(uri) => {
                            caches.remove(&uri);
                            continue;
                        }
                    };
                    let report = lint(&mut caches, &job);
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
        self.busy = self.jobs.send(Task::Lint(job)).is_ok();
    }

    /// Tells the thread that a document was closed.
    pub fn forget(&self, uri: Url) {
        let _ = self.jobs.send(Task::Forget(uri));
    }
}

/// Lints a job's document with the cache of its earlier lints (a new cache for a
/// new opening or another linter). A panic is returned as its message, and the
/// cache, possibly half updated, is dropped.
fn lint(caches: &mut HashMap<Url, Cached>, job: &Job) -> Result<Report, String> {
    let reusable = caches
        .get(&job.uri)
        .is_some_and(|c| c.generation == job.generation && Arc::ptr_eq(&c.linter, &job.linter));
    let mut cached = caches
        .remove(&job.uri)
        .filter(|_| reusable)
        .unwrap_or_else(|| Cached {
            generation: job.generation,
            linter: job.linter.clone(),
            cache: LintCache::new(),
        });
    let report = panic::catch_unwind(AssertUnwindSafe(|| {
        job.linter.lint_cached(&job.doc, &mut cached.cache)
    }))
    .map_err(|p| panic_message(p.as_ref()))?;
    caches.insert(job.uri.clone(), cached);
    Ok(report)
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
