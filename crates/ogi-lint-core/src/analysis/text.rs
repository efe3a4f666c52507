//! Text helpers shared by the parsers: label normalisation (spec §8) and value-cell parsing.

use std::borrow::Cow;

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

/// Removes `[bookmark: …]` residue that Word exports leave before values and labels.
pub fn strip_bookmarks(text: &str) -> Cow<'_, str> {
    // Called on every cell: a byte search first.
    if memchr::memchr(b'[', text.as_bytes()).is_none() || !text.contains("[bookmark:") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[bookmark:") {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Tags whose pair around a cell or heading is markup, not content (Word-made and converted
/// HTML: `<b>…</b>`, `<span style=…>…</span>`, `<td>…</td>`).
const WRAPPING_TAGS: &[&str] = &[
    "b", "strong", "i", "em", "u", "span", "font", "p", "div", "td", "th", "h1", "h2", "h3", "h4",
    "h5", "h6",
];

/// The range of `text` inside the Markdown emphasis and HTML tags that wrap all of it
/// (`**33**`, `*（七）总计*`, `<b>规章</b>`, spec §7), with surrounding space trimmed. Markup is
/// not content: a finding points at the text inside it, and a fix keeps the markup.
pub fn inside_markup(text: &str) -> std::ops::Range<usize> {
    let (mut start, mut end) = (0, text.len());
    loop {
        let t = &text[start..end];
        let trimmed = trim(t);
        start += trimmed.as_ptr() as usize - t.as_ptr() as usize;
        end = start + trimmed.len();
        let t = &text[start..end];
        let (open, close) = wrapper_len(t);
        if open == 0 || open + close >= t.len() {
            return start..end;
        }
        start += open;
        end -= close;
    }
}

/// Lengths of the opening and closing markup wrapping all of `t` (0, 0 when none does).
fn wrapper_len(t: &str) -> (usize, usize) {
    // Most text starts with none of the markers' first characters.
    if !matches!(t.as_bytes().first(), Some(b'*' | b'_' | b'~' | b'<')) {
        return (0, 0);
    }
    for marker in ["**", "__", "*", "_", "~~"] {
        if t.len() > 2 * marker.len() && t.starts_with(marker) && t.ends_with(marker) {
            return (marker.len(), marker.len());
        }
    }
    if !t.starts_with('<') || !t.ends_with('>') {
        return (0, 0);
    }
    let Some(open_end) = t.find('>') else {
        return (0, 0);
    };
    let name: String = t[1..open_end]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if !WRAPPING_TAGS.contains(&name.as_str()) {
        return (0, 0);
    }
    let closing = format!("</{name}>");
    let ends_with_closing = t.len() >= closing.len()
        && t.get(t.len() - closing.len()..)
            .is_some_and(|c| c.eq_ignore_ascii_case(&closing));
    if ends_with_closing {
        (open_end + 1, closing.len())
    } else {
        (0, 0)
    }
}

/// The text of a cell without markup inside it: HTML tags are dropped (`<br>` joins the two
/// lines of a wrapped label), entities are decoded (`&nbsp;` is a space), and `[bookmark: …]`
/// residue is removed; surrounding space is trimmed.
pub fn cell_text(text: &str) -> Cow<'_, str> {
    let text = strip_bookmarks(text);
    // Called on every cell: a byte test first.
    if !text.bytes().any(|b| b == b'<' || b == b'&') {
        return match text {
            Cow::Borrowed(t) => Cow::Borrowed(trim(t)),
            Cow::Owned(t) => Cow::Owned(trim(&t).to_string()),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let markup = if after.starts_with('<') {
            tag_len(after).map(|n| (None, n))
        } else {
            entity(after).map(|(c, n)| (Some(c), n))
        };
        match markup {
            Some((c, n)) => {
                out.extend(c);
                rest = &after[n..];
            }
            None => {
                // A `<` or `&` that is text (`1 < 2`): both are one byte.
                out.push_str(&after[..1]);
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(trim(&out).to_string())
}

/// The length of an HTML tag at the start of `t` (`<br>`, `<br/>`, `</b>`, `<span style=…>`).
fn tag_len(t: &str) -> Option<usize> {
    let inner = t.strip_prefix('<')?;
    let name = inner.strip_prefix('/').unwrap_or(inner);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = t.find('>')?;
    // A tag is short and holds no other tag.
    (end <= 200 && !t[1..end].contains('<')).then_some(end + 1)
}

/// The character an HTML entity at the start of `t` stands for, and the entity's length.
fn entity(t: &str) -> Option<(char, usize)> {
    let end = t.get(..12).unwrap_or(t).find(';')?;
    let name = &t[1..end];
    let c = match name {
        "nbsp" | "ensp" | "emsp" | "#160" | "#xa0" | "#xA0" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Whitespace as real exports have it: ASCII, NBSP, ideographic space, zero-width characters
/// and a stray BOM.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        // What `char::is_whitespace` accepts among ASCII (with the vertical tab, unlike
        // `is_ascii_whitespace`).
        return matches!(c, ' ' | '\t'..='\r');
    }
    if c > '\u{3000}' {
        // No whitespace comes after the ideographic space but the BOM: the CJK text of a
        // report is answered without the Unicode property.
        return c == '\u{feff}';
    }
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{a0}'
        )
}

// Called for nearly every cell and line: inlined across codegen units, so that whether the
// callers share a unit with it (which any change elsewhere in the crate may reshuffle) does not
// decide the cost of the table pass.
#[inline]
pub fn trim(text: &str) -> &str {
    // Called on nearly every line and cell, most of which neither start nor end with a space:
    // one character looked at at each end, without the general search. Most ends are told
    // from a byte, without decoding the character: an ASCII byte is its character, and a
    // 3-byte character led by E4..=E9 is a CJK ideograph (U+4000..=U+9FFF), never a space.
    let bytes = text.as_bytes();
    let is_ideograph_lead = |b: u8| (0xE4..=0xE9).contains(&b);
    let start_plain = match bytes.first() {
        Some(&b) if b.is_ascii() => !is_ascii_space(b),
        Some(&b) if is_ideograph_lead(b) => true,
        Some(_) => text.chars().next().is_some_and(|c| !is_space(c)),
        None => false,
    };
    let end_plain = || match bytes.last() {
        Some(&b) if b.is_ascii() => !is_ascii_space(b),
        Some(_)
            if bytes
                .len()
                .checked_sub(3)
                .and_then(|i| bytes.get(i))
                .is_some_and(|&b| is_ideograph_lead(b)) =>
        {
            true
        }
        _ => text.chars().next_back().is_some_and(|c| !is_space(c)),
    };
    if start_plain && end_plain() {
        return text;
    }
    text.trim_matches(is_space)
}

/// Whether `text` has more than `n` characters: told from its length alone when it is that
/// short or that long (a character takes one to four bytes), counted only in between. Most
/// lines tested are paragraphs far longer than a label.
pub fn more_chars_than(text: &str, n: usize) -> bool {
    text.len() > n && (text.len() > 4 * n || text.chars().count() > n)
}

/// [`is_space`] of an ASCII character, from its byte.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The comparison form of a label (spec §8): NFKC (full/half width), no whitespace, no
/// bookmark residue, one kind of bracket and quote, no trailing `|` or `:`, and a uniform
/// separator after a leading item number (`1、` → `1.`).
pub fn normalize_label(text: &str) -> String {
    let text = strip_bookmarks(text);
    let mut out = String::with_capacity(text.len());
    // Most labels hold only characters whose NFKC form is one known character and that never
    // combine with their neighbours: read in one pass, without the quick check's lookups.
    let plain = text.chars().try_for_each(|c| {
        push_label_char(&mut out, plain_nfkc(c)?);
        Some(())
    });
    if plain.is_none() {
        out.clear();
        nfkc(&text)
            .chars()
            .for_each(|c| push_label_char(&mut out, c));
    }
    while out.ends_with(['|', ':', '：']) {
        out.pop();
    }
    while out.starts_with('|') {
        out.remove(0);
    }
    unify_item_separator(out)
}

/// Pushes `c` (a character of a label in NFKC) in its comparison form: spaces dropped, one
/// kind of bracket and quote.
fn push_label_char(out: &mut String, c: char) {
    if is_space(c) {
        return;
    }
    out.push(match c {
        '【' | '〔' | '［' | '[' | '{' => '(',
        '】' | '〕' | '］' | ']' | '}' => ')',
        '“' | '”' | '„' | '‟' | '"' | '「' | '」' | '『' | '』' | '‘' | '’' | '\'' => {
            '"'
        }
        other => other,
    });
}

/// The NFKC form of `c` when it is one character and `c` composes with no neighbour, whatever
/// they are: ASCII, the CJK ideographs, full-width ASCII (`（`, `１`, whose NFKC form is the
/// ASCII character), the ideographic space (a space) and the punctuation of Chinese labels
/// (no decomposition). A text of such characters has as NFKC form the concatenation of
/// theirs: a character combines only with a combining mark or a few letters of other scripts
/// after it, none of them here. `None` for any other character.
fn plain_nfkc(c: char) -> Option<char> {
    match c {
        '\0'..='\u{7f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' => Some(c),
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '\u{3000}' => Some(' '),
        '、' | '。' | '“' | '”' | '‘' | '’' | '《' | '》' | '【' | '】' | '〔' | '〕' | '「'
        | '」' | '『' | '』' | '—' => Some(c),
        _ => None,
    }
}

/// The NFKC form of `text`, cheaply in the usual cases: most labels are already in NFKC (CJK
/// ideographs, ASCII), and most of the rest are so but for full-width ASCII (`（一）`, `１２`),
/// whose NFKC form is the ASCII character.
fn nfkc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    // ASCII and the CJK ideographs are NFKC and never combine (the quick check's table lookups
    // cost more than the rest of normalising a label).
    let plain = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii() || matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'))
    };
    if plain(text) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let narrowed: String = text
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            other => other,
        })
        .collect();
    if plain(&narrowed) || is_nfkc_quick(narrowed.chars()) == IsNormalized::Yes {
        Cow::Owned(narrowed)
    } else {
        Cow::Owned(narrowed.nfkc().collect())
    }
}

