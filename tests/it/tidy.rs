//! Repository rules checked by `cargo test` (as rust-analyzer's tidy): module docs, the
//! analysis core's independence, and that every rule code has its file, docs page and tests.

use std::path::{Path, PathBuf};

use ogi_lint::analysis::{is_reserved, RuleCode};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir` (also what `messages.rs` scans for message ids).
pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The core crate's sources: the analysis and the line index.
fn core_src() -> PathBuf {
    root().join("crates/ogi-lint-core/src")
}

#[test]
fn every_module_starts_with_a_doc_comment() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&core_src(), &mut files);
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap().starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "no //! module doc: {missing:#?}");
}

#[test]
fn analysis_never_does_io_or_touches_lsp() {
    let mut files = Vec::new();
    rust_files(&core_src(), &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let is_test = f.to_string_lossy().contains("test");
        for forbidden in [
            "tower_lsp",
            "tokio",
            "ropey",
            "std::fs",
            "std::io",
            "std::process",
            "std::net",
        ] {
            if forbidden == "std::fs" && is_test {
                continue;
            }
            assert!(
                !text.contains(forbidden),
                "{} uses {forbidden}",
                f.display()
            );
        }
    }
}

#[test]
fn only_the_server_uses_the_lsp_framework() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&core_src(), &mut files);
    for f in files {
        let path = f.to_string_lossy().replace('\\', "/");
        if path.contains("/src/server") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(!text.contains("tower_lsp"), "{path} uses tower_lsp");
    }
}

#[test]
fn every_rule_has_a_file_a_docs_page_tests_and_a_line_in_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap_or_default();
    let interface_codes = [
        "missing-section",
        "section-title",
        "section-order",
        "missing-table",
        "missing-row",
        "unknown-row",
        "nonstandard-label",
        "label-punctuation",
        "edition-mismatch",
        "total-mismatch",
        "balance-mismatch",
        "missing-cell",
        "invalid-number",
        "narrative-mismatch",
        "year-mismatch",
        "carryover-mismatch",
        "unreadable-file",
        "unreadable-table",
    ];
    for code in interface_codes {
        assert!(
            RuleCode::from_code(code).is_some() || is_reserved(code),
            "documented code {code} is neither a rule nor reserved"
        );
    }
    for code in RuleCode::ALL {
        let name = code.as_str();
        let file = core_src().join(format!("analysis/rules/{}.rs", name.replace('-', "_")));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("no rule file for {name}"));
        assert!(
            text.starts_with("//! `"),
            "{name}: rule file must start with its doc"
        );
        assert!(
            text.contains("#[cfg(test)]") && text.contains("#[test]"),
            "{name}: no tests"
        );
        assert!(
            text.contains("fn does_not_") || text.contains("must not") || text.contains("not_flag"),
            "{name}: no test of what it must not flag"
        );
        let docs = root().join(format!("docs/rules/{name}.md"));
        assert!(docs.exists(), "no docs page for {name}");
        assert!(
            readme.contains(&format!("docs/rules/{name}.md")),
            "README does not link {name}"
        );
    }
}

/// Files a merge may have left conflict markers in: every text file of the repository outside
/// `target/`, `node_modules/` and `.git/`.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !matches!(
                name.to_str(),
                Some("target" | "node_modules" | ".git" | "dist" | "out")
            ) {
                text_files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_merge_conflict_markers() {
    let mut files = Vec::new();
    text_files(root(), &mut files);
    let marked: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f).is_ok_and(|text| {
                text.lines()
                    .any(|l| l.starts_with("<<<<<<< ") || l.starts_with(">>>>>>> "))
            })
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(marked.is_empty(), "conflict markers in {marked:?}");
}

/// The core crate depends on nothing of the language server or the file system: its normal
/// dependency tree (what an embedder, a wasm build among them, pulls in) has no tokio,
/// tower-lsp(-server) or ropey.
#[test]
fn the_core_crate_pulls_in_no_server_crates() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            "ogi-lint-core",
            "--edges",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("ogi-lint-core"), "{tree}");
    for forbidden in ["tokio", "tower-lsp", "ropey", "walkdir", "tempfile"] {
        assert!(
            !tree.lines().any(|l| l.starts_with(forbidden)),
            "ogi-lint-core depends on {forbidden}:\n{tree}"
        );
    }
}
