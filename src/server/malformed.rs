//! Says so when a document notification cannot be read.
//!
//! tower-lsp-server drops a notification whose parameters do not parse without a word: a
//! notification has no response to carry the error. The usual cause is a client sending a
//! document URI that is not percent-encoded (`file:///报告.md`); the writer then sees a document
//! that never gets diagnostics. This wrapper around the service logs such a notification and
//! tells the client (`window/logMessage`), then passes it on unchanged.

use std::task::{Context, Poll};

use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::Client;
use tower_service::Service;
use tracing::warn;

/// The server's service, reporting unreadable document notifications.
pub struct ReportMalformed<S> {
    inner: S,
    client: Client,
}

impl<S> ReportMalformed<S> {
    pub fn new(inner: S, client: Client) -> ReportMalformed<S> {
        ReportMalformed { inner, client }
    }
}

impl<S: Service<Request>> Service<Request> for ReportMalformed<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if let Some(problem) = problem(&request) {
            warn!("{problem}");
            let client = self.client.clone();
            // Outside the service call: the message goes out through the client's own queue.
            tokio::spawn(async move {
                client
                    .log_message(lsp::MessageType::WARNING, format!("ogi-lint: {problem}"))
                    .await;
            });
        }
        self.inner.call(request)
    }
}

/// Why a `textDocument/…` notification will be dropped for its document URI, if it will.
fn problem(request: &Request) -> Option<String> {
    if request.id().is_some() || !request.method().starts_with("textDocument/") {
        return None;
    }
    let uri = request.params()?.get("textDocument")?.get("uri")?;
    let Some(text) = uri.as_str() else {
        return Some(format!(
            "ignored {}: the document URI is not a string ({uri})",
            request.method()
        ));
    };
    match text.parse::<lsp::Uri>() {
        Ok(_) => None,
        Err(err) => Some(format!(
            "ignored {}: {text:?} is not a valid URI ({err}); URIs must be percent-encoded",
            request.method()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(method: &str, uri: serde_json::Value) -> Request {
        Request::build(method.to_string())
            .params(serde_json::json!({ "textDocument": { "uri": uri } }))
            .finish()
    }

    #[test]
    fn flags_unencoded_and_non_string_uris_only() {
        let open = "textDocument/didOpen";
        assert!(problem(&notification(
            open,
            "file:///tmp/%E6%8A%A5%E5%91%8A.md".into()
        ))
        .is_none());
        let raw = problem(&notification(open, "file:///tmp/报告 2021.md".into()));
        assert!(raw.is_some_and(|p| p.contains("didOpen") && p.contains("percent-encoded")));
        assert!(problem(&notification(open, 42.into())).is_some());
        // Not a document notification: left alone.
        assert!(problem(&notification("workspace/didChangeConfiguration", 42.into())).is_none());
    }
}
