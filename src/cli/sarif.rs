//! SARIF 2.1.0 output, for code-scanning uploads.
//!
//! One run; `tool.driver.rules` lists every rule code; columns are UTF-16 code units
//! (`columnKind: "utf16CodeUnits"`), 1-based, with `endColumn` just past the range. Fixes are
//! included for safe fixes, as in the JSON output; related places (the other totals a wrong
//! figure breaks) as `relatedLocations`.

use std::path::{Component, Path};

use serde_json::{json, Value};

use crate::analysis::{Diagnostic, RuleCode, Severity};
use crate::cli::json::{lsp_range, JsonRange};
use crate::line_index::LineIndex;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/ogi-lint/ogi-lint";

/// The documentation page of a rule.
pub fn help_uri(code: RuleCode) -> String {
    format!(
        "https://github.com/ogi-lint/ogi-lint/blob/main/docs/rules/{}.md",
        code.as_str()
    )
}

/// One analysed file.
pub struct SarifFile<'a> {
    /// `artifactLocation.uri`, see [`artifact_uri`].
    pub uri: String,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
}

/// The whole SARIF log for `files`.
pub fn render(files: &[SarifFile<'_>]) -> Value {
    let rules: Vec<Value> = RuleCode::ALL
        .iter()
        .map(|&code| {
            json!({
                "id": code.as_str(),
                "shortDescription": {"text": code.summary()},
                "helpUri": help_uri(code),
                "defaultConfiguration": {"level": level(code.default_severity())},
            })
        })
        .collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.diagnostics
                .iter()
                .map(move |diagnostic| result(file, diagnostic))
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ogi-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

fn result(file: &SarifFile<'_>, diagnostic: &Diagnostic) -> Value {
    let range = lsp_range(file.index, file.text, diagnostic.range.clone());
    let rule_index = RuleCode::ALL
        .iter()
        .position(|&code| code == diagnostic.code);
    let mut res = json!({
        "ruleId": diagnostic.code.as_str(),
        "level": level(diagnostic.severity),
        "message": {"text": diagnostic.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": file.uri},
                "region": region(range),
            }
        }],
    });
    if let (Some(index), Some(object)) = (rule_index, res.as_object_mut()) {
        object.insert("ruleIndex".to_owned(), json!(index));
    }
    if !diagnostic.related.is_empty() {
        let related: Vec<Value> = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                json!({
                    "id": id,
                    "message": {"text": related.message},
                    "physicalLocation": {
                        "artifactLocation": {"uri": file.uri},
                        "region": region(lsp_range(file.index, file.text, related.range.clone())),
                    },
                })
            })
            .collect();
        if let Some(object) = res.as_object_mut() {
            object.insert("relatedLocations".to_owned(), json!(related));
        }
    }
    if let Some(fix) = diagnostic.fix.as_ref().filter(|fix| fix.safe) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(lsp_range(file.index, file.text, edit.range.clone())),
                    "insertedContent": {"text": edit.new_text},
                })
            })
            .collect();
        if let Some(object) = res.as_object_mut() {
            object.insert(
                "fixes".to_owned(),
                json!([{
                    "description": {"text": fix.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": file.uri},
                        "replacements": replacements,
                    }],
                }]),
            );
        }
    }
    res
}

/// A SARIF region: 1-based lines and columns, `endColumn` one past the last unit.
fn region(range: JsonRange) -> Value {
    json!({
        "startLine": range.start.line + 1,
        "startColumn": range.start.character + 1,
        "endLine": range.end.line + 1,
        "endColumn": range.end.character + 1,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The `artifactLocation.uri` of `path` (as the user named it): a relative URI reference with
/// `/` separators when the file is under `cwd`, a `file://` URI otherwise; percent-encoded.
pub fn artifact_uri(path: &Path, cwd: &Path) -> String {
    let relative = if path.is_absolute() {
        path.strip_prefix(cwd).ok()
    } else {
        Some(path)
    };
    match relative {
        Some(relative) => {
            let parts: Vec<String> = relative
                .components()
                .filter_map(|component| match component {
                    Component::CurDir => None,
                    other => Some(encode(&other.as_os_str().to_string_lossy())),
                })
                .collect();
            parts.join("/")
        }
        None => {
            let parts: Vec<String> = path
                .components()
                .filter_map(|component| match component {
                    Component::Normal(part) => Some(encode(&part.to_string_lossy())),
                    _ => None,
                })
                .collect();
            format!("file:///{}", parts.join("/"))
        }
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode(part: &str) -> String {
    let mut res = String::with_capacity(part.len());
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            res.push(char::from(byte));
        } else {
            res.push_str(&format!("%{byte:02X}"));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn log_has_the_required_fields() {
        let text = "😀 （七）总计 | 3 |\n";
        let three = text.find('3').unwrap();
        let diagnostics = vec![
            Diagnostic::new(RuleCode::TotalMismatch, three..three + 1, "总计 is 3 but 2")
                .with_replacement(three..three + 1, "2"),
            Diagnostic::new(RuleCode::LabelPunctuation, 5..20, "label"),
        ];
        let index = LineIndex::new(text);
        let log = render(&[SarifFile {
            uri: "reports/a.md".into(),
            text,
            index: &index,
            diagnostics: &diagnostics,
        }]);
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "ogi-lint");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(driver["informationUri"], INFORMATION_URI);
        let rules = driver["rules"].as_array().unwrap();
        assert_eq!(rules.len(), RuleCode::ALL.len());
        let total = rules
            .iter()
            .find(|rule| rule["id"] == "total-mismatch")
            .unwrap();
        assert_eq!(
            total["helpUri"],
            "https://github.com/ogi-lint/ogi-lint/blob/main/docs/rules/total-mismatch.md"
        );
        assert_eq!(
            total["shortDescription"]["text"],
            RuleCode::TotalMismatch.summary()
        );

        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "total-mismatch");
        assert_eq!(result["level"], "error");
        assert_eq!(
            rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "total-mismatch"
        );
        assert_eq!(result["message"]["text"], "总计 is 3 but 2");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "reports/a.md");
        // 😀 counts two UTF-16 units: "😀 （七）总计 | " is 11 units, so the 3 is column 12.
        assert_eq!(
            location["region"],
            json!({"startLine": 1, "startColumn": 12, "endLine": 1, "endColumn": 13})
        );
        let fix = &result["fixes"][0];
        assert_eq!(fix["description"]["text"], "Replace with 2");
        let replacement = &fix["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["insertedContent"]["text"], "2");
        assert_eq!(replacement["deletedRegion"]["startColumn"], 12);

        let hint = &run["results"][1];
        assert_eq!(hint["level"], "note");
        assert!(hint.get("fixes").is_none());
    }

    #[test]
    fn uris() {
        let cwd = Path::new("/work/p");
        assert_eq!(
            artifact_uri(Path::new("./reports/2021 市商务局.md"), cwd),
            "reports/2021%20%E5%B8%82%E5%95%86%E5%8A%A1%E5%B1%80.md"
        );
        assert_eq!(artifact_uri(Path::new("/work/p/a/b.md"), cwd), "a/b.md");
        assert_eq!(
            artifact_uri(Path::new("/else/b.md"), cwd),
            "file:///else/b.md"
        );
        assert_eq!(artifact_uri(Path::new("<stdin>"), cwd), "%3Cstdin%3E");
    }
}
