//! Tests of the fix engine: passes, overlaps, line terminators, roll-back, and text diffs.

#![allow(clippy::unwrap_used)]

use super::*;

fn replace(text: &str, needle: &str, with: &str) -> Diagnostic {
    let start = text.find(needle).unwrap();
    Diagnostic::new(RuleCode::TotalMismatch, start..start + needle.len(), "m").with_replacement(
        crate::analysis::Lang::Zh,
        start..start + needle.len(),
        with,
    )
}

#[test]
fn applies_non_overlapping_and_skips_overlaps() {
    let text = "（一）予以公开 | 1 |\n总计 | 9 |\n";
    let one = replace(text, "1", "2");
    let total = replace(text, "9", "10");
    // Overlaps the first edit: skipped in this pass.
    let clash = replace(text, "1 |", "3 |");
    let (fixed, applied) = apply_safe_fixes(text, &[one, clash, total]).unwrap();
    assert_eq!(fixed, "（一）予以公开 | 2 |\n总计 | 10 |\n");
    assert_eq!(
        applied,
        vec![
            AppliedFix {
                code: RuleCode::TotalMismatch,
                title: "改为“2”".into(),
                line: 1,
                column: 11
            },
            AppliedFix {
                code: RuleCode::TotalMismatch,
                title: "改为“10”".into(),
                line: 2,
                column: 6
            },
        ]
    );
}

#[test]
fn unsafe_invalid_and_no_op_fixes_are_not_applied() {
    let text = "一二三";
    let unsafe_fix = Diagnostic::new(RuleCode::MissingSection, 0..0, "m").with_fix(Fix {
        title: "Insert".into(),
        edits: vec![Edit {
            range: 0..0,
            new_text: "x".into(),
        }],
        safe: false,
    });
    // Inside a character, and past the end.
    let split = Diagnostic::new(RuleCode::TotalMismatch, 1..2, "m").with_replacement(
        crate::analysis::Lang::Zh,
        1..2,
        "x",
    );
    // Between the halves of a CRLF.
    let crlf = "a\r\nb";
    let inside = Diagnostic::new(RuleCode::TotalMismatch, 2..2, "m").with_replacement(
        crate::analysis::Lang::Zh,
        2..2,
        "x",
    );
    assert_eq!(apply_safe_fixes(crlf, &[inside]), None);
    let past = Diagnostic::new(RuleCode::TotalMismatch, 9..12, "m").with_replacement(
        crate::analysis::Lang::Zh,
        9..12,
        "x",
    );
    let no_op = replace(text, "二", "二");
    assert_eq!(
        apply_safe_fixes(text, &[unsafe_fix, split, past, no_op]),
        None
    );
}

#[test]
fn a_fix_with_several_edits_is_all_or_nothing() {
    let text = "a b c";
    let first = replace(text, "a", "A");
    let both = Diagnostic::new(RuleCode::NonstandardLabel, 0..1, "m").with_fix(Fix {
        title: "two".into(),
        edits: vec![
            Edit {
                range: 4..5,
                new_text: "C".into(),
            },
            Edit {
                range: 0..1,
                new_text: "Z".into(),
            },
        ],
        safe: true,
    });
    let (fixed, applied) = apply_safe_fixes(text, &[first, both]).unwrap();
    assert_eq!(fixed, "A b c");
    assert_eq!(applied.len(), 1);
}

