//! Finds the six standard sections among the heading candidates: by wording first, then by
//! number at the expected position; recognises extra numbered sections and the ones they shift.

use std::ops::Range;
use std::sync::OnceLock;

use super::{abs, headings, template, LabelMatch, Model, Placed, Quality};
use crate::analysis::blocks::{topic_words, BlockKind, Heading};
use crate::analysis::template::{StandardLabel, TableKind, Vocabulary};
use crate::analysis::text::{chinese_numeral, normalize_label};
use crate::analysis::Edition;

/// A standard section as found.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionFound {
    /// The template's number (1 = 一).
    pub number: u32,
    /// The number as written, if any.
    pub written_number: Option<u32>,
    /// The heading text from numeral to end of title.
    pub range: Range<usize>,
    pub title_range: Range<usize>,
    pub title: String,
    /// Recognised by its wording (not only by its number and place).
    pub by_wording: bool,
    /// The title's wording differs from the standard (`section-title`).
    pub reworded: bool,
    /// Appears after a section that should follow it.
    pub out_of_order: bool,
    /// The heading's line starts here; the section runs to `end`.
    pub start: usize,
    pub end: usize,
}

/// A numbered section the template does not have (a provincial addition).
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraSection {
    pub range: Range<usize>,
    pub number: u32,
    pub title: String,
}

struct Candidate<'a> {
    start: usize,
    heading: &'a Heading,
    /// Best standard section by wording, with whether it is reworded.
    wording: Option<(u32, bool)>,
}

pub fn find(placed: &[Placed], edition: Edition, model: &mut Model) {
    let t = template(edition);
    // Each section title's standard label, looked up once for all the headings.
    let titles: Vec<Option<&StandardLabel>> = (t.sections.iter())
        .map(|s| Vocabulary::get().standard(&s.title))
        .collect();
    let candidates: Vec<Candidate> = headings(placed)
        .map(|(start, heading)| Candidate {
            start,
            heading,
            wording: match_wording(heading, edition, &titles),
        })
        .collect();

    let mut assigned: [Option<usize>; 6] = [None; 6];
    let mut last: Option<usize> = None;
    for s in 1..=6u32 {
        let after = |i: usize| last.is_none_or(|l| i > l);
        let by_wording = candidates
            .iter()
            .enumerate()
            .find(|(i, c)| after(*i) && c.wording.map(|w| w.0) == Some(s));
        let chosen = by_wording.map(|(i, _)| i).or_else(|| {
            // By number, at its place: before any heading that belongs to a later section.
            candidates
                .iter()
                .enumerate()
                .take_while(|(i, c)| !after(*i) || c.wording.is_none_or(|w| w.0 <= s))
                .find(|(i, c)| after(*i) && c.wording.is_none() && c.heading.number == Some(s))
                .map(|(i, _)| i)
        });
        if let Some(i) = chosen {
            assigned[(s - 1) as usize] = Some(i);
            last = Some(i);
        }
    }
    // A section written out of order is still found by its wording.
    let mut out_of_order = [false; 6];
    for s in 1..=6u32 {
        if assigned[(s - 1) as usize].is_some() {
            continue;
        }
        let taken = || assigned.iter().flatten().copied();
        if let Some((i, _)) = candidates
            .iter()
            .enumerate()
            .find(|&(i, c)| !taken().any(|j| j == i) && c.wording.map(|w| w.0) == Some(s))
        {
            assigned[(s - 1) as usize] = Some(i);
            out_of_order[(s - 1) as usize] = true;
        }
    }

    // Extra numbered sections: unassigned numbered headings that shift what follows.
    let taken = || assigned.iter().flatten().copied();
    let mut extra_idx = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(n) = c.heading.number else { continue };
        if taken().any(|j| j == i) || c.wording.is_some() {
            continue;
        }
        let prev_written = taken()
            .filter(|&j| j < i)
            .max()
            .and_then(|j| candidates[j].heading.number);
        let next = taken().filter(|&j| j > i).min();
        let next_shifted = next.is_some_and(|j| {
            let standard = assigned
                .iter()
                .position(|a| *a == Some(j))
                .map(|p| p as u32 + 1);
            matches!((candidates[j].heading.number, standard), (Some(w), Some(s)) if w > s)
        });
        let in_sequence = prev_written.is_some_and(|p| n == p + 1)
            || extra_idx
                .last()
                .is_some_and(|&k: &usize| candidates[k].heading.number == Some(n - 1));
        if in_sequence && next_shifted {
            extra_idx.push(i);
        }
    }

    // Section extents: each runs to the next section heading (standard or extra).
    let mut boundaries: Vec<usize> = assigned
        .iter()
        .flatten()
        .chain(extra_idx.iter())
        .map(|&i| candidates[i].start)
        .collect();
    boundaries.sort_unstable();
    let end_of = |start: usize| {
        boundaries
            .iter()
            .copied()
            .find(|&b| b > start)
            .unwrap_or(model.text_len)
    };

    model.sections = (1..=6u32)
        .map(|s| {
            assigned[(s - 1) as usize].map(|i| {
                let c = &candidates[i];
                let h = c.heading;
                let (by_wording, reworded) = match c.wording {
                    Some((_, reworded)) => (true, reworded),
                    None => (false, true),
                };
                SectionFound {
                    number: s,
                    written_number: h.number,
                    range: abs(c.start, &h.range),
                    title_range: abs(c.start, &h.title_range),
                    title: h.title.clone(),
                    by_wording,
                    reworded,
                    out_of_order: out_of_order[(s - 1) as usize],
                    start: c.start,
                    end: end_of(c.start),
                }
            })
        })
        .collect();
    model.extra_sections = extra_idx
        .iter()
        .map(|&i| {
            let c = &candidates[i];
            ExtraSection {
                range: abs(c.start, &c.heading.range),
                number: c.heading.number.unwrap_or(0),
                title: c.heading.title.clone(),
            }
        })
        .collect();
    model.last_line = last_line(placed, model.text_len);

    // Punctuation of the number and the title of every standard heading.
    for s in model.sections.iter().flatten() {
        let i = assigned[(s.number - 1) as usize].unwrap_or_default();
        let c = &candidates[i];
        let h = c.heading;
        if let Some(n) = h.number {
            let sep: &str = &h.separator;
            if sep != "、" {
                model.labels.push(LabelMatch {
                    range: abs(c.start, &h.prefix_range),
                    written: format!("{}{}", chinese_numeral(n), sep),
                    standard: numbered_prefix(n),
                    quality: Quality::Punctuation,
                    place: "section number",
                    fixable: true,
                });
            }
        }
        let standard = t
            .section(s.number)
            .map(|sec| sec.title.as_str())
            .unwrap_or("");
        let accepted = t
            .section(s.number)
            .is_some_and(|sec| sec.accepted.iter().any(|a| a == &h.title));
        if !s.reworded && h.title != standard && !accepted {
            model.labels.push(LabelMatch {
                range: abs(c.start, &h.title_range),
                written: h.title.clone(),
                standard,
                quality: Quality::Punctuation,
                place: "section heading",
                fixable: true,
            });
        }
    }
}

