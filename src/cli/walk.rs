//! Turns the `PATH...` arguments into a list of files to check, in a deterministic order:
//! argument order, and within a folder sorted by path.
//!
//! A file named on the command line is always checked. A folder is walked recursively, skipping
//! hidden entries, `target` and `node_modules`, and whatever the applicable config `exclude`s;
//! a file found there is a candidate when it is `*.md`, `*.markdown` or `*.txt` or matches the
//! config's `include` (whether it is checked is decided once it is read). The configuration of
//! each file is the nearest `ogi-lint.toml` (or `--config`), resolved here, sequentially.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::analysis::{Edition, Lang, Options};
use crate::config::{Config, ConfigCache, ConfigError};

/// The file name `-` is shown as.
pub const STDIN_NAME: &str = "<stdin>";

const REPORT_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];
const SKIPPED_DIRS: [&str; 2] = ["target", "node_modules"];

/// One entry of the work list.
#[derive(Debug)]
pub enum Item {
    Job(Job),
    /// Something that could not be checked (the message, without `error: `).
    Error(String),
}

/// A file to read and analyse.
#[derive(Debug)]
pub struct Job {
    /// The path as the user sees it (`<stdin>` for standard input).
    pub display: String,
    pub source: Source,
    /// Named on the command line: checked whatever it looks like.
    pub explicit: bool,
    /// Matches the config's `include`: checked whatever it looks like.
    pub included: bool,
    pub options: Options,
}

#[derive(Debug)]
pub enum Source {
    File(PathBuf),
    Stdin(Vec<u8>),
}

/// Builds the work list.
pub struct Collector {
    cwd: PathBuf,
    explicit_config: Option<Arc<Config>>,
    edition: Option<Option<Edition>>,
    /// `--lang` (`zh`, `en`, or `auto` as the locale's language); `None`: each file's config
    /// chooses, else `environment`.
    language: Option<Lang>,
    /// The locale's language.
    environment: Lang,
    cache: ConfigCache,
    reported_configs: HashSet<Option<PathBuf>>,
    seen: Seen,
    stdin_taken: bool,
    items: Vec<Item>,
}

impl Collector {
    /// `explicit_config` is `--config`; `edition` is `--edition` (`Some(None)` for `auto`);
    /// `language` is `--lang` (see [`Collector::language`]).
    pub fn new(
        cwd: PathBuf,
        explicit_config: Option<Arc<Config>>,
        edition: Option<Option<Edition>>,
        language: Option<Lang>,
        environment: Lang,
    ) -> Collector {
        Collector {
            cwd,
            explicit_config,
            edition,
            language,
            environment,
            cache: ConfigCache::new(),
            reported_configs: HashSet::new(),
            seen: Seen::default(),
            stdin_taken: false,
            items: Vec::new(),
        }
    }

    pub fn finish(self) -> Vec<Item> {
        self.items
    }

    /// Adds one `PATH` argument.
    pub fn add(&mut self, arg: &Path) {
        self.seen.next_argument();
        if arg.as_os_str() == "-" {
            self.add_stdin();
            return;
        }
        match fs::metadata(arg) {
            Err(err) => {
                let reason = super::io_error(self.lang(), &err);
                self.error(format!("{}: {reason}", arg.display()));
            }
            Ok(metadata) if metadata.is_dir() => self.walk(arg),
            Ok(_) => {
                let absolute = self.absolute(arg);
                if !self.seen.insert(absolute.clone()) {
                    return;
                }
                let Some(config) = self.config_for(parent_of(&absolute)) else {
                    return;
                };
                let included = config.as_deref().is_some_and(|c| c.is_included(&absolute));
                self.items.push(Item::Job(Job {
                    display: shown(arg),
                    source: Source::File(arg.to_path_buf()),
                    explicit: true,
                    included,
                    options: self.options(config.as_deref()),
                }));
            }
        }
    }

    fn add_stdin(&mut self) {
        if std::mem::replace(&mut self.stdin_taken, true) {
            return;
        }
        let mut bytes = Vec::new();
        if let Err(err) = io::stdin().lock().read_to_end(&mut bytes) {
            self.error(format!("{STDIN_NAME}: {err}"));
            return;
        }
        let cwd = self.cwd.clone();
        let Some(config) = self.config_for(&cwd) else {
            return;
        };
        self.items.push(Item::Job(Job {
            display: STDIN_NAME.to_owned(),
            source: Source::Stdin(bytes),
            explicit: true,
            included: false,
            options: self.options(config.as_deref()),
        }));
    }

