//! What the prose of a block says about the document: the years it gives for the report (in a
//! title, the statistics period, a sentence), a cited 文号, and which topic words occur.
//!
//! The 文号 and the topic words are the templates' (`document`, `topics`): one source, so a
//! word added to a template is a word looked for, and a new edition's 文号 is recognised.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::Line;
use crate::analysis::prose::{Leftmost, LeftmostWords};
use crate::analysis::template::{DocumentNumber, Registry};
use crate::analysis::Edition;

/// What prose says about the document as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    pub mentions_ogi: bool,
    /// What the block says about the report's year or edition, in text order.
    pub mentions: Vec<Mention>,
    /// Bit i set: topic word i of [`topic_words`] occurs.
    pub topic_words: u64,
}

/// A statement of the report's year, or of its edition (a 文号). Block-relative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub kind: MentionKind,
    /// The year written (for a 文号, the year in its brackets).
    pub year: u16,
    /// The year with its `年` (`2021年`), or the whole 文号.
    pub range: Range<usize>,
    /// The block line it stands on (0 for the block's first line).
    pub line: u32,
    /// A sentence opening with `2020年以来，`: since that year, so a report of a later year may
    /// say it too (not a stale year for `year-mismatch`).
    pub since: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A cited 文号 of an edition (`国办公开办函〔2021〕30号`).
    Document(Edition),
    /// A short line naming the report with its year (`某局2021年度政府信息公开工作年度报告`):
    /// the title, where it stands at the top of the document or as its last line.
    TitleLine,
    /// A title split over two short lines, the year on the first
    /// (`永康市商务局2020年度政府信息公开工作` / `年度报告`).
    SplitTitle,
    /// The statistics period (`统计期限自2020年1月1日…`); its end year too when it differs
    /// (`…至2021年12月31日止`, half updated).
    Period,
    /// A sentence that names the report with its year (`特向社会公布2020年度…年度报告`) or
    /// opens with the year (`2020年，我局…`, `截至2020年底，…`). Not a work plan's year
    /// (`2021年，我局将…`).
    Prose,
}

/// Topic words searched in prose: every edition's section topics (section 一's five topics,
/// section 六's fee statement), distinct. Bit i of [`Signals::topic_words`] is word i.
pub fn topic_words() -> &'static [String] {
    Registry::get().topic_words()
}

/// The year (`2021年`, `2021 年度`) in the wording of a report's name: `…年度…政府信息公开…报告`.
const REPORT_NAME: &str =
    r"(20\d\d)\s*年\s*度?[^。\n，,]{0,30}?(?:政府信息公开|政务公开|信息公开)[^。\n，,]{0,12}?报告";

fn report_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(REPORT_NAME).expect("static regex"))
}

/// Where the first match of [`REPORT_NAME`] in `text` starts (all its readers ask), found by
/// hand: from each `20`, the year, its `年`, and a name word then `报告` within the reach of
/// the regex's gaps. The regex ran its forward and backward searches on most lines that name
/// the report, and building it cost as much as reading thousands of lines. A year written
/// with digits other than ASCII ones (`\d` is any decimal digit) is left to the regex.
fn report_name_start(text: &str) -> Option<usize> {
    static TWENTY: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let twenty = TWENTY.get_or_init(|| memchr::memmem::Finder::new("20"));
    for at in twenty.find_iter(text.as_bytes()) {
        match report_name_at(text, at + 2) {
            Some(true) => return Some(at),
            Some(false) => {}
            None => return report_name_re().find(text).map(|m| m.start()),
        }
    }
    None
}

/// Whether a match of [`REPORT_NAME`] starts with the `20` before `after_twenty`; `None` (the
/// regex decides) when the two digits after it are not both ASCII and one may be another
/// script's digit, or a line break follows the `年`.
fn report_name_at(text: &str, after_twenty: usize) -> Option<bool> {
    let Some(rest) = after_year(text.get(after_twenty..)?)? else {
        return Some(false);
    };
    // `\s*度?` then up to 30 characters before the name word: as many characters as the
    // spaces, the `度` after all of them, and 30 more.
    let after_spaces = rest.trim_start_matches(char::is_whitespace);
    let spaces = rest.len() - after_spaces.len();
    // A line break among them (not in a line, which is all the readers pass) may be taken by
    // `\s*` but by no gap: the regex decides.
    if rest
        .as_bytes()
        .get(..spaces)
        .is_some_and(|s| s.contains(&b'\n'))
    {
        return None;
    }
    let spaces = rest.get(..spaces).map_or(0, |s| s.chars().count());
    let reach = spaces + usize::from(after_spaces.starts_with('度')) + 30;
    let gap = |text: &str, reach: usize, found: &mut dyn FnMut(&str) -> bool| -> bool {
        let mut here = text;
        for _ in 0..=reach {
            if found(here) {
                return true;
            }
            let mut chars = here.chars();
            match chars.next() {
                Some('。' | '\n' | '，' | ',') | None => return false,
                Some(_) => here = chars.as_str(),
            }
        }
        false
    };
    Some(gap(rest, reach, &mut |here| {
        (here.starts_with('政') || here.starts_with('信'))
            && ["政府信息公开", "政务公开", "信息公开"].iter().any(|word| {
                here.strip_prefix(word)
                    .is_some_and(|after| gap(after, 12, &mut |there| there.starts_with("报告")))
            })
    }))
}

/// A year and a comma (`2020年，`, `2020年以来，`, `截至2020年底，`): the opening of a sentence
/// where nothing but the sentence's end stands before it ([`opens_sentence`]). Matched without
/// that context, so a search runs on the DFA alone, without captures.
const SENTENCE_YEAR: &str = r"(?:(?:截至|截止到?)\s*)?20\d\d\s*年(?:度|底|末)?(?:以来)?\s*[，,]";

/// [`SENTENCE_YEAR`] searched for through a line: the reference the tests hold
/// [`sentence_years`] to.
#[cfg(test)]
fn sentence_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(SENTENCE_YEAR).expect("static regex"))
}

