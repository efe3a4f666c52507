//! `carryover-mismatch` in the editor: each checked document is compared with last year's
//! report of the same body, found among the open documents and the files of the workspace
//! folders.
//!
//! One task ([`Linker`]) does the finding, off the request path: handlers only mark what
//! changed (a document, or the files on disk) with [`Linker::schedule`]. Each run takes the
//! identity (body and year, when certain) and the carried-forward figures of every checked
//! document under the state lock — quick, from the analyses the documents keep, and only for
//! the documents whose version changed since the last run — and outside
//! it reads the identity of each report file on disk from its head (cached by modification time
//! and size, re-read only after a watched-file change, a save or new workspace folders; at most
//! [`MAX_FILES`] files, none larger than [`MAX_FILE_BYTES`]). A document is linked to the one
//! report of the same body and the year before; an open document stands for its file on disk;
//! two candidates link to neither. Every document whose link changed is published again, so a
//! fix in last year's report (typed in the editor, or saved on disk) clears the finding here.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use ropey::Rope;
use tokio::sync::mpsc;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::Client;
use tracing::debug;

use super::documents::RopeText;
use super::publish::Publisher;
use super::{file_path, lock, State};
use crate::analysis::across_years::YearFacts;
use crate::analysis::{self, Identity, LastYear, Options};
use crate::files::{self, encoding};

/// Report files looked at on disk, at most (over all workspace folders).
pub const MAX_FILES: usize = 2000;
/// Folder depth searched below a workspace folder.
const MAX_DEPTH: usize = 8;
/// A larger file is not read as last year's report.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// An open document (opened, edited, closed).
    Documents,
    /// The workspace folders.
    Disk,
    /// These files on disk (saved, or watched): read again whatever their modification time
    /// says (it may be too coarse to tell two writes in a second apart).
    Files(Vec<PathBuf>),
}

/// The handle handlers use; dropping the last one ends the task.
#[derive(Debug, Clone)]
pub struct Linker {
    tx: mpsc::UnboundedSender<Scan>,
}

impl Linker {
    /// Starts the linking task on the current tokio runtime.
    pub fn spawn(client: Client, state: Arc<Mutex<State>>, publisher: Publisher) -> Linker {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(rx, client, state, publisher));
        Linker { tx }
    }

    pub fn schedule(&self, scan: Scan) {
        // The task only ends when every sender is gone.
        let _ = self.tx.send(scan);
    }
}

/// Which text a link was made from: a link made from another text is a new link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    Open {
        generation: u64,
        version: i32,
    },
    Disk {
        modified: Option<SystemTime>,
        len: u64,
    },
}

/// Last year's report of a document, as found: what its diagnostics are compared with, and its
/// text, to place the related figure.
#[derive(Debug)]
pub struct LastYearLink {
    pub uri: lsp::Uri,
    pub last_year: LastYear,
    pub rope: Rope,
    stamp: Stamp,
}

impl LastYearLink {
    fn same_as(&self, other: &LastYearLink) -> bool {
        self.uri == other.uri && self.stamp == other.stamp
    }
}

/// A report file on disk, as its head names it.
#[derive(Debug, Clone)]
struct DiskFile {
    stamp: Stamp,
    identity: Option<Identity>,
}

/// What the task keeps between runs.
#[derive(Default)]
struct Cache {
    /// The workspace folders have been scanned (they may hold no report at all).
    scanned: bool,
    disk: HashMap<PathBuf, DiskFile>,
    /// Last year's reports read whole from disk, by path, with the file's stamp when read.
    read: HashMap<PathBuf, (Stamp, Option<Arc<LastYearLink>>)>,
    /// The identity and figures of each open document, with the version they were read from:
    /// an edit makes only the edited document's facts be read again.
    open: HashMap<lsp::Uri, (Stamp, Arc<YearFacts>)>,
}

