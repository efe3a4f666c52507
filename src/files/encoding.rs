//! Text encodings of report files: what a file's bytes decode to, and how `--fix` writes the
//! text back in the encoding it came in.
//!
//! Read, per file: UTF-8 with or without a byte-order mark; UTF-16 LE or BE with a byte-order
//! mark (what Windows Notepad calls "Unicode"); GB18030, which includes GBK (what Chinese
//! Windows editors save as "ANSI"), when the bytes are not UTF-8 but decode as GB18030 without
//! error into Chinese text. Anything else — and text holding a NUL character, which is UTF-16
//! without a byte-order mark or not text at all — is [`Undecodable`], with the byte offset and
//! line of the first byte that could not be read (when a file is neither UTF-8 nor GB18030,
//! the reading that got further is the one explained).
//!
//! UTF-8 needs no copy: the [`Text`] keeps the bytes as read. Line endings are never touched
//! here: the analysis and `--fix` keep them as they are.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{DecoderResult, GB18030, UTF_16BE, UTF_16LE};

use crate::analysis::Lang;
use crate::line_index::LineIndex;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// How a file's text was stored, so `--fix` can store it the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8WithBom,
    /// With a byte-order mark.
    Utf16Le,
    /// With a byte-order mark.
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312; no byte-order mark.
    Gb18030,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8WithBom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

/// A decoded text that owns its storage: for UTF-8 input, the bytes as read (a byte-order mark
/// is skipped, not removed), so a large file is not copied.
pub struct Text {
    /// Valid UTF-8 from `start` on (checked when the `Text` was made).
    bytes: Vec<u8>,
    start: usize,
}

impl Text {
    pub fn from_string(text: String) -> Text {
        Text {
            bytes: text.into_bytes(),
            start: 0,
        }
    }

    pub fn as_str(&self) -> &str {
        // Validated when made, so this cannot fail; validating again (SIMD, a few
        // milliseconds on 100 MB) is what lets the bytes be kept without a copy or `unsafe`.
        let body = self.bytes.get(self.start..).unwrap_or_default();
        simdutf8::basic::from_utf8(body).unwrap_or_default()
    }
}

/// A file's text and how it was stored.
pub struct Decoded {
    pub text: Text,
    pub encoding: TextEncoding,
}

/// Why a file's bytes are not text ogi-lint reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// Byte offset of the first byte that could not be read, counted in the file from 0
    /// (byte-order mark included).
    pub offset: usize,
    /// Its 1-based line.
    pub line: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Neither UTF-8 nor GB18030: `byte` is the first byte that is not UTF-8.
    NotUtf8 { byte: u8 },
    /// More of it reads as GB18030 than as UTF-8, but it is not valid GB18030 either.
    NotGb18030 { byte: u8 },
    /// A UTF-16 byte-order mark, then something that is not UTF-16 (an unpaired surrogate, or
    /// an odd number of bytes).
    NotUtf16 { encoding: TextEncoding },
    /// A NUL character: UTF-16 without a byte-order mark, or not text.
    Nul,
}

impl Undecodable {
    /// Where the first byte that could not be read is, what it is, and what to do, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let Undecodable {
            offset,
            line,
            problem,
        } = self;
        let (offset, line) = (*offset, *line);
        match problem {
            Problem::NotUtf8 { byte } => t!(
                lang,
                "encoding-not-utf8",
                offset = offset,
                line = line,
                byte = format!("0x{byte:02X}")
            ),
            Problem::NotGb18030 { byte } => t!(
                lang,
                "encoding-not-gb18030",
                offset = offset,
                line = line,
                byte = format!("0x{byte:02X}")
            ),
            Problem::NotUtf16 { encoding } => t!(
                lang,
                "encoding-not-utf16",
                offset = offset,
                line = line,
                encoding = encoding.name()
            ),
            Problem::Nul => t!(lang, "encoding-nul", offset = offset, line = line),
        }
    }
}

/// In the default language (Chinese); [`Undecodable::render`] for another.
impl fmt::Display for Undecodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::default()))
    }
}

