//! The 勾稽关系 of tables 三 and 四 read as a parity check: which relations break, and whether
//! they name one wrong figure (spec §5, "Where to point, and what to fix"). Shared by
//! `total-mismatch` and `balance-mismatch`, which report what this module finds.
//!
//! Every relation is a signed sum that must be 0: a sum's parts count +1 and its total −1; the
//! balance counts 一 and 二 +1, （七）总计 and 四 −1. A figure written `e` away from its true value
//! leaves each relation it takes part in off by `±e` (the sign of its term) and no other. In
//! table 三 no two cells take part in the same relations: a part cell is in its row and its
//! column; a row's 总计 in its row and the 总计 column; a （七）总计 cell in its column, the
//! （七）总计 row and its column's balance; a cell of 一, 二 or 四 in its row and its column's
//! balance. So when the broken relations are exactly one cell's, all off by the same amount,
//! that cell is the wrong figure, whether it is a total or a part.
//!
//! Table 四's three groups are one relation each: a single broken relation never names a cell
//! there (each of its five cells would explain it).

use std::borrow::Cow;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::analysis::model::{GridRow, Slot, TableModel};
use crate::analysis::rules::{application_row_name, show, table_name};
use crate::analysis::template::{TableKind, Template};
use crate::analysis::{Diagnostic, Edit, Fix, Lang, Related, RuleCode};

/// A cell of a table's grid: (row index, column index).
type Cell = (usize, usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A row's 总计 (table 三) or one group's 总计 (table 四): `total` is its column.
    RowSum { row: usize, total: usize },
    /// A column's （七）总计 over the result rows of 三.
    ColumnSum { column: usize, total_row: usize },
    /// 一 + 二 = （七）总计 + 四 in one column; reported at the cell of 四.
    Balance { column: usize, at_row: usize },
}

/// One relation, its cells borrowed from [`Relations`].
#[derive(Debug, Clone, Copy)]
struct Relation<'r> {
    kind: Kind,
    /// Cells counted +1: a sum's parts; 一 and 二.
    plus: &'r [Cell],
    /// Cells counted −1: a sum's total; （七）总计 and 四.
    minus: &'r [Cell],
}

/// Every relation of a table, with the cells of all of them in one list (allocating each
/// relation's cells on its own was most of the arithmetic's time).
#[derive(Debug, Default)]
struct Relations {
    /// Each relation's kind and where its cells are in `cells`: `start..minus` counted +1,
    /// `minus..end` counted −1.
    entries: Vec<(Kind, usize, usize, usize)>,
    cells: Vec<Cell>,
}

impl Relations {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn get(&self, i: usize) -> Option<Relation<'_>> {
        let &(kind, start, minus, end) = self.entries.get(i)?;
        Some(Relation {
            kind,
            plus: self.cells.get(start..minus)?,
            minus: self.cells.get(minus..end)?,
        })
    }

    /// Relation `i`, one of `0..len()`.
    fn at(&self, i: usize) -> Relation<'_> {
        self.get(i)
            .unwrap_or_else(|| unreachable!("relation {i} of {}", self.len()))
    }

    fn iter(&self) -> impl Iterator<Item = Relation<'_>> {
        (0..self.len()).map(|i| self.at(i))
    }
}

/// What a table's relations are handed to as [`applications`] and [`reviews`] list them.
trait Sink {
    fn relation(
        &mut self,
        kind: Kind,
        plus: impl Iterator<Item = Cell>,
        minus: impl Iterator<Item = Cell>,
    );
}

/// Keeps every relation.
impl Sink for Relations {
    fn relation(
        &mut self,
        kind: Kind,
        plus: impl Iterator<Item = Cell>,
        minus: impl Iterator<Item = Cell>,
    ) {
        let start = self.cells.len();
        self.cells.extend(plus);
        let minus_start = self.cells.len();
        self.cells.extend(minus);
        self.entries
            .push((kind, start, minus_start, self.cells.len()));
    }
}

/// Whether any relation may be broken, from the sums alone: nearly every table holds every
/// relation, and then neither the relations nor anything else is kept.
struct AnyBroken<'f> {
    figures: &'f Figures,
    found: bool,
}

