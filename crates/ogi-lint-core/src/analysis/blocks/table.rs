//! Parses a table block: decides its text form, reads the lines into cell tokens (one reader per
//! form, in `table/`), and groups the cells into logical rows.

use std::borrow::Cow;
use std::ops::Range;

use super::{
    has_values, inner_bars, is_delimiter_row, labels, Cell, CellKind, Label, LabelMemo, Line,
    LineClass, Row, TableBlock, TableForm,
};
use crate::analysis::template::{Vocabulary, Votes};
use crate::analysis::text::{
    cell_text, inside_markup, is_label_text, is_space, is_trimmed_label_text, normalize_label,
    parse_digits, parse_value, trim, CellValue,
};

mod cell_per_line;
mod pipe_ended;
mod row_per_line;

/// A cell before row assembly.
struct RawCell<'a> {
    range: Range<usize>,
    /// A label continued after the row's figures (see [`Cell::interrupted`]).
    interrupted: bool,
    /// The cell's text without bookmark residue; a wrapped cell's lines joined (owned only
    /// then, or when residue was removed).
    text: Cow<'a, str>,
    /// The text is a label (not empty, and [`is_label_text`]): decided once per text, as the
    /// readers and the row assembly all ask it.
    label: bool,
    /// Known to hold no space, so [`split_figures`] leaves it whole (told by the pass that
    /// read it; `false` when not known).
    whole: bool,
    /// Known to be plain ASCII digits, a figure [`parse_digits`] reads (told by the pass that
    /// read it; `false` when not known).
    digits: bool,
}

impl<'a> RawCell<'a> {
    fn new(range: Range<usize>, text: Cow<'a, str>, interrupted: bool) -> RawCell<'a> {
        let label = !text.is_empty() && is_label_text(&text);
        RawCell {
            range,
            interrupted,
            text,
            label,
            whole: false,
            digits: false,
        }
    }

    /// Appends `part` (the rest of a wrapped cell) to the text.
    fn append(&mut self, part: &str) {
        match &mut self.text {
            // Sized for both parts at once (a copy of the first part would grow at once).
            Cow::Borrowed(text) => {
                let mut joined = String::with_capacity(text.len() + part.len());
                joined.push_str(text);
                joined.push_str(part);
                self.text = Cow::Owned(joined);
            }
            Cow::Owned(text) => text.push_str(part),
        }
        self.label = !self.text.is_empty() && is_label_text(&self.text);
        self.whole = false;
        self.digits = false;
    }
}

/// A cell split by [`split_figures`]: its label part, if any, and its figures.
type Split<'a> = (Option<RawCell<'a>>, Vec<RawCell<'a>>);

enum Token<'a> {
    Cell(RawCell<'a>),
    RowBreak,
}

/// What a `|` line of a table is, told once when the table's form is decided (which trims it
/// and tests it for a delimiter row anyway) and used again by the readers.
#[derive(Clone, Copy)]
enum PipeLine {
    /// `|---|---|`: says nothing.
    Delimiter,
    /// Bars only (`||||`, or nothing once trimmed): empty merged cells that end a row.
    Bars,
    /// Cells; `whole_row` when the trimmed line starts with a bar or has one between cells
    /// (`| a | b |`, `a | b`), not only a closing one (`规章 |`).
    Cells { whole_row: bool },
}

pub(super) fn parse_table(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
    memo: &mut LabelMemo,
) -> TableBlock {
    // One list of what each line is for every table of the thread (not one per table).
    thread_local! {
        static PIPE_LINES: std::cell::Cell<Vec<PipeLine>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut pipe_lines = PIPE_LINES.take();
    let (form, outer_pipes) = table_form_into(text, lines, classes, &mut pipe_lines);
    let (cells, rows) = read_rows(text, lines, classes, &pipe_lines, form, outer_pipes, memo);
    PIPE_LINES.set(pipe_lines);
    let vocabulary = Vocabulary::get();
    let mut votes = Votes::default();
    // Every row's labels: the cells of all rows, in one list.
    for (_, label) in labels(&cells).filter(|(_, l)| !l.hits.is_empty()) {
        // A label without hits has no vote.
        votes.count(vocabulary, &label.hits);
    }
    let row_cells = |row: &Row| cells.get(row.cells.clone()).unwrap_or_default();
    let width = match form {
        TableForm::Pipe | TableForm::TabRows => {
            let value_rows = rows.iter().filter(|r| has_values(row_cells(r)));
            most_common(value_rows.map(|row| row.cells.len())).unwrap_or(0)
        }
        TableForm::CellPerLine | TableForm::PipeEnded => 0,
    };
    let (empty_columns, figures_width) = match form {
        TableForm::Pipe | TableForm::TabRows => empty_columns(rows.iter().map(row_cells)),
        TableForm::CellPerLine | TableForm::PipeEnded => (Vec::new(), 0),
    };
    TableBlock {
        form,
        cells,
        rows,
        votes,
        width,
        empty_columns,
        figures_width,
    }
}

/// The positions among the figures (counted from the row's end) that no value row with the
/// usual number of figures fills, ascending, and that usual number. Counted from the end
/// because label cells merged across columns leave rows with fewer cells on the left.
fn empty_columns<'c>(rows: impl Iterator<Item = &'c [Cell]> + Clone) -> (Vec<usize>, usize) {
    fn figures(cells: &[Cell]) -> &[Cell] {
        let first = cells
            .iter()
            .rposition(|c| matches!(c.kind, CellKind::Label(_)))
            .map_or(0, |i| i + 1);
        &cells[first..]
    }
    let value_rows = || rows.clone().filter(|r| has_values(r));
    let Some(width) = most_common(value_rows().map(|row| figures(row).len())) else {
        return (Vec::new(), 0);
    };
    let mut filled = vec![false; width];
    for row in value_rows() {
        let cells = figures(row);
        if cells.len() != width {
            continue;
        }
        for (k, cell) in cells.iter().rev().enumerate() {
            if !matches!(cell.kind, CellKind::Empty) {
                filled[k] = true;
            }
        }
    }
    let empty = (0..width).filter(|&k| !filled[k]).collect();
    (empty, width)
}

/// The most common of `widths`, the largest of equally common ones; `None` when there are none.
fn most_common(widths: impl Iterator<Item = usize>) -> Option<usize> {
    // Counted on the stack (a table's rows are seldom this wide; wider ones in a map).
    const NARROW: usize = 64;
    let mut narrow = [0usize; NARROW];
    let mut wide: std::collections::BTreeMap<usize, usize> = Default::default();
    for w in widths {
        match narrow.get_mut(w) {
            Some(n) => *n += 1,
            None => *wide.entry(w).or_default() += 1,
        }
    }
    let counted = narrow.iter().enumerate().filter(|&(_, &n)| n > 0);
    (counted.map(|(w, &n)| (w, n)).chain(wide))
        .max_by_key(|&(w, n)| (n, w))
        .map(|(w, _)| w)
}

/// [`table_form_into`] with a list of its own (the tests' shorthand).
#[cfg(test)]
fn table_form(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
) -> (TableForm, bool, Vec<PipeLine>) {
    let mut pipe_lines = Vec::new();
    let (form, outer_pipes) = table_form_into(text, lines, classes, &mut pipe_lines);
    (form, outer_pipes, pipe_lines)
}

/// The text form of a table block and whether its pipe rows have outer pipes (`| a | b |`
/// rather than `a | b`); what each line is if it is a `|` line goes into `pipe_lines` (one
/// entry per line, cleared first: a buffer kept from table to table).
fn table_form_into(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
    pipe_lines: &mut Vec<PipeLine>,
) -> (TableForm, bool) {
    let (mut gfm, mut ended, mut tab_rows, mut tab_cells) = (0, 0, 0, 0);
    let (mut pipe_rows, mut closed_rows) = (0, 0);
    pipe_lines.clear();
    pipe_lines.reserve(lines.len());
    for (line, class) in lines.iter().zip(classes) {
        // Cut out of the text only for the classes read here (a cell-per-line table has a
        // blank line between rows).
        let content = || &text[line.start..line.content_end];
        // Lines of other classes are never asked.
        let mut pipe_line = PipeLine::Cells { whole_row: false };
        match class {
            LineClass::Pipe => {
                let t = trim(content());
                let delimiter = is_delimiter_row(t);
                let whole_row = !delimiter && (t.starts_with('|') || inner_bars(t) > 0);
                pipe_line = if delimiter {
                    PipeLine::Delimiter
                } else if t.bytes().all(|b| b == b'|') {
                    PipeLine::Bars
                } else {
                    PipeLine::Cells { whole_row }
                };
                if delimiter {
                    gfm += 3;
                } else if whole_row && t.chars().any(|c| c != '|' && !is_space(c)) {
                    gfm += 1;
                    pipe_rows += 1;
                    if t.ends_with('|') {
                        closed_rows += 1;
                    }
                } else if !t.starts_with('|') {
                    ended += 1;
                }
            }
            LineClass::Tab => {
                let filled = filled_tab_pieces(content());
                if filled >= 2 {
                    tab_rows += 1;
                } else if filled == 1 {
                    tab_cells += 1;
                }
            }
            _ => {}
        }
        pipe_lines.push(pipe_line);
    }
    let form = if gfm + ended > tab_rows + tab_cells {
        if gfm >= ended {
            TableForm::Pipe
        } else {
            TableForm::PipeEnded
        }
    } else if tab_rows * 3 >= tab_cells && tab_rows > 0 {
        TableForm::TabRows
    } else {
        TableForm::CellPerLine
    };
    // Rows that end in a bar have outer pipes; without them, a leading bar is an empty cell.
    let outer_pipes = pipe_rows == 0 || closed_rows * 2 > pipe_rows;
    (form, outer_pipes)
}

/// How many of a TAB line's pieces hold more than space, counted up to two (only none, one,
/// or more matter): the count of `content.split('\t')` whose [`trim`] is not empty, read in
/// one pass over the bytes. A piece ends its test at its first character that is no space
/// (most pieces: at their first byte); the rest of it is skipped to the next TAB.
fn filled_tab_pieces(content: &str) -> usize {
    let bytes = content.as_bytes();
    let (mut filled, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            // A lead byte: `i` is where a character starts (pieces start after an ASCII TAB,
            // and `i` moves by whole characters).
            match content.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_space(c), c.len_utf8()),
                None => (false, 1),
            }
        };
        // A TAB between pieces is read as a space: it only moves on to the next piece.
        if space {
            i += len;
            continue;
        }
        filled += 1;
        if filled == 2 {
            return 2;
        }
        match memchr::memchr(b'\t', bytes.get(i..).unwrap_or_default()) {
            Some(tab) => i += tab + 1,
            None => break,
        }
    }
    filled
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

