//! `section-content` (information): lower-confidence content checks. Section 一 conventionally
//! covers five topics — 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障 — and, in the 2021
//! edition, section 六 states the 信息处理费 collected (even if none). A section whose text
//! mentions none of a topic's words gets one note listing what is missing.
//!
//! Never more than information: wording varies, and the tool cannot judge content.

use crate::analysis::model::Model;
use crate::analysis::text::chinese_numeral;
use crate::analysis::rules::list;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `section-content` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "section-content",
    severity: Severity::Info,
    summary: "section 一 leaves out one of its five topics, or (2021) section 六 does not state the 信息处理费",
    summary_zh: "第一部分少写了五项内容中的某一项，或（2021 年版）第六部分未说明信息处理费",
    fix: "",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for (number, range, topics) in &model.missing_topics {
        out.push(Diagnostic::new(
            RuleCode::SectionContent,
            range.clone(),
            msg!(
                lang,
                "section-content",
                number = chinese_numeral(*number),
                topics = list(lang, topics)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{lines_of, report};

    #[test]
    fn notes_missing_topics_and_fee_statement() {
        let text = report(&[1, 2, 3, 4, 5, 6], "").replace(
            "涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障，未收取信息处理费。",
            "工作有序开展。",
        );
        let found = lines_of(&text, "section-content");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0]
            .1
            .contains("主动公开、依申请公开、政府信息管理、平台建设、监督保障"));
        assert!(found[1].1.contains("信息处理费"));
    }

    #[test]
    fn does_not_flag_sections_that_cover_their_topics() {
        assert!(lines_of(&report(&[1, 2, 3, 4, 5, 6], ""), "section-content").is_empty());
    }
}
