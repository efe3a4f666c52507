//! Conversions between the analysis (byte offsets into the text) and LSP (positions in the
//! negotiated encoding) on a [`Rope`].
//!
//! Positions are counted with the rope's own indexes (chars, UTF-16 code units, lines: each an
//! O(log n) lookup), so a position on a line of megabytes costs no more than on a short one.
//! They follow [`crate::line_index`]'s rules (lines end at `\n`, `\r\n` or `\r`; a column
//! inside a character snaps back to it), and tests check that they equal `LineIndex`'s numbers,
//! so the server's `publishDiagnostics` and `check --format json` give the same ranges.
//! Out-of-range positions are clamped, never a panic.

use super::carryover::LastYearLink;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use ropey::Rope;
use serde_json::json;
use tower_lsp_server::ls_types as lsp;

use crate::analysis::{self, Diagnostic, Fix};
use crate::line_index::Encoding;

/// Where each rule's documentation lives (`codeDescription.href`).
pub const RULE_DOCS: &str = "https://github.com/ogi-lint/ogi-lint/blob/main/docs/rules/";

/// The `source` of every diagnostic.
pub const SOURCE: &str = "ogi-lint";

/// The largest char boundary ≤ `offset`, clamped to the rope.
pub fn floor_boundary(rope: &Rope, offset: usize) -> usize {
    let offset = offset.min(rope.len_bytes());
    rope.char_to_byte(rope.byte_to_char(offset))
}

/// The char index where line `line` (which must exist) ends, before its terminator.
fn line_end_char(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_char(line);
    let mut end = if line + 1 < rope.len_lines() {
        rope.line_to_char(line + 1)
    } else {
        rope.len_chars()
    };
    // As `line_index::strip_line_terminator`: a `\n`, then a `\r`.
    for terminator in ['\n', '\r'] {
        if end > start && rope.char(end - 1) == terminator {
            end -= 1;
        }
    }
    end
}

/// The byte offset of an LSP position, clamped: a line past the end gives the end of the text, a
/// column past the end of its line the end of that line (before its terminator), a column inside
/// a character (half a surrogate pair) the start of that character.
///
/// Every step is one of the rope's O(log n) index conversions, so the cost does not grow with
/// the length of the line.
pub fn offset(rope: &Rope, position: lsp::Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_char(line);
    let end = line_end_char(rope, line);
    let column = position.character as usize;
    let char_idx = match encoding {
        Encoding::Utf8 => {
            let byte = rope.char_to_byte(start).saturating_add(column);
            // Inside a character: `byte_to_char` gives that character.
            rope.byte_to_char(byte.min(rope.char_to_byte(end)))
        }
        Encoding::Utf16 => {
            let unit = rope.char_to_utf16_cu(start).saturating_add(column);
            // Inside a surrogate pair: `utf16_cu_to_char` gives its character.
            rope.utf16_cu_to_char(unit.min(rope.char_to_utf16_cu(end)))
        }
    };
    rope.char_to_byte(char_idx)
}

/// The byte range of an LSP range, clamped; a reversed range is read as empty at its start.
pub fn byte_range(rope: &Rope, range: lsp::Range, encoding: Encoding) -> Range<usize> {
    let start = offset(rope, range.start, encoding);
    let end = offset(rope, range.end, encoding).max(start);
    start..end
}

/// The LSP position of byte `offset` (clamped, snapped back to a char boundary), in O(log n)
/// whatever the length of its line.
pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> lsp::Position {
    let char_idx = rope.byte_to_char(offset.min(rope.len_bytes()));
    let line = rope.char_to_line(char_idx);
    let start = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(start),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(start),
    };
    lsp::Position {
        line: line as u32,
        character: character as u32,
    }
}

pub fn range(rope: &Rope, range: Range<usize>, encoding: Encoding) -> lsp::Range {
    lsp::Range {
        start: position(rope, range.start, encoding),
        end: position(rope, range.end.max(range.start), encoding),
    }
}

/// The document's line ending: that of its first line, `\n` when it has none.
pub fn line_ending(rope: &Rope) -> &'static str {
    let mut chars = rope.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\n' => return "\n",
            '\r' if chars.next() == Some('\n') => return "\r\n",
            '\r' => return "\r",
            _ => {}
        }
    }
    "\n"
}

