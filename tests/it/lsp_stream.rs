//! The language server's byte stream, as a hostile or careless client sends it: the real binary
//! over stdio gets every kind of malformed frame and random garbage between good frames, and
//! must answer each as JSON-RPC says and go on; it must exit with LSP's status within a second
//! of `exit` or the end of its input, even while its own `workspace/configuration` request is
//! unanswered. Then a fuzz harness feeds mutated sessions to the in-process server (bounded: a
//! few seconds here, `OGI_FUZZ_SECONDS` for the longer run in `.ci/run`).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};

/// How long to wait for an answer before calling the server stuck.
const WAIT: Duration = Duration::from_secs(20);
/// How long a fuzz case waits for an answer (short: a failing case is run again and again
/// while proptest shrinks it).
const FUZZ_WAIT: Duration = Duration::from_secs(5);
/// The issue's bound: the process is gone within a second of `exit` or the end of its input.
const EXIT_WITHIN: Duration = Duration::from_secs(1);

const URI: &str = "file:///ws/reports/stream.md";
const TEXT: &str = "一、总体情况\r\n报告😀 2021\n";

fn frame(body: &[u8]) -> Vec<u8> {
    [
        format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
        body,
    ]
    .concat()
}

fn framed(message: &Value) -> Vec<u8> {
    frame(message.to_string().as_bytes())
}

fn request(id: impl Into<Value>, method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id.into(), "method": method, "params": params})
}

fn notification(method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "method": method, "params": params})
}

fn debug_document(id: impl Into<Value>) -> Value {
    request(id, "ogiLint/debugDocument", json!({"uri": URI}))
}

