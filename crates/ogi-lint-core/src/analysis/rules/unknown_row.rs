//! `unknown-row` (warning): a table row that matches no row of the template — an added row, a
//! duplicate, a row with more values than the table has columns — and, once per table, a
//! table that is not in the template at all (provinces add their own).
//!
//! Example: `| 五、其他 | 1 | … |` in table 三 → `row 五、其他 matches no row of 表三`.
//! Not flagged: reworded rows close to a standard label (`nonstandard-label`); an extra
//! provincial table is reported once, never row by row, and never breaks the standard checks;
//! and only where it sits among the statistics (sections 二, 三, 四, or anywhere if the
//! sections cannot be found) — a table in section 一, 五, 六 or in a section a province added
//! is content, not a misplaced statistics table.

use crate::analysis::model::{Model, UnknownReason};
use crate::analysis::template::TableKind;
use crate::analysis::{Diagnostic, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `unknown-row` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "unknown-row",
    severity: Severity::Warning,
    summary: "a row or a provincial table matches nothing in the template (reported once)",
    fix: "",
};

/// Unknown rows reported per table, at most (the last one says how many more there are):
/// never a flood. A table where most of what was read matches nothing is `unreadable-table`.
const PER_TABLE: usize = 3;

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    for kind in TableKind::ALL {
        let rows: Vec<_> = model
            .unknown_rows
            .iter()
            .filter(|r| r.table == kind)
            .collect();
        for (i, row) in rows.iter().enumerate().take(PER_TABLE) {
            let table = row.table.title();
            let mut message = match &row.reason {
                UnknownReason::NoMatch if row.label.is_empty() => format!(
                    "the figures on this line have no row label: begin the row with its label as {table} writes it (行首缺少行名称)"
                ),
                UnknownReason::NoMatch => format!("row {} matches no row of {table}", row.label),
                UnknownReason::Duplicate => format!(
                    "row {} appears twice in {table}; only the first is checked",
                    or_figures(&row.label)
                ),
                UnknownReason::ExtraValues { found, expected } => format!(
                    "row {} has {found} values but {table} has {expected} columns",
                    or_figures(&row.label)
                ),
                UnknownReason::GroupWithValues => format!(
                    "{} is a group heading in {table} and carries no values; put the figures on its numbered rows",
                    row.label
                ),
            };
            let more = rows.len().saturating_sub(PER_TABLE);
            if i + 1 == PER_TABLE && more > 0 {
                message.push_str(&format!(
                    " ({more} more {} of {table} like this not listed)",
                    if more == 1 { "row" } else { "rows" }
                ));
            }
            out.push(Diagnostic::new(
                RuleCode::UnknownRow,
                row.range.clone(),
                message,
            ));
        }
    }
    for extra in &model.extra_tables {
        out.push(Diagnostic::new(
            RuleCode::UnknownRow,
            extra.range.clone(),
            format!(
                "table starting with {} is not in the template (a local addition?); it is not checked",
                extra.first_label
            ),
        ));
    }
}

/// A row's label, or what stands for a row without one.
fn or_figures(label: &str) -> &str {
    if label.is_empty() {
        "of figures without a label"
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_of, report, TABLE_3_GFM};

    #[test]
    fn flags_an_added_row() {
        let table = TABLE_3_GFM.replace(
            "| 四、结转下年度继续办理",
            "| 五、其他情况说明 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 四、结转下年度继续办理",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn reports_an_extra_table_once_and_does_not_break_the_standard_one() {
        let extra = "| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n| （一）主动公开政府信息数 | 条 | 171 |\n| 1.政府网站公开政府信息数 | 条 | 171 |\n\n说明文字。\n\n";
        let text = report(&[1, 2, 3, 4, 5, 6], &format!("{extra}{TABLE_3_GFM}"));
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 1, "{found:?}");
        let codes = codes(&text);
        assert!(!codes.contains(&"invalid-number".to_string()), "{codes:?}");
        assert!(!codes.contains(&"total-mismatch".to_string()));
    }

    #[test]
    fn reports_at_most_three_rows_of_a_table() {
        let extra: String = (1..=5)
            .map(|i| format!("| 五、其他情况说明{i} |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"))
            .collect();
        let table = TABLE_3_GFM.replace(
            "| 四、结转下年度继续办理",
            &format!("{extra}| 四、结转下年度继续办理"),
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[2].1.ends_with(
                "(2 more rows of 表三 收到和处理政府信息公开申请情况 like this not listed)"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn figures_without_a_label_are_the_writers_line_not_the_checkers_trouble() {
        let table = TABLE_3_GFM.replace(
            "| 四、结转下年度继续办理",
            "|  |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 四、结转下年度继续办理",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .starts_with("the figures on this line have no row label"),
            "{found:?}"
        );
        assert!(!found[0].1.contains("without a label matches"), "{found:?}");
    }

    #[test]
    fn does_not_flag_standard_rows() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(lines_of(&text, "unknown-row").is_empty());
    }
}
