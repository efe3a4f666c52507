//! Splits a document into blocks and parses each block on its own.
//!
//! A block is a heading line, a paragraph, or a table region (all five text forms of spec §7),
//! each with its trailing blank lines, so blocks tile the text. Every offset stored in a block
//! is relative to the block's start, so a block's parse stays valid when text before it moves.
//!
//! **Invariant:** where blocks start depends only on the current block's state, a line, and a
//! few lines after it (the next non-blank line, reached through at most three wrapped-cell
//! lines). `Analysis::apply_change` relies on this to re-segment only around an edit.

use std::borrow::Cow;
// foldhash: the keys are short strings looked up for every label; SipHash cost more than the
// lookups themselves. Seeded per process, so crafted labels cannot force collisions.
use foldhash::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::template::Vocabulary;
use super::text::{
    chinese_number, is_space, normalize_label, parse_value, strip_bookmarks, trim, CellValue,
};
use super::Edition;

/// A parsed block. `len` covers the block's text including trailing blank lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub len: usize,
    /// Lines in the block (for "first lines of the document" checks).
    pub lines: u32,
    pub kind: BlockKind,
    pub signals: Signals,
    /// Inline suppression comments in this block.
    pub directives: Vec<Directive>,
    /// The block's lines end in CRLF (inserted text should too).
    pub crlf: bool,
    /// End of the last non-blank line (before its terminator), and that line's start.
    pub content_end: usize,
    pub last_line_start: usize,
    /// End of the first line, terminator included (where a directive on the line before
    /// this block stops applying).
    pub first_line_end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// Only blank lines or comments.
    Blank,
    Heading(Heading),
    Text,
    Table(TableBlock),
}

/// What prose says about the document as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    pub mentions_ogi: bool,
    /// `2021年…政府信息公开工作年度报告`: the report year and where it is written.
    pub report_year: Option<(u16, Range<usize>)>,
    /// `2020年度政府信息公开工作` at the end of a line (a title wrapped before `年度报告`).
    pub split_title_year: Option<(u16, Range<usize>)>,
    /// `统计期限自2020年1月1日`: the year the statistics cover.
    pub period_year: Option<u16>,
    /// A cited 文号 of a template edition.
    pub cited_edition: Option<(Edition, Range<usize>)>,
    /// Bit i set: topic word i of [`topic_words`] occurs.
    pub topic_words: u64,
}

/// A candidate section heading: `二、主动公开政府信息情况`, `## 五. 存在…`, `**六、其他…**`.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// The Chinese numeral's value, when numbered.
    pub number: Option<u32>,
    /// From the numeral through the end of the title (no Markdown markup).
    pub range: Range<usize>,
    /// The numeral and its separator (`五、`, `五 、`, `五.`).
    pub prefix_range: Range<usize>,
    pub separator: String,
    /// The title after the separator, as written.
    pub title: String,
    pub title_range: Range<usize>,
    pub title_norm: String,
    /// Similarity of the title to the standard labels (see [`Vocabulary::similar`]).
    pub fuzzy: Vec<(u16, f32)>,
}

/// An inline suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule codes named; empty means every rule.
    pub rules: Vec<String>,
    /// Offset of the comment's line start (relative to the block).
    pub line_start: usize,
    /// Offset just past the comment's line (relative to the block).
    pub line_end: usize,
    /// Offset just past the line after the comment, if that line is in the same block.
    pub next_line_end: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
}

/// How a table's cells are laid out in text (spec §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableForm {
    /// GitHub-flavoured Markdown pipe rows.
    Pipe,
    /// One row per line, TAB-separated cells.
    TabRows,
    /// One cell per line, TAB-indented, blank line between rows.
    CellPerLine,
    /// One cell per line ending in ` |`; bar-only lines end rows.
    PipeEnded,
}

/// A table region.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBlock {
    pub form: TableForm,
    pub rows: Vec<Row>,
    /// Exact standard-label hits: `[edition][table kind]`.
    pub votes: [[u16; 3]; 2],
    /// For one-row-per-line forms, the usual number of cells in a row with values (0 for the
    /// one-cell-per-line forms, where rows have no fixed width).
    pub width: usize,
}

/// A logical row: label cells (the row's label path) then value cells, with empty cells kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// From the first cell's start to the last cell's end.
    pub range: Range<usize>,
    /// Start of the line the row begins on (where a row inserted before it goes).
    pub line_start: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's content without surrounding space or bookmark residue.
    pub range: Range<usize>,
    pub kind: CellKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    Empty,
    /// Shared: the same label text read twice (in this document or, for `check`, in an earlier
    /// one) is one [`Label`].
    Label(Arc<Label>),
    Value(CellValue),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// As written, with a wrapped label's lines joined.
    pub text: String,
    pub norm: String,
    /// Standard labels equal to it after normalisation (indices into [`Vocabulary`]).
    pub hits: Vec<u16>,
    /// When it is no standard label at all: its similarity to the standard labels (see
    /// [`Vocabulary::similar`]), for fuzzy matching at the document level.
    pub fuzzy: Vec<(u16, f32)>,
}

impl Row {
    pub fn labels(&self) -> impl Iterator<Item = (&Cell, &Label)> {
        self.cells.iter().filter_map(|c| match &c.kind {
            CellKind::Label(l) => Some((c, &**l)),
            _ => None,
        })
    }

    pub fn has_values(&self) -> bool {
        self.cells
            .iter()
            .any(|c| matches!(c.kind, CellKind::Value(_)))
    }
}

