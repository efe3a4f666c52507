//! Reads the three standard tables: picks the blocks that form each table, matches every row
//! to its template row (label path, position, edition), and lays values out by template row and
//! column. Everything it learns goes into the [`Model`] as facts.
//!
//! One reader per table (`active.rs` table 二, `applications.rs` table 三, `reviews.rs` table
//! 四); this module groups the blocks into tables and holds what the readers share: label
//! comparison, value cells and slots, and the facts of a reading that failed.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use rust_decimal::Decimal;

use super::{
    abs, template, ExtraTable, InvalidCell, InvalidWhy, LabelMatch, Model, Placed, Quality, Slot,
    TableModel, UnknownReason, UnknownRow, UnreadableTable,
};
use crate::analysis::blocks::{self, BlockKind, Cell, CellKind, Label, Row, TableBlock, TableForm};
use crate::analysis::template::{StandardLabel, TableKind, ValueKind, Vocabulary};
use crate::analysis::text::{normalize_label, without_note, CellValue, InvalidReason, Unit};
use crate::analysis::Edition;

mod active;
mod applications;
mod reviews;

/// `LabelMatch::place` of a table-三 column written before one that should precede it.
pub const COLUMN_ORDER: &str = "表三 column order";

/// A row with the absolute start of its block.
#[derive(Clone, Copy)]
struct At<'a> {
    start: usize,
    row: &'a Row,
    /// The row's cells.
    cells: &'a [Cell],
    table: &'a TableBlock,
    crlf: bool,
    /// The row is a heading line of its own between the table's pieces (a row group's
    /// heading), not a row of a table block.
    from_heading: bool,
    /// The line (0-based) the row begins on.
    line: u32,
}

impl<'a> At<'a> {
    fn abs(&self, r: &Range<usize>) -> Range<usize> {
        abs(self.start, r)
    }

    fn labels(&self) -> impl Iterator<Item = (&'a Cell, &'a Label)> {
        blocks::labels(self.cells)
    }

    fn has_values(&self) -> bool {
        blocks::has_values(self.cells)
    }
}

/// The labels of the row a table reader reads: one list for every row of the table, not one per
/// row (table 二's and 三's readers read a row by its labels).
#[derive(Default)]
struct RowLabels<'a>(Vec<(&'a Cell, &'a Label)>);

impl<'a> RowLabels<'a> {
    /// The list, taken out holding `at`'s labels (in place of the previous row's) for the row
    /// to be read with; [`RowLabels::put_back`] returns it.
    fn take(&mut self, at: &At<'a>) -> Vec<(&'a Cell, &'a Label)> {
        let mut labels = std::mem::take(&mut self.0);
        labels.clear();
        labels.extend(at.labels());
        labels
    }

    fn put_back(&mut self, labels: Vec<(&'a Cell, &'a Label)>) {
        self.0 = labels;
    }
}

