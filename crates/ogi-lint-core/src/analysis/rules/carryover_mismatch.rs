//! `carryover-mismatch` (warning): this year's 二、上年结转政府信息公开申请数量 differs, in a
//! column, from 四、结转下年度继续办理 in last year's report of the same body (spec §9 "Across
//! years": what one year leaves unfinished is what the next year takes over).
//!
//! A single text has no last year, so [`check`] finds nothing: the CLI (among the files it
//! checks) and the language server (among the documents and files of the workspace) find last
//! year's report — the same body and the year before, by [`crate::analysis::across_years`], and
//! only when exactly one report answers — and hand it to
//! `Analysis::diagnostics_with_last_year`, which calls [`compare`] and puts the findings through
//! the same severity overrides and suppressions as every rule's.
//!
//! Example: `二、上年结转政府信息公开申请数量 · 自然人 为 2，而上年报告 2020.md 的
//! 四、结转下年度继续办理 · 自然人 为 3，相差 1；…`, at this year's 自然人 figure of row 二, with
//! last year's figure (in last year's file) as related information. No fix: either year may be
//! the wrong one. Not flagged: a column where either figure is blank, invalid or missing; a
//! table that was not read; two reports whose body or year is not certain.

use crate::analysis::across_years::{Figure, LastYear};
use crate::analysis::model::Model;
use crate::analysis::rules::show;
use crate::analysis::{Diagnostic, Lang, Related, RuleCode, RuleInfo, Severity};

/// What `carryover-mismatch` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "carryover-mismatch",
    severity: Severity::Warning,
    summary: "in table 三, 二、上年结转 differs from 四、结转下年度继续办理 in last year's report of the same body (found among the files checked, or in the editor's workspace)",
    summary_zh: "表三“二、上年结转”与同一机关上年报告的“四、结转下年度继续办理”不一致（上年报告从一同检查的文件或编辑器的工作区中查找）",
    fix: "",
};

/// Nothing to compare in one text: see [`compare`].
pub fn check(_: &Model, _: Lang, _: &mut Vec<Diagnostic>) {}

/// This year's 二 (`carried_in`) against last year's 四, column by column: one finding at each
/// of this year's figures that differs from last year's figure of its column.
pub fn compare(carried_in: &[Figure], last_year: &LastYear, lang: Lang) -> Vec<Diagnostic> {
    carried_in
        .iter()
        .filter_map(|this| {
            let last = last_year
                .carried_forward
                .iter()
                .find(|last| last.column == this.column)?;
            (last.value != this.value).then(|| finding(this, last, last_year, lang))
        })
        .collect()
}