async fn run(
    mut rx: mpsc::UnboundedReceiver<Scan>,
    client: Client,
    state: Arc<Mutex<State>>,
    publisher: Publisher,
) {
    let mut cache = Cache::default();
    while let Some(scan) = rx.recv().await {
        let mut disk = false;
        let mut changed_files = Vec::new();
        let mut take = |scan: Scan| match scan {
            Scan::Documents => {}
            Scan::Disk => disk = true,
            Scan::Files(paths) => changed_files.extend(paths),
        };
        take(scan);
        while let Ok(scan) = rx.try_recv() {
            take(scan);
        }
        for path in &changed_files {
            cache.disk.remove(path);
            cache.read.remove(path);
        }
        let disk = disk || !changed_files.is_empty();
        // Reading files blocks: not on the runtime's workers.
        let shared = state.clone();
        let work = tokio::task::spawn_blocking(move || {
            let changed = relink(&shared, &mut cache, disk);
            (cache, changed)
        });
        // A panic lost the cache: start it afresh.
        let Ok((kept, changed)) = work.await else {
            cache = Cache::default();
            continue;
        };
        cache = kept;
        if changed.is_empty() {
            continue;
        }
        let caps = lock(&state).caps;
        if caps.pull {
            if caps.diagnostic_refresh {
                let _ = client.workspace_diagnostic_refresh().await;
            }
        } else {
            for uri in changed {
                publisher.schedule(uri);
            }
        }
    }
}

/// An open, checked document as the linker sees it.
struct Open {
    uri: lsp::Uri,
    path: Option<PathBuf>,
    facts: Arc<YearFacts>,
    rope: Rope,
    stamp: Stamp,
}

/// Finds each document's last year's report and stores the links; returns the documents whose
/// link changed.
fn relink(state: &Mutex<State>, cache: &mut Cache, disk: bool) -> Vec<lsp::Uri> {
    let (open, open_paths, folders) = {
        let state = lock(state);
        let mut open = Vec::new();
        let mut open_paths = HashSet::new();
        for (uri, doc) in &state.docs {
            open_paths.extend(doc.path.clone());
            let Some(analysis) = doc.analysis() else {
                continue;
            };
            let stamp = Stamp::Open {
                generation: doc.generation,
                version: doc.version,
            };
            let facts = match cache.open.get(uri) {
                Some((read, facts)) if *read == stamp => facts.clone(),
                _ => {
                    let facts = super::documents::guard("year_facts", || {
                        analysis.year_facts(&RopeText(&doc.rope))
                    })
                    .unwrap_or_default();
                    let facts = Arc::new(facts);
                    cache.open.insert(uri.clone(), (stamp, facts.clone()));
                    facts
                }
            };
            open.push(Open {
                uri: uri.clone(),
                path: doc.path.clone(),
                facts,
                rope: doc.rope.clone(),
                stamp,
            });
        }
        // Closed documents.
        cache.open.retain(|uri, _| state.docs.contains_key(uri));
        (open, open_paths, state.workspace_folders.clone())
    };
    if disk || !cache.scanned {
        scan_disk(&folders, cache);
    }

    // Every report: the open documents, then the files on disk that are not open; each open
    // document is linked to last year's report among them by the one rule of pairing.
    enum Candidate<'a> {
        Open(&'a Open),
        Disk(&'a Path),
    }
    let mut candidates: Vec<(Candidate, Option<Identity>)> = open
        .iter()
        .map(|doc| (Candidate::Open(doc), doc.facts.identity.clone()))
        .collect();
    for (path, file) in &cache.disk {
        if file.identity.is_some() && !open_paths.contains(path) {
            candidates.push((Candidate::Disk(path), file.identity.clone()));
        }
    }
    let identities: Vec<Option<Identity>> = candidates.iter().map(|(_, i)| i.clone()).collect();
    let last_years = crate::analysis::across_years::last_years(&identities);
    let mut links: HashMap<lsp::Uri, Arc<LastYearLink>> = HashMap::new();
    let mut to_read: Vec<(lsp::Uri, PathBuf, Identity)> = Vec::new();
    for (doc, last) in open.iter().zip(&last_years) {
        let Some((candidate, Some(identity))) = last.and_then(|i| candidates.get(i)) else {
            continue;
        };
        match candidate {
            Candidate::Open(other) => {
                let link = LastYearLink {
                    uri: other.uri.clone(),
                    last_year: LastYear {
                        document: other.uri.as_str().to_owned(),
                        name: name_of(&other.uri, other.path.as_deref()),
                        carried_forward: other.facts.carried_forward.clone(),
                    },
                    rope: other.rope.clone(),
                    stamp: other.stamp,
                };
                links.insert(doc.uri.clone(), Arc::new(link));
            }
            Candidate::Disk(path) => {
                to_read.push((doc.uri.clone(), path.to_path_buf(), identity.clone()));
            }
        }
    }
    let disk_stamps: HashMap<PathBuf, Stamp> = cache
        .disk
        .iter()
        .map(|(path, file)| (path.clone(), file.stamp))
        .collect();
    for (uri, path, identity) in to_read {
        let Some(stamp) = disk_stamps.get(&path).copied() else {
            continue;
        };
        let link = match cache.read.get(&path) {
            Some((read, link)) if *read == stamp => link.clone(),
            _ => {
                let link = read_disk(&path, stamp, &identity);
                cache.read.insert(path.clone(), (stamp, link.clone()));
                link
            }
        };
        if let Some(link) = link {
            links.insert(uri, link);
        }
    }

    let mut changed = Vec::new();
    let mut state = lock(state);
    for (uri, doc) in state.docs.iter_mut() {
        let new = links.remove(uri);
        let same = match (&doc.last_year, &new) {
            (None, None) => true,
            (Some(old), Some(new)) => old.same_as(new),
            _ => false,
        };
        if !same {
            debug!(
                uri = uri.as_str(),
                last_year = new.as_ref().map(|l| l.uri.as_str()),
                "last year's report"
            );
            doc.last_year = new;
            changed.push(uri.clone());
        }
    }
    changed
}

/// How messages name last year's report: its file's name.
fn name_of(uri: &lsp::Uri, path: Option<&Path>) -> String {
    path.and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| uri.as_str().to_owned())
}