pub fn interpret(placed: &[Placed], edition: Edition, model: &mut Model) {
    // 1. Which table is each table block?
    let mut kinds = block_kinds(placed);
    // Each block's first line (0-based), for the lines a finding names.
    let mut first_lines: Vec<u32> = Vec::with_capacity(placed.len());
    first_lines.extend(placed.iter().scan(0u32, |line, p| {
        let first = *line;
        *line = line.saturating_add(p.block.lines);
        Some(first)
    }));

    // 2. Group blocks into tables; blocks outside their section are extra copies.
    // One list of a table's blocks, refilled for each table.
    let mut members: Vec<usize> = Vec::new();
    for kind in TableKind::ALL {
        // The section's extent (all that is needed of it: no copy of its title).
        let section = model
            .sections
            .get(kind.section() as usize - 1)
            .and_then(Option::as_ref)
            .map(|s| s.start..s.end);
        members.clear();
        members.extend(
            kinds
                .iter()
                .filter(|(_, k)| *k == Some(kind))
                .map(|(i, _)| *i),
        );
        if let Some(s) = &section {
            let inside = |i: usize| placed[i].start >= s.start && placed[i].start < s.end;
            if members.iter().any(|&i| inside(i)) {
                members.retain(|&i| inside(i));
            }
        }
        if kind != TableKind::Active {
            let run = first_run(placed, &members);
            members.truncate(run);
        }
        for (i, k) in kinds.iter_mut() {
            if *k == Some(kind) && !members.contains(i) {
                // Another copy of a standard table: treat as an extra table.
                *k = None;
            }
        }
        if members.is_empty() {
            continue;
        }
        let first = placed[members[0]].start;
        let last = members[members.len() - 1];
        let range = first..placed[last].start + placed[last].block.len;
        model.table_ranges.push((kind, range.clone()));
        let rows = rows_of(placed, &members, kind, model, &first_lines);
        let (table_edition, others) = table_edition(&members, placed, kind, edition);
        let follows_other = table_edition != edition;
        let facts_before = Facts::count(model);
        let mut reader = Reader {
            edition: table_edition,
            others,
            model,
            unread_lines: Vec::new(),
            headers_seen: HashSet::new(),
            slots: Vec::new(),
        };
        let mut table = match kind {
            TableKind::Active => active::read(&mut reader, &rows, range.clone()),
            TableKind::Applications => applications::read(&mut reader, &rows, range.clone()),
            TableKind::Reviews => reviews::read(&mut reader, &rows, range.clone()),
        };
        let unread_lines = std::mem::take(&mut reader.unread_lines);
        if let Some(unreadable) = reading_failed(&table, &rows, model, &facts_before, unread_lines)
        {
            // What reading it gave would blame the writer for the layout: one fact instead.
            facts_before.restore(model);
            model.unreadable_tables.push(unreadable);
            continue;
        }
        table.follows_other_edition = follows_other;
        if follows_other {
            // Point at the first label only the edition it follows has: that is the evidence.
            let vocabulary = Vocabulary::get();
            let evidence = rows.iter().find_map(|at| {
                at.labels().find_map(|(cell, label)| {
                    label
                        .hits
                        .iter()
                        .any(|&h| {
                            vocabulary.labels[h as usize].at.edition == table_edition
                                && vocabulary.only_in(h as usize)
                        })
                        .then(|| at.abs(&cell.range))
                })
            });
            if let Some(range) = evidence {
                table.head_range = range;
            }
        }
        model.tables.push(table);
    }

    tables_written_as_text(placed, edition, &first_lines, model);

    // 3. Extra tables: reported once each where they sit among the statistics (sections 二, 三
    //    and 四, or anywhere when the sections cannot be found). A table in the prose sections
    //    or in a section a province added is content, not a misplaced statistics table.
    //    A table in section 二, 三 or 四 when the section's own table was not found is that
    //    table, recognised by its place but not read.
    let statistics: Vec<(usize, usize, u32)> = model
        .sections
        .iter()
        .flatten()
        .filter(|s| (2..=4).contains(&s.number))
        .map(|s| (s.start, s.end, s.number))
        .collect();
    let any_section = model.sections.iter().any(Option::is_some);
    for (i, k) in &kinds {
        if k.is_some() {
            continue;
        }
        let p = placed[*i];
        let section = statistics
            .iter()
            .find(|&&(start, end, _)| p.start >= start && p.start < end);
        if any_section && section.is_none() {
            continue;
        }
        let BlockKind::Table(t) = &p.block.kind else {
            continue;
        };
        let own_table = section
            .and_then(|&(_, _, number)| super::section_table(edition, number))
            .filter(|kind| !model.table_ranges.iter().any(|(k, _)| k == kind));
        if let Some(kind) = own_table {
            let first_line = first_lines.get(*i).copied().unwrap_or(0);
            let row_lines = || t.rows.iter().map(|r| first_line + r.line);
            let range = t
                .rows
                .first()
                .map_or(p.start..p.start, |r| abs(p.start, &r.range));
            model
                .table_ranges
                .push((kind, p.start..p.start + p.block.len));
            model.unreadable_tables.push(UnreadableTable {
                table: kind,
                range,
                lines: (
                    row_lines().min().unwrap_or(first_line),
                    row_lines().max().unwrap_or(first_line),
                ),
                unread_lines: row_lines().collect(),
                rows_found: 0,
                rows_expected: expected_rows(edition, kind),
                laid_out_as_text: false,
            });
            continue;
        }
        let Some(first) = (t.rows.iter()).find(|r| blocks::labels(t.cells(r)).next().is_some())
        else {
            continue;
        };
        let first_label = blocks::labels(t.cells(first))
            .next()
            .map(|(_, l)| l.text.clone())
            .unwrap_or_default();
        model.extra_tables.push(ExtraTable {
            range: abs(p.start, &first.range),
            first_label,
        });
    }
}

/// Rows of a standard table written as text in its section, fewer of which make no table.
const ROW_LINES_FOR_A_TABLE: usize = 3;

/// A section (二, 三 or 四) whose table was not found but whose text holds its rows as lines
/// of labels and figures (PDF text laid out with spaces): the table is there, recognised by
/// its labels but not read.
fn tables_written_as_text(
    placed: &[Placed],
    edition: Edition,
    first_lines: &[u32],
    model: &mut Model,
) {
    let sections: Vec<(usize, usize, TableKind)> = model
        .sections
        .iter()
        .flatten()
        .filter_map(|s| Some((s.start, s.end, super::section_table(edition, s.number)?)))
        .collect();
    for (start, end, kind) in sections {
        if model.table_ranges.iter().any(|(k, _)| *k == kind) {
            continue;
        }
        let mut lines: Vec<(u32, Range<usize>)> = Vec::new();
        for (i, p) in placed.iter().enumerate() {
            if p.start < start || p.start >= end {
                continue;
            }
            let first_line = first_lines.get(i).copied().unwrap_or(0);
            for row in p.block.row_lines.iter().filter(|r| r.table == kind) {
                lines.push((first_line + row.line, abs(p.start, &row.range)));
            }
        }
        if lines.len() < ROW_LINES_FOR_A_TABLE {
            continue;
        }
        let (Some(first), Some(last)) = (lines.first().cloned(), lines.last().cloned()) else {
            continue;
        };
        model.table_ranges.push((kind, first.1.start..last.1.end));
        model.unreadable_tables.push(UnreadableTable {
            table: kind,
            range: first.1,
            lines: (first.0, last.0),
            unread_lines: lines.iter().map(|l| l.0).collect(),
            rows_found: 0,
            rows_expected: expected_rows(edition, kind),
            laid_out_as_text: true,
        });
    }
}

