//! Figures the prose states about applications, reviews and lawsuits (docs/rules/narrative-mismatch.md):
//! `共收到政府信息公开申请132件`, `上年结转3件`, `办结128件`, `结转下年度继续办理7件`,
//! `予以公开38件（28.79%）`, `未收到政府信息公开申请`, `行政复议2件`.
//!
//! Precision before recall: a statement is taken only when its wording says unmistakably which
//! figure of table 三 or 四 it is about. A clause is read only when every word of it is one this
//! module knows — the statement's own words (`收到`, `予以公开`, `结转下年度`), the subject and
//! time (`我局`, `本年度`, `2020年`), and the usual fillers (`共`, `依法`, `政府信息公开申请`).
//! Anything else — 主动公开信息231条, 访问量, 发布会场次, a breakdown by applicant
//! (`其中自然人申请120件`), a subset (`因属于国家秘密不予公开1件`), an approximation
//! (`约100件`), last year's figure (`上年收到申请10件`) — leaves the clause unread. A wrong claim
//! would become a wrong finding, which costs more trust than a missed one.
//!
//! Pure text in, claims out: each claim carries the byte range of its figure in the text given,
//! and what its sentence says around it (the years it names, whether it speaks of 政府信息公开),
//! so the model can keep only the claims about this report's year in the sections that state
//! them.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{packed, AhoCorasick};
use foldhash::HashMap;
use regex::Regex;
use rust_decimal::Decimal;

use super::text::chinese_digit;

/// Which figure of the tables a statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// `共收到/新收/收到/接到/接收…申请N件`: 一、本年新收 (总计).
    NewApplications,
    /// `受理…申请N件`: some writers mean 一 alone, others 一 + 二; either matches.
    Accepted,
    /// `上年结转N件`: 二、上年结转 (总计).
    CarriedIn,
    /// `办结/答复N件`: 三（七）总计 (总计).
    Handled,
    /// `结转下年度(继续办理)N件`: 四、结转下年度继续办理 (总计).
    CarriedOut,
    /// `予以公开N件`: （一）, or （一）+（二） when the writer counts partial disclosure in it.
    Disclosed,
    /// `予以公开（含部分公开）N件`, `予以公开和部分公开N件`: （一）+（二）.
    DisclosedWithPartial,
    /// `部分公开N件`: （二）.
    PartlyDisclosed,
    /// `不予公开N件`: Σ（三）.
    Withheld,
    /// `无法提供N件`: Σ（四）.
    Unavailable,
    /// `不予处理N件`: Σ（五）.
    NotProcessed,
    /// `行政复议N件` (cases): table 四 行政复议 总计.
    Reviews,
    /// `行政诉讼N件` (cases): table 四 诉讼 总计 (未经复议直接起诉 + 复议后起诉).
    Lawsuits,
    /// `行政复议2件，均获维持`: none corrected, table 四 行政复议 结果纠正 = 0 (a [`NoneClaim`]).
    ReviewsUpheld,
    /// `行政诉讼1件，均获维持`: none corrected, both kinds of lawsuit (a [`NoneClaim`]).
    LawsuitsUpheld,
}

/// How a figure is written, so that a replacement is written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numerals {
    /// `12`, `1,234`.
    Arabic,
    /// `１２`.
    FullWidth,
    /// `十二`, `两`.
    Chinese,
}

/// A percentage stated with a figure: `予以公开208件（17.46%）`, `…，占总数的17.46%`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Percent {
    /// As written (`17.46`): its scale is the number of decimals written.
    pub value: Decimal,
    /// The number, without its `%`.
    pub range: Range<usize>,
}

/// What the sentence of a statement says around it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Years (`2020年`) the sentence names before the statement: a claim is about the report's
    /// year only when each of them is that year.
    pub years: Vec<u16>,
    /// The sentence speaks of 政府信息公开 (or 依申请公开): reviews and lawsuits stated outside
    /// section 四 are about disclosure only then.
    pub about_disclosure: bool,
}

/// A figure stated in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub quantity: Quantity,
    pub value: u64,
    /// The figure as written (`132`, `二十三`), in the text given to [`claims`].
    pub range: Range<usize>,
    pub numerals: Numerals,
    /// Written with a thousands separator (`1,234`).
    pub grouped: bool,
    pub percent: Option<Percent>,
    pub context: Context,
}

/// A statement that something did not happen at all: `未收到…申请` (一 = 0),
/// `未发生…行政复议` / `未发生…行政诉讼` (table 四 totals = 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoneClaim {
    pub quantity: Quantity,
    /// The words that say so (`未收到过公开申请`).
    pub range: Range<usize>,
    pub context: Context,
}

/// What one paragraph states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statements {
    pub claims: Vec<Claim>,
    pub none: Vec<NoneClaim>,
}

impl Statements {
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.none.is_empty()
    }
}

/// Units a count of applications or cases is written with.
const UNITS: &[char] = &['件', '条', '份', '宗', '起', '个'];

/// The words of each statement, and what it counts. A clause naming two of them is not read
/// (which one its figure is would be a guess), except the pairs [`quantity`] knows.
const KEYWORDS: &[(&str, Quantity)] = &[
    ("结转下年度", Quantity::CarriedOut),
    ("结转下一年度", Quantity::CarriedOut),
    ("结转至下年度", Quantity::CarriedOut),
    ("结转到下年度", Quantity::CarriedOut),
    ("转入下年度", Quantity::CarriedOut),
    ("结转下年", Quantity::CarriedOut),
    ("上年结转", Quantity::CarriedIn),
    ("上年度结转", Quantity::CarriedIn),
    ("上一年度结转", Quantity::CarriedIn),
    ("办结", Quantity::Handled),
    ("答复", Quantity::Handled),
    ("已办理", Quantity::Handled),
    ("办理完毕", Quantity::Handled),
    ("不予公开", Quantity::Withheld),
    ("部分公开", Quantity::PartlyDisclosed),
    ("无法提供", Quantity::Unavailable),
    ("不予处理", Quantity::NotProcessed),
    ("予以公开", Quantity::Disclosed),
    ("受理", Quantity::Accepted),
    ("收到", Quantity::NewApplications),
    ("接到", Quantity::NewApplications),
    ("接收", Quantity::NewApplications),
    ("接受", Quantity::NewApplications),
    ("新收", Quantity::NewApplications),
    ("收悉", Quantity::NewApplications),
    ("行政复议", Quantity::Reviews),
    ("行政诉讼", Quantity::Lawsuits),
];

/// `均获维持` after a count of reviews or lawsuits: none was corrected.
const ALL_UPHELD: &[&str] = &[
    "均获维持",
    "均被维持",
    "均予维持",
    "均予以维持",
    "全部维持",
    "均维持",
];

/// Negations of receiving (`未收到…申请`) and of happening (`未发生…行政复议`).
const NOT_RECEIVED: &[&str] = &[
    "未收到",
    "没有收到",
    "未接到",
    "没有接到",
    "未接收",
    "未受理",
];
const NOT_HAPPENED: &[&str] = &["未发生", "没有发生", "未出现", "未产生"];

/// Words a clause may hold besides its statement's words and figure: who, when, and the
/// wording every report uses. A word not here (a topic, a kind of applicant, a reason, a
/// comparison, an approximation) leaves the clause unread.
const FILLERS: &[&str] = &[
    // Who.
    "我局",
    "我委",
    "我办",
    "我厅",
    "我署",
    "我院",
    "我部",
    "我中心",
    "我单位",
    "本单位",
    "本机关",
    "我机关",
    "本局",
    "本委",
    "本办",
    "本部门",
    "我部门",
    "我府",
    "本级",
    // When (years are read apart).
    "全年",
    "本年",
    "本年度",
    "年度内",
    "当年",
    "今年",
    "以来",
    "年内",
    "报告期内",
    "统计期内",
    "期间",
    "年度",
    "度",
    // The usual wording.
    "共",
    "共计",
    "合计",
    "累计",
    "全部",
    "一共",
    "总共",
    "依法",
    "依规",
    "按时",
    "及时",
    "已",
    "均",
    "并",
    "和",
    "及",
    "与",
    "或",
    "了",
    "过",
    "的",
    "其中",
    "数量",
    "为",
    "是",
    "达",
    "有",
    "各类",
    "案件",
    "件数",
    "总数",
    "其",
    "对",
    "中",
    "含",
    "包括",
    "在内",
    "被",
    "发生",
    "继续",
    "新",
    "都",
    "所有",
    "相关",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "任何",
    "亦",
    "也",
    "由",
    "因",
    "引发",
    "引起",
    "导致",
    "情况",
    "提起",
    "政府信息公开",
    "信息公开",
    "依申请公开",
    "政府信息",
    "公开",
    "申请件",
    "申请",
    "办理",
    "处理",
    "行政",
    "涉及",
];

/// Words that put a statement in another year (`上年收到申请10件`, `同比`); `上年结转` is this
/// year's carry-over and is taken out first.
const OTHER_YEAR: &[&str] = &[
    "上年",
    "去年",
    "前年",
    "上一年",
    "同期",
    "往年",
    "历年",
    "以前年度",
    "同比",
    "近年",
    "多年来",
    "近几年",
];

