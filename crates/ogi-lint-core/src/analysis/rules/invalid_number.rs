//! `invalid-number` (error): a value cell that is not a valid number for its column — letters
//! (`O` for `0`), Chinese numerals (`十`), a unit the column does not allow (`2件`), a negative
//! count, a fraction of an application, 元 in a column in 万元.
//!
//! Allowed, and not flagged: full-width digits, thousands separators, `—` `-` `/` for none,
//! `增3` / `减 6` / `+3` / `-8` in 本年增/减, 元 or 万元 in 采购总金额, `[bookmark: …]` residue.
//! The quick fix writes the number meant when it is unambiguous (`O` → `0`, `二十三` → `23`).

use crate::analysis::model::Model;
use crate::analysis::{Diagnostic, Fix, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `invalid-number` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "invalid-number",
    severity: Severity::Error,
    summary: "a value cell is not a valid number for its column (`O`, `十`, `2件`, `-1`, `1.5`)",
    fix: "quick fix when the number meant is clear (`O` → `0`)",
};

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    for cell in &model.invalid_cells {
        let mut d = Diagnostic::new(
            RuleCode::InvalidNumber,
            cell.range.clone(),
            match &cell.suggestion {
                Some(s) => format!(
                    "{}: not a valid number: {} (did you mean {s}?)",
                    cell.place, cell.reason
                ),
                None => format!("{}: not a valid number: {}", cell.place, cell.reason),
            },
        );
        if let Some(s) = &cell.suggestion {
            d = d.with_fix(Fix {
                title: format!("Replace with {s}"),
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

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_of, report, TABLE_3_GFM};

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
        assert!(lines_of(&with("O"), "invalid-number")[0]
            .1
            .contains("did you mean 0?"));
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