/// Which standard table each table block is (by index into `placed`), if any.
fn block_kinds(placed: &[Placed]) -> Vec<(usize, Option<TableKind>)> {
    let mut kinds: Vec<(usize, Option<TableKind>)> = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        let BlockKind::Table(t) = &p.block.kind else {
            continue;
        };
        let previous = kinds.last().copied();
        // Any row's labels: the cells of all rows, in one list.
        let has_labels = blocks::labels(&t.cells).next().is_some();
        let kind = if has_labels {
            classify(t).or_else(|| {
                // A piece of the table just before it (after a page break, or under a row
                // group's heading): one label of that table is enough.
                let (j, kind) = previous?;
                let kind = kind?;
                (pieces_between(placed, j, i) && score(t, kind) >= 1).then_some(kind)
            })
        } else {
            previous.and_then(|(_, k)| k)
        };
        kinds.push((i, kind));
    }
    kinds
}

/// Whether only blank blocks and one-line headings lie between blocks `a` and `b`, so two
/// table blocks there are pieces of one table (broken by a page, or one piece per row group
/// under its own heading: spec §7, layouts 7 and 8).
fn pieces_between(placed: &[Placed], a: usize, b: usize) -> bool {
    placed.get(a + 1..b).is_some_and(|between| {
        between
            .iter()
            .all(|p| matches!(p.block.kind, BlockKind::Blank) || p.block.label_line.is_some())
    })
}

/// How many of `members` (from the first) are a run of blocks that are pieces of one table.
fn first_run(placed: &[Placed], members: &[usize]) -> usize {
    let pairs = members.windows(2);
    let joined = pairs
        .take_while(|pair| pieces_between(placed, pair[0], pair[1]))
        .count();
    if members.is_empty() {
        0
    } else {
        joined + 1
    }
}

/// The rows of a table made of the blocks `members`, in order, with the one-line headings
/// between them (and right before the first, when a label of the table) as rows of one label:
/// a group's heading tells which group the rows under it belong to.
fn rows_of<'a>(
    placed: &[Placed<'a>],
    members: &[usize],
    kind: TableKind,
    model: &Model,
    first_lines: &[u32],
) -> Vec<At<'a>> {
    let (Some(&first), Some(&last)) = (members.first(), members.last()) else {
        return Vec::new();
    };
    let is_section_heading =
        |p: &Placed| model.sections.iter().flatten().any(|s| s.start == p.start);
    // Headings right before the first piece count when they are labels of this table.
    let mut from = first;
    while from > 0 {
        let p = &placed[from - 1];
        let heading_of_table = p.block.label_line.as_ref().is_some_and(|line| {
            blocks::labels(line.cells()).any(|(_, l)| l.hits.iter().any(|&h| is_of(h, kind)))
        });
        if !(matches!(p.block.kind, BlockKind::Blank) || heading_of_table) || is_section_heading(p)
        {
            break;
        }
        from -= 1;
    }
    // Sized once: the members' rows and a row per heading between them (a table of many
    // rows would grow its list several times).
    let capacity = (from..=last)
        .map(|i| match &placed[i].block.kind {
            BlockKind::Table(t) => t.rows.len(),
            _ => 1,
        })
        .sum();
    let mut rows = Vec::with_capacity(capacity);
    let mut next_table: Option<&TableBlock> = None;
    // Walk backwards so that a heading knows the table piece after it.
    for i in (from..=last).rev() {
        let p = placed[i];
        match (&p.block.kind, &p.block.label_line) {
            (BlockKind::Table(t), _) if members.contains(&i) => {
                next_table = Some(t);
                for row in t.rows.iter().rev() {
                    rows.push(At {
                        start: p.start,
                        row,
                        cells: t.cells(row),
                        table: t,
                        crlf: p.block.crlf,
                        from_heading: false,
                        line: first_lines.get(i).copied().unwrap_or(0) + row.line,
                    });
                }
            }
            (_, Some(heading)) if !is_section_heading(&p) => {
                if let Some(t) = next_table {
                    let row = &heading.row;
                    rows.push(At {
                        start: p.start,
                        row,
                        cells: heading.cells(),
                        table: t,
                        crlf: p.block.crlf,
                        from_heading: true,
                        line: first_lines.get(i).copied().unwrap_or(0) + row.line,
                    });
                }
            }
            _ => {}
        }
    }
    rows.reverse();
    rows
}

/// Standard label `h` belongs to table `kind`.
fn is_of(h: u16, kind: TableKind) -> bool {
    Vocabulary::get()
        .labels
        .get(h as usize)
        .is_some_and(|l| l.at.role.table() == Some(kind))
}

