//! The JSON wire shape of a diagnostic: the LSP `Diagnostic` plus `file` and `fix`.
//!
//! **Invariant:** this module owns the byte range → LSP range conversion ([`lsp_range`]) for
//! both faces. `check --format json` and the language server's `publishDiagnostics` go through
//! the same function, so one document gives the same numbers both ways.
//!
//! [`PrettyArray`] writes a pretty-printed JSON array one element at a time, byte for byte what
//! serde_json would print for the whole array, so neither the JSON nor the SARIF output ever
//! holds more than one element in memory; [`PrettyArray::push_diagnostic`] writes a finding's
//! object straight from the diagnostic (the same bytes, tested).

use std::io::{self, Write};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analysis::{Diagnostic, Lang, Related};
use crate::files::encoding::Text;
use crate::line_index::{Encoding, LineIndex, Positions};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "ogi-lint";

/// An LSP `Position`: 0-based line, column in the negotiated encoding (UTF-16 by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct JsonPosition {
    pub line: u32,
    pub character: u32,
}

/// An LSP `Range`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonRange {
    pub start: JsonPosition,
    pub end: JsonPosition,
}

/// One edit of a fix, as an LSP `TextEdit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonEdit {
    pub range: JsonRange,
    pub new_text: String,
}

/// A safe fix: a title and the edits that resolve the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFix {
    pub title: String,
    pub edits: Vec<JsonEdit>,
}

/// An LSP `Location`; in the CLI's JSON, `uri` is the file as the user named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonLocation {
    pub uri: String,
    pub range: JsonRange,
}

/// An LSP `DiagnosticRelatedInformation`: another place that takes part in the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonRelated {
    pub location: JsonLocation,
    pub message: String,
}

/// One diagnostic object of the JSON output (README, "Exit codes and output formats").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonDiagnostic {
    /// The file as the user named it (`<stdin>` for standard input); absent in the server.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file: Option<String>,
    pub range: JsonRange,
    /// 1 error, 2 warning, 3 information, 4 hint.
    pub severity: u8,
    pub code: String,
    pub source: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fix: Option<JsonFix>,
    /// As LSP's `relatedInformation`; left out when there is none.
    #[serde(
        rename = "relatedInformation",
        skip_serializing_if = "Vec::is_empty",
        default
    )]
    pub related_information: Vec<JsonRelated>,
    /// The language of `message`, the fix title and the related messages (`zh`, `en`); the
    /// CLI's JSON only (the array has no place for it once).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub language: Option<String>,
}

/// The LSP range (0-based lines, UTF-16 columns) of byte `range` in `text`.
pub fn lsp_range(index: &LineIndex, text: &str, range: Range<usize>) -> JsonRange {
    lsp_range_in(index, text, range, Encoding::Utf16)
}

/// [`lsp_range`] for a client that negotiated another position encoding.
pub fn lsp_range_in(
    index: &LineIndex,
    text: &str,
    range: Range<usize>,
    encoding: Encoding,
) -> JsonRange {
    let to_json = |offset| {
        let position = index.position(text, offset, encoding);
        JsonPosition {
            line: position.line,
            character: position.character,
        }
    };
    JsonRange {
        start: to_json(range.start),
        end: to_json(range.end.max(range.start)),
    }
}

/// Where the positions of one text's byte offsets come from.
#[derive(Clone, Copy)]
pub enum Locator<'a> {
    /// The text's line index: any offset.
    Index(&'a LineIndex, &'a str),
    /// Positions worked out beforehand for the offsets of the findings printed (every offset
    /// [`offsets`] names); any other offset is counted in the text.
    Found(&'a Positions, &'a Text),
}

impl Locator<'_> {
    /// The LSP range (0-based lines, UTF-16 columns) of byte `range`, as [`lsp_range`].
    pub fn range(self, range: Range<usize>) -> JsonRange {
        match self {
            Locator::Index(index, text) => lsp_range(index, text, range),
            Locator::Found(positions, text) => {
                let end = range.end.max(range.start);
                match (positions.get(range.start), positions.get(end)) {
                    (Some(start), Some(end)) => JsonRange {
                        start: JsonPosition {
                            line: start.line,
                            character: start.character,
                        },
                        end: JsonPosition {
                            line: end.line,
                            character: end.character,
                        },
                    },
                    _ => {
                        debug_assert!(false, "{range:?} is not among the offsets worked out");
                        let text = text.as_str();
                        lsp_range(&LineIndex::new(text), text, range)
                    }
                }
            }
        }
    }
}

