//! `mtlint lsp` driven over stdio with JSON-RPC, as an editor would: lifecycle,
//! document sync (full and incremental, UTF-16 positions), diagnostics, code
//! actions, hover, configuration and bad input. Every reply is checked.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::path::Path;
use std::time::Duration;

use lsp_client::{file_uri, Client};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_mtlint");

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A started and initialized server with only the demo pack.
fn start() -> (Client, Value) {
    let mut c = Client::spawn(BIN, &[]);
    let init = c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": file_uri(&repo("")),
            "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}},
            "initializationOptions": {"mtlint": {
                "noBuiltin": true,
                "rules": ["tests/fixtures/packs"],
            }},
        }),
    );
    c.notify("initialized", json!({}));
    (c, init)
}

fn open(c: &mut Client, uri: &str, language: &str, text: &str) -> Value {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
    );
    c.diagnostics(uri, Some(1))
}

fn change(c: &mut Client, uri: &str, version: i64, changes: Value) -> Value {
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    );
    c.diagnostics(uri, Some(version))
}

fn ranges(params: &Value) -> Vec<(String, u64, u64, u64)> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap().to_string(),
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn r(code: &str, line: u64, start: u64, end: u64) -> (String, u64, u64, u64) {
    (code.to_string(), line, start, end)
}

/// Applies LSP text edits (UTF-16 positions) to a text, as a client does.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let doc = mtlint::Document::new("t", text);
    let offset = |p: &Value| {
        doc.offset_of_lsp_position(
            p["line"].as_u64().unwrap() as u32,
            p["character"].as_u64().unwrap() as u32,
        )
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, t);
    }
    out
}

fn code_actions(
    c: &mut Client,
    uri: &str,
    range: Value,
    diagnostics: Value,
    only: Value,
) -> Vec<Value> {
    let mut context = json!({ "diagnostics": diagnostics });
    if !only.is_null() {
        context["only"] = only;
    }
    let reply = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
    );
    reply["result"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("{reply}"))
}

#[test]
fn initialize_reports_capabilities() {
    let (c, init) = start();
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.mtlint"])
    );
    assert_eq!(init["result"]["serverInfo"]["name"], "mtlint");
    drop(c);
}