/// Exact standard-label hits of a table block for `kind` (in the edition it matches best).
fn score(t: &TableBlock, kind: TableKind) -> u16 {
    Edition::all()
        .map(|e| t.votes.get(e, kind))
        .max()
        .unwrap_or(0)
}

/// The standard table a block's labels belong to, if any.
fn classify(t: &TableBlock) -> Option<TableKind> {
    let score = |k: TableKind| score(t, k);
    let best = TableKind::ALL.into_iter().max_by_key(|&k| score(k))?;
    let needed = if best == TableKind::Active && t.rows.len() <= 2 {
        1
    } else {
        2
    };
    (score(best) >= needed).then_some(best)
}

/// The edition a table follows — the document's, unless its labels clearly are another
/// edition's — and the other editions, the one whose labels the table matches best first (where
/// a label that is not the table's edition's is looked for).
fn table_edition(
    members: &[usize],
    placed: &[Placed],
    kind: TableKind,
    edition: Edition,
) -> (Edition, Vec<Edition>) {
    let votes = |e: Edition| -> i32 {
        members
            .iter()
            .filter_map(|&i| match &placed[i].block.kind {
                BlockKind::Table(t) => Some(i32::from(t.votes.get(e, kind))),
                _ => None,
            })
            .sum()
    };
    let by_votes = |exclude: Edition| -> Vec<Edition> {
        let mut others: Vec<Edition> = Edition::all().filter(|&e| e != exclude).collect();
        // Most votes first; among equals the newer edition (`all` is oldest first). The votes
        // are counted again for each comparison: there are only a few editions.
        others.reverse();
        others.sort_by_key(|&e| std::cmp::Reverse(votes(e)));
        others
    };
    let others = by_votes(edition);
    match others.first() {
        Some(&best) if votes(best) - votes(edition) >= 2 => (best, by_votes(best)),
        _ => (edition, others),
    }
}

struct Reader<'m> {
    /// The edition whose template the table is read with.
    edition: Edition,
    /// The other editions, the one whose labels the table matches best first.
    others: Vec<Edition>,
    model: &'m mut Model,
    /// Lines of rows that matched no template row or could not be laid out in its columns.
    unread_lines: Vec<u32>,
    /// Header cells already compared with the template, as written: a header repeated after a
    /// page break is one wording, one finding.
    headers_seen: HashSet<(&'static str, String)>,
    /// The slots of the table's rows, row after row (the [`TableModel::slots`] being read).
    slots: Vec<Slot>,
}

/// How many facts of each kind the model holds: what reading one table added can be taken
/// back.
struct Facts {
    labels: usize,
    unknown_rows: usize,
    missing_rows: usize,
    invalid_cells: usize,
}

impl Facts {
    fn count(model: &Model) -> Facts {
        Facts {
            labels: model.labels.len(),
            unknown_rows: model.unknown_rows.len(),
            missing_rows: model.missing_rows.len(),
            invalid_cells: model.invalid_cells.len(),
        }
    }

    fn restore(&self, model: &mut Model) {
        model.labels.truncate(self.labels);
        model.unknown_rows.truncate(self.unknown_rows);
        model.missing_rows.truncate(self.missing_rows);
        model.invalid_cells.truncate(self.invalid_cells);
    }
}

/// The value rows of a standard table in `edition`'s template.
fn expected_rows(edition: Edition, kind: TableKind) -> usize {
    let t = template(edition);
    match kind {
        TableKind::Active => t.active.blocks.iter().map(|b| b.rows.len()).sum(),
        TableKind::Applications => t.applications.rows.iter().filter(|r| !r.group).count(),
        TableKind::Reviews => 1,
    }
}

/// Rows of trouble (unmatched, too short, bad figures) a readable table may have beyond half
/// of its rows.
const TROUBLE_ALLOWED: usize = 5;

/// Whether reading `table` failed (spec §7: "when more than half of a table's rows would be
/// reported missing, the reading failed, not the writer"; likewise when most of what was read
/// matches nothing): the one fact to report instead.
fn reading_failed(
    table: &TableModel,
    rows: &[At],
    model: &Model,
    before: &Facts,
    mut unread_lines: Vec<u32>,
) -> Option<UnreadableTable> {
    let value_rows = |t: &TableModel| t.rows.iter().filter(|r| !r.group).count();
    let expected = value_rows(table);
    let found = table
        .rows
        .iter()
        .filter(|r| !r.group && r.row_range.is_some())
        .count();
    let missing = model.missing_rows.len().saturating_sub(before.missing_rows);
    let short = table
        .rows
        .iter()
        .filter(|r| matches!(table.row_slots(r).first(), Some(Slot::Missing { .. })))
        .count();
    let trouble = model.unknown_rows.len().saturating_sub(before.unknown_rows)
        + model
            .invalid_cells
            .len()
            .saturating_sub(before.invalid_cells)
        + short;
    // A short table (二 has a handful of rows, 四 one) missing rows is the writer's: each
    // missing block or row is one finding, never a flood.
    let most_missing = expected >= 10 && missing * 2 > expected;
    let mostly_trouble = trouble > TROUBLE_ALLOWED && trouble * 2 > found;
    if !(most_missing || mostly_trouble) {
        return None;
    }
    unread_lines.sort_unstable();
    unread_lines.dedup();
    let first = rows.iter().map(|a| a.line).min().unwrap_or(0);
    let last = rows.iter().map(|a| a.line).max().unwrap_or(first);
    Some(UnreadableTable {
        table: table.kind,
        range: table.head_range.clone(),
        lines: (first, last),
        unread_lines,
        rows_found: found,
        rows_expected: expected,
        laid_out_as_text: false,
    })
}

