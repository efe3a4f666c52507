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
use crate::analysis::{Diagnostic, RuleCode};

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    for row in &model.unknown_rows {
        let table = row.table.title();
        let label = if row.label.is_empty() {
            "without a label".to_string()
        } else {
            row.label.clone()
        };
        let message = match &row.reason {
            UnknownReason::NoMatch => format!("row {label} matches no row of {table}"),
            UnknownReason::Duplicate => {
                format!("row {label} appears twice in {table}; only the first is checked")
            }
            UnknownReason::ExtraValues { found, expected } => {
                format!("row {label} has {found} values but {table} has {expected} columns")
            }
            UnknownReason::GroupWithValues => {
                format!("{label} is a group heading in {table} and carries no values; put the figures on its numbered rows")
            }
        };
        out.push(Diagnostic::new(
            RuleCode::UnknownRow,
            row.range.clone(),
            message,
        ));
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
    fn does_not_flag_standard_rows() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(lines_of(&text, "unknown-row").is_empty());
    }
}
