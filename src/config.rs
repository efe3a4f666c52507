//! `ogi-lint.toml`: the pure parse and merge into [`crate::analysis::Options`], and the
//! discovery that reads files.
//!
//! ```toml
//! edition = "auto"            # or an edition: "2019", "2021"
//! language = "auto"           # or "zh", "en": the language of messages
//! include = ["reports/**"]    # globs, relative to this file's folder
//! exclude = ["drafts"]
//!
//! [severity]                  # rule code → error | warning | info | hint | off
//! unknown-row = "off"
//! label-punctuation = "warning"
//! ```
//!
//! **Globs.** A pattern without a `/` matches a file or folder name at any depth (`*.md`,
//! `drafts`); a pattern with a `/` matches the path relative to the config file's folder
//! (`reports/2021/*.md`, `/notes.md`); `**` spans folders. A pattern that matches a folder
//! matches everything under it. `\` separates folders as `/` does, on every system, so a path
//! written the Windows way (`'reports\2021\*.md'`) means the same on Windows, Linux and macOS;
//! a leading `./` is dropped. To match a literal `*`, `?`, `[` or `{`, put it in a class: `[*]`.
//!
//! **Layers.** [`Config::parse`] and [`merge_settings`] are pure (text or JSON in, `Config`
//! out) so the language server can use them on what the editor sends. [`load`],
//! [`find_config_file`] and [`ConfigCache`] do the file I/O: the nearest `ogi-lint.toml` walking
//! up from a file's folder applies to it.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::analysis::{is_reserved, Edition, Lang, Options, RuleCode, Severity};
use crate::messages::Msg;

/// The name of the configuration file.
pub const FILE_NAME: &str = "ogi-lint.toml";

const TOP_LEVEL_KEYS: &str = "edition, language, include, exclude, severity";
const SEVERITY_NAMES: &str = "error, warning, info, hint, off";
const LANGUAGE_NAMES: &str = "auto, zh, en";

/// The settings that apply to one file: what [`Config::to_options`] hands the analysis, and the
/// `include`/`exclude` globs that decide which files a folder walk checks.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file this came from, if any.
    pub file: Option<PathBuf>,
    /// The folder `include`/`exclude` are relative to (the config file's folder).
    pub root: Option<PathBuf>,
    /// `None`: `auto`, the analysis reads the report year.
    pub edition: Option<Edition>,
    /// `None`: `auto`, the language of the environment (the command line) or of the editor
    /// (the server).
    pub language: Option<Lang>,
    /// Per-rule overrides; a `None` value turns the rule off.
    pub severity: BTreeMap<RuleCode, Option<Severity>>,
    include: Globs,
    exclude: Globs,
}

/// A configuration problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file, or `None` for editor settings.
    pub file: Option<PathBuf>,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// The offending key, dotted (`severity.unknown-row`).
    pub key: Option<String>,
    /// What is wrong and what was expected.
    pub message: Msg,
}

impl ConfigError {
    /// `path:line: message` (or `editor settings: message`) in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let message = self.message.render(lang);
        let Some(file) = &self.file else {
            return t!(lang, "config-in-editor-settings", message = message);
        };
        match self.line {
            Some(line) => format!("{}:{line}: {message}", file.display()),
            None => format!("{}: {message}", file.display()),
        }
    }
}

/// In the default language (Chinese); [`ConfigError::render`] for another.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::default()))
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the text of an `ogi-lint.toml` at `path` (pure: `path` only names the file in
    /// errors and gives the folder the globs are relative to).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        Parser { text, path }.parse()
    }

    /// The analysis options this configuration asks for (in Chinese unless it names a
    /// language).
    pub fn to_options(&self) -> Options {
        self.to_options_in(Lang::default())
    }

    /// The analysis options, in `fallback` unless the configuration names a language.
    pub fn to_options_in(&self, fallback: Lang) -> Options {
        Options {
            edition: self.edition,
            severity: self.severity.clone(),
            language: self.language.unwrap_or(fallback),
        }
    }

    /// Sets the folder `include`/`exclude` are relative to (for a configuration that did not come
    /// from a file, e.g. editor settings relative to a workspace folder).
    pub fn with_root(mut self, root: impl Into<PathBuf>) -> Config {
        self.root = Some(root.into());
        self
    }

    /// The `include` patterns as written.
    pub fn include(&self) -> &[String] {
        &self.include.patterns
    }

    /// The `exclude` patterns as written.
    pub fn exclude(&self) -> &[String] {
        &self.exclude.patterns
    }

    /// Whether `path` (absolute, or relative to [`Config::root`]) matches an `include` glob.
    pub fn is_included(&self, path: &Path) -> bool {
        self.include.matches(self.relative(path))
    }

    /// Whether `path` (absolute, or relative to [`Config::root`]) matches an `exclude` glob.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.matches(self.relative(path))
    }

    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        match &self.root {
            Some(root) => path.strip_prefix(root).unwrap_or(path),
            None => path,
        }
    }
}

