//! Section-heading candidates on one line: `二、主动公开政府信息情况`, `## 五. 存在…`,
//! `**六、其他…**`, a bare standard title, and the `第二十条第（X）项` block labels of table 二.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::{Heading, Label, LabelMemo, TitleWording};
use crate::analysis::template::{Role, Vocabulary};
use crate::analysis::text::{
    chinese_number, inside_markup, more_chars_than, normalize_label, trim,
};

pub(super) fn article_item_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^第\s*二\s*十\s*条\s*第?\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*项\s*$")
            .expect("static regex")
    })
}

/// The line without Markdown heading hashes, the emphasis or HTML tags around it (`**…**`,
/// `*…*`, `<b>…</b>`) or surrounding space.
pub(super) fn strip_markup(line: &str) -> &str {
    let t = trim(line);
    // Most lines start with no markup at all: the line trimmed, without looking for wrappers.
    if !matches!(t.as_bytes().first(), Some(b'#' | b'*' | b'_' | b'~' | b'<')) {
        return t;
    }
    let t = t.trim_start_matches('#');
    &t[inside_markup(t)]
}

pub(super) const NUMERALS: [char; 10] =
    ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Splits `五 、 存在的主要问题` into numeral (one to three Chinese numerals), separator (`、`,
/// `､`, `.`, `．`, `,` or `，` with spaces or TABs around it) and title (starting with a
/// non-space), as byte ranges. Every line starting with a numeral is tested, so by hand
/// rather than with a capturing regex.
pub(super) fn split_heading(line: &str) -> Option<(Range<usize>, Range<usize>, Range<usize>)> {
    let numeral_end = line
        .char_indices()
        .find(|(_, c)| !NUMERALS.contains(c))
        .map_or(line.len(), |(i, _)| i);
    let numerals = line[..numeral_end].chars().count();
    if !(1..=3).contains(&numerals) {
        return None;
    }
    let is_gap = |c: char| matches!(c, ' ' | '\t' | '\u{3000}');
    let rest = line[numeral_end..].trim_start_matches(is_gap);
    let rest = rest.strip_prefix(['、', '､', '.', '．', ',', '，'])?;
    let title = rest.trim_start_matches(is_gap);
    if title.chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    let title_start = line.len() - title.len();
    Some((
        0..numeral_end,
        numeral_end..title_start,
        title_start..line.len(),
    ))
}

/// A line without its markup ([`strip_markup`]) and where that starts in its block: stripped
/// once for the readings of a block's first line (a heading, a bare title, a table label).
#[derive(Debug, Clone, Copy)]
pub(super) struct BareLine<'a> {
    pub text: &'a str,
    pub start: usize,
}

impl<'a> BareLine<'a> {
    /// `line`, which starts at `offset` in its block, without its markup.
    pub(super) fn of(line: &'a str, offset: usize) -> BareLine<'a> {
        let text = strip_markup(line);
        BareLine {
            text,
            start: offset + (text.as_ptr() as usize - line.as_ptr() as usize),
        }
    }
}

/// Recognises a section-heading candidate on one line (without its markup), so ranges come
/// out block-relative. The title's wording comes from `memo`.
pub(super) fn parse_heading(line: BareLine, memo: &mut LabelMemo) -> Option<Heading> {
    let BareLine {
        text: bare,
        start: bare_start,
    } = line;
    let HeadingParts {
        bare,
        numeral,
        separator,
        title_range,
        title,
    } = heading_parts(bare)?;
    let title_match = &bare[title_range.clone()];
    let number = chinese_number(&bare[numeral]);
    let title_start =
        bare_start + title_range.start + (title.as_ptr() as usize - title_match.as_ptr() as usize);
    Some(Heading {
        number,
        range: bare_start..bare_start + bare.len(),
        prefix_range: bare_start..bare_start + separator.end,
        separator: match &bare[separator] {
            "、" => Cow::Borrowed("、"),
            other => Cow::Owned(other.to_string()),
        },
        title: title.to_string(),
        title_range: title_start..title_start + title.len(),
        wording: memo.title(title),
    })
}

/// Whether the line, without its markup (`bare`, see [`strip_markup`]), is what
/// [`parse_heading`] reads as a heading: its test, without building the heading (every line
/// starting with a numeral is classified).
pub(super) fn is_heading(bare: &str) -> bool {
    heading_parts(bare).is_some()
}

/// A heading line without its markup, in parts.
struct HeadingParts<'a> {
    /// The line without a trailing colon.
    bare: &'a str,
    /// The ranges in `bare` of the numeral, the separator and the title (see
    /// [`split_heading`]).
    numeral: Range<usize>,
    separator: Range<usize>,
    title_range: Range<usize>,
    /// The title, trimmed.
    title: &'a str,
}

fn heading_parts(bare: &str) -> Option<HeadingParts<'_>> {
    let bare = bare.trim_end_matches(['：', ':']);
    let (numeral, separator, title_range) = split_heading(bare)?;
    let title = trim(&bare[title_range.clone()]);
    if more_chars_than(title, 30) || has_sentence_stop(title) {
        return None;
    }
    if title.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(HeadingParts {
        bare,
        numeral,
        separator,
        title_range,
        title,
    })
}

/// Whether `title` holds `。`, `；` or `;`: found by their first bytes (E3, EF, `;`), rare in
/// Chinese text, rather than by decoding every character.
pub(super) fn has_sentence_stop(title: &str) -> bool {
    let bytes = title.as_bytes();
    memchr::memchr3_iter(0xE3, 0xEF, b';', bytes).any(|i| {
        let rest = bytes.get(i..).unwrap_or_default();
        rest.starts_with(b";")
            || rest.starts_with("。".as_bytes())
            || rest.starts_with("；".as_bytes())
    })
}

/// An unnumbered line that is exactly a standard section title (`总体情况`). `known` is the
/// line read as a label, if it was (its normal form and standard-label hits are the ones
/// needed here).
pub(super) fn parse_bare_title(line: BareLine, known: Option<&Label>) -> Option<Heading> {
    let BareLine { text: bare, start } = line;
    if bare.is_empty() || more_chars_than(bare, 30) {
        return None;
    }
    let vocabulary = Vocabulary::get();
    let is_title_label = |i: usize| {
        vocabulary
            .labels
            .get(i)
            .is_some_and(|l| matches!(l.at.role, Role::SectionTitle(_)))
    };
    let norm = match known.filter(|label| label.text == bare) {
        Some(label) => {
            if !label.hits.iter().any(|&i| is_title_label(i as usize)) {
                return None;
            }
            label.norm.clone()
        }
        None => {
            let norm = normalize_label(bare);
            if !vocabulary.exact(&norm).iter().any(|&i| is_title_label(i)) {
                return None;
            }
            norm
        }
    };
    Some(Heading {
        number: None,
        range: start..start + bare.len(),
        prefix_range: start..start,
        separator: Cow::Borrowed(""),
        title: bare.to_string(),
        title_range: start..start + bare.len(),
        // A standard title word for word: no similarities needed.
        wording: Arc::new(TitleWording {
            norm,
            fuzzy: Vec::new(),
        }),
    })
}
