//! One client connection: the client's bytes go through [`framing`] to the service, and the
//! session ends when the client says `exit` or closes the input, whatever the service is still
//! working on.
//!
//! - `read_input`, the only reader of the input, decodes it: good messages go to `serve`;
//!   answers to bad frames and to unknown `$/` requests go to `write_output`.
//! - `serve` hands the messages to the service (tower-lsp-server's `LspService`) as its own
//!   request and response values, and the service's answers and requests to the client to
//!   `write_output`, the only writer of the output. It does what tower-lsp-server's `Server`
//!   does, without the `Server`'s reading of the input again: the `Server` would buffer and
//!   parse each frame a second time, and keep its read buffer at the size of the largest frame
//!   (a `didOpen` of a long document) for the rest of the session.
//!
//! `read_input` is the only reader of the input, so it always sees `exit` and the end of the
//! input, even while the service is busy. One handler that never finishes (waiting for an
//! answer the client never sends, say) would keep the session waiting forever. The session
//! ends [`GRACE`] after `exit` or the end of the input instead, whether or not the service has
//! finished; the process exits with 0 if `shutdown` came first, 1 if not (as LSP says for
//! `exit`).
//!
//! `write_output` writes whole frames, so the answers written here and the service's own
//! messages never interleave inside a frame.

use std::time::Duration;

use futures::channel::mpsc as bounded;
use futures::{SinkExt, StreamExt, TryFutureExt};
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ClientSocket;
use tower_service::Service;
use tracing::{debug, error, info, warn};

use super::framing::{self, Decoder, Event, Incoming, Message, INVALID_REQUEST, METHOD_NOT_FOUND};

/// How long the service may take to finish after `exit` or the end of the input.
pub const GRACE: Duration = Duration::from_millis(250);

/// Requests the service works on at once, and requests waiting for one of those places
/// (tower-lsp-server's `Server` defaults).
const CONCURRENCY: usize = 4;
const WAITING_REQUESTS: usize = 100;

/// Frames waiting for the output; when it is full, the service waits and answers to bad
/// frames are dropped (and logged) rather than letting a client that does not read grow memory.
const OUTPUT_QUEUE: usize = 1024;

/// How the input ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    /// `exit` arrived (else: the end of the input).
    pub exit: bool,
    /// `shutdown` arrived before.
    pub shutdown: bool,
}

impl Ending {
    /// The process's exit status: 0 after `shutdown`, 1 without (LSP's rule for `exit`, applied
    /// to a client that vanishes too).
    pub fn code(self) -> u8 {
        u8::from(!self.shutdown)
    }
}

/// Serves `service` to the client on `input`/`output` until it exits.
pub async fn run<I, O, S>(input: I, output: O, service: S, socket: ClientSocket) -> Ending
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
    S: Service<Request, Response = Option<Response>> + Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S::Future: Send,
{
    let (messages_tx, messages_rx) = mpsc::unbounded_channel();
    let (frames_tx, frames_rx) = mpsc::channel(OUTPUT_QUEUE);
    let (ended_tx, ended_rx) = oneshot::channel();

    let answers = frames_tx.clone();
    let reader = async move {
        let ending = read_input(input, messages_tx, answers).await;
        let _ = ended_tx.send(ending);
        ending
    };
    let work = async {
        let (ending, ..) = tokio::join!(
            reader,
            serve(messages_rx, frames_tx, service, socket),
            write_output(frames_rx, output),
        );
        ending
    };
    let deadline = async {
        match ended_rx.await {
            Ok(ending) => {
                tokio::time::sleep(GRACE).await;
                ending
            }
            // The reader is gone without an ending only when `work` is done.
            Err(_) => std::future::pending().await,
        }
    };
    let ending = tokio::select! {
        ending = work => ending,
        ending = deadline => {
            info!("the server was still busy {GRACE:?} after the client left: stopped it");
            ending
        }
    };
    info!(
        "session ended by {} {} shutdown",
        if ending.exit {
            "exit"
        } else {
            "the end of the input"
        },
        if ending.shutdown { "after" } else { "without" },
    );
    ending
}

