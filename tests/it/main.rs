//! The one integration-test binary (matklad's "delete cargo integration tests"): one module
//! per face of the program.
#![allow(clippy::unwrap_used)] // Tests fail loudly; that is what `unwrap` is for here.

mod lsp;
