//! `section-order` (warning): sections out of order, numbered wrongly, or shifted by an extra
//! numbered section a province adds.
//!
//! Example: `五、机构建设及组织保障情况` inserted before `六、存在的主要问题及改进情况` and
//! `七、其他需要报告的事项`: the extra section is flagged, and so is each shifted heading
//! (`序号写作“六”，但这是模板的第五部分`). There is no automatic fix: whether to
//! drop, move or renumber a section is the writer's call.

use crate::analysis::model::Model;
use crate::analysis::text::chinese_numeral;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `section-order` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "section-order",
    severity: Severity::Warning,
    summary: "sections are out of order, numbered wrongly, or shifted by an extra section",
    summary_zh: "部分的顺序或序号不对，或多出的部分使序号后移",
    fix: "",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for extra in &model.extra_sections {
        let heading = format!("{}、{}", chinese_numeral(extra.number), extra.title);
        out.push(Diagnostic::new(
            RuleCode::SectionOrder,
            extra.range.clone(),
            msg!(lang, "section-order-extra", heading = heading),
        ));
    }
    for found in model.sections.iter().flatten() {
        // Spelled out only for a finding (most sections are numbered as they should be).
        let standard = || chinese_numeral(found.number);
        if found.out_of_order {
            let standard = standard();
            out.push(Diagnostic::new(
                RuleCode::SectionOrder,
                found.range.clone(),
                msg!(
                    lang,
                    "section-order-out-of-order",
                    number = &standard,
                    title = &found.title
                ),
            ));
            continue;
        }
        match found.written_number {
            Some(n) if n != found.number => {
                let standard = standard();
                let shifted = model
                    .extra_sections
                    .iter()
                    .any(|e| e.range.start < found.range.start);
                let written = chinese_numeral(n);
                let message = if shifted {
                    msg!(
                        lang,
                        "section-order-numbered-shifted",
                        written = written,
                        number = &standard
                    )
                } else {
                    msg!(
                        lang,
                        "section-order-numbered",
                        written = written,
                        number = &standard
                    )
                };
                out.push(Diagnostic::new(
                    RuleCode::SectionOrder,
                    found.range.clone(),
                    message,
                ));
            }
            None => {
                let standard = standard();
                out.push(
                Diagnostic::new(
                    RuleCode::SectionOrder,
                    found.range.clone(),
                    msg!(lang, "section-order-no-number", number = &standard),
                )
                .with_fix(crate::analysis::Fix {
                    title: msg_attr!(lang, "section-order-no-number", "fix", number = &standard),
                    edits: vec![crate::analysis::Edit {
                        range: found.range.start..found.range.start,
                        new_text: format!("{standard}、"),
                    }],
                    safe: true,
                }),
            );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_of, report};

    #[test]
    fn flags_an_extra_section_and_the_shifted_ones() {
        let text = report(&[1, 2, 3, 4, 5, 6], "")
            .replace(
                "五、存在的主要问题及改进情况",
                "五、机构建设及组织保障情况\n说明。\n\n六、存在的主要问题及改进情况",
            )
            .replace("六、其他需要报告的事项", "七、其他需要报告的事项");
        let found = lines_of(&text, "section-order");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].2.starts_with("五、机构建设"));
        assert_eq!(
            found[1].1,
            "序号写作“六”，但这是模板的第五部分，应写“五、”；是前面多出的部分使序号后移"
        );
        assert!(!codes(&text).contains(&"missing-section".to_string()));
    }

    #[test]
    fn does_not_flag_sub_items_numbered_like_sections() {
        let text = report(&[1, 2, 3, 4, 5, 6], "").replace(
            "五、存在的主要问题及改进情况\n",
            "五、存在的主要问题及改进情况\n一、加强学习\n二、完善制度\n",
        );
        assert!(
            !codes(&text).contains(&"section-order".to_string()),
            "{:?}",
            codes(&text)
        );
    }

    #[test]
    fn flags_sections_out_of_order() {
        let text = report(&[1, 2, 3, 4, 6, 5], "");
        let found = lines_of(&text, "section-order");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!codes(&text).contains(&"missing-section".to_string()));
    }
}
