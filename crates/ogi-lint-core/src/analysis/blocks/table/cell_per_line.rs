//! One cell per line, TAB-indented, a blank line between rows (Word's and WPS's text export):
//! a cell may wrap onto a following line that is not TAB-indented (`\t本年新` / `制作数量`).

use super::{raw_cell, PipeLine, Tokens};
use crate::analysis::blocks::{Line, LineClass};

pub(super) fn read_line(tokens: &mut Tokens, line: &Line, class: LineClass, pipe: PipeLine) {
    match class {
        LineClass::Blank => tokens.row_break(),
        LineClass::Comment | LineClass::PageMark => {}
        LineClass::TableLabel => tokens.label_line(line),
        LineClass::Text | LineClass::Heading => tokens.wrapped_cell(line),
        LineClass::Pipe => {
            if !tokens.delimiter_or_bars(pipe) {
                tokens.pipe_row(line);
            }
        }
        LineClass::Tab => {
            // One cell per line; a line with several TABs still holds one cell here.
            let cell = raw_cell(tokens.text, line.start..line.content_end);
            tokens.cell(cell);
        }
    }
}