fn finding(this: &Figure, last: &Figure, last_year: &LastYear, lang: Lang) -> Diagnostic {
    let message = msg!(
        lang,
        "carryover-mismatch",
        row = this.row,
        column = this.column,
        this = show(this.value),
        file = last_year.name.as_str(),
        last_row = last.row,
        last = show(last.value),
        off = show((this.value - last.value).abs()),
    );
    let related = Related {
        range: last.range.clone(),
        message: msg!(
            lang,
            "carryover-mismatch-last-year",
            last_row = last.row,
            column = last.column,
            last = show(last.value),
        ),
        document: Some(last_year.document.clone()),
    };
    Diagnostic::new(RuleCode::CarryoverMismatch, this.range.clone(), message)
        .with_related(vec![related])
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{report, TABLE_3_GFM};
    use crate::analysis::{Analysis, Diagnostic, Lang, LastYear, Options, RuleCode, Severity};

    const CARRIED: &str = "| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    const CARRY_OVER: &str = "| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";

    /// Last year's report (2020) with its row 四 as given.
    fn last_year_text(row_four: &str) -> String {
        report(&[1, 2, 3, 4, 5, 6], &TABLE_3_GFM.replace(CARRY_OVER, row_four))
            .replace("2021年", "2020年")
    }

    fn last_year(text: &str) -> LastYear {
        let facts = Analysis::new(text, Options::default()).year_facts(&text);
        LastYear {
            document: "file:///reports/2020.md".into(),
            name: "2020.md".into(),
            carried_forward: facts.carried_forward,
        }
    }

    fn carryover(this: &str, last: &str, options: Options) -> Vec<Diagnostic> {
        Analysis::new(this, options)
            .diagnostics_with_last_year(Some(&last_year(last)))
            .into_iter()
            .filter(|d| d.code == RuleCode::CarryoverMismatch)
            .collect()
    }

    #[test]
    fn flags_this_years_figure_that_differs_from_last_years() {
        let last = last_year_text("| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |");
        let this = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        let found = carryover(&this, &last, Options::default());
        // 自然人 and 总计 differ; the other columns agree.
        assert_eq!(found.len(), 2, "{found:?}");
        let d = &found[0];
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(
            d.message,
            "二、上年结转政府信息公开申请数量 · 自然人 为 0，而上年报告 2020.md 的 \
             四、结转下年度继续办理 · 自然人 为 3，相差 3；本年的上年结转数应与上年的结转下年度继续办理数相等"
        );
        // At this year's 自然人 figure of row 二.
        let row_two = this.find(CARRIED).expect("row 二");
        assert_eq!(d.range.start, row_two + CARRIED.find("| 0 |").expect("a figure") + 2);
        assert!(d.fix.is_none());
        // Related: last year's 自然人 figure of row 四, in last year's document.
        let related = &d.related[0];
        assert_eq!(related.document.as_deref(), Some("file:///reports/2020.md"));
        assert_eq!(&last[related.range.clone()], "3");
        assert_eq!(related.message, "上年报告的 四、结转下年度继续办理 · 自然人：3");
        assert!(found[1].message.contains("· 总计 为 0"));
    }

    #[test]
    fn speaks_english_when_asked() {
        let last = last_year_text("| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |");
        let this = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        let options = Options {
            language: Lang::En,
            ..Options::default()
        };
        let found = carryover(&this, &last, options);
        assert!(found[0].message.starts_with(
            "二、上年结转政府信息公开申请数量 · 自然人 is 0, but 四、结转下年度继续办理 · 自然人 in last year's report 2020.md is 3, off by 3"
        ));
    }

    #[test]
    fn does_not_flag_figures_that_agree_or_are_not_written() {
        let this = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        // The same figures.
        assert!(carryover(&this, &last_year_text(CARRY_OVER), Options::default()).is_empty());
        // Last year's figures blank or not numbers: nothing to compare with.
        let blank = "| 四、结转下年度继续办理 |  |  |  |  | 0 | 0 | 0 | 0 |  |";
        assert!(carryover(&this, &last_year_text(blank), Options::default()).is_empty());
        let invalid = "| 四、结转下年度继续办理 |  |  | 三 | 0 | 0 | 0 | 0 | 0 | 三 |";
        assert!(carryover(&this, &last_year_text(invalid), Options::default()).is_empty());
        // Without last year's report, nothing at all.
        let alone = Analysis::new(&this, Options::default()).diagnostics();
        assert!(alone.iter().all(|d| d.code != RuleCode::CarryoverMismatch));
    }

    /// The findings go through the configuration and inline suppressions like every rule's.
    #[test]
    fn severity_overrides_and_suppressions_apply() {
        let last = last_year_text("| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |");
        let this = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        let mut options = Options::default();
        options
            .severity
            .insert(RuleCode::CarryoverMismatch, Some(Severity::Error));
        let found = carryover(&this, &last, options.clone());
        assert!(found.iter().all(|d| d.severity == Severity::Error));
        options.severity.insert(RuleCode::CarryoverMismatch, None);
        assert!(carryover(&this, &last, options).is_empty());
        let suppressed = this.replace(
            CARRIED,
            &format!("<!-- ogi-lint-disable-next-line carryover-mismatch -->\n{CARRIED}"),
        );
        assert!(carryover(&suppressed, &last, Options::default()).is_empty());
    }

    /// Real text: the 2020 report of 永康市商务局 (one cell per line) as last year's, and the
    /// same report made the next year's, with one figure of its row 二 changed.
    #[test]
    fn on_a_corpus_report_and_its_next_year() {
        let last = include_str!("../../../../../tests/fixtures/corpus/002_ddbd805a826f66fd.txt");
        let next = last.replace("2020年", "2021年");
        assert!(carryover(&next, last, Options::default()).is_empty());
        let row_two = "二、上年结转政府信息公开申请数量\n\t0\n";
        let changed = next.replacen(row_two, "二、上年结转政府信息公开申请数量\n\t2\n", 1);
        let found = carryover(&changed, last, Options::default());
        assert_eq!(found.len(), 1, "{found:?}");
        let label = changed
            .find(row_two.trim_end_matches("0\n"))
            .expect("row 二");
        let at = label + row_two.len() - 2;
        assert_eq!(found[0].range, at..at + 1);
        assert!(found[0].message.contains("· 自然人 为 2"), "{}", found[0].message);
    }
}
