//! The one integration-test binary (see matklad, "Delete Cargo Integration Tests"): each module
//! tests one face of ogi-lint from the outside.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod editions;
mod fix_engine;
mod fixtures;
mod forms;
mod fuzz_analysis;
mod generated;
mod growth;
mod guide;
mod lsp;
mod lsp_status;
mod lsp_stream;
mod messages;
mod rule_docs;
mod tidy;
mod windows;
