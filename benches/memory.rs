//! Peak memory and time of `ogi-lint check` (the release binary) on large inputs, printed as
//! bytes of peak resident memory per byte of input, so that figures from different machines
//! and sizes compare.
//!
//! - `report`: one generated 100 MB report — `tests/fixtures/forms/clean-gfm.md` with section 一
//!   padded with prose as the `check` bench's corpus is (`support::pad`) — in the human and
//!   JSON formats. The requirement: at most 4 bytes of peak RSS per input byte.
//! - `reports`: 100 MB of whole generated reports one after another in one file: a table every
//!   few kilobytes, the heaviest text for the analysis per byte.
//! - `findings`: a report whose table 三 repeats one misspelt row 250,000 times, which gives
//!   500,000 findings (`nonstandard-label` and `unknown-row` for each copy), in the JSON, SARIF
//!   and human formats: the output writers' share.
//! - `server`: `ogi-lint lsp` holding one 20 MB report (the `report` text, shorter): opened
//!   with `didOpen`, measured until its diagnostics are published and once more after one edit.
//!   The requirement: at most 4 bytes of peak RSS per byte of the document.
//!
//! Peak RSS is the child's `VmHWM` (`/proc/PID/status`), sampled every millisecond while it runs
//! (Linux only; a high-water mark, so a sample after the peak still sees it). Each case runs in
//! a fresh process, the output going to `/dev/null`. Run with `cargo bench --bench memory`;
//! without `--bench` (`cargo test --all-targets`) the inputs are 25× smaller. With
//! `OGI_LINT_BENCH_BASELINE=PATH`, every case also runs the `ogi-lint` binary at PATH (say, a
//! build of an older commit), right after this one, for ratios taken in the same run. A word
//! after `--` runs only the cases whose name contains it (`cargo bench --bench memory -- server`).

// A benchmark reports on stdout, and panicking on a broken setup is the right failure mode.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

// The `check` bench uses the rest of it.
#[allow(dead_code)]
mod support;

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ogi_lint::analysis::{self, Options};

use support::{Corpus, Rng};

/// The binary measured (built by cargo for benches, with the bench profile).
const BINARY: &str = env!("CARGO_BIN_EXE_ogi-lint");

fn main() {
    let baseline = std::env::var_os("OGI_LINT_BENCH_BASELINE").filter(|v| !v.is_empty());
    let binaries: Vec<(&str, &std::ffi::OsStr)> = std::iter::once(("", BINARY.as_ref()))
        .chain(baseline.as_deref().map(|path| (" (baseline)", path)))
        .collect();
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_default();
    let wanted = |case: &str| case.contains(filter.as_str());
    let measure = |case: &str, format: &str, path: &Path, findings: usize| {
        for &(label, binary) in &binaries {
            measure(binary, label, case, format, path, findings);
        }
    };
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let scale = if bench_mode { 1 } else { 25 };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::Builder::new()
        .prefix("ogi-lint-memory-")
        .tempdir()
        .unwrap();
    println!(
        "memory: peak RSS of `ogi-lint check` per input byte (requirement for one report: ≤ 4)"
    );

    if wanted("report") {
        measure_report(root, dir.path(), scale, &measure);
    }
    if wanted("reports") {
        measure_reports(root, dir.path(), scale, bench_mode, &measure);
    }
    if wanted("findings") {
        measure_findings(root, dir.path(), scale, &measure);
    }
    if wanted("server") {
        let document = one_report(root, 20_000_000 / scale);
        for &(label, binary) in &binaries {
            measure_server(binary, label, &document);
        }
    }
}

/// What `measure` is given: the case, the format, the input file and its number of findings.
type Measure<'a> = &'a dyn Fn(&str, &str, &Path, usize);

fn measure_report(root: &Path, dir: &Path, scale: usize, measure: Measure) {
    let report = one_report(root, 100_000_000 / scale);
    let path = dir.join("report.md");
    std::fs::write(&path, &report).unwrap();
    let findings = analysis::check(&report, &Options::default()).len();
    drop(report);
    for format in ["human", "json"] {
        measure("report", format, &path, findings);
    }
}

fn measure_reports(root: &Path, dir: &Path, scale: usize, bench_mode: bool, measure: Measure) {
    let reports = many_reports(root, 100_000_000 / scale, bench_mode);
    let path = dir.join("reports.md");
    std::fs::write(&path, &reports).unwrap();
    let findings = analysis::check(&reports, &Options::default()).len();
    drop(reports);
    measure("reports", "json", &path, findings);
}

fn measure_findings(root: &Path, dir: &Path, scale: usize, measure: Measure) {
    let copies = 250_000 / scale;
    let text = repeated_row(root, copies);
    let path = dir.join("findings.md");
    std::fs::write(&path, &text).unwrap();
    let findings = analysis::check(&text, &Options::default()).len();
    drop(text);
    if findings >= 2 * copies {
        for format in ["json", "sarif", "human"] {
            measure("findings", format, &path, findings);
        }
    } else {
        // Since `unreadable-table`, a table most of whose rows are the one copied row is one
        // finding rather than two per copy: the case no longer measures the writers.
        println!(
            "memory/findings: skipped, the input gives {findings} findings, not {}",
            2 * copies
        );
    }
}

/// The clean GFM report, padded to `target` bytes.
fn one_report(root: &Path, target: usize) -> String {
    let text = std::fs::read_to_string(root.join("tests/fixtures/forms/clean-gfm.md")).unwrap();
    support::pad(&text, target, 2021)
}