/// How well a written label stands for `standard` (`None`: it does not).
fn exactness(label: &Label, standard: &str) -> Option<Quality> {
    // Most labels are written exactly as the template prints them: no lookup needed.
    if label.text == standard {
        return Some(Quality::Exact);
    }
    Standard::new(standard).exactness(label)
}

/// The highest similarity of a written label to any standard label (0 when close to none):
/// no [`Vocabulary::similarity_to`] of it is higher.
fn best_similarity(label: &Label) -> f64 {
    (label.fuzzy.iter()).fold(0.0, |best: f64, &(_, s)| best.max(f64::from(s)))
}

/// A standard label with its comparison forms, looked up once: a table compares it with many
/// written labels (each header cell of table 四 with every header of the template).
struct Standard<'s> {
    text: &'s str,
    norm: Cow<'s, str>,
    /// `norm` without a filling note is a prefix of it ([`without_note`] cuts the end).
    core_len: usize,
}

impl<'s> Standard<'s> {
    fn new(text: &'s str) -> Standard<'s> {
        match Vocabulary::get().standard(text) {
            Some(l) => Standard::of(l),
            None => {
                let norm = normalize_label(text);
                let core_len = without_note(&norm).len();
                Standard {
                    text,
                    norm: Cow::Owned(norm),
                    core_len,
                }
            }
        }
    }

    fn of(l: &'s StandardLabel) -> Standard<'s> {
        Standard {
            text: l.text,
            norm: Cow::Borrowed(&l.norm),
            core_len: l.core.len(),
        }
    }

    /// How well a written label stands for this one (`None`: it does not); the same as
    /// [`exactness`] of its text.
    fn exactness(&self, label: &Label) -> Option<Quality> {
        // Most labels are written as the standard: told before their note is cut.
        if same(&label.text, self.text) {
            return Some(Quality::Exact);
        }
        self.exactness_with_core(label, without_note(&label.norm))
    }

    /// [`Standard::exactness`] given the written label's `norm` without a filling note
    /// (`core`), found once when a label is compared with many standard labels.
    fn exactness_with_core(&self, label: &Label, core: &str) -> Option<Quality> {
        if same(&label.text, self.text) {
            return Some(Quality::Exact);
        }
        let std_norm = self.norm.as_ref();
        let std_core = std_norm.get(..self.core_len).unwrap_or(std_norm);
        if !same(&label.norm, std_norm)
            && !same(core, std_core)
            && !same(&label.norm, std_core)
            && !same(core, std_norm)
        {
            return None;
        }
        // A filling note after the label (`采购总金额（单位：万元）`) does not make it differ.
        if raw_core(&label.text) == raw_core(self.text) {
            Some(Quality::Exact)
        } else {
            Some(Quality::Punctuation)
        }
    }
}

/// `a == b`, told at once for most unequal labels of one length (short headers such as
/// `维持` and `纠正`, compared with every header of a table): their last bytes differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// A label as written without a trailing parenthetical note.
fn raw_core(s: &str) -> &str {
    let s = s.trim();
    // Most labels end in no bracket: no note to look for.
    if !s.ends_with(['）', ')']) {
        return s;
    }
    match s.rfind(['（', '(']) {
        Some(i) if i > 0 => &s[..i],
        _ => s,
    }
}

/// The 第二十条 item a label names (`第二十条第(五)项` → `五`): the label's normal form starts
/// `第二十条`, perhaps `第`, then the item's numeral in brackets and `项`.
fn article_item(label: &Label) -> Option<&str> {
    // Read by hand rather than by a pattern: every label of table 二 is asked.
    let rest = label.norm.strip_prefix("第二十条")?;
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let rest = rest.strip_prefix('(')?;
    let is_numeral = |c: char| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
    };
    let end = rest.find(|c: char| !is_numeral(c)).unwrap_or(rest.len());
    let (numeral, after) = rest.split_at(end);
    (!numeral.is_empty() && after.starts_with(")项")).then_some(numeral)
}

/// The value cells of a row laid out in its table's columns, the first `len` of them, one per
/// column: walked where the row holds them, not collected.
struct ValueCells<'r> {
    /// The row's cells.
    row: &'r [Cell],
    /// The first value position (after the last label).
    first: usize,
    /// Positions that are no column (ascending; usually none).
    dropped: Vec<usize>,
    /// Leading positions that are not the row's figures (empty cells beyond the columns).
    skip: usize,
    len: usize,
}

impl<'r> ValueCells<'r> {
    fn positions(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        (self.first..self.row.len()).filter(|i| self.dropped.binary_search(i).is_err())
    }

