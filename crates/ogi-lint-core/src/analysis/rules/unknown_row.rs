//! `unknown-row` (warning): a table row that matches no row of the template — an added row, a
//! duplicate, a row with more values than the table has columns — and, once per table, a
//! table that is not in the template at all (provinces add their own).
//!
//! Example: `| 五、其他 | 1 | … |` in table 三 → `表三中没有“五、其他”这一行：…`.
//! Not flagged: reworded rows close to a standard label (`nonstandard-label`); an extra
//! provincial table is reported once, never row by row, and never breaks the standard checks;
//! and only where it sits among the statistics (sections 二, 三, 四, or anywhere if the
//! sections cannot be found) — a table in section 一, 五, 六 or in a section a province added
//! is content, not a misplaced statistics table.

use crate::analysis::model::{Model, UnknownReason};
use crate::analysis::template::TableKind;
use crate::analysis::rules::table_name;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `unknown-row` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "unknown-row",
    severity: Severity::Warning,
    summary: "a row or a provincial table matches nothing in the template (reported once)",
    summary_zh: "表中的行或省级增加的表在模板中没有（整张表只报告一次）",
    fix: "",
};

/// Unknown rows reported per table, at most (the last one says how many more there are):
/// never a flood. A table where most of what was read matches nothing is `unreadable-table`.
const PER_TABLE: usize = 3;

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for kind in TableKind::ALL {
        let rows: Vec<_> = model
            .unknown_rows
            .iter()
            .filter(|r| r.table == kind)
            .collect();
        for (i, row) in rows.iter().enumerate().take(PER_TABLE) {
            let mut message = message(row, lang);
            let more = rows.len().saturating_sub(PER_TABLE);
            if i + 1 == PER_TABLE && more > 0 {
                let table = table_name(row.table);
                let note = msg!(lang, "unknown-row-more", table = table, more = more);
                if lang == Lang::En {
                    message.push(' ');
                }
                message.push_str(&note);
            }
            out.push(Diagnostic::new(
                RuleCode::UnknownRow,
                row.range.clone(),
                message,
            ));
        }
    }
    for extra in &model.extra_tables {
        out.push(Diagnostic::new(
            RuleCode::UnknownRow,
            extra.range.clone(),
            msg!(
                lang,
                "unknown-row-extra-table",
                first = first_words(&extra.first_label)
            ),
        ));
    }
}

fn message(row: &crate::analysis::model::UnknownRow, lang: Lang) -> String {
    let table = table_name(row.table);
    let label = row.label.as_str();
    match &row.reason {
        UnknownReason::NoMatch if label.is_empty() => {
            msg!(lang, "unknown-row-no-label", table = table)
        }
        UnknownReason::NoMatch => {
            msg!(lang, "unknown-row-no-match", table = table, label = label)
        }
        UnknownReason::Duplicate if label.is_empty() => {
            msg!(lang, "unknown-row-duplicate-no-label", table = table)
        }
        UnknownReason::Duplicate => {
            msg!(lang, "unknown-row-duplicate", table = table, label = label)
        }
        UnknownReason::ExtraValues { found, expected } if label.is_empty() => msg!(
            lang,
            "unknown-row-extra-values-no-label",
            table = table,
            found = *found,
            expected = *expected
        ),
        UnknownReason::ExtraValues { found, expected } => msg!(
            lang,
            "unknown-row-extra-values",
            table = table,
            label = label,
            found = *found,
            expected = *expected
        ),
        UnknownReason::GroupWithValues => {
            msg!(lang, "unknown-row-group-with-values", table = table, label = label)
        }
    }
}

/// The first cell of a label that a paste may have joined with the cells after it, and at most
/// [`FIRST_WORDS`] characters of it: a message names a table, it does not dump its header.
fn first_words(label: &str) -> String {
    let first = label
        .split(['|', '\t'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or("");
    if first.chars().count() <= FIRST_WORDS {
        first.to_owned()
    } else {
        let mut cut: String = first.chars().take(FIRST_WORDS).collect();
        cut.push('…');
        cut
    }
}

/// Characters of a table's first label that a message quotes, at most.
const FIRST_WORDS: usize = 16;

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_in, lines_of, report, TABLE_3_GFM};
    use crate::analysis::Lang;

    #[test]
    fn flags_an_added_row() {
        let table = TABLE_3_GFM.replace(
            "| 四、结转下年度继续办理",
            "| 五、其他情况说明 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 四、结转下年度继续办理",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1,
            "表三中没有“五、其他情况说明”这一行：请改用模板的行名称，或删去此行"
        );
    }

    #[test]
    fn names_an_extra_table_by_its_first_cell_only() {
        assert_eq!(super::first_words("第二十条第（一）项信息内容 | 本年新制作数量 | 本年新公开数量"), "第二十条第（一）项信息内容");
        assert_eq!(super::first_words("统计指标"), "统计指标");
        assert_eq!(super::first_words(&"长".repeat(40)), format!("{}…", "长".repeat(16)));
    }

    #[test]
    fn reports_an_extra_table_once_and_does_not_break_the_standard_one() {
        let extra = "| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n| （一）主动公开政府信息数 | 条 | 171 |\n| 1.政府网站公开政府信息数 | 条 | 171 |\n\n说明文字。\n\n";
        let text = report(&[1, 2, 3, 4, 5, 6], &format!("{extra}{TABLE_3_GFM}"));
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 1, "{found:?}");
        let codes = codes(&text);
        assert!(!codes.contains(&"invalid-number".to_string()), "{codes:?}");
        assert!(!codes.contains(&"total-mismatch".to_string()));
    }

    #[test]
    fn reports_at_most_three_rows_of_a_table() {
        let extra: String = (1..=5)
            .map(|i| format!("| 五、其他情况说明{i} |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"))
            .collect();
        let table = TABLE_3_GFM.replace(
            "| 四、结转下年度继续办理",
            &format!("{extra}| 四、结转下年度继续办理"),
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[2].1.ends_with("（表三中还有 2 行类似情况，未逐一列出）"),
            "{found:?}"
        );
        let found = lines_in(Lang::En, &text, "unknown-row");
        assert!(
            found[2].1.ends_with(" (2 more rows of 表三 like this not listed)"),
            "{found:?}"
        );
    }

    #[test]
    fn figures_without_a_label_are_the_writers_line_not_the_checkers_trouble() {
        let table = TABLE_3_GFM.replace(
            "| 四、结转下年度继续办理",
            "|  |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 四、结转下年度继续办理",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "unknown-row");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1,
            "这一行的数字前没有行名称：请在行首写上该行在表三中的名称",
            "{found:?}"
        );
    }

    #[test]
    fn does_not_flag_standard_rows() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(lines_of(&text, "unknown-row").is_empty());
    }
}
