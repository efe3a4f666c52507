//! `total-mismatch` (error): a total differs from the sum of its parts (spec §5, rules 2–4).
//!
//! - Table 三, every value row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.
//! - Table 三, every column: （七）总计 = （一）+（二）+ Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + （六）
//!   (2021: Σ（六）1–3).
//! - Table 四, three times: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
//!
//! Each broken relation is reported once, at its total cell, with the expected value and the
//! parts; the fix sets the total to the sum (never a part). Exact decimal arithmetic. Blank
//! cells count as 0; a relation with an invalid or missing cell is not checked (that cell is
//! reported by `invalid-number` or `missing-cell`).

use std::ops::Range;

use rust_decimal::Decimal;

use crate::analysis::model::{GridRow, Model, Slot, TableModel};
use crate::analysis::rules::{parts_list, short, show};
use crate::analysis::template::{RowTotalSpec, TableKind, Template};
use crate::analysis::{Diagnostic, Fix, RuleCode};

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    for table in &model.tables {
        match table.kind {
            TableKind::Applications => applications(table, out),
            TableKind::Reviews => reviews(table, out),
            TableKind::Active => {}
        }
    }
}

/// The amounts of `slots[i]` for each part, or `None` if any is unknown.
fn amounts(row: &GridRow, parts: &[usize]) -> Option<Vec<Decimal>> {
    parts
        .iter()
        .map(|&i| row.slots.get(i).and_then(Slot::amount))
        .collect()
}

/// Where a finding about `slot` goes: the cell, or the row's label when the cell is empty.
pub(crate) fn place(slot: &Slot, row: &GridRow) -> Range<usize> {
    match slot.range() {
        Some(r) if !r.is_empty() => r,
        _ => row
            .label_range
            .clone()
            .or_else(|| row.row_range.clone())
            .unwrap_or(0..0),
    }
}

fn set_total(d: Diagnostic, slot: &Slot, sum: Decimal) -> Diagnostic {
    match slot.range() {
        Some(range) => d.with_fix(Fix {
            title: format!("Set the total to {}", show(sum)),
            edits: vec![crate::analysis::Edit {
                range,
                new_text: show(sum),
            }],
            safe: true,
        }),
        None => d,
    }
}

/// A broken row sum `slots[total] = Σ slots[parts]`: the total slot, the expected sum and the
/// diagnostic (without its fix). `name` says whose 总计 it is; column names lose their group
/// prefix (`行政复议·结果维持` → `结果维持`).
fn broken_row_sum<'t>(
    table: &TableModel,
    row: &'t GridRow,
    spec: &RowTotalSpec,
    name: &str,
) -> Option<(&'t Slot, Decimal, Diagnostic)> {
    let total_slot = row.slots.get(spec.total)?;
    let parts = amounts(row, &spec.parts)?;
    let total = total_slot.amount()?;
    let sum: Decimal = parts.iter().sum();
    if total == sum {
        return None;
    }
    let named: Vec<(&str, Decimal)> = spec
        .parts
        .iter()
        .map(|&i| {
            table.columns[i]
                .rsplit('·')
                .next()
                .unwrap_or(table.columns[i])
        })
        .zip(parts)
        .collect();
    let d = Diagnostic::new(
        RuleCode::TotalMismatch,
        place(total_slot, row),
        format!(
            "{name} 总计 is {} but the parts add up to {} ({})",
            show(total),
            show(sum),
            parts_list(&named)
        ),
    );
    Some((total_slot, sum, d))
}

