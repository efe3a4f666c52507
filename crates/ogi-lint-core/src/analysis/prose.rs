//! Figures the prose states about applications, reviews and lawsuits (report-format.md §6):
//! `共收到政府信息公开申请132件`, `上年结转3件`, `办结128件`, `结转下年度继续办理7件`,
//! `予以公开38件`, `未收到政府信息公开申请`, `行政复议2件`, `均获维持`.
//!
//! Precision before recall: a statement is taken only when its wording says unmistakably which
//! figure of table 三 or 四 it is about; anything else — 主动公开信息231条, 访问量, 发布会场次,
//! a breakdown by applicant (`其中自然人申请120件`), a year — is not a claim. A wrong claim would
//! become a wrong finding, which costs more trust than a missed one.
//!
//! Pure text in, claims out: each claim carries the byte range of its figure in the text given.

use std::ops::Range;

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
}

/// A figure stated in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub quantity: Quantity,
    pub value: u64,
    /// The figure as written (`132`, `二十三`), in the text given to [`claims`].
    pub range: Range<usize>,
}

/// A statement that something did not happen at all: `未收到…申请` (一 = 0),
/// `未发生…行政复议` / `未发生…行政诉讼` (table 四 totals = 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoneClaim {
    pub quantity: Quantity,
    /// The words that say so (`未收到过公开申请`).
    pub range: Range<usize>,
}

/// What one paragraph states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statements {
    pub claims: Vec<Claim>,
    pub none: Vec<NoneClaim>,
}

/// Units a count of applications or cases is written with.
const UNITS: &[char] = &['件', '条', '份', '宗', '起', '个'];

/// Words that make a clause a breakdown or another subject: its figure is not one of the
/// table's totals. `其中自然人申请120件` is 一 · 自然人, which the prose rarely states with
/// enough context to be sure; `同比增长` is a difference, `占…` a share.
const NOT_A_TOTAL: &[&str] = &[
    "其中",
    "自然人",
    "法人",
    "企业",
    "科研机构",
    "公益组织",
    "法律服务",
    "其他组织",
    "同比",
    "增长",
    "增加",
    "减少",
    "下降",
    "占",
    "比例",
    "平均",
    "人次",
    "网站",
    "访问",
    "浏览",
    "发布会",
    "主动公开",
    "政策解读",
    "回应",
    "热线",
    "留言",
    "信件",
    "咨询",
];

/// Reads the statements of one paragraph.
pub fn claims(text: &str) -> Statements {
    let mut out = Statements::default();
    for clause in clauses(text) {
        let words = &text[clause.clone()];
        none_claims(words, clause.start, &mut out.none);
        let Some((figure, value)) = figure(words) else {
            continue;
        };
        if NOT_A_TOTAL.iter().any(|w| words.contains(w)) {
            continue;
        }
        // What the clause says before its figure decides what the figure is.
        let before = &words[..figure.start];
        let Some(quantity) = quantity(before, words) else {
            continue;
        };
        out.claims.push(Claim {
            quantity,
            value,
            range: clause.start + figure.start..clause.start + figure.end,
        });
    }
    out
}

