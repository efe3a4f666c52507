//! Data-driven tests: every fixture and example against `tests/fixtures/expected.toml` (what a
//! correct checker reports), plus an insta snapshot of everything the tool says about it.

use std::path::{Path, PathBuf};

use ogi_lint::analysis::{check, looks_like_report, Lang, Options, Severity};
use ogi_lint::line_index::{Encoding, LineIndex};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    file: String,
    #[serde(default)]
    clean: bool,
    #[serde(default)]
    expect: Vec<Finding>,
    #[serde(default)]
    forbid: Vec<String>,
    #[serde(default)]
    at_most: std::collections::BTreeMap<String, usize>,
    #[serde(default = "yes")]
    detect: bool,
    #[serde(default)]
    suppressed: Vec<Finding>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct Finding {
    code: String,
    line: u32,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    character: Option<u32>,
    #[serde(default)]
    note: String,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text)
}

/// `(1-based line, 0-based UTF-16 column, severity, code, message)` of each diagnostic.
fn findings(text: &str) -> Vec<(u32, u32, Severity, String, String)> {
    let index = LineIndex::new(text);
    check(text, &Options::default())
        .into_iter()
        .map(|d| {
            let p = index.position(text, d.range.start, Encoding::Utf16);
            (
                p.line + 1,
                p.character,
                d.severity,
                d.code.as_str().to_string(),
                d.message,
            )
        })
        .collect()
}

