//! A third edition defined only in test data: `tests/fixtures/editions/2025.toml`, a fictitious
//! "2025" edition (the 2021 one with a few labels changed and one more topic), added with
//! `analysis::add_editions` before the first analysis, and a report written against it
//! (`tests/fixtures/editions/2025-report.md`).
//!
//! Its own test binary, so its own process: the editions in force are fixed per process when
//! the first analysis reads them, so adding one here cannot change what any other test sees.
//! Every test calls [`setup`] first.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Once;

use clap::{Args, Command};
use ogi_lint::analysis::{
    add_editions, check, with_analysis, Diagnostic, EditionError, EditionSource, EvidenceKind,
    Lang, Options,
};
use ogi_lint::cli::{CheckArgs, EditionArg};
use ogi_lint::config::Config;
use ogi_lint::Edition;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/editions")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Adds the 2025 edition, once, before any test analyses anything.
fn setup() {
    static ADDED: Once = Once::new();
    ADDED.call_once(|| add_editions(&[("2025.toml", &fixture("2025.toml"))]).unwrap());
}

fn e2025() -> Edition {
    Edition::parse("2025").unwrap()
}

fn report() -> String {
    fixture("2025-report.md")
}

fn findings(text: &str, code: &str) -> Vec<Diagnostic> {
    check(text, &english())
        .into_iter()
        .filter(|d| d.code.as_str() == code)
        .collect()
}

/// Applies every fix of the diagnostics given (non-overlapping, back to front).
fn fixed(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut edits: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.range, &e.new_text);
    }
    out
}

/// The messages these tests read, in English.
fn english() -> Options {
    Options {
        language: Lang::En,
        ..Options::default()
    }
}

#[test]
fn the_third_edition_is_an_edition_like_the_built_in_ones() {
    setup();
    let e = e2025();
    assert_eq!(e.year(), 2025);
    assert_eq!(e.document(), "国办公开办函〔2025〕12号");
    assert_eq!(Edition::newest(), e);
    assert_eq!(
        Edition::all().map(Edition::year).collect::<Vec<_>>(),
        [2019, 2021, 2025]
    );
    // Its years: from 2025, so the 2021 edition now ends with 2024.
    assert_eq!(Edition::for_report_year(2025), Some(e));
    assert_eq!(Edition::for_report_year(2031), Some(e));
    assert_eq!(Edition::for_report_year(2024), Some(Edition::E2021));
    assert_eq!(Edition::E2021.applies_to(), "2021 to 2024");
    assert_eq!(e.applies_to(), "2025 and later");
    // `edition` in ogi-lint.toml and `--edition` take it.
    let config = Config::parse("edition = \"2025\"", Path::new("/p/ogi-lint.toml")).unwrap();
    assert_eq!(config.edition, Some(e));
    let error = Config::parse("edition = \"2023\"", Path::new("/p/ogi-lint.toml")).unwrap_err();
    let said = error.render(Lang::En);
    assert!(said.contains("auto, 2019, 2021, 2025"), "{said}");
    let command = CheckArgs::augment_args(Command::new("check"));
    let matches = command
        .clone()
        .try_get_matches_from(["check", "--edition", "2025", "r.md"])
        .unwrap();
    assert_eq!(
        matches.get_one::<EditionArg>("edition"),
        Some(&EditionArg::Edition(e))
    );
    let help = command.clone().render_long_help().to_string();
    assert!(
        help.contains("2025: 国办公开办函〔2025〕12号 (reports for 2025 and later)"),
        "{help}"
    );
    assert!(
        help.contains("2021: 国办公开办函〔2021〕30号 (reports for 2021 to 2024)"),
        "{help}"
    );
}