    /// The cells as a run of the row, when every position is a column (usually).
    fn run(&self) -> Option<&'r [Cell]> {
        if !self.dropped.is_empty() {
            return None;
        }
        let run = self.row.get(self.first + self.skip..).unwrap_or_default();
        Some(run.get(..self.len).unwrap_or(run))
    }

    fn iter(&self) -> impl Iterator<Item = &'r Cell> + '_ {
        let row = self.row;
        if let Some(run) = self.run() {
            // Usually every position is a column: the cells are a run of the row, walked as a
            // slice (a figure is read per cell of every table).
            Walk::Run(run.iter())
        } else {
            let positions = self.positions().skip(self.skip).take(self.len);
            Walk::Positions(positions.filter_map(move |i| row.get(i)))
        }
    }

    /// How many positions there are (as `positions().count()`).
    fn count(&self) -> usize {
        if self.dropped.is_empty() {
            self.row.len().saturating_sub(self.first)
        } else {
            self.positions().count()
        }
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// [`ValueCells::iter`]: a run of the row, or the positions that are columns.
enum Walk<R, P> {
    Run(R),
    Positions(P),
}

impl<'r, R, P> Iterator for Walk<R, P>
where
    R: Iterator<Item = &'r Cell>,
    P: Iterator<Item = &'r Cell>,
{
    type Item = &'r Cell;

    fn next(&mut self) -> Option<&'r Cell> {
        match self {
            Walk::Run(run) => run.next(),
            Walk::Positions(positions) => positions.next(),
        }
    }
}

/// Value cells of a row (after its last label), aligned to `n` columns: the cells, how many
/// are extra, and how many are missing. `table` gives the usual row width of a one-row-per-line
/// table (0 if unknown) and its positions that are no column.
fn value_cells<'r>(
    row: &'r [Cell],
    n: usize,
    table: &TableBlock,
) -> (ValueCells<'r>, usize, usize) {
    let width = table.width;
    let first = row
        .iter()
        .rposition(|c| matches!(c.kind, CellKind::Label(_)))
        .map_or(0, |i| i + 1);
    // A table whose rows have more figures than it has columns: the positions empty in every
    // value row (counted from the end), leftmost first, are no columns.
    let excess = table.figures_width.saturating_sub(n);
    let is_empty_at = |i: usize| {
        i >= first
            && row
                .get(i)
                .is_some_and(|c| matches!(c.kind, CellKind::Empty))
    };
    // In a row with fewer figures than usual the position is counted from the end (label
    // cells merged on the left) or, failing that, from the start of its figures (cells
    // missing on the right).
    let no_columns = table
        .empty_columns
        .iter()
        .rev()
        .take(excess)
        .filter_map(|&k| {
            let from_end = row.len().checked_sub(k + 1);
            let from_start = (first + table.figures_width)
                .checked_sub(k + 1)
                .filter(|_| row.len() - first != table.figures_width);
            from_end
                .filter(|&i| is_empty_at(i))
                .or(from_start.filter(|&i| is_empty_at(i)))
        });
    let mut dropped: Vec<usize> = no_columns.collect();
    dropped.sort_unstable();
    let mut cells = ValueCells {
        row,
        first,
        dropped,
        skip: 0,
        len: 0,
    };
    let is_empty = |i: usize| {
        row.get(i)
            .is_some_and(|c| matches!(c.kind, CellKind::Empty))
    };
    // Empty cells beyond the columns are trimmed, from the start first, then from the end.
    let count = cells.count();
    let mut lo = 0;
    for i in cells.positions() {
        if count - lo <= n || !is_empty(i) {
            break;
        }
        lo += 1;
    }
    let mut hi = count;
    for i in cells.positions().rev() {
        if hi - lo <= n || !is_empty(i) {
            break;
        }
        hi -= 1;
    }
    // Every position is a cell of the row: `len` cells are there.
    cells.skip = lo;
    cells.len = (hi - lo).min(n);
    let extra = (hi - lo).saturating_sub(n);
    let mut missing = n - cells.len();
    // A row narrower than its table whose first value cell is empty: that empty cell may be a
    // merged label column or a blank value, so the row is short by what it lacks.
    if missing == 0
        && width > 0
        && row.len() < width
        && cells
            .iter()
            .next()
            .is_some_and(|c| matches!(c.kind, CellKind::Empty))
    {
        missing = (width - row.len()).min(n);
        cells.len = n - missing;
    }
    (cells, extra, missing)
}