/// An analysis diagnostic as LSP sends it. `version` is stored in `data` with the fix, so a
/// code action can tell whether the fix's ranges still apply to the text. Related places (the
/// other totals a wrong figure breaks) are in the same document, `uri`, or in last year's
/// report (`last_year`).
pub fn diagnostic(
    uri: &lsp::Uri,
    rope: &Rope,
    diag: &Diagnostic,
    encoding: Encoding,
    version: i32,
    last_year: Option<&LastYearLink>,
) -> lsp::Diagnostic {
    let code = diag.code.as_str();
    let data = diag.fix.as_ref().map(|fix| {
        json!({
            "version": version,
            "fix": fix_json(rope, fix, encoding),
        })
    });
    let related: Vec<lsp::DiagnosticRelatedInformation> = diag
        .related
        .iter()
        .filter_map(|related| {
            let (uri, rope) = match (&related.document, last_year) {
                (None, _) => (uri, rope),
                (Some(document), Some(last)) if *document == last.last_year.document => {
                    (&last.uri, &last.rope)
                }
                (Some(_), _) => return None,
            };
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri: uri.clone(),
                    range: range(rope, related.range.clone(), encoding),
                },
                message: related.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: range(rope, diag.range.clone(), encoding),
        severity: Some(severity(diag.severity)),
        code: Some(lsp::NumberOrString::String(code.to_owned())),
        code_description: rule_href(code).map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: diag.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

pub fn severity(severity: analysis::Severity) -> lsp::DiagnosticSeverity {
    match severity {
        analysis::Severity::Error => lsp::DiagnosticSeverity::ERROR,
        analysis::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        analysis::Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        analysis::Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// The rule's docs page, parsed once per rule.
pub fn rule_href(code: &str) -> Option<lsp::Uri> {
    static HREFS: OnceLock<HashMap<&'static str, lsp::Uri>> = OnceLock::new();
    let hrefs = HREFS.get_or_init(|| {
        analysis::RuleCode::ALL
            .iter()
            .filter_map(|rule| {
                let code = rule.as_str();
                Some((code, format!("{RULE_DOCS}{code}.md").parse().ok()?))
            })
            .collect()
    });
    match hrefs.get(code) {
        Some(href) => Some(href.clone()),
        None => format!("{RULE_DOCS}{code}.md").parse().ok(),
    }
}

fn fix_json(rope: &Rope, fix: &Fix, encoding: Encoding) -> serde_json::Value {
    let edits: Vec<lsp::TextEdit> = fix
        .edits
        .iter()
        .map(|edit| lsp::TextEdit {
            range: range(rope, edit.range.clone(), encoding),
            new_text: edit.new_text.clone(),
        })
        .collect();
    json!({ "title": fix.title, "safe": fix.safe, "edits": edits })
}

/// The fix carried in a diagnostic's `data`, when it was computed for `version`.
pub struct DataFix {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<lsp::TextEdit>,
}

pub fn fix_from_data(data: Option<&serde_json::Value>, version: i32) -> Option<DataFix> {
    let data = data?;
    if data.get("version")?.as_i64()? != i64::from(version) {
        return None;
    }
    let fix = data.get("fix")?;
    Some(DataFix {
        title: fix.get("title")?.as_str()?.to_owned(),
        safe: fix.get("safe").and_then(|v| v.as_bool()).unwrap_or(false),
        edits: serde_json::from_value(fix.get("edits")?.clone()).ok()?,
    })
}

pub fn hover(rope: &Rope, info: analysis::HoverInfo, encoding: Encoding) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: info.markdown,
        }),
        range: Some(range(rope, info.range, encoding)),
    }
}

