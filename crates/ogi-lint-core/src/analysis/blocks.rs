//! Splits a document into blocks and parses each block on its own.
//!
//! A block is a heading line, a paragraph, or a table region (all five text forms of spec §7),
//! each with its trailing blank lines, so blocks tile the text. Every offset stored in a block
//! is relative to the block's start, so a block's parse stays valid when text before it moves.
//!
//! **Invariant:** where blocks start depends only on the current block's state, a line, and a
//! few lines after it (the next non-blank line, reached through at most three wrapped-cell
//! lines). `Analysis::apply_change` relies on this to re-segment only around an edit.

// foldhash: the keys are short strings looked up for every label; SipHash cost more than the
// lookups themselves. Seeded per process, so crafted labels cannot force collisions.
use foldhash::HashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::prose::{self, Statements};
use super::template::{TableKind, Vocabulary, Votes};
use super::text::{is_label_text, is_space, more_chars_than, normalize_label, trim, CellValue};

mod headings;
mod signals;
mod table;

use headings::{
    article_item_re, is_heading, parse_bare_title, parse_heading, strip_markup, BareLine, NUMERALS,
};
use signals::{contains, signals, Wanted, Word};
use table::parse_table;

pub use signals::{topic_words, Mention, MentionKind, Signals};

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
    /// A heading or text block of one short line, read as a table label: the heading of a
    /// row group whose figures stand in a small table of their own (`（三）不予公开` above a
    /// table of its rows, spec §7, layout 8). A row of one label cell.
    pub label_line: Option<Box<LabelLine>>,
    /// Lines of a text block that read as a table row — a standard row label followed by two
    /// or more figures separated by spaces (`一、本年新收政府信息公开申请数量  7  4  0 …`, PDF
    /// text laid out with spaces) — with the table the label belongs to. Such text is not
    /// read as a table, but it tells that the table is there.
    pub row_lines: Vec<RowLine>,
    /// What a paragraph states about applications, reviews and lawsuits (figures with
    /// block-relative ranges, `prose::claims`); empty for headings and tables, whose figures
    /// are not statements. The model keeps the ones in the sections that state them. Boxed,
    /// and only when there are some: most blocks state nothing, and a document has as many
    /// blocks as paragraphs.
    pub statements: Option<Box<Statements>>,
}

/// A line of text that reads as a row of a standard table (see [`Block::row_lines`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RowLine {
    /// The line's index in the block.
    pub line: u32,
    /// The line's content (block-relative).
    pub range: Range<usize>,
    pub table: TableKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// Only blank lines or comments.
    Blank,
    // Boxed: most blocks of a long document are paragraphs, and a block's size is paid for
    // every one of them (the peak memory of a large document).
    Heading(Box<Heading>),
    Text,
    Table(Box<TableBlock>),
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
    /// Borrowed when it is the standard `、` (most headings), so that it costs no allocation.
    pub separator: Cow<'static, str>,
    /// The title after the separator, as written.
    pub title: String,
    pub title_range: Range<usize>,
    /// Shared with the label memo (and the other headings of the same title): most reports
    /// write the standard titles, read once.
    pub wording: Arc<TitleWording>,
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
    /// The cells of every row, row after row (see [`TableBlock::cells`]): one list per table
    /// rather than one per row, as a table has many short rows.
    pub cells: Vec<Cell>,
    pub rows: Vec<Row>,
    /// Exact standard-label hits, per edition and table kind.
    pub votes: Votes,
    /// For one-row-per-line forms, the usual number of cells in a row with values (0 for the
    /// one-cell-per-line forms, where rows have no fixed width).
    pub width: usize,
    /// For one-row-per-line forms, positions among a value row's figures (counted from the
    /// row's end: 0 is its last cell) that are empty in every value row with the usual
    /// number of figures, ascending: a grid made by Word's HTML, where a merged header cell
    /// leaves an empty position in each row below it (spec §7, layout 2). A position empty in
    /// every value row is no column.
    pub empty_columns: Vec<usize>,
    /// For one-row-per-line forms, the usual number of cells after a value row's labels.
    pub figures_width: usize,
}

