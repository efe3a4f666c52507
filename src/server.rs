//! `ogi-lint lsp`: the language server, a thin shell over [`crate::analysis::Analysis`].
