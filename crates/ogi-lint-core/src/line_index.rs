//! Byte offsets ↔ (line, column): the only place that counts UTF-16.
//!
//! The analysis speaks byte ranges. The CLI's JSON/SARIF output and the language server speak
//! LSP positions: 0-based lines and columns in UTF-16 code units (or UTF-8 bytes when a client
//! negotiates it). Lines end at `\n`, `\r\n` or a lone `\r`, as LSP defines them.
//! Out-of-range input is clamped, never a panic.

use std::ops::Range;

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-16 code units: LSP's default and the CLI's JSON.
    #[default]
    Utf16,
    /// Bytes.
    Utf8,
}

/// A 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Start offsets of every line of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
    /// Column counts at every [`CHECKPOINT_STRIDE`] bytes of a long line, in offset order, so a
    /// position on a line of megabytes costs a binary search and at most one stride of
    /// counting, not a scan from the line's start (many findings on one long line would
    /// otherwise take time quadratic in its length).
    checkpoints: Vec<Checkpoint>,
}

/// Byte distance between two checkpoints of a long line.
const CHECKPOINT_STRIDE: usize = 1024;

/// The columns of a char boundary inside a long line, counted from the line's start.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    utf16: u32,
    chars: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut next = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if i < next {
                // The `\n` of a `\r\n`.
                continue;
            }
            next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
            line_starts.push(next);
        }
        let mut checkpoints = Vec::new();
        for (i, &start) in line_starts.iter().enumerate() {
            let end = line_starts.get(i + 1).copied().unwrap_or(text.len());
            if end - start > CHECKPOINT_STRIDE {
                add_checkpoints(text, start..end, &mut checkpoints);
            }
        }
        LineIndex {
            line_starts,
            len: text.len(),
            checkpoints,
        }
    }

    /// The last checkpoint of the line starting at `line_start` at or before `offset`.
    fn checkpoint_before(&self, line_start: usize, offset: usize) -> Option<Checkpoint> {
        let i = self.checkpoints.partition_point(|c| c.offset <= offset);
        let c = *self.checkpoints.get(i.checked_sub(1)?)?;
        (c.offset >= line_start).then_some(c)
    }

    /// The checkpoints of the line `range`.
    fn checkpoints_in(&self, range: Range<usize>) -> &[Checkpoint] {
        let lo = self.checkpoints.partition_point(|c| c.offset < range.start);
        let hi = self.checkpoints.partition_point(|c| c.offset < range.end);
        &self.checkpoints[lo..hi]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of line `line` including its terminator (clamped to the last line).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let line = line.min(self.line_starts.len() - 1);
        let start = self.line_starts[line];
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        start..end
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let character = match self.checkpoint_before(start, offset) {
            Some(c) => {
                let base = match encoding {
                    Encoding::Utf16 => c.utf16,
                    Encoding::Utf8 => (c.offset - start) as u32,
                };
                base + column_of(&text[c.offset..offset], encoding)
            }
            None => column_of(&text[start..offset], encoding),
        };
        Position {
            line: line as u32,
            character,
        }
    }

    /// The 0-based column of byte `offset` in characters (what a terminal user counts).
    pub fn char_column(&self, text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let start = self.line_starts[self.line_of(offset)];
        match self.checkpoint_before(start, offset) {
            Some(c) => c.chars as usize + text[c.offset..offset].chars().count(),
            None => text[start..offset].chars().count(),
        }
    }

    /// The byte offset of `position` in `text`, clamped: a line past the end gives the end of
    /// the text, a column past the end of its line gives the end of that line (before the line
    /// terminator), and a column inside a surrogate pair gives the start of that character.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let range = self.line_range(line);
        let line_text = strip_line_terminator(&text[range.clone()]);
        let column = position.character;
        let units = |c: &Checkpoint| match encoding {
            Encoding::Utf16 => c.utf16,
            Encoding::Utf8 => (c.offset - range.start) as u32,
        };
        let checkpoints = self.checkpoints_in(range.start..range.start + line_text.len());
        let i = checkpoints.partition_point(|c| units(c) <= column);
        match i.checked_sub(1).and_then(|i| checkpoints.get(i)) {
            Some(c) => {
                let rest = &line_text[c.offset - range.start..];
                c.offset + byte_of_column(rest, column - units(c), encoding)
            }
            _ => range.start + byte_of_column(line_text, column, encoding),
        }
    }
}

