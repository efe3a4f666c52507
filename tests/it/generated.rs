//! Text generated from the rule declarations (`RULE` in each file under
//! `crates/ogi-lint-core/src/analysis/rules/`,
//! registered in `rules/mod.rs`): the README's rule table, the docs index, the rule list in the
//! configuration docs and the VS Code extension's `ogiLint.severity` settings, whose descriptions
//! are `%ogiLint.severity.rule.CODE%` keys with their texts, English and Chinese, in
//! `package.nls.json` and `package.nls.zh-cn.json`. Each test
//! regenerates its text and fails when the file differs — a rule added without them, or a
//! summary changed in one place only. `OGI_UPDATE_GENERATED=1 cargo test --test it generated`
//! rewrites them.

use std::path::{Path, PathBuf};

use ogi_lint::analysis::{RuleCode, RuleInfo, RESERVED};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every code a user may write: the rules, then the reserved codes.
fn all_rules() -> Vec<&'static RuleInfo> {
    RuleCode::ALL
        .iter()
        .map(|code| code.info())
        .chain(RESERVED.iter())
        .collect()
}

fn updating() -> bool {
    std::env::var_os("OGI_UPDATE_GENERATED").is_some_and(|v| v == "1")
}

/// Checks (or, when updating, rewrites) `path` to be `expected`.
fn check_file(path: PathBuf, expected: &str) {
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual == expected {
        return;
    }
    if updating() {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let first_diff = actual
        .lines()
        .zip(expected.lines())
        .position(|(a, e)| a != e)
        .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
    panic!(
        "{} is not what the rule declarations generate (first difference at line {}):\n  has:    {:?}\n  wanted: {:?}\nRun `OGI_UPDATE_GENERATED=1 cargo test --test it generated` to regenerate it.",
        path.display(),
        first_diff + 1,
        actual.lines().nth(first_diff).unwrap_or(""),
        expected.lines().nth(first_diff).unwrap_or(""),
    );
}

/// `text` with what lies between `begin` and `end` (marker lines kept) replaced by `body`.
fn between(text: &str, begin: &str, end: &str, body: &str) -> String {
    let start = text
        .find(begin)
        .unwrap_or_else(|| panic!("marker {begin:?} not found"))
        + begin.len();
    let stop = start
        + text[start..]
            .find(end)
            .unwrap_or_else(|| panic!("marker {end:?} not found"));
    format!("{}\n{body}{}", &text[..start], &text[stop..])
}

const BEGIN: &str = "<!-- generated from the rule declarations: rules -->";
const END: &str = "<!-- end of generated rules -->";

fn severity_name(rule: &RuleInfo) -> &'static str {
    rule.severity.as_str()
}

fn rules_table(link_prefix: &str) -> String {
    let mut out = String::from("| rule | default | reports | fix |\n|---|---|---|---|\n");
    for rule in all_rules() {
        let fix = if rule.fix.is_empty() { "—" } else { rule.fix };
        out.push_str(&format!(
            "| [`{code}`]({link_prefix}{code}.md) | {} | {} | {fix} |\n",
            severity_name(rule),
            rule.summary,
            code = rule.code,
        ));
    }
    out
}

#[test]
fn generated_readme_rule_table() {
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    check_file(
        path,
        &between(&text, BEGIN, END, &rules_table("docs/rules/")),
    );
}

