//! `carryover-mismatch` in `check`: each report is compared with last year's report of the
//! same body when that report is among the files checked.
//!
//! Two passes, so that output still streams in work-list order with only the files in flight in
//! memory: [`pair`] reads the head of every file (its first lines: the title and the lines
//! around it) for its identity — the body and the year, when certain — and pairs each
//! file with the one file of the same body and the year before, if exactly one; then the worker
//! that checks this year's file reads last year's file again ([`read`]: only its identity, to
//! confirm it on the whole text, and its figures) and compares ([`diagnostics`]). Never a guess:
//! two candidates for last year, or an identity that the whole text does not confirm, is no
//! comparison.

use std::fs;
use std::io::Read as _;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::analysis::{self, Analysis, Diagnostic, Identity, LastYear, Options, RuleCode};
use crate::cli::encoding::{self, Text};
use crate::cli::json::Elsewhere;
use crate::cli::walk::{Item, Job, Source};
use crate::line_index::LineIndex;

/// How much of a file the pairing pass reads: its first lines — the title stands among the
/// first twelve, and the line below it is read too — and no more than a few kilobytes, so the
/// pass costs little beside checking the files.
const HEAD_LINES: usize = 14;
const HEAD_BYTES: u64 = 4 * 1024;

/// Last year's report of the same body, as the work list names it.
#[derive(Debug)]
pub struct LastYearFile {
    path: PathBuf,
    display: String,
}

/// Each item with last year's file for it, when the work list holds exactly one.
pub fn pair(items: Vec<Item>) -> Vec<(Item, Option<Arc<LastYearFile>>)> {
    let mut files = 0;
    let mut wanted = false;
    for item in &items {
        if let Item::Job(
            job @ Job {
                source: Source::File(_),
                ..
            },
        ) = item
        {
            files += 1;
            let rule = RuleCode::CarryoverMismatch;
            wanted |= job
                .options
                .severity_of(rule, rule.default_severity())
                .is_some();
        }
    }
    // One file has no last year; with the rule off everywhere, no file is read twice.
    if files < 2 || !wanted {
        return items.into_iter().map(|item| (item, None)).collect();
    }
    let identities: Vec<Option<Identity>> = items
        .par_iter()
        .map(|item| match item {
            Item::Job(Job {
                source: Source::File(path),
                ..
            }) => head_identity(path),
            _ => None,
        })
        .collect();
    let last_years = analysis::across_years::last_years(&identities);
    let pairs: Vec<Option<Arc<LastYearFile>>> = last_years
        .iter()
        .map(|last| match items.get((*last)?)? {
            Item::Job(Job {
                source: Source::File(path),
                display,
                ..
            }) => Some(Arc::new(LastYearFile {
                path: path.clone(),
                display: display.clone(),
            })),
            _ => None,
        })
        .collect();
    items.into_iter().zip(pairs).collect()
}

/// The identity the head of a file gives, if any.
pub(crate) fn head_identity(path: &std::path::Path) -> Option<Identity> {
    let mut bytes = Vec::new();
    let file = fs::File::open(path).ok()?;
    file.take(HEAD_BYTES).read_to_end(&mut bytes).ok()?;
    let cut = bytes.len() as u64 == HEAD_BYTES;
    bytes.truncate(head_len(&bytes, cut));
    let text = encoding::decode(bytes).ok()?.text;
    analysis::across_years::head_identity(text.as_str())
}

/// The length of the first [`HEAD_LINES`] lines of `bytes`, a file's head (`cut`: the file
/// goes on after it, so a last line without its break may be cut anywhere and is left out). In
/// UTF-16 a line break is a whole code unit; in UTF-8 and GB18030 a `\n` byte is never part of
/// another character.
fn head_len(bytes: &[u8], cut: bool) -> usize {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some([b'\n', 0]),
        [0xFE, 0xFF, ..] => Some([0, b'\n']),
        _ => None,
    };
    let breaks: Box<dyn Iterator<Item = usize>> = match utf16 {
        Some(newline) => Box::new(
            bytes
                .chunks_exact(2)
                .enumerate()
                .filter(move |(_, unit)| *unit == newline)
                .map(|(i, _)| 2 * i + 2),
        ),
        None => Box::new(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)),
    };
    let mut last_break = 0;
    for (n, end) in breaks.enumerate() {
        if n + 1 == HEAD_LINES {
            return end;
        }
        last_break = end;
    }
    if cut {
        last_break
    } else {
        bytes.len()
    }
}