/// `1、` / `1．` / `1,` at the start of a label → `1.`.
fn unify_item_separator(mut label: String) -> String {
    let digits = label.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < label.len() {
        let rest = &label[digits..];
        for sep in ["、", ",", "．"] {
            if let Some(after) = rest.strip_prefix(sep) {
                label = format!("{}.{}", &label[..digits], after);
                break;
            }
        }
    }
    label
}

/// The label without a trailing parenthetical filling note (`规章(设区的市…)` → `规章`),
/// when something precedes the note. Works on normalised labels.
pub fn without_note(label: &str) -> &str {
    if !label.ends_with(')') {
        return label;
    }
    // Find the '(' that opens the final parenthetical, allowing nesting.
    let mut depth = 0usize;
    for (idx, c) in label.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let before = &label[..idx];
                    // A leading item number like "(一)" is not a note.
                    if before.is_empty() || is_item_number(before) {
                        return label;
                    }
                    return before;
                }
            }
            _ => {}
        }
    }
    label
}

fn is_item_number(text: &str) -> bool {
    let inner = text.trim_start_matches('(').trim_end_matches(')');
    !inner.is_empty()
        && inner
            .chars()
            .all(|c| CHINESE_DIGITS.contains(c) || c.is_ascii_digit())
}

const CHINESE_DIGITS: &str = "零〇一二三四五六七八九十";