/// A cell of `text` read from `piece_range`: its range is the text inside surrounding space,
/// residue and markup (a finding points there, a fix keeps the markup); its text has inner
/// markup removed too.
fn raw_cell(text: &str, piece_range: Range<usize>) -> RawCell<'_> {
    // Each way out of the fast path builds the cell where it is returned, not in an `Option`
    // taken apart here after.
    read_plain_cell(text, piece_range, any_cell, |cell| cell)
}

/// [`raw_cell`] of any piece.
#[cold]
#[inline(never)]
fn any_cell(text: &str, piece_range: Range<usize>) -> RawCell<'_> {
    let range = content_range(&text[piece_range.clone()], piece_range.start);
    if range.is_empty() {
        // An empty cell (many of them in wide rows): nothing to unwrap.
        return RawCell {
            text: Cow::Borrowed(""),
            range,
            interrupted: false,
            label: false,
            whole: true,
            digits: false,
        };
    }
    let inner = inside_markup(&text[range.clone()]);
    let range = range.start + inner.start..range.start + inner.end;
    RawCell::new(range.clone(), cell_text(&text[range]), false)
}

/// [`read_plain_cell`]'s cell, `None` for the pieces it leaves to the general path (the tests'
/// shorthand).
#[cfg(test)]
fn plain_cell(text: &str, piece_range: Range<usize>) -> Option<RawCell<'_>> {
    read_plain_cell(text, piece_range, |_, _| None, Some)
}

/// The cell of a piece without residue, markup or entities (most cells of a table: `| 12 |`,
/// `\t规章`, `|  |`), read without the general path's searches: the same cell [`any_cell`]
/// reads, at a fraction of the cost, given to `plain`; the other pieces are given to `general`
/// (what either gives is returned: the cell built where it is returned).
///
/// Exact because, for trimmed text `t` that holds no `[`, `<` or `&` (once the residue before
/// it is skipped as [`content_range`] skips it, and a bold wrapping it unwrapped as
/// [`inside_markup`] unwraps it), the general path changes nothing: no other
/// `[bookmark:` residue to skip, no emphasis wrapping `t` (each marker
/// would be its first byte, `*`, `_` or `~`), no tag or entity inside it, so the range is the
/// trimmed piece and the text is `t`. A blank piece is an empty cell placed after its first
/// character, as [`content_range`] places it.
#[inline(always)]
fn read_plain_cell<'t, R>(
    text: &'t str,
    piece_range: Range<usize>,
    general: impl Fn(&'t str, Range<usize>) -> R,
    plain: impl Fn(RawCell<'t>) -> R,
) -> R {
    let other = |piece_range: &Range<usize>| general(text, piece_range.clone());
    // Read as bytes, and made a `str` once trimmed (one test of its ends for character
    // boundaries, not one for the piece and another for the trimmed text). The trimmed ends
    // are boundaries exactly when the piece's are: only ASCII bytes, each a character of its
    // own, are trimmed here.
    let Some(bytes) = text.as_bytes().get(piece_range.clone()) else {
        return other(&piece_range);
    };
    // Trimmed on bytes: the spaces around a cell are ASCII but for a few (NBSP, an indent of
    // U+3000), trimmed after.
    let ascii_space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
    // Most pieces have no space before their text (`\t12`) or one (`| 12 |`), and none or one
    // after it: told from the two bytes at each end before any search.
    let start = match bytes {
        [b, ..] if !ascii_space(b) => Some(0),
        [b' ', b, ..] if !ascii_space(b) => Some(1),
        _ => bytes.iter().position(|b| !ascii_space(b)),
    };
    let Some(start) = start else {
        // Blank: an empty cell after the first space, as `content_range` places it.
        let at = piece_range.start + usize::from(!bytes.is_empty());
        return plain(RawCell {
            text: Cow::Borrowed(""),
            range: at..at,
            interrupted: false,
            label: false,
            whole: true,
            digits: false,
        });
    };
    // (A byte at `start` is no space: the last such byte is never before it.)
    let end = match bytes {
        [.., b] if !ascii_space(b) => bytes.len(),
        [.., b, b' '] if !ascii_space(b) => bytes.len() - 1,
        _ => bytes
            .iter()
            .rposition(|b| !ascii_space(b))
            .map_or(start, |i| i + 1),
    };
    let Some(mut t) = text.get(piece_range.start + start..piece_range.start + end) else {
        return other(&piece_range);
    };
    let mut start = start;
    if starts_with_other_space(t) || ends_with_other_space(t) {
        // As `content_range` trims (no residue can follow: the text holds no `[`, told below).
        let rest = t.trim_start_matches(is_space);
        start += t.len() - rest.len();
        t = rest.trim_end_matches(is_space);
        if t.is_empty() {
            // Blank: the general path places the empty cell.
            return other(&piece_range);
        }
    }
    // Word's bookmark residue before a cell's text (`[bookmark: Field_1_1_1]5472`), skipped
    // as `content_range` skips it: each residue, then the spaces after it.
    while let Some(after) = t.strip_prefix("[bookmark:") {
        let Some(rest) = after.find(']').and_then(|end| after.get(end + 1..)) else {
            return other(&piece_range);
        };
        let rest = rest.trim_start_matches(is_space);
        start += t.len() - rest.len();
        t = rest;
    }
    if t.is_empty() {
        // Residue alone: the general path places the empty cell.
        return other(&piece_range);
    }
    // Bold around the whole cell (`**规章**`, `**0**`): the cell is the text inside it, as
    // `inside_markup` unwraps it (other markup, or more of it, is left to the general path).
    if t.len() > 4 && t.starts_with("**") && t.ends_with("**") {
        let Some(inner) = t.get(2..t.len() - 2) else {
            return other(&piece_range);
        };
        let rest = inner.trim_start_matches(is_space);
        start += 2 + inner.len() - rest.len();
        t = rest.trim_end_matches(is_space);
        if t.is_empty() {
            return other(&piece_range);
        }
    }
    if matches!(t.as_bytes().first(), Some(b'*' | b'_' | b'~')) {
        return other(&piece_range);
    }
    if t == "&nbsp;" {
        // An HTML export's empty cell: its text is the entity's space, trimmed away
        // (`cell_text`); the cell keeps the entity's place.
        return plain(RawCell {
            range: piece_range.start + start..piece_range.start + start + t.len(),
            interrupted: false,
            text: Cow::Borrowed(""),
            label: false,
            whole: true,
            digits: false,
        });
    }
    // One pass over the bytes (cells are short: a table lookup per byte costs less than a
    // search): markup, figures, and perhaps spaces.
    let class = t
        .bytes()
        .fold(0, |class, b| class | BYTE_CLASS[usize::from(b)]);
    if class & MARKUP != 0 {
        return other(&piece_range);
    }
    // Only then the spaces [`split_figures`] splits at, which most cells lack: each searched
    // for only when the byte it needs is there (a label with `、` holds 0xe3, as U+3000 does,
    // but neither a space nor NBSP's 0xc2).
    let whole = !((class & SPACE != 0 && t.contains(' '))
        || (class & LEAD_C2 != 0 && t.contains('\u{a0}'))
        || (class & LEAD_E3 != 0 && t.contains('\u{3000}')));
    let start = piece_range.start + start;
    plain(RawCell {
        range: start..start + t.len(),
        interrupted: false,
        // Figures (most cells) are no labels, and need no look at their characters.
        label: class & NOT_DIGIT != 0 && is_trimmed_label_text(t),
        text: Cow::Borrowed(t),
        whole,
        // No byte but digits (`t` is not empty).
        digits: class == 0,
    })
}

/// What a byte tells [`read_plain_cell`]: not an ASCII digit; the start of residue, a tag or an
/// entity; a space; the lead byte of NBSP; the lead byte of U+3000 (of the spaces
/// [`split_figures`] splits at).
const NOT_DIGIT: u8 = 1;
const MARKUP: u8 = 2;
const SPACE: u8 = 4;
const LEAD_C2: u8 = 8;
const LEAD_E3: u8 = 16;
static BYTE_CLASS: [u8; 256] = {
    let mut class = [NOT_DIGIT; 256];
    let mut digit = b'0';
    while digit <= b'9' {
        class[digit as usize] = 0;
        digit += 1;
    }
    class[b'[' as usize] |= MARKUP;
    class[b'<' as usize] |= MARKUP;
    class[b'&' as usize] |= MARKUP;
    class[b' ' as usize] |= SPACE;
    class[0xc2] |= LEAD_C2;
    class[0xe3] |= LEAD_E3;
    class
};

/// The first character of `t` is a space that is not ASCII ([`is_space`]): decoded only when
/// its lead byte is one such a space starts with (CJK text, most labels, never is).
fn starts_with_other_space(t: &str) -> bool {
    t.as_bytes()
        .first()
        .is_some_and(|&b| may_lead_other_space(b))
        && t.chars().next().is_some_and(is_space)
}

/// The last character of `t` is a space that is not ASCII: decoded only when the byte that
/// would lead a space ending there (two bytes from the end for NBSP and U+0085, three for the
/// others) is one such a space starts with. A lead byte is never a continuation byte, so it
/// leads the last character when it is there.
fn ends_with_other_space(t: &str) -> bool {
    let bytes = t.as_bytes();
    let lead_at = |back: usize| {
        bytes
            .len()
            .checked_sub(back)
            .and_then(|i| bytes.get(i))
            .is_some_and(|&b| may_lead_other_space(b))
    };
    bytes.last().is_some_and(|b| !b.is_ascii())
        && (lead_at(2) || lead_at(3))
        && t.chars().next_back().is_some_and(is_space)
}

/// The lead bytes of the spaces [`is_space`] accepts beyond ASCII: U+0085 and NBSP (C2),
/// U+1680 (E1), U+2000..=U+205F (E2), U+3000 (E3), the BOM (EF).
fn may_lead_other_space(b: u8) -> bool {
    matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef)
}

