//! `year-mismatch` (warning): the report's year, stated in the title, the statistics period and
//! the prose of 一, is not the same everywhere (docs/rules/year-mismatch.md). A draft copied from last
//! year's report often has one of them updated and the others not.
//!
//! The report year is the title's; the statistics period must say the same year (from start
//! to end). When the two differ, the odd one out is the one the prose of 一 does not back: the
//! period, unless the prose names the period's year and never the title's. Then the prose
//! (the preamble and section 一) must not open a sentence with the previous year as the current
//! one (`2022年，我局…`, `截至2022年底，` in a 2023 report).
//!
//! Not flagged: a work plan's year (`2024年，我局将…`: never a mention), `2022年以来，` (since
//! that year, not only in it), prose years other than the previous one (a history, a cited
//! document), prose outside 一, and prose at all when the sections cannot be told apart.
//! The quick fix writes the report year over the odd one; `--fix` never applies it: the
//! other statements may be the stale ones.

use crate::analysis::model::{Evidence, EvidenceKind, Model};
use crate::analysis::rules::list;
use crate::analysis::{Diagnostic, Edit, Fix, Lang, Related, RuleCode, RuleInfo, Severity};

/// What `year-mismatch` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "year-mismatch",
    severity: Severity::Warning,
    summary: "the title, the statistics period and the prose of 一 disagree on the report year",
    summary_zh: "标题、统计期限与第一部分正文所写的报告年度不一致",
    fix: "quick fix in the editor writes the report year (never `--fix`)",
};

pub fn check(model: &Model, lang: Lang, out: &mut Vec<Diagnostic>) {
    let of_kind = |kind: EvidenceKind| -> Vec<&Evidence> {
        model
            .edition_evidence
            .iter()
            .filter(|e| e.kind == kind)
            .collect()
    };
    let titles = of_kind(EvidenceKind::Title);
    let periods = of_kind(EvidenceKind::StatisticsPeriod);
    let prose = prose_of_section_one(model);

    let title_year = titles.first().map(|e| e.year);
    let period_year = periods.first().map(|e| e.year);
    let backs = |year: u16| prose.iter().any(|e| e.year == year);
    let (year, decided_by_title) = match (title_year, period_year) {
        (Some(t), Some(p)) if t != p && backs(p) && !backs(t) => (p, false),
        (Some(t), _) => (t, true),
        (None, Some(p)) => (p, false),
        (None, None) => return,
    };

    let names = |kinds: &[Kind]| -> String {
        let words: Vec<String> = kinds.iter().map(|k| k.name(lang)).collect();
        match lang {
            Lang::Zh => list(lang, &words),
            Lang::En => words.join(" and "),
        }
    };
    let witnesses = |odd: Kind| -> Vec<Kind> {
        let mut w = Vec::new();
        if odd != Kind::Title && titles.iter().any(|e| e.year == year) {
            w.push(Kind::Title);
        }
        if odd != Kind::Period && periods.iter().any(|e| e.year == year) {
            w.push(Kind::Period);
        }
        if odd != Kind::Prose && backs(year) {
            w.push(Kind::Prose);
        }
        w
    };
    let mut flag = |odd: Kind, e: &Evidence| {
        let witnesses = witnesses(odd);
        if witnesses.is_empty() {
            return;
        }
        let related = model
            .edition_evidence
            .iter()
            .filter(|w| w.year == year)
            .filter_map(|w| Some((Kind::of(w.kind)?, w)))
            .filter(|(kind, w)| *kind != odd && (*kind != Kind::Prose || prose.contains(w)))
            .map(|(kind, w)| Related {
                range: w.range.clone(),
                message: msg!(lang, "year-mismatch-witness", what = kind.name(lang), year = year),
                document: None,
            })
            .collect();
        let (written, others, count) = (e.year, names(&witnesses), witnesses.len());
        let message = match odd {
            Kind::Title => msg!(lang, "year-mismatch-title", written = written, year = year, others = others, count = count),
            Kind::Period => msg!(lang, "year-mismatch-period", written = written, year = year, others = others, count = count),
            Kind::Prose => msg!(lang, "year-mismatch-prose", written = written, year = year, others = others, count = count),
        };
        let digits = e.range.start..e.range.start + 4;
        out.push(
            Diagnostic::new(RuleCode::YearMismatch, e.range.clone(), message)
                .with_related(related)
                .with_fix(Fix {
                    title: msg!(lang, "fix-replace", new = year.to_string()),
                    edits: vec![Edit {
                        range: digits,
                        new_text: year.to_string(),
                    }],
                    safe: false,
                }),
        );
    };

    for e in titles.iter().filter(|e| e.year != year) {
        flag(Kind::Title, e);
    }
    for e in periods.iter().filter(|e| e.year != year) {
        flag(Kind::Period, e);
    }
    // Stale prose is judged against the title's year, or the period's when every period agrees.
    if decided_by_title || periods.iter().all(|e| e.year == year) {
        let stale = |e: &&&Evidence| e.year.checked_add(1) == Some(year) && !e.since;
        for e in prose.iter().filter(stale) {
            flag(Kind::Prose, e);
        }
    }
}

