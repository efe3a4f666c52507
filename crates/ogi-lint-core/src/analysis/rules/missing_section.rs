//! `missing-section` (error): a section the template requires is absent.
//!
//! The six sections 一 … 六 are found by wording or, failing that, by number at their place
//! (see `model::sections`). When one cannot be found, the diagnostic sits where it should
//! begin: on the heading of the next section found, or on the last line of the document.
//!
//! Example: a report whose last heading is `五、存在的主要问题及改进情况` gets
//! `缺少“六、其他需要报告的事项”：应在报告末尾` on its last line. The quick fix inserts the
//! heading.
//!
//! A text with no section at all and no statistics table — an empty file, or one that is not a
//! report (the CLI checks every file it is named, and the server any file its `include` globs
//! match) — gets ONE finding at its start saying so, not six "expected at the end" findings.

use crate::analysis::model::Model;
use crate::analysis::template::Template;
use crate::analysis::text::chinese_numeral;
use crate::analysis::{Diagnostic, Edit, Fix, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `missing-section` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "missing-section",
    severity: Severity::Error,
    summary: "a required section (一 … 六) is absent",
    summary_zh: "缺少模板要求的部分（一 至 六）",
    fix: "quick fix inserts the heading",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(edition) = model.edition else { return };
    let t = Template::get(edition);
    if model.sections.iter().all(Option::is_none) && model.table_ranges.is_empty() {
        out.push(nothing_of_a_report(model, t, lang));
        return;
    }
    for spec in &t.sections {
        let idx = (spec.number - 1) as usize;
        if model.sections.get(idx).is_some_and(Option::is_some) {
            continue;
        }
        let heading = format!("{}、{}", chinese_numeral(spec.number), spec.title);
        let next = model.sections.iter().skip(idx + 1).flatten().next();
        let (range, insert_at, text) = match next {
            Some(n) => (n.range.clone(), n.start, format!("{heading}\n\n")),
            None => (
                model.last_line.clone(),
                model.last_line.end,
                format!("\n\n{heading}\n"),
            ),
        };
        let (message, title) = match next {
            Some(n) => (
                msg!(
                    lang,
                    "missing-section-before",
                    heading = &heading,
                    next = format!("{}、{}", chinese_numeral(n.number), n.title)
                ),
                msg_attr!(lang, "missing-section-before", "fix", heading = &heading),
            ),
            None => (
                msg!(lang, "missing-section-at-end", heading = &heading),
                msg_attr!(lang, "missing-section-at-end", "fix", heading = &heading),
            ),
        };
        out.push(
            Diagnostic::new(RuleCode::MissingSection, range, message).with_fix(Fix {
                title,
                edits: vec![Edit {
                    range: insert_at..insert_at,
                    new_text: text,
                }],
                safe: false,
            }),
        );
    }
}

/// The one finding of a text that shows nothing of a report: at its start.
fn nothing_of_a_report(model: &Model, t: &Template, lang: Lang) -> Diagnostic {
    let heading = |s: &crate::analysis::template::SectionSpec| {
        format!("{}、{}", chinese_numeral(s.number), s.title)
    };
    let first = t.sections.first().map(heading).unwrap_or_default();
    let last = t.sections.last().map(heading).unwrap_or_default();
    // `last_line` is empty only when no line has anything but blanks or comments.
    let message = if model.last_line.is_empty() {
        msg!(lang, "missing-section-empty-file", first = &first, last = &last)
    } else {
        msg!(lang, "missing-section-not-a-report", first = &first, last = &last)
    };
    Diagnostic::new(RuleCode::MissingSection, 0..0, message)
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_in, lines_of, report, TABLE_3_GFM};
    use crate::analysis::Lang;

    #[test]
    fn an_empty_text_gets_one_finding() {
        for text in ["", "\n", "  \r\n \n", "\u{3000}\n"] {
            let found = lines_of(text, "missing-section");
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert_eq!(found[0].0, 0);
            assert!(found[0].1.starts_with("文件是空的："), "{found:?}");
            assert_eq!(codes(text), ["missing-section"], "{text:?}");
        }
    }

    #[test]
    fn a_text_that_is_not_a_report_gets_one_finding_on_its_first_line() {
        let text = "# 年度材料整理说明\n\n本目录用于存放办公室年度文稿。\n\n涉及政府信息公开的文稿，发布前须经审查。\n";
        let found = lines_of(text, "missing-section");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 0);
        assert_eq!(found[0].2, "# 年度材料整理说明");
        assert!(
            found[0]
                .1
                .starts_with("这不像一份政府信息公开工作年度报告"),
            "{found:?}"
        );
        assert!(
            found[0].1.contains("“一、总体情况”到“六、其他需要报告的事项”"),
            "{found:?}"
        );
    }

    /// A table alone, or one section alone, is a report with parts missing: each missing
    /// section is still named where it belongs.
    #[test]
    fn does_not_replace_the_six_findings_when_a_section_or_table_is_there() {
        let table_only = format!("某局2021年政府信息公开工作年度报告\n\n{TABLE_3_GFM}");
        let found = lines_of(&table_only, "missing-section");
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(found.iter().all(|f| f.1.starts_with("缺少“")));
        let one_section = report(&[1], "");
        let found = lines_of(&one_section, "missing-section");
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn flags_a_missing_last_section_on_the_last_line() {
        let text = report(&[1, 2, 3, 4, 5], "");
        let found = lines_of(&text, "missing-section");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "缺少“六、其他需要报告的事项”：应在报告末尾");
        let found = lines_in(Lang::En, &text, "missing-section");
        assert_eq!(
            found[0].1,
            "section 六、其他需要报告的事项 is missing: it belongs at the end of the report"
        );
    }

    #[test]
    fn flags_a_missing_middle_section_at_the_next_heading() {
        let text = report(&[1, 2, 3, 5, 6], "");
        let found = lines_of(&text, "missing-section");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            "缺少“四、政府信息公开行政复议、行政诉讼情况”：应在“五、存在的主要问题及改进情况”之前"
        );
        assert!(found[0].2.starts_with("五、"));
    }

    #[test]
    fn does_not_flag_a_complete_report_or_the_statute_wording() {
        let text = report(&[1, 2, 3, 4, 5, 6], "");
        assert!(!codes(&text).contains(&"missing-section".to_string()));
        let text = text.replace(
            "五、存在的主要问题及改进情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
        );
        assert!(!codes(&text).contains(&"missing-section".to_string()));
    }
}
