//! One cell per line, each ending in ` |` (`规章 |`, `0 |`); runs of bare `|` (`||||`) stand
//! for empty merged cells and end a row.

use super::{pipe_cells, raw_cell, Tokens};
use crate::analysis::blocks::{Line, LineClass};
use crate::analysis::text::trim;

pub(super) fn read_line(tokens: &mut Tokens, line: &Line, class: LineClass) {
    match class {
        LineClass::Blank | LineClass::Comment => {}
        LineClass::TableLabel => tokens.label_line(line),
        // A wrapped cell's first part waits for the line that ends with ` |`.
        LineClass::Text | LineClass::Heading => tokens.wrapped(line, false),
        LineClass::Pipe => {
            if tokens.delimiter_or_bars(line) {
                return;
            }
            let cells = pipe_cells(tokens.text, line);
            if trim(tokens.content(line)).starts_with('|') {
                tokens.whole_row(cells.into_iter());
                return;
            }
            for c in cells {
                let cell = raw_cell(tokens.text, c);
                let cell = tokens.merge_pending(cell);
                tokens.cell(cell);
            }
        }
        LineClass::Tab => {
            let content = tokens.content(line);
            let mut start = line.start;
            let pieces = content.split('\t').map(move |piece| {
                let range = start..start + piece.len();
                start = range.end + 1;
                range
            });
            tokens.whole_row(pieces);
        }
    }
}