#[test]
fn text_documents_diagnostics_actions_hover_and_shutdown() {
    let (mut c, _) = start();
    let path = repo("tests/fixtures/unicode.txt");
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();

    // Open: UTF-16 ranges after accents (é), CJK (北京) and emoji (😀👍, two units each).
    let published = open(&mut c, &uri, "plaintext", &text);
    assert_eq!(
        ranges(&published),
        [
            r("demo/coalition-of-wishes", 0, 16, 35),
            r("demo/names", 0, 43, 47),
            r("demo/reflection-group", 1, 14, 30),
            r("demo/depend-of", 2, 16, 26),
        ]
    );
    // Exactly what `mtlint check --format lsp` prints for the file: one code path.
    let cli = std::process::Command::new(BIN)
        .args([
            "check",
            "--no-builtin",
            "--rules",
            "tests/fixtures/packs",
            "--format",
            "lsp",
        ])
        .arg(&path)
        .current_dir(repo(""))
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(cli["uri"], uri);
    assert_eq!(cli["diagnostics"], published["diagnostics"]);
    let d = &published["diagnostics"][2];
    assert_eq!(d["severity"], 2);
    assert_eq!(d["source"], "mtlint");
    assert!(d.get("codeDescription").is_none(), "no url, no link");
    assert!(d["message"].as_str().unwrap().contains("“think tank”"));
    assert_eq!(d["data"]["suggestions"][1]["replacement"], "policy group");

    // Incremental change: "kyiv" → "Kyiv" clears that finding, the others stay.
    let after = change(
        &mut c,
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 43}, "end": {"line": 0, "character": 47}}, "text": "Kyiv"}]),
    );
    assert_eq!(ranges(&after).len(), 3);
    assert!(!ranges(&after).iter().any(|x| x.0 == "demo/names"));
    // Two changes in one notification, applied in order: an emoji inserted before
    // "depends" shifts it by three units; then line 1 loses its first two characters.
    let after = change(
        &mut c,
        &uri,
        3,
        json!([
            {"range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 4}}, "text": "🌍 "},
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 2}}, "text": ""},
        ]),
    );
    assert_eq!(
        ranges(&after),
        [
            r("demo/coalition-of-wishes", 0, 16, 35),
            r("demo/reflection-group", 1, 12, 28),
            r("demo/depend-of", 2, 19, 29),
        ]
    );
    let current = text
        .replacen("kyiv", "Kyiv", 1)
        .replacen("北京", "", 1)
        .replacen("👍 ", "👍 🌍 ", 1);

    // Quick fixes for the diagnostic under the cursor: one per suggestion, the top preferred.
    let reflection = after["diagnostics"][1].clone();
    let actions = code_actions(
        &mut c,
        &uri,
        reflection["range"].clone(),
        json!([reflection]),
        Value::Null,
    );
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace with “think tank”",
            "Replace with “policy group”",
            "Fix all mtlint artefacts (3 safe fixes)"
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert!(actions[1].get("isPreferred").is_none());
    assert_eq!(
        actions[0]["diagnostics"][0]["code"],
        "demo/reflection-group"
    );
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits[0]["range"], reflection["range"]);
    assert_eq!(
        apply_edits(&current, edits).lines().nth(1).unwrap(),
        " and 東京 — a think tank said so."
    );
    // Without diagnostics in the context, the server's own findings serve.
    let actions = code_actions(
        &mut c,
        &uri,
        json!({"start": {"line": 2, "character": 20}, "end": {"line": 2, "character": 20}}),
        json!([]),
        json!(["quickfix"]),
    );
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["title"], "Replace with “depends on”");
    // A client that sends the range back in bytes (Neovim 0.7 does): "Café crème: "
    // is 18 bytes but 16 units. The server's own range is used for the edit.
    let mut coalition = after["diagnostics"][0].clone();
    let utf16_range = coalition["range"].clone();
    coalition["range"] =
        json!({"start": {"line": 0, "character": 18}, "end": {"line": 0, "character": 37}});
    let actions = code_actions(
        &mut c,
        &uri,
        json!({"start": {"line": 0, "character": 20}, "end": {"line": 0, "character": 20}}),
        json!([after["diagnostics"][1].clone(), coalition]),
        json!(["quickfix"]),
    );
    assert_eq!(
        actions[0]["title"],
        "Replace with “coalition of the willing”"
    );
    assert_eq!(actions[0]["edit"]["changes"][&uri][0]["range"], utf16_range);
    assert_eq!(actions[1]["title"], "Replace with “think tank”");
    // Fix-all alone, as editors ask for it on save.
    let actions = code_actions(
        &mut c,
        &uri,
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
        json!([]),
        json!(["source.fixAll"]),
    );
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.mtlint");
    let fixed = apply_edits(
        &current,
        actions[0]["edit"]["changes"][&uri].as_array().unwrap(),
    );
    assert_eq!(
        fixed,
        "Café crème: the coalition of the willing met in Kyiv.\n \
         and 東京 — a think tank said so.\n😀👍 🌍 everything depends on the weather 🌧️, they said.\n"
    );

    // Hover: the finding, its originals and the rule's explanation with examples.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 20}}),
    );
    let h = &hover["result"];
    assert_eq!(h["contents"]["kind"], "markdown");
    let value = h["contents"]["value"].as_str().unwrap();
    for needle in [
        "demo/reflection-group",
        "Likely original: “think tank” or “policy group”",
        "examples:",
        "✗ A Ukrainian reflection group said so.",
    ] {
        assert!(value.contains(needle), "{needle:?} not in {value}");
    }
    assert_eq!(h["range"], after["diagnostics"][1]["range"]);
    let nothing = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(nothing["result"], Value::Null);

    // Close: diagnostics are cleared; the document is gone for requests.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = c.diagnostics(&uri, None);
    assert_eq!(cleared["diagnostics"], json!([]));
    let gone = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(gone["error"]["code"], -32803);

    // Shutdown, then a request is refused, then exit ends the process cleanly.
    let down = c.request("shutdown", Value::Null);
    assert_eq!(down["result"], Value::Null);
    assert!(down.get("error").is_none());
    let late = c.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(c.finish().code(), Some(0));
}

