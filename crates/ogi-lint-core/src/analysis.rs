//! The analysis core: report text in, diagnostics out.
//!
//! **Invariants.** Nothing here does I/O, touches LSP or async types, or panics on any input;
//! every problem in the text is a [`Diagnostic`], never an `Err`. The document is a sequence of
//! blocks parsed independently ([`blocks`]), so an edit re-parses only the blocks it touches;
//! document-level checks run over the cached block summaries.

/// Renders a message of the analysis' catalog ([`i18n::CORE`]):
/// `msg!(lang, "missing-row", table = name)`.
macro_rules! msg {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::tr!($crate::analysis::i18n::CORE, $lang, $id $(, $name = $value)*)
    };
}

/// Renders an attribute of a message of the analysis' catalog:
/// `msg_attr!(lang, "missing-row", "fix", row = label)`.
macro_rules! msg_attr {
    ($lang:expr, $id:literal, $attr:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::tr_attr!($crate::analysis::i18n::CORE, $lang, $id, $attr $(, $name = $value)*)
    };
}

pub mod across_years;
mod blocks;
mod diagnostic;
pub mod fix;
pub mod i18n;
pub(crate) mod ide;
mod model;
pub mod prose;
mod rules;
mod suppress;
mod template;
mod text;

pub use across_years::{Identity, LastYear, YearFacts};
pub use diagnostic::{
    is_reserved, Diagnostic, Edit, Fix, Related, RuleCode, RuleInfo, Severity, RESERVED,
};
pub use i18n::Lang;
pub use model::{EditionSource, Evidence, EvidenceKind};
pub use template::{add_editions, Edition, EditionError};

use blocks::Block;
use model::Model;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

/// What the caller (CLI config, editor settings) asks of one analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `None`: detect the edition from the text (the spec's order of evidence).
    pub edition: Option<Edition>,
    /// Per-rule severity overrides; a value of `None` turns the rule off.
    pub severity: BTreeMap<RuleCode, Option<Severity>>,
    /// The language of every message, fix title, hover and hint (Chinese unless asked).
    pub language: Lang,
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
///
/// Labels read while checking are remembered per thread (a pure cache, see
/// [`blocks::LabelMemo`]), so the reports of a folder, which share most of their labels, are
/// not normalised and fuzzy-matched again for every file. The result is the same as
/// `Analysis::new(text, options).diagnostics()`.
pub fn check(text: &str, options: &Options) -> Vec<Diagnostic> {
    with_analysis(text, options, Analysis::diagnostics)
}

/// Runs `f` on the analysis of `text`, made with the labels this thread has already read (as
/// [`check`] does): for callers that want more than the diagnostics of a one-off text.
pub fn with_analysis<R>(text: &str, options: &Options, f: impl FnOnce(&Analysis) -> R) -> R {
    thread_local! {
        static MEMO: std::cell::RefCell<blocks::LabelMemo> = Default::default();
    }
    MEMO.with(|cell| {
        let memo = cell.take();
        let analysis = Analysis::with_memo(text, options.clone(), memo);
        let result = f(&analysis);
        cell.replace(analysis.memo);
        result
    })
}

/// Whether a document looks like an annual report: it names 政府信息公开 and holds at least two
/// standard section headings or table labels.
pub fn looks_like_report(text: &str) -> bool {
    with_analysis(text, &Options::default(), Analysis::looks_like_report)
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

impl TextSource for &str {
    fn len(&self) -> usize {
        str::len(self)
    }
    fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        Cow::Borrowed(self.get(range).unwrap_or(""))
    }
}

impl TextSource for String {
    fn len(&self) -> usize {
        String::len(self)
    }
    fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        Cow::Borrowed(self.get(range).unwrap_or(""))
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
    blocks: Vec<Block>,
    text_len: usize,
    reparsed_blocks: usize,
    model: Model,
    /// Labels already read (a pure cache, see [`blocks::LabelMemo`]).
    memo: blocks::LabelMemo,
}

impl Analysis {
    pub fn new(text: &str, options: Options) -> Analysis {
        Analysis::with_memo(text, options, blocks::LabelMemo::default())
    }

