//! `missing-cell`: a row with fewer cells than the table has columns (error), or a row that
//! mixes blank cells with numbers (information, or error when the blank is a total).
//!
//! Blank cells count as 0 in the arithmetic; the finding only says the row is incomplete.
//! Missing cells are not guessed at: relations that need them are not checked.
//! A blank total gets a fix that fills in the sum of its parts.
//! Not flagged: a row that is entirely blank, `—` or `/` (an explicit "none").

use crate::analysis::model::{Model, Slot};
use crate::analysis::rules::{short, show};
use crate::analysis::template::{TableKind, Template};
use crate::analysis::{Diagnostic, Fix, RuleCode, Severity};
use crate::analysis::RuleInfo;

/// What `missing-cell` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "missing-cell",
    severity: Severity::Error,
    summary: "a row is short of cells, or leaves cells blank (information unless a total is blank)",
    fix: "`--fix` fills a blank total",
};

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    for table in &model.tables {
        let t = Template::get(table.edition);
        let totals: Vec<(usize, Vec<usize>)> = match table.kind {
            TableKind::Applications => vec![(
                t.applications.row_total.total,
                t.applications.row_total.parts.clone(),
            )],
            TableKind::Reviews => t
                .reviews
                .row_totals
                .iter()
                .map(|r| (r.total, r.parts.clone()))
                .collect(),
            TableKind::Active => Vec::new(),
        };
        for row in &table.rows {
            if row.group || row.slots.iter().all(|s| *s == Slot::Absent) {
                continue;
            }
            let label_or_row = row
                .label_range
                .clone()
                .or_else(|| row.row_range.clone())
                .unwrap_or(0..0);
            if let Some(Slot::Missing { found, .. }) = row.slots.first() {
                out.push(Diagnostic::new(
                    RuleCode::MissingCell,
                    label_or_row,
                    format!(
                        "row {} has {} of {} figures: write one in every cell (0 for none); its sums are not checked until then",
                        short(row.name),
                        found,
                        row.slots.len()
                    ),
                ));
                continue;
            }
            let blanks: Vec<usize> = row
                .slots
                .iter()
                .enumerate()
                .filter(|(_, s)| matches!(s, Slot::Blank { .. }))
                .map(|(i, _)| i)
                .collect();
            let has_number = row
                .slots
                .iter()
                .any(|s| matches!(s, Slot::Known { .. } | Slot::Invalid { .. }));
            if blanks.is_empty() || !has_number {
                continue;
            }
            let column = |i: usize| -> String {
                match table.kind {
                    TableKind::Active => format!("column {}", i + 1),
                    _ => table.columns.get(i).copied().unwrap_or("").to_string(),
                }
            };
            let blank_total = totals.iter().find(|(total, _)| blanks.contains(total));
            // Every cell of （七）总计 is a total too (of its column).
            let total_row = table.kind == TableKind::Applications
                && t.applications
                    .column_totals
                    .iter()
                    .filter_map(|ct| t.applications.row_index(&ct.total))
                    .any(|i| t.applications.rows[i].label == row.name);
            let names: Vec<String> = blanks.iter().map(|&i| column(i)).collect();
            let mut d = Diagnostic::new(
                RuleCode::MissingCell,
                label_or_row,
                format!("row {} leaves {} blank", short(row.name), names.join(", ")),
            );
            match blank_total {
                Some((total, parts)) => {
                    let sum: Option<rust_decimal::Decimal> = parts
                        .iter()
                        .map(|&p| row.slots.get(p).and_then(Slot::amount))
                        .sum();
                    if let (Some(sum), Some(range)) =
                        (sum, row.slots.get(*total).and_then(Slot::range))
                    {
                        d = d.with_fix(Fix {
                            title: format!("Fill in the total {}", show(sum)),
                            edits: vec![crate::analysis::Edit {
                                range,
                                new_text: show(sum),
                            }],
                            safe: true,
                        });
                    }
                }
                None if total_row => {}
                None => d = d.with_severity(Severity::Info),
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{report, TABLE_3_GFM};
    use crate::analysis::{check, Options, Severity};

    fn cells(table: &str) -> Vec<(Severity, String)> {
        check(&report(&[1, 2, 3, 4, 5, 6], table), &Options::default())
            .into_iter()
            .filter(|d| d.code.as_str() == "missing-cell")
            .map(|d| (d.severity, d.message))
            .collect()
    }

    #[test]
    fn a_short_row_is_an_error() {
        let t = TABLE_3_GFM.replace(
            "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 |",
        );
        assert_eq!(
            cells(&t),
            vec![(
                Severity::Error,
                "row 2.重复申请 has 5 of 7 figures: write one in every cell (0 for none); its sums are not checked until then".to_string()
            )]
        );
    }

    #[test]
    fn blanks_among_numbers_are_information_unless_the_total_is_blank() {
        let t = TABLE_3_GFM.replace(
            "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 2.重复申请 | 0 |  | 0 | 0 | 0 | 0 | 0 |",
        );
        assert_eq!(
            cells(&t),
            vec![(
                Severity::Info,
                "row 2.重复申请 leaves 商业企业 blank".to_string()
            )]
        );
        let t = TABLE_3_GFM.replace(
            "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 |  |",
        );
        assert_eq!(
            cells(&t),
            vec![(
                Severity::Error,
                "row 2.重复申请 leaves 总计 blank".to_string()
            )]
        );
    }

    #[test]
    fn a_blank_cell_of_the_total_row_is_an_error() {
        let t = TABLE_3_GFM.replace("| （七）总计 |  | 2 |", "| （七）总计 |  |  |");
        let found = cells(&t);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Error);
    }

    #[test]
    fn a_short_row_does_not_shift_values_into_other_columns() {
        let t = TABLE_3_GFM.replace(
            "| （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |",
            "| （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 2 |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &t);
        let codes: Vec<String> = check(&text, &Options::default())
            .into_iter()
            .filter(|d| d.severity == Severity::Error && d.code.as_str() != "missing-table")
            .map(|d| d.code.as_str().to_string())
            .collect();
        assert_eq!(codes, ["missing-cell"]);
    }

    #[test]
    fn does_not_flag_full_rows_or_all_dash_rows() {
        assert!(cells(TABLE_3_GFM).is_empty());
        let t = TABLE_3_GFM.replace(
            "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 2.重复申请 | — | — | — | — | — | — | — |",
        );
        assert!(cells(&t).is_empty());
    }
}
