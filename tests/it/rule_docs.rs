//! The examples of the rule pages (`docs/rules/*.md`) are run: each `console` block shows
//! commands and what ogi-lint prints for them, and this test runs the same check on the same
//! input (the library's `check` and `fix_all`, printed by the CLI's human renderer) and fails
//! when the page and the program differ. A message reworded in a catalog, a column moved, a
//! finding gained or lost: the page says so at once, not months later.
//!
//! The convention a page follows is in `docs/rules/README.md` ("The examples on these pages are
//! run"). `OGI_UPDATE_GENERATED=1 cargo test --test it rule_docs` rewrites every output from what
//! the program says now (the commands and inputs stay as written); review the diff.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ogi_lint::analysis::{self, Diagnostic, Edition, Lang, Options, RuleCode};
use ogi_lint::cli::human;
use ogi_lint::cli::json::Elsewhere;
use ogi_lint::files::encoding;
use ogi_lint::line_index::LineIndex;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("OGI_UPDATE_GENERATED").is_some_and(|v| v == "1")
}

/// A fenced code block: the lines between its fences (0-based line numbers of the page).
struct Block {
    info: String,
    /// The line of the opening fence.
    open: usize,
    body: Vec<String>,
}

/// The fenced code blocks of a page, in order. Fences are lines of three or more backticks
/// at the start of a line (the pages indent none); a block ends at the same fence alone.
fn blocks(lines: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let ticks = line.chars().take_while(|&c| c == '`').count();
        if ticks < 3 {
            i += 1;
            continue;
        }
        let fence = &line[..ticks];
        let close = lines[i + 1..]
            .iter()
            .position(|l| l.trim_end() == fence)
            .map(|p| i + 1 + p)
            .unwrap_or_else(|| panic!("line {}: code block never closed", i + 1));
        out.push(Block {
            info: line[ticks..].trim().to_owned(),
            open: i,
            body: lines[i + 1..close]
                .iter()
                .map(|l| (*l).to_owned())
                .collect(),
        });
        i = close + 1;
    }
    out
}

/// The text of `base` with a unified diff's hunks applied; `Err` says which line differs.
fn apply_diff(base: &str, hunks: &[String]) -> Result<String, String> {
    let old: Vec<&str> = base.split_inclusive('\n').collect();
    let mut out = String::new();
    // The next line of `old` not yet copied (0-based).
    let mut next = 0;
    let mut lines = hunks.iter().peekable();
    while let Some(header) = lines.next() {
        // `@@ -START[,COUNT] +…`: the hunk starts at line START, or inserts after it when
        // COUNT is 0.
        let old_range = header
            .strip_prefix("@@ -")
            .and_then(|rest| rest.split(' ').next())
            .ok_or_else(|| format!("not a hunk header: {header:?}"))?;
        let (start, count) = old_range.split_once(',').unwrap_or((old_range, "1"));
        let (Ok(start), Ok(count)) = (start.parse::<usize>(), count.parse::<usize>()) else {
            return Err(format!("not a hunk header: {header:?}"));
        };
        let at = if count == 0 {
            start
        } else {
            start.saturating_sub(1)
        };
        if at < next || at > old.len() {
            return Err(format!("hunk {header:?} out of order or past the end"));
        }
        for line in &old[next..at] {
            out.push_str(line);
        }
        next = at;
        while let Some(line) = lines.next_if(|l| !l.starts_with("@@")) {
            let (mark, text) = line.split_at(line.chars().next().map_or(0, char::len_utf8));
            match mark {
                " " | "-" | "" => {
                    let text = if mark.is_empty() { "" } else { text };
                    let have = old.get(next).map(|l| l.trim_end_matches(['\n', '\r']));
                    if have != Some(text) {
                        return Err(format!(
                            "line {} is {have:?}, the diff says {text:?}",
                            next + 1
                        ));
                    }
                    if mark != "-" {
                        out.push_str(old[next]);
                    }
                    next += 1;
                }
                "+" => {
                    out.push_str(text);
                    out.push('\n');
                }
                _ => return Err(format!("not a diff line: {line:?}")),
            }
        }
    }
    for line in &old[next..] {
        out.push_str(line);
    }
    Ok(out)
}

