//! `missing-section` (error): a section the template requires is absent.
//!
//! The six sections 一 … 六 are found by wording or, failing that, by number at their place
//! (see `model::sections`). When one cannot be found, the diagnostic sits where it should
//! begin: on the heading of the next section found, or on the last line of the document.
//!
//! Example: a report whose last heading is `五、存在的主要问题及改进情况` gets
//! `missing section 六、其他需要报告的事项` on its last line. The quick fix inserts the heading.

use crate::analysis::model::Model;
use crate::analysis::template::Template;
use crate::analysis::text::chinese_numeral;
use crate::analysis::{Diagnostic, Edit, Fix, RuleCode};

pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    let Some(edition) = model.edition else { return };
    let t = Template::get(edition);
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
        let place = match next {
            Some(n) => format!("before {}", n.title),
            None => "at the end of the report".to_string(),
        };
        out.push(
            Diagnostic::new(
                RuleCode::MissingSection,
                range,
                format!(
                    "missing section {heading} (缺少第{}部分, expected {place})",
                    chinese_numeral(spec.number)
                ),
            )
            .with_fix(Fix {
                title: format!("Insert heading {heading}"),
                edits: vec![Edit {
                    range: insert_at..insert_at,
                    new_text: text,
                }],
                safe: false,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_of, report};

    #[test]
    fn flags_a_missing_last_section_on_the_last_line() {
        let text = report(&[1, 2, 3, 4, 5], "");
        let found = lines_of(&text, "missing-section");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("六、其他需要报告的事项"));
    }

    #[test]
    fn flags_a_missing_middle_section_at_the_next_heading() {
        let text = report(&[1, 2, 3, 5, 6], "");
        let found = lines_of(&text, "missing-section");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("四、"));
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
