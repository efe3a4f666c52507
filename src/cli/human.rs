//! Human output: `path:line:col: severity[code]: message`, the source line with a caret under
//! the range (annotate-snippets measures CJK characters as two columns), `help:` with the fix.
//!
//! Lines and columns here are 1-based and columns count characters, as editors show them; the
//! machine formats (JSON, SARIF) count UTF-16 units instead.

use std::fmt::Write as _;

use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::analysis::{Diagnostic, Lang, Severity};
use crate::cli::fix::AppliedFix;
use crate::cli::json::Elsewhere;
use crate::line_index::{floor_char_boundary, strip_line_terminator, LineIndex};

/// Renders one diagnostic: the header line, the snippet and, if there is a fix, `help:`.
/// The result ends with a newline.
pub fn render_diagnostic(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostic: &Diagnostic,
    color: bool,
) -> String {
    render_diagnostic_with(path, text, index, diagnostic, color, None)
}

/// [`render_diagnostic`], with a `note:` for each related place in another document
/// (`elsewhere`: last year's report), `file:line:col: message`, since that place is not in the
/// snippet.
pub fn render_diagnostic_with(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostic: &Diagnostic,
    color: bool,
    elsewhere: Option<Elsewhere<'_>>,
) -> String {
    let (line, column) = line_column(index, text, diagnostic.range.start);
    let mut res = header(path, (line, column), diagnostic, color);

    let snippet = snippet_of(index, text, diagnostic.range.clone());
    let level = severity_level(diagnostic.severity);
    let mut group = Group::with_level(level.clone()).element(
        Snippet::source(snippet.source.as_ref())
            .line_start(snippet.first_line)
            .fold(true)
            .annotation(AnnotationKind::Primary.span(snippet.span)),
    );
    if let Some(fix) = &diagnostic.fix {
        group = group.element(Level::HELP.message(fix.title.as_str()));
    }
    let notes: Vec<String> = elsewhere
        .map(|other| {
            diagnostic
                .related
                .iter()
                .filter(|r| r.document.as_deref() == Some(other.document))
                .map(|r| {
                    let (line, column) = line_column(other.index, other.text, r.range.start);
                    format!("{}:{line}:{column}: {}", other.file, r.message)
                })
                .collect()
        })
        .unwrap_or_default();
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    res.push_str(&renderer.render(&[group]));
    res.push('\n');
    res
}

/// An `unreadable-file` finding: its header line alone (there is no text to show), at 1:1 as
/// the JSON output puts it at 0:0; the message says where the first bad byte is. Ends with a
/// newline, as [`render_diagnostic`] does.
pub fn render_unreadable(path: &str, diagnostic: &Diagnostic, color: bool) -> String {
    header(path, (1, 1), diagnostic, color)
}

/// `path:line:col: severity[code]: message` and a newline.
fn header(
    path: &str,
    (line, column): (usize, usize),
    diagnostic: &Diagnostic,
    color: bool,
) -> String {
    let location = format!("{path}:{line}:{column}:");
    let label = format!(
        "{}[{}]:",
        diagnostic.severity.as_str(),
        diagnostic.code.as_str()
    );
    let mut res = String::new();
    let _ = writeln!(
        res,
        "{} {} {}",
        paint(&location, Style::new().effects(Effects::BOLD), color),
        paint(&label, severity_style(diagnostic.severity), color),
        paint(
            &diagnostic.message,
            Style::new().effects(Effects::BOLD),
            color
        ),
    );
    res
}

/// One line for a fix `--fix` applied: `path:line:col: fixed[code]: title`.
pub fn render_fixed(path: &str, fixed: &AppliedFix, color: bool) -> String {
    let AppliedFix {
        code,
        title,
        line,
        column,
    } = fixed;
    let location = format!("{path}:{line}:{column}:");
    let label = format!("fixed[{}]:", code.as_str());
    format!(
        "{} {} {title}\n",
        paint(&location, Style::new().effects(Effects::BOLD), color),
        paint(
            &label,
            AnsiColor::BrightGreen.on_default().effects(Effects::BOLD),
            color
        ),
    )
}

/// Counts for the closing line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Files reported on: analysed, or unreadable.
    pub files: usize,
    /// Of `files`, those that could not be read or decoded (an `unreadable-file` finding each).
    pub unreadable: usize,
    /// Files found by walking a folder that were read but do not look like a report.
    pub not_reports: usize,
}

