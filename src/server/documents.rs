//! Open documents: a rope per document, its version, and its incrementally updated analysis.
//!
//! **Invariant:** a document's rope and analysis change together, inside one call made under
//! the server's state lock, so every reader sees them at the same version.

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use super::carryover::LastYearLink;
use super::convert;
use super::settings::DocSettings;
use crate::analysis::{Analysis, TextChange, TextSource};
use crate::line_index::Encoding;

/// A rope seen as the analysis' [`TextSource`]: no copy of the text.
pub struct RopeText<'a>(pub &'a Rope);

impl TextSource for RopeText<'_> {
    fn len(&self) -> usize {
        self.0.len_bytes()
    }

    fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        // Clamp rather than trust the caller: ropey panics on a range off char boundaries.
        let start = convert::floor_boundary(self.0, range.start);
        let end = convert::floor_boundary(self.0, range.end).max(start);
        Cow::from(self.0.byte_slice(start..end))
    }
}

/// Runs a call into the analysis, turning a panic (a bug in a rule) into `None` and a log line,
/// so one bad rule cannot take the editor's server down.
pub fn guard<R>(what: &str, f: impl FnOnce() -> R) -> Option<R> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(res) => Some(res),
        Err(_) => {
            tracing::error!("the analysis panicked in {what}");
            None
        }
    }
}

/// Language ids the server may check (`text` is Neovim's id for `.txt`).
const LANGUAGES: &[&str] = &["markdown", "plaintext", "text"];

#[derive(Debug)]
pub struct Doc {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    /// The file path, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// Distinguishes two openings of the same URI, so a reopened document's lower versions
    /// are still published.
    pub generation: u64,
    pub settings: Arc<DocSettings>,
    /// Kept up to date for every Markdown/plain-text document that is not excluded (`None`
    /// otherwise, or after a failure until the next refresh); [`Doc::analysis`] decides whether
    /// the document is checked at this version.
    analysis: Option<Analysis>,
    /// Last year's report of the same body, when found (`carryover.rs` keeps it current).
    pub last_year: Option<Arc<LastYearLink>>,
}

/// A change whose version was not newer than the document's: ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaleVersion {
    pub current: i32,
    pub received: i32,
}

impl Doc {
    pub fn new(
        text: &str,
        version: i32,
        language_id: String,
        path: Option<PathBuf>,
        generation: u64,
        settings: Arc<DocSettings>,
    ) -> Doc {
        let mut doc = Doc {
            rope: Rope::new(),
            version,
            language_id,
            path,
            generation,
            settings,
            analysis: None,
            last_year: None,
        };
        // The analysis first, then the rope: the analysis' working memory (its line table) is
        // let go before the rope is built, so a large document is not held by both at once.
        doc.evaluate_with(Some(text));
        doc.rope = Rope::from_str(text);
        doc
    }

