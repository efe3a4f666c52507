//! `missing-row` (error): a row (or a whole 第二十条 block) the edition's table requires is
//! absent. Rows are identified by their label path, so a reworded label still counts as present
//! (it gets `nonstandard-label` instead).
//!
//! Example: table 三 without `（二）部分公开…` → `表三缺少“（二）部分公开”行`, at the row that
//! follows it; a row of table 二 is named with its block (`表二缺少第二十条第（九）项：政府集中采购`). The quick fix inserts the row with zeros, in the table's own text form.
//! Not flagged: group headers such as `（三）不予公开` written only inside a row's label path,
//! and the three （六） sub-rows of a 2021 table that still writes （六） as one row (that is
//! `edition-mismatch`).

use crate::analysis::model::{MissingRow, Model};
use crate::analysis::rules::{application_row_name, list, short, table_name};
use crate::analysis::template::{TableKind, Template};
use crate::analysis::{Diagnostic, Edit, Edition, Fix, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `missing-row` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "missing-row",
    severity: Severity::Error,
    summary: "a row the edition's table requires is absent",
    summary_zh: "缺少模板要求的行",
    fix: "quick fix inserts the row",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for missing in &model.missing_rows {
        let edition = model
            .table(missing.table)
            .map(|t| t.edition)
            .or(model.edition)
            .unwrap_or(Edition::E2021);
        let (message, title) = describe(missing, edition, lang);
        let mut d = Diagnostic::new(RuleCode::MissingRow, missing.at.clone(), message);
        if let Some((at, text)) = &missing.insert {
            d = d.with_fix(Fix {
                title,
                edits: vec![Edit {
                    range: *at..*at,
                    new_text: text.clone(),
                }],
                safe: false,
            });
        }
        out.push(d);
    }
}

/// The message and the fix title: the row by its label, with its block in table 二 and its
/// group's number in table 三 (`（三）2.其他法律行政法规禁止公开`), a block with its rows.
fn describe(missing: &MissingRow, edition: Edition, lang: Lang) -> (String, String) {
    let t = Template::get(edition);
    let table = table_name(missing.table);
    match missing.table {
        TableKind::Active if missing.block => {
            let rows = t
                .active
                .blocks
                .iter()
                .find(|b| b.label == missing.label)
                .map(|b| list(lang, &b.rows))
                .unwrap_or_default();
            let message = msg!(
                lang,
                "missing-row-block",
                table = table,
                block = missing.label,
                rows = rows
            );
            (message, String::new())
        }
        TableKind::Active => {
            let block = t
                .active
                .blocks
                .iter()
                .find(|b| b.rows.iter().any(|r| r == missing.label));
            match block {
                Some(block) => (
                    msg!(
                        lang,
                        "missing-row-of-block",
                        table = table,
                        block = &block.label,
                        row = missing.label
                    ),
                    msg_attr!(lang, "missing-row-of-block", "fix", row = missing.label),
                ),
                None => plain(table, missing.label, lang),
            }
        }
        TableKind::Applications => {
            let apps = &t.applications;
            let name = apps
                .rows
                .iter()
                .position(|r| r.label == missing.label)
                .map(|i| application_row_name(apps, i, missing.label))
                .unwrap_or_else(|| short(missing.label).to_owned());
            plain(table, &name, lang)
        }
        TableKind::Reviews => {
            let message = msg!(
                lang,
                "missing-row-figures",
                table = table,
                count = t.reviews.columns.len()
            );
            (message, String::new())
        }
    }
}

fn plain(table: &str, row: &str, lang: Lang) -> (String, String) {
    (
        msg!(lang, "missing-row", table = table, row = row),
        msg_attr!(lang, "missing-row", "fix", row = row),
    )
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, lines_in, lines_of, report, TABLE_3_GFM};
    use crate::analysis::{check, Lang, Options};

    #[test]
    fn flags_a_deleted_row_and_its_fix_restores_it() {
        let table = TABLE_3_GFM.replace("|  | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "");
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "missing-row");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "表三缺少“（二）部分公开”行");
        assert_eq!(
            lines_in(Lang::En, &text, "missing-row")[0].1,
            "表三 is missing the row （二）部分公开"
        );
        let d = check(&text, &Options::default())
            .into_iter()
            .find(|d| d.code.as_str() == "missing-row");
        let fix = d.and_then(|d| d.fix).map(|f| f.edits);
        let mut fixed = text.clone();
        for e in fix.unwrap_or_default() {
            fixed.replace_range(e.range, &e.new_text);
        }
        assert!(!codes(&fixed).contains(&"missing-row".to_string()));
        assert!(!codes(&fixed).contains(&"total-mismatch".to_string()));
    }

    #[test]
    fn does_not_flag_rows_of_a_table_in_pieces() {
        // Broken by a page-number line, the header repeated after it.
        let rows: Vec<&str> = TABLE_3_GFM.lines().collect();
        let broken = format!(
            "{}\n\n— 6 —\n\n{}\n{}\n",
            rows[..15].join("\n"),
            rows[..4].join("\n"),
            rows[15..].join("\n")
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &broken);
        assert!(lines_of(&text, "missing-row").is_empty());
        assert!(lines_of(&text, "unknown-row").is_empty());
        assert!(lines_of(&text, "nonstandard-label").is_empty());
        // One small table per row group, each under its own heading.
        let mut pieces = String::new();
        for row in &rows[4..] {
            let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
            let labels: Vec<&str> = cells[..3]
                .iter()
                .copied()
                .filter(|c| !c.is_empty())
                .collect();
            let Some(label) = labels.last() else { continue };
            if !cells[0].is_empty() || !cells[1].is_empty() {
                for heading in labels.iter().filter(|l| !l.starts_with(char::is_numeric)) {
                    pieces.push_str(&format!("\n{heading}\n\n"));
                }
                pieces.push_str("| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n");
            }
            pieces.push_str(&format!("| {label} | {} |\n", cells[3..].join(" | ")));
        }
        let text = report(&[1, 2, 3, 4, 5, 6], &pieces);
        assert!(lines_of(&text, "missing-row").is_empty(), "{pieces}");
        assert!(lines_of(&text, "unknown-row").is_empty(), "{pieces}");
        assert!(lines_of(&text, "missing-table")
            .iter()
            .all(|m| !m.2.starts_with("三、")));
    }

    #[test]
    fn does_not_flag_a_complete_table_or_reworded_rows() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert!(lines_of(&text, "missing-row").is_empty());
        let text = text.replace("上年结转", "上年转结");
        assert!(lines_of(&text, "missing-row").is_empty());
    }
}
