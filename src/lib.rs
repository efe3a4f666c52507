//! ogi-lint: a linter and language server for 政府信息公开工作年度报告, the annual reports
//! on open government information that Chinese government bodies publish each January.
//!
//! The crate is the two faces of one core:
//! - [`analysis`] (re-exported from the `ogi-lint-core` crate): the pure core. Text in,
//!   diagnostics out; no I/O, no LSP types, never fails.
//! - [`cli`]: `ogi-lint check`, which reads files and prints what the core finds.
//! - [`server`]: `ogi-lint lsp`, a thin language server over the same core.
//! - [`files`]: report files on disk (decoding, the identity their head gives), read by both.
//!
//! [`line_index`] (also from the core) turns byte offsets into lines and UTF-16 columns.

pub use ogi_lint_core::{analysis, line_index};

#[macro_use]
pub mod messages;
pub mod cli;
pub mod config;
pub mod files;
pub mod server;

pub use analysis::{check, Diagnostic, Edit, Edition, Fix, Lang, Options, RuleCode, Severity};
