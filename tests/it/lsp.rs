//! The language server driven over real JSON-RPC, in-process over `tokio::io::duplex`.
//!
//! Every diagnostics assertion compares the server's list with `analysis::check` of the text
//! the test expects, converted with `LineIndex` exactly as `check --format json` does, so the
//! server's incremental path is checked against a from-scratch run. The client and these
//! helpers are `pub(crate)` for the other modules that talk to the server (`windows.rs`).

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ogi_lint::analysis::{self, Lang, Options};
use ogi_lint::line_index::{Encoding, LineIndex, Position};
use proptest::prelude::*;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

const TIMEOUT: Duration = Duration::from_secs(20);

/// Settings that check every document under a `reports/` folder, and publish at once.
pub(crate) fn test_settings() -> Value {
    json!({"include": ["**/reports/**"], "debounceMs": 0})
}

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut res: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    res.sort();
    res
}

pub(crate) fn report_uri(name: &str) -> String {
    format!("file:///ws/reports/{name}")
}

/// A client that answers the server's requests (`workspace/configuration` with `config`,
/// anything else with `null`) and queues everything else.
pub(crate) struct TestClient {
    out: mpsc::UnboundedSender<Value>,
    incoming: mpsc::UnboundedReceiver<Value>,
    backlog: VecDeque<Value>,
    next_id: i64,
    encoding: Encoding,
    init_result: Value,
    config: Arc<Mutex<Value>>,
    server_requests: Arc<Mutex<Vec<Value>>>,
    /// The last version published per URI, to check versions never go back.
    published: HashMap<String, i64>,
}

/// The capabilities a typical push client declares.
pub(crate) fn push_caps() -> Value {
    json!({
        "workspace": {"configuration": true, "workspaceEdit": {"documentChanges": true},
                      "didChangeWatchedFiles": {"dynamicRegistration": true}},
        "textDocument": {
            "completion": {"completionItem": {"snippetSupport": true}},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}
        }
    })
}

impl TestClient {
    pub(crate) async fn start(capabilities: Value, options: Value) -> TestClient {
        TestClient::start_in(capabilities, options, None).await
    }

    /// [`TestClient::start`] for an editor whose display language is `locale` (`zh-cn`,
    /// `en`), sent in `initialize` as VS Code sends it.
    pub(crate) async fn start_in(
        capabilities: Value,
        options: Value,
        locale: Option<&str>,
    ) -> TestClient {
        TestClient::start_full(capabilities, options, locale, None).await
    }

    /// [`TestClient::start`] with a workspace folder (`rootUri`).
    pub(crate) async fn start_in_folder(
        capabilities: Value,
        options: Value,
        root_uri: &str,
    ) -> TestClient {
        TestClient::start_full(capabilities, options, None, Some(root_uri)).await
    }

    async fn start_full(
        capabilities: Value,
        options: Value,
        locale: Option<&str>,
        root_uri: Option<&str>,
    ) -> TestClient {
        let (client_write, server_read) = tokio::io::duplex(1 << 16);
        let (server_write, client_read) = tokio::io::duplex(1 << 16);
        tokio::spawn(ogi_lint::server::serve(server_read, server_write));

        let (out, mut out_rx) = mpsc::unbounded_channel::<Value>();
        tokio::spawn(async move {
            let mut writer = client_write;
            while let Some(msg) = out_rx.recv().await {
                let body = serde_json::to_string(&msg).unwrap();
                let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
                if writer.write_all(frame.as_bytes()).await.is_err() {
                    break;
                }
            }
        });

        let config = Arc::new(Mutex::new(options.clone()));
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let (incoming_tx, incoming) = mpsc::unbounded_channel();
        {
            let out = out.clone();
            let config = config.clone();
            let server_requests = server_requests.clone();
            tokio::spawn(async move {
                let mut reader = BufReader::new(client_read);
                while let Some(msg) = read_message(&mut reader).await {
                    let is_request = msg.get("method").is_some() && msg.get("id").is_some();
                    if !is_request {
                        let _ = incoming_tx.send(msg);
                        continue;
                    }
                    server_requests.lock().unwrap().push(msg.clone());
                    let result = if msg["method"] == "workspace/configuration" {
                        let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                        let value = config.lock().unwrap().clone();
                        Value::Array(vec![value; n])
                    } else {
                        Value::Null
                    };
                    let _ = out.send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": result}));
                }
            });
        }

        let mut client = TestClient {
            out,
            incoming,
            backlog: VecDeque::new(),
            next_id: 0,
            encoding: Encoding::Utf16,
            init_result: Value::Null,
            config,
            server_requests,
            published: HashMap::new(),
        };
        let init = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "capabilities": capabilities,
                    "initializationOptions": options,
                    "locale": locale,
                }),
            )
            .await;
        client.encoding = match init["capabilities"]["positionEncoding"].as_str() {
            Some("utf-8") => Encoding::Utf8,
            _ => Encoding::Utf16,
        };
        client.init_result = init;
        client.notify("initialized", json!({}));
        client
    }

    pub(crate) fn notify(&self, method: &str, params: Value) {
        self.out
            .send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .unwrap();
    }

    async fn recv(&mut self) -> Value {
        tokio::time::timeout(TIMEOUT, self.incoming.recv())
            .await
            .expect("timed out waiting for the server")
            .expect("server closed the connection")
    }

    pub(crate) async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.out
            .send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .unwrap();
        loop {
            let msg = self.recv().await;
            if msg.get("method").is_none() && msg["id"] == json!(id) {
                assert!(msg.get("error").is_none(), "{method} failed: {msg}");
                return msg["result"].clone();
            }
            self.backlog.push_back(msg);
        }
    }

    /// The first notification (queued or arriving) that satisfies `pred`.
    pub(crate) async fn notification(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).unwrap();
        }
        loop {
            let msg = self.recv().await;
            if pred(&msg) {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    /// The `source.fixAll` code actions the server offers for `uri`.
    pub(crate) async fn fix_all_actions(&mut self, uri: &str) -> Vec<Value> {
        let actions = self
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri},
                       "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                       "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
            )
            .await;
        actions.as_array().cloned().unwrap_or_default()
    }

    /// The quick-fix code actions the server offers for `diagnostic` of `uri`.
    pub(crate) async fn quick_fixes(&mut self, uri: &str, diagnostic: &Value) -> Vec<Value> {
        let actions = self
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": diagnostic["range"],
                       "context": {"diagnostics": [diagnostic], "only": ["quickfix"]}}),
            )
            .await;
        actions.as_array().cloned().unwrap_or_default()
    }

    /// Waits for the diagnostics published for `uri` at `version` (`None`: the clearing on
    /// close), checking on the way that versions never go back.
    pub(crate) async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        loop {
            let msg = self
                .notification(|m| {
                    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
                })
                .await;
            let params = &msg["params"];
            let got = params["version"].as_i64();
            if got.is_none() {
                // Cleared on close: a reopened document starts its versions afresh.
                self.published.remove(uri);
            }
            if let Some(got) = got {
                let last = self.published.entry(uri.to_owned()).or_insert(got);
                assert!(got >= *last, "published version {got} after {last}");
                *last = got;
            }
            if got == version {
                return params["diagnostics"].as_array().unwrap().clone();
            }
            if let (Some(got), Some(want)) = (got, version) {
                assert!(got < want, "skipped past version {want} to {got}");
            }
        }
    }

    pub(crate) fn open(&self, uri: &str, language_id: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        );
    }

    pub(crate) fn change(&self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub(crate) async fn debug(&mut self, uri: &str) -> Value {
        self.request("ogiLint/debugDocument", json!({"uri": uri}))
            .await
    }

    pub(crate) async fn shutdown(mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null);
    }
}