/// Topic words searched in prose (section 一's five topics, section 六's fee statement).
pub fn topic_words() -> &'static [&'static str] {
    &[
        "主动公开",
        "依申请公开",
        "政府信息公开申请",
        "公开申请",
        "政府信息管理",
        "信息管理",
        "公开审查",
        "保密审查",
        "平台建设",
        "平台",
        "网站",
        "政务新媒体",
        "公众号",
        "监督保障",
        "监督",
        "考核",
        "培训",
        "信息处理费",
        "处理费",
    ]
}

// ---------------------------------------------------------------------------------------------
// Segmentation.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineClass {
    Blank,
    Comment,
    /// A line with `|` cells (GFM row, ` |`-ended cell, bar-only line, delimiter row).
    Pipe,
    /// A line with a TAB: a TAB-separated row or a TAB-indented cell.
    Tab,
    /// `第二十条第（一）项` on its own line (a Markdown heading or plain): a table-二 block label.
    TableLabel,
    Heading,
    Text,
}

impl LineClass {
    fn is_table(self) -> bool {
        matches!(
            self,
            LineClass::Pipe | LineClass::Tab | LineClass::TableLabel
        )
    }
}

/// One line: its range (including the terminator) and content range (without it).
#[derive(Debug, Clone)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub content_end: usize,
}