/// Merges editor settings over a file configuration (pure). The language server calls this
/// with what `initializationOptions` / `workspace/didChangeConfiguration` carry:
///
/// ```json
/// {"edition": "2021", "severity": {"unknown-row": "off"}, "include": ["*.txt"], "exclude": []}
/// ```
///
/// - `edition` (`"auto"` or an edition's year, `"2019"`, `"2021"`, as a string or a number)
///   replaces the file's edition.
/// - `language` (`"zh"`, `"en"`) replaces the file's language; `"auto"` keeps the file's (and
///   without one, the editor's display language applies).
/// - `severity` entries override the file's entry for the same rule; other rules keep theirs.
/// - `include`/`exclude` replace the file's lists; they are relative to the file's folder, or to
///   whatever [`Config::with_root`] sets when there is no file.
/// - `null` means "not set". Keys this function does not know are ignored, since clients send
///   their whole settings section.
///
/// This is the one place editor settings are validated (the editors pass them on as they are):
/// each bad value is left out and reported, and every other value still applies — one typo in
/// `severity` does not throw away the rest of the section.
pub fn merge_settings(
    file: Option<&Config>,
    settings: &serde_json::Value,
) -> (Config, Vec<ConfigError>) {
    use serde_json::Value;

    let mut config = file.cloned().unwrap_or_default();
    let mut errors = Vec::new();
    let settings = match settings {
        Value::Null => return (config, errors),
        Value::Object(map) => map,
        _ => {
            errors.push(settings_error(None, Msg::new("config-settings-not-object")));
            return (config, errors);
        }
    };
    match settings.get("edition") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => match parse_edition(s) {
            Some(edition) => config.edition = edition,
            None => errors.push(settings_error(Some("edition"), bad_edition_message(s))),
        },
        Some(Value::Number(n)) => {
            let s = n.to_string();
            match parse_edition(&s) {
                Some(edition) => config.edition = edition,
                None => errors.push(settings_error(Some("edition"), bad_edition_message(&s))),
            }
        }
        Some(_) => errors.push(settings_error(
            Some("edition"),
            not_a_string("edition", &edition_names()),
        )),
    }
    match settings.get("language") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => match parse_language(s) {
            Some(None) => {}
            Some(language) => config.language = language,
            None => errors.push(settings_error(Some("language"), bad_language_message(s))),
        },
        Some(_) => errors.push(settings_error(
            Some("language"),
            not_a_string("language", LANGUAGE_NAMES),
        )),
    }
    match settings.get("severity") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (rule, value) in map {
                let key = format!("severity.{rule}");
                let severity = match value {
                    Value::String(s) => match parse_severity(s) {
                        Some(severity) => severity,
                        None => {
                            errors.push(settings_error(Some(&key), bad_severity_message(s, rule)));
                            continue;
                        }
                    },
                    _ => {
                        errors.push(settings_error(Some(&key), severity_not_a_string(rule)));
                        continue;
                    }
                };
                match RuleCode::from_code(rule) {
                    Some(code) => {
                        config.severity.insert(code, severity);
                    }
                    // Accepted, and nothing to apply: no rule implements it yet.
                    None if is_reserved(rule) => {}
                    None => errors.push(settings_error(Some(&key), unknown_rule_message(rule))),
                }
            }
        }
        Some(_) => errors.push(settings_error(
            Some("severity"),
            Msg::new("config-severity-not-object"),
        )),
    }
    for (key, slot) in [
        ("include", &mut config.include),
        ("exclude", &mut config.exclude),
    ] {
        match settings.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                let mut patterns = Vec::with_capacity(items.len());
                for item in items {
                    let Value::String(pattern) = item else {
                        errors.push(settings_error(
                            Some(key),
                            Msg::new("config-globs-item-not-string")
                                .arg("key", key)
                                .arg("item", item.to_string()),
                        ));
                        continue;
                    };
                    match compile_glob(pattern) {
                        Ok(_) => patterns.push(pattern.clone()),
                        Err(err) => errors.push(settings_error(
                            Some(key),
                            bad_glob_message(pattern, key, &err),
                        )),
                    }
                }
                match Globs::new(patterns) {
                    Ok(globs) => *slot = globs,
                    Err((pattern, err)) => errors.push(settings_error(
                        Some(key),
                        bad_glob_message(&pattern, key, &err),
                    )),
                }
            }
            Some(_) => errors.push(settings_error(Some(key), globs_not_array(key))),
        }
    }
    (config, errors)
}

/// Reads and parses the config file at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = fs::read_to_string(path).map_err(|err| ConfigError {
        file: Some(path.to_path_buf()),
        line: None,
        key: None,
        message: Msg::new("config-cannot-read").arg("error", err.to_string()),
    })?;
    Config::parse(&text, path)
}

