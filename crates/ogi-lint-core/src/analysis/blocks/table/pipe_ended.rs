//! One cell per line, each ending in ` |` (`规章 |`, `0 |`); runs of bare `|` (`||||`) stand
//! for empty merged cells and end a row.

use super::{raw_cell, PipeLine, Tokens};
use crate::analysis::blocks::{Line, LineClass};

pub(super) fn read_line(tokens: &mut Tokens, line: &Line, class: LineClass, pipe: PipeLine) {
    match class {
        LineClass::Blank | LineClass::Comment | LineClass::PageMark => {}
        LineClass::TableLabel => tokens.label_line(line),
        // A wrapped cell's first part waits for the line that ends with ` |`.
        LineClass::Text | LineClass::Heading => tokens.wrapped(line, false),
        LineClass::Pipe => {
            if tokens.delimiter_or_bars(pipe) {
                return;
            }
            let mut cells = tokens.pipe_cells(line);
            // A whole row among the one-cell lines (`| a | b |`, `a | b | c`).
            if matches!(pipe, PipeLine::Cells { whole_row: true }) {
                tokens.whole_row(cells.drain(..));
            } else {
                for c in cells.drain(..) {
                    let cell = raw_cell(tokens.text, c);
                    let cell = tokens.merge_pending(cell);
                    tokens.cell(cell);
                }
            }
            tokens.return_pipe_cells(cells);
        }
        LineClass::Tab => tokens.tab_row(line),
    }
}