    fn with_memo(text: &str, options: Options, mut memo: blocks::LabelMemo) -> Analysis {
        let blocks = blocks::parse_blocks(text, &mut memo);
        let reparsed_blocks = blocks.len();
        let model = model::build(&blocks, options.edition);
        Analysis {
            options,
            blocks,
            text_len: text.len(),
            reparsed_blocks,
            model,
            memo,
        }
    }

    /// Updates the analysis after `change` was applied; `text` is the text after the change.
    /// Only the blocks the change touches are parsed again; the others are reused.
    pub fn apply_change(&mut self, change: &TextChange, text: &dyn TextSource) {
        let old_len = self.text_len;
        let a = change.old_range.start.min(old_len);
        let b = change.old_range.end.clamp(a, old_len);
        let new_len = text.len();
        if old_len + change.new_len < b - a || old_len - (b - a) + change.new_len != new_len {
            // The change does not describe this text: start over rather than guess.
            self.reparse_all(text);
            return;
        }
        let delta = change.new_len as isize - (b - a) as isize;
        let starts = self.starts();
        let block_of =
            |offset: usize| -> usize { starts.partition_point(|&s| s <= offset).saturating_sub(1) };
        // Two blocks before the edit: where a block starts depends on the next non-blank line.
        let first = block_of(a).saturating_sub(2);
        let mut last = (block_of(b) + 1).min(self.blocks.len().saturating_sub(1));
        loop {
            let window_start = starts[first];
            let old_end = starts[last] + self.blocks[last].len;
            let new_end = (old_end as isize + delta) as usize;
            // Segment the window together with a few unchanged lines after it: where a block
            // ends depends on the lines that follow (see `blocks`' invariant).
            let mut lookahead_end = new_end;
            let mut lookahead_lines = 0;
            for (k, block) in self.blocks[last + 1..].iter().enumerate() {
                // Whole blocks: at least three (a block starts with a non-blank line, so
                // this covers a run of blank lines), and at least a dozen lines.
                if k >= 3 && lookahead_lines >= 12 {
                    break;
                }
                lookahead_end += block.len;
                lookahead_lines += block.lines;
            }
            let window = text.slice(window_start..lookahead_end);
            let segmentation = blocks::Segmentation::new(&window);
            let window_len = new_end - window_start;
            // The new segmentation must start a block exactly where the window ends (or the
            // window reaches the end of the text); otherwise widen it.
            let at_end = last + 1 >= self.blocks.len();
            let boundary =
                (0..segmentation.len()).position(|i| segmentation.range(i).start == window_len);
            let count = match (at_end, boundary) {
                (true, _) => segmentation.len(),
                (false, Some(i)) => i,
                (false, None) => {
                    last = (last + 1).min(self.blocks.len() - 1);
                    continue;
                }
            };
            let mut parsed = Vec::with_capacity(count);
            let mut reparsed = 0;
            for i in 0..count {
                let r = segmentation.range(i);
                let new_start = window_start + r.start;
                let len = r.end - r.start;
                let reused = if new_start + len <= a {
                    self.find_block(&starts, new_start, len)
                } else if new_start >= a + change.new_len {
                    let old_start = (new_start as isize - delta) as usize;
                    if old_start >= b {
                        self.find_block(&starts, old_start, len)
                    } else {
                        None
                    }
                } else {
                    None
                };
                match reused {
                    Some(block) => parsed.push(block),
                    None => {
                        reparsed += 1;
                        parsed.push(segmentation.parse(&window, i, &mut self.memo));
                    }
                }
            }
            self.blocks.splice(first..=last, parsed);
            self.text_len = new_len;
            self.reparsed_blocks = reparsed;
            break;
        }
        if self.blocks.iter().map(|b| b.len).sum::<usize>() != new_len {
            self.reparse_all(text);
            return;
        }
        self.model = model::build(&self.blocks, self.options.edition);
    }

    fn find_block(&self, starts: &[usize], start: usize, len: usize) -> Option<Block> {
        let i = starts.binary_search(&start).ok()?;
        let block = self.blocks.get(i)?;
        (block.len == len).then(|| block.clone())
    }

    fn reparse_all(&mut self, text: &dyn TextSource) {
        let whole = text.slice(0..text.len());
        self.blocks = blocks::parse_blocks(&whole, &mut self.memo);
        self.reparsed_blocks = self.blocks.len();
        self.text_len = text.len();
        self.model = model::build(&self.blocks, self.options.edition);
    }

