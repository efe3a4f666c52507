//! `ogi-lint check`: walks paths, reads files, runs the analysis, prints or fixes.
