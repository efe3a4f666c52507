//! SARIF 2.1.0 output, for code-scanning uploads.
//!
//! One run; `tool.driver.rules` lists every rule code; columns are UTF-16 code units
//! (`columnKind: "utf16CodeUnits"`), 1-based, with `endColumn` just past the range. Fixes are
//! included for safe fixes, as in the JSON output; related places (the other totals a wrong
//! figure breaks) as `relatedLocations`. A file that could not be read is a result of
//! `unreadable-file` and, like every other problem that kept a file from being checked, a tool
//! execution notification of the run's one invocation (`executionSuccessful: false`).
//!
//! [`SarifWriter`] streams the log: the results of each file are written as they come, one at
//! a time, never as a tree of the whole log.

use std::io::{self, Write};
use std::path::{Component, Path};

use serde::Serialize;
use serde_json::{json, Value};

use crate::analysis::{Diagnostic, Lang, RuleCode, Severity};
use crate::cli::json::{related_places, Elsewhere, JsonPosition, JsonRange, Locator, PrettyArray};
use crate::line_index::LineIndex;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/ogi-lint/ogi-lint";
/// Where the results array sits in the log skeleton: see [`SarifWriter::start`].
const RESULTS_MARKER: &str = "\"results\": []";

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
    /// Where the positions of its offsets come from.
    pub at: Locator<'a>,
    pub diagnostics: &'a [Diagnostic],
    /// Another document related places may be in (last year's report), named by its
    /// artifact URI.
    pub elsewhere: Option<Elsewhere<'a>>,
}

/// The SARIF log, written as it goes: [`SarifWriter::start`], then the results of each file,
/// then [`SarifWriter::finish`].
pub struct SarifWriter {
    results: PrettyArray,
    /// The rest of the log after the results array.
    tail: String,
    /// The indent of the `"results"` key.
    indent: usize,
    notifications: Vec<Value>,
}

impl SarifWriter {
    /// Writes everything before the first result.
    /// Writes everything before the first result; `lang` is the language of the messages
    /// (`run.language`, and the rules' descriptions).
    pub fn start(out: &mut (impl Write + ?Sized), lang: Lang) -> io::Result<SarifWriter> {
        // The log with no result, as serde_json lays it out; the results go where its empty
        // array is, so the whole log reads exactly as if serialised at once.
        let skeleton = serde_json::to_string_pretty(&log(Vec::new(), lang))?;
        let (head, tail) = skeleton
            .split_once(RESULTS_MARKER)
            .ok_or_else(|| io::Error::other("no results array in the SARIF skeleton"))?;
        let indent = head.len() - head.trim_end_matches(' ').len();
        out.write_all(head.as_bytes())?;
        out.write_all(b"\"results\": ")?;
        Ok(SarifWriter {
            results: PrettyArray::open(out, indent)?,
            tail: tail.to_owned(),
            indent,
            notifications: Vec::new(),
        })
    }

    /// Writes the results of one file.
    pub fn file(
        &mut self,
        out: &mut (impl Write + ?Sized),
        file: &SarifFile<'_>,
    ) -> io::Result<()> {
        for diagnostic in file.diagnostics {
            self.results.push(out, &result(file, diagnostic))?;
        }
        Ok(())
    }

    /// Writes the `unreadable-file` result of a file, and notes it for the invocation.
    pub fn unreadable(
        &mut self,
        out: &mut (impl Write + ?Sized),
        uri: &str,
        severity: Severity,
        message: &str,
    ) -> io::Result<()> {
        let origin = JsonPosition {
            line: 0,
            character: 0,
        };
        let diagnostic =
            Diagnostic::new(RuleCode::UnreadableFile, 0..0, message).with_severity(severity);
        let file = SarifFile {
            uri: uri.to_owned(),
            at: Locator::Index(&LineIndex::new(""), ""),
            diagnostics: &[],
            elsewhere: None,
        };
        let res = result_at(
            &file,
            &diagnostic,
            JsonRange {
                start: origin,
                end: origin,
            },
        );
        self.results.push(out, &res)?;
        let mut notification = json!({
            "level": level(severity),
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
        });
        if let (Some(index), Some(object)) = (
            rule_index(RuleCode::UnreadableFile),
            notification.as_object_mut(),
        ) {
            object.insert(
                "associatedRule".to_owned(),
                json!({"id": RuleCode::UnreadableFile.as_str(), "index": index}),
            );
        }
        self.notifications.push(notification);
        Ok(())
    }

    /// Notes a problem that kept something from being checked (a missing path, a broken
    /// config, fixes that could not be written), for the invocation.
    pub fn notify(&mut self, message: &str) {
        self.notifications.push(json!({
            "level": "error",
            "message": {"text": message},
        }));
    }