impl Summary {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
            Severity::Hint => self.hints += 1,
        }
    }

    /// Adds the counts of `other` (its findings and files).
    pub fn merge(&mut self, other: &Summary) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.hints += other.hints;
        self.files += other.files;
        self.unreadable += other.unreadable;
        self.not_reports += other.not_reports;
    }

    /// `2 errors, 1 warning, 0 hints in 3 files` (`共 3 个文件：2 个错误，1 个警告，0 个提示`);
    /// information counts appear only when there are some, then how many files were unreadable
    /// and how many found in folders were skipped, when any, so that no file goes unmentioned.
    /// Ends with a newline.
    pub fn render(&self, lang: Lang) -> String {
        let mut res = if self.infos > 0 {
            t!(
                lang,
                "summary-with-infos",
                errors = self.errors,
                warnings = self.warnings,
                infos = self.infos,
                hints = self.hints,
                files = self.files
            )
        } else {
            t!(
                lang,
                "summary",
                errors = self.errors,
                warnings = self.warnings,
                hints = self.hints,
                files = self.files
            )
        };
        if self.unreadable > 0 {
            res.push_str(&t!(lang, "summary-unreadable", count = self.unreadable));
        }
        if self.not_reports > 0 {
            res.push_str(&t!(lang, "summary-skipped", count = self.not_reports));
        }
        res.push('\n');
        res
    }
}

/// The 1-based line and 1-based character column of byte `offset`.
pub fn line_column(index: &LineIndex, text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    (
        index.line_of(offset) + 1,
        index.char_column(text, offset) + 1,
    )
}

/// The lines a range touches, and the range relative to them.
struct SourceSlice<'a> {
    source: std::borrow::Cow<'a, str>,
    /// 1-based number of the first line.
    first_line: usize,
    span: std::ops::Range<usize>,
}

fn snippet_of<'a>(
    index: &LineIndex,
    text: &'a str,
    range: std::ops::Range<usize>,
) -> SourceSlice<'a> {
    let start = floor_char_boundary(text, range.start);
    let mut end = floor_char_boundary(text, range.end.max(start));
    let first = index.line_of(start);
    // A range that ends right after a line terminator ends on that line, not the next one.
    let mut last = index.line_of(end);
    if end > start && last > first && index.line_range(last).start == end {
        last -= 1;
    }
    let source_start = index.line_range(first).start;
    let last_range = index.line_range(last);
    let source_end = last_range.start + strip_line_terminator(&text[last_range.clone()]).len();
    end = end.min(source_end).max(start);
    if source_end - source_start > LONG_SOURCE {
        let first_range = index.line_range(first);
        let first_end = first_range.start + strip_line_terminator(&text[first_range]).len();
        return cropped(text, source_start..first_end, start, end, first + 1);
    }
    SourceSlice {
        source: std::borrow::Cow::Borrowed(&text[source_start..source_end]),
        first_line: first + 1,
        span: start - source_start..end - source_start,
    }
}

/// Source longer than this many bytes is shown cropped around the range.
const LONG_SOURCE: usize = 600;

/// Characters of context shown on each side of the range in a cropped source line.
const CONTEXT_CHARS: usize = 40;

/// A window of the line holding `start`: some context before the range, at most
/// [`CONTEXT_CHARS`] × 4 characters of the range, some after, with `…` where text was left
/// out. Printing a line of megabytes under each of its findings would make the output (and
/// the time to write it) grow with the square of the line's length.
fn cropped(
    text: &str,
    line: std::ops::Range<usize>,
    start: usize,
    end: usize,
    line_number: usize,
) -> SourceSlice<'_> {
    let (line_start, line_end) = (line.start, line.end.max(start));
    let window_start = text[line_start..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    let shown_end = text[start..end.min(line_end)]
        .char_indices()
        .nth(CONTEXT_CHARS * 4)
        .map_or(end.min(line_end), |(i, _)| start + i);
    let window_end = text[shown_end..line_end]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(line_end, |(i, _)| shown_end + i);
    let mut source = String::new();
    if window_start > line_start {
        source.push('…');
    }
    let span_start = source.len() + (start - window_start);
    source.push_str(&text[window_start..window_end]);
    let span_end = span_start + (shown_end - start);
    if window_end < line_end {
        source.push('…');
    }
    SourceSlice {
        source: std::borrow::Cow::Owned(source),
        first_line: line_number,
        span: span_start..span_end,
    }
}

