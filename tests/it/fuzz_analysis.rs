//! A mutation fuzzer for the analysis on stable Rust (no nightly here, so no cargo-fuzz):
//! report texts are mutated at random (bytes that matter to the parser: pipes, TABs, line
//! ends, labels, numbers, markup, page numbers, odd Unicode) and each result must
//!
//! - never panic, in `check` or in an incremental `Analysis`;
//! - give ranges on char boundaries inside the text, and fix edits that are too;
//! - give the same diagnostics from a fresh analysis, from `check` (with its label memo), and
//!   from an analysis brought up to date edit by edit through random edits.
//!
//! Every file of the committed corpus (`tests/fuzz-corpus/analysis/`, inputs that once failed
//! or that reach odd corners) is checked first, then the fixtures are mutated for
//! `OGI_FUZZ_SECONDS` (default 2; CI runs longer). A failure prints the seed
//! (`OGI_FUZZ_SEED=… cargo test --test it fuzz_analysis` replays it) and writes the input to
//! `target/fuzz-failures/`; add it to the corpus once fixed.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ogi_lint::analysis::{check, Analysis, Options, TextChange};
use ogi_lint::line_index::{Encoding, LineIndex};
use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// Fragments a mutation inserts: what tables, headings and values are made of.
const DICTIONARY: &[&str] = &[
    "|",
    " | ",
    "|---|---|",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\u{c}",
    " ",
    "\u{3000}",
    "\u{a0}",
    "0",
    "1",
    "12",
    "-3",
    "1,234",
    "１２",
    "3.5",
    "—",
    "/",
    "O",
    "十",
    "2件",
    "1898468.07 元",
    "减 6",
    "**",
    "*",
    "<b>",
    "</b>",
    "<br>",
    "&nbsp;",
    "[bookmark: Field_2_1_1]",
    "— 6 —",
    "第 6 页",
    "6/12",
    "一、",
    "（七）总计",
    "(七)总计",
    "总计",
    "自然人",
    "商业企业",
    "三、本年度办理结果",
    "（三）不予公开",
    "1.属于国家秘密",
    "四、结转下年度继续办理",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "第二十条第（一）项",
    "规章",
    "行政规范性文件",
    "本年制发件数",
    "行政复议",
    "结果维持",
    "## 三、收到和处理政府信息公开申请情况",
    "五、存在的主要问题及改进情况",
    "国办公开办函〔2019〕60号",
    "2021年度政府信息公开工作年度报告",
    "统计期限自2020年1月1日",
    "<!-- ogi-lint-disable total-mismatch -->",
    "<!-- ogi-lint-disable-next-line -->",
    "😀",
    "𠮷",
    "\u{2028}",
    "\u{feff}",
    "\u{0}",
    "\u{200b}",
    "́",
];

#[test]
fn fuzz_analysis_corpus_then_random_mutations() {
    let fixtures = fixture_texts();
    assert!(fixtures.len() > 10, "fixtures not found");
    for (path, text) in corpus_texts() {
        run_one(&text, &mut TestRng::deterministic_rng(RngAlgorithm::ChaCha))
            .unwrap_or_else(|why| panic!("corpus file {}: {why}", path.display()));
    }
    let seconds: u64 = env_number("OGI_FUZZ_SECONDS").unwrap_or(2);
    let seed = env_number("OGI_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut cases = 0u64;
    // One seed per case, so a failure replays alone.
    let mut case_seed = seed;
    while cases == 0 || Instant::now() < deadline {
        let mut rng = rng_from(case_seed);
        let base = &fixtures[rng.random_range(0..fixtures.len())].1;
        let text = mutate(base, &mut rng);
        if let Err(why) = run_one(&text, &mut rng) {
            let path = save_failure(case_seed, &text);
            panic!(
                "OGI_FUZZ_SEED={case_seed} (first of this run: {seed}): {why}\ninput written to {}",
                path.display()
            );
        }
        cases += 1;
        case_seed = case_seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    }
    eprintln!("fuzz_analysis: {cases} cases in {seconds} s from seed {seed}");
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

fn rng_from(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn texts_under(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            texts_under(&path, out);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((path, text));
        }
    }
}

fn fixture_texts() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    texts_under(&fixtures_dir(), &mut out);
    out.retain(|(p, _)| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")));
    out
}

fn corpus_texts() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    texts_under(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus/analysis"),
        &mut out,
    );
    out
}