async fn read_message<R: tokio::io::AsyncBufRead + Unpin>(reader: &mut R) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

fn position(text: &str, offset: usize, encoding: Encoding) -> Value {
    let p = LineIndex::new(text).position(text, offset, encoding);
    json!({"line": p.line, "character": p.character})
}

fn range(text: &str, start: usize, end: usize, encoding: Encoding) -> Value {
    json!({"start": position(text, start, encoding), "end": position(text, end, encoding)})
}

/// `check` of `text`, in the shape `check --format json` prints (without `file` and `fix`).
pub(crate) fn expected(text: &str, options: &Options, encoding: Encoding) -> Vec<Value> {
    analysis::check(text, options)
        .iter()
        .map(|d| {
            json!({
                "range": range(text, d.range.start, d.range.end, encoding),
                "severity": d.severity.as_lsp(),
                "code": d.code.as_str(),
                "source": "ogi-lint",
                "message": d.message,
            })
        })
        .collect()
}

/// The fields `check --format json` shares with LSP.
pub(crate) fn project(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| {
            json!({
                "range": d["range"],
                "severity": d["severity"],
                "code": d["code"],
                "source": d["source"],
                "message": d["message"],
            })
        })
        .collect()
}

fn lsp_offset(text: &str, pos: &Value, encoding: Encoding) -> usize {
    let position = Position {
        line: pos["line"].as_u64().unwrap() as u32,
        character: pos["character"].as_u64().unwrap() as u32,
    };
    LineIndex::new(text).offset(text, position, encoding)
}

/// Applies LSP `TextEdit`s (all relative to `text`) the way a client does.
pub(crate) fn apply_edits(text: &str, edits: &[Value], encoding: Encoding) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                lsp_offset(text, &e["range"]["start"], encoding),
                lsp_offset(text, &e["range"]["end"], encoding),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| (e.0, e.1));
    let mut res = text.to_owned();
    for (start, end, new_text) in edits.into_iter().rev() {
        res.replace_range(start..end, &new_text);
    }
    res
}

/// The edits of a code action's `WorkspaceEdit` for `uri`.
pub(crate) fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit["documentChanges"].as_array() {
        return changes
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().unwrap().clone())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn initialize_utf16_capabilities() {
    let client = TestClient::start(push_caps(), test_settings()).await;
    let caps = &client.init_result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["inlayHintProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert!(caps["completionProvider"]["triggerCharacters"].is_array());
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.ogi-lint"])
    );
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "push client: no pull"
    );
    assert_eq!(client.init_result["serverInfo"]["name"], "ogi-lint");
    client.shutdown().await;
}

