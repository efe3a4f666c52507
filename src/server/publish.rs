//! Pushing diagnostics: one task publishes for every document, so publications leave in the
//! order they were computed.
//!
//! Handlers mark a document dirty with [`Publisher::schedule`] (synchronous, no `.await`). The
//! task takes every mark queued so far (and, only when `debounceMs` asks for it, waits that long
//! from the first mark of a burst), then computes each dirty document's diagnostics under the
//! state lock at the version current *then*, and publishes them with that version. So by
//! default nothing waits, and edits that arrive while a document is being analysed coalesce into
//! one computation of the newest version: a burst never queues stale work. A result is never published for a version older than one already
//! published, and a closed document gets an empty list. Each publication is followed by the
//! document's `ogiLint/status` (see `status.rs`), also sent when only the status changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tokio::time::{sleep_until, Instant};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::Client;

use super::status::{self, Status, StatusParams};
use super::{lock, State};

/// The handle handlers use; dropping the last one ends the task.
#[derive(Debug, Clone)]
pub struct Publisher {
    tx: mpsc::UnboundedSender<lsp::Uri>,
}

impl Publisher {
    /// Starts the publishing task on the current tokio runtime.
    pub fn spawn(client: Client, state: Arc<Mutex<State>>) -> Publisher {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(rx, client, state));
        Publisher { tx }
    }

    /// Marks `uri` for publication.
    pub fn schedule(&self, uri: lsp::Uri) {
        // The task only ends when every sender is gone, so sending cannot fail while we exist.
        let _ = self.tx.send(uri);
    }
}

/// What was last published for a document.
#[derive(Clone)]
struct Published {
    generation: u64,
    version: i32,
    empty: bool,
    /// The last status sent, with its version zeroed (a new version alone is no news).
    status: Option<StatusParams>,
}

/// What to send for one document.
struct Outgoing {
    diagnostics: Option<(Vec<lsp::Diagnostic>, Option<i32>)>,
    status: Option<StatusParams>,
}

async fn run(mut rx: mpsc::UnboundedReceiver<lsp::Uri>, client: Client, state: Arc<Mutex<State>>) {
    let mut published: HashMap<lsp::Uri, Published> = HashMap::new();
    let mut pending: Vec<lsp::Uri> = Vec::new();
    while let Some(uri) = rx.recv().await {
        pending.push(uri);
        let debounce = lock(&state).server_settings.debounce;
        if !debounce.is_zero() {
            let deadline = Instant::now() + debounce;
            loop {
                tokio::select! {
                    next = rx.recv() => match next {
                        Some(uri) => pending.push(uri),
                        None => break,
                    },
                    () = sleep_until(deadline) => break,
                }
            }
        }
        while let Ok(uri) = rx.try_recv() {
            pending.push(uri);
        }
        pending.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        pending.dedup();
        for uri in pending.drain(..) {
            let Some(outgoing) = prepare(&state, &uri, &mut published) else {
                continue;
            };
            if let Some((diagnostics, version)) = outgoing.diagnostics {
                client.publish_diagnostics(uri, diagnostics, version).await;
            }
            if let Some(status) = outgoing.status {
                client.send_notification::<Status>(status).await;
            }
        }
    }
}

/// Computes what to publish for `uri`, or `None` when nothing should be sent.
fn prepare(
    state: &Mutex<State>,
    uri: &lsp::Uri,
    published: &mut HashMap<lsp::Uri, Published>,
) -> Option<Outgoing> {
    let mut state = lock(state);
    let encoding = state.caps.encoding;
    let Some(doc) = state.docs.get_mut(uri) else {
        // Closed: clear what we showed.
        return published.remove(uri).map(|_| Outgoing {
            diagnostics: Some((Vec::new(), None)),
            status: None,
        });
    };
    let last = published.get(uri).cloned();
    if let Some(last) = &last {
        if last.generation == doc.generation && doc.version < last.version {
            return None;
        }
    }
    doc.refresh();
    let checked = doc.analysis().is_some();
    let diagnostics = doc.lsp_diagnostics(uri, encoding);
    let status = status::of(uri, doc, &diagnostics, encoding);
    let status_key = StatusParams {
        version: 0,
        ..status.clone()
    };
    let now = Published {
        generation: doc.generation,
        version: doc.version,
        empty: diagnostics.is_empty(),
        status: Some(status_key),
    };
    let status_changed = last.as_ref().is_none_or(|l| l.status != now.status);
    let (generation, version) = (now.generation, now.version);
    published.insert(uri.clone(), now);
    // A document that is not checked, with nothing shown before: spare the client a message
    // per keystroke. A checked document gets every version, even when clean.
    let quiet = last
        .as_ref()
        .is_some_and(|last| !checked && last.generation == generation && last.empty);
    Some(Outgoing {
        diagnostics: (!quiet).then_some((diagnostics, Some(version))),
        status: (!quiet || status_changed).then_some(status),
    })
}
