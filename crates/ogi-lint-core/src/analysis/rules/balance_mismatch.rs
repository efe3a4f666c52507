//! `balance-mismatch` (error): the relation printed in table 三's corner cell — per column,
//! 一 + 二 = 三（七）总计 + 四 (new + carried over = handled + carried forward).
//!
//! The balances are read together with the sums of `total-mismatch` (`relations`). A single wrong
//! figure always breaks a sum too (every cell is in its row's sum), so it is reported once, as
//! `total-mismatch` at that cell, with the balances it breaks as related information. What is left
//! for this rule is a balance broken when no one cell explains the broken relations — e.g. a row
//! 四 whose 自然人 and 总计 are both too high, so that row still adds up: one finding per column
//! at the cell of row 四 (结转下年度继续办理), with both sides, and no fix (four figures take
//! part and nothing says which is wrong).
//! Not checked when one of the four rows is absent or holds an invalid cell.

use crate::analysis::model::Model;
use crate::analysis::rules::relations;
use crate::analysis::template::TableKind;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `balance-mismatch` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "balance-mismatch",
    severity: Severity::Error,
    summary: "in table 三, 一 + 二 ≠ 三（七）总计 + 四 for a column that no one wrong figure explains",
    summary_zh: "表三某列 一 + 二 ≠ 三（七）总计 + 四，且不能归于某一个错数",
    fix: "",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(table) = model.table(TableKind::Applications) else {
        return;
    };
    relations::report(table, lang, RuleCode::BalanceMismatch, out);
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{apply_fixes, codes, lines_of, report, TABLE_3_GFM};

    const CARRY_OVER: &str = "| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";

    #[test]
    fn flags_each_column_whose_balance_breaks_when_no_one_cell_explains_it() {
        // 自然人 and 总计 of row 四 both too high: the row still adds up, two balances break.
        let table = TABLE_3_GFM.replace(
            CARRY_OVER,
            "| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "balance-mismatch");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].1,
            "自然人：一 + 二 = 2 + 0 = 2，但（七）总计 + 四 = 2 + 1 = 3，相差 1；按表三的勾稽关系两者应相等"
        );
        assert!(found.iter().all(|f| f.2.contains("四、结转下年度继续办理")));
        assert!(!codes(&text).contains(&"total-mismatch".to_string()));
        // No fix: four figures take part and nothing says which is wrong.
        assert_eq!(apply_fixes(&text, "balance-mismatch"), text);
    }

    #[test]
    fn a_single_wrong_figure_of_row_four_is_not_flagged_here() {
        // One cell: its row's sum breaks too, so it is one total-mismatch at that cell.
        let table = TABLE_3_GFM.replace(
            CARRY_OVER,
            "| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 0 |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        assert!(lines_of(&text, "balance-mismatch").is_empty());
        let found = lines_of(&text, "total-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .1
            .starts_with("四、结转下年度继续办理 · 自然人 应为 0，现为 1，相差 1"));
    }

    #[test]
    fn does_not_flag_a_balanced_table() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(lines_of(&text, "balance-mismatch").is_empty());
    }
}