/// Decodes a file's bytes (see the module doc for what is read).
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, Undecodable> {
    if bytes.starts_with(UTF16LE_BOM) {
        return decode_utf16(&bytes, TextEncoding::Utf16Le);
    }
    if bytes.starts_with(UTF16BE_BOM) {
        return decode_utf16(&bytes, TextEncoding::Utf16Be);
    }
    // A 0 byte is a NUL character in UTF-8 and in GB18030 alike (never part of another
    // character): UTF-16 without a byte-order mark (every other byte of ASCII text is 0), or a
    // file that is not text.
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Undecodable {
            offset: at,
            line: line_at(&bytes, at),
            problem: Problem::Nul,
        });
    }
    let start = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    if is_utf8(&bytes, start) {
        let encoding = match start {
            0 => TextEncoding::Utf8,
            _ => TextEncoding::Utf8WithBom,
        };
        return Ok(Decoded {
            text: Text { bytes, start },
            encoding,
        });
    }
    if start == 0 {
        if let Ok(text) = decode_strictly(GB18030, &bytes) {
            if holds_chinese(&text) {
                return Ok(Decoded {
                    text: Text::from_string(text),
                    encoding: TextEncoding::Gb18030,
                });
            }
        }
    }
    Err(not_utf8(&bytes, start))
}

/// Whether `bytes[start..]` is UTF-8.
fn is_utf8(bytes: &[u8], start: usize) -> bool {
    // SIMD validation: std's costs as much as a tenth of the whole check on CJK text.
    simdutf8::basic::from_utf8(bytes.get(start..).unwrap_or_default()).is_ok()
}

/// The 1-based line of byte `offset` of UTF-8 or GB18030 bytes, where `\r` and `\n` bytes are
/// always line terminators (`\n`, `\r\n` or a lone `\r`, as the analysis counts them).
fn line_at(bytes: &[u8], offset: usize) -> usize {
    let prefix = bytes.get(..offset).unwrap_or(bytes);
    let crlf_tail = |at: usize| at > 0 && prefix.get(at - 1..=at) == Some(b"\r\n".as_slice());
    1 + memchr::memchr2_iter(b'\n', b'\r', prefix)
        .filter(|&at| !crlf_tail(at))
        .count()
}

fn decode_utf16(bytes: &[u8], encoding: TextEncoding) -> Result<Decoded, Undecodable> {
    let decoder = match encoding {
        TextEncoding::Utf16Be => UTF_16BE,
        _ => UTF_16LE,
    };
    let body = bytes.get(2..).unwrap_or_default();
    match decode_strictly(decoder, body) {
        Ok(text) => match text.find('\0') {
            None => Ok(Decoded {
                text: Text::from_string(text),
                encoding,
            }),
            Some(at) => {
                let prefix = text.get(..at).unwrap_or_default();
                Err(Undecodable {
                    offset: 2 + 2 * prefix.encode_utf16().count(),
                    line: line_of_end(prefix),
                    problem: Problem::Nul,
                })
            }
        },
        Err((bad, prefix)) => Err(Undecodable {
            offset: 2 + bad,
            line: line_of_end(&prefix),
            problem: Problem::NotUtf16 { encoding },
        }),
    }
}

/// Bytes that are not UTF-8 (from `start`, after a UTF-8 byte-order mark if any): GB18030 when
/// they decode as GB18030 into Chinese text, else why not.
fn not_utf8(bytes: &[u8], start: usize) -> Undecodable {
    let body = bytes.get(start..).unwrap_or_default();
    let valid_utf8 = match simdutf8::compat::from_utf8(body) {
        Ok(_) => body.len(),
        Err(err) => err.valid_up_to(),
    };
    let utf8_error = |valid: usize| Undecodable {
        offset: start + valid,
        line: line_at(bytes, start + valid),
        problem: Problem::NotUtf8 {
            byte: body.get(valid).copied().unwrap_or(0),
        },
    };
    // A UTF-8 byte-order mark says UTF-8: no GB18030 guess then.
    if start > 0 {
        return utf8_error(valid_utf8);
    }
    match decode_strictly(GB18030, body) {
        // GB18030, but not Chinese: the UTF-8 reading is the one to explain.
        Ok(_) => utf8_error(valid_utf8),
        // Whichever reading got further is the one the writer meant.
        Err((bad, prefix)) if bad > valid_utf8 && holds_chinese(&prefix) => Undecodable {
            offset: bad,
            line: line_at(bytes, bad),
            problem: Problem::NotGb18030 {
                byte: body.get(bad).copied().unwrap_or(0),
            },
        },
        Err(_) => utf8_error(valid_utf8),
    }
}