    fn walk(&mut self, root: &Path) {
        // Every entry's absolute path is the root's with the entry's own part joined: one
        // `getcwd` for the walk instead of one per file.
        let root_absolute = self.absolute(root);
        // In file-name order. Siblings' paths share their folder's path, so comparing whole
        // paths orders them as their names do, without working out each name from its path
        // at every comparison (`sort_by_file_name`: a third of a large folder's walk).
        let mut entries = WalkDir::new(root)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(root).display().to_string();
                    let reason = err
                        .io_error()
                        .map_or_else(|| err.to_string(), ToString::to_string);
                    self.error(format!("{path}: {reason}"));
                    continue;
                }
            };
            let path = entry.path();
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0 && is_skipped_name(entry.file_name(), is_dir) {
                if is_dir {
                    entries.skip_current_dir();
                }
                continue;
            }
            let absolute = match path.strip_prefix(root) {
                Ok(rest) => joined(&root_absolute, rest),
                Err(_) => self.absolute(path),
            };
            if is_dir {
                if entry.depth() > 0 {
                    // A folder is excluded by the config that applies to the folder holding it.
                    let excluded = match self.config_for(parent_of(&absolute)) {
                        Some(config) => config.is_some_and(|c| c.is_excluded(&absolute)),
                        None => false,
                    };
                    if excluded {
                        entries.skip_current_dir();
                    }
                }
                continue;
            }
            // Symlinks are not followed into folders, but a link to a file is a file.
            let is_file = entry.file_type().is_file()
                || (entry.path_is_symlink() && path.metadata().is_ok_and(|m| m.is_file()));
            if !is_file || self.seen.contains(&absolute) {
                continue;
            }
            let Some(config) = self.config_for(parent_of(&absolute)) else {
                continue;
            };
            let config = config.as_deref();
            if config.is_some_and(|c| c.is_excluded(&absolute)) {
                continue;
            }
            let included = config.is_some_and(|c| c.is_included(&absolute));
            if !included && !has_report_extension(path) {
                continue;
            }
            self.seen.insert(absolute);
            let options = self.options(config);
            self.items.push(Item::Job(Job {
                display: shown(path),
                source: Source::File(path.to_path_buf()),
                explicit: false,
                included,
                options,
            }));
        }
    }

    /// The configuration for files in `dir`: `Some(None)` when there is none, `None` when it is
    /// broken (reported once; the files under it are not checked).
    fn config_for(&mut self, dir: &Path) -> Option<Option<Arc<Config>>> {
        if let Some(config) = &self.explicit_config {
            return Some(Some(config.clone()));
        }
        match self.cache.for_dir(dir) {
            Ok(config) => Some(config),
            Err(err) => {
                if self.reported_configs.insert(err.file.clone()) {
                    let message = self.relative_error(err).render(self.lang());
                    self.error(message);
                }
                None
            }
        }
    }

    /// The options for a file under `config`: its settings, with `--edition` and `--lang` over
    /// them; without `--lang`, the config's `language`, else the locale's.
    fn options(&self, config: Option<&Config>) -> Options {
        let mut options = match config {
            Some(config) => config.to_options_in(self.environment),
            None => Options {
                language: self.environment,
                ..Options::default()
            },
        };
        if let Some(edition) = self.edition {
            options.edition = edition;
        }
        if let Some(language) = self.language {
            options.language = language;
        }
        options
    }

    /// The language of what is said about the run rather than a file (`--lang`, else the
    /// locale's).
    fn lang(&self) -> Lang {
        self.language.unwrap_or(self.environment)
    }

    /// Shows a config file's path relative to the working folder, as the user would type it.
    pub fn relative_error(&self, mut err: ConfigError) -> ConfigError {
        if let Some(file) = &err.file {
            if let Ok(relative) = file.strip_prefix(&self.cwd) {
                err.file = Some(relative.to_path_buf());
            }
        }
        err
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        std::path::absolute(path).unwrap_or_else(|_| self.cwd.join(path))
    }

    fn error(&mut self, message: String) {
        self.items.push(Item::Error(message));
    }
}

