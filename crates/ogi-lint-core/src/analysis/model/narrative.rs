//! The figures the prose states (docs/rules/narrative-mismatch.md), gathered from the paragraphs' cached
//! statements (`Block::statements`, read once per paragraph by `prose::claims`), with what the
//! tables hold for each. Facts: `narrative-mismatch` compares them, the hover shows them.
//!
//! Only statements where §6 says they stand are kept: about applications in sections 一 and 三
//! (the 依申请公开 prose), about reviews and lawsuits in section 四, or in 一 and 三 when the
//! sentence speaks of 政府信息公开 (a 司法局's overview counts every review it handled). Never the
//! work plan of 五, 六, the title or the tables; never a sentence naming another year than the
//! report's (`2019年收到申请10件` in a 2020 report).
//!
//! Which cells a statement is about is said by the template rows' ids (`new`, `carried`,
//! `granted`, …) and table 四's relations (the first is 行政复议, the others the two kinds of
//! lawsuit): shared by the editions, so no edition's labels are named here.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{abs, EvidenceKind, Model, Placed, Slot, TableModel};
use crate::analysis::prose::{Context, Numerals, Quantity};
use crate::analysis::template::{TableKind, Template};

/// A figure stated in the prose, with what the table holds for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub quantity: Quantity,
    /// The figure stated; `None` for a statement that none happened (`未收到…申请`: 0).
    pub stated: Option<u64>,
    /// The figure as written, or the words saying none happened.
    pub range: Range<usize>,
    pub numerals: Numerals,
    pub grouped: bool,
    /// A percentage stated with the figure, and the range of its number.
    pub percent: Option<(Decimal, Range<usize>)>,
    pub table: TableKind,
    /// What the table holds for the statement, the usual reading first (`受理`: 一, then
    /// 一 + 二). Empty when the table was not read.
    pub readings: Vec<Reading>,
}

/// Cells of a table that a statement is about, and their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The rows named, template indices (a group row stands for its items).
    pub rows: Vec<usize>,
    /// The columns named.
    pub columns: Vec<usize>,
    /// Every cell added: (row, column).
    pub cells: Vec<(usize, usize)>,
    /// Their sum, when it is known for sure: every cell holds a number or is blank, and at
    /// least one holds a number (a table left blank says nothing).
    pub value: Option<Decimal>,
}

/// The statements of the paragraphs in the sections that state them, in text order.
pub(super) fn gather(placed: &[Placed], model: &mut Model) {
    let report_year = model
        .edition_evidence
        .iter()
        .find(|e| matches!(e.kind, EvidenceKind::Title | EvidenceKind::StatisticsPeriod))
        .map(|e| e.year);
    let this_year = |context: &Context| context.years.iter().all(|y| Some(*y) == report_year);
    let section_of = |offset: usize| {
        model
            .sections
            .iter()
            .flatten()
            .find(|s| s.start <= offset && offset < s.end)
            .map(|s| s.number)
    };
    let mut found = Vec::new();
    for p in placed {
        let Some(statements) = p.block.statements.as_deref() else {
            continue;
        };
        let stated = statements
            .claims
            .iter()
            .map(|c| {
                let percent = c
                    .percent
                    .as_ref()
                    .map(|x| (x.value, abs(p.start, &x.range)));
                let claim = (c.quantity, Some(c.value), abs(p.start, &c.range));
                (claim, c.numerals, c.grouped, percent, &c.context)
            })
            .chain(statements.none.iter().map(|n| {
                let claim = (n.quantity, None, abs(p.start, &n.range));
                (claim, Numerals::Arabic, false, None, &n.context)
            }));
        for ((quantity, value, range), numerals, grouped, percent, context) in stated {
            let section = section_of(range.start);
            let table = table_of(quantity);
            let in_place = match (table, section) {
                (TableKind::Applications, Some(1 | 3)) => true,
                (TableKind::Reviews, Some(4)) => true,
                (TableKind::Reviews, Some(1 | 3)) => context.about_disclosure,
                _ => false,
            };
            if !in_place || !this_year(context) {
                continue;
            }
            let readings = model
                .table(table)
                .map(|t| readings(t, quantity))
                .unwrap_or_default();
            found.push(Statement {
                quantity,
                stated: value,
                range,
                numerals,
                grouped,
                percent,
                table,
                readings,
            });
        }
    }
    model.narrative = found;
}