/// One `$ ogi-lint check …` of a console block.
struct Command {
    lang: Lang,
    edition: Option<Edition>,
    fix: bool,
    files: Vec<String>,
}

fn parse_command(line: &str) -> Result<Command, String> {
    let mut words = line.split_whitespace();
    if (words.next(), words.next()) != (Some("ogi-lint"), Some("check")) {
        return Err("only `ogi-lint check …` is run".to_owned());
    }
    let mut command = Command {
        lang: Lang::Zh,
        edition: None,
        fix: false,
        files: Vec::new(),
    };
    while let Some(word) = words.next() {
        match word {
            "--lang" => {
                command.lang = words
                    .next()
                    .and_then(Lang::parse)
                    .ok_or("--lang takes zh or en")?;
            }
            "--edition" => {
                command.edition = Some(
                    words
                        .next()
                        .and_then(Edition::parse)
                        .ok_or("--edition takes an edition's name")?,
                );
            }
            "--fix" => command.fix = true,
            flag if flag.starts_with('-') => {
                return Err(format!(
                    "{flag} is not supported in the rule pages' examples"
                ))
            }
            file => command.files.push(file.to_owned()),
        }
    }
    if command.files.is_empty() {
        return Err("no file to check".to_owned());
    }
    Ok(command)
}

/// What `ogi-lint check` prints for `command`, whole (as the human format prints it, without
/// colour) and as the first line of each finding and fix; `reports` are the page's reports,
/// changed by `--fix`.
fn run(
    command: &Command,
    reports: &mut HashMap<String, Vec<u8>>,
) -> Result<(String, String), String> {
    let options = Options {
        edition: command.edition,
        language: command.lang,
        ..Options::default()
    };
    let (mut whole, mut short) = (String::new(), String::new());
    let mut summary = human::Summary::default();
    // Decoded first: the reports of one command are paired across years as `check` pairs them.
    let mut decoded = Vec::new();
    for name in &command.files {
        let bytes = match reports.get(name) {
            Some(bytes) => bytes.clone(),
            None => std::fs::read(root().join(name)).map_err(|_| {
                format!("{name} is neither a report of the page nor a file of the repository")
            })?,
        };
        decoded.push(encoding::decode(bytes).map(|d| d.text.as_str().to_owned()));
    }
    let facts: Vec<analysis::YearFacts> = decoded
        .iter()
        .map(|text| match text {
            Ok(text) => analysis::Analysis::new(text, options.clone()).year_facts(&text.as_str()),
            Err(_) => analysis::YearFacts::default(),
        })
        .collect();
    let identities: Vec<_> = facts.iter().map(|f| f.identity.clone()).collect();
    let last_years = analysis::across_years::last_years(&identities);
    for (i, name) in command.files.iter().enumerate() {
        summary.files += 1;
        let mut text = match &decoded[i] {
            Ok(text) => text.clone(),
            Err(problem) => {
                summary.unreadable += 1;
                summary.add(RuleCode::UnreadableFile.default_severity());
                let diagnostic =
                    Diagnostic::new(RuleCode::UnreadableFile, 0..0, problem.render(command.lang));
                let line = human::render_unreadable(name, &diagnostic, false);
                whole.push_str(&line);
                whole.push('\n');
                short.push_str(&line);
                continue;
            }
        };
        let last_year = last_years[i].and_then(|j| {
            let last_text = decoded[j].as_ref().ok()?;
            let last_name = &command.files[j];
            Some((
                analysis::LastYear {
                    document: last_name.clone(),
                    name: last_name.clone(),
                    carried_forward: facts[j].carried_forward.clone(),
                },
                last_text,
                LineIndex::new(last_text),
            ))
        });
        let diagnostics = if command.fix {
            let fixed = analysis::fix::fix_all(&text, &options);
            for applied in &fixed.applied {
                let line = human::render_fixed(name, applied, false);
                whole.push_str(&line);
                short.push_str(&line);
            }
            if fixed.text != text {
                text = fixed.text;
                reports.insert(name.clone(), text.clone().into_bytes());
            }
            match &last_year {
                Some(_) => analysis::Analysis::new(&text, options.clone())
                    .diagnostics_with_last_year(last_year.as_ref().map(|l| &l.0)),
                None => fixed.diagnostics,
            }
        } else {
            analysis::Analysis::new(&text, options.clone())
                .diagnostics_with_last_year(last_year.as_ref().map(|l| &l.0))
        };
        let index = LineIndex::new(&text);
        for diagnostic in &diagnostics {
            summary.add(diagnostic.severity);
            let elsewhere = last_year
                .as_ref()
                .map(|(last, last_text, last_index)| Elsewhere {
                    document: &last.document,
                    file: &last.name,
                    text: last_text,
                    index: last_index,
                });
            let rendered =
                human::render_diagnostic_with(name, &text, &index, diagnostic, false, elsewhere);
            short.push_str(rendered.lines().next().unwrap_or(""));
            short.push('\n');
            whole.push_str(&rendered);
            whole.push('\n');
        }
    }
    whole.push_str(&summary.render(command.lang));
    Ok((whole, short))
}

