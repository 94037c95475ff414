//! Client capabilities and settings: what `initialize` says, settings pushed or
//! pulled, watched configuration files; any change re-lints every open document.

use std::path::PathBuf;

use lsp_server::{Request, RequestId};
use lsp_types::{MessageType, Url};
use serde_json::{json, Value};

use super::Server;
use crate::lsp::documents::{file_path, format_of};
use crate::lsp::settings::ClientSettings;
use crate::plan::Planner;

impl Server {
    /// Reads what the server needs from `initialize` parameters, leniently.
    pub(super) fn read_client(&mut self, params: &Value) {
        let caps = &params["capabilities"];
        self.markdown_hover = caps
            .pointer("/textDocument/hover/contentFormat")
            .and_then(Value::as_array)
            .is_some_and(|f| f.iter().any(|k| k == "markdown"));
        self.pull_config = caps.pointer("/workspace/configuration") == Some(&Value::Bool(true));
        self.watch_files = caps.pointer("/workspace/didChangeWatchedFiles/dynamicRegistration")
            == Some(&Value::Bool(true));
        let root = params
            .pointer("/workspaceFolders/0/uri")
            .or_else(|| params.get("rootUri"))
            .and_then(Value::as_str)
            .and_then(|u| Url::parse(u).ok())
            .and_then(|u| file_path(&u))
            .or_else(|| {
                params
                    .get("rootPath")
                    .and_then(Value::as_str)
                    .map(PathBuf::from)
            });
        if let Some(root) = root {
            self.root = root;
        }
        if let Some(options) = params.get("initializationOptions") {
            self.set_settings(options);
        }
    }

    pub(super) fn on_initialized(&mut self) {
        if self.watch_files {
            let id = self.next_request_id();
            let registration = json!({ "registrations": [{
                "id": "mtlint-config-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": [{ "globPattern": "**/*.{yaml,yml}" }] },
            }]});
            self.send(Request::new(id, "client/registerCapability".into(), registration).into());
        }
        if self.pull_config {
            self.request_config();
        }
    }

    pub(super) fn request_config(&mut self) {
        let id = self.next_request_id();
        self.config_request = Some(id.clone());
        let params = json!({ "items": [{ "section": "mtlint" }] });
        self.send(Request::new(id, "workspace/configuration".into(), params).into());
    }

    fn next_request_id(&mut self) -> RequestId {
        self.next_id += 1;
        RequestId::from(format!("mtlint-{}", self.next_id))
    }

    /// Takes new client settings; bad ones are reported and the old ones kept.
    pub(super) fn set_settings(&mut self, value: &Value) {
        match ClientSettings::from_json(value) {
            Ok(settings) => {
                self.client = settings;
                self.reconfigure();
            }
            Err(e) => self.show(MessageType::ERROR, format!("mtlint: {e}")),
        }
    }

    /// Forgets configuration and linters, and lints every open document again.
    pub(super) fn reconfigure(&mut self) {
        self.planner = Planner::new(self.client.over(&self.base, &self.root));
        self.shown_error = None;
        let uris: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in uris {
            if let Some(open) = self.docs.get_mut(&uri) {
                // Formats may follow the settings' `formats` map.
                open.doc.format = format_of(&open.language_id, &uri, &self.client.formats);
                if let Some(l) = &mut open.linted {
                    l.outdated = true;
                }
            }
            self.queue(uri);
        }
    }
}
