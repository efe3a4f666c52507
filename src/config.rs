//! `ogi-lint.toml`: discovery (I/O) and the pure merge into [`crate::analysis::Options`].
