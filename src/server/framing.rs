//! Reading LSP frames from an untrusted byte stream: what reaches tower-lsp-server is always a
//! well-formed JSON-RPC 2.0 message, and everything else gets the JSON-RPC answer here.
//!
//! tower-lsp-server stops reading its input — and so the server exits — at the first frame it
//! cannot decode. [`Decoder`] sits in front of it. It reads `Content-Length` frames, checks that
//! each body is UTF-8 JSON and a JSON-RPC 2.0 request, notification or response, and turns a
//! frame that is not into a [`Rejection`]: `-32700` (parse error: bad header, bad length, not
//! UTF-8, not JSON) with id `null`, or `-32600` (invalid request: JSON but not JSON-RPC 2.0) with
//! the request's id when it has a usable one. Then it goes on with the next frame.
//!
//! After a bad frame the decoder resynchronises on the next `Content-Length: N` header line
//! (either spelling, `Content-Length` or `content-length`), dropping the bytes before it
//! without another answer. A frame whose `Content-Length` runs past the start of the next frame
//! is cut short there: valid JSON never holds a raw line break right after the bare text
//! `Content-Length: N`, so such a body cannot be a message and waiting for the rest of it would
//! swallow the frames that follow.
//!
//! The decoder is a pure state machine (bytes in with [`Decoder::push`], events out with
//! [`Decoder::next_event`]): where the input is cut into chunks changes nothing but when an
//! event comes out, so it is tested and fuzzed without any I/O.

use memchr::memmem;
use serde_json::{json, Map, Value};
use tower_lsp_server::jsonrpc::{Request, Response};

/// JSON-RPC's "Parse error".
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC's "Invalid Request".
pub const INVALID_REQUEST: i64 = -32600;
/// JSON-RPC's "Method not found".
pub const METHOD_NOT_FOUND: i64 = -32601;

/// The longest header block read: LSP headers are two short lines.
const MAX_HEADER: usize = 4096;
/// The largest `Content-Length` accepted, far above any report.
const MAX_BODY: usize = 1 << 30;
/// The length of `Content-Length`.
const NEEDLE_LEN: usize = 14;
/// The most spaces, and the most digits, in a `Content-Length` line that resynchronises.
const MAX_SPACES: usize = 16;
const MAX_DIGITS: usize = 19;

/// What the decoder found in the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A well-formed JSON-RPC 2.0 message.
    Message(Message),
    /// A frame that is not one, to answer with [`Rejection::answer`].
    Rejected(Rejection),
}

/// A JSON-RPC 2.0 message: an object with `"jsonrpc": "2.0"` that is a request (a string
/// `method`, an integer, string or null `id`), a notification (no `id`) or a response (an `id`
/// and one of `result` or `error`), with `params`, if any, an object, an array or null.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    object: Map<String, Value>,
}

impl Message {
    /// The method of a request or notification; `None` for a response.
    pub fn method(&self) -> Option<&str> {
        self.object.get("method").and_then(Value::as_str)
    }

    /// The id of a request or response; `None` for a notification.
    pub fn id(&self) -> Option<&Value> {
        self.object.get("id")
    }

    /// A request: a method and an id.
    pub fn is_request(&self) -> bool {
        self.method().is_some() && self.id().is_some()
    }

    /// The message as the framework's request or response, its strings moved rather than
    /// copied (a `didOpen` carries the whole document). What the framework gets can differ from
    /// what the client sent only in spelling (no duplicate keys).
    pub fn into_jsonrpc(self) -> Result<Incoming, serde_json::Error> {
        let is_response = self.method().is_none();
        let value = Value::Object(self.object);
        if is_response {
            serde_json::from_value(value).map(Incoming::Response)
        } else {
            serde_json::from_value(value).map(Incoming::Request)
        }
    }
}

/// A [`Message`] in the framework's types.
#[derive(Debug)]
pub enum Incoming {
    /// A request or notification for the server.
    Request(Request),
    /// The client's answer to a request of the server.
    Response(Response),
}