/// [`SENTENCE_YEAR`], anchored at the start of the text searched: the only one of the two
/// built outside the tests (building a regex costs as much as reading many lines).
fn anchored_sentence_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!("^(?:{SENTENCE_YEAR})")).expect("static regex"))
}

/// The matches of [`SENTENCE_YEAR`] in `line` that open a sentence ([`opens_sentence`]):
/// those of a search through the line that pass the test, found from the places a sentence
/// opens on `20` or on `截至`/`截止`/`截止到` and `20` (a match starts with one of them), where the
/// search through the whole line tried every `年` of it (most lines of prose give many years
/// in the middle of sentences). No match of the search is lost: one starting elsewhere
/// holds no sentence end, and so no place a sentence opens, before its end.
fn sentence_years(line: &str) -> Vec<Range<usize>> {
    static TWENTY: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let twenty = TWENTY.get_or_init(|| memchr::memmem::Finder::new("20"));
    let mut found = Vec::new();
    let mut searched_to = 0;
    for at in twenty.find_iter(line.as_bytes()) {
        if at < searched_to {
            continue;
        }
        let before = line
            .get(..at)
            .unwrap_or("")
            .trim_end_matches(char::is_whitespace);
        let start = ["截止到", "截至", "截止"]
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .map_or(at, str::len);
        if !opens_sentence(line, start) {
            continue;
        }
        let rest = line.get(start..).unwrap_or("");
        if let Some(m) = anchored_sentence_year_re().find(rest) {
            found.push(start..start + m.end());
            searched_to = start + m.end();
        }
    }
    found
}

/// Whether `at` opens a sentence of `line`: only spaces after the line's start or a sentence's
/// end before it.
fn opens_sentence(line: &str, at: usize) -> bool {
    let before = line.get(..at).unwrap_or("").trim_end();
    before
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?'))
}

/// The statistics period's start year, and its end year when the line holds it.
fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"统计期限自\s*(20\d\d)\s*年(?:[^。\n]{0,24}?至\s*(20\d\d)\s*年)?")
            .expect("static regex")
    })
}

/// The ranges of the matches of [`period_re`] in `line`, found by hand from each
/// `统计期限自`: the year and its `年`, then the end year when a `至` and a year stand within
/// the 24 characters after it (the first such place, as the regex's lazy gap takes). Searched
/// for only where the line names the period, where the regex was built for the few lines that
/// do. A year whose digits may be another script's (`\d` is any decimal digit) is left to the
/// regex.
fn period_matches(line: &str) -> Vec<Range<usize>> {
    const OPENING: &str = "统计期限自";
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let opening = FINDER.get_or_init(|| memchr::memmem::Finder::new(OPENING));
    let mut found = Vec::new();
    let mut from = 0;
    // The opening cannot overlap itself: the next one starts after it, matched or not.
    while let Some(at) = line
        .get(from..)
        .and_then(|rest| opening.find(rest.as_bytes()))
    {
        let start = from + at;
        let after = start + OPENING.len();
        match period_end(line, after) {
            Some(Some(end)) => {
                found.push(start..end);
                from = end;
            }
            Some(None) => from = after,
            None => return period_re().find_iter(line).map(|m| m.range()).collect(),
        }
    }
    found
}

/// Where a period's match whose `统计期限自` ends at `after` ends, if one starts there; `None`
/// when a year's digits may be another script's.
fn period_end(line: &str, after: usize) -> Option<Option<usize>> {
    let Some(first_end) = year_end(line, after)? else {
        return Some(None);
    };
    let mut here = line.get(first_end..).unwrap_or("");
    for _ in 0..=24 {
        if let Some(rest) = here.strip_prefix('至') {
            if let Some(end) = year_end(line, line.len() - rest.len())? {
                return Some(Some(end));
            }
        }
        let mut chars = here.chars();
        match chars.next() {
            Some('。' | '\n') | None => break,
            Some(_) => here = chars.as_str(),
        }
    }
    Some(Some(first_end))
}

/// Where `\s*20\d\d\s*年` from `at` in `line` ends, if it stands there; `None` when a digit
/// after `20` may be another script's.
fn year_end(line: &str, at: usize) -> Option<Option<usize>> {
    let rest = line
        .get(at..)
        .unwrap_or("")
        .trim_start_matches(char::is_whitespace);
    let Some(rest) = rest.strip_prefix("20") else {
        return Some(None);
    };
    Some(after_year(rest)?.map(|rest| line.len() - rest.len()))
}

/// What follows a year written `20dd\s*年`, read from just after its `20`: `Some(Some(rest))`
/// the text after the `年`, `Some(None)` when no such year is there, `None` when one of the two
/// digits may be another script's (`\d` of the regexes this stands for: they decide).
fn after_year(after_twenty: &str) -> Option<Option<&str>> {
    let mut chars = after_twenty.chars();
    for _ in 0..2 {
        match chars.next() {
            Some(c) if c.is_ascii_digit() => {}
            Some(c) if !c.is_ascii() && c.is_numeric() => return None,
            _ => return Some(None),
        }
    }
    // `\s*年`: the spaces are all taken (年 is no space).
    let rest = chars.as_str().trim_start_matches(char::is_whitespace);
    Some(rest.strip_prefix('年'))
}