/// The text holds a space [`split_figures`] splits at.
fn has_split_space(t: &str) -> bool {
    // Three searches for one character each cost less than one for any of three.
    t.contains(' ') || t.contains('\u{a0}') || t.contains('\u{3000}')
}

/// Splits a pipe row into cell ranges (without the outer pipes).
#[cfg(test)]
fn pipe_cells(text: &str, line: &Line, outer_pipes: bool) -> Vec<Range<usize>> {
    let mut cells = Vec::new();
    pipe_cells_into(text, line, outer_pipes, &mut cells);
    cells
}

/// What the tests' `pipe_cells` gives, into `cells` (emptied first: one buffer serves every
/// row of a table).
fn pipe_cells_into(text: &str, line: &Line, outer_pipes: bool, cells: &mut Vec<Range<usize>>) {
    cells.clear();
    let content = &text[line.start..line.content_end];
    let base = line.start;
    let bytes = content.as_bytes();
    // Most rows start and end with their bars, unspaced: told by the bytes, not trimmed (a
    // bar is no space, so the trimmed row starts or ends with it too).
    let (starts_with_bar, ends_with_bar) = match (bytes.first(), bytes.last()) {
        _ if !outer_pipes => (false, false),
        (Some(b'|'), Some(b'|')) => (true, true),
        _ => {
            let t = trim(content);
            (t.starts_with('|'), t.ends_with('|'))
        }
    };
    // The piece outside an outer bar the row starts with is blank (only space lies before
    // that bar, so no escape either): it is no cell, and is not kept, rather than removed
    // from the front of the row after.
    let mut outside = starts_with_bar;
    let mut cell_start = 0;
    let mut bar = |at: usize| {
        if outside {
            outside = false;
        } else {
            cells.push(base + cell_start..base + at);
        }
        cell_start = at + 1;
    };
    if memchr::memchr(b'\\', bytes).is_none() {
        // No escapes (most rows).
        each_byte(bytes, b'|', bar);
    } else {
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                // An escaped character (`\|` is a bar inside a cell).
                b'\\' => i += 2,
                b'|' => {
                    bar(i);
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
    cells.push(base + cell_start..base + content.len());
    // Drop the empty piece outside a closing outer pipe (without outer pipes, a piece before a
    // leading bar is an empty cell: `  | （二）部分公开 | 1`). The piece is most often nothing
    // at all.
    let blank = |c: &Range<usize>| c.is_empty() || trim(&text[c.clone()]).is_empty();
    if ends_with_bar && cells.last().is_some_and(blank) {
        cells.pop();
    }
}

/// Calls `found` with the place of each `byte` in `bytes`, in order: 8 bytes at a time as one
/// word, whose bytes equal to `byte` are marked at once (a search per cell, or one searcher
/// for the row, costs more on rows this short; so does a mask built bit by bit).
fn each_byte(bytes: &[u8], byte: u8, mut found: impl FnMut(usize)) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = u64::from(byte) * 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            continue;
        };
        // Zero bytes of `x` are the bytes equal to `byte`. A byte's high bit is set in
        // `(v & LOW7) + LOW7` when its low bits are not all zero (no carry leaves a byte), and
        // in `v` when its high bit is: the bits left clear, inverted, mark the zero bytes.
        let x = u64::from_le_bytes(word) ^ pattern;
        let mut mask = !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
        while mask != 0 {
            found(at + (mask.trailing_zeros() / 8) as usize);
            mask &= mask - 1;
        }
        at += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        if b == byte {
            found(at + k);
        }
    }
}

/// Splits a TAB row into cell ranges (`content.split('\t')`'s pieces) into `cells`
/// (emptied first).
fn tab_cells_into(text: &str, line: &Line, cells: &mut Vec<Range<usize>>) {
    cells.clear();
    let bytes = text
        .as_bytes()
        .get(line.start..line.content_end)
        .unwrap_or_default();
    let mut cell_start = line.start;
    each_byte(bytes, b'\t', |at| {
        cells.push(cell_start..line.start + at);
        cell_start = line.start + at + 1;
    });
    cells.push(cell_start..line.start + bytes.len());
}

