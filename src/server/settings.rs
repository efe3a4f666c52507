//! Settings: the client's `ogiLint` section (`initializationOptions`, `workspace/configuration`,
//! `didChangeConfiguration`) merged over the nearest `ogi-lint.toml`.
//!
//! Parsing is lenient: a bad value is reported as an error message and its default is used, so
//! the server keeps serving. The merge lives behind [`resolve`] alone, so it can be swapped for
//! the CLI's `crate::config` merge without touching the rest of the server.

use std::path::{Path, PathBuf};
use std::time::Duration;

use globset::{Glob, GlobMatcher};
use serde_json::Value;

use crate::analysis::{Edition, Options, RuleCode, Severity};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "ogi-lint.toml";

/// The client settings' section name.
pub const SECTION: &str = "ogiLint";

pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(30);

/// Settings that apply to the whole server (client settings only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSettings {
    pub debounce: Duration,
    pub log_level: Option<String>,
}

impl Default for ServerSettings {
    fn default() -> ServerSettings {
        ServerSettings {
            debounce: DEFAULT_DEBOUNCE,
            log_level: None,
        }
    }
}

/// Settings for one document: the analysis options and which documents are checked.
#[derive(Debug, Clone, Default)]
pub struct DocSettings {
    pub options: Options,
    include: Vec<PathGlob>,
    exclude: Vec<PathGlob>,
}

#[derive(Debug, Clone)]
struct PathGlob {
    /// Relative globs are matched against the path relative to this folder.
    base: Option<PathBuf>,
    matcher: GlobMatcher,
}

impl DocSettings {
    /// Whether `path` matches an `include` glob.
    pub fn included(&self, path: Option<&Path>) -> bool {
        path.is_some_and(|path| self.include.iter().any(|glob| glob.is_match(path)))
    }

    /// Whether `path` matches an `exclude` glob.
    pub fn excluded(&self, path: Option<&Path>) -> bool {
        path.is_some_and(|path| self.exclude.iter().any(|glob| glob.is_match(path)))
    }
}

impl PathGlob {
    fn is_match(&self, path: &Path) -> bool {
        if self.matcher.is_match(path) {
            return true;
        }
        if let Some(rel) = self.base.as_deref().and_then(|b| path.strip_prefix(b).ok()) {
            if self.matcher.is_match(rel) {
                return true;
            }
        }
        path.file_name()
            .is_some_and(|name| self.matcher.is_match(Path::new(name)))
    }
}

/// A loaded `ogi-lint.toml`.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    table: Value,
}

/// The nearest `ogi-lint.toml` in `dir` or its ancestors.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

/// Reads and parses a configuration file; the error is a message for the user.
pub fn load_config_file(path: &Path) -> Result<ConfigFile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|err| format!("invalid {}: {err}", path.display()))?;
    let table =
        serde_json::to_value(table).map_err(|err| format!("invalid {}: {err}", path.display()))?;
    Ok(ConfigFile {
        path: path.to_owned(),
        table,
    })
}

/// The client's `ogiLint` settings from whatever the client sent: either the section itself or an
/// object holding it under `ogiLint`.
pub fn client_section(value: &Value) -> Value {
    match value.get(SECTION) {
        Some(section) => section.clone(),
        None if value.is_object() => value.clone(),
        None => Value::Null,
    }
}

/// Server-wide settings from the client section; errors are messages for the user.
pub fn server_settings(client: &Value) -> (ServerSettings, Vec<String>) {
    let mut errors = Vec::new();
    let mut res = ServerSettings::default();
    match client.get("debounceMs") {
        None | Some(Value::Null) => {}
        Some(value) => match value.as_u64() {
            Some(ms) => res.debounce = Duration::from_millis(ms.min(10_000)),
            None => errors.push(format!(
                "{SECTION}.debounceMs must be a number of milliseconds, not {value}"
            )),
        },
    }
    match client.get("logLevel") {
        None | Some(Value::Null) => {}
        Some(Value::String(level)) => res.log_level = Some(level.clone()),
        Some(value) => errors.push(format!("{SECTION}.logLevel must be a string, not {value}")),
    }
    (res, errors)
}

