//! Code actions: each diagnostic's fix as a quick fix, "disable this rule on this line", and
//! `source.fixAll.ogi-lint`.
//!
//! Both kinds of fix go through the analysis' one fix engine ([`crate::analysis::fix`]), the one
//! `check --fix` uses: fix-all is `fix_all` of the document's text, and a quick fix is
//! `apply_fix` of its fix (valid edits, the document's line breaks, never an added error). Each
//! returns the engine's resulting text as the edits from the current text to it, so fix-all in
//! the editor and `check --fix` give the same text byte for byte.
//!
//! A quick fix's edits come from the diagnostic's `data`, which holds the version they were
//! computed for; when the client sends a diagnostic from an older version, the fix is looked up
//! among the current diagnostics instead, so no edit is ever applied to text it was not made for.

use std::collections::HashMap;

use tower_lsp_server::ls_types as lsp;

use super::convert;
use super::documents::{guard, Doc};
use crate::analysis::{fix, Edit, Fix};
use crate::line_index::Encoding;

/// `source.fixAll.ogi-lint`.
pub fn fix_all_kind() -> lsp::CodeActionKind {
    lsp::CodeActionKind::new("source.fixAll.ogi-lint")
}

/// What the client can take.
#[derive(Debug, Clone, Copy)]
pub struct EditCaps {
    pub encoding: Encoding,
    /// `workspace.workspaceEdit.documentChanges`: edits carry the document version.
    pub document_changes: bool,
}

pub fn code_actions(
    uri: &lsp::Uri,
    doc: &Doc,
    params: &lsp::CodeActionParams,
    caps: EditCaps,
) -> Vec<lsp::CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let mut res = Vec::new();
    let ours = params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some(convert::SOURCE));
    let mut current: Option<Vec<lsp::Diagnostic>> = None;
    for diag in ours {
        if wanted(only, &lsp::CodeActionKind::QUICKFIX) {
            let fix = convert::fix_from_data(diag.data.as_ref(), doc.version).or_else(|| {
                let current =
                    current.get_or_insert_with(|| doc.lsp_diagnostics(uri, caps.encoding));
                current
                    .iter()
                    .find(|c| c.range == diag.range && c.code == diag.code)
                    .and_then(|c| convert::fix_from_data(c.data.as_ref(), doc.version))
            });
            if let Some((fix, edits)) = fix.and_then(|fix| quick_fix_edits(doc, fix, caps.encoding))
            {
                res.push(action(
                    fix.title,
                    lsp::CodeActionKind::QUICKFIX,
                    vec![diag.clone()],
                    edit(uri, doc.version, edits, caps),
                    fix.safe,
                ));
            }
            if let Some(disable) = disable_on_line(uri, doc, diag, caps) {
                res.push(disable);
            }
        }
    }
    let fix_all = fix_all_kind();
    // Offered when asked for by kind, or in the unfiltered list when there is something to fix.
    if wanted(only, &fix_all) {
        if let Some(action) = fix_all_action(uri, doc, caps) {
            res.push(action);
        }
    }
    res
}