/// Where the two years of a statistics period matched by [`period_re`] at `m` in `line` start
/// (its two groups; the second only when the match holds it), read from the match by hand: a
/// search for the match alone runs on the regex's DFA, while one for its groups ran the slower
/// engine that tracks them, on every line that names the period. Each part of the match before
/// a year is of one length only (`\s*` takes every space, and a year starts with no space), so
/// the first year stands after `统计期限自` and its spaces; the second, when the match runs on
/// past the first `年`, is the four characters before its last `年` and the spaces before it.
fn period_years(line: &str, m: Range<usize>) -> (Option<usize>, Option<usize>) {
    let Some(matched) = line.get(m.clone()) else {
        return (None, None);
    };
    let Some(after) = matched.strip_prefix("统计期限自") else {
        return (None, None);
    };
    let first = after.trim_start_matches(char::is_whitespace);
    let first_start = m.end - first.len();
    // The first year's four characters, its spaces and its `年`.
    let first_end = first
        .char_indices()
        .nth(4)
        .map(|(i, _)| first[i..].trim_start_matches(char::is_whitespace))
        .and_then(|rest| rest.strip_prefix('年'))
        .map(|rest| m.end - rest.len());
    let second = first_end.filter(|&end| end < m.end).and_then(|_| {
        let before = matched
            .strip_suffix('年')?
            .trim_end_matches(char::is_whitespace);
        let (at, _) = before.char_indices().nth_back(3)?;
        Some(m.start + at)
    });
    (Some(first_start), second)
}

/// Words that make a sentence a plan for later years, whose year is not the report's.
const WORK_PLAN_WORDS: [&str; 7] = ["将", "计划", "拟", "下一步", "下步", "明年", "今后"];

/// The 文号 of every edition, matched whatever brackets and spaces the writer used: one regex
/// over the issuers the editions name (`国办公开办函`), then the year and number looked up.
struct Documents {
    re: Regex,
    issuers: Vec<String>,
    editions: Vec<(DocumentNumber, Edition)>,
}

fn documents() -> &'static Documents {
    static DOCUMENTS: OnceLock<Documents> = OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        let editions: Vec<(DocumentNumber, Edition)> = Edition::all()
            .map(|e| (e.template().document_number.clone(), e))
            .collect();
        let mut issuers: Vec<String> = editions.iter().map(|(d, _)| d.issuer.clone()).collect();
        issuers.sort();
        issuers.dedup();
        let alternatives: Vec<String> = issuers.iter().map(|i| regex::escape(i)).collect();
        let pattern = format!(
            r"({})\s*{}\s*(\d{{4}})\s*{}\s*(\d+)\s*号",
            alternatives.join("|"),
            DocumentNumber::OPEN,
            DocumentNumber::CLOSE
        );
        Documents {
            re: Regex::new(&pattern).expect("escaped issuers make a valid regex"),
            issuers,
            editions,
        }
    })
}

/// What a parse asks of a whole prose block, found in one search: the topic words, whether it
/// names 政府信息公开 or 政务公开 ([`Signals::mentions_ogi`]), and whether a 文号's issuer
/// stands in it.
#[derive(Default)]
struct Held {
    /// Bit i: topic word i of [`topic_words`].
    topics: u64,
    /// [`OTHER_OGI`], [`OTHER_GOV_AFFAIRS`], [`OTHER_ISSUER`].
    others: u8,
}

const OTHER_OGI: u8 = 1;
const OTHER_GOV_AFFAIRS: u8 = 1 << 1;
const OTHER_ISSUER: u8 = 1 << 2;

/// The search for [`Held`]'s words: a leftmost-longest search, where each word stands for
/// itself and for the words it starts with.
struct BlockSearch {
    words: LeftmostWords,
    /// Entry i: the words that are a prefix of word i (i itself included).
    with_prefixes: Vec<Held>,
}

fn block_search() -> &'static BlockSearch {
    static SEARCH: OnceLock<BlockSearch> = OnceLock::new();
    SEARCH.get_or_init(|| {
        let topics = topic_words();
        let others = [
            (WORDS[Word::Ogi as usize], OTHER_OGI),
            (WORDS[Word::GovAffairs as usize], OTHER_GOV_AFFAIRS),
        ]
        .into_iter()
        .chain(
            documents()
                .issuers
                .iter()
                .map(|i| (i.as_str(), OTHER_ISSUER)),
        );
        let words: Vec<(&str, Held)> = topics
            .iter()
            .enumerate()
            .map(|(i, w)| {
                (
                    w.as_str(),
                    Held {
                        topics: 1 << i,
                        others: 0,
                    },
                )
            })
            .chain(others.map(|(w, bit)| {
                (
                    w,
                    Held {
                        topics: 0,
                        others: bit,
                    },
                )
            }))
            .collect();
        let with_prefixes = words
            .iter()
            .map(|(word, _)| {
                let prefixes = words.iter().filter(|(p, _)| word.starts_with(p));
                prefixes.fold(Held::default(), |held, (_, bits)| Held {
                    topics: held.topics | bits.topics,
                    others: held.others | bits.others,
                })
            })
            .collect();
        BlockSearch {
            words: LeftmostWords::new(words.iter().map(|(w, _)| w), Leftmost::Longest),
            with_prefixes,
        }
    })
}

/// [`Held`] of `text`. The words overlap (`公开申请` in `政府信息公开申请`), so every place a
/// word starts is visited: a leftmost search, started again one byte after each match. The
/// words starting at one place are the prefixes of the text from there, so all of them are
/// prefixes of the longest one, which the search reports. One pass with no allocation, where
/// an overlapping regex set's search cost more (and more still to allocate and read its set
/// of matches), and a memmem search per word passed over the block once for each.
fn held(text: &str) -> Held {
    let search = block_search();
    let mut held = Held::default();
    let mut at = 0;
    while let Some((found, word)) = search.words.find_at(text, at) {
        if let Some(bits) = search.with_prefixes.get(word) {
            held.topics |= bits.topics;
            held.others |= bits.others;
        }
        at = found.start + 1;
    }
    held
}

/// Words whose presence [`signals`] tests.
#[derive(Clone, Copy)]
pub(super) enum Word {
    Ogi,
    GovAffairs,
    Disclosure,
    Report,
    Period,
}

/// The words of [`Word`], in its order.
const WORDS: [&str; 5] = ["政府信息公开", "政务公开", "信息公开", "报告", "统计期限"];