/// A document's settings: `client` (the `ogiLint` section) merged over `file`. Relative client
/// globs are matched from `workspace_root`, relative file globs from the file's folder.
pub fn resolve(
    file: Option<&ConfigFile>,
    client: &Value,
    workspace_root: Option<&Path>,
) -> (DocSettings, Vec<String>) {
    let mut errors = Vec::new();
    let mut res = DocSettings::default();
    let mut layers: Vec<(&Value, Option<&Path>, String)> = Vec::new();
    if let Some(file) = file {
        layers.push((
            &file.table,
            file.path.parent(),
            file.path.display().to_string(),
        ));
    }
    if client.is_object() {
        layers.push((client, workspace_root, format!("settings {SECTION}")));
    }
    for (layer, base, origin) in layers {
        apply_layer(&mut res, layer, base, &origin, &mut errors);
    }
    (res, errors)
}

fn apply_layer(
    res: &mut DocSettings,
    layer: &Value,
    base: Option<&Path>,
    origin: &str,
    errors: &mut Vec<String>,
) {
    match layer.get("edition") {
        None | Some(Value::Null) => {}
        Some(value) => {
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match text.trim() {
                "auto" | "" => res.options.edition = None,
                other => match Edition::parse(other) {
                    Some(edition) => res.options.edition = Some(edition),
                    None => errors.push(format!(
                        "{origin}: edition must be \"auto\", \"2019\" or \"2021\", not {value}"
                    )),
                },
            }
        }
    }
    match layer.get("severity") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (code, value) in map {
                let Some(rule) = RuleCode::from_code(code) else {
                    errors.push(format!("{origin}: unknown rule `{code}` in severity"));
                    continue;
                };
                match value.as_str().map(parse_severity) {
                    Some(Some(severity)) => {
                        res.options.severity.insert(rule, severity);
                    }
                    _ => errors.push(format!(
                        "{origin}: severity of `{code}` must be error, warning, info, hint or off, not {value}"
                    )),
                }
            }
        }
        Some(value) => errors.push(format!(
            "{origin}: severity must be a table of rule codes, not {value}"
        )),
    }
    for (key, target) in [("include", &mut res.include), ("exclude", &mut res.exclude)] {
        match layer.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                let mut globs = Vec::new();
                for item in items {
                    let Some(pattern) = item.as_str() else {
                        errors.push(format!("{origin}: {key} holds a non-string {item}"));
                        continue;
                    };
                    match Glob::new(pattern) {
                        Ok(glob) => globs.push(PathGlob {
                            base: base.map(Path::to_owned),
                            matcher: glob.compile_matcher(),
                        }),
                        Err(err) => errors.push(format!("{origin}: bad {key} glob: {err}")),
                    }
                }
                // A later layer replaces the list of an earlier one.
                *target = globs;
            }
            Some(value) => errors.push(format!(
                "{origin}: {key} must be a list of globs, not {value}"
            )),
        }
    }
}

/// `Some(None)` is "off".
fn parse_severity(name: &str) -> Option<Option<Severity>> {
    match name {
        "off" | "none" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn client_overrides_file() {
        let file = ConfigFile {
            path: PathBuf::from("/ws/ogi-lint.toml"),
            table: json!({"edition": "2019", "severity": {"unknown-row": "off", "total-mismatch": "warning"}, "include": ["reports/*.md"]}),
        };
        let client = json!({"edition": "2021", "severity": {"total-mismatch": "hint"}});
        let (settings, errors) = resolve(Some(&file), &client, Some(Path::new("/ws")));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(settings.options.edition, Some(Edition::E2021));
        assert_eq!(
            settings.options.severity.get(&RuleCode::TotalMismatch),
            Some(&Some(Severity::Hint))
        );
        assert_eq!(
            settings.options.severity.get(&RuleCode::UnknownRow),
            Some(&None)
        );
        assert!(settings.included(Some(Path::new("/ws/reports/a.md"))));
        assert!(!settings.included(Some(Path::new("/ws/notes/a.md"))));
        assert!(!settings.excluded(Some(Path::new("/ws/reports/a.md"))));
    }

    #[test]
    fn errors_keep_defaults() {
        let client = json!({"edition": "1999", "severity": {"nope": "error", "missing-row": "loud"}, "include": [3], "debounceMs": "x"});
        let (settings, errors) = resolve(None, &client, None);
        assert_eq!(settings.options, Options::default());
        assert_eq!(errors.len(), 4, "{errors:?}");
        let (server, errors) = server_settings(&client);
        assert_eq!(server.debounce, DEFAULT_DEBOUNCE);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn section_lookup() {
        assert_eq!(
            client_section(&json!({"ogiLint": {"edition": "2019"}})),
            json!({"edition": "2019"})
        );
        assert_eq!(
            client_section(&json!({"edition": "2019"})),
            json!({"edition": "2019"})
        );
        assert_eq!(client_section(&Value::Null), Value::Null);
    }
}