/// Hands the client's messages to `service` until they end or `exit` is handed on, and the
/// service's answers and its requests to the client to `output`; returns when the service has
/// answered every request it was handed.
async fn serve<S>(
    mut messages: mpsc::UnboundedReceiver<Message>,
    output: mpsc::Sender<Vec<u8>>,
    mut service: S,
    socket: ClientSocket,
) where
    S: Service<Request, Response = Option<Response>> + Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S::Future: Send,
{
    let (requests_to_client, mut responses_from_client) = socket.split();
    let (requests_to_client, stop_requests) = futures::stream::abortable(requests_to_client);
    let (mut tasks_tx, tasks_rx) = bounded::channel(WAITING_REQUESTS);

    let answers = output.clone();
    let answer = async move {
        let mut answered = tasks_rx.buffer_unordered(CONCURRENCY);
        while let Some(response) = answered.next().await {
            if let Some(response) = response {
                send(&answers, &response).await;
            }
        }
    };
    let requests = output.clone();
    let ask = async move {
        let mut requests_to_client = requests_to_client;
        while let Some(request) = requests_to_client.next().await {
            send(&requests, &request).await;
        }
    };
    let read = async move {
        while let Some(message) = messages.recv().await {
            let exit = message.method() == Some("exit");
            let id = message.id().cloned().unwrap_or_default();
            match message.into_jsonrpc() {
                Ok(Incoming::Request(request)) => {
                    let ready = std::future::poll_fn(|cx| service.poll_ready(cx)).await;
                    if let Err(err) = ready {
                        error!("the service stopped: {}", err.into());
                        break;
                    }
                    let task = service.call(request).unwrap_or_else(|err| {
                        error!("the service failed: {}", err.into());
                        None
                    });
                    if tasks_tx.send(task).await.is_err() || exit {
                        break;
                    }
                }
                Ok(Incoming::Response(response)) => {
                    if responses_from_client.send(response).await.is_err() {
                        error!("the service no longer takes the client's responses");
                        break;
                    }
                }
                // The decoder lets through only what these types read: not expected.
                Err(err) => {
                    warn!("a message the service cannot read: {err}");
                    let answer =
                        framing::error_answer(&id, INVALID_REQUEST, "Invalid request", None);
                    let _ = output.send(answer).await;
                }
            }
        }
        tasks_tx.disconnect();
        stop_requests.abort();
    };
    tokio::join!(read, answer, ask);
    debug!("the service stopped");
}

/// `message` framed for the output; a message that cannot be written is logged and dropped.
async fn send(output: &mpsc::Sender<Vec<u8>>, message: &impl Serialize) {
    match serde_json::to_vec(message) {
        Ok(body) => {
            let _ = output.send(framing::frame(&body)).await;
        }
        Err(err) => error!("an answer could not be written: {err}"),
    }
}

/// Reads the client's input to its end or to `exit`: good messages go to the service
/// (`to_service`), answers to bad frames to the output (`answers`).
async fn read_input<I: AsyncRead + Unpin>(
    mut input: I,
    to_service: mpsc::UnboundedSender<Message>,
    answers: mpsc::Sender<Vec<u8>>,
) -> Ending {
    let mut decoder = Decoder::default();
    let mut chunk = vec![0; 1 << 16];
    let mut shutdown = false;
    let answer = |frame: Vec<u8>| {
        if answers.try_send(frame).is_err() {
            warn!("the client is not reading: an error answer was dropped");
        }
    };
    loop {
        while let Some(event) = decoder.next_event() {
            let message = match event {
                Event::Message(message) => message,
                Event::Rejected(rejection) => {
                    warn!(
                        "malformed input, answered {} (id {}): {}",
                        rejection.code, rejection.id, rejection.reason
                    );
                    answer(rejection.answer());
                    continue;
                }
            };
            match message.method() {
                Some("exit") => {
                    let _ = to_service.send(message);
                    return Ending {
                        exit: true,
                        shutdown,
                    };
                }
                Some("shutdown") if message.is_request() => shutdown = true,
                // LSP: a `$/` request the server does not know gets MethodNotFound (the
                // service answers none; it ignores unknown `$/` notifications, as it should).
                Some(method) if method.starts_with("$/") && message.is_request() => {
                    debug!("unknown request {method}: MethodNotFound");
                    let id = message.id().cloned().unwrap_or_default();
                    let data = Some(serde_json::Value::from(method));
                    answer(framing::error_answer(
                        &id,
                        METHOD_NOT_FOUND,
                        "Method not found",
                        data,
                    ));
                    continue;
                }
                _ => {}
            }
            let _ = to_service.send(message);
        }
        match input.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) => decoder.push(&chunk[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => {
                warn!("reading the input failed: {err}");
                break;
            }
        }
    }
    if let Some(leftover) = decoder.finish() {
        warn!("{leftover}");
    }
    Ending {
        exit: false,
        shutdown,
    }
}