/// `text` contains `word`: a SIMD substring search with its searcher built once (building it
/// costs more than searching a paragraph; `str::contains` is slower on long tables).
pub(super) fn contains(text: &str, word: Word) -> bool {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 5]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| WORDS.map(memchr::memmem::Finder::new));
    finders[word as usize].find(text.as_bytes()).is_some()
}

/// What [`holds`] looks for: the marks of a year (`20…年`) and of a 文号 (`…号`).
#[derive(Clone, Copy)]
enum Mark {
    Twenty,
    Nian,
    Hao,
}

/// `text` holds `mark`: a memmem searcher built once, where `str::contains` sets up its
/// search anew for a non-ASCII character at every call (each block and each of its lines is
/// asked).
fn holds(text: &str, mark: Mark) -> bool {
    find(text, mark).is_some()
}

/// Where `mark` first stands in `text`: [`holds`], and where.
fn find(text: &str, mark: Mark) -> Option<usize> {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 3]> = OnceLock::new();
    FINDERS.get_or_init(|| ["20", "年", "号"].map(memchr::memmem::Finder::new))[mark as usize]
        .find(text.as_bytes())
}

/// A line short enough, and free of sentence punctuation, to be a title (Markdown `#` and
/// emphasis around it aside).
fn is_title_shaped(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    // 60 characters take at most 240 bytes: a long line is decided without counting.
    !t.is_empty() && t.len() <= 240 && !holds_sentence_punctuation(t) && t.chars().count() <= 60
}

/// `t` holds sentence punctuation (`。，,；;！!？?：:`), found from its bytes: the ASCII marks by
/// themselves, the full-width ones from their first byte (`0xE3` for `。`, `0xEF` for the
/// others), which Chinese characters (`0xE4`–`0xE9`) never start with. Trying each character of
/// the line against the list of marks cost more.
fn holds_sentence_punctuation(t: &str) -> bool {
    let bytes = t.as_bytes();
    // The full-width marks first: a line of prose mostly holds one (`，`) and is decided there.
    memchr::memchr2_iter(0xE3, 0xEF, bytes).any(|i| {
        matches!(
            bytes.get(i..i + 3),
            Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x8C | 0x9B | 0x81 | 0x9F | 0x9A])
        )
    }) || memchr::memchr3(b',', b';', b'!', bytes).is_some()
        || memchr::memchr2(b'?', b':', bytes).is_some()
}

/// Whether the sentence from `start` (to its 。) is a plan for later years: its end found from
/// the bytes its marks start with (`;`, `0xE3` for `。`, `0xEF` for `；`), then a search for
/// each word through it, where a walk over its characters cost more: these sentences run
/// long, and most Chinese characters start with the bytes the words start with.
fn is_work_plan(line: &str, start: usize) -> bool {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 7]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| WORK_PLAN_WORDS.map(memchr::memmem::Finder::new));
    let rest = line.get(start..).unwrap_or("").as_bytes();
    let end = memchr::memchr3_iter(b';', 0xE3, 0xEF, rest)
        .find(|&i| {
            rest.get(i) == Some(&b';')
                || matches!(
                    rest.get(i..i + 3),
                    Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x9B])
                )
        })
        .unwrap_or(rest.len());
    // No word holds a sentence's end: one that starts before it ends before it.
    let sentence = rest.get(..end).unwrap_or_default();
    if sentence.len() > SHORT_SENTENCE {
        return finders.iter().any(|f| f.find(sentence).is_some());
    }
    // A short sentence is walked: setting up seven searches cost more than reading it. It
    // ends before a mark's first byte or at the line's end, on a character's boundary.
    let sentence = line.get(start..start + end).unwrap_or_default();
    sentence.char_indices().any(|(i, c)| {
        matches!(c, '将' | '计' | '拟' | '下' | '明' | '今')
            && WORK_PLAN_WORDS
                .iter()
                .any(|w| sentence.get(i..).is_some_and(|here| here.starts_with(w)))
    })
}

/// The length in bytes up to which [`is_work_plan`] walks a sentence rather than searching it
/// (about 30 Chinese characters).
const SHORT_SENTENCE: usize = 96;

