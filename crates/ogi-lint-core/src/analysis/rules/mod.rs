//! One file per rule code. Each turns facts of the [`Model`] into diagnostics and documents
//! what it checks, with an example and tests of what it must and must not flag. Its messages,
//! in Chinese and English, are the catalog pair beside it (`total_mismatch.zh.ftl`,
//! `total_mismatch.en.ftl`), registered with the rule.

use rust_decimal::Decimal;

use super::model::Model;
use super::{Diagnostic, Lang, RuleInfo, Severity};

pub(crate) mod relations;

pub(crate) use carryover_mismatch::compare as compare_years;
pub(crate) use narrative_mismatch::reading_name;

#[cfg(test)]
pub(crate) mod test_support;

/// Registers the rules: one line per rule, `module => Variant`, in the order of the interface
/// table (the order of `RuleCode::ALL`, of SARIF's rule list and of the README's table). Each
/// module declares its `RULE` (a [`RuleInfo`]) and `check(model, lang, out)`, and has its
/// messages in `<module>.zh.ftl` and `<module>.en.ftl` beside it.
macro_rules! register_rules {
    ($($module:ident => $variant:ident,)*) => {
        $(mod $module;)*

        /// A stable rule code (README's rule table: scripts and editors match on it).
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

        /// Runs every rule over the model, its messages in `lang` (severity overrides and
        /// suppressions come later).
        pub fn run(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
            let _shared = relations::Shared::during_run();
            $($module::check(model, lang, out);)*
        }

        /// Each rule's catalog pair (name, Chinese, English).
        pub(crate) const CATALOG: &[crate::analysis::i18n::Source] = &[$((
            concat!("rules/", stringify!($module)),
            include_str!(concat!(stringify!($module), ".zh.ftl")),
            include_str!(concat!(stringify!($module), ".en.ftl")),
        ),)*];
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
    narrative_mismatch => NarrativeMismatch,
    unreadable_table => UnreadableTable,
    year_mismatch => YearMismatch,
    carryover_mismatch => CarryoverMismatch,
    unreadable_file => UnreadableFile,
    section_content => SectionContent,
}

/// Stable codes named before their rule exists: accepted in configuration, never
/// reported.
pub const RESERVED: &[RuleInfo] = &[];

impl RuleCode {
    /// The stable kebab-case code (`total-mismatch`).
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    /// The severity a finding of this rule has unless the configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// One line saying when the rule fires, in `lang`.
    pub fn summary(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.info().summary_zh,
            Lang::En => self.info().summary,
        }
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

/// Every place a label can have (`LabelMatch::place`, the strings the model writes).
const PLACES: [&str; 9] = [
    "表三 header",
    "表三 row",
    "表三 column order",
    "表二 block",
    "表二 column",
    "表二 row",
    "表四 header",
    "section number",
    "section heading",
];

/// What a label is, as a message names it (`LabelMatch::place`: `表三 row`, `section heading`…).
/// Each name of [`PLACES`] is rendered once per language: most findings are about a label and
/// name its place; any other place is rendered when asked.
pub(crate) fn place_name(lang: Lang, place: &'static str) -> std::borrow::Cow<'static, str> {
    static NAMES: std::sync::LazyLock<Vec<(Lang, &str, String)>> = std::sync::LazyLock::new(|| {
        PLACES
            .iter()
            .flat_map(|&place| Lang::ALL.map(|lang| (lang, place, render_place_name(lang, place))))
            .collect()
    });
    NAMES
        .iter()
        .find(|(l, p, _)| *l == lang && *p == place)
        .map_or_else(
            || render_place_name(lang, place).into(),
            |(_, _, name)| name.as_str().into(),
        )
}

fn render_place_name(lang: Lang, place: &str) -> String {
    match place {
        "表三 header" => msg!(lang, "place-table3-header"),
        "表三 row" => msg!(lang, "place-table3-row"),
        "表三 column order" => msg!(lang, "place-table3-column"),
        "表二 block" => msg!(lang, "place-table2-block"),
        "表二 column" => msg!(lang, "place-table2-column"),
        "表二 row" => msg!(lang, "place-table2-row"),
        "表四 header" => msg!(lang, "place-table4-header"),
        "section number" => msg!(lang, "place-section-number"),
        "section heading" => msg!(lang, "place-section-heading"),
        other => other.to_owned(),
    }
}

/// `表三`, `表四`: a table as the messages name it.
pub(crate) fn table_name(kind: crate::analysis::template::TableKind) -> &'static str {
    use crate::analysis::template::TableKind;
    match kind {
        TableKind::Active => "表二",
        TableKind::Applications => "表三",
        TableKind::Reviews => "表四",
    }
}

/// Items joined as a list in `lang`: `主动公开、依申请公开` or `主动公开, 依申请公开`.
pub(crate) fn list(lang: Lang, items: &[impl AsRef<str>]) -> String {
    let separator = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(separator)
}

/// A row of table 三 by its label, with its group's number for numbered items
/// (`（三）4.保护第三方合法权益`): `1.` recurs under （三）…（六）, and `3.其他` alone would read
/// like the column 其他. `r` is the row's index in the template, `name` its label.
pub(crate) fn application_row_name(
    t: &crate::analysis::template::ApplicationsSpec,
    r: usize,
    name: &str,
) -> String {
    let group = t
        .rows
        .get(r)
        .and_then(|spec| spec.parent.as_deref())
        .and_then(|parent| t.row_index(parent))
        .and_then(|g| t.rows.get(g))
        .and_then(|g| {
            let label = g.label.as_str();
            let end = label.find('）')? + '）'.len_utf8();
            label.starts_with('（').then(|| &label[..end])
        });
    match group {
        Some(group) => format!("{group}{}", short(name)),
        None => short(name).to_string(),
    }
}

#[cfg(test)]
mod place_tests {
    use super::*;

    /// Every place a label can have (the strings the model writes) has a name in the catalog.
    #[test]
    fn every_label_place_has_a_name() {
        for place in PLACES {
            assert_ne!(place_name(Lang::Zh, place), place);
            for lang in Lang::ALL {
                let name = place_name(lang, place);
                assert!(!name.starts_with("place-"), "{place} in {lang:?}: {name}");
            }
        }
    }
}
