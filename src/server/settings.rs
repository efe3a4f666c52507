//! Settings: the client's `ogiLint` section (`initializationOptions`, `workspace/configuration`,
//! `didChangeConfiguration`) merged over the nearest `ogi-lint.toml`, by the same
//! [`crate::config`] code the CLI uses (so a file means the same to both), plus the server-only
//! settings (`debounceMs`, `logLevel`).
//!
//! A bad value never stops the server: the error is shown to the user and the document is
//! checked with what is left (the file's settings, or the defaults).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::analysis::{Lang, Options};
use crate::config::{self, Config};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "ogi-lint.toml";

/// The client settings' section name.
pub const SECTION: &str = "ogiLint";

/// No fixed wait: diagnostics go out as soon as the newest version is analysed (well under a
/// millisecond per keystroke); edits that arrive while one is being analysed are coalesced by
/// the publisher, so a burst never queues stale work. `debounceMs` adds a wait for those who
/// want one.
pub const DEFAULT_DEBOUNCE: Duration = Duration::ZERO;

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
    config: Config,
}

impl DocSettings {
    /// `locale`: the editor's language, which applies unless a setting names one.
    fn new(config: Config, locale: Lang) -> DocSettings {
        DocSettings {
            options: config.to_options_in(locale),
            config,
        }
    }

    /// Whether `path` matches an `include` glob.
    pub fn included(&self, path: Option<&Path>) -> bool {
        path.is_some_and(|path| self.config.is_included(path))
    }

    /// Whether `path` matches an `exclude` glob.
    pub fn excluded(&self, path: Option<&Path>) -> bool {
        path.is_some_and(|path| self.config.is_excluded(path))
    }
}

/// The nearest `ogi-lint.toml` in `dir` or its ancestors.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    config::find_config_file(dir)
}

/// Reads and parses a configuration file; the error (file, line, key) is a message for the user,
/// in `lang`.
pub fn load_config_file(path: &Path, lang: Lang) -> Result<Config, String> {
    config::load(path).map_err(|err| err.render(lang))
}

/// The language of what the server says about settings (not about a document): the client's
/// `language` setting when it names one, else the editor's `locale`.
pub fn ui_language(client: &Value, locale: Lang) -> Lang {
    client
        .get("language")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or(locale)
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

/// Server-wide settings from the client section; errors are messages for the user, in `lang`.
pub fn server_settings(client: &Value, lang: Lang) -> (ServerSettings, Vec<String>) {
    let mut errors = Vec::new();
    let mut res = ServerSettings::default();
    match client.get("debounceMs") {
        None | Some(Value::Null) => {}
        Some(value) => match value.as_u64() {
            Some(ms) => res.debounce = Duration::from_millis(ms.min(10_000)),
            None => errors.push(t!(
                lang,
                "server-debounce-not-a-number",
                section = SECTION,
                value = value.to_string()
            )),
        },
    }
    match client.get("logLevel") {
        None | Some(Value::Null) => {}
        Some(Value::String(level)) => res.log_level = Some(level.clone()),
        Some(value) => errors.push(t!(
            lang,
            "server-log-level-not-a-string",
            section = SECTION,
            value = value.to_string()
        )),
    }
    (res, errors)
}

/// A document's settings: `client` (the `ogiLint` section) merged over `file`. Relative globs
/// are matched from the file's folder, or from `workspace_root` when there is no file.
/// `locale` is the editor's language: the messages' language unless `client` or `file` names
/// one (`language`).
pub fn resolve(
    file: Option<&Config>,
    client: &Value,
    workspace_root: Option<&Path>,
    locale: Lang,
) -> (DocSettings, Vec<String>) {
    let base = match (file, workspace_root) {
        (Some(file), _) => file.clone(),
        (None, Some(root)) => Config::default().with_root(root),
        (None, None) => Config::default(),
    };
    let (merged, errors) = config::merge_settings(Some(&base), client);
    let lang = ui_language(client, locale);
    let errors = errors
        .iter()
        .map(|err| t!(lang, "server-setting-ignored", error = err.render(lang)))
        .collect();
    (DocSettings::new(merged, locale), errors)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analysis::{Edition, RuleCode, Severity};
    use serde_json::json;

    #[test]
    fn client_overrides_file() {
        let file = Config::parse(
            "edition = \"2019\"\ninclude = [\"reports/*.md\"]\n[severity]\nunknown-row = \"off\"\ntotal-mismatch = \"warning\"\n",
            Path::new("/ws/ogi-lint.toml"),
        )
        .unwrap();
        let client = json!({"edition": "2021", "severity": {"total-mismatch": "hint"}});
        let (settings, errors) = resolve(Some(&file), &client, Some(Path::new("/ws")), Lang::Zh);
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
    fn each_bad_value_is_reported_and_dropped_alone() {
        let client = json!({"edition": "1999", "severity": {"nope": "error", "missing-row": "loud", "unknown-row": "off"}, "include": [3, "reports/**"], "debounceMs": "x"});
        let (settings, errors) = resolve(None, &client, Some(Path::new("/ws")), Lang::En);
        // The good values apply: unknown-row is off, the good include glob is there.
        assert_eq!(settings.options.edition, None);
        assert_eq!(
            settings.options.severity.get(&RuleCode::UnknownRow),
            Some(&None)
        );
        assert_eq!(settings.options.severity.len(), 1);
        assert!(settings.included(Some(Path::new("/ws/reports/a.md"))));
        // Each bad one is named: the edition, two severities, the include entry.
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors
            .iter()
            .all(|e| e.ends_with("the other settings apply")));
        let (server, errors) = server_settings(&client, Lang::En);
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