/// [`is_work_plan`] as a walk over the sentence's characters, trying the words where one of
/// their first characters stands: the reference the tests hold it to.
#[cfg(test)]
fn is_work_plan_by_walk(line: &str, start: usize) -> bool {
    let rest = line.get(start..).unwrap_or("");
    for (i, c) in rest.char_indices() {
        match c {
            '。' | '；' | ';' => return false,
            '将' | '计' | '拟' | '下' | '明' | '今' => {
                let here = rest.get(i..).unwrap_or("");
                if WORK_PLAN_WORDS.iter().any(|w| here.starts_with(w)) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The four-digit year at `start` and its range through the `年` after it (spaces between
/// them included: `2021 年`).
fn year_at(line: &str, start: usize) -> Option<(u16, Range<usize>)> {
    let year = line.get(start..start + 4)?.parse().ok()?;
    let nian = line.get(start + 4..)?.find('年')?;
    Some((year, start..start + 4 + nian + "年".len()))
}

/// How much of [`Signals`] a reader needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wanted {
    /// All of it: what a block's parse holds.
    All,
    /// Only the mentions of kinds [`MentionKind::TitleLine`], [`MentionKind::SplitTitle`] and
    /// [`MentionKind::Period`], the same as `All` gives: the report's identity is read from
    /// its title and statistics period alone. `mentions_ogi` and `topic_words` are left unset,
    /// the other mentions unsought.
    Identity,
}

/// What the prose of a block says; `lines` are the block's lines. With [`Wanted::Identity`],
/// only the part it names: each mention it keeps is decided by its own line (and, for a
/// split title, the next), never by another mention, so leaving the others unsought changes
/// none of these.
pub(super) fn signals(text: &str, lines: &[Line], wanted: Wanted) -> Signals {
    let wants_all = wanted == Wanted::All;
    let has = |word: Word| contains(text, word);
    let mut s = Signals::default();
    // A parse asks the whole block about its words in one search; the head of a file, read
    // for its identity, needs none of them but whether it names disclosure, on first need.
    let held = if wants_all {
        held(text)
    } else {
        Held::default()
    };
    if wants_all {
        s.mentions_ogi = held.others & (OTHER_OGI | OTHER_GOV_AFFAIRS) != 0;
        s.topic_words = held.topics;
    }
    // The next `年` of the block at or after the line being read: one search finds it for
    // every line up to it, where a search of each line set up a search per line (most lines
    // of a block that holds `年` hold none).
    let mut next_nian = find(text, Mark::Nian);
    let has_nian = next_nian.is_some();
    // Only a 文号 is written without `年`, and only one whose issuer the block holds is read
    // (below): a block without either is passed over without looking for its `号`.
    let may_mention =
        has_nian || (wants_all && held.others & OTHER_ISSUER != 0 && holds(text, Mark::Hao));
    if !may_mention {
        return s;
    }
    // Whether the block names disclosure (a title line or the one after it may hold the
    // words), asked on first need: only a block with a line that may be a title asks, and a
    // search through a block that does not hold the words passes over all of it.
    let mentions_ogi = s.mentions_ogi;
    let names_disclosure = OnceCell::new();
    let names_disclosure = || {
        *names_disclosure.get_or_init(|| {
            if wants_all {
                mentions_ogi || has(Word::Disclosure)
            } else {
                // The same, its words tried in another order.
                has(Word::Disclosure) || has(Word::Ogi) || has(Word::GovAffairs)
            }
        })
    };
    let line_text = |l: &Line| text.get(l.start..l.content_end).unwrap_or("");
    // Every mention of a line is a year written `20..年` in the line (the regexes start with
    // it): a block without `年` has none, and most lines of prose hold none and are passed over
    // at once.
    let year_lines = if has_nian { lines } else { &[] };
    for (i, l) in year_lines.iter().enumerate() {
        if next_nian.is_some_and(|at| at < l.start) {
            next_nian = text
                .get(l.start..)
                .and_then(|rest| find(rest, Mark::Nian))
                .map(|at| l.start + at);
        }
        // No `年` after this line's start: no later line holds one.
        let Some(nian) = next_nian else {
            break;
        };
        // A `年` that starts before the line's end ends before it (its bytes are not ASCII).
        let line = line_text(l);
        if nian >= l.content_end || !holds(line, Mark::Twenty) {
            continue;
        }
        let mut add = |kind: MentionKind, (year, r): (u16, Range<usize>), since: bool| {
            s.mentions.push(Mention {
                kind,
                year,
                range: l.start + r.start..l.start + r.end,
                line: i as u32,
                since,
            });
        };
        let title_shaped = is_title_shaped(line);
        // The regexes of the report's name and of the period need `报告` and `统计期限` in the
        // line: a line without them is passed over without running them. They are looked for
        // in the lines that may mention a year alone, never in the whole block first: these
        // lines are part of it, so their searches together pass over no more than one through
        // the block would. A line that is not title-shaped names the report in prose only (a
        // `Prose` mention, or none): the identity does not look there.
        let report_name =
            (wants_all || title_shaped) && contains(line, Word::Report) && names_disclosure();
        let report_name = report_name
            .then(|| report_name_start(line))
            .flatten()
            .filter(|&start| !is_work_plan(line, start));
        if let Some(start) = report_name {
            let kind = if title_shaped {
                MentionKind::TitleLine
            } else {
                MentionKind::Prose
            };
            if let Some(year) = year_at(line, start) {
                add(kind, year, false);
            }
        } else if title_shaped && names_disclosure() {
            // The title's first line, when it and the next line together name the report.
            let next = lines
                .get(i + 1)
                .map(line_text)
                .filter(|n| is_title_shaped(n));
            let joined = next.map(|n| format!("{line}{}", n.trim()));
            let split = joined
                .as_deref()
                .and_then(report_name_start)
                .filter(|&start| start < line.len());
            if let Some(year) = split.and_then(|start| year_at(line, start)) {
                add(MentionKind::SplitTitle, year, false);
            }
        }
        if contains(line, Word::Period) {
            for m in period_matches(line) {
                let (start, end) = period_years(line, m);
                let start = start.and_then(|y| year_at(line, y));
                let end = end.and_then(|y| year_at(line, y));
                if let Some(start) = start {
                    let start_year = start.0;
                    add(MentionKind::Period, start, false);
                    if let Some(end) = end.filter(|end| end.0 != start_year) {
                        add(MentionKind::Period, end, false);
                    }
                }
            }
        }
        if !wants_all {
            continue;
        }
        for m in sentence_years(line) {
            let Some(digits) = line[m.clone()].find("20").map(|i| m.start + i) else {
                continue;
            };
            if is_work_plan(line, digits) {
                continue;
            }
            if let Some(year) = year_at(line, digits) {
                let since = line[m].contains("以来");
                add(MentionKind::Prose, year, since);
            }
        }
    }
    let documents = documents();
    // The identity wants no 文号: its `held` is empty.
    if held.others & OTHER_ISSUER != 0 {
        for c in documents.re.captures_iter(text) {
            let (Some(all), Some(issuer), Some(year), Some(number)) =
                (c.get(0), c.get(1), c.get(2), c.get(3))
            else {
                continue;
            };
            let (Ok(year), Ok(number)) = (year.as_str().parse(), number.as_str().parse()) else {
                continue;
            };
            let cited = documents
                .editions
                .iter()
                .find(|(d, _)| d.issuer == issuer.as_str() && d.year == year && d.number == number);
            if let Some(&(_, edition)) = cited {
                let line = lines.partition_point(|l| l.end <= all.start());
                s.mentions.push(Mention {
                    kind: MentionKind::Document(edition),
                    year,
                    range: all.range(),
                    line: line as u32,
                    since: false,
                });
            }
        }
    }
    s.mentions.sort_by_key(|m| m.range.start);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::blocks::split_lines;

    fn mentions(text: &str) -> Vec<(MentionKind, u16, &str)> {
        signals(text, &split_lines(text), Wanted::All)
            .mentions
            .into_iter()
            .map(|m| (m.kind, m.year, text.get(m.range).unwrap_or("?")))
            .collect()
    }

    #[test]
    fn a_title_names_the_report_year() {
        assert_eq!(
            mentions("2020年政府信息公开工作年度报告\n"),
            [(MentionKind::TitleLine, 2020, "2020年")]
        );
        assert_eq!(
            mentions("# **某局2021 年度政府信息公开工作年度报告**\n"),
            [(MentionKind::TitleLine, 2021, "2021 年")]
        );
        // Split over two lines, anywhere between its words.
        for title in [
            "永康市商务局2020年度政府信息公开工作\n年度报告\n",
            "永康市商务局2020年度政府信息公开\n工作年度报告\n",
        ] {
            assert_eq!(
                mentions(title),
                [(MentionKind::SplitTitle, 2020, "2020年")],
                "{title}"
            );
        }
        // The first line alone does not name the report: no title.
        assert!(mentions("永康市商务局2020年度政府信息公开工作\n").is_empty());
    }

    #[test]
    fn every_line_of_a_block_that_holds_a_year_is_read() {
        // Lines without `年`, with `年` but no year, with a year on the line after one whose
        // `年` comes late, and a last line without line end: each line's mentions its own.
        let text = "没有年份。\n今年，我局。\n2019\n年，我局。2020年，共公开。\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n\n2021年，我局。";
        assert_eq!(
            mentions(text),
            [
                (MentionKind::Prose, 2020, "2020年"),
                (MentionKind::Period, 2020, "2020年"),
                (MentionKind::Prose, 2021, "2021年"),
            ]
        );
        let lines = split_lines(text);
        let found = signals(text, &lines, Wanted::All).mentions;
        let on_lines: Vec<u32> = found.iter().map(|m| m.line).collect();
        assert_eq!(on_lines, [3, 4, 6]);
    }

    #[test]
    fn prose_names_the_report_year_but_is_no_title() {
        assert_eq!(
            mentions("根据《2021年政务公开工作要点》要求，现将我局2020年政府信息公开工作情况报告如下。\n"),
            [(MentionKind::Prose, 2020, "2020年")]
        );
        assert_eq!(
            mentions("2020年，我局认真贯彻条例。截至2020年底，共公开信息171条。\n"),
            [
                (MentionKind::Prose, 2020, "2020年"),
                (MentionKind::Prose, 2020, "2020年")
            ]
        );
        assert_eq!(
            mentions("本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n"),
            [(MentionKind::Period, 2020, "2020年")]
        );
    }

    /// The sentence-opening years found from the places a sentence opens are those a search
    /// through the line finds there, in real reports and in odd text.
    #[test]
    fn the_sentence_years_are_the_opening_matches_of_a_search() {
        let by_search = |line: &str| -> Vec<Range<usize>> {
            sentence_year_re()
                .find_iter(line)
                .filter(|m| opens_sentence(line, m.start()))
                .map(|m| m.range())
                .collect()
        };
        let mut found = 0;
        for text in [
            include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
            "2020年，我局。截至 2020年底，共。截止到2021年末以来，。截止2019 年度,\n",
            "x2020年，。 2020年，；12020年，；202020年，！2020年以来，2021年，",
        ] {
            for line in text.lines() {
                let expected = by_search(line);
                assert_eq!(sentence_years(line), expected, "{line}");
                found += expected.len();
            }
        }
        assert!(found >= 8, "{found}");
    }

    #[test]
    fn a_report_name_after_a_line_break_in_the_spaces_is_found_as_the_regex_finds_it() {
        for line in [
            "2020年\n政府信息公开工作报告",
            "2020年 \n 度政务公开报告",
            "2020\n年信息公开报告",
        ] {
            assert_eq!(
                report_name_start(line),
                report_name_re().find(line).map(|m| m.start()),
                "{line:?}"
            );
        }
    }

    #[test]
    fn a_period_with_line_breaks_in_its_spaces_is_found_as_the_regex_finds_it() {
        for line in [
            "统计期限自\n2020年1月1日至2020年",
            "统计期限自2020\n年1月1日至\n2021\n年",
            "统计期限自2020年\n至2021年",
            "统计期限自2020年1月至 \n2021年",
        ] {
            let ranges: Vec<Range<usize>> =
                period_re().find_iter(line).map(|m| m.range()).collect();
            assert_eq!(period_matches(line), ranges, "{line:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn the_sentence_years_of_any_line_are_those_of_a_search(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "截", "至", "止", "到", "2", "0", "1", "9", "20", "2020", "年", "度", "底",
                    "以来", "，", ",", "。", "；", ";", "！", "?", " ", "\u{3000}", "\t", "我",
                ]),
                0..24,
            ),
        ) {
            let line: String = pieces.concat();
            let expected: Vec<Range<usize>> = sentence_year_re()
                .find_iter(&line)
                .filter(|m| opens_sentence(&line, m.start()))
                .map(|m| m.range())
                .collect();
            proptest::prop_assert_eq!(sentence_years(&line), expected);
        }

        /// The report's name is found where the regex finds it.
        #[test]
        fn a_report_name_starts_where_the_regex_finds_it(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "20", "2020", "2021", "1", "9", "٢", "２", "〇", "二", " ", "\u{3000}", "\t",
                    "年", "度", "年度", "政府", "政务", "信息", "公开", "信息公开", "政务公开",
                    "政府信息公开", "工作", "报告", "报", "告", "某局", "。", "，", ",", "\n", "x",
                    "一二三四五六七八九十", "a b c d e f",
                ]),
                0..24,
            ),
        ) {
            let line: String = pieces.concat();
            proptest::prop_assert_eq!(
                report_name_start(&line),
                report_name_re().find(&line).map(|m| m.start()),
                "{}", line
            );
        }

        /// The period's matches are found where the regex finds them.
        #[test]
        fn the_period_matches_are_those_of_the_regex(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "统计期限自", "统计期限自2020年", "统计期限自 2020 ", "至2021年", "至 2020",
                    "统计期限", "自", "20", "2020", "2021", "1", "٢", "２", "〇", " ",
                    "\u{3000}", "年", "至", "起至", "1月1日", "。", "\n", "，", "一二三四五六七八九十",
                ]),
                0..24,
            ),
        ) {
            let line: String = pieces.concat();
            let ranges: Vec<Range<usize>> =
                period_re().find_iter(&line).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(period_matches(&line), ranges, "{}", line);
        }

        /// The work plans found by searching the sentence are those of a walk over it.
        #[test]
        fn a_work_plan_is_found_as_a_walk_finds_it(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "将", "计", "划", "计划", "拟", "下", "一步", "下一步", "下步", "明", "年",
                    "明年", "今", "后", "今后", "。", "；", ";", "，", "、", "《", "》", "2020年",
                    "我局", "a", "\u{3001}", "\u{3003}", "\u{FF1C}", "\u{FF0C}", "：",
                    "一二三四五六七八九十一二三四五六七八九十",
                ]),
                0..24,
            ),
            start in 0usize..40,
        ) {
            let line: String = pieces.concat();
            proptest::prop_assert_eq!(
                is_work_plan(&line, start),
                is_work_plan_by_walk(&line, start),
                "{} from {}", line, start
            );
        }

        /// The title-shaped lines are those of a test of each character against the marks.
        #[test]
        fn a_title_shape_is_decided_as_by_its_characters(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "某", "局", "2020年", "报告", "#", "*", "_", " ", "\u{3000}", "\t", "。", "，",
                    ",", "；", ";", "！", "!", "？", "?", "：", ":", "、", "（", "）", "〔", "ａ",
                    "\u{FF00}", "\u{3001}", "\u{3003}", "\u{FF1C}", "x", "零一二三四五六七八九",
                ]),
                0..40,
            ),
        ) {
            let line: String = pieces.concat();
            let t = line
                .trim()
                .trim_start_matches('#')
                .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
            let by_characters = !t.is_empty()
                && t.len() <= 240
                && t.chars().count() <= 60
                && !t.contains(['。', '，', ',', '；', ';', '！', '!', '？', '?', '：', ':']);
            proptest::prop_assert_eq!(is_title_shaped(&line), by_characters, "{}", line);
        }

        /// A text the 文号 regex matches in holds an issuer as [`held`] finds it: a block
        /// without `年` and without an issuer is passed over without losing a 文号.
        #[test]
        fn a_cited_document_is_held_as_an_issuer(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "国办公开办函", "国办", "公开办函", "国", "办", "〔", "〕", "[", "]", "（", "）",
                    "2021", "2019", "30", "60", "号", " ", "根据", "。",
                ]),
                0..16,
            ),
        ) {
            let text: String = pieces.concat();
            if documents().re.is_match(&text) {
                proptest::prop_assert!(held(&text).others & OTHER_ISSUER != 0, "{}", text);
            }
        }
    }

    /// The report's name is found by hand where the regex finds it, in real reports and at the
    /// ends of the reach of its gaps.
    #[test]
    fn a_report_name_is_found_where_the_regex_finds_it() {
        let mut lines: Vec<String> = [
            include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .map(String::from)
        .collect();
        for spaces in ["", " ", "\u{3000}\u{3000}", " \t "] {
            for du in ["", "度", "度度"] {
                for word in ["政府信息公开", "政务公开", "信息公开"] {
                    for first in 27..34 {
                        for second in 10..15 {
                            let gap = |n: usize| "某".repeat(n);
                            lines.push(format!(
                                "见2021{spaces}年{spaces}{du}{}{word}{}报告",
                                gap(first),
                                gap(second)
                            ));
                        }
                    }
                }
            }
        }
        let mut found = 0;
        for line in &lines {
            let by_regex = report_name_re().find(line).map(|m| m.start());
            assert_eq!(report_name_start(line), by_regex, "{line}");
            found += usize::from(by_regex.is_some());
        }
        assert!(found >= 200, "{found}");
    }

    /// The years read from a period's match by hand are the regex's groups.
    #[test]
    fn the_period_years_are_the_groups_of_its_regex() {
        let mut lines: Vec<String> = [
            include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| l.contains("统计期限"))
        .map(String::from)
        .collect();
        for gap in ["", " ", "\u{3000}", " \t "] {
            for year in ["2020", "2021", "２０21", "20٢١"] {
                for tail in [
                    "",
                    "1月1日起至2020年12月31日止。",
                    "1月1日至2021 年12月31日",
                    "1月1日至至至至至至至至至至至至至至至至至至至至至至至至至至2021年",
                    "起至{gap}2021{gap}年，统计期限自2019年",
                    "1月1日至二〇二一年",
                ] {
                    let tail = tail.replace("{gap}", gap);
                    lines.push(format!("本报告统计期限自{gap}{year}{gap}年{tail}"));
                }
            }
        }
        let mut read = 0;
        for line in &lines {
            let ranges: Vec<Range<usize>> =
                period_re().find_iter(line).map(|m| m.range()).collect();
            assert_eq!(period_matches(line), ranges, "{line}");
            let by_hand: Vec<(Option<usize>, Option<usize>)> = period_re()
                .find_iter(line)
                .map(|m| period_years(line, m.range()))
                .collect();
            let groups: Vec<(Option<usize>, Option<usize>)> = period_re()
                .captures_iter(line)
                .map(|c| (c.get(1).map(|g| g.start()), c.get(2).map(|g| g.start())))
                .collect();
            assert_eq!(by_hand, groups, "{line}");
            read += groups.iter().filter(|(_, end)| end.is_some()).count();
        }
        assert!(read >= 20, "{read}");
    }

    #[test]
    fn a_work_plan_year_is_no_report_year() {
        for plan in [
            "2021年，我局将进一步做好政府信息公开工作。\n",
            "2022年我局计划按时发布政府信息公开工作年度报告。\n",
            "下一步，2021年，我局将继续深化政务公开。\n",
        ] {
            assert!(mentions(plan).is_empty(), "{plan}: {:?}", mentions(plan));
        }
        // A year inside a sentence is not its opening: `根据2019年…`.
        assert!(mentions("根据2019年修订的条例，我局开展工作。\n").is_empty());
    }

    #[test]
    fn every_work_plan_word_starts_with_a_character_tried() {
        for w in WORK_PLAN_WORDS {
            let plan = format!("2021年，我局{w}做好工作。");
            assert!(is_work_plan(&plan, 0), "{w}");
            assert!(is_work_plan_by_walk(&plan, 0), "{w}");
            // Not past the sentence's end.
            assert!(
                !is_work_plan(&format!("2021年，我局做好工作。{w}"), 0),
                "{w}"
            );
            assert!(
                !is_work_plan(&format!("2021年，我局做好工作；{w}"), 0),
                "{w}"
            );
            assert!(!is_work_plan(&format!("2021年，我局;{w}"), 0), "{w}");
        }
    }

    #[test]
    fn a_cited_document_names_its_edition_in_any_brackets() {
        for cited in [
            "根据国办公开办函〔2021〕30号要求编制。\n",
            "根据国办公开办函 [2021] 30 号要求编制。\n",
            "根据国办公开办函（2021）30号要求编制。\n",
            "根据国办公开办函【2021】30号要求编制。\n",
        ] {
            let found = mentions(cited);
            assert_eq!(found.len(), 1, "{cited}");
            assert_eq!(found[0].0, MentionKind::Document(Edition::E2021), "{cited}");
            assert!(found[0].2.starts_with("国办公开办函"), "{cited}");
        }
        assert_eq!(
            mentions("按照国办公开办函〔2019〕60号的格式。\n")[0].0,
            MentionKind::Document(Edition::E2019)
        );
        // Another number of the same office names no edition.
        assert!(mentions("根据国办公开办函〔2021〕31号要求编制。\n").is_empty());
    }

    /// The pairing pass reads only the title and period mentions ([`Wanted::Identity`]): they
    /// must be exactly those of a block's parse, whatever else the block holds.
    #[test]
    fn the_identity_mentions_are_those_of_the_parse() {
        use crate::analysis::blocks::{LabelMemo, Segmentation};
        let texts = [
            include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
            "某市商务局2020年度政府信息公开工作\n年度报告\n\n2020年，我局认真贯彻条例。\n",
            "统计期限自2020年度政府信息公开工作年度报告\n统计期限自2020年1月1日至2021年12月31日。\n",
            "根据国办公开办函〔2021〕30号，现将我局2020年政府信息公开工作年度报告如下。\n",
        ];
        let identity_kinds = |m: &&Mention| {
            matches!(
                m.kind,
                MentionKind::TitleLine | MentionKind::SplitTitle | MentionKind::Period
            )
        };
        let mut kept = 0;
        for text in texts {
            let segmentation = Segmentation::new(text);
            for i in 0..segmentation.len() {
                let parsed = segmentation.parse(text, i, &mut LabelMemo::default());
                let wanted: Vec<&Mention> = parsed
                    .signals
                    .mentions
                    .iter()
                    .filter(identity_kinds)
                    .collect();
                let read = segmentation.signals(text, i).mentions;
                assert_eq!(read.iter().collect::<Vec<_>>(), wanted, "{text}");
                kept += read.len();
            }
        }
        // Not a comparison of empty lists only.
        assert!(kept >= 10, "{kept}");
    }

    /// The topic words found are those an overlapping search finds (a regex set's), in real
    /// reports and where the words overlap and run into each other; the other words held
    /// those a search for each finds.
    #[test]
    fn the_topic_words_found_are_those_an_overlapping_search_finds() {
        let words = topic_words();
        let set = regex::RegexSet::new(words.iter().map(|w| regex::escape(w)))
            .expect("escaped words make a valid regex set");
        let overlapping = |text: &str| set.matches(text).iter().fold(0u64, |b, i| b | 1 << i);
        let mut texts: Vec<String> = [
            include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
        ]
        .iter()
        .flat_map(|t| t.lines().chain([*t]))
        .map(String::from)
        .collect();
        let issuers = documents().issuers.iter();
        let all: Vec<&str> = words
            .iter()
            .chain(issuers)
            .map(String::as_str)
            .chain(WORDS)
            .collect();
        for a in &all {
            for b in &all {
                texts.push(format!("{a}{b}"));
                // Sharing their last and first characters, where they can.
                let last = a.chars().next_back().map_or(0, char::len_utf8);
                texts.push(format!("{}{b}", &a[..a.len() - last]));
            }
        }
        let mut found = 0;
        for text in &texts {
            let held = held(text);
            assert_eq!(held.topics, overlapping(text), "{text}");
            let ogi = contains(text, Word::Ogi) || contains(text, Word::GovAffairs);
            assert_eq!(
                held.others & (OTHER_OGI | OTHER_GOV_AFFAIRS) != 0,
                ogi,
                "{text}"
            );
            let issuer = documents()
                .issuers
                .iter()
                .any(|i| text.contains(i.as_str()));
            assert_eq!(held.others & OTHER_ISSUER != 0, issuer, "{text}");
            found += held.topics.count_ones();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn every_topic_word_of_every_template_is_looked_for() {
        for edition in Edition::all() {
            let topics = edition.template().sections.iter().flat_map(|s| &s.topics);
            for word in topics.flat_map(|t| &t.words) {
                let text = format!("本机关重视{word}。\n");
                let found = signals(&text, &split_lines(&text), Wanted::All).topic_words;
                let i = topic_words().iter().position(|w| w == word);
                assert!(
                    i.is_some_and(|i| found & (1 << i) != 0),
                    "{word} ({edition:?}) is not looked for"
                );
            }
        }
    }
}