/// A frame that is not a JSON-RPC 2.0 message: the error to answer, and why (for the log).
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub code: i64,
    /// The request's id when it could be read, else `null`.
    pub id: Value,
    pub reason: String,
}

impl Rejection {
    fn parse_error(reason: impl Into<String>) -> Rejection {
        Rejection {
            code: PARSE_ERROR,
            id: Value::Null,
            reason: reason.into(),
        }
    }

    fn invalid(id: Value, reason: impl Into<String>) -> Rejection {
        Rejection {
            code: INVALID_REQUEST,
            id,
            reason: reason.into(),
        }
    }

    /// The JSON-RPC error response, framed.
    pub fn answer(&self) -> Vec<u8> {
        let title = if self.code == PARSE_ERROR {
            "Parse error"
        } else {
            "Invalid request"
        };
        error_answer(
            &self.id,
            self.code,
            &format!("{title}: {}", self.reason),
            None,
        )
    }
}

/// A framed JSON-RPC error response.
pub fn error_answer(id: &Value, code: i64, message: &str, data: Option<Value>) -> Vec<u8> {
    let mut error = json!({ "code": code, "message": message });
    if let (Some(data), Some(error)) = (data, error.as_object_mut()) {
        error.insert("data".to_owned(), data);
    }
    let answer = json!({ "jsonrpc": "2.0", "id": id, "error": error });
    frame(answer.to_string().as_bytes())
}

/// `body` behind its `Content-Length` header.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    let mut res = Vec::with_capacity(header.len() + body.len());
    res.extend_from_slice(header.as_bytes());
    res.extend_from_slice(body);
    res
}

/// Splits a byte stream into [`Event`]s.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    /// Where the unread input starts in `buf`.
    pos: usize,
    state: State,
    /// Set by a rejection, cleared by the next good header: the garbage that follows one bad
    /// frame is dropped without answering it again.
    quiet: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum State {
    /// At the start of a header block.
    #[default]
    Header,
    /// In a body of `len` bytes starting at `pos`; no `Content-Length` line starts in the first
    /// `scanned` bytes of it.
    Body { len: usize, scanned: usize },
    /// Looking for the next `Content-Length: N` line.
    Resync,
}

impl Decoder {
    /// Appends input.
    pub fn push(&mut self, bytes: &[u8]) {
        self.compact();
        self.buf.extend_from_slice(bytes);
    }

