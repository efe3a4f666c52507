//! The document model: what the blocks add up to. Built from the cached block summaries on
//! every change (cheap: no string scanning, only lookups), and read by the rules.
//!
//! Facts, not diagnostics: the model records how each label compares with the standard one,
//! which template row each table row is, and every value slot; `rules/` turns facts into
//! diagnostics. All ranges here are absolute byte ranges.

use std::ops::Range;

use rust_decimal::Decimal;

use super::blocks::{Block, BlockKind, Heading};
use super::template::{TableKind, Template};
use super::Edition;

mod sections;
mod tables;

pub use sections::{section_table, ExtraSection, SectionFound};
pub use tables::COLUMN_ORDER;

/// How the edition in force was decided (spec: config, 文号, report year, labels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionSource {
    Config,
    /// A cited 文号, at this range.
    Document(Range<usize>),
    /// The report year, written at this range.
    Year(u16, Range<usize>),
    /// The tables' labels.
    Labels,
}

/// How a written label compares with its standard label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quality {
    /// Equal as written (a wrapped label's lines joined).
    Exact,
    /// Equal after normalising width, brackets, quotes and spaces.
    Punctuation,
    /// Different wording, close enough (or at a fixed position) to know which label is meant.
    Reworded,
    /// The other edition's label for this place.
    OtherEdition,
}

/// A label compared with the standard label it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelMatch {
    pub range: Range<usize>,
    pub written: String,
    pub standard: &'static str,
    pub quality: Quality,
    /// What the label is, for messages: `表三 row`, `表二 column`, `section heading` …
    pub place: &'static str,
    /// Whether replacing the written label with `standard` is a sound fix.
    pub fixable: bool,
}

/// A value slot of an interpreted table, indexed by template row and column.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    /// The row is not in the table at all.
    Absent,
    /// The row has fewer cells than columns (`found` of them): which column each value
    /// belongs to is unknown, so every slot of the row is missing to the arithmetic.
    Missing {
        row_range: Range<usize>,
        found: usize,
    },
    /// Written empty, `—`, `/` or `无`: counts as 0.
    Blank {
        range: Range<usize>,
    },
    Known {
        range: Range<usize>,
        value: Decimal,
    },
    /// Not a valid number for the column (reported by `invalid-number`).
    Invalid {
        range: Range<usize>,
    },
}

impl Slot {
    /// The value arithmetic uses: blanks and absent rows count as 0; `None` when unknown.
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Slot::Absent | Slot::Blank { .. } => Some(Decimal::ZERO),
            Slot::Known { value, .. } => Some(*value),
            Slot::Missing { .. } | Slot::Invalid { .. } => None,
        }
    }

    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Slot::Blank { range } | Slot::Known { range, .. } | Slot::Invalid { range } => {
                Some(range.clone())
            }
            Slot::Missing { .. } | Slot::Absent => None,
        }
    }
}

/// One interpreted row of a standard table.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    /// Standard label of the row (for messages and hovers).
    pub name: &'static str,
    /// Where the row's label is written (or the row, for label-less rows).
    pub label_range: Option<Range<usize>>,
    pub row_range: Option<Range<usize>>,
    pub slots: Vec<Slot>,
    /// A group header carries no values.
    pub group: bool,
}

/// A standard table as found in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct TableModel {
    pub kind: TableKind,
    /// The edition whose template the table was read with.
    pub edition: Edition,
    /// The table follows the other edition than the document requires.
    pub follows_other_edition: bool,
    pub range: Range<usize>,
    /// The first row (where table-level findings point).
    pub head_range: Range<usize>,
    /// Column names for messages.
    pub columns: Vec<&'static str>,
    /// Template rows in template order (table 二: every block's rows, in order).
    pub rows: Vec<GridRow>,
    /// For table 二: which template block each row belongs to, and each column's value kind.
    pub active_blocks: Vec<ActiveBlockModel>,
    /// 2021 report whose （六）其他处理 is one value row (2019 style): its values stand for the
    /// three sub-rows in the column totals.
    pub collapsed_other: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActiveBlockModel {
    pub template_block: usize,
    pub label_range: Option<Range<usize>>,
    pub first_row: usize,
    pub n_rows: usize,
}

/// A table row that matches no template row.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownRow {
    pub range: Range<usize>,
    pub label: String,
    pub table: TableKind,
    pub reason: UnknownReason,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UnknownReason {
    NoMatch,
    Duplicate,
    ExtraValues { found: usize, expected: usize },
    GroupWithValues,
}

