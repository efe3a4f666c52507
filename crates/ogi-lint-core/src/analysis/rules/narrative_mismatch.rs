//! `narrative-mismatch` (warning): a figure stated in the prose contradicts the table
//! (docs/rules/narrative-mismatch.md). `共收到政府信息公开申请5件` while 表三 一、本年新收 · 总计 is 3.
//!
//! Compared: 收到/新收 ↔ 一; 受理 ↔ 一 or 一 + 二; 上年结转 ↔ 二; 办结/答复 ↔ （七）总计;
//! 结转下年度 ↔ 四; 予以公开 ↔ （一） or （一）+（二）; 予以公开（含部分公开） ↔ （一）+（二）;
//! 部分公开 ↔ （二）; 不予公开 / 无法提供 / 不予处理 ↔ the sum of （三） / （四） / （五）, all in the
//! 总计 column; 未收到…申请 ↔ 一 = 0; 行政复议 / 行政诉讼 (and 未发生…) ↔ table 四's totals;
//! `行政复议2件，均获维持` ↔ its 结果纠正 is 0. A
//! percentage beside a result (`予以公开208件（17.46%）`) is checked against its figure and
//! base when the base is clear: the table's 一, 一 + 二 and （七）总计 are one number, or the
//! percentage fits one of them.
//!
//! Precision before recall. What a paragraph states is read by `prose::claims` only from
//! clauses made entirely of known words, kept by the model only in the sections that state it
//! and about the report's year (`model/narrative.rs`); a statement is compared only when every
//! cell it is about holds a number or is blank (at least one a number), and only when the
//! table's own totals hold — a table whose arithmetic is broken is no reference for the prose.
//!
//! The finding stands on the figure in the prose and names the cell and its value, the cell as
//! related information. Its fix writes the table's figure in place of the prose's, the way the
//! prose wrote it (Arabic stays Arabic, full-width stays full-width, Chinese numerals stay
//! Chinese — `两`, `十二` — from 1 to 9999, digits otherwise). It is never safe: the table may be the
//! wrong side, so `--fix` and fix-all leave it; the editor offers it as a quick fix.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::analysis::model::{readings, Model, Reading, Statement, TableModel};
use crate::analysis::prose::{chinese_count, Numerals, Quantity};
use crate::analysis::rules::{application_row_name, relations, show, table_name};
use crate::analysis::template::{TableKind, Template};
use crate::analysis::{Diagnostic, Edit, Fix, Lang, Related, RuleCode};
use crate::analysis::{RuleInfo, Severity};

/// What `narrative-mismatch` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "narrative-mismatch",
    severity: Severity::Warning,
    summary: "a figure stated in the prose (`共收到申请N件`, `予以公开N件（p%）`, `未收到申请`) contradicts table 三 or 四",
    summary_zh: "正文所写的数字（“共收到申请N件”“予以公开N件（p%）”“未收到申请”）与表三或表四不符",
    fix: "editor quick fix only: the prose figure becomes the table's; `--fix` never applies it",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    // Whether each table's own totals hold (worked out once per table, only when needed).
    let mut holds: Vec<(TableKind, bool)> = Vec::new();
    for statement in &model.narrative {
        let Some(table) = model.table(statement.table) else {
            continue;
        };
        let sound = match holds.iter().find(|(k, _)| *k == table.kind) {
            Some((_, sound)) => *sound,
            None => {
                let sound = relations::holds(table, lang);
                holds.push((table.kind, sound));
                sound
            }
        };
        if sound {
            compare(statement, table, lang, out);
        }
    }
}