/// The value of a Chinese numeral from 一 to 九十九 (`十二` → 12), for heading numbers.
pub fn chinese_number(text: &str) -> Option<u32> {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|&d| d == c).map(|i| i as u32);
    // Up to three characters, without a list allocated for them: a longer text is no numeral.
    let mut chars = ['\0'; 3];
    let mut len = 0;
    for c in text.chars() {
        *chars.get_mut(len)? = c;
        len += 1;
    }
    match &chars[..len] {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c).filter(|d| *d > 0),
        ['十', u] => digit(*u).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|d| d * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        _ => {
            let tens = DIGITS[(n / 10 % 10) as usize];
            if n % 10 == 0 {
                format!("{tens}十")
            } else {
                format!("{tens}十{}", DIGITS[(n % 10) as usize])
            }
        }
    }
}

/// Words real reports write in a value cell for "none"; they count as blank.
const NONE_WORDS: &[&str] = &["无", "暂无", "没有", "空", "不适用", "未发生"];

/// Whether a cell's text is a label (has wording) rather than a value (possibly a broken one).
pub fn is_label_text(text: &str) -> bool {
    is_trimmed_label_text(trim(text))
}

/// [`is_label_text`] of text already trimmed.
pub fn is_trimmed_label_text(t: &str) -> bool {
    has_wording_char(t)
        // No word for "none" is longer than 9 bytes (`不适用`, `未发生`).
        && !(t.len() <= 9 && NONE_WORDS.contains(&t))
}