#[tokio::test]
async fn initialize_negotiates_utf8() {
    let mut caps = push_caps();
    caps["general"] = json!({"positionEncodings": ["utf-8", "utf-16", "utf-32"]});
    let client = TestClient::start(caps, test_settings()).await;
    assert_eq!(
        client.init_result["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let mut caps = push_caps();
    caps["general"] = json!({"positionEncodings": ["utf-32", "utf-16"]});
    let other = TestClient::start(caps, test_settings()).await;
    assert_eq!(
        other.init_result["capabilities"]["positionEncoding"],
        "utf-16"
    );
    client.shutdown().await;
    other.shutdown().await;
}

#[tokio::test]
async fn registers_config_watcher() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    // A request round trip makes sure `initialized` has run.
    client.debug("file:///nothing.md").await;
    let requests = client.server_requests.lock().unwrap().clone();
    let registration = requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("a registration");
    let text = registration["params"].to_string();
    assert!(text.contains("workspace/didChangeWatchedFiles"), "{text}");
    assert!(text.contains("**/ogi-lint.toml"), "{text}");
    assert!(requests
        .iter()
        .any(|r| r["method"] == "workspace/configuration"
            && r["params"]["items"][0]["section"] == "ogiLint"));
    client.shutdown().await;
}

/// Every fixture through the server and through `check`: the same list (the issue's parity
/// test), in UTF-16 and in UTF-8.
#[tokio::test]
async fn every_fixture_matches_check() {
    for utf8 in [false, true] {
        let mut caps = push_caps();
        if utf8 {
            caps["general"] = json!({"positionEncodings": ["utf-8"]});
        }
        let mut client = TestClient::start(caps, test_settings()).await;
        for (name, text) in corpus() {
            let uri = report_uri(&name);
            client.open(&uri, "plaintext", &text, 1);
            let got = client.diagnostics(&uri, Some(1)).await;
            assert_eq!(
                project(&got),
                expected(&text, &Options::default(), client.encoding),
                "{name}"
            );
            for d in &got {
                let code = d["code"].as_str().unwrap();
                assert_eq!(
                    d["codeDescription"]["href"],
                    format!("https://github.com/ogi-lint/ogi-lint/blob/main/docs/rules/{code}.md")
                );
            }
            assert_eq!(client.debug(&uri).await["checked"], true);
        }
        client.shutdown().await;
    }
}

/// Computes one edit `(start, end, new text)` in byte offsets of the current text.
type Step = Box<dyn Fn(&str) -> (usize, usize, String)>;

#[tokio::test]
async fn incremental_edits_with_cjk_emoji_and_crlf() {
    for utf8 in [false, true] {
        let mut caps = push_caps();
        if utf8 {
            caps["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
        }
        let mut client = TestClient::start(caps, test_settings()).await;
        let enc = client.encoding;
        let uri = report_uri("edits.md");
        let mut text =
            "# 2021年政府信息公开工作年度报告\r\n一、总体情况\r\n😀报告\r\n| 规章 | 0 | 0 |\r\n"
                .to_owned();
        client.open(&uri, "markdown", &text, 1);
        client.diagnostics(&uri, Some(1)).await;
        let mut version = 1;
        // Each step computes (start, end, new text) as byte offsets into the current text.
        let steps: Vec<Step> = vec![
            Box::new(|t| {
                let at = t.find("报告\r\n|").unwrap();
                (at, at, "年度".to_owned())
            }),
            Box::new(|t| {
                let at = t.find("| 0 |").unwrap() + 2;
                (at, at + 1, "12".to_owned())
            }),
            Box::new(|t| {
                let at = t.find("\r\n一").unwrap();
                (at, at + 2, String::new())
            }),
            Box::new(|t| (t.len(), t.len(), "👍\r".to_owned())),
            Box::new(|t| {
                let at = t.find("😀").unwrap();
                (at, at + "😀".len(), String::new())
            }),
            Box::new(|t| {
                let at = t.find("规章").unwrap();
                (at, at + "规章".len(), "行政规范性文件".to_owned())
            }),
        ];
        for step in steps {
            let (start, end, new_text) = step(&text);
            version += 1;
            client.change(
                &uri,
                version,
                json!([{"range": range(&text, start, end, enc), "text": new_text}]),
            );
            text.replace_range(start..end, &new_text);
            let got = client.diagnostics(&uri, Some(version)).await;
            assert_eq!(project(&got), expected(&text, &Options::default(), enc));
            assert_eq!(client.debug(&uri).await["text"], text.as_str());
        }
        // Several changes in one notification, each applied to the previous result.
        let first = (0, 0, "前".to_owned());
        let mut after = text.clone();
        after.replace_range(first.0..first.1, &first.2);
        let second_at = after.len();
        let changes = json!([
            {"range": range(&text, first.0, first.1, enc), "text": first.2},
            {"range": range(&after, second_at, second_at, enc), "text": "\n末"},
        ]);
        after.push_str("\n末");
        version += 1;
        client.change(&uri, version, changes);
        let got = client.diagnostics(&uri, Some(version)).await;
        assert_eq!(project(&got), expected(&after, &Options::default(), enc));
        assert_eq!(client.debug(&uri).await["text"], after.as_str());
        client.shutdown().await;
    }
}

#[tokio::test]
async fn out_of_range_positions_are_clamped() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let uri = report_uri("clamp.md");
    client.open(&uri, "markdown", "报😀告\r\nab", 1);
    // A column past the end of line 0, inside the surrogate pair, and a line past the end.
    client.change(
        &uri,
        2,
        json!([
            {"range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 99}}, "text": "!"},
            {"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 2}}, "text": "[x]"},
            {"range": {"start": {"line": 40, "character": 3}, "end": {"line": 7, "character": 0}}, "text": "$"},
            {"range": {"start": {"line": 1, "character": 1}, "end": {"line": 0, "character": 0}}, "text": "~"},
        ]),
    );
    let text = "报[x]😀告!\r\na~b$";
    let got = client.diagnostics(&uri, Some(2)).await;
    assert_eq!(
        project(&got),
        expected(text, &Options::default(), Encoding::Utf16)
    );
    assert_eq!(client.debug(&uri).await["text"], text);
    // A stale version is ignored, and the server still answers.
    client.change(&uri, 2, json!([{"text": "replaced"}]));
    assert_eq!(client.debug(&uri).await["text"], text);
    // A change for a document never opened does nothing.
    client.change("file:///ws/reports/never.md", 5, json!([{"text": "x"}]));
    assert_eq!(
        client.debug("file:///ws/reports/never.md").await,
        Value::Null
    );
    client.shutdown().await;
}

/// Edits sent back to back, without waiting, apply in arrival order on a multi-threaded
/// runtime (tower-lsp runs handlers concurrently: issue #284).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn edits_apply_in_arrival_order() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let uri = report_uri("order.md");
    client.open(&uri, "markdown", "", 1);
    let mut text = String::new();
    for i in 0..500 {
        let piece = ["报", "😀", "\r\n", "1", "|"][i % 5];
        let end = position(&text, text.len(), Encoding::Utf16);
        client.change(
            &uri,
            i as i64 + 2,
            json!([{"range": {"start": end, "end": end}, "text": piece}]),
        );
        text.push_str(piece);
        if i % 97 == 0 {
            // Requests interleaved with the notifications.
            client
                .request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
                )
                .await;
        }
    }
    let got = client.diagnostics(&uri, Some(501)).await;
    assert_eq!(client.debug(&uri).await["text"], text.as_str());
    assert_eq!(
        project(&got),
        expected(&text, &Options::default(), Encoding::Utf16)
    );
    // Requests on a document that is not open answer `null`.
    for method in ["textDocument/hover", "textDocument/completion"] {
        let res = client
            .request(
                method,
                json!({"textDocument": {"uri": "file:///nope.md"}, "position": {"line": 0, "character": 0}}),
            )
            .await;
        assert_eq!(res, Value::Null);
    }
    client.shutdown().await;
}

#[tokio::test]
async fn non_report_markdown_gets_nothing() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let uri = "file:///ws/notes/readme.md";
    client.open(
        uri,
        "markdown",
        "# Notes\n\n| a | 1 |\n|---|---|\n| 总计 | 5 |\n",
        1,
    );
    assert_eq!(client.diagnostics(uri, Some(1)).await, Vec::<Value>::new());
    assert_eq!(client.debug(uri).await["checked"], false);
    // Another language id is never checked, even under reports/.
    let rust = report_uri("main.rs");
    client.open(&rust, "rust", "fn main() {}", 1);
    assert_eq!(
        client.diagnostics(&rust, Some(1)).await,
        Vec::<Value>::new()
    );
    assert_eq!(client.debug(&rust).await["checked"], false);
    client.shutdown().await;
}