impl Sink for AnyBroken<'_> {
    fn relation(
        &mut self,
        _: Kind,
        plus: impl Iterator<Item = Cell>,
        minus: impl Iterator<Item = Cell>,
    ) {
        if self.found {
            return;
        }
        self.found = match whole_sum(plus, minus, |cell| self.figures.get(cell)) {
            Some(Some(whole)) => whole != 0,
            // A figure with decimals: `Checked` adds the relation up exactly.
            Some(None) => true,
            None => false,
        };
    }
}

/// Σ plus − Σ minus in whole numbers: `Some(None)` when a figure has decimals (then the
/// relation is added up as `Decimal`s), `None` when one is unchecked.
#[inline]
fn whole_sum(
    plus: impl Iterator<Item = Cell>,
    minus: impl Iterator<Item = Cell>,
    figure: impl Fn(Cell) -> Figure,
) -> Option<Option<i128>> {
    let mut whole: i128 = 0;
    let mut fraction = false;
    for cell in plus {
        match figure(cell) {
            Figure::Whole(v) => whole += v,
            Figure::Fraction => fraction = true,
            Figure::Unchecked => return None,
        }
    }
    for cell in minus {
        match figure(cell) {
            Figure::Whole(v) => whole -= v,
            Figure::Fraction => fraction = true,
            Figure::Unchecked => return None,
        }
    }
    Some((!fraction).then_some(whole))
}

impl Relation<'_> {
    /// The sign of `cell` in the relation, or `None` when it takes no part.
    fn sign_of(&self, cell: Cell) -> Option<Decimal> {
        if self.plus.contains(&cell) {
            Some(Decimal::ONE)
        } else if self.minus.contains(&cell) {
            Some(Decimal::NEGATIVE_ONE)
        } else {
            None
        }
    }

    fn cells(&self) -> impl Iterator<Item = Cell> + '_ {
        self.plus.iter().chain(self.minus).copied()
    }

    /// Each cell with the sign of its term.
    fn terms(&self) -> impl Iterator<Item = (Cell, i128)> + '_ {
        let plus = self.plus.iter().map(|&cell| (cell, 1));
        plus.chain(self.minus.iter().map(|&cell| (cell, -1)))
    }

    /// The cell a finding about this relation alone points at: its total, or the cell of 四.
    fn at(&self) -> Cell {
        match self.kind {
            Kind::RowSum { row, total } => (row, total),
            Kind::ColumnSum { column, total_row } => (total_row, column),
            Kind::Balance { column, at_row } => (at_row, column),
        }
    }

    fn code(&self) -> RuleCode {
        match self.kind {
            Kind::Balance { .. } => RuleCode::BalanceMismatch,
            Kind::RowSum { .. } | Kind::ColumnSum { .. } => RuleCode::TotalMismatch,
        }
    }
}

/// Figures larger than this (10^20) are no counts: a relation with one is not checked. Below
/// it, no sum of a table's figures comes near `Decimal`'s limit (about 7.9 × 10^28), where
/// its arithmetic panics.
const LARGEST_FIGURE: i128 = 100_000_000_000_000_000_000;

/// A cell's figure as the arithmetic reads it, worked out once per table (each cell takes part
/// in two or three relations).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Figure {
    /// A whole number no larger than [`LARGEST_FIGURE`] (blanks and absent rows count 0):
    /// nearly every figure. Whole numbers add as integers, at a fraction of the cost of
    /// `Decimal` additions.
    Whole(i128),
    /// A number with decimals, no larger than [`LARGEST_FIGURE`]: a relation with one is added
    /// up as `Decimal`s.
    Fraction,
    /// Missing, invalid, or larger than any count: a relation with one is not checked.
    Unchecked,
}

impl Figure {
    /// [`Figure::of`] the slot's [`Slot::amount`], read straight from the slot: worked out for
    /// every cell of every table 三 and 四.
    #[inline]
    fn of_slot(slot: &Slot) -> Figure {
        match slot {
            Slot::Absent | Slot::Blank { .. } => Figure::Whole(0),
            Slot::Known { value, .. } => Figure::of(Some(*value)),
            Slot::Missing { .. } | Slot::Invalid { .. } => Figure::Unchecked,
        }
    }

