//! `missing-cell`: a row with fewer cells than the table has columns (error), or a row that
//! mixes blank cells with numbers (information, or error when the blank is a total).
//!
//! Blank cells count as 0 in the arithmetic; the finding only says the row is incomplete.
//! Missing cells are not guessed at: relations that need them are not checked.
//! A blank total gets a fix that fills in the sum of its parts.
//! Not flagged: a row that is entirely blank, `—` or `/` (an explicit "none").

use crate::analysis::model::{Model, Slot};
use crate::analysis::rules::{application_row_name, list, short, show};
use crate::analysis::template::{TableKind, Template};
use crate::analysis::{Diagnostic, Fix, Lang, RuleCode, Severity};
use crate::analysis::RuleInfo;

/// What `missing-cell` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "missing-cell",
    severity: Severity::Error,
    summary: "a row is short of cells, or leaves cells blank (information unless a total is blank)",
    summary_zh: "一行的数字不全，或有空格未填（除总计空着以外仅作提示）",
    fix: "`--fix` fills a blank total",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for table in &model.tables {
        let t = Template::get(table.edition);
        let totals: Vec<(usize, &[usize])> = match table.kind {
            TableKind::Applications => vec![(
                t.applications.row_total.total,
                &t.applications.row_total.parts,
            )],
            TableKind::Reviews => t
                .reviews
                .row_totals
                .iter()
                .map(|r| (r.total, r.parts.as_slice()))
                .collect(),
            TableKind::Active => Vec::new(),
        };
        for (r, row) in table.rows.iter().enumerate() {
            let slots = table.row_slots(row);
            // Named only for a finding: most rows have none.
            let row_name = || match table.kind {
                TableKind::Applications => application_row_name(&t.applications, r, row.name),
                _ => short(row.name).to_owned(),
            };
            if row.group || slots.iter().all(|s| matches!(s, Slot::Absent)) {
                continue;
            }
            let label_or_row = row
                .label_range
                .clone()
                .or_else(|| row.row_range.clone())
                .unwrap_or(0..0);
            if let Some(Slot::Missing { found, .. }) = slots.first() {
                out.push(Diagnostic::new(
                    RuleCode::MissingCell,
                    label_or_row,
                    msg!(
                        lang,
                        "missing-cell-short",
                        row = &row_name(),
                        found = *found,
                        expected = slots.len()
                    ),
                ));
                continue;
            }
            let has_blank = slots.iter().any(|s| matches!(s, Slot::Blank { .. }));
            let has_number = slots
                .iter()
                .any(|s| matches!(s, Slot::Known { .. } | Slot::Invalid { .. }));
            // Listed only for a finding: most rows have none.
            if !has_blank || !has_number {
                continue;
            }
            let blanks: Vec<usize> = slots
                .iter()
                .enumerate()
                .filter(|(_, s)| matches!(s, Slot::Blank { .. }))
                .map(|(i, _)| i)
                .collect();
            let column = |i: usize| -> String {
                match table.kind {
                    TableKind::Active => table
                        .active_blocks
                        .iter()
                        .find(|b| r >= b.first_row && r < b.first_row + b.n_rows)
                        .and_then(|b| t.active.blocks.get(b.template_block))
                        .and_then(|b| b.columns.get(i))
                        .map(|c| c.label.clone())
                        .unwrap_or_else(|| msg!(lang, "missing-cell-column", number = i + 1)),
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
                msg!(
                    lang,
                    "missing-cell-blank",
                    row = &row_name(),
                    columns = list(lang, &names)
                ),
            );
            match blank_total {
                Some((total, parts)) => {
                    let sum: Option<rust_decimal::Decimal> = parts
                        .iter()
                        .map(|&p| slots.get(p).and_then(Slot::amount))
                        .sum();
                    if let (Some(sum), Some(range)) =
                        (sum, slots.get(*total).and_then(Slot::range))
                    {
                        d = d.with_fix(Fix {
                            title: msg_attr!(lang, "missing-cell-blank", "fix", sum = show(sum)),
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
                "“（五）2.重复申请”一行只有 5 个数字，应有 7 个：每格都要填，没有的填 0；填齐后才能核对这一行的勾稽关系".to_string()
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
                "“（五）2.重复申请”一行的 商业企业 未填写：没有的填 0".to_string()
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
                "“（五）2.重复申请”一行的 总计 未填写：没有的填 0".to_string()
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