/// Writes each frame whole, flushed. After a write error (the client is gone) the frames are
/// dropped, so no sender ever waits on a dead output.
async fn write_output<O: AsyncWrite>(mut frames: mpsc::Receiver<Vec<u8>>, output: O) {
    let mut output = std::pin::pin!(output);
    let mut broken = false;
    while let Some(frame) = frames.recv().await {
        if broken {
            continue;
        }
        let written = async {
            output.write_all(&frame).await?;
            output.flush().await
        };
        if let Err(err) = written.await {
            warn!("writing to the client failed ({err}): dropping the output from now on");
            broken = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tower_lsp_server::LspService;

    use super::*;

    /// The server, except that `test/stall` never finishes: a handler stuck for good.
    struct Stall<S>(S);

    type Answer<E> = Pin<Box<dyn Future<Output = Result<Option<Response>, E>> + Send>>;

    impl<S> Service<Request> for Stall<S>
    where
        S: Service<Request, Response = Option<Response>>,
        S::Error: 'static,
        S::Future: Send + 'static,
    {
        type Response = Option<Response>;
        type Error = S::Error;
        type Future = Answer<S::Error>;

        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
            self.0.poll_ready(cx)
        }

        fn call(&mut self, request: Request) -> Self::Future {
            match request.method() {
                "test/stall" => Box::pin(std::future::pending()),
                _ => Box::pin(self.0.call(request)),
            }
        }
    }

    /// With a handler that never finishes, the session still ends [`GRACE`] after `exit` or
    /// the end of the input (tower-lsp-server alone would wait for that handler forever).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_stuck_handler_does_not_keep_the_session_alive() {
        for by_exit in [true, false] {
            let (service, socket) =
                LspService::build(|client| super::super::Backend::new(client, None)).finish();
            let (mut client_write, server_read) = tokio::io::duplex(1 << 16);
            let (server_write, mut client_read) = tokio::io::duplex(1 << 16);
            let session = tokio::spawn(run(server_read, server_write, Stall(service), socket));
            tokio::spawn(async move {
                let mut sink = Vec::new();
                let _ = client_read.read_to_end(&mut sink).await;
            });
            let init =
                r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
            let stall = r#"{"jsonrpc":"2.0","id":2,"method":"test/stall"}"#;
            for body in [init, stall] {
                let frame = framing::frame(body.as_bytes());
                client_write.write_all(&frame).await.unwrap_or_default();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            let t0 = tokio::time::Instant::now();
            if by_exit {
                let exit = framing::frame(br#"{"jsonrpc":"2.0","method":"exit"}"#);
                client_write.write_all(&exit).await.unwrap_or_default();
            } else {
                drop(client_write);
            }
            let ending = tokio::time::timeout(Duration::from_secs(5), session).await;
            let elapsed = t0.elapsed();
            assert!(
                matches!(ending, Ok(Ok(Ending { exit, shutdown: false })) if exit == by_exit),
                "{ending:?}"
            );
            // Ended by the grace period, not by the service, and well within a second.
            assert!(
                elapsed >= GRACE && elapsed < Duration::from_secs(1),
                "{elapsed:?}"
            );
        }
    }

    #[test]
    fn exit_codes_follow_lsp() {
        for exit in [true, false] {
            assert_eq!(
                Ending {
                    exit,
                    shutdown: true
                }
                .code(),
                0
            );
            assert_eq!(
                Ending {
                    exit,
                    shutdown: false
                }
                .code(),
                1
            );
        }
    }
}