#[tokio::test]
async fn a_document_becomes_a_report_as_the_writer_types() {
    let mut client = TestClient::start(push_caps(), json!({"debounceMs": 0})).await;
    let (name, report) = corpus().remove(3);
    let uri = format!("file:///ws/drafts/{name}");
    client.open(&uri, "plaintext", "", 1);
    client.diagnostics(&uri, Some(1)).await;
    client.change(&uri, 2, json!([{"text": report}]));
    // Whether the text is a report is the core's call; the server follows it.
    let checked = client.debug(&uri).await["checked"].as_bool().unwrap();
    assert_eq!(checked, analysis::looks_like_report(&report));
    if checked {
        let got = client.diagnostics(&uri, Some(2)).await;
        assert_eq!(
            project(&got),
            expected(&report, &Options::default(), Encoding::Utf16)
        );
    }
    client.shutdown().await;
}

#[tokio::test]
async fn close_clears_diagnostics() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let (name, text) = corpus().remove(0);
    let uri = report_uri(&name);
    client.open(&uri, "plaintext", &text, 1);
    client.diagnostics(&uri, Some(1)).await;
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri, None).await, Vec::<Value>::new());
    assert_eq!(client.debug(&uri).await, Value::Null);
    // Reopened with a lower version: published again.
    client.open(&uri, "plaintext", &text, 0);
    let got = client.diagnostics(&uri, Some(0)).await;
    assert_eq!(
        project(&got),
        expected(&text, &Options::default(), Encoding::Utf16)
    );
    client.shutdown().await;
}

#[tokio::test]
async fn pull_diagnostics_when_declared() {
    let mut caps = push_caps();
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    let mut client = TestClient::start(caps, test_settings()).await;
    assert_eq!(
        client.init_result["capabilities"]["diagnosticProvider"]["identifier"],
        "ogi-lint"
    );
    for (name, text) in corpus() {
        let uri = report_uri(&name);
        client.open(&uri, "plaintext", &text, 1);
        let report = client
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        assert_eq!(report["kind"], "full");
        assert_eq!(report["resultId"], "1");
        assert_eq!(
            project(report["items"].as_array().unwrap()),
            expected(&text, &Options::default(), Encoding::Utf16),
            "{name}"
        );
    }
    // Nothing was pushed.
    tokio::time::sleep(Duration::from_millis(50)).await;
    while let Ok(msg) = client.incoming.try_recv() {
        client.backlog.push_back(msg);
    }
    assert!(
        !client
            .backlog
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "pull client got pushed diagnostics"
    );
    client.shutdown().await;
}

/// Each quick fix's edit, applied to the text, removes its diagnostic and adds none.
#[tokio::test]
async fn quick_fixes_round_trip() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    for (name, text) in corpus() {
        let uri = report_uri(&name);
        client.open(&uri, "plaintext", &text, 1);
        let diagnostics = client.diagnostics(&uri, Some(1)).await;
        let mut first_fix: Option<Vec<Value>> = None;
        for diag in diagnostics.iter().filter(|d| !d["data"].is_null()).take(8) {
            let actions = client.quick_fixes(&uri, diag).await;
            let fix = actions
                .iter()
                .find(|a| !a["title"].as_str().unwrap().starts_with("Disable"))
                .expect("a quick fix for a diagnostic with fix data")
                .clone();
            assert_eq!(fix["kind"], "quickfix");
            let edits = action_edits(&fix, &uri);
            let fixed = apply_edits(&text, &edits, Encoding::Utf16);
            let keys = |t: &str| -> Vec<(Value, Value)> {
                expected(t, &Options::default(), Encoding::Utf16)
                    .into_iter()
                    .map(|d| (d["code"].clone(), d["message"].clone()))
                    .collect()
            };
            let (before, after) = (keys(&text), keys(&fixed));
            let key = (diag["code"].clone(), diag["message"].clone());
            let count = |list: &[(Value, Value)]| list.iter().filter(|k| **k == key).count();
            assert!(count(&after) < count(&before), "{name}: {key:?} stays");
            for k in &after {
                assert!(before.contains(k), "{name}: fixing {key:?} brought {k:?}");
            }
            first_fix.get_or_insert(edits);
        }
        // The server agrees once a fix is sent back as an edit.
        if let Some(edits) = first_fix {
            let mut sorted = edits.clone();
            sorted.sort_by_key(|e| {
                std::cmp::Reverse(lsp_offset(&text, &e["range"]["start"], Encoding::Utf16))
            });
            let changes: Vec<Value> = sorted
                .iter()
                .map(|e| json!({"range": e["range"], "text": e["newText"]}))
                .collect();
            client.change(&uri, 2, Value::Array(changes));
            let fixed = apply_edits(&text, &edits, Encoding::Utf16);
            let got = client.diagnostics(&uri, Some(2)).await;
            assert_eq!(
                project(&got),
                expected(&fixed, &Options::default(), Encoding::Utf16)
            );
        }
    }
    client.shutdown().await;
}

/// The fix travels in `data`: a code action needs nothing but the diagnostic the client sends
/// back, and a fix computed for another version is never offered.
#[tokio::test]
async fn quick_fix_from_data_and_disable_comment() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let uri = report_uri("crlf.md");
    let text = "一、总体情况\r\n  | （七）总计 | 3 |\r\n";
    client.open(&uri, "markdown", text, 4);
    client.diagnostics(&uri, Some(4)).await;
    let value_at = text.find("3 |").unwrap();
    let diag = json!({
        "range": range(text, value_at, value_at + 1, Encoding::Utf16),
        "severity": 1, "code": "total-mismatch", "source": "ogi-lint",
        "message": "总计 is 3 but the parts add up to 2",
        "data": {"version": 4, "fix": {"title": "Replace with 2", "safe": true,
                 "edits": [{"range": range(text, value_at, value_at + 1, Encoding::Utf16), "newText": "2"}]}}
    });
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
        )
        .await;
    let actions = actions.as_array().unwrap().clone();
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Replace with 2")
        .unwrap();
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(
        fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        4
    );
    assert_eq!(
        apply_edits(text, &action_edits(fix, &uri), Encoding::Utf16),
        "一、总体情况\r\n  | （七）总计 | 2 |\r\n"
    );
    let disable = actions
        .iter()
        .find(|a| a["title"] == "在这一行关闭 total-mismatch 检查")
        .unwrap();
    assert_eq!(
        apply_edits(text, &action_edits(disable, &uri), Encoding::Utf16),
        "一、总体情况\r\n  <!-- ogi-lint-disable-next-line total-mismatch -->\r\n  | （七）总计 | 3 |\r\n"
    );
    // Stale data (version 3): no quick fix from it; the disable action remains.
    let mut stale = diag.clone();
    stale["data"]["version"] = json!(3);
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [stale]}}),
        )
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(!titles.contains(&"Replace with 2"), "{titles:?}");
    assert!(titles.contains(&"在这一行关闭 total-mismatch 检查"));
    client.shutdown().await;
}