/// The positions of chosen byte offsets of one text, worked out in one forward walk: for a
/// caller that needs a few positions of a text it then drops (the CLI's JSON and SARIF
/// output), where a [`LineIndex`] would cost a stop at every line of it. Gives what
/// [`LineIndex::position`] gives for the same offset.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// By offset, each offset once.
    found: Vec<(usize, Position)>,
}

impl Positions {
    pub fn new(
        text: &str,
        offsets: impl IntoIterator<Item = usize>,
        encoding: Encoding,
    ) -> Positions {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let bytes = text.as_bytes();
        if memchr::memchr(b'\r', bytes).is_some() {
            // A `\r` ends a line alone or with the `\n` after it: the index knows how.
            let index = LineIndex::new(text);
            let found = wanted
                .into_iter()
                .map(|offset| (offset, index.position(text, offset, encoding)))
                .collect();
            return Positions { found };
        }
        // Only `\n` ends lines: lines counted with a vectorised count, and each byte is
        // looked at once however many offsets share a long line (the column of the next
        // offset on the same line goes on from the last one's).
        let mut found = Vec::with_capacity(wanted.len());
        let (mut line, mut at, mut character) = (0u32, 0usize, 0u32);
        for offset in wanted {
            let next = floor_char_boundary(text, offset);
            let between = &bytes[at..next];
            let breaks = memchr::memchr_iter(b'\n', between).count();
            let line_start = match breaks {
                0 => {
                    character += column_of(&text[at..next], encoding);
                    None
                }
                _ => memchr::memrchr(b'\n', between).map(|i| at + i + 1),
            };
            if let Some(start) = line_start {
                line += breaks as u32;
                character = column_of(&text[start..next], encoding);
            }
            at = next;
            found.push((offset, Position { line, character }));
        }
        Positions { found }
    }

    /// The position of `offset`, if it is one of the offsets these were made for.
    pub fn get(&self, offset: usize) -> Option<Position> {
        let i = self
            .found
            .binary_search_by_key(&offset, |(at, _)| *at)
            .ok()?;
        self.found.get(i).map(|(_, position)| *position)
    }
}

/// Checkpoints every [`CHECKPOINT_STRIDE`] bytes of the line `range` (snapped forward to char
/// boundaries).
fn add_checkpoints(text: &str, range: Range<usize>, out: &mut Vec<Checkpoint>) {
    let (mut utf16, mut chars) = (0u32, 0u32);
    let mut next = range.start + CHECKPOINT_STRIDE;
    for (i, ch) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if at >= next {
            out.push(Checkpoint {
                offset: at,
                utf16,
                chars,
            });
            next = at + CHECKPOINT_STRIDE;
        }
        utf16 += ch.len_utf16() as u32;
        chars += 1;
    }
}

/// The width of `prefix` (text from a line start) in `encoding` units.
pub fn column_of(prefix: &str, encoding: Encoding) -> u32 {
    match encoding {
        Encoding::Utf8 => prefix.len() as u32,
        Encoding::Utf16 => prefix.chars().map(|c| c.len_utf16() as u32).sum(),
    }
}

/// The byte offset within `line` (without its terminator) of column `column`, clamped to the
/// line's end; a column inside a character snaps back to that character's start.
pub fn byte_of_column(line: &str, column: u32, encoding: Encoding) -> usize {
    let column = column as usize;
    match encoding {
        Encoding::Utf8 => floor_char_boundary(line, column.min(line.len())),
        Encoding::Utf16 => {
            let mut units = 0;
            for (idx, ch) in line.char_indices() {
                let next = units + ch.len_utf16();
                if next > column {
                    return idx;
                }
                units = next;
            }
            line.len()
        }
    }
}

