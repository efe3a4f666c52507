//! A deterministic corpus for the `check` benchmark: 1,000 reports (≈ 20 MB) made from the
//! fixtures by scaling the numbers in value cells and padding the prose of section 一.
//!
//! **Why scaling keeps tables consistent.** Every relation the checker verifies (row and column
//! totals, 一+二 = 三+四) is linear, so multiplying every value cell of a report by the same
//! integer `k` keeps it true (decimal cells keep their decimal places, so `3.52 × k` is exact).
//! A few reports then get one value cell bumped by one, so the corpus also produces fresh
//! `total-mismatch` / `balance-mismatch` findings, on top of what the broken fixtures already
//! have.
//!
//! A value cell is a `|`- or TAB-separated piece of a line (or a whole line, for the
//! cell-per-line forms) that, trimmed, is nothing but a number: ASCII digits with optional
//! thousands commas and decimals, or full-width digits, after any `[bookmark: …]` anchors left
//! by a Word export. Numbers inside prose are never touched.
//!
//! [`Corpus::generate`] checks each source once (scaled and padded vs. as is) and falls back to
//! the unmodified text for a source whose findings would change, so the corpus never measures
//! something the fixtures do not contain.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ogi_lint::analysis::{self, Diagnostic, Options};

/// How many reports the benchmark corpus holds.
pub const REPORTS: usize = 1_000;
/// The average size of a generated report, in bytes.
pub const AVERAGE_BYTES: usize = 20_000;

/// A small xorshift64* generator: deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi` (bias is irrelevant here).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// One fixture the reports are made from.
pub struct Source {
    /// Relative to the crate root, e.g. `tests/fixtures/forms/clean-gfm.md`.
    pub name: String,
    pub extension: String,
    pub text: String,
    /// Whether scaling and padding leave the findings unchanged (else used as is).
    pub variable: bool,
}

/// One generated report.
pub struct Report {
    /// File name in the bench folder.
    pub file_name: String,
    /// The text as written to disk (a source's BOM included).
    pub text: String,
    /// Whether a value cell was bumped to break a relation.
    pub broken: bool,
}

impl Report {
    /// The text the analysis sees: the CLI strips a BOM before calling `check`.
    pub fn body(&self) -> &str {
        self.text.strip_prefix('\u{feff}').unwrap_or(&self.text)
    }
}

pub struct Corpus {
    pub sources: Vec<Source>,
    pub reports: Vec<Report>,
}

impl Corpus {
    /// Reads the fixtures under `root` and generates `count` reports ([`REPORTS`] to measure).
    pub fn generate(root: &Path, count: usize) -> Corpus {
        let sources = read_sources(root);
        assert!(
            !sources.is_empty(),
            "no fixtures found under {}",
            root.display()
        );
        // Typical reports (the clean form fixtures, the real-world corpus, the clean example)
        // come up three times as often as the edge-case fixtures.
        let mut pool = Vec::new();
        for (index, source) in sources.iter().enumerate() {
            let typical = source.name.contains("/clean-")
                || source.name.contains("/corpus/")
                || source.name.contains("clean.md");
            let weight = if typical { 3 } else { 1 };
            pool.extend(std::iter::repeat_n(index, weight));
        }
        let mut rng = Rng::new(0x0615_2021_0030_2019);
        let reports = (0..count)
            .map(|n| {
                let source = pool[n % pool.len()];
                let target = rng.range(AVERAGE_BYTES * 6 / 10, AVERAGE_BYTES * 14 / 10);
                let variant = Variant {
                    scale: rng.range(1, 40) as u64,
                    target_bytes: target,
                    break_cell: rng.chance(8).then(|| rng.next_u64()),
                    seed: rng.next_u64(),
                };
                make_report(&sources, n, source, &variant)
            })
            .collect();
        Corpus { sources, reports }
    }

    pub fn total_bytes(&self) -> usize {
        self.reports.iter().map(|r| r.text.len()).sum()
    }

    /// One typical report per text form: `(form, text)`, each padded to [`AVERAGE_BYTES`].
    pub fn per_form(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (index, source) in self.sources.iter().enumerate() {
            let form = if let Some(rest) = source.name.strip_prefix("tests/fixtures/forms/clean-") {
                rest.rsplit_once('.')
                    .map_or(rest, |(stem, _)| stem)
                    .to_owned()
            } else if source.name.starts_with("tests/fixtures/corpus/") && !out_has(&out, "corpus")
            {
                "corpus".to_owned()
            } else {
                continue;
            };
            let variant = Variant {
                scale: 7,
                target_bytes: AVERAGE_BYTES,
                break_cell: None,
                seed: 2021,
            };
            let report = make_report(&self.sources, 0, index, &variant);
            out.push((form, report.body().to_owned()));
        }
        out
    }

    /// Writes every report into `dir`.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        for report in &self.reports {
            std::fs::write(dir.join(&report.file_name), &report.text)?;
        }
        Ok(())
    }
}