/// A console block's output shown short: every line is the first line of a finding or fix.
fn is_short(shown: &[String], files: &[String]) -> bool {
    shown
        .iter()
        .all(|line| files.iter().any(|f| line.starts_with(&format!("{f}:"))))
}

/// Checks the examples of one page; returns the page with every output as the program prints
/// it, and the differences found.
fn check_page(page: &str, text: &str) -> (String, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut reports: HashMap<String, Vec<u8>> = HashMap::new();
    let mut problems = Vec::new();
    // Replacement line ranges (0-based, end exclusive) and their new lines.
    let mut rewrites: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for block in blocks(&lines) {
        let at = format!("{page}:{}", block.open + 1);
        let mut info = block.info.split_whitespace();
        match (info.next(), info.next()) {
            (Some("diff"), _) => {
                let base = block.body.iter().find_map(|l| l.strip_prefix("--- "));
                let name = block.body.iter().find_map(|l| l.strip_prefix("+++ "));
                let (Some(base), Some(name)) = (base, name) else {
                    problems.push(format!("{at}: a diff needs `--- FILE` and `+++ NAME`"));
                    continue;
                };
                let base_text = match reports.get(base.trim()) {
                    Some(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                    None => match std::fs::read_to_string(root().join(base.trim())) {
                        Ok(text) => text,
                        Err(_) => {
                            problems.push(format!("{at}: no file {base}"));
                            continue;
                        }
                    },
                };
                let hunks: Vec<String> = block
                    .body
                    .iter()
                    .skip_while(|l| !l.starts_with("@@"))
                    .cloned()
                    .collect();
                match apply_diff(&base_text, &hunks) {
                    Ok(report) => {
                        reports.insert(name.trim().to_owned(), report.into_bytes());
                    }
                    Err(why) => {
                        problems.push(format!("{at}: the diff does not apply to {base}: {why}"))
                    }
                }
            }
            (Some("console"), _) => {
                let mut new_body = Vec::new();
                let mut i = 0;
                while i < block.body.len() {
                    let line = &block.body[i];
                    let Some(command_line) = line.strip_prefix("$ ") else {
                        problems.push(format!(
                            "{at}: {line:?} is output of no command (a console block starts with `$ ogi-lint check …`)"
                        ));
                        new_body.push(line.clone());
                        i += 1;
                        continue;
                    };
                    new_body.push(line.clone());
                    let end = block.body[i + 1..]
                        .iter()
                        .position(|l| l.starts_with("$ "))
                        .map_or(block.body.len(), |p| i + 1 + p);
                    let shown = &block.body[i + 1..end];
                    i = end;
                    let command = match parse_command(command_line) {
                        Ok(command) => command,
                        Err(why) => {
                            problems.push(format!("{at}: `{command_line}`: {why}"));
                            new_body.extend(shown.iter().cloned());
                            continue;
                        }
                    };
                    let (whole, short) = match run(&command, &mut reports) {
                        Ok(out) => out,
                        Err(why) => {
                            problems.push(format!("{at}: `{command_line}`: {why}"));
                            new_body.extend(shown.iter().cloned());
                            continue;
                        }
                    };
                    let printed = if is_short(shown, &command.files) {
                        short
                    } else {
                        whole
                    };
                    let printed: Vec<String> = printed.lines().map(str::to_owned).collect();
                    if printed != shown {
                        let first = printed
                            .iter()
                            .zip(shown)
                            .position(|(p, s)| p != s)
                            .unwrap_or(printed.len().min(shown.len()));
                        problems.push(format!(
                            "{at}: `{command_line}` prints something else:\n  page:    {:?}\n  program: {:?}",
                            shown.get(first).map_or("(nothing)", String::as_str),
                            printed.get(first).map_or("(nothing)", String::as_str),
                        ));
                    }
                    new_body.extend(printed);
                }
                rewrites.push((block.open + 1, block.open + 1 + block.body.len(), new_body));
            }
            (Some(_), Some(name)) => {
                let mut report = block.body.join("\n");
                report.push('\n');
                reports.insert(name.to_owned(), report.into_bytes());
            }
            _ => {}
        }
    }
    let mut new_lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    for (start, end, body) in rewrites.into_iter().rev() {
        new_lines.splice(start..end, body);
    }
    let mut new_text = new_lines.join("\n");
    if text.ends_with('\n') {
        new_text.push('\n');
    }
    (new_text, problems)
}

fn page_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs/rules"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages
}