/// `narrative-mismatch`: the editor offers replacing the prose's figure as a quick fix, and
/// fix-all (the one engine, safe fixes only) offers nothing for it.
#[tokio::test]
async fn a_prose_figure_is_a_quick_fix_and_never_fixed_by_fix_all() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/narrative-mismatch.md");
    let text = std::fs::read_to_string(path).unwrap();
    let uri = report_uri("narrative-mismatch.md");
    client.open(&uri, "markdown", &text, 1);
    let diagnostics = client.diagnostics(&uri, Some(1)).await;
    let narrative: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "narrative-mismatch")
        .collect();
    assert_eq!(narrative.len(), 3, "{diagnostics:?}");
    let diag = narrative[0];
    let actions = client.quick_fixes(&uri, diag).await;
    let fix = actions
        .iter()
        .find(|a| a["title"] == "改为“2”")
        .unwrap_or_else(|| panic!("no quick fix: {actions:?}"))
        .clone();
    let fixed = apply_edits(&text, &action_edits(&fix, &uri), Encoding::Utf16);
    assert!(fixed.contains("无法提供2件，不予处理两件"), "{fixed}");
    let actions = client.fix_all_actions(&uri).await;
    let edits: Vec<Value> = actions.iter().flat_map(|a| action_edits(a, &uri)).collect();
    assert_eq!(apply_edits(&text, &edits, Encoding::Utf16), text);
    client.shutdown().await;
}

#[tokio::test]
async fn fix_all_applies_safe_fixes() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    for (name, text) in corpus() {
        let uri = report_uri(&name);
        client.open(&uri, "plaintext", &text, 1);
        client.diagnostics(&uri, Some(1)).await;
        let actions = client.fix_all_actions(&uri).await;
        let safe_fixes = analysis::check(&text, &Options::default())
            .into_iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.safe))
            .count();
        let Some(action) = actions.first() else {
            assert_eq!(safe_fixes, 0, "{name}: no fixAll action");
            continue;
        };
        assert_eq!(action["kind"], "source.fixAll.ogi-lint");
        let fixed = apply_edits(&text, &action_edits(action, &uri), Encoding::Utf16);
        let left = analysis::check(&fixed, &Options::default())
            .into_iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.safe))
            .count();
        assert!(left < safe_fixes, "{name}: fixAll fixed nothing");
    }
    client.shutdown().await;
}

/// Hover, symbols, completion and inlay hints on every fixture: they answer, and every range
/// they return lies in the document.
#[tokio::test]
async fn navigation_requests_on_corpus() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    for (name, text) in corpus() {
        let uri = report_uri(&name);
        let index = LineIndex::new(&text);
        let n_lines = index.line_count() as u64;
        let in_doc = |r: &Value| {
            r["start"]["line"].as_u64().unwrap() < n_lines
                && r["end"]["line"].as_u64().unwrap() < n_lines
                && (
                    r["start"]["line"].as_u64(),
                    r["start"]["character"].as_u64(),
                ) <= (r["end"]["line"].as_u64(), r["end"]["character"].as_u64())
        };
        client.open(&uri, "plaintext", &text, 1);
        client.diagnostics(&uri, Some(1)).await;
        let symbols = client
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        fn walk(symbols: &Value, check: &dyn Fn(&Value) -> bool) {
            for s in symbols.as_array().into_iter().flatten() {
                assert!(check(&s["range"]) && check(&s["selectionRange"]), "{s}");
                walk(&s["children"], check);
            }
        }
        walk(&symbols, &in_doc);
        let hints = client
            .request(
                "textDocument/inlayHint",
                json!({"textDocument": {"uri": uri}, "range": range(&text, 0, text.len(), Encoding::Utf16)}),
            )
            .await;
        for hint in hints.as_array().into_iter().flatten() {
            assert!(hint["position"]["line"].as_u64().unwrap() < n_lines);
            assert!(!hint["label"].as_str().unwrap_or("x").is_empty());
        }
        // Hover on a few value cells and labels; completion at a few line starts.
        let digits: Vec<usize> = text
            .match_indices(|c: char| c.is_ascii_digit())
            .map(|(i, _)| i)
            .step_by(97)
            .take(10)
            .collect();
        for at in digits {
            let hover = client
                .request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": position(&text, at, Encoding::Utf16)}),
                )
                .await;
            if !hover.is_null() {
                assert_eq!(hover["contents"]["kind"], "markdown");
                assert!(in_doc(&hover["range"]));
            }
        }
        for line in (0..index.line_count()).step_by(53).take(5) {
            let completion = client
                .request(
                    "textDocument/completion",
                    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 0}}),
                )
                .await;
            for item in completion.as_array().into_iter().flatten() {
                assert!(in_doc(&item["textEdit"]["range"]), "{item}");
            }
        }
    }
    client.shutdown().await;
}

#[tokio::test]
async fn settings_errors_are_shown_and_the_server_keeps_serving() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    *client.config.lock().unwrap() = json!({"include": ["**/reports/**"], "debounceMs": 0, "edition": "1999", "severity": {"no-such-rule": "error"}});
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let message = client
        .notification(|m| m["method"] == "window/showMessage")
        .await;
    assert_eq!(message["params"]["type"], 1);
    let (name, text) = corpus().remove(2);
    let uri = report_uri(&name);
    client.open(&uri, "plaintext", &text, 1);
    let got = client.diagnostics(&uri, Some(1)).await;
    assert_eq!(
        project(&got),
        expected(&text, &Options::default(), Encoding::Utf16)
    );
    client.shutdown().await;
}