/// A logical row: label cells (the row's label path) then value cells, with empty cells kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Where its cells are in the list it was read with ([`TableBlock::cells`], or
    /// [`LabelLine::cells`]).
    pub cells: Range<usize>,
    /// From the first cell's start to the last cell's end.
    pub range: Range<usize>,
    /// Start of the line the row begins on (where a row inserted before it goes).
    pub line_start: usize,
    /// That line's index in the block (0 for the block's first line).
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's content without surrounding space or bookmark residue.
    pub range: Range<usize>,
    pub kind: CellKind,
    /// A label written in parts with the row's figures between them (PDF text: figures on
    /// the first line of a label split over lines). `range` covers its first part only, so
    /// the label cannot be replaced as a whole.
    pub interrupted: bool,
}

// A tag byte of its own, as `CellValue` has: left to itself the compiler folds both tags into
// the capacity of a value's `written` string, and every match on a cell (reading it, dropping
// it) then decodes them with a few arithmetic steps. A cell is 8 bytes larger (88).
#[derive(Debug, Clone, PartialEq)]
#[repr(u8)]
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

/// A heading or text line read as a table label (see [`Block::label_line`]): a row of one
/// label cell.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelLine {
    /// Its `cells` are `0..1`, the one cell of [`LabelLine::cells`].
    pub row: Row,
    pub cell: Cell,
}

impl LabelLine {
    /// The row's cells (its one label).
    pub fn cells(&self) -> &[Cell] {
        std::slice::from_ref(&self.cell)
    }
}

impl TableBlock {
    /// The cells of `row`, one of this table's rows.
    pub fn cells(&self, row: &Row) -> &[Cell] {
        self.cells.get(row.cells.clone()).unwrap_or_default()
    }
}

/// The label cells of a row's `cells`, with their labels.
pub fn labels(cells: &[Cell]) -> impl Iterator<Item = (&Cell, &Label)> {
    cells.iter().filter_map(|c| match &c.kind {
        CellKind::Label(l) => Some((c, &**l)),
        _ => None,
    })
}

/// A row's `cells` hold a value.
pub fn has_values(cells: &[Cell]) -> bool {
    cells.iter().any(|c| matches!(c.kind, CellKind::Value(_)))
}

// ---------------------------------------------------------------------------------------------
// Segmentation.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineClass {
    Blank,
    Comment,
    /// A page-number line of a PDF or printed export (`— 6 —`, `第 6 页`, `6/12`, a form
    /// feed): no content, so a table broken by the page runs on past it (spec §7, layout 7).
    PageMark,
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
    /// Lines that are not content (comments, page numbers): segmentation passes over them.
    fn is_aside(self) -> bool {
        matches!(self, LineClass::Comment | LineClass::PageMark)
    }

    /// Blank or not content.
    fn is_empty(self) -> bool {
        self == LineClass::Blank || self.is_aside()
    }

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
    // Most texts hold no `\r` (told in one quick pass): their lines end at each `\n`, found
    // by a search for the one byte.
    if memchr::memchr(b'\r', bytes).is_none() {
        for i in memchr::memchr_iter(b'\n', bytes) {
            lines.push(Line {
                start,
                end: i + 1,
                content_end: i,
            });
            start = i + 1;
        }
    } else {
        split_lines_with_cr(bytes, &mut lines, &mut start);
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

/// [`split_lines`] of a text with a `\r`: lines end at `\n`, `\r\n` or a lone `\r`.
fn split_lines_with_cr(bytes: &[u8], lines: &mut Vec<Line>, start: &mut usize) {
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < *start {
            // The `\n` of a `\r\n` already handled.
            continue;
        }
        let end = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
        lines.push(Line {
            start: *start,
            end,
            content_end: i,
        });
        *start = end;
    }
}

