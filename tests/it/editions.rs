//! Which edition each real report is checked against, and why: the corpus reports (all on
//! 2020, so the 2019 edition) are decided by their titles — at the top, split over two lines,
//! or glued to the end of a Word export — never by a year quoted in their prose. And the one
//! copy of the edition list outside the templates (the VS Code setting) is checked against them.

use std::path::Path;

use ogi_lint::analysis::{with_analysis, EditionSource, EvidenceKind, Options};
use ogi_lint::line_index::{Encoding, LineIndex};
use ogi_lint::Edition;

#[test]
fn corpus_reports_are_decided_by_their_titles() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    // (file, 0-based line of the title's year)
    let cases = [
        ("000_5fa8514a54bbb990.txt", 0),
        // No title at the top; `…2020年政府信息公开工作年度报告.docx` is the last line.
        ("001_0381c409616ecac1.txt", 357),
        // `永康市商务局2020年度政府信息公开工作` / `年度报告`; a notice about the 2020 reports is
        // quoted in the prose three lines below.
        ("002_ddbd805a826f66fd.txt", 0),
        ("003_e3c41e1daa46b8a7.txt", 2),
    ];
    for (file, line) in cases {
        let text = std::fs::read_to_string(corpus.join(file)).unwrap();
        let (edition, source) = with_analysis(&text, &Options::default(), |a| {
            (a.edition(), a.edition_source().cloned())
        });
        assert_eq!(edition, Some(Edition::E2019), "{file}");
        let Some(EditionSource::Text(evidence)) = source else {
            panic!("{file}: decided by {source:?}");
        };
        assert_eq!(evidence.kind, EvidenceKind::Title, "{file}");
        assert_eq!(evidence.year, 2020, "{file}");
        assert_eq!(&text[evidence.range.clone()], "2020年", "{file}");
        let index = LineIndex::new(&text);
        let at = index.position(&text, evidence.range.start, Encoding::Utf16);
        assert_eq!(at.line, line, "{file}");
    }
}

/// The VS Code extension lists the editions for its `ogiLint.edition` setting (an enum, so the
/// settings UI offers them): a copy of the registry's, checked here so that a new built-in
/// edition cannot be left out of it.
#[test]
fn the_vscode_edition_setting_lists_the_editions_in_force() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode/package.json");
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let setting = &package["contributes"]["configuration"]["properties"]["ogiLint.edition"];
    let listed: Vec<&str> = setting["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let mut expected = vec!["auto"];
    expected.extend(Edition::all().map(Edition::name));
    assert_eq!(listed, expected);
    let described = setting["enumDescriptions"].as_array().map_or(0, Vec::len);
    assert_eq!(described, listed.len());
}
