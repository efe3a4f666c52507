//! `total-mismatch` (error): a total differs from the sum of its parts (spec §5, rules 2–4).
//!
//! - Table 三, every value row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.
//! - Table 三, every column: （七）总计 = （一）+（二）+ Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + （六）
//!   (2021: Σ（六）1–3).
//! - Table 四, three times: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
//!
//! The relations of table 三 (with the balance of `balance-mismatch`) cross like a parity check
//! (`relations`): when the broken ones are exactly those of one cell, off by one amount, that
//! cell is the wrong figure — a part as well as a total — and it is the one finding, reported at
//! the cell with its expected value and the broken relations as related information. Its safe
//! fix sets that cell, only when it is a written whole number and the table then holds every
//! relation. Otherwise (two or more wrong figures, or a blank where the wrong figure is) each
//! broken relation is reported once at its total, with its sums, and nothing is fixed. Table 四's
//! relations share no cell, so a broken one is reported at its 总计 with an editor-only quick
//! fix (set the 总计 to the sum), never applied by `--fix`.
//!
//! Exact decimal arithmetic. Blank cells count as 0; a relation with an invalid or missing cell
//! is not checked (that cell is reported by `invalid-number` or `missing-cell`).

use crate::analysis::model::Model;
use crate::analysis::rules::relations;
use crate::analysis::template::TableKind;
use crate::analysis::{Diagnostic, Lang, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `total-mismatch` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "total-mismatch",
    severity: Severity::Error,
    summary: "a 总计 (row, `（七）总计`, or table 四) is not the sum of its parts; in table 三, at the one wrong figure (part or total) when the crossing totals name it",
    summary_zh: "一项总计（表三的行总计、`（七）总计`，或表四的总计）不等于各项之和；在表三，若交叉的勾稽关系指向一个错数，则在该数处报告（无论它是分项还是总计）",
    fix: "`--fix` sets that one figure, only when it is determined; none for two or more wrong figures; table 四: quick fix only",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    for table in &model.tables {
        if matches!(table.kind, TableKind::Applications | TableKind::Reviews) {
            relations::report(table, lang, RuleCode::TotalMismatch, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{apply_fixes, codes, lines_of, report, TABLE_3_GFM};
    use crate::analysis::{check, Diagnostic, Options, RuleCode};

    const TABLE_4: &str = "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

    const GRANTED: &str = "| 三、本年度办理结果 | （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |";
    const UNABLE_1: &str =
        "|  | （四）无法提供 | 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |";
    const TOTAL: &str = "|  | （七）总计 |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |";
    const NEW: &str = "| 一、本年新收政府信息公开申请数量 |  |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |";

    /// A report whose table 三 has `row` written as `with`.
    fn with(changes: &[(&str, &str)]) -> String {
        let mut table = TABLE_3_GFM.to_string();
        for (row, new) in changes {
            assert!(table.contains(row), "{row}");
            table = table.replace(row, new);
        }
        report(&[1, 2, 3, 4, 5, 6], &table)
    }

    fn arithmetic(text: &str) -> Vec<Diagnostic> {
        check(text, &Options::default())
            .into_iter()
            .filter(|d| matches!(d.code, RuleCode::TotalMismatch | RuleCode::BalanceMismatch))
            .collect()
    }

    /// The text of `range` in `text`.
    fn at(text: &str, d: &Diagnostic) -> String {
        text[d.range.clone()].to_string()
    }

    #[test]
    fn a_wrong_row_total_is_one_finding_at_it_and_the_fix_restores_it() {
        let text = with(&[(GRANTED, &GRANTED.replace("| 0 | 2 |", "| 0 | 3 |"))]);
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.code, RuleCode::TotalMismatch);
        assert_eq!(
            d.message,
            "（一）予以公开 · 总计 应为 2，现为 3，相差 1：改为 2 后表三的勾稽关系全部成立"
        );
        assert_eq!(at(&text, d), "3");
        // The two relations it breaks: its row, and the 总计 column's （七）总计.
        let related: Vec<&str> = d.related.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(
            related,
            [
                "（一）予以公开 · 总计 应为 2（自然人至其他六列之和），现为 3，相差 1",
                "（七）总计 · 总计 应为 4（“三、本年度办理结果”各行之和），现为 3，相差 1"
            ]
        );
        let english = crate::analysis::check(
            &text,
            &Options {
                language: crate::analysis::Lang::En,
                ..Options::default()
            },
        );
        let d = english
            .iter()
            .find(|d| d.code == RuleCode::TotalMismatch)
            .expect("the finding in English");
        assert_eq!(
            d.message,
            "（一）予以公开 · 总计 should be 2, not 3 (off by 1): with 2 every total of 表三 holds"
        );
        assert_eq!(
            d.related[1].message,
            "（七）总计 · 总计 should be 4 (the sum of the rows of 三、本年度办理结果), not 3 (off by \
             1)"
        );
        assert_eq!(d.fix.as_ref().map(|f| f.title.as_str()), Some("Set （一）予以公开 · 总计 to 2"));
        assert!(d.fix.as_ref().is_some_and(|f| f.safe));
        assert_eq!(apply_fixes(&text, "total-mismatch"), with(&[]));
    }

    #[test]
    fn figures_beyond_any_count_are_not_added_up_and_do_not_panic() {
        // Near `Decimal`'s limit: adding two of them used to panic.
        let huge = "79228162514264337593543950335";
        let row = GRANTED.replace("| 1 | 1 | 0 |", &format!("| {huge} | {huge} | 0 |"));
        let text = with(&[(GRANTED, &row)]);
        let found = arithmetic(&text);
        // The relations through the huge cells are not checked; the others still are.
        assert!(
            found.iter().all(|d| at(&text, d) != huge),
            "{found:#?}"
        );
        let hover_everywhere = crate::analysis::Analysis::new(&text, Options::default());
        for offset in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let _ = hover_everywhere.hover(offset);
        }
    }

    #[test]
    fn a_wrong_part_is_named_at_the_part_and_only_it_is_fixed() {
        let text = with(&[(UNABLE_1, &UNABLE_1.replace("| 1 | 0 |", "| 2 | 0 |"))]);
        let found = lines_of(&text, "total-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1,
            "（四）1.本机关不掌握相关政府信息 · 自然人 应为 1，现为 2，相差 1：改为 1 后表三的勾稽关系全部成立"
        );
        assert_eq!(found[0].2, UNABLE_1.replace("| 1 | 0 |", "| 2 | 0 |"));
        assert_eq!(arithmetic(&text)[0].related.len(), 2);
        // The fix sets the part back; neither total is touched.
        assert_eq!(apply_fixes(&text, "total-mismatch"), with(&[]));
    }

    #[test]
    fn a_wrong_column_total_breaks_its_balance_too_and_is_still_one_finding() {
        let text = with(&[(TOTAL, "|  | （七）总计 |  | 3 | 1 | 0 | 0 | 0 | 0 | 3 |")]);
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].code, RuleCode::TotalMismatch);
        assert!(found[0]
            .message
            .starts_with("（七）总计 · 自然人 应为 2，现为 3，相差 1"));
        let related: Vec<&str> = found[0]
            .related
            .iter()
            .map(|r| r.message.as_str())
            .collect();
        assert_eq!(related.len(), 3, "{related:#?}");
        assert!(
            related[2].starts_with("自然人：一 + 二 = 2 + 0 = 2，但（七）总计 + 四 = 3 + 0 = 3")
        );
        assert!(!codes(&text).contains(&"balance-mismatch".to_string()));
        assert_eq!(apply_fixes(&text, "total-mismatch"), with(&[]));
    }

    #[test]
    fn a_wrong_figure_in_row_one_is_named_there() {
        let text = with(&[(NEW, &NEW.replace("| 2 | 1 |", "| 2 | 4 |"))]);
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0]
            .message
            .starts_with("一、本年新收政府信息公开申请数量 · 商业企业 应为 1，现为 4，相差 3"));
        assert_eq!(apply_fixes(&text, "total-mismatch"), with(&[]));
    }

    #[test]
    fn two_wrong_figures_give_each_broken_relation_and_no_fix() {
        let text = with(&[
            (GRANTED, &GRANTED.replace("| 0 | 2 |", "| 0 | 3 |")),
            (UNABLE_1, &UNABLE_1.replace("| 0 | 1 |", "| 0 | 2 |")),
        ]);
        let found = arithmetic(&text);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "（一）予以公开 · 总计 应为 2（自然人至其他六列之和），现为 3，相差 1",
                "（四）1.本机关不掌握相关政府信息 · 总计 应为 1（自然人至其他六列之和），现为 2，相差 1",
                "（七）总计 · 总计 应为 5（“三、本年度办理结果”各行之和），现为 3，相差 2",
            ]
        );
        assert!(found
            .iter()
            .all(|d| d.fix.is_none() && d.related.is_empty()));
    }

    #[test]
    fn a_blank_wrong_figure_is_named_but_not_filled() {
        let text = with(&[(UNABLE_1, &UNABLE_1.replace("| 1 | 0 |", "|  | 0 |"))]);
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "（四）1.本机关不掌握相关政府信息 · 自然人 未填写：填 1 后表三的勾稽关系全部成立"
        );
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn an_invalid_cell_in_the_way_leaves_the_relations_unnamed() {
        // 商业企业 cannot be summed (the `O`): the row alone does not say which cell is wrong.
        let text = with(&[
            (GRANTED, &GRANTED.replace("| 1 | 1 | 0 |", "| 1 | 2 | 0 |")),
            (UNABLE_1, &UNABLE_1.replace("| 1 | 0 |", "| 1 | O |")),
        ]);
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0]
            .message
            .starts_with("（一）予以公开 · 总计 应为 3（自然人至其他六列之和），现为 2"));
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn the_2019_other_row_of_a_2021_table_takes_part_in_the_column_sums() {
        let other = "|  | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
        // Its 商业企业 is 1 where 0 belongs: its row and the column 商业企业 break.
        let collapsed = "|  | （六）其他处理 |  | 0 | 1 | 0 | 0 | 0 | 0 | 0 |";
        let text = with(&[(other, collapsed)]);
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .message
                .starts_with("（六）其他处理 · 商业企业 应为 0，现为 1，相差 1"),
            "{found:#?}"
        );
        let fixed = apply_fixes(&text, "total-mismatch");
        assert_eq!(
            fixed,
            text.replace(collapsed, &collapsed.replace("| 1 |", "| 0 |"))
        );
        assert!(arithmetic(&fixed).is_empty());
    }

    #[test]
    fn flags_a_review_total_with_an_editor_only_fix() {
        let text = report(
            &[1, 2, 3, 4, 5, 6],
            &format!(
                "{TABLE_3_GFM}\n{}",
                TABLE_4.replace("| 1 | 0 | 0 | 1 | 2 |", "| 1 | 0 | 0 | 1 | 3 |")
            ),
        );
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "行政复议 · 总计 应为 2（结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 1 + 0 + 0 + 1），现为 3，相差 1"
        );
        let fix = found[0].fix.as_ref().expect("a quick fix");
        assert!(!fix.safe, "table 四 cannot tell the total from a part");
        assert_eq!(fix.edits[0].new_text, "2");
        // A 总计 below its parts: no part could be the one wrong figure without turning
        // negative, but one relation still does not say which cell is wrong.
        let text = report(
            &[1, 2, 3, 4, 5, 6],
            &format!(
                "{TABLE_3_GFM}\n{}",
                TABLE_4.replace("| 1 | 0 | 0 | 1 | 2 |", "| 1 | 0 | 0 | 1 | 0 |")
            ),
        );
        let found = arithmetic(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.starts_with("行政复议 · 总计 应为 2"));
        assert!(found[0].fix.as_ref().is_some_and(|f| !f.safe));
    }

    #[test]
    fn does_not_flag_tables_that_add_up_or_blank_zero_cells() {
        let text = report(&[1, 2, 3, 4, 5, 6], &format!("{TABLE_3_GFM}\n{TABLE_4}"));
        assert!(!codes(&text).contains(&"total-mismatch".to_string()));
        let blanks = TABLE_3_GFM.replace(
            "| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 二、上年结转政府信息公开申请数量 |  |  | — | — | — | — | — | — | — |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &blanks);
        assert!(!codes(&text).contains(&"total-mismatch".to_string()));
    }
}