    /// Drops the input read so far once it is most of the buffer.
    fn compact(&mut self) {
        if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.pos = 0;
            // After a large frame (a `didOpen` of a long document) the buffer would otherwise
            // keep its size, resident, for the rest of the session.
            if self.buf.capacity() > (1 << 20) && self.buf.capacity() > 4 * self.buf.len() {
                self.buf.shrink_to(2 * self.buf.len());
            }
        }
    }

    /// The next event, or `None` until more input arrives.
    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            match self.state {
                State::Header => {
                    let rest = &self.buf[self.pos..];
                    // Line breaks between frames are harmless: skip them.
                    let blank = rest
                        .iter()
                        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                        .count();
                    self.pos += blank;
                    let rest = &self.buf[self.pos..];
                    if rest.is_empty() {
                        return None;
                    }
                    match scan_header(rest) {
                        HeaderScan::Partial => return None,
                        HeaderScan::Complete {
                            len,
                            content_length,
                        } => {
                            self.pos += len;
                            self.quiet = false;
                            self.state = State::Body {
                                len: content_length,
                                scanned: 0,
                            };
                        }
                        HeaderScan::Invalid(reason) => {
                            // Look for a header after the first byte of this one.
                            self.pos += 1;
                            self.state = State::Resync;
                            if let Some(rejection) = self.reject(Rejection::parse_error(reason)) {
                                return Some(Event::Rejected(rejection));
                            }
                        }
                    }
                }
                State::Body { len, scanned } => {
                    let available = self.buf.len() - self.pos;
                    if available < len {
                        // The body is not all here: give up on it now if the next frame has
                        // already started inside it.
                        let body = &self.buf[self.pos..];
                        match find_length_line(body, scanned) {
                            Search::Found(at) => {
                                self.pos += at;
                                self.state = State::Header;
                                let rejection = Rejection::parse_error(format!(
                                    "the body is shorter than its Content-Length ({len}): the \
                                     next frame starts {at} bytes into it"
                                ));
                                if let Some(rejection) = self.reject(rejection) {
                                    return Some(Event::Rejected(rejection));
                                }
                                continue;
                            }
                            Search::NotYet(at) => {
                                self.state = State::Body { len, scanned: at };
                                return None;
                            }
                        }
                    }
                    let body = &self.buf[self.pos..self.pos + len];
                    match validate(body) {
                        Ok(message) => {
                            self.pos += len;
                            self.state = State::Header;
                            if len > (1 << 20) {
                                // The message holds its own copy: the body's bytes need not
                                // stay while the server works on it.
                                self.compact();
                            }
                            return Some(Event::Message(message));
                        }
                        Err(rejection) => {
                            // The body may hold the start of the next frame (a Content-Length
                            // too long): resynchronise from the body's start.
                            self.state = State::Resync;
                            if let Some(rejection) = self.reject(rejection) {
                                return Some(Event::Rejected(rejection));
                            }
                        }
                    }
                }
                State::Resync => {
                    let rest = &self.buf[self.pos..];
                    match find_length_line(rest, 0) {
                        Search::Found(at) => {
                            self.pos += at;
                            self.state = State::Header;
                        }
                        Search::NotYet(at) => {
                            self.pos += at;
                            return None;
                        }
                    }
                }
            }
        }
    }

    /// The rejection to answer, unless it only continues garbage already answered.
    fn reject(&mut self, rejection: Rejection) -> Option<Rejection> {
        let quiet = std::mem::replace(&mut self.quiet, true);
        (!quiet).then_some(rejection)
    }

    /// At the end of the input: a description of an unfinished frame left over, if any.
    pub fn finish(&self) -> Option<String> {
        let rest = &self.buf[self.pos..];
        if rest.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(match self.state {
            State::Body { len, .. } => format!(
                "the input ended inside a body: {} of {len} bytes",
                rest.len()
            ),
            State::Header | State::Resync => {
                format!(
                    "the input ended inside a header or garbage ({} bytes)",
                    rest.len()
                )
            }
        })
    }
}

enum HeaderScan {
    /// More bytes are needed to tell.
    Partial,
    /// A header block of `len` bytes (its blank line included).
    Complete {
        len: usize,
        content_length: usize,
    },
    Invalid(String),
}

/// Reads the header block at the start of `rest`. Once this says `Invalid` or `Complete`, more
/// bytes never change the answer, so the decoder's events do not depend on how the input is
/// cut into chunks.
fn scan_header(rest: &[u8]) -> HeaderScan {
    let mut content_length = None;
    let mut at = 0;
    loop {
        let Some(end) = memmem::find(&rest[at..], b"\r\n").map(|i| at + i) else {
            if rest.len() > MAX_HEADER {
                return HeaderScan::Invalid(format!("no header ends in {MAX_HEADER} bytes"));
            }
            return match header_line(&rest[at..], false) {
                Ok(_) => HeaderScan::Partial,
                Err(reason) => HeaderScan::Invalid(reason),
            };
        };
        if end + 2 > MAX_HEADER {
            return HeaderScan::Invalid(format!("no header ends in {MAX_HEADER} bytes"));
        }
        let line = &rest[at..end];
        if line.is_empty() {
            return match content_length {
                Some(content_length) => HeaderScan::Complete {
                    len: end + 2,
                    content_length,
                },
                None => HeaderScan::Invalid("a header without Content-Length".to_owned()),
            };
        }
        match header_line(line, true) {
            Ok(Some((name, value))) if name.eq_ignore_ascii_case(b"content-length") => {
                let n = match parse_length(value) {
                    Ok(n) => n,
                    Err(reason) => return HeaderScan::Invalid(reason),
                };
                if content_length.is_some_and(|m| m != n) {
                    return HeaderScan::Invalid("two different Content-Length values".to_owned());
                }
                content_length = Some(n);
            }
            // `Content-Type` says UTF-8 JSON (the only kind there is); others mean nothing.
            Ok(_) => {}
            Err(reason) => return HeaderScan::Invalid(reason),
        }
        at = end + 2;
    }
}

