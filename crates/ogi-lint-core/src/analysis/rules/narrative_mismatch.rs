//! `narrative-mismatch` (warning): a figure stated in the prose contradicts the table
//! (report-format.md §6). `共收到政府信息公开申请5件` while 表三 一、本年新收 · 总计 is 3.
//!
//! Compared: 收到/新收 ↔ 一; 受理 ↔ 一 or 一 + 二; 上年结转 ↔ 二; 办结/答复 ↔ （七）总计;
//! 结转下年度 ↔ 四; 予以公开 ↔ （一） or （一）+（二）; 予以公开（含部分公开） ↔ （一）+（二）;
//! 部分公开 ↔ （二）; 不予公开 / 无法提供 / 不予处理 ↔ the sum of （三） / （四） / （五）, all in the
//! 总计 column; 未收到…申请 ↔ 一 = 0; 行政复议 / 行政诉讼 (and 未发生…) ↔ table 四's totals. A
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
//! Chinese — `两`, `十二` — up to 9999, digits beyond). It is never safe: the table may be the
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
                let sound = relations::findings(table, lang).is_empty();
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
    let values: Option<Vec<Decimal>> = s.readings.iter().map(|r| r.value).collect();
    let Some(values) = values else {
        return;
    };
    let stated = Decimal::from(s.stated.unwrap_or(0));
    if values.contains(&stated) {
        if let (Some(figure), Some(percent)) = (s.stated, &s.percent) {
            check_percent(s, figure, percent, table, lang, out);
        }
        return;
    }
    let value = values[0];
    let table_name = table_name(table.kind);
    let cell = reading_name(table, usual, lang);
    let message = match (s.stated, s.readings.get(1), values.get(1)) {
        (None, _, _) => {
            let shown = show(value);
            match s.quantity {
                Quantity::Reviews => msg!(lang, "narrative-none-reviews", table = table_name, cell = &cell, value = &shown),
                Quantity::Lawsuits => msg!(lang, "narrative-none-lawsuits", table = table_name, cell = &cell, value = &shown),
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
            let slot = table.rows.get(r)?.slots.get(c)?;
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
            }
        })
        .collect()
}