#[test]
fn markdown_documents_prose_suppressions_and_ignore_action() {
    let (mut c, _) = start();
    let uri = "untitled:notes";
    let text = "---\ntitle: coalition of wishes\n---\nThe coalition of wishes met in kyiv.\n\n`reflection group` in code is skipped.\n\n<!-- mtlint-disable demo/depend-of -->\n";
    let published = open(&mut c, uri, "markdown", text);
    assert_eq!(
        ranges(&published),
        [
            r("demo/coalition-of-wishes", 3, 4, 23),
            r("demo/names", 3, 31, 35),
            r("mtlint/unused-suppression", 7, 0, 38),
        ]
    );
    let unused = &published["diagnostics"][2];
    assert_eq!(unused["tags"], json!([1]));
    let coalition = published["diagnostics"][0].clone();
    let actions = code_actions(
        &mut c,
        uri,
        coalition["range"].clone(),
        json!([coalition, unused]),
        json!(["quickfix"]),
    );
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace with “coalition of the willing”",
            "Remove the unused suppression",
            "Ignore demo/coalition-of-wishes in this document"
        ]
    );
    // The suppression goes after the front matter; applied, the finding is gone.
    let edit = &actions[2]["edit"]["changes"][uri][0];
    assert_eq!(edit["range"]["start"], json!({"line": 3, "character": 0}));
    assert_eq!(
        edit["newText"],
        "<!-- mtlint-disable demo/coalition-of-wishes -->\n"
    );
    let after = change(
        &mut c,
        uri,
        2,
        json!([{"range": edit["range"], "text": edit["newText"]}]),
    );
    assert_eq!(
        ranges(&after),
        [
            r("demo/names", 4, 31, 35),
            r("mtlint/unused-suppression", 8, 0, 38)
        ]
    );
    // Full-text sync works too.
    let after = change(&mut c, uri, 3, json!([{"text": "All clean."}]));
    assert_eq!(after["diagnostics"], json!([]));
}

#[test]
fn configuration_changes_relint_and_bad_configuration_is_reported() {
    let (mut c, _) = start();
    let uri = file_uri(&repo("tests/fixtures/small.txt"));
    let text = std::fs::read_to_string(repo("tests/fixtures/small.txt")).unwrap();
    assert_eq!(
        open(&mut c, &uri, "plaintext", &text)["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let relinted = |c: &mut Client, settings: Value| {
        c.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": settings }),
        );
        let p = c.diagnostics(&uri, Some(1));
        ranges(&p).into_iter().map(|x| x.0).collect::<Vec<_>>()
    };
    let base = json!({"noBuiltin": true, "rules": ["tests/fixtures/packs"]});
    let mut s = base.clone();
    s["minConfidence"] = json!(0.88);
    assert!(
        !relinted(&mut c, json!({ "mtlint": s })).contains(&"demo/reflection-group".to_string())
    );
    let mut s = base.clone();
    s["select"] = json!(["casing"]);
    assert_eq!(relinted(&mut c, json!({ "mtlint": s })), ["demo/names"]);
    // A broken rule directory: the user is told, and the last good rules keep working.
    let mut s = base.clone();
    s["rules"] = json!(["no/such/dir"]);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "mtlint": s } }),
    );
    let shown = c.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("no/such/dir"),
        "{shown}"
    );
    assert_eq!(ranges(&c.diagnostics(&uri, Some(1))).len(), 1);
    // Settings of the wrong type are refused with a message; the old ones stay.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "mtlint": { "select": 3 } } }),
    );
    let shown = c.wait_for(|m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap()
        .contains("invalid settings"));
    assert_eq!(relinted(&mut c, json!({ "mtlint": base })).len(), 5);
}

#[test]
fn bad_input_never_kills_the_server() {
    let mut c = Client::spawn(
        BIN,
        &[
            "--no-builtin",
            "--rules",
            repo("tests/fixtures/packs").to_str().unwrap(),
        ],
    );
    // Before initialize, requests are refused.
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    c.request("initialize", json!({"capabilities": {}}));
    c.notify("initialized", json!({}));
    // Not JSON: a parse error with a null id.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (Value::Null, json!(-32700))
    );
    // JSON but not JSON-RPC: invalid request, with the id when there is one.
    c.send(&json!({"jsonrpc": "2.0", "id": 41}));
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (json!(41), json!(-32600))
    );
    // Garbage between messages, then a header glued to it: resynchronised.
    c.send_raw(b"garbage\r\n\r\n");
    assert_eq!(
        c.wait_for(|m| m.get("error").is_some())["error"]["code"],
        -32700
    );
    c.send_raw(b"junk");
    // Unknown method; bad parameters; notifications with bad parameters or for
    // documents that are not open only log.
    assert_eq!(
        c.request("mtlint/whatever", json!({}))["error"]["code"],
        -32601
    );
    assert_eq!(
        c.request("textDocument/codeAction", json!({"x": 1}))["error"]["code"],
        -32602
    );
    c.notify("textDocument/didOpen", json!("nonsense"));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    c.notify("$/cancelRequest", json!({"id": 99}));
    let logged = c.wait_for(|m| m["method"] == "window/logMessage");
    assert!(logged["params"]["message"]
        .as_str()
        .unwrap()
        .contains("didOpen"));
    // Still serving.
    let uri = "untitled:still-alive";
    assert_eq!(
        open(&mut c, uri, "plaintext", "A reflection group.")["diagnostics"][0]["code"],
        "demo/reflection-group"
    );
    // Exit without shutdown: exit code 1.
    c.notify("exit", Value::Null);
    assert_eq!(c.finish().code(), Some(1));
}