/// Reads the lines of a table block with the reader of its text form and groups the cells
/// into logical rows: the cells of all rows, in one list, and the rows.
fn read_rows(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
    pipe_lines: &[PipeLine],
    form: TableForm,
    outer_pipes: bool,
    memo: &mut LabelMemo,
) -> (Vec<Cell>, Vec<Row>) {
    // Only a text or heading line (the rest of a wrapped cell) changes a cell already read:
    // without one (most tables), each cell is assembled as it is read, not kept as a token.
    let wraps = classes
        .iter()
        .any(|c| matches!(c, LineClass::Text | LineClass::Heading));
    read_rows_as(
        text,
        lines,
        classes,
        pipe_lines,
        form,
        outer_pipes,
        memo,
        wraps,
    )
}

/// [`read_rows`], the cells kept as tokens until the table is read when `buffered` (which
/// the lines that change a cell already read need; else assembled as they are read).
#[allow(clippy::too_many_arguments)]
fn read_rows_as(
    text: &str,
    lines: &[Line],
    classes: &[LineClass],
    pipe_lines: &[PipeLine],
    form: TableForm,
    outer_pipes: bool,
    memo: &mut LabelMemo,
    buffered: bool,
) -> (Vec<Cell>, Vec<Row>) {
    let out = if buffered {
        // Sized once rather than grown (a table's tokens are many, and large): a row of up to
        // a dozen cells per line (table 三: a label or two and seven figures) between row
        // breaks, or about a cell per line. Counting the separators costs more than a few
        // reallocations.
        let capacity = match form {
            TableForm::Pipe | TableForm::TabRows => lines.len() * 13,
            TableForm::CellPerLine | TableForm::PipeEnded => lines.len() + 1,
        };
        Out::Buffered(Vec::with_capacity(capacity))
    } else {
        // About the cells of a row per line (table 三: a label or two and seven figures), or
        // a cell per line.
        let capacity = match form {
            TableForm::Pipe | TableForm::TabRows => lines.len() * 9,
            TableForm::CellPerLine | TableForm::PipeEnded => lines.len() + 1,
        };
        Out::Direct(Assembler::new(capacity, lines, memo))
    };
    let mut tokens = Tokens::new(text, out, outer_pipes);
    for ((line, &class), &pipe) in lines.iter().zip(classes).zip(pipe_lines) {
        match form {
            TableForm::Pipe | TableForm::TabRows => {
                row_per_line::read_line(&mut tokens, line, class, pipe)
            }
            TableForm::CellPerLine => cell_per_line::read_line(&mut tokens, line, class, pipe),
            TableForm::PipeEnded => pipe_ended::read_line(&mut tokens, line, class, pipe),
        }
    }
    match tokens.finish() {
        Out::Buffered(out) => {
            let mut assembler = Assembler::new(out.len(), lines, memo);
            for token in out {
                match token {
                    Token::RowBreak => assembler.row_break(),
                    Token::Cell(raw) => assembler.cell(raw),
                }
            }
            assembler.finish()
        }
        Out::Direct(assembler) => assembler.finish(),
    }
}

