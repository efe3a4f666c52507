//! `ogi-lint lsp`: the language server, a thin shell over [`crate::analysis::Analysis`].
//!
//! Built on `tower-lsp-server`, the maintained continuation of tower-lsp. tower-lsp runs
//! handlers concurrently (tower-lsp issue #284), so ordering is kept by construction: every
//! notification handler applies its change to the shared [`State`] synchronously, before its
//! first `.await`, in one `std::sync::Mutex` scope with no `.await` inside. Handler futures are
//! first polled in arrival order, so edits apply in arrival order. The guard is not `Send`, so
//! holding it across an `.await` would not compile.
//!
//! Diagnostics are pushed by one task ([`publish`]) that publishes each document at the version
//! current when it computes, or pulled (`textDocument/diagnostic`) when the client supports it.
//!
//! Modules: [`documents`] (rope + analysis per document), [`convert`] (byte offsets ↔ LSP
//! positions and shapes), [`actions`] (code actions), [`settings`] (client settings over
//! `ogi-lint.toml`), [`publish`] (the debounced publisher), [`malformed`] (reports document
//! notifications the framework drops because their URI does not parse), [`framing`] (only
//! well-formed JSON-RPC 2.0 reaches the framework; the rest is answered) and [`session`] (one
//! connection, and when it ends).
//!
//! No handler waits for the client's answer to a request of the server's: those waits run in
//! tasks of their own (see `Backend::reload_settings`), because the session runs at most four
//! handlers at a time and a client that never answers would otherwise stop the server.

mod actions;
mod carryover;
mod convert;
mod documents;
mod framing;
mod malformed;
mod publish;
mod session;
mod settings;
mod status;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer, LspService};
use tracing::{debug, info, warn};

use crate::analysis::Lang;
use crate::config::Config;
use crate::line_index::Encoding;
use carryover::{Linker, Scan};
use documents::Doc;
use publish::Publisher;
use settings::{DocSettings, ServerSettings};

/// Runs the language server on stdin/stdout until the client exits or closes stdin; returns the
/// process's exit status (0 after `shutdown`, 1 without).
pub fn run() -> anyhow::Result<u8> {
    let log = init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let ending = runtime.block_on(serve_with(
        tokio::io::stdin(),
        tokio::io::stdout(),
        Some(log),
    ));
    // tokio reads stdin on a blocking thread that may sit in a `read` until the client closes
    // it: exit without waiting for that thread (or for handlers the session stopped waiting for).
    runtime.shutdown_background();
    Ok(ending.code())
}

/// Serves one client over `input`/`output` until it exits or closes the input; for tests and
/// embedding. Returns the exit status `ogi-lint lsp` would: 0 after `shutdown`, 1 without.
/// Logging is left to the caller's tracing subscriber.
pub async fn serve<I, O>(input: I, output: O) -> u8
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    serve_with(input, output, None).await.code()
}

/// A custom request for tests and bug reports: `{"uri"}` → the server's view of a document
/// (`text`, `version`, `checked`, `reparsedBlocks`, `edition`), or `null` when it is not open.
pub const DEBUG_DOCUMENT: &str = "ogiLint/debugDocument";

/// Sets the log filter from the `logLevel` setting.
type LogLevelSetter = Arc<dyn Fn(&str) -> Result<(), String> + Send + Sync>;

async fn serve_with<I, O>(input: I, output: O, log: Option<LogLevelSetter>) -> session::Ending
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let mut client_handle = None;
    let (service, socket) = LspService::build(|client| {
        client_handle = Some(client.clone());
        Backend::new(client, log)
    })
    .custom_method(DEBUG_DOCUMENT, Backend::debug_document)
    .finish();
    match client_handle {
        Some(client) => {
            let service = malformed::ReportMalformed::new(service, client);
            session::run(input, output, service, socket).await
        }
        None => session::run(input, output, service, socket).await,
    }
}