/// A toy analysis: every `（七）总计 | N |` whose N is not the sum of the `| n |` lines above it
/// is an error with a safe fix, and every straight `(` is a hint with a label fix.
fn toy_check(text: &str) -> Vec<Diagnostic> {
    let mut res = Vec::new();
    let mut sum = 0u32;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let value = line.split('|').nth(1).map(str::trim).unwrap_or("");
        if let Ok(n) = value.parse::<u32>() {
            if line.starts_with("（七）总计") {
                if n != sum {
                    let start = offset + line.find(value).unwrap();
                    res.push(
                        Diagnostic::new(RuleCode::TotalMismatch, start..start + value.len(), "m")
                            .with_replacement(
                                crate::analysis::Lang::Zh,
                                start..start + value.len(),
                                sum.to_string(),
                            ),
                    );
                }
            } else {
                sum += n;
            }
        }
        if let Some(paren) = line.find('(') {
            let start = offset + paren;
            res.push(
                Diagnostic::new(RuleCode::LabelPunctuation, start..start + 1, "p")
                    .with_severity(Severity::Hint)
                    .with_replacement(crate::analysis::Lang::Zh, start..start + 1, "（"),
            );
        }
        offset += line.len();
    }
    res
}

#[test]
fn loop_is_idempotent_and_keeps_crlf() {
    let text = "(一) | 1 |\r\n(二) | 12 |\r\n（七）总计 | 3 |\r\n";
    let first = fix_until_stable(text, toy_check);
    assert_eq!(
        first.text,
        "（一) | 1 |\r\n（二) | 12 |\r\n（七）总计 | 13 |\r\n"
    );
    assert_eq!(first.applied.len(), 3);
    assert!(first.diagnostics.is_empty());
    let second = fix_until_stable(&first.text, toy_check);
    assert_eq!(second.text, first.text);
    assert!(second.applied.is_empty());
}

#[test]
fn loop_stops_after_max_passes() {
    // A fix that never resolves its diagnostic: the loop must still end.
    let mut calls = 0;
    let outcome = fix_until_stable("0", |text| {
        calls += 1;
        let next = (text.parse::<u32>().unwrap() + 1).to_string();
        vec![
            Diagnostic::new(RuleCode::TotalMismatch, 0..text.len(), "m").with_replacement(
                crate::analysis::Lang::Zh,
                0..text.len(),
                next,
            ),
        ]
    });
    assert_eq!(outcome.text, MAX_PASSES.to_string());
    assert_eq!(outcome.applied.len(), MAX_PASSES);
    assert_eq!(calls, MAX_PASSES + 1);
}

/// A toy analysis where the fix of `bad` makes two errors out of one, and `(` is a label fix:
/// the pass is rolled back and only the harmless fix is kept.
fn worsening_check(text: &str) -> Vec<Diagnostic> {
    let mut res = Vec::new();
    if let Some(at) = text.find("bad") {
        res.push(
            Diagnostic::new(RuleCode::TotalMismatch, at..at + 3, "bad").with_replacement(
                crate::analysis::Lang::Zh,
                at..at + 3,
                "worse",
            ),
        );
    }
    if let Some(at) = text.find("worse") {
        for _ in 0..2 {
            res.push(Diagnostic::new(
                RuleCode::BalanceMismatch,
                at..at + 5,
                "worse",
            ));
        }
    }
    if let Some(at) = text.find('(') {
        res.push(
            Diagnostic::new(RuleCode::LabelPunctuation, at..at + 1, "p")
                .with_severity(Severity::Hint)
                .with_replacement(crate::analysis::Lang::Zh, at..at + 1, "（"),
        );
    }
    res
}

#[test]
fn a_pass_that_adds_an_error_is_rolled_back() {
    let outcome = fix_until_stable("(一) bad\n", worsening_check);
    assert_eq!(outcome.text, "（一) bad\n");
    assert_eq!(outcome.applied.len(), 1);
    assert_eq!(outcome.applied[0].code, RuleCode::LabelPunctuation);
    // Alone, the bad fix is not applied at all.
    let outcome = fix_until_stable("bad\n", worsening_check);
    assert_eq!(outcome.text, "bad\n");
    assert!(outcome.applied.is_empty());
    // Nor as a quick fix.
    let diagnostics = worsening_check("bad\n");
    let fix = diagnostics[0].fix.as_ref().unwrap();
    assert_eq!(apply_fix_with("bad\n", fix, worsening_check), None);
    let label = worsening_check("(x\n").remove(0).fix.unwrap();
    assert_eq!(
        apply_fix_with("(x\n", &label, worsening_check).as_deref(),
        Some("（x\n")
    );
}

