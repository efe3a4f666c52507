//! `carryover-mismatch` in `check`: each report is compared with last year's report of the
//! same body when that report is among the files checked.
//!
//! Two passes, so that output still streams in work-list order with only the files in flight in
//! memory: [`pair`] reads the head of every file (its first lines: the title and the lines
//! around it, [`files::head_identity`]) for its identity — the body and the year, when certain — and pairs each
//! file with the one file of the same body and the year before, if exactly one; then the worker
//! that checks this year's file reads last year's file again ([`read`]: only its identity, to
//! confirm it on the whole text, and its figures) and compares ([`diagnostics`]). Never a guess:
//! two candidates for last year, or an identity that the whole text does not confirm, is no
//! comparison.

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::analysis::{self, Analysis, Diagnostic, Identity, LastYear, Options, RuleCode};
use crate::cli::json::Elsewhere;
use crate::cli::walk::{Item, Job, Source};
use crate::files;
use crate::files::encoding::{self, Text};
use crate::line_index::LineIndex;

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
            }) => files::head_identity(path),
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