/// The words of the statements ([`KEYWORDS`]): one search over a paragraph finds them all, and
/// only the sentences and clauses holding one are read further (most of a report's prose holds
/// none). Leftmost-first, as a regex alternation of the words matches. The negations and
/// `均获维持` are not looked for: every negation that can be read holds a keyword (`未收到`
/// holds `收到`, `未发生…行政复议` holds `行政复议`), and `均获维持` is read in the clause after
/// a count of reviews or lawsuits. Without them the list has at most 32 words, which Teddy
/// searches 32 bytes at a time (16 with more words).
fn statement_words() -> &'static LeftmostWords {
    static WORDS: OnceLock<LeftmostWords> = OnceLock::new();
    WORDS.get_or_init(|| LeftmostWords::new(KEYWORDS.iter().map(|(w, _)| *w), Leftmost::First))
}

/// Which word a leftmost search reports where several start at the same place.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Leftmost {
    /// The one listed first (as a regex alternation).
    First,
    /// The longest.
    Longest,
}

/// A leftmost search for a fixed list of words (each match where the last one ended or
/// later): aho-corasick's packed (Teddy) searcher, used directly where the processor has it —
/// it passes over Chinese text with fewer instructions than the regex engine's search or a
/// whole automaton's — and aho-corasick's automaton elsewhere (a processor without SSSE3 or
/// NEON, wasm32), whose matches are the same.
///
/// The searcher looks for each word without its first byte (its tail), and a match is a
/// place where a tail stands after that word's first byte. The first byte of a Chinese
/// character is one of a handful (`E4`–`E9` for most), so it tells Teddy's four-byte
/// fingerprint little; starting one byte later, the fingerprint holds one more byte that
/// tells words apart, and fewer places of a text are checked in vain (a tenth fewer
/// instructions over a report's prose). Every place a word starts is one where its tail
/// starts a byte later, so the leftmost tail whose word stands before it is the leftmost
/// word; which of the words standing there is the match is then decided as the search would
/// (the first listed, or the longest).
pub(crate) struct LeftmostWords {
    tails: Tails,
    words: Vec<Box<[u8]>>,
    kind: Leftmost,
    /// How many bytes each word's tail leaves out: 1, or 0 when a word has fewer than two
    /// bytes (its tail would be empty).
    shift: usize,
    /// For each tail the search reports, the words that may stand where it is found, in their
    /// order in the list: those whose tail is it, or starts it, or starts with it (where one
    /// tail stands, another stands only if one starts the other).
    words_of_tail: Vec<Vec<usize>>,
}

enum Tails {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl LeftmostWords {
    pub(crate) fn new<P: AsRef<[u8]>>(
        words: impl IntoIterator<Item = P>,
        kind: Leftmost,
    ) -> LeftmostWords {
        LeftmostWords::build(words, kind, true)
    }

    /// With `packed` false, the automaton whatever the processor has.
    fn build<P: AsRef<[u8]>>(
        words: impl IntoIterator<Item = P>,
        kind: Leftmost,
        packed: bool,
    ) -> LeftmostWords {
        let words: Vec<Box<[u8]>> = words.into_iter().map(|w| w.as_ref().into()).collect();
        let shift = usize::from(words.iter().all(|w| w.len() >= 2));
        let mut tails: Vec<&[u8]> = words.iter().map(|w| &w[shift..]).collect();
        // Only where a tail stands counts, not which tail it is.
        tails.sort_unstable();
        tails.dedup();
        let words_of_tail = tails
            .iter()
            .map(|tail| {
                (0..words.len())
                    .filter(|&i| {
                        let other = &words[i][shift..];
                        other.starts_with(tail) || tail.starts_with(other)
                    })
                    .collect()
            })
            .collect();
        let packed = packed
            .then(|| {
                packed::Config::new()
                    .match_kind(packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(&tails)
                    .build()
            })
            .flatten();
        let tails = match packed {
            Some(searcher) => Tails::Packed(searcher),
            None => Tails::Automaton(
                AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(&tails)
                    .expect("a list of words makes a valid automaton"),
            ),
        };
        LeftmostWords {
            tails,
            words,
            kind,
            shift,
            words_of_tail,
        }
    }

    /// The leftmost match that starts at `start` or later, and the index of its word.
    pub(crate) fn find_at(&self, text: &str, start: usize) -> Option<(Range<usize>, usize)> {
        let bytes = text.as_bytes();
        let mut from = start.checked_add(self.shift)?;
        while from <= bytes.len() {
            let span = aho_corasick::Span::from(from..bytes.len());
            let tail = match &self.tails {
                Tails::Packed(searcher) => searcher.find_in(bytes, span),
                Tails::Automaton(automaton) => {
                    automaton.find(aho_corasick::Input::new(bytes).span(span))
                }
            }?;
            let at = tail.start() - self.shift;
            if let Some(word) = self.word_at(bytes, at, tail.pattern().as_usize()) {
                return Some((at..at + self.words[word].len(), word));
            }
            from = tail.start() + 1;
        }
        None
    }

    /// The word a leftmost search matches at `at` (the first listed or the longest of those
    /// standing there), if any, where the tail `tail` stands after `at`.
    fn word_at(&self, bytes: &[u8], at: usize, tail: usize) -> Option<usize> {
        let rest = bytes.get(at..)?;
        let mut here = self
            .words_of_tail
            .get(tail)?
            .iter()
            .copied()
            .filter(|&i| rest.starts_with(&self.words[i]));
        match self.kind {
            Leftmost::First => here.next(),
            Leftmost::Longest => here.max_by_key(|&i| (self.words[i].len(), std::cmp::Reverse(i))),
        }
    }

    /// Where each match of a search through `text` starts (matches do not overlap).
    fn starts<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let (found, _) = self.find_at(text, at)?;
            at = found.end;
            Some(found.start)
        })
    }
}

/// A fixed list of words with one searcher built once for all of them: one pass over a text
/// finds every occurrence of every word, where a search per word passed over it once for each
/// (and building a searcher per call, as `str::find` does, costs more than searching a clause).
/// These lists are searched in clauses and sentences that hold a statement word.
struct Words(AhoCorasick);

impl Words {
    fn new(words: &[&str]) -> Words {
        Words(AhoCorasick::new(words).expect("a list of words makes a valid automaton"))
    }

    /// Every occurrence of every word in `text` (an overlapping search: a word inside or across
    /// another is found too), as `(offset, length, index of the word in the list)`.
    fn occurrences<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.0
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.len(), m.pattern().as_usize()))
    }

    fn occur_in(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    /// The first occurrence of the first word of the list that occurs in `text`.
    fn first_listed(&self, text: &str) -> Option<Range<usize>> {
        self.occurrences(text)
            .min_by_key(|&(at, _, word)| (word, at))
            .map(|(at, len, _)| at..at + len)
    }
}

/// The searchers of a word list, built on first use.
macro_rules! words {
    ($list:expr) => {{
        static WORDS: OnceLock<Words> = OnceLock::new();
        WORDS.get_or_init(|| Words::new($list))
    }};
}

/// Words that make a sentence one about disclosure.
const DISCLOSURE_WORDS: &[&str] = &["信息公开", "依申请", "公开申请"];

/// Reads the statements of one paragraph.
pub fn claims(text: &str) -> Statements {
    // One list of hits for every paragraph of the thread (a document has as many paragraphs
    // as blocks), not one per paragraph.
    thread_local! {
        static HITS: std::cell::Cell<Vec<usize>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut hits = HITS.take();
    hits.clear();
    hits.extend(statement_words().starts(text));
    let out = claims_at(text, &hits);
    HITS.set(hits);
    out
}

/// [`claims`] of a paragraph whose statement words start at `hits`.
fn claims_at(text: &str, hits: &[usize]) -> Statements {
    let mut out = Statements::default();
    if hits.is_empty() {
        return out;
    }
    for sentence in sentences_with(text, hits) {
        let s = &text[sentence.clone()];
        let mut around = Around::new(s);
        // Only the clauses holding a statement word are read, each found from its hit (as
        // `clauses` would cut the sentence): the sentence is not split, and the clauses a
        // check looks at besides (the first, the one before, the one after) are found when
        // it does.
        let first_hit = hits.partition_point(|&at| at < sentence.start);
        let mut read_to = 0;
        for (i, &hit) in hits.iter().enumerate().skip(first_hit) {
            let hit = hit - sentence.start;
            if hit >= s.len() {
                break;
            }
            if hit < read_to {
                continue;
            }
            let Some(clause) = clause_at(s, hit) else {
                continue;
            };
            read_to = clause.end;
            let words = &s[clause.clone()];
            // The hits of the clause are this one and those after it up to its end (those before
            // are in clauses read before, or in none).
            let offset = sentence.start + clause.start;
            let clause_hits = hits
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&at| at < sentence.start + clause.end)
                .filter_map(|&at| at.checked_sub(offset));
            let none = none_claims(words, clause_hits);
            if !none.is_empty()
                && !around.opens_on_other_year()
                && !around.after_since(clause.start)
            {
                for (quantity, range) in none {
                    out.none.push(NoneClaim {
                        quantity,
                        context: around.context(clause.start + range.start),
                        range: sentence.start + clause.start + range.start
                            ..sentence.start + clause.start + range.end,
                    });
                }
            }
            // `行政复议2件，均获维持`: about a count of reviews or lawsuits in the clause before.
            if let Some((quantity, context, at)) =
                upheld_after(&out.claims, s, sentence.start, &clause, &around)
            {
                out.none.push(NoneClaim {
                    quantity,
                    context,
                    range: sentence.start + clause.start + at.start
                        ..sentence.start + clause.start + at.end,
                });
            }
            // Most clauses hold no count at all.
            if !words.contains(UNITS) {
                continue;
            }
            let Some(found) = figure(words) else {
                continue;
            };
            let before = &words[..found.figure.start];
            if other_year(before) || approximate(words, &found) {
                continue;
            }
            let tail = &words[found.unit_end..];
            let (percent, read_to) = match percent_tail(tail) {
                Some((value, at)) => (
                    Some((value, found.unit_end + at.start..found.unit_end + at.end)),
                    found.unit_end,
                ),
                None => (None, words.len()),
            };
            if !only_known_words(&words[..read_to], Some(&found)) {
                continue;
            }
            let Some(quantity) = quantity(before, words) else {
                continue;
            };
            // The sentence's opening and `以来` last: most clauses are decided before, and
            // these are worked out once per sentence, on first need.
            if around.opens_on_other_year() || around.after_since(clause.start) {
                continue;
            }
            // `予以公开38件，占总数的28.79%`: the share in the next clause, looked for only
            // now that the clause states something (the next clause is found only then).
            let percent = percent
                .map(|(value, at)| (value, clause.start + at.start..clause.start + at.end))
                .or_else(|| {
                    let next = clause_after(s, clause.end)?;
                    let (value, at) = share_clause(&s[next.clone()])?;
                    Some((value, next.start + at.start..next.start + at.end))
                });
            let written = &words[found.figure.clone()];
            out.claims.push(Claim {
                quantity,
                value: found.value,
                range: offset + found.figure.start..offset + found.figure.end,
                numerals: numerals(written),
                grouped: written.contains([',', '，']),
                percent: percent.map(|(value, at)| Percent {
                    value,
                    range: sentence.start + at.start..sentence.start + at.end,
                }),
                context: around.context(clause.start + found.figure.start),
            });
            // `行政复议2件，均获维持`: the next clause is read for `均获维持` now when no
            // keyword stands in it (the search finds none of `ALL_UPHELD`); only after a
            // count of reviews or lawsuits (as `upheld_after` asks) is it looked for.
            let of_cases = matches!(quantity, Quantity::Reviews | Quantity::Lawsuits);
            let next = of_cases.then(|| clause_after(s, clause.end)).flatten();
            let next = next.filter(|next| {
                let next_hit = hits.get(i + 1..).unwrap_or_default().iter();
                !next_hit
                    .take_while(|&&at| at < sentence.start + next.end)
                    .any(|&at| at >= sentence.start + next.start)
            });
            if let Some(next) = next {
                if let Some(upheld) = upheld_after(&out.claims, s, sentence.start, &next, &around) {
                    let (quantity, context, at) = upheld;
                    out.none.push(NoneClaim {
                        quantity,
                        context,
                        range: sentence.start + next.start + at.start
                            ..sentence.start + next.start + at.end,
                    });
                }
            }
        }
    }
    out
}

