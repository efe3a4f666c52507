//! What a report says that ties it to the report of the same body for another year (spec §9
//! "Across years"): who wrote it and for which year ([`Identity`]), and the figures of table 三
//! that carry over — this year's 二、上年结转 must equal last year's 四、结转下年度继续办理, column
//! by column.
//!
//! Everything here is read only when it is certain, because pairing two reports wrongly makes
//! every finding of `carryover-mismatch` false: the year is the title's, and only when every
//! title and statistics period of the text agree on it; the body is the name written before the
//! year in the title, or on the line just above or below the title, and only when it reads as
//! the name of a body; a figure is a number written in a table that was read. Anything less
//! gives nothing, and nothing is compared.

use std::ops::Range;

use rust_decimal::Decimal;

use super::blocks::{BlockSignals, Segmentation};
use super::model::{evidence, Evidence, EvidenceBlock, Model, Slot};
use super::template::{TableKind, Template};
use super::text::{is_cjk, normalize_label};
use super::{EvidenceKind, TextSource};

/// Who wrote a report and for which year, when the text says so with certainty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    /// The body's name in its comparison form (width, spaces and brackets normalised):
    /// `永康市商务局`.
    pub body: String,
    /// The report year.
    pub year: u16,
}

impl Identity {
    /// The identity of the same body's report for the year before.
    pub fn year_before(&self) -> Option<Identity> {
        Some(Identity {
            body: self.body.clone(),
            year: self.year.checked_sub(1)?,
        })
    }
}

/// For each report of `identities` (`None`: not certain), the index of last year's report of
/// the same body among them: only when there is exactly one, never a guess between two. The one
/// rule of pairing, for the CLI's files, the server's documents and the docs' examples.
pub fn last_years(identities: &[Option<Identity>]) -> Vec<Option<usize>> {
    let mut by_identity: std::collections::HashMap<&Identity, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, identity) in identities.iter().enumerate() {
        if let Some(identity) = identity {
            by_identity.entry(identity).or_default().push(i);
        }
    }
    identities
        .iter()
        .map(|identity| {
            let last = identity.as_ref()?.year_before()?;
            match by_identity.get(&last)?.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
        .collect()
}

/// One figure of a row of table 三 that carries over between years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The row's standard label (`二、上年结转政府信息公开申请数量`).
    pub row: &'static str,
    /// The column's name (`自然人`): columns are matched by name across years.
    pub column: &'static str,
    pub value: Decimal,
    /// Where the figure is written.
    pub range: Range<usize>,
}

/// What one report gives for comparing it with the report of another year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearFacts {
    pub identity: Option<Identity>,
    /// The figures of 二、上年结转 (what this report says last year left), by column.
    pub carried_in: Vec<Figure>,
    /// The figures of 四、结转下年度继续办理 (what this report leaves to next year), by column.
    pub carried_forward: Vec<Figure>,
}

/// Last year's report of the same body, as the caller found it: what `carryover-mismatch`
/// compares this year's report with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastYear {
    /// A key the caller chooses for last year's document (a path, a URI): related places in it
    /// carry this key in [`super::Related::document`], for the caller to resolve.
    pub document: String,
    /// How messages name it (the file's name).
    pub name: String,
    /// Last year's 四、结转下年度继续办理, by column ([`YearFacts::carried_forward`]).
    pub carried_forward: Vec<Figure>,
}

/// Lines at the top of a report where its title stands (as the model reads it).
const TITLE_LINES: usize = 12;

/// The longest body name read (in characters).
const MAX_BODY_CHARS: usize = 40;

/// Words a body's name ends with (`商务局`, `人民政府`, `街道办事处`): a line that does not end
/// with one is not taken for a name, whatever stands beside the title. Read by
/// [`ends_like_a_body`] from a name's last character; the list is what its tests hold it to
/// (every ending, and every ideograph a name may end with).
#[cfg(test)]
const BODY_ENDINGS: &[&str] = &[
    "局",
    "委",
    "委员会",
    "办",
    "办公室",
    "厅",
    "院",
    "政府",
    "中心",
    "所",
    "会",
    "部",
    "署",
    "处",
    "站",
    "队",
    "馆",
    "社",
    "司",
    "街道",
    "镇",
    "乡",
    "区",
    "县",
    "市",
    "省",
    "州",
    "盟",
    "旗",
    "团",
];

