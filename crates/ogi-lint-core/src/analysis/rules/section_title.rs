//! `section-title` (warning): a section heading is present but worded differently from the
//! template. The fix replaces the title and keeps the writer's number.
//!
//! Example: `五、下步工作计划` → `第五部分的标题应为“存在的主要问题及改进情况”，现为“下步工作计划”`.
//! Not flagged: `五、政府信息公开工作存在的主要问题及改进情况` (the 条例's own wording), and
//! width or bracket differences (those are `label-punctuation`).

use crate::analysis::model::Model;
use crate::analysis::template::Template;
use crate::analysis::text::chinese_numeral;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `section-title` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "section-title",
    severity: Severity::Warning,
    summary: "a section heading's wording is not the standard title (`五、下步工作计划`)",
    summary_zh: "部分标题的措辞不是模板的标题（`五、下步工作计划`）",
    fix: "`--fix`",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(edition) = model.edition else { return };
    let t = Template::get(edition);
    for found in model.sections.iter().flatten() {
        if !found.reworded {
            continue;
        }
        let Some(spec) = t.section(found.number) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                RuleCode::SectionTitle,
                found.title_range.clone(),
                msg!(
                    lang,
                    "section-title",
                    number = chinese_numeral(found.number),
                    standard = &spec.title,
                    found = &found.title
                ),
            )
            .with_replacement(lang, found.title_range.clone(), spec.title.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{apply_fixes, codes, lines_of, report};

    #[test]
    fn flags_reworded_titles_by_wording_and_by_place() {
        let text = report(&[1, 2, 3, 4, 5, 6], "")
            .replace("五、存在的主要问题及改进情况", "五、下步工作计划")
            .replace(
                "二、主动公开政府信息情况",
                "二、主动公开政府信息公开情况统计表",
            );
        let found = lines_of(&text, "section-title");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[1].1,
            "第五部分的标题应为“存在的主要问题及改进情况”，现为“下步工作计划”"
        );
        let fixed = apply_fixes(&text, "section-title");
        assert!(fixed.contains("五、存在的主要问题及改进情况"));
        assert!(!codes(&fixed).contains(&"section-title".to_string()));
    }

    #[test]
    fn does_not_flag_the_statute_wording_or_punctuation_variants() {
        let text = report(&[1, 2, 3, 4, 5, 6], "")
            .replace(
                "五、存在的主要问题及改进情况",
                "五、政府信息公开工作存在的主要问题及改进情况",
            )
            .replace("六、其他需要报告的事项", "六. 其他需要报告的事项");
        assert!(!codes(&text).contains(&"section-title".to_string()));
    }
}