/// Logs go to stderr (stdout carries the protocol); the level comes from `RUST_LOG`, then from
/// the `logLevel` setting.
fn init_logging() -> LogLevelSetter {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{fmt, reload, EnvFilter};

    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let (filter, handle) = reload::Layer::new(filter);
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(std::io::stderr).with_ansi(false))
        .try_init();
    Arc::new(move |level: &str| {
        let filter = EnvFilter::try_new(level).map_err(|err| err.to_string())?;
        handle.reload(filter).map_err(|err| err.to_string())
    })
}

/// What the client declared it can do, read once at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClientCaps {
    pub encoding: Encoding,
    /// `textDocument.diagnostic`: the client pulls, so the server does not push.
    pub pull: bool,
    pub snippets: bool,
    pub document_changes: bool,
    pub hierarchical_symbols: bool,
    pub configuration: bool,
    pub watch_files_dynamic: bool,
    pub configuration_dynamic: bool,
    pub diagnostic_refresh: bool,
    pub inlay_hint_refresh: bool,
}

impl ClientCaps {
    fn new(caps: &lsp::ClientCapabilities) -> ClientCaps {
        let text = caps.text_document.as_ref();
        let workspace = caps.workspace.as_ref();
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|encodings| encodings.contains(&lsp::PositionEncodingKind::UTF8));
        ClientCaps {
            encoding: if utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            pull: text.is_some_and(|t| t.diagnostic.is_some()),
            snippets: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            hierarchical_symbols: text
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watch_files_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            configuration_dynamic: workspace
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|c| c.dynamic_registration)
                .unwrap_or(false),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            inlay_hint_refresh: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|h| h.refresh_support)
                .unwrap_or(false),
        }
    }

    fn edit_caps(&self) -> actions::EditCaps {
        actions::EditCaps {
            encoding: self.encoding,
            document_changes: self.document_changes,
        }
    }
}

/// Everything the handlers share, behind one lock.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub docs: HashMap<lsp::Uri, Doc>,
    pub caps: ClientCaps,
    pub server_settings: ServerSettings,
    /// The client's `ogiLint` section.
    client_settings: Value,
    /// The `ogiLint` section of `initializationOptions`.
    init_options: Value,
    workspace_folders: Vec<PathBuf>,
    next_generation: u64,
    /// Settings errors already shown since the last reload, so each is shown once.
    shown_errors: HashSet<String>,
    /// The editor's language (`locale` of `initialize`): messages are in it unless the
    /// `language` setting or `ogi-lint.toml` names one.
    locale: Lang,
}

/// Locks the state, recovering from poisoning (a panic elsewhere must not stop the server).
pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    /// One document's settings: the client's over the nearest `ogi-lint.toml` (from the
    /// document's folder, else from the workspace folders). `files` caches reads in one pass.
    fn doc_settings(
        &self,
        path: Option<&Path>,
        files: &mut HashMap<PathBuf, Result<Config, String>>,
        errors: &mut Vec<String>,
    ) -> Arc<DocSettings> {
        let workspace_root = path.and_then(|p| {
            self.workspace_folders
                .iter()
                .filter(|f| p.starts_with(f))
                .max_by_key(|f| f.as_os_str().len())
        });
        let workspace_root = workspace_root.or(self.workspace_folders.first());
        let found = path
            .and_then(Path::parent)
            .and_then(settings::find_config_file)
            .or_else(|| {
                self.workspace_folders
                    .iter()
                    .find_map(|f| settings::find_config_file(f))
            });
        let file = found.map(|found| {
            files
                .entry(found.clone())
                .or_insert_with(|| settings::load_config_file(&found, self.ui_language()))
                .clone()
        });
        let file = match file {
            Some(Ok(file)) => Some(file),
            Some(Err(err)) => {
                errors.push(err);
                None
            }
            None => None,
        };
        let (res, errs) = settings::resolve(
            file.as_ref(),
            &self.client_settings,
            workspace_root.map(PathBuf::as_path),
            self.locale,
        );
        errors.extend(errs);
        Arc::new(res)
    }

    /// The language of what the server says about its settings.
    fn ui_language(&self) -> Lang {
        settings::ui_language(&self.client_settings, self.locale)
    }

    /// Keeps the errors not shown yet, and remembers them as shown.
    fn new_errors(&mut self, errors: Vec<String>) -> Vec<String> {
        let mut res = Vec::new();
        for err in errors {
            if self.shown_errors.insert(err.clone()) {
                res.push(err);
            }
        }
        res
    }
}

fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

#[derive(Debug, serde::Deserialize)]
struct DebugDocumentParams {
    uri: lsp::Uri,
}

/// The handlers' shared handle; cloned into the tasks that wait for the client.
#[derive(Clone)]
struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    publisher: Publisher,
    /// Finds each document's last year's report (`carryover-mismatch`).
    linker: Linker,
    log: Option<LogLevelSetter>,
}

impl Backend {
    fn new(client: Client, log: Option<LogLevelSetter>) -> Backend {
        let state = Arc::new(Mutex::new(State::default()));
        let publisher = Publisher::spawn(client.clone(), state.clone());
        let linker = Linker::spawn(client.clone(), state.clone(), publisher.clone());
        Backend {
            client,
            state,
            publisher,
            linker,
            log,
        }
    }

    /// Runs `f` on a document (refreshed: it may have become report-like) under the lock.
    fn with_doc<R>(&self, uri: &lsp::Uri, f: impl FnOnce(&Doc, ClientCaps) -> R) -> Option<R> {
        let mut state = lock(&self.state);
        let caps = state.caps;
        let doc = state.docs.get_mut(uri)?;
        doc.refresh();
        documents::guard("a request", || f(doc, caps))
    }

    async fn debug_document(&self, params: DebugDocumentParams) -> RpcResult<Value> {
        let res = self.with_doc(&params.uri, |doc, _| {
            serde_json::json!({
                "text": doc.rope.to_string(),
                "version": doc.version,
                "checked": doc.analysis().is_some(),
                "reparsedBlocks": doc.analysis().map(|a| a.reparsed_blocks()),
                "edition": doc.analysis().and_then(|a| a.edition()).map(|e| e.year()),
            })
        });
        Ok(res.unwrap_or(Value::Null))
    }

    async fn show_errors(&self, errors: Vec<String>) {
        for err in errors {
            warn!("settings: {err}");
            self.client
                .show_message(lsp::MessageType::ERROR, format!("ogi-lint: {err}"))
                .await;
        }
    }

    /// Re-reads the client settings (pulled when the client supports it, else `pushed`) and
    /// every `ogi-lint.toml`, then re-checks every open document.
    ///
    /// What waits for the client (its settings, its answers to refresh requests) runs in a task
    /// of its own, not in the handler: the session (`session.rs`) runs at most four handlers at
    /// a time, so four handlers waiting on a client that never answers
    /// `workspace/configuration` would stop the server from answering anything. Pushed settings apply at once, in arrival order.
    fn reload_settings(&self, pushed: Option<Value>) {
        let this = self.clone();
        if lock(&self.state).caps.configuration {
            tokio::spawn(async move {
                let client_settings = this.pull_settings(pushed).await;
                let applied = this.apply_settings(client_settings);
                this.after_reload(applied).await;
            });
        } else {
            let applied = self.apply_settings(pushed);
            tokio::spawn(async move { this.after_reload(applied).await });
        }
    }

    /// The client's `ogiLint` section, from `workspace/configuration`; `pushed` if that fails.
    async fn pull_settings(&self, pushed: Option<Value>) -> Option<Value> {
        let item = lsp::ConfigurationItem {
            scope_uri: None,
            section: Some(settings::SECTION.to_owned()),
        };
        match self.client.configuration(vec![item]).await {
            // A client without an `ogiLint` section answers `null`: keep the
            // `initializationOptions` then.
            Ok(mut values) => values
                .pop()
                .map(|v| settings::client_section(&v))
                .filter(Value::is_object)
                .or_else(|| Some(lock(&self.state).init_options.clone())),
            Err(err) => {
                warn!("workspace/configuration failed: {err}");
                pushed
            }
        }
    }

