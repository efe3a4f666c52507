//! Keystroke latency of the language server as a client sees it: the time from sending a
//! single-digit `didChange` in a table cell to receiving the `publishDiagnostics` for that
//! version, on a real report and on a ~1 MB document (the report followed by long prose and
//! many extra tables). Measured two ways in the same run:
//!
//! - **stdio**: the release binary `ogi-lint lsp`, spawned as an editor does, with default
//!   settings (no debounce: diagnostics are published as soon as the newest version is
//!   analysed) — what a writer feels;
//! - **in-process**: the server over `tokio::io::duplex`, without process and pipe costs.
//!
//! Prints p50 and p99 and the 1 MB / report ratio: the cost should follow the edited block, not
//! the document.
//!
//! `cargo bench --bench lsp` (set `OGI_LINT_BENCH_ITERS` to change the iteration count).
#![allow(clippy::print_stdout, clippy::unwrap_used)] // A bench binary reports on stdout.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const CELL: &str = "[bookmark: Field_2_3_3_2_1]0";

fn main() {
    let report = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
    )
    .unwrap();
    let big = one_megabyte(&report);
    let iters: usize = std::env::var("OGI_LINT_BENCH_ITERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    for transport in [Transport::Stdio, Transport::InProcess] {
        let small = runtime.block_on(measure(transport, &report, iters));
        let large = runtime.block_on(measure(transport, &big, iters));
        let show = |name: &str, len: usize, (p50, p99): (Duration, Duration)| {
            println!(
                "lsp keystroke→diagnostics  {:<10} {name:<7} {:>8} bytes  p50 {:>9.1?}  p99 {:>9.1?}",
                transport.name(),
                len,
                p50,
                p99
            );
        };
        show("report", report.len(), small);
        show("1MB", big.len(), large);
        println!(
            "ratio 1MB/report           {:<10}         p50 {:.2}×  p99 {:.2}×  ({iters} edits each)",
            transport.name(),
            large.0.as_secs_f64() / small.0.as_secs_f64().max(1e-9),
            large.1.as_secs_f64() / small.1.as_secs_f64().max(1e-9),
        );
    }
}

#[derive(Clone, Copy)]
enum Transport {
    /// The release binary over stdin/stdout, default settings.
    Stdio,
    /// `ogi_lint::server::serve` over in-memory pipes, no debounce.
    InProcess,
}

impl Transport {
    fn name(self) -> &'static str {
        match self {
            Transport::Stdio => "stdio",
            Transport::InProcess => "in-process",
        }
    }
}

type Reader = Box<dyn AsyncBufRead + Unpin + Send>;
type Writer = Box<dyn tokio::io::AsyncWrite + Unpin + Send>;

/// Starts a server; returns the client's ends and something to wait on at the end.
fn start(transport: Transport) -> (Writer, Reader, tokio::task::JoinHandle<()>) {
    match transport {
        Transport::InProcess => {
            let (client_write, server_read) = tokio::io::duplex(1 << 20);
            let (server_write, client_read) = tokio::io::duplex(1 << 20);
            let server = tokio::spawn(async move {
                // The session's exit status is not what this measures.
                let _ = ogi_lint::server::serve(server_read, server_write).await;
            });
            (
                Box::new(client_write),
                Box::new(BufReader::new(client_read)),
                server,
            )
        }
        Transport::Stdio => {
            let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_ogi-lint"))
                .arg("lsp")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let stdin = child.stdin.take().unwrap();
            let stdout = child.stdout.take().unwrap();
            let waiter = tokio::spawn(async move {
                let _ = child.wait().await;
            });
            (Box::new(stdin), Box::new(BufReader::new(stdout)), waiter)
        }
    }
}

/// The report, then long prose and many extra tables, to about 1 MB.
fn one_megabyte(report: &str) -> String {
    let mut text = report.to_owned();
    let mut n = 0;
    while text.len() < 1_000_000 {
        n += 1;
        text.push_str(&format!("\n\n## 附{n} 其他工作情况\n\n"));
        for _ in 0..12 {
            text.push_str(
                "本单位持续深化政务公开，围绕重点领域信息公开、政策解读和回应关切开展工作，\
                 进一步规范依申请公开办理流程，提升公开质量和实效。",
            );
        }
        text.push_str(&format!(
            "\n\n表{n} 其他统计\n\n| 项目 | 数量 | 备注 |\n|---|---|---|\n"
        ));
        for row in 0..20 {
            text.push_str(&format!("| 第{row}项 | {} | 无 |\n", (row * 7 + n) % 100));
        }
    }
    text
}

/// p50 and p99 of the keystroke → diagnostics time over `iters` edits of one table cell.
async fn measure(transport: Transport, text: &str, iters: usize) -> (Duration, Duration) {
    let (mut writer, mut reader, server) = start(transport);
    let uri = "file:///bench/reports/report.txt";
    // Default settings over stdio (what an editor sends without configuration); the report
    // looks like one, so it is checked.
    let options = match transport {
        Transport::Stdio => Value::Null,
        Transport::InProcess => json!({"debounceMs": 0}),
    };
    send(
        &mut writer,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "capabilities": {}, "initializationOptions": options}}),
    )
    .await;
    while read_body(&mut reader)
        .await
        .unwrap()
        .find("\"id\":1")
        .is_none()
    {}
    send(
        &mut writer,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    )
    .await;
    send(
        &mut writer,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 0, "text": text}}}),
    )
    .await;
    wait_for_version(&mut reader, 0).await;

    // The cell's position: its line and UTF-16 column.
    let at = text.find(CELL).unwrap() + CELL.len() - 1;
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[line_start..at].chars().map(char::len_utf16).sum();

    let warmup = iters / 10;
    let mut times = Vec::with_capacity(iters);
    for i in 0..warmup + iters {
        let version = i as i64 + 1;
        let digit = if i % 2 == 0 { "1" } else { "0" };
        let start = Instant::now();
        send(
            &mut writer,
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {
                    "start": {"line": line, "character": character},
                    "end": {"line": line, "character": character + 1}}, "text": digit}]}}),
        )
        .await;
        wait_for_version(&mut reader, version).await;
        if i >= warmup {
            times.push(start.elapsed());
        }
    }
    send(
        &mut writer,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    )
    .await;
    send(&mut writer, json!({"jsonrpc": "2.0", "method": "exit"})).await;
    drop(writer);
    let _ = server.await;

    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (pick(0.50), pick(0.99))
}

async fn send<W: AsyncWriteExt + Unpin>(writer: &mut W, msg: Value) {
    let body = serde_json::to_string(&msg).unwrap();
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    writer.write_all(frame.as_bytes()).await.unwrap();
}

async fn read_body<R: AsyncBufRead + Unpin>(reader: &mut R) -> Option<String> {
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
    String::from_utf8(body).ok()
}

/// Reads until the diagnostics of `version` arrive. The params' `version` is serialized after
/// the diagnostics, so the last `"version":` of the message is the one published.
async fn wait_for_version<R: AsyncBufRead + Unpin>(reader: &mut R, version: i64) {
    let want = format!("\"version\":{version}}}");
    loop {
        let body = read_body(reader)
            .await
            .expect("server closed the connection");
        if body.contains("textDocument/publishDiagnostics") {
            let tail = &body[body.rfind("\"version\":").unwrap_or(0)..];
            if tail.starts_with(&want) {
                return;
            }
        }
    }
}