/// Every byte offset of `diagnostic`'s own text that the JSON and SARIF outputs give a
/// position for: its range, its fix's edits, its related places in the same text.
pub fn offsets(diagnostic: &Diagnostic) -> impl Iterator<Item = usize> + '_ {
    let edits = diagnostic.fix.iter().flat_map(|fix| &fix.edits);
    let related = diagnostic.related.iter().filter(|r| r.document.is_none());
    std::iter::once(&diagnostic.range)
        .chain(edits.map(|edit| &edit.range))
        .chain(related.map(|related| &related.range))
        .flat_map(|range| [range.start, range.end.max(range.start)])
}

/// The related places of `diagnostic` that the outputs name, each with the file it is in
/// (`file` for this text, `elsewhere`'s for last year's report) and where its positions come
/// from; a place in any other document is left out.
pub fn related_places<'a>(
    diagnostic: &'a Diagnostic,
    file: &'a str,
    at: Locator<'a>,
    elsewhere: Option<Elsewhere<'a>>,
) -> impl Iterator<Item = (&'a Related, &'a str, Locator<'a>)> + Clone + 'a {
    diagnostic
        .related
        .iter()
        .filter_map(move |related| match (&related.document, elsewhere) {
            (None, _) => Some((related, file, at)),
            (Some(document), Some(other)) if document == other.document => {
                Some((related, other.file, Locator::Index(other.index, other.text)))
            }
            (Some(_), _) => None,
        })
}

/// Another document a finding's related places may be in (last year's report of the same
/// body): the key its related places carry (`Related::document`), the name the output gives it,
/// its text and line index.
#[derive(Clone, Copy)]
pub struct Elsewhere<'a> {
    pub document: &'a str,
    pub file: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
}

/// The JSON object for `diagnostic` of `text`. `fix` is present only for a safe fix, as
/// the README promises; related places carry the file's name (`<stdin>` for standard input,
/// empty when there is no file); `language` is what the messages are written in, when known.
pub fn to_json(
    file: Option<&str>,
    index: &LineIndex,
    text: &str,
    diagnostic: &Diagnostic,
    language: Option<Lang>,
) -> JsonDiagnostic {
    to_json_with(
        file,
        Locator::Index(index, text),
        diagnostic,
        language,
        None,
    )
}

/// [`to_json`], with related places in another document (`elsewhere`) named by its file; a
/// related place in a document that is not `elsewhere` is left out.
pub fn to_json_with(
    file: Option<&str>,
    at: Locator<'_>,
    diagnostic: &Diagnostic,
    language: Option<Lang>,
    elsewhere: Option<Elsewhere<'_>>,
) -> JsonDiagnostic {
    let fix = diagnostic
        .fix
        .as_ref()
        .filter(|fix| fix.safe)
        .map(|fix| JsonFix {
            title: fix.title.clone(),
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    range: at.range(edit.range.clone()),
                    new_text: edit.new_text.clone(),
                })
                .collect(),
        });
    let related_information = related_places(diagnostic, file.unwrap_or_default(), at, elsewhere)
        .map(|(related, uri, at)| JsonRelated {
            location: JsonLocation {
                uri: uri.to_owned(),
                range: at.range(related.range.clone()),
            },
            message: related.message.clone(),
        })
        .collect();
    JsonDiagnostic {
        file: file.map(str::to_owned),
        range: at.range(diagnostic.range.clone()),
        severity: diagnostic.severity.as_lsp(),
        code: diagnostic.code.as_str().to_owned(),
        source: SOURCE.to_owned(),
        message: diagnostic.message.clone(),
        fix,
        related_information,
        language: language.map(|lang| lang.code().to_owned()),
    }
}

/// The JSON object of an unreadable file: `file`, the rule code, range 0:0 (as the README documents).
pub fn unreadable(
    file: &str,
    severity: crate::analysis::Severity,
    message: &str,
    language: Lang,
) -> JsonDiagnostic {
    let origin = JsonPosition {
        line: 0,
        character: 0,
    };
    JsonDiagnostic {
        file: Some(file.to_owned()),
        range: JsonRange {
            start: origin,
            end: origin,
        },
        severity: severity.as_lsp(),
        code: crate::analysis::RuleCode::UnreadableFile
            .as_str()
            .to_owned(),
        source: SOURCE.to_owned(),
        message: message.to_owned(),
        fix: None,
        related_information: Vec::new(),
        language: Some(language.code().to_owned()),
    }
}

/// A JSON array written element by element, laid out as `serde_json::to_writer_pretty` lays
/// out the whole array when it sits at `indent` spaces: each element on its own lines, two
/// spaces deeper. The caller writes what comes before the `[` and after the `]`.
pub struct PrettyArray {
    indent: usize,
    len: usize,
    /// One element, laid out at its depth, ready to write at once (one write per element: many
    /// small writes cost more than the serialising).
    element: Vec<u8>,
    /// The fixed bytes of the ranges [`PrettyArray::push_diagnostic`] writes, at its depths.
    ranges: RangeTemplates,
    /// The line starts and keys of the members [`PrettyArray::push_diagnostic`] writes.
    heads: MemberHeads,
}

