//! `label-punctuation` (hint): a label equal to the standard one after normalising width,
//! brackets, quotes and spaces — `(一)` for `（一）`, `"三安全一稳定"` for `“三安全一稳定”`,
//! `本年 度办 理结 果` from a PDF, `五､` or `五.` for `五、`. The fix writes the standard form.
//!
//! Not flagged: a label wrapped over two lines by an export (that is the text form, not the
//! wording), and wording differences (`nonstandard-label`).

use crate::analysis::model::{Model, Quality};
use crate::analysis::rules::place_name;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `label-punctuation` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "label-punctuation",
    severity: Severity::Hint,
    summary: "a label differs only in punctuation, width or spacing (`(一)` for `（一）`)",
    summary_zh: "标签只在标点、全半角或空格上与模板不同（`(一)` 应为 `（一）`）",
    fix: "`--fix`",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for label in &model.labels {
        if label.quality != Quality::Punctuation {
            continue;
        }
        let mut d = Diagnostic::new(
            RuleCode::LabelPunctuation,
            label.range.clone(),
            msg!(
                lang,
                "label-punctuation",
                place = place_name(lang, label.place),
                written = &label.written,
                standard = label.standard
            ),
        );
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
    fn flags_half_width_brackets_straight_quotes_and_pdf_spaces() {
        let table = TABLE_3_GFM
            .replace("（一）予以公开", "(一)予以公开")
            .replace("3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"")
            .replace("三、本年度办理结果", "三、 本年 度办 理结 果");
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "label-punctuation");
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            apply_fixes(&text, "label-punctuation"),
            report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM)
        );
    }

    #[test]
    fn does_not_flag_standard_labels() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(!codes(&text).contains(&"label-punctuation".to_string()));
    }
}