/// Last year's report, read for the comparison.
pub struct LastYearRead {
    identity: Identity,
    last_year: LastYear,
    display: String,
    text: Text,
}

/// Reads last year's file whole: its identity (confirmed on the whole text) and its figures.
/// `None` when it cannot be read or its identity is not certain any more.
pub fn read(file: &LastYearFile, options: &Options) -> Option<LastYearRead> {
    let text = encoding::decode(fs::read(&file.path).ok()?).ok()?.text;
    let facts = analysis::with_analysis(text.as_str(), options, |analysis| {
        analysis.year_facts(&text.as_str())
    });
    Some(LastYearRead {
        identity: facts.identity?,
        last_year: LastYear {
            document: file.display.clone(),
            name: file.display.clone(),
            carried_forward: facts.carried_forward,
        },
        display: file.display.clone(),
        text,
    })
}

/// This year's diagnostics, with the comparison with last year's report when this year's whole
/// text confirms the pairing (same body, the year after).
pub fn diagnostics(
    analysis: &Analysis,
    text: &str,
    last_year: Option<&LastYearRead>,
) -> Vec<Diagnostic> {
    let confirmed = last_year.filter(|last| {
        analysis.year_facts(&text).identity.is_some_and(|this| {
            this.body == last.identity.body && last.identity.year.checked_add(1) == Some(this.year)
        })
    });
    analysis.diagnostics_with_last_year(confirmed.map(|last| &last.last_year))
}

/// [`diagnostics`] of a text that has no analysis yet (a fixed text).
pub fn check(text: &str, options: &Options, last_year: &LastYearRead) -> Vec<Diagnostic> {
    analysis::with_analysis(text, options, |analysis| {
        diagnostics(analysis, text, Some(last_year))
    })
}

/// Last year's text, kept with this year's report while a finding points into it.
pub struct LastYearText {
    display: String,
    text: Text,
    index: LineIndex,
}

impl LastYearText {
    /// What the printers need of last year's report when one of `diagnostics` points into it.
    pub fn kept(last_year: Option<LastYearRead>, diagnostics: &[Diagnostic]) -> Option<Self> {
        let last_year = last_year?;
        let pointed_at = diagnostics
            .iter()
            .flat_map(|d| &d.related)
            .any(|r| r.document.as_deref() == Some(last_year.last_year.document.as_str()));
        pointed_at.then(|| LastYearText {
            index: LineIndex::new(last_year.text.as_str()),
            display: last_year.display,
            text: last_year.text,
        })
    }

    /// Last year's report as the printers see it, named `file`.
    pub fn elsewhere<'a>(&'a self, file: &'a str) -> Elsewhere<'a> {
        Elsewhere {
            document: &self.display,
            file,
            text: self.text.as_str(),
            index: &self.index,
        }
    }

    /// The file as the user named it.
    pub fn display(&self) -> &str {
        &self.display
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_its_first_lines() {
        let many = "a\n".repeat(20);
        assert_eq!(head_len(many.as_bytes(), false), 2 * HEAD_LINES);
        // A short file is read whole; a cut one up to its last line break.
        assert_eq!(head_len(b"ab\ncd\nef", false), 8);
        assert_eq!(head_len(b"ab\ncd\nef", true), 6);
        assert_eq!(head_len(b"abc", true), 0);
        // UTF-16 LE: `a\nb` with a BOM, cut; the 0x0A of a code unit that is not a line break
        // (U+0A61) is not taken for one.
        let le = [0xFF, 0xFE, b'a', 0, b'\n', 0, 0x61, 0x0A, b'b'];
        assert_eq!(head_len(&le, true), 6);
        let be = [0xFE, 0xFF, 0, b'a', 0, b'\n', 0x0A, 0x61, 0];
        assert_eq!(head_len(&be, true), 6);
    }
}
