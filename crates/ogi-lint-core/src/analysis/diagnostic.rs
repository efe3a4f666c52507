//! What the analysis reports: rule codes, severities, diagnostics and their fixes.
//!
//! Ranges are byte ranges into the analysed text. Conversion to lines and UTF-16 columns
//! happens outside the analysis (`crate::line_index`), so the analysis never counts UTF-16.

use std::fmt;
use std::ops::Range;

/// How serious a finding is. The numbers are LSP's `DiagnosticSeverity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error = 1,
    Warning = 2,
    Info = 3,
    Hint = 4,
}

impl Severity {
    /// The LSP / JSON number: 1 error, 2 warning, 3 information, 4 hint.
    pub fn as_lsp(self) -> u8 {
        self as u8
    }

    /// The name used in `ogi-lint.toml` and in human output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    /// Parses a config value; `None` for anything else (the caller reports the bad key).
    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule is: declared once, as `RULE` in its own file under `rules/`, and registered by
/// one line in `rules/mod.rs`. [`RuleCode`] is generated from the registrations; the README's
/// rule table, the docs index, the configuration docs and the editors' severity settings are
/// generated from these declarations or checked against them (`tests/it/generated.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable kebab-case code (`total-mismatch`).
    pub code: &'static str,
    /// The severity a finding has unless the configuration says otherwise.
    pub severity: Severity,
    /// When it fires, in one line (Markdown, English).
    pub summary: &'static str,
    /// The same in Chinese (Markdown): what the editors' settings and the Chinese guide show.
    pub summary_zh: &'static str,
    /// What fixes it offers, in one line (Markdown); empty when none.
    pub fix: &'static str,
}

pub use super::rules::{RuleCode, RESERVED};

/// Stable codes the documented interface (README's rule table) names before their rule exists: configuration accepts them (so a
/// config written against the spec keeps working) and they never fire.
pub fn is_reserved(code: &str) -> bool {
    RESERVED.iter().any(|rule| rule.code == code)
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement in the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

/// A mechanical fix: applying all `edits` resolves the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe fixes (labels, totals) are applied by `check --fix` and `source.fixAll`;
    /// others (inserting a skeleton) are offered as quick fixes only.
    pub safe: bool,
}

/// Another place that takes part in a finding: LSP's `DiagnosticRelatedInformation` (e.g. the
/// other totals a wrong figure breaks, or last year's figure in last year's report).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    /// A byte range into the analysed text, or into `document` when that is set.
    pub range: Range<usize>,
    pub message: String,
    /// `None`: the analysed text. Otherwise another document, by the key its caller gave it
    /// (`LastYear::document`: a path, a URI), which the caller resolves to a location.
    pub document: Option<String>,
}

/// A finding. `range` is a byte range into the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub range: Range<usize>,
    pub code: RuleCode,
    pub severity: Severity,
    pub message: String,
    pub fix: Option<Fix>,
    /// Secondary places, each with what it says about the finding (may be empty).
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity and no fix.
    pub fn new(code: RuleCode, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            range,
            code,
            severity: code.default_severity(),
            message: message.into(),
            fix: None,
            related: Vec::new(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// Attaches a safe fix made of one replacement, titled in `lang` (`改为“…”`).
    pub fn with_replacement(
        self,
        lang: super::Lang,
        range: Range<usize>,
        new_text: impl Into<String>,
    ) -> Diagnostic {
        let new_text = new_text.into();
        let title = msg!(lang, "fix-replace", new = new_text.as_str());
        self.with_fix(Fix {
            title,
            edits: vec![Edit { range, new_text }],
            safe: true,
        })
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    pub fn with_related(mut self, related: Vec<Related>) -> Diagnostic {
        self.related = related;
        self
    }
}