/// Where a table's reader puts the cells it reads.
enum Out<'a, 'm> {
    /// Kept as tokens, to be assembled once the table is read (the cells read may change).
    Buffered(Vec<Token<'a>>),
    /// Assembled into rows as they are read.
    Direct(Assembler<'m>),
}

/// The cell tokens of a table block as its reader produces them, line by line.
struct Tokens<'a, 'm> {
    text: &'a str,
    /// Pipe rows have outer pipes (see the tests' `pipe_cells`).
    outer_pipes: bool,
    out: Out<'a, 'm>,
    /// How many tokens were read (`out`'s length when buffered).
    len: usize,
    /// A wrapped-cell prefix waiting for the line that ends it.
    pending: Option<Range<usize>>,
    /// The last row read from a whole line held a value (a wrapped line after it starts the
    /// next row's label rather than continuing this row's).
    last_line_was_value_row: bool,
    /// Index in `out` of the last label cell of the row being read, and of the row before.
    row_label: Option<usize>,
    previous_row_label: Option<usize>,
    /// Whether the row being read has a cell yet.
    row_has_cells: bool,
    /// The cell ranges of the pipe or TAB row being read (one buffer for the table's rows).
    pipe_pieces: Vec<Range<usize>>,
}

impl<'a, 'm> Tokens<'a, 'm> {
    fn new(text: &'a str, out: Out<'a, 'm>, outer_pipes: bool) -> Tokens<'a, 'm> {
        Tokens {
            text,
            outer_pipes,
            out,
            len: 0,
            pending: None,
            last_line_was_value_row: false,
            row_label: None,
            previous_row_label: None,
            row_has_cells: false,
            // Sized for a wide row at once rather than grown in every table.
            pipe_pieces: Vec::with_capacity(32),
        }
    }

    fn content(&self, line: &Line) -> &'a str {
        &self.text[line.start..line.content_end]
    }

    fn row_break(&mut self) {
        if self.row_has_cells {
            self.previous_row_label = self.row_label.take();
            self.row_has_cells = false;
        }
        self.len += 1;
        match &mut self.out {
            Out::Buffered(out) => out.push(Token::RowBreak),
            Out::Direct(assembler) => assembler.row_break(),
        }
    }

    /// The tokens read, which the lines that change a cell already read look back at: kept
    /// for them (see [`read_rows`]).
    fn read(&self) -> &[Token<'a>] {
        match &self.out {
            Out::Buffered(out) => out,
            // Never asked: no such line is read then.
            Out::Direct(_) => &[],
        }
    }

    /// [`Tokens::read`], to change them.
    fn read_mut(&mut self) -> &mut [Token<'a>] {
        match &mut self.out {
            Out::Buffered(out) => out,
            Out::Direct(_) => &mut [],
        }
    }

    /// A cell as read; figures flattened into it by PDF extraction become cells of their own.
    /// Inlined where cells are read: most cells are whole, and go on at once.
    #[inline]
    fn cell(&mut self, cell: RawCell<'a>) {
        if cell.whole {
            self.push(cell);
        } else {
            self.split_cell(cell);
        }
    }

    /// [`Tokens::cell`] of a cell that may hold figures flattened into it.
    #[inline(never)]
    fn split_cell(&mut self, cell: RawCell<'a>) {
        match split_figures(self.text, &cell) {
            // Most cells: pushed as they are, not moved through the split.
            None => self.push(cell),
            Some((label, figures)) => {
                for cell in label.into_iter().chain(figures) {
                    self.push(cell);
                }
            }
        }
    }

    #[inline]
    fn push(&mut self, cell: RawCell<'a>) {
        if cell.label {
            self.row_label = Some(self.len);
        }
        self.row_has_cells = true;
        self.len += 1;
        match &mut self.out {
            Out::Buffered(out) => out.push(Token::Cell(cell)),
            Out::Direct(assembler) => assembler.cell(cell),
        }
    }

    /// The last cell read is a figure.
    fn after_figure(&self) -> bool {
        matches!(self.read().last(), Some(Token::Cell(c)) if !c.text.is_empty() && !c.label)
    }

    /// Appends `part` to the label cell at `index` in `out`. The label's range stays its first
    /// part's when cells lie between the parts (`interrupted`).
    fn continue_label(&mut self, index: usize, part: &RawCell, interrupted: bool) {
        if let Some(Token::Cell(label)) = self.read_mut().get_mut(index) {
            label.append(&part.text);
            if interrupted {
                label.interrupted = true;
            } else {
                label.range.end = part.range.end.max(label.range.end);
            }
        }
    }

    /// The text of the label cell at `index` in `out`.
    fn label_text(&self, index: usize) -> &str {
        match self.read().get(index) {
            Some(Token::Cell(c)) => &c.text,
            _ => "",
        }
    }

    /// `cell` with the waiting wrapped-cell prefix, if any, put before it.
    fn merge_pending(&mut self, cell: RawCell<'a>) -> RawCell<'a> {
        match self.pending.take() {
            Some(p) => {
                let text = self.text;
                let start = content_range(&text[p.clone()], p.start).start;
                let mut joined = cell_text(&text[p]).into_owned();
                joined.push_str(&cell.text);
                RawCell::new(start..cell.range.end, Cow::Owned(joined), cell.interrupted)
            }
            None => cell,
        }
    }

    /// The cells of a line of `|`-separated cells, in the table's buffer (taken: give it back
    /// with [`Tokens::return_pipe_cells`]).
    fn pipe_cells(&mut self, line: &Line) -> Vec<Range<usize>> {
        let mut pieces = std::mem::take(&mut self.pipe_pieces);
        pipe_cells_into(self.text, line, self.outer_pipes, &mut pieces);
        pieces
    }

    /// Gives back the buffer [`Tokens::pipe_cells`] took, for the next line.
    fn return_pipe_cells(&mut self, pieces: Vec<Range<usize>>) {
        self.pipe_pieces = pieces;
    }

    /// A line of TAB-separated cells, one whole row (see [`Tokens::whole_row`]).
    fn tab_row(&mut self, line: &Line) {
        let mut pieces = std::mem::take(&mut self.pipe_pieces);
        tab_cells_into(self.text, line, &mut pieces);
        self.whole_row(pieces.drain(..));
        self.pipe_pieces = pieces;
    }

    /// A line of `|`-separated cells that is one whole row (see [`Tokens::whole_row`]).
    fn pipe_row(&mut self, line: &Line) {
        let mut pieces = self.pipe_cells(line);
        self.whole_row(pieces.drain(..));
        self.return_pipe_cells(pieces);
    }

    /// A line that is one whole row: its cells between row breaks (a waiting wrapped prefix
    /// joins the first cell).
    fn whole_row(&mut self, pieces: impl Iterator<Item = Range<usize>>) {
        self.row_break();
        let mut values = 0;
        for (i, piece) in pieces.enumerate() {
            let cell = raw_cell(self.text, piece);
            let cell = if i == 0 {
                self.merge_pending(cell)
            } else {
                cell
            };
            if !cell.text.is_empty() && !cell.label {
                values += 1;
            }
            self.cell(cell);
        }
        self.last_line_was_value_row = values > 0;
        self.row_break();
    }

    /// `第二十条第（一）项` on a line of its own: a row of one label.
    fn label_line(&mut self, line: &Line) {
        let content = self.content(line);
        self.row_break();
        let bare = super::strip_markup(content);
        let start = line.start + (bare.as_ptr() as usize - content.as_ptr() as usize);
        self.cell(raw_cell(self.text, start..start + bare.len()));
        self.row_break();
    }

    /// A text line inside a table: the rest of a wrapped cell. It joins the previous cell when
    /// `joins_previous` (and there is one in this row), else it waits for the next cell.
    fn wrapped(&mut self, line: &Line, joins_previous: bool) {
        let range = line.start..line.content_end;
        let extra = raw_cell(self.text, range.clone());
        self.join_or_wait(extra, joins_previous);
    }

    /// `part` of a wrapped cell joins the previous cell (`joins_previous`, and there is one),
    /// else waits for the next cell.
    fn join_or_wait(&mut self, part: RawCell<'a>, joins_previous: bool) {
        let previous = self.read_mut().iter_mut().rev().find_map(|t| match t {
            Token::Cell(c) => Some(c),
            Token::RowBreak => None,
        });
        match previous {
            Some(prev) if joins_previous && !prev.text.is_empty() => {
                prev.append(&part.text);
                prev.range.end = part.range.end.max(prev.range.end);
            }
            _ => self.pending = Some(part.range),
        }
    }

    /// A line without a TAB inside a table of one-cell lines: the rest of the cell above it,
    /// and perhaps the row's figures (PDF text, spec §7 layout 5: a label split over lines,
    /// the figures on its first line, its last, or a line of their own).
    fn wrapped_cell(&mut self, line: &Line) {
        let (label, figures) =
            label_and_figures(self.text, raw_cell(self.text, line.start..line.content_end));
        if let Some(part) = label {
            match self.row_label {
                // After the figures: the rest of the label they follow.
                Some(index) if self.after_figure() => self.continue_label(index, &part, true),
                _ => self.join_or_wait(part, true),
            }
        }
        for figure in figures {
            self.push(figure);
        }
    }

    /// A line without a separator inside a table of whole-line rows: the rest of a wrapped
    /// label. After a row with figures it starts the next row's label, unless it ends the
    /// label of that row (PDF text: the figures on a long label's first line); a line ending
    /// in figures is a row of its own, joined to a row above that holds its label's first
    /// part when the rows are assembled.
    fn wrapped_row_line(&mut self, line: &Line) {
        let (label, figures) =
            label_and_figures(self.text, raw_cell(self.text, line.start..line.content_end));
        if !figures.is_empty() {
            self.row_break();
            if let Some(part) = label {
                let part = self.merge_pending(part);
                self.push(part);
            }
            for figure in figures {
                self.push(figure);
            }
            self.last_line_was_value_row = true;
            self.row_break();
            return;
        }
        let Some(part) = label else { return };
        if self.last_line_was_value_row {
            if let Some(index) = self.previous_row_label {
                if continues_label(self.label_text(index), &part.text) {
                    self.continue_label(index, &part, true);
                    return;
                }
            }
        }
        let joins_previous = !self.last_line_was_value_row;
        self.join_or_wait(part, joins_previous);
    }

    /// Lines of `|` cells that every form reads alike: a delimiter row says nothing, a
    /// bar-only line ends a row (empty merged cells). `true` when the line was one of them.
    fn delimiter_or_bars(&mut self, pipe: PipeLine) -> bool {
        match pipe {
            PipeLine::Delimiter => true,
            PipeLine::Bars => {
                self.row_break();
                true
            }
            PipeLine::Cells { .. } => false,
        }
    }

    /// What was read, a last waiting prefix kept as a cell.
    fn finish(mut self) -> Out<'a, 'm> {
        if let Some(p) = self.pending.take() {
            let cell = raw_cell(self.text, p);
            self.cell(cell);
        }
        self.out
    }
}

/// A number written as a word of its own (`12`, `-8`, `1,234`, `３`).
fn is_number_word(t: &str) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let t = t.trim_start_matches(['-', '+']);
    t.chars().next().is_some_and(is_digit)
        && t.chars().all(|c| is_digit(c) || matches!(c, '.' | ','))
}

/// A figure among figures flattened onto a line: a number, a dash for a blank, or a broken
/// figure (`O`, `1,5`). A sign or unit word on its own (`减 6`, `1898468.07 元`) is not: it
/// belongs to the figure next to it.
fn is_figure_word(t: &str) -> bool {
    is_number_word(t)
        || matches!(t, "—" | "-" | "－" | "/" | "——" | "–")
        || (!is_label_text(t) && t.chars().any(|c| c.is_ascii_alphanumeric()))
}

/// `s` without the figures flattened onto its end (`四、结转下 1 0 0` → `四、结转下`).
pub(super) fn label_part(s: &str) -> &str {
    let mut rest = trim(s);
    let mut figures = 0;
    let mut numbers = 0;
    while !rest.is_empty() {
        let space = rest.rfind(is_space);
        let word = trim(&rest[space.unwrap_or(0)..]);
        if !is_figure_word(word) {
            break;
        }
        figures += 1;
        if is_number_word(word) {
            numbers += 1;
        }
        rest = match space {
            Some(space) => trim(&rest[..space]),
            None => "",
        };
    }
    if figures >= 2 && numbers >= 1 {
        rest
    } else {
        trim(s)
    }
}

/// A line of two or more figures and nothing else (a PDF row's figures on a line of their
/// own, under the label they belong to).
pub(super) fn is_figures_line(line: &str) -> bool {
    let t = trim(line);
    !t.is_empty() && label_part(t).is_empty()
}

/// The last label of a table line (TAB- or `|`-separated cells), without figures after it.
pub(super) fn last_label(line: &str) -> Option<&str> {
    line.rsplit(['\t', '|'])
        .map(label_part)
        .find(|cell| is_label_text(cell))
}

/// Whether `part` (a wrapped line) is the rest of `label`: together they make a standard
/// label or the start of one while `part` alone is none, or `part` closes a bracket `label`
/// leaves open (`（二）部分公开（区分处理的，只计这一` / `情形，不计其他情形）`).
pub(super) fn continues_label(label: &str, part: &str) -> bool {
    let part_norm = normalize_label(part);
    let standard = !Vocabulary::get().exact(&part_norm).is_empty();
    continues_with(label, part, &part_norm, standard, &mut best_similarity)
}

/// [`continues_label`] of two labels already read: a label's `norm` and `hits` are what
/// [`continues_label`] would work out again for its part (`read_label`). The similarities are
/// looked up in the memo: the same few split labels recur across the reports of a folder.
fn continues_read_label(label: &Label, part: &Label, memo: &mut LabelMemo) -> bool {
    continues_with(
        &label.text,
        &part.text,
        &part.norm,
        !part.hits.is_empty(),
        &mut |norm: &str| memo.best_similarity(norm),
    )
}

/// The highest similarity of a normalised text to a standard label (0 when close to none).
pub(super) fn best_similarity(norm: &str) -> f32 {
    Vocabulary::get()
        .similar(norm)
        .iter()
        .map(|s| s.1)
        .fold(0.0f32, f32::max)
}

/// [`continues_label`], given the part's normal form, whether it is a standard label, and
/// [`best_similarity`] (perhaps memoised).
fn continues_with(
    label: &str,
    part: &str,
    part_norm: &str,
    part_is_standard: bool,
    best: &mut impl FnMut(&str) -> f32,
) -> bool {
    if part_norm.is_empty() || part_is_standard {
        return false;
    }
    let vocabulary = Vocabulary::get();
    let open = |s: &str| s.chars().filter(|c| matches!(c, '（' | '(')).count();
    let close = |s: &str| s.chars().filter(|c| matches!(c, '）' | ')')).count();
    if open(label) > close(label) && close(part) > open(part) {
        return true;
    }
    let joined = normalize_label(&format!("{label}{part}"));
    if !vocabulary.exact(&joined).is_empty()
        || vocabulary
            .labels
            .iter()
            .any(|l| l.norm.len() > joined.len() && l.norm.starts_with(&joined))
    {
        return true;
    }
    // A reworded label split in two (`二、上年转结政府信息公开申请` / `数量`): together close to
    // a standard label, much closer than the first part alone, while the second part alone is
    // close to none.
    let together = best(&joined);
    together >= 0.85 && best(part_norm) < 0.6 && together > best(&normalize_label(label)) + 0.1
}

/// PDF extraction sometimes flattens a row into one cell: `一、本年新收… 2 0 0 0 0 0 2` or
/// `0 0 0 0`. Two or more space-separated figures at the end of a cell (numbers, or a dash for
/// a blank) are cells of their own: the cell's label part, if any, and its figures.
/// `None` when the cell stays whole.
fn split_figures<'a>(text: &'a str, cell: &RawCell<'a>) -> Option<Split<'a>> {
    if cell.whole {
        return None;
    }
    let written = &text[cell.range.clone()];
    // Called on every cell: a byte test first (a space, or the lead byte of NBSP or U+3000).
    let may_have_space = written.bytes().any(|b| matches!(b, b' ' | 0xc2 | 0xe3));
    if !may_have_space || written != cell.text || !has_split_space(written) {
        return None;
    }
    // Most cells with a space are labels (`（一） 予以公开`): figures end a cell only if its last
    // word is one, told without listing its words.
    if !written
        .rsplit(is_space)
        .find(|word| !word.is_empty())
        .is_some_and(is_figure_word)
    {
        return None;
    }
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
    let figures = tokens
        .iter()
        .rev()
        .take_while(|(_, t)| is_figure_word(t))
        .count();
    let numbers = tokens
        .iter()
        .rev()
        .take(figures)
        .filter(|(_, t)| is_number_word(t))
        .count();
    if figures < 2 || numbers == 0 {
        return None;
    }
    let first_figure = tokens.len() - figures;
    let label = first_figure.checked_sub(1).map(|last| {
        let (offset, last_word) = tokens[last];
        let end = offset + last_word.len();
        RawCell::new(
            cell.range.start..cell.range.start + end,
            Cow::Borrowed(&written[..end]),
            false,
        )
    });
    let figures = tokens[first_figure..]
        .iter()
        .map(|&(offset, token)| {
            let start = cell.range.start + offset;
            RawCell::new(start..start + token.len(), Cow::Borrowed(token), false)
        })
        .collect();
    Some((label, figures))
}

/// [`split_figures`], the whole cell as its label part when it stays whole.
fn label_and_figures<'a>(text: &'a str, cell: RawCell<'a>) -> Split<'a> {
    split_figures(text, &cell).unwrap_or((Some(cell), Vec::new()))
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

/// Groups cells into logical rows, cell by cell as they are read: a row ends at a break of
/// its text form, or where a label follows a value (real exports do not always mark row ends).
struct Assembler<'m> {
    table: Assembly<'m>,
    // Kept as the row grows (scanning the row for them at every cell would take time
    // quadratic in its length): whether it holds a value yet, and its last non-empty cell
    // (an index into `table.cells`).
    after_value: bool,
    last_filled: Option<usize>,
}

impl<'m> Assembler<'m> {
    /// An assembler for about `cells` cells of a table of `lines`.
    fn new(cells: usize, lines: &'m [Line], memo: &'m mut LabelMemo) -> Assembler<'m> {
        Assembler {
            table: Assembly {
                cells: Vec::with_capacity(cells),
                rows: Vec::with_capacity(lines.len()),
                row_start: 0,
                lines,
                line_hint: 0,
                memo,
            },
            after_value: false,
            last_filled: None,
        }
    }