#[test]
fn a_report_of_the_third_edition_is_checked_against_it() {
    setup();
    let text = report();
    let (edition, source) = with_analysis(&text, &english(), |a| {
        (a.edition(), a.edition_source().cloned())
    });
    assert_eq!(edition, Some(e2025()));
    // Its year selects it.
    assert!(
        matches!(&source, Some(EditionSource::Text(ev)) if ev.kind == EvidenceKind::Title && ev.year == 2025),
        "{source:?}"
    );
    // Its labels are the standard ones: nothing to report.
    let all: Vec<String> = check(&text, &english())
        .iter()
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn another_editions_labels_are_flagged_and_fixed_to_the_third_editions() {
    setup();
    let text = report()
        .replace("| 行政许可事项 |", "| 行政许可 |")
        .replace("| 行政规范性文件 |", "| 规范性文件 |")
        .replace("| （四）无法提供政府信息 |", "| （四）无法提供 |");
    let found = findings(&text, "edition-mismatch");
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    // Each names the edition the label is from (the one the table matches best first).
    assert_eq!(
        messages,
        [
            "规范性文件 is the 2019 edition's wording; the 2025 edition writes 行政规范性文件 (a 2025 report uses the 2025 edition (国办公开办函〔2025〕12号))",
            "行政许可 is the 2021 edition's wording; the 2025 edition writes 行政许可事项 (a 2025 report uses the 2025 edition (国办公开办函〔2025〕12号))",
            "（四）无法提供 is the 2021 edition's wording; the 2025 edition writes （四）无法提供政府信息 (a 2025 report uses the 2025 edition (国办公开办函〔2025〕12号))",
        ]
    );
    // Nothing else: the tables are read with the 2025 template all the same.
    let all = check(&text, &english());
    assert_eq!(all.len(), 3, "{all:#?}");
    // The fixes write the 2025 edition's labels: the report as it was.
    assert_eq!(fixed(&text, &all), report());
}

#[test]
fn another_editions_column_is_flagged_without_a_rename() {
    setup();
    let text = report().replace("| 本年制定件数 |", "| 本年制发件数 |");
    let found = findings(&text, "edition-mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.starts_with(
            "本年制发件数 is the 2021 edition's 表二 column label; the 2025 edition has 本年制定件数 here, which counts something else"
        ),
        "{}",
        found[0].message
    );
    assert!(found[0].fix.is_none());
}

#[test]
fn a_table_of_another_edition_is_reported_once_and_read_with_its_template() {
    setup();
    // Both of table 二's 2025 labels written the 2021 way: the whole table follows 2021.
    let text = report()
        .replace("| 本年制定件数 |", "| 本年制发件数 |")
        .replace("| 行政许可事项 |", "| 行政许可 |");
    let found = findings(&text, "edition-mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.starts_with(
            "表二 主动公开政府信息情况 follows the 2021 edition of the template, but a 2025 report uses the 2025 edition (国办公开办函〔2025〕12号)"
        ),
        "{}",
        found[0].message
    );
    assert!(findings(&text, "missing-row").is_empty());
    assert!(findings(&text, "unknown-row").is_empty());
}

#[test]
fn the_years_and_the_document_select_the_edition() {
    setup();
    // The same tables in a report on 2024: the 2021 edition applies, and the tables that
    // differ follow 2025.
    let text = report().replace("2025年", "2024年");
    let edition = with_analysis(&text, &english(), |a| a.edition());
    assert_eq!(edition, Some(Edition::E2021));
    let found = findings(&text, "edition-mismatch");
    assert!(
        found.iter().any(|d| d.message.starts_with(
            "表二 主动公开政府信息情况 follows the 2025 edition of the template, but a 2024 report uses the 2021 edition"
        )),
        "{found:#?}"
    );
    // Its 文号, cited in a report on 2024, outranks the year.
    let cited = text.replacen(
        "现将本局2024年政府信息公开工作情况报告如下。",
        "现按照国办公开办函【2025】12号的格式，将本局2024年政府信息公开工作情况报告如下。",
        1,
    );
    assert_ne!(cited, text);
    let source = with_analysis(&cited, &english(), |a| {
        (a.edition(), a.edition_source().cloned())
    });
    assert_eq!(source.0, Some(e2025()));
    assert!(
        matches!(&source.1, Some(EditionSource::Text(ev)) if ev.kind == EvidenceKind::DocumentNumber),
        "{source:?}"
    );
}

#[test]
fn its_topic_words_are_looked_for() {
    setup();
    // Section 六 of the 2025 edition states the data opened (数据开放, 公共数据).
    let text = report().replace("本年度通过市公共数据平台开放商贸流通数据集12个。", "");
    let found = findings(&text, "section-content");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("数据开放"),
        "{}",
        found[0].message
    );
}

#[test]
fn completions_offer_the_third_editions_labels() {
    setup();
    let text = report();
    let completions = with_analysis(&text, &english(), |a| a.completions("| 本年", 100));
    let labels: Vec<&str> = completions.iter().map(|c| c.label.as_str()).collect();
    assert!(labels.contains(&"本年制定件数"), "{labels:?}");
    assert!(!labels.contains(&"本年制发件数"), "{labels:?}");
}

#[test]
fn editions_are_added_once_only() {
    setup();
    let again = add_editions(&[("2025.toml", &fixture("2025.toml"))]);
    assert_eq!(again, Err(EditionError::AlreadyInUse));
    assert_eq!(Edition::all().count(), 3);
}
