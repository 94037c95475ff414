//! A small blocking WebDriver client (W3C protocol over HTTP with ureq) for
//! browser tests: starts chromedriver on a free local port, opens headless
//! Chromium sessions and sends the few commands the tests need. The driver is
//! killed and the session closed when they are dropped, even when a test fails.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

/// The key W3C WebDriver uses for element references.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The first of `names` found on `PATH` (or as an absolute path).
pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        let direct = Path::new(name);
        if direct.is_absolute() {
            return direct.is_file().then(|| direct.to_path_buf());
        }
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A running chromedriver on a free local port; killed when dropped.
pub struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Driver {
    pub fn start(program: &Path) -> Driver {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build()
            .into();
        let driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            agent,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = driver
                .agent
                .get(format!("{}/status", driver.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|s| serde_json::from_str::<Value>(&s).ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                return driver;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends a WebDriver command; returns its `value`, panicking on an error.
    pub fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let response = match body {
            Some(b) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(b.to_string()),
            None if method == "DELETE" => self.agent.delete(&url).call(),
            None => self.agent.get(&url).call(),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let text = response.body_mut().read_to_string().unwrap();
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(status.is_success(), "{method} {path}: {status}: {text}");
        v["value"].clone()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser session; closed (and the browser quit) when dropped.
pub struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl<'a> Session<'a> {
    /// A new browser; with `javascript` false, pages run no script of their own
    /// (WebDriver's scripts still run, to inspect them).
    pub fn new(
        driver: &'a Driver,
        chromium: &Path,
        profile: &Path,
        javascript: bool,
    ) -> Session<'a> {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-dev-shm-usage",
                    "--no-first-run", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "profile.managed_default_content_settings.javascript":
                        if javascript { 1 } else { 2 },
                },
            },
        }}});
        let value = driver.send("POST", "/session", Some(caps));
        let id = value["sessionId"].as_str().expect("session id").to_string();
        Session { driver, id }
    }

    pub fn post(&self, path: &str, body: Value) -> Value {
        self.driver
            .send("POST", &format!("/session/{}{path}", self.id), Some(body))
    }

    pub fn get(&self, path: &str) -> Value {
        self.driver
            .send("GET", &format!("/session/{}{path}", self.id), None)
    }

    pub fn open(&self, file: &Path) {
        self.post("/url", json!({"url": format!("file://{}", file.display())}));
    }

    /// Runs `script` (a function body) in the page with `args`.
    pub fn run(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
    }

    pub fn element(&self, css: &str) -> Value {
        self.post("/element", json!({"using": "css selector", "value": css}))
    }

    /// Moves the mouse onto the element matched by `css` (its in-view centre).
    pub fn hover(&self, css: &str) {
        let element = self.element(css);
        self.post(
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": [{"type": "pointerMove", "duration": 0, "origin": element, "x": 0, "y": 0}]}]}),
        );
    }

    /// Presses and releases one key (a character or a WebDriver key code).
    pub fn press(&self, key: &str) {
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard",
                "actions": [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]}]}),
        );
    }

    pub fn click(&self, css: &str) {
        let element = self.element(css);
        let id = element[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {element}"));
        self.post(&format!("/element/{id}/click"), json!({}));
    }

    /// Moves the mouse to a point of the viewport.
    pub fn move_mouse_to(&self, x: i64, y: i64) {
        self.post(
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": [{"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y}]}]}),
        );
    }

    /// The page printed to PDF, backgrounds included.
    pub fn print_pdf(&self) -> Vec<u8> {
        let pdf = self.post("/print", json!({"background": true}));
        base64::engine::general_purpose::STANDARD
            .decode(pdf.as_str().expect("PDF data"))
            .unwrap()
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, to: &Path) {
        let png = self.get("/screenshot");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("screenshot data"))
            .unwrap();
        std::fs::write(to, bytes).unwrap();
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let url = format!("{}/session/{}", self.driver.base, self.id);
        let _ = self.driver.agent.delete(&url).call();
    }
}