/// `均获维持` in `clause` of the sentence `s` (which starts at `sentence_start` in the
/// paragraph), about the last claim when it is a count of reviews or lawsuits in the clause
/// before: what it says, the count's context, and where it stands in the clause.
fn upheld_after(
    claims: &[Claim],
    s: &str,
    sentence_start: usize,
    clause: &Range<usize>,
    around: &Around,
) -> Option<(Quantity, Context, Range<usize>)> {
    let last = claims.last()?;
    let quantity = match last.quantity {
        Quantity::Reviews => Quantity::ReviewsUpheld,
        Quantity::Lawsuits => Quantity::LawsuitsUpheld,
        _ => return None,
    };
    let previous = clause_before(s, clause.start)?;
    let of_previous = (sentence_start + previous.start..sentence_start + previous.end)
        .contains(&last.range.start);
    if !of_previous || last.value == 0 {
        return None;
    }
    let words = s.get(clause.clone())?;
    let at = words!(ALL_UPHELD).first_listed(words)?;
    (only_known_words(words, None) && !around.after_since(clause.start))
        .then(|| (quantity, last.context.clone(), at))
}

/// What a sentence says around its statements, each part worked out on first need: most
/// sentences that hold a statement word state nothing, and reading their years, their topic and
/// their opening costs more than the clause tests that find so.
struct Around<'a> {
    sentence: &'a str,
    about_disclosure: OnceCell<bool>,
    opens_on_other_year: OnceCell<bool>,
    since_another_time: OnceCell<Option<usize>>,
    years: Option<YearsBefore>,
}

impl<'a> Around<'a> {
    fn new(sentence: &'a str) -> Around<'a> {
        Around {
            sentence,
            about_disclosure: OnceCell::new(),
            opens_on_other_year: OnceCell::new(),
            since_another_time: OnceCell::new(),
            years: None,
        }
    }

    /// A sentence opening on last year (`上年，…`) speaks of last year throughout.
    fn opens_on_other_year(&self) -> bool {
        *self.opens_on_other_year.get_or_init(|| {
            clause_after(self.sentence, 0).is_some_and(|c| {
                let first = &self.sentence[c.clone()];
                other_year(first) && figure(first).is_none()
            })
        })
    }

    /// `《条例》实施以来，累计收到申请300件`: a count after `以来` is since another time than a
    /// year's start (`2021年以来` is the year's, and the year decides).
    fn after_since(&self, at: usize) -> bool {
        let since = *self.since_another_time.get_or_init(|| {
            let s = self.sentence;
            words!(&["以来"])
                .occurrences(s)
                .map(|(at, _, _)| at)
                .find(|&i| !s.get(..i).unwrap_or("").ends_with('年'))
        });
        since.is_some_and(|since| at > since)
    }

    /// The context of a statement at `offset` in the sentence (offsets asked for never go
    /// back).
    fn context(&mut self, offset: usize) -> Context {
        let sentence = self.sentence;
        let about_disclosure = *self
            .about_disclosure
            .get_or_init(|| words!(DISCLOSURE_WORDS).occur_in(sentence));
        Context {
            years: self
                .years
                .get_or_insert_with(|| YearsBefore::new(sentence))
                .upto(offset),
            about_disclosure,
        }
    }
}

/// A sentence ends at `。！？` and line ends.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '\r')
}

/// Sentences: runs between `。！？` and line ends.
#[cfg(test)]
fn sentences(text: &str) -> Vec<Range<usize>> {
    split(text, ends_sentence)
}

/// The sentences (as the tests' `sentences` cuts them) that hold one of `hits` (ascending
/// offsets of statement words), in text order: found from the hits, so that the many
/// sentences of a long paragraph that hold none are not read at all. Each sentence is scanned
/// once.
fn sentences_with<'a>(text: &'a str, hits: &'a [usize]) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut done = 0;
    hits.iter().filter_map(move |&hit| {
        if hit < done {
            return None;
        }
        let start = non_chinese_chars_rev(text.get(..hit)?)
            .find(|&(_, c)| ends_sentence(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = non_chinese_chars(text.get(hit..)?)
            .find(|&(_, c)| ends_sentence(c))
            .map_or(text.len(), |(i, _)| hit + i);
        done = end.max(hit + 1);
        // A hit on a sentence's end (never a statement word's) is in no sentence.
        (hit < end).then_some(start..end)
    })
}

/// Clauses: runs between `，。；;,、：:` and line ends (a comma between digits is a thousands
/// separator, not a clause end).
#[cfg(test)]
fn clauses(text: &str) -> Vec<Range<usize>> {
    split(text, ends_clause)
}

/// Whether the character `c` at `at` in `text` ends a clause (as `clauses` cuts it): a
/// comma between digits is a thousands separator.
#[inline]
fn ends_clause_at(text: &str, at: usize, c: char) -> bool {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let separator =
        matches!(c, ',' | '，') && at > 0 && digit_at(at - 1) && digit_at(at + c.len_utf8());
    !separator && ends_clause(c)
}

/// The clause of `sentence` (as `clauses` cuts it) that holds the character at `at`; `None`
/// when that character ends a clause. Both scans stop at the clause's ends, so finding the
/// clause of a hit reads that clause only.
fn clause_at(sentence: &str, at: usize) -> Option<Range<usize>> {
    let start = non_chinese_chars_rev(sentence.get(..at)?)
        .find(|&(i, c)| ends_clause_at(sentence, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = non_chinese_chars(sentence.get(at..)?)
        .find(|&(i, c)| ends_clause_at(sentence, at + i, c))
        .map_or(sentence.len(), |(i, _)| at + i);
    (at < end).then_some(start..end)
}

/// The first clause of `sentence` (as `clauses` cuts it) that ends after `from`: the clause
/// of the first character at `from` or later that ends none (from a clause's end, the next
/// clause).
fn clause_after(sentence: &str, from: usize) -> Option<Range<usize>> {
    let (at, _) = sentence
        .get(from..)?
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .find(|&(i, c)| !ends_clause_at(sentence, i, c))?;
    clause_at(sentence, at)
}

/// The last clause of `sentence` (as `clauses` cuts it) that starts before `before`: the
/// clause of the last character before `before` that ends none (from a clause's start, the
/// clause before).
fn clause_before(sentence: &str, before: usize) -> Option<Range<usize>> {
    let (at, _) = sentence
        .get(..before)?
        .char_indices()
        .rev()
        .find(|&(i, c)| !ends_clause_at(sentence, i, c))?;
    clause_at(sentence, at)
}

fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | ';' | ',' | '、' | '：' | ':' | '\n' | '\r' | '！' | '？'
    )
}

/// Whether `b` leads a Chinese character of U+4000–U+9FFF (three bytes): no such character ends
/// a sentence or a clause (a test keeps it so), and they are most of a report's prose, so the
/// scans for ends pass over them by their lead byte without decoding them.
fn is_chinese_lead(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

/// The characters of `text` with their offsets, but for the Chinese characters of
/// [`is_chinese_lead`].
fn non_chinese_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while bytes.get(at).is_some_and(|&b| is_chinese_lead(b)) {
            at += 3;
        }
        let c = text.get(at..)?.chars().next()?;
        let found = (at, c);
        at += c.len_utf8();
        Some(found)
    })
}