/// Decodes `bytes` as `encoding` without replacing anything: the text, or the offset of the
/// first malformed byte and the text before it.
fn decode_strictly(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
) -> Result<String, (usize, String)> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let mut read = 0;
    loop {
        let rest = bytes.get(read..).unwrap_or_default();
        let (result, consumed) =
            decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(rest.len().max(16)),
            DecoderResult::Malformed(bad, after) => {
                let at = read.saturating_sub(usize::from(bad) + usize::from(after));
                return Err((at, text));
            }
        }
    }
}

/// The 1-based line of the offset just past `prefix`.
fn line_of_end(prefix: &str) -> usize {
    LineIndex::new(prefix).line_count()
}

/// Whether decoded text is Chinese: CJK characters (ideographs, CJK punctuation, full-width
/// forms) make up at least half of the non-ASCII characters and over a quarter of all visible
/// ones (a report's prose is almost all Chinese, and its tables' labels are).
/// Bytes of another legacy encoding that happen to decode as GB18030 give rare ideographs mixed
/// with symbols and other scripts, or a few ideographs in ASCII text (a Latin-1 `é` before a
/// letter is a GB18030 pair); a report saved by a Chinese editor is mostly Chinese.
fn holds_chinese(text: &str) -> bool {
    let mut ideographs = 0usize;
    let mut cjk = 0usize;
    let mut other = 0usize;
    let mut visible = 0usize;
    for ch in text.chars().filter(|ch| !ch.is_whitespace()) {
        visible += 1;
        match ch {
            _ if ch.is_ascii() => {}
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => {
                ideographs += 1;
                cjk += 1;
            }
            '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{206F}' => cjk += 1,
            _ => other += 1,
        }
    }
    ideographs > 0 && cjk >= other && cjk * 4 > visible
}

/// The bytes of `fixed` in `encoding`, provided that `original` (the text as decoded from
/// `read`) encodes back to exactly `read`: otherwise writing would change bytes no fix touched
/// (GB18030 has a few byte sequences that decode to the same character as another, such as
/// GBK's one-byte euro sign 0x80). The message says why not.
pub fn encode_exactly(
    original: &str,
    fixed: &str,
    encoding: TextEncoding,
    read: &[u8],
    lang: Lang,
) -> Result<Vec<u8>, String> {
    if encode(original, encoding) != read {
        return Err(t!(
            lang,
            "encoding-cannot-write-exactly",
            encoding = encoding.name()
        ));
    }
    Ok(encode(fixed, encoding))
}

