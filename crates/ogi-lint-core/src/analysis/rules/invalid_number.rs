//! `invalid-number` (error): a value cell that is not a valid number for its column — letters
//! (`O` for `0`), Chinese numerals (`十`), a unit the column does not allow (`2件`), a negative
//! count, a fraction of an application, 元 in a column in 万元.
//!
//! Allowed, and not flagged: full-width digits, thousands separators, `—` `-` `/` for none,
//! `增3` / `减 6` / `+3` / `-8` in 本年增/减, 元 or 万元 in 采购总金额, `[bookmark: …]` residue.
//! The quick fix writes the number meant when it is unambiguous (`O` → `0`, `二十三` → `23`).

use crate::analysis::model::{InvalidCell, InvalidWhy, Model};
use crate::analysis::{Diagnostic, Fix, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `invalid-number` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "invalid-number",
    severity: Severity::Error,
    summary: "a value cell is not a valid number for its column (`O`, `十`, `2件`, `-1`, `1.5`)",
    summary_zh: "数字格里写的不是本栏认可的数字（`O`、`十`、`2件`、`-1`、`1.5`）",
    fix: "quick fix when the number meant is clear (`O` → `0`)",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for cell in &model.invalid_cells {
        let mut d = Diagnostic::new(RuleCode::InvalidNumber, cell.range.clone(), message(cell, lang));
        if let Some(s) = &cell.suggestion {
            d = d.with_fix(Fix {
                title: msg!(lang, "fix-replace", new = s),
                edits: vec![crate::analysis::Edit {
                    range: cell.range.clone(),
                    new_text: s.clone(),
                }],
                safe: false,
            });
        }
        out.push(d);
    }
}

/// What was written, why the column does not take it, and what to write instead when that is
/// clear.
fn message(cell: &InvalidCell, lang: Lang) -> String {
    let place = cell.place.as_str();
    let written = cell.written.as_str();
    let meant = cell.suggestion.as_deref().unwrap_or_default();
    let has_meant = cell.suggestion.is_some();
    macro_rules! m {
        ($id:literal) => {
            msg!(lang, $id, place = place, written = written, meant = meant)
        };
    }
    match cell.reason {
        InvalidWhy::NotANumber if has_meant => m!("invalid-number-not-a-number-meant"),
        InvalidWhy::NotANumber => m!("invalid-number-not-a-number"),
        InvalidWhy::ChineseNumeral if has_meant => m!("invalid-number-chinese-numeral-meant"),
        InvalidWhy::ChineseNumeral => m!("invalid-number-chinese-numeral"),
        InvalidWhy::CountWithUnit => m!("invalid-number-count-with-unit"),
        InvalidWhy::CountFraction => m!("invalid-number-count-fraction"),
        InvalidWhy::CountNegative => m!("invalid-number-count-negative"),
        InvalidWhy::CountSigned => m!("invalid-number-count-signed"),
        InvalidWhy::ChangeFraction => m!("invalid-number-change-fraction"),
        InvalidWhy::ChangeWithMoney => m!("invalid-number-change-with-money"),
        InvalidWhy::MoneyNegative => m!("invalid-number-money-negative"),
        InvalidWhy::YuanInWan => m!("invalid-number-yuan-in-wan"),
        InvalidWhy::MoneyWithCount => m!("invalid-number-money-with-count"),
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_in, lines_of, report, TABLE_3_GFM};
    use crate::analysis::Lang;

    fn with(cell: &str) -> String {
        let table = TABLE_3_GFM.replace("| 2.重复申请 | 0 |", &format!("| 2.重复申请 | {cell} |"));
        report(&[1, 2, 3, 4, 5, 6], &table)
    }

    #[test]
    fn flags_letters_numerals_units_negatives_and_fractions() {
        for cell in ["O", "十", "2件", "-1", "0.5", "1a"] {
            let found = lines_of(&with(cell), "invalid-number");
            assert_eq!(found.len(), 1, "{cell}: {found:?}");
        }
        assert_eq!(
            lines_of(&with("O"), "invalid-number")[0].1,
            "（五）2.重复申请 · 自然人 写的是“O”，不是数字：应为 0"
        );
        assert_eq!(
            lines_of(&with("9件"), "invalid-number")[0].1,
            "（五）2.重复申请 · 自然人 写的是“9件”：件数只填数字、不带单位，应为 9"
        );
        assert_eq!(
            lines_in(Lang::En, &with("1a"), "invalid-number")[0].1,
            "（五）2.重复申请 · 自然人: 1a is not a number; write the figure in digits, 0 for none"
        );
    }

    #[test]
    fn a_broken_cell_does_not_cascade_into_total_errors() {
        assert!(!codes(&with("O")).contains(&"total-mismatch".to_string()));
    }

    #[test]
    fn does_not_flag_full_width_digits_separators_or_dashes() {
        for cell in ["０", "—", "/", "-"] {
            assert!(lines_of(&with(cell), "invalid-number").is_empty(), "{cell}");
        }
    }
}
