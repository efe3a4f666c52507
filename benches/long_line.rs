//! Time on one long line: a report whose table row holds 8k, 64k and 512k cells (empty cells,
//! `总计 1 2 3` cells, TAB-separated figures), checked and every finding located as the JSON
//! output locates it. Prints the time per size and the ratio to the 8k line; linear time is ×8
//! and ×64 (a quadratic cost would be ×64 and ×4096). `tests/it/growth.rs` asserts the 64k/8k
//! ratio; this shows the figures, up to a 4 MB line.
//!
//! `cargo bench --bench long_line`.
#![allow(clippy::print_stdout, clippy::unwrap_used)] // A bench binary reports on stdout.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ogi_lint::analysis::{check, Options};
use ogi_lint::line_index::{Encoding, LineIndex};

const HEAD: &str = "# 2021年度政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n";

fn check_and_locate(text: &str) -> usize {
    let diagnostics = check(text, &Options::default());
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let start = index.position(text, d.range.start, Encoding::Utf16);
            let end = index.position(text, d.range.end, Encoding::Utf16);
            (start.character + end.character) as usize
        })
        .sum()
}

fn best_of(tries: usize, text: &str) -> Duration {
    (0..tries)
        .map(|_| {
            let t0 = Instant::now();
            black_box(check_and_locate(text));
            t0.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// A row of `n` cells.
type Row = fn(usize) -> String;

fn main() {
    let rows: [(&str, Row); 3] = [
        ("empty pipe cells", |n| {
            format!("| 一、本年新收政府信息公开申请数量 |{}", " |".repeat(n))
        }),
        ("`总计 1 2 3` cells", |n| {
            format!("|{}", " 总计 1 2 3 |".repeat(n))
        }),
        ("TAB figures", |n| {
            format!("一、本年新收政府信息公开申请数量{}", "\t1".repeat(n))
        }),
    ];
    for (name, row) in rows {
        let mut base = None;
        for cells in [8 * 1024, 64 * 1024, 512 * 1024] {
            let text = format!("{HEAD}{}\n", row(cells));
            best_of(1, &text);
            let t = best_of(3, &text);
            let ratio = base.map_or(1.0, |b: Duration| t.as_secs_f64() / b.as_secs_f64());
            base.get_or_insert(t);
            println!(
                "long line  {name:<20} {:>4}k cells {:>9} bytes  {:>10.2?}  ×{ratio:.1}",
                cells / 1024,
                text.len(),
                t
            );
        }
    }
}