/// The nearest `ogi-lint.toml` in `dir` or one of its ancestors.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|ancestor| ancestor.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Config discovery with a cache per folder, so a walk over many files reads each
/// `ogi-lint.toml` once.
#[derive(Debug, Default)]
pub struct ConfigCache {
    /// Folder → the config file that applies to it.
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    /// Config file → its parse.
    files: HashMap<PathBuf, Result<Arc<Config>, ConfigError>>,
    /// The folder asked last and its answer: a walk asks for a folder's files one after
    /// another, and comparing the folder with the last costs less than hashing it.
    last: Option<(PathBuf, FolderConfig)>,
}

/// What [`ConfigCache::for_dir`] answers for a folder.
type FolderConfig = Result<Option<Arc<Config>>, ConfigError>;

impl ConfigCache {
    pub fn new() -> ConfigCache {
        ConfigCache::default()
    }

    /// The configuration for files in `dir` (an absolute path): the nearest `ogi-lint.toml`
    /// walking up, or `None` when there is none.
    pub fn for_dir(&mut self, dir: &Path) -> FolderConfig {
        if let Some((last, answer)) = &self.last {
            if last == dir {
                return answer.clone();
            }
        }
        let answer = self.look_up(dir);
        self.last = Some((dir.to_path_buf(), answer.clone()));
        answer
    }

    fn look_up(&mut self, dir: &Path) -> FolderConfig {
        let Some(file) = self.config_file_for(dir) else {
            return Ok(None);
        };
        let res = self
            .files
            .entry(file.clone())
            .or_insert_with(|| load(&file).map(Arc::new));
        res.clone().map(Some)
    }

    fn config_file_for(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(cached) = self.dirs.get(ancestor) {
                found = cached.clone();
                break;
            }
            visited.push(ancestor.to_path_buf());
            let candidate = ancestor.join(FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for visited in visited {
            self.dirs.insert(visited, found.clone());
        }
        found
    }
}

/// A compiled list of glob patterns.
#[derive(Debug, Clone)]
struct Globs {
    patterns: Vec<String>,
    set: GlobSet,
}

impl Default for Globs {
    fn default() -> Globs {
        Globs {
            patterns: Vec::new(),
            set: GlobSet::empty(),
        }
    }
}

impl Globs {
    /// Compiles `patterns`; on failure, the bad pattern and globset's reason.
    fn new(patterns: Vec<String>) -> Result<Globs, (String, String)> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &patterns {
            builder.add(compile_glob(pattern).map_err(|err| (pattern.clone(), err))?);
        }
        let set = builder
            .build()
            .map_err(|err| (patterns.join(", "), err.to_string()))?;
        Ok(Globs { patterns, set })
    }

    /// Whether `relative` or one of its ancestor folders matches.
    fn matches(&self, relative: &Path) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        relative
            .ancestors()
            .filter(|ancestor| !ancestor.as_os_str().is_empty())
            .any(|ancestor| self.set.is_match(ancestor))
    }
}

/// `pattern` with `/` as its only folder separator: `\\` becomes `/`, runs of separators one, and a
/// leading `./` goes. (A backslash is therefore never an escape; see the module docs.)
fn normalize_separators(pattern: &str) -> String {
    let mut res = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        let c = if c == '\\' { '/' } else { c };
        if !(c == '/' && res.ends_with('/')) {
            res.push(c);
        }
    }
    let mut rest = res.as_str();
    while let Some(after) = rest.strip_prefix("./") {
        rest = after;
    }
    rest.to_owned()
}

fn compile_glob(pattern: &str) -> Result<globset::Glob, String> {
    let normalized = normalize_separators(pattern);
    let trimmed = normalized.trim_end_matches('/');
    if trimmed.is_empty() {
        return Err("empty pattern".to_owned());
    }
    let anchored = if let Some(rest) = trimmed.strip_prefix('/') {
        rest.to_owned()
    } else if trimmed.contains('/') {
        trimmed.to_owned()
    } else {
        format!("**/{trimmed}")
    };
    GlobBuilder::new(&anchored)
        .literal_separator(true)
        .build()
        .map_err(|err| err.kind().to_string())
}

