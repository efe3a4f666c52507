//! `unreadable-table` (error): a statistics table is recognised — by its labels, or by its
//! place in section 二, 三 or 四 — but cannot be read. Reading it gave what only a failed
//! reading gives: more than half of its rows missing, or most of what was read matching no row
//! of the template. That is the checker's trouble with the layout, not the writer's mistake, so
//! it is ONE finding at the table instead of a flood of `missing-row`, `unknown-row`,
//! `missing-cell` or `invalid-number`, and the table's figures are not checked.
//!
//! Example: table 三 pasted so that its cells run together → `表三 收到和处理政府信息公开申请情况
//! （第 57–63 行）的写法无法识别，表中的数字未经核对：模板的 25 行中只找到 3 行；第 60–64 行对不上
//! 模板的任何一行…`,
//! with the layouts that are read and how to write the table so that it is.
//! Not flagged: a table read in any layout of spec §7 (its own findings are the writer's); a
//! table missing a few rows (`missing-row`, one finding each); table 二 or 四 missing rows (they
//! are short: each missing block or row is one finding, never a flood); a table with a few
//! extra provincial rows (`unknown-row`).

use crate::analysis::model::{Model, UnreadableTable};
use crate::analysis::rules::list;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `unreadable-table` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "unreadable-table",
    severity: Severity::Error,
    summary: "a statistics table is recognised but cannot be read: one finding at the table, naming the lines, instead of many `missing-row`/`unknown-row`",
    summary_zh: "认得出是统计表，但写法无法识别：在表格处报告一次，指明是哪几行，而不是一连串 `missing-row`/`unknown-row`",
    fix: "",
};

/// Lines named in a message, at most.
const LINES_NAMED: usize = 8;

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for table in &model.unreadable_tables {
        out.push(Diagnostic::new(
            RuleCode::UnreadableTable,
            table.range.clone(),
            message(table, lang),
        ));
    }
}

fn message(table: &UnreadableTable, lang: Lang) -> String {
    let (first, last) = table.lines;
    let mut what = Vec::new();
    if table.rows_found * 2 < table.rows_expected {
        what.push(msg!(
            lang,
            "unreadable-table-rows-found",
            found = table.rows_found,
            expected = table.rows_expected
        ));
    }
    if table.laid_out_as_text {
        what = vec![msg!(lang, "unreadable-table-as-text")];
    } else if !table.unread_lines.is_empty() {
        let (lines, count) = lines(&table.unread_lines, lang);
        what.push(msg!(
            lang,
            "unreadable-table-unread-lines",
            lines = lines,
            count = count
        ));
    }
    let separator = match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    };
    let span = msg!(
        lang,
        "unreadable-table-span",
        lines = span(first, last),
        count = if first == last { 1 } else { 2 }
    );
    msg!(
        lang,
        "unreadable-table",
        table = table.table.title(),
        span = span,
        what = what.join(separator),
        how = msg!(lang, "unreadable-table-how")
    )
}

/// `57–83` for 0-based lines 56 and 82.
fn span(first: u32, last: u32) -> String {
    if first == last {
        format!("{}", first + 1)
    } else {
        format!("{}–{}", first + 1, last + 1)
    }
}