fn classify(line: &str) -> LineClass {
    // Runs on every line of every document: cheap byte tests decide most lines.
    if line.is_empty() {
        return LineClass::Blank;
    }
    let Marks {
        tab: has_tab,
        bar: has_bar,
        lt: has_lt,
    } = marks(line.as_bytes());
    // A line with a TAB is a TAB line unless it is a comment (which needs a `<`) or a pipe
    // line (which needs a bar): most lines of TAB tables, told without trimming them.
    if has_tab && !has_bar && !has_lt {
        return LineClass::Tab;
    }
    let t = trim(line);
    if t.is_empty() {
        return if has_tab {
            LineClass::Tab
        } else if line.contains('\u{c}') {
            LineClass::PageMark
        } else {
            LineClass::Blank
        };
    }
    if has_lt && t.starts_with("<!--") && t.ends_with("-->") {
        return LineClass::Comment;
    }
    if !has_tab && is_page_mark(t) {
        return LineClass::PageMark;
    }
    // Each of these needs a bar.
    if has_bar
        && (t.starts_with('|') || t.ends_with('|') || is_delimiter_row(t) || is_bare_pipe_row(t))
    {
        return LineClass::Pipe;
    }
    if has_tab {
        return LineClass::Tab;
    }
    // After its markup, a table label starts with 第 and a heading with a numeral: a line
    // that starts with neither and with no markup (`#`, `*`, `_`, `~`, a tag) is text, told
    // without stripping.
    if !t.starts_with(|c: char| {
        matches!(c, '#' | '*' | '_' | '~' | '<' | '第') || NUMERALS.contains(&c)
    }) {
        return LineClass::Text;
    }
    // `t` is trimmed: what `strip_markup` gives of a line that starts with no markup.
    let bare = if matches!(t.as_bytes().first(), Some(b'#' | b'*' | b'_' | b'~' | b'<')) {
        strip_markup(t)
    } else {
        t
    };
    if bare.starts_with('第')
        && bare.contains('条')
        && bare.contains('项')
        && article_item_re().is_match(bare)
        && !more_chars_than(bare, 20)
    {
        return LineClass::TableLabel;
    }
    // Every numbered heading starts with a Chinese numeral.
    // `bare` is what `parse_heading` strips the line to (`t` is the line trimmed).
    if bare.starts_with(NUMERALS) && is_heading(bare) {
        return LineClass::Heading;
    }
    LineClass::Text
}

/// Which of the bytes that decide most classes a line holds.
struct Marks {
    tab: bool,
    bar: bool,
    lt: bool,
}

/// [`Marks`] of `line`: one pass without an early exit, 16 bytes at a time (so it runs on
/// vectors: most lines are short, where a search's setup costs more than the pass). A line's
/// last bytes are read as the 16 that end it, again in part, rather than one by one: with
/// lines of a few dozen bytes, the bytes after the last whole 16 cost more read singly than
/// the rest of the line did.
fn marks(line: &[u8]) -> Marks {
    let scalar = |bytes: &[u8]| {
        let mut marks = Marks {
            tab: false,
            bar: false,
            lt: false,
        };
        for &b in bytes {
            marks.tab |= b == b'\t';
            marks.bar |= b == b'|';
            marks.lt |= b == b'<';
        }
        marks
    };
    if line.len() < 16 {
        return scalar(line);
    }
    let (mut tab, mut bar, mut lt) = ([false; 16], [false; 16], [false; 16]);
    let mut add = |chunk: &[u8; 16]| {
        for i in 0..16 {
            tab[i] |= chunk[i] == b'\t';
            bar[i] |= chunk[i] == b'|';
            lt[i] |= chunk[i] == b'<';
        }
    };
    let mut chunks = line.chunks_exact(16);
    for chunk in &mut chunks {
        if let Ok(chunk) = chunk.try_into() {
            add(chunk);
        }
    }
    if !chunks.remainder().is_empty() {
        if let Some(Ok(last)) = line.get(line.len() - 16..).map(<&[u8; 16]>::try_from) {
            add(last);
        }
    }
    Marks {
        tab: tab.iter().any(|&b| b),
        bar: bar.iter().any(|&b| b),
        lt: lt.iter().any(|&b| b),
    }
}

/// A page number on a line of its own: `— 6 —`, `- 6 -`, `第 6 页`, `第6页 共12页`, `6/12`.
fn is_page_mark(t: &str) -> bool {
    // Most lines are long, or start with a character no form starts with (a dash, 第, 共 or a
    // digit of any script): decided from their first character, without reading them further.
    if t.len() > 40
        || !t.starts_with(|c: char| {
            c.is_ascii_digit()
                || is_page_dash(c)
                || c == '第'
                || c == '共'
                || is_numeric_beyond_ascii(c)
        })
    {
        return false;
    }
    // The forms' figures are decimal digits of any script (`\d` of `page_mark_re`: a page
    // number pasted from WPS may be `— ６ —`). Every such digit is numeric, so a line without
    // a numeric character beyond ASCII has only ASCII digits and is read by hand, without
    // compiling and running the regex (its Unicode classes cost more to build than the whole
    // segmentation of a report); without an ASCII digit either, it holds no figure.
    if t.chars().any(is_numeric_beyond_ascii) {
        return page_mark_re().is_match(t);
    }
    t.bytes().any(|b| b.is_ascii_digit()) && is_ascii_page_mark(t)
}

