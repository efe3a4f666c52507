//! Throughput of `ogi-lint check` on a folder of 1,000 generated reports (the target: 150 MB per
//! second of one core through the binary, scaling with the cores; a folder check uses every
//! core).
//!
//! - `check/single-core`: `analysis::check` over all 1,000 generated reports in one thread;
//!   criterion prints MB/s (decimal megabytes, as the requirement is stated).
//! - `check/single-core-cold`: the same with a fresh label memo for every report
//!   (`Analysis::new`), i.e. as if the reports shared no labels.
//! - `check/form/*`: one typical ≈ 20 KB report of each text form, so a regression in one
//!   table parser shows up.
//! - `check/folder`: the release binary, `ogi-lint check --format json DIR`, on the folder of
//!   1,000 reports, with `RAYON_NUM_THREADS=1` and with the default pool, interleaved in the same
//!   run; prints the times, MB/s, the ratio (≈ the number of cores when every core is used),
//!   CPU time ÷ wall time (cores busy) and the CPU time of each thread of the binary (how the
//!   work was split, which load from other processes does not blur), and MB per CPU second;
//!   then the same files read and their lines counted with memchr in one thread, and by
//!   `grep -c ^`, in the same run: the ratio of `check` to a plain scan of the same bytes.
//!   With `OGI_LINT_BENCH_BASELINE=PATH`, the `ogi-lint` binary at PATH (the PGO build of
//!   `scripts/pgo-build.sh`, a build of an older commit) also runs on the folder, one thread and
//!   all cores, interleaved with this build's runs: its figures and the ratios of its times to
//!   this build's, taken in the same minutes.
//!
//! The corpus is generated at start from the fixtures (see `support`), written to a temporary
//! folder and removed at the end (kept, and its path printed, with `OGI_LINT_BENCH_KEEP=1`).
//! Run with `cargo bench --bench check`; extra arguments are criterion's (a filter that does not
//! match `check/folder` skips the folder section).

// A benchmark reports its results on stdout/stderr, and panicking on a broken setup (missing
// fixture, unwritable temp folder) is the right failure mode here; the crate-wide lints that deny
// these are for the library and binary.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use ogi_lint::analysis::{self, Options};

use support::Corpus;

/// The binary the CLI section runs (built by cargo for benches, with the bench profile).
const BINARY: &str = env!("CARGO_BIN_EXE_ogi-lint");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Without `--bench` (`cargo test --benches`, `cargo test --all-targets`, often a debug build)
    // criterion runs each benchmark once as a test; use a small corpus and one folder run then.
    let bench_mode = args.iter().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let started = Instant::now();
    let corpus = Corpus::generate(root, if bench_mode { support::REPORTS } else { 40 });
    let total = corpus.total_bytes();
    describe(&corpus, started.elapsed());

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .configure_from_args();
    single_core(&mut criterion, &corpus, total);
    per_form(&mut criterion, &corpus);

    let filter = args.iter().find(|a| !a.starts_with('-'));
    if filter.is_none_or(|f| "check/folder".contains(f.as_str())) {
        folder(&corpus, total, if bench_mode { 5 } else { 1 });
    }
    criterion.final_summary();
}

/// Prints what the corpus holds and what the checker finds in it.
fn describe(corpus: &Corpus, took: Duration) {
    let total = corpus.total_bytes();
    let broken = corpus.reports.iter().filter(|r| r.broken).count();
    let options = Options::default();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut with_errors = 0;
    for report in &corpus.reports {
        let diagnostics = analysis::check(report.body(), &options);
        // The label memo `check` keeps between reports is a pure cache.
        assert_eq!(
            diagnostics,
            analysis::Analysis::new(report.body(), options.clone()).diagnostics(),
            "a remembered label changed a finding"
        );
        if diagnostics
            .iter()
            .any(|d| d.severity == analysis::Severity::Error)
        {
            with_errors += 1;
        }
        for d in diagnostics {
            *codes.entry(d.code.as_str()).or_default() += 1;
        }
    }
    println!(
        "corpus: {} reports from {} fixtures, {:.2} MB ({:.1} KB average), generated in {:.2?}; \
         {broken} with a bumped value cell, {with_errors} with at least one error",
        corpus.reports.len(),
        corpus.sources.len(),
        total as f64 / 1e6,
        total as f64 / corpus.reports.len() as f64 / 1e3,
        took,
    );
    let fixed: Vec<&str> = corpus
        .sources
        .iter()
        .filter(|s| !s.variable)
        .map(|s| s.name.as_str())
        .collect();
    if !fixed.is_empty() {
        println!("corpus: used as is (scaling or padding would change their findings): {fixed:?}");
    }
    let summary: Vec<String> = codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
    println!("corpus findings: {}", summary.join(", "));
}

