//! The analysis core: report text in, diagnostics out.
//!
//! **Invariants.** Nothing here does I/O, touches LSP or async types, or panics on any input;
//! every problem in the text is a [`Diagnostic`], never an `Err`. The document is a sequence of
//! blocks parsed independently ([`blocks`]), so an edit re-parses only the blocks it touches;
//! document-level checks run over the cached block summaries.

mod blocks;
mod diagnostic;
mod template;
mod text;

pub use diagnostic::{Diagnostic, Edit, Fix, RuleCode, Severity};

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

/// A template edition of the State Council's open-government office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edition {
    /// 国办公开办函〔2019〕60号, for the 2019 and 2020 reports.
    E2019,
    /// 国办公开办函〔2021〕30号, for 2021 and later reports.
    E2021,
}

impl Edition {
    pub fn year(self) -> u16 {
        match self {
            Edition::E2019 => 2019,
            Edition::E2021 => 2021,
        }
    }

    pub fn parse(s: &str) -> Option<Edition> {
        match s.trim() {
            "2019" => Some(Edition::E2019),
            "2021" => Some(Edition::E2021),
            _ => None,
        }
    }

    pub fn other(self) -> Edition {
        match self {
            Edition::E2019 => Edition::E2021,
            Edition::E2021 => Edition::E2019,
        }
    }
}

/// What the caller (CLI config, editor settings) asks of one analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `None`: detect the edition from the text (the spec's order of evidence).
    pub edition: Option<Edition>,
    /// Per-rule severity overrides; a value of `None` turns the rule off.
    pub severity: BTreeMap<RuleCode, Option<Severity>>,
}

impl Options {
    /// The severity a rule's findings get, or `None` when the rule is off.
    pub fn severity_of(&self, code: RuleCode, default: Severity) -> Option<Severity> {
        match self.severity.get(&code) {
            Some(over) => *over,
            None => Some(default),
        }
    }
}

/// Checks a whole text: the one entry point the CLI uses.
pub fn check(text: &str, options: &Options) -> Vec<Diagnostic> {
    Analysis::new(text, options.clone()).diagnostics()
}

/// Whether a document looks like an annual report: it names 政府信息公开 and holds at least two
/// standard section headings or table labels.
pub fn looks_like_report(text: &str) -> bool {
    let _ = text;
    false
}

/// Read access to the current text, so the server can hand over a rope without copying it.
pub trait TextSource {
    fn len(&self) -> usize;
    /// The text of a byte range whose ends are char boundaries.
    fn slice(&self, range: Range<usize>) -> Cow<'_, str>;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl TextSource for str {
    fn len(&self) -> usize {
        str::len(self)
    }
    fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        Cow::Borrowed(&self[range])
    }
}

/// One replacement made to the text: `old_range` (bytes, in the text before the edit) was
/// replaced by `new_len` bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChange {
    pub old_range: Range<usize>,
    pub new_len: usize,
}

/// A document's analysis, kept up to date edit by edit.
#[derive(Debug, Clone)]
pub struct Analysis {
    options: Options,
    text_len: usize,
    reparsed_blocks: usize,
}

impl Analysis {
    pub fn new(text: &str, options: Options) -> Analysis {
        Analysis {
            options,
            text_len: text.len(),
            reparsed_blocks: 0,
        }
    }

    /// Updates the analysis after `change` was applied; `text` is the text after the change.
    pub fn apply_change(&mut self, change: &TextChange, text: &dyn TextSource) {
        let _ = change;
        self.text_len = text.len();
    }

    pub fn set_options(&mut self, options: Options) {
        self.options = options;
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// How many blocks the last `new` or `apply_change` parsed (for tests and benchmarks).
    pub fn reparsed_blocks(&self) -> usize {
        self.reparsed_blocks
    }

    /// All diagnostics, sorted by position, after configuration and inline suppressions.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// The edition the document is checked against and how it was decided.
    pub fn edition(&self) -> Option<Edition> {
        self.options.edition
    }

    /// Markdown explaining what is at `offset`: a value cell's row and column (with the formula
    /// for totals) or a label's standard wording.
    pub fn hover(&self, offset: usize) -> Option<HoverInfo> {
        let _ = offset;
        None
    }

    /// Outline: sections → tables → table blocks.
    pub fn outline(&self) -> Vec<Symbol> {
        Vec::new()
    }

    /// Computed values to show beside totals that do not add up.
    pub fn inlay_hints(&self) -> Vec<InlayHint> {
        Vec::new()
    }

    /// Standard labels, headings and table snippets that fit at `offset`.
    pub fn completions(&self, offset: usize) -> Vec<Completion> {
        let _ = offset;
        Vec::new()
    }
}

/// What a hover shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Range<usize>,
    pub markdown: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Section,
    Table,
    Block,
}

/// One entry of the document outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole extent (a section runs to the next section).
    pub range: Range<usize>,
    /// The heading or label line.
    pub selection_range: Range<usize>,
    pub children: Vec<Symbol>,
}

/// A short text shown after `offset` (`≠ 5`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub tooltip: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A standard row, column or block label.
    Label,
    /// A section heading.
    Heading,
    /// A whole table skeleton.
    Snippet,
}

/// A completion candidate. `insert_text` may use LSP snippet syntax when `kind` is `Snippet`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub detail: Option<String>,
    pub kind: CompletionKind,
    pub insert_text: String,
    /// The byte range the completion replaces (the partial label typed so far).
    pub replace: Range<usize>,
}