impl Reader<'_> {
    fn push_label(
        &mut self,
        at: &At,
        cell: &Cell,
        label: &Label,
        standard: &'static str,
        quality: Quality,
        place: &'static str,
    ) {
        if quality == Quality::Exact {
            return;
        }
        if place.ends_with("header") && !self.headers_seen.insert((place, label.text.clone())) {
            return;
        }
        self.model.labels.push(LabelMatch {
            range: at.abs(&cell.range),
            written: label.text.clone(),
            standard,
            quality,
            place,
            fixable: !cell.interrupted,
        });
    }

    /// Converts a row's value cells into slots, validating each against its column's kind.
    /// `row` names the row for a message, built only when a cell is invalid.
    /// `columns` are the template's, each giving its kind and name (`kind_of`, `name_of`): read
    /// in place, not copied for every row.
    fn slots<C>(
        &mut self,
        at: &At,
        columns: &[C],
        kind_of: impl Fn(&C) -> ValueKind,
        name_of: impl Fn(&C) -> &str,
        row: &dyn Fn() -> String,
    ) -> (Range<usize>, usize, usize) {
        let (cells, extra, missing) = value_cells(at.cells, columns.len(), at.table);
        let row_range = at.abs(&at.row.range);
        if missing > 0 {
            // Which column each written value belongs to is unknown: guess nothing.
            self.unread_lines.push(at.line);
            let slot = Slot::Missing {
                row_range,
                found: cells.len(),
            };
            let start = self.slots.len();
            self.slots.resize(start + columns.len(), slot);
            return (start..self.slots.len(), extra, missing);
        }
        let start = self.slots.len();
        self.slots.reserve(columns.len());
        match cells.run() {
            // Nearly always: the cells walked as a slice, not through the general walk (a slot
            // is read per figure of every table).
            Some(run) => {
                for (column, cell) in columns.iter().zip(run) {
                    let slot =
                        self.slot(at, cell, kind_of(column), &|| place(row, name_of(column)));
                    self.slots.push(slot);
                }
            }
            None => {
                for (column, cell) in columns.iter().zip(cells.iter()) {
                    let slot =
                        self.slot(at, cell, kind_of(column), &|| place(row, name_of(column)));
                    self.slots.push(slot);
                }
            }
        }
        (start..self.slots.len(), extra, missing)
    }

    /// `n` absent slots, for a row not found.
    fn absent_slots(&mut self, n: usize) -> Range<usize> {
        let start = self.slots.len();
        self.slots.resize(start + n, Slot::Absent);
        start..self.slots.len()
    }

    /// A value cell's slot in a column of kind `kind`, validated against it (an invalid cell
    /// is reported at `place`, its row and column, spelled out only then). Inlined in both of `slots`' loops: a
    /// call per figure would cost what walking the cells as a slice saves; the few figures
    /// written with more than digits are checked out of line ([`Reader::checked_number`]).
    #[inline(always)]
    fn slot(&mut self, at: &At, cell: &Cell, kind: ValueKind, place: &dyn Fn() -> String) -> Slot {
        let range = at.abs(&cell.range);
        match &cell.kind {
            CellKind::Empty | CellKind::Label(_) => Slot::Blank { range },
            CellKind::Value(CellValue::Blank | CellValue::None) => Slot::Blank { range },
            // Plain digits (most cells; `written` is empty only for them) are a whole
            // number ≥ 0 without unit or sign: what [`check_number`] finds right in every
            // column.
            CellKind::Value(CellValue::Number(n)) if n.written.is_empty() => Slot::Known {
                range,
                value: n.value,
            },
            CellKind::Value(CellValue::Number(n)) => self.checked_number(at, n, range, kind, place),
            CellKind::Value(CellValue::Invalid {
                reason,
                suggestion,
                written,
            }) => {
                let why = match reason {
                    InvalidReason::NotANumber => InvalidWhy::NotANumber,
                    InvalidReason::ChineseNumeral => InvalidWhy::ChineseNumeral,
                };
                self.invalid(at, range, place, why, suggestion.clone(), written)
            }
        }
    }

    /// [`Reader::slot`] of a figure written with more than digits (a unit, a sign, decimals),
    /// checked against its column: out of line, as few figures are.
    #[inline(never)]
    fn checked_number(
        &mut self,
        at: &At,
        n: &crate::analysis::text::Number,
        range: Range<usize>,
        kind: ValueKind,
        place: &dyn Fn() -> String,
    ) -> Slot {
        match check_number(n, kind) {
            Ok(value) => Slot::Known { range, value },
            Err((reason, suggestion)) => {
                self.invalid(at, range, place, reason, suggestion, &n.written)
            }
        }
    }

    /// Records an invalid value cell at `place` and gives its slot.
    #[cold]
    #[inline(never)]
    fn invalid(
        &mut self,
        at: &At,
        range: Range<usize>,
        place: &dyn Fn() -> String,
        reason: InvalidWhy,
        suggestion: Option<String>,
        written: &str,
    ) -> Slot {
        self.unread_lines.push(at.line);
        self.model.invalid_cells.push(InvalidCell {
            range: range.clone(),
            place: place(),
            reason,
            suggestion,
            written: written.to_owned(),
        });
        Slot::Invalid { range }
    }

    fn unknown(&mut self, at: &At, label: String, table: TableKind, reason: UnknownReason) {
        self.unread_lines.push(at.line);
        let range = at
            .labels()
            .last()
            .map(|(c, _)| at.abs(&c.range))
            .unwrap_or_else(|| at.abs(&at.row.range));
        self.model.unknown_rows.push(UnknownRow {
            range,
            label,
            table,
            reason,
        });
    }
}