#[test]
fn every_fixture_reports_what_expected_toml_lists() {
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(fixtures().join("expected.toml")).unwrap())
            .unwrap();
    let mut failures = Vec::new();
    for case in &expected.case {
        let text = read(&fixtures().join(&case.file));
        let found = findings(&text);
        let mut fail = |msg: String| failures.push(format!("{}: {msg}", case.file));
        if !case.detect {
            if looks_like_report(&text) {
                fail("looks like a report but must not".into());
            }
            continue;
        }
        if !looks_like_report(&text) {
            fail("does not look like a report".into());
        }
        for e in &case.expect {
            let hit = found
                .iter()
                .find(|f| f.3 == e.code && f.0 == e.line && e.character.is_none_or(|c| c == f.1));
            match hit {
                None => fail(format!(
                    "missing {} at line {} ({})",
                    e.code, e.line, e.note
                )),
                Some(h) => {
                    if let Some(sev) = &e.severity {
                        let want = match sev.as_str() {
                            "information" | "info" => Severity::Info,
                            other => Severity::parse(other).unwrap(),
                        };
                        if h.2 != want {
                            fail(format!(
                                "{} at line {} is {} not {sev}",
                                e.code, e.line, h.2
                            ));
                        }
                    }
                }
            }
        }
        for s in &case.suppressed {
            if found.iter().any(|f| f.3 == s.code && f.0 == s.line) {
                fail(format!(
                    "suppressed {} at line {} is reported",
                    s.code, s.line
                ));
            }
        }
        for f in &found {
            if case.forbid.contains(&f.3) {
                fail(format!("forbidden {} at line {}: {}", f.3, f.0, f.4));
            }
            let serious = matches!(f.2, Severity::Error | Severity::Warning);
            let listed = case.expect.iter().any(|e| e.code == f.3 && e.line == f.0);
            let allowed = case.at_most.contains_key(&f.3);
            if serious && (case.clean || !(listed || allowed)) {
                fail(format!(
                    "unexpected {} {} at line {}: {}",
                    f.2, f.3, f.0, f.4
                ));
            }
        }
        for (code, n) in &case.at_most {
            let count = found.iter().filter(|f| &f.3 == code).count();
            if count > *n {
                fail(format!("{code} reported {count} times, at most {n}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// What the tool says about each real report, in the corpus README's terms.
#[test]
fn corpus_reports_match_the_corpus_readme() {
    let corpus = fixtures().join("corpus");
    let codes = |name: &str| -> Vec<(u32, String)> {
        findings(&read(&corpus.join(name)))
            .into_iter()
            .filter(|f| matches!(f.2, Severity::Error | Severity::Warning))
            .map(|f| (f.0, f.3))
            .collect()
    };
    let c0 = codes("000_5fa8514a54bbb990.txt");
    assert_eq!(
        c0.iter().map(|c| c.1.as_str()).collect::<Vec<_>>(),
        ["section-title", "missing-section"],
        "{c0:?}"
    );
    let c1 = codes("001_0381c409616ecac1.txt");
    assert_eq!(
        c1,
        [
            (17, "nonstandard-label".to_string()),
            (18, "nonstandard-label".to_string())
        ]
    );
    assert!(codes("002_ddbd805a826f66fd.txt").is_empty());
    let c3: Vec<String> = codes("003_e3c41e1daa46b8a7.txt")
        .into_iter()
        .map(|c| c.1)
        .collect();
    for code in [
        "section-title",
        "section-order",
        "nonstandard-label",
        "missing-cell",
        "unknown-row",
    ] {
        assert!(c3.contains(&code.to_string()), "{code} in {c3:?}");
    }
    assert_eq!(c3.iter().filter(|c| *c == "nonstandard-label").count(), 3);
    assert_eq!(c3.iter().filter(|c| *c == "section-order").count(), 3);
    assert!(!c3
        .iter()
        .any(|c| c == "total-mismatch" || c == "balance-mismatch"));
}

/// Every fixture and example.
fn every_fixture() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["corpus", "forms", "minimal"] {
        for entry in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")).unwrap()
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Everything the tool says about `text` in `lang`: each diagnostic's line, column, severity,
/// code and message, then its related places and its fix title, indented.
fn said(text: &str, lang: Lang) -> Vec<String> {
    let index = LineIndex::new(text);
    let options = Options {
        language: lang,
        ..Options::default()
    };
    let at = |offset: usize| {
        let p = index.position(text, offset, Encoding::Utf16);
        format!("{}:{}", p.line + 1, p.character)
    };
    let mut res = Vec::new();
    for d in check(text, &options) {
        res.push(format!(
            "{} {}[{}] {}",
            at(d.range.start),
            d.severity,
            d.code,
            d.message
        ));
        for related in &d.related {
            res.push(format!(
                "    related {}: {}",
                at(related.range.start),
                related.message
            ));
        }
        if let Some(fix) = &d.fix {
            let kind = if fix.safe { "fix" } else { "quick fix" };
            res.push(format!("    {kind}: {}", fix.title));
        }
    }
    res
}

/// Snapshot of every diagnostic (all severities) for every fixture and example, with related
/// places and fix titles: in Chinese (`snapshots/`) and in English (`snapshots/en/`). A
/// reviewer reads these to know what the tool says.
#[test]
fn snapshots_of_every_fixture() {
    for path in every_fixture() {
        let text = read(&path);
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        let dir = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        for (lang, snapshots) in [(Lang::Zh, "snapshots"), (Lang::En, "snapshots/en")] {
            let rendered = said(&text, lang);
            insta::with_settings!({ snapshot_path => snapshots, prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(format!("{dir}__{name}"), rendered.join("\n"));
            });
        }
    }
}

/// Both languages report the same findings (codes, severities, places, fixes' edits); only
/// the words differ. Chinese messages hold no English word of four or more letters but those
/// quoted from the report itself (labels as written) and the names every language keeps (rule
/// codes, `ogi-lint`).
#[test]
fn both_languages_find_the_same_and_chinese_is_chinese() {
    let options = |language| Options {
        language,
        ..Options::default()
    };
    for path in every_fixture() {
        let text = read(&path);
        let zh = check(&text, &options(Lang::Zh));
        let en = check(&text, &options(Lang::En));
        assert_eq!(zh.len(), en.len(), "{}", path.display());
        for (z, e) in zh.iter().zip(&en) {
            assert_eq!(
                (z.code, z.severity, &z.range),
                (e.code, e.severity, &e.range)
            );
            assert_eq!(
                z.fix.as_ref().map(|f| (&f.edits, f.safe)),
                e.fix.as_ref().map(|f| (&f.edits, f.safe))
            );
            let related = |d: &ogi_lint::Diagnostic| -> Vec<std::ops::Range<usize>> {
                d.related.iter().map(|r| r.range.clone()).collect()
            };
            assert_eq!(related(z), related(e));
            let mut said: Vec<&str> = vec![z.message.as_str()];
            said.extend(z.related.iter().map(|r| r.message.as_str()));
            said.extend(z.fix.iter().map(|f| f.title.as_str()));
            for words in said {
                for word in ogi_lint::analysis::i18n::english_words(words) {
                    assert!(
                        text.contains(&word),
                        "{}: {word:?} in {words:?} is neither Chinese nor quoted from the report",
                        path.display()
                    );
                }
            }
        }
    }
}

/// `check` remembers the labels it has read for the next text on the same thread; that memo
/// must be a pure cache: checking every fixture after all the others (in both orders) gives
/// exactly what a fresh analysis of the text gives.
#[test]
fn remembered_labels_change_no_finding() {
    use ogi_lint::analysis::Analysis;
    let mut texts: Vec<String> = Vec::new();
    for dir in ["corpus", "forms", "minimal"] {
        for entry in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            texts.push(read(&entry.unwrap().path()));
        }
    }
    assert!(texts.len() > 20, "fixtures not found");
    let options = Options::default();
    let fresh: Vec<_> = texts
        .iter()
        .map(|t| Analysis::new(t, options.clone()).diagnostics())
        .collect();
    for _ in 0..2 {
        for (text, expected) in texts.iter().zip(&fresh) {
            assert_eq!(&check(text, &options), expected);
        }
        for (text, expected) in texts.iter().zip(&fresh).rev() {
            assert_eq!(&check(text, &options), expected);
        }
    }
}