/// The finding for one statement, if the table contradicts it.
fn compare(s: &Statement, table: &TableModel, lang: Lang, out: &mut Vec<Diagnostic>) {
    let Some(usual) = s.readings.first() else {
        return;
    };
    // Every reading's value is known, or the table says nothing sure (read in place: most
    // statements agree with the table).
    if s.readings.iter().any(|r| r.value.is_none()) {
        return;
    }
    let Some(value) = usual.value else {
        return;
    };
    let stated = Decimal::from(s.stated.unwrap_or(0));
    if s.readings.iter().any(|r| r.value == Some(stated)) {
        if let (Some(figure), Some(percent)) = (s.stated, &s.percent) {
            check_percent(s, figure, percent, table, lang, out);
        }
        return;
    }
    let table_name = table_name(table.kind);
    let cell = reading_name(table, usual, lang);
    let second = s.readings.get(1);
    let message = match (s.stated, second, second.and_then(|r| r.value.as_ref())) {
        (None, _, _) => {
            let shown = show(value);
            match s.quantity {
                Quantity::Reviews => msg!(lang, "narrative-none-reviews", table = table_name, cell = &cell, value = &shown),
                Quantity::Lawsuits => msg!(lang, "narrative-none-lawsuits", table = table_name, cell = &cell, value = &shown),
                Quantity::ReviewsUpheld | Quantity::LawsuitsUpheld => msg!(lang, "narrative-all-upheld", table = table_name, cell = &cell, value = &shown),
                _ => msg!(lang, "narrative-none-applications", table = table_name, cell = &cell, value = &shown),
            }
        }
        (Some(figure), Some(other), Some(other_value)) if *other_value != value => msg!(
            lang,
            "narrative-mismatch-either",
            stated = figure.to_string(),
            table = table_name,
            cell = &cell,
            value = show(value),
            other = reading_name(table, other, lang),
            other_value = show(*other_value)
        ),
        (Some(figure), _, _) => msg!(
            lang,
            "narrative-mismatch",
            stated = figure.to_string(),
            table = table_name,
            cell = &cell,
            value = show(value)
        ),
    };
    let mut d = Diagnostic::new(RuleCode::NarrativeMismatch, s.range.clone(), message)
        .with_related(related(table, usual, lang));
    if s.stated.is_some() {
        if let Some(new_text) = written_like(value, s.numerals, s.grouped) {
            d = d.with_fix(replacement(lang, s.range.clone(), new_text));
        }
    }
    out.push(d);
}

/// A percentage beside a result figure that matches the table: its base is 一, 一 + 二 or
/// （七）总计. Flagged only when those are one number (the base is clear) and the percentage is
/// neither that share rounded nor truncated.
fn check_percent(
    s: &Statement,
    figure: u64,
    (percent, range): &(Decimal, std::ops::Range<usize>),
    table: &TableModel,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) {
    let is_result = matches!(
        s.quantity,
        Quantity::Disclosed
            | Quantity::DisclosedWithPartial
            | Quantity::PartlyDisclosed
            | Quantity::Withheld
            | Quantity::Unavailable
            | Quantity::NotProcessed
    );
    if !is_result {
        return;
    }
    let bases: Vec<Reading> = [Quantity::Handled, Quantity::Accepted]
        .into_iter()
        .flat_map(|q| readings(table, q))
        .collect();
    let values: Option<Vec<Decimal>> = bases.iter().map(|b| b.value).collect();
    let Some(mut values) = values else {
        return;
    };
    values.sort();
    values.dedup();
    let figure = Decimal::from(figure);
    if values.iter().any(|&base| fits(*percent, figure, base)) {
        return;
    }
    let ([base], Some(base_reading)) = (values.as_slice(), bases.first()) else {
        return;
    };
    if base.is_zero() {
        return;
    }
    let expected = (figure * Decimal::ONE_HUNDRED / base)
        .round_dp_with_strategy(percent.scale(), RoundingStrategy::MidpointAwayFromZero);
    let expected = format!("{expected:.prec$}", prec = percent.scale() as usize);
    let cell = reading_name(table, base_reading, lang);
    let message = msg!(
        lang,
        "narrative-percent",
        stated = percent.to_string(),
        figure = show(figure),
        base = show(*base),
        table = table_name(table.kind),
        cell = &cell,
        expected = &expected
    );
    out.push(
        Diagnostic::new(RuleCode::NarrativeMismatch, range.clone(), message)
            .with_related(related(table, base_reading, lang))
            .with_fix(replacement(lang, range.clone(), expected)),
    );
}