#[test]
fn generated_docs_index() {
    let path = root().join("docs/rules/README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    check_file(path, &between(&text, BEGIN, END, &rules_table("")));
}

#[test]
fn generated_configuration_rule_list() {
    let path = root().join("docs/configuration.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut body = String::new();
    for rule in all_rules() {
        body.push_str(&format!(
            "- [`{code}`](rules/{code}.md) (default `{}`)\n",
            severity_name(rule),
            code = rule.code
        ));
    }
    check_file(path, &between(&text, BEGIN, END, &body));
}

/// The nls key of a rule's severity setting's description.
fn nls_key(rule: &RuleInfo) -> String {
    format!("ogiLint.severity.rule.{}", rule.code)
}

/// A rule's severity setting's description in English: its summary, and its default.
fn description_en(rule: &RuleInfo) -> String {
    let mut chars = rule.summary.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!(
        "{first}{}. Default: `{}`.",
        chars.as_str().trim_end_matches('.'),
        severity_name(rule)
    )
}

/// The same in Chinese, from the rule's Chinese summary.
fn description_zh(rule: &RuleInfo) -> String {
    let body = rule.summary_zh.trim_end_matches('。');
    let stop = if body.ends_with("**") { "" } else { "。" };
    format!("{body}{stop}默认级别：`{}`。", severity_name(rule))
}

/// The `properties` of `ogiLint.severity` in the extension's package.json, as npm writes JSON
/// (two-space indentation), at the depth they sit in that file.
fn severity_properties() -> String {
    let pad = " ".repeat(12);
    let mut out = String::from("\"properties\": {\n");
    let rules = all_rules();
    for (i, rule) in rules.iter().enumerate() {
        let description = format!("%{}%", nls_key(rule));
        out.push_str(&format!(
            "{pad}{code}: {{\n{pad}  \"type\": \"string\",\n{pad}  \"enum\": [\n{pad}    \"error\",\n{pad}    \"warning\",\n{pad}    \"info\",\n{pad}    \"hint\",\n{pad}    \"off\"\n{pad}  ],\n{pad}  \"markdownDescription\": {}\n{pad}}}{}\n",
            serde_json::to_string(&description).unwrap(),
            if i + 1 < rules.len() { "," } else { "" },
            code = serde_json::to_string(rule.code).unwrap(),
        ));
    }
    out.push_str(&" ".repeat(10));
    out.push('}');
    out
}

/// `file` (an nls file of the extension) with the rules' descriptions made by `describe` in
/// place of whatever rule descriptions it had; its other keys as they are, all keys in order.
fn nls_with_rules(file: &Path, describe: fn(&RuleInfo) -> String) -> String {
    let text = std::fs::read_to_string(file).unwrap_or_else(|_| "{}".to_owned());
    let mut map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.retain(|key, _| !key.starts_with("ogiLint.severity.rule."));
    for rule in all_rules() {
        map.insert(nls_key(rule), serde_json::Value::String(describe(rule)));
    }
    let mut out = serde_json::to_string_pretty(&map).unwrap();
    out.push('\n');
    out
}

#[test]
fn generated_vscode_nls_rule_descriptions() {
    let vscode = root().join("editors/vscode");
    for (name, describe) in [
        (
            "package.nls.json",
            description_en as fn(&RuleInfo) -> String,
        ),
        ("package.nls.zh-cn.json", description_zh),
    ] {
        let path = vscode.join(name);
        let expected = nls_with_rules(&path, describe);
        check_file(path, &expected);
    }
}

/// Every `%key%` of the extension's package.json has its text in both nls files, and the
/// Chinese file has every key of the English one (and no other).
#[test]
fn vscode_nls_files_cover_every_key() {
    let vscode = root().join("editors/vscode");
    let read = |name: &str| -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(vscode.join(name)).unwrap()).unwrap()
    };
    let (en, zh) = (read("package.nls.json"), read("package.nls.zh-cn.json"));
    let en_keys: Vec<&String> = en.keys().collect();
    let zh_keys: Vec<&String> = zh.keys().collect();
    assert_eq!(en_keys, zh_keys);
    let package = std::fs::read_to_string(vscode.join("package.json")).unwrap();
    let mut used = 0;
    for piece in package.split('"') {
        if let Some(key) = piece.strip_prefix('%').and_then(|k| k.strip_suffix('%')) {
            used += 1;
            assert!(
                en.contains_key(key),
                "%{key}% has no text in package.nls.json"
            );
        }
    }
    assert!(used > 30, "only {used} keys in package.json");
    for (key, text) in &zh {
        // Code spans (`error`, `reports/**/*.md`) are names, not words.
        let prose: String = text
            .as_str()
            .unwrap_or("")
            .split('`')
            .step_by(2)
            .collect::<Vec<_>>()
            .join(" ");
        let words = ogi_lint::analysis::i18n::english_words(&prose);
        assert!(
            words.is_empty(),
            "{key}: English words {words:?} in the Chinese text"
        );
    }
}

#[test]
fn generated_vscode_severity_settings() {
    let path = root().join("editors/vscode/package.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let setting = text
        .find("\"ogiLint.severity\": {")
        .expect("ogiLint.severity in package.json");
    let start = setting
        + text[setting..]
            .find("\"properties\": {")
            .expect("its properties");
    // The matching closing brace of `properties`.
    let mut depth = 0;
    let mut end = start;
    for (i, ch) in text[start..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = start + i + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    let expected = format!(
        "{}{}{}",
        &text[..start],
        severity_properties(),
        &text[end..]
    );
    // Still JSON, and the settings are exactly the codes.
    let json: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let props =
        &json["contributes"]["configuration"]["properties"]["ogiLint.severity"]["properties"];
    assert_eq!(props.as_object().map(|o| o.len()), Some(all_rules().len()));
    check_file(path, &expected);
}

#[test]
fn every_code_has_a_docs_page() {
    for rule in all_rules() {
        let page = root().join(format!("docs/rules/{}.md", rule.code));
        let text = std::fs::read_to_string(&page)
            .unwrap_or_else(|_| panic!("no docs page {}", page.display()));
        assert!(
            text.starts_with(&format!("# `{}`", rule.code))
                || text.starts_with(&format!("# {}", rule.code)),
            "{} must start with its code as the title",
            page.display()
        );
    }
}
