//! `check --fix`: applies safe fixes until none is left, and writes files atomically.
//!
//! One pass applies the safe fixes whose edits do not overlap an edit already taken in that
//! pass (diagnostic order decides), then the text is analysed again; at most [`MAX_PASSES`]
//! passes. So a second `--fix` run changes nothing. Line terminators survive: a `\n` in
//! inserted text becomes `\r\n` in a CRLF file.
//!
//! A file is replaced only if it still holds what was read: an edit saved while `--fix` ran is
//! never overwritten ([`write_atomically`]).

use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::ops::Range;
use std::path::Path;

use crate::analysis::{Diagnostic, Edit, RuleCode};
use crate::cli::human::line_column;
use crate::line_index::LineIndex;

/// The most re-analyse-and-fix rounds one file gets.
pub const MAX_PASSES: usize = 10;

/// A fix that was applied, located in the text of the pass that applied it (lines do not move
/// between passes; a column may, when an earlier fix on the same line changed its length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    pub code: RuleCode,
    pub title: String,
    /// 1-based line (lines do not move: fixes never touch line terminators).
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

/// Fixes `text` until no safe fix applies; `check` is the analysis (injected for tests).
pub fn fix_until_stable(text: &str, mut check: impl FnMut(&str) -> Vec<Diagnostic>) -> FixOutcome {
    let mut text = text.to_owned();
    let mut applied = Vec::new();
    let mut diagnostics = check(&text);
    for _ in 0..MAX_PASSES {
        let Some((fixed, pass)) = apply_safe_fixes(&text, &diagnostics) else {
            break;
        };
        text = fixed;
        applied.extend(pass);
        diagnostics = check(&text);
    }
    // Report in the order of the text, not of the passes.
    applied.sort_by_key(|fix| (fix.line, fix.column));
    FixOutcome {
        text,
        applied,
        diagnostics,
    }
}

/// One pass: applies every safe fix of `diagnostics` whose edits are valid, change something
/// and overlap no edit taken before. `None` when no fix applies.
pub fn apply_safe_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
) -> Option<(String, Vec<AppliedFix>)> {
    let crlf = text.contains("\r\n");
    let index = LineIndex::new(text);
    let mut taken: Vec<Edit> = Vec::new();
    let mut applied = Vec::new();
    for diagnostic in diagnostics {
        let Some(fix) = diagnostic.fix.as_ref().filter(|fix| fix.safe) else {
            continue;
        };
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
        let changes = edits
            .iter()
            .any(|edit| valid && text[edit.range.clone()] != edit.new_text);
        let clashes = edits.iter().enumerate().any(|(i, edit)| {
            taken
                .iter()
                .chain(&edits[..i])
                .any(|other| overlaps(&edit.range, &other.range))
        });
        if !valid || !changes || clashes {
            continue;
        }
        let start = edits
            .iter()
            .map(|edit| edit.range.start)
            .min()
            .unwrap_or(diagnostic.range.start);
        let (line, column) = line_column(&index, text, start);
        applied.push(AppliedFix {
            code: diagnostic.code,
            title: fix.title.clone(),
            line,
            column,
        });
        taken.extend(edits);
    }
    if applied.is_empty() {
        return None;
    }
    taken.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut res = String::with_capacity(text.len());
    let mut last = 0;
    for edit in &taken {
        res.push_str(&text[last..edit.range.start]);
        res.push_str(&edit.new_text);
        last = edit.range.end;
    }
    res.push_str(&text[last..]);
    Some((res, applied))
}

/// Why fixes were not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file no longer holds what was read: someone saved it while the fixes were made.
    Changed,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(err: io::Error) -> WriteError {
        WriteError::Io(err)
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "changed on disk while ogi-lint was fixing it; the fixes were not written \
                 (run `ogi-lint check --fix` again)",
            ),
            WriteError::Io(err) => write!(f, "cannot write fixes: {err}"),
        }
    }
}