/// A path as the user is shown it: as given, with the system's separator throughout. On Windows
/// a folder walk joins with `\`, so `reports/2021` would otherwise give `reports/2021\a.md`.
fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if cfg!(windows) {
        text.replace('/', "\\")
    } else {
        text
    }
}

/// `root_absolute` (what [`std::path::absolute`] gives of a walk's root) with `rest` (an
/// entry's path below the root: file and folder names only) joined, as `absolute` gives of
/// the entry's whole path.
fn joined(root_absolute: &Path, rest: &Path) -> PathBuf {
    if rest.as_os_str().is_empty() {
        return root_absolute.to_path_buf();
    }
    // Sized for both parts at once: `join` copies the root, then grows the copy for the rest.
    let mut path =
        PathBuf::with_capacity(root_absolute.as_os_str().len() + 1 + rest.as_os_str().len());
    path.push(root_absolute);
    path.push(rest);
    path
}

fn parent_of(path: &Path) -> &Path {
    path.parent().unwrap_or(path)
}

fn is_skipped_name(name: &OsStr, is_dir: bool) -> bool {
    // Bytes, not text: every name is looked at, and the names skipped are ASCII.
    let name = name.as_encoded_bytes();
    name.starts_with(b".") || (is_dir && SKIPPED_DIRS.iter().any(|d| name == d.as_bytes()))
}

/// The absolute path of every file in the work list, so that a file named twice, or found by
/// two arguments, is checked once. Hashed only once a second argument comes: the files of one
/// argument are all different (a walk meets each path once), and hashing a path costs more
/// than the rest of listing a file.
#[derive(Default)]
struct Seen {
    arguments: usize,
    /// The files of the first argument, while it is the only one.
    listed: Vec<PathBuf>,
    set: HashSet<PathBuf>,
}

impl Seen {
    fn next_argument(&mut self) {
        self.arguments += 1;
        if self.arguments == 2 {
            self.set.extend(self.listed.drain(..));
        }
    }

    fn contains(&self, path: &Path) -> bool {
        self.arguments > 1 && self.set.contains(path)
    }

    /// Adds `path`; `false` when it was there already.
    fn insert(&mut self, path: PathBuf) -> bool {
        if self.arguments > 1 {
            return self.set.insert(path);
        }
        self.listed.push(path);
        true
    }
}