/// Where an invalid cell is, as its finding names it: the row's label (shortened) and the
/// column's name.
fn place(row: &dyn Fn() -> String, column: &str) -> String {
    format!("{} · {column}", crate::analysis::rules::short(&row()))
}

/// Validates a number against its column; `Err` gives the reason and a suggested value.
fn check_number(
    n: &crate::analysis::text::Number,
    kind: ValueKind,
) -> Result<Decimal, (InvalidWhy, Option<String>)> {
    let value = n.value;
    match kind {
        ValueKind::Count => {
            if n.unit.is_some() {
                return Err((
                    InvalidWhy::CountWithUnit,
                    Some(value.normalize().to_string()),
                ));
            }
            if n.has_fraction && value.fract() != Decimal::ZERO {
                return Err((InvalidWhy::CountFraction, None));
            }
            if value.is_sign_negative() && value != Decimal::ZERO {
                return Err((InvalidWhy::CountNegative, None));
            }
            if n.signed {
                return Err((
                    InvalidWhy::CountSigned,
                    Some(value.abs().normalize().to_string()),
                ));
            }
            // A figure written without a fraction has scale 0: truncating it changes nothing.
            Ok(if value.scale() == 0 {
                value
            } else {
                value.trunc()
            })
        }
        ValueKind::Signed => {
            if n.has_fraction && value.fract() != Decimal::ZERO {
                return Err((InvalidWhy::ChangeFraction, None));
            }
            if matches!(n.unit, Some(Unit::Yuan | Unit::WanYuan)) {
                return Err((InvalidWhy::ChangeWithMoney, None));
            }
            Ok(value)
        }
        ValueKind::Money | ValueKind::MoneyWan => {
            if value.is_sign_negative() && value != Decimal::ZERO {
                return Err((InvalidWhy::MoneyNegative, None));
            }
            if kind == ValueKind::MoneyWan && n.unit == Some(Unit::Yuan) {
                return Err((InvalidWhy::YuanInWan, None));
            }
            if n.unit == Some(Unit::Count) {
                return Err((InvalidWhy::MoneyWithCount, None));
            }
            Ok(value)
        }
    }
}

/// A row to insert before `next`, in the same text form, with zeros.
fn skeleton(next: &At, label: &str, n_values: usize) -> String {
    let eol = if next.crlf { "\r\n" } else { "\n" };
    let leading = next
        .cells
        .iter()
        .position(|c| matches!(c.kind, CellKind::Label(_)))
        .unwrap_or(0);
    match next.table.form {
        TableForm::Pipe => {
            let mut s = String::from("|");
            for _ in 0..leading {
                s.push_str("  |");
            }
            s.push_str(&format!(" {label} |"));
            for _ in 0..n_values {
                s.push_str(" 0 |");
            }
            s.push_str(eol);
            s
        }
        TableForm::TabRows => {
            let mut s = "\t".repeat(leading);
            s.push_str(label);
            for _ in 0..n_values {
                s.push_str("\t0");
            }
            s.push_str(eol);
            s
        }
        TableForm::CellPerLine => {
            let mut s = String::new();
            for _ in 0..leading {
                s.push('\t');
                s.push_str(eol);
            }
            s.push_str(&format!("\t{label}{eol}"));
            for _ in 0..n_values {
                s.push_str(&format!("\t0{eol}"));
            }
            s.push_str(eol);
            s
        }
        TableForm::PipeEnded => {
            let mut s = format!("{label} |{eol}");
            for _ in 0..n_values {
                s.push_str(&format!("0 |{eol}"));
            }
            s.push('|');
            s.push_str(eol);
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The item as the pattern of the label reads it.
    fn item_by_pattern(norm: &str) -> Option<String> {
        let pattern = regex::Regex::new(r"^第二十条第?\(([一二三四五六七八九十]+)\)项")
            .expect("static regex");
        pattern.captures(norm).map(|c| c[1].to_string())
    }

    fn item(norm: &str) -> Option<String> {
        article_item(&Label {
            text: norm.to_string(),
            norm: norm.to_string(),
            hits: Vec::new(),
            fuzzy: Vec::new(),
        })
        .map(str::to_string)
    }

    #[test]
    fn article_items_are_read() {
        assert_eq!(item("第二十条第(五)项").as_deref(), Some("五"));
        assert_eq!(item("第二十条(十一)项").as_deref(), Some("十一"));
        assert_eq!(item("第二十条第(九)项信息"), Some("九".to_string()));
        for no_item in [
            "第二十条第()项",
            "第二十条第(五项",
            "第二十条第(五)",
            "第二十条第第(五)项",
        ] {
            assert_eq!(item(no_item), None, "{no_item}");
        }
        assert_eq!(item("规章"), None);
    }

    proptest::proptest! {
        /// Whatever follows `第二十条`, the item is the one the pattern reads.
        #[test]
        fn article_items_are_what_the_pattern_reads(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['第', '(', ')', '项', '五', '十', '一', '零', 'a']),
                0..10,
            )
        ) {
            let tail: String = chars.into_iter().collect();
            let norm = format!("第二十条{tail}");
            proptest::prop_assert_eq!(item(&norm), item_by_pattern(&norm));
        }
    }
}