fn severity_level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
        Severity::Info => AnsiColor::BrightBlue,
        Severity::Hint => AnsiColor::BrightGreen,
    };
    color.on_default().effects(Effects::BOLD)
}

fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use unicode_width::UnicodeWidthStr;

    use super::*;
    use crate::analysis::RuleCode;

    const TABLE: &str = "## 三、收到和处理政府信息公开申请情况\n\n| 一、本年新收政府信息公开申请数量 | 2 |\n| （七）总计 | 3 |\n";

    fn at(text: &str, needle: &str) -> std::ops::Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn caret_lines_up_under_cjk_text() {
        let range = at(TABLE, "2 |");
        let diagnostic = Diagnostic::new(
            RuleCode::TotalMismatch,
            range.start..range.start + 1,
            "总计 is 2 but the parts add up to 1",
        )
        .with_replacement(Lang::En, range.start..range.start + 1, "1");
        let out = render_diagnostic("r.md", TABLE, &LineIndex::new(TABLE), &diagnostic, false);
        insta::assert_snapshot!(out, @r"
        r.md:3:22: error[total-mismatch]: 总计 is 2 but the parts add up to 1
          |
        3 | | 一、本年新收政府信息公开申请数量 | 2 |
          |                                      ^
          |
          = help: Replace with 1
        ");
        // The caret is at the display column of the `2`, counting each CJK character as two.
        let lines: Vec<&str> = out.lines().collect();
        let source = lines[2];
        let caret = lines[3];
        let two = source.find("2 |").unwrap();
        assert_eq!(
            UnicodeWidthStr::width(&source[..two]),
            caret.find('^').unwrap()
        );
    }

    #[test]
    fn underline_spans_a_cjk_label() {
        let range = at(TABLE, "（七）总计");
        let diagnostic = Diagnostic::new(RuleCode::LabelPunctuation, range, "label")
            .with_severity(Severity::Hint);
        let out = render_diagnostic("r.md", TABLE, &LineIndex::new(TABLE), &diagnostic, false);
        insta::assert_snapshot!(out, @r"
        r.md:4:3: hint[label-punctuation]: label
          |
        4 | | （七）总计 | 3 |
          |   ^^^^^^^^^^
        ");
    }

    #[test]
    fn a_long_line_is_shown_cropped_around_the_range() {
        let cells = "| 0 ".repeat(2000);
        let text = format!("第一行\n{cells}| 总计 | 7 |{cells}|\n");
        let range = at(&text, "7 |");
        let diagnostic =
            Diagnostic::new(RuleCode::TotalMismatch, range.start..range.start + 1, "m");
        let out = render_diagnostic("t.md", &text, &LineIndex::new(&text), &diagnostic, false);
        assert!(out.len() < 1000, "{}", out.len());
        assert!(
            out.starts_with("t.md:2:8008: error[total-mismatch]: m"),
            "{out}"
        );
        let lines: Vec<&str> = out.lines().collect();
        let source = lines[2].split_once(" | ").unwrap().1;
        assert!(source.starts_with('…') && source.ends_with('…'), "{source}");
        let caret = lines[3].split_once(" | ").unwrap().1;
        let seven = source.find("7 |").unwrap();
        assert_eq!(
            UnicodeWidthStr::width(&source[..seven]),
            caret.find('^').unwrap()
        );
    }

    #[test]
    fn range_ending_after_a_newline_and_empty_ranges() {
        let text = "第一行\n第二行\n";
        let index = LineIndex::new(text);
        // The whole first line including its `\n`.
        let line = Diagnostic::new(RuleCode::SectionTitle, 0..10, "heading")
            .with_severity(Severity::Warning);
        insta::assert_snapshot!(render_diagnostic("t.txt", text, &index, &line, false), @r"
        t.txt:1:1: warning[section-title]: heading
          |
        1 | 第一行
          | ^^^^^^
        ");
        // An empty range at the very end of the text.
        let end = Diagnostic::new(
            RuleCode::MissingSection,
            text.len()..text.len(),
            "missing 六",
        );
        let out = render_diagnostic("t.txt", text, &index, &end, false);
        assert!(
            out.starts_with("t.txt:3:1: error[missing-section]: missing 六\n"),
            "{out}"
        );
        // Out of range: clamped, no panic.
        let wild = Diagnostic::new(RuleCode::MissingSection, 5..500, "wild");
        let out = render_diagnostic("t.txt", text, &index, &wild, false);
        assert!(out.starts_with("t.txt:1:2: "), "{out}");
    }

    #[test]
    fn caret_follows_tabs() {
        let text = "\t（一）予以公开\t0\t1\n";
        let one = text.rfind('1').unwrap();
        let diagnostic = Diagnostic::new(RuleCode::InvalidNumber, one..one + 1, "n");
        let out = render_diagnostic("t.txt", text, &LineIndex::new(text), &diagnostic, false);
        assert!(out.starts_with("t.txt:1:12: "), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let source = lines[2];
        let caret = lines[3];
        assert_eq!(
            UnicodeWidthStr::width(&source[..source.rfind('1').unwrap()]),
            caret.find('^').unwrap(),
            "{out}"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let diagnostic = Diagnostic::new(RuleCode::MissingSection, 0..1, "m");
        let plain = render_diagnostic("a", "x\n", &LineIndex::new("x\n"), &diagnostic, false);
        assert!(!plain.contains('\u{1b}'));
        let styled = render_diagnostic("a", "x\n", &LineIndex::new("x\n"), &diagnostic, true);
        assert!(styled.contains('\u{1b}'));
    }

    #[test]
    fn fixed_line_and_summary() {
        let line = render_fixed(
            "r.md",
            &AppliedFix {
                code: RuleCode::TotalMismatch,
                title: "Replace with 2".into(),
                line: 4,
                column: 11,
            },
            false,
        );
        assert_eq!(line, "r.md:4:11: fixed[total-mismatch]: Replace with 2\n");

        let mut summary = Summary {
            files: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary.render(Lang::En),
            "0 errors, 0 warnings, 0 hints in 1 file\n"
        );
        summary.add(Severity::Error);
        summary.add(Severity::Warning);
        summary.add(Severity::Warning);
        summary.add(Severity::Hint);
        summary.files = 3;
        assert_eq!(
            summary.render(Lang::En),
            "1 error, 2 warnings, 1 hint in 3 files\n"
        );
        summary.add(Severity::Info);
        assert_eq!(
            summary.render(Lang::En),
            "1 error, 2 warnings, 1 info, 1 hint in 3 files\n"
        );
        summary.merge(&Summary {
            errors: 1,
            files: 1,
            unreadable: 1,
            not_reports: 2,
            ..Summary::default()
        });
        assert_eq!(
            summary.render(Lang::En),
            "2 errors, 2 warnings, 1 info, 1 hint in 4 files (1 could not be read); skipped 2 \
             files that do not look like reports\n"
        );
        assert_eq!(
            summary.render(Lang::Zh),
            "共 4 个文件：2 个错误，2 个警告，1 条说明，1 个提示（其中 1 个文件读不了）；跳过了 2 \
             个看起来不是年度报告的文件\n"
        );
        let walked = Summary {
            not_reports: 1,
            ..Summary::default()
        };
        assert_eq!(
            walked.render(Lang::En),
            "0 errors, 0 warnings, 0 hints in 0 files; skipped 1 file that does not look like a \
             report\n"
        );
    }

    #[test]
    fn unreadable_file_is_one_line_at_1_1() {
        let diagnostic = Diagnostic::new(RuleCode::UnreadableFile, 0..0, "not UTF-8");
        assert_eq!(
            render_unreadable("a b.txt", &diagnostic, false),
            "a b.txt:1:1: error[unreadable-file]: not UTF-8\n"
        );
    }

    proptest::proptest! {
        /// Any text, any range (even past the end or inside a character): no panic, and the
        /// header names a real line.
        #[test]
        fn never_panics(text in "[a一😀\t\r\n|]{0,40}", start in 0usize..200, len in 0usize..200) {
            let index = LineIndex::new(&text);
            let diagnostic = Diagnostic::new(RuleCode::MissingCell, start..start + len, "m")
                .with_replacement(Lang::En, start..start + len, "x");
            let out = render_diagnostic("p", &text, &index, &diagnostic, false);
            let line: usize = out[2..].split(':').next().unwrap().parse().unwrap();
            proptest::prop_assert!(line >= 1 && line <= index.line_count());
        }
    }
}