/// The page-number forms, for lines with figures in any script.
fn page_mark_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:[-—–－―─‒]+\s*\d{1,4}\s*[-—–－―─‒]+|第\s*\d{1,4}\s*页(?:\s*[，,/、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[，,/、]?\s*第\s*\d{1,4}\s*页|\d{1,4}\s*[/／]\s*\d{1,4})$",
        )
        .expect("static regex")
    })
}

/// A numeric character that is not ASCII (a digit of another script). No CJK ideograph is
/// one: most characters are told without the Unicode tables.
fn is_numeric_beyond_ascii(c: char) -> bool {
    !c.is_ascii() && !('\u{4e00}'..='\u{9fff}').contains(&c) && c.is_numeric()
}

/// The dashes around a page number (`[-—–－―─‒]` of [`page_mark_re`]).
fn is_page_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '－' | '―' | '─' | '‒')
}

/// [`page_mark_re`] on a line whose only digits are ASCII. Read left to right without going
/// back: each part of a form is followed by a character it cannot hold (a run of digits by
/// a space, a dash, `页` or a slash; spaces by something else), so the longest run is the
/// only one a match can take. `\s` is `char::is_whitespace` (both are Unicode's White_Space).
fn is_ascii_page_mark(t: &str) -> bool {
    let is_dash = is_page_dash;
    let is_list_mark = |c: char| matches!(c, '，' | ',' | '/' | '、');
    let mut rest = t;
    let spaces = |rest: &mut &str| *rest = rest.trim_start_matches(char::is_whitespace);
    // One to four digits (`\d{1,4}`).
    let figure = |rest: &mut &str| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        *rest = &rest[digits..];
        (1..=4).contains(&digits)
    };
    let one = |rest: &mut &str, wanted: &dyn Fn(char) -> bool| match rest.chars().next() {
        Some(c) if wanted(c) => {
            *rest = &rest[c.len_utf8()..];
            true
        }
        _ => false,
    };
    // `\s*\d{1,4}\s*页`
    let page = |rest: &mut &str| {
        spaces(rest);
        let found = figure(rest);
        spaces(rest);
        found && one(rest, &|c| c == '页')
    };
    // `\s*[，,/、]?\s*`
    let list_mark = |rest: &mut &str| {
        spaces(rest);
        one(rest, &is_list_mark);
        spaces(rest);
    };
    let form = match t.chars().next() {
        Some(c) if is_dash(c) => {
            rest = rest.trim_start_matches(is_dash);
            spaces(&mut rest);
            let found = figure(&mut rest);
            spaces(&mut rest);
            let before = rest.len();
            rest = rest.trim_start_matches(is_dash);
            found && rest.len() < before
        }
        Some('第') => {
            one(&mut rest, &|c| c == '第')
                && page(&mut rest)
                && (rest.is_empty() || {
                    list_mark(&mut rest);
                    one(&mut rest, &|c| c == '共') && page(&mut rest)
                })
        }
        Some('共') => {
            one(&mut rest, &|c| c == '共') && page(&mut rest) && {
                list_mark(&mut rest);
                one(&mut rest, &|c| c == '第') && page(&mut rest)
            }
        }
        Some(c) if c.is_ascii_digit() => {
            figure(&mut rest)
                && {
                    spaces(&mut rest);
                    one(&mut rest, &|c| matches!(c, '/' | '／'))
                }
                && {
                    spaces(&mut rest);
                    figure(&mut rest)
                }
        }
        _ => false,
    };
    form && rest.is_empty()
}

/// A GFM row (`| a | b |`), a pipe row without outer pipes (`规章 | 0 | 0`) or a
/// TAB-separated row with two or more filled cells.
fn is_whole_row(line: &str, class: LineClass) -> bool {
    match class {
        LineClass::Pipe => {
            let t = trim(line);
            (t.starts_with('|') || inner_bars(t) > 0) && t.chars().any(|c| c != '|' && !is_space(c))
        }
        LineClass::Tab => has_two_filled_tab_cells(line),
        _ => false,
    }
}