/// A required row that is not there.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingRow {
    pub table: TableKind,
    pub label: &'static str,
    /// Where it should be: the row after it (or the table's end).
    pub at: Range<usize>,
    /// A whole 第二十条 block of table 二 rather than one row.
    pub block: bool,
    /// A skeleton to insert (quick fix), with its insertion offset.
    pub insert: Option<(usize, String)>,
}

/// A cell whose text is not a valid number for its column.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidCell {
    pub range: Range<usize>,
    /// `row · column`, for the message.
    pub place: String,
    pub reason: InvalidWhy,
    pub suggestion: Option<String>,
    /// The cell as written (width folded, spaces removed).
    pub written: String,
}

/// Why a value cell is not a valid number for its column (`invalid-number` words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidWhy {
    /// Letters or other characters that are not part of any number (`O`, `见附件`).
    NotANumber,
    /// Chinese numerals (`十`, `二十三件`).
    ChineseNumeral,
    /// A count with a unit (`9件`).
    CountWithUnit,
    /// A count with a fraction (`0.5`).
    CountFraction,
    /// A negative count.
    CountNegative,
    /// A count with a sign (`+3`).
    CountSigned,
    /// A change in a number of items with a fraction.
    ChangeFraction,
    /// A number of items with a money unit.
    ChangeWithMoney,
    /// A negative amount of money.
    MoneyNegative,
    /// 元 in a column in 万元.
    YuanInWan,
    /// An amount of money with a count word (`3件`).
    MoneyWithCount,
}

/// A standard table recognised (by its labels and its place) that could not be read: what
/// reading it gave — most of its rows missing, or a run of rows matching nothing — is the
/// checker's trouble with the layout, not the writer's, so it is one fact instead of many.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableTable {
    pub table: TableKind,
    /// Where the finding points: the table's first row.
    pub range: Range<usize>,
    /// The table's first and last line (0-based).
    pub lines: (u32, u32),
    /// Lines (0-based, ascending, distinct) holding rows that matched no row of the template
    /// or could not be laid out in its columns.
    pub unread_lines: Vec<u32>,
    /// Value rows of the template found, and how many the template has.
    pub rows_found: usize,
    pub rows_expected: usize,
    /// The table's rows stand in prose lines (labels and figures separated by spaces), not in
    /// a table layout that is read: `unread_lines` are those lines.
    pub laid_out_as_text: bool,
}

/// A table region that is not one of the standard tables (a provincial extra table).
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraTable {
    pub range: Range<usize>,
    pub first_label: String,
}

/// Everything the rules need.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub edition: Option<Edition>,
    pub edition_source: Option<EditionSource>,
    pub text_len: usize,
    /// Standard sections by number − 1.
    pub sections: Vec<Option<SectionFound>>,
    pub extra_sections: Vec<ExtraSection>,
    /// The last non-blank line of the document (where a missing last section belongs).
    pub last_line: Range<usize>,
    pub labels: Vec<LabelMatch>,
    pub tables: Vec<TableModel>,
    pub extra_tables: Vec<ExtraTable>,
    /// Standard tables that could not be read (they are not in `tables`).
    pub unreadable_tables: Vec<UnreadableTable>,
    pub unknown_rows: Vec<UnknownRow>,
    pub missing_rows: Vec<MissingRow>,
    pub invalid_cells: Vec<InvalidCell>,
    /// Section 一 / 六 topics not mentioned: (section number, heading range, topic names).
    pub missing_topics: Vec<(u32, Range<usize>, Vec<String>)>,
    /// Tables found per kind (for missing-table): absolute ranges.
    pub table_ranges: Vec<(TableKind, Range<usize>)>,
    pub looks_like_report: bool,
}

impl Model {
    pub fn table(&self, kind: TableKind) -> Option<&TableModel> {
        self.tables.iter().find(|t| t.kind == kind)
    }
}

/// A block with its absolute start.
#[derive(Clone, Copy)]
pub struct Placed<'a> {
    pub start: usize,
    pub block: &'a Block,
}