/// The statements of the year in the preamble and section 一: up to the end of 一 when it was
/// found, else up to the start of 二; none when neither was found.
fn prose_of_section_one(model: &Model) -> Vec<&Evidence> {
    let first = model.sections.first().and_then(Option::as_ref);
    let second = model.sections.get(1).and_then(Option::as_ref);
    let Some(end) = first.map(|s| s.end).or(second.map(|s| s.start)) else {
        return Vec::new();
    };
    model
        .edition_evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Prose && e.range.start < end)
        .collect()
}

/// Where a statement of the year stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Title,
    Period,
    Prose,
}

impl Kind {
    fn of(kind: EvidenceKind) -> Option<Kind> {
        match kind {
            EvidenceKind::Title => Some(Kind::Title),
            EvidenceKind::StatisticsPeriod => Some(Kind::Period),
            EvidenceKind::Prose => Some(Kind::Prose),
            EvidenceKind::DocumentNumber => None,
        }
    }

    fn name(self, lang: Lang) -> String {
        match self {
            Kind::Title => msg!(lang, "year-mismatch-in-title"),
            Kind::Period => msg!(lang, "year-mismatch-in-period"),
            Kind::Prose => msg!(lang, "year-mismatch-in-prose"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{lines_in, lines_of, report};
    use crate::analysis::{check, Lang, Options};

    /// A 2021 report whose preamble states the period and opens a sentence with the year.
    fn dated(title: u16, period: (u16, u16), prose: u16) -> String {
        let preamble = format!(
            "本报告所列数据的统计期限自{}年1月1日起至{}年12月31日止。\n\n",
            period.0, period.1
        );
        report(&[1, 2, 3, 4, 5, 6], "")
            .replacen("2021年", &format!("{title}年"), 1)
            .replacen("一、总体情况\n", &format!("{preamble}一、总体情况\n{prose}年，我局认真贯彻条例。\n"), 1)
    }

    #[test]
    fn a_consistent_report_is_not_flagged() {
        assert!(lines_of(&dated(2021, (2021, 2021), 2021), "year-mismatch").is_empty());
    }

    #[test]
    fn a_period_left_from_last_year_is_the_odd_one_out() {
        let found = lines_of(&dated(2021, (2020, 2020), 2021), "year-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.starts_with("本报告所列数据的统计期限"), "{found:?}");
        assert_eq!(
            found[0].1,
            "统计期限写的是 2020 年，而标题、正文是 2021 年：统计期限应为 2021 年"
        );
        // The title alone against the period: the title is the report's year.
        let text = dated(2021, (2020, 2020), 2021).replace("2021年，我局", "我局");
        assert_eq!(lines_of(&text, "year-mismatch").len(), 1);
    }

    #[test]
    fn a_period_half_updated_is_flagged_at_its_end() {
        let text = dated(2021, (2021, 2020), 2021);
        let found = lines_of(&text, "year-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        let diagnostics = check(&text, &Options::default());
        let d = diagnostics
            .iter()
            .find(|d| d.code.as_str() == "year-mismatch");
        let at = d.map(|d| d.range.clone()).unwrap_or(0..0);
        assert_eq!(text.get(at.clone()), Some("2020年"));
        assert!(text[..at.start].ends_with("起至"), "{}", &text[..at.start]);
    }

    #[test]
    fn a_title_left_from_last_year_is_flagged_when_the_prose_backs_the_period() {
        let found = lines_of(&dated(2020, (2021, 2021), 2021), "year-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.starts_with("# 某市商务局2020年"), "{found:?}");
        assert_eq!(
            found[0].1,
            "标题写的是 2020 年，而统计期限、正文是 2021 年：标题应为 2021 年"
        );
    }

    #[test]
    fn prose_naming_last_year_as_the_current_one_is_flagged_at_the_year() {
        let text = dated(2021, (2021, 2021), 2021)
            .replace("2021年，我局认真贯彻条例。", "2021年，我局认真贯彻条例。截至2020年底，共公开信息171条。");
        let found = lines_in(Lang::En, &text, "year-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1,
            "the prose speaks of 2020 as the year reported, but the title and the statistics period give 2021: probably a sentence left from last year's report"
        );
        let diagnostics = check(&text, &Options::default());
        let d = diagnostics.iter().find(|d| d.code.as_str() == "year-mismatch");
        let at = d.map(|d| d.range.clone()).unwrap_or(0..0);
        assert_eq!(text.get(at.clone()), Some("2020年"));
        assert!(text[..at.start].ends_with("截至"));
        // The witnesses are related places; the fix writes the year and is never --fix's.
        let d = d.cloned().unwrap_or_else(|| diagnostics[0].clone());
        assert_eq!(d.related.len(), 2, "{:?}", d.related);
        let fix = d.fix.unwrap_or_else(|| panic!("a quick fix"));
        assert!(!fix.safe);
        assert_eq!(fix.edits[0].new_text, "2021");
        assert_eq!(text.get(fix.edits[0].range.clone()), Some("2020"));
    }

    #[test]
    fn does_not_flag_work_plans_history_or_prose_outside_section_one() {
        let base = dated(2021, (2021, 2021), 2021);
        for (from, to) in [
            // A work plan's year is no statement of the report year.
            ("五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况\n2022年，我局将继续深化政务公开。\n"),
            // Since last year: not only in it.
            ("2021年，我局认真贯彻条例。", "2020年以来，我局认真贯彻条例。"),
            // Two years back is history, not a copied sentence.
            ("2021年，我局认真贯彻条例。", "2021年，我局认真贯彻条例。2019年，我局设立了公开专栏。"),
            // Last year in section 五 (a comparison), not in 一.
            ("五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况\n2020年，我局存在的问题已整改。\n"),
            // Inside a sentence, a year is not the sentence's subject.
            ("2021年，我局认真贯彻条例。", "2021年，我局对照2020年的问题认真整改。"),
        ] {
            let text = base.replacen(from, to, 1);
            assert_ne!(text, base, "{from}");
            let found = lines_of(&text, "year-mismatch");
            assert!(found.is_empty(), "{to}: {found:?}");
        }
    }

    #[test]
    fn without_a_title_or_a_period_nothing_is_judged() {
        let text = dated(2021, (2021, 2021), 2020)
            .replacen("# 某市商务局2021年政府信息公开工作年度报告\n", "", 1)
            .replace("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n", "");
        assert!(lines_of(&text, "year-mismatch").is_empty());
    }

    #[test]
    fn the_corpus_reports_are_consistent() {
        for text in [
            include_str!("../../../../../tests/fixtures/corpus/000_5fa8514a54bbb990.txt"),
            include_str!("../../../../../tests/fixtures/corpus/001_0381c409616ecac1.txt"),
            include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt"),
            include_str!("../../../../../tests/fixtures/corpus/003_e3c41e1daa46b8a7.txt"),
        ] {
            assert!(lines_of(text, "year-mismatch").is_empty());
        }
    }

    #[test]
    fn a_corpus_report_copied_forward_is_caught_at_what_was_not_updated() {
        let original = include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt");
        // 永康市商务局's 2020 report with only its title made 2021: the title is the odd one out
        // (the period and the prose both say 2020).
        let text = original.replacen("永康市商务局2020年度", "永康市商务局2021年度", 1);
        let found = lines_of(&text, "year-mismatch");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1,
            "标题写的是 2021 年，而统计期限、正文是 2020 年：标题应为 2020 年"
        );
        // Title and period made 2021, the prose left: each stale sentence opening of the
        // preamble and 一 (截至2020年底，… / 2020年在永康市…), not the years inside sentences.
        let text = text.replace("统计期限自2020年1月1日起至2020年12月", "统计期限自2021年1月1日起至2021年12月");
        let found = lines_of(&text, "year-mismatch");
        assert!(!found.is_empty());
        assert!(found.iter().all(|f| f.1.starts_with("正文把 2020 年")), "{found:?}");
        let lines: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
        assert!(lines.iter().any(|l| l.contains("截至2020年底")), "{lines:?}");
    }
}