/// [`non_chinese_chars`] from the end of `text` backwards.
fn non_chinese_chars_rev(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut end = text.len();
    std::iter::from_fn(move || {
        // A lead byte is no continuation byte: three bytes back, it starts the character
        // that ends here.
        while end
            .checked_sub(3)
            .and_then(|i| bytes.get(i))
            .is_some_and(|&b| is_chinese_lead(b))
        {
            end -= 3;
        }
        let c = text.get(..end)?.chars().next_back()?;
        end -= c.len_utf8();
        Some((end, c))
    })
}

/// Runs between the characters `ends` accepts, which must be no Chinese character of
/// [`is_chinese_lead`].
#[cfg(test)]
fn split(text: &str, ends: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    for (i, c) in non_chinese_chars(text) {
        let separator =
            matches!(c, ',' | '，') && i > 0 && digit_at(i - 1) && digit_at(i + c.len_utf8());
        if !separator && ends(c) {
            if i > start {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The figure of a clause: its range, value, and where its unit ends.
#[derive(Debug)]
struct Found {
    figure: Range<usize>,
    value: u64,
    unit_end: usize,
}

/// The one figure of a clause followed by a unit (`132件`, `二十三 件`), and its value. A
/// clause with two such figures is not read (which figure is which would be a guess), nor one
/// whose figure is part of a decimal (`1.2万件`).
fn figure(clause: &str) -> Option<Found> {
    let bytes = clause.as_bytes();
    // A character is an ASCII digit exactly when its byte is one: no byte of a multi-byte
    // character is below 0x80.
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut found: Option<Found> = None;
    // The character before the one read.
    let mut previous: Option<char> = None;
    let mut chars = clause.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_numeral(c) {
            previous = Some(c);
            continue;
        }
        // The run of numerals, with thousands separators between digits (`1,234`).
        let mut end = start + c.len_utf8();
        while let Some(&(at, n)) = chars.peek() {
            let separator = matches!(n, ',' | '，')
                && at > 0
                && digit_at(at - 1)
                && digit_at(at + n.len_utf8());
            if !is_numeral(n) && !separator {
                break;
            }
            end = at + n.len_utf8();
            chars.next();
        }
        // A unit right after, spaces allowed.
        let after = &clause[end..];
        let spaced = after.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
        let unit = spaced
            .chars()
            .next()
            .filter(|u| UNITS.contains(u))
            .map(|u| (end + after.len() - spaced.len(), u));
        // `第3条` is an article, not a count.
        if let (Some((at, u)), false) = (unit, previous == Some('第')) {
            if previous.is_some_and(|p| matches!(p, '.' | '．') || p.is_ascii_alphanumeric()) {
                return None;
            }
            let value = number_value(&clause[start..end])?;
            if found.is_some() {
                return None;
            }
            found = Some(Found {
                figure: start..end,
                value,
                unit_end: at + u.len_utf8(),
            });
        }
        // The character after the run is no numeral: read next, it becomes `previous`.
    }
    found
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || chinese_digit(c).is_some()
        || matches!(c, '十' | '百' | '千' | '万')
}

fn numerals(written: &str) -> Numerals {
    if written.chars().any(|c| ('０'..='９').contains(&c)) {
        Numerals::FullWidth
    } else if written
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '，'))
    {
        Numerals::Arabic
    } else {
        Numerals::Chinese
    }
}

/// `约100件`, `近10件`, `100件左右`: not a figure to hold the table to.
fn approximate(clause: &str, found: &Found) -> bool {
    let before = clause[..found.figure.start].trim_end();
    let after = &clause[found.unit_end..];
    [
        "约", "近", "超", "逾", "超过", "不足", "不到", "将近", "接近", "大约", "至少", "多达",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        || ["左右", "以上", "以下", "上下", "之多", "次"]
            .iter()
            .any(|w| after.trim_start().starts_with(w))
}

/// Whether `words` mention another year than the report's (`上年收到申请10件`); `上年结转` is
/// this year's carry-over.
fn other_year(words: &str) -> bool {
    // Every word of the list holds `年` or `同` (a test keeps it so): many clauses are decided
    // by this one pass.
    if !words.contains(['年', '同']) {
        return false;
    }
    words!(OTHER_YEAR).occurrences(words).any(|(i, _, _)| {
        let rest = words.get(i..).unwrap_or("");
        !["上年结转", "上年度结转", "上一年度结转"]
            .iter()
            .any(|carried| rest.starts_with(carried))
    })
}

/// Four-digit years (1900–2099) followed by `年` (`2020年`, `2020 年度`), with their offsets.
fn years(text: &str) -> Vec<(usize, u16)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        // A Chinese character (three bytes, no digit among them) is passed over at once.
        if is_chinese_lead(bytes[i]) {
            i += 3;
            continue;
        }
        let digits = &bytes[i..i + 4];
        let starts_run = i == 0 || !bytes[i - 1].is_ascii_digit();
        if starts_run && digits.iter().all(u8::is_ascii_digit) {
            let after = text.get(i + 4..).unwrap_or("").trim_start();
            let year: Option<u16> = text.get(i..i + 4).and_then(|y| y.parse().ok());
            if let (true, Some(year @ 1900..=2099)) = (after.starts_with('年'), year) {
                out.push((i, year));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

fn percent_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*[（(]?\s*(?:占(?:比|比例|总数|总量|全部|申请总数)?的?(?:比例)?为?\s*)?(\d{1,3}(?:\.\d+)?)\s*[%％]\s*[)）]?\s*$")
            .expect("static regex")
    })
}

fn share_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*占(?:比|比例|总数|总量|全部|申请总数)?的?(?:比例)?为?\s*(\d{1,3}(?:\.\d+)?)\s*[%％]\s*$")
            .expect("static regex")
    })
}

/// A percentage after a figure's unit, in the same clause (`（17.46%）`, `占17.46%`).
fn percent_tail(tail: &str) -> Option<(Decimal, Range<usize>)> {
    capture_percent(percent_re(), tail)
}

/// A clause that is only a share (`占总数的17.46%`).
fn share_clause(clause: &str) -> Option<(Decimal, Range<usize>)> {
    capture_percent(share_re(), clause)
}

fn capture_percent(re: &Regex, text: &str) -> Option<(Decimal, Range<usize>)> {
    // Both patterns need a percent sign: most clauses are decided without the regex.
    if !text.contains(['%', '％']) {
        return None;
    }
    let number = re.captures(text)?.get(1)?;
    let value = number.as_str().parse::<Decimal>().ok()?;
    Some((value, number.range()))
}

/// Whether every word of `clause` is one this module knows (see [`FILLERS`]), its figure and
/// unit, a year, or punctuation and space.
fn only_known_words(clause: &str, found: Option<&Found>) -> bool {
    // By first character: a position is tried against the words that start with its
    // character only.
    static WORDS: OnceLock<HashMap<char, Vec<&'static str>>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut all: Vec<&'static str> = FILLERS
            .iter()
            .copied()
            .chain(KEYWORDS.iter().map(|(w, _)| *w))
            .chain(NOT_RECEIVED.iter().copied())
            .chain(NOT_HAPPENED.iter().copied())
            .chain(ALL_UPHELD.iter().copied())
            .collect();
        // Longest first: `政府信息公开申请` is read as one run, not as `政府信息` + `公开` + ….
        all.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut by_first: HashMap<char, Vec<&'static str>> = HashMap::default();
        for w in all {
            if let Some(c) = w.chars().next() {
                by_first.entry(c).or_default().push(w);
            }
        }
        by_first
    });
    let mut at = 0;
    while at < clause.len() {
        let rest = &clause[at..];
        if let Some(f) = found.filter(|f| f.figure.start == at) {
            at = f.unit_end;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace()
            || matches!(
                c,
                '（' | '）' | '(' | ')' | '“' | '”' | '"' | '《' | '》' | '*' | '_'
            )
        {
            at += c.len_utf8();
            continue;
        }
        if let Some(year) = year_len(rest) {
            at += year;
            continue;
        }
        match words
            .get(&c)
            .and_then(|ws| ws.iter().find(|w| rest.starts_with(**w)))
        {
            Some(w) => at += w.len(),
            None => return false,
        }
    }
    true
}

/// The length of a year at the start of `text` (`2020年`, `2020 年度`): four digits and `年`.
fn year_len(text: &str) -> Option<usize> {
    let digits = text.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &text[4..];
    let trimmed = rest.trim_start();
    let after = trimmed.strip_prefix('年')?;
    Some(text.len() - after.len())
}

/// The value of a count as written: Arabic (`1,234`, full-width `１２`) or Chinese (`两`,
/// `二十三`, `一百零五`, `一千二百`, `三万`). `None` for anything else.
pub fn number_value(written: &str) -> Option<u64> {
    let t = written.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(value) = arabic_value(t) {
        return value;
    }
    chinese_value(t)
}

/// The value of `t` when it is written in Arabic digits, half or full width, commas aside:
/// `Some(None)` past `u64` or without a digit (as `str::parse` says); `None` when a character
/// is no digit. Read without building the digits' string: figures are read in every clause
/// that states one.
fn arabic_value(t: &str) -> Option<Option<u64>> {
    let mut value = Some(0u64);
    let mut digits = 0;
    for c in t.chars().filter(|c| !matches!(c, ',' | '，')) {
        let digit = match c {
            '0'..='9' => u64::from(c) - u64::from('0'),
            '０'..='９' => u64::from(c) - u64::from('０'),
            _ => return None,
        };
        digits += 1;
        value = value.and_then(|v| v.checked_mul(10)?.checked_add(digit));
    }
    Some(value.filter(|_| digits > 0))
}