/// Clauses: runs between `，。；;,、：:` and line ends (a comma between digits is a thousands
/// separator, not a clause end).
fn clauses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    for (i, c) in text.char_indices() {
        let separator =
            matches!(c, ',' | '，') && i > 0 && digit_at(i - 1) && digit_at(i + c.len_utf8());
        if !separator
            && matches!(
                c,
                '，' | '。' | '；' | ';' | ',' | '、' | '：' | ':' | '\n' | '\r' | '！' | '？'
            )
        {
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

/// The one figure of a clause followed by a unit (`132件`, `二十三 件`), and its value. A
/// clause with two such figures is not read (which figure is which would be a guess).
fn figure(clause: &str) -> Option<(Range<usize>, u64)> {
    let mut found: Option<(Range<usize>, u64)> = None;
    let chars: Vec<(usize, char)> = clause.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_numeral(c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (is_numeral(chars[j].1) || is_separator(&chars, j)) {
            j += 1;
        }
        let end = chars.get(j).map_or(clause.len(), |&(at, _)| at);
        // A unit right after, spaces allowed.
        let mut k = j;
        while k < chars.len() && matches!(chars[k].1, ' ' | '\u{3000}' | '\u{a0}') {
            k += 1;
        }
        let has_unit = chars.get(k).is_some_and(|&(_, u)| UNITS.contains(&u));
        // `2020年` or `第3条` are not counts; the unit must follow the figure.
        let preceded_by_di = i > 0 && chars[i - 1].1 == '第';
        if has_unit && !preceded_by_di {
            let value = number_value(&clause[start..end])?;
            if found.is_some() {
                return None;
            }
            found = Some((start..end, value));
        }
        i = j.max(i + 1);
    }
    found
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "零〇一二两三四五六七八九十百千万".contains(c)
}

/// A thousands separator between digits (`1,234`, `1，234`).
fn is_separator(chars: &[(usize, char)], j: usize) -> bool {
    matches!(chars[j].1, ',' | '，')
        && j > 0
        && chars[j - 1].1.is_ascii_digit()
        && chars.get(j + 1).is_some_and(|&(_, c)| c.is_ascii_digit())
}

/// The value of a count as written: Arabic (`1,234`, full-width `１２`) or Chinese (`两`,
/// `二十三`, `一百零五`, `一千二百`, `三万`). `None` for anything else.
pub fn number_value(written: &str) -> Option<u64> {
    let t = written.trim();
    if t.is_empty() {
        return None;
    }
    let arabic: Option<String> = t
        .chars()
        .filter(|c| !matches!(c, ',' | '，'))
        .map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    if let Some(digits) = arabic {
        return digits.parse().ok();
    }
    chinese_value(t)
}

fn chinese_value(t: &str) -> Option<u64> {
    let digit = |c: char| -> Option<u64> {
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
    };
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
                let d = digit(c)?;
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

/// What the words before a figure (and, for applications, the clause around it:
/// `接受2条政府信息公开申请`) say it counts, when they say it unmistakably.
fn quantity(before: &str, clause: &str) -> Option<Quantity> {
    let has = |w: &str| before.contains(w);
    // Most specific first: `结转下年度` contains `结转`; `部分公开` and `不予公开` contain `公开`.
    if has("结转下年") || has("转入下年") {
        return Some(Quantity::CarriedOut);
    }
    if has("上年结转") || has("上一年度结转") || has("上年度结转") {
        return Some(Quantity::CarriedIn);
    }
    if has("办结") || has("答复") || has("已办理") || has("办理完毕") {
        return Some(Quantity::Handled);
    }
    if has("不予公开") {
        return Some(Quantity::Withheld);
    }
    if has("部分公开") {
        return Some(Quantity::PartlyDisclosed);
    }
    if has("无法提供") {
        return Some(Quantity::Unavailable);
    }
    if has("不予处理") {
        return Some(Quantity::NotProcessed);
    }
    if has("予以公开") {
        return Some(Quantity::Disclosed);
    }
    if clause.contains("申请") {
        if has("受理") {
            return Some(Quantity::Accepted);
        }
        if ["收到", "接到", "接收", "接受", "新收", "收悉"]
            .iter()
            .any(|w| has(w))
        {
            return Some(Quantity::NewApplications);
        }
        return None;
    }
    // `行政复议2件` / `行政诉讼1件`, and not `被申请行政复议` wording that names someone else.
    if has("行政复议") && !has("行政诉讼") {
        return Some(Quantity::Reviews);
    }
    if has("行政诉讼") && !has("行政复议") {
        return Some(Quantity::Lawsuits);
    }
    None
}

/// `未收到…申请`, `没有收到…申请`: 一 = 0. `未发生/没有…行政复议` and the same for 行政诉讼
/// (either alone or both, `…行政复议和行政诉讼`): their totals are 0.
fn none_claims(clause: &str, offset: usize, out: &mut Vec<NoneClaim>) {
    let negated = ["未收到", "没有收到", "未接到", "未接收", "无"]
        .iter()
        .filter_map(|w| clause.find(w).map(|i| (i, *w)))
        .min();
    if let Some((i, w)) = negated {
        let rest = &clause[i + w.len()..];
        if w != "无" && rest.contains("申请") && !NOT_A_TOTAL.iter().any(|x| clause.contains(x))
        {
            let end = i + w.len() + rest.find("申请").unwrap_or(0) + "申请".len();
            out.push(NoneClaim {
                quantity: Quantity::NewApplications,
                range: offset + i..offset + end,
            });
        }
    }
    let happened_not = ["未发生", "没有发生", "未出现", "未产生"]
        .iter()
        .filter_map(|w| clause.find(w).map(|i| (i, *w)))
        .min();
    if let Some((i, w)) = happened_not {
        let rest = &clause[i + w.len()..];
        for (word, quantity) in [
            ("行政复议", Quantity::Reviews),
            ("行政诉讼", Quantity::Lawsuits),
        ] {
            if let Some(j) = rest.find(word) {
                let end = i + w.len() + j + word.len();
                out.push(NoneClaim {
                    quantity,
                    range: offset + i..offset + end,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Quantity, u64, &str)> {
        claims(text)
            .claims
            .into_iter()
            .map(|c| (c.quantity, c.value, &text[c.range]))
            .collect()
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
    fn never_panics_on_odd_text() {
        for text in [
            "",
            "件",
            "1件",
            "十件申请",
            "收到申请万件",
            "收到申请９９９９９９９９９９９９９９９９９９９９件",
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
