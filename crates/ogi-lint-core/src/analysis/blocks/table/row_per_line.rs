//! One row per line: GFM pipe rows (`| 规章 | 0 | 0 | 0 |`) and TAB-separated rows
//! (`\t（一）予以公开\t0\t1\t…`, leading empty cells for merged label columns).

use super::{PipeLine, Tokens};
use crate::analysis::blocks::{inner_bars, Line, LineClass};
use crate::analysis::text::trim;

pub(super) fn read_line(tokens: &mut Tokens, line: &Line, class: LineClass, pipe: PipeLine) {
    match class {
        LineClass::Blank | LineClass::Comment | LineClass::PageMark => {}
        LineClass::TableLabel => tokens.label_line(line),
        LineClass::Text | LineClass::Heading => {
            if inner_bars(trim(tokens.content(line))) > 0 {
                // A pipe row of labels with one separator (`信息内容 | 本年处理决定数量`): not
                // a row on its own line class, but a row inside a table.
                tokens.pipe_row(line);
                return;
            }
            // A label wrapped before its row's cells (`一、本年新收政府信息公开申请` / `数量 |…`)
            // starts the next row once the last row held values (unless it ends that row's
            // label).
            tokens.wrapped_row_line(line);
        }
        LineClass::Pipe => {
            if !tokens.delimiter_or_bars(pipe) {
                tokens.pipe_row(line);
            }
        }
        LineClass::Tab => tokens.tab_row(line),
    }
}
