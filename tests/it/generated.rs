//! Text generated from the rule declarations (`RULE` in each file under
//! `crates/ogi-lint-core/src/analysis/rules/`,
//! registered in `rules/mod.rs`): the README's rule table, the docs index, the rule list in the
//! configuration docs and the VS Code extension's `ogiLint.severity` settings. Each test
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
    let mut out = String::from(
        "# Rules\n\n\
         <!-- Generated from the rule declarations in crates/ogi-lint-core/src/analysis/rules/ by tests/it/generated.rs. -->\n\n\
         Every rule code ogi-lint reports, its default severity (change it in `ogi-lint.toml` or the\n\
         editor settings, see [configuration](../configuration.md)), what it reports and what it fixes.\n\
         Match on the code, never on a message.\n\n",
    );
    out.push_str(&rules_table(""));
    check_file(root().join("docs/rules/README.md"), &out);
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

/// The `properties` of `ogiLint.severity` in the extension's package.json, as npm writes JSON
/// (two-space indentation), at the depth they sit in that file.
fn severity_properties() -> String {
    let pad = " ".repeat(12);
    let mut out = String::from("\"properties\": {\n");
    let rules = all_rules();
    for (i, rule) in rules.iter().enumerate() {
        let mut chars = rule.summary.chars();
        let first: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        let description = format!(
            "{first}{}. Default: `{}`.",
            chars.as_str().trim_end_matches('.'),
            severity_name(rule)
        );
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