impl PrettyArray {
    /// Writes the `[`.
    pub fn open(out: &mut (impl Write + ?Sized), indent: usize) -> io::Result<PrettyArray> {
        out.write_all(b"[")?;
        Ok(PrettyArray {
            indent,
            len: 0,
            element: Vec::new(),
            ranges: RangeTemplates::new(indent),
            heads: MemberHeads::new(indent),
        })
    }

    pub fn push(
        &mut self,
        out: &mut (impl Write + ?Sized),
        element: &impl Serialize,
    ) -> io::Result<()> {
        let depth = self.start_element();
        let layout = Nested {
            depth,
            has_value: false,
        };
        element.serialize(&mut serde_json::Serializer::with_formatter(
            &mut self.element,
            layout,
        ))?;
        self.len += 1;
        out.write_all(&self.element)
    }

    /// Pushes the object of [`to_json_with`] for these arguments, written straight from the
    /// diagnostic: the same bytes as `push(out, &to_json_with(…))` (a test compares the two on
    /// generated diagnostics), without the owned copy of every string and serde's call per key
    /// (printing the findings that way took a twelfth of a folder check).
    pub fn push_diagnostic(
        &mut self,
        out: &mut (impl Write + ?Sized),
        file: Option<&str>,
        at: Locator<'_>,
        diagnostic: &Diagnostic,
        language: Option<Lang>,
        elsewhere: Option<Elsewhere<'_>>,
    ) -> io::Result<()> {
        let depth = self.start_element();
        let heads = &self.heads;
        let mut object = Object::open(&mut self.element, &self.ranges, depth);
        if let Some(file) = file {
            object.key(&heads.file).string(file);
        }
        let range = at.range(diagnostic.range.clone());
        object.key(&heads.range).range(range);
        object
            .key(&heads.severity)
            .number(diagnostic.severity.as_lsp().into());
        object.key(&heads.code).plain(diagnostic.code.as_str());
        object.key(&heads.source).plain(SOURCE);
        object.key(&heads.message).string(&diagnostic.message);
        if let Some(fix) = diagnostic.fix.as_ref().filter(|fix| fix.safe) {
            let mut fix_object = object.key(&heads.fix).object();
            fix_object.key(&heads.title).string(&fix.title);
            let mut edits = fix_object.key(&heads.edits).array();
            for edit in &fix.edits {
                let mut edit_object = edits.element().object();
                // Most fixes replace the finding's own text: its positions are known.
                let edit_range = if edit.range == diagnostic.range {
                    range
                } else {
                    at.range(edit.range.clone())
                };
                edit_object.key(&heads.edit_range).range(edit_range);
                edit_object.key(&heads.new_text).string(&edit.new_text);
                edit_object.close();
            }
            edits.close();
            fix_object.close();
        }
        // A related place in a document that is not `elsewhere` is left out, as in
        // `to_json_with`; the key only when a place is left.
        let related_places = related_places(diagnostic, file.unwrap_or_default(), at, elsewhere);
        if related_places.clone().next().is_some() {
            let mut places = object.key(&heads.related_information).array();
            for (related, uri, at) in related_places {
                let mut place = places.element().object();
                let mut location = place.key(&heads.location).object();
                location.key(&heads.uri).string(uri);
                location
                    .key(&heads.location_range)
                    .range(at.range(related.range.clone()));
                location.close();
                place.key(&heads.related_message).string(&related.message);
                place.close();
            }
            places.close();
        }
        if let Some(language) = language {
            object.key(&heads.language).plain(language.code());
        }
        object.close();
        self.len += 1;
        out.write_all(&self.element)
    }

    /// Starts the next element in the buffer: the comma, the line break and the indent; gives
    /// the element's depth.
    fn start_element(&mut self) -> usize {
        let depth = self.indent + 2;
        self.element.clear();
        line_start(&mut self.element, depth, self.len == 0);
        depth
    }

    /// Writes the `]`.
    pub fn close(self, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
        if self.len > 0 {
            out.write_all(b"\n")?;
            spaces(out, self.indent)?;
        }
        out.write_all(b"]")
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// serde_json's pretty layout (`PrettyFormatter`: two spaces a level, `": "` after a key) for
/// a value that starts `depth` spaces deep, so an element of a [`PrettyArray`] is written at
/// its place in one pass, not laid out at the top level and indented again.
struct Nested {
    /// Spaces before a line of the innermost array or object open.
    depth: usize,
    /// The innermost array or object has a value (its closing bracket goes on a line of its
    /// own).
    has_value: bool,
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Nested {
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 2;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(2);
        if self.has_value {
            writer.write_all(b"\n")?;
            spaces(writer, self.depth)?;
        }
        writer.write_all(bracket)
    }

    fn next_line<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        spaces(writer, self.depth)
    }
}

/// An object being written in serde_json's pretty layout by [`PrettyArray::push_diagnostic`]:
/// its `{` is written, and each [`Object::key`] starts a member on a line of its own.
struct Object<'b> {
    buf: &'b mut Vec<u8>,
    ranges: &'b RangeTemplates,
    /// Spaces before the object's closing bracket; its members are two deeper.
    depth: usize,
    empty: bool,
}

