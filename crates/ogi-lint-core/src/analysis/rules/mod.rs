//! One file per rule code. Each turns facts of the [`Model`] into diagnostics and documents
//! what it checks, with an example and tests of what it must and must not flag.

use rust_decimal::Decimal;

use super::model::Model;
use super::{Diagnostic, RuleInfo, Severity};

pub(crate) mod relations;

#[cfg(test)]
pub(crate) mod test_support;

/// Registers the rules: one line per rule, `module => Variant`, in the order of the interface
/// table (the order of `RuleCode::ALL`, of SARIF's rule list and of the README's table). Each
/// module declares its `RULE` (a [`RuleInfo`]) and `check(model, out)`.
macro_rules! register_rules {
    ($($module:ident => $variant:ident,)*) => {
        $(mod $module;)*

        /// A stable rule code of `interface.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleCode {
            $($variant,)*
        }

        impl RuleCode {
            /// Every rule, in the order of the interface table.
            pub const ALL: &'static [RuleCode] = &[$(RuleCode::$variant,)*];

            /// The rule's declaration.
            pub fn info(self) -> &'static RuleInfo {
                match self {
                    $(RuleCode::$variant => &$module::RULE,)*
                }
            }
        }

        /// Runs every rule over the model (severity overrides and suppressions come later).
        pub fn run(model: &Model, out: &mut Vec<Diagnostic>) {
            $($module::check(model, out);)*
        }
    };
}

register_rules! {
    missing_section => MissingSection,
    section_title => SectionTitle,
    section_order => SectionOrder,
    missing_table => MissingTable,
    missing_row => MissingRow,
    unknown_row => UnknownRow,
    nonstandard_label => NonstandardLabel,
    label_punctuation => LabelPunctuation,
    edition_mismatch => EditionMismatch,
    total_mismatch => TotalMismatch,
    balance_mismatch => BalanceMismatch,
    missing_cell => MissingCell,
    invalid_number => InvalidNumber,
    unreadable_table => UnreadableTable,
    unreadable_file => UnreadableFile,
    section_content => SectionContent,
}

/// Codes `interface.md` fixes that no rule implements yet: accepted in configuration, never
/// reported.
pub const RESERVED: &[RuleInfo] = &[
    RuleInfo {
        code: "narrative-mismatch",
        severity: Severity::Warning,
        summary: "a figure in the prose contradicts the table. **Not implemented yet.**",
        fix: "",
    },
    RuleInfo {
        code: "year-mismatch",
        severity: Severity::Warning,
        summary: "the title, the statistics period and the prose disagree on the report year. **Not implemented yet.**",
        fix: "",
    },
    RuleInfo {
        code: "carryover-mismatch",
        severity: Severity::Warning,
        summary: "二、上年结转 differs from 四、结转下年度继续办理 in last year's report of the same body. **Not implemented yet.**",
        fix: "",
    },
];

impl RuleCode {
    /// The stable kebab-case code (`total-mismatch`).
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    /// The severity a finding of this rule has unless the configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// One line saying when the rule fires.
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// Looks a code up by its stable name.
    pub fn from_code(code: &str) -> Option<RuleCode> {
        RuleCode::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

/// A number as the report would write it (`3`, `12.5`).
pub(crate) fn show(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A shortened row label for messages (`（二）部分公开` without its filling note).
pub(crate) fn short(label: &str) -> &str {
    match label.rfind('（') {
        Some(i) if i > 0 && label.ends_with('）') => &label[..i],
        _ => label,
    }
}