/// The spanned-TOML walk behind [`Config::parse`].
struct Parser<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Parser<'_> {
    fn parse(&self) -> Result<Config, ConfigError> {
        let root = DeTable::parse(self.text).map_err(|err| {
            let line = err.span().map(|span| self.line_of(span.start));
            let message = err.message().lines().next().unwrap_or("").trim().to_owned();
            // A Windows path in "double quotes" is the usual way to get here.
            let backslash_in_quotes = err
                .span()
                .and_then(|span| self.line_text(span.start))
                .is_some_and(|text| text.contains('\\') && text.contains('"'));
            let id = if backslash_in_quotes {
                "config-invalid-toml-backslash"
            } else {
                "config-invalid-toml"
            };
            ConfigError {
                file: Some(self.path.to_path_buf()),
                line,
                key: None,
                message: Msg::new(id).arg("error", message),
            }
        })?;
        let mut config = Config {
            file: Some(self.path.to_path_buf()),
            root: self.path.parent().map(Path::to_path_buf),
            ..Config::default()
        };
        for (key, value) in in_file_order(root.get_ref()) {
            let name: &str = key.get_ref();
            match name {
                "edition" => config.edition = self.edition(value)?,
                "language" => config.language = self.language(value)?,
                "include" => config.include = self.globs("include", value)?,
                "exclude" => config.exclude = self.globs("exclude", value)?,
                "severity" => config.severity = self.severity(value)?,
                _ => {
                    return Err(self.error(
                        key.span(),
                        name,
                        Msg::new("config-unknown-key")
                            .arg("key", name)
                            .arg("expected", TOP_LEVEL_KEYS),
                    ))
                }
            }
        }
        Ok(config)
    }

    fn edition(&self, value: &Spanned<DeValue<'_>>) -> Result<Option<Edition>, ConfigError> {
        let raw = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Integer(n) => n.as_str().to_owned(),
            _ => {
                return Err(self.error(
                    value.span(),
                    "edition",
                    not_a_string("edition", &edition_names()),
                ))
            }
        };
        parse_edition(&raw)
            .ok_or_else(|| self.error(value.span(), "edition", bad_edition_message(&raw)))
    }

    fn language(&self, value: &Spanned<DeValue<'_>>) -> Result<Option<Lang>, ConfigError> {
        let DeValue::String(raw) = value.get_ref() else {
            return Err(self.error(
                value.span(),
                "language",
                not_a_string("language", LANGUAGE_NAMES),
            ));
        };
        parse_language(raw)
            .ok_or_else(|| self.error(value.span(), "language", bad_language_message(raw)))
    }

    fn globs(&self, key: &str, value: &Spanned<DeValue<'_>>) -> Result<Globs, ConfigError> {
        let not_array = || self.error(value.span(), key, globs_not_array(key));
        let DeValue::Array(items) = value.get_ref() else {
            return Err(not_array());
        };
        let mut patterns = Vec::with_capacity(items.len());
        for item in items.iter() {
            let DeValue::String(pattern) = item.get_ref() else {
                return Err(self.error(item.span(), key, globs_not_array(key)));
            };
            compile_glob(pattern).map_err(|err| {
                self.error(item.span(), key, bad_glob_message(pattern, key, &err))
            })?;
            patterns.push(pattern.to_string());
        }
        Globs::new(patterns).map_err(|(pattern, err)| {
            self.error(value.span(), key, bad_glob_message(&pattern, key, &err))
        })
    }

    fn severity(
        &self,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<BTreeMap<RuleCode, Option<Severity>>, ConfigError> {
        let DeValue::Table(table) = value.get_ref() else {
            return Err(self.error(
                value.span(),
                "severity",
                Msg::new("config-severity-not-table"),
            ));
        };
        let mut res = BTreeMap::new();
        for (rule, severity) in in_file_order(table) {
            let rule_name: &str = rule.get_ref();
            let key = format!("severity.{rule_name}");
            if is_reserved(rule_name) {
                // A stable code whose rule does not exist yet: accepted (when well-formed), ignored.
                if let DeValue::String(name) = severity.get_ref() {
                    if parse_severity(name).is_some() {
                        continue;
                    }
                }
            }
            let code = RuleCode::from_code(rule_name)
                .ok_or_else(|| self.error(rule.span(), &key, unknown_rule_message(rule_name)))?;
            let DeValue::String(name) = severity.get_ref() else {
                return Err(self.error(severity.span(), &key, severity_not_a_string(rule_name)));
            };
            let parsed = parse_severity(name).ok_or_else(|| {
                self.error(severity.span(), &key, bad_severity_message(name, rule_name))
            })?;
            res.insert(code, parsed);
        }
        Ok(res)
    }

    fn error(&self, span: Range<usize>, key: &str, message: Msg) -> ConfigError {
        ConfigError {
            file: Some(self.path.to_path_buf()),
            line: Some(self.line_of(span.start)),
            key: Some(key.to_owned()),
            message,
        }
    }

    /// The text of the line holding byte `offset` (`None` off a character boundary).
    fn line_text(&self, offset: usize) -> Option<&str> {
        let offset = offset.min(self.text.len());
        let start = self.text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
        let end = self
            .text
            .get(offset..)?
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        self.text.get(start..end)
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        1 + self.text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    }
}

/// A table's entries in the order they appear in the file, so the first problem is reported.
fn in_file_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<toml::de::DeString<'i>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// `auto` → `Some(None)`, an edition's year (`2019`, `2021`) → `Some(Some(_))`, anything else
/// → `None`.
fn parse_edition(s: &str) -> Option<Option<Edition>> {
    match s.trim() {
        "auto" => Some(None),
        other => Edition::parse(other).map(Some),
    }
}

