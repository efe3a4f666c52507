//! The message catalogs from the outside: every message id the code renders (`msg!`,
//! `msg_attr!`, `t!`, `Msg::new`) exists in its catalog, in both languages.

use std::path::Path;

use ogi_lint::analysis::i18n::{self, Catalog};

use crate::tidy::rust_files;

/// The literal message ids that follow one of `markers` (a macro or function name at a word
/// boundary) in the Rust files under `dir`: the first string literal after it, when it looks
/// like an id (`msg!(lang, "missing-row"`, `Msg::new("config-unknown-key")`).
fn ids(dir: &Path, markers: &[&str]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let mut res = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for marker in markers {
            for (at, _) in text.match_indices(marker) {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &text[at + marker.len()..];
                // The first argument or the second (after the language), not a later call's.
                let Some(open) = rest
                    .find('"')
                    .filter(|&i| i < 80 && !rest[..i].contains(')'))
                else {
                    continue;
                };
                let Some(len) = rest[open + 1..].find('"') else {
                    continue;
                };
                let id = &rest[open + 1..open + 1 + len];
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    res.push((file.display().to_string(), id.to_owned()));
                }
            }
        }
    }
    res
}

fn check(catalog: &Catalog, used: &[(String, String)]) {
    assert!(used.len() > 20, "too few message ids found: {used:?}");
    let missing: Vec<String> = used
        .iter()
        .filter(|(_, id)| !catalog.has(id))
        .map(|(file, id)| format!("{file}: {id}"))
        .collect();
    assert!(
        missing.is_empty(),
        "ids with no message:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_message_the_analysis_renders_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/ogi-lint-core/src");
    check(&i18n::CORE, &ids(&root, &["msg!(", "msg_attr!("]));
}

#[test]
fn every_message_the_cli_and_the_server_render_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    check(
        &ogi_lint::messages::CATALOG,
        &ids(&root, &["t!(", "Msg::new("]),
    );
}