/// Whether two of the TAB-separated cells of `line` hold something besides spaces. Asked of
/// the rows around each blank line of a TAB table: a cell is told filled at its first
/// character that is not a space and then skipped to its TAB, rather than each cell split
/// off and trimmed.
fn has_two_filled_tab_cells(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut filled = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\t' {
            i += 1;
            continue;
        }
        // The first character of a cell, or a space before it.
        let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if is_space(c) {
            i += c.len_utf8();
            continue;
        }
        filled += 1;
        if filled == 2 {
            return true;
        }
        // On to the next cell.
        match bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\t'))
        {
            Some(tab) => i += tab + 1,
            None => return false,
        }
    }
    false
}

/// The unescaped `|` of a trimmed line that are not its first or last character: the
/// separators between cells.
fn inner_bars(t: &str) -> usize {
    let bytes = t.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while let Some(found) = memchr::memchr2(b'|', b'\\', &bytes[i..]) {
        let at = i + found;
        if bytes[at] == b'\\' {
            i = (at + 2).min(bytes.len());
            continue;
        }
        if at > 0 && at + 1 < bytes.len() {
            n += 1;
        }
        i = at + 1;
    }
    n
}

/// A pipe row without outer pipes and without a `|---|` row (spec §7, layout 6): two or more
/// separators between short cells (`规章 | 0 | 0 | 0`, `信息内容 | 本年制发件数 | …`), or one
/// separator before a figure (`行政许可 | 486`). Prose has no such lines.
fn is_bare_pipe_row(t: &str) -> bool {
    if memchr::memchr(b'|', t.as_bytes()).is_none() {
        return false;
    }
    let bars = inner_bars(t);
    if bars == 0 {
        return false;
    }
    let cells = || t.split('|').map(trim);
    if cells().any(|c| more_chars_than(c, 40) || c.contains('。')) {
        return false;
    }
    bars >= 2
        || cells().any(|c| {
            !c.is_empty() && !is_label_text(c) && c.contains(|ch: char| ch.is_ascii_digit())
        })
}

fn is_delimiter_row(t: &str) -> bool {
    // The character test first: it stops at a row's first letter or figure, where the
    // searches for `-` and `|` would read the whole row.
    t.starts_with(['|', '-', ':', ' ', '\t'])
        && t.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
        && t.contains('-')
        && t.contains('|')
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
    !more_chars_than(trim(line), 40) && !has_full_stop(line)
}

/// Whether `line` holds `。`: found by its first byte (E3, shared only by the characters
/// U+3000..=U+3FFF, which are rare in a report), without the setup of a substring search.
fn has_full_stop(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr_iter(0xE3, bytes).any(|i| {
        bytes
            .get(i..)
            .unwrap_or_default()
            .starts_with("。".as_bytes())
    })
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
    /// Every line of the text, each relative to its block's start (as a block is parsed):
    /// rebased once rather than copied for each block.
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
        let mut lines = lines;
        for (bytes, line_range) in &blocks {
            let base = bytes.start;
            for l in lines.get_mut(line_range.clone()).unwrap_or_default() {
                l.start -= base;
                l.end -= base;
                l.content_end -= base;
            }
        }
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
        parse_lines(
            &text[bytes.clone()],
            &self.lines[line_range.clone()],
            &self.classes[line_range.clone()],
            memo,
        )
    }

    /// [`Segmentation::signals_with`] with a buffer of its own (tests).
    #[cfg(test)]
    pub fn signals(&self, text: &str, i: usize) -> BlockSignals {
        self.signals_with(text, i, &mut Vec::new())
    }

    /// What [`Segmentation::parse`] gives of block `i` for the report's identity
    /// ([`BlockSignals`]), without reading its tables, headings and statements, nor the
    /// prose's other signals. The block's lines are put in `lines`, a buffer kept from block
    /// to block: a file's head is read for its identity block by block, and a list allocated
    /// for each block cost more than reading most of them.
    pub fn signals_with(&self, text: &str, i: usize, lines: &mut Vec<Line>) -> BlockSignals {
        let Some((bytes, line_range)) = self.blocks.get(i) else {
            return BlockSignals::default();
        };
        self.block_lines_into(i, lines);
        let classes = &self.classes[line_range.clone()];
        let text = &text[bytes.clone()];
        BlockSignals {
            len: text.len(),
            lines: lines.len() as u32,
            blank: first_content(classes).is_none(),
            last_line_start: last_content(lines, classes).map_or(0, |l| l.start),
            mentions: block_signals(text, lines, classes, Wanted::Identity).mentions,
        }
    }

    /// The lines of block `i`, block-relative, into `lines` (emptied first).
    fn block_lines_into(&self, i: usize, lines: &mut Vec<Line>) {
        lines.clear();
        if let Some((_, line_range)) = self.blocks.get(i) {
            lines.extend_from_slice(self.lines.get(line_range.clone()).unwrap_or_default());
        }
    }
}

