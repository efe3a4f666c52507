//! `balance-mismatch` (error): the relation printed in table 三's corner cell — per column,
//! 一 + 二 = 三（七）总计 + 四 (new + carried over = handled + carried forward).
//!
//! Reported once per column, at the cell of row 四 (结转下年度继续办理). There is no automatic
//! fix: the tool cannot know which of the four figures is wrong.
//! Not checked when one of the four rows is absent or holds an invalid cell.

use rust_decimal::Decimal;

use crate::analysis::model::{Model, Slot};
use crate::analysis::rules::show;
use crate::analysis::rules::total_mismatch::place;
use crate::analysis::template::{TableKind, Template};
use crate::analysis::{Diagnostic, RuleCode};

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    let Some(table) = model.table(TableKind::Applications) else {
        return;
    };
    let t = &Template::get(table.edition).applications;
    let b = &t.balance;
    let rows =
        |ids: &[String]| -> Option<Vec<usize>> { ids.iter().map(|id| t.row_index(id)).collect() };
    let (Some(left), Some(right), Some(at)) = (rows(&b.left), rows(&b.right), t.row_index(&b.at))
    else {
        return;
    };
    let present = |r: &usize| table.rows[*r].slots.iter().any(|s| *s != Slot::Absent);
    if !left.iter().chain(&right).all(present) {
        return;
    }
    for (c, column) in table.columns.iter().enumerate() {
        let sum = |rs: &[usize]| -> Option<(Decimal, Vec<Decimal>)> {
            let v: Option<Vec<Decimal>> = rs
                .iter()
                .map(|&r| table.rows[r].slots.get(c).and_then(Slot::amount))
                .collect();
            v.map(|v| (v.iter().sum(), v))
        };
        let (Some((l, lv)), Some((r, rv))) = (sum(&left), sum(&right)) else {
            continue;
        };
        if l == r {
            continue;
        }
        let join = |v: &[Decimal]| v.iter().map(|x| show(*x)).collect::<Vec<_>>().join(" + ");
        let at_row = &table.rows[at];
        let Some(slot) = at_row.slots.get(c) else {
            continue;
        };
        out.push(Diagnostic::new(
            RuleCode::BalanceMismatch,
            place(slot, at_row),
            format!(
                "{column}: 一 + 二 = {} = {} but 三（七）总计 + 四 = {} = {} (the template requires them equal)",
                join(&lv),
                show(l),
                join(&rv),
                show(r)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_of, report, TABLE_3_GFM};

    #[test]
    fn flags_each_column_whose_balance_breaks() {
        let table = TABLE_3_GFM.replace(
            "| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "balance-mismatch");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0]
                .1
                .starts_with("自然人: 一 + 二 = 2 + 0 = 2 but 三（七）总计 + 四 = 2 + 1 = 3"),
            "{found:?}"
        );
        assert!(found.iter().all(|f| f.2.contains("四、结转下年度继续办理")));
        assert!(!codes(&text).contains(&"total-mismatch".to_string()));
    }

    #[test]
    fn does_not_flag_a_balanced_table() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(lines_of(&text, "balance-mismatch").is_empty());
    }
}
