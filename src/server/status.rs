//! `ogiLint/status`: what the server knows about a document, sent after each publication (or
//! each answered pull, for a client that pulls diagnostics) so the
//! editors show it (VS Code's status bar, Neovim's `:checkhealth`) without detecting editions or
//! reports themselves.
//!
//! ```json
//! {"uri": "file:///…/报告.md", "version": 7, "checked": true,
//!  "edition": "2021", "editionSource": "report-year",
//!  "editionEvidence": {"start": {…}, "end": {…}},
//!  "counts": {"errors": 1, "warnings": 3, "information": 0, "hints": 2}}
//! ```
//!
//! `editionSource` is one of `config`, `document-number` (a cited 国办公开办函 文号),
//! `report-year` (the report year in the title or, failing that, in the prose),
//! `statistics-period`, `labels` (the tables' labels) or `default` (nothing in the text
//! decides; the newest edition is assumed). `editionEvidence` is where the text says it (for
//! the sources found in the text). `edition`, `editionSource` and `editionEvidence` are `null`
//! when the document is not checked.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types as lsp;

use super::convert;
use super::documents::Doc;
use crate::analysis::{EditionSource, EvidenceKind};
use crate::line_index::Encoding;

/// The notification's method.
pub const METHOD: &str = "ogiLint/status";

/// The `ogiLint/status` notification.
#[derive(Debug)]
pub enum Status {}

impl lsp::notification::Notification for Status {
    type Params = StatusParams;
    const METHOD: &'static str = METHOD;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusParams {
    pub uri: lsp::Uri,
    pub version: i32,
    /// The document is checked: it matches `include` or looks like an annual report.
    pub checked: bool,
    pub edition: Option<String>,
    pub edition_source: Option<String>,
    /// Where the text says which edition applies (a 文号 or a year), when it does.
    pub edition_evidence: Option<lsp::Range>,
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub information: usize,
    pub hints: usize,
}

impl Counts {
    fn of(diagnostics: &[lsp::Diagnostic]) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Some(lsp::DiagnosticSeverity::ERROR) => counts.errors += 1,
                Some(lsp::DiagnosticSeverity::WARNING) => counts.warnings += 1,
                Some(lsp::DiagnosticSeverity::INFORMATION) => counts.information += 1,
                _ => counts.hints += 1,
            }
        }
        counts
    }
}

/// The status of `doc` as of the diagnostics just computed for it.
pub fn of(
    uri: &lsp::Uri,
    doc: &Doc,
    diagnostics: &[lsp::Diagnostic],
    encoding: Encoding,
) -> StatusParams {
    let analysis = doc.analysis();
    let source = analysis.map(|a| a.edition_source());
    let (edition_source, evidence) = match source {
        None => (None, None),
        Some(None) => (Some("default"), None),
        Some(Some(EditionSource::Config)) => (Some("config"), None),
        Some(Some(EditionSource::Text(evidence))) => {
            let source = match evidence.kind {
                EvidenceKind::DocumentNumber => "document-number",
                EvidenceKind::Title | EvidenceKind::Prose => "report-year",
                EvidenceKind::StatisticsPeriod => "statistics-period",
            };
            (Some(source), Some(&evidence.range))
        }
        Some(Some(EditionSource::Labels)) => (Some("labels"), None),
    };
    StatusParams {
        uri: uri.clone(),
        version: doc.version,
        checked: analysis.is_some(),
        edition: analysis
            .and_then(|a| a.edition())
            .map(|e| e.name().to_owned()),
        edition_source: edition_source.map(str::to_owned),
        edition_evidence: evidence.map(|r| convert::range(&doc.rope, r.clone(), encoding)),
        counts: Counts::of(diagnostics),
    }
}
