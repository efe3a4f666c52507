//! The one fix engine. `check --fix`, the editor's `source.fixAll.ogi-lint` and each quick fix
//! apply fixes through this module, so the same text gives the same result, byte for byte
//! (spec §5: "`--fix` in the CLI and fix-all in the editor are one engine").
//!
//! A pass applies the safe fixes whose edits do not overlap an edit already taken in that pass
//! (diagnostic order decides), then the text is analysed again; at most [`MAX_PASSES`] passes,
//! so a second run changes nothing. **Invariant: a fix never adds an error.** A pass after which
//! the text has more error-severity findings than before is rolled back; the pass is then made
//! of the fixes that add no error on their own (or, if together they still do, the first of
//! them), and fixing stops when none is left. The rules offer a figure as a safe fix only when
//! the table then holds every relation (`rules/relations.rs`), so this is the backstop, not the
//! only guard.
//!
//! Line terminators survive: an edit may not split a `\r\n` or join a `\r` and a `\n`, and a
//! `\n` in inserted text becomes `\r\n` in a text that uses CRLF.

use std::ops::Range;

use crate::analysis::{check, Diagnostic, Edit, Fix, Options, RuleCode, Severity};
use crate::line_index::LineIndex;

/// The most re-analyse-and-fix rounds one text gets.
pub const MAX_PASSES: usize = 10;

/// A fix that was applied, located in the text of the pass that applied it (lines do not move
/// between passes; a column may, when an earlier fix on the same line changed its length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    pub code: RuleCode,
    pub title: String,
    /// 1-based line (lines do not move: safe fixes never touch line terminators).
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// What fixing one text came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    pub text: String,
    pub applied: Vec<AppliedFix>,
    /// The diagnostics of the final text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Applies the safe fixes of `text` until none is left: what `check --fix` writes and what the
/// editor's fix-all returns.
pub fn fix_all(text: &str, options: &Options) -> FixOutcome {
    fix_until_stable(text, |text| check(text, options))
}

/// Applies the fix a writer chose (a quick fix, safe or not) when its edits are valid and it adds
/// no error; `None` otherwise. Inserted line breaks follow the text, as in [`fix_all`].
pub fn apply_fix(text: &str, options: &Options, fix: &Fix) -> Option<String> {
    apply_fix_with(text, fix, |text| check(text, options))
}

/// [`fix_all`] with the analysis injected (tests use a toy one).
pub fn fix_until_stable(text: &str, mut check: impl FnMut(&str) -> Vec<Diagnostic>) -> FixOutcome {
    let mut text = text.to_owned();
    let mut applied = Vec::new();
    let mut diagnostics = check(&text);
    for _ in 0..MAX_PASSES {
        let Some((fixed, pass, after)) = next_pass(&text, &diagnostics, &mut check) else {
            break;
        };
        text = fixed;
        applied.extend(pass);
        diagnostics = after;
    }
    // Report in the order of the text, not of the passes.
    applied.sort_by_key(|fix| (fix.line, fix.column));
    FixOutcome {
        text,
        applied,
        diagnostics,
    }
}

/// [`apply_fix`] with the analysis injected.
pub fn apply_fix_with(
    text: &str,
    fix: &Fix,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Option<String> {
    let (fixed, _) = apply_edits(text, &[fix])?;
    (errors(&check(&fixed)) <= errors(&check(text))).then_some(fixed)
}

/// The number of error-severity findings: what a fix must never increase.
fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// One pass that adds no error: the fixed text, what was applied and the new diagnostics.
fn next_pass(
    text: &str,
    diagnostics: &[Diagnostic],
    check: &mut impl FnMut(&str) -> Vec<Diagnostic>,
) -> Option<(String, Vec<AppliedFix>, Vec<Diagnostic>)> {
    let before = errors(diagnostics);
    let (fixed, pass) = apply_safe_fixes(text, diagnostics)?;
    let after = check(&fixed);
    if errors(&after) <= before {
        return Some((fixed, pass, after));
    }
    // Worse: roll the pass back and keep the fixes that add no error on their own.
    let mut harmless: Vec<Diagnostic> = Vec::new();
    for diagnostic in diagnostics {
        let alone = std::slice::from_ref(diagnostic);
        if let Some((fixed, _)) = apply_safe_fixes(text, alone) {
            if errors(&check(&fixed)) <= before {
                harmless.push(diagnostic.clone());
            }
        }
    }
    let (fixed, pass) = apply_safe_fixes(text, &harmless)?;
    let after = check(&fixed);
    if errors(&after) <= before {
        return Some((fixed, pass, after));
    }
    // Together they still add one: the first alone is known to add none.
    let (fixed, pass) = apply_safe_fixes(text, harmless.get(..1)?)?;
    let after = check(&fixed);
    Some((fixed, pass, after))
}

/// One pass: applies every safe fix of `diagnostics` whose edits are valid, change something
/// and overlap no edit taken before. `None` when no fix applies.
pub fn apply_safe_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
) -> Option<(String, Vec<AppliedFix>)> {
    let safe: Vec<(&Diagnostic, &Fix)> = diagnostics
        .iter()
        .filter_map(|d| Some((d, d.fix.as_ref().filter(|fix| fix.safe)?)))
        .collect();
    let fixes: Vec<&Fix> = safe.iter().map(|(_, fix)| *fix).collect();
    let (res, taken) = apply_edits(text, &fixes)?;
    let index = LineIndex::new(text);
    let applied = taken
        .into_iter()
        .filter_map(|i| {
            let (diagnostic, fix) = safe.get(i)?;
            let start = fix
                .edits
                .iter()
                .map(|edit| edit.range.start)
                .min()
                .unwrap_or(diagnostic.range.start);
            Some(AppliedFix {
                code: diagnostic.code,
                title: fix.title.clone(),
                line: index.line_of(start) + 1,
                column: index.char_column(text, start) + 1,
            })
        })
        .collect();
    Some((res, applied))
}