/// Builds the model from the blocks. `forced` is the configured edition, if any.
pub fn build(blocks: &[Block], forced: Option<Edition>) -> Model {
    let mut placed = Vec::with_capacity(blocks.len());
    let mut start = 0;
    for block in blocks {
        placed.push(Placed { start, block });
        start += block.len;
    }
    let text_len = start;
    let mut model = Model {
        text_len,
        ..Model::default()
    };
    let (edition, source) = decide_edition(&placed, forced);
    model.edition = Some(edition);
    model.edition_source = source;
    sections::find(&placed, edition, &mut model);
    tables::interpret(&placed, edition, &mut model);
    sections::check_tables_and_topics(&placed, edition, &mut model);
    model.looks_like_report = looks_like_report(&placed, &model);
    model
}

fn looks_like_report(placed: &[Placed], model: &Model) -> bool {
    let mentions = placed.iter().any(|p| p.block.signals.mentions_ogi);
    let headings = model
        .sections
        .iter()
        .flatten()
        .filter(|s| s.by_wording)
        .count();
    let tables = model.table_ranges.len();
    mentions && headings + tables >= 2
}

/// The year a report's number says it is about decides the edition (spec "Edition detection").
pub fn edition_for_year(year: u16) -> Option<Edition> {
    match year {
        2019 | 2020 => Some(Edition::E2019),
        2021..=2099 => Some(Edition::E2021),
        _ => None,
    }
}

fn decide_edition(placed: &[Placed], forced: Option<Edition>) -> (Edition, Option<EditionSource>) {
    if let Some(e) = forced {
        return (e, Some(EditionSource::Config));
    }
    for p in placed {
        if let Some((e, r)) = &p.block.signals.cited_edition {
            return (
                *e,
                Some(EditionSource::Document(p.start + r.start..p.start + r.end)),
            );
        }
    }
    // The report year: in the title or the first lines, else a title glued to the last line.
    let mut line = 0u32;
    for p in placed {
        if line >= 12 {
            break;
        }
        if let Some((year, r)) = &p.block.signals.report_year {
            if let Some(e) = edition_for_year(*year) {
                return (
                    e,
                    Some(EditionSource::Year(
                        *year,
                        p.start + r.start..p.start + r.end,
                    )),
                );
            }
        }
        line += p.block.lines;
    }
    let last_text = placed
        .iter()
        .rev()
        .find(|p| !matches!(p.block.kind, BlockKind::Blank));
    if let Some(p) = last_text {
        if let Some((year, r)) = &p.block.signals.report_year {
            if let Some(e) = edition_for_year(*year) {
                return (
                    e,
                    Some(EditionSource::Year(
                        *year,
                        p.start + r.start..p.start + r.end,
                    )),
                );
            }
        }
    }
    let mut line = 0u32;
    for p in placed {
        if line >= 12 {
            break;
        }
        if let Some((year, r)) = &p.block.signals.split_title_year {
            if let Some(e) = edition_for_year(*year) {
                return (
                    e,
                    Some(EditionSource::Year(
                        *year,
                        p.start + r.start..p.start + r.end,
                    )),
                );
            }
        }
        line += p.block.lines;
    }
    if let Some(year) = placed.iter().find_map(|p| p.block.signals.period_year) {
        if let Some(e) = edition_for_year(year) {
            return (e, Some(EditionSource::Year(year, 0..0)));
        }
    }
    let (v2019, v2021) = label_votes(placed);
    if v2019 > v2021 {
        (Edition::E2019, Some(EditionSource::Labels))
    } else if v2021 > v2019 {
        (Edition::E2021, Some(EditionSource::Labels))
    } else {
        (Edition::E2021, None)
    }
}

fn label_votes(placed: &[Placed]) -> (u32, u32) {
    let mut v = (0, 0);
    for p in placed {
        if let BlockKind::Table(t) = &p.block.kind {
            v.0 += t.votes[0].iter().map(|&x| x as u32).sum::<u32>();
            v.1 += t.votes[1].iter().map(|&x| x as u32).sum::<u32>();
        }
    }
    v
}

/// Section headings found in the blocks, in order.
pub fn headings<'a>(placed: &'a [Placed<'a>]) -> impl Iterator<Item = (usize, &'a Heading)> + 'a {
    placed.iter().filter_map(|p| match &p.block.kind {
        BlockKind::Heading(h) => Some((p.start, h)),
        _ => None,
    })
}

pub fn template(edition: Edition) -> &'static Template {
    Template::get(edition)
}

/// Shifts a block-relative range to an absolute one.
pub fn abs(start: usize, r: &Range<usize>) -> Range<usize> {
    start + r.start..start + r.end
}
