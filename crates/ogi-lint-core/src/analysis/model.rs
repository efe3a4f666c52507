//! The document model: what the blocks add up to. Built from the cached block summaries on
//! every change (cheap: no string scanning, only lookups), and read by the rules.
//!
//! Facts, not diagnostics: the model records how each label compares with the standard one,
//! which template row each table row is, and every value slot; `rules/` turns facts into
//! diagnostics. All ranges here are absolute byte ranges.

use std::ops::Range;

use rust_decimal::Decimal;

use super::blocks::{Block, BlockKind, Heading, Mention, MentionKind};
use super::template::{TableKind, Template};
use super::Edition;

mod narrative;
mod sections;
mod tables;

pub use narrative::{readings, Reading, Statement};
pub use sections::{section_table, ExtraSection, SectionFound};
pub use tables::COLUMN_ORDER;

/// How the edition in force was decided: the configuration, else the strongest evidence in the
/// text that names an edition, else the tables' labels (spec "Edition detection").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionSource {
    /// `--edition`, `edition` in `ogi-lint.toml`, or the editor's setting.
    Config,
    /// What the text says (the first of [`Model::edition_evidence`] that names an edition).
    Text(Evidence),
    /// The edition whose labels the tables match best.
    Labels,
}

/// The kinds of evidence of the edition in the text, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceKind {
    /// A cited 文号 of an edition (`国办公开办函〔2021〕30号`).
    DocumentNumber,
    /// The report year in the title: a short line naming the report among the first lines,
    /// or as the last line (a title glued to the end of an export), or split over two lines
    /// at the top.
    Title,
    /// The year of the statistics period (`统计期限自2020年1月1日…`).
    StatisticsPeriod,
    /// A year in the prose: a sentence naming the report (`特向社会公布2020年度…年度报告`) or
    /// opening with the year (`2020年，我局…`). Years of a work plan are not evidence.
    Prose,
}

/// One statement in the text of the report's year or of its edition, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The year written: the report's year, or for a 文号 the year in its brackets.
    pub year: u16,
    /// The edition it calls for; `None` for a year no edition applies to.
    pub edition: Option<Edition>,
    /// The year (`2021年`) or the 文号.
    pub range: Range<usize>,
    /// A sentence opening `2020年以来，`: since that year, not only in it.
    pub since: bool,
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
    /// Another edition's label for this place: that edition's.
    OtherEdition(Edition),
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
    /// Where its slots (one per column) are in [`TableModel::slots`]: one list per table
    /// rather than one per row (read them with [`TableModel::row_slots`]).
    pub slot_range: Range<usize>,
    /// A group header carries no values.
    pub group: bool,
}

/// A standard table as found in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct TableModel {
    pub kind: TableKind,
    /// The edition whose template the table was read with.
    pub edition: Edition,
    /// The table follows another edition than the document requires (`edition`).
    pub follows_other_edition: bool,
    pub range: Range<usize>,
    /// The first row (where table-level findings point).
    pub head_range: Range<usize>,
    /// Column names for messages.
    pub columns: Vec<&'static str>,
    /// Template rows in template order (table 二: every block's rows, in order).
    pub rows: Vec<GridRow>,
    /// The slots of every row, at each row's [`GridRow::slot_range`].
    pub slots: Vec<Slot>,
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
    /// Everything the text says about the report's year or edition, strongest kind first and
    /// in text order within a kind (whatever decided the edition: a rule comparing the years
    /// reads them here).
    pub edition_evidence: Vec<Evidence>,
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
    /// Figures the prose states about applications, reviews and lawsuits, with what the
    /// tables hold for each (`narrative.rs`).
    pub narrative: Vec<Statement>,
}

impl TableModel {
    /// The slots of `row`, one of this table's rows, by column.
    pub fn row_slots(&self, row: &GridRow) -> &[Slot] {
        self.slots.get(row.slot_range.clone()).unwrap_or_default()
    }