/// `61, 63–65` (1-based; `61、63–65` in Chinese), at most [`LINES_NAMED`] runs and then `…`,
/// and how many lines that names (1, or more: for the English plural).
fn lines(lines: &[u32], lang: Lang) -> (String, usize) {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &l in lines {
        match runs.last_mut() {
            Some((_, end)) if l <= *end + 1 => *end = (*end).max(l),
            _ => runs.push((l, l)),
        }
    }
    let mut named: Vec<String> = runs
        .iter()
        .take(LINES_NAMED)
        .map(|&(a, b)| span(a, b))
        .collect();
    if runs.len() > LINES_NAMED {
        named.push("…".to_string());
    }
    let count = if runs.len() == 1 && runs[0].0 == runs[0].1 {
        1
    } else {
        2
    };
    (list(lang, &named), count)
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_of, report, TABLE_3_GFM};

    /// Table 三 whose rows run together on a few lines, as a bad paste leaves them.
    fn run_together() -> String {
        let rows: Vec<&str> = TABLE_3_GFM.lines().collect();
        let mut table = rows[..4].join("\n");
        table.push('\n');
        // Every value row's cells on three lines with their labels glued to the figures.
        let glued: Vec<String> = rows[4..]
            .iter()
            .map(|r| r.replace(" | ", "").replace('|', ""))
            .collect();
        for chunk in glued.chunks(9) {
            table.push_str(&format!("| {} |\n", chunk.join("")));
        }
        table
    }

    #[test]
    fn one_finding_for_a_table_that_cannot_be_read() {
        let text = report(&[1, 2, 3, 4, 5, 6], &run_together());
        let found = lines_of(&text, "unreadable-table");
        assert_eq!(found.len(), 1, "{found:?}");
        let message = &found[0].1;
        assert!(
            message.starts_with("表三 收到和处理政府信息公开申请情况（第 "),
            "{message}"
        );
        assert!(message.contains("中只找到"), "{message}");
        assert!(message.contains("以制表符分隔各格的行"), "{message}");
        // Nothing else about the table: no flood of rows missing or unknown.
        let codes = codes(&text);
        for flood in [
            "missing-row",
            "unknown-row",
            "missing-cell",
            "invalid-number",
            "total-mismatch",
        ] {
            assert!(!codes.contains(&flood.to_string()), "{flood} in {codes:?}");
        }
    }

    #[test]
    fn a_row_of_sixteen_thousand_cells_is_one_finding() {
        let row = format!("|{}\n", " 总计 1 2 3 |".repeat(16_000));
        let text = report(&[1, 2, 3, 4, 5, 6], &row);
        let codes = codes(&text);
        assert!(codes.len() < 20, "{} findings", codes.len());
        assert_eq!(
            codes.iter().filter(|c| *c == "unreadable-table").count(),
            1,
            "{codes:?}"
        );
    }

    #[test]
    fn one_finding_for_a_table_written_as_text() {
        // PDF text laid out with spaces: labels and figures, no TAB and no `|`.
        let table: String = TABLE_3_GFM
            .lines()
            .skip(4)
            .map(|row| {
                let cells: Vec<&str> = row
                    .trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect();
                format!("{}\n", cells.join("   "))
            })
            .collect();
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "unreadable-table");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("各行是以空格分隔数字的文字"), "{found:?}");
        assert!(found[0].2.starts_with("一、本年新收"), "{found:?}");
        // The table is there: no missing-table for section 三.
        let missing: Vec<_> = lines_of(&text, "missing-table");
        assert!(
            missing.iter().all(|m| !m.2.starts_with("三、")),
            "{missing:?}"
        );
    }

    #[test]
    fn does_not_flag_prose_with_a_figure_or_two() {
        let prose =
            "本年新收政府信息公开申请数量 7 件，办结 12 件。\n一、本年新收政府信息公开申请数量 7\n";
        let text = report(&[1, 2, 3, 4, 5, 6], prose);
        assert!(lines_of(&text, "unreadable-table").is_empty());
    }

    #[test]
    fn names_the_lines_it_could_not_read() {
        use crate::analysis::Lang;
        assert_eq!(super::lines(&[60], Lang::En), ("61".to_string(), 1));
        assert_eq!(super::lines(&[60, 60], Lang::En), ("61".to_string(), 1));
        assert_eq!(
            super::lines(&[60, 62, 63, 64], Lang::En),
            ("61, 63–65".to_string(), 2)
        );
        assert_eq!(
            super::lines(&[60, 62, 63, 64], Lang::Zh),
            ("61、63–65".to_string(), 2)
        );
        let many: Vec<u32> = (0..40).map(|i| i * 2).collect();
        assert!(super::lines(&many, Lang::En).0.ends_with(", …"));
    }

    #[test]
    fn does_not_flag_a_table_missing_a_few_rows() {
        let table = TABLE_3_GFM
            .replace("|  |  | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "")
            .replace(
                "|  |  | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
                "",
            );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        assert!(lines_of(&text, "unreadable-table").is_empty());
        assert_eq!(lines_of(&text, "missing-row").len(), 2);
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(lines_of(&text, "unreadable-table").is_empty());
    }
}