/// `line` without a trailing `\n`, `\r\n` or `\r`.
pub fn strip_line_terminator(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The largest char boundary ≤ `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_emoji_and_surrogates() {
        // '报' is 3 bytes and 1 UTF-16 unit; '😀' is 4 bytes and 2 UTF-16 units.
        let text = "一、总体情况\n报😀告x\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(
            index.position(text, x, Encoding::Utf16),
            Position {
                line: 1,
                character: 4
            }
        );
        assert_eq!(
            index.position(text, x, Encoding::Utf8),
            Position {
                line: 1,
                character: 10
            }
        );
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 1,
                    character: 4
                },
                Encoding::Utf16
            ),
            x
        );
        // Inside the surrogate pair: snaps to the emoji's start.
        let emoji = text.find('😀').unwrap_or_default();
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 1,
                    character: 2
                },
                Encoding::Utf16
            ),
            emoji
        );
        // Past the end of a CRLF line: its end, before the terminator.
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 1,
                    character: 99
                },
                Encoding::Utf16
            ),
            x + 1
        );
        // Past the last line: the end of the text.
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            text.len()
        );
    }

    /// Every char boundary and a few offsets inside characters and past the end, asked all
    /// at once: what the index says.
    fn positions_agree_with_the_index(text: &str) {
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 3).rev().collect();
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let positions = Positions::new(text, offsets.iter().copied(), encoding);
            for &offset in &offsets {
                assert_eq!(
                    positions.get(offset),
                    Some(index.position(text, offset, encoding)),
                    "{text:?} {offset} {encoding:?}"
                );
            }
            assert_eq!(positions.get(text.len() + 4), None);
        }
    }

    #[test]
    fn positions_of_chosen_offsets() {
        positions_agree_with_the_index("");
        positions_agree_with_the_index("一、总体情况\n报😀告x\n\nlast");
        positions_agree_with_the_index("a\rb\r\n（七）总计\n😀");
        positions_agree_with_the_index(&format!("{}\n{}", "报1😀|".repeat(700), "x"));
        // A few offsets, unsorted and repeated, on a text without `\r`.
        let text = "第一行\n第二行😀\n";
        let positions = Positions::new(text, [13, 0, 13, 4], Encoding::Utf16);
        assert_eq!(positions.get(0), Some(Position::default()));
        assert_eq!(
            positions.get(4),
            Some(Position {
                line: 0,
                character: 1
            })
        );
        assert_eq!(
            positions.get(13),
            Some(Position {
                line: 1,
                character: 1
            })
        );
        assert_eq!(positions.get(1), None);
    }

    proptest::proptest! {
        #[test]
        fn positions_agree_with_the_index_on_any_text(
            text in "[a\n\r报😀（ ]{0,40}",
        ) {
            positions_agree_with_the_index(&text);
        }
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "a\rb\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(
            index.position(text, 2, Encoding::Utf16),
            Position {
                line: 1,
                character: 0
            }
        );
    }

    #[test]
    fn round_trip_every_char_boundary() {
        let text = "（一）予以公开\t0\r\n😀 emoji\rend";
        let index = LineIndex::new(text);
        for (offset, ch) in text.char_indices() {
            // The `\n` of a CRLF is inside the line terminator: no column points at it.
            if ch == '\n' && text[..offset].ends_with('\r') {
                continue;
            }
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let pos = index.position(text, offset, encoding);
                assert_eq!(
                    index.offset(text, pos, encoding),
                    offset,
                    "{offset} {encoding:?}"
                );
            }
        }
    }

    #[test]
    fn long_lines_agree_with_counting_from_the_line_start() {
        // Lines of several strides, with CJK (3 bytes, 1 unit) and emoji (4 bytes, 2 units),
        // so checkpoints fall on every kind of character and past a CRLF.
        let long: String = "报1😀|".repeat(700);
        let text = format!("short\r\n{long}\r\n{long}\nend");
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for (offset, ch) in text.char_indices() {
            if ch == '\n' && text[..offset].ends_with('\r') {
                continue;
            }
            let line = index.line_of(offset);
            let prefix = &text[index.line_range(line).start..offset];
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let pos = index.position(&text, offset, encoding);
                assert_eq!(pos.character, column_of(prefix, encoding), "{offset}");
                assert_eq!(index.offset(&text, pos, encoding), offset, "{offset}");
            }
            assert_eq!(index.char_column(&text, offset), prefix.chars().count());
        }
        // A column past the end of a long line: the end of that line.
        let second = index.line_range(1);
        let pos = Position {
            line: 1,
            character: u32::MAX,
        };
        assert_eq!(
            index.offset(&text, pos, Encoding::Utf16),
            second.start + long.len()
        );
    }
}