fn has_report_extension(path: &Path) -> bool {
    path.extension().and_then(OsStr::to_str).is_some_and(|ext| {
        REPORT_EXTENSIONS
            .iter()
            .any(|known| ext.eq_ignore_ascii_case(known))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn an_entry_below_the_root_has_the_absolute_path_of_its_whole_path() {
        let roots = [
            ".", "./", "dir", "dir/", "dir//", "./dir", "a/./b", "../up", "a/../b", "/abs",
            "/abs/", "/abs/./x",
        ];
        let rests = ["", "f.txt", "sub/f.md", "sub/deeper/f.txt", ".hidden"];
        for root in roots {
            let root = Path::new(root);
            for rest in rests {
                let whole = root.join(rest);
                let rest_from_walk = whole.strip_prefix(root).unwrap();
                assert_eq!(
                    joined(&std::path::absolute(root).unwrap(), rest_from_walk),
                    std::path::absolute(&whole).unwrap(),
                    "{root:?} + {rest:?}"
                );
            }
        }
    }

    fn collect(root: &Path, args: &[&str]) -> Vec<String> {
        let mut collector = Collector::new(root.to_path_buf(), None, None, None, Lang::En);
        for arg in args {
            collector.add(&root.join(arg));
        }
        collector
            .finish()
            .into_iter()
            .map(|item| match item {
                Item::Job(job) => {
                    let display = job.display;
                    let relative = display
                        .strip_prefix(&format!("{}/", root.display()))
                        .unwrap_or(&display)
                        .to_owned();
                    format!(
                        "{relative} explicit={} included={}",
                        job.explicit, job.included
                    )
                }
                Item::Error(message) => format!("error {message}"),
            })
            .collect()
    }

    #[test]
    fn a_folder_is_walked_in_file_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // Names that are prefixes of each other, case, punctuation below and above `/`,
        // Chinese, and folders among the files.
        for file in [
            "a.md",
            "a-b.md",
            "a b.md",
            "ab.md",
            "a.md.md",
            "Z.md",
            "中文.md",
            "报告.md",
            "a/x.md",
            "a/b/y.md",
            "a.b/z.md",
            "a0/w.md",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        // `./NAME explicit=… included=…`: the path is what comes before the last two fields.
        let listed: Vec<String> = collect(root, &["."])
            .into_iter()
            .map(|line| line.rsplitn(3, ' ').nth(2).unwrap().to_owned())
            .collect();
        let by_name: Vec<String> = WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .map(|entry| entry.unwrap())
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| {
                let below = entry.path().strip_prefix(root).unwrap();
                format!("./{}", below.display())
            })
            .collect();
        assert_eq!(listed.len(), 12, "{listed:?}");
        assert_eq!(listed, by_name);
    }

    #[test]
    fn walk_order_skips_and_config() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "b.md",
            "a.txt",
            "A.MARKDOWN",
            "c.docx",
            "notes.text",
            ".hidden.md",
            ".git/x.md",
            "target/x.md",
            "node_modules/x.md",
            "sub/z.md",
            "sub/drafts/d.md",
            "sub/keep/k.md",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        fs::write(
            root.join("ogi-lint.toml"),
            "include = [\"*.text\"]\nexclude = [\"drafts\"]\n",
        )
        .unwrap();
        let listed = collect(root, &["."]);
        assert_eq!(
            listed,
            [
                "./A.MARKDOWN explicit=false included=false",
                "./a.txt explicit=false included=false",
                "./b.md explicit=false included=false",
                "./notes.text explicit=false included=true",
                "./sub/keep/k.md explicit=false included=false",
                "./sub/z.md explicit=false included=false",
            ]
        );
        // Explicit files are always taken, in argument order, once.
        let listed = collect(root, &["c.docx", "b.md", "sub/drafts/d.md", "b.md"]);
        assert_eq!(
            listed,
            [
                "c.docx explicit=true included=false",
                "b.md explicit=true included=false",
                "sub/drafts/d.md explicit=true included=false",
            ]
        );
        let listed = collect(root, &["missing.md"]);
        assert_eq!(listed.len(), 1);
        assert!(listed[0].starts_with("error "), "{listed:?}");
        assert!(listed[0].contains("missing.md: "), "{listed:?}");
    }

    #[test]
    fn broken_config_is_reported_once_and_its_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("bad")).unwrap();
        fs::write(root.join("bad/ogi-lint.toml"), "edition = \"1999\"").unwrap();
        fs::write(root.join("bad/a.md"), "x").unwrap();
        fs::write(root.join("bad/b.md"), "x").unwrap();
        fs::write(root.join("good.md"), "x").unwrap();
        let listed = collect(root, &["bad", "good.md"]);
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert!(
            listed[0].starts_with("error bad/ogi-lint.toml:1: unknown edition \"1999\""),
            "{listed:?}"
        );
        assert_eq!(listed[1], "good.md explicit=true included=false");
    }

    #[test]
    fn a_file_named_or_found_twice_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in ["a.md", "sub/b.md", "sub/c.md"] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let names = |args: &[&str]| -> Vec<String> {
            collect(root, args)
                .into_iter()
                .map(|line| {
                    let path = line.rsplitn(3, ' ').nth(2).unwrap().to_owned();
                    Path::new(&path)
                        .strip_prefix(root)
                        .map_or(path.clone(), |p| p.display().to_string())
                })
                .collect()
        };
        // One argument: every file once (nothing hashed, see `Seen`).
        assert_eq!(names(&["sub"]).len(), 2);
        // A file, then the folder holding it: the file where it was first named.
        let listed = names(&["sub/b.md", "sub"]);
        assert_eq!(listed.len(), 2, "{listed:?}");
        // The folder, then a file in it, spelled another way, then the folder again.
        let listed = names(&["sub", "./sub/c.md", "sub/", "."]);
        assert_eq!(listed.len(), 3, "{listed:?}");
    }
}