/// Whether an action of `kind` passes the client's `only` filter (a kind covers its sub-kinds).
fn wanted(only: Option<&[lsp::CodeActionKind]>, kind: &lsp::CodeActionKind) -> bool {
    let Some(only) = only else {
        return true;
    };
    let kind = kind.as_str();
    only.iter().any(|want| {
        let want = want.as_str();
        kind == want
            || kind
                .strip_prefix(want)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

fn action(
    title: String,
    kind: lsp::CodeActionKind,
    diagnostics: Vec<lsp::Diagnostic>,
    edit: lsp::WorkspaceEdit,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(edit),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}

/// One document's edits, versioned when the client supports it.
pub fn edit(
    uri: &lsp::Uri,
    version: i32,
    edits: Vec<lsp::TextEdit>,
    caps: EditCaps,
) -> lsp::WorkspaceEdit {
    if caps.document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..lsp::WorkspaceEdit::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..lsp::WorkspaceEdit::default()
        }
    }
}

/// Inserts `<!-- ogi-lint-disable-next-line CODE -->` on its own line above the diagnostic's
/// first line, with that line's indentation and the document's line ending.
fn disable_on_line(
    uri: &lsp::Uri,
    doc: &Doc,
    diag: &lsp::Diagnostic,
    caps: EditCaps,
) -> Option<lsp::CodeActionOrCommand> {
    let lsp::NumberOrString::String(code) = diag.code.as_ref()? else {
        return None;
    };
    let line = diag.range.start.line as usize;
    if line >= doc.rope.len_lines() {
        return None;
    }
    let indent: String = doc
        .rope
        .line(line)
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let new_text = format!(
        "{indent}<!-- ogi-lint-disable-next-line {code} -->{}",
        convert::line_ending(&doc.rope)
    );
    let at = lsp::Position {
        line: line as u32,
        character: 0,
    };
    let edits = vec![lsp::TextEdit {
        range: lsp::Range { start: at, end: at },
        new_text,
    }];
    Some(action(
        t!(
            doc.settings.options.language,
            "server-disable-on-line",
            code = code.as_str()
        ),
        lsp::CodeActionKind::QUICKFIX,
        vec![diag.clone()],
        edit(uri, doc.version, edits, caps),
        false,
    ))
}

/// A quick fix as the engine applies it: the fix's edits as byte ranges of the current text,
/// through [`fix::apply_fix`], and back as the edits from the current text to the result.
/// `None` when the engine refuses it (invalid edits, or it would add an error).
fn quick_fix_edits(
    doc: &Doc,
    data_fix: convert::DataFix,
    encoding: Encoding,
) -> Option<(convert::DataFix, Vec<lsp::TextEdit>)> {
    let analysis = doc.analysis()?;
    let text = doc.rope.to_string();
    let engine_fix = Fix {
        title: data_fix.title.clone(),
        safe: data_fix.safe,
        edits: data_fix
            .edits
            .iter()
            .map(|edit| Edit {
                range: convert::byte_range(&doc.rope, edit.range, encoding),
                new_text: edit.new_text.clone(),
            })
            .collect(),
    };
    let fixed = guard("quick fix", || {
        fix::apply_fix(&text, analysis.options(), &engine_fix)
    })??;
    let edits = lsp_edits(doc, &text, &fixed, encoding);
    (!edits.is_empty()).then_some((data_fix, edits))
}

/// `source.fixAll.ogi-lint`: [`fix::fix_all`] of the current text, the same function as
/// `check --fix`, sent as the edits that turn the text into its result.
fn fix_all_action(uri: &lsp::Uri, doc: &Doc, caps: EditCaps) -> Option<lsp::CodeActionOrCommand> {
    let analysis = doc.analysis()?;
    // Most requests come with nothing to fix: spare them the engine.
    let any_safe = analysis
        .diagnostics()
        .iter()
        .any(|d| d.fix.as_ref().is_some_and(|f| f.safe));
    if !any_safe {
        return None;
    }
    let text = doc.rope.to_string();
    let outcome = guard("fix-all", || fix::fix_all(&text, analysis.options()))?;
    let edits = lsp_edits(doc, &text, &outcome.text, caps.encoding);
    if edits.is_empty() {
        return None;
    }
    Some(action(
        "Fix all safe ogi-lint problems".to_owned(),
        fix_all_kind(),
        Vec::new(),
        edit(uri, doc.version, edits, caps),
        false,
    ))
}

/// The edits from `text` (the document's current text) to `fixed`, in the client's positions.
fn lsp_edits(doc: &Doc, text: &str, fixed: &str, encoding: Encoding) -> Vec<lsp::TextEdit> {
    fix::edits_between(text, fixed)
        .into_iter()
        .map(|edit| lsp::TextEdit {
            range: convert::range(&doc.rope, edit.range, encoding),
            new_text: edit.new_text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_filter() {
        let qf = lsp::CodeActionKind::QUICKFIX;
        let fa = fix_all_kind();
        assert!(wanted(None, &qf));
        assert!(wanted(Some(&[lsp::CodeActionKind::SOURCE]), &fa));
        assert!(wanted(Some(&[lsp::CodeActionKind::SOURCE_FIX_ALL]), &fa));
        assert!(!wanted(Some(&[lsp::CodeActionKind::SOURCE]), &qf));
        assert!(!wanted(
            Some(&[lsp::CodeActionKind::new("source.fix")]),
            &fa
        ));
        assert!(!wanted(Some(std::slice::from_ref(&qf)), &fa));
    }
}