/// The identity the head of a file gives (its first lines: see the CLI's pairing pass), read
/// from its prose alone: exactly what [`super::Analysis::year_facts`] gives of the same text,
/// without reading its tables and statements, which tell nothing of it.
pub fn head_identity(text: &str) -> Option<Identity> {
    let segmentation = Segmentation::new(text);
    let mut lines = Vec::new();
    let blocks: Vec<BlockSignals> = (0..segmentation.len())
        .map(|i| segmentation.signals_with(text, i, &mut lines))
        .collect();
    let mut start = 0;
    let evidence = evidence(blocks.iter().map(|b| {
        let block = EvidenceBlock {
            start,
            mentions: &b.mentions,
            lines: b.lines,
            blank: b.blank,
            last_line_start: b.last_line_start,
        };
        start += b.len;
        block
    }));
    let shapes = blocks.iter().map(|b| (b.len, b.blank));
    identity(&evidence, &text, |offset| head_end(shapes.clone(), offset))
}

/// Where the text read around the title at `offset` ends, given the blocks' lengths and
/// whether each is blank: through the title's block and the next block that is not blank
/// (blocks start at line starts, and a line below the title is in one of the two).
pub(crate) fn head_end(mut blocks: impl Iterator<Item = (usize, bool)>, offset: usize) -> usize {
    let mut end = 0;
    for (len, _) in blocks.by_ref() {
        end += len;
        if end > offset {
            break;
        }
    }
    for (len, blank) in blocks {
        end += len;
        if !blank {
            break;
        }
    }
    end
}

/// The report's identity, when `text` (the analysed text) states it with certainty, from what
/// it says of its year (`evidence`, [`Model::edition_evidence`]). `head_end(offset)` is where
/// the text read around the title may end: a line end after `offset` and the next non-blank
/// line (so a long document is not read to its end).
pub(crate) fn identity(
    evidence: &[Evidence],
    text: &dyn TextSource,
    head_end: impl Fn(usize) -> usize,
) -> Option<Identity> {
    let mut titles = evidence.iter().filter(|e| e.kind == EvidenceKind::Title);
    let title = titles.next()?;
    let year = title.year;
    let agree = |kind: EvidenceKind| {
        evidence
            .iter()
            .filter(|e| e.kind == kind)
            .all(|e| e.year == year)
    };
    if !agree(EvidenceKind::Title) || !agree(EvidenceKind::StatisticsPeriod) {
        return None;
    }
    // The title among the first lines (a title only on the last line names no body beside it).
    let end = head_end(title.range.end).min(text.len());
    let head = text.slice(0..end);
    // Sized for the title's lines and the one below, rather than grown from a few.
    let mut lines: Vec<(usize, &str)> = Vec::with_capacity(TITLE_LINES + 4);
    lines.extend(line_starts(&head));
    let at = lines
        .iter()
        .rposition(|&(start, _)| start <= title.range.start)?;
    if at >= TITLE_LINES {
        return None;
    }
    let (line_start, line) = *lines.get(at)?;
    let before_year = line.get(..title.range.start - line_start)?;
    let body = match body_name(without_guanyu(before_year)) {
        Some(body) => body,
        None => {
            // The body's own line, just above or just below the title (blank lines between).
            let non_blank = |(_, l): &&(usize, &str)| !l.trim().is_empty();
            let above = lines[..at].iter().rev().find(non_blank);
            let below = lines
                .get(at + 1..)
                .and_then(|rest| rest.iter().find(non_blank));
            let mut names = [above, below]
                .into_iter()
                .flatten()
                .filter_map(|(_, l)| body_name(l));
            let first = names.next()?;
            // Two different names beside the title: which one wrote it is not certain.
            if names.any(|other| other != first) {
                return None;
            }
            first
        }
    };
    Some(Identity { body, year })
}