/// The part of a [`Block`] that the report's identity is read from (the title and period
/// mentions of its [`Block::signals`], and where its lines stand), as
/// [`Segmentation::signals_with`] reads it: the same fields, without the cost of reading the
/// block's tables and statements and the rest of its signals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockSignals {
    /// [`Block::len`].
    pub len: usize,
    /// [`Block::lines`].
    pub lines: u32,
    /// The block is [`BlockKind::Blank`].
    pub blank: bool,
    /// [`Block::last_line_start`].
    pub last_line_start: usize,
    /// The mentions of kinds [`MentionKind::TitleLine`], [`MentionKind::SplitTitle`] and
    /// [`MentionKind::Period`] of [`Block::signals`], in text order; no other kind.
    pub mentions: Vec<Mention>,
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
    /// Normalised text → its highest similarity to a standard label (the fuzzy test of a
    /// label split over two rows, `table::continues_label`).
    similarities: HashMap<String, f32>,
}

/// A heading title's normalised form and its similarities to the section titles.
#[derive(Debug, PartialEq)]
pub struct TitleWording {
    pub norm: String,
    /// Similarity of the title to the standard labels (see [`Vocabulary::similar`]).
    pub fuzzy: Vec<(u16, f32)>,
}

/// Entries kept before a memo starts over (bounds memory on a stream of distinct labels).
const MEMO_CAPACITY: usize = 20_000;

impl LabelMemo {
    fn label(&mut self, text: &str) -> Arc<Label> {
        match self.labels.get(text) {
            Some(label) => Arc::clone(label),
            None => self.read_new_label(text),
        }
    }

    // Out of line: nearly every label of a folder is already known, and the rarely taken
    // reading (normalising, fuzzy matching, inserting) made each lookup save and restore the
    // registers it needs.
    #[cold]
    #[inline(never)]
    fn read_new_label(&mut self, text: &str) -> Arc<Label> {
        if self.labels.len() >= MEMO_CAPACITY {
            self.labels.clear();
        }
        let label = Arc::new(read_label(text.to_string()));
        self.labels.insert(label.text.clone(), Arc::clone(&label));
        label
    }

    fn best_similarity(&mut self, norm: &str) -> f32 {
        if let Some(&best) = self.similarities.get(norm) {
            return best;
        }
        if self.similarities.len() >= MEMO_CAPACITY {
            self.similarities.clear();
        }
        let best = table::best_similarity(norm);
        self.similarities.insert(norm.to_string(), best);
        best
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

/// The first non-blank line after a line. Asked only of lines in or just after a table, so
/// found when asked rather than listed for every line; the last answer is kept (the first
/// non-blank line at or after `from`), so that the lines of a run of blank lines asking in
/// turn cost one search of the run.
struct NextContent<'a> {
    classes: &'a [LineClass],
    /// `(from, next)`: `next` is the first non-blank line at or after line `from`.
    found: std::cell::Cell<(usize, Option<usize>)>,
}

impl<'a> NextContent<'a> {
    fn new(classes: &'a [LineClass]) -> Self {
        NextContent {
            classes,
            // Nothing found yet: no line asks from beyond the last.
            found: std::cell::Cell::new((usize::MAX, None)),
        }
    }