/// `t` has a CJK character that is not a value word (`t.chars().any(|c| is_cjk(c) &&
/// !is_value_word_char(c))`), found on the bytes: every CJK character starts with a byte of
/// at least 0xE3 (0xE3..=0xEF for U+3400..U+FAFF, 0xF0 for U+20000..U+2FFFF), which no ASCII
/// byte, continuation byte or shorter character's lead is, so only those bytes are decoded.
/// Most labels open with a few characters that are not (`（一）`, `1.`), decoded one by one by
/// `chars` before.
fn has_wording_char(t: &str) -> bool {
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        i += 1;
        if lead < 0xE3 {
            continue;
        }
        // A valid `str`: a lead byte has all its continuation bytes.
        let (Some(&b1), Some(&b2)) = (bytes.get(i), bytes.get(i + 1)) else {
            return false;
        };
        let (b1, b2) = (u32::from(b1 & 0x3F), u32::from(b2 & 0x3F));
        if lead < 0xF0 {
            let code = (u32::from(lead & 0x0F) << 12) | (b1 << 6) | b2;
            if let Some(c) = char::from_u32(code) {
                if is_cjk(c) && !is_value_word_char(c) {
                    return true;
                }
            }
            i += 2;
        } else {
            // U+20000..U+2FFFF is 0xF0 0xA0..=0xAF: CJK, and no value word.
            if lead == 0xF0 && (0x20..=0x2F).contains(&b1) {
                return true;
            }
            i += 3;
        }
    }
    false
}

/// Characters that may appear in a value cell without making it a label: numerals, units,
/// words for increase/decrease and "none".
fn is_value_word_char(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
            | '件'
            | '个'
            | '条'
            | '次'
            | '人'
            | '篇'
            | '项'
            | '元'
            | '增'
            | '减'
            | '少'
            | '加'
            | '无'
    )
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// A unit written in a value cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Yuan,
    WanYuan,
    /// 件, 个, 条, 次, 项 … (a count word).
    Count,
}