fn numbered_prefix(n: u32) -> &'static str {
    match n {
        1 => "一、",
        2 => "二、",
        3 => "三、",
        4 => "四、",
        5 => "五、",
        6 => "六、",
        7 => "七、",
        8 => "八、",
        9 => "九、",
        _ => "、",
    }
}

/// The standard section a heading's wording names, and whether the wording differs.
/// `titles`: the standard label of each section title of `edition` (in template order).
fn match_wording(
    heading: &Heading,
    edition: Edition,
    titles: &[Option<&StandardLabel>],
) -> Option<(u32, bool)> {
    let t = template(edition);
    let mut best: Option<(u32, f64)> = None;
    for (s, title) in t.sections.iter().zip(titles) {
        if heading.title == s.title
            || title.is_some_and(|l| l.core == heading.wording.norm)
            || s.accepted
                .iter()
                .any(|a| accepted_norm(a) == heading.wording.norm)
        {
            return Some((s.number, false));
        }
        let sim = title.map_or(0.0, |l| {
            Vocabulary::similarity_to(&heading.wording.fuzzy, l)
        });
        if best.is_none_or(|b| sim > b.1) {
            best = Some((s.number, sim));
        }
    }
    best.filter(|b| b.1 >= 0.6).map(|b| (b.0, true))
}

/// The normalised form of an accepted alternative title (normalised once).
fn accepted_norm(title: &str) -> &'static str {
    static NORMS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let norms = NORMS.get_or_init(|| {
        Edition::all()
            .flat_map(|e| template(e).sections.iter().flat_map(|s| s.accepted.iter()))
            .map(|a| (a.clone(), normalize_label(a)))
            .collect()
    });
    norms
        .iter()
        .find(|(a, _)| a == title)
        .map_or("", |(_, n)| n.as_str())
}

fn last_line(placed: &[Placed], text_len: usize) -> Range<usize> {
    placed
        .iter()
        .rev()
        .find(|p| !matches!(p.block.kind, BlockKind::Blank))
        .map(|p| p.start + p.block.last_line_start..p.start + p.block.content_end)
        .unwrap_or(text_len..text_len)
}

/// `missing-table` facts and section-content topics, once tables are known.
pub fn check_tables_and_topics(placed: &[Placed], edition: Edition, model: &mut Model) {
    let t = template(edition);
    let words = topic_words();
    // Gathered apart from the model, so the sections need not be copied to be walked.
    let mut missing_topics = Vec::new();
    for found in model.sections.iter().flatten() {
        let Some(spec) = t.section(found.number) else {
            continue;
        };
        if spec.topics.is_empty() {
            continue;
        }
        let bits = placed
            .iter()
            .filter(|p| p.start >= found.start && p.start < found.end)
            .fold(0u64, |acc, p| acc | p.block.signals.topic_words);
        let missing: Vec<String> = spec
            .topics
            .iter()
            .filter(|topic| {
                !topic.words.iter().any(|w| {
                    words
                        .iter()
                        .position(|x| x == w)
                        .is_some_and(|i| bits & (1 << i) != 0)
                })
            })
            .map(|topic| topic.name.clone())
            .collect();
        if !missing.is_empty() {
            missing_topics.push((found.number, found.range.clone(), missing));
        }
    }
    model.missing_topics.extend(missing_topics);
}

/// The table a section must hold, if any.
pub fn section_table(edition: Edition, number: u32) -> Option<TableKind> {
    template(edition).section(number).and_then(|s| s.table)
}