    fn after(&self, i: usize) -> Option<usize> {
        let (from, next) = self.found.get();
        if from <= i + 1 && next.is_none_or(|j| j > i) {
            return next;
        }
        let next = (i + 1..self.classes.len()).find(|&j| !self.classes[j].is_empty());
        self.found.set((i + 1, next));
        next
    }
}

/// Groups classified lines into blocks: each block's byte range (the ranges tile `text`) and
/// range of line indices.
fn segment_lines(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
) -> Vec<(Range<usize>, Range<usize>)> {
    let next_content = NextContent::new(classes);
    let next_nonblank_line = |i: usize| next_content.after(i);
    let next_nonblank = |i: usize| next_nonblank_line(i).map(|j| classes[j]);

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
            Some(c) if c.is_empty() => next_nonblank(j),
            Some(c) => Some(*c),
        }
    };
    // Sized for the usual few lines per block rather than grown, and for the few blocks of a
    // short text (a file's head, read for its identity, has a block for every two lines or so).
    let mut blocks = Vec::with_capacity(lines.len() / 8 + 8);
    let mut block_start = 0;
    let mut block_first_line = 0;
    let mut state = State::Start;
    // Whether the current block has ended its content and only collects blank lines.
    let mut closed = false;
    // The last non-blank line.
    let mut last_content_line = None;
    // The last table line, and the text of the lines that continued its last label so far (a
    // PDF label split over lines after its figures: `\t四、结转下 1 0 0` / `年度继续办理`). The
    // label is read from the table line only when a text line follows it. One buffer for the
    // tails of every label.
    let mut open_label: Option<usize> = None;
    let mut label_tail_text = String::new();
    for (i, line) in lines.iter().enumerate() {
        let class = classes[i];
        match class {
            LineClass::Comment | LineClass::PageMark => continue,
            LineClass::Blank => {
                open_label = None;
                // Blank lines inside a table continue it only if more table follows.
                if state != State::Table
                    || !next_nonblank(i).is_some_and(LineClass::is_table)
                    || (last_content_line.is_some_and(whole_row)
                        && next_nonblank_line(i).is_some_and(whole_row))
                {
                    closed = true;
                }
                continue;
            }
            _ => {}
        }
        last_content_line = Some(i);
        // Read only inside a table (most lines are not).
        let content = || &text[line.start..line.content_end];
        let ends_label = || {
            class == LineClass::Text
                && is_short(content())
                && open_label.is_some_and(|j| {
                    let row = &text[lines[j].start..lines[j].content_end];
                    table::last_label(row).is_some_and(|label| {
                        table::continues_label(
                            &format!("{label}{label_tail_text}"),
                            table::label_part(content()),
                        )
                    })
                })
        };
        let mut label_tail = false;
        let continues = !closed
            && match state {
                State::Start | State::Heading => false,
                State::Table => {
                    class.is_table()
                        || is_continuation(content(), class, after_wrap(i))
                        || (class == LineClass::Heading
                            && classes.get(i + 1).is_some_and(|c| c.is_table())
                            && is_wrapped_row_label(content()))
                        || {
                            label_tail = ends_label();
                            label_tail
                        }
                        || (class == LineClass::Text && table::is_figures_line(content()))
                }
                State::Text => class == LineClass::Text,
            };
        match class {
            LineClass::Tab | LineClass::Pipe => {
                open_label = Some(i);
                label_tail_text.clear();
            }
            // `ends_label` held, so a label is open.
            _ if label_tail => label_tail_text.push_str(table::label_part(content())),
            _ => open_label = None,
        }
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

// ---------------------------------------------------------------------------------------------
// Parsing one block (headings: `headings.rs`; prose signals: `signals.rs`; tables: `table.rs`).

/// Parses the text of one block (as produced by [`Segmentation`]).
pub fn parse_block(text: &str, memo: &mut LabelMemo) -> Block {
    let lines = split_lines(text);
    let classes: Vec<LineClass> = lines
        .iter()
        .map(|l| classify(&text[l.start..l.content_end]))
        .collect();
    parse_lines(text, &lines, &classes, memo)
}

/// What the prose of a block says ([`Signals`]), as much as `wanted`; a table says nothing
/// about the report year or the section topics.
fn block_signals(text: &str, lines: &[Line], classes: &[LineClass], wanted: Wanted) -> Signals {
    match first_content(classes).and_then(|i| classes.get(i)) {
        Some(c) if c.is_table() => Signals {
            mentions_ogi: wanted == Wanted::All && contains(text, Word::Ogi),
            ..Signals::default()
        },
        _ => signals(text, lines, wanted),
    }
}

/// The block's first line that is neither blank nor an aside (a comment, a page number).
fn first_content(classes: &[LineClass]) -> Option<usize> {
    classes.iter().position(|c| !c.is_empty())
}

/// The block's last line that is not blank.
fn last_content<'a>(lines: &'a [Line], classes: &[LineClass]) -> Option<&'a Line> {
    lines
        .iter()
        .zip(classes)
        .rev()
        .find(|(_, c)| !matches!(c, LineClass::Blank))
        .map(|(l, _)| l)
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
    let signals = block_signals(text, lines, classes, Wanted::All);
    let last_content = last_content(lines, classes);
    let first = first_content(classes);
    // A heading or text block's first line may be a table label (`label_line`).
    let (kind, label_line) = match first.map(|i| (i, classes[i])) {
        None => (BlockKind::Blank, None),
        Some((_, c)) if c.is_table() => (
            BlockKind::Table(Box::new(parse_table(text, lines, classes, memo))),
            None,
        ),
        Some((i, LineClass::Heading)) => {
            let line = &lines[i];
            let bare = BareLine::of(&text[line.start..line.content_end], line.start);
            let kind = match parse_heading(bare, memo) {
                Some(h) => BlockKind::Heading(Box::new(h)),
                None => BlockKind::Text,
            };
            (kind, read_label_line(classes, i, line, bare, memo))
        }
        Some((i, _)) => {
            let line = &lines[i];
            let bare = BareLine::of(&text[line.start..line.content_end], line.start);
            // Read first: a line that is a label is a bare title when its label is a section
            // title, told without normalising the line again.
            let label_line = read_label_line(classes, i, line, bare, memo);
            let only_line = classes[i + 1..].iter().all(|c| c.is_empty());
            let label = label_line.as_deref().and_then(|l| match &l.cell.kind {
                CellKind::Label(label) => Some(&**label),
                _ => None,
            });
            let kind = match only_line.then(|| parse_bare_title(bare, label)).flatten() {
                Some(h) => BlockKind::Heading(Box::new(h)),
                None => BlockKind::Text,
            };
            (kind, label_line)
        }
    };
    let row_lines = match kind {
        BlockKind::Text => read_row_lines(text, lines, memo),
        _ => Vec::new(),
    };
    let statements = match kind {
        BlockKind::Text => Some(prose::claims(text))
            .filter(|s| !s.is_empty())
            .map(Box::new),
        _ => None,
    };
    Block {
        len: text.len(),
        lines: lines.len() as u32,
        label_line,
        row_lines,
        statements,
        kind,
        signals,
        directives,
        crlf: lines.iter().any(|l| l.end - l.content_end == 2),
        content_end: last_content.map_or(0, |l| l.content_end),
        last_line_start: last_content.map_or(0, |l| l.start),
        first_line_end: lines.first().map_or(0, |l| l.end),
    }
}