#[test]
fn a_burst_of_changes_is_linted_once_the_queue_is_drained() {
    let (mut c, _) = start();
    let uri = "untitled:big";
    let text = "The coalition of wishes met. ".repeat(4_000);
    open(&mut c, uri, "plaintext", &text);
    // 50 keystrokes written at once, each appending a letter.
    let mut burst = Vec::new();
    for v in 2..=51 {
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}],
        }})
        .to_string();
        burst.extend(format!("Content-Length: {}\r\n\r\n{msg}", msg.len()).into_bytes());
    }
    c.send_raw(&burst);
    let last = c.diagnostics(uri, Some(51));
    assert_eq!(last["diagnostics"].as_array().unwrap().len(), 4_000);
    assert_eq!(last["diagnostics"][0]["range"]["start"]["character"], 54);
    let published = c
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(published < 10, "{published} lints for 50 changes");
    // And nothing after the last version.
    c.backlog.clear();
    assert!(c
        .wait_for_within(Duration::from_millis(200), |m| m["method"]
            == "textDocument/publishDiagnostics")
        .is_none());
}

#[test]
fn requests_are_answered_while_a_large_document_is_linted() {
    let (mut c, _) = start();
    let small = "untitled:small";
    open(&mut c, small, "plaintext", "A reflection group met.");
    let big = "untitled:large";
    let text = "The coalition of wishes met in kyiv. ".repeat(5_000);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": big, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    // The lint thread works on the large document; the hover is answered first.
    let id = c.request_async(
        "textDocument/hover",
        json!({"textDocument": {"uri": small}, "position": {"line": 0, "character": 4}}),
    );
    let first = c.wait_for(|m| {
        m["id"] == id
            || (m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big)
    });
    assert_eq!(first["id"], id, "the hover waited for the large lint");
    assert!(first["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("demo/reflection-group"));
    let published = c.diagnostics(big, Some(1));
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 10_000);
}

#[test]
fn workspace_configuration_files_apply_and_are_reloaded_when_they_change() {
    let ws = tempfile::tempdir().unwrap();
    let packs = repo("tests/fixtures/packs");
    let config = ws.path().join("mtlint.yaml");
    std::fs::write(
        &config,
        format!("rules: [{}]\nignore: [demo/names]\n", packs.display()),
    )
    .unwrap();
    std::fs::create_dir(ws.path().join("docs")).unwrap();
    let doc = ws.path().join("docs/a.txt");
    std::fs::write(&doc, "The coalition of wishes met in kyiv.").unwrap();
    let mut c = Client::spawn(BIN, &["--no-builtin"]);
    c.request(
        "initialize",
        json!({"rootUri": file_uri(ws.path()), "capabilities": {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    c.notify("initialized", json!({}));
    // The server asks to be told about YAML files changing.
    let register = c.wait_for(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        register["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    c.send(&json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));
    let uri = file_uri(&doc);
    let text = std::fs::read_to_string(&doc).unwrap();
    let codes = |p: &Value| ranges(p).into_iter().map(|x| x.0).collect::<Vec<_>>();
    // The config file found above the document adds the demo pack and ignores names.
    let first = open(&mut c, &uri, "plaintext", &text);
    assert_eq!(codes(&first), ["demo/coalition-of-wishes"]);
    // Edited on disk: the client reports it and the document is linted again.
    std::fs::write(
        &config,
        format!("rules: [{}]\nselect: [casing]\n", packs.display()),
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), ["demo/names"]);
    // A broken config file is reported, and the last good rules stay in use.
    std::fs::write(&config, "select: [casing\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let shown = c.wait_for(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("mtlint.yaml"),
        "{shown}"
    );
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), ["demo/names"]);
}