    /// Writes the rest of the log.
    pub fn finish(self, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
        self.results.close(out)?;
        if !self.notifications.is_empty() {
            let invocations = json!([{
                "executionSuccessful": false,
                "toolExecutionNotifications": self.notifications,
            }]);
            let pretty = serde_json::to_string_pretty(&invocations)?;
            let pad = format!("\n{}", " ".repeat(self.indent));
            write!(out, ",{pad}\"invocations\": {}", pretty.replace('\n', &pad))?;
        }
        out.write_all(self.tail.as_bytes())
    }
}

/// The whole log with these results (without invocations).
fn log(results: Vec<Value>, lang: Lang) -> Value {
    let rules: Vec<Value> = RuleCode::ALL
        .iter()
        .map(|&code| {
            json!({
                "id": code.as_str(),
                "shortDescription": {"text": code.summary(lang)},
                "helpUri": help_uri(code),
                "defaultConfiguration": {"level": level(code.default_severity())},
            })
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
            "language": lang.tag(),
            "results": results,
        }]
    })
}

fn rule_index(code: RuleCode) -> Option<usize> {
    RuleCode::ALL.iter().position(|&known| known == code)
}

fn result<'a>(file: &'a SarifFile<'_>, diagnostic: &'a Diagnostic) -> SarifResult<'a> {
    let range = file.at.range(diagnostic.range.clone());
    result_at(file, diagnostic, range)
}

fn result_at<'a>(
    file: &'a SarifFile<'_>,
    diagnostic: &'a Diagnostic,
    range: JsonRange,
) -> SarifResult<'a> {
    let artifact = ArtifactLocation { uri: &file.uri };
    let fixes = diagnostic.fix.as_ref().filter(|fix| fix.safe).map(|fix| {
        [SarifFix {
            artifact_changes: [ArtifactChange {
                artifact_location: artifact,
                replacements: fix
                    .edits
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: Region::of(file.at.range(edit.range.clone())),
                        inserted_content: Text {
                            text: &edit.new_text,
                        },
                    })
                    .collect(),
            }],
            description: Text { text: &fix.title },
        }]
    });
    SarifResult {
        fixes,
        level: level(diagnostic.severity),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact,
                region: Region::of(range),
            },
        }],
        message: Text {
            text: &diagnostic.message,
        },
        // A place in another document (last year's report) is in its own artifact.
        related_locations: related_places(diagnostic, &file.uri, file.at, file.elsewhere)
            .map(|(related, uri, at)| {
                let region = Region::of(at.range(related.range.clone()));
                (related, ArtifactLocation { uri }, region)
            })
            .enumerate()
            .map(
                |(id, (related, artifact_location, region))| RelatedLocation {
                    id,
                    message: Text {
                        text: &related.message,
                    },
                    physical_location: PhysicalLocation {
                        artifact_location,
                        region,
                    },
                },
            )
            .collect(),
        rule_id: diagnostic.code.as_str(),
        rule_index: rule_index(diagnostic.code),
    }
}

// One result of the log. The fields of each struct are in the order serde_json prints the
// keys of a `Value` map (sorted), so the log reads as it did when it was built as one `Value`
// (a test compares the two); typed, a result costs no map allocations.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

/// Another place a finding involves (`Diagnostic::related`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    message: Text<'a>,
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Clone, Copy, Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

/// A SARIF region: 1-based lines and columns, `endColumn` one past the last unit.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: u32,
    end_line: u32,
    start_column: u32,
    start_line: u32,
}

impl Region {
    fn of(range: JsonRange) -> Region {
        Region {
            end_column: range.end.character + 1,
            end_line: range.end.line + 1,
            start_column: range.start.character + 1,
            start_line: range.start.line + 1,
        }
    }
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

    /// A result as the log built it as one `Value` (before it streamed): the reference the
    /// typed [`SarifResult`] must print the same as.
    fn reference_result(file: &SarifFile<'_>, diagnostic: &Diagnostic) -> Value {
        let range = file.at.range(diagnostic.range.clone());
        reference_result_at(file, diagnostic, range)
    }