/// Whether `percent` is `figure` / `base` rounded or truncated to the decimals written.
fn fits(percent: Decimal, figure: Decimal, base: Decimal) -> bool {
    if base.is_zero() {
        return false;
    }
    let exact = figure * Decimal::ONE_HUNDRED / base;
    let unit = Decimal::new(1, percent.scale());
    let half = unit / Decimal::TWO;
    exact >= percent - half && exact < percent + unit
}

/// Replacing the prose's figure: offered in the editor, never applied by `--fix`.
fn replacement(lang: Lang, range: std::ops::Range<usize>, new_text: String) -> Fix {
    Fix {
        title: msg!(lang, "fix-replace", new = new_text.as_str()),
        edits: vec![Edit { range, new_text }],
        safe: false,
    }
}

/// `value` written as the prose wrote its figure.
pub(crate) fn written_like(value: Decimal, numerals: Numerals, grouped: bool) -> Option<String> {
    if !value.fract().is_zero() {
        return None;
    }
    let n = value.to_u64()?;
    let digits = n.to_string();
    Some(match numerals {
        Numerals::Chinese => chinese_count(n).unwrap_or(digits),
        Numerals::FullWidth => digits
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        Numerals::Arabic if grouped => {
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
        Numerals::Arabic => digits,
    })
}

/// The cells of a reading as a message names them: `一、本年新收政府信息公开申请数量 · 总计`,
/// `（三）不予公开各项合计 · 总计`, `未经复议直接起诉·总计 + 复议后起诉·总计`.
pub(crate) fn reading_name(table: &TableModel, reading: &Reading, lang: Lang) -> String {
    let t = Template::get(table.edition);
    match table.kind {
        TableKind::Applications => {
            let rows: Vec<String> = reading
                .rows
                .iter()
                .map(|&r| {
                    let name = table.rows.get(r).map_or("", |row| row.name);
                    let name = application_row_name(&t.applications, r, name);
                    if t.applications.rows.get(r).is_some_and(|spec| spec.group) {
                        msg!(lang, "narrative-group", group = &name)
                    } else {
                        name
                    }
                })
                .collect();
            let columns: Vec<&str> = reading
                .columns
                .iter()
                .map(|&c| table.columns.get(c).copied().unwrap_or(""))
                .collect();
            format!("{} · {}", rows.join(" + "), columns.join(" + "))
        }
        _ => reading
            .columns
            .iter()
            .map(|&c| table.columns.get(c).copied().unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

/// The cells of a reading as related information: those holding a figure other than 0 (or
/// the first, when all are 0), each with its value.
fn related(table: &TableModel, reading: &Reading, lang: Lang) -> Vec<Related> {
    let t = Template::get(table.edition);
    let cells: Vec<(usize, usize, Decimal, std::ops::Range<usize>)> = reading
        .cells
        .iter()
        .filter_map(|&(r, c)| {
            let slot = table.slot(r, c)?;
            Some((r, c, slot.amount()?, slot.range()?))
        })
        .collect();
    let nonzero: Vec<_> = cells.iter().filter(|x| !x.2.is_zero()).cloned().collect();
    let shown = if nonzero.is_empty() {
        cells.into_iter().take(1).collect()
    } else {
        nonzero
    };
    shown
        .into_iter()
        .map(|(r, c, value, range)| {
            let column = table.columns.get(c).copied().unwrap_or("");
            let cell = match table.kind {
                TableKind::Applications => {
                    let name = table.rows.get(r).map_or("", |row| row.name);
                    format!(
                        "{} · {column}",
                        application_row_name(&t.applications, r, name)
                    )
                }
                _ => column.to_string(),
            };
            Related {
                range,
                message: msg!(
                    lang,
                    "narrative-related",
                    table = table_name(table.kind),
                    cell = &cell,
                    value = show(value)
                ),
                document: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analysis::fix::{apply_fix, fix_all};
    use crate::analysis::rules::test_support::{lines_in, report, TABLE_3_GFM};
    use crate::analysis::{check, Diagnostic, Lang, Options, RuleCode};

    /// Table 四: 行政复议 1 维持 + 1 尚未审结 = 2; no lawsuit.
    const TABLE_4: &str = "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

    /// A 2021 report (table 三: 一 = 3, 二 = 0, （一） = 2, （四） = 1, （七） = 3, 四 = 0;
    /// table 四: 行政复议 2, 行政诉讼 0) with `one` as the first paragraph of section 一,
    /// `four` of section 四 and `five` of section 五.
    fn with(table3: &str, one: &str, four: &str, five: &str) -> String {
        report(&[1, 2, 3, 4, 5, 6], table3)
            .replacen("一、总体情况\n", &format!("一、总体情况\n{one}\n\n"), 1)
            .replacen(
                "四、政府信息公开行政复议、行政诉讼情况\n",
                &format!("四、政府信息公开行政复议、行政诉讼情况\n{four}\n\n{TABLE_4}\n"),
                1,
            )
            .replacen(
                "五、存在的主要问题及改进情况\n",
                &format!("五、存在的主要问题及改进情况\n{five}\n\n"),
                1,
            )
    }

    fn prose(one: &str) -> String {
        with(TABLE_3_GFM, one, "", "")
    }

    fn findings(text: &str) -> Vec<Diagnostic> {
        check(text, &Options::default())
            .into_iter()
            .filter(|d| d.code == RuleCode::NarrativeMismatch)
            .collect()
    }

    /// `(text at the range, message)` of each finding.
    fn flagged(text: &str) -> Vec<(String, String)> {
        findings(text)
            .into_iter()
            .map(|d| (text.get(d.range).unwrap_or("?").to_string(), d.message))
            .collect()
    }

    #[test]
    fn flags_the_number_of_applications_at_the_figure() {
        let text = prose("2021年，我局共收到政府信息公开申请5件，办结3件。");
        assert_eq!(
            flagged(&text),
            [(
                "5".to_string(),
                "正文写的是 5，表三“一、本年新收政府信息公开申请数量 · 总计”为 3".to_string()
            )]
        );
        assert_eq!(
            lines_in(Lang::En, &text, "narrative-mismatch")[0].1,
            "the prose says 5, but 表三 “一、本年新收政府信息公开申请数量 · 总计” is 3"
        );
        // The table cell is the related place.
        let d = &findings(&text)[0];
        assert_eq!(d.related.len(), 1, "{:?}", d.related);
        assert_eq!(text.get(d.related[0].range.clone()), Some("3"));
        let row = text.find("| 一、本年新收").unwrap_or(0);
        assert!(d.related[0].range.start > row);
    }

    #[test]
    fn flags_each_result_against_its_rows() {
        let text = prose(
            "本年度共办结4件，其中予以公开3件、部分公开1件、不予公开1件、无法提供2件、不予处理1件，结转下年度继续办理1件。",
        );
        let found = flagged(&text);
        let messages: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            messages,
            [
                "正文写的是 4，表三“（七）总计 · 总计”为 3",
                "正文写的是 3，表三“（一）予以公开 · 总计”为 2",
                "正文写的是 1，表三“（二）部分公开 · 总计”为 0",
                "正文写的是 1，表三“（三）不予公开各项合计 · 总计”为 0",
                "正文写的是 2，表三“（四）无法提供各项合计 · 总计”为 1",
                "正文写的是 1，表三“（五）不予处理各项合计 · 总计”为 0",
                "正文写的是 1，表三“四、结转下年度继续办理 · 总计”为 0",
            ]
        );
    }

    #[test]
    fn does_not_flag_statements_that_hold() {
        for one in [
            "2021年，我局共收到政府信息公开申请3件，上年结转0件，办结3件，结转下年度继续办理0件。",
            "本年度共办结3件，其中予以公开2件、部分公开0件、不予公开0件、无法提供1件、不予处理0件。",
            "全年受理政府信息公开申请三件，依法予以公开（含部分公开）两件。",
            "我局接到政府信息公开申请３件。",
        ] {
            let text = prose(one);
            assert!(flagged(&text).is_empty(), "{one}: {:?}", flagged(&text));
        }
    }

    /// The overview paragraphs are full of figures about other things; none is a statement
    /// about table 三.
    #[test]
    fn does_not_flag_figures_about_other_things() {
        for one in [
            "2021年，我局主动公开政府信息231条，其中政策文件12件。",
            "门户网站访问量达12万人次，召开新闻发布会3场，发布政策解读5件。",
            "共收到政府信息公开申请3件，其中自然人申请120件，法人或其他组织申请12件。",
            "收到涉及拆迁补偿的政府信息公开申请9件。",
            "因属于国家秘密不予公开5件。",
            "共收到政府信息公开申请约10件。",
            "收到政府信息公开申请100余件。",
            "2020年，我局共收到政府信息公开申请9件。",
            "较上年增加12件，上年收到申请10件。",
            "与去年同期相比，收到申请增加5件。",
            "《条例》实施以来，我局累计收到政府信息公开申请300件。",
            "答复群众咨询15件，办理人大建议8件。",
            "接收商贸预付卡投诉处理信息1980件，目前已全部办结。",
            "根据《条例》第二十条第（一）项的规定，公开规章2件。",
            "收到申请2件和3件。",
        ] {
            let text = prose(one);
            assert!(flagged(&text).is_empty(), "{one}: {:?}", flagged(&text));
        }
    }

    #[test]
    fn does_not_flag_the_work_plan_or_other_sections() {
        let text = with(
            TABLE_3_GFM,
            "",
            "",
            "2022年，我局将力争办结政府信息公开申请100件。本年度共收到政府信息公开申请9件。",
        );
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
        // Nor prose before section 一, nor the tables themselves.
        let text = format!("共收到政府信息公开申请9件。\n\n{}", prose(""));
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
    }

    #[test]
    fn chinese_numerals_count_and_the_fix_writes_them() {
        let text = prose("全年共收到政府信息公开申请两件。");
        let found = findings(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(text.get(found[0].range.clone()), Some("两"));
        let fix = found[0].fix.clone().unwrap_or_else(|| panic!("no fix"));
        assert!(!fix.safe);
        assert_eq!(fix.edits[0].new_text, "三");
        assert_eq!(fix.title, "改为“三”");
        let text = prose("全年共收到政府信息公开申请1,234件。");
        assert_eq!(findings(&text)[0].fix.as_ref().map(|f| f.edits[0].new_text.as_str()), Some("3"));
    }

    /// The table may be the wrong side: `--fix` and the editor's fix-all (one engine) never
    /// touch the prose, while the quick fix the writer picks replaces the figure.
    #[test]
    fn fix_all_leaves_the_prose_and_the_quick_fix_replaces_it() {
        let text = prose("2021年，我局共收到政府信息公开申请5件。");
        let outcome = fix_all(&text, &Options::default());
        assert_eq!(outcome.text, text);
        assert!(outcome.applied.is_empty());
        let d = &findings(&text)[0];
        let fix = d.fix.clone().unwrap_or_else(|| panic!("no fix"));
        let fixed = apply_fix(&text, &Options::default(), &fix).unwrap_or_default();
        assert!(fixed.contains("共收到政府信息公开申请3件。"), "{fixed}");
        assert!(findings(&fixed).is_empty());
    }

    #[test]
    fn accepted_reads_new_or_new_plus_carried() {
        // 二 = 1 and 四 = 1: 一 + 二 = 4 = （七）3 + 四 1.
        let table = TABLE_3_GFM
            .replace(
                "| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                "| 二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            )
            .replace(
                "| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                "| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            );
        for (one, flags) in [
            ("全年受理政府信息公开申请3件。", false),
            ("全年受理政府信息公开申请4件。", false),
            ("全年共收到政府信息公开申请4件。", true),
        ] {
            let text = with(&table, one, "", "");
            assert_eq!(!flagged(&text).is_empty(), flags, "{one}: {:?}", flagged(&text));
        }
        let text = with(&table, "全年受理政府信息公开申请5件。", "", "");
        assert_eq!(
            flagged(&text)[0].1,
            "正文写的是 5，表三“一、本年新收政府信息公开申请数量 · 总计”为 3，“一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 · 总计”为 4"
        );
    }

    #[test]
    fn flags_none_received_and_reviews_against_table_four() {
        let text = prose("本年度我局未收到政府信息公开申请。");
        assert_eq!(
            flagged(&text),
            [(
                "未收到政府信息公开申请".to_string(),
                "正文写本年未收到申请，表三“一、本年新收政府信息公开申请数量 · 总计”却为 3".to_string()
            )]
        );
        let text = with(
            TABLE_3_GFM,
            "",
            "本年度发生政府信息公开行政复议3件，未发生行政诉讼。",
            "",
        );
        assert_eq!(
            flagged(&text),
            [(
                "3".to_string(),
                "正文写的是 3，表四“行政复议·总计”为 2".to_string()
            )]
        );
        let text = with(TABLE_3_GFM, "", "本年度发生政府信息公开行政复议2件，行政诉讼0件。", "");
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
        // 均获维持: no review corrected (table 四: 1 维持, 1 尚未审结, 0 纠正).
        let text = with(TABLE_3_GFM, "", "本年度发生政府信息公开行政复议2件，均获维持。", "");
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
        let corrected = with(TABLE_3_GFM, "", "本年度发生政府信息公开行政复议2件，均获维持。", "")
            .replace("| 1 | 0 | 0 | 1 | 2 | 0 |", "| 1 | 1 | 0 | 0 | 2 | 0 |");
        assert_eq!(
            flagged(&corrected),
            [(
                "均获维持".to_string(),
                "正文写均获维持，表四“行政复议·结果纠正”却为 1".to_string()
            )]
        );
        // Table 四 holds 2 reviews and no lawsuit: one of the two statements is contradicted.
        let text = with(
            TABLE_3_GFM,
            "",
            "本年度未发生因政府信息公开引起的行政复议和行政诉讼案件。",
            "",
        );
        assert_eq!(
            flagged(&text),
            [(
                "未发生因政府信息公开引起的行政复议".to_string(),
                "正文写未发生行政复议，表四“行政复议·总计”却为 2".to_string()
            )]
        );
        // A 司法局's overview counts every review it handled: not about disclosure.
        let text = prose("全年办理行政复议案件120件。");
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
    }

    #[test]
    fn checks_a_percentage_against_its_figure_and_base() {
        // 予以公开 2 of 3 (一 = 一 + 二 = （七） = 3: the base is clear).
        for fine in ["66.67", "66.66", "67", "66.7"] {
            let text = prose(&format!("共收到政府信息公开申请3件，其中予以公开2件（{fine}%）。"));
            assert!(flagged(&text).is_empty(), "{fine}: {:?}", flagged(&text));
        }
        let text = prose("共收到政府信息公开申请3件，其中予以公开2件，占总数的50%。");
        let found = findings(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(text.get(found[0].range.clone()), Some("50"));
        assert_eq!(
            found[0].message,
            "正文写的是 50%，2 ÷ 3（表三“（七）总计 · 总计”）应为 67%"
        );
        assert_eq!(
            found[0].fix.as_ref().map(|f| (f.safe, f.edits[0].new_text.as_str())),
            Some((false, "67"))
        );
    }

    #[test]
    fn does_not_flag_against_a_table_that_is_not_sound() {
        // 一 · 自然人 3 breaks the table's own totals: the prose is not compared with it.
        let table = TABLE_3_GFM.replace(
            "| 一、本年新收政府信息公开申请数量 |  |  | 2 |",
            "| 一、本年新收政府信息公开申请数量 |  |  | 3 |",
        );
        let text = with(&table, "共收到政府信息公开申请9件。", "", "");
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
        // A blank 总计: nothing to compare with.
        let table = TABLE_3_GFM.replace(
            "| 一、本年新收政府信息公开申请数量 |  |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |",
            "| 一、本年新收政府信息公开申请数量 |  |  | 2 | 1 | 0 | 0 | 0 | 0 | O |",
        );
        let text = with(&table, "共收到政府信息公开申请9件。", "", "");
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
        // No table at all.
        let text = report(&[1, 2, 3, 4, 5, 6], "").replacen(
            "一、总体情况\n",
            "一、总体情况\n共收到政府信息公开申请9件。\n\n",
            1,
        );
        assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
    }
}

/// The real reports: their prose agrees with their tables, and one figure changed is flagged
/// exactly there.
#[cfg(test)]
mod corpus_tests {
    use crate::analysis::{check, Options, RuleCode};

    const CORPUS: [&str; 4] = [
        include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
        include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
        include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
        include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
    ];

    /// Where each finding starts and ends.
    fn flagged(text: &str) -> Vec<(usize, usize)> {
        check(text, &Options::default())
            .into_iter()
            .filter(|d| d.code == RuleCode::NarrativeMismatch)
            .map(|d| (d.range.start, d.range.end))
            .collect()
    }

    #[test]
    fn does_not_flag_the_real_reports() {
        for text in CORPUS {
            assert!(flagged(text).is_empty(), "{:?}", flagged(text));
        }
    }

    #[test]
    fn flags_one_changed_figure_exactly_there() {
        for (text, before, after, figure) in [
            (CORPUS[0], "受理并办理依申请公开2件", "受理并办理依申请公开3件", "3件，已及时"),
            (CORPUS[0], "累计接受2条政府信息公开申请件", "累计接受三条政府信息公开申请件", "三条"),
            (CORPUS[2], "接到政府信息公开申请0件", "接到政府信息公开申请1件", "1件。"),
        ] {
            assert!(text.contains(before), "{before}");
            let changed = text.replacen(before, after, 1);
            let at = changed.find(figure).unwrap_or(0);
            let width = figure.chars().next().map_or(0, char::len_utf8);
            assert_eq!(flagged(&changed), [(at, at + width)], "{after}");
        }
    }

    #[test]
    fn flags_a_table_that_contradicts_none_received() {
        // 001 says `我局未收到过公开申请` and its table 三 (one cell per line, ` |`-ended) says 0.
        // With one application from a 自然人, disclosed (each row's 自然人 and 总计 set to 1,
        // so the table's totals hold), the prose is contradicted at its words.
        let text = CORPUS[1];
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for label in ["一、本年新收政府信息公开申请数量 |", "(一)予以公开 |", "(七)总计 |"] {
            let at = lines.iter().position(|l| l == label).unwrap_or(0);
            for value in [at + 1, at + 7] {
                assert_eq!(lines.get(value).map(String::as_str), Some("0 |"), "{label}");
                lines[value] = "1 |".to_string();
            }
        }
        let changed = lines.join("\n");
        let words = "未收到过公开申请";
        let at = changed.find(words).unwrap_or(0);
        assert_eq!(flagged(&changed), [(at, at + words.len())]);
    }
}