/// Replaces the file at `path` with `bytes` atomically, if it still holds `read` (the bytes
/// the fixes were made from): a temporary file in the same folder, renamed over the original,
/// with the original's permissions. A symlink is followed, so the link stays a link.
///
/// The file is compared just before the rename, after the slow part (writing and syncing the
/// temporary file); `before_check` runs right before the comparison (tests change the file
/// there). Comparing the contents, not the modification time, also catches a same-size save
/// within the file system's time resolution.
pub fn write_atomically(
    path: &Path,
    read: &[u8],
    bytes: &[u8],
    before_check: impl FnOnce(),
) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&target)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(permissions)?;
    before_check();
    if fs::read(&target)? != read {
        // Dropping `temp` removes it.
        return Err(WriteError::Changed);
    }
    temp.persist(&target).map_err(|err| err.error)?;
    Ok(())
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
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::analysis::Fix;

    fn replace(text: &str, needle: &str, with: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::new(RuleCode::TotalMismatch, start..start + needle.len(), "m")
            .with_replacement(start..start + needle.len(), with)
    }

    #[test]
    fn applies_non_overlapping_and_skips_overlaps() {
        let text = "（一）予以公开 | 1 |\n总计 | 9 |\n";
        let one = replace(text, "1", "2");
        let total = replace(text, "9", "10");
        // Overlaps the first edit: skipped in this pass.
        let clash = replace(text, "1 |", "3 |");
        let (fixed, applied) = apply_safe_fixes(text, &[one, clash, total]).unwrap();
        assert_eq!(fixed, "（一）予以公开 | 2 |\n总计 | 10 |\n");
        assert_eq!(
            applied,
            vec![
                AppliedFix {
                    code: RuleCode::TotalMismatch,
                    title: "Replace with 2".into(),
                    line: 1,
                    column: 11
                },
                AppliedFix {
                    code: RuleCode::TotalMismatch,
                    title: "Replace with 10".into(),
                    line: 2,
                    column: 6
                },
            ]
        );
    }

    #[test]
    fn unsafe_invalid_and_no_op_fixes_are_not_applied() {
        let text = "一二三";
        let unsafe_fix = Diagnostic::new(RuleCode::MissingSection, 0..0, "m").with_fix(Fix {
            title: "Insert".into(),
            edits: vec![Edit {
                range: 0..0,
                new_text: "x".into(),
            }],
            safe: false,
        });
        // Inside a character, and past the end.
        let split = Diagnostic::new(RuleCode::TotalMismatch, 1..2, "m").with_replacement(1..2, "x");
        // Between the halves of a CRLF.
        let crlf = "a\r\nb";
        let inside =
            Diagnostic::new(RuleCode::TotalMismatch, 2..2, "m").with_replacement(2..2, "x");
        assert_eq!(apply_safe_fixes(crlf, &[inside]), None);
        let past =
            Diagnostic::new(RuleCode::TotalMismatch, 9..12, "m").with_replacement(9..12, "x");
        let no_op = replace(text, "二", "二");
        assert_eq!(
            apply_safe_fixes(text, &[unsafe_fix, split, past, no_op]),
            None
        );
    }

    #[test]
    fn a_fix_with_several_edits_is_all_or_nothing() {
        let text = "a b c";
        let first = replace(text, "a", "A");
        let both = Diagnostic::new(RuleCode::NonstandardLabel, 0..1, "m").with_fix(Fix {
            title: "two".into(),
            edits: vec![
                Edit {
                    range: 4..5,
                    new_text: "C".into(),
                },
                Edit {
                    range: 0..1,
                    new_text: "Z".into(),
                },
            ],
            safe: true,
        });
        let (fixed, applied) = apply_safe_fixes(text, &[first, both]).unwrap();
        assert_eq!(fixed, "A b c");
        assert_eq!(applied.len(), 1);
    }

    /// A toy analysis: every `（七）总计 | N |` whose N is not the sum of the `| n |` lines
    /// above it gets a safe fix, and every straight `(` gets a label fix.
    fn toy_check(text: &str) -> Vec<Diagnostic> {
        let mut res = Vec::new();
        let mut sum = 0u32;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let value = line.split('|').nth(1).map(str::trim).unwrap_or("");
            if let Ok(n) = value.parse::<u32>() {
                if line.starts_with("（七）总计") {
                    if n != sum {
                        let start = offset + line.find(value).unwrap();
                        res.push(
                            Diagnostic::new(
                                RuleCode::TotalMismatch,
                                start..start + value.len(),
                                "m",
                            )
                            .with_replacement(start..start + value.len(), sum.to_string()),
                        );
                    }
                } else {
                    sum += n;
                }
            }
            if let Some(paren) = line.find('(') {
                let start = offset + paren;
                res.push(
                    Diagnostic::new(RuleCode::LabelPunctuation, start..start + 1, "p")
                        .with_replacement(start..start + 1, "（"),
                );
            }
            offset += line.len();
        }
        res
    }

    #[test]
    fn loop_is_idempotent_and_keeps_crlf() {
        let text = "(一) | 1 |\r\n(二) | 12 |\r\n（七）总计 | 3 |\r\n";
        let first = fix_until_stable(text, toy_check);
        assert_eq!(
            first.text,
            "（一) | 1 |\r\n（二) | 12 |\r\n（七）总计 | 13 |\r\n"
        );
        assert_eq!(first.applied.len(), 3);
        assert!(first.diagnostics.is_empty());
        let second = fix_until_stable(&first.text, toy_check);
        assert_eq!(second.text, first.text);
        assert!(second.applied.is_empty());
    }

    #[test]
    fn loop_stops_after_max_passes() {
        // A fix that never resolves its diagnostic: the loop must still end.
        let mut calls = 0;
        let outcome = fix_until_stable("0", |text| {
            calls += 1;
            let next = (text.parse::<u32>().unwrap() + 1).to_string();
            vec![Diagnostic::new(RuleCode::TotalMismatch, 0..text.len(), "m")
                .with_replacement(0..text.len(), next)]
        });
        assert_eq!(outcome.text, MAX_PASSES.to_string());
        assert_eq!(outcome.applied.len(), MAX_PASSES);
        assert_eq!(calls, MAX_PASSES + 1);
    }

    #[test]
    fn newline_in_inserted_text_follows_the_file() {
        let text = "a\r\nb\r\n";
        let insert = Diagnostic::new(RuleCode::MissingRow, 3..3, "m").with_fix(Fix {
            title: "Insert row".into(),
            edits: vec![Edit {
                range: 3..3,
                new_text: "x\n".into(),
            }],
            safe: true,
        });
        let (fixed, _) = apply_safe_fixes(text, &[insert]).unwrap();
        assert_eq!(fixed, "a\r\nx\r\nb\r\n");
    }

    #[test]
    fn atomic_write_keeps_permissions_and_follows_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            let link = dir.path().join("link.md");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            write_atomically(&link, b"old", "\u{feff}new\r\n".as_bytes(), || {}).unwrap();
            assert!(fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        #[cfg(not(unix))]
        write_atomically(&path, b"old", "\u{feff}new\r\n".as_bytes(), || {}).unwrap();
        assert_eq!(fs::read(&path).unwrap(), "\u{feff}new\r\n".as_bytes());
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert!(names.len() <= 2, "{names:?}");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        fs::write(&path, "总计 | 3 |\n").unwrap();
        // Saved by an editor between the read and the write: same length, other contents.
        let saved = "总计 | 4 |\n";
        let err = write_atomically(&path, "总计 | 3 |\n".as_bytes(), b"fixed", || {
            fs::write(&path, saved).unwrap()
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err:?}");
        assert!(err.to_string().starts_with("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), saved);
        // The temporary file is gone.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Unchanged: replaced.
        write_atomically(&path, saved.as_bytes(), b"fixed", || {}).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fixed");
        // Deleted meanwhile: an error, and nothing is written.
        let err = write_atomically(&path, b"fixed", b"again", || {
            fs::remove_file(&path).unwrap()
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::Io(_)), "{err:?}");
        assert!(!path.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    proptest::proptest! {
        /// Arbitrary edits (past the end, inside characters, overlapping) never panic, and an
        /// edit that replaces no line terminator leaves the line count alone.
        #[test]
        fn arbitrary_edits_are_safe(
            text in "[a一😀\r\n]{0,20}",
            edits in proptest::collection::vec((0usize..60, 0usize..10, "[b二]{0,3}"), 0..6),
        ) {
            let diagnostics: Vec<Diagnostic> = edits
                .into_iter()
                .map(|(start, len, new_text)| {
                    Diagnostic::new(RuleCode::TotalMismatch, start..start + len, "m")
                        .with_replacement(start..start + len, new_text)
                })
                .collect();
            let keeps_lines = diagnostics.iter().all(|d| {
                text.get(d.range.clone()).is_none_or(|old| !old.contains(['\r', '\n']))
            });
            if let Some((fixed, applied)) = apply_safe_fixes(&text, &diagnostics) {
                proptest::prop_assert!(!applied.is_empty());
                if keeps_lines {
                    proptest::prop_assert_eq!(
                        LineIndex::new(&fixed).line_count(),
                        LineIndex::new(&text).line_count()
                    );
                }
            }
        }
    }
}
