//! The server loop: lifecycle and dispatch (settings are in `config.rs`, linting
//! in `linting.rs`).
//!
//! One thread handles messages in order. After a message it handles everything
//! else already queued, then hands the next changed document to the lint thread:
//! a burst of keystrokes costs one lint, and requests are answered while a large
//! document is linted. Every handler runs under `catch_unwind`, so a bug answers
//! one request with an error instead of ending the server.

mod config;
mod linting;

use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use crossbeam_channel::{select, Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    HoverParams, HoverProviderCapability, InitializeResult, MessageType, PositionEncodingKind,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::documents::{format_of, OpenDocument};
use super::settings::ClientSettings;
use super::worker::{panic_message, Worker};
use super::{actions, hover};
use crate::engine::Linter;
use crate::plan::{CliSettings, Planner};

/// An error answer: JSON-RPC code and message.
type Failure = (ErrorCode, String);

/// Runs the server on a connection until the client sends `exit` or goes away.
/// `base` holds the command line's settings. Returns whether the exit was clean
/// (`shutdown` came before `exit`), for the process exit code.
pub fn run(sender: Sender<Message>, receiver: Receiver<Message>, base: CliSettings) -> bool {
    let mut server = Server::new(sender, receiver, base);
    if !server.initialize() {
        return false;
    }
    server.main_loop()
}

struct Server {
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    base: CliSettings,
    client: ClientSettings,
    root: PathBuf,
    planner: Planner,
    /// The last linter built without error, used while the configuration is broken.
    last_good: Option<Arc<Linter>>,
    docs: HashMap<Url, OpenDocument>,
    /// Documents whose current version is not linted nor being linted, in
    /// order of change; linted once the queue of messages is drained.
    pending: Vec<Url>,
    worker: Worker,
    /// Openings so far (see `OpenDocument::generation`).
    openings: u64,
    markdown_hover: bool,
    pull_config: bool,
    watch_files: bool,
    next_id: i32,
    config_request: Option<RequestId>,
    shutdown: bool,
    /// The configuration error last shown, so that each is shown once.
    shown_error: Option<String>,
}

impl Server {
    fn new(sender: Sender<Message>, receiver: Receiver<Message>, base: CliSettings) -> Server {
        Server {
            planner: Planner::new(base.clone()),
            sender,
            receiver,
            base,
            client: ClientSettings::default(),
            root: std::env::current_dir().unwrap_or_default(),
            last_good: None,
            docs: HashMap::new(),
            pending: Vec::new(),
            worker: Worker::spawn(),
            openings: 0,
            markdown_hover: false,
            pull_config: false,
            watch_files: false,
            next_id: 0,
            config_request: None,
            shutdown: false,
            shown_error: None,
        }
    }

    /// Waits for `initialize`, answering other requests with `ServerNotInitialized`.
    fn initialize(&mut self) -> bool {
        loop {
            let Ok(msg) = self.receiver.recv() else {
                return false;
            };
            match msg {
                Message::Request(req) if req.method == "initialize" => {
                    self.read_client(&req.params);
                    let result = InitializeResult {
                        capabilities: capabilities(),
                        server_info: Some(ServerInfo {
                            name: "mtlint".into(),
                            version: Some(env!("CARGO_PKG_VERSION").into()),
                        }),
                    };
                    self.respond(req.id, Ok(json!(result)));
                    return true;
                }
                Message::Request(req) => self.respond(
                    req.id,
                    Err((
                        ErrorCode::ServerNotInitialized,
                        format!("`{}` before `initialize`", req.method),
                    )),
                ),
                Message::Notification(n) if n.method == "exit" => return false,
                Message::Notification(_) | Message::Response(_) => {}
            }
        }
    }

    fn main_loop(&mut self) -> bool {
        let (messages, linted) = (self.receiver.clone(), self.worker.done.clone());
        loop {
            select! {
                recv(messages) -> msg => {
                    let Ok(msg) = msg else {
                        return false;
                    };
                    if let Some(clean) = self.handle(msg) {
                        return clean;
                    }
                    // Everything already queued first: a burst of changes costs one lint.
                    while let Ok(msg) = messages.try_recv() {
                        if let Some(clean) = self.handle(msg) {
                            return clean;
                        }
                    }
                }
                recv(linted) -> done => {
                    if let Ok(done) = done {
                        self.worker.busy = false;
                        self.guarded(None, |s| s.finish(done));
                    }
                }
            }
            self.guarded(None, Server::start_next_lint);
        }
    }

    /// Handles one message; `Some(clean)` when the server must stop.
    fn handle(&mut self, msg: Message) -> Option<bool> {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                self.guarded(Some(id), |s| s.on_request(req));
                None
            }
            Message::Notification(n) if n.method == "exit" => Some(self.shutdown),
            Message::Notification(n) => {
                self.guarded(None, |s| s.on_notification(n));
                None
            }
            Message::Response(r) => {
                if self.config_request.as_ref() == Some(&r.id) {
                    self.config_request = None;
                    if let Ok(Value::Array(items)) = r.response_result {
                        if let Some(v) = items.first().filter(|v| !v.is_null()) {
                            self.set_settings(v);
                        }
                    }
                }
                None
            }
        }
    }

    /// Runs `f`, turning a panic into an error answer (or a message to the user).
    fn guarded(&mut self, id: Option<RequestId>, f: impl FnOnce(&mut Server)) {
        let result = panic::catch_unwind(AssertUnwindSafe(|| f(self)));
        if let Err(payload) = result {
            let message = format!(
                "mtlint: internal error: {}",
                panic_message(payload.as_ref())
            );
            match id {
                Some(id) => self.respond(id, Err((ErrorCode::InternalError, message))),
                None => self.show(MessageType::ERROR, message),
            }
        }
    }

    fn on_request(&mut self, req: Request) {
        if self.shutdown {
            let failure = (
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            );
            return self.respond(req.id, Err(failure));
        }
        let result = match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/hover" => params::<HoverParams>(&req).and_then(|p| self.on_hover(p)),
            "textDocument/codeAction" => {
                params::<CodeActionParams>(&req).and_then(|p| self.on_code_action(p))
            }
            "initialize" => Err((ErrorCode::InvalidRequest, "initialize sent twice".into())),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method `{other}`"),
            )),
        };
        self.respond(req.id, result);
    }

    fn on_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "initialized" => self.on_initialized(),
            "textDocument/didOpen" => {
                if let Some(p) = self.notification_params::<DidOpenTextDocumentParams>(&n) {
                    let d = p.text_document;
                    let format = format_of(&d.language_id, &d.uri, &self.client.formats);
                    let mut open =
                        OpenDocument::new(&d.uri, d.text, d.version, d.language_id, format);
                    self.openings += 1;
                    open.generation = self.openings;
                    self.docs.insert(d.uri.clone(), open);
                    self.queue(d.uri);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = self.notification_params::<DidChangeTextDocumentParams>(&n) {
                    let uri = p.text_document.uri;
                    match self.docs.get_mut(&uri) {
                        Some(open) => {
                            open.apply(p.content_changes, p.text_document.version);
                            self.queue(uri);
                        }
                        None => self.log(format!("didChange for a document not open: {uri}")),
                    }
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = self.notification_params::<DidCloseTextDocumentParams>(&n) {
                    let uri = p.text_document.uri;
                    self.docs.remove(&uri);
                    self.pending.retain(|u| *u != uri);
                    self.worker.forget(uri.clone());
                    self.notify(
                        "textDocument/publishDiagnostics",
                        json!({ "uri": uri, "diagnostics": [] }),
                    );
                }
            }
            "workspace/didChangeConfiguration" => {
                let settings = n.params.get("settings").cloned().unwrap_or(Value::Null);
                let empty =
                    settings.is_null() || settings.as_object().is_some_and(|o| o.is_empty());
                if empty && self.pull_config {
                    self.request_config();
                } else {
                    self.set_settings(&settings);
                }
            }
            // Configuration files or rule packs changed on disk.
            "workspace/didChangeWatchedFiles" => self.reconfigure(),
            // didSave needs nothing: the text is already in step. Other
            // notifications (`$/…` included) are ignored, as the protocol asks.
            _ => {}
        }
    }

    fn queue(&mut self, uri: Url) {
        if !self.pending.contains(&uri) {
            self.pending.push(uri);
        }
    }

    fn on_hover(&mut self, p: HoverParams) -> Result<Value, Failure> {
        let markdown = self.markdown_hover;
        let pos = p.text_document_position_params.position;
        let open = self.linted(&p.text_document_position_params.text_document.uri)?;
        let Some(linted) = &open.linted else {
            return Ok(Value::Null);
        };
        let offset = open.doc.offset_of_lsp_position(pos.line, pos.character);
        Ok(json!(hover::hover(open, linted, offset, markdown)))
    }

    fn on_code_action(&mut self, p: CodeActionParams) -> Result<Value, Failure> {
        let uri = p.text_document.uri;
        let open = self.linted(&uri)?;
        let Some(linted) = &open.linted else {
            return Ok(json!([]));
        };
        let only: Option<&[CodeActionKind]> = p.context.only.as_deref();
        Ok(json!(actions::actions(
            &uri,
            open,
            linted,
            p.range,
            &p.context.diagnostics,
            only
        )))
    }

    fn notification_params<P: DeserializeOwned>(&mut self, n: &Notification) -> Option<P> {
        match serde_json::from_value(n.params.clone()) {
            Ok(p) => Some(p),
            Err(e) => {
                self.log(format!("invalid `{}` parameters: {e}", n.method));
                None
            }
        }
    }

    fn respond(&self, id: RequestId, result: Result<Value, Failure>) {
        let response = match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response.into());
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify(
            "window/showMessage",
            json!({ "type": typ, "message": message }),
        );
    }

    fn log(&self, message: String) {
        self.notify(
            "window/logMessage",
            json!({ "type": MessageType::WARNING, "message": message }),
        );
    }

    fn send(&self, msg: Message) {
        // A closed channel means the client is gone; the receive loop ends next.
        let _ = self.sender.send(msg);
    }
}

fn params<P: DeserializeOwned>(req: &Request) -> Result<P, Failure> {
    serde_json::from_value(req.params.clone()).map_err(|e| {
        (
            ErrorCode::InvalidParams,
            format!("invalid `{}` parameters: {e}", req.method),
        )
    })
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