/// A value cell, parsed without knowing its column.
// A tag byte of its own rather than a niche in `written`'s capacity: see `CellKind` (blocks).
#[derive(Debug, Clone, PartialEq, Eq)]
#[repr(u8)]
pub enum CellValue {
    /// Nothing in the cell.
    Blank,
    /// `—`, `-`, `/`, `无`: explicitly none; counts as blank.
    None,
    Number(Number),
    /// Not a number: the reason and, when obvious, the intended number (`O` → `0`, `十` → `10`).
    Invalid {
        reason: InvalidReason,
        suggestion: Option<String>,
        /// The cell as written (width folded, spaces removed), for the message.
        written: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidReason {
    /// Letters or other characters that are not part of any number.
    NotANumber,
    /// A number in Chinese numerals.
    ChineseNumeral,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: Decimal,
    /// Written with a sign or a sign word (`+3`, `-8`, `减 6`, `增3`).
    pub signed: bool,
    pub unit: Option<Unit>,
    pub has_fraction: bool,
    /// The cell as written (width folded, spaces removed) when it is more than plain digits
    /// (`9件`, `+3`), for a message when the column does not allow it; empty for plain digits.
    pub written: String,
}

/// [`parse_value`] of a cell of plain ASCII digits (not empty), without looking at them
/// twice: most value cells are.
pub fn parse_digits(digits: &str) -> CellValue {
    if digits.len() > 18 {
        return parse_value(digits);
    }
    // Up to 18 digits fit a u64: the same Decimal (scale 0) as parsing the text gives.
    // Wrapping: exact for digits, and no panic should a caller pass other text.
    let n = (digits.bytes()).fold(0u64, |n, b| {
        n.wrapping_mul(10)
            .wrapping_add(u64::from(b.wrapping_sub(b'0')))
    });
    plain_number(Decimal::from(n))
}

/// The value of plain digits.
fn plain_number(value: Decimal) -> CellValue {
    CellValue::Number(Number {
        value,
        signed: false,
        unit: None,
        has_fraction: false,
        written: String::new(),
    })
}

/// Parses a value cell's text (already without bookmark residue).
pub fn parse_value(raw: &str) -> CellValue {
    // The common case: plain digits.
    if !raw.is_empty() && raw.len() <= 24 && raw.bytes().all(|b| b.is_ascii_digit()) {
        if raw.len() <= 18 {
            return parse_digits(raw);
        }
        if let Ok(value) = raw.parse::<Decimal>() {
            return plain_number(value);
        }
    }
    // ASCII is its own NFKC form: without spaces, the cell is read as written (copied only
    // into an invalid value's message or a number's written form).
    let text: Cow<str> = if raw
        .bytes()
        .all(|b| b.is_ascii() && !is_space(char::from(b)))
    {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(nfkc_without_spaces(raw))
    };
    if text.is_empty() {
        return CellValue::Blank;
    }
    if matches!(
        &*text,
        "-" | "--" | "—" | "——" | "–" | "―" | "/" | "\\" | "─" | "━" | "−"
    ) || NONE_WORDS.contains(&&*text)
    {
        return CellValue::None;
    }
    let mut rest: &str = &text;
    let mut negative = false;
    let mut signed = false;
    for (prefix, neg) in [
        ("+", false),
        ("-", true),
        ("−", true),
        ("增加", false),
        ("增", false),
        ("减少", true),
        ("减", true),
    ] {
        if let Some(after) = rest.strip_prefix(prefix) {
            rest = after;
            negative = neg;
            signed = true;
            break;
        }
    }
    let mut unit = None;
    for (suffix, u) in [
        ("万元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("件", Unit::Count),
        ("个", Unit::Count),
        ("条", Unit::Count),
        ("次", Unit::Count),
        ("项", Unit::Count),
        ("人", Unit::Count),
        ("篇", Unit::Count),
    ] {
        if let Some(before) = rest.strip_suffix(suffix) {
            rest = before;
            unit = Some(u);
            break;
        }
    }
    let digits: Cow<str> = if rest.contains(',') {
        Cow::Owned(rest.chars().filter(|c| *c != ',').collect())
    } else {
        Cow::Borrowed(rest)
    };
    let well_formed = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && thousands_ok(rest);
    if well_formed {
        if let Ok(mut value) = digits.parse::<Decimal>() {
            if negative {
                value.set_sign_negative(true);
            }
            return CellValue::Number(Number {
                value,
                signed,
                unit,
                has_fraction: digits.contains('.'),
                written: text.into_owned(),
            });
        }
    }
    CellValue::Invalid {
        reason: if text.chars().all(is_value_word_char) {
            InvalidReason::ChineseNumeral
        } else {
            InvalidReason::NotANumber
        },
        suggestion: suggest_number(&text),
        written: text.into_owned(),
    }
}

/// The NFKC form of `raw` without its spaces. Most value cells (`-`, `—`, `1,234`, `３件`) hold
/// only characters of [`plain_nfkc`], whose NFKC form is theirs one by one: read in one pass,
/// without the normaliser's iterator.
fn nfkc_without_spaces(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let plain = raw.chars().try_for_each(|c| {
        let c = plain_nfkc(c)?;
        if !is_space(c) {
            out.push(c);
        }
        Some(())
    });
    match plain {
        Some(()) => out,
        None => raw.nfkc().filter(|c| !is_space(*c)).collect(),
    }
}

/// Thousands separators, when present, group digits by three.
fn thousands_ok(text: &str) -> bool {
    if !text.contains(',') {
        return true;
    }
    let int_part = text.split('.').next().unwrap_or("");
    let mut groups = int_part.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// The number a broken cell most likely means, when that is unambiguous.
fn suggest_number(text: &str) -> Option<String> {
    // Letters that look like digits.
    let swapped: String = text
        .chars()
        .map(|c| match c {
            'O' | 'o' | 'Ｏ' | '〇' => '0',
            'l' | 'I' | '|' => '1',
            other => other,
        })
        .collect();
    if swapped != text && !swapped.is_empty() && swapped.chars().all(|c| c.is_ascii_digit()) {
        return Some(swapped.trim_start_matches('0').to_string()).map(|s| {
            if s.is_empty() {
                "0".to_string()
            } else {
                s
            }
        });
    }
    let numeral = text
        .trim_end_matches(['件', '个', '条', '次', '项'])
        .to_string();
    chinese_count(&numeral).map(|n| n.to_string())
}

/// The value of a Chinese digit (`零`/`〇` … `九`, and `两` for 2); `None` for any other
/// character (the units `十`, `百`, `千`, `万` included).
pub(crate) fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Chinese numerals up to 九千九百九十九 (`二十三` → 23, `两` → 2).
fn chinese_count(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let mut total = 0u64;
    let mut current = 0u64;
    let mut seen_digit = false;
    for c in text.chars() {
        if let Some(d) = chinese_digit(c) {
            current = d;
            seen_digit = true;
            continue;
        }
        let multiplier = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        let base = if current == 0 && !seen_digit {
            1
        } else {
            current
        };
        total += base * multiplier;
        current = 0;
        seen_digit = false;
    }
    Some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_width_brackets_quotes_spaces_and_bookmarks() {
        assert_eq!(normalize_label("（一）予以公开"), "(一)予以公开");
        assert_eq!(normalize_label("(一) 予以公开 |"), "(一)予以公开");
        assert_eq!(
            normalize_label("3.危及“三安全一稳定”"),
            "3.危及\"三安全一稳定\""
        );
        assert_eq!(
            normalize_label("3、危及\"三安全一稳定\""),
            "3.危及\"三安全一稳定\""
        );
        assert_eq!(
            normalize_label("三、 本年 度办 理结 果"),
            "三、本年度办理结果"
        );
        assert_eq!(
            normalize_label("[bookmark: Field_1]统　计　指　标"),
            "统计指标"
        );
    }

    #[test]
    fn notes_are_dropped_but_item_numbers_kept() {
        assert_eq!(without_note("规章(设区的市应提供相关数据)"), "规章");
        assert_eq!(
            without_note("采购总金额(单位:万元保留4位小数)"),
            "采购总金额"
        );
        assert_eq!(without_note("(七)总计"), "(七)总计");
        assert_eq!(
            without_note("(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
            "(二)部分公开"
        );
    }

    #[test]
    fn values() {
        let n = |s: &str| match parse_value(s) {
            CellValue::Number(n) => Some(n.value.to_string()),
            _ => None,
        };
        for digits in [
            "0",
            "007",
            "12",
            "999999999999999999",
            "1000000000000000000",
        ] {
            let CellValue::Number(read) = parse_value(digits) else {
                panic!("{digits} not read");
            };
            let Ok(parsed) = digits.parse::<Decimal>() else {
                panic!("{digits} not parsed");
            };
            assert_eq!(
                (read.value.mantissa(), read.value.scale()),
                (parsed.mantissa(), parsed.scale())
            );
        }
        assert_eq!(n(" 2"), Some("2".into()));
        assert_eq!(n("１２"), Some("12".into()));
        assert_eq!(n("1,234"), Some("1234".into()));
        assert_eq!(n("减 6"), Some("-6".into()));
        assert_eq!(n("增3"), Some("3".into()));
        assert_eq!(n("1898468.07 元"), Some("1898468.07".into()));
        assert_eq!(parse_value("—"), CellValue::None);
        assert_eq!(parse_value("/"), CellValue::None);
        assert_eq!(parse_value(""), CellValue::Blank);
        assert!(matches!(parse_value("1,23"), CellValue::Invalid { .. }));
        assert_eq!(
            parse_value("O"),
            CellValue::Invalid {
                reason: InvalidReason::NotANumber,
                suggestion: Some("0".into()),
                written: "O".into(),
            }
        );
        assert_eq!(
            parse_value("二十三件"),
            CellValue::Invalid {
                reason: InvalidReason::ChineseNumeral,
                suggestion: Some("23".into()),
                written: "二十三件".into(),
            }
        );
        assert!(matches!(
            parse_value("2a"),
            CellValue::Invalid {
                suggestion: None,
                ..
            }
        ));
    }

    #[test]
    fn markup_around_and_inside_cells_is_not_content() {
        fn inside(t: &str) -> &str {
            &t[inside_markup(t)]
        }
        assert_eq!(inside("**33**"), "33");
        assert_eq!(inside(" *（七）总计* "), "（七）总计");
        assert_eq!(inside("<b>规章</b>"), "规章");
        assert_eq!(inside("<B><span style=\"x\">**1**</span></B>"), "1");
        assert_eq!(inside("3.危及“三安全一稳定”"), "3.危及“三安全一稳定”");
        // Not a wrapper: markup that does not enclose everything, or encloses nothing.
        assert_eq!(inside("**a** b"), "**a** b");
        assert_eq!(inside("**"), "**");
        assert_eq!(inside("<br>"), "<br>");
        assert_eq!(
            cell_text("二、上年结转政府信息<br>公开申请数量"),
            "二、上年结转政府信息公开申请数量"
        );
        assert_eq!(cell_text("&nbsp;"), "");
        assert_eq!(cell_text("1&nbsp;"), "1");
        assert_eq!(cell_text("a &amp; b&#65;"), "a & bA");
        assert_eq!(cell_text("1 < 2 & 3"), "1 < 2 & 3");
        assert_eq!(cell_text("[bookmark: F_1]<br/>7"), "7");
    }

    #[test]
    fn spaces_are_whitespace_and_the_invisible_ones() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let expected = c.is_whitespace()
                || matches!(
                    c,
                    '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{a0}'
                );
            assert_eq!(is_space(c), expected, "{c:?}");
        }
        for t in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\t\r\n\u{b}\u{c}",
            "\u{3000}规章\u{a0}",
            " \u{3000} 规 章 \u{a0} ",
            "规章",
            "\u{200b}",
            "\u{85}x\u{2028}",
            "1 2",
            " \u{1c}1\u{1f} ",
        ] {
            assert_eq!(trim(t), t.trim_matches(is_space), "{t:?}");
        }
    }

    #[test]
    fn label_or_value() {
        assert!(is_label_text("规章"));
        assert!(is_label_text("（七）总计"));
        assert!(!is_label_text("十"));
        assert!(!is_label_text("2件"));
        assert!(!is_label_text("O"));
        assert!(!is_label_text("减 6"));
        // Every word for "none" is none, whatever its length (the test skips longer text).
        for word in NONE_WORDS {
            assert!(word.len() <= 9 && !is_label_text(word), "{word}");
        }
        assert!(is_label_text("不适用事项"));
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("七"), Some(7));
        assert_eq!(chinese_number("九十九"), Some(99));
        assert_eq!(chinese_number("零"), None);
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_count("二十三"), Some(23));
        assert_eq!(chinese_count("十"), Some(10));
        assert_eq!(chinese_count("两"), Some(2));
    }

