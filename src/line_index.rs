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
        LineIndex {
            line_starts,
            len: text.len(),
        }
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
        let character = column_of(&text[start..offset], encoding);
        Position {
            line: line as u32,
            character,
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
        range.start + byte_of_column(line_text, position.character, encoding)
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
}