/// Reads the identity of every report file of the workspace folders (from its head; unchanged
/// files from the cache).
fn scan_disk(folders: &[PathBuf], cache: &mut Cache) {
    let mut found = HashMap::new();
    let files = folders
        .iter()
        .flat_map(|folder| {
            walkdir::WalkDir::new(folder)
                .max_depth(MAX_DEPTH)
                .into_iter()
                .filter_entry(|entry| entry.depth() == 0 || !skipped(entry.file_name()))
                .filter_map(Result::ok)
        })
        .filter(|entry| entry.file_type().is_file() && is_report_file(entry.path()))
        .take(MAX_FILES);
    for entry in files {
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.len() > MAX_FILE_BYTES {
            continue;
        }
        let stamp = Stamp::Disk {
            modified: meta.modified().ok(),
            len: meta.len(),
        };
        let path = entry.into_path();
        let file = match cache.disk.get(&path) {
            Some(file) if file.stamp == stamp => file.clone(),
            _ => DiskFile {
                stamp,
                identity: files::head_identity(&path),
            },
        };
        found.insert(path, file);
    }
    cache.disk = found;
    cache.scanned = true;
    cache.read.retain(|path, _| cache.disk.contains_key(path));
}

/// Hidden folders (`.git`) and build or package folders hold no reports.
fn skipped(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name == "node_modules" || name == "target"
}

fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt"))
}

/// Last year's report read whole from disk, when its whole text confirms its identity.
fn read_disk(path: &Path, stamp: Stamp, identity: &Identity) -> Option<Arc<LastYearLink>> {
    let bytes = std::fs::read(path).ok()?;
    let text = encoding::decode(bytes).ok()?.text;
    let text = text.as_str();
    let facts = analysis::with_analysis(text, &Options::default(), |analysis| {
        analysis.year_facts(&text)
    });
    if facts.identity.as_ref() != Some(identity) {
        return None;
    }
    let uri = lsp::Uri::from_file_path(path)?;
    Some(Arc::new(LastYearLink {
        last_year: LastYear {
            document: uri.as_str().to_owned(),
            name: name_of(&uri, Some(path)),
            carried_forward: facts.carried_forward,
        },
        uri,
        rope: Rope::from_str(text),
        stamp,
    }))
}

/// Whether a watched-file change is a report file (not `ogi-lint.toml`).
pub fn is_report_uri(uri: &lsp::Uri) -> bool {
    file_path(uri).is_some_and(|path| is_report_file(&path))
}
