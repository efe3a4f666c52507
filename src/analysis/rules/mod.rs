//! One file per rule code. Each turns facts of the [`Model`] into diagnostics and documents
//! what it checks, with an example and tests of what it must and must not flag.

use rust_decimal::Decimal;

use super::model::Model;
use super::Diagnostic;

mod balance_mismatch;
mod edition_mismatch;
mod invalid_number;
mod label_punctuation;
mod missing_cell;
mod missing_row;
mod missing_section;
mod missing_table;
mod nonstandard_label;
pub(crate) mod relations;
mod section_content;
mod section_order;
mod section_title;
mod total_mismatch;
mod unknown_row;
mod unreadable_file;
mod unreadable_table;

#[cfg(test)]
pub(crate) mod test_support;

/// Runs every rule over the model (severity overrides and suppressions come later).
pub fn run(model: &Model, out: &mut Vec<Diagnostic>) {
    missing_section::check(model, out);
    section_title::check(model, out);
    section_order::check(model, out);
    missing_table::check(model, out);
    missing_row::check(model, out);
    unknown_row::check(model, out);
    nonstandard_label::check(model, out);
    label_punctuation::check(model, out);
    edition_mismatch::check(model, out);
    total_mismatch::check(model, out);
    balance_mismatch::check(model, out);
    missing_cell::check(model, out);
    invalid_number::check(model, out);
    unreadable_table::check(model, out);
    section_content::check(model, out);
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