/// A header's name and value.
type Header<'a> = (&'a [u8], &'a [u8]);

/// Checks one header line, `name: value`, without its `\r\n` (`complete`) or the start of one,
/// which may end in the `\r` of its `\r\n`. Returns the name and value once the colon is there.
fn header_line(line: &[u8], complete: bool) -> Result<Option<Header<'_>>, String> {
    let line = match complete {
        true => line,
        false => line.strip_suffix(b"\r").unwrap_or(line),
    };
    if find_needle(line, 1).is_some() {
        return Err(format!(
            "Content-Length in the middle of a header line: {}",
            shown(line)
        ));
    }
    let colon = line.iter().position(|&b| b == b':');
    let name = &line[..colon.unwrap_or(line.len())];
    if !name.iter().all(|&b| is_token(b)) {
        return Err(format!("not a header line: {}", shown(line)));
    }
    let Some(colon) = colon else {
        return match complete {
            true => Err(format!("a header line without ':': {}", shown(line))),
            false => Ok(None),
        };
    };
    if name.is_empty() {
        return Err(format!("a header line without a name: {}", shown(line)));
    }
    let value = &line[colon + 1..];
    if value.iter().any(|&b| b != b'\t' && (b < 0x20 || b == 0x7f)) {
        return Err(format!("a control character in a header: {}", shown(line)));
    }
    Ok(Some((name, value)))
}

/// A `Content-Length` value: decimal digits, at most [`MAX_BODY`].
fn parse_length(value: &[u8]) -> Result<usize, String> {
    let digits = value.trim_ascii();
    let bad = || {
        format!(
            "Content-Length is not a length of at most {MAX_BODY} bytes: {}",
            shown(value)
        )
    };
    if digits.is_empty() || digits.len() > MAX_DIGITS || !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let n = digits
        .iter()
        .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
    usize::try_from(n)
        .ok()
        .filter(|&n| n <= MAX_BODY)
        .ok_or_else(bad)
}

/// An HTTP token character (header names).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// At most 80 bytes of `bytes`, for a message.
fn shown(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(80)];
    let more = if cut.len() < bytes.len() { "…" } else { "" };
    format!("{:?}{more}", String::from_utf8_lossy(cut))
}

/// The first `Content-Length`/`content-length` in `hay` at or after `from`.
fn find_needle(hay: &[u8], from: usize) -> Option<usize> {
    let hay = hay.get(from..)?;
    let upper = memmem::find(hay, b"Content-Length");
    let lower = memmem::find(hay, b"content-length");
    let first = match (upper, lower) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(from + first)
}

enum Search {
    /// A `Content-Length: N` line starts here.
    Found(usize),
    /// None before this offset; look again from here when more bytes arrive.
    NotYet(usize),
}

/// The first whole `Content-Length: N` line (optional blanks around `N`, then `\r\n`) that
/// starts at or after `from` in `hay`.
fn find_length_line(hay: &[u8], from: usize) -> Search {
    let mut from = from;
    while let Some(at) = find_needle(hay, from) {
        match length_line_at(&hay[at + NEEDLE_LEN..]) {
            Some(true) => return Search::Found(at),
            Some(false) => from = at + 1,
            None => return Search::NotYet(at),
        }
    }
    Search::NotYet(from.max(hay.len().saturating_sub(NEEDLE_LEN - 1)))
}

/// Whether `rest`, what follows a `Content-Length`, is `: N\r\n`; `None` until enough bytes
/// are there to tell.
fn length_line_at(rest: &[u8]) -> Option<bool> {
    let mut i = 0;
    let at = |i: usize| rest.get(i).copied();
    if at(i)? != b':' {
        return Some(false);
    }
    i += 1;
    let blanks = |i: &mut usize| -> Option<bool> {
        let start = *i;
        while matches!(at(*i)?, b' ' | b'\t') {
            *i += 1;
            if *i - start > MAX_SPACES {
                return Some(false);
            }
        }
        Some(true)
    };
    if !blanks(&mut i)? {
        return Some(false);
    }
    let start = i;
    while at(i)?.is_ascii_digit() {
        i += 1;
        if i - start > MAX_DIGITS {
            return Some(false);
        }
    }
    if i == start || !blanks(&mut i)? {
        return Some(false);
    }
    if at(i)? != b'\r' {
        return Some(false);
    }
    Some(at(i + 1)? == b'\n')
}