    #[inline]
    fn of(amount: Option<Decimal>) -> Figure {
        let Some(value) = amount else {
            return Figure::Unchecked;
        };
        if value.scale() == 0 {
            let whole = value.mantissa();
            if whole.abs() > LARGEST_FIGURE {
                Figure::Unchecked
            } else {
                Figure::Whole(whole)
            }
        } else if value.abs() > Decimal::from_i128_with_scale(LARGEST_FIGURE, 0) {
            Figure::Unchecked
        } else {
            Figure::Fraction
        }
    }
}

/// Each cell's figure, row by row.
struct Figures {
    cells: Vec<Figure>,
    /// Cells to a row: the longest row's slots.
    width: usize,
}

impl Figures {
    fn of(table: &TableModel) -> Figures {
        let width = table
            .rows
            .iter()
            .map(|row| row.slot_range.len())
            .max()
            .unwrap_or(0);
        let mut cells = Vec::with_capacity(table.rows.len() * width);
        for row in &table.rows {
            cells.extend(table.row_slots(row).iter().map(Figure::of_slot));
            // A short row's cells beyond its slots are not there to add up.
            cells.resize(
                cells.len() + width - row.slot_range.len(),
                Figure::Unchecked,
            );
        }
        Figures { cells, width }
    }

    #[inline]
    fn get(&self, (r, c): Cell) -> Figure {
        if c >= self.width {
            return Figure::Unchecked;
        }
        self.cells
            .get(r * self.width + c)
            .copied()
            .unwrap_or(Figure::Unchecked)
    }
}

/// The one figure that explains every broken relation.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Culprit {
    cell: Cell,
    written: Decimal,
    expected: Decimal,
}

/// A table with its relations evaluated.
struct Checked<'t> {
    table: &'t TableModel,
    /// The language of the messages.
    lang: Lang,
    relations: Relations,
    figures: Figures,
    /// Σ plus − Σ minus of each relation; `None` when a cell in it is missing or invalid (that
    /// cell is reported by `missing-cell` / `invalid-number`, and the relation is not checked).
    residuals: Vec<Option<Decimal>>,
}

/// The arithmetic findings of one table 三 or 四, of both codes: either one finding at the one
/// wrong figure (with the relations it breaks as related information, and a safe fix when the
/// value is determined), or one finding per broken relation and no safe fix.
pub(crate) fn findings(table: &TableModel, lang: Lang) -> Vec<Diagnostic> {
    evaluate(table, lang)
}

/// Moves the findings of `code` of one table into `out`, in their order. Within one run of the
/// rules the table is evaluated once for both codes, and each rule is handed its own findings
/// (not a copy of the whole list).
pub(crate) fn report(table: &TableModel, lang: Lang, code: RuleCode, out: &mut Vec<Diagnostic>) {
    let mine = |d: &Diagnostic| d.code == code;
    let handed = with_seen(table, lang, |seen| {
        let bit = 1u128 << (code as u32);
        if seen.taken & bit != 0 {
            return false;
        }
        seen.taken |= bit;
        if seen.left.iter().any(mine) {
            let all = std::mem::take(&mut seen.left);
            for d in all {
                if mine(&d) {
                    out.push(d);
                } else {
                    seen.left.push(d);
                }
            }
        }
        true
    });
    if handed != Some(true) {
        out.extend(evaluate(table, lang).into_iter().filter(mine));
    }
}

/// Whether the table's relations all hold (it has no findings of either code).
pub(crate) fn holds(table: &TableModel, lang: Lang) -> bool {
    with_seen(table, lang, |seen| seen.holds).unwrap_or_else(|| evaluate(table, lang).is_empty())
}