/// The place of one value (after its key, or as an array element), at `depth`.
struct Value<'b> {
    buf: &'b mut Vec<u8>,
    ranges: &'b RangeTemplates,
    depth: usize,
}

impl<'b> Object<'b> {
    fn open(buf: &'b mut Vec<u8>, ranges: &'b RangeTemplates, depth: usize) -> Object<'b> {
        buf.push(b'{');
        Object {
            buf,
            ranges,
            depth,
            empty: true,
        }
    }

    /// Starts the member of `head`'s key: its line start and key in one copy when `head` was
    /// made for this object's depth (as it is in `push_diagnostic`), else piece by piece.
    fn key(&mut self, head: &MemberHead) -> Value<'_> {
        let depth = self.depth + 2;
        if head.depth == depth {
            let from = usize::from(self.empty);
            self.buf
                .extend_from_slice(head.bytes.get(from..).unwrap_or_default());
        } else {
            write_head(self.buf, head.key, depth, self.empty);
        }
        self.empty = false;
        Value {
            buf: self.buf,
            ranges: self.ranges,
            depth: self.depth + 2,
        }
    }

    fn close(self) {
        close(self.buf, self.depth, self.empty, b'}');
    }
}

/// Starts the member `key` (a name that needs no escaping) at `depth`: a line break, `depth`
/// spaces and the key, after a comma unless it is the first.
fn write_head(buf: &mut Vec<u8>, key: &str, depth: usize, first: bool) {
    line_start(buf, depth, first);
    buf.reserve(key.len() + 4);
    buf.push(b'"');
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\": ");
}

/// A member's line start (with its comma: the first member leaves out the first byte) and key
/// at one depth, written once.
struct MemberHead {
    key: &'static str,
    depth: usize,
    bytes: Vec<u8>,
}

impl MemberHead {
    fn new(key: &'static str, depth: usize) -> MemberHead {
        let mut bytes = Vec::new();
        write_head(&mut bytes, key, depth, false);
        MemberHead { key, depth, bytes }
    }
}

/// The member heads of [`PrettyArray::push_diagnostic`]'s objects, for an array at `indent`.
struct MemberHeads {
    file: MemberHead,
    range: MemberHead,
    severity: MemberHead,
    code: MemberHead,
    source: MemberHead,
    message: MemberHead,
    fix: MemberHead,
    title: MemberHead,
    edits: MemberHead,
    edit_range: MemberHead,
    new_text: MemberHead,
    related_information: MemberHead,
    location: MemberHead,
    uri: MemberHead,
    location_range: MemberHead,
    related_message: MemberHead,
    language: MemberHead,
}

impl MemberHeads {
    fn new(indent: usize) -> MemberHeads {
        // The element's members; the fix's; an edit's (in the `edits` array) and a related
        // location's (in a place, in the `relatedInformation` array).
        let (element, fix, place, deepest) = (indent + 4, indent + 6, indent + 8, indent + 10);
        MemberHeads {
            file: MemberHead::new("file", element),
            range: MemberHead::new("range", element),
            severity: MemberHead::new("severity", element),
            code: MemberHead::new("code", element),
            source: MemberHead::new("source", element),
            message: MemberHead::new("message", element),
            fix: MemberHead::new("fix", element),
            title: MemberHead::new("title", fix),
            edits: MemberHead::new("edits", fix),
            edit_range: MemberHead::new("range", deepest),
            new_text: MemberHead::new("newText", deepest),
            related_information: MemberHead::new("relatedInformation", element),
            location: MemberHead::new("location", place),
            uri: MemberHead::new("uri", deepest),
            location_range: MemberHead::new("range", deepest),
            related_message: MemberHead::new("message", place),
            language: MemberHead::new("language", element),
        }
    }
}

/// An array being written, as [`Object`].
struct Array<'b> {
    buf: &'b mut Vec<u8>,
    ranges: &'b RangeTemplates,
    depth: usize,
    empty: bool,
}

impl Array<'_> {
    fn element(&mut self) -> Value<'_> {
        line_start(self.buf, self.depth + 2, self.empty);
        self.empty = false;
        Value {
            buf: self.buf,
            ranges: self.ranges,
            depth: self.depth + 2,
        }
    }

    fn close(self) {
        close(self.buf, self.depth, self.empty, b']');
    }
}