/// A body as a [`Message`], or why it is not one.
fn validate(body: &[u8]) -> Result<Message, Rejection> {
    let text = std::str::from_utf8(body).map_err(|err| {
        Rejection::parse_error(format!(
            "the body is not UTF-8 (bad byte at {})",
            err.valid_up_to()
        ))
    })?;
    let value: Value = serde_json::from_str(text)
        .map_err(|err| Rejection::parse_error(format!("the body is not JSON: {err}")))?;
    let object = match value {
        Value::Object(object) => object,
        Value::Array(_) => {
            return Err(Rejection::invalid(
                Value::Null,
                "a batch (JSON array): LSP sends one message per frame",
            ))
        }
        other => {
            return Err(Rejection::invalid(
                Value::Null,
                format!("not a JSON object: {}", shown(other.to_string().as_bytes())),
            ))
        }
    };
    check_message(&object)?;
    Ok(Message { object })
}

/// A usable id: an integer (as the framework reads ids: 64 bits, signed), a string or null.
fn valid_id(id: &Value) -> bool {
    match id {
        Value::Null | Value::String(_) => true,
        Value::Number(n) => n.as_i64().is_some(),
        _ => false,
    }
}

/// Checks the JSON-RPC 2.0 shape.
fn check_message(object: &Map<String, Value>) -> Result<(), Rejection> {
    let method = object.get("method");
    let id = object.get("id");
    // Only a request's id is echoed: a broken response's id names one of the client's own
    // requests, which this error does not answer.
    let answer_id = match (method, id) {
        (Some(Value::String(_)), Some(id)) if valid_id(id) => id.clone(),
        _ => Value::Null,
    };
    let invalid = |reason: &str| Err(Rejection::invalid(answer_id.clone(), reason));
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid("\"jsonrpc\" must be \"2.0\"");
    }
    if id.is_some_and(|id| !valid_id(id)) {
        return invalid("\"id\" must be an integer, a string or null");
    }
    match method {
        Some(Value::String(_)) => {
            let params = object.get("params");
            if params
                .is_some_and(|p| !matches!(p, Value::Object(_) | Value::Array(_) | Value::Null))
            {
                return invalid("\"params\" must be an object or an array");
            }
            if object.contains_key("result") || object.contains_key("error") {
                return invalid("a request or notification with \"result\" or \"error\"");
            }
            Ok(())
        }
        Some(_) => invalid("\"method\" must be a string"),
        None if id.is_none() => {
            invalid("neither a request (no \"method\") nor a response (no \"id\")")
        }
        None => match (object.get("result"), object.get("error")) {
            (Some(_), None) => Ok(()),
            (None, Some(error)) => {
                let code = error.get("code").and_then(Value::as_i64);
                let message = error.get("message").and_then(Value::as_str);
                if code.is_some() && message.is_some() {
                    Ok(())
                } else {
                    invalid("an \"error\" without an integer \"code\" and a string \"message\"")
                }
            }
            (Some(_), Some(_)) => invalid("a response with both \"result\" and \"error\""),
            (None, None) => invalid("a response with neither \"result\" nor \"error\""),
        },
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What an event says, without the wording of a rejection's reason.
    #[derive(Debug, Clone, PartialEq)]
    enum Seen {
        Message(Value),
        Rejected(i64, Value),
    }

    /// The events of `stream` cut into chunks of the given sizes (repeated; the rest at once).
    fn events(stream: &[u8], chunks: &[usize]) -> Vec<Seen> {
        let mut decoder = Decoder::default();
        let mut res = Vec::new();
        let mut rest = stream;
        let mut sizes = chunks.iter().cycle();
        while !rest.is_empty() {
            let n = sizes.next().map_or(rest.len(), |&n| n.clamp(1, rest.len()));
            decoder.push(&rest[..n]);
            rest = &rest[n..];
            while let Some(event) = decoder.next_event() {
                res.push(seen(event));
            }
        }
        res
    }

    fn seen(event: Event) -> Seen {
        match event {
            Event::Message(message) => {
                // Whatever passes must be what the framework can read.
                let framework_reads = message.clone().into_jsonrpc();
                assert!(framework_reads.is_ok(), "{message:?}: {framework_reads:?}");
                Seen::Message(Value::Object(message.object))
            }
            Event::Rejected(rejection) => Seen::Rejected(rejection.code, rejection.id),
        }
    }

    /// The events of `stream` read at once, checked to be the same read byte by byte.
    fn decode(stream: &[u8]) -> Vec<Seen> {
        let whole = events(stream, &[]);
        assert_eq!(events(stream, &[1]), whole, "byte by byte");
        whole
    }

    fn framed(body: &str) -> Vec<u8> {
        frame(body.as_bytes())
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#;

    fn ping() -> Seen {
        Seen::Message(json!({"jsonrpc": "2.0", "id": 7, "method": "ping"}))
    }

    fn parse_error() -> Seen {
        Seen::Rejected(PARSE_ERROR, Value::Null)
    }

    /// `bad` then a good frame: exactly `expected`, then the good frame's message.
    #[track_caller]
    fn then_ping(bad: &[u8], expected: &[Seen]) {
        let mut stream = bad.to_vec();
        stream.extend(framed(PING));
        let mut want = expected.to_vec();
        want.push(ping());
        assert_eq!(decode(&stream), want, "{:?}", String::from_utf8_lossy(bad));
    }

    #[test]
    fn well_formed_messages_pass_in_any_chunks() {
        let bodies = [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"shutdown","params":null}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"x","params":[1,2]}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":[{"ogiLint":{}}]}"#,
            r#"{"jsonrpc":"2.0","id":4,"error":{"code":-32603,"message":"no","data":1}}"#,
            concat!(
                r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","#,
                r#""params":{"textDocument":{"text":"报告😀 Content-Length: 5 \r\n"}}}"#
            ),
        ];
        let stream: Vec<u8> = bodies.iter().flat_map(|b| framed(b)).collect();
        let expected: Vec<Seen> = bodies
            .iter()
            .map(|b| Seen::Message(serde_json::from_str(b).unwrap_or_default()))
            .collect();
        for chunk in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(events(&stream, &[chunk]), expected, "chunks of {chunk}");
        }
    }

    #[test]
    fn header_variants_that_are_fine() {
        // Either spelling, blanks around the number, a Content-Type, blank lines between frames.
        let body = PING;
        let n = body.len();
        for header in [
            format!("content-length: {n}\r\n\r\n"),
            format!("Content-Length:{n} \r\n\r\n"),
            format!("Content-Type: application/vscode-jsonrpc\r\nContent-Length: {n}\r\n\r\n"),
            format!("Content-Length: {n}\r\nContent-Length: {n}\r\n\r\n"),
            format!("\r\n\n  Content-Length: {n}\r\n\r\n"),
        ] {
            let stream = [header.as_bytes(), body.as_bytes()].concat();
            assert_eq!(decode(&stream), vec![ping()], "{header:?}");
        }
    }

    #[test]
    fn bodies_that_are_not_json_are_parse_errors() {
        then_ping(&framed("{not json"), &[parse_error()]);
        then_ping(&framed(""), &[parse_error()]);
        then_ping(&framed("   "), &[parse_error()]);
        then_ping(
            &frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\xfe\"}"),
            &[parse_error()],
        );
        // Deeper than serde_json's recursion limit: an error, not a stack overflow.
        then_ping(&framed(&"[".repeat(100_000)), &[parse_error()]);
    }

    #[test]
    fn json_that_is_not_json_rpc_is_an_invalid_request() {
        let invalid = |id: Value| Seen::Rejected(INVALID_REQUEST, id);
        let cases = [
            (r#"{"jsonrpc":"1.0","id":5,"method":"x"}"#, json!(5)),
            (r#"{"id":"five","method":"x"}"#, json!("five")),
            (r#"{"jsonrpc":2.0,"id":5,"method":"x"}"#, json!(5)),
            (
                r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#,
                Value::Null,
            ),
            (r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#,
                Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":5,"method":"x","params":3}"#,
                json!(5),
            ),
            (
                r#"{"jsonrpc":"2.0","id":5,"method":"x","result":3}"#,
                json!(5),
            ),
            (r#"{"jsonrpc":"2.0","id":5,"method":7}"#, Value::Null),
            (r#"[{"jsonrpc":"2.0","id":5,"method":"x"}]"#, Value::Null),
            ("[]", Value::Null),
            ("{}", Value::Null),
            ("3", Value::Null),
            (r#""x""#, Value::Null),
            (r#"{"jsonrpc":"2.0"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":5}"#, Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":5,"result":1,"error":{"code":1,"message":"m"}}"#,
                Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":5,"error":{"code":1.5,"message":"m"}}"#,
                Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":5,"error":{"code":1}}"#,
                Value::Null,
            ),
            (r#"{"jsonrpc":"2.0","id":5,"error":"bad"}"#, Value::Null),
        ];
        for (body, id) in cases {
            then_ping(&framed(body), &[invalid(id)]);
        }
    }

    #[test]
    fn bad_headers_are_parse_errors() {
        let body = r#"{"jsonrpc":"2.0","method":"x"}"#;
        for header in [
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".to_owned(),
            "Content-Length: -5\r\n\r\n".to_owned(),
            "Content-Length: +30\r\n\r\n".to_owned(),
            "Content-Length: abc\r\n\r\n".to_owned(),
            "Content-Length: 0x1e\r\n\r\n".to_owned(),
            "Content-Length: \r\n\r\n".to_owned(),
            "Content-Length: 99999999999999999999999\r\n\r\n".to_owned(),
            format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1),
            "Content-Length 30\r\n\r\n".to_owned(),
            "Content-Length: 30\r\nX-Note: a\x01b\r\n\r\n".to_owned(),
        ] {
            let bad = [header.as_bytes(), body.as_bytes()].concat();
            then_ping(&bad, &[parse_error()]);
        }
        // Two lengths: an error, then the frame is read again from the second length, which
        // is wrong by one byte here: a second error.
        let bad = [
            b"Content-Length: 30\r\nContent-Length: 31\r\n\r\n".as_slice(),
            body.as_bytes(),
        ]
        .concat();
        then_ping(&bad, &[parse_error(), parse_error()]);
        // A header line longer than any header block: dropped, and the frame after it read.
        let bad = [
            format!(
                "X-Long: {}\r\nContent-Length: 30\r\n\r\n",
                "a".repeat(MAX_HEADER)
            )
            .as_bytes(),
            body.as_bytes(),
        ]
        .concat();
        let x = Seen::Message(serde_json::from_str(body).unwrap_or_default());
        then_ping(&bad, &[parse_error(), x]);
    }

    #[test]
    fn a_short_content_length_is_one_parse_error() {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":"bcdef"}}"#;
        for short in [0, 1, 10, body.len() - 1] {
            let bad = [
                format!("Content-Length: {short}\r\n\r\n").as_bytes(),
                body.as_bytes(),
            ]
            .concat();
            then_ping(&bad, &[parse_error()]);
        }
    }

    #[test]
    fn a_long_content_length_stops_at_the_next_frame() {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;
        // Longer by a few bytes (the next frame completes it), or by far more than follows
        // (it would never complete): either way, the next frame is read.
        for long in [body.len() + 1, body.len() + 20, body.len() + 100_000] {
            let bad = [
                format!("Content-Length: {long}\r\n\r\n").as_bytes(),
                body.as_bytes(),
            ]
            .concat();
            then_ping(&bad, &[parse_error()]);
        }
    }

    #[test]
    fn garbage_between_frames_is_one_parse_error_each_time() {
        let garbage: [&[u8]; 8] = [
            b"hello",
            b"\x00\xff\xfe garbage \r\n\r\n more",
            b"Content-Len",
            b"xContent-Length: 12",
            b"Content-Length: 5\r\nX-Y: ",
            b"Content-Length: 5\r\n\r",
            b"{\"jsonrpc\":\"2.0\",\"method\":\"x\"}",
            b"Content-Length: 3\r\n\r\nab",
        ];
        for bad in garbage {
            then_ping(bad, &[parse_error()]);
            // Twice in a row, with a good frame between: answered both times.
            let mut stream = bad.to_vec();
            stream.extend(framed(PING));
            stream.extend(bad);
            stream.extend(framed(PING));
            assert_eq!(
                decode(&stream),
                vec![parse_error(), ping(), parse_error(), ping()],
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn leftovers_are_reported_at_the_end() {
        let mut decoder = Decoder::default();
        decoder.push(&framed(PING));
        assert!(decoder.next_event().is_some());
        assert_eq!(decoder.finish(), None);
        decoder.push(b"\r\nContent-Length: 50\r\n\r\n{\"js");
        assert_eq!(decoder.next_event(), None);
        assert!(decoder.finish().is_some_and(|m| m.contains("4 of 50")));
    }

    #[test]
    fn answers_are_json_rpc_error_responses() {
        let rejection = Rejection::invalid(json!(5), "\"jsonrpc\" must be \"2.0\"");
        let answer = rejection.answer();
        let body = &answer[memmem::find(&answer, b"\r\n\r\n").unwrap_or_default() + 4..];
        assert!(answer.starts_with(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()));
        let value: Value = serde_json::from_slice(body).unwrap_or_default();
        assert_eq!(value["id"], 5);
        assert_eq!(value["error"]["code"], INVALID_REQUEST);
        assert!(value["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Invalid request: ")));
        let response: Result<Response, _> = serde_json::from_slice(body);
        assert!(response.is_ok_and(|r| r.is_error()));
    }

    /// Pieces of a hostile stream: good frames, frames with a wrong length or cut short,
    /// bytes of any kind, and bytes drawn from what headers are made of.
    fn piece() -> impl Strategy<Value = Vec<u8>> {
        let message = (0..4usize, any::<i32>()).prop_map(|(kind, id)| {
            let body = match kind {
                0 => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                            "params": {"position": {"line": 0, "character": 1}}}),
                1 => json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                            "params": {"contentChanges": [{"text": "一、总体情况\r\n"}]}}),
                2 => json!({"jsonrpc": "2.0", "id": id, "result": null}),
                _ => json!({"jsonrpc": "2.0", "id": 1, "method": "x", "params": "scalar"}),
            };
            body.to_string().into_bytes()
        });
        let header_bytes = prop::sample::select(b"Content-Length: 0123456789\r\n{}\"x".to_vec());
        prop_oneof![
            message.clone().prop_map(|b| frame(&b)),
            (message.clone(), -40i64..40).prop_map(|(b, delta)| {
                let n = (b.len() as i64 + delta).max(0);
                [format!("Content-Length: {n}\r\n\r\n").into_bytes(), b].concat()
            }),
            (message, any::<prop::sample::Index>()).prop_map(|(b, cut)| {
                let f = frame(&b);
                f[..cut.index(f.len())].to_vec()
            }),
            prop::collection::vec(any::<u8>(), 0..48),
            prop::collection::vec(header_bytes, 0..48),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever comes first, however it is cut: the events do not depend on the cuts, and a
        /// good frame at the end is read.
        #[test]
        fn any_stream_in_any_chunks_ends_with_the_good_frame(
            pieces in prop::collection::vec(piece(), 0..12),
            chunks in prop::collection::vec(1usize..40, 1..8),
        ) {
            let mut stream: Vec<u8> = pieces.concat();
            stream.extend(framed(PING));
            let whole = events(&stream, &[]);
            prop_assert_eq!(&events(&stream, &chunks), &whole);
            prop_assert_eq!(whole.last(), Some(&ping()));
        }
    }
}