#[test]
fn rule_docs_examples_print_what_the_program_prints() {
    let mut problems = Vec::new();
    let mut commands = 0;
    for path in pages() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (new_text, page_problems) = check_page(&page_name(&path), &text);
        commands += new_text
            .lines()
            .filter(|l| l.starts_with("$ ogi-lint"))
            .count();
        if updating() && !page_problems.is_empty() {
            std::fs::write(&path, &new_text).unwrap();
            // Outputs rewritten; what cannot be rewritten (a diff that does not apply, an
            // unknown flag) is still a problem.
            let (_, left) = check_page(&page_name(&path), &new_text);
            problems.extend(left);
        } else {
            problems.extend(page_problems);
        }
    }
    assert!(commands > 20, "only {commands} commands in the rule pages");
    assert!(
        problems.is_empty(),
        "{}\n\nRun `OGI_UPDATE_GENERATED=1 cargo test --test it rule_docs` to rewrite the outputs, and review the diff.",
        problems.join("\n")
    );
}

/// An output line (`file:line:col: severity[code]: …`) anywhere on a rule page but in a console
/// block is a copy no test compares: show it as a command's output instead.
#[test]
fn rule_docs_quote_output_only_in_console_blocks() {
    // `report.md:85:1: hint[label-punctuation]: …`, `report.md:85:1: fixed[…]: …`.
    let finding = |line: &str| {
        ["error", "warning", "info", "hint", "fixed"]
            .iter()
            .any(|severity| {
                line.find(&format!(": {severity}["))
                    .is_some_and(|at| line[..at].ends_with(|c: char| c.is_ascii_digit()))
            })
    };
    let mut stray = Vec::new();
    for path in pages() {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut in_console = vec![false; lines.len()];
        for block in blocks(&lines) {
            if block.info == "console" {
                for flag in &mut in_console[block.open..=block.open + block.body.len() + 1] {
                    *flag = true;
                }
            }
        }
        for (i, line) in lines.iter().enumerate() {
            if !in_console[i] && finding(line) {
                stray.push(format!("{}:{}: {line}", path.display(), i + 1));
            }
        }
    }
    assert!(
        stray.is_empty(),
        "output quoted outside console blocks:\n{}",
        stray.join("\n")
    );
}

