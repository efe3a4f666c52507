//! `unreadable-table` (error): a statistics table is recognised — by its labels, or by its
//! place in section 二, 三 or 四 — but cannot be read. Reading it gave what only a failed
//! reading gives: more than half of its rows missing, or most of what was read matching no row
//! of the template. That is the checker's trouble with the layout, not the writer's mistake, so
//! it is ONE finding at the table instead of a flood of `missing-row`, `unknown-row`,
//! `missing-cell` or `invalid-number`, and the table's figures are not checked.
//!
//! Example: table 三 pasted so that its cells run together → `表三 收到和处理政府信息公开申请情况
//! could not be read: 3 of its 25 rows were found; lines 60–64 match no row of the template. …`,
//! with the layouts that are read and how to write the table so that it is.
//! Not flagged: a table read in any layout of spec §7 (its own findings are the writer's); a
//! table missing a few rows (`missing-row`, one finding each); table 二 or 四 missing rows (they
//! are short: each missing block or row is one finding, never a flood); a table with a few
//! extra provincial rows (`unknown-row`).

use crate::analysis::model::{Model, UnreadableTable};
use crate::analysis::{Diagnostic, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `unreadable-table` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "unreadable-table",
    severity: Severity::Error,
    summary: "a statistics table is recognised but cannot be read: one finding at the table, naming the lines, instead of many `missing-row`/`unknown-row`",
    fix: "",
};

/// The layouts ogi-lint reads, and how to write a table so that it is read (spec §7).
const HOW_TO_WRITE: &str = "Tables are read as Markdown pipe rows (with or without |---| and \
outer pipes), TAB-separated rows, one cell per line (TAB-indented or ending in ` |`) or PDF \
text: write one row (or one cell) per line, each row beginning with the template's label";

/// Lines named in a message, at most.
const LINES_NAMED: usize = 8;

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    for table in &model.unreadable_tables {
        out.push(Diagnostic::new(
            RuleCode::UnreadableTable,
            table.range.clone(),
            message(table),
        ));
    }
}

fn message(table: &UnreadableTable) -> String {
    let (first, last) = table.lines;
    let mut what = Vec::new();
    if table.rows_found * 2 < table.rows_expected {
        what.push(format!(
            "only {} of its {} rows were found",
            table.rows_found, table.rows_expected
        ));
    }
    if table.laid_out_as_text {
        what = vec![format!(
            "its rows stand as text, the figures separated by spaces, which is not read as a table"
        )];
    } else if !table.unread_lines.is_empty() {
        let one = table.unread_lines.len() == 1;
        what.push(format!(
            "{} {} no row of the template or {} not fit its columns",
            lines(&table.unread_lines),
            if one { "matches" } else { "match" },
            if one { "does" } else { "do" },
        ));
    }
    format!(
        "{} ({}) could not be read (无法读取此表): {}. Its figures are not checked. {HOW_TO_WRITE}",
        table.table.title(),
        if first == last {
            format!("line {}", span(first, last))
        } else {
            format!("lines {}", span(first, last))
        },
        what.join("; "),
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

/// `line 61`, `lines 61, 63–65` (1-based), at most [`LINES_NAMED`] runs and then `…`.
fn lines(lines: &[u32]) -> String {
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
    let word = if runs.len() == 1 && runs[0].0 == runs[0].1 {
        "line"
    } else {
        "lines"
    };
    format!("{word} {}", named.join(", "))
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
            message.starts_with("表三 收到和处理政府信息公开申请情况 (lines "),
            "{message}"
        );
        assert!(message.contains("only "), "{message}");
        assert!(message.contains("TAB-separated rows"), "{message}");
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
        assert!(found[0].1.contains("its rows stand as text"), "{found:?}");
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
        assert_eq!(super::lines(&[60]), "line 61");
        assert_eq!(super::lines(&[60, 60]), "line 61");
        assert_eq!(super::lines(&[60, 62, 63, 64]), "lines 61, 63–65");
        let many: Vec<u32> = (0..40).map(|i| i * 2).collect();
        assert!(super::lines(&many).ends_with(", …"));
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
