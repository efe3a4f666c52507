//! `edition-mismatch` (warning): a table, or a label, follows another template edition than
//! the report requires (its year, a cited 文号, or the configured edition).
//!
//! A whole table of another edition is reported once, at its first row, and then checked
//! against the edition it follows, so one mistake does not cascade into dozens of missing and
//! unknown rows. A single label of another edition (`规范性文件` in a 2021 report, whose
//! template says `行政规范性文件`) is reported where it stands, naming the edition it is from,
//! with the fix.
//!
//! Not flagged: a report without a year, 文号 or configured edition (its tables decide).

use crate::analysis::model::{EditionSource, Evidence, EvidenceKind, Model, Quality};
use crate::analysis::template::Template;
use crate::analysis::rules::{list, place_name, short};
use crate::analysis::{Diagnostic, Edition, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `edition-mismatch` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "edition-mismatch",
    severity: Severity::Warning,
    summary: "the tables use the other edition's labels (`规范性文件` in a 2021 report)",
    summary_zh: "表格用的是另一版模板的标签（2021 年度报告中的 `规范性文件`）",
    fix: "`--fix` for a single label",
};

/// The editions whose table 三 has `group` as one row (their years, listed), and the rows
/// `edition` splits it into (`1.申请人无正当理由逾期不补正…`, shortened).
fn collapsed_group(edition: Edition, group: &str) -> (String, Vec<String>) {
    let years: Vec<String> = Edition::all()
        .filter(|&e| e != edition)
        .filter(|e| {
            (e.template().applications.rows.iter()).any(|r| r.label == group && !r.group)
        })
        .map(|e| e.year().to_string())
        .collect();
    let rows = &Template::get(edition).applications.rows;
    let id = rows.iter().find(|r| r.label == group).map(|r| r.id.as_str());
    let rows = rows
        .iter()
        .filter(|r| id.is_some() && r.parent.as_deref() == id)
        .map(|r| abbreviate(&r.label))
        .collect();
    (years.join("/"), rows)
}

/// A long row label cut at its first pause (`1.申请人无正当理由逾期不补正…`).
fn abbreviate(label: &str) -> String {
    match label.find(['、', '，']) {
        Some(at) => format!("{}…", &label[..at]),
        None => label.to_owned(),
    }
}