fn did_open(uri: &str, text: &str) -> Value {
    notification(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
}

/// Reads one frame as a client must: exactly `Content-Length: N`, a blank line, N bytes of JSON.
/// `None` at the end of the output; `Err` for anything that is not a frame.
fn read_frame(reader: &mut impl BufRead) -> Result<Option<Value>, String> {
    let mut header = String::new();
    if reader.read_line(&mut header).map_err(|e| e.to_string())? == 0 {
        return Ok(None);
    }
    let length: usize = header
        .strip_prefix("Content-Length: ")
        .and_then(|h| h.strip_suffix("\r\n"))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("not a header: {header:?}"))?;
    let mut blank = String::new();
    reader.read_line(&mut blank).map_err(|e| e.to_string())?;
    if blank != "\r\n" {
        return Err(format!("no blank line after the header: {blank:?}"));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    serde_json::from_slice(&body).map(Some).map_err(|e| {
        format!(
            "a body that is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&body)
        )
    })
}

/// `ogi-lint lsp` (or another command line) as a child process.
struct Process {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: mpsc::Receiver<Result<Value, String>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Process {
    fn start(args: &[&str]) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ogi-lint"))
            .args(args)
            .env("RUST_LOG", "info")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                match read_frame(&mut reader) {
                    Ok(Some(message)) => {
                        if tx.send(Ok(message)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => return,
                    Err(err) => {
                        let _ = tx.send(Err(err));
                        return;
                    }
                }
            }
        });
        // The log must be read, or the server blocks once the pipe is full.
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut pipe = child.stderr.take().unwrap();
        let log = stderr.clone();
        std::thread::spawn(move || {
            let mut chunk = [0; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut chunk) {
                log.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        let stdin = child.stdin.take();
        Process {
            child,
            stdin,
            incoming,
            stderr,
        }
    }

    /// The server's log so far (for failure messages).
    fn log(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    fn send(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is closed");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send_message(&mut self, message: &Value) {
        self.send(&framed(message));
    }

    fn recv(&mut self) -> Value {
        match self.incoming.recv_timeout(WAIT) {
            Ok(Ok(message)) => message,
            Ok(Err(err)) => panic!("the server wrote a bad frame: {err}\nlog:\n{}", self.log()),
            Err(err) => panic!("no message from the server ({err})\nlog:\n{}", self.log()),
        }
    }

    /// The response to `id`, and the messages that came before it.
    fn response(&mut self, id: &Value) -> (Value, Vec<Value>) {
        let mut before = Vec::new();
        loop {
            let message = self.recv();
            if message.get("method").is_none() && message["id"] == *id {
                return (message, before);
            }
            before.push(message);
        }
    }

    /// The first message that satisfies `pred`.
    fn until(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.recv();
            if pred(&message) {
                return message;
            }
        }
    }

    fn initialize(&mut self, capabilities: Value) {
        let init = request(
            "init",
            "initialize",
            json!({"processId": null, "capabilities": capabilities}),
        );
        self.send_message(&init);
        let (response, _) = self.response(&json!("init"));
        assert!(response["result"]["capabilities"].is_object(), "{response}");
        self.send_message(&notification("initialized", json!({})));
    }

    fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to exit; its status and the time since `since`.
    fn exit_status(&mut self, since: Instant) -> (i32, Duration) {
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let elapsed = since.elapsed();
                let code = status.code().expect("killed by a signal");
                return (code, elapsed);
            }
            assert!(
                since.elapsed() < WAIT,
                "the server did not exit\nlog:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response's error code (0 for a result) and id.
type Answer = (i64, Value);

/// The responses among `messages`: in these tests, only error answers are expected.
fn errors(messages: &[Value]) -> Vec<Answer> {
    messages
        .iter()
        .filter(|m| m.get("method").is_none())
        .map(|m| (m["error"]["code"].as_i64().unwrap_or(0), m["id"].clone()))
        .collect()
}

/// Each malformed case of issue 10, then a request that must get its right answer.
#[test]
fn every_malformed_frame_is_answered_and_the_server_goes_on() {
    let good = debug_document(999).to_string();
    let n = good.len();
    let with_header = |header: String| [header.into_bytes(), good.clone().into_bytes()].concat();
    let parse = (-32700, Value::Null);
    let invalid = |id: Value| (-32600, id);
    let cases: Vec<(&str, Vec<u8>, Vec<Answer>)> = vec![
        (
            "not JSON",
            frame(b"{\"jsonrpc\": \"2.0\", "),
            vec![parse.clone()],
        ),
        ("empty body", frame(b""), vec![parse.clone()]),
        (
            "jsonrpc 1.0",
            framed(&json!({"jsonrpc": "1.0", "id": 101, "method": "ogiLint/debugDocument"})),
            vec![invalid(json!(101))],
        ),
        (
            "no jsonrpc",
            framed(&json!({"id": "one-o-two", "method": "ogiLint/debugDocument"})),
            vec![invalid(json!("one-o-two"))],
        ),
        (
            "an object as id",
            framed(&json!({"jsonrpc": "2.0", "id": {"n": 1}, "method": "x"})),
            vec![invalid(Value::Null)],
        ),
        (
            "an array as id",
            framed(&json!({"jsonrpc": "2.0", "id": [1], "method": "x"})),
            vec![invalid(Value::Null)],
        ),
        (
            "a batch",
            framed(&json!([debug_document(103)])),
            vec![invalid(Value::Null)],
        ),
        ("{}", frame(b"{}"), vec![invalid(Value::Null)]),
        (
            "no Content-Length",
            with_header("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".into()),
            vec![parse.clone()],
        ),
        (
            "negative Content-Length",
            with_header("Content-Length: -5\r\n\r\n".into()),
            vec![parse.clone()],
        ),
        (
            "short Content-Length",
            with_header(format!("Content-Length: {}\r\n\r\n", n - 9)),
            vec![parse.clone()],
        ),
        (
            "overlong Content-Length",
            with_header(format!("Content-Length: {}\r\n\r\n", n + 30)),
            vec![parse.clone()],
        ),
        (
            "Content-Length far past the end",
            with_header(format!("Content-Length: {}\r\n\r\n", n + 100_000)),
            vec![parse.clone()],
        ),
        (
            "non-numeric Content-Length",
            with_header("Content-Length: 12a\r\n\r\n".into()),
            vec![parse.clone()],
        ),
        (
            "a body that is not UTF-8",
            frame(b"{\"jsonrpc\":\"2.0\",\"id\":104,\"method\":\"\xe6\x8a\"}"),
            vec![parse.clone()],
        ),
        (
            "garbage",
            b"\x00\xff binary \r\n\r\n garbage".to_vec(),
            vec![parse.clone()],
        ),
    ];

    let mut server = Process::start(&["lsp"]);
    server.initialize(json!({}));
    server.send_message(&did_open(URI, TEXT));
    for (i, (name, bytes, expected)) in cases.iter().enumerate() {
        server.send(bytes);
        let id = json!(i);
        server.send_message(&debug_document(id.clone()));
        let (response, before) = server.response(&id);
        assert_eq!(response["result"]["text"], TEXT, "{name}: {response}");
        assert_eq!(&errors(&before), expected, "{name}: {before:?}");
    }

    // Random bytes between good frames: one parse error each time, and the frame after it read.
    let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    for round in 0..40 {
        let len = 1 + rng.next_u32() as usize % 300;
        let mut garbage: Vec<u8> = (0..len).map(|_| rng.next_u32() as u8).collect();
        // Whitespace between frames is allowed: start with a byte that is not.
        garbage[0] = 0xff;
        server.send(&garbage);
        let id = json!(format!("garbage-{round}"));
        server.send_message(&debug_document(id.clone()));
        let (response, before) = server.response(&id);
        assert_eq!(response["result"]["text"], TEXT, "{garbage:?}");
        assert_eq!(errors(&before), vec![parse.clone()], "{garbage:?}");
    }

    server.send_message(&request("bye", "shutdown", Value::Null));
    server.response(&json!("bye"));
    server.send_message(&notification("exit", Value::Null));
    let (code, _) = server.exit_status(Instant::now());
    assert_eq!(code, 0, "log:\n{}", server.log());
}

#[test]
fn unknown_dollar_requests_get_method_not_found_and_notifications_nothing() {
    let mut server = Process::start(&["lsp"]);
    server.initialize(json!({}));
    server.send_message(&did_open(URI, TEXT));
    server.send_message(&notification("$/unknownNotification", json!({})));
    server.send_message(&request(7, "$/unknownRequest", json!({})));
    let (response, before) = server.response(&json!(7));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    assert!(errors(&before).is_empty(), "{before:?}");
    server.send_message(&notification("$/anotherNotification", Value::Null));
    server.send_message(&debug_document(8));
    let (response, before) = server.response(&json!(8));
    assert_eq!(response["result"]["text"], TEXT);
    assert!(
        errors(&before).is_empty(),
        "a notification was answered: {before:?}"
    );
}

/// tower-lsp-server runs four handlers at a time: handlers waiting for a client that never
/// answers `workspace/configuration` must not take them all.
#[test]
fn a_client_that_never_answers_does_not_stop_the_server() {
    let mut server = Process::start(&["lsp"]);
    server.initialize(json!({"workspace": {"configuration": true}}));
    server.until(|m| m["method"] == "workspace/configuration");
    let change = notification(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ogiLint": {}}}),
    );
    for _ in 0..8 {
        server.send_message(&change);
    }
    server.send_message(&did_open(URI, TEXT));
    server.send_message(&debug_document(1));
    let (response, before) = server.response(&json!(1));
    assert_eq!(response["result"]["text"], TEXT, "{response}");
    // Each change asked for the settings again (none answered).
    let is_ask = |m: &Value| m["method"] == "workspace/configuration";
    let mut asked = before.iter().filter(|m| is_ask(m)).count();
    while asked < 8 {
        server.until(is_ask);
        asked += 1;
    }
    server.send_message(&request("bye", "shutdown", Value::Null));
    server.response(&json!("bye"));
    server.send_message(&notification("exit", Value::Null));
    let (code, elapsed) = server.exit_status(Instant::now());
    assert_eq!(code, 0);
    assert!(elapsed < EXIT_WITHIN, "{elapsed:?}");
}

/// How a session ends.
#[derive(Debug, Clone, Copy)]
enum End {
    ShutdownThenExit,
    Exit,
    ShutdownThenEof,
    Eof,
    /// A malformed frame and a request (answered), then `exit` without `shutdown`.
    GarbageThenExit,
}

/// Runs a session that ends as `end`; the exit status and the time from the last byte sent
/// (or stdin closed) to the process's exit.
fn end_session(args: &[&str], end: End, configuration: bool) -> (i32, Duration) {
    let mut server = Process::start(args);
    let capabilities = match configuration {
        true => json!({"workspace": {"configuration": true}}),
        false => json!({}),
    };
    server.initialize(capabilities);
    if configuration {
        // The server asks for the settings; this client never answers.
        let asked = server.until(|m| m["method"] == "workspace/configuration");
        assert!(asked.get("id").is_some(), "{asked}");
    }
    let shutdown = |server: &mut Process| {
        server.send_message(&request("bye", "shutdown", Value::Null));
        let (response, _) = server.response(&json!("bye"));
        assert!(response.get("error").is_none(), "{response}");
    };
    let exit = framed(&notification("exit", Value::Null));
    let since = match end {
        End::ShutdownThenExit => {
            shutdown(&mut server);
            server.send(&exit);
            Instant::now()
        }
        End::Exit => {
            server.send(&exit);
            Instant::now()
        }
        End::ShutdownThenEof => {
            shutdown(&mut server);
            server.close_stdin();
            Instant::now()
        }
        End::Eof => {
            server.close_stdin();
            Instant::now()
        }
        End::GarbageThenExit => {
            server.send(b"Content-Length: 2\r\n\r\n{]");
            server.send_message(&did_open(URI, TEXT));
            server.send_message(&debug_document(3));
            let (response, before) = server.response(&json!(3));
            assert_eq!(response["result"]["text"], TEXT);
            assert_eq!(errors(&before), vec![(-32700, Value::Null)]);
            server.send(&exit);
            Instant::now()
        }
    };
    let res = server.exit_status(since);
    eprintln!(
        "{args:?} {end:?}{}: exit {} after {:?}",
        if configuration {
            " (configuration unanswered)"
        } else {
            ""
        },
        res.0,
        res.1
    );
    res
}

#[test]
fn exit_status_and_latency_as_lsp_says() {
    let cases = [
        (End::ShutdownThenExit, 0),
        (End::Exit, 1),
        (End::ShutdownThenEof, 0),
        (End::Eof, 1),
        (End::GarbageThenExit, 1),
    ];
    for configuration in [false, true] {
        for (end, expected) in cases {
            let (code, elapsed) = end_session(&["lsp"], end, configuration);
            assert_eq!(code, expected, "{end:?}, configuration {configuration}");
            assert!(
                elapsed < EXIT_WITHIN,
                "{end:?}, configuration {configuration}: exited after {elapsed:?}"
            );
        }
    }
    // The same entry for `--stdio` (how vscode-languageclient starts it).
    for args in [&["--stdio"][..], &["lsp", "--stdio"]] {
        assert_eq!(end_session(args, End::ShutdownThenExit, true).0, 0);
        assert_eq!(end_session(args, End::Eof, true).0, 1);
    }
}

// ---------------------------------------------------------------- fuzzing the input stream

/// The seed sessions: byte streams of good and bad frames (see the README beside them).
fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus/lsp");
    let mut res: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "bin"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    res.sort();
    res
}

/// One change to a byte stream.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the stream here.
    Truncate(Index),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Replace(Index, u8),
    /// Copy `len` bytes from one place to another.
    Splice(Index, usize, Index),
    /// Give the n-th `Content-Length` another value.
    Length(Index, String),
    /// Insert a frame of this body, its length off by `delta`.
    Frame(Index, Vec<u8>, i8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes headers and JSON are made of, so the fuzzer often lands near the edge of a header.
    let alphabet = prop::sample::select(b"Content-Length: 0123456789\r\n{}[]\":,jsonrpc".to_vec());
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        prop::collection::vec(alphabet, 0..64),
    ];
    let length = prop_oneof![
        (0u32..400).prop_map(|n| n.to_string()),
        Just("-5".to_owned()),
        Just("99999999999999999999".to_owned()),
        "[0-9a-z +-]{0,6}",
    ];
    let body = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        prop::sample::select(vec![
            br#"{}"#.to_vec(),
            br#"[]"#.to_vec(),
            br#"{"jsonrpc":"1.0","id":1,"method":"x"}"#.to_vec(),
            br#"{"jsonrpc":"2.0","id":{},"method":"x"}"#.to_vec(),
            br#"{"jsonrpc":"2.0","id":2,"method":"$/x"}"#.to_vec(),
            br#"{"jsonrpc":"2.0","method":"$/x"}"#.to_vec(),
            br#"{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":7}"#.to_vec(),
            br#"{"jsonrpc":"2.0","id":0,"result":[null]}"#.to_vec(),
        ]),
    ];
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), bytes).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<Index>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        (any::<Index>(), 1usize..256, any::<Index>())
            .prop_map(|(a, n, b)| Mutation::Splice(a, n, b)),
        (any::<Index>(), length).prop_map(|(at, v)| Mutation::Length(at, v)),
        (any::<Index>(), body, -8i8..8).prop_map(|(at, b, d)| Mutation::Frame(at, b, d)),
    ]
}