/// Applies each of `fixes` whose edits are valid, change something and overlap no edit taken
/// before it (all of a fix's edits or none); returns the new text and which fixes were taken.
fn apply_edits(text: &str, fixes: &[&Fix]) -> Option<(String, Vec<usize>)> {
    let crlf = text.contains("\r\n");
    let mut taken_edits: Vec<Edit> = Vec::new();
    let mut taken = Vec::new();
    for (i, fix) in fixes.iter().enumerate() {
        let edits: Vec<Edit> = fix
            .edits
            .iter()
            .map(|edit| Edit {
                range: edit.range.clone(),
                new_text: if crlf {
                    to_crlf(&edit.new_text)
                } else {
                    edit.new_text.clone()
                },
            })
            .collect();
        let valid = edits.iter().all(|edit| is_valid(text, edit));
        let changes = valid
            && edits
                .iter()
                .any(|edit| text.get(edit.range.clone()) != Some(edit.new_text.as_str()));
        let clashes = edits.iter().enumerate().any(|(k, edit)| {
            taken_edits
                .iter()
                .chain(&edits[..k])
                .any(|other| overlaps(&edit.range, &other.range))
        });
        if !valid || !changes || clashes {
            continue;
        }
        taken.push(i);
        taken_edits.extend(edits);
    }
    if taken.is_empty() {
        return None;
    }
    taken_edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut res = String::with_capacity(text.len());
    let mut last = 0;
    for edit in &taken_edits {
        res.push_str(text.get(last..edit.range.start)?);
        res.push_str(&edit.new_text);
        last = edit.range.end;
    }
    res.push_str(text.get(last..)?);
    Some((res, taken))
}

/// The edits that turn `old` into `new`, as byte ranges of `old`: for texts with the same lines
/// one edit per changed line, covering only what changed in it; otherwise one edit over the
/// changed middle. Applying them all to `old` gives exactly `new` (the editor's fix-all sends
/// the engine's result this way, so the cursor and undo history see only the changed figures).
pub fn edits_between(old: &str, new: &str) -> Vec<Edit> {
    if old == new {
        return Vec::new();
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    if old_lines.len() != new_lines.len() {
        return vec![changed_middle(old, new, 0)];
    }
    let mut res = Vec::new();
    let mut offset = 0;
    for (a, b) in old_lines.iter().zip(&new_lines) {
        if a != b {
            res.push(changed_middle(a, b, offset));
        }
        offset += a.len();
    }
    res
}

/// One edit replacing what differs between `old` and `new` (their common start and end kept),
/// shifted by `offset`.
fn changed_middle(old: &str, new: &str, offset: usize) -> Edit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    // Equal bytes up to here: a char boundary in one is a char boundary in the other.
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Edit {
        range: offset + prefix..offset + old.len() - suffix,
        new_text: new[prefix..new.len() - suffix].to_owned(),
    }
}

/// In the text, on character boundaries, and leaving line terminators as they are: not
/// splitting a `\r\n`, nor joining a lone `\r` and a `\n` into one.
fn is_valid(text: &str, edit: &Edit) -> bool {
    let range = &edit.range;
    let bytes = text.as_bytes();
    let splits_crlf =
        |offset: usize| offset > 0 && bytes.get(offset - 1..=offset) == Some(b"\r\n".as_slice());
    let in_text = range.start <= range.end
        && range.end <= text.len()
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end);
    if !in_text || splits_crlf(range.start) || splits_crlf(range.end) {
        return false;
    }
    let before = range
        .start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .copied();
    let after = bytes.get(range.end).copied();
    let new = edit.new_text.as_bytes();
    let first = new.first().copied().or(after);
    let last = new.last().copied().or(before);
    let joins = (before == Some(b'\r') && first == Some(b'\n'))
        || (!new.is_empty() && last == Some(b'\r') && after == Some(b'\n'));
    !joins
}

/// Whether two edits touch the same text. Two edits starting at the same offset also clash
/// (their order would be ambiguous).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

fn to_crlf(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    let mut prev = '\0';
    for ch in text.chars() {
        if ch == '\n' && prev != '\r' {
            res.push('\r');
        }
        res.push(ch);
        prev = ch;
    }
    res
}

#[cfg(test)]
mod tests;
