//! `Analysis::apply_change` must give exactly what a fresh analysis of the new text gives, and
//! parse only the blocks an edit touches.

use proptest::prelude::*;

use super::{Analysis, Options, TextChange};

const REPORTS: [&str; 7] = [
    include_str!("../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
    include_str!("../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
    include_str!("../../../../tests/fixtures/forms/gfm.md"),
    // Layouts whose blocks depend on page-number lines, per-group headings, label parts
    // continuing a table line and lines of figures (spec §7).
    include_str!("../../../../tests/fixtures/forms/page-breaks.txt"),
    include_str!("../../../../tests/fixtures/forms/per-group.md"),
    include_str!("../../../../tests/fixtures/forms/pdf-split-labels.txt"),
    include_str!("../../../../tests/fixtures/forms/bare-pipes.txt"),
];

/// Applies one edit to `text` and to `analysis`, then compares with a fresh analysis.
fn edit_and_compare(
    text: &mut String,
    analysis: &mut Analysis,
    at: usize,
    delete: usize,
    insert: &str,
) {
    let mut start = at.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + delete).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text.replace_range(start..end, insert);
    analysis.apply_change(
        &TextChange {
            old_range: start..end,
            new_len: insert.len(),
        },
        &*text,
    );
    let fresh = Analysis::new(text, Options::default());
    assert_eq!(
        analysis.blocks, fresh.blocks,
        "blocks differ after editing {start}..{end} → {insert:?}"
    );
    assert_eq!(analysis.diagnostics(), fresh.diagnostics());
}

#[test]
fn a_figure_typed_in_the_prose_reparses_one_block() {
    // The clean twin of forms/gfm.md, whose tables hold: its prose agrees with them.
    let mut text = include_str!("../../../../tests/fixtures/forms/clean-gfm.md").to_string();
    let mut analysis = Analysis::new(&text, Options::default());
    let figure = text.find("申请12件").unwrap_or(0) + "申请".len();
    edit_and_compare(&mut text, &mut analysis, figure, 2, "15");
    assert_eq!(analysis.reparsed_blocks(), 1);
    let narrative: Vec<_> = analysis
        .diagnostics()
        .into_iter()
        .filter(|d| d.code == super::RuleCode::NarrativeMismatch)
        .map(|d| (d.range.start, d.range.end))
        .collect();
    assert_eq!(narrative, [(figure, figure + 2)]);
}

#[test]
fn a_digit_typed_in_a_table_cell_reparses_one_block() {
    let mut text = REPORTS[2].to_string();
    let mut analysis = Analysis::new(&text, Options::default());
    let cell = text.find("| 5 |").unwrap_or(0) + 2;
    edit_and_compare(&mut text, &mut analysis, cell, 1, "7");
    assert_eq!(analysis.reparsed_blocks(), 1);
    // A long document: the cost follows the edited block, not the document.
    let mut long = REPORTS[2].to_string();
    for _ in 0..50 {
        long.push_str("\n\n这是一段很长的补充说明文字，用于测试增量分析。\n\n");
        long.push_str(
            "| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n| 主动公开政府信息数 | 条 | 171 |\n",
        );
    }
    let mut analysis = Analysis::new(&long, Options::default());
    let blocks = analysis.block_count();
    let cell = long.find("| 5 |").unwrap_or(0) + 2;
    edit_and_compare(&mut long, &mut analysis, cell, 1, "8");
    assert_eq!(analysis.reparsed_blocks(), 1, "of {blocks} blocks");
}

#[test]
fn edits_that_merge_and_split_blocks() {
    for report in REPORTS {
        let mut text = report.to_string();
        let mut analysis = Analysis::new(&text, Options::default());
        // Remove the blank line before section 三 (merges a table with a heading), put it back.
        if let Some(i) = text.find("\n\n三、") {
            edit_and_compare(&mut text, &mut analysis, i, 2, "\n");
            edit_and_compare(&mut text, &mut analysis, i, 0, "\n");
        }
        // Turn a heading into a table line and back.
        if let Some(i) = text.find("四、") {
            edit_and_compare(&mut text, &mut analysis, i, 0, "\t");
            edit_and_compare(&mut text, &mut analysis, i, 1, "");
        }
        // Delete everything, then type it back in one go.
        let all = text.clone();
        let len = text.len();
        edit_and_compare(&mut text, &mut analysis, 0, len, "");
        edit_and_compare(&mut text, &mut analysis, 0, 0, &all);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn random_edits_match_a_fresh_analysis(
        which in 0..REPORTS.len(),
        edits in prop::collection::vec(
            (0.0f64..1.0, 0usize..40, prop::sample::select(vec![
                "", "0", "12", "\n", "\n\n", "\t", "\t0\n", " |", "|", "| 规章 | 1 | 2 | 3 |\n",
                "三、", "（七）总计", "😀", "\r\n", "政府信息公开", "2021年", "<!-- ogi-lint-disable -->\n",
                "一、", "报告", "（一）", "a", "\r", "6\n6", "\t\ta告", " （\t\t0", "𝄞0", "数量 |",
                "— 6 —\n", "\u{c}", "第 7 页\n", "规章 | 0 | 0\n", " 1 1 0\n", "情形）", "**",
                "<br>", "&nbsp;", "（三）不予公开\n\n",
            ])),
            1..12,
        ),
    ) {
        let mut text = REPORTS[which].to_string();
        let mut analysis = Analysis::new(&text, Options::default());
        for (at, delete, insert) in edits {
            let at = (at * text.len() as f64) as usize;
            edit_and_compare(&mut text, &mut analysis, at, delete, insert);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Any text, however malformed: no panic, and every range (and fix edit) lies on char
    /// boundaries inside the text.
    #[test]
    fn arbitrary_text_never_breaks_the_analysis(
        pieces in prop::collection::vec(prop::sample::select(vec![
            "一、总体情况", "三、收到和处理政府信息公开申请情况", "四、", "（七）总计", "总计", "自然人",
            "第二十条第（一）项", "信息内容", "规章", "2021年政府信息公开工作年度报告", "二、上年结转",
            "|", "||||", " | ", "\t", "\n", "\r\n", "\r", " ", "\u{a0}", "\u{3000}", "0", "12", "-3",
            "１２", "1,234", "O", "十", "—", "/", "😀", "\u{301}", "\u{feff}", "[bookmark: F_1]",
            "<!-- ogi-lint-disable -->", "<!-- ogi-lint-enable total-mismatch -->", "#", "**",
            "|---|---|", "(", "）", "。", "减 6", "元", "𠮷", "\u{200b}",
            "— 6 —", "6/12", "第 6 页", "\u{c}", "<b>", "</b>", "<br>", "&nbsp;", "&#", "*",
            "类别", "数据1", "情形）", "1 1 0 0",
        ]), 0..120),
    ) {
        let text: String = pieces.concat();
        for d in super::check(&text, &Options::default()) {
            prop_assert!(d.range.start <= d.range.end && d.range.end <= text.len());
            prop_assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                prop_assert!(e.range.start <= e.range.end && e.range.end <= text.len());
                prop_assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
            }
        }
        let analysis = Analysis::new(&text, Options::default());
        for offset in (0..=text.len()).step_by(7) {
            let _ = analysis.hover(offset);
        }
        let _ = analysis.outline();
        let _ = analysis.inlay_hints();
    }
}

/// A change of language re-renders what the analysis says without parsing anything again:
/// the same findings at the same places, in the other language, as a fresh analysis in it.
#[test]
fn a_language_change_renders_again_without_parsing() {
    use super::Lang;
    let text = REPORTS[0];
    let mut analysis = Analysis::new(text, Options::default());
    let chinese = analysis.diagnostics();
    let change = TextChange {
        old_range: 0..0,
        new_len: 0,
    };
    // An empty edit parses (almost) nothing; then the language changes.
    analysis.apply_change(&change, &text);
    let parsed = analysis.reparsed_blocks();
    analysis.set_options(Options {
        language: Lang::En,
        ..Options::default()
    });
    assert_eq!(analysis.reparsed_blocks(), parsed);
    let english = analysis.diagnostics();
    let fresh = Analysis::new(
        text,
        Options {
            language: Lang::En,
            ..Options::default()
        },
    );
    assert_eq!(english, fresh.diagnostics());
    assert_eq!(english.len(), chinese.len());
    for (z, e) in chinese.iter().zip(&english) {
        assert_eq!((z.code, &z.range), (e.code, &e.range));
        assert_ne!(z.message, e.message);
    }
    analysis.set_options(Options::default());
    assert_eq!(analysis.diagnostics(), chinese);
}