impl<'b> Value<'b> {
    fn object(self) -> Object<'b> {
        Object::open(self.buf, self.ranges, self.depth)
    }

    fn array(self) -> Array<'b> {
        self.buf.push(b'[');
        Array {
            buf: self.buf,
            ranges: self.ranges,
            depth: self.depth,
            empty: true,
        }
    }

    /// A JSON string: as is when nothing in it needs escaping (all of our own text), else
    /// escaped by serde_json.
    fn string(&mut self, text: &str) {
        if !needs_escaping(text) {
            self.buf.reserve(text.len() + 2);
            self.buf.push(b'"');
            self.buf.extend_from_slice(text.as_bytes());
            self.buf.push(b'"');
        } else if serde_json::to_writer(&mut *self.buf, text).is_err() {
            // Writing to a Vec cannot fail; should it, the string is still a valid one.
            self.buf.extend_from_slice(b"\"\"");
        }
    }

    /// A JSON string of our own that needs no escaping (a rule code, a language code, the
    /// source): written without looking (a test checks every one of them).
    fn plain(&mut self, text: &'static str) {
        debug_assert!(!needs_escaping(text), "{text:?}");
        self.buf.reserve(text.len() + 2);
        self.buf.push(b'"');
        self.buf.extend_from_slice(text.as_bytes());
        self.buf.push(b'"');
    }

    fn number(&mut self, n: u64) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// The same bytes as an [`Object`] with the members `start` and `end`, each an object of
    /// `line` and `character`: a finding names two or three ranges, and member by member they
    /// cost a tenth of printing it. At a depth with a template, its fixed bytes go in five
    /// copies around the four numbers (line starts and keys one by one cost twice as much).
    fn range(self, range: JsonRange) {
        match self.ranges.at(self.depth) {
            Some(template) => template.write(self.buf, range),
            None => range_member_by_member(self.buf, self.depth, range),
        }
    }
}

/// Whether JSON needs `text` escaped: a control character, a quote or a backslash.
fn needs_escaping(text: &str) -> bool {
    // No short circuit, so the check runs over whole vectors of bytes.
    let special = text.bytes().fold(0u8, |special, b| {
        special | u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')
    });
    special != 0
}

/// The fixed bytes of a range at one depth (what [`range_member_by_member`] writes around the
/// numbers), cut where the numbers go: `{…"line": ` | `,…"character": ` | `}, "end"…"line": `,
/// then the `character` piece again, then the closing brackets.
struct RangeTemplate {
    bytes: Vec<u8>,
    /// Where the first `character` piece starts, where it ends, where the `end` piece ends.
    cuts: [usize; 3],
}

impl RangeTemplate {
    fn new(depth: usize) -> RangeTemplate {
        let mut bytes = Vec::new();
        bytes.push(b'{');
        line_start(&mut bytes, depth + 2, true);
        bytes.extend_from_slice(b"\"start\": {");
        line_start(&mut bytes, depth + 4, true);
        bytes.extend_from_slice(b"\"line\": ");
        let character_start = bytes.len();
        line_start(&mut bytes, depth + 4, false);
        bytes.extend_from_slice(b"\"character\": ");
        let character_end = bytes.len();
        line_start(&mut bytes, depth + 2, true);
        bytes.push(b'}');
        line_start(&mut bytes, depth + 2, false);
        bytes.extend_from_slice(b"\"end\": {");
        line_start(&mut bytes, depth + 4, true);
        bytes.extend_from_slice(b"\"line\": ");
        let end_end = bytes.len();
        line_start(&mut bytes, depth + 2, true);
        bytes.push(b'}');
        line_start(&mut bytes, depth, true);
        bytes.push(b'}');
        RangeTemplate {
            bytes,
            cuts: [character_start, character_end, end_end],
        }
    }

    fn write(&self, buf: &mut Vec<u8>, range: JsonRange) {
        let [character_start, character_end, end_end] = self.cuts;
        let bytes = self.bytes.as_slice();
        let (start, character, end, close) = (
            bytes.get(..character_start).unwrap_or_default(),
            bytes
                .get(character_start..character_end)
                .unwrap_or_default(),
            bytes.get(character_end..end_end).unwrap_or_default(),
            bytes.get(end_end..).unwrap_or_default(),
        );
        // The fixed bytes and four numbers of at most ten digits.
        buf.reserve(bytes.len() + character.len() + 40);
        let mut number = itoa::Buffer::new();
        buf.extend_from_slice(start);
        buf.extend_from_slice(number.format(range.start.line).as_bytes());
        buf.extend_from_slice(character);
        buf.extend_from_slice(number.format(range.start.character).as_bytes());
        buf.extend_from_slice(end);
        buf.extend_from_slice(number.format(range.end.line).as_bytes());
        buf.extend_from_slice(character);
        buf.extend_from_slice(number.format(range.end.character).as_bytes());
        buf.extend_from_slice(close);
    }
}