/// The table a statement is about.
pub fn table_of(quantity: Quantity) -> TableKind {
    match quantity {
        Quantity::Reviews
        | Quantity::Lawsuits
        | Quantity::ReviewsUpheld
        | Quantity::LawsuitsUpheld => TableKind::Reviews,
        _ => TableKind::Applications,
    }
}

/// What `table` holds for `quantity`: each way writers use the wording, the usual one first.
pub fn readings(table: &TableModel, quantity: Quantity) -> Vec<Reading> {
    if table.kind != table_of(quantity) {
        return Vec::new();
    }
    let t = Template::get(table.edition);
    if table.kind == TableKind::Reviews {
        // Each relation of table 四 is one kind of case: its total, then its parts in the
        // template's order (结果维持, 结果纠正, 其他结果, 尚未审结).
        let totals: Vec<usize> = t.reviews.row_totals.iter().map(|r| r.total).collect();
        let corrected: Vec<usize> = t
            .reviews
            .row_totals
            .iter()
            .filter_map(|r| r.parts.get(1).copied())
            .collect();
        let (of, kinds) = match quantity {
            Quantity::Reviews => (&totals, 0..1),
            Quantity::ReviewsUpheld => (&corrected, 0..1),
            Quantity::LawsuitsUpheld => (&corrected, 1..corrected.len()),
            _ => (&totals, 1..totals.len()),
        };
        let columns = of.get(kinds).map(<[usize]>::to_vec).unwrap_or_default();
        if columns.is_empty() || table.rows.is_empty() {
            return Vec::new();
        }
        return vec![reading(
            table,
            vec![0],
            columns.clone(),
            |_, each| each(0),
            &columns,
        )];
    }
    let apps = &t.applications;
    let total = apps.row_total.total;
    let ways: &[&[&str]] = match quantity {
        Quantity::NewApplications => &[&["new"]],
        Quantity::Accepted => &[&["new"], &["new", "carried"]],
        Quantity::CarriedIn => &[&["carried"]],
        Quantity::Handled => &[&["total"]],
        Quantity::CarriedOut => &[&["carry-over"]],
        Quantity::Disclosed => &[&["granted"], &["granted", "partial"]],
        Quantity::DisclosedWithPartial => &[&["granted", "partial"]],
        Quantity::PartlyDisclosed => &[&["partial"]],
        Quantity::Withheld => &[&["denied"]],
        Quantity::Unavailable => &[&["unable"]],
        Quantity::NotProcessed => &[&["ignored"]],
        Quantity::Reviews
        | Quantity::Lawsuits
        | Quantity::ReviewsUpheld
        | Quantity::LawsuitsUpheld => &[],
    };
    let mut out = Vec::with_capacity(ways.len());
    for ids in ways {
        let rows: Option<Vec<usize>> = ids.iter().map(|id| apps.row_index(id)).collect();
        let Some(rows) = rows else {
            // A template without one of these rows: nothing to compare with.
            return Vec::new();
        };
        // A group stands for its items (`（三）不予公开` is the sum of 1–8): the rows whose
        // parent it is, as `expand("<id>-*")` lists them.
        let items = |r: usize, each: &mut dyn FnMut(usize)| {
            let Some(spec) = apps.rows.get(r) else {
                return;
            };
            if spec.group {
                let children = apps.rows.iter().enumerate();
                for (i, _) in children.filter(|(_, c)| c.parent.as_deref() == Some(&spec.id)) {
                    each(i);
                }
            } else {
                each(r);
            }
        };
        out.push(reading(table, rows, vec![total], items, &[total]));
    }
    out
}

fn reading(
    table: &TableModel,
    rows: Vec<usize>,
    columns: Vec<usize>,
    items: impl Fn(usize, &mut dyn FnMut(usize)),
    sum_columns: &[usize],
) -> Reading {
    // Counted first, so that the list is sized once.
    let mut count = 0;
    for &r in &rows {
        items(r, &mut |_| count += sum_columns.len());
    }
    let mut cells: Vec<(usize, usize)> = Vec::with_capacity(count);
    for &r in &rows {
        items(r, &mut |item| {
            cells.extend(sum_columns.iter().map(|&c| (item, c)));
        });
    }
    let mut sum = Decimal::ZERO;
    let mut known = false;
    let mut sure = !cells.is_empty();
    for &(r, c) in &cells {
        match table.slot(r, c) {
            Some(Slot::Known { value, .. }) => {
                sum += *value;
                known = true;
            }
            Some(Slot::Blank { .. }) => {}
            _ => sure = false,
        }
    }
    Reading {
        rows,
        columns,
        cells,
        value: (sure && known).then_some(sum),
    }
}