fn mutate(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut s = seed.to_vec();
    for m in mutations {
        let at = |i: &Index, s: &Vec<u8>| i.index(s.len() + 1);
        match m {
            Mutation::Truncate(i) => s.truncate(at(i, &s)),
            Mutation::Insert(i, bytes) => {
                let p = at(i, &s);
                s.splice(p..p, bytes.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let p = at(i, &s);
                s.drain(p..(p + n).min(s.len()));
            }
            Mutation::Replace(i, b) => {
                if !s.is_empty() {
                    let p = i.index(s.len());
                    s[p] = *b;
                }
            }
            Mutation::Splice(from, n, to) => {
                let p = at(from, &s);
                let copy = s[p..(p + n).min(s.len())].to_vec();
                let q = at(to, &s);
                s.splice(q..q, copy);
            }
            Mutation::Length(i, value) => {
                let needle = b"Content-Length: ";
                let starts: Vec<usize> = s
                    .windows(needle.len())
                    .enumerate()
                    .filter(|(_, w)| w == needle)
                    .map(|(p, _)| p + needle.len())
                    .collect();
                if !starts.is_empty() {
                    let p = starts[i.index(starts.len())];
                    let end = p + s[p..].iter().take_while(|b| b.is_ascii_digit()).count();
                    s.splice(p..end, value.bytes());
                }
            }
            Mutation::Frame(i, body, delta) => {
                let n = (body.len() as i64 + i64::from(*delta)).max(0);
                let bytes = [
                    format!("Content-Length: {n}\r\n\r\n").into_bytes(),
                    body.clone(),
                ]
                .concat();
                let p = at(i, &s);
                s.splice(p..p, bytes);
            }
        }
    }
    s
}

/// A client of the in-process server for one fuzz case.
struct FuzzClient {
    write: tokio::io::DuplexStream,
    incoming: tokio::sync::mpsc::UnboundedReceiver<Result<Value, String>>,
}

impl FuzzClient {
    async fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.write
            .write_all(bytes)
            .await
            .map_err(|e| format!("the server stopped reading: {e}"))
    }

    async fn response(&mut self, id: &Value) -> Result<Value, String> {
        loop {
            let next = tokio::time::timeout(FUZZ_WAIT, self.incoming.recv()).await;
            let message = match next {
                Ok(Some(Ok(message))) => message,
                Ok(Some(Err(err))) => return Err(format!("a bad frame from the server: {err}")),
                Ok(None) => {
                    return Err(format!(
                        "the server closed its output before answering {id}"
                    ))
                }
                Err(_) => return Err(format!("no answer to {id} in {FUZZ_WAIT:?}")),
            };
            if message.get("method").is_none() && message["id"] == *id {
                return Ok(message);
            }
        }
    }
}