/// The range templates of the depths [`PrettyArray::push_diagnostic`] writes ranges at, for an
/// array at `indent`: a finding's own range, and those of its edits and related places.
struct RangeTemplates {
    /// The depth of `templates[0]`; each next one is two deeper.
    first_depth: usize,
    templates: Vec<RangeTemplate>,
}

impl RangeTemplates {
    fn new(indent: usize) -> RangeTemplates {
        // The element's members are at `indent + 4`; an edit's and a related location's
        // members three levels deeper.
        let first_depth = indent + 4;
        RangeTemplates {
            first_depth,
            templates: (0..4)
                .map(|i| RangeTemplate::new(first_depth + 2 * i))
                .collect(),
        }
    }

    fn at(&self, depth: usize) -> Option<&RangeTemplate> {
        let steps = depth.checked_sub(self.first_depth)?;
        if steps % 2 != 0 {
            return None;
        }
        self.templates.get(steps / 2)
    }
}

/// A range written member by member, at any depth: what [`RangeTemplate`] writes.
fn range_member_by_member(buf: &mut Vec<u8>, depth: usize, range: JsonRange) {
    // The brackets, keys and line starts (at most `depth + 6` bytes each) and the numbers.
    buf.reserve(6 * (depth + 6) + 60 + 40);
    buf.push(b'{');
    let members: [(&[u8], _); 2] = [(b"\"start\": {", range.start), (b"\"end\": {", range.end)];
    for (i, (key, position)) in members.into_iter().enumerate() {
        line_start(buf, depth + 2, i == 0);
        buf.extend_from_slice(key);
        line_start(buf, depth + 4, true);
        buf.extend_from_slice(b"\"line\": ");
        buf.extend_from_slice(itoa::Buffer::new().format(position.line).as_bytes());
        line_start(buf, depth + 4, false);
        buf.extend_from_slice(b"\"character\": ");
        buf.extend_from_slice(itoa::Buffer::new().format(position.character).as_bytes());
        line_start(buf, depth + 2, true);
        buf.push(b'}');
    }
    line_start(buf, depth, true);
    buf.push(b'}');
}

/// A comma, a line break and the spaces of the deepest line we write: the start of any line
/// is one slice of it.
const LINE_START: [u8; 66] = {
    let mut line = [b' '; 66];
    line[0] = b',';
    line[1] = b'\n';
    line
};

/// Starts a member or an element at `depth`: a line break and `depth` spaces, after a comma
/// unless it is the first.
fn line_start(buf: &mut Vec<u8>, depth: usize, first: bool) {
    let from = usize::from(first);
    match LINE_START.get(from..2 + depth) {
        Some(start) => buf.extend_from_slice(start),
        None => {
            buf.extend_from_slice(LINE_START.get(from..2).unwrap_or_default());
            // Writing to a Vec cannot fail.
            let _ = spaces(buf, depth);
        }
    }
}

/// Closes an object or array whose bracket is at `depth` (`{}`, `[]` when empty).
fn close(buf: &mut Vec<u8>, depth: usize, empty: bool, bracket: u8) {
    if !empty {
        line_start(buf, depth, true);
    }
    buf.push(bracket);
}