fn single_core(c: &mut Criterion, corpus: &Corpus, total: usize) {
    let options = Options::default();
    let texts: Vec<&str> = corpus.reports.iter().map(|r| r.body()).collect();
    let mut group = c.benchmark_group("check");
    group
        .throughput(Throughput::BytesDecimal(total as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    let check_all = || {
        let mut findings = 0;
        for text in &texts {
            findings += analysis::check(black_box(text), &options).len();
        }
        findings
    };
    group.bench_function("single-core", |b| b.iter(check_all));
    // The same work with nothing remembered between reports (`check` keeps the labels it has
    // read for the next report): the figure for a folder of reports that share no labels.
    group.bench_function("single-core-cold", |b| {
        b.iter(|| {
            let mut findings = 0;
            for text in &texts {
                findings += analysis::Analysis::new(black_box(text), options.clone())
                    .diagnostics()
                    .len();
            }
            findings
        })
    });
    group.finish();

    // Criterion measures wall time, which other processes on a busy machine inflate. CPU time
    // of this (single-threaded) loop is what the requirement is about; print MB/s by both.
    let rounds = 3;
    let cpu_before = own_cpu();
    let started = Instant::now();
    for _ in 0..rounds {
        black_box(check_all());
    }
    let wall = started.elapsed().as_secs_f64();
    let mb = (total * rounds) as f64 / 1e6;
    let mut line = format!(
        "check/single-core ({rounds} passes): {:.1} MB/s by wall time",
        mb / wall
    );
    if let Some(cpu) = own_cpu()
        .zip(cpu_before)
        .map(|(a, b)| (a - b).as_secs_f64())
    {
        let _ = write!(
            line,
            ", {:.1} MB/s by CPU time ({:.0}% of the wall time on CPU)",
            mb / cpu,
            100.0 * cpu / wall
        );
    }
    println!("{line}");
}

fn per_form(c: &mut Criterion, corpus: &Corpus) {
    let options = Options::default();
    let mut group = c.benchmark_group("check/form");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (form, text) in corpus.per_form() {
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_function(form.as_str(), |b| {
            b.iter(|| analysis::check(black_box(&text), &options))
        });
    }
    group.finish();
}

/// Runs the binary on a folder of the reports, one thread vs. all cores, interleaved.
fn folder(corpus: &Corpus, total: usize, rounds: usize) {
    let dir = tempfile::Builder::new()
        .prefix("ogi-lint-bench-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    corpus.write_to(dir.path()).unwrap();
    // OGI_LINT_BENCH_KEEP=1 keeps the folder, e.g. to profile the binary on it afterwards.
    let keep = std::env::var_os("OGI_LINT_BENCH_KEEP").is_some_and(|v| !v.is_empty());

    // Once with the output kept: the CLI must check every report and agree with the library.
    let output = run_cli(BINARY, dir.path(), None, Stdio::piped()).1;
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    let cli_findings = json.as_array().map_or(0, Vec::len);
    let options = Options::default();
    let lib_findings: usize = corpus
        .reports
        .iter()
        .map(|r| analysis::check(r.body(), &options).len())
        .sum();
    println!("check/folder: {cli_findings} findings from the CLI, {lib_findings} from the library");
    assert_eq!(
        cli_findings, lib_findings,
        "the CLI skipped or mis-checked a report"
    );

    // Another build to compare with, which must say what this one says.
    // Made absolute here: the runs start in the folder (`cargo bench` starts in the crate).
    let other = std::env::var_os("OGI_LINT_BENCH_BASELINE")
        .filter(|v| !v.is_empty())
        .map(|path| std::fs::canonicalize(&path).unwrap());
    if let Some(other) = &other {
        let other_output = run_cli(other, dir.path(), None, Stdio::piped()).1;
        assert!(
            other_output == output,
            "{} says something else on the folder",
            other.display()
        );
    }

    // Each build's one-thread and all-core runs: this build's first, then the other's.
    let binaries: Vec<&std::ffi::OsStr> = std::iter::once(std::ffi::OsStr::new(BINARY))
        .chain(other.as_deref().map(Path::as_os_str))
        .collect();
    let mut runs: Vec<(Vec<Run>, Vec<Run>)> = vec![(Vec::new(), Vec::new()); binaries.len()];
    let mut scans = Vec::new();
    let mut greps = Vec::new();
    for round in 0..rounds {
        // Which build goes first turns with the rounds, so a drift of the machine's speed
        // within a round does not favour either.
        for i in 0..binaries.len() {
            let build = (round + i) % binaries.len();
            let (one, all) = &mut runs[build];
            one.push(run_cli(binaries[build], dir.path(), Some("1"), Stdio::null()).0);
            all.push(run_cli(binaries[build], dir.path(), None, Stdio::null()).0);
        }
        scans.push(plain_scan(dir.path()));
        greps.extend(grep_count(dir.path()));
    }
    let mut runs = runs.into_iter();
    let (mut one, mut all) = runs.next().unwrap();
    let other_runs = runs.next();
    let (one, all) = (Run::median(&mut one), Run::median(&mut all));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mb = total as f64 / 1e6;
    println!(
        "check/folder ({} files, {mb:.2} MB, median of {rounds}): \
         RAYON_NUM_THREADS=1 {} | default ({cores} cores) {} | speed-up {:.2}x",
        corpus.reports.len(),
        one.describe(mb),
        all.describe(mb),
        one.wall.as_secs_f64() / all.wall.as_secs_f64(),
    );
    if let (Some(other), Some((mut other_one, mut other_all))) = (&other, other_runs) {
        let (other_one, other_all) = (Run::median(&mut other_one), Run::median(&mut other_all));
        let ratio = |a: &Run, b: &Run| match (a.cpu, b.cpu) {
            (Some(a), Some(b)) => format!("{:.3}", a.as_secs_f64() / b.as_secs_f64().max(1e-3)),
            _ => "?".to_owned(),
        };
        println!(
            "check/folder {} (interleaved with the runs above): RAYON_NUM_THREADS=1 {} | \
             default {} | its time ÷ this build's: one thread wall {:.3}, CPU {}, all cores \
             wall {:.3}, CPU {}",
            other.display(),
            other_one.describe(mb),
            other_all.describe(mb),
            other_one.wall.as_secs_f64() / one.wall.as_secs_f64(),
            ratio(&other_one, &one),
            other_all.wall.as_secs_f64() / all.wall.as_secs_f64(),
            ratio(&other_all, &all),
        );
    }
    // The same bytes scanned plainly in the same run: how far `check` is from reading the
    // files, whatever the machine's speed and load.
    scans.sort();
    let scan = scans[scans.len() / 2];
    let mut line = format!(
        "check/folder plain scan (read every file, count its lines with memchr, one thread): \
         {:.3} s, {:.0} MB/s; check on one thread takes {:.1}x as long",
        scan.as_secs_f64(),
        mb / scan.as_secs_f64(),
        one.wall.as_secs_f64() / scan.as_secs_f64(),
    );
    if !greps.is_empty() {
        greps.sort();
        let grep = greps[greps.len() / 2];
        let _ = write!(
            line,
            " | `grep -c` {:.3} s, {:.0} MB/s ({:.1}x)",
            grep.as_secs_f64(),
            mb / grep.as_secs_f64(),
            one.wall.as_secs_f64() / grep.as_secs_f64(),
        );
    }
    println!("{line}");
    if keep {
        println!("check/folder: kept {}", dir.keep().display());
    }
}

/// Reads every file of `dir` and counts its lines with memchr, in this thread: the plain scan
/// `check` is compared with. Returns the wall time.
fn plain_scan(dir: &Path) -> Duration {
    let started = Instant::now();
    let mut lines = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        lines += memchr::memchr_iter(b'\n', &bytes).count();
    }
    black_box(lines);
    started.elapsed()
}

/// `grep -c ^ FILES…` on the files of `dir` (one process, every line counted), when grep is
/// there: the same plain scan by a tool a reader knows.
fn grep_count(dir: &Path) -> Option<Duration> {
    let files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .ok()?;
    let started = Instant::now();
    let status = Command::new("grep")
        .arg("-c")
        .arg("^")
        .args(&files)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| started.elapsed())
}

/// One run of the binary: wall time, and CPU time (user + system) where `/proc` tells.
#[derive(Clone)]
struct Run {
    wall: Duration,
    cpu: Option<Duration>,
    /// CPU time of each of the child's threads that did measurable work, largest first
    /// (sampled from `/proc/PID/task` while it runs, so slightly short of the final figure).
    threads: Vec<Duration>,
}

impl Run {
    /// The run with the median wall time.
    fn median(runs: &mut [Run]) -> Run {
        runs.sort_by_key(|r| r.wall);
        runs[runs.len() / 2].clone()
    }

    fn describe(&self, mb: f64) -> String {
        let wall = self.wall.as_secs_f64();
        let mut out = format!("{wall:.3} s, {:.1} MB/s", mb / wall);
        if let Some(cpu) = self.cpu {
            // CPU ÷ wall: how many cores were busy on average.
            // MB per CPU second: the throughput of one core, which load from other processes
            // (that stretches the wall time) does not lower.
            let _ = write!(
                out,
                ", {:.2} s CPU = {:.2} cores busy, {:.1} MB per CPU s",
                cpu.as_secs_f64(),
                cpu.as_secs_f64() / wall,
                mb / cpu.as_secs_f64().max(1e-3)
            );
        }
        if !self.threads.is_empty() {
            // How the work was split: the evidence of parallelism that load from other
            // processes does not blur.
            let split: Vec<String> = self
                .threads
                .iter()
                .map(|t| format!("{:.2}", t.as_secs_f64()))
                .collect();
            let _ = write!(out, ", CPU s per thread [{}]", split.join(", "));
        }
        out
    }
}

/// User + system time of this process (Linux `/proc/self/stat` fields 14 and 15).
fn own_cpu() -> Option<Duration> {
    stat_ticks("/proc/self/stat", 14)
}

/// User + system time of this process's waited-for children (fields 16 and 17).
fn children_cpu() -> Option<Duration> {
    stat_ticks("/proc/self/stat", 16)
}

/// The sum of fields `field` and `field + 1` (1-based, as in proc(5)) of a `stat` file, in
/// clock ticks of 1/100 s (`CLK_TCK` on Linux).
fn stat_ticks(path: impl AsRef<Path>, field: usize) -> Option<Duration> {
    let stat = std::fs::read_to_string(path).ok()?;
    // Fields from 3 on follow the parenthesised command name, which may hold spaces.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let value = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
    Some(Duration::from_millis(
        (value(field)? + value(field + 1)?) * 10,
    ))
}

/// Adds the CPU time of each thread of process `pid` seen so far to `seen`.
fn sample_threads(pid: u32, seen: &mut BTreeMap<String, Duration>) {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return;
    };
    for task in tasks.flatten() {
        if let Some(cpu) = stat_ticks(task.path().join("stat"), 14) {
            let tid = task.file_name().to_string_lossy().into_owned();
            let entry = seen.entry(tid).or_default();
            *entry = (*entry).max(cpu);
        }
    }
}