fn out_has(out: &[(String, String)], form: &str) -> bool {
    out.iter().any(|(f, _)| f == form)
}

struct Variant {
    scale: u64,
    target_bytes: usize,
    /// `Some(pick)`: bump the value cell `pick % cells` by one.
    break_cell: Option<u64>,
    seed: u64,
}

fn make_report(sources: &[Source], n: usize, index: usize, variant: &Variant) -> Report {
    let source = &sources[index];
    let stem = Path::new(&source.name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("report");
    let file_name = format!("r{n:04}-{stem}.{}", source.extension);
    if !source.variable {
        return Report {
            file_name,
            text: source.text.clone(),
            broken: false,
        };
    }
    let (mut text, cells) = scale_cells(&source.text, variant.scale);
    let mut broken = false;
    if let Some(pick) = variant.break_cell {
        let integers: Vec<&CellNumber> = cells.iter().filter(|c| !c.decimal).collect();
        if !integers.is_empty() {
            let cell = integers[(pick % integers.len() as u64) as usize];
            text.replace_range(cell.range.clone(), &cell.bumped);
            broken = true;
        }
    }
    let text = pad(&text, variant.target_bytes, variant.seed);
    Report {
        file_name,
        text,
        broken,
    }
}

fn read_sources(root: &Path) -> Vec<Source> {
    let folders = [
        "tests/fixtures/corpus",
        "tests/fixtures/forms",
        "tests/fixtures/minimal",
        "examples",
    ];
    let mut sources = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for path in paths {
            let Some(file_name) = path.file_name().and_then(|s| s.to_str()) else {
                continue;
            };
            let Some((_, extension)) = file_name.rsplit_once('.') else {
                continue;
            };
            if !matches!(extension, "md" | "txt") || file_name.starts_with("not-a-report") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let name = format!("{folder}/{file_name}");
            let variable = findings_survive_variation(&text);
            sources.push(Source {
                name,
                extension: extension.to_owned(),
                text,
                variable,
            });
        }
    }
    sources
}

/// Whether scaling by 7 and padding keep the findings (code and severity, in order) the same.
fn findings_survive_variation(text: &str) -> bool {
    let options = Options::default();
    let key = |text: &str| -> Vec<String> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        analysis::check(body, &options)
            .iter()
            .map(|d: &Diagnostic| format!("{}:{:?}", d.code.as_str(), d.severity))
            .collect()
    };
    let before = key(text);
    let (scaled, _) = scale_cells(text, 7);
    let after = key(&pad(&scaled, AVERAGE_BYTES, 1));
    before == after
}

// ---------------------------------------------------------------------------------------------
// Value cells.

/// A value cell after scaling.
struct CellNumber {
    /// Where the scaled number sits in the scaled text.
    range: std::ops::Range<usize>,
    decimal: bool,
    /// The scaled number plus one, in the cell's notation.
    bumped: String,
}

/// Multiplies every value cell by `k`; returns the new text and where its value cells are.
fn scale_cells(text: &str, k: u64) -> (String, Vec<CellNumber>) {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut cells = Vec::new();
    for line in text.split_inclusive('\n') {
        let mut rest = line;
        while !rest.is_empty() {
            let cut = rest.find(['|', '\t', '\r', '\n']).unwrap_or(rest.len());
            let (piece, tail) = rest.split_at(cut);
            scale_piece(piece, k, &mut out, &mut cells);
            let delimiter_len = tail.chars().next().map_or(0, char::len_utf8);
            out.push_str(&tail[..delimiter_len]);
            rest = &tail[delimiter_len..];
        }
    }
    (out, cells)
}