fn why(model: &Model, edition: Edition, lang: Lang) -> String {
    let year = edition.year();
    let document = Template::get(edition).document.as_str();
    match &model.edition_source {
        Some(EditionSource::Config) => msg!(lang, "edition-why-config", edition = year),
        Some(EditionSource::Text(evidence)) if evidence.kind == EvidenceKind::DocumentNumber => {
            msg!(lang, "edition-why-document", document = document)
        }
        Some(EditionSource::Text(Evidence { year: report_year, .. })) => msg!(
            lang,
            "edition-why-year",
            year = *report_year,
            edition = year,
            document = document
        ),
        Some(EditionSource::Labels) | None => msg!(lang, "edition-why-labels", edition = year),
    }
}

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(edition) = model.edition else { return };
    for table in &model.tables {
        if table.follows_other_edition {
            out.push(Diagnostic::new(
                RuleCode::EditionMismatch,
                table.head_range.clone(),
                msg!(
                    lang,
                    "edition-mismatch-table",
                    table = table.kind.title(),
                    other = table.edition.year(),
                    why = why(model, edition, lang)
                ),
            ));
        }
        if let Some(i) = table.collapsed_other {
            let (Some(range), Some(group)) = (
                table.rows.get(i).and_then(|r| r.label_range.clone()),
                table.rows.get(i).map(|r| r.name),
            ) else {
                continue;
            };
            let (other, rows) = collapsed_group(table.edition, group);
            out.push(Diagnostic::new(
                RuleCode::EditionMismatch,
                range,
                msg!(
                    lang,
                    "edition-mismatch-collapsed-other",
                    group = short(group),
                    other = other,
                    rows = rows.len(),
                    names = list(lang, &rows),
                    edition = table.edition.year(),
                    why = why(model, edition, lang)
                ),
            ));
        }
    }
    for label in &model.labels {
        let Quality::OtherEdition(written_in) = label.quality else {
            continue;
        };
        let other = written_in.year();
        let year = edition.year();
        let why = why(model, edition, lang);
        let message = if label.standard.is_empty() {
            msg!(
                lang,
                "edition-mismatch-no-such-row",
                written = &label.written,
                other = other,
                edition = year,
                why = why
            )
        } else if label.fixable {
            msg!(
                lang,
                "edition-mismatch-wording",
                written = &label.written,
                other = other,
                edition = year,
                standard = label.standard,
                why = why
            )
        } else {
            msg!(
                lang,
                "edition-mismatch-other-meaning",
                written = &label.written,
                other = other,
                place = place_name(lang, label.place),
                edition = year,
                standard = label.standard,
                why = why
            )
        };
        let mut d = Diagnostic::new(RuleCode::EditionMismatch, label.range.clone(), message);
        if label.fixable {
            d = d.with_replacement(lang, label.range.clone(), label.standard);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{apply_fixes, codes, lines_of, report, TABLE_3_GFM};

    const ACTIVE_2021: &str = "| 第二十条第（一）项 | | | |\n|---|---|---|---|\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 2 | 0 | 5 |\n";

    #[test]
    fn flags_a_2019_label_in_a_2021_report_and_fixes_it() {
        let text = report(
            &[1, 2, 3, 4, 5, 6],
            &format!(
                "{}\n{}",
                TABLE_3_GFM,
                ACTIVE_2021.replace("行政规范性文件", "规范性文件")
            ),
        );
        let found = lines_of(&text, "edition-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        let fixed = apply_fixes(&text, "edition-mismatch");
        assert!(fixed.contains("| 行政规范性文件 |"));
    }

    #[test]
    fn flags_a_2021_report_with_the_2019_single_other_row_once() {
        let table = TABLE_3_GFM
            .replace("|  | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |", "|  | （六）其他处理 | |")
            .replace("|  |  | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "")
            .replace("|  |  | 3.其他 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "");
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let found = lines_of(&text, "edition-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        let codes = codes(&text);
        assert!(!codes.contains(&"missing-row".to_string()), "{codes:?}");
        assert!(!codes.contains(&"total-mismatch".to_string()), "{codes:?}");
    }

    #[test]
    fn a_dropped_row_or_column_of_the_other_edition_gets_no_rename() {
        let with_dropped_row = ACTIVE_2021.replace(
            "| 行政规范性文件 | 2 | 0 | 5 |\n",
            "| 行政规范性文件 | 2 | 0 | 5 |\n\n| 第二十条第（五）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 3 |\n| 其他对外管理服务事项 | 4 |\n",
        );
        let text = report(
            &[1, 2, 3, 4, 5, 6],
            &format!("{}\n{}", TABLE_3_GFM, with_dropped_row),
        );
        let found = lines_of(&text, "edition-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("模板没有这一行"), "{found:?}");
        assert!(lines_of(&text, "unknown-row").is_empty());
        assert_eq!(apply_fixes(&text, "edition-mismatch"), text);
        let old_columns = ACTIVE_2021.replace(
            "| 信息内容 | 本年制发件数 |",
            "| 信息内容 | 本年新制作数量 |",
        );
        let text = report(
            &[1, 2, 3, 4, 5, 6],
            &format!("{}\n{}", TABLE_3_GFM, old_columns),
        );
        assert_eq!(lines_of(&text, "edition-mismatch").len(), 1);
        assert_eq!(apply_fixes(&text, "edition-mismatch"), text);
    }

    #[test]
    fn does_not_flag_a_report_of_its_own_edition() {
        let text = report(
            &[1, 2, 3, 4, 5, 6],
            &format!("{}\n{}", TABLE_3_GFM, ACTIVE_2021),
        );
        assert!(lines_of(&text, "edition-mismatch").is_empty());
    }
}