/// Feeds `stream` (in chunks of `chunks` bytes) to a fresh in-process server between a good
/// `initialize` and a document opened after it, then checks the server answers about that
/// document correctly and exits with 0 after `shutdown` and `exit`.
async fn fuzz_case(stream: &[u8], chunks: &[usize]) -> Result<(), String> {
    let (client_write, server_read) = tokio::io::duplex(1 << 16);
    let (server_write, client_read) = tokio::io::duplex(1 << 16);
    let server = tokio::spawn(ogi_lint::server::serve(server_read, server_write));
    let (tx, incoming) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut reader = tokio::io::BufReader::new(client_read);
        loop {
            let res = read_frame_async(&mut reader).await;
            let done = !matches!(res, Ok(Some(_)));
            if let Some(res) = res.transpose() {
                let _ = tx.send(res);
            }
            if done {
                return;
            }
        }
    });
    let mut client = FuzzClient {
        write: client_write,
        incoming,
    };
    let init = request(
        "init",
        "initialize",
        json!({"processId": null, "capabilities": {}}),
    );
    client.send(&framed(&init)).await?;
    client.response(&json!("init")).await?;
    let mut rest = stream;
    for &n in chunks.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let n = n.clamp(1, rest.len());
        client.send(&rest[..n]).await?;
        rest = &rest[n..];
    }
    let probe = "file:///ws/probe.md";
    client.send(&framed(&did_open(probe, TEXT))).await?;
    let debug = request("probe", "ogiLint/debugDocument", json!({"uri": probe}));
    client.send(&framed(&debug)).await?;
    let answer = client.response(&json!("probe")).await?;
    if answer["result"]["text"] != TEXT {
        return Err(format!(
            "a wrong answer about the document opened last: {answer}"
        ));
    }
    client
        .send(&framed(&request("bye", "shutdown", Value::Null)))
        .await?;
    client.response(&json!("bye")).await?;
    client
        .send(&framed(&notification("exit", Value::Null)))
        .await?;
    match tokio::time::timeout(FUZZ_WAIT, server).await {
        Ok(Ok(0)) => Ok(()),
        Ok(Ok(code)) => Err(format!("exit status {code} after shutdown")),
        Ok(Err(err)) => Err(format!("the server panicked: {err}")),
        Err(_) => Err("the server did not stop after exit".to_owned()),
    }
}

