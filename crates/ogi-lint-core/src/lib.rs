//! The analysis core of ogi-lint, a linter for 政府信息公开工作年度报告 (annual reports on open
//! government information): report text in, diagnostics out.
//!
//! - [`analysis`]: the pure analysis. No I/O, no LSP types, no async, never fails; the
//!   built-in template editions are compiled in as data ([`analysis::add_editions`] adds more).
//! - [`line_index`]: byte offsets ↔ lines and UTF-16 (or UTF-8) columns.
//!
//! The `ogi-lint` crate (the command-line checker and the language server) re-exports both;
//! anything that embeds the checker — a web page through wasm, another tool — needs only this
//! crate.

pub mod analysis;
pub mod line_index;

pub use analysis::{check, Diagnostic, Edit, Edition, Fix, Lang, Options, RuleCode, Severity};