fn applications(table: &TableModel, out: &mut Vec<Diagnostic>) {
    let t = &Template::get(table.edition).applications;
    let spec = &t.row_total;
    // Broken row sums: (row, total slot, expected sum, diagnostic without its fix).
    let mut row_findings = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        if row.group || row.slots.iter().all(|s| *s == Slot::Absent) {
            continue;
        }
        if let Some((slot, sum, d)) = broken_row_sum(table, row, spec, short(row.name)) {
            row_findings.push((r, slot, sum, d));
        }
    }
    // Broken column sums: (column, total row, total slot, expected sum, diagnostic).
    let mut column_findings = Vec::new();
    for ct in &t.column_totals {
        let Some(total_idx) = t.row_index(&ct.total) else {
            continue;
        };
        let total_row = &table.rows[total_idx];
        if total_row.slots.iter().all(|s| *s == Slot::Absent) {
            continue;
        }
        let mut part_rows: Vec<usize> = ct.parts.iter().flat_map(|p| t.expand(p)).collect();
        if let Some(g) = table.collapsed_other {
            let id = &t.rows[g].id;
            part_rows.retain(|&i| t.rows[i].parent.as_deref() != Some(id.as_str()));
            part_rows.push(g);
        }
        for (c, column) in table.columns.iter().enumerate() {
            let Some(total_slot) = total_row.slots.get(c) else {
                continue;
            };
            let Some(total) = total_slot.amount() else {
                continue;
            };
            let amounts: Option<Vec<Decimal>> = part_rows
                .iter()
                .map(|&r| table.rows[r].slots.get(c).and_then(Slot::amount))
                .collect();
            let Some(amounts) = amounts else { continue };
            let sum: Decimal = amounts.iter().sum();
            if total != sum {
                let parts: Vec<(&str, Decimal)> = part_rows
                    .iter()
                    .map(|&r| short(table.rows[r].name))
                    .zip(amounts)
                    .collect();
                let d = Diagnostic::new(
                    RuleCode::TotalMismatch,
                    place(total_slot, total_row),
                    format!(
                        "（七）总计 in column {column} is {} but the rows of 三 add up to {} ({})",
                        show(total),
                        show(sum),
                        parts_list(&parts)
                    ),
                );
                column_findings.push((c, total_idx, part_rows.clone(), total_slot, sum, d));
            }
        }
    }
    // A fix is offered only when its inputs are not themselves being fixed: the 总计 column's
    // sum waits for broken row totals, and （七）总计's row sum waits for broken column totals.
    let broken_rows: Vec<usize> = row_findings.iter().map(|f| f.0).collect();
    let broken_columns: Vec<usize> = column_findings.iter().map(|f| f.0).collect();
    let total_rows: Vec<usize> = column_findings.iter().map(|f| f.1).collect();
    for (r, slot, sum, d) in row_findings {
        let inputs_broken =
            total_rows.contains(&r) && spec.parts.iter().any(|c| broken_columns.contains(c));
        out.push(if inputs_broken {
            d
        } else {
            set_total(d, slot, sum)
        });
    }
    for (c, _, part_rows, slot, sum, d) in column_findings {
        let inputs_broken = c == spec.total && part_rows.iter().any(|r| broken_rows.contains(r));
        out.push(if inputs_broken {
            d
        } else {
            set_total(d, slot, sum)
        });
    }
}

fn reviews(table: &TableModel, out: &mut Vec<Diagnostic>) {
    let t = &Template::get(table.edition).reviews;
    let Some(row) = table.rows.first() else {
        return;
    };
    for spec in &t.row_totals {
        let group = table.columns[spec.total].split('·').next().unwrap_or("");
        if let Some((slot, sum, d)) = broken_row_sum(table, row, spec, group) {
            out.push(set_total(d, slot, sum));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{apply_fixes, codes, lines_of, report, TABLE_3_GFM};

    const TABLE_4: &str = "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

    #[test]
    fn flags_a_row_total_and_the_fix_sets_the_sum() {
        let table = TABLE_3_GFM.replace(
            "| （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |",
            "| （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 0 | 3 |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "total-mismatch");
        // The row total, and the 总计 column's （七）总计 (3 ≠ 3 + 1 − …): two relations.
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0]
                .1
                .contains("总计 is 3 but the parts add up to 2 (自然人 1 + 商业企业 1)"),
            "{found:?}"
        );
        let fixed = apply_fixes(&text, "total-mismatch");
        assert!(fixed.contains("| （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |"));
    }

    #[test]
    fn flags_a_changed_part_at_the_column_total() {
        let table = TABLE_3_GFM.replace(
            "| 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "| 1.本机关不掌握相关政府信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "total-mismatch");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found.iter().all(|f| f.2.contains("（七）总计")),
            "{found:?}"
        );
        assert!(found[0]
            .1
            .contains("（七）总计 in column 自然人 is 2 but the rows of 三 add up to 3"));
    }

    #[test]
    fn flags_a_review_total() {
        let text = report(
            &[1, 2, 3, 4, 5, 6],
            &format!(
                "{TABLE_3_GFM}\n{}",
                TABLE_4.replace("| 1 | 0 | 0 | 1 | 2 |", "| 1 | 0 | 0 | 1 | 3 |")
            ),
        );
        let found = lines_of(&text, "total-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .1
            .contains("行政复议 总计 is 3 but the parts add up to 2"));
    }

    #[test]
    fn does_not_flag_tables_that_add_up_or_blank_zero_cells() {
        let text = report(&[1, 2, 3, 4, 5, 6], &format!("{TABLE_3_GFM}\n{TABLE_4}"));
        assert!(!codes(&text).contains(&"total-mismatch".to_string()));
        let blanks = TABLE_3_GFM.replace(
            "| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 二、上年结转政府信息公开申请数量 |  |  | — | — | — | — | — | — | — |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &blanks);
        assert!(!codes(&text).contains(&"total-mismatch".to_string()));
    }
}