/// A severity name, with `off` → `Some(None)`.
fn parse_severity(s: &str) -> Option<Option<Severity>> {
    match s {
        "off" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

/// What `edition` may be, for messages: `auto, 2019, 2021` (the editions in force).
fn edition_names() -> String {
    let mut names: Vec<&str> = vec!["auto"];
    names.extend(Edition::all().map(Edition::name));
    names.join(", ")
}

/// `auto` → `Some(None)`, `zh`/`en` → `Some(Some(_))`, anything else → `None`.
fn parse_language(s: &str) -> Option<Option<Lang>> {
    match s.trim() {
        "auto" => Some(None),
        other => Lang::parse(other).map(Some),
    }
}

fn not_a_string(key: &str, expected: &str) -> Msg {
    Msg::new("config-not-a-string")
        .arg("key", key)
        .arg("expected", expected)
}

fn severity_not_a_string(rule: &str) -> Msg {
    Msg::new("config-severity-not-a-string")
        .arg("rule", rule)
        .arg("expected", SEVERITY_NAMES)
}

fn globs_not_array(key: &str) -> Msg {
    Msg::new("config-globs-not-array").arg("key", key)
}

fn bad_edition_message(raw: &str) -> Msg {
    Msg::new("config-unknown-edition")
        .arg("value", raw)
        .arg("expected", edition_names())
}

fn bad_language_message(raw: &str) -> Msg {
    Msg::new("config-unknown-language")
        .arg("value", raw)
        .arg("expected", LANGUAGE_NAMES)
}

fn bad_severity_message(name: &str, rule: &str) -> Msg {
    Msg::new("config-unknown-severity")
        .arg("value", name)
        .arg("rule", rule)
        .arg("expected", SEVERITY_NAMES)
}

fn bad_glob_message(pattern: &str, key: &str, err: &str) -> Msg {
    Msg::new("config-bad-glob")
        .arg("pattern", pattern)
        .arg("key", key)
        .arg("error", err)
}

fn unknown_rule_message(rule: &str) -> Msg {
    let closest = RuleCode::ALL
        .iter()
        .map(|code| (strsim::jaro_winkler(rule, code.as_str()), code.as_str()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, code)) => Msg::new("config-unknown-rule-closest")
            .arg("rule", rule)
            .arg("closest", code),
        None => {
            let known: Vec<&str> = RuleCode::ALL.iter().map(|code| code.as_str()).collect();
            Msg::new("config-unknown-rule")
                .arg("rule", rule)
                .arg("known", known.join(", "))
        }
    }
}

fn settings_error(key: Option<&str>, message: Msg) -> ConfigError {
    ConfigError {
        file: None,
        line: None,
        key: key.map(str::to_owned),
        message,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/proj/ogi-lint.toml"))
    }

    fn err(text: &str) -> String {
        parse(text).unwrap_err().render(Lang::En)
    }

    /// A merge that must report nothing.
    fn clean((config, errors): (Config, Vec<ConfigError>)) -> Config {
        assert!(errors.is_empty(), "{errors:?}");
        config
    }

    /// The first error of a merge that must report one.
    fn first_error((_, errors): (Config, Vec<ConfigError>)) -> ConfigError {
        errors.into_iter().next().expect("an error")
    }

    #[test]
    fn empty_file_is_the_default() {
        let config = parse("").unwrap();
        assert_eq!(config.edition, None);
        assert!(config.severity.is_empty());
        assert_eq!(config.to_options(), Options::default());
        assert_eq!(config.root.as_deref(), Some(Path::new("/proj")));
    }

    #[test]
    fn language() {
        assert_eq!(parse("").unwrap().language, None);
        assert_eq!(parse("language = \"auto\"").unwrap().language, None);
        assert_eq!(parse("language = \"en\"").unwrap().language, Some(Lang::En));
        let config = parse("language = \"zh\"").unwrap();
        assert_eq!(config.language, Some(Lang::Zh));
        assert_eq!(config.to_options_in(Lang::En).language, Lang::Zh);
        assert_eq!(
            parse("").unwrap().to_options_in(Lang::En).language,
            Lang::En
        );
        assert_eq!(
            err("language = \"fr\""),
            "/proj/ogi-lint.toml:1: unknown language \"fr\" (expected one of auto, zh, en)"
        );
        assert_eq!(
            parse("language = \"fr\"").unwrap_err().render(Lang::Zh),
            "/proj/ogi-lint.toml:1: 不认识的语言“fr”（可用的有：auto, zh, en）"
        );
        // The editor's `auto` keeps the file's language; `zh`/`en` replace it.
        let file = parse("language = \"en\"").unwrap();
        let auto = clean(merge_settings(
            Some(&file),
            &serde_json::json!({"language": "auto"}),
        ));
        assert_eq!(auto.language, Some(Lang::En));
        let zh = clean(merge_settings(
            Some(&file),
            &serde_json::json!({"language": "zh"}),
        ));
        assert_eq!(zh.language, Some(Lang::Zh));
        let bad = first_error(merge_settings(None, &serde_json::json!({"language": 3})));
        assert_eq!(bad.key.as_deref(), Some("language"));
    }

    #[test]
    fn full_file() {
        let config = parse(
            r#"
edition = "2021"
include = ["reports/**", "*.text"]
exclude = ["drafts"]

[severity]
unknown-row = "off"
label-punctuation = "warning"
"#,
        )
        .unwrap();
        assert_eq!(config.edition, Some(Edition::E2021));
        let options = config.to_options();
        assert_eq!(options.edition, Some(Edition::E2021));
        assert_eq!(options.severity.get(&RuleCode::UnknownRow), Some(&None));
        assert_eq!(
            options.severity.get(&RuleCode::LabelPunctuation),
            Some(&Some(Severity::Warning))
        );
        assert_eq!(config.include(), ["reports/**", "*.text"]);
        assert_eq!(config.exclude(), ["drafts"]);
    }

    #[test]
    fn editions() {
        assert_eq!(parse("edition = \"auto\"").unwrap().edition, None);
        assert_eq!(
            parse("edition = \"2019\"").unwrap().edition,
            Some(Edition::E2019)
        );
        assert_eq!(
            parse("edition = 2021").unwrap().edition,
            Some(Edition::E2021)
        );
        assert_eq!(
            err("# comment\nedition = \"2020\""),
            "/proj/ogi-lint.toml:2: unknown edition \"2020\" (expected one of auto, 2019, 2021)"
        );
        assert_eq!(
            err("edition = true"),
            "/proj/ogi-lint.toml:1: \"edition\" must be a string (one of auto, 2019, 2021)"
        );
    }

    #[test]
    fn bad_severity_names_file_line_and_rule() {
        let text = "edition = \"auto\"\n\n[severity]\nunknown-row = \"warn!\"\n";
        let error = parse(text).unwrap_err();
        assert_eq!(error.line, Some(4));
        assert_eq!(error.key.as_deref(), Some("severity.unknown-row"));
        assert_eq!(
            error.render(Lang::En),
            "/proj/ogi-lint.toml:4: unknown severity \"warn!\" for rule \"unknown-row\" \
             (expected one of error, warning, info, hint, off)"
        );
    }

    #[test]
    fn unknown_rule_suggests_the_closest() {
        assert_eq!(
            err("[severity]\nunknown-rows = \"off\""),
            "/proj/ogi-lint.toml:2: unknown rule \"unknown-rows\" in [severity] \
             (did you mean \"unknown-row\"?)"
        );
        let far = err("[severity]\nzzz = \"off\"");
        assert!(far.contains("known rules: missing-section, "), "{far}");
    }

    #[test]
    fn unknown_key() {
        let error = parse("edition = \"auto\"\nseverities = {}\n").unwrap_err();
        assert_eq!(error.key.as_deref(), Some("severities"));
        assert_eq!(
            error.render(Lang::En),
            "/proj/ogi-lint.toml:2: unknown key \"severities\" \
             (expected one of edition, language, include, exclude, severity)"
        );
    }

    #[test]
    fn first_problem_in_file_order_wins() {
        // Keys are stored sorted; the error must still be the first one in the file.
        let error = parse("zeta = 1\nalpha = 2\n").unwrap_err();
        assert_eq!(error.line, Some(1));
        assert_eq!(error.key.as_deref(), Some("zeta"));
    }

    #[test]
    fn wrong_types() {
        assert_eq!(
            err("include = \"*.md\""),
            "/proj/ogi-lint.toml:1: \"include\" must be an array of glob strings"
        );
        assert_eq!(
            err("exclude = [\n  \"a\",\n  3,\n]"),
            "/proj/ogi-lint.toml:3: \"exclude\" must be an array of glob strings"
        );
        assert!(
            err("severity = 3").starts_with("/proj/ogi-lint.toml:1: \"severity\" must be a table")
        );
        assert!(err("[severity]\nunknown-row = 1").contains("must be a string"));
    }

    #[test]
    fn bad_glob() {
        let error = parse("include = [\"ok/*.md\"]\nexclude = [\"[\"]").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert_eq!(error.key.as_deref(), Some("exclude"));
        assert!(
            error
                .render(Lang::En)
                .starts_with("/proj/ogi-lint.toml:2: bad glob \"[\" in \"exclude\": "),
            "{error}"
        );
    }

    #[test]
    fn toml_syntax_error_has_a_line() {
        let error = parse("edition = \"auto\"\ninclude = [\n").unwrap_err();
        assert!(error.line.is_some());
        assert!(error.render(Lang::En).contains("invalid TOML"), "{error}");
    }

    #[test]
    fn a_windows_path_in_double_quotes_gets_a_hint() {
        for text in [
            "edition = \"auto\"\nexclude = [\"drafts\\old\"]\n",
            "include = [\"C:\\Users\\x\\*.md\"]",
        ] {
            let error = parse(text).unwrap_err().render(Lang::En);
            assert!(error.contains("invalid TOML"), "{error}");
            assert!(
                error.contains("write a Windows path in 'single quotes'"),
                "{error}"
            );
        }
        assert_eq!(
            parse("edition = \"auto\"\nexclude = [\"drafts\\old\"]")
                .unwrap_err()
                .line,
            Some(2)
        );
        // Other syntax errors get no such hint, nor does a backslash outside quotes.
        for text in ["include = [\n", "include = ['a\\b'] x"] {
            let error = parse(text).unwrap_err().render(Lang::En);
            assert!(!error.contains("single quotes"), "{error}");
        }
    }

    #[test]
    fn glob_semantics() {
        let config = parse(
            r#"include = ["*.text", "reports/2021/*.md", "/top.txt"]
exclude = ["drafts", "old/**"]"#,
        )
        .unwrap();
        let inc = |p: &str| config.is_included(Path::new(p));
        let exc = |p: &str| config.is_excluded(Path::new(p));
        // No slash: the name at any depth.
        assert!(inc("/proj/a/b/c.text"));
        assert!(inc("c.text"));
        // A slash: relative to the config's folder, `*` stays within one folder.
        assert!(inc("/proj/reports/2021/x.md"));
        assert!(!inc("/proj/reports/2021/sub/x.md"));
        assert!(!inc("/proj/other/reports/2021/x.md"));
        // Leading slash: anchored.
        assert!(inc("/proj/top.txt"));
        assert!(!inc("/proj/sub/top.txt"));
        // A folder pattern matches everything under it.
        assert!(exc("/proj/drafts/a.md"));
        assert!(exc("/proj/x/drafts/deep/a.md"));
        assert!(exc("/proj/old/a.md"));
        assert!(!exc("/proj/new/a.md"));
        // Paths outside the root do not match anchored patterns.
        assert!(!inc("/elsewhere/top.txt"));
    }

    #[test]
    fn backslashes_separate_folders_as_slashes_do() {
        // As a Windows user writes them (TOML literal strings: no escaping needed).
        let config = parse(
            r#"include = ['reports\2021\*.md', '\top.txt', '.\notes\*.txt']
exclude = ['drafts\', 'old\\**', 'a\b/c']"#,
        )
        .unwrap();
        let inc = |p: &str| config.is_included(Path::new(p));
        let exc = |p: &str| config.is_excluded(Path::new(p));
        // Anchored at the config's folder, like `reports/2021/*.md`.
        assert!(inc("/proj/reports/2021/x.md"));
        assert!(!inc("/proj/reports/2021/sub/x.md"));
        assert!(!inc("/proj/other/reports/2021/x.md"));
        assert!(inc("/proj/top.txt"));
        assert!(!inc("/proj/sub/top.txt"));
        // `.\` is the config's folder.
        assert!(inc("/proj/notes/a.txt"));
        assert!(!inc("/proj/x/notes/a.txt"));
        // A trailing separator names a folder at any depth; doubled separators count once.
        assert!(exc("/proj/x/drafts/a.md"));
        assert!(exc("/proj/old/deep/a.md"));
        assert!(exc("/proj/a/b/c/d.md"));
        assert!(!exc("/proj/a/bc/d.md"));
        // The patterns are kept as written (for messages and the editor).
        assert_eq!(config.include()[0], "reports\\2021\\*.md");
        // Editor settings from VS Code on Windows go through the same compilation.
        let merged = clean(merge_settings(
            None,
            &serde_json::json!({"exclude": ["drafts\\old"]}),
        ));
        let merged = merged.with_root("/ws");
        assert!(merged.is_excluded(Path::new("/ws/drafts/old/a.md")));
        assert!(!merged.is_excluded(Path::new("/ws/x/drafts/old/a.md")));
        assert!(!merged.is_excluded(Path::new("/ws/drafts/a.md")));
    }

    #[test]
    fn separator_normalisation() {
        assert_eq!(normalize_separators("a\\b/c"), "a/b/c");
        assert_eq!(normalize_separators("a\\\\b//c"), "a/b/c");
        assert_eq!(normalize_separators(".\\./a"), "a");
        assert_eq!(normalize_separators("\\top.txt"), "/top.txt");
        assert_eq!(normalize_separators("报告\\*.md"), "报告/*.md");
        // A backslash is no escape: `[*]` is the way to match a literal star.
        let config = parse(r#"include = ['[*].md']"#).unwrap();
        assert!(config.is_included(Path::new("/proj/*.md")));
        assert!(!config.is_included(Path::new("/proj/a.md")));
    }

    #[test]
    fn merge_editor_settings_over_file() {
        let file = parse(
            r#"edition = "2019"
include = ["a/*.md"]
[severity]
unknown-row = "off"
missing-row = "warning"
"#,
        )
        .unwrap();
        let settings = serde_json::json!({
            "edition": "2021",
            "severity": {"unknown-row": "error", "label-punctuation": "off"},
            "exclude": ["drafts"],
            "somethingElse": true
        });
        let merged = clean(merge_settings(Some(&file), &settings));
        assert_eq!(merged.edition, Some(Edition::E2021));
        assert_eq!(
            merged.severity.get(&RuleCode::UnknownRow),
            Some(&Some(Severity::Error))
        );
        assert_eq!(
            merged.severity.get(&RuleCode::MissingRow),
            Some(&Some(Severity::Warning))
        );
        assert_eq!(
            merged.severity.get(&RuleCode::LabelPunctuation),
            Some(&None)
        );
        // Lists not sent are kept; lists sent replace, relative to the file's folder.
        assert_eq!(merged.include(), ["a/*.md"]);
        assert!(merged.is_excluded(Path::new("/proj/drafts/x.md")));

        // `auto` resets the edition; null and absent keep what the file says.
        let auto = clean(merge_settings(
            Some(&file),
            &serde_json::json!({"edition": "auto"}),
        ));
        assert_eq!(auto.edition, None);
        let null = clean(merge_settings(
            Some(&file),
            &serde_json::json!({"edition": null}),
        ));
        assert_eq!(null.edition, Some(Edition::E2019));
        let none = clean(merge_settings(Some(&file), &serde_json::Value::Null));
        assert_eq!(none.edition, Some(Edition::E2019));
    }

    #[test]
    fn merge_without_file_uses_with_root() {
        let merged = clean(merge_settings(
            None,
            &serde_json::json!({"include": ["*.txt"], "edition": 2019}),
        ))
        .with_root("/ws");
        assert_eq!(merged.edition, Some(Edition::E2019));
        assert!(merged.is_included(Path::new("/ws/sub/a.txt")));
    }

    #[test]
    fn merge_errors_name_the_key() {
        let error = first_error(merge_settings(
            None,
            &serde_json::json!({"severity": {"unknown-row": "loud"}}),
        ));
        assert_eq!(error.key.as_deref(), Some("severity.unknown-row"));
        assert_eq!(
            error.render(Lang::En),
            "editor settings: unknown severity \"loud\" for rule \"unknown-row\" \
             (expected one of error, warning, info, hint, off)"
        );
        let error = first_error(merge_settings(
            None,
            &serde_json::json!({"severity": {"nope": "off"}}),
        ));
        assert_eq!(error.key.as_deref(), Some("severity.nope"));
        let error = first_error(merge_settings(
            None,
            &serde_json::json!({"edition": "2020"}),
        ));
        assert_eq!(error.key.as_deref(), Some("edition"));
        let error = first_error(merge_settings(None, &serde_json::json!({"include": ["["]})));
        assert_eq!(error.key.as_deref(), Some("include"));
        let error = first_error(merge_settings(None, &serde_json::json!([1])));
        assert_eq!(error.key, None);
    }

    #[test]
    fn discovery_nearest_wins_and_is_cached() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b/c")).unwrap();
        fs::write(root.join(FILE_NAME), "edition = \"2019\"").unwrap();
        fs::write(root.join("a/b").join(FILE_NAME), "edition = \"2021\"").unwrap();
        let mut cache = ConfigCache::new();
        let deep = cache.for_dir(&root.join("a/b/c")).unwrap().unwrap();
        assert_eq!(deep.edition, Some(Edition::E2021));
        assert_eq!(deep.root.as_deref(), Some(root.join("a/b").as_path()));
        let shallow = cache.for_dir(&root.join("a")).unwrap().unwrap();
        assert_eq!(shallow.edition, Some(Edition::E2019));
        // The same folder asked again at once (a walk's next file): the same answer.
        let next_file = cache.for_dir(&root.join("a")).unwrap().unwrap();
        assert!(Arc::ptr_eq(&shallow, &next_file));
        // Cached: removing the file does not change the answer within one run.
        fs::remove_file(root.join("a/b").join(FILE_NAME)).unwrap();
        let again = cache.for_dir(&root.join("a/b/c")).unwrap().unwrap();
        assert!(Arc::ptr_eq(&deep, &again));
        assert_eq!(
            find_config_file(&root.join("a/b/c")),
            Some(root.join(FILE_NAME))
        );
    }

    #[test]
    fn discovery_reports_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(FILE_NAME),
            "[severity]\nunknown-row = \"warn!\"\n",
        )
        .unwrap();
        let mut cache = ConfigCache::new();
        let error = cache.for_dir(dir.path()).unwrap_err();
        assert_eq!(error.line, Some(2));
        assert_eq!(error.file, Some(dir.path().join(FILE_NAME)));
        // Asked again for the folder's next file: still broken.
        assert_eq!(cache.for_dir(dir.path()).unwrap_err(), error);
    }
}

#[cfg(test)]
mod reserved_code_tests {
    use super::*;

    #[test]
    fn narrative_mismatch_is_accepted_and_ignored() {
        let config = Config::parse(
            "[severity]\nnarrative-mismatch = \"off\"\n",
            Path::new("/p/ogi-lint.toml"),
        );
        assert!(config.is_ok(), "{config:?}");
        let (_, errors) = merge_settings(
            None,
            &serde_json::json!({"severity": {"narrative-mismatch": "warning"}}),
        );
        assert!(errors.is_empty(), "{errors:?}");
    }
}