    fn row_break(&mut self) {
        // A row without cells (a whole row's line starts with a break, after the break that
        // ended the row before) has nothing to end.
        if self.table.cells.len() != self.table.row_start || self.last_filled.is_some() {
            self.table.end_row(self.last_filled.is_some());
        }
        (self.after_value, self.last_filled) = (false, None);
    }

    fn cell(&mut self, raw: RawCell) {
        let table = &mut self.table;
        let kind = if raw.text.is_empty() {
            CellKind::Empty
        } else if raw.digits {
            // Most cells: read without looking at their digits twice.
            self.after_value = true;
            CellKind::Value(parse_digits(&raw.text))
        } else if !raw.label {
            self.after_value = true;
            CellKind::Value(parse_value(&raw.text))
        } else {
            let l = table.memo.label(&raw.text);
            // A short word among the figures (`见附件`, `暂缺`) is a broken value, not
            // the start of a new row.
            if is_stray_word(&l)
                && (self.after_value
                    || is_row_label(self.last_filled.and_then(|i| table.cells.get(i))))
            {
                self.after_value = true;
                CellKind::Value(CellValue::Invalid {
                    reason: crate::analysis::text::InvalidReason::NotANumber,
                    suggestion: None,
                    written: l.text.clone(),
                })
            } else {
                if self.after_value {
                    table.end_row(self.last_filled.is_some());
                    (self.after_value, self.last_filled) = (false, None);
                }
                CellKind::Label(l)
            }
        };
        if !matches!(kind, CellKind::Empty) {
            self.last_filled = Some(table.cells.len());
        }
        table.cells.push(Cell {
            range: raw.range,
            kind,
            interrupted: raw.interrupted,
        });
    }

    /// The cells of all rows, in one list, and the rows.
    fn finish(mut self) -> (Vec<Cell>, Vec<Row>) {
        self.table.end_row(self.last_filled.is_some());
        (self.table.cells, self.table.rows)
    }
}

/// The rows of a table as they are assembled.
struct Assembly<'a> {
    /// The cells of the rows so far, then those of the row being read (from `row_start`).
    cells: Vec<Cell>,
    rows: Vec<Row>,
    row_start: usize,
    /// The block's lines (a row's line is found by its start).
    lines: &'a [Line],
    /// The line the last row began on (where the next row's line is looked for first).
    line_hint: usize,
    memo: &'a mut LabelMemo,
}

