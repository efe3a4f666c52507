//! Report files on disk, as the command line and the server both read them: their bytes
//! decoded ([`encoding`]: UTF-8, UTF-16 with a BOM, GB18030), and the identity their head gives
//! (the body and the year, when certain) for pairing a report with last year's.

pub mod encoding;

use std::fs;
use std::io::Read as _;
use std::path::Path;

use crate::analysis::{self, Identity};

/// How much of a file is read for its identity: its first lines — the title stands among the
/// first twelve, and the line below it is read too — and no more than a few kilobytes, so the
/// pass costs little beside checking the files.
const HEAD_LINES: usize = 14;
const HEAD_BYTES: u64 = 4 * 1024;

/// The identity the head of a file gives, if any (`analysis::across_years::head_identity`).
pub fn head_identity(path: &Path) -> Option<Identity> {
    // Sized for the whole head at once: read into a vector grown from empty, the head cost a
    // few reallocations and copies per file.
    let mut bytes = Vec::with_capacity(HEAD_BYTES as usize);
    let file = fs::File::open(path).ok()?;
    file.take(HEAD_BYTES).read_to_end(&mut bytes).ok()?;
    let cut = bytes.len() as u64 == HEAD_BYTES;
    bytes.truncate(head_len(&bytes, cut));
    let text = encoding::decode(bytes).ok()?.text;
    analysis::across_years::head_identity(text.as_str())
}

/// The length of the first [`HEAD_LINES`] lines of `bytes`, a file's head (`cut`: the file
/// goes on after it, so a last line without its break may be cut anywhere and is left out). In
/// UTF-16 a line break is a whole code unit; in UTF-8 and GB18030 a `\n` byte is never part of
/// another character.
fn head_len(bytes: &[u8], cut: bool) -> usize {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some([b'\n', 0]),
        [0xFE, 0xFF, ..] => Some([0, b'\n']),
        _ => None,
    };
    // Each form's line ends walked without a boxed iterator: a call through it for every line
    // cost more than finding the line's end.
    let head = match utf16 {
        Some(newline) => head_end(
            bytes
                .chunks_exact(2)
                .enumerate()
                .filter(move |(_, unit)| *unit == newline)
                .map(|(i, _)| 2 * i + 2),
        ),
        None => head_end(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)),
    };
    match head {
        HeadEnd::Lines(end) => end,
        HeadEnd::LastBreak(last_break) if cut => last_break,
        HeadEnd::LastBreak(_) => bytes.len(),
    }
}

/// Where the head ends, from the ends of a file's lines ([`head_len`]).
enum HeadEnd {
    /// After its [`HEAD_LINES`] lines.
    Lines(usize),
    /// The file has fewer lines: its last line break (0 if none).
    LastBreak(usize),
}

fn head_end(breaks: impl Iterator<Item = usize>) -> HeadEnd {
    let mut last_break = 0;
    for (n, end) in breaks.enumerate() {
        if n + 1 == HEAD_LINES {
            return HeadEnd::Lines(end);
        }
        last_break = end;
    }
    HeadEnd::LastBreak(last_break)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_its_first_lines() {
        let many = "a\n".repeat(20);
        assert_eq!(head_len(many.as_bytes(), false), 2 * HEAD_LINES);
        // A short file is read whole; a cut one up to its last line break.
        assert_eq!(head_len(b"ab\ncd\nef", false), 8);
        assert_eq!(head_len(b"ab\ncd\nef", true), 6);
        assert_eq!(head_len(b"abc", true), 0);
        // UTF-16 LE: `a\nb` with a BOM, cut; the 0x0A of a code unit that is not a line break
        // (U+0A61) is not taken for one.
        let le = [0xFF, 0xFE, b'a', 0, b'\n', 0, 0x61, 0x0A, b'b'];
        assert_eq!(head_len(&le, true), 6);
        let be = [0xFE, 0xFF, 0, b'a', 0, b'\n', 0x0A, 0x61, 0];
        assert_eq!(head_len(&be, true), 6);
    }
}