/// `text` without the `关于` (`某局关于2021年…报告`) it ends with, if any: the same as
/// `trim_end_matches("关于")`, without setting up a substring search for a short name.
fn without_guanyu(mut text: &str) -> &str {
    while let Some(rest) = text.strip_suffix("关于") {
        text = rest;
    }
    text
}

/// Each line of `text` with its start (without its terminator), as `split_inclusive('\n')`
/// cuts them: the line ends found by one byte search (a `\n` byte is never part of another
/// character), rather than a character search set up again for each line.
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|at| at + 1)
        .chain([text.len()]);
    let mut start = 0;
    ends.filter_map(move |end| {
        let at = start;
        let line = text.get(at..end).filter(|line| !line.is_empty())?;
        start = end;
        Some((at, line.trim_end_matches(['\n', '\r'])))
    })
}

/// `text` as a body's name, when it reads as one: Chinese characters only (and brackets), a
/// few to forty of them, ending with a word a body's name ends with, and naming neither a year
/// nor the report.
fn body_name(text: &str) -> Option<String> {
    let name = text
        .trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    // A name of unified ideographs alone is its own comparison form (no bookmark, width,
    // space, bracket or item number for `normalize_label` to change): judged as written, and
    // copied only when it is a name. Most names beside a title are such.
    if name.chars().all(is_unified_ideograph) {
        return reads_as_body_name(name).then(|| name.to_owned());
    }
    // A `年` outside any bookmark stays in the comparison form, and names a year, not a body:
    // the lines beside a title that are not names are mostly dates and prose with a year, and
    // normalising one of them cost more than all the names read.
    if !name.contains('[') && name.contains('年') {
        return None;
    }
    let name = normalize_label(name);
    reads_as_body_name(&name).then_some(name)
}

/// A CJK unified ideograph (the basic block or extension A): NFKC leaves it as it is, and it
/// combines with no neighbour.
fn is_unified_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

/// Whether `name` (in its comparison form) reads as a body's name ([`body_name`]), in one pass
/// over its characters: a search for each word and each ending cost more than the rest of
/// reading the head's names.
fn reads_as_body_name(name: &str) -> bool {
    let mut chars = 0;
    let mut previous = '\0';
    for c in name.chars() {
        chars += 1;
        // `年`, `报告`, `公开`, `目录`: a year or the report, not a body.
        let names_no_body =
            c == '年' || matches!((previous, c), ('报', '告') | ('公', '开') | ('目', '录'));
        if chars > MAX_BODY_CHARS || !(is_cjk(c) || matches!(c, '(' | ')')) || names_no_body {
            return false;
        }
        previous = c;
    }
    chars >= 2 && ends_like_a_body(name)
}

/// Whether `name` ends with a word a body's name ends with (`BODY_ENDINGS`), told from its
/// last character: of the endings longer than one character, `委员会` ends with an ending
/// (`会`), and each of the others with a character no ending is alone (`室`, `府`, `心`,
/// `道`), compared then in full.
fn ends_like_a_body(name: &str) -> bool {
    match name.chars().next_back() {
        Some('室') => name.ends_with("办公室"),
        Some('府') => name.ends_with("政府"),
        Some('心') => name.ends_with("中心"),
        Some('道') => name.ends_with("街道"),
        Some(
            '局' | '委' | '会' | '办' | '厅' | '院' | '所' | '部' | '署' | '处' | '站' | '队'
            | '馆' | '社' | '司' | '镇' | '乡' | '区' | '县' | '市' | '省' | '州' | '盟' | '旗'
            | '团',
        ) => true,
        _ => false,
    }
}