/// Calls `f` with what this run of the rules has found in the table (evaluated on first use);
/// `None` outside a run.
fn with_seen<R>(table: &TableModel, lang: Lang, f: impl FnOnce(&mut Seen) -> R) -> Option<R> {
    let key = (std::ptr::from_ref(table) as usize, lang);
    let in_run = SHARED.with(|shared| {
        shared
            .borrow()
            .as_ref()
            .map(|all| all.iter().any(|s| s.key == key))
    });
    match in_run {
        None => return None,
        Some(true) => {}
        Some(false) => {
            let left = evaluate(table, lang);
            let seen = Seen {
                key,
                holds: left.is_empty(),
                left,
                taken: 0,
            };
            SHARED.with(|shared| shared.borrow_mut().as_mut().map(|all| all.push(seen)));
        }
    }
    SHARED.with(|shared| {
        let mut shared = shared.borrow_mut();
        let seen = shared.as_mut()?.iter_mut().find(|s| s.key == key)?;
        Some(f(seen))
    })
}

/// What the current run of the rules has found in one table.
struct Seen {
    /// The table's address and the language.
    key: (usize, Lang),
    /// Whether the table had no findings at all.
    holds: bool,
    /// The findings not yet handed to their rule.
    left: Vec<Diagnostic>,
    /// The codes whose findings were handed out (bit `code as u32`).
    taken: u128,
}

// Each code has its bit in `Seen::taken`.
const _: () = assert!(RuleCode::ALL.len() <= 128);

thread_local! {
    /// `Some` only while `rules::run` runs (see [`Shared`]): it borrows the model then, so a
    /// table's address names that table.
    static SHARED: std::cell::RefCell<Option<Vec<Seen>>> = const { std::cell::RefCell::new(None) };
}

/// Held by `rules::run` while it runs: [`findings`] are shared between the rules only then.
pub(crate) struct Shared(());

impl Shared {
    pub(crate) fn during_run() -> Shared {
        SHARED.with(|shared| *shared.borrow_mut() = Some(Vec::new()));
        Shared(())
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        SHARED.with(|shared| *shared.borrow_mut() = None);
    }
}

/// [`findings`], worked out.
fn evaluate(table: &TableModel, lang: Lang) -> Vec<Diagnostic> {
    if table.kind == TableKind::Active {
        return Vec::new();
    }
    let figures = Figures::of(table);
    let mut any = AnyBroken {
        figures: &figures,
        found: false,
    };
    list(table, &mut any);
    if !any.found {
        return Vec::new();
    }
    let mut relations = Relations::default();
    list(table, &mut relations);
    Checked::new(table, relations, figures, lang).diagnostics()
}

/// Hands every relation of `table` to `sink`: tables 三 and 四 have relations, 二 none.
fn list(table: &TableModel, sink: &mut impl Sink) {
    match table.kind {
        TableKind::Applications => applications(table, sink),
        TableKind::Reviews => reviews(table, sink),
        TableKind::Active => {}
    }
}

/// Table 三: every value row's sum, every column's （七）总计, every column's balance.
fn applications(table: &TableModel, sink: &mut impl Sink) {
    let t = &Template::get(table.edition).applications;
    let spec = &t.row_total;
    let present = |r: usize| {
        table
            .rows
            .get(r)
            .is_some_and(|row| table.row_slots(row).iter().any(|s| *s != Slot::Absent))
    };
    let columns = table.columns.len();
    for (r, row) in table.rows.iter().enumerate() {
        if row.group || !present(r) {
            continue;
        }
        sink.relation(
            Kind::RowSum {
                row: r,
                total: spec.total,
            },
            spec.parts.iter().map(|&c| (r, c)),
            std::iter::once((r, spec.total)),
        );
    }
    for &(total_row, ref part_rows) in &t.rows_found.column_totals {
        if !present(total_row) {
            continue;
        }
        let mut part_rows = Cow::Borrowed(part_rows.as_slice());
        if let Some(g) = table.collapsed_other {
            // A 2021 table with the 2019 （六）其他处理 row: that row stands for its three items.
            if let Some(id) = t.rows.get(g).map(|spec| spec.id.as_str()) {
                let rows = part_rows.to_mut();
                rows.retain(|&i| t.rows[i].parent.as_deref() != Some(id));
                rows.push(g);
            }
        }
        for column in 0..columns {
            sink.relation(
                Kind::ColumnSum { column, total_row },
                part_rows.iter().map(|&r| (r, column)),
                std::iter::once((total_row, column)),
            );
        }
    }
    if let Some((left, right, at_row)) = &t.rows_found.balance {
        // Not checked when one of the four rows is absent: missing-row reports it.
        if left.iter().chain(right).all(|&r| present(r)) {
            for column in 0..columns {
                sink.relation(
                    Kind::Balance {
                        column,
                        at_row: *at_row,
                    },
                    left.iter().map(|&r| (r, column)),
                    right.iter().map(|&r| (r, column)),
                );
            }
        }
    }
}