    /// After new settings: new diagnostics (pushed, or a refresh request), new inlay hints, the
    /// settings errors shown.
    async fn after_reload(&self, (errors, uris, caps): (Vec<String>, Vec<lsp::Uri>, ClientCaps)) {
        if caps.pull {
            if caps.diagnostic_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
        } else {
            for uri in uris {
                self.publisher.schedule(uri);
            }
        }
        if caps.inlay_hint_refresh {
            let _ = self.client.inlay_hint_refresh().await;
        }
        self.show_errors(errors).await;
    }

    /// The synchronous part of a reload: store, re-resolve every document, report.
    fn apply_settings(
        &self,
        client_settings: Option<Value>,
    ) -> (Vec<String>, Vec<lsp::Uri>, ClientCaps) {
        let mut state = lock(&self.state);
        if let Some(value) = client_settings {
            state.client_settings = value;
        }
        state.shown_errors.clear();
        let lang = state.ui_language();
        let (server_settings, mut errors) = settings::server_settings(&state.client_settings, lang);
        if let (Some(level), Some(log)) = (&server_settings.log_level, &self.log) {
            if let Err(err) = log(level) {
                errors.push(t!(
                    lang,
                    "server-log-level-bad",
                    level = format!("{level:?}"),
                    error = err.to_string()
                ));
            }
        }
        state.server_settings = server_settings;
        let mut files = HashMap::new();
        // Validate the settings even when no document is open.
        state.doc_settings(None, &mut files, &mut errors);
        let paths: Vec<(lsp::Uri, Option<PathBuf>)> = state
            .docs
            .iter()
            .map(|(uri, doc)| (uri.clone(), doc.path.clone()))
            .collect();
        let mut uris = Vec::new();
        for (uri, path) in paths {
            let doc_settings = state.doc_settings(path.as_deref(), &mut files, &mut errors);
            if let Some(doc) = state.docs.get_mut(&uri) {
                doc.set_settings(doc_settings);
            }
            uris.push(uri);
        }
        let errors = state.new_errors(errors);
        (errors, uris, state.caps)
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> RpcResult<lsp::InitializeResult> {
        let caps = ClientCaps::new(&params.capabilities);
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| file_path(&f.uri))
            .collect();
        #[allow(deprecated)] // `rootUri` is how older clients name their folder.
        if folders.is_empty() {
            folders.extend(params.root_uri.as_ref().and_then(file_path));
        }
        {
            let mut state = lock(&self.state);
            state.caps = caps;
            state.workspace_folders = folders;
            // VS Code sends its display language (`zh-cn`, `en`); anything else is Chinese.
            state.locale = params
                .locale
                .as_deref()
                .and_then(Lang::from_locale)
                .unwrap_or_default();
            state.init_options = params
                .initialization_options
                .as_ref()
                .map(settings::client_section)
                .unwrap_or(Value::Null);
            state.client_settings = state.init_options.clone();
        }
        // Errors are shown once the client is initialized, by the reload in `initialized`.
        let _ = self.apply_settings(None);
        info!("initialized with {caps:?}");
        Ok(lsp::InitializeResult {
            capabilities: server_capabilities(&caps),
            server_info: Some(lsp::ServerInfo {
                name: "ogi-lint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        let caps = lock(&self.state).caps;
        let mut registrations = Vec::new();
        if caps.watch_files_dynamic {
            let options = lsp::DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![
                    lsp::FileSystemWatcher {
                        glob_pattern: lsp::GlobPattern::String(format!(
                            "**/{}",
                            settings::CONFIG_FILE
                        )),
                        kind: None,
                    },
                    // Last year's reports (`carryover-mismatch`).
                    lsp::FileSystemWatcher {
                        glob_pattern: lsp::GlobPattern::String("**/*.{md,markdown,txt}".to_owned()),
                        kind: None,
                    },
                ],
            };
            registrations.push(lsp::Registration {
                id: "ogi-lint-config-watcher".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            });
        }
        if caps.configuration_dynamic {
            registrations.push(lsp::Registration {
                id: "ogi-lint-configuration".to_owned(),
                method: "workspace/didChangeConfiguration".to_owned(),
                register_options: None,
            });
        }
        if !registrations.is_empty() {
            // Not in the handler: see `reload_settings`.
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(err) = client.register_capability(registrations).await {
                    warn!("client/registerCapability failed: {err}");
                }
            });
        }
        self.reload_settings(None);
        self.linker.schedule(Scan::Disk);
    }

    async fn shutdown(&self) -> RpcResult<()> {
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = file_path(&item.uri);
        let (errors, pull) = {
            let mut state = lock(&self.state);
            let mut errors = Vec::new();
            let doc_settings =
                state.doc_settings(path.as_deref(), &mut HashMap::new(), &mut errors);
            state.next_generation += 1;
            let doc = Doc::new(
                &item.text,
                item.version,
                item.language_id,
                path,
                state.next_generation,
                doc_settings,
            );
            debug!(
                uri = item.uri.as_str(),
                checked = doc.analysis().is_some(),
                "opened"
            );
            state.docs.insert(item.uri.clone(), doc);
            (state.new_errors(errors), state.caps.pull)
        };
        if !pull {
            self.publisher.schedule(item.uri);
        }
        self.linker.schedule(Scan::Documents);
        self.show_errors(errors).await;
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let (res, pull) = {
            let mut state = lock(&self.state);
            let encoding = state.caps.encoding;
            let pull = state.caps.pull;
            let res = state
                .docs
                .get_mut(&uri)
                .map(|doc| doc.apply_changes(version, params.content_changes, encoding));
            (res, pull)
        };
        match res {
            None => warn!(
                uri = uri.as_str(),
                "didChange for a document that is not open"
            ),
            Some(Err(stale)) => warn!(
                uri = uri.as_str(),
                "ignored didChange: version {} is not newer than {}", stale.received, stale.current
            ),
            Some(Ok(())) if !pull => {
                self.publisher.schedule(uri);
                self.linker.schedule(Scan::Documents);
            }
            Some(Ok(())) => self.linker.schedule(Scan::Documents),
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let pull = {
            let mut state = lock(&self.state);
            state.docs.remove(&uri);
            state.caps.pull
        };
        if !pull {
            self.publisher.schedule(uri);
        }
        self.linker.schedule(Scan::Documents);
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        // What is on disk changed: last year's report as a file.
        let saved = file_path(&params.text_document.uri);
        self.linker
            .schedule(Scan::Files(saved.into_iter().collect()));
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        let pushed = Some(settings::client_section(&params.settings)).filter(Value::is_object);
        self.reload_settings(pushed);
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        let (reports, others): (Vec<_>, Vec<_>) = params
            .changes
            .iter()
            .partition(|change| carryover::is_report_uri(&change.uri));
        if !reports.is_empty() {
            let paths = reports.iter().filter_map(|c| file_path(&c.uri)).collect();
            self.linker.schedule(Scan::Files(paths));
        }
        // A change of `ogi-lint.toml` (or a notification naming nothing).
        if !others.is_empty() || reports.is_empty() {
            self.reload_settings(None);
        }
    }

    async fn did_change_workspace_folders(&self, params: lsp::DidChangeWorkspaceFoldersParams) {
        {
            let mut state = lock(&self.state);
            let removed: Vec<PathBuf> = params
                .event
                .removed
                .iter()
                .filter_map(|f| file_path(&f.uri))
                .collect();
            state.workspace_folders.retain(|f| !removed.contains(f));
            let added = params.event.added.iter().filter_map(|f| file_path(&f.uri));
            state.workspace_folders.extend(added);
        }
        self.reload_settings(None);
        self.linker.schedule(Scan::Disk);
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> RpcResult<lsp::DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let (items, version, status) = self
            .with_doc(&uri, |doc, caps| {
                let items = doc.lsp_diagnostics(&uri, caps.encoding);
                let status = status::of(&uri, doc, &items, caps.encoding);
                (items, Some(doc.version), Some(status))
            })
            .unwrap_or_default();
        // A pulling client gets the status with each pull (a pushing one after each publication).
        if let Some(status) = status {
            self.client
                .send_notification::<status::Status>(status)
                .await;
        }
        Ok(lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: version.map(|v| v.to_string()),
                    items,
                },
            }),
        ))
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> RpcResult<Option<lsp::CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let res = self.with_doc(&uri, |doc, caps| {
            actions::code_actions(&uri, doc, &params, caps.edit_caps())
        });
        Ok(res.filter(|actions| !actions.is_empty()))
    }

    async fn hover(&self, params: lsp::HoverParams) -> RpcResult<Option<lsp::Hover>> {
        let at = params.text_document_position_params;
        let res = self.with_doc(&at.text_document.uri, |doc, caps| {
            let analysis = doc.analysis()?;
            let offset = convert::offset(&doc.rope, at.position, caps.encoding);
            let info = analysis.hover(offset)?;
            Some(convert::hover(&doc.rope, info, caps.encoding))
        });
        Ok(res.flatten())
    }

    async fn inlay_hint(
        &self,
        params: lsp::InlayHintParams,
    ) -> RpcResult<Option<Vec<lsp::InlayHint>>> {
        let res = self.with_doc(&params.text_document.uri, |doc, caps| {
            let analysis = doc.analysis()?;
            let range = convert::byte_range(&doc.rope, params.range, caps.encoding);
            let hints = analysis
                .inlay_hints()
                .into_iter()
                .filter(|h| range.contains(&h.offset) || h.offset == range.end)
                .map(|h| convert::inlay_hint(&doc.rope, h, caps.encoding))
                .collect();
            Some(hints)
        });
        Ok(res.flatten())
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> RpcResult<Option<lsp::DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let res = self.with_doc(&uri, |doc, caps| {
            let analysis = doc.analysis()?;
            let symbols: Vec<lsp::DocumentSymbol> = analysis
                .outline()
                .into_iter()
                .map(|s| convert::document_symbol(&doc.rope, s, caps.encoding))
                .collect();
            if caps.hierarchical_symbols {
                return Some(lsp::DocumentSymbolResponse::Nested(symbols));
            }
            let mut flat = Vec::new();
            convert::flatten_symbols(&uri, symbols, None, &mut flat);
            Some(lsp::DocumentSymbolResponse::Flat(flat))
        });
        Ok(res.flatten())
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> RpcResult<Option<lsp::CompletionResponse>> {
        let at = params.text_document_position;
        let res = self.with_doc(&at.text_document.uri, |doc, caps| {
            let analysis = doc.analysis()?;
            let offset = convert::offset(&doc.rope, at.position, caps.encoding);
            let line_start = doc.rope.line_to_byte(doc.rope.byte_to_line(offset));
            let line_prefix = doc.rope.byte_slice(line_start..offset).to_string();
            let items: Vec<lsp::CompletionItem> = analysis
                .completions(&line_prefix, offset)
                .into_iter()
                .map(|c| convert::completion(&doc.rope, c, caps.encoding, caps.snippets))
                .collect();
            (!items.is_empty()).then_some(lsp::CompletionResponse::Array(items))
        });
        Ok(res.flatten())
    }
}

/// What the server offers, given what the client can do.
fn server_capabilities(caps: &ClientCaps) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match caps.encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                // A save may change last year's report on disk (`carryover-mismatch`).
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..lsp::TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            // A table cell starts after `|` or a tab; labels start with `（`.
            trigger_characters: Some(vec!["|".to_owned(), "\t".to_owned(), "（".to_owned()]),
            ..lsp::CompletionOptions::default()
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    actions::fix_all_kind(),
                ]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        diagnostic_provider: caps.pull.then(|| {
            lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                identifier: Some("ogi-lint".to_owned()),
                // `carryover-mismatch` reads last year's report.
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
            })
        }),
        workspace: Some(lsp::WorkspaceServerCapabilities {
            workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..lsp::ServerCapabilities::default()
    }
}