    /// `normalize_label` as specified, with the NFKC form from `unicode_normalization` (no
    /// shortcut).
    fn normalize_label_reference(text: &str) -> String {
        let text = strip_bookmarks(text);
        let mut out = String::with_capacity(text.len());
        text.nfkc().for_each(|c| push_label_char(&mut out, c));
        while out.ends_with(['|', ':', '：']) {
            out.pop();
        }
        while out.starts_with('|') {
            out.remove(0);
        }
        unify_item_separator(out)
    }

    proptest::proptest! {
        /// The byte scan for a wording character finds what decoding every character finds.
        #[test]
        fn wording_char_on_bytes_as_on_chars(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'A', '1', '.', ' ', '（', '）', '、', '一', '十', '件', '无', '增', '规', '章',
                    '主', '〇', '\u{33ff}', '㐀', '\u{4dbf}', '\u{4dc0}', '\u{4dff}', '\u{4e00}',
                    '\u{9fff}', '\u{a000}', '\u{f8ff}', '\u{f900}', '\u{faff}', '\u{fb00}',
                    '\u{ff10}', '\u{ffff}', '\u{1ffff}', '\u{20000}', '\u{2ffff}', '\u{30000}',
                    '\u{10ffff}', 'é', '\u{7ff}', '\u{800}', '\u{2fff}', '\u{3000}', '😀',
                ]),
                0..8,
            ),
        ) {
            let text: String = chars.into_iter().collect();
            let expected = text.chars().any(|c| is_cjk(c) && !is_value_word_char(c));
            proptest::prop_assert_eq!(has_wording_char(&text), expected);
        }

        /// The one-pass reading of plain labels gives what NFKC gives, also next to combining
        /// marks, compatibility characters, Hangul and kana.
        #[test]
        fn plain_labels_normalize_as_nfkc_does(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'A', 'a', '1', '(', ' ', '|', ':', '、', '。', '“', '”', '‘', '’', '《', '》',
                    '【', '】', '〔', '〕', '「', '」', '『', '』', '—', '规', '章', '㐀', '（', '）',
                    '１', '，', '：', '～', '　', '\u{a0}', '\u{200b}', '\u{301}', '\u{308}',
                    '\u{338}', '\u{3099}', '\u{309a}', 'か', 'ｶ', 'ﾞ', '가', '\u{1100}',
                    '\u{1161}', '\u{11a8}', 'ﬁ', '①', '㈠', '\u{f900}', '…', '·', '\u{ff5f}',
                    '\u{ff00}', '\u{b47}', '\u{b3e}', '<', '=', '>',
                ]),
                0..10,
            )
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(normalize_label(&text), normalize_label_reference(&text));
        }

        /// A value cell's text read in one pass is its NFKC form without spaces, also next to
        /// combining marks and compatibility characters.
        #[test]
        fn value_text_is_its_nfkc_without_spaces(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'Ａ', '（', '１', '０', '，', '　', ' ', '\u{a0}', '\u{200b}', '1', ',', '.',
                    '-', '—', '―', '−', '/', '件', '无', '\u{301}', '①', 'ｶ', 'ﾞ', '\u{ff00}',
                ]),
                0..10,
            )
        ) {
            use unicode_normalization::UnicodeNormalization;
            let raw: String = chars.into_iter().collect();
            let expected: String = raw.nfkc().filter(|c| !is_space(*c)).collect();
            proptest::prop_assert_eq!(nfkc_without_spaces(&raw), expected);
        }

        /// ASCII without spaces is read as written: it is its own NFKC form.
        #[test]
        fn ascii_value_text_is_its_own_nfkc_form(raw in "[\\x21-\\x7e]{0,12}") {
            use unicode_normalization::UnicodeNormalization;
            let expected: String = raw.nfkc().filter(|c| !is_space(*c)).collect();
            proptest::prop_assert_eq!(&raw, &expected);
            proptest::prop_assert_eq!(nfkc_without_spaces(&raw), expected);
        }

        /// The shortcut for full-width ASCII gives exactly the NFKC form, also next to
        /// combining marks, compatibility characters and Hangul.
        #[test]
        fn nfkc_shortcut_is_nfkc(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'Ａ', 'ａ', '（', '）', '１', '０', '，', '：', '　', 'A', '1', '(', '规',
                    '章', '\u{301}', '\u{308}', '\u{327}', 'ﬁ', '①', '㈠', 'ｶ', 'ﾞ', '가',
                    '\u{1100}', '\u{1161}', '—', '·', '\u{ff5f}', '\u{ff00}',
                ]),
                0..10,
            )
        ) {
            use unicode_normalization::UnicodeNormalization;
            let text: String = chars.into_iter().collect();
            let expected: String = text.nfkc().collect();
            let fast = nfkc(&text);
            proptest::prop_assert_eq!(fast.as_ref(), expected.as_str());
        }

        /// A length decides as the count of characters does, for characters of every width.
        #[test]
        fn more_chars_than_counts_characters(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'é', '一', '\u{20000}']),
                0..30,
            ),
            n in 0usize..12,
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(more_chars_than(&text, n), text.chars().count() > n);
        }

        /// Ends told from their bytes trim as the general search does: ASCII, ideographs at
        /// the edges of the E4..=E9 range, other CJK, and every kind of space.
        #[test]
        fn trim_is_the_general_trim(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    ' ', '\t', '\n', '\u{b}', '\r', 'a', '1', '\u{a0}', '\u{3000}', '\u{200b}',
                    '\u{feff}', '\u{2028}', '一', '\u{4000}', '\u{9fff}', '\u{3fff}', '\u{a000}',
                    '（', '。', '㐀', 'é', '\u{20000}',
                ]),
                0..8,
            )
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(trim(&text), text.trim_matches(is_space), "{:?}", text);
        }
    }
}