fn chinese_value(t: &str) -> Option<u64> {
    let (mut total, mut section, mut pending): (u64, u64, Option<u64>) = (0, 0, None);
    for c in t.chars() {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                // `十二` is 12: a bare 十 counts one ten.
                section += pending.take().unwrap_or(1) * unit;
            }
            '万' => {
                total += (section + pending.take().unwrap_or(0)).max(1) * 10_000;
                section = 0;
            }
            _ => {
                let d = chinese_digit(c)?;
                if d == 0 {
                    continue;
                }
                if pending.is_some() {
                    // Two digits in a row (`一二`) is not a number.
                    return None;
                }
                pending = Some(d);
            }
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

/// A count written in Chinese numerals, as a report writes it (`两`, `十二`, `一百零五`), for
/// 1 to 9999; `None` otherwise (the caller writes digits).
pub fn chinese_count(n: u64) -> Option<String> {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 2 {
        return Some("两".to_string());
    }
    if !(1..10_000).contains(&n) {
        return None;
    }
    let places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut zero = false;
    for (unit, name) in places {
        let d = (n / unit % 10) as usize;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // `十二`, not `一十二`, when the tens lead.
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push_str(DIGITS[d]);
        }
        out.push_str(name);
    }
    Some(out)
}

/// What the words before a figure say it counts, when they say it unmistakably: exactly one
/// statement's words (`收到` and `受理` together are `受理`; `予以公开` with `部分公开` after
/// `含`/`和` is both), and for applications, the word `申请` in the clause.
fn quantity(before: &str, clause: &str) -> Option<Quantity> {
    // The keywords by their first character (in their order in the list): a place is tried
    // against those only, where every keyword was tried at every character.
    static BY_FIRST: OnceLock<HashMap<char, Vec<(&'static str, Quantity)>>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut by_first: HashMap<char, Vec<(&'static str, Quantity)>> = HashMap::default();
        for &(w, q) in KEYWORDS {
            if let Some(c) = w.chars().next() {
                by_first.entry(c).or_default().push((w, q));
            }
        }
        by_first
    });
    // At most one of each quantity: a clause names few.
    let mut found: smallvec::SmallVec<[Quantity; 4]> = smallvec::SmallVec::new();
    let mut at = 0;
    while at < before.len() {
        let rest = &before[at..];
        let Some(c) = rest.chars().next() else { break };
        let keyword = by_first
            .get(&c)
            .and_then(|ws| ws.iter().find(|(w, _)| rest.starts_with(w)));
        match keyword {
            Some((w, q)) => {
                if !found.contains(q) {
                    found.push(*q);
                }
                at += w.len();
            }
            None => at += c.len_utf8(),
        }
    }
    let reviews_or_lawsuits = clause.contains("复议") || clause.contains("诉讼");
    let one = match found.as_slice() {
        [q] => *q,
        [Quantity::Disclosed, Quantity::PartlyDisclosed] => {
            let partial = before.find("部分公开")?;
            let joined = ["含", "包括", "和", "及", "与"]
                .iter()
                .any(|w| before[..partial].trim_end_matches(['（', '(']).ends_with(w));
            if !joined {
                return None;
            }
            Quantity::DisclosedWithPartial
        }
        [a, b]
            if matches!(
                (a, b),
                (Quantity::NewApplications, Quantity::Accepted)
                    | (Quantity::Accepted, Quantity::NewApplications)
            ) =>
        {
            Quantity::Accepted
        }
        // `收到行政复议申请2件`: the review counts.
        [Quantity::NewApplications, q @ (Quantity::Reviews | Quantity::Lawsuits)] => *q,
        _ => return None,
    };
    match one {
        Quantity::Reviews | Quantity::Lawsuits => Some(one),
        _ if reviews_or_lawsuits => None,
        Quantity::NewApplications | Quantity::Accepted => clause.contains("申请").then_some(one),
        _ => Some(one),
    }
}

/// `未收到…申请`, `没有收到…申请`: 一 = 0. `未发生/没有…行政复议` and the same for 行政诉讼
/// (either alone or both, `…行政复议和行政诉讼`): their totals are 0. Only when the clause is
/// made of known words (`未收到涉及拆迁的申请` says nothing of the others). `hits`: where the
/// statement-word search found a word in the clause (ascending). Ranges in `clause`.
fn none_claims(clause: &str, hits: impl Iterator<Item = usize>) -> Vec<(Quantity, Range<usize>)> {
    // Every word of `NOT_RECEIVED` is `未` or `没有` and a keyword, which the search finds (no
    // keyword holds `未` or `没`, so none covers the negation's start, and the keyword inside
    // is the one a search from there finds: a test keeps these so); every word of
    // `NOT_HAPPENED` is read only before `行政复议` or `行政诉讼`, which are keywords. No word
    // of either list starts another, so the first found is the list's leftmost occurrence.
    let mut not_received = None;
    let mut about_cases = false;
    for at in hits {
        let Some(rest) = clause.get(at..) else {
            continue;
        };
        about_cases |= rest.starts_with("行政");
        if not_received.is_none() {
            not_received = ["未", "没有"].iter().find_map(|negation| {
                let start = at.checked_sub(negation.len())?;
                let from = clause.get(start..).filter(|f| f.starts_with(negation))?;
                NOT_RECEIVED
                    .iter()
                    .find(|w| from.starts_with(**w))
                    .map(|w| (start, w.len()))
            });
        }
    }
    let not_happened = about_cases
        .then(|| {
            words!(NOT_HAPPENED)
                .occurrences(clause)
                .min_by_key(|&(at, _, _)| at)
                .map(|(at, len, _)| (at, len))
        })
        .flatten();
    let mut out = Vec::new();
    if (not_received.is_none() && not_happened.is_none())
        || clause.contains(UNITS) && figure(clause).is_some()
        || other_year(clause)
        || !only_known_words(clause, None)
    {
        return out;
    }
    let reviews_or_lawsuits = clause.contains("复议") || clause.contains("诉讼");
    if let Some((i, len)) = not_received {
        let rest = &clause[i + len..];
        if let (Some(j), false) = (rest.find("申请"), reviews_or_lawsuits) {
            out.push((Quantity::NewApplications, i..i + len + j + "申请".len()));
        }
    }
    if let Some((i, len)) = not_happened {
        let rest = &clause[i + len..];
        for (word, quantity) in [
            ("行政复议", Quantity::Reviews),
            ("行政诉讼", Quantity::Lawsuits),
        ] {
            if let Some(j) = rest.find(word) {
                out.push((quantity, i..i + len + j + word.len()));
            }
        }
    }
    out
}

/// The years a sentence names, handed out in text order: each statement gets the distinct
/// years before it (a cursor, so a long sentence of many statements is read once).
struct YearsBefore {
    /// `(offset, year)` in the sentence, ascending.
    all: Vec<(usize, u16)>,
    next: usize,
    seen: Vec<u16>,
}

impl YearsBefore {
    fn new(sentence: &str) -> YearsBefore {
        YearsBefore {
            all: years(sentence),
            next: 0,
            seen: Vec::new(),
        }
    }

