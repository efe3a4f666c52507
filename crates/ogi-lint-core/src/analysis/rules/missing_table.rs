//! `missing-table` (error): sections 二, 三 and 四 must each hold their statistics table.
//!
//! Example: `三、收到和处理政府信息公开申请情况` followed only by prose (`本年未收到申请。`) →
//! `第三部分缺少表三 收到和处理政府信息公开申请情况：…`: the template requires the table even when every figure is 0.
//! Not flagged: a table written in any layout of spec §7, or split by headings or page
//! breaks; a table that is there but cannot be read (a table block the section holds, or its
//! rows as lines of text): that is `unreadable-table`.
//! The quick fix inserts the whole table as a GFM skeleton with zeros.

use crate::analysis::ide::table_skeleton;
use crate::analysis::model::section_table;
use crate::analysis::model::Model;
use crate::analysis::text::chinese_numeral;
use crate::analysis::{Diagnostic, Edit, Fix, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `missing-table` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "missing-table",
    severity: Severity::Error,
    summary: "section 二, 三 or 四 has no statistics table",
    summary_zh: "第二、三或四部分缺少统计表",
    fix: "quick fix inserts a skeleton",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(edition) = model.edition else { return };
    for found in model.sections.iter().flatten() {
        let Some(kind) = section_table(edition, found.number) else {
            continue;
        };
        let inside = model
            .table_ranges
            .iter()
            .any(|(k, r)| *k == kind && r.start >= found.start && r.start < found.end);
        if inside {
            continue;
        }
        let elsewhere = model.table_ranges.iter().any(|(k, _)| *k == kind);
        let skeleton = table_skeleton(kind, edition);
        let number = chinese_numeral(found.number);
        let table = kind.title();
        let (message, title) = if elsewhere {
            (
                msg!(lang, "missing-table-elsewhere", number = &number, table = table),
                msg_attr!(lang, "missing-table-elsewhere", "fix", number = &number, table = table),
            )
        } else {
            (
                msg!(lang, "missing-table", number = &number, table = table),
                msg_attr!(lang, "missing-table", "fix", number = &number, table = table),
            )
        };
        out.push(
            Diagnostic::new(RuleCode::MissingTable, found.range.clone(), message)
            .with_fix(Fix {
                title,
                edits: vec![Edit {
                    range: found.range.end..found.range.end,
                    new_text: format!("\n\n{}", skeleton.trim_end()),
                }],
                safe: false,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_of, report, TABLE_3_GFM};

    #[test]
    fn flags_a_section_without_its_table() {
        let text = report(&[1, 2, 3, 4, 5, 6], "");
        let found = lines_of(&text, "missing-table");
        // The bare report has no tables at all: 二, 三 and 四 are each flagged.
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn the_quick_fix_inserts_a_table_that_is_then_found() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        let fixes: Vec<_> = crate::analysis::check(&text, &crate::analysis::Options::default())
            .into_iter()
            .filter(|d| d.code.as_str() == "missing-table")
            .filter_map(|d| d.fix)
            .flat_map(|f| f.edits)
            .collect();
        assert_eq!(fixes.len(), 2);
        let mut fixed = text.clone();
        let mut edits = fixes;
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            fixed.replace_range(e.range, &e.new_text);
        }
        assert!(lines_of(&fixed, "missing-table").is_empty(), "{fixed}");
        assert!(lines_of(&fixed, "total-mismatch").is_empty());
    }

    #[test]
    fn does_not_flag_a_section_holding_its_table() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        let found = lines_of(&text, "missing-table");
        assert!(found.iter().all(|f| !f.2.starts_with("三、")), "{found:?}");
        assert!(codes(&text).contains(&"missing-table".to_string()));
    }
}