impl Assembly<'_> {
    /// Ends the row being read: kept when `filled` (it has a non-empty cell; trailing empty
    /// cells stay, as they may be blank values), gone when all its cells are empty.
    fn end_row(&mut self, filled: bool) {
        let first = self.row_start;
        if !filled {
            self.cells.truncate(first);
            return;
        }
        let (start, end) = self.cells[first..]
            .iter()
            .fold((usize::MAX, 0), |(start, end), c| {
                (start.min(c.range.start), end.max(c.range.end))
            });
        let line = self.line_of(start);
        let line_start = self.lines.get(line).map_or(0, |l| l.start);
        self.push_row(Row {
            cells: first..self.cells.len(),
            range: start..end,
            line_start,
            line: line as u32,
        });
        self.row_start = self.cells.len();
    }

    /// The last line that starts at or before `start` (the line a row starting there begins
    /// on; 0 when none): walked to from the last row's line, as rows come in order, for a few
    /// lines at most (so never more than the search takes), else searched for.
    fn line_of(&mut self, start: usize) -> usize {
        let lines = self.lines;
        let starts_by = |i: usize| lines.get(i).is_some_and(|l| l.start <= start);
        let mut line = self.line_hint;
        if starts_by(line) {
            for _ in 0..8 {
                if !starts_by(line + 1) {
                    self.line_hint = line;
                    return line;
                }
                line += 1;
            }
        }
        line = lines
            .partition_point(|l| l.start <= start)
            .saturating_sub(1);
        self.line_hint = line;
        line
    }

    /// Adds `row`, whose cells end the list, or joins it to the row before. A label split
    /// over two rows (PDF text; a TAB row whose label wraps onto the next line): a row
    /// without figures whose last cell is a label that the next row's first label continues
    /// (see [`continues_label`]) takes that row's cells.
    fn push_row(&mut self, row: Row) {
        let Some(previous) = self.rows.last_mut() else {
            self.rows.push(row);
            return;
        };
        // Told by the variant alone (the derived `!=` compares whole kinds).
        let filled = |c: &Cell| !matches!(c.kind, CellKind::Empty);
        let before = &self.cells[previous.cells.clone()];
        // Most rows before hold values: told before their last label is looked for.
        let head = if has_values(before) {
            None
        } else {
            before
                .iter()
                .rposition(filled)
                .map(|h| previous.cells.start + h)
        };
        let tail = || {
            self.cells[row.cells.clone()]
                .iter()
                .position(filled)
                .map(|t| row.cells.start + t)
        };
        let joined = match (head, head.and_then(|_| tail())) {
            (Some(h), Some(t)) => match (&self.cells[h].kind, &self.cells[t].kind) {
                (CellKind::Label(a), CellKind::Label(b))
                    if continues_read_label(a, b, self.memo) =>
                {
                    Some((h, t, format!("{}{}", a.text, b.text)))
                }
                _ => None,
            },
            _ => None,
        };
        let Some((h, t, joined)) = joined else {
            self.rows.push(row);
            return;
        };
        // The row's cells up to its label's part go (they are at the end of the list, so
        // this moves only the rest of the row); the part joins the label.
        let part = self.cells.drain(row.cells.start..=t).next_back();
        if let Some(part) = part {
            let label = &mut self.cells[h];
            label.kind = CellKind::Label(self.memo.label(&joined));
            label.range.end = label.range.end.max(part.range.end);
            label.interrupted |= part.interrupted;
        }
        previous.cells.end = self.cells.len();
        previous.range.end = previous.range.end.max(row.range.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares the fast path with the general one on `piece` (between bars).
    fn plain_cell_agrees(piece: &str) -> Result<bool, String> {
        let text = format!("|{piece}|");
        let range = 1..1 + piece.len();
        let general = any_cell(&text, range.clone());
        match plain_cell(&text, range) {
            Some(fast) => {
                if fast.whole && split_figures(&text, &general).is_some() {
                    return Err(format!("{piece:?} split, but read as whole"));
                }
                if fast.digits && parse_digits(&fast.text) != parse_value(&general.text) {
                    return Err(format!("{piece:?} read as other digits"));
                }
                let (fast, general) = (
                    (fast.range, fast.text, fast.label, fast.interrupted),
                    (
                        general.range,
                        general.text,
                        general.label,
                        general.interrupted,
                    ),
                );
                if fast == general {
                    Ok(true)
                } else {
                    Err(format!("{piece:?}: {fast:?} != {general:?}"))
                }
            }
            None => Ok(false),
        }
    }

    #[test]
    fn a_plain_cell_is_read_as_any_cell_is() {
        let plain = [
            " 12 ",
            "12",
            "\t0\t",
            "0",
            " 1234567 ",
            " ",
            "",
            "１２",
            "12a",
            " 1 2 ",
            "-3",
            " 规章 ",
            "规 章",
            "规\u{3000}章",
            "（一）予以公开",
            "无",
            "3件",
            "a*",
            "x_y",
            // Spaces of other scripts around a cell are trimmed as the general path trims them.
            "5\u{a0}",
            "\u{3000}6",
            "\u{3000}\u{3000}（一）予以公开 ",
            " \u{a0}规章\u{3000}",
            // Residue before the text is skipped as the general path skips it.
            "[bookmark: Field_1_1_1]5472",
            "[bookmark: x]5",
            // Bold around the cell is unwrapped as the general path unwraps it.
            " **3** ",
            "**（一）予以公开**",
            "** 规章\u{3000}**",
            "\u{3000}**3**",
            "[bookmark: x]**3**",
            // An entity's space alone is an empty cell where the entity is.
            " &nbsp; ",
            "&nbsp;",
            " [bookmark: a] [bookmark: b]\u{3000}（一）予以公开 ",
        ];
        for piece in plain {
            assert_eq!(plain_cell_agrees(piece), Ok(true), "{piece:?}");
        }
        // Markup, residue and entities take the general path, and so do blank pieces with
        // spaces of other scripts.
        let general = [
            "***3***",
            "**<b>4</b>**",
            "** **",
            "**3*",
            "<b>4</b>",
            "_a_",
            "~~b~~",
            "1&nbsp;",
            "a<br>b",
            "\u{3000}",
            " \u{a0} ",
            "[bookmark: x]",
            "[bookmark: x] ",
            "[bookmark: x",
            "[bookmark: x]1[bookmark: y]",
        ];
        for piece in general {
            assert_eq!(plain_cell_agrees(piece), Ok(false), "{piece:?}");
        }
    }

    #[test]
    fn every_space_beyond_ascii_starts_with_a_byte_the_fast_path_decodes() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.is_ascii() || !is_space(c) {
                continue;
            }
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert!(may_lead_other_space(s.as_bytes()[0]), "{c:?}");
            for text in [
                s.to_string(),
                format!("规{s}"),
                format!("{s}1"),
                format!("é{s}"),
            ] {
                assert_eq!(
                    starts_with_other_space(&text),
                    text.chars().next().is_some_and(is_space),
                    "{text:?}"
                );
                assert_eq!(
                    ends_with_other_space(&text),
                    text.chars().next_back().is_some_and(is_space),
                    "{text:?}"
                );
            }
        }
    }

    /// A table's cells and rows, as `read_rows` gives them.
    type Assembled = (Vec<Cell>, Vec<Row>);

    /// The cells and rows of a table block as assembled from kept tokens, and as assembled
    /// while read (`None` when the block has a line that changes a cell already read, which
    /// keeps the tokens).
    fn both_assemblies(text: &str) -> Option<(Assembled, Assembled)> {
        let lines = super::super::split_lines(text);
        let classes: Vec<LineClass> = lines
            .iter()
            .map(|l| super::super::classify(&text[l.start..l.content_end]))
            .collect();
        if classes
            .iter()
            .any(|c| matches!(c, LineClass::Text | LineClass::Heading))
        {
            return None;
        }
        let (form, outer_pipes, pipe_lines) = table_form(text, &lines, &classes);
        let read = |buffered| {
            read_rows_as(
                text,
                &lines,
                &classes,
                &pipe_lines,
                form,
                outer_pipes,
                &mut LabelMemo::default(),
                buffered,
            )
        };
        Some((read(true), read(false)))
    }

    #[test]
    fn tables_are_assembled_while_read_as_from_tokens() {
        let corpus = [
            include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
        ];
        let mut compared = 0;
        for text in corpus {
            let blocks = super::super::parse_blocks(text, &mut LabelMemo::default());
            let mut start = 0;
            for block in blocks {
                let block_text = &text[start..start + block.len];
                start += block.len;
                if !matches!(block.kind, super::super::BlockKind::Table(_)) {
                    continue;
                }
                if let Some((kept, direct)) = both_assemblies(block_text) {
                    assert_eq!(kept, direct, "{block_text}");
                    compared += 1;
                }
            }
        }
        // The corpus's tables without wrapped cells (most of them) were compared.
        assert!(compared >= 4, "{compared}");
    }

    #[test]
    fn escaped_bars_are_inside_cells() {
        let cells = |text: &str| -> Vec<String> {
            let line = Line {
                start: 0,
                end: text.len(),
                content_end: text.len(),
            };
            pipe_cells(text, &line, true)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(cells("| a \\| b | c |"), [" a \\| b ", " c "]);
        // An escaped backslash escapes no bar.
        assert_eq!(cells("| a \\\\| b |"), [" a \\\\", " b "]);
        assert_eq!(cells("| a | b \\"), [" a ", " b \\"]);
        assert_eq!(cells("|\\||"), ["\\|"]);
    }

    proptest::proptest! {
        /// A TAB row's cells are the pieces a split at its TABs gives.
        #[test]
        fn tab_rows_split_at_every_tab(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['\t', '\t', 'a', '1', ' ', '规', '|']),
                0..80,
            ),
            start in 0usize..3,
        ) {
            let content: String = chars.into_iter().collect();
            let text = format!("{}{content}\n", "x".repeat(start));
            let line = Line { start, end: text.len(), content_end: start + content.len() };
            let mut cells = Vec::new();
            tab_cells_into(&text, &line, &mut cells);
            let pieces: Vec<&str> = cells.into_iter().map(|r| &text[r]).collect();
            let expected: Vec<&str> = content.split('\t').collect();
            proptest::prop_assert_eq!(pieces, expected);
        }

        /// Rows are split at the same bars with and without escapes in them, however long.
        #[test]
        fn pipe_rows_split_at_unescaped_bars(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['|', '|', 'a', '1', ' ', '规', '\\']),
                0..80,
            )
        ) {
            let text: String = chars.into_iter().collect();
            let line = Line { start: 0, end: text.len(), content_end: text.len() };
            // The bars as the escape-aware loop finds them, one byte at a time.
            let bytes = text.as_bytes();
            let (mut expected, mut cell_start, mut i) = (Vec::new(), 0, 0);
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'|' => {
                        expected.push(cell_start..i);
                        cell_start = i + 1;
                        i += 1;
                    }
                    _ => i += 1,
                }
            }
            expected.push(cell_start..text.len());
            proptest::prop_assert_eq!(pipe_cells(&text, &line, false), expected.clone());
            // With outer pipes, the blank pieces outside a bar the trimmed row starts or ends
            // with are dropped.
            let mut outer = expected.clone();
            let t = trim(&text);
            let blank = |c: &Range<usize>| trim(&text[c.clone()]).is_empty();
            if t.ends_with('|') && outer.last().is_some_and(blank) {
                outer.pop();
            }
            if t.starts_with('|') && outer.first().is_some_and(blank) {
                outer.remove(0);
            }
            proptest::prop_assert_eq!(pipe_cells(&text, &line, true), outer);
            let unescaped = text.replace('\\', "");
            let line = Line { start: 0, end: unescaped.len(), content_end: unescaped.len() };
            let bars = pipe_cells(&unescaped, &line, false).len() - 1;
            proptest::prop_assert_eq!(bars, unescaped.matches('|').count());
        }

        /// Plain digits are the number that parsing them as a decimal gives, plain (no
        /// unit, sign, fraction or written form); beyond the fast reading, what
        /// `parse_value` gives.
        #[test]
        fn digits_are_read_as_their_decimal(digits in "[0-9]{1,24}") {
            let expected = rust_decimal::Decimal::from_str_exact(&digits).ok().map(|value| {
                CellValue::Number(crate::analysis::text::Number {
                    value,
                    signed: false,
                    unit: None,
                    has_fraction: false,
                    written: String::new(),
                })
            });
            proptest::prop_assert_eq!(Some(parse_digits(&digits)), expected);
        }

        /// A TAB line's filled pieces are counted as trimming each piece counts them.
        #[test]
        fn filled_tab_pieces_are_the_pieces_not_blank(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    '\t', '\t', ' ', '\u{b}', '\u{85}', '\u{a0}', '\u{3000}', '\u{200b}',
                    '\u{feff}', '1', 'a', '规', '（', '、',
                ]),
                0..16,
            )
        ) {
            let content: String = chars.into_iter().collect();
            let expected = content.split('\t').filter(|p| !trim(p).is_empty()).take(2).count();
            proptest::prop_assert_eq!(filled_tab_pieces(&content), expected, "{:?}", content);
        }

        /// Pieces with bookmark residue (and markup, spaces, figures and words around it) are
        /// read by the fast path as the general path reads them, or left to it.
        #[test]
        fn plain_cells_with_residue_agree_with_any_cell(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "[bookmark:", "[bookmark: _GoBack]", "]", " ", "\u{3000}", "\u{a0}", "1",
                    "12", "规章", "x", "**", "*", "_", "<b>", "&", "[",
                ]),
                0..8,
            )
        ) {
            let piece: String = parts.concat();
            proptest::prop_assert!(plain_cell_agrees(&piece).is_ok(), "{:?}", plain_cell_agrees(&piece));
        }

        /// A table of pipe, TAB, cell and label lines is assembled alike from kept tokens and
        /// while read.
        #[test]
        fn tables_assemble_alike_kept_or_not(
            table_lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "| 规章 | 0 | 1 | 2 |", "|---|---|---|---|", "||||", "| | | 3 |",
                    "| （一）予以公开 | 5 | 1 2 3 |", "| 见附件 | 4 |", "规章 |", "0 |",
                    "\t（二）部分公开\t1\t2", "\t0", "\t", "", "\t一、本年新收政府信息公开申请数量",
                    "\t二、上年结转政府信息公开申请数量\t3\t0 0 0", "第二十条第（一）项", "| 维持 | 纠正 |",
                    "\t\t结果纠正\t1", "| 三、本年度办理结果 | | |", "— 6 —",
                ]),
                1..16,
            )
        ) {
            let text = table_lines.join("\n") + "\n";
            if let Some((kept, direct)) = both_assemblies(&text) {
                proptest::prop_assert_eq!(kept, direct, "{}", text);
            }
        }

        /// A row's line, walked to from the last row's, is the one the search finds.
        #[test]
        fn a_rows_line_is_the_one_searched_for(
            gaps in proptest::collection::vec(1usize..6, 0..30),
            starts in proptest::collection::vec(0usize..120, 1..40),
        ) {
            let mut lines = Vec::new();
            let mut at = 0;
            for gap in gaps {
                lines.push(Line { start: at, end: at + gap, content_end: at + gap });
                at += gap;
            }
            let mut memo = LabelMemo::default();
            let mut assembler = Assembler::new(0, &lines, &mut memo);
            for start in starts {
                let searched = lines.partition_point(|l| l.start <= start).saturating_sub(1);
                proptest::prop_assert_eq!(assembler.table.line_of(start), searched);
            }
        }

        /// Whatever the piece, the fast path reads it as the general path does, or leaves it.
        #[test]
        fn plain_cells_agree_with_any_cell(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    ' ', '\t', '\u{b}', '\u{85}', '\u{2028}', '\u{a0}', '\u{3000}', '\u{200b}',
                    '\u{feff}', '\u{1680}', '\u{2000}', '\u{205f}', '\u{b5}', 'é', '、', '〇',
                    'Ａ', '𠀀', '1', '0', 'a', 'O',
                    '规', '章', '十', '无', '（', '）', '*', '_', '~', '<', '>', 'b', '[', ']', '&',
                    ';', '-', '—', '/', ':', '|',
                ]),
                0..12,
            )
        ) {
            let piece: String = chars.into_iter().collect();
            proptest::prop_assert!(plain_cell_agrees(&piece).is_ok(), "{:?}", plain_cell_agrees(&piece));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_most_common_width_is_the_one_a_map_counts(
            widths in proptest::collection::vec(
                proptest::prop_oneof![0usize..8, 60usize..70, 0usize..200],
                0..40,
            )
        ) {
            let mut counts = std::collections::BTreeMap::<usize, usize>::new();
            for &w in &widths {
                *counts.entry(w).or_default() += 1;
            }
            let expected = counts.into_iter().max_by_key(|&(w, n)| (n, w)).map(|(w, _)| w);
            proptest::prop_assert_eq!(most_common(widths.into_iter()), expected);
        }
    }
}