/// The bytes of `text` in `encoding`, byte-order mark included.
pub fn encode(text: &str, encoding: TextEncoding) -> Vec<u8> {
    match encoding {
        TextEncoding::Utf8 => text.as_bytes().to_vec(),
        TextEncoding::Utf8WithBom => [UTF8_BOM, text.as_bytes()].concat(),
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let (bom, little) = match encoding {
                TextEncoding::Utf16Le => (UTF16LE_BOM, true),
                _ => (UTF16BE_BOM, false),
            };
            let mut res = Vec::with_capacity(bom.len() + 2 * text.len());
            res.extend_from_slice(bom);
            for unit in text.encode_utf16() {
                let bytes = if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                res.extend_from_slice(&bytes);
            }
            res
        }
        // GB18030 maps every Unicode scalar value, so nothing is ever replaced.
        TextEncoding::Gb18030 => match GB18030.encode(text).0 {
            Cow::Borrowed(bytes) => bytes.to_vec(),
            Cow::Owned(bytes) => bytes,
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// 政府信息公开 in GB18030 (and GBK).
    const GBK_OGI: &[u8] = b"\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA";

    fn text_of(bytes: &[u8]) -> (String, TextEncoding) {
        let decoded = decode(bytes.to_vec()).unwrap();
        (decoded.text.as_str().to_owned(), decoded.encoding)
    }

    fn error_of(bytes: &[u8]) -> Undecodable {
        match decode(bytes.to_vec()) {
            Ok(decoded) => panic!("decoded as {:?}", decoded.encoding),
            Err(err) => err,
        }
    }

    #[test]
    fn reads_every_encoding_writers_use() {
        let text = "# 报告\r\n政府信息公开 😀\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let gbk = [b"# \xB1\xA8\xB8\xE6\r\n".as_slice(), GBK_OGI, b"\n"].concat();
        let cases = [
            (text.as_bytes().to_vec(), TextEncoding::Utf8),
            (
                [UTF8_BOM, text.as_bytes()].concat(),
                TextEncoding::Utf8WithBom,
            ),
            ([UTF16LE_BOM, &utf16le].concat(), TextEncoding::Utf16Le),
            ([UTF16BE_BOM, &utf16be].concat(), TextEncoding::Utf16Be),
        ];
        for (bytes, encoding) in cases {
            assert_eq!(text_of(&bytes), (text.to_owned(), encoding));
            // Written back byte for byte.
            assert_eq!(encode(text, encoding), bytes, "{encoding:?}");
        }
        assert_eq!(
            text_of(&gbk),
            ("# 报告\r\n政府信息公开\n".to_owned(), TextEncoding::Gb18030)
        );
        assert_eq!(
            encode("# 报告\r\n政府信息公开\n", TextEncoding::Gb18030),
            gbk
        );
        // Empty files, and a byte-order mark alone.
        assert_eq!(text_of(b""), (String::new(), TextEncoding::Utf8));
        assert_eq!(
            text_of(UTF8_BOM),
            (String::new(), TextEncoding::Utf8WithBom)
        );
        assert_eq!(text_of(UTF16LE_BOM), (String::new(), TextEncoding::Utf16Le));
    }

    #[test]
    fn a_bad_utf8_byte_is_located() {
        let bytes = b"line one\r\nline two\nabc\xE9def\n";
        let err = error_of(bytes);
        assert_eq!((err.offset, err.line), (22, 3));
        assert_eq!(err.problem, Problem::NotUtf8 { byte: 0xE9 });
        assert_eq!(
            err.render(Lang::En),
            "not UTF-8, GB18030/GBK, or UTF-16 with a byte-order mark: byte 22 (line 3) is \
             0xE9, which is not UTF-8; save the file as UTF-8"
        );
        // After a UTF-8 byte-order mark, offsets count the mark too; no GB18030 guess.
        let err = error_of(&[UTF8_BOM, GBK_OGI].concat());
        assert_eq!((err.offset, err.line), (3, 1));
        assert_eq!(err.problem, Problem::NotUtf8 { byte: 0xD5 });
    }

    /// Latin-1 and other legacy text that is not Chinese is not taken for GB18030, even when
    /// its bytes happen to decode as GB18030.
    #[test]
    fn does_not_take_other_legacy_text_for_gb18030() {
        for bytes in [
            b"caf\xE9 cr\xE8me br\xFBl\xE9e\n".as_slice(),
            b"na\xEFve caf\xE9s and cr\xE8me\n",
            b"Latin-1 text with one letter pair that is a GB18030 character: \xE9d\n",
        ] {
            let err = error_of(bytes);
            assert!(matches!(err.problem, Problem::NotUtf8 { .. }), "{err:?}");
        }
        // Not decoded; explained as GB18030 as far as it reads so (ÀÁ and ÂÃ are two
        // ideographs), which is as good a position as any.
        let err = error_of(b"\xC0\xC1\xC2\xC3\xC4 \xE0\xE1\xE2\xE3\n");
        assert_eq!(err.offset, 4, "{err:?}");
        // Mostly Chinese, and cut inside its last character: GB18030 got further.
        let cut = [b"# \xB1\xA8\xB8\xE6\n".as_slice(), GBK_OGI, b"\n\xB1"].concat();
        let err = error_of(&cut);
        assert_eq!((err.offset, err.line), (cut.len() - 1, 3));
        assert_eq!(err.problem, Problem::NotGb18030 { byte: 0xB1 });
        assert!(
            err.render(Lang::En).contains("reads as GB18030 up to byte"),
            "{err}"
        );
    }

    #[test]
    fn bad_utf16_and_nul_are_located() {
        // A lone high surrogate on line 2.
        let mut bytes = UTF16LE_BOM.to_vec();
        for unit in "a\r\nb".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&u16::from(b'c').to_le_bytes());
        let err = error_of(&bytes);
        assert_eq!((err.offset, err.line), (10, 2));
        assert_eq!(
            err.problem,
            Problem::NotUtf16 {
                encoding: TextEncoding::Utf16Le
            }
        );
        // An odd number of bytes.
        let err = error_of(&[UTF16BE_BOM, b"\x00a\x00"].concat());
        assert_eq!((err.offset, err.line), (4, 1));

        // UTF-16 without a byte-order mark: the first 0 byte.
        let bare: Vec<u8> = "ab\ncd".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = error_of(&bare);
        assert_eq!((err.offset, err.line, err.problem), (1, 1, Problem::Nul));
        let err = error_of(b"x\r\ny\rz\n\x00");
        assert_eq!((err.offset, err.line), (7, 4));
        assert!(
            err.render(Lang::En)
                .contains("UTF-16 without a byte-order mark"),
            "{err}"
        );
        // U+0000 inside UTF-16 with a byte-order mark.
        let err = error_of(&[UTF16LE_BOM, b"a\x00\n\x00\x00\x00"].concat());
        assert_eq!((err.offset, err.line, err.problem), (6, 2, Problem::Nul));
    }

    #[test]
    fn fixes_are_written_only_when_the_rest_survives() {
        // GBK's one-byte euro sign reads as €, which GB18030 writes as two bytes.
        let read = [GBK_OGI, b"\x80\n"].concat();
        let (text, encoding) = text_of(&read);
        assert_eq!(
            (text.as_str(), encoding),
            ("政府信息公开€\n", TextEncoding::Gb18030)
        );
        let err = encode_exactly(&text, "政府信息公开€!\n", encoding, &read, Lang::En).unwrap_err();
        assert!(
            err.starts_with("cannot write the fixes in GB18030"),
            "{err}"
        );
        let read = [GBK_OGI, b"\n"].concat();
        assert_eq!(
            encode_exactly(
                "政府信息公开\n",
                "政府信息公开!\n",
                encoding,
                &read,
                Lang::En
            )
            .unwrap(),
            [GBK_OGI, b"!\n"].concat()
        );
    }

    proptest::proptest! {
        /// Any bytes: no panic, and an error's offset and line are inside the file.
        #[test]
        fn any_bytes_decode_or_are_located(bytes in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::any::<u8>(),
                proptest::prelude::Just(b'\n'),
                proptest::prelude::Just(0xB1),
            ],
            0..40,
        )) {
            match decode(bytes.clone()) {
                Ok(decoded) => {
                    let text = decoded.text.as_str().to_owned();
                    proptest::prop_assert!(!text.contains('\0'));
                    if decoded.encoding != TextEncoding::Gb18030 {
                        proptest::prop_assert_eq!(encode(&text, decoded.encoding), bytes);
                    }
                }
                Err(err) => {
                    proptest::prop_assert!(err.offset <= bytes.len());
                    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
                    proptest::prop_assert!(err.line >= 1 && err.line <= lines);
                }
            }
        }
    }
}
