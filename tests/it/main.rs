//! The one integration-test binary (see matklad, "Delete Cargo Integration Tests"): each module
//! tests one face of ogi-lint from the outside.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod fixtures;
mod forms;
mod growth;
mod lsp;
mod tidy;
mod windows;