    /// The distinct years named before `offset` (offsets asked for never go back).
    fn upto(&mut self, offset: usize) -> Vec<u16> {
        while let Some(&(at, year)) = self.all.get(self.next) {
            if at >= offset {
                break;
            }
            if !self.seen.contains(&year) {
                self.seen.push(year);
            }
            self.next += 1;
        }
        self.seen.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The reading before the statement-word search left out the negations and `均获维持`:
    // every statement word, and the negations taken from its hits.
    fn reference_statement_words() -> &'static LeftmostWords {
        static WORDS: OnceLock<LeftmostWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            let words = KEYWORDS
                .iter()
                .map(|(w, _)| *w)
                .chain(NOT_RECEIVED.iter().copied())
                .chain(NOT_HAPPENED.iter().copied())
                .chain(ALL_UPHELD.iter().copied());
            LeftmostWords::new(words, Leftmost::First)
        })
    }

    fn reference_claims(text: &str) -> Statements {
        let mut out = Statements::default();
        let hits: Vec<usize> = reference_statement_words().starts(text).collect();
        if hits.is_empty() {
            return out;
        }
        for sentence in sentences_with(text, &hits) {
            let s = &text[sentence.clone()];
            let mut around = Around::new(s);
            // Only the clauses holding a statement word are read, each found from its hit (as
            // `clauses` would cut the sentence): the sentence is not split, and the clauses a
            // check looks at besides (the first, the one before, the one after) are found when
            // it does.
            let first_hit = hits.partition_point(|&at| at < sentence.start);
            let mut read_to = 0;
            for (i, &hit) in hits.iter().enumerate().skip(first_hit) {
                let hit = hit - sentence.start;
                if hit >= s.len() {
                    break;
                }
                if hit < read_to {
                    continue;
                }
                let Some(clause) = clause_at(s, hit) else {
                    continue;
                };
                read_to = clause.end;
                let words = &s[clause.clone()];
                // The hits of the clause are this one and those after it up to its end (those before
                // are in clauses read before, or in none).
                let offset = sentence.start + clause.start;
                let clause_hits = hits
                    .get(i..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&at| at < sentence.start + clause.end)
                    .filter_map(|&at| at.checked_sub(offset));
                let none = reference_none_claims(words, clause_hits);
                if !none.is_empty()
                    && !around.opens_on_other_year()
                    && !around.after_since(clause.start)
                {
                    for (quantity, range) in none {
                        out.none.push(NoneClaim {
                            quantity,
                            context: around.context(clause.start + range.start),
                            range: sentence.start + clause.start + range.start
                                ..sentence.start + clause.start + range.end,
                        });
                    }
                }
                // `行政复议2件，均获维持`: about a count of reviews or lawsuits in the clause before.
                let upheld_count = out.claims.last().and_then(|last| {
                    let previous = clause_before(s, clause.start)
                        .map(|p| sentence.start + p.start..sentence.start + p.end);
                    let of_previous = previous.is_some_and(|p| p.contains(&last.range.start));
                    let quantity = match last.quantity {
                        Quantity::Reviews => Some(Quantity::ReviewsUpheld),
                        Quantity::Lawsuits => Some(Quantity::LawsuitsUpheld),
                        _ => None,
                    };
                    quantity
                        .filter(|_| of_previous && last.value > 0)
                        .map(|quantity| (quantity, last.context.clone()))
                });
                if let Some((quantity, context)) = upheld_count {
                    let upheld = words!(ALL_UPHELD).first_listed(words).filter(|_| {
                        only_known_words(words, None) && !around.after_since(clause.start)
                    });
                    if let Some(at) = upheld {
                        out.none.push(NoneClaim {
                            quantity,
                            context,
                            range: sentence.start + clause.start + at.start
                                ..sentence.start + clause.start + at.end,
                        });
                    }
                }
                // Most clauses hold no count at all.
                if !words.contains(UNITS) {
                    continue;
                }
                let Some(found) = figure(words) else {
                    continue;
                };
                let before = &words[..found.figure.start];
                if other_year(before) || approximate(words, &found) {
                    continue;
                }
                let tail = &words[found.unit_end..];
                let (percent, read_to) = match percent_tail(tail) {
                    Some((value, at)) => (
                        Some((value, found.unit_end + at.start..found.unit_end + at.end)),
                        found.unit_end,
                    ),
                    None => (None, words.len()),
                };
                if !only_known_words(&words[..read_to], Some(&found)) {
                    continue;
                }
                let Some(quantity) = quantity(before, words) else {
                    continue;
                };
                // The sentence's opening and `以来` last: most clauses are decided before, and
                // these are worked out once per sentence, on first need.
                if around.opens_on_other_year() || around.after_since(clause.start) {
                    continue;
                }
                // `予以公开38件，占总数的28.79%`: the share in the next clause, looked for only
                // now that the clause states something (the next clause is found only then).
                let percent = percent
                    .map(|(value, at)| (value, clause.start + at.start..clause.start + at.end))
                    .or_else(|| {
                        let next = clause_after(s, clause.end)?;
                        let (value, at) = share_clause(&s[next.clone()])?;
                        Some((value, next.start + at.start..next.start + at.end))
                    });
                let written = &words[found.figure.clone()];
                out.claims.push(Claim {
                    quantity,
                    value: found.value,
                    range: offset + found.figure.start..offset + found.figure.end,
                    numerals: numerals(written),
                    grouped: written.contains([',', '，']),
                    percent: percent.map(|(value, at)| Percent {
                        value,
                        range: sentence.start + at.start..sentence.start + at.end,
                    }),
                    context: around.context(clause.start + found.figure.start),
                });
            }
        }
        out
    }

    fn reference_none_claims(
        clause: &str,
        hits: impl Iterator<Item = usize>,
    ) -> Vec<(Quantity, Range<usize>)> {
        // Each negation of the clause starts one of its hits: the search looks for the negations
        // too, and no other statement word holds `未` or `没`, with which every negation starts
        // (a test keeps both so), so no other match covers a negation's start. No word of either
        // list starts another, so the first hit that starts one is the list's leftmost occurrence.
        let (mut not_received, mut not_happened) = (None, None);
        let first_in = |list: &[&str], rest: &str, at: usize| {
            list.iter()
                .find(|w| rest.starts_with(**w))
                .map(|w| (at, w.len()))
        };
        // One pass over the hits for both lists; a hit is tried only where `未` or `没` stands (as
        // bytes: their three bytes start no other character).
        for at in hits {
            let Some(rest) = clause.get(at..) else {
                continue;
            };
            let bytes = rest.as_bytes();
            if !(bytes.starts_with("未".as_bytes()) || bytes.starts_with("没".as_bytes())) {
                continue;
            }
            if not_received.is_none() {
                not_received = first_in(NOT_RECEIVED, rest, at);
            }
            if not_happened.is_none() {
                not_happened = first_in(NOT_HAPPENED, rest, at);
            }
            if not_received.is_some() && not_happened.is_some() {
                break;
            }
        }
        let mut out = Vec::new();
        if (not_received.is_none() && not_happened.is_none())
            || clause.contains(UNITS) && figure(clause).is_some()
            || other_year(clause)
            || !only_known_words(clause, None)
        {
            return out;
        }
        let reviews_or_lawsuits = clause.contains("复议") || clause.contains("诉讼");
        if let Some((i, len)) = not_received {
            let rest = &clause[i + len..];
            if let (Some(j), false) = (rest.find("申请"), reviews_or_lawsuits) {
                out.push((Quantity::NewApplications, i..i + len + j + "申请".len()));
            }
        }
        if let Some((i, len)) = not_happened {
            let rest = &clause[i + len..];
            for (word, quantity) in [
                ("行政复议", Quantity::Reviews),
                ("行政诉讼", Quantity::Lawsuits),
            ] {
                if let Some(j) = rest.find(word) {
                    out.push((quantity, i..i + len + j + word.len()));
                }
            }
        }
        out
    }

    fn read(text: &str) -> Vec<(Quantity, u64, &str)> {
        claims(text)
            .claims
            .into_iter()
            .map(|c| (c.quantity, c.value, &text[c.range]))
            .collect()
    }

    /// Where the processor has no packed searcher, the automaton finds the same matches.
    /// A leftmost search for the whole words, as aho-corasick's automaton makes it: what
    /// [`LeftmostWords`] must find.
    struct Reference(AhoCorasick);

    impl Reference {
        fn new(words: &[&str], kind: Leftmost) -> Reference {
            let kind = match kind {
                Leftmost::First => aho_corasick::MatchKind::LeftmostFirst,
                Leftmost::Longest => aho_corasick::MatchKind::LeftmostLongest,
            };
            let automaton = AhoCorasick::builder()
                .match_kind(kind)
                .build(words)
                .expect("a list of words makes a valid automaton");
            Reference(automaton)
        }

        fn find_at(&self, text: &str, start: usize) -> Option<(Range<usize>, usize)> {
            if start > text.len() {
                return None;
            }
            let span = aho_corasick::Span::from(start..text.len());
            self.0
                .find(aho_corasick::Input::new(text).span(span))
                .map(|m| (m.range(), m.pattern().as_usize()))
        }
    }

    /// Every match of a search started again one byte after each match (as `held` does).
    fn every_match(
        find_at: impl Fn(&str, usize) -> Option<(Range<usize>, usize)>,
        text: &str,
    ) -> Vec<(Range<usize>, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some((range, word)) = find_at(text, at) {
            at = range.start + 1;
            found.push((range, word));
        }
        found
    }

    /// Every word the statement reading looks for.
    fn statement_words() -> Vec<&'static str> {
        KEYWORDS
            .iter()
            .map(|(w, _)| *w)
            .chain(NOT_RECEIVED.iter().copied())
            .chain(NOT_HAPPENED.iter().copied())
            .chain(ALL_UPHELD.iter().copied())
            .collect()
    }

    fn word_lists() -> Vec<Vec<&'static str>> {
        let statement = statement_words();
        let topics: Vec<&str> = crate::analysis::blocks::topic_words()
            .iter()
            .map(String::as_str)
            .chain(["政府信息公开", "政务公开", "国办公开办函"])
            .collect();
        // Words of one byte leave no tail (the search then looks for the whole words), and
        // words that start others.
        let odd = vec!["a", "ab", "b", "收", "收到", "到申"];
        vec![
            statement,
            topics,
            OTHER_YEAR.to_vec(),
            FILLERS.to_vec(),
            odd,
        ]
    }

    #[test]
    fn the_search_finds_what_a_search_for_the_whole_words_finds() {
        let texts = [
            include_str!("../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
            "共收到政府信息公开申请5件，未收到行政复议。",
            "收",
            "",
        ];
        let mut compared = 0;
        for words in &word_lists() {
            for kind in [Leftmost::First, Leftmost::Longest] {
                for packed in [true, false] {
                    let search = LeftmostWords::build(words, kind, packed);
                    let reference = Reference::new(words, kind);
                    for text in texts {
                        let found = every_match(|t, at| search.find_at(t, at), text);
                        let expected = every_match(|t, at| reference.find_at(t, at), text);
                        assert_eq!(found, expected, "{kind:?} {packed} {text}");
                        compared += found.len();
                    }
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2048,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Texts made of the words' pieces, run together and cut anywhere: every match of the
        /// search, from any place, is the match of a search for the whole words.
        #[test]
        fn any_text_is_searched_as_for_the_whole_words(
            list in 0usize..5,
            longest in proptest::bool::ANY,
            pieces in proptest::collection::vec((0usize..64, 0usize..4, 0usize..8), 0..16),
            start in 0usize..64,
        ) {
            let lists = word_lists();
            let words = &lists[list];
            let kind = if longest { Leftmost::Longest } else { Leftmost::First };
            let others = ["，", "。", "a", "2020", "年", "\u{e9}", "府", "息"];
            let mut text = String::new();
            for (word, cut, other) in pieces {
                let word = words[word % words.len()];
                // A word, or a word without its first or last character.
                let piece = match cut {
                    0 => word.char_indices().nth(1).map_or("", |(i, _)| &word[i..]),
                    1 => word.char_indices().next_back().map_or("", |(i, _)| &word[..i]),
                    _ => word,
                };
                text.push_str(piece);
                text.push_str(others[other]);
            }
            let start = start.min(text.len() + 1);
            let search = LeftmostWords::new(words, kind);
            let reference = Reference::new(words, kind);
            proptest::prop_assert_eq!(
                search.find_at(&text, start),
                reference.find_at(&text, start)
            );
            proptest::prop_assert_eq!(
                every_match(|t, at| search.find_at(t, at), &text),
                every_match(|t, at| reference.find_at(t, at), &text)
            );
        }

        #[test]
        fn any_text_states_what_it_states_with_every_word_searched(
            pieces in proptest::collection::vec(0usize..1000, 0..20),
        ) {
            let statement = statement_words();
            let others = [
                "2件", "0件", "二十件", "，", "。", "；", "、", "申请", "政府信息公开", "未", "没有",
                "均", "维持", "以来", "上年", "2020年", "（", "）", "12.5%", "占", "我局", "共",
                "其中", "约", "案件",
            ];
            let text: String = pieces
                .iter()
                .map(|&p| {
                    if p % 2 == 0 {
                        statement[p / 2 % statement.len()]
                    } else {
                        others[p / 2 % others.len()]
                    }
                })
                .collect();
            proptest::prop_assert_eq!(claims(&text), reference_claims(&text), "{}", text);
        }
    }

    #[test]
    fn the_sentences_of_the_hits_are_those_that_hold_them() {
        let texts = [
            "本年度共收到申请132件。办结128件！\n\n上年结转3件？结转下年度7件",
            "。。收到\r\n答复2件。",
            "收到",
            "",
        ];
        for text in texts {
            let starts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            // Every set of hits made of a few char boundaries.
            for step in 1..=4 {
                for first in 0..step {
                    let hits: Vec<usize> =
                        starts.iter().copied().skip(first).step_by(step).collect();
                    let expected: Vec<Range<usize>> = sentences(text)
                        .into_iter()
                        .filter(|r| hits.iter().any(|h| r.contains(h)))
                        .collect();
                    let found: Vec<Range<usize>> = sentences_with(text, &hits).collect();
                    assert_eq!(found, expected, "{text:?} {hits:?}");
                }
            }
        }
    }

    #[test]
    fn the_clauses_found_around_a_character_are_those_clauses_cuts() {
        let texts = [
            "2020年，我局收到申请1,234件，办结１，２件；:上年结转3件,,予以公开、\r\n答复2件",
            "，，收到,1,2,3件：",
            "收到",
            "",
        ];
        for text in texts {
            let all = clauses(text);
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &at in &boundaries {
                let holding = all.iter().find(|c| c.contains(&at)).cloned();
                assert_eq!(clause_at(text, at), holding, "{text:?} {at}");
                let after = all.iter().find(|c| c.end > at).cloned();
                assert_eq!(clause_after(text, at), after, "{text:?} {at}");
                let before = all.iter().rev().find(|c| c.start < at).cloned();
                assert_eq!(clause_before(text, at), before, "{text:?} {at}");
            }
        }
    }

    #[test]
    fn every_other_year_word_passes_the_quick_test() {
        // `other_year` looks for the words only in text holding `年` or `同`.
        for w in OTHER_YEAR {
            assert!(w.contains(['年', '同']), "{w}");
            assert!(other_year(&format!("我局{w}收到")), "{w}");
        }
        assert!(!other_year("上年结转3件"));
        assert!(other_year("上年结转3件，去年收到"));
    }

    #[test]
    fn no_chinese_character_ends_a_sentence_or_a_clause() {
        // The scans for ends pass over the characters of `is_chinese_lead` undecoded.
        for c in '\u{4000}'..='\u{9fff}' {
            assert!(!ends_sentence(c) && !ends_clause(c), "{c}");
        }
        let text = "2020年，我局收到申请１２件（含部分公开）。é\r\n𝄞办结！";
        let all: Vec<(usize, char)> = text
            .char_indices()
            .filter(|&(_, c)| !('\u{4000}'..='\u{9fff}').contains(&c))
            .collect();
        assert_eq!(non_chinese_chars(text).collect::<Vec<_>>(), all);
        let mut back: Vec<(usize, char)> = non_chinese_chars_rev(text).collect();
        back.reverse();
        assert_eq!(back, all);
    }

    /// The negations and `均获维持` left out of the statement-word search are read as when the
    /// search found them: in real reports, and in any text made of the words around them.
    #[test]
    fn the_statements_are_those_read_with_every_word_searched() {
        let corpus = [
            include_str!("../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
        ];
        let mut read = 0;
        for line in corpus.iter().flat_map(|t| t.lines()) {
            let expected = reference_claims(line);
            assert_eq!(claims(line), expected, "{line}");
            read += expected.claims.len() + expected.none.len();
        }
        let texts = [
            "本年度发生政府信息公开行政复议2件，均获维持；行政诉讼1件，均被维持。",
            "行政复议2件，均获维持，行政诉讼1件，全部维持。",
            "行政复议2件，收到均获维持。",
            "2020年,我局未收到过公开申请,亦未发生由政府信息公开引发的行政复议和行政诉讼。",
            "没有收到申请，没有接到申请，未接收申请，未受理申请，未接到，没有发生行政诉讼。",
            "未出现行政复议，未产生行政诉讼；未未收到申请。",
        ];
        for text in texts {
            let expected = reference_claims(text);
            assert_eq!(claims(text), expected, "{text}");
            read += expected.claims.len() + expected.none.len();
        }
        assert!(read >= 15, "{read}");
    }

    #[test]
    fn every_negation_of_receiving_holds_the_keyword_a_search_finds_there() {
        // `none_claims` finds `未收到` from its keyword `收到`.
        let keywords = LeftmostWords::new(KEYWORDS.iter().map(|(w, _)| *w), Leftmost::First);
        for w in NOT_RECEIVED {
            let negation = ["未", "没有"].iter().find(|n| w.starts_with(**n));
            let Some(negation) = negation else {
                panic!("{w}")
            };
            assert_eq!(
                keywords.find_at(w, 0).map(|(r, _)| r),
                Some(negation.len()..w.len()),
                "{w}"
            );
        }
        for w in NOT_HAPPENED.iter().chain(ALL_UPHELD) {
            assert!(keywords.find_at(w, 0).is_none(), "{w}");
        }
        // At most 32 words: Teddy's search of 32 bytes at a time.
        assert!(KEYWORDS.len() <= 32);
    }

    #[test]
    fn every_negation_passes_the_quick_test() {
        // Every negation starts with `未` or `没`.
        for w in NOT_RECEIVED.iter().chain(NOT_HAPPENED) {
            assert!(w.starts_with(['未', '没']), "{w}");
        }
        // No keyword covers a negation's start, and no negation another's: no other statement
        // word holds either character, nor a negation past its first.
        let negations: Vec<&str> = NOT_RECEIVED.iter().chain(NOT_HAPPENED).copied().collect();
        for w in KEYWORDS
            .iter()
            .map(|(w, _)| *w)
            .chain(ALL_UPHELD.iter().copied())
        {
            assert!(!w.contains(['未', '没']), "{w}");
        }
        for w in &negations {
            assert!(!w[3..].contains(['未', '没']), "{w}");
        }
        for list in [NOT_RECEIVED, NOT_HAPPENED] {
            for (a, b) in list.iter().flat_map(|a| list.iter().map(move |b| (a, b))) {
                assert!(a == b || !a.starts_with(b), "{a} {b}");
            }
        }
        assert_eq!(claims("本年度未收到政府信息公开申请。").none.len(), 1);
        assert_eq!(claims("收到申请，未发生行政复议。").none.len(), 1);
    }

    #[test]
    fn the_usual_sentence_of_section_one() {
        let text =
            "本年度共收到政府信息公开申请132件，上年结转3件；办结128件，结转下年度继续办理7件。";
        assert_eq!(
            read(text),
            [
                (Quantity::NewApplications, 132, "132"),
                (Quantity::CarriedIn, 3, "3"),
                (Quantity::Handled, 128, "128"),
                (Quantity::CarriedOut, 7, "7"),
            ]
        );
    }

    #[test]
    fn results_listed_with_enumeration_commas() {
        let text =
            "其办理结果为：予以公开38件、部分公开2件、不予公开1件、无法提供5件、不予处理3件。";
        assert_eq!(
            read(text),
            [
                (Quantity::Disclosed, 38, "38"),
                (Quantity::PartlyDisclosed, 2, "2"),
                (Quantity::Withheld, 1, "1"),
                (Quantity::Unavailable, 5, "5"),
                (Quantity::NotProcessed, 3, "3"),
            ]
        );
    }

    #[test]
    fn chinese_numerals_and_separators() {
        assert_eq!(number_value("两"), Some(2));
        assert_eq!(number_value("二十三"), Some(23));
        assert_eq!(number_value("十二"), Some(12));
        assert_eq!(number_value("一百零五"), Some(105));
        assert_eq!(number_value("一千二百"), Some(1200));
        assert_eq!(number_value("三万"), Some(30_000));
        assert_eq!(number_value("1,234"), Some(1234));
        assert_eq!(number_value("１２"), Some(12));
        assert_eq!(number_value("一二"), None);
        assert_eq!(number_value("abc"), None);
        assert_eq!(number_value("007"), Some(7));
        assert_eq!(number_value(","), None);
        assert_eq!(number_value("18446744073709551615"), Some(u64::MAX));
        assert_eq!(number_value("18446744073709551616"), None);
        assert_eq!(number_value("１２x"), None);
        assert_eq!(
            read("全年共收到申请二十三件。"),
            [(Quantity::NewApplications, 23, "二十三")]
        );
        assert_eq!(
            read("全年受理政府信息公开申请1,234 件"),
            [(Quantity::Accepted, 1234, "1,234")]
        );
    }

    #[test]
    fn real_report_wording() {
        // From the corpus (000, 002): the verb and the unit vary.
        assert_eq!(
            read("2020年以来，我局累计接受2条政府信息公开申请件，其中1条涉及疫情以来开展的促进贸易活动"),
            [(Quantity::NewApplications, 2, "2")]
        );
        assert_eq!(
            read("2020年我局接到政府信息公开申请0件。"),
            [(Quantity::NewApplications, 0, "0")]
        );
        // From the corpus (001): nothing received, no review, no lawsuit.
        let text = "2020年,我局未收到过公开申请,亦未发生由政府信息公开引发的行政复议和行政诉讼。";
        let s = claims(text);
        assert!(s.claims.is_empty(), "{:?}", s.claims);
        let none: Vec<(Quantity, &str)> = s
            .none
            .iter()
            .map(|n| (n.quantity, &text[n.range.clone()]))
            .collect();
        assert_eq!(
            none,
            [
                (Quantity::NewApplications, "未收到过公开申请"),
                (Quantity::Reviews, "未发生由政府信息公开引发的行政复议"),
                (
                    Quantity::Lawsuits,
                    "未发生由政府信息公开引发的行政复议和行政诉讼"
                ),
            ]
        );
    }

    #[test]
    fn reviews_and_lawsuits() {
        assert_eq!(
            read("本年度发生政府信息公开行政复议2件，行政诉讼1件。"),
            [(Quantity::Reviews, 2, "2"), (Quantity::Lawsuits, 1, "1")]
        );
    }

    #[test]
    fn all_upheld_after_a_count_of_reviews_or_lawsuits() {
        let text = "本年度发生政府信息公开行政复议2件，均获维持；行政诉讼1件，均被维持。";
        let s = claims(text);
        let upheld: Vec<(Quantity, &str)> = s
            .none
            .iter()
            .map(|n| (n.quantity, &text[n.range.clone()]))
            .collect();
        assert_eq!(
            upheld,
            [
                (Quantity::ReviewsUpheld, "均获维持"),
                (Quantity::LawsuitsUpheld, "均被维持")
            ]
        );
        // Not after another count, nor after no case at all, nor with other words.
        for text in [
            "收到政府信息公开申请2件，均获维持。",
            "发生行政复议0件，均获维持。",
            "行政复议2件。均获维持。",
            "行政复议2件，经审理均获维持。",
        ] {
            assert!(claims(text).none.is_empty(), "{text}");
        }
    }

    /// The overview paragraphs are full of figures that are about something else.
    #[test]
    fn does_not_take_figures_about_other_things() {
        for text in [
            "全年主动公开政府信息231条，其中政策文件12件。",
            "门户网站访问量达12万人次，召开新闻发布会3场。",
            "其中自然人申请120件，法人或其他组织申请12件。",
            "依申请公开数量同比增长3件。",
            "根据《条例》第二十条第（一）项的规定，公开规章2件。",
            "2021年，我局将继续推进依申请公开工作。",
            "答复群众咨询15件。",
            "共收到申请，其中3件已办结。",
        ] {
            let found = read(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        // Two figures in one clause: which is which would be a guess.
        assert!(read("收到申请2件和3件").is_empty());
        // A breakdown clause is not a total even with a totals verb.
        assert!(read("其中收到自然人申请120件").is_empty());
        assert!(read("答复群众咨询15件").is_empty());
        // A year or an article number is not a count.
        assert!(read("第3条规定的申请").is_empty());
    }

    #[test]
    fn breakdowns_of_results_and_partial_disclosure_counted_in() {
        assert_eq!(
            read("办结3件，其中予以公开2件"),
            [(Quantity::Handled, 3, "3"), (Quantity::Disclosed, 2, "2")]
        );
        assert_eq!(
            read("依法予以公开（含部分公开）38件"),
            [(Quantity::DisclosedWithPartial, 38, "38")]
        );
        assert_eq!(
            read("予以公开和部分公开共40件"),
            [(Quantity::DisclosedWithPartial, 40, "40")]
        );
        // A subset of a result, or two statements in one clause: not read.
        assert!(read("因属于国家秘密不予公开1件").is_empty());
        assert!(read("已办结上年结转的申请3件").is_empty());
        assert!(read("收到行政复议申请2件").len() == 1);
        assert!(read("收到关于拆迁的申请3件").is_empty());
    }

    #[test]
    fn approximations_decimals_and_other_years_are_not_read() {
        for text in [
            "共收到申请约100件",
            "收到申请近10件",
            "收到申请100余件",
            "收到申请100件左右",
            "收到申请1.2万件",
            "上年收到申请10件",
            "去年同期收到申请10件",
            "上年，我局收到申请10件。",
            "同比增加12件",
            "《条例》实施以来，我局累计收到政府信息公开申请300件。",
            "近年来共收到申请30件",
        ] {
            assert!(read(text).is_empty(), "{text}: {:?}", read(text));
        }
        // 上年结转 is this year's carry-over.
        assert_eq!(read("上年结转3件"), [(Quantity::CarriedIn, 3, "3")]);
    }

    #[test]
    fn the_sentence_tells_its_years_and_whether_it_is_about_disclosure() {
        let s = claims("2020年，我局收到政府信息公开申请5件。全年办理行政复议案件120件。");
        let found: Vec<(Quantity, Vec<u16>, bool)> = s
            .claims
            .iter()
            .map(|c| {
                (
                    c.quantity,
                    c.context.years.clone(),
                    c.context.about_disclosure,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (Quantity::NewApplications, vec![2020], true),
                (Quantity::Reviews, vec![], false),
            ]
        );
    }

    #[test]
    fn percentages_beside_a_figure_or_in_the_next_clause() {
        fn percent(text: &str) -> Vec<(String, &str)> {
            claims(text)
                .claims
                .into_iter()
                .filter_map(|c| c.percent)
                .map(|p| (p.value.to_string(), &text[p.range]))
                .collect()
        }
        assert_eq!(
            percent("予以公开208件（17.46%）"),
            [("17.46".to_string(), "17.46")]
        );
        assert_eq!(
            percent("予以公开208件，占总数的17.5%"),
            [("17.5".to_string(), "17.5")]
        );
        assert_eq!(percent("予以公开208件，同比增长17%"), []);
        // A share of something else is no reason to drop the figure before it.
        assert_eq!(
            read("予以公开208件（占17.46%）"),
            [(Quantity::Disclosed, 208, "208")]
        );
    }

    #[test]
    fn counts_written_in_chinese() {
        let written: Vec<Option<String>> = [0, 1, 2, 10, 12, 20, 23, 105, 110, 1005, 9999, 10_000]
            .into_iter()
            .map(chinese_count)
            .collect();
        let expected = [
            None,
            Some("一"),
            Some("两"),
            Some("十"),
            Some("十二"),
            Some("二十"),
            Some("二十三"),
            Some("一百零五"),
            Some("一百一十"),
            Some("一千零五"),
            Some("九千九百九十九"),
            None,
        ];
        assert_eq!(written, expected.map(|e| e.map(str::to_string)));
        for n in 1..10_000 {
            let text = chinese_count(n).unwrap_or_default();
            assert_eq!(number_value(&text), Some(n), "{text}");
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "",
            "件",
            "1件",
            "十件申请",
            "收到申请万件",
            "收到申请９９９９９９９９９９９９９９９９９９９９件",
            "2020",
            "2020年",
            "收到申请.5件",
            "（17.46%）",
            "占%",
            "未收到",
            "未发生行政复议",
        ] {
            let _ = claims(text);
        }
    }
}

#[cfg(test)]
mod corpus_tests {
    use super::*;

    const CORPUS: [(&str, &str); 4] = [
        (
            "000",
            include_str!("../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
        ),
        (
            "001",
            include_str!("../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
        ),
        (
            "002",
            include_str!("../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
        ),
        (
            "003",
            include_str!("../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
        ),
    ];

    /// Every line of the real reports that is prose (no TAB, no `|`): what it claims.
    #[test]
    fn real_reports_claim_only_what_they_say() {
        let mut found = Vec::new();
        for (name, text) in CORPUS {
            for line in text.lines().filter(|l| !l.contains(['\t', '|'])) {
                let s = claims(line);
                for c in s.claims {
                    found.push(format!("{name} {:?} {}", c.quantity, c.value));
                }
                for n in s.none {
                    found.push(format!("{name} none {:?}", n.quantity));
                }
            }
        }
        assert_eq!(
            found,
            [
                // `受理并办理依申请公开2件` and `累计接受2条政府信息公开申请件`.
                "000 Accepted 2",
                "000 NewApplications 2",
                "001 none NewApplications",
                "001 none Reviews",
                "001 none Lawsuits",
                "002 NewApplications 0",
            ]
        );
    }
}