fn save_failure(seed: u64, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("analysis-{seed}.txt"));
    let _ = std::fs::write(&path, text);
    path
}

/// The largest char boundary ≤ `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn fragment(rng: &mut TestRng) -> String {
    match rng.random_range(0..10) {
        // Random characters now and then, the dictionary mostly.
        0 => (0..rng.random_range(1..6))
            .filter_map(|_| char::from_u32(rng.random_range(0..0x3_0000)))
            .collect(),
        _ => DICTIONARY[rng.random_range(0..DICTIONARY.len())].to_string(),
    }
}

/// One to eight mutations: insert a fragment, delete or duplicate a span, or swap two lines.
fn mutate(base: &str, rng: &mut TestRng) -> String {
    let mut text = base.to_string();
    for _ in 0..rng.random_range(1..9) {
        let len = text.len().max(1);
        let at = boundary(&text, rng.random_range(0..len));
        match rng.random_range(0..4) {
            0 => text.insert_str(at, &fragment(rng)),
            1 => {
                let end = boundary(&text, at + rng.random_range(0..64));
                text.replace_range(at..end, "");
            }
            2 => {
                let end = boundary(&text, at + rng.random_range(0..400));
                let span = text[at..end].to_string();
                text.insert_str(end, &span);
            }
            _ => {
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                if lines.len() > 2 {
                    let a = rng.random_range(0..lines.len());
                    let b = rng.random_range(0..lines.len());
                    lines.swap(a, b);
                }
                text = lines.concat();
            }
        }
    }
    text
}

/// The properties every text must have; `Err` says which failed.
fn run_one(text: &str, rng: &mut TestRng) -> Result<(), String> {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| properties(text, rng)));
    match outcome {
        Ok(res) => res,
        Err(payload) => Err(format!(
            "panicked: {}",
            payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("?")
        )),
    }
}

fn properties(text: &str, rng: &mut TestRng) -> Result<(), String> {
    let options = Options::default();
    let checked = check(text, &options);
    let fresh = Analysis::new(text, options.clone());
    if fresh.diagnostics() != checked {
        return Err("check (with the shared label memo) differs from a fresh analysis".into());
    }
    let index = LineIndex::new(text);
    for d in &checked {
        let ranges = std::iter::once(&d.range)
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.range)));
        for r in ranges {
            let ok = r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end);
            if !ok {
                return Err(format!("{} has a bad range {r:?}", d.code));
            }
            let pos = index.position(text, r.start, Encoding::Utf16);
            if index.offset(text, pos, Encoding::Utf16) != r.start {
                return Err(format!("{} at {r:?} does not round-trip {pos:?}", d.code));
            }
        }
    }
    // Random edits, each applied incrementally and compared with a fresh analysis.
    let mut text = text.to_string();
    let mut analysis = fresh;
    for _ in 0..rng.random_range(1..5) {
        let len = text.len().max(1);
        let start = boundary(&text, rng.random_range(0..len));
        let end = boundary(&text, start + rng.random_range(0..48));
        let insert = if rng.random_range(0..3) == 0 {
            String::new()
        } else {
            fragment(rng)
        };
        text.replace_range(start..end, &insert);
        analysis.apply_change(
            &TextChange {
                old_range: start..end,
                new_len: insert.len(),
            },
            &text,
        );
        let fresh = Analysis::new(&text, options.clone());
        if analysis.diagnostics() != fresh.diagnostics() {
            return Err(format!(
                "incremental differs from fresh after replacing {start}..{end} with {insert:?}"
            ));
        }
        if analysis.outline() != fresh.outline() {
            return Err(format!("outlines differ after replacing {start}..{end}"));
        }
    }
    Ok(())
}
