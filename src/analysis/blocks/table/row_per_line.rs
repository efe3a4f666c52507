//! One row per line: GFM pipe rows (`| 规章 | 0 | 0 | 0 |`) and TAB-separated rows
//! (`\t（一）予以公开\t0\t1\t…`, leading empty cells for merged label columns).

use super::{pipe_cells, Tokens};
use crate::analysis::blocks::{Line, LineClass};

pub(super) fn read_line(tokens: &mut Tokens, line: &Line, class: LineClass) {
    match class {
        LineClass::Blank | LineClass::Comment => {}
        LineClass::TableLabel => tokens.label_line(line),
        LineClass::Text | LineClass::Heading => {
            // A label wrapped before its row's cells (`一、本年新收政府信息公开申请` / `数量 |…`)
            // starts the next row once the last row held values.
            let joins_previous = !tokens.last_line_was_value_row;
            tokens.wrapped(line, joins_previous);
        }
        LineClass::Pipe => {
            if !tokens.delimiter_or_bars(line) {
                let cells = pipe_cells(tokens.text, line);
                tokens.whole_row(cells.into_iter());
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