/// The figures of table 三's rows that carry over, when the table was read: 二 (this year's
/// carried in) and 四 (carried forward), each a number written in its cell. A blank, invalid or
/// missing cell gives no figure for its column.
pub(crate) fn carried(model: &Model) -> (Vec<Figure>, Vec<Figure>) {
    let Some(table) = model.table(TableKind::Applications) else {
        return (Vec::new(), Vec::new());
    };
    let spec = &Template::get(table.edition).applications;
    let Some(carryover) = &spec.carryover else {
        return (Vec::new(), Vec::new());
    };
    let figures = |id: &str| -> Vec<Figure> {
        let Some(row) = spec.row_index(id).and_then(|r| table.rows.get(r)) else {
            return Vec::new();
        };
        table
            .row_slots(row)
            .iter()
            .zip(&table.columns)
            .filter_map(|(slot, &column)| match slot {
                Slot::Known { range, value } => Some(Figure {
                    row: row.name,
                    column,
                    value: *value,
                    range: range.clone(),
                }),
                _ => None,
            })
            .collect()
    };
    (figures(&carryover.to), figures(&carryover.from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rules::test_support::{report, TABLE_3_GFM};
    use crate::analysis::{Analysis, Options};

    fn facts(text: &str) -> YearFacts {
        Analysis::new(text, Options::default()).year_facts(&text)
    }

    fn identity_of(text: &str) -> Option<(String, u16)> {
        facts(text).identity.map(|i| (i.body, i.year))
    }

    fn with_title(title: &str) -> String {
        report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM).replacen(
            "# 某市商务局2021年政府信息公开工作年度报告\n",
            title,
            1,
        )
    }

    #[test]
    fn the_body_and_year_of_a_title_line() {
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        assert_eq!(identity_of(&text), Some(("某市商务局".into(), 2021)));
        let text = with_title("某市商务局关于2021年度政府信息公开工作年度报告\n");
        assert_eq!(identity_of(&text), Some(("某市商务局".into(), 2021)));
    }

    /// The four corpus reports: three name their body with certainty (in the title, above it,
    /// below it), one has no title at all.
    #[test]
    fn the_identities_of_the_corpus_reports() {
        let corpus = [
            (
                include_str!("../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
                Some(("鹿城区商务局".to_string(), 2020)),
            ),
            (
                include_str!("../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
                None,
            ),
            (
                include_str!("../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
                Some(("永康市商务局".to_string(), 2020)),
            ),
            (
                include_str!("../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
                Some(("宁波市北仑区商务局".to_string(), 2020)),
            ),
        ];
        for (text, expected) in corpus {
            assert_eq!(identity_of(text), expected, "{}", &text[..60]);
        }
    }

    /// The pairing pass reads a file's head with [`head_identity`]: it must give exactly what
    /// the analysis gives of the same text, for every head length (a head is a file's first
    /// lines), whole reports and the cases where no identity is certain.
    #[test]
    fn the_head_identity_is_the_analysis_identity() {
        let mut texts: Vec<String> = [
            include_str!("../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
            include_str!("../../../../tests/fixtures/minimal/year-copied-from-last-year.md"),
            include_str!("../../../../tests/fixtures/forms/page-breaks.txt"),
            include_str!("../../../../tests/fixtures/forms/pdf-split-labels.txt"),
        ]
        .map(String::from)
        .into();
        for title in [
            "某市商务局关于2021年度政府信息公开工作年度报告\n",
            "某市商务局\n\n2021年政府信息公开工作年度报告\n",
            "2021年政府信息公开工作年度报告\n某市商务局\n",
            "某市商务局\n2021年政府信息公开工作年度报告\n某市财政局\n",
            "某市商务局2021年政府信息公开工作年度报告\n\n本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n",
            "| 某市商务局2021年政府信息公开工作年度报告 |\n|---|\n",
            // A comment between the title and the body's name: a block of its own, passed over.
            "2021年政府信息公开工作年度报告\n<!-- 待审 -->\n\n某市商务局\n",
            "\n\n<!-- 草稿 -->\n2021年政府信息公开工作年度报告\n某市商务局\n",
        ] {
            texts.push(with_title(title));
        }
        let mut compared = 0;
        for text in &texts {
            let ends = text.match_indices('\n').map(|(i, _)| i + 1).take(40);
            for end in ends.chain([text.len()]) {
                let head = &text[..end];
                assert_eq!(head_identity(head), facts(head).identity, "{head}");
                compared += usize::from(facts(head).identity.is_some());
            }
        }
        // Not a comparison of `None`s only.
        assert!(compared > 100, "{compared}");
    }

    /// Lines a report's head is made of: titles (whole, split, in a table), names of bodies,
    /// statistics periods, years in prose and plans, tables, comments and blank lines.
    const HEAD_LINES: [&str; 16] = [
        "某市商务局2021年政府信息公开工作年度报告",
        "# 2021年度政府信息公开工作年度报告",
        "某市商务局",
        "**某县人民政府办公室**",
        "某市商务局2020年度政府信息公开工作",
        "年度报告",
        "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
        "统计期限自2020年1月1日至2021年12月31日。",
        "2021年，我局认真贯彻《条例》。2022年，我局将继续深化政务公开。",
        "| 某市商务局2021年政府信息公开工作年度报告 |",
        "|---|---|",
        "| 一、本年新收政府信息公开申请数量 | 5 |",
        "<!-- ogi-lint-disable year-mismatch -->",
        "",
        "   ",
        "根据国办公开办函〔2021〕30号要求编制本报告。",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Whatever the head holds, reading it from its prose alone gives what the analysis
        /// gives.
        #[test]
        fn any_head_gives_the_analysis_identity(
            picks in proptest::collection::vec(0..HEAD_LINES.len(), 0..16),
            crlf in proptest::bool::ANY,
        ) {
            let newline = if crlf { "\r\n" } else { "\n" };
            let head: String = picks.iter().map(|&i| format!("{}{newline}", HEAD_LINES[i])).collect();
            proptest::prop_assert_eq!(head_identity(&head), facts(&head).identity);
        }
    }

    /// [`body_name`] as it was first written (normalise, then test the whole name against each
    /// word and ending): the reference its one-pass form must agree with.
    fn body_name_reference(text: &str) -> Option<String> {
        let name = text
            .trim()
            .trim_start_matches('#')
            .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        let name = normalize_label(name);
        let chars = name.chars().count();
        let readable = (2..=MAX_BODY_CHARS).contains(&chars)
            && name.chars().all(|c| is_cjk(c) || matches!(c, '(' | ')'))
            && !["年", "报告", "公开", "目录"]
                .iter()
                .any(|w| name.contains(w))
            && BODY_ENDINGS.iter().any(|e| name.ends_with(e));
        readable.then_some(name)
    }

    /// Characters a name beside a title is made of, and the ones that make it no name or change
    /// its comparison form: endings (whole and in part), the words of a year and of the report,
    /// brackets of both widths, spaces, emphasis, bookmarks, a compatibility ideograph, digits
    /// and item separators; and `关于` and line breaks, for the helpers around it.
    #[rustfmt::skip]
    const NAME_PIECES: [&str; 43] = [
        "某", "关于", "\n", "\r\n", "市", "商务", "局", "委", "员", "会", "办", "公", "室", "政", "府", "中", "心", "街",
        "道", "区", "团", "年", "报", "告", "开", "目", "录", "（", "）", "(", ")", "【", "〕",
        " ", "\u{3000}", "*", "_", "#", "[bookmark: _Toc1]", "\u{f900}", "1", "、", "：",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The one-pass reading of a name gives what normalising it and testing each word and
        /// ending gave, for any text (and for names made of the pieces that matter, which an
        /// arbitrary string would rarely hit).
        #[test]
        fn a_body_name_is_read_as_before(
            picks in proptest::collection::vec(0..NAME_PIECES.len(), 0..48),
            any in "\\PC{0,12}",
        ) {
            let name: String = picks.iter().map(|&i| NAME_PIECES[i]).collect();
            proptest::prop_assert_eq!(body_name(&name), body_name_reference(&name));
            proptest::prop_assert_eq!(body_name(&any), body_name_reference(&any));
            let mixed = format!("{any}{name}");
            proptest::prop_assert_eq!(body_name(&mixed), body_name_reference(&mixed));
            let mut start = 0;
            let split: Vec<(usize, &str)> = mixed
                .split_inclusive('\n')
                .map(|line| {
                    let at = start;
                    start += line.len();
                    (at, line.trim_end_matches(['\n', '\r']))
                })
                .collect();
            proptest::prop_assert_eq!(line_starts(&mixed).collect::<Vec<_>>(), split);
            let trimmed = mixed.trim_end_matches("关于");
            proptest::prop_assert_eq!(without_guanyu(&mixed), trimmed);
        }
    }

    #[test]
    fn every_ending_reads_as_a_body() {
        for ending in BODY_ENDINGS {
            let name = format!("某某{ending}");
            assert_eq!(body_name(&name).as_deref(), Some(name.as_str()));
            assert_eq!(body_name(&name), body_name_reference(&name));
        }
        // Only the endings do.
        for text in ["某某室", "某某公室", "某某府", "某某心", "某某道", "某某科"]
        {
            assert_eq!(body_name(text), None, "{text}");
            assert_eq!(body_name_reference(text), None, "{text}");
        }
        // Every last character, so that an ending added to `ends_like_a_body` and not to the
        // list (or the other way round) fails here.
        for c in ('\u{3400}'..='\u{4dbf}').chain('\u{4e00}'..='\u{9fff}') {
            let name = format!("某某{c}");
            assert_eq!(body_name(&name), body_name_reference(&name), "{name}");
        }
    }

    #[test]
    fn no_identity_when_it_is_not_certain() {
        // No body: the title alone.
        let text = with_title("2021年政府信息公开工作年度报告\n");
        assert_eq!(identity_of(&text), None);
        // Two different names beside the title.
        let text = with_title("某市商务局\n2021年政府信息公开工作年度报告\n某市财政局\n");
        assert_eq!(identity_of(&text), None);
        // A line beside the title that is not a body's name.
        let text = with_title("2021年政府信息公开工作年度报告\n（2022年1月5日）\n");
        assert_eq!(identity_of(&text), None);
        // The title and the statistics period disagree on the year.
        let text = with_title(
            "某市商务局2021年政府信息公开工作年度报告\n\n本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n",
        );
        assert_eq!(identity_of(&text), None);
        // No title.
        let text = with_title("");
        assert_eq!(identity_of(&text), None);
    }

    #[test]
    fn the_carried_figures_are_the_numbers_of_rows_two_and_four() {
        let table = TABLE_3_GFM.replace(
            "| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 二、上年结转政府信息公开申请数量 |  |  | 1 |  | 0 | 0 | 0 | 0 | 1 |",
        );
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let facts = facts(&text);
        // The blank 商业企业 gives no figure.
        let columns: Vec<&str> = facts.carried_in.iter().map(|f| f.column).collect();
        assert_eq!(
            columns,
            [
                "自然人",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                "总计"
            ]
        );
        let first = &facts.carried_in[0];
        assert_eq!(
            (first.row, first.value),
            ("二、上年结转政府信息公开申请数量", 1.into())
        );
        assert_eq!(&text[first.range.clone()], "1");
        assert_eq!(facts.carried_forward.len(), 7);
        assert_eq!(facts.carried_forward[0].row, "四、结转下年度继续办理");
    }

    #[test]
    fn last_year_is_the_one_report_of_the_body_and_the_year_before() {
        let id = |body: &str, year| {
            Some(super::Identity {
                body: body.to_owned(),
                year,
            })
        };
        let reports = [
            id("永康市商务局", 2021),
            id("永康市商务局", 2020),
            id("鹿城区商务局", 2021),
            id("鹿城区商务局", 2019),
            None,
            id("北仑区商务局", 2021),
            id("北仑区商务局", 2020),
            id("北仑区商务局", 2020),
        ];
        assert_eq!(
            super::last_years(&reports),
            // A gap of two years, no identity, and two candidates: no pair.
            [Some(1), None, None, None, None, None, None, None]
        );
        assert_eq!(id("某局", 0).and_then(|i| i.year_before()), None);
    }
}