fn scale_piece(piece: &str, k: u64, out: &mut String, cells: &mut Vec<CellNumber>) {
    // Text exported from Word can put an anchor before the value: `[bookmark: sum_1]7`.
    let mut core = piece.trim();
    while let Some(rest) = core
        .strip_prefix('[')
        .and_then(|r| Some(r.split_once(']')?.1))
    {
        core = rest.trim_start();
    }
    let Some(number) = Number::parse(core) else {
        out.push_str(piece);
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let lead = lead + (piece.trim().len() - core.len());
    out.push_str(&piece[..lead]);
    let start = out.len();
    let scaled = number.times(k);
    out.push_str(&scaled.render());
    cells.push(CellNumber {
        range: start..out.len(),
        decimal: number.decimals > 0,
        bumped: scaled.plus_units(1).render(),
    });
    out.push_str(&piece[lead + core.len()..]);
}

/// A number as written in a cell: `units` of `10^-decimals`.
#[derive(Clone, Copy)]
struct Number {
    units: u128,
    decimals: usize,
    fullwidth: bool,
    commas: bool,
}

impl Number {
    fn parse(s: &str) -> Option<Number> {
        if s.is_empty() {
            return None;
        }
        let fullwidth = s.chars().all(|c| ('０'..='９').contains(&c));
        if fullwidth {
            let mut units: u128 = 0;
            for c in s.chars() {
                units = units.checked_mul(10)? + u128::from(c as u32 - '０' as u32);
            }
            return Some(Number {
                units,
                decimals: 0,
                fullwidth,
                commas: false,
            });
        }
        let (int, frac) = match s.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (s, None),
        };
        let commas = int.contains(',');
        if commas {
            let mut groups = int.split(',');
            let first = groups.next()?;
            if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
                return None;
            }
        }
        let digits: String = int.chars().filter(|&c| c != ',').collect();
        let frac = frac.unwrap_or("");
        if digits.is_empty()
            || digits.len() > 18
            || frac.len() > 6
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (s.contains('.') && frac.is_empty())
        {
            return None;
        }
        let units = format!("{digits}{frac}").parse().ok()?;
        Some(Number {
            units,
            decimals: frac.len(),
            fullwidth: false,
            commas,
        })
    }

    fn times(self, k: u64) -> Number {
        Number {
            units: self.units * u128::from(k),
            ..self
        }
    }

    fn plus_units(self, n: u128) -> Number {
        Number {
            units: self.units + n,
            ..self
        }
    }

    fn render(self) -> String {
        let digits = format!("{:0width$}", self.units, width = self.decimals + 1);
        let (int, frac) = digits.split_at(digits.len() - self.decimals);
        let mut out = String::new();
        if self.commas {
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
        } else {
            out.push_str(int);
        }
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
        if self.fullwidth {
            out = out
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32('０' as u32 + d).unwrap_or(c),
                    None => c,
                })
                .collect();
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Prose padding.

/// Sentences for section 一. They avoid the topic words the `section-content` rule looks for,
/// headings, TABs and bars, so padding changes no finding.
const SENTENCES: &[&str] = &[
    "全年共召开专题会议{}次，研究部署年度重点任务，逐项明确责任分工和完成时限。",
    "围绕稳增长、促消费等中心工作，编发工作简报{}期，及时反映工作进展和成效。",
    "组织干部职工深入基层开展调研{}次，形成调研报告{}篇，为科学决策提供参考。",
    "严格落实文件起草、审核、签发等程序，全年共起草各类文件{}件，未发生差错。",
    "持续优化办事流程，精简办事材料{}项，压缩办理时限{}个工作日，群众满意度稳步提升。",
    "加强与各县（市、区）的工作联动，召开联席会议{}次，协调解决具体问题{}个。",
    "注重用群众听得懂的语言阐释政策，制作图解、问答等材料{}份，提高政策知晓度。",
    "对照年度工作要点，逐月梳理工作进度，共形成工作台账{}本，确保各项任务按期完成。",
    "认真办理人大代表建议和政协提案{}件，办复率达到百分之百，满意率持续提高。",
    "建立健全内部工作规范{}项，进一步明确岗位职责，工作规范化水平明显提升。",
    "全年接待来访群众{}人次，答复咨询{}件，做到件件有回音、事事有着落。",
    "深入推进作风建设，开展专项检查{}次，发现并整改问题{}个，机关效能持续提升。",
];

/// Pads `text` to about `target` bytes with prose paragraphs, inserted just before the heading
/// of section 二 (or at the end when there is none), in the text's own paragraph style.
pub fn pad(text: &str, target: usize, seed: u64) -> String {
    if text.len() >= target {
        return text.to_owned();
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let at = section_two_start(text).unwrap_or(text.len());
    let before = &text[..at];
    let blank_separated = before.ends_with("\n\n") || before.ends_with("\r\n\r\n");
    let separator = if blank_separated {
        format!("{newline}{newline}")
    } else {
        newline.to_owned()
    };

    let mut rng = Rng::new(seed);
    let mut padding = String::new();
    if at == text.len() && !text.ends_with('\n') {
        padding.push_str(&separator);
    }
    while text.len() + padding.len() < target {
        let sentences = rng.range(3, 6);
        for _ in 0..sentences {
            let template = SENTENCES[rng.range(0, SENTENCES.len() - 1)];
            let mut parts = template.split("{}");
            if let Some(first) = parts.next() {
                padding.push_str(first);
            }
            for part in parts {
                let _ = write!(padding, "{}", rng.range(1, 300));
                padding.push_str(part);
            }
        }
        padding.push_str(&separator);
    }
    let mut out = String::with_capacity(text.len() + padding.len());
    out.push_str(before);
    out.push_str(&padding);
    out.push_str(&text[at..]);
    out
}

/// The start of the first line that is section 二's heading (`二、…`, Markdown `#`s allowed).
fn section_two_start(text: &str) -> Option<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line
            .trim_start_matches('\u{feff}')
            .trim_start()
            .trim_start_matches('#')
            .trim_start();
        if content.starts_with("二、") && start > 0 {
            return Some(start);
        }
        start += line.len();
    }
    None
}
