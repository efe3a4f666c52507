//! What the prose of a block says about the document: the report year, the statistics period,
//! a cited 文号, and which topic words occur.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Line, Signals};
use crate::analysis::Edition;

/// Topic words searched in prose (section 一's five topics, section 六's fee statement).
pub fn topic_words() -> &'static [&'static str] {
    &[
        "主动公开",
        "依申请公开",
        "政府信息公开申请",
        "公开申请",
        "政府信息管理",
        "信息管理",
        "公开审查",
        "保密审查",
        "平台建设",
        "平台",
        "网站",
        "政务新媒体",
        "公众号",
        "监督保障",
        "监督",
        "考核",
        "培训",
        "信息处理费",
        "处理费",
    ]
}

fn report_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(20\d\d)\s*年\s*度?[^。\n，,]{0,30}?(?:政府信息公开|政务公开|信息公开)[^。\n，,]{0,12}?报告")
            .expect("static regex")
    })
}

/// A title split over two lines (`永康市商务局2020年度政府信息公开工作` / `年度报告`): weaker
/// evidence, used only when no line names the report itself.
fn split_title_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)(20\d\d)\s*年\s*度?[^。\n，,]{0,30}?(?:政府信息公开|政务公开|信息公开)\s*(?:工作)?\s*$")
            .expect("static regex")
    })
}

/// One set for all topic words: a single pass over a paragraph tells which of them it
/// contains (they overlap — `公开申请` in `政府信息公开申请` — so an overlapping search; the
/// regex set's lazy DFA does it faster than an Aho-Corasick automaton or a search per word).
fn topic_set() -> &'static regex::RegexSet {
    static SET: OnceLock<regex::RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        regex::RegexSet::new(topic_words().iter().map(|w| regex::escape(w)))
            .expect("static regex set")
    })
}

/// Words whose presence [`signals`] tests.
#[derive(Clone, Copy)]
pub(super) enum Word {
    Ogi,
    GovAffairs,
    Disclosure,
    Report,
    Period,
    Wenhao,
}

/// `text` contains `word`: a SIMD substring search with its searcher built once (building it
/// costs more than searching a paragraph; `str::contains` is slower on long tables).
pub(super) fn contains(text: &str, word: Word) -> bool {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 6]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        [
            "政府信息公开",
            "政务公开",
            "信息公开",
            "报告",
            "统计期限",
            "国办公开办函",
        ]
        .map(memchr::memmem::Finder::new)
    });
    finders[word as usize].find(text.as_bytes()).is_some()
}

fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"统计期限自\s*(20\d\d)\s*年").expect("static regex"))
}

fn document_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"国办公开办函\s*[〔\[（(【]\s*(2019|2021)\s*[〕\]）)】]\s*(\d+)\s*号")
            .expect("static regex")
    })
}

/// What the prose of a block says; `lines` are the block's lines.
pub(super) fn signals(text: &str, lines: &[Line]) -> Signals {
    let has = |word: Word| contains(text, word);
    let mut s = Signals {
        mentions_ogi: has(Word::Ogi) || has(Word::GovAffairs),
        ..Signals::default()
    };
    // One pass over the text for all topic words.
    for i in topic_set().matches(text).iter() {
        s.topic_words |= 1 << i;
    }
    if !text.contains('年') && !text.contains('号') {
        return s;
    }
    // The year regexes match within a line: run them only on the lines that can match. Both
    // start with the four digits of the year (no captures needed: `find` is cheaper).
    let year_in = |re: &Regex, line: &str, at: usize| -> Option<(u16, Range<usize>)> {
        let start = re.find(line)?.start();
        let year = line.get(start..start + 4)?;
        Some((year.parse().ok()?, at + start..at + start + 4 + "年".len()))
    };
    let names_disclosure = s.mentions_ogi || has(Word::Disclosure);
    if names_disclosure && has(Word::Report) {
        s.report_year = lines
            .iter()
            .map(|l| (l.start, &text[l.start..l.content_end]))
            .filter(|(_, line)| contains(line, Word::Report) && line.contains('年'))
            .find_map(|(at, line)| year_in(report_year_re(), line, at));
    }
    if names_disclosure {
        s.split_title_year = lines
            .iter()
            .map(|l| (l.start, &text[l.start..l.content_end]))
            .filter(|(_, line)| {
                let t = line.trim_end();
                (t.ends_with("公开") || t.ends_with("工作")) && line.contains('年')
            })
            .find_map(|(at, line)| year_in(split_title_year_re(), line, at));
    }
    if !has(Word::Period) {
        // No period sentence.
    } else if let Some(y) = period_re().captures(text).and_then(|c| c.get(1)) {
        s.period_year = y.as_str().parse().ok();
    }
    if let Some(c) = has(Word::Wenhao)
        .then(|| document_re().captures(text))
        .flatten()
    {
        let edition = match (c.get(1).map(|m| m.as_str()), c.get(2).map(|m| m.as_str())) {
            (Some("2019"), Some("60")) => Some(Edition::E2019),
            (Some("2021"), Some("30")) => Some(Edition::E2021),
            _ => None,
        };
        if let (Some(e), Some(m)) = (edition, c.get(0)) {
            s.cited_edition = Some((e, m.range()));
        }
    }
    s
}