/// The block's only content line `first` as a row of one label, if it is short enough to
/// be a table label.
fn read_label_line(
    classes: &[LineClass],
    first: usize,
    line: &Line,
    bare: BareLine,
    memo: &mut LabelMemo,
) -> Option<Box<LabelLine>> {
    if !classes.get(first + 1..)?.iter().all(|c| c.is_empty()) {
        return None;
    }
    let BareLine { text: bare, start } = bare;
    if more_chars_than(bare, 60) || bare.contains('。') || !is_label_text(bare) {
        return None;
    }
    let range = start..start + bare.len();
    Some(Box::new(LabelLine {
        cell: Cell {
            range: range.clone(),
            kind: CellKind::Label(memo.label(bare)),
            interrupted: false,
        },
        row: Row {
            cells: 0..1,
            range,
            line_start: line.start,
            line: first as u32,
        },
    }))
}

/// The lines of a text block that read as rows of a standard table.
fn read_row_lines(text: &str, lines: &[Line], memo: &mut LabelMemo) -> Vec<RowLine> {
    let vocabulary = Vocabulary::get();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let content = &text[line.start..line.content_end];
        // Most prose lines end in punctuation: decided without reading a label.
        if content.len() > 300 || !content.ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let label = table::label_part(content);
        if label.len() == trim(content).len() {
            continue;
        }
        // The row's own label: the last of its label cells (`三、本年度办理结果  （一）予以公开`).
        let own = label
            .split("  ")
            .map(trim)
            .filter(|cell| !cell.is_empty())
            .last()
            .unwrap_or(label);
        if !is_label_text(own) || more_chars_than(own, 60) {
            continue;
        }
        let read = memo.label(own);
        let table = read.hits.iter().find_map(|&h| {
            let at = vocabulary.labels.get(h as usize)?.at;
            matches!(
                at.role,
                super::template::Role::ApplicationsRow(_) | super::template::Role::ActiveRow { .. }
            )
            .then(|| at.role.table())
            .flatten()
        });
        if let Some(table) = table {
            out.push(RowLine {
                line: i as u32,
                range: line.start..line.content_end,
                table,
            });
        }
    }
    out
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

#[cfg(test)]
mod tests;