/// Runs `BINARY check --format json DIR`; returns the run and stdout (when piped).
fn run_cli(
    binary: impl AsRef<std::ffi::OsStr>,
    dir: &Path,
    threads: Option<&str>,
    stdout: Stdio,
) -> (Run, Vec<u8>) {
    let mut command = Command::new(binary);
    command
        .args(["check", "--format", "json"])
        .arg(dir)
        .current_dir(dir)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .env_remove("RAYON_NUM_THREADS");
    if let Some(threads) = threads {
        command.env("RAYON_NUM_THREADS", threads);
    }
    let cpu_before = children_cpu();
    let started = Instant::now();
    let child = command.spawn().unwrap();
    let pid = child.id();
    // The end is taken where the child is reaped, not after the sampling loop sees it: the
    // loop's 20 ms naps added up to 20 ms to every run (an eighth of a two-thread run).
    let waiter = std::thread::spawn(move || {
        let output = child.wait_with_output();
        (output, started.elapsed())
    });
    let mut per_thread = BTreeMap::new();
    while !waiter.is_finished() {
        sample_threads(pid, &mut per_thread);
        std::thread::sleep(Duration::from_millis(20));
    }
    let (output, wall) = waiter.join().unwrap();
    let output = output.unwrap();
    let mut threads: Vec<Duration> = per_thread
        .into_values()
        .filter(|cpu| *cpu >= Duration::from_millis(50))
        .collect();
    threads.sort_by(|a, b| b.cmp(a));
    let cpu = children_cpu()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    // 1: error findings (the corpus has some); 2 would mean a file could not be checked.
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "ogi-lint check failed: {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    (Run { wall, cpu, threads }, output.stdout)
}