    /// Applies the changes of one `didChange` in order, each to the text the previous left.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), StaleVersion> {
        if version <= self.version {
            return Err(StaleVersion {
                current: self.version,
                received: version,
            });
        }
        for change in changes {
            let old_range = match change.range {
                Some(range) => convert::byte_range(&self.rope, range, encoding),
                None => 0..self.rope.len_bytes(),
            };
            self.replace(old_range, &change.text);
        }
        self.version = version;
        Ok(())
    }

    /// Replaces a byte range (on char boundaries) of the text and tells the analysis.
    fn replace(&mut self, old_range: Range<usize>, new_text: &str) {
        let start = self.rope.byte_to_char(old_range.start);
        let end = self.rope.byte_to_char(old_range.end);
        if end > start {
            self.rope.remove(start..end);
        }
        if !new_text.is_empty() {
            self.rope.insert(start, new_text);
        }
        if let Some(analysis) = &mut self.analysis {
            let change = TextChange {
                old_range,
                new_len: new_text.len(),
            };
            let rope = &self.rope;
            if guard("apply_change", || {
                analysis.apply_change(&change, &RopeText(rope))
            })
            .is_none()
            {
                // Its state is unknown now: rebuilt from the text at the next refresh.
                self.analysis = None;
            }
        }
    }

    /// New settings: the options change and whether the document is checked is decided anew.
    pub fn set_settings(&mut self, settings: Arc<DocSettings>) {
        self.settings = settings;
        self.evaluate();
        if let Some(analysis) = &mut self.analysis {
            if analysis.options() != &self.settings.options {
                let options = self.settings.options.clone();
                if guard("set_options", || analysis.set_options(options)).is_none() {
                    self.analysis = None;
                    self.evaluate();
                }
            }
        }
    }

    /// Makes sure a document that may be checked has its analysis (after a failure, or when
    /// settings changed). Whether it *is* checked is decided per version by [`Doc::analysis`].
    pub fn refresh(&mut self) {
        self.evaluate();
    }

    fn evaluate(&mut self) {
        self.evaluate_with(None);
    }

    /// [`Doc::evaluate`] given the document's text when the caller holds it as one string (a
    /// document just opened, its rope not built yet): it is then not copied out of the rope.
    fn evaluate_with(&mut self, text: Option<&str>) {
        match (self.may_check(), self.analysis.is_some()) {
            (true, false) => {
                let copied;
                let text = match text {
                    Some(text) => text,
                    None => {
                        copied = self.rope.to_string();
                        copied.as_str()
                    }
                };
                let options = self.settings.options.clone();
                self.analysis = guard("new", || Analysis::new(text, options));
            }
            (false, true) => self.analysis = None,
            _ => {}
        }
    }

    /// Markdown or plain text, and not excluded: analysed (incrementally) on every change.
    fn may_check(&self) -> bool {
        LANGUAGES.contains(&self.language_id.as_str())
            && !self.settings.excluded(self.path.as_deref())
    }

    /// The analysis, when the document is checked: it matches the `include` globs or, as of
    /// this version, looks like an annual report (the analysis keeps that answer up to date
    /// edit by edit, so a document that stops looking like a report loses its diagnostics).
    pub fn analysis(&self) -> Option<&Analysis> {
        let analysis = self.analysis.as_ref()?;
        (self.settings.included(self.path.as_deref()) || analysis.looks_like_report())
            .then_some(analysis)
    }

    /// The diagnostics of the current version, as LSP sends them; none when not checked.
    pub fn lsp_diagnostics(&self, uri: &lsp::Uri, encoding: Encoding) -> Vec<lsp::Diagnostic> {
        let Some(analysis) = self.analysis() else {
            return Vec::new();
        };
        let last_year = self.last_year.as_deref();
        guard("diagnostics", || {
            analysis.diagnostics_with_last_year(last_year.map(|l| &l.last_year))
        })
        .unwrap_or_default()
        .iter()
        .map(|diag| convert::diagnostic(uri, &self.rope, diag, encoding, self.version, last_year))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        (l1, c1): (u32, u32),
        (l2, c2): (u32, u32),
        text: &str,
    ) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range {
                start: lsp::Position {
                    line: l1,
                    character: c1,
                },
                end: lsp::Position {
                    line: l2,
                    character: c2,
                },
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn doc(text: &str) -> Doc {
        Doc::new(
            text,
            1,
            "markdown".to_owned(),
            None,
            0,
            Arc::new(DocSettings::default()),
        )
    }

    #[test]
    fn edits_with_surrogates_and_crlf() {
        let mut d = doc("报😀告\r\n第二行\rx");
        // After the emoji (2 UTF-16 units) on line 0.
        let res = d.apply_changes(2, vec![change((0, 3), (0, 3), "A")], Encoding::Utf16);
        assert_eq!(res, Ok(()));
        assert_eq!(d.rope.to_string(), "报😀A告\r\n第二行\rx");
        // Across the CRLF and the lone CR.
        let res = d.apply_changes(3, vec![change((0, 5), (2, 0), "|")], Encoding::Utf16);
        assert_eq!(res, Ok(()));
        assert_eq!(d.rope.to_string(), "报😀A告|x");
        // Out of range: clamped.
        let res = d.apply_changes(4, vec![change((9, 9), (99, 0), "!")], Encoding::Utf16);
        assert_eq!(res, Ok(()));
        assert_eq!(d.rope.to_string(), "报😀A告|x!");
        // UTF-8 columns.
        let res = d.apply_changes(5, vec![change((0, 3), (0, 7), "")], Encoding::Utf8);
        assert_eq!(res, Ok(()));
        assert_eq!(d.rope.to_string(), "报A告|x!");
        // Stale.
        let res = d.apply_changes(5, vec![change((0, 0), (0, 0), "?")], Encoding::Utf8);
        assert!(res.is_err());
        assert_eq!(d.rope.to_string(), "报A告|x!");
    }

    #[test]
    fn rope_text_clamps() {
        let rope = Rope::from_str("报告");
        let text = RopeText(&rope);
        assert_eq!(text.len(), 6);
        assert_eq!(text.slice(1..5), "报");
        assert_eq!(text.slice(4..99), "告");
    }
}