/// Whole reports from the benchmark corpus, one after another, up to `target` bytes.
fn many_reports(root: &Path, target: usize, bench_mode: bool) -> String {
    let corpus = Corpus::generate(root, if bench_mode { support::REPORTS } else { 40 });
    let mut out = String::with_capacity(target + support::AVERAGE_BYTES * 2);
    let mut rng = Rng::new(7);
    while out.len() < target {
        let report = &corpus.reports[rng.range(0, corpus.reports.len() - 1)];
        out.push_str(report.body());
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// `tests/fixtures/forms/gfm.md` with its misspelt row `二、上年转结…` repeated `copies` times.
fn repeated_row(root: &Path, copies: usize) -> String {
    let text = std::fs::read_to_string(root.join("tests/fixtures/forms/gfm.md")).unwrap();
    let at = text.find("| 二、上年转结").unwrap();
    let end = at + text[at..].find('\n').unwrap() + 1;
    let row = &text[at..end];
    let mut out = String::with_capacity(text.len() + row.len() * copies);
    out.push_str(&text[..end]);
    for _ in 0..copies {
        out.push_str(row);
    }
    out.push_str(&text[end..]);
    out
}

/// Runs `BINARY check --format FORMAT PATH` and prints its time and peak memory.
fn measure(
    binary: &std::ffi::OsStr,
    label: &str,
    case: &str,
    format: &str,
    path: &Path,
    findings: usize,
) {
    let input = std::fs::metadata(path).unwrap().len();
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args(["check", "--format", format])
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = None;
    let status = loop {
        if let Some(kb) = high_water_kb(&status_file) {
            peak_kb = Some(peak_kb.map_or(kb, |peak: u64| peak.max(kb)));
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let wall = started.elapsed();
    // 1: error findings; 2 would mean the input could not be checked.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "ogi-lint check failed: {status:?}"
    );
    let mut line = format!(
        "memory/{case}/{format}{label}: {:.1} MB in, {findings} findings, {:.2} s",
        input as f64 / 1e6,
        wall.as_secs_f64()
    );
    match peak_kb {
        Some(kb) => {
            let peak = kb * 1024;
            let _ = write!(
                line,
                ", peak RSS {:.0} MB = {:.2} bytes per input byte",
                peak as f64 / 1e6,
                peak as f64 / input as f64
            );
        }
        None => line.push_str(", peak RSS unknown (no /proc)"),
    }
    println!("{line}");
}

/// Runs `BINARY lsp`, opens `document` in it, waits for its diagnostics, changes one character
/// and waits again; prints the time to the first diagnostics and the peak memory.
fn measure_server(binary: &std::ffi::OsStr, label: &str, document: &str) {
    use std::io::{BufRead, BufReader, Read, Write};

    let mut child = Command::new(binary)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // The published versions, as they arrive.
    let (versions, published) = std::sync::mpsc::channel::<i64>();
    let reader = std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.unwrap()];
            reader.read_exact(&mut body).unwrap();
            let message: serde_json::Value = serde_json::from_slice(&body).unwrap();
            if message["method"] == "textDocument/publishDiagnostics" {
                if let Some(version) = message["params"]["version"].as_i64() {
                    let _ = versions.send(version);
                }
            }
        }
    });
    let send = |stdin: &mut std::process::ChildStdin, message: serde_json::Value| {
        let body = serde_json::to_vec(&message).unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(&body).unwrap();
        stdin.flush().unwrap();
    };
    let mut peak_kb = 0;
    let mut sample = || {
        if let Some(kb) = high_water_kb(&status_file) {
            peak_kb = peak_kb.max(kb);
        }
    };
    // Waits for the diagnostics of `version`, sampling the memory meanwhile.
    let wait_for = |version: i64, sample: &mut dyn FnMut()| loop {
        sample();
        match published.recv_timeout(Duration::from_millis(1)) {
            Ok(v) if v == version => break,
            Ok(_) | Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(err) => panic!("the server stopped: {err}"),
        }
    };
    let uri = "file:///bench/report.md";
    send(
        &mut stdin,
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {}}}),
    );
    send(
        &mut stdin,
        serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    sample();
    let started = Instant::now();
    send(
        &mut stdin,
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 0,
                "text": document}}}),
    );
    wait_for(0, &mut sample);
    let opened = started.elapsed();
    // One keystroke at the end of the first line: the document is held and re-analysed.
    let line_end = document.find('\n').unwrap_or(0);
    let character: usize = document[..line_end].chars().map(char::len_utf16).sum();
    send(
        &mut stdin,
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 1},
            "contentChanges": [{"range": {
                "start": {"line": 0, "character": character},
                "end": {"line": 0, "character": character}}, "text": "。"}]}}),
    );
    wait_for(1, &mut sample);
    send(
        &mut stdin,
        serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    send(
        &mut stdin,
        serde_json::json!({"jsonrpc": "2.0", "method": "exit"}),
    );
    drop(stdin);
    sample();
    let _ = child.wait();
    let _ = reader.join();
    let input = document.len();
    let mut line = format!(
        "memory/server/open{label}: {:.1} MB document, diagnostics after {:.2} s",
        input as f64 / 1e6,
        opened.as_secs_f64()
    );
    if peak_kb > 0 {
        let peak = peak_kb * 1024;
        let _ = write!(
            line,
            ", peak RSS {:.0} MB = {:.2} bytes per document byte",
            peak as f64 / 1e6,
            peak as f64 / input as f64
        );
    } else {
        line.push_str(", peak RSS unknown (no /proc)");
    }
    println!("{line}");
}

/// `VmHWM` (peak resident set size) of a `/proc/PID/status` file, in kB.
fn high_water_kb(status_file: &str) -> Option<u64> {
    let status = std::fs::read_to_string(status_file).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
