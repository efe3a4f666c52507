//! `ogi-lint lsp`: the language server, a thin shell over [`crate::analysis::Analysis`].

/// Runs the language server on stdin/stdout until the client disconnects.
pub fn run() -> anyhow::Result<()> {
    anyhow::bail!("the language server is not built yet")
}