/// Writes `n` spaces.
fn spaces<W: ?Sized + Write>(writer: &mut W, mut n: usize) -> io::Result<()> {
    const SPACES: [u8; 64] = [b' '; 64];
    while n > 0 {
        let run = n.min(SPACES.len());
        writer.write_all(&SPACES[..run])?;
        n -= run;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::analysis::{Fix, RuleCode, Severity};

    #[test]
    fn utf16_columns_and_shape() {
        // 😀 is two UTF-16 units; CJK characters are one each.
        let text = "# 报告\r\n😀（七）总计 | 3 |\n";
        let three = text.find('3').unwrap();
        let diagnostic = Diagnostic::new(RuleCode::TotalMismatch, three..three + 1, "总计 is 3")
            .with_replacement(Lang::En, three..three + 1, "2");
        let index = LineIndex::new(text);
        let json = to_json(Some("a.md"), &index, text, &diagnostic, Some(Lang::Zh));
        let value = serde_json::to_value(&json).unwrap();
        insta::assert_json_snapshot!(value, @r#"
        {
          "code": "total-mismatch",
          "file": "a.md",
          "fix": {
            "edits": [
              {
                "newText": "2",
                "range": {
                  "end": {
                    "character": 11,
                    "line": 1
                  },
                  "start": {
                    "character": 10,
                    "line": 1
                  }
                }
              }
            ],
            "title": "Replace with 2"
          },
          "language": "zh",
          "message": "总计 is 3",
          "range": {
            "end": {
              "character": 11,
              "line": 1
            },
            "start": {
              "character": 10,
              "line": 1
            }
          },
          "severity": 1,
          "source": "ogi-lint"
        }
        "#);
        // Round trip.
        let back: JsonDiagnostic = serde_json::from_value(value).unwrap();
        assert_eq!(back, json);
    }

    #[test]
    fn unsafe_fix_and_no_file_are_left_out() {
        let text = "abc";
        let diagnostic = Diagnostic::new(RuleCode::MissingSection, 3..3, "missing")
            .with_severity(Severity::Hint)
            .with_fix(Fix {
                title: "Insert".into(),
                edits: vec![],
                safe: false,
            });
        let json = to_json(None, &LineIndex::new(text), text, &diagnostic, None);
        let value = serde_json::to_value(&json).unwrap();
        assert_eq!(value.get("fix"), None);
        assert_eq!(value.get("file"), None);
        assert_eq!(value["severity"], 4);
        assert_eq!(value["range"]["start"]["character"], 3);
    }

    /// `push_diagnostic` writes what serde_json writes for `to_json_with`'s object: with and
    /// without a file, a language, a safe fix (with no edit, one, several), related places
    /// here, in `elsewhere` and in a document left out, and strings that need escaping.
    #[test]
    fn push_diagnostic_is_push_of_to_json() {
        let text = "# 报告\r\n😀（七）总计 | 3 |\n第二行 \"x\"\n";
        let other = "去年\n（七）总计 | 4 |";
        let (index, other_index) = (LineIndex::new(text), LineIndex::new(other));
        let elsewhere = Elsewhere {
            document: "last-year-key",
            file: "dir/2023 \"年报\".md",
            text: other,
            index: &other_index,
        };
        let related =
            |document: Option<&str>, range: Range<usize>, message: &str| crate::analysis::Related {
                range,
                message: message.into(),
                document: document.map(str::to_owned),
            };
        let mut diagnostics = vec![
            Diagnostic::new(RuleCode::TotalMismatch, 20..21, "总计 is 3").with_replacement(
                Lang::En,
                20..21,
                "2",
            ),
            Diagnostic::new(
                RuleCode::MissingSection,
                40..40,
                "tab\tquote\" back\\ nl\n \u{1}",
            )
            .with_severity(Severity::Hint)
            .with_fix(Fix {
                title: "no edit".into(),
                edits: vec![],
                safe: true,
            }),
            Diagnostic::new(
                RuleCode::LabelPunctuation,
                Range { start: 5, end: 2 },
                "backwards",
            )
            .with_fix(Fix {
                title: "两处".into(),
                edits: vec![
                    crate::analysis::Edit {
                        range: 0..1,
                        new_text: "\"".into(),
                    },
                    crate::analysis::Edit {
                        range: 100..200,
                        new_text: "\u{7f}é".into(),
                    },
                ],
                safe: true,
            }),
            Diagnostic::new(RuleCode::CarryoverMismatch, 20..21, "去年").with_fix(Fix {
                title: "unsafe".into(),
                edits: vec![],
                safe: false,
            }),
        ];
        diagnostics[3].related = vec![
            related(None, 0..3, "here"),
            related(Some("last-year-key"), 3..10, "去年 \"4\""),
            related(Some("another"), 0..1, "left out"),
        ];
        let mut only_left_out = Diagnostic::new(RuleCode::CarryoverMismatch, 1..2, "m");
        only_left_out.related = vec![related(Some("another"), 0..1, "left out")];
        diagnostics.push(only_left_out);
        let offsets = diagnostics.iter().flat_map(offsets);
        let positions = Positions::new(text, offsets, Encoding::Utf16);
        let found = Text::from_string(text.to_owned());
        for (file, language, elsewhere) in [
            (Some("a \"b\".md"), Some(Lang::Zh), Some(elsewhere)),
            (None, None, None),
            (Some("<stdin>"), Some(Lang::En), None),
        ] {
            for indent in [0, 4] {
                let (mut expected, mut written) = (Vec::new(), Vec::new());
                let mut by_serde = PrettyArray::open(&mut expected, indent).unwrap();
                let mut direct = PrettyArray::open(&mut written, indent).unwrap();
                for diagnostic in &diagnostics {
                    let at = Locator::Index(&index, text);
                    let object = to_json_with(file, at, diagnostic, language, elsewhere);
                    by_serde.push(&mut expected, &object).unwrap();
                    let at = Locator::Found(&positions, &found);
                    direct
                        .push_diagnostic(&mut written, file, at, diagnostic, language, elsewhere)
                        .unwrap();
                }
                by_serde.close(&mut expected).unwrap();
                direct.close(&mut written).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(expected).unwrap()
                );
            }
        }
    }

    /// What serde_json prints for the whole array, at the top level and nested.
    #[test]
    fn pretty_array_is_serde_jsons_layout() {
        let elements = [
            serde_json::json!({"a": [1, {"b": "x\ny"}], "c": {}}),
            serde_json::json!([]),
            serde_json::json!("s"),
            serde_json::json!({"d": [[], [2]]}),
        ];
        for n in 0..=elements.len() {
            let expected = serde_json::to_vec_pretty(&elements[..n]).unwrap();
            let mut out = Vec::new();
            let mut array = PrettyArray::open(&mut out, 0).unwrap();
            for element in &elements[..n] {
                array.push(&mut out, element).unwrap();
            }
            assert_eq!(array.len(), n);
            array.close(&mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(expected).unwrap()
            );

            let nested = serde_json::json!({"k": {"list": &elements[..n]}});
            let expected = serde_json::to_string_pretty(&nested).unwrap();
            let mut out = b"{\n  \"k\": {\n    \"list\": ".to_vec();
            let mut array = PrettyArray::open(&mut out, 4).unwrap();
            for element in &elements[..n] {
                array.push(&mut out, element).unwrap();
            }
            array.close(&mut out).unwrap();
            out.extend_from_slice(b"\n  }\n}");
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }

    /// The templates write what the ranges member by member write, at each depth they cover,
    /// for small, large and extreme numbers; other depths fall back to member by member.
    #[test]
    fn range_templates_are_member_by_member() {
        let position = |line, character| JsonPosition { line, character };
        let ranges = [
            JsonRange {
                start: position(0, 0),
                end: position(0, 0),
            },
            JsonRange {
                start: position(7, 12),
                end: position(1234, 99_999),
            },
            JsonRange {
                start: position(u32::MAX, 1),
                end: position(0, u32::MAX),
            },
        ];
        for indent in [0, 2, 4] {
            let templates = RangeTemplates::new(indent);
            for depth in indent..indent + 16 {
                if let Some(template) = templates.at(depth) {
                    for range in ranges {
                        let (mut expected, mut written) = (b"x".to_vec(), b"x".to_vec());
                        range_member_by_member(&mut expected, depth, range);
                        template.write(&mut written, range);
                        assert_eq!(
                            String::from_utf8(written).unwrap(),
                            String::from_utf8(expected).unwrap()
                        );
                    }
                } else {
                    assert!(depth < indent + 4 || depth % 2 != indent % 2 || depth > indent + 10);
                }
            }
            // The depths push_diagnostic writes ranges at have templates.
            assert!(templates.at(indent + 4).is_some());
            assert!(templates.at(indent + 10).is_some());
        }
    }

    /// A member head written in one copy is the line start and key written piece by piece,
    /// first or not; a head used at another depth than its own falls back to the pieces.
    #[test]
    fn member_heads_are_written_piece_by_piece() {
        let ranges = RangeTemplates::new(0);
        for head_depth in [2, 4, 10, 70] {
            let head = MemberHead::new("newText", head_depth);
            for object_depth in [0, 2, 8, 68] {
                let (mut written, mut expected) = (Vec::new(), Vec::new());
                let mut object = Object::open(&mut written, &ranges, object_depth);
                object.key(&head).number(1);
                object.key(&head).number(2);
                object.close();
                expected.push(b'{');
                write_head(&mut expected, "newText", object_depth + 2, true);
                expected.push(b'1');
                write_head(&mut expected, "newText", object_depth + 2, false);
                expected.push(b'2');
                close(&mut expected, object_depth, false, b'}');
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(expected).unwrap()
                );
            }
        }
    }

    /// What `Value::plain` writes needs no escaping: every rule code, language code, the source.
    #[test]
    fn plain_strings_need_no_escaping() {
        let codes = crate::analysis::RuleCode::ALL
            .iter()
            .map(|code| code.as_str());
        let languages = Lang::ALL.iter().map(|lang| lang.code());
        for text in codes.chain(languages).chain([SOURCE]) {
            assert!(!needs_escaping(text), "{text:?}");
        }
        assert!(needs_escaping("a\"b") && needs_escaping("\\") && needs_escaping("\n"));
    }

    #[test]
    fn spaces_beyond_one_run() {
        for n in [0, 1, 64, 65, 200] {
            let mut out = Vec::new();
            spaces(&mut out, n).unwrap();
            assert_eq!(out, vec![b' '; n]);
        }
    }

    #[test]
    fn out_of_range_is_clamped() {
        let text = "一二";
        let range = lsp_range(&LineIndex::new(text), text, 4..100);
        assert_eq!(
            range.start,
            JsonPosition {
                line: 0,
                character: 1
            }
        );
        assert_eq!(
            range.end,
            JsonPosition {
                line: 0,
                character: 2
            }
        );
    }
}