#[test]
fn diffs_apply_strictly() {
    let base = "a\nb\nc\n";
    let hunks = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        apply_diff(base, &hunks(&["@@ -2 +2 @@", "-b", "+B"])).unwrap(),
        "a\nB\nc\n"
    );
    assert_eq!(
        apply_diff(base, &hunks(&["@@ -1,2 +1 @@", " a", "-b"])).unwrap(),
        "a\nc\n"
    );
    assert_eq!(
        apply_diff(base, &hunks(&["@@ -0,0 +1 @@", "+z"])).unwrap(),
        "z\na\nb\nc\n"
    );
    assert_eq!(
        apply_diff(base, &hunks(&["@@ -1,0 +2 @@", "+z"])).unwrap(),
        "a\nz\nb\nc\n"
    );
    assert!(apply_diff(base, &hunks(&["@@ -2 +2 @@", "-x", "+B"])).is_err());
    assert!(apply_diff(base, &hunks(&["@@ -9 +9 @@", "-x"])).is_err());
}

/// The test catches a stale output and the update writes what the program prints; a diff that
/// does not match its file and an unknown flag are problems the update cannot solve.
#[test]
fn a_stale_example_is_caught_and_rewritten() {
    let page = "Example.\n\n```diff\n--- examples/2021-clean.md\n+++ report.md\n@@ -67 +67 @@\n-| 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n+| 3.危及\"三安全一稳定\" | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n```\n\n```console\n$ ogi-lint check --lang en report.md\nreport.md:67:3: hint[label-punctuation]: an old message\n```\n";
    let (rewritten, problems) = check_page("test.md", page);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("an old message"), "{problems:?}");
    assert!(
        rewritten.contains("report.md:67:3: hint[label-punctuation]: 表三 row label"),
        "{rewritten}"
    );
    assert!(!rewritten.contains("an old message"));
    let (again, problems) = check_page("test.md", &rewritten);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(again, rewritten);

    let wrong_base = page.replace("-| 3.危及", "-| 4.危及");
    let (_, problems) = check_page("test.md", &wrong_base);
    assert!(
        problems.iter().any(|p| p.contains("does not apply")),
        "{problems:?}"
    );
    let unknown_flag = page.replace("check --lang en", "check --format json");
    let (_, problems) = check_page("test.md", &unknown_flag);
    assert!(
        problems.iter().any(|p| p.contains("--format")),
        "{problems:?}"
    );
}

/// Pages of rules that exist show what the rule says: at least one command with a finding of
/// that rule in a console block.
#[test]
fn every_rule_page_runs_an_example_of_its_rule() {
    // Pages being rewritten on other branches when the examples became executable; a page
    // leaves this list when it follows docs/rules/README.md.
    const NOT_YET: [&str; 0] = [];
    for code in RuleCode::ALL {
        let code = code.as_str();
        if NOT_YET.contains(&code) {
            continue;
        }
        let text = std::fs::read_to_string(root().join(format!("docs/rules/{code}.md"))).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let shown = blocks(&lines).into_iter().any(|block| {
            block.info == "console"
                && block
                    .body
                    .iter()
                    .any(|line| line.contains(&format!("[{code}]: ")))
        });
        assert!(
            shown,
            "docs/rules/{code}.md shows no output of {code} in a console block (see docs/rules/README.md)"
        );
    }
}