#[test]
fn newline_in_inserted_text_follows_the_file() {
    let text = "a\r\nb\r\n";
    let insert = Diagnostic::new(RuleCode::MissingRow, 3..3, "m").with_fix(Fix {
        title: "Insert row".into(),
        edits: vec![Edit {
            range: 3..3,
            new_text: "x\n".into(),
        }],
        safe: true,
    });
    let (fixed, _) = apply_safe_fixes(text, std::slice::from_ref(&insert)).unwrap();
    assert_eq!(fixed, "a\r\nx\r\nb\r\n");
    // A quick fix (here unsafe) goes the same way.
    let fix = insert.fix.unwrap();
    assert_eq!(
        apply_fix_with(text, &fix, |_| Vec::new()).as_deref(),
        Some("a\r\nx\r\nb\r\n")
    );
}

fn apply(old: &str, edits: &[Edit]) -> String {
    let mut res = old.to_owned();
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for edit in sorted {
        res.replace_range(edit.range.clone(), &edit.new_text);
    }
    res
}

#[test]
fn edits_between_cover_only_what_changed() {
    let old = "| （一）予以公开 | 3 | 2 |\r\n| （七）总计 | 13 |\r\n";
    let new = "| （一）予以公开 | 3 | 3 |\r\n| （七）总计 | 13 |\r\n";
    let edits = edits_between(old, new);
    assert_eq!(edits.len(), 1);
    assert_eq!(&old[edits[0].range.clone()], "2");
    assert_eq!(edits[0].new_text, "3");
    assert_eq!(apply(old, &edits), new);
    assert!(edits_between(old, old).is_empty());
    // Lines added: one edit over the changed middle.
    let added = "| （一）予以公开 | 3 | 2 |\r\n| x |\r\n| （七）总计 | 13 |\r\n";
    let edits = edits_between(old, added);
    assert_eq!(edits.len(), 1);
    assert_eq!(apply(old, &edits), added);
    // Characters that share leading bytes (二 E4 BA 8C, 五 E4 BA 94) split on a boundary.
    let edits = edits_between("二", "五");
    assert_eq!(edits[0].range, 0..3);
}

proptest::proptest! {
    /// Arbitrary edits (past the end, inside characters, overlapping) never panic, and an edit
    /// that replaces no line terminator leaves the line count alone.
    #[test]
    fn arbitrary_edits_are_safe(
        text in "[a一😀\r\n]{0,20}",
        edits in proptest::collection::vec((0usize..60, 0usize..10, "[b二]{0,3}"), 0..6),
    ) {
        let diagnostics: Vec<Diagnostic> = edits
            .into_iter()
            .map(|(start, len, new_text)| {
                Diagnostic::new(RuleCode::TotalMismatch, start..start + len, "m")
                    .with_replacement(crate::analysis::Lang::Zh, start..start + len, new_text)
            })
            .collect();
        let keeps_lines = diagnostics.iter().all(|d| {
            text.get(d.range.clone()).is_none_or(|old| !old.contains(['\r', '\n']))
        });
        if let Some((fixed, applied)) = apply_safe_fixes(&text, &diagnostics) {
            proptest::prop_assert!(!applied.is_empty());
            if keeps_lines {
                proptest::prop_assert_eq!(
                    LineIndex::new(&fixed).line_count(),
                    LineIndex::new(&text).line_count()
                );
            }
        }
    }

    /// Applying `edits_between(old, new)` to `old` gives `new`, for any two texts.
    #[test]
    fn edits_between_reproduce_the_new_text(
        old in "[a二五😀|\r\n]{0,24}",
        new in "[a二五😀|\r\n]{0,24}",
    ) {
        let edits = edits_between(&old, &new);
        proptest::prop_assert_eq!(apply(&old, &edits), new);
    }
}