pub fn inlay_hint(rope: &Rope, hint: analysis::InlayHint, encoding: Encoding) -> lsp::InlayHint {
    lsp::InlayHint {
        position: position(rope, hint.offset, encoding),
        label: lsp::InlayHintLabel::String(hint.label),
        kind: None,
        text_edits: None,
        tooltip: hint.tooltip.map(lsp::InlayHintTooltip::String),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out.
pub fn document_symbol(
    rope: &Rope,
    symbol: analysis::Symbol,
    encoding: Encoding,
) -> lsp::DocumentSymbol {
    let full = range(rope, symbol.range, encoding);
    let mut selection = range(rope, symbol.selection_range, encoding);
    // LSP requires the selection range to be contained in the full range.
    if selection.start < full.start || selection.end > full.end {
        selection = full;
    }
    let children: Vec<lsp::DocumentSymbol> = symbol
        .children
        .into_iter()
        .map(|child| document_symbol(rope, child, encoding))
        .collect();
    lsp::DocumentSymbol {
        name: if symbol.name.trim().is_empty() {
            "(untitled)".to_owned()
        } else {
            symbol.name
        },
        detail: symbol.detail,
        kind: match symbol.kind {
            analysis::SymbolKind::Section => lsp::SymbolKind::MODULE,
            analysis::SymbolKind::Table => lsp::SymbolKind::STRUCT,
            analysis::SymbolKind::Block => lsp::SymbolKind::FIELD,
        },
        tags: None,
        deprecated: None,
        range: full,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

/// The outline flattened, for clients without hierarchical symbol support.
#[allow(deprecated)] // `SymbolInformation::deprecated` must be spelled out.
pub fn flatten_symbols(
    uri: &lsp::Uri,
    symbols: Vec<lsp::DocumentSymbol>,
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    for symbol in symbols {
        out.push(lsp::SymbolInformation {
            name: symbol.name.clone(),
            kind: symbol.kind,
            tags: None,
            deprecated: None,
            location: lsp::Location {
                uri: uri.clone(),
                range: symbol.range,
            },
            container_name: container.map(str::to_owned),
        });
        if let Some(children) = symbol.children {
            flatten_symbols(uri, children, Some(&symbol.name), out);
        }
    }
}

pub fn completion(
    rope: &Rope,
    item: analysis::Completion,
    encoding: Encoding,
    snippets: bool,
) -> lsp::CompletionItem {
    let is_snippet = item.kind == analysis::CompletionKind::Snippet;
    let (new_text, format) = if is_snippet && snippets {
        (item.insert_text, lsp::InsertTextFormat::SNIPPET)
    } else if is_snippet {
        (
            strip_snippet(&item.insert_text),
            lsp::InsertTextFormat::PLAIN_TEXT,
        )
    } else {
        (item.insert_text, lsp::InsertTextFormat::PLAIN_TEXT)
    };
    lsp::CompletionItem {
        label: item.label,
        kind: Some(match item.kind {
            analysis::CompletionKind::Label => lsp::CompletionItemKind::VALUE,
            analysis::CompletionKind::Heading => lsp::CompletionItemKind::KEYWORD,
            analysis::CompletionKind::Snippet => lsp::CompletionItemKind::SNIPPET,
        }),
        detail: item.detail,
        insert_text_format: Some(format),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range: range(rope, item.replace, encoding),
            new_text,
        })),
        ..lsp::CompletionItem::default()
    }
}

/// Snippet syntax removed, for clients that cannot expand snippets: `${1:x}` → `x`, `$1` → ``,
/// `\$` → `$`.
pub fn strip_snippet(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '$' => match chars.peek() {
                Some('{') => {
                    chars.next();
                    while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                        chars.next();
                    }
                    if chars.peek() == Some(&':') {
                        chars.next();
                    }
                    let mut depth = 0usize;
                    for inner in chars.by_ref() {
                        match inner {
                            '{' => depth += 1,
                            '}' if depth == 0 => break,
                            '}' => depth -= 1,
                            _ => out.push(inner),
                        }
                    }
                }
                Some(c) if c.is_ascii_digit() => {
                    while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                        chars.next();
                    }
                }
                _ => out.push('$'),
            },
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    use crate::line_index::{self, LineIndex};

    const TEXTS: &[&str] = &[
        "",
        "\n",
        "一、总体情况\n报😀告x\r\nlast",
        "a\rb\n\r\n\rc",
        "（一）予以公开\t0\r\n😀 emoji\rend\n",
        "x\u{2028}y\u{85}z\n",
    ];

    /// The short texts, and lines of a few of `LineIndex`'s checkpoint strides with CJK (3
    /// bytes, 1 UTF-16 unit) and emoji (4 bytes, a surrogate pair), ending in CRLF, LF, CR.
    fn texts() -> Vec<String> {
        let long = "报1😀|".repeat(300);
        let mut res: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        res.push(format!("short\r\n{long}\r\n{long}\n{long}\r{long}"));
        res.push(long);
        res
    }

    #[test]
    fn positions_equal_line_index() {
        for text in texts() {
            let rope = Rope::from_str(&text);
            let index = LineIndex::new(&text);
            assert_eq!(rope.len_lines(), index.line_count(), "{text:?}");
            for offset in 0..=text.len() + 2 {
                for encoding in [Encoding::Utf16, Encoding::Utf8] {
                    let ours = position(&rope, offset, encoding);
                    let theirs = index.position(&text, offset, encoding);
                    assert_eq!(
                        (ours.line, ours.character),
                        (theirs.line, theirs.character),
                        "{offset} {encoding:?} in {:?}",
                        &text[..text.len().min(40)]
                    );
                }
            }
        }
    }

    #[test]
    fn offsets_equal_line_index() {
        for text in texts() {
            let rope = Rope::from_str(&text);
            let index = LineIndex::new(&text);
            for line in 0..index.line_count() as u32 + 2 {
                let width = index.line_range(line as usize).len() as u32;
                // Every column of the line (in bytes, so every UTF-16 column too) and past it.
                for character in (0..width + 3).chain([u32::MAX]) {
                    for encoding in [Encoding::Utf16, Encoding::Utf8] {
                        let ours = offset(&rope, lsp::Position { line, character }, encoding);
                        let theirs =
                            index.offset(&text, line_index::Position { line, character }, encoding);
                        assert_eq!(ours, theirs, "{line}:{character} {encoding:?}");
                    }
                }
            }
        }
    }

    /// The best time of a few runs of `f`.
    fn best_of(f: impl Fn() -> usize) -> Duration {
        (0..3)
            .map(|_| {
                let t0 = Instant::now();
                std::hint::black_box(f());
                t0.elapsed()
            })
            .min()
            .unwrap_or_default()
    }

    /// A thousand positions spread over one line, both ways, take about as long on a 4 MB line as
    /// on a 128 KB one (counting from the line's start on every call took ×32).
    #[test]
    fn conversions_on_a_long_line_do_not_grow_with_it() {
        let convert_all = |rope: &Rope| {
            let len = rope.len_bytes();
            let mut sum = 0usize;
            for i in 0..1000 {
                let at = len / 1000 * i;
                for encoding in [Encoding::Utf16, Encoding::Utf8] {
                    let pos = position(rope, at, encoding);
                    sum += offset(rope, pos, encoding);
                }
            }
            sum
        };
        let line = |bytes: usize| Rope::from_str(&"报1😀|".repeat(bytes / 9));
        let (small, large) = (line(128 << 10), line(4 << 20));
        best_of(|| convert_all(&small));
        let t_small = best_of(|| convert_all(&small));
        let t_large = best_of(|| convert_all(&large));
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
        assert!(
            ratio < 8.0,
            "4 MB line {t_large:?}, 128 KB line {t_small:?}: ×{ratio:.1} (the lengths are ×32)"
        );
    }

    #[test]
    fn line_endings() {
        assert_eq!(line_ending(&Rope::from_str("a\r\nb\n")), "\r\n");
        assert_eq!(line_ending(&Rope::from_str("a\rb")), "\r");
        assert_eq!(line_ending(&Rope::from_str("a\nb\r\n")), "\n");
        assert_eq!(line_ending(&Rope::from_str("ab")), "\n");
    }

    #[test]
    fn shapes_of_navigation_results() {
        let text = "一、总体情况\n| 😀总计 | 3 |\n";
        let rope = Rope::from_str(text);
        let at = text.find('3').unwrap_or_default();
        let hint = inlay_hint(
            &rope,
            analysis::InlayHint {
                offset: at + 1,
                label: "≠ 2".to_owned(),
                tooltip: None,
            },
            Encoding::Utf16,
        );
        assert_eq!(
            (hint.position.line, hint.position.character),
            (1, 10),
            "UTF-16 column after the surrogate pair and the digit"
        );
        let section = analysis::Symbol {
            name: "一、总体情况".to_owned(),
            detail: None,
            kind: analysis::SymbolKind::Section,
            range: 0..text.len(),
            // Out of its range: replaced by the full range.
            selection_range: 0..text.len() + 5,
            children: vec![],
        };
        let symbol = document_symbol(&rope, section, Encoding::Utf16);
        assert_eq!(symbol.selection_range, symbol.range);
        assert_eq!(symbol.kind, lsp::SymbolKind::MODULE);
        assert!(symbol.children.is_none());
        let snippet = analysis::Completion {
            label: "表格".to_owned(),
            detail: None,
            kind: analysis::CompletionKind::Snippet,
            insert_text: "| ${1:规章} | $0 |".to_owned(),
            replace: at..at,
        };
        let item = completion(&rope, snippet.clone(), Encoding::Utf16, true);
        assert_eq!(
            item.insert_text_format,
            Some(lsp::InsertTextFormat::SNIPPET)
        );
        let item = completion(&rope, snippet, Encoding::Utf16, false);
        assert_eq!(
            item.insert_text_format,
            Some(lsp::InsertTextFormat::PLAIN_TEXT)
        );
        match item.text_edit {
            Some(lsp::CompletionTextEdit::Edit(edit)) => assert_eq!(edit.new_text, "| 规章 |  |"),
            other => panic!("{other:?}"),
        }
        assert!(rule_href("total-mismatch").is_some());
    }

    #[test]
    fn snippets_stripped() {
        assert_eq!(strip_snippet("| ${1:规章} | $2 |$0"), "| 规章 |  |");
        assert_eq!(strip_snippet("\\$5 ${10}"), "$5 ");
    }
}