async fn read_frame_async(
    reader: &mut tokio::io::BufReader<tokio::io::DuplexStream>,
) -> Result<Option<Value>, String> {
    let mut header = String::new();
    if reader
        .read_line(&mut header)
        .await
        .map_err(|e| e.to_string())?
        == 0
    {
        return Ok(None);
    }
    let length: usize = header
        .strip_prefix("Content-Length: ")
        .and_then(|h| h.strip_suffix("\r\n"))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("not a header: {header:?}"))?;
    let mut blank = String::new();
    reader
        .read_line(&mut blank)
        .await
        .map_err(|e| e.to_string())?;
    if blank != "\r\n" {
        return Err(format!("no blank line after the header: {blank:?}"));
    }
    let mut body = vec![0; length];
    reader
        .read_exact(&mut body)
        .await
        .map_err(|e| e.to_string())?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Where a failing stream is saved, to be added to the corpus once fixed.
fn failure_path(seed: u64) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join(format!("fuzz-failures/lsp-{seed}.bin"))
}

/// Mutated sessions never kill the server or leave it unable to answer. Runs for
/// `OGI_FUZZ_SECONDS` (default 3), from seed `OGI_FUZZ_SEED` (default: 1, or the clock when
/// `OGI_FUZZ_SECONDS` is set, so each long run explores new cases); a failure is shrunk by
/// proptest and saved under `target/fuzz-failures/`.
#[test]
fn fuzz_the_input_stream() {
    let long_run = std::env::var("OGI_FUZZ_SECONDS").ok();
    let budget = Duration::from_secs_f64(long_run.as_deref().map_or(3.0, |s| s.parse().unwrap()));
    let base_seed: u64 = match std::env::var("OGI_FUZZ_SEED") {
        Ok(seed) => seed.parse().unwrap(),
        Err(_) if long_run.is_some() => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        Err(_) => 1,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let seeds = corpus();
    assert!(seeds.len() >= 5, "the corpus is missing");
    let started = Instant::now();
    for (name, stream) in &seeds {
        if let Err(err) = runtime.block_on(fuzz_case(stream, &[4096])) {
            panic!("corpus file {name}: {err}");
        }
    }
    let strategy = (
        0..seeds.len(),
        prop::collection::vec(mutation(), 1..8),
        prop::collection::vec(1usize..512, 1..6),
    );
    let mut cases = seeds.len();
    let mut round = 0u64;
    while started.elapsed() < budget {
        let seed = base_seed.wrapping_add(round);
        let mut seed_bytes = [0u8; 32];
        seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let config = Config {
            cases: 16,
            failure_persistence: None,
            // Shrinking reruns the case; cases that fail by timing out take seconds each.
            max_shrink_time: 60_000,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(
            config,
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
        );
        let result = runner.run(&strategy, |(i, mutations, chunks)| {
            let stream = mutate(&seeds[i].1, &mutations);
            runtime
                .block_on(fuzz_case(&stream, &chunks))
                .map_err(TestCaseError::fail)
        });
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, (i, mutations, chunks))) => {
                let stream = mutate(&seeds[i].1, &mutations);
                let path = failure_path(seed);
                let _ = std::fs::create_dir_all(path.parent().unwrap());
                let _ = std::fs::write(&path, &stream);
                panic!(
                    "seed {seed}: {reason}\nfrom {} with {mutations:?}, chunks {chunks:?}\n\
                     the stream is saved in {}",
                    seeds[i].0,
                    path.display()
                );
            }
            Err(err) => panic!("seed {seed}: {err}"),
        }
        cases += 16;
        round += 1;
    }
    eprintln!(
        "fuzzed the server's input with {cases} streams in {:.1?} (seeds {base_seed}..{})",
        started.elapsed(),
        base_seed.wrapping_add(round)
    );
}