    fn reference_result_at(
        file: &SarifFile<'_>,
        diagnostic: &Diagnostic,
        range: JsonRange,
    ) -> Value {
        let rule_index = rule_index(diagnostic.code);
        let mut res = json!({
            "ruleId": diagnostic.code.as_str(),
            "level": level(diagnostic.severity),
            "message": {"text": diagnostic.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": file.uri},
                    "region": reference_region(range),
                }
            }],
        });
        if let (Some(index), Some(object)) = (rule_index, res.as_object_mut()) {
            object.insert("ruleIndex".to_owned(), json!(index));
        }
        if let Some(fix) = diagnostic.fix.as_ref().filter(|fix| fix.safe) {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .map(|edit| {
                    json!({
                        "deletedRegion": reference_region(file.at.range(edit.range.clone())),
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
    fn reference_region(range: JsonRange) -> Value {
        json!({
            "startLine": range.start.line + 1,
            "startColumn": range.start.character + 1,
            "endLine": range.end.line + 1,
            "endColumn": range.end.character + 1,
        })
    }

    /// The log as [`SarifWriter`] streams it.
    fn streamed(files: &[SarifFile<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut writer = SarifWriter::start(&mut out, Lang::Zh).unwrap();
        for file in files {
            writer.file(&mut out, file).unwrap();
        }
        writer.finish(&mut out).unwrap();
        out
    }

    fn render(files: &[SarifFile<'_>]) -> Value {
        serde_json::from_slice(&streamed(files)).unwrap()
    }

    /// The streamed log is byte for byte the log serialised at once (what `check --format
    /// sarif` printed before it streamed).
    #[test]
    fn streaming_is_byte_identical_to_the_whole_log() {
        let a = "😀 （七）总计 | 3 |\r\n二 | 4 |\n";
        let three = a.find('3').unwrap();
        let four = a.find('4').unwrap();
        let a_diagnostics = vec![
            Diagnostic::new(
                RuleCode::TotalMismatch,
                three..three + 1,
                "总计 is 3 \"but\" 2",
            )
            .with_replacement(Lang::En, three..three + 1, "2"),
            Diagnostic::new(RuleCode::LabelPunctuation, 5..20, "label")
                .with_severity(Severity::Hint),
            Diagnostic::new(RuleCode::MissingCell, four..four + 1, "line\nbreak"),
        ];
        let b = "no findings here";
        let a_index = LineIndex::new(a);
        let b_index = LineIndex::new(b);
        let files = [
            SarifFile {
                uri: "reports/a.md".into(),
                at: Locator::Index(&a_index, a),
                diagnostics: &a_diagnostics,
                elsewhere: None,
            },
            SarifFile {
                uri: "b.md".into(),
                at: Locator::Index(&b_index, b),
                diagnostics: &[],
                elsewhere: None,
            },
            SarifFile {
                uri: "c%20d.md".into(),
                at: Locator::Index(&a_index, a),
                diagnostics: &a_diagnostics[1..],
                elsewhere: None,
            },
        ];
        for n in 0..=files.len() {
            let results: Vec<Value> = files[..n]
                .iter()
                .flat_map(|file| {
                    file.diagnostics
                        .iter()
                        .map(move |d| reference_result(file, d))
                })
                .collect();
            let whole = serde_json::to_string_pretty(&log(results, Lang::Zh)).unwrap();
            assert_eq!(String::from_utf8(streamed(&files[..n])).unwrap(), whole);
        }
    }

    #[test]
    fn an_unreadable_file_is_a_result_and_a_notification() {
        let mut out = Vec::new();
        let mut writer = SarifWriter::start(&mut out, Lang::Zh).unwrap();
        writer
            .unreadable(&mut out, "r%20a.txt", Severity::Error, "not UTF-8")
            .unwrap();
        writer.notify("missing.md: No such file or directory");
        writer.finish(&mut out).unwrap();
        let log: Value = serde_json::from_slice(&out).unwrap();
        let run = &log["runs"][0];
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "unreadable-file");
        assert_eq!(result["level"], "error");
        assert_eq!(result["message"]["text"], "not UTF-8");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "r%20a.txt");
        assert_eq!(
            location["region"],
            json!({"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1})
        );
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(
            rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "unreadable-file"
        );
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
        assert_eq!(notifications.len(), 2);
        assert_eq!(notifications[0]["level"], "error");
        assert_eq!(notifications[0]["message"]["text"], "not UTF-8");
        assert_eq!(
            notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "r%20a.txt"
        );
        assert_eq!(notifications[0]["associatedRule"]["id"], "unreadable-file");
        assert_eq!(
            notifications[1]["message"]["text"],
            "missing.md: No such file or directory"
        );
        assert!(notifications[1].get("locations").is_none());
    }

    #[test]
    fn log_has_the_required_fields() {
        let text = "😀 （七）总计 | 3 |\n";
        let three = text.find('3').unwrap();
        let diagnostics = vec![
            Diagnostic::new(RuleCode::TotalMismatch, three..three + 1, "总计 is 3 but 2")
                .with_replacement(Lang::En, three..three + 1, "2"),
            Diagnostic::new(RuleCode::LabelPunctuation, 5..20, "label"),
        ];
        let index = LineIndex::new(text);
        let log = render(&[SarifFile {
            uri: "reports/a.md".into(),
            at: Locator::Index(&index, text),
            diagnostics: &diagnostics,
            elsewhere: None,
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
            RuleCode::TotalMismatch.summary(Lang::Zh)
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
