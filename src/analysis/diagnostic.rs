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

macro_rules! rule_codes {
    ($($variant:ident => $code:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable rule code of `interface.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleCode {
            $($variant,)*
        }

        impl RuleCode {
            /// Every rule, in the order of the interface table.
            pub const ALL: &'static [RuleCode] = &[$(RuleCode::$variant,)*];

            /// The stable kebab-case code (`total-mismatch`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleCode::$variant => $code,)*
                }
            }

            /// The severity a finding of this rule has unless the configuration says otherwise.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(RuleCode::$variant => Severity::$severity,)*
                }
            }

            /// One line saying when the rule fires.
            pub fn summary(self) -> &'static str {
                match self {
                    $(RuleCode::$variant => $summary,)*
                }
            }

            /// Looks a code up by its stable name.
            pub fn from_code(code: &str) -> Option<RuleCode> {
                match code {
                    $($code => Some(RuleCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

rule_codes! {
    MissingSection => "missing-section", Error, "a section the edition requires (一 … 六) is absent";
    SectionTitle => "section-title", Warning, "a section heading is present but its wording is not the standard one";
    SectionOrder => "section-order", Warning, "sections are out of order, numbered wrongly, or an extra numbered section shifts the standard ones";
    MissingTable => "missing-table", Error, "a section that must hold a statistics table has none";
    MissingRow => "missing-row", Error, "a row the edition's table requires is absent";
    UnknownRow => "unknown-row", Warning, "a table row matches no row of the template";
    NonstandardLabel => "nonstandard-label", Warning, "a row, column or block label differs in wording from the standard label";
    LabelPunctuation => "label-punctuation", Hint, "a label differs only in punctuation or width";
    EditionMismatch => "edition-mismatch", Warning, "the tables follow the other edition than the report year requires";
    TotalMismatch => "total-mismatch", Error, "a total differs from the sum of its parts";
    BalanceMismatch => "balance-mismatch", Error, "in table 三, for a column: 一 + 二 ≠ 三（七）总计 + 四";
    MissingCell => "missing-cell", Error, "a row has fewer values than the table has columns, or leaves cells blank";
    InvalidNumber => "invalid-number", Error, "a value cell is not a valid number for its column";
    UnreadableTable => "unreadable-table", Error, "a statistics table is recognised but cannot be read (one finding instead of many)";
    SectionContent => "section-content", Info, "a section leaves out a topic the template expects it to cover";
    UnreadableFile => "unreadable-file", Error, "a file could not be read or decoded";
}

/// Codes `interface.md` fixes that no rule implements yet: configuration accepts them (so a
/// config written against the spec keeps working) and they never fire.
pub const RESERVED_CODES: &[&str] = &["narrative-mismatch", "year-mismatch", "carryover-mismatch"];

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
/// other totals a wrong figure breaks). `range` is a byte range into the same text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
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

    /// Attaches a safe fix made of one replacement.
    pub fn with_replacement(self, range: Range<usize>, new_text: impl Into<String>) -> Diagnostic {
        let new_text = new_text.into();
        let title = format!("Replace with {new_text}");
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
