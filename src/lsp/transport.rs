//! JSON-RPC framing over a byte stream (stdin/stdout for `mtlint lsp`), built to
//! survive bad input.
//!
//! `lsp-server`'s own stdio transport ends the connection at the first malformed
//! message. This one answers a body that is not JSON with a `ParseError` and one
//! that is not a JSON-RPC message with an `InvalidRequest` (JSON-RPC 2.0 §5.1,
//! `id: null` when the id cannot be read), resynchronises on the next
//! `Content-Length` header after garbage, and keeps reading. Messages reach the
//! server through an unbounded channel, so it can see what is still queued.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{select, unbounded, Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{json, Value};

/// Threads that move messages between the stream and the [`Connection`].
pub struct IoThreads {
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits until every message sent so far is written (call after dropping the
    /// connection). The reader thread is not joined: it may be blocked on input
    /// that never comes.
    pub fn join(self) -> io::Result<()> {
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("LSP writer thread panicked")))
    }
}

/// A connection over stdin and stdout.
pub fn stdio() -> (Connection, IoThreads) {
    spawn(io::BufReader::new(io::stdin()), io::stdout())
}

/// A connection reading framed messages from `input` and writing them to `output`.
pub fn spawn(
    input: impl BufRead + Send + 'static,
    output: impl Write + Send + 'static,
) -> (Connection, IoThreads) {
    let (to_server, from_client) = unbounded::<Message>();
    let (to_client, from_server) = unbounded::<Message>();
    let (raw_tx, raw_rx) = unbounded::<Value>();
    thread::Builder::new()
        .name("mtlint-lsp-reader".into())
        .spawn(move || read_loop(input, &to_server, &raw_tx))
        .expect("spawn LSP reader thread");
    let writer = thread::Builder::new()
        .name("mtlint-lsp-writer".into())
        .spawn(move || write_loop(output, &from_server, &raw_rx))
        .expect("spawn LSP writer thread");
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        IoThreads { writer },
    )
}

fn write_loop(
    mut output: impl Write,
    messages: &Receiver<Message>,
    raw: &Receiver<Value>,
) -> io::Result<()> {
    loop {
        let result = select! {
            recv(messages) -> m => match m {
                Ok(m) => m.write(&mut output),
                Err(_) => {
                    // The server is done; write the transport's own answers still queued.
                    for v in raw.try_iter() {
                        write_raw(&mut output, &v)?;
                    }
                    return output.flush();
                }
            },
            recv(raw) -> v => match v {
                Ok(v) => write_raw(&mut output, &v),
                // The reader is gone; keep serving the server's messages.
                Err(_) => match messages.recv() {
                    Ok(m) => m.write(&mut output),
                    Err(_) => return output.flush(),
                },
            },
        };
        result?;
        output.flush()?;
    }
}

fn write_raw(output: &mut impl Write, value: &Value) -> io::Result<()> {
    let text = value.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())
}

/// What reading one frame gave.
enum Frame {
    /// A body of this many bytes follows.
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`.
    NoLength(String),
    /// End of input.
    Eof,
}

fn read_loop(mut input: impl BufRead, to_server: &Sender<Message>, raw: &Sender<Value>) {
    loop {
        let body = match read_frame(&mut input) {
            Ok(Frame::Body(b)) => b,
            Ok(Frame::NoLength(headers)) => {
                let _ = raw.send(error(
                    Value::Null,
                    ErrorCode::ParseError,
                    &format!("no Content-Length header in {headers:?}"),
                ));
                continue;
            }
            Ok(Frame::Eof) | Err(_) => return,
        };
        let value: Value = match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                let _ = raw.send(error(
                    Value::Null,
                    ErrorCode::ParseError,
                    &format!("message is not JSON: {e}"),
                ));
                continue;
            }
        };
        let id = value.get("id").cloned().unwrap_or(Value::Null);
        let message = match serde_json::from_value::<Message>(value) {
            Ok(m) => m,
            Err(e) => {
                let id = if id.is_number() || id.is_string() {
                    id
                } else {
                    Value::Null
                };
                let _ = raw.send(error(
                    id,
                    ErrorCode::InvalidRequest,
                    &format!("not a JSON-RPC request, response or notification: {e}"),
                ));
                continue;
            }
        };
        let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        if to_server.send(message).is_err() || exit {
            return;
        }
    }
}

/// Reads headers and the body they announce. Header lines are searched for
/// `Content-Length:` anywhere, so that the stream resynchronises after garbage.
fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut seen = String::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::Eof);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_some() || !seen.is_empty() {
                break;
            }
            // Blank lines between messages are harmless.
            continue;
        }
        if let Some(n) = content_length(text) {
            length = Some(n);
        }
        if seen.len() < 200 {
            seen.push_str(text);
            seen.push('\n');
        }
    }
    let Some(length) = length else {
        return Ok(Frame::NoLength(seen.trim_end().to_string()));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Frame::Body(body))
}

fn content_length(line: &str) -> Option<usize> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find("content-length:")?;
    line[at + "content-length:".len()..].trim().parse().ok()
}

fn error(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Feeds `input` to a transport; returns what reached the server and what the
    /// transport answered by itself.
    fn run(input: String) -> (Vec<Message>, String) {
        let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let (conn, threads) = spawn(io::Cursor::new(input.into_bytes()), Shared(out.clone()));
        let received: Vec<Message> = conn.receiver.iter().collect();
        drop(conn);
        threads.join().unwrap();
        let written = String::from_utf8(out.lock().unwrap().clone()).unwrap();
        (received, written)
    }

    #[test]
    fn bad_messages_get_errors_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7}"#),
            "garbage line\r\n\r\n".to_string(),
            frame(r#"[1,2]"#),
            "junk".to_string() + &frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"never read"}"#),
        ]
        .concat();
        let (received, written) = run(input);
        let methods: Vec<String> = received
            .iter()
            .map(|m| match m {
                Message::Request(r) => r.method.clone(),
                Message::Notification(n) => n.method.clone(),
                Message::Response(_) => "response".into(),
            })
            .collect();
        assert_eq!(methods, ["shutdown", "exit"]);
        let replies: Vec<Value> = written
            .split("Content-Length: ")
            .filter(|s| !s.is_empty())
            .map(|s| serde_json::from_str(s.split_once("\r\n\r\n").unwrap().1).unwrap())
            .collect();
        let codes: Vec<(Value, i64)> = replies
            .iter()
            .map(|r| (r["id"].clone(), r["error"]["code"].as_i64().unwrap()))
            .collect();
        assert_eq!(
            codes,
            [
                (Value::Null, -32700),
                (json!(7), -32600),
                (Value::Null, -32700),
                (Value::Null, -32600),
            ]
        );
    }

    #[test]
    fn content_length_is_found_case_insensitively() {
        assert_eq!(content_length("content-length: 12"), Some(12));
        assert_eq!(content_length("}{x Content-Length:3"), Some(3));
        assert_eq!(content_length("Content-Type: x"), None);
    }
}