/// Table 四: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计, three times in its one row.
fn reviews(table: &TableModel, sink: &mut impl Sink) {
    let t = &Template::get(table.edition).reviews;
    if table.rows.is_empty() {
        return;
    }
    for spec in &t.row_totals {
        sink.relation(
            Kind::RowSum {
                row: 0,
                total: spec.total,
            },
            spec.parts.iter().map(|&c| (0, c)),
            std::iter::once((0, spec.total)),
        );
    }
}

impl<'t> Checked<'t> {
    fn new(
        table: &'t TableModel,
        relations: Relations,
        figures: Figures,
        lang: Lang,
    ) -> Checked<'t> {
        let mut checked = Checked {
            table,
            lang,
            relations,
            figures,
            residuals: Vec::new(),
        };
        checked.residuals = (0..checked.relations.len())
            .map(|i| checked.residual(i, None))
            .collect();
        checked
    }

    fn slot(&self, (r, c): Cell) -> Option<&'t Slot> {
        self.table.slot(r, c)
    }

    /// Relation `i`'s Σ plus − Σ minus, with `replace` = (cell, value) standing in for a cell.
    /// `None` also when a figure is larger than any count ([`LARGEST_FIGURE`]): such a relation
    /// is not checked, and no sum of the checked figures can overflow.
    fn residual(&self, i: usize, replace: Option<(Cell, Decimal)>) -> Option<Decimal> {
        let relation = self.relations.get(i)?;
        let (plus, minus) = (
            relation.plus.iter().copied(),
            relation.minus.iter().copied(),
        );
        let whole = match replace {
            None => whole_sum(plus, minus, |cell| self.figures.get(cell)),
            Some((at, value)) => {
                let replaced = Figure::of(Some(value));
                whole_sum(plus, minus, |cell| {
                    if cell == at {
                        replaced
                    } else {
                        self.figures.get(cell)
                    }
                })
            }
        }?;
        if let Some(whole) = whole {
            return Decimal::try_from_i128_with_scale(whole, 0).ok();
        }
        let value = |cell: Cell| -> Option<Decimal> {
            match replace {
                Some((at, value)) if at == cell => Some(value),
                _ => self.slot(cell)?.amount(),
            }
        };
        self.decimal_residual(value, relation.terms())
    }

    /// [`Checked::residual`] with `Decimal` arithmetic, for a relation with a fractional figure.
    fn decimal_residual(
        &self,
        value: impl Fn(Cell) -> Option<Decimal>,
        terms: impl Iterator<Item = (Cell, i128)>,
    ) -> Option<Decimal> {
        let largest = Decimal::from_i128_with_scale(LARGEST_FIGURE, 0);
        let mut sum = Decimal::ZERO;
        for (cell, sign) in terms {
            let v = value(cell)?;
            if v.abs() > largest {
                return None;
            }
            sum = if sign > 0 {
                sum.checked_add(v)?
            } else {
                sum.checked_sub(v)?
            };
        }
        Some(sum)
    }

    fn broken(&self) -> Vec<usize> {
        (0..self.relations.len())
            .filter(|&i| self.residuals[i].is_some_and(|r| !r.is_zero()))
            .collect()
    }

    fn diagnostics(&self) -> Vec<Diagnostic> {
        let broken = self.broken();
        if broken.is_empty() {
            return Vec::new();
        }
        if let Some(culprit) = self.culprit(&broken) {
            return vec![self.culprit_finding(culprit, &broken)];
        }
        broken.iter().map(|&i| self.relation_finding(i)).collect()
    }

    /// The one written cell whose relations are exactly the broken ones, each off by the same
    /// error (with its sign), when its corrected value is a count (a whole number ≥ 0).
    /// `None` when no cell or more than one explains the broken relations: uniqueness comes from
    /// which relations broke, never from ruling cells out because they would turn negative (in
    /// table 四, where every cell is in one relation, that would always "find" the total).
    fn culprit(&self, broken: &[usize]) -> Option<Culprit> {
        let first = self.relations.get(*broken.first()?)?;
        let mut explains = first
            .cells()
            .filter_map(|cell| Some((cell, self.common_error(cell, broken)?)));
        let (cell, error) = explains.next()?;
        if explains.next().is_some() {
            return None;
        }
        // An absent row or a short row has no written figure to point at.
        let slot = self.slot(cell)?;
        slot.range()?;
        let written = slot.amount()?;
        let expected = written.checked_sub(error)?;
        if expected < Decimal::ZERO || !expected.fract().is_zero() {
            return None;
        }
        Some(Culprit {
            cell,
            written,
            expected,
        })
    }

    /// How far `cell` is from the value that makes all its relations hold, when the relations
    /// it takes part in are exactly the `broken` ones, each broken by that one amount. The
    /// broken ones are asked first (a few, and most cells are in one of them at most); only a
    /// cell in all of them has every relation of the table searched for one more it is in.
    fn common_error(&self, cell: Cell, broken: &[usize]) -> Option<Decimal> {
        let mut error: Option<Decimal> = None;
        for &i in broken {
            let sign = self.relations.get(i)?.sign_of(cell)?;
            let residual = self.residuals.get(i).copied().flatten()?;
            let e = residual * sign;
            if error.is_some_and(|x| x != e) {
                return None;
            }
            error = Some(e);
        }
        let count = (self.relations.iter())
            .filter(|relation| relation.sign_of(cell).is_some())
            .count();
        (count == broken.len()).then_some(error).flatten()
    }

    /// Whether every relation of the table holds (or cannot be checked) with `cell` = `value`,
    /// `cell` taking part in the `broken` relations only (a culprit's): the others keep their
    /// residuals, which hold.
    fn holds_with(&self, cell: Cell, value: Decimal, broken: &[usize]) -> bool {
        broken.iter().all(|&i| {
            self.residual(i, Some((cell, value)))
                .is_none_or(|r| r.is_zero())
        })
    }

    /// Where a finding about `cell` goes: the cell, or its row's label when the cell is empty.
    fn place(&self, cell: Cell) -> Range<usize> {
        match (self.table.rows.get(cell.0), self.slot(cell)) {
            (Some(row), Some(slot)) => place(slot, row),
            _ => self.table.head_range.clone(),
        }
    }

    fn culprit_finding(&self, culprit: Culprit, broken: &[usize]) -> Diagnostic {
        let Culprit {
            cell,
            written,
            expected,
        } = culprit;
        let slot = self.slot(cell);
        let name = self.cell_name(cell);
        let table = table_name(self.table.kind);
        let lang = self.lang;
        let message = if matches!(slot, Some(Slot::Blank { .. })) {
            msg!(
                lang,
                "relation-culprit-blank",
                cell = &name,
                expected = show(expected),
                table = table
            )
        } else {
            msg!(
                lang,
                "relation-culprit",
                cell = &name,
                expected = show(expected),
                written = show(written),
                by = show((written - expected).abs()),
                table = table
            )
        };
        // Every cell takes part in a sum, so a single wrong figure always breaks a total; the
        // balances it breaks come with it as related information.
        let code = if broken
            .iter()
            .any(|&i| self.relations.at(i).code() == RuleCode::TotalMismatch)
        {
            RuleCode::TotalMismatch
        } else {
            RuleCode::BalanceMismatch
        };
        let related = broken
            .iter()
            .map(|&i| Related {
                range: self.place(self.relations.at(i).at()),
                message: self.describe(i),
                document: None,
            })
            .collect();
        let d = Diagnostic::new(code, self.place(cell), message).with_related(related);
        // Only a written figure is replaced: a blank may be a figure the writer has not filled
        // in yet, and is left to the writer.
        let range = match slot {
            Some(Slot::Known { range, .. }) if !range.is_empty() => range.clone(),
            _ => return d,
        };
        if !self.holds_with(cell, expected, broken) {
            return d;
        }
        d.with_fix(Fix {
            title: msg_attr!(
                lang,
                "relation-culprit",
                "fix",
                cell = &name,
                expected = show(expected)
            ),
            edits: vec![Edit {
                range,
                new_text: show(expected),
            }],
            safe: true,
        })
    }

    /// One broken relation on its own, with its sums. No safe fix: the relation does not say
    /// which of its figures is wrong. In table 四 the editor may still offer setting the 总计
    /// to the sum, as a quick fix the writer chooses (never applied by `--fix`).
    fn relation_finding(&self, i: usize) -> Diagnostic {
        let relation = self.relations.at(i);
        let at = relation.at();
        let d = Diagnostic::new(relation.code(), self.place(at), self.describe(i));
        if self.table.kind != TableKind::Reviews {
            return d;
        }
        let (Some(Slot::Known { range, .. }), Some(residual)) = (self.slot(at), self.residuals[i])
        else {
            return d;
        };
        let Some(total) = self.slot(at).and_then(Slot::amount) else {
            return d;
        };
        let sum = total + residual;
        d.with_fix(Fix {
            title: msg_attr!(
                self.lang,
                "relation-reviews-sum",
                "fix",
                cell = self.cell_name(at),
                sum = show(sum)
            ),
            edits: vec![Edit {
                range: range.clone(),
                new_text: show(sum),
            }],
            safe: false,
        })
    }

    /// What a broken relation says, with its figures (never a whole row of cells).
    fn describe(&self, i: usize) -> String {
        let relation = self.relations.at(i);
        let lang = self.lang;
        let value = |cell: Cell| self.slot(cell).and_then(Slot::amount).unwrap_or_default();
        let sum = |cells: &[Cell]| cells.iter().map(|&c| value(c)).sum::<Decimal>();
        let off = show(self.residuals[i].unwrap_or_default().abs());
        match relation.kind {
            Kind::RowSum { total, .. } if self.table.kind == TableKind::Reviews => {
                let terms: Vec<String> = relation.plus.iter().map(|&c| show(value(c))).collect();
                let names: Vec<&str> = relation
                    .plus
                    .iter()
                    .map(|&(_, c)| column_leaf(self.table.columns.get(c).copied().unwrap_or("")))
                    .collect();
                msg!(
                    lang,
                    "relation-reviews-sum",
                    cell = self.cell_name(relation.at()),
                    sum = show(sum(relation.plus)),
                    names = names.join(" + "),
                    terms = terms.join(" + "),
                    total = show(value((0, total))),
                    off = off
                )
            }
            Kind::RowSum { row, total } => msg!(
                lang,
                "relation-row-sum",
                row = self.row_name(row),
                sum = show(sum(relation.plus)),
                total = show(value((row, total))),
                off = off
            ),
            Kind::ColumnSum { column, total_row } => msg!(
                lang,
                "relation-column-sum",
                column = self.column_name(column),
                sum = show(sum(relation.plus)),
                total = show(value((total_row, column))),
                off = off
            ),
            Kind::Balance { column, .. } => {
                let side = |cells: &[Cell]| {
                    cells
                        .iter()
                        .map(|&c| show(value(c)))
                        .collect::<Vec<_>>()
                        .join(" + ")
                };
                msg!(
                    lang,
                    "relation-balance",
                    column = self.column_name(column),
                    left = side(relation.plus),
                    left_sum = show(sum(relation.plus)),
                    right = side(relation.minus),
                    right_sum = show(sum(relation.minus)),
                    off = off
                )
            }
        }
    }

    /// `（三）4.保护第三方合法权益 · 自然人`, `行政复议 · 总计`.
    fn cell_name(&self, (r, c): Cell) -> String {
        match self.table.kind {
            TableKind::Reviews => self
                .table
                .columns
                .get(c)
                .map(|name| name.replace('·', " · "))
                .unwrap_or_default(),
            _ => format!("{} · {}", self.row_name(r), self.column_name(c)),
        }
    }

    fn column_name(&self, c: usize) -> &'static str {
        self.table.columns.get(c).copied().unwrap_or("")
    }

    /// A row of table 三 by its label, with its group's number for numbered items.
    fn row_name(&self, r: usize) -> String {
        let Some(row) = self.table.rows.get(r) else {
            return String::new();
        };
        application_row_name(&Template::get(self.table.edition).applications, r, row.name)
    }
}