    /// The slot of row `r` in column `c`, if the table has that row and column.
    pub fn slot(&self, r: usize, c: usize) -> Option<&Slot> {
        self.row_slots(self.rows.get(r)?).get(c)
    }
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
    model.edition_evidence = evidence(placed.iter().map(|p| EvidenceBlock {
        start: p.start,
        mentions: &p.block.signals.mentions,
        lines: p.block.lines,
        blank: matches!(p.block.kind, BlockKind::Blank),
        last_line_start: p.block.last_line_start,
    }));
    let (edition, source) = decide_edition(&placed, forced, &model.edition_evidence);
    model.edition = Some(edition);
    model.edition_source = source;
    sections::find(&placed, edition, &mut model);
    tables::interpret(&placed, edition, &mut model);
    sections::check_tables_and_topics(&placed, edition, &mut model);
    narrative::gather(&placed, &mut model);
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

/// Lines at the top of a document where its title stands.
const TITLE_LINES: u32 = 12;

/// What [`evidence`] reads of a block: its absolute start, its year mentions and where its
/// lines stand (a [`Block`]'s, or a [`super::blocks::BlockSignals`]' when only the head of a
/// file is read for its identity).
pub(crate) struct EvidenceBlock<'a> {
    pub start: usize,
    pub mentions: &'a [Mention],
    pub lines: u32,
    pub blank: bool,
    pub last_line_start: usize,
}

/// What the text says about the report's year or edition, strongest kind first, in text order
/// within a kind. Where a mention stands tells a title from prose: a line naming the report is
/// the title among the first lines or as the last line, prose elsewhere.
pub(crate) fn evidence<'a>(blocks: impl Iterator<Item = EvidenceBlock<'a>>) -> Vec<Evidence> {
    let blocks: Vec<EvidenceBlock> = blocks.collect();
    let last_line_start = blocks
        .iter()
        .rev()
        .find(|b| !b.blank)
        .map(|b| b.start + b.last_line_start);
    let mut found = Vec::new();
    let mut first_line = 0u32;
    for b in &blocks {
        for m in b.mentions {
            let range = abs(b.start, &m.range);
            let at_top = first_line.saturating_add(m.line) < TITLE_LINES;
            let on_last_line = last_line_start.is_some_and(|start| range.start >= start);
            let (kind, edition) = match m.kind {
                MentionKind::Document(e) => (EvidenceKind::DocumentNumber, Some(e)),
                MentionKind::TitleLine if at_top || on_last_line => (EvidenceKind::Title, None),
                MentionKind::SplitTitle if at_top => (EvidenceKind::Title, None),
                // A title-shaped line elsewhere is prose quoting the name.
                MentionKind::TitleLine | MentionKind::Prose => (EvidenceKind::Prose, None),
                MentionKind::SplitTitle => continue,
                MentionKind::Period => (EvidenceKind::StatisticsPeriod, None),
            };
            found.push(Evidence {
                kind,
                year: m.year,
                edition: edition.or_else(|| Edition::for_report_year(m.year)),
                range,
                since: m.since,
            });
        }
        first_line = first_line.saturating_add(b.lines);
    }
    // Stable: text order within a kind.
    found.sort_by_key(|e| e.kind);
    found
}

/// The edition in force and why: one pass down the ranked evidence — the configuration, then
/// what the text says (strongest kind first), then the tables' labels; failing all, the newest
/// edition.
fn decide_edition(
    placed: &[Placed],
    forced: Option<Edition>,
    evidence: &[Evidence],
) -> (Edition, Option<EditionSource>) {
    let decided = forced
        .map(|e| (e, EditionSource::Config))
        .or_else(|| {
            evidence
                .iter()
                .find_map(|ev| Some((ev.edition?, EditionSource::Text(ev.clone()))))
        })
        .or_else(|| label_majority(placed).map(|e| (e, EditionSource::Labels)));
    match decided {
        Some((edition, source)) => (edition, Some(source)),
        None => (Edition::newest(), None),
    }
}

