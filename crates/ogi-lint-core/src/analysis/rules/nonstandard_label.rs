//! `nonstandard-label` (warning): a row, column or block label worded differently from the
//! template. Found by edit distance with the label's place in the table as context, so
//! `上年转结` is read as `上年结转` and a truncated header `本年新` in the second column of
//! 第二十条第（一）项 as `本年新公开数量`. The fix replaces the label.
//!
//! Not flagged: differences of width, brackets, quotes or spaces (`label-punctuation`), a
//! parenthetical filling note after the label (`采购总金额（单位：万元）`), and a label of the
//! other edition (`edition-mismatch`).

use crate::analysis::model::{Model, Quality, COLUMN_ORDER};
use crate::analysis::rules::{list, place_name};
use crate::analysis::template::Template;
use crate::analysis::{Diagnostic, Edition, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `nonstandard-label` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "nonstandard-label",
    severity: Severity::Warning,
    summary: "a label's wording differs from the standard one (`上年转结` for `上年结转`)",
    summary_zh: "标签的措辞与模板不同（`上年转结` 应为 `上年结转`）",
    fix: "`--fix`",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for label in &model.labels {
        if label.quality != Quality::Reworded {
            continue;
        }
        let place = place_name(lang, label.place);
        let message = if label.place == COLUMN_ORDER {
            let edition = model.edition.unwrap_or(Edition::E2021);
            let order = list(lang, &Template::get(edition).applications.columns);
            msg!(
                lang,
                "nonstandard-label-column-order",
                written = &label.written,
                standard = label.standard,
                order = order
            )
        } else if !label.fixable && label.place.ends_with("column") {
            msg!(
                lang,
                "nonstandard-label-swapped",
                place = place,
                written = &label.written,
                standard = label.standard
            )
        } else {
            msg!(
                lang,
                "nonstandard-label",
                place = place,
                written = &label.written,
                standard = label.standard
            )
        };
        let mut d = Diagnostic::new(RuleCode::NonstandardLabel, label.range.clone(), message);
        if label.fixable {
            d = d.with_replacement(lang, label.range.clone(), label.standard);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{apply_fixes, codes, lines_of, report, TABLE_3_GFM};

    #[test]
    fn flags_reworded_row_labels_and_fixes_them() {
        let table = TABLE_3_GFM
            .replace("二、上年结转", "二、上年转结")
            .replace("一、本年新收政府", "一、本年新收到政府")
            .replace("四、结转下年度", "四、转结下年度");
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "nonstandard-label");
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[1].1, "表三行名“二、上年转结政府信息公开申请数量”应为“二、上年结转政府信息公开申请数量”");
        let fixed = apply_fixes(&text, "nonstandard-label");
        assert_eq!(fixed, report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM));
    }

    #[test]
    fn swapped_columns_are_flagged_without_a_rename() {
        let table = TABLE_3_GFM.replace("| 商业企业 | 科研机构 |", "| 科研机构 | 商业企业 |");
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "nonstandard-label");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.starts_with("表三各列的顺序与模板不同"), "{found:?}");
        assert_eq!(apply_fixes(&text, "nonstandard-label"), text);
    }

    #[test]
    fn does_not_flag_punctuation_or_notes() {
        let table = TABLE_3_GFM
            .replace("（一）予以公开", "(一)予以公开")
            .replace(
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "（二）部分公开",
            );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        assert!(!codes(&text).contains(&"nonstandard-label".to_string()));
    }
}
