//! One client connection: the client's bytes go through [`framing`] to tower-lsp-server, and
//! the session ends when the client says `exit` or closes the input, whatever the framework
//! is still waiting for.
//!
//! - `read_input`, the only reader of the input, decodes it: good messages go through `forward`
//!   and a pipe to tower-lsp-server; answers to bad frames and to unknown `$/` requests go to
//!   `write_output`.
//! - `pump` reads the framework's output from another pipe and hands on whole frames to
//!   `write_output`, the only writer of the output.
//!
//! `read_input` is the only reader of the input, so it always sees `exit` and the end of the
//! input, even while the framework is busy. tower-lsp-server returns only once every handler
//! has finished, so one handler that never finishes (waiting for an answer the client never
//! sends, say) would keep the process alive forever. The session ends [`GRACE`] after `exit` or
//! the end of the input instead, whether or not the framework has finished; the process exits
//! with 0 if `shutdown` came first, 1 if not (as LSP says for `exit`).
//!
//! `write_output` is the only writer of the output, and it writes whole frames, so the answers
//! written here and the framework's own messages never interleave inside a frame.

use std::time::Duration;

use tokio::io::DuplexStream;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{ClientSocket, Server};
use tower_service::Service;
use tracing::{debug, info, warn};

use super::framing::{self, Decoder, Event, METHOD_NOT_FOUND};

/// How long the framework may take to finish after `exit` or the end of the input.
pub const GRACE: Duration = Duration::from_millis(250);

/// Bytes buffered in each pipe to and from the framework.
const PIPE_SIZE: usize = 1 << 16;

/// Frames waiting for the output; when it is full, the framework waits and answers to bad
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
    let (to_framework, framework_input) = tokio::io::duplex(PIPE_SIZE);
    let (framework_output, from_framework) = tokio::io::duplex(PIPE_SIZE);
    let (messages_tx, messages_rx) = mpsc::unbounded_channel();
    let (frames_tx, frames_rx) = mpsc::channel(OUTPUT_QUEUE);
    let (ended_tx, ended_rx) = oneshot::channel();

    let answers = frames_tx.clone();
    let reader = async move {
        let ending = read_input(input, messages_tx, answers).await;
        let _ = ended_tx.send(ending);
        ending
    };
    let framework = serve_framework(framework_input, framework_output, service, socket);
    let work = async {
        let (ending, ..) = tokio::join!(
            reader,
            forward(messages_rx, to_framework),
            framework,
            pump(from_framework, frames_tx),
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

async fn serve_framework<S>(
    input: DuplexStream,
    output: DuplexStream,
    service: S,
    socket: ClientSocket,
) where
    S: Service<Request, Response = Option<Response>> + Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S::Future: Send,
{
    Server::new(input, output, socket).serve(service).await;
    debug!("the framework stopped");
}

/// Reads the client's input to its end or to `exit`: good messages go to the framework
/// (`to_framework`), answers to bad frames to the output (`answers`).
async fn read_input<I: AsyncRead + Unpin>(
    mut input: I,
    to_framework: mpsc::UnboundedSender<Vec<u8>>,
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
                    let _ = to_framework.send(message.into_frame());
                    return Ending {
                        exit: true,
                        shutdown,
                    };
                }
                Some("shutdown") if message.is_request() => shutdown = true,
                // LSP: a `$/` request the server does not know gets MethodNotFound (the
                // framework answers none; it ignores unknown `$/` notifications, as it should).
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
            let _ = to_framework.send(message.into_frame());
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

/// Writes the good messages into the framework's input; closes it when they end.
async fn forward(mut messages: mpsc::UnboundedReceiver<Vec<u8>>, mut to_framework: DuplexStream) {
    while let Some(frame) = messages.recv().await {
        if to_framework.write_all(&frame).await.is_err() {
            // The framework stopped reading: it has seen `exit`.
            break;
        }
    }
}

/// Passes the framework's output on, frame by frame.
async fn pump(from_framework: DuplexStream, frames: mpsc::Sender<Vec<u8>>) {
    let mut reader = BufReader::new(from_framework);
    loop {
        match read_frame(&mut reader).await {
            Ok(Some(frame)) => {
                if frames.send(frame).await.is_err() {
                    return;
                }
            }
            Ok(None) => return,
            Err(err) => {
                warn!("unreadable output from the framework: {err}");
                return;
            }
        }
    }
}

/// One frame as the framework writes it (`Content-Length: N\r\n\r\n` and N bytes); `None` at
/// the end.
async fn read_frame<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut frame = Vec::new();
    let mut length = None;
    loop {
        let start = frame.len();
        if reader.read_until(b'\n', &mut frame).await? == 0 {
            return match frame.is_empty() {
                true => Ok(None),
                false => Err(std::io::ErrorKind::UnexpectedEof.into()),
            };
        }
        let line = &frame[start..];
        if line == b"\r\n" {
            break;
        }
        if let Some(value) = line.strip_prefix(b"Content-Length: ") {
            length = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok());
        }
    }
    let Some(length) = length else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "a frame without Content-Length",
        ));
    };
    let header = frame.len();
    frame.resize(header + length, 0);
    reader.read_exact(&mut frame[header..]).await?;
    Ok(Some(frame))
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
            // Ended by the grace period, not by the framework, and well within a second.
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

    #[tokio::test]
    async fn framework_frames_pass_whole() {
        let (mut write, read) = tokio::io::duplex(64);
        let (tx, mut rx) = mpsc::channel(8);
        let bodies = ["{\"a\":1}", "{\"b\":\"报告\"}"];
        let writer = async move {
            for body in bodies {
                let frame = framing::frame(body.as_bytes());
                // Byte by byte: the pump must still hand on whole frames.
                for byte in frame {
                    write.write_all(&[byte]).await.unwrap_or_default();
                }
            }
        };
        tokio::join!(writer, pump(read, tx));
        for body in bodies {
            assert_eq!(rx.recv().await, Some(framing::frame(body.as_bytes())));
        }
        assert_eq!(rx.recv().await, None);
    }
}