#[tokio::test]
async fn severity_settings_apply_without_restart() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let (name, text) = corpus().remove(1);
    let uri = report_uri(&name);
    client.open(&uri, "plaintext", &text, 1);
    client.diagnostics(&uri, Some(1)).await;
    let settings = json!({"include": ["**/reports/**"], "debounceMs": 0, "edition": "2019",
                          "severity": {"total-mismatch": "off", "unknown-row": "error"}});
    *client.config.lock().unwrap() = settings;
    client.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    // Republished at the same version with the new options.
    let got = client.diagnostics(&uri, Some(1)).await;
    let mut options = Options {
        edition: Some(analysis::Edition::E2019),
        ..Options::default()
    };
    options
        .severity
        .insert(analysis::RuleCode::TotalMismatch, None);
    options.severity.insert(
        analysis::RuleCode::UnknownRow,
        Some(analysis::Severity::Error),
    );
    assert_eq!(project(&got), expected(&text, &options, Encoding::Utf16));
    client.shutdown().await;
}

/// A client without `workspace/configuration` pushes its settings with the notification.
#[tokio::test]
async fn pushed_settings_without_configuration_support() {
    let mut client = TestClient::start(json!({}), json!({"debounceMs": 0})).await;
    let uri = "file:///ws/drafts/a.md";
    client.open(uri, "markdown", "# draft\n", 1);
    client.diagnostics(uri, Some(1)).await;
    assert_eq!(client.debug(uri).await["checked"], false);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ogiLint": {"include": ["**/drafts/*.md"], "debounceMs": 0}}}),
    );
    let got = client.diagnostics(uri, Some(1)).await;
    assert_eq!(
        project(&got),
        expected("# draft\n", &Options::default(), Encoding::Utf16)
    );
    assert_eq!(client.debug(uri).await["checked"], true);
    assert!(client.server_requests.lock().unwrap().is_empty());
    client.shutdown().await;
}

/// `ogi-lint.toml` next to the document decides which documents are checked, and a change to
/// it applies without restart.
#[tokio::test]
async fn config_file_changes_apply_without_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("ogi-lint.toml");
    std::fs::write(&config, "include = [\"drafts/*.md\"]\n").unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    let doc_path = dir.path().join("drafts/a.md");
    let uri = format!("file://{}", doc_path.display());
    let mut client = TestClient::start(push_caps(), json!({"debounceMs": 0})).await;
    client.open(&uri, "markdown", "# draft\n", 1);
    assert_eq!(client.debug(&uri).await["checked"], true);
    std::fs::write(&config, "exclude = [\"drafts/**\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", config.display()), "type": 2}]}),
    );
    // The reload is asynchronous; poll until it has applied.
    let mut checked = true;
    for _ in 0..100 {
        checked = client.debug(&uri).await["checked"].as_bool().unwrap();
        if !checked {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(!checked, "exclude in ogi-lint.toml not applied");
    // A broken file is reported, never a crash.
    std::fs::write(&config, "include = [").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": []}));
    let message = client
        .notification(|m| m["method"] == "window/showMessage")
        .await;
    assert!(message["params"]["message"]
        .as_str()
        .unwrap()
        .contains("ogi-lint.toml"));
    assert_eq!(client.debug(&uri).await["version"], 1);
    client.shutdown().await;
}

/// A burst of edits with a debounce is published once per burst at its last version, and a
/// version is never published after a newer one.
/// Default settings: no debounce. A burst sent faster than the server checks is still
/// published in version order, ends with the newest version, and is never a queue of stale
/// results: at most one publication per edit, the last one correct.
#[tokio::test]
async fn no_debounce_by_default_and_a_burst_ends_on_the_newest_version() {
    let mut client = TestClient::start(push_caps(), json!({"include": ["**/reports/**"]})).await;
    let (name, mut text) = corpus().remove(3);
    let uri = report_uri(&name);
    client.open(&uri, "plaintext", &text, 1);
    client.diagnostics(&uri, Some(1)).await;
    let at =
        text.find("[bookmark: Field_2_3_3_2_1]0").unwrap() + "[bookmark: Field_2_3_3_2_1]".len();
    let edits = 300;
    for i in 0..edits {
        let digit = ["1", "2", "3", "0"][i % 4];
        client.change(
            &uri,
            i as i64 + 2,
            json!([{"range": range(&text, at, at + 1, Encoding::Utf16), "text": digit}]),
        );
        text.replace_range(at..at + 1, digit);
    }
    let last = edits as i64 + 1;
    let mut publishes = 0;
    let mut previous = 1;
    let got = loop {
        let msg = client
            .notification(|m| m["method"] == "textDocument/publishDiagnostics")
            .await;
        publishes += 1;
        let version = msg["params"]["version"].as_i64().unwrap();
        assert!(
            version >= previous && version <= last,
            "version {version} after {previous}"
        );
        previous = version;
        if version == last {
            break msg["params"]["diagnostics"].as_array().unwrap().clone();
        }
    };
    assert_eq!(
        project(&got),
        expected(&text, &Options::default(), Encoding::Utf16)
    );
    // At most one per edit (and one more for the settings the client answers at start).
    assert!(
        publishes <= edits + 1,
        "{publishes} publications for {edits} edits"
    );
    client.shutdown().await;
}

#[tokio::test]
async fn debounce_coalesces_bursts() {
    let mut client = TestClient::start(
        push_caps(),
        json!({"include": ["**/reports/**"], "debounceMs": 40}),
    )
    .await;
    client.debug("file:///x").await;
    let (name, mut text) = corpus().remove(3);
    let uri = report_uri(&name);
    client.open(&uri, "plaintext", &text, 1);
    client.diagnostics(&uri, Some(1)).await;
    let at =
        text.find("[bookmark: Field_2_3_3_2_1]0").unwrap() + "[bookmark: Field_2_3_3_2_1]".len();
    for (i, digit) in ["1", "2", "3", "4", "5"].iter().enumerate() {
        let version = i as i64 + 2;
        client.change(
            &uri,
            version,
            json!([{"range": range(&text, at, at + 1, Encoding::Utf16), "text": digit}]),
        );
        text.replace_range(at..at + 1, digit);
    }
    let mut publishes = 0;
    let got = loop {
        let msg = client
            .notification(|m| m["method"] == "textDocument/publishDiagnostics")
            .await;
        publishes += 1;
        let version = msg["params"]["version"].as_i64().unwrap();
        assert!((2..=6).contains(&version), "version {version}");
        if version == 6 {
            break msg["params"]["diagnostics"].as_array().unwrap().clone();
        }
    };
    assert_eq!(
        project(&got),
        expected(&text, &Options::default(), Encoding::Utf16)
    );
    assert!(publishes < 5, "{publishes} publications for one burst");
    client.shutdown().await;
}

/// A single-digit edit in a table cell of a long document re-parses only the blocks it
/// touches (meaningful once the core parses incrementally; the stub parses none).
#[tokio::test]
async fn a_cell_edit_reparses_few_blocks() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let (_, report) = corpus().remove(3);
    let mut text = report.clone();
    while text.len() < 300_000 {
        text.push_str("\n\n其他说明。本段为长文档填充文字，用于测试增量解析。\n\n");
        text.push_str(&report);
    }
    let uri = report_uri("long.txt");
    client.open(&uri, "plaintext", &text, 1);
    client.diagnostics(&uri, Some(1)).await;
    let cell = "[bookmark: Field_2_3_3_2_1]0";
    let at = text.find(cell).unwrap() + cell.len() - 1;
    for (version, digit) in [(2, "1"), (3, "0"), (4, "7")] {
        client.change(
            &uri,
            version,
            json!([{"range": range(&text, at, at + 1, Encoding::Utf16), "text": digit}]),
        );
        text.replace_range(at..at + 1, digit);
        client.diagnostics(&uri, Some(version)).await;
        let debug = client.debug(&uri).await;
        assert_eq!(debug["version"], version);
        let reparsed = debug["reparsedBlocks"].as_u64().unwrap();
        assert!(
            reparsed <= 3,
            "a one-digit edit re-parsed {reparsed} blocks"
        );
    }
    client.shutdown().await;
}

// Random edit scripts: the server's text equals the script applied to a `String`, and its
// diagnostics equal a from-scratch check.

/// One random edit: where (a char index, scaled), how many chars to delete, what to insert,
/// and whether it shares a notification with the next edit.
type RandomEdit = (usize, usize, String, bool);

fn random_edit() -> impl Strategy<Value = RandomEdit> {
    (
        0usize..10_000,
        prop_oneof![3 => 0usize..3, 1 => 0usize..40],
        "[0-9a|\t 报告（一）😀𝄞\r\n]{0,6}",
        any::<bool>(),
    )
}

/// The byte offset of char `n` (clamped), moved off the middle of a CRLF, where no LSP
/// position can point.
fn char_offset(text: &str, n: usize) -> usize {
    let mut offset = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
        offset -= 1;
    }
    offset
}

fn run_script(initial: &str, edits: &[RandomEdit]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut client = TestClient::start(push_caps(), test_settings()).await;
        let uri = report_uri("random.md");
        let mut text = initial.to_owned();
        client.open(&uri, "markdown", &text, 1);
        let mut version = 1;
        let mut batch = Vec::new();
        for (i, (at, delete, insert, batched)) in edits.iter().enumerate() {
            let n_chars = text.chars().count();
            let start_char = at % (n_chars + 1);
            let start = char_offset(&text, start_char);
            let end = char_offset(&text, start_char + delete).max(start);
            batch.push(json!({"range": range(&text, start, end, Encoding::Utf16), "text": insert}));
            text.replace_range(start..end, insert);
            if !batched || i + 1 == edits.len() {
                version += 1;
                client.change(&uri, version, Value::Array(std::mem::take(&mut batch)));
            }
        }
        let got = client.diagnostics(&uri, Some(version)).await;
        let debug = client.debug(&uri).await;
        assert_eq!(debug["text"], text.as_str());
        assert_eq!(
            project(&got),
            expected(&text, &Options::default(), Encoding::Utf16)
        );
        client.shutdown().await;
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_edit_scripts(edits in prop::collection::vec(random_edit(), 1..24)) {
        let initial = "# 2021年政府信息公开工作年度报告\r\n\
            一、总体情况\n😀 报告正文。\r\n\
            | 第二十条第（一）项 | 0 | 1 |\n\
            |---|---|---|\n\
            | 规章 | 2 | 3 |\r\n\
            \t（一）予以公开\t0\t1\r\
            末行";
        run_script(initial, &edits);
    }
}

/// Every fixture file through the real binary (`ogi-lint check --format json`) and through
/// the server: the two lists are identical (README: "one document gives the same list
/// both ways").
#[tokio::test]
async fn every_fixture_the_binary_and_the_server_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures/corpus",
        "tests/fixtures/forms",
        "tests/fixtures/minimal",
        "examples",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files.sort();
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    for path in files {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ogi-lint"))
            .args(["check", "--lang", "zh", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let from_cli: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
        // Editors drop a BOM before handing the text to the server, as the CLI does.
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        // A URI is ASCII: percent-encode the Chinese file names.
        let name: String = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let uri = report_uri(&name);
        client.open(&uri, "markdown", text, 1);
        let from_server = client.diagnostics(&uri, Some(1)).await;
        assert_eq!(
            project(&from_server),
            project(&from_cli),
            "{}",
            path.display()
        );
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    client.shutdown().await;
}

/// A client that sends a raw (not percent-encoded) URI gets told why its document is ignored,
/// and the server goes on serving the other documents.
#[tokio::test]
async fn an_unreadable_document_uri_is_reported_not_silently_dropped() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let (_, text) = corpus().remove(0);
    client.open("file:///ws/reports/年度 报告.md", "markdown", &text, 1);
    let message = client
        .notification(|m| m["method"] == "window/logMessage")
        .await;
    let said = message["params"]["message"].as_str().unwrap_or_default();
    assert!(
        said.contains("textDocument/didOpen") && said.contains("percent-encoded"),
        "{message}"
    );
    assert_eq!(message["params"]["type"], 2, "a warning: {message}");
    let uri = report_uri("ok.md");
    client.open(&uri, "markdown", &text, 1);
    client.diagnostics(&uri, Some(1)).await;
    assert_eq!(client.debug(&uri).await["checked"], true);
    client.shutdown().await;
}

/// The server speaks the editor's display language (`locale` in `initialize`): `zh-cn` and
/// an unknown or missing locale give Chinese, `en` English; the `language` setting overrides
/// it, and changing it re-renders the same findings.
#[tokio::test]
async fn messages_follow_the_locale_unless_the_language_setting_says_otherwise() {
    let (name, text) = corpus().remove(2);
    let uri = report_uri(&name);
    let in_lang = |language| Options {
        language,
        ..Options::default()
    };
    for (locale, lang) in [
        (Some("zh-cn"), Lang::Zh),
        (Some("en"), Lang::En),
        (Some("en-us"), Lang::En),
        (Some("fr"), Lang::Zh),
        (None, Lang::Zh),
    ] {
        let mut client = TestClient::start_in(push_caps(), test_settings(), locale).await;
        client.open(&uri, "plaintext", &text, 1);
        let got = client.diagnostics(&uri, Some(1)).await;
        assert_eq!(
            project(&got),
            expected(&text, &in_lang(lang), Encoding::Utf16),
            "{locale:?}"
        );
        client.shutdown().await;
    }

    // VS Code in English, `ogiLint.language` = `zh`: Chinese; back to `auto`: English again.
    let mut settings = test_settings();
    settings["language"] = json!("zh");
    let mut client = TestClient::start_in(push_caps(), settings, Some("en")).await;
    client.open(&uri, "plaintext", &text, 1);
    let got = client.diagnostics(&uri, Some(1)).await;
    assert_eq!(
        project(&got),
        expected(&text, &in_lang(Lang::Zh), Encoding::Utf16)
    );
    let mut settings = test_settings();
    settings["language"] = json!("auto");
    *client.config.lock().unwrap() = settings;
    client.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    // Republished at the same version (a publication of the old settings may come first).
    let english = expected(&text, &in_lang(Lang::En), Encoding::Utf16);
    let mut got = Vec::new();
    for _ in 0..3 {
        got = project(&client.diagnostics(&uri, Some(1)).await);
        if got == english {
            break;
        }
    }
    assert_eq!(got, english);
    client.shutdown().await;
}

/// A bad `language` setting is reported (in the editor's language) and the rest applies.
#[tokio::test]
async fn a_bad_language_setting_is_reported_in_the_editors_language() {
    let mut settings = test_settings();
    settings["language"] = json!("fr");
    let mut client = TestClient::start_in(push_caps(), settings, Some("zh-cn")).await;
    let message = client
        .notification(|m| m["method"] == "window/showMessage")
        .await;
    assert_eq!(
        message["params"]["message"],
        "ogi-lint: 编辑器设置：不认识的语言“fr”（可用的有：auto, zh, en）；这一项不生效，其他设置照常生效"
    );
    client.shutdown().await;
}

/// `tests/fixtures/cli/clean-2020.txt` made the report for `year`, with the 自然人 figure of its
/// row 四 (结转下年度继续办理) set to `carried_forward`.
fn report_for(year: u16, carried_forward: u32) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli/clean-2020.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .replace("2020年", &format!("{year}年"))
        .replacen(
            "四、结转下年度继续办理\n\t0\n",
            &format!("四、结转下年度继续办理\n\t{carried_forward}\n"),
            1,
        )
}

impl TestClient {
    /// The `carryover-mismatch` findings of the first publication for `uri`, from now on, that
    /// has some (`found`) or none (`!found`).
    async fn carryover(&mut self, uri: &str, found: bool) -> Vec<Value> {
        let is_publication = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        // What was published before no longer counts.
        self.backlog.retain(|m| !is_publication(m));
        let carryover = |m: &Value| -> Vec<Value> {
            m["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["code"] == "carryover-mismatch")
                .cloned()
                .collect()
        };
        let msg = self
            .notification(|m| is_publication(m) && carryover(m).is_empty() != found)
            .await;
        carryover(&msg)
    }
}

/// A two-report workspace: last year's report on disk, this year's open. The finding points at
/// last year's figure in last year's file; a second candidate for last year clears it (never a
/// guess); fixing last year's file on disk (a watched-file change) clears it; opened, last
/// year's report is read as the editor holds it, and an edit there clears the finding here.
#[tokio::test]
async fn carryover_mismatch_across_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let last_path = dir.path().join("2020.txt");
    std::fs::write(&last_path, report_for(2020, 1)).unwrap();
    let root = format!("file://{}", dir.path().display());
    let last_uri = format!("file://{}", last_path.display());
    let this_uri = format!("file://{}", dir.path().join("2021.txt").display());
    let mut client =
        TestClient::start_in_folder(push_caps(), json!({"debounceMs": 0}), &root).await;
    client.open(&this_uri, "plaintext", &report_for(2021, 0), 1);
    let found = client.carryover(&this_uri, true).await;
    assert_eq!(found.len(), 1, "{found:?}");
    let finding = &found[0];
    // This year's 二 · 自然人 (line 119), last year's 四 · 自然人 (line 344).
    assert_eq!(
        finding["range"]["start"],
        json!({"line": 118, "character": 1})
    );
    assert_eq!(finding["severity"], 2);
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("上年报告 2020.txt"), "{message}");
    let related = &finding["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], last_uri);
    assert_eq!(
        related["range"]["start"],
        json!({"line": 343, "character": 1})
    );

    // A second report of last year (a copy): which one is meant is not certain, so neither is
    // compared; without it, the finding is back.
    let copy_path = dir.path().join("2020-copy.txt");
    let copy_uri = format!("file://{}", copy_path.display());
    std::fs::write(&copy_path, report_for(2020, 1)).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": copy_uri, "type": 1}]}),
    );
    assert!(client.carryover(&this_uri, false).await.is_empty());
    std::fs::remove_file(&copy_path).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": copy_uri, "type": 3}]}),
    );
    assert_eq!(client.carryover(&this_uri, true).await.len(), 1);

    // Fixed on disk.
    std::fs::write(&last_path, report_for(2020, 0)).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": last_uri, "type": 2}]}),
    );
    assert!(client.carryover(&this_uri, false).await.is_empty());

    // Opened in the editor with another figure, then corrected there.
    client.open(&last_uri, "plaintext", &report_for(2020, 2), 1);
    let found = client.carryover(&this_uri, true).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["uri"],
        last_uri
    );
    client.change(&last_uri, 2, json!([{"text": report_for(2020, 0)}]));
    assert!(client.carryover(&this_uri, false).await.is_empty());
    client.shutdown().await;
}