/// The edition with the most exact label hits over every table, if one has more than the rest.
fn label_majority(placed: &[Placed]) -> Option<Edition> {
    let votes = |edition: Edition| -> u32 {
        placed
            .iter()
            .filter_map(|p| match &p.block.kind {
                BlockKind::Table(t) => Some(t.votes.total(edition)),
                _ => None,
            })
            .sum()
    };
    let mut ranked: Vec<(u32, Edition)> = Edition::all().map(|e| (votes(e), e)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    match ranked.as_slice() {
        [(best, e), rest @ ..] if *best > 0 && rest.first().is_none_or(|r| r.0 < *best) => Some(*e),
        _ => None,
    }
}

/// Section headings found in the blocks, in order.
pub fn headings<'a>(placed: &'a [Placed<'a>]) -> impl Iterator<Item = (usize, &'a Heading)> + 'a {
    placed.iter().filter_map(|p| match &p.block.kind {
        BlockKind::Heading(h) => Some((p.start, &**h)),
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

#[cfg(test)]
mod tests {
    use super::{EditionSource, EvidenceKind};
    use crate::analysis::rules::test_support::TABLE_3_GFM;
    use crate::analysis::{Analysis, Edition, Options};

    /// The edition, the kind of evidence that decided it (`None`: the labels or nothing), and
    /// every piece of evidence as `(kind, year, text at its range)`.
    type Decided<'t> = (
        Edition,
        Option<EvidenceKind>,
        Vec<(EvidenceKind, u16, &'t str)>,
    );

    fn decide(text: &str) -> Decided<'_> {
        let analysis = Analysis::new(text, Options::default());
        let kind = match analysis.edition_source() {
            Some(EditionSource::Text(evidence)) => Some(evidence.kind),
            _ => None,
        };
        let evidence = analysis
            .edition_evidence()
            .iter()
            .map(|e| (e.kind, e.year, text.get(e.range.clone()).unwrap_or("?")))
            .collect();
        (analysis.edition().unwrap_or(Edition::E2021), kind, evidence)
    }

    const SECTIONS: &str = "一、总体情况\n本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。2020年，我局认真贯彻《条例》。\n\n二、主动公开政府信息情况\n\n五、存在的主要问题及改进情况\n2022年，我局将进一步做好政府信息公开工作。\n";

    #[test]
    fn the_title_outranks_the_statistics_period_and_the_prose() {
        // A draft copied from last year: the title was updated, the period and prose not.
        let text = format!("某市商务局2021年政府信息公开工作年度报告\n\n{SECTIONS}");
        let (edition, by, evidence) = decide(&text);
        assert_eq!(edition, Edition::E2021);
        assert_eq!(by, Some(EvidenceKind::Title));
        // What each kind said and where, for year-mismatch; the work plan's 2022 is not there.
        assert_eq!(
            evidence,
            [
                (EvidenceKind::Title, 2021, "2021年"),
                (EvidenceKind::StatisticsPeriod, 2020, "2020年"),
                (EvidenceKind::Prose, 2020, "2020年"),
            ]
        );
    }

    #[test]
    fn without_a_title_the_statistics_period_decides() {
        let (edition, by, _) = decide(SECTIONS);
        assert_eq!(edition, Edition::E2019);
        assert_eq!(by, Some(EvidenceKind::StatisticsPeriod));
        // A line naming the report in the prose is no title, even among the first lines.
        let text = format!("特向社会公布2021年度本机关政府信息公开工作年度报告。\n\n{SECTIONS}");
        let (edition, by, evidence) = decide(&text);
        assert_eq!(
            (edition, by),
            (Edition::E2019, Some(EvidenceKind::StatisticsPeriod))
        );
        assert!(evidence.contains(&(EvidenceKind::Prose, 2021, "2021年")));
    }

    #[test]
    fn without_title_or_period_the_prose_decides_but_never_a_work_plan() {
        let text = SECTIONS.replace(
            "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
            "",
        );
        assert_eq!(
            decide(&text),
            (
                Edition::E2019,
                Some(EvidenceKind::Prose),
                vec![(EvidenceKind::Prose, 2020, "2020年")]
            )
        );
        // Only the work plan names a year (2022): it decides nothing; the 2019 labels do.
        let text = text.replace("2020年，我局认真贯彻《条例》。", "我局认真贯彻《条例》。");
        let table = "| 第二十条第（一）项 | | | |\n|---|---|---|---|\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 2 | 0 | 5 |\n";
        let text = text.replace(
            "二、主动公开政府信息情况\n",
            &format!("二、主动公开政府信息情况\n\n{table}"),
        );
        let analysis = Analysis::new(&text, Options::default());
        assert_eq!(analysis.edition(), Some(Edition::E2019));
        assert_eq!(analysis.edition_source(), Some(&EditionSource::Labels));
        assert!(analysis.edition_evidence().is_empty());
    }

    #[test]
    fn a_cited_document_outranks_the_title_and_the_configuration_outranks_both() {
        let text = format!(
            "某市商务局2020年政府信息公开工作年度报告\n\n按照国办公开办函〔2021〕30号的格式编制。\n\n{SECTIONS}"
        );
        let (edition, by, evidence) = decide(&text);
        assert_eq!(
            (edition, by),
            (Edition::E2021, Some(EvidenceKind::DocumentNumber))
        );
        assert_eq!(
            evidence[0],
            (
                EvidenceKind::DocumentNumber,
                2021,
                "国办公开办函〔2021〕30号"
            )
        );
        let options = Options {
            edition: Some(Edition::E2019),
            ..Options::default()
        };
        let analysis = Analysis::new(&text, options);
        assert_eq!(analysis.edition(), Some(Edition::E2019));
        assert_eq!(analysis.edition_source(), Some(&EditionSource::Config));
        // What the text says is recorded all the same.
        assert_eq!(analysis.edition_evidence().len(), 4);
    }

    #[test]
    fn a_title_stands_at_the_top_split_or_whole_or_glued_to_the_last_line() {
        let split = format!("某市商务局2021年度政府信息公开工作\n年度报告\n\n{SECTIONS}");
        assert_eq!(decide(&split).1, Some(EvidenceKind::Title));
        assert_eq!(decide(&split).0, Edition::E2021);
        // A Word export whose title ended up after the text (corpus 001).
        let glued = format!("{SECTIONS}某市商务局2021年政府信息公开工作年度报告.docx\n");
        assert_eq!(decide(&glued).1, Some(EvidenceKind::Title));
        assert_eq!(decide(&glued).0, Edition::E2021);
        // The same line in the middle of the text is prose quoting the name.
        let middle = SECTIONS.replace(
            "二、主动公开政府信息情况\n",
            "二、主动公开政府信息情况\n某市商务局2021年政府信息公开工作年度报告\n",
        );
        let padded = format!("{}{middle}", "\n".repeat(12));
        let (edition, by, _) = decide(&padded);
        assert_eq!(
            (edition, by),
            (Edition::E2019, Some(EvidenceKind::StatisticsPeriod))
        );
    }

    #[test]
    fn a_year_no_edition_covers_decides_nothing() {
        let text = format!("某市商务局2018年政府信息公开工作年度报告\n\n{SECTIONS}");
        let (edition, by, evidence) = decide(&text);
        assert_eq!(
            (edition, by),
            (Edition::E2019, Some(EvidenceKind::StatisticsPeriod))
        );
        assert_eq!(evidence[0], (EvidenceKind::Title, 2018, "2018年"));
        // Nothing at all: the newest edition, and no reason.
        let analysis = Analysis::new("会议纪要\n\n今天讨论了政府信息公开。\n", Options::default());
        assert_eq!(analysis.edition(), Some(Edition::newest()));
        assert_eq!(analysis.edition_source(), None);
        // Tables of the 2021 edition and nothing else: the labels.
        let analysis = Analysis::new(TABLE_3_GFM, Options::default());
        assert_eq!(analysis.edition(), Some(Edition::E2021));
        assert_eq!(analysis.edition_source(), Some(&EditionSource::Labels));
    }
}