/// `行政复议·结果维持` → `结果维持`.
fn column_leaf(column: &str) -> &str {
    column.rsplit('·').next().unwrap_or(column)
}

/// Where a finding about `slot` goes: the cell, or the row's label when the cell is empty.
pub(crate) fn place(slot: &Slot, row: &GridRow) -> Range<usize> {
    match slot.range() {
        Some(r) if !r.is_empty() => r,
        _ => row
            .label_range
            .clone()
            .or_else(|| row.row_range.clone())
            .unwrap_or(0..0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rules::test_support::{report, TABLE_3_GFM};
    use crate::analysis::{Analysis, Options};

    /// `common_error` as it was before it asked the broken relations first: every relation
    /// searched for the cell.
    fn common_error_by_every_relation(
        checked: &Checked,
        cell: Cell,
        n_broken: usize,
    ) -> Option<Decimal> {
        let mut error: Option<Decimal> = None;
        let mut count = 0;
        for (i, relation) in checked.relations.iter().enumerate() {
            let Some(sign) = relation.sign_of(cell) else {
                continue;
            };
            count += 1;
            let residual = checked.residuals[i].filter(|r| !r.is_zero())?;
            let e = residual * sign;
            if error.is_some_and(|x| x != e) {
                return None;
            }
            error = Some(e);
        }
        (count == n_broken).then_some(error).flatten()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Whatever figures are changed (one, or a few), the broken relations asked first find
        /// the cells every relation searched finds, with the same error; and a culprit's
        /// corrected value holds the table's relations by the broken ones' residuals alone.
        #[test]
        fn broken_relations_first_agree_with_every_relation(
            changes in proptest::collection::vec((0usize..40, 0usize..8, 0i64..6), 1..4),
        ) {
            let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
            let analysis = Analysis::new(&text, Options::default());
            let Some(table) = analysis.model.table(TableKind::Applications) else {
                panic!("table 三 read");
            };
            let mut table = table.clone();
            for &(row, column, value) in &changes {
                let Some(slot) = (table.rows.get(row))
                    .and_then(|r| r.slot_range.clone().nth(column))
                    .and_then(|k| table.slots.get_mut(k))
                else {
                    continue;
                };
                *slot = Slot::Known {
                    range: 0..1,
                    value: Decimal::from(value),
                };
            }
            let figures = Figures::of(&table);
            let mut relations = Relations::default();
            list(&table, &mut relations);
            let checked = Checked::new(&table, relations, figures, Lang::Zh);
            let broken = checked.broken();
            for relation in checked.relations.iter() {
                for cell in relation.cells() {
                    let fast = checked.common_error(cell, &broken);
                    let every = common_error_by_every_relation(&checked, cell, broken.len());
                    proptest::prop_assert_eq!(fast, every, "{:?} {:?}", cell, changes);
                    if let (false, Some(error)) = (broken.is_empty(), fast) {
                        let value = Decimal::from(7) - error;
                        let all = (0..checked.relations.len()).all(|i| {
                            checked
                                .residual(i, Some((cell, value)))
                                .is_none_or(|r| r.is_zero())
                        });
                        proptest::prop_assert_eq!(checked.holds_with(cell, value, &broken), all);
                    }
                }
            }
        }
    }
}