    fn starts(&self) -> Vec<usize> {
        let mut starts = Vec::with_capacity(self.blocks.len());
        let mut at = 0;
        for b in &self.blocks {
            starts.push(at);
            at += b.len;
        }
        starts
    }

    /// New options. A change of edition rebuilds the model from the parsed blocks; a change of
    /// language or severities changes only what the next call renders (nothing is parsed again).
    pub fn set_options(&mut self, options: Options) {
        if options.edition != self.options.edition {
            self.model = model::build(&self.blocks, options.edition);
        }
        self.options = options;
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// How many blocks the last `new` or `apply_change` parsed (for tests and benchmarks).
    pub fn reparsed_blocks(&self) -> usize {
        self.reparsed_blocks
    }

    /// How many blocks the document has.
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    pub fn looks_like_report(&self) -> bool {
        self.model.looks_like_report
    }

    /// All diagnostics, sorted by position, after configuration and inline suppressions.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics_with_last_year(None)
    }

    /// [`Analysis::diagnostics`], and when the caller found last year's report of the same
    /// body, what comparing the two finds (`carryover-mismatch`): through the same severity
    /// overrides and suppressions as every other finding.
    pub fn diagnostics_with_last_year(&self, last_year: Option<&LastYear>) -> Vec<Diagnostic> {
        let mut raw = Vec::new();
        rules::run(&self.model, self.options.language, &mut raw);
        if let Some(last_year) = last_year {
            let (carried_in, _) = across_years::carried(&self.model);
            raw.extend(rules::compare_years(
                &carried_in,
                last_year,
                self.options.language,
            ));
        }
        let suppressions = suppress::Suppressions::new(&self.blocks);
        let mut out: Vec<Diagnostic> = raw
            .into_iter()
            .filter_map(|mut d| {
                d.severity = self.options.severity_of(d.code, d.severity)?;
                (!suppressions.hides(&d)).then_some(d)
            })
            .collect();
        out.sort_by(|x, y| {
            (x.range.start, x.range.end, x.code).cmp(&(y.range.start, y.range.end, y.code))
        });
        out.dedup();
        out
    }

    /// Who wrote the report for which year (when the text is certain of it), and its figures
    /// that carry over between years. `text` is the analysed text.
    pub fn year_facts(&self, text: &dyn TextSource) -> YearFacts {
        let (carried_in, carried_forward) = across_years::carried(&self.model);
        let shapes = self
            .blocks
            .iter()
            .map(|b| (b.len, matches!(b.kind, blocks::BlockKind::Blank)));
        YearFacts {
            identity: across_years::identity(&self.model.edition_evidence, text, |offset| {
                across_years::head_end(shapes.clone(), offset)
            }),
            carried_in,
            carried_forward,
        }
    }

    /// The edition the document is checked against.
    pub fn edition(&self) -> Option<Edition> {
        self.model.edition
    }

    /// Why that edition: the configuration, what the text says (a cited 文号, the report year
    /// in the title, the statistics period or the prose), the labels, or `None` when nothing
    /// decided it (the newest edition is assumed).
    pub fn edition_source(&self) -> Option<&EditionSource> {
        self.model.edition_source.as_ref()
    }

    /// Everything the text says about the report's year or edition, strongest kind first,
    /// whatever decided the edition.
    pub fn edition_evidence(&self) -> &[Evidence] {
        &self.model.edition_evidence
    }

    /// Markdown explaining what is at `offset`: a value cell's row and column (with the formula
    /// for totals) or a label's standard wording.
    pub fn hover(&self, offset: usize) -> Option<HoverInfo> {
        ide::hover(&self.model, self.options.language, offset)
    }

    /// Outline: sections → tables → table blocks.
    pub fn outline(&self) -> Vec<Symbol> {
        ide::outline(&self.model, self.options.language)
    }

    /// Computed values to show beside totals that do not add up.
    pub fn inlay_hints(&self) -> Vec<InlayHint> {
        ide::inlay_hints(&self.diagnostics())
    }

    /// Standard labels, headings and table snippets that fit at `offset`; `line_prefix` is
    /// the text of the line from its start up to `offset`.
    pub fn completions(&self, line_prefix: &str, offset: usize) -> Vec<Completion> {
        ide::completions(&self.model, self.options.language, line_prefix, offset)
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

#[cfg(test)]
mod incremental_tests;