pub fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 16 + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n` already handled.
            continue;
        }
        let end = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
        lines.push(Line {
            start,
            end,
            content_end: i,
        });
        start = end;
    }
    if start < bytes.len() {
        lines.push(Line {
            start,
            end: bytes.len(),
            content_end: bytes.len(),
        });
    }
    lines
}

fn classify(line: &str) -> LineClass {
    // Runs on every line of every document: cheap byte tests decide most lines.
    let has_tab = memchr::memchr(b'\t', line.as_bytes()).is_some();
    let t = trim(line);
    if t.is_empty() {
        return if has_tab {
            LineClass::Tab
        } else {
            LineClass::Blank
        };
    }
    if t.starts_with("<!--") && t.ends_with("-->") {
        return LineClass::Comment;
    }
    if t.starts_with('|') || t.ends_with('|') || is_delimiter_row(t) {
        return LineClass::Pipe;
    }
    if has_tab {
        return LineClass::Tab;
    }
    let bare = strip_markup(t);
    if bare.starts_with('第')
        && bare.contains('条')
        && bare.contains('项')
        && article_item_re().is_match(bare)
        && bare.chars().count() <= 20
    {
        return LineClass::TableLabel;
    }
    // Every numbered heading starts with a Chinese numeral.
    if bare.starts_with(NUMERALS) && parse_heading(line, 0).is_some() {
        return LineClass::Heading;
    }
    LineClass::Text
}

/// A GFM row (`| a | b |`) or a TAB-separated row with two or more filled cells.
fn is_whole_row(line: &str, class: LineClass) -> bool {
    match class {
        LineClass::Pipe => {
            let t = trim(line);
            t.starts_with('|') && t.chars().any(|c| c != '|' && !is_space(c))
        }
        LineClass::Tab => line.split('\t').filter(|p| !trim(p).is_empty()).count() >= 2,
        _ => false,
    }
}

fn is_delimiter_row(t: &str) -> bool {
    t.starts_with(['|', '-', ':', ' ', '\t'])
        && t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A text line inside a table may be the rest of a wrapped cell.
fn is_continuation(line: &str, class: LineClass, next: Option<LineClass>) -> bool {
    class == LineClass::Text && next.is_some_and(LineClass::is_table) && is_short(line)
}

/// `一、本年新收政府信息公开申请` wrapped before `数量 |`: the start of a table row label, not a
/// section heading.
fn is_wrapped_row_label(line: &str) -> bool {
    let norm = normalize_label(strip_markup(line));
    if norm.chars().count() < 4 {
        return false;
    }
    let vocabulary = Vocabulary::get();
    vocabulary.labels.iter().any(|l| {
        matches!(l.at.role, super::template::Role::ApplicationsRow(_))
            && l.norm.starts_with(&norm)
            && l.norm != norm
    })
}

fn is_short(line: &str) -> bool {
    trim(line).chars().count() <= 40 && !line.contains('。')
}

/// Splits `text` into blocks and parses each.
pub fn parse_blocks(text: &str, memo: &mut LabelMemo) -> Vec<Block> {
    let segmentation = Segmentation::new(text);
    (0..segmentation.len())
        .map(|i| segmentation.parse(text, i, memo))
        .collect()
}

/// A text split into lines, its lines classified, and the lines grouped into blocks: what
/// [`parse_block`] would compute again for each block, kept so that parsing the blocks of a
/// segmented text classifies every line once.
pub struct Segmentation {
    lines: Vec<Line>,
    classes: Vec<LineClass>,
    /// Each block's byte range and range of line indices.
    blocks: Vec<(Range<usize>, Range<usize>)>,
}

impl Segmentation {
    pub fn new(text: &str) -> Segmentation {
        let lines = split_lines(text);
        let classes: Vec<LineClass> = lines
            .iter()
            .map(|l| classify(&text[l.start..l.content_end]))
            .collect();
        let blocks = segment_lines(text, &lines, &classes);
        Segmentation {
            lines,
            classes,
            blocks,
        }
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The byte range of block `i`.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.blocks.get(i).map_or(0..0, |(bytes, _)| bytes.clone())
    }

    /// Parses block `i` of `text` (the text this segmentation was made from); the same as
    /// `parse_block(&text[self.range(i)], memo)`.
    pub fn parse(&self, text: &str, i: usize, memo: &mut LabelMemo) -> Block {
        let Some((bytes, line_range)) = self.blocks.get(i) else {
            return parse_block("", memo);
        };
        let base = bytes.start;
        let lines: Vec<Line> = self.lines[line_range.clone()]
            .iter()
            .map(|l| Line {
                start: l.start - base,
                end: l.end - base,
                content_end: l.content_end - base,
            })
            .collect();
        parse_lines(
            &text[bytes.clone()],
            &lines,
            &self.classes[line_range.clone()],
            memo,
        )
    }
}

/// Labels and heading titles already read, by their text as written: normalising and
/// fuzzy-matching them is the costly part of parsing, an edit re-parses a table whose labels
/// mostly did not change, and the reports of a folder share most of their labels. A pure
/// cache: the same text always gives the same result, so a warm memo changes no finding.
#[derive(Debug, Clone, Default)]
pub struct LabelMemo {
    labels: HashMap<String, Arc<Label>>,
    /// Heading title as written → its normalised form and similarities to the section titles.
    titles: HashMap<String, Arc<TitleWording>>,
}

#[derive(Debug)]
struct TitleWording {
    norm: String,
    fuzzy: Vec<(u16, f32)>,
}

/// Entries kept before a memo starts over (bounds memory on a stream of distinct labels).
const MEMO_CAPACITY: usize = 20_000;

impl LabelMemo {
    fn label(&mut self, text: &str) -> Arc<Label> {
        if let Some(label) = self.labels.get(text) {
            return Arc::clone(label);
        }
        if self.labels.len() >= MEMO_CAPACITY {
            self.labels.clear();
        }
        let label = Arc::new(read_label(text.to_string()));
        self.labels.insert(label.text.clone(), Arc::clone(&label));
        label
    }

    fn title(&mut self, title: &str) -> Arc<TitleWording> {
        if let Some(wording) = self.titles.get(title) {
            return Arc::clone(wording);
        }
        if self.titles.len() >= MEMO_CAPACITY {
            self.titles.clear();
        }
        let norm = normalize_label(title);
        let fuzzy = Vocabulary::get().similar_titles(&norm);
        let wording = Arc::new(TitleWording { norm, fuzzy });
        self.titles.insert(title.to_string(), Arc::clone(&wording));
        wording
    }
}

fn read_label(text: String) -> Label {
    let vocabulary = Vocabulary::get();
    let norm = normalize_label(&text);
    let hits: Vec<u16> = vocabulary.exact(&norm).iter().map(|&i| i as u16).collect();
    // A label that is some edition's standard label needs no fuzzy matching: the other
    // edition's label is recognised exactly (as `edition-mismatch`).
    let fuzzy = if hits.is_empty() {
        vocabulary.similar(&norm)
    } else {
        Vec::new()
    };
    Label {
        text,
        norm,
        hits,
        fuzzy,
    }
}

/// Block boundaries of `text`, as byte ranges that tile it.
#[cfg(test)]
pub fn segment(text: &str) -> Vec<Range<usize>> {
    let segmentation = Segmentation::new(text);
    (0..segmentation.len())
        .map(|i| segmentation.range(i))
        .collect()
}

/// Groups classified lines into blocks: each block's byte range (the ranges tile `text`) and
/// range of line indices.
fn segment_lines(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
) -> Vec<(Range<usize>, Range<usize>)> {
    // next_nonblank_line[i]: the first non-blank line after line i.
    let mut next_nonblank_line = vec![None; lines.len()];
    let mut upcoming = None;
    for i in (0..lines.len()).rev() {
        next_nonblank_line[i] = upcoming;
        if !matches!(classes[i], LineClass::Blank | LineClass::Comment) {
            upcoming = Some(i);
        }
    }
    let next_nonblank = |i: usize| next_nonblank_line[i].map(|j| classes[j]);

    #[derive(PartialEq, Clone, Copy)]
    enum State {
        /// Before the first content line: leading blank lines join the first block.
        Start,
        Table,
        Text,
        Heading,
    }
    // Rows that stand alone on their line: a blank line between two of them ends a table
    // (as in Markdown), while blank lines separate the rows of the one-cell-per-line form.
    let whole_row =
        |j: usize| is_whole_row(&text[lines[j].start..lines[j].content_end], classes[j]);
    // A cell may wrap over a few lines: the line a wrapped run leads to decides whether a
    // short text line continues a table.
    let short_text = |j: usize| {
        classes[j] == LineClass::Text && is_short(&text[lines[j].start..lines[j].content_end])
    };
    let after_wrap = |i: usize| -> Option<LineClass> {
        let mut j = i + 1;
        let mut skipped = 0;
        while j < lines.len() && skipped < 3 && short_text(j) {
            j += 1;
            skipped += 1;
        }
        match classes.get(j) {
            None => None,
            Some(LineClass::Blank | LineClass::Comment) => next_nonblank(j),
            Some(c) => Some(*c),
        }
    };
    let mut blocks = Vec::new();
    let mut block_start = 0;
    let mut block_first_line = 0;
    let mut state = State::Start;
    // Whether the current block has ended its content and only collects blank lines.
    let mut closed = false;
    // The last non-blank line.
    let mut last_content_line = None;
    for (i, line) in lines.iter().enumerate() {
        let class = classes[i];
        match class {
            LineClass::Comment => continue,
            LineClass::Blank => {
                // Blank lines inside a table continue it only if more table follows.
                if state != State::Table
                    || !next_nonblank(i).is_some_and(LineClass::is_table)
                    || (last_content_line.is_some_and(whole_row)
                        && next_nonblank_line[i].is_some_and(whole_row))
                {
                    closed = true;
                }
                continue;
            }
            _ => {}
        }
        last_content_line = Some(i);
        let content = &text[line.start..line.content_end];
        let continues = !closed
            && match state {
                State::Start | State::Heading => false,
                State::Table => {
                    class.is_table()
                        || is_continuation(content, class, after_wrap(i))
                        || (class == LineClass::Heading
                            && classes.get(i + 1).is_some_and(|c| c.is_table())
                            && is_wrapped_row_label(content))
                }
                State::Text => class == LineClass::Text,
            };
        if !continues {
            if state != State::Start {
                blocks.push((block_start..line.start, block_first_line..i));
                block_start = line.start;
                block_first_line = i;
            }
            state = match class {
                c if c.is_table() => State::Table,
                LineClass::Heading => State::Heading,
                _ => State::Text,
            };
        }
        closed = false;
    }
    blocks.push((block_start..text.len(), block_first_line..lines.len()));
    blocks
}

fn article_item_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^第\s*二\s*十\s*条\s*第?\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*项\s*$")
            .expect("static regex")
    })
}

/// The line without Markdown heading hashes, emphasis markers or surrounding space.
fn strip_markup(line: &str) -> &str {
    let mut t = trim(line);
    t = t.trim_start_matches('#');
    t = trim(t);
    for marker in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(marker).and_then(|s| s.strip_suffix(marker)) {
            t = trim(inner);
        }
    }
    t
}

const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Splits `五 、 存在的主要问题` into numeral (one to three Chinese numerals), separator (`、`,
/// `､`, `.`, `．`, `,` or `，` with spaces or TABs around it) and title (starting with a
/// non-space), as byte ranges. Every line starting with a numeral is tested, so by hand
/// rather than with a capturing regex.
fn split_heading(line: &str) -> Option<(Range<usize>, Range<usize>, Range<usize>)> {
    let numeral_end = line
        .char_indices()
        .find(|(_, c)| !NUMERALS.contains(c))
        .map_or(line.len(), |(i, _)| i);
    let numerals = line[..numeral_end].chars().count();
    if !(1..=3).contains(&numerals) {
        return None;
    }
    let is_gap = |c: char| matches!(c, ' ' | '\t' | '\u{3000}');
    let rest = line[numeral_end..].trim_start_matches(is_gap);
    let rest = rest.strip_prefix(['、', '､', '.', '．', ',', '，'])?;
    let title = rest.trim_start_matches(is_gap);
    if title.chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    let title_start = line.len() - title.len();
    Some((
        0..numeral_end,
        numeral_end..title_start,
        title_start..line.len(),
    ))
}

/// Recognises a section-heading candidate on one line. `offset` is where the line starts in
/// the block, so ranges come out block-relative.
fn parse_heading(line: &str, offset: usize) -> Option<Heading> {
    let bare = strip_markup(line);
    let bare_start = offset + (bare.as_ptr() as usize - line.as_ptr() as usize);
    let bare = bare.trim_end_matches(['：', ':']);
    let (numeral, separator, title_range) = split_heading(bare)?;
    let title_match = &bare[title_range.clone()];
    let title = trim(title_match);
    if title.chars().count() > 30 || title.contains(['。', '；', ';']) {
        return None;
    }
    if title.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let number = chinese_number(&bare[numeral]);
    let title_start =
        bare_start + title_range.start + (title.as_ptr() as usize - title_match.as_ptr() as usize);
    Some(Heading {
        number,
        range: bare_start..bare_start + bare.len(),
        prefix_range: bare_start..bare_start + separator.end,
        separator: bare[separator].to_string(),
        title: title.to_string(),
        title_range: title_start..title_start + title.len(),
        // Filled in by `with_wording` when the heading becomes a block (not while classifying
        // lines, which happens on every re-segmentation).
        fuzzy: Vec::new(),
        title_norm: String::new(),
    })
}

impl Heading {
    /// Adds the normalised title and its similarities to the standard labels.
    fn with_wording(mut self, memo: &mut LabelMemo) -> Heading {
        let wording = memo.title(&self.title);
        self.title_norm.clone_from(&wording.norm);
        self.fuzzy.clone_from(&wording.fuzzy);
        self
    }
}

/// An unnumbered line that is exactly a standard section title (`总体情况`).
fn parse_bare_title(line: &str, offset: usize) -> Option<Heading> {
    let bare = strip_markup(line);
    if bare.is_empty() || bare.chars().count() > 30 {
        return None;
    }
    let norm = normalize_label(bare);
    let vocabulary = Vocabulary::get();
    let is_title = vocabulary.exact(&norm).iter().any(|&i| {
        matches!(
            vocabulary.labels[i].at.role,
            super::template::Role::SectionTitle(_)
        )
    });
    if !is_title {
        return None;
    }
    let start = offset + (bare.as_ptr() as usize - line.as_ptr() as usize);
    Some(Heading {
        number: None,
        range: start..start + bare.len(),
        prefix_range: start..start,
        separator: String::new(),
        title: bare.to_string(),
        title_range: start..start + bare.len(),
        fuzzy: Vec::new(),
        title_norm: norm,
    })
}

// ---------------------------------------------------------------------------------------------
// Parsing one block.

/// Parses the text of one block (as produced by [`Segmentation`]).
pub fn parse_block(text: &str, memo: &mut LabelMemo) -> Block {
    let lines = split_lines(text);
    let classes: Vec<LineClass> = lines
        .iter()
        .map(|l| classify(&text[l.start..l.content_end]))
        .collect();
    parse_lines(text, &lines, &classes, memo)
}

/// Parses one block from its lines (block-relative) and their classes.
fn parse_lines(text: &str, lines: &[Line], classes: &[LineClass], memo: &mut LabelMemo) -> Block {
    let mut directives = Vec::new();
    for (line, class) in lines.iter().zip(classes) {
        if *class == LineClass::Comment {
            let content = &text[line.start..line.content_end];
            if let Some(d) = parse_directive(content, line.start, line.end) {
                directives.push(d);
            }
        }
    }
    for d in &mut directives {
        d.next_line_end = lines.iter().find(|l| l.start == d.line_end).map(|l| l.end);
    }
    let is_table = classes
        .iter()
        .find(|c| !matches!(c, LineClass::Blank | LineClass::Comment))
        .is_some_and(|c| c.is_table());
    // Tables say nothing about the report year or the section topics.
    let signals = if is_table {
        Signals {
            mentions_ogi: contains(text, Word::Ogi),
            ..Signals::default()
        }
    } else {
        signals(text, lines)
    };
    let last_content = lines
        .iter()
        .zip(classes)
        .rev()
        .find(|(_, c)| !matches!(c, LineClass::Blank))
        .map(|(l, _)| l);
    let first = classes
        .iter()
        .position(|c| !matches!(c, LineClass::Blank | LineClass::Comment));
    let kind = match first.map(|i| (i, classes[i])) {
        None => BlockKind::Blank,
        Some((_, c)) if c.is_table() => BlockKind::Table(parse_table(text, lines, classes, memo)),
        Some((i, LineClass::Heading)) => {
            let line = &lines[i];
            match parse_heading(&text[line.start..line.content_end], line.start)
                .map(|h| h.with_wording(memo))
            {
                Some(h) => BlockKind::Heading(h),
                None => BlockKind::Text,
            }
        }
        Some((i, _)) => {
            let line = &lines[i];
            let only_line = classes[i + 1..]
                .iter()
                .all(|c| matches!(c, LineClass::Blank | LineClass::Comment));
            match only_line
                .then(|| parse_bare_title(&text[line.start..line.content_end], line.start))
                .flatten()
            {
                Some(h) => BlockKind::Heading(h),
                None => BlockKind::Text,
            }
        }
    };
    Block {
        len: text.len(),
        lines: lines.len() as u32,
        kind,
        signals,
        directives,
        crlf: lines.iter().any(|l| l.end - l.content_end == 2),
        content_end: last_content.map_or(0, |l| l.content_end),
        last_line_start: last_content.map_or(0, |l| l.start),
        first_line_end: lines.first().map_or(0, |l| l.end),
    }
}

fn parse_directive(content: &str, line_start: usize, line_end: usize) -> Option<Directive> {
    let inner = trim(content).strip_prefix("<!--")?.strip_suffix("-->")?;
    let mut words = inner.split_whitespace();
    let kind = match words.next()? {
        "ogi-lint-disable" => DirectiveKind::Disable,
        "ogi-lint-enable" => DirectiveKind::Enable,
        "ogi-lint-disable-next-line" => DirectiveKind::DisableNextLine,
        _ => return None,
    };
    Some(Directive {
        kind,
        rules: words
            .flat_map(|w| w.split(','))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
        line_start,
        line_end,
        next_line_end: None,
    })
}

fn report_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(20\d\d)\s*年\s*度?[^。\n，,]{0,30}?(?:政府信息公开|政务公开|信息公开)[^。\n，,]{0,12}?报告")
            .expect("static regex")
    })
}

/// A title split over two lines (`永康市商务局2020年度政府信息公开工作` / `年度报告`): weaker
/// evidence, used only when no line names the report itself.
fn split_title_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)(20\d\d)\s*年\s*度?[^。\n，,]{0,30}?(?:政府信息公开|政务公开|信息公开)\s*(?:工作)?\s*$")
            .expect("static regex")
    })
}

/// One set for all topic words: a single pass over a paragraph tells which of them it
/// contains (they overlap — `公开申请` in `政府信息公开申请` — so an overlapping search; the
/// regex set's lazy DFA does it faster than an Aho-Corasick automaton or a search per word).
fn topic_set() -> &'static regex::RegexSet {
    static SET: OnceLock<regex::RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        regex::RegexSet::new(topic_words().iter().map(|w| regex::escape(w)))
            .expect("static regex set")
    })
}

/// Words whose presence [`signals`] tests.
#[derive(Clone, Copy)]
enum Word {
    Ogi,
    GovAffairs,
    Disclosure,
    Report,
    Period,
    Wenhao,
}

/// `text` contains `word`: a SIMD substring search with its searcher built once (building it
/// costs more than searching a paragraph; `str::contains` is slower on long tables).
fn contains(text: &str, word: Word) -> bool {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 6]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        [
            "政府信息公开",
            "政务公开",
            "信息公开",
            "报告",
            "统计期限",
            "国办公开办函",
        ]
        .map(memchr::memmem::Finder::new)
    });
    finders[word as usize].find(text.as_bytes()).is_some()
}

fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"统计期限自\s*(20\d\d)\s*年").expect("static regex"))
}

fn document_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"国办公开办函\s*[〔\[（(【]\s*(2019|2021)\s*[〕\]）)】]\s*(\d+)\s*号")
            .expect("static regex")
    })
}

/// What the prose of a block says; `lines` are the block's lines.
fn signals(text: &str, lines: &[Line]) -> Signals {
    let has = |word: Word| contains(text, word);
    let mut s = Signals {
        mentions_ogi: has(Word::Ogi) || has(Word::GovAffairs),
        ..Signals::default()
    };
    // One pass over the text for all topic words.
    for i in topic_set().matches(text).iter() {
        s.topic_words |= 1 << i;
    }
    if !text.contains('年') && !text.contains('号') {
        return s;
    }
    // The year regexes match within a line: run them only on the lines that can match. Both
    // start with the four digits of the year (no captures needed: `find` is cheaper).
    let year_in = |re: &Regex, line: &str, at: usize| -> Option<(u16, Range<usize>)> {
        let start = re.find(line)?.start();
        let year = line.get(start..start + 4)?;
        Some((year.parse().ok()?, at + start..at + start + 4 + "年".len()))
    };
    let names_disclosure = s.mentions_ogi || has(Word::Disclosure);
    if names_disclosure && has(Word::Report) {
        s.report_year = lines
            .iter()
            .map(|l| (l.start, &text[l.start..l.content_end]))
            .filter(|(_, line)| contains(line, Word::Report) && line.contains('年'))
            .find_map(|(at, line)| year_in(report_year_re(), line, at));
    }
    if names_disclosure {
        s.split_title_year = lines
            .iter()
            .map(|l| (l.start, &text[l.start..l.content_end]))
            .filter(|(_, line)| {
                let t = line.trim_end();
                (t.ends_with("公开") || t.ends_with("工作")) && line.contains('年')
            })
            .find_map(|(at, line)| year_in(split_title_year_re(), line, at));
    }
    if !has(Word::Period) {
        // No period sentence.
    } else if let Some(y) = period_re().captures(text).and_then(|c| c.get(1)) {
        s.period_year = y.as_str().parse().ok();
    }
    if let Some(c) = has(Word::Wenhao)
        .then(|| document_re().captures(text))
        .flatten()
    {
        let edition = match (c.get(1).map(|m| m.as_str()), c.get(2).map(|m| m.as_str())) {
            (Some("2019"), Some("60")) => Some(Edition::E2019),
            (Some("2021"), Some("30")) => Some(Edition::E2021),
            _ => None,
        };
        if let (Some(e), Some(m)) = (edition, c.get(0)) {
            s.cited_edition = Some((e, m.range()));
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Tables.

/// A cell before row assembly.
struct RawCell<'a> {
    range: Range<usize>,
    /// The cell's text without bookmark residue; a wrapped cell's lines joined (owned only
    /// then, or when residue was removed).
    text: Cow<'a, str>,
}

enum Token<'a> {
    Cell(RawCell<'a>),
    RowBreak,
}

fn parse_table(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
    memo: &mut LabelMemo,
) -> TableBlock {
    let form = table_form(text, lines, classes);
    let tokens = tokenize(text, lines, classes, form);
    let line_starts: Vec<usize> = lines.iter().map(|l| l.start).collect();
    let rows = assemble_rows(tokens, &line_starts, memo);
    let vocabulary = Vocabulary::get();
    let mut votes = [[0u16; 3]; 2];
    for row in &rows {
        for (_, label) in row.labels() {
            let mut counted = [[false; 3]; 2];
            for &hit in &label.hits {
                let at = vocabulary.labels[hit as usize].at;
                if let Some(kind) = at.role.table() {
                    let e = (at.edition == Edition::E2021) as usize;
                    if !counted[e][kind.index()] {
                        counted[e][kind.index()] = true;
                        votes[e][kind.index()] = votes[e][kind.index()].saturating_add(1);
                    }
                }
            }
        }
    }
    let width = match form {
        TableForm::Pipe | TableForm::TabRows => {
            let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
            for row in rows.iter().filter(|r| r.has_values()) {
                *counts.entry(row.cells.len()).or_default() += 1;
            }
            counts
                .into_iter()
                .max_by_key(|&(w, n)| (n, w))
                .map_or(0, |(w, _)| w)
        }
        TableForm::CellPerLine | TableForm::PipeEnded => 0,
    };
    TableBlock {
        form,
        rows,
        votes,
        width,
    }
}

fn table_form(text: &str, lines: &[Line], classes: &[LineClass]) -> TableForm {
    let (mut gfm, mut ended, mut tab_rows, mut tab_cells) = (0, 0, 0, 0);
    for (line, class) in lines.iter().zip(classes) {
        let content = &text[line.start..line.content_end];
        let t = trim(content);
        match class {
            LineClass::Pipe => {
                if is_delimiter_row(t) {
                    gfm += 3;
                } else if t.starts_with('|') && t.chars().any(|c| c != '|' && !is_space(c)) {
                    gfm += 1;
                } else if !t.starts_with('|') {
                    ended += 1;
                }
            }
            LineClass::Tab => {
                let filled = content.split('\t').filter(|p| !trim(p).is_empty()).count();
                if filled >= 2 {
                    tab_rows += 1;
                } else if filled == 1 {
                    tab_cells += 1;
                }
            }
            _ => {}
        }
    }
    if gfm + ended > tab_rows + tab_cells {
        if gfm >= ended {
            TableForm::Pipe
        } else {
            TableForm::PipeEnded
        }
    } else if tab_rows * 3 >= tab_cells && tab_rows > 0 {
        TableForm::TabRows
    } else {
        TableForm::CellPerLine
    }
}

/// The trimmed, residue-free range of `piece` (which starts at `offset`).
fn content_range(piece: &str, offset: usize) -> Range<usize> {
    let mut start = 0;
    let mut rest = piece;
    loop {
        let trimmed = rest.trim_start_matches(is_space);
        start += rest.len() - trimmed.len();
        rest = trimmed;
        match rest
            .strip_prefix("[bookmark:")
            .and_then(|r| r.find(']').map(|e| (r, e)))
        {
            Some((r, e)) => {
                let skip = "[bookmark:".len() + e + 1;
                start += skip;
                rest = &r[e + 1..];
            }
            None => break,
        }
    }
    let end = start + rest.trim_end_matches(is_space).len();
    if start == end && !piece.is_empty() {
        // An empty cell: text typed into it goes after one space (`| 2 |`, not `|  2|`).
        let first = piece.chars().next().map_or(0, char::len_utf8);
        let at = if piece[..first].chars().all(is_space) {
            first
        } else {
            0
        };
        return offset + at..offset + at;
    }
    offset + start..offset + end
}

fn raw_cell(text: &str, piece_range: Range<usize>) -> RawCell<'_> {
    let range = content_range(&text[piece_range.clone()], piece_range.start);
    RawCell {
        text: strip_bookmarks(&text[range.clone()]),
        range,
    }
}

/// Splits a pipe row into cell ranges (without the outer pipes).
fn pipe_cells(text: &str, line: &Line) -> Vec<Range<usize>> {
    let content = &text[line.start..line.content_end];
    let base = line.start;
    let mut cells = Vec::with_capacity(memchr::memchr_iter(b'|', content.as_bytes()).count() + 1);
    let mut cell_start = 0;
    let bytes = content.as_bytes();
    let mut i = 0;
    while let Some(found) = memchr::memchr2(b'|', b'\\', &bytes[i..]) {
        let at = i + found;
        if bytes[at] == b'\\' {
            // An escaped character (`\|` is a bar inside a cell).
            i = (at + 2).min(bytes.len());
            continue;
        }
        cells.push(base + cell_start..base + at);
        cell_start = at + 1;
        i = at + 1;
    }
    cells.push(base + cell_start..base + content.len());
    // Drop the empty pieces outside the outer pipes.
    let t = trim(content);
    let blank = |c: &Range<usize>| trim(&text[c.clone()]).is_empty();
    if t.ends_with('|') && cells.last().is_some_and(blank) {
        cells.pop();
    }
    if t.starts_with('|') && cells.first().is_some_and(blank) {
        cells.remove(0);
    }
    cells
}

fn tokenize<'a>(
    text: &'a str,
    lines: &[Line],
    classes: &[LineClass],
    form: TableForm,
) -> Vec<Token<'a>> {
    // About a row of a few cells per line: sized once rather than grown.
    let mut tokens = Vec::with_capacity(lines.len() * 8);
    // A wrapped-cell prefix waiting for the line that ends it (PipeEnded, TabRows).
    let mut pending: Option<Range<usize>> = None;
    let merge = |pending: &mut Option<Range<usize>>, cell: RawCell<'a>| -> RawCell<'a> {
        match pending.take() {
            Some(p) => {
                let start = content_range(&text[p.clone()], p.start).start;
                let mut joined = strip_bookmarks(trim(&text[p])).into_owned();
                joined.push_str(&cell.text);
                RawCell {
                    range: start..cell.range.end,
                    text: Cow::Owned(joined),
                }
            }
            None => cell,
        }
    };
    let mut last_line_was_value_row = false;
    for (line, class) in lines.iter().zip(classes) {
        let content = &text[line.start..line.content_end];
        match class {
            LineClass::Blank => {
                if form == TableForm::CellPerLine {
                    tokens.push(Token::RowBreak);
                }
            }
            LineClass::Comment => {}
            LineClass::TableLabel => {
                tokens.push(Token::RowBreak);
                let bare = strip_markup(content);
                let start = line.start + (bare.as_ptr() as usize - content.as_ptr() as usize);
                tokens.push(Token::Cell(raw_cell(text, start..start + bare.len())));
                tokens.push(Token::RowBreak);
            }
            LineClass::Text | LineClass::Heading => {
                // A wrapped cell: joins the previous cell (one-cell-per-line forms) or the next.
                let range = line.start..line.content_end;
                let joins_previous = match form {
                    TableForm::CellPerLine => true,
                    TableForm::PipeEnded => false,
                    TableForm::Pipe | TableForm::TabRows => !last_line_was_value_row,
                };
                let previous = tokens.iter_mut().rev().find_map(|t| match t {
                    Token::Cell(c) => Some(c),
                    Token::RowBreak => None,
                });
                match previous {
                    Some(prev) if joins_previous && !prev.text.is_empty() => {
                        let extra = raw_cell(text, range);
                        prev.text.to_mut().push_str(&extra.text);
                        prev.range.end = extra.range.end.max(prev.range.end);
                    }
                    _ => pending = Some(range),
                }
            }
            LineClass::Pipe => {
                let t = trim(content);
                if is_delimiter_row(t) {
                    continue;
                }
                if t.chars().all(|c| c == '|') {
                    // Bar-only line: empty merged cells that end a row.
                    tokens.push(Token::RowBreak);
                    continue;
                }
                if form == TableForm::PipeEnded && !t.starts_with('|') {
                    let cells = pipe_cells(text, line);
                    for c in cells {
                        let cell = raw_cell(text, c);
                        let cell = merge(&mut pending, cell);
                        tokens.push(Token::Cell(cell));
                    }
                    continue;
                }
                tokens.push(Token::RowBreak);
                let cells = pipe_cells(text, line);
                let mut values = 0;
                for (i, c) in cells.into_iter().enumerate() {
                    let cell = raw_cell(text, c);
                    let cell = if i == 0 {
                        merge(&mut pending, cell)
                    } else {
                        cell
                    };
                    if !cell.text.is_empty() && !super::text::is_label_text(&cell.text) {
                        values += 1;
                    }
                    tokens.push(Token::Cell(cell));
                }
                last_line_was_value_row = values > 0;
                tokens.push(Token::RowBreak);
            }
            LineClass::Tab => {
                if form == TableForm::CellPerLine {
                    // One cell per line; a line with several TABs still holds one cell here.
                    let cell = raw_cell(text, line.start..line.content_end);
                    tokens.push(Token::Cell(cell));
                    continue;
                }
                tokens.push(Token::RowBreak);
                let mut start = line.start;
                let mut values = 0;
                let mut first = true;
                for piece in content.split('\t') {
                    let range = start..start + piece.len();
                    start = range.end + 1;
                    let cell = raw_cell(text, range);
                    let cell = if first {
                        merge(&mut pending, cell)
                    } else {
                        cell
                    };
                    first = false;
                    if !cell.text.is_empty() && !super::text::is_label_text(&cell.text) {
                        values += 1;
                    }
                    tokens.push(Token::Cell(cell));
                }
                last_line_was_value_row = values > 0;
                tokens.push(Token::RowBreak);
            }
        }
    }
    if let Some(p) = pending {
        tokens.push(Token::Cell(raw_cell(text, p)));
    }
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        match token {
            Token::Cell(cell) => split_flattened(text, cell, &mut out),
            other => out.push(other),
        }
    }
    out
}

/// PDF extraction sometimes flattens a row into one cell: `一、本年新收… 2 0 0 0 0 0 2` or
/// `0 0 0 0`. Two or more space-separated numbers at the end of a cell are cells of their own.
fn split_flattened<'a>(text: &'a str, cell: RawCell<'a>, out: &mut Vec<Token<'a>>) {
    let written = &text[cell.range.clone()];
    if written != cell.text || !written.contains([' ', '\u{a0}', '\u{3000}']) {
        out.push(Token::Cell(cell));
        return;
    }
    let is_number = |t: &str| {
        let t = t.trim_start_matches(['-', '+']);
        !t.is_empty()
            && t.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && t.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ','))
    };
    // Tokens with their offsets in the cell.
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in written.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                tokens.push((s, &written[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, &written[s..]));
    }
    let numbers = tokens
        .iter()
        .rev()
        .take_while(|(_, t)| is_number(t))
        .count();
    if numbers < 2 {
        out.push(Token::Cell(cell));
        return;
    }
    let first_number = tokens.len() - numbers;
    if first_number > 0 {
        let (_, last_label) = tokens[first_number - 1];
        let end = tokens[first_number - 1].0 + last_label.len();
        out.push(Token::Cell(RawCell {
            text: Cow::Borrowed(&written[..end]),
            range: cell.range.start..cell.range.start + end,
        }));
    }
    for &(offset, token) in &tokens[first_number..] {
        let start = cell.range.start + offset;
        out.push(Token::Cell(RawCell {
            text: Cow::Borrowed(token),
            range: start..start + token.len(),
        }));
    }
}

/// A short label-like word that is no standard label: in a value position it is a broken value.
fn is_stray_word(label: &Label) -> bool {
    label.hits.is_empty() && label.text.chars().count() <= 4
}

/// The cell is a standard row label (the next cell would be its first value).
fn is_row_label(cell: Option<&Cell>) -> bool {
    match cell {
        Some(Cell {
            kind: CellKind::Label(l),
            ..
        }) => {
            let vocabulary = Vocabulary::get();
            l.hits
                .iter()
                .any(|&h| !vocabulary.labels[h as usize].at.role.is_group_or_header())
        }
        _ => false,
    }
}

/// Groups cells into logical rows: a row ends at a break of its text form, or where a label
/// follows a value (real exports do not always mark row ends).
fn assemble_rows(tokens: Vec<Token>, line_starts: &[usize], memo: &mut LabelMemo) -> Vec<Row> {
    let mut rows = Vec::with_capacity(line_starts.len());
    let mut cells: Vec<Cell> = Vec::with_capacity(16);
    // Trailing empty cells stay (they may be blank values); all-empty rows vanish.
    let flush = |cells: &mut Vec<Cell>, rows: &mut Vec<Row>| {
        if cells.iter().any(|c| c.kind != CellKind::Empty) {
            let start = cells.iter().map(|c| c.range.start).min().unwrap_or(0);
            let end = cells.iter().map(|c| c.range.end).max().unwrap_or(start);
            let line = line_starts
                .partition_point(|&s| s <= start)
                .saturating_sub(1);
            let line_start = line_starts.get(line).copied().unwrap_or(0);
            rows.push(Row {
                // The next row likely has as many cells: its buffer is sized for them.
                cells: std::mem::replace(cells, Vec::with_capacity(cells.len())),
                range: start..end,
                line_start,
            });
        } else {
            cells.clear();
        }
    };
    // Kept as the row grows (scanning the row for them at every cell would take time
    // quadratic in its length): whether it holds a value yet, and its last non-empty cell.
    let mut after_value = false;
    let mut last_filled: Option<usize> = None;
    for token in tokens {
        match token {
            Token::RowBreak => {
                flush(&mut cells, &mut rows);
                (after_value, last_filled) = (false, None);
            }
            Token::Cell(raw) => {
                let kind = if raw.text.is_empty() {
                    CellKind::Empty
                } else if super::text::is_label_text(&raw.text) {
                    CellKind::Label(memo.label(&raw.text))
                } else {
                    CellKind::Value(parse_value(&raw.text))
                };
                let kind = match kind {
                    // A short word among the figures (`见附件`, `暂缺`) is a broken value, not
                    // the start of a new row.
                    CellKind::Label(l)
                        if is_stray_word(&l)
                            && (after_value
                                || is_row_label(last_filled.and_then(|i| cells.get(i)))) =>
                    {
                        CellKind::Value(CellValue::Invalid {
                            reason: super::text::InvalidReason::NotANumber,
                            suggestion: None,
                        })
                    }
                    CellKind::Label(l) => {
                        if after_value {
                            flush(&mut cells, &mut rows);
                            (after_value, last_filled) = (false, None);
                        }
                        CellKind::Label(l)
                    }
                    other => other,
                };
                after_value |= matches!(kind, CellKind::Value(_));
                if kind != CellKind::Empty {
                    last_filled = Some(cells.len());
                }
                cells.push(Cell {
                    range: raw.range,
                    kind,
                });
            }
        }
    }
    flush(&mut cells, &mut rows);
    rows
}

#[cfg(test)]
mod tests;
