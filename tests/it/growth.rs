//! Time grows linearly with the length of a line: a row of 64k cells is checked, and every
//! finding on it located and rendered, within 16× the time of a row of 8k cells (linear is ×8,
//! quadratic ×64). Both sizes are measured in the same run (the best of a few tries each), as
//! the CPU time of the measuring thread where the system tells it (Linux:
//! `/proc/thread-self/schedstat`), so the ratio holds on a busy machine where wall-clock times
//! do not.

use std::time::{Duration, Instant};

use ogi_lint::analysis::{check, Options};
use ogi_lint::cli::human::render_diagnostic;
use ogi_lint::line_index::{Encoding, LineIndex};

const HEAD: &str = "# 2021年度政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n";

/// Checks `text`, then locates every finding as the JSON output does and renders the first
/// thousand as the human output does.
fn check_and_locate(text: &str) -> usize {
    let diagnostics = check(text, &Options::default());
    let index = LineIndex::new(text);
    let mut sum = 0usize;
    for d in &diagnostics {
        let start = index.position(text, d.range.start, Encoding::Utf16);
        let end = index.position(text, d.range.end, Encoding::Utf16);
        sum += (start.character + end.character) as usize;
    }
    for d in diagnostics.iter().take(1000) {
        sum += render_diagnostic("r.md", text, &index, d, false).len();
    }
    sum
}

/// Nanoseconds this thread has run on a CPU, when the system tells.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn best_of(tries: usize, text: &str) -> Duration {
    (0..tries)
        .map(|_| {
            let (t0, cpu0) = (Instant::now(), thread_cpu_time());
            std::hint::black_box(check_and_locate(text));
            match (cpu0, thread_cpu_time()) {
                // The system's count moves in steps (a scheduler tick, 4 ms here): a run
                // shorter than a step can read as no time at all, which is no measurement.
                (Some(a), Some(b)) if b > a => b - a,
                _ => t0.elapsed(),
            }
        })
        .min()
        .unwrap_or_default()
}

fn assert_linear(name: &str, row: impl Fn(usize) -> String) {
    let small = format!("{HEAD}{}\n", row(8 * 1024));
    let large = format!("{HEAD}{}\n", row(64 * 1024));
    // Warm the label memo and the allocator before measuring.
    best_of(1, &small);
    // A quadratic cost is ×64 here, every time. Linear work is ×8 in instructions, but the
    // 64k row's cell buffers outgrow the caches and fault in fresh pages: ×11–13 in a debug
    // build once the small row is fast (a row of empty pipe cells: ×13 on a 2-core machine).
    // Noise (another process on the same core's sibling thread) is ×1.5 now and then. So a
    // ratio over 16 is measured again, up to three times, before the test fails.
    let mut tries = Vec::new();
    for _ in 0..3 {
        let t_small = best_of(5, &small);
        let t_large = best_of(3, &large);
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
        if ratio < 16.0 {
            return;
        }
        tries.push(format!("{t_large:?} / {t_small:?} = ×{ratio:.1}"));
    }
    panic!("{name}: 64k cells take more than 16× the time of 8k cells (linear is ×8): {tries:?}");
}

#[test]
fn a_pipe_row_of_empty_cells() {
    assert_linear("empty pipe cells", |n| {
        format!("| 一、本年新收政府信息公开申请数量 |{}", " |".repeat(n))
    });
}

#[test]
fn a_pipe_row_of_label_and_number_cells() {
    assert_linear("`总计 1 2 3` cells", |n| {
        format!("|{}", " 总计 1 2 3 |".repeat(n))
    });
}

#[test]
fn a_tab_row_of_numbers() {
    assert_linear("TAB cells", |n| {
        format!("一、本年新收政府信息公开申请数量{}", "\t1".repeat(n))
    });
}

/// One sentence of many statements about applications (`narrative-mismatch` reads each, with
/// the years named before it).
#[test]
fn a_sentence_of_many_statements() {
    assert_linear("prose statements", |n| {
        "2021年，我局收到政府信息公开申请3件，办结2件（66.67%），".repeat(n / 4)
    });
}
