//! `ogi-lint check`: walks paths, reads files, runs the analysis, prints or fixes.
//!
//! Three stages: [`walk`] turns the arguments into a work list (sequential: config discovery is
//! cached per folder); the files are read, decoded ([`encoding`]), analysed and fixed in
//! parallel (rayon, taking files in work-list order); each file's report is printed as soon as
//! it and every file before it are done, in work-list order, so the output does not depend on
//! scheduling and memory holds only the files in flight. Human reports are rendered by the
//! worker (so the text can go); JSON and SARIF are written straight to the output, one finding
//! at a time, never as one tree of everything.
//!
//! **Nothing is skipped in silence.** A file that cannot be read or decoded is an
//! `unreadable-file` finding (exit status 2), whether named or found in a folder; a file found
//! in a folder that is read but does not look like a report is counted in the summary line.
//!
//! **Streams.** Reports go to stdout; `error:` lines about files and configs go to stderr. With
//! `--format json|sarif`, stdout holds exactly one JSON document and `fixed` lines go to stderr.
//! With `-` and `--fix`, stdout holds exactly the fixed text and every report goes to stderr.

pub mod carryover;
pub mod fix;
pub mod human;
pub mod json;
pub mod sarif;
pub mod walk;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::analysis::{self, Diagnostic, Edition, Lang, Options, RuleCode};
use crate::cli::fix::AppliedFix;
use crate::cli::walk::{Collector, Item, Job, Source};
use crate::config;
use crate::files::encoding::{self, Text};
use crate::line_index::{Encoding, LineIndex, Positions};

/// Exit status: no diagnostic of severity error.
pub const EXIT_OK: u8 = 0;
/// Exit status: at least one error diagnostic.
pub const EXIT_ERRORS: u8 = 1;
/// Exit status: a usage error, or a file or config that could not be read.
pub const EXIT_TROUBLE: u8 = 2;

/// The bytes of report gathered before they are written to stdout.
const OUTPUT_BUFFER: usize = 128 * 1024;

const AFTER_HELP: &str = "\
Exit status: 0 no error-severity diagnostic, 1 at least one, 2 a usage error, a file that \
could not be read or decoded (an unreadable-file finding), or fixes that could not be written \
(the other files are still checked).

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; --fix writes a file back \
in its own encoding and line endings.

Configuration: the nearest ogi-lint.toml walking up from each file (or --config) sets edition, \
language, include/exclude globs and [severity] per rule code (error, warning, info, hint, off).

Language: messages are in Chinese unless --lang en, language = \"en\" in ogi-lint.toml, or (with \
--lang auto or no --lang) an English locale in LC_ALL, LC_MESSAGES or LANG.";

/// The arguments of `ogi-lint check`.
#[derive(Debug, Clone, Args)]
#[command(after_help = AFTER_HELP)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Template edition to check against; `auto` reads the report year [default: from config, else auto]
    #[arg(long, value_parser = EditionArg::parser())]
    pub edition: Option<EditionArg>,

    /// Apply safe fixes (labels, totals) in place and print what changed
    #[arg(long)]
    pub fix: bool,

    /// Use this configuration file instead of discovering ogi-lint.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Language of the messages; `auto` reads LC_ALL, LC_MESSAGES, LANG (zh* Chinese, en*
    /// English, anything else Chinese) [default: from config, else auto]
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// From the locale: LC_ALL, LC_MESSAGES, LANG; Chinese unless they say English
    Auto,
    /// Chinese (中文)
    Zh,
    /// English
    En,
}

/// The language the locale variables ask for (`LC_ALL`, `LC_MESSAGES`, `LANG`, in that order;
/// Chinese unless they say English).
pub fn environment_language() -> Lang {
    let var = |name: &str| std::env::var(name).ok();
    Lang::from_locale_vars(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// The language `--lang` asks for: `Some` for `zh`, `en` and `auto` (the locale's), `None`
/// when not given (then each file's `ogi-lint.toml` may choose, else the locale).
fn chosen_language(arg: Option<LangArg>, environment: Lang) -> Option<Lang> {
    match arg? {
        LangArg::Auto => Some(environment),
        LangArg::Zh => Some(Lang::Zh),
        LangArg::En => Some(Lang::En),
    }
}

/// An I/O error in `lang`: the common kinds in words, the others as the system says them.
fn io_error(lang: Lang, err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => t!(lang, "cli-not-found"),
        io::ErrorKind::PermissionDenied => t!(lang, "cli-permission-denied"),
        _ => err.to_string(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: severity[code]: message`, the source line and a caret
    Human,
    /// One JSON array of diagnostic objects
    Json,
    /// SARIF 2.1.0
    Sarif,
}

/// `--edition`: `auto`, or one of the editions in force (their years are the values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionArg {
    /// Detect the edition from the report.
    Auto,
    Edition(Edition),
}

impl EditionArg {
    fn edition(self) -> Option<Edition> {
        match self {
            EditionArg::Auto => None,
            EditionArg::Edition(edition) => Some(edition),
        }
    }

    /// `auto` and every edition's year, each with its help line (from the templates: the
    /// 文号 and the years of the reports it applies to).
    fn parser() -> impl TypedValueParser<Value = EditionArg> {
        let auto = PossibleValue::new("auto")
            .help("Detect from the report (文号, report year, table labels)");
        let editions = Edition::all().map(|e| {
            PossibleValue::new(e.name()).help(format!(
                "{} (reports for {})",
                e.document(),
                e.applies_to()
            ))
        });
        let values: Vec<PossibleValue> = std::iter::once(auto).chain(editions).collect();
        PossibleValuesParser::new(values).map(|name| match Edition::parse(&name) {
            Some(edition) => EditionArg::Edition(edition),
            None => EditionArg::Auto,
        })
    }
}

/// Runs `ogi-lint check`; returns the exit status.
pub fn run(args: &CheckArgs) -> u8 {
    // Unlocked: the workers print (`in_order`), and a lock held here would stop them.
    let mut stderr = io::stderr();
    let environment = environment_language();
    let chosen = chosen_language(args.lang, environment);
    // What is said about the run as a whole (the summary, errors before any file).
    let lang = chosen.unwrap_or(environment);
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(err) => {
            let message = t!(lang, "cli-cannot-read-folder", error = io_error(lang, &err));
            let _ = writeln!(stderr, "error: {message}");
            return EXIT_TROUBLE;
        }
    };

    let explicit_config = match &args.config {
        None => None,
        Some(path) => {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| cwd.join(path));
            match config::load(&absolute) {
                Ok(config) => Some(Arc::new(config)),
                Err(mut err) => {
                    err.file = Some(path.clone());
                    let _ = writeln!(stderr, "error: {}", err.render(lang));
                    return EXIT_TROUBLE;
                }
            }
        }
    };

    // On the pool, while this thread walks the folders.
    rayon::spawn(move || warm_up(lang));
    let mut collector = Collector::new(
        cwd.clone(),
        explicit_config,
        args.edition.map(EditionArg::edition),
        chosen,
        environment,
    );
    for path in &args.paths {
        collector.add(path);
    }
    let items = collector.finish();
    let stdin_fix = args.fix
        && items.iter().any(|item| {
            matches!(
                item,
                Item::Job(Job {
                    source: Source::Stdin(_),
                    ..
                })
            )
        });

    let to_stderr = stdin_fix;
    let output = Output {
        format: args.format,
        color: args.format == Format::Human && use_color(to_stderr),
        lang,
    };
    let fix = args.fix;
    let mut printer = Printer::new(output, &cwd);
    // Each report with last year's report of the same body, when the work list holds it.
    let items = carryover::pair(items);
    let work = |(item, last_year): (Item, Option<Arc<carryover::LastYearFile>>)| match item {
        Item::Error(message) => Outcome::Error(message),
        Item::Job(job) => process(job, fix, output, &|_| {}, last_year.as_deref()),
    };
    // The workers print (see `in_order`): the standard streams unlocked, each write taking
    // their lock (stdout through a buffer, so rarely).
    if to_stderr {
        let mut out = io::stderr();
        let mut streams = Streams {
            out: &mut out,
            err: None,
        };
        in_order(items, work, |outcome| printer.print(outcome, &mut streams));
        printer.finish(&mut streams);
    } else {
        // Buffered: stdout is line-buffered, one write per line of a long JSON report. In
        // large pieces: behind the buffer, stdout still writes twice per flush (up to the last
        // line break, then the rest), and with 8 KB flushes that was two writes per file.
        let mut out = io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout());
        let mut streams = Streams {
            out: &mut out,
            err: Some(&mut stderr),
        };
        in_order(items, work, |outcome| printer.print(outcome, &mut streams));
        printer.finish(&mut streams);
    }
    let mut status = printer.status;
    match printer.failed {
        None => {}
        // The reader went away (`| head`): not worth a message.
        Some(err) if err.kind() == io::ErrorKind::BrokenPipe => {}
        Some(err) => {
            let message = t!(lang, "cli-cannot-write-report", error = err.to_string());
            let _ = writeln!(stderr, "error: {message}");
            status = EXIT_TROUBLE;
        }
    }
    if let Some(bytes) = printer.stdin_output {
        let mut stdout = io::stdout().lock();
        if let Err(err) = stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
            let message = t!(lang, "cli-cannot-write-fixed-text", error = err.to_string());
            let _ = writeln!(stderr, "error: {message}");
            status = EXIT_TROUBLE;
        }
    }
    status
}

/// Builds what every analysis shares — the templates, the word searchers, the regexes, the
/// message catalog — by checking a sample report. Run on the pool while the folders are walked:
/// built by the first files instead, it held up every other worker, which waits for what it
/// needs to be built.
fn warm_up(lang: Lang) {
    const SAMPLE: &str = include_str!("../examples/2021-市商务局-draft.md");
    let options = Options {
        language: lang,
        ..Options::default()
    };
    analysis::check(SAMPLE, &options);
}

/// Runs `work` on every item on the rayon pool and hands each result to `sink` in item order,
/// as soon as it and every result before it are ready. Workers take items in order, so only
/// the results of the items in flight wait in memory.
///
/// The workers themselves hand the results over: the one that finds the next result ready
/// passes on every ready result in order, while the others go on working. No thread waits on
/// a channel to print: waking one per file, and freeing on one thread what another allocated,
/// cost a fifth of the time of a folder check once the checking itself had become fast.
fn in_order<T: Send, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) + Send,
) {
    struct Waiting<R> {
        /// The index of the next result to hand over.
        next: usize,
        results: BTreeMap<usize, R>,
        /// A worker is handing results over (holding the sink).
        handing: bool,
    }
    let waiting = Mutex::new(Waiting {
        next: 0,
        results: BTreeMap::new(),
        handing: false,
    });
    // Only the worker that set `handing` takes it: never waited for.
    let sink = Mutex::new(sink);
    items
        .into_iter()
        .enumerate()
        .par_bridge()
        .for_each(|(i, item)| {
            let result = work(item);
            let mut state = waiting.lock().unwrap_or_else(|e| e.into_inner());
            state.results.insert(i, result);
            if state.handing {
                // The worker handing over will reach this result.
                return;
            }
            state.handing = true;
            let mut sink = sink.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                let next = state.next;
                let Some(result) = state.results.remove(&next) else {
                    state.handing = false;
                    return;
                };
                state.next += 1;
                drop(state);
                (*sink)(result);
                state = waiting.lock().unwrap_or_else(|e| e.into_inner());
            }
        });
}

/// What became of one work-list item.
enum Outcome {
    /// Found by walking, read, and not a report (counted in the summary).
    NotReport,
    /// Could not be read or decoded, and `unreadable-file` is turned off in its config.
    Silenced,
    /// Not checked (the message, without `error: `).
    Error(String),
    /// Could not be read or decoded: an `unreadable-file` finding, in `language`.
    Unreadable {
        display: String,
        diagnostic: Diagnostic,
        language: Lang,
    },
    Checked(Box<Checked>),
}

/// How reports are printed.
#[derive(Clone, Copy)]
struct Output {
    format: Format,
    color: bool,
    /// The language of what is said about the run as a whole (the summary line, SARIF's
    /// `run.language`); each file's findings are in its own options' language.
    lang: Lang,
}

/// One file's report; `Report<()>` before the text is attached (see [`prepare`]).
enum Report<T = Text> {
    /// The human report, rendered by the worker that checked the file (so its text need not be
    /// kept); also the empty report of a file with no findings in any format.
    Rendered(Vec<String>),
    /// JSON or SARIF, written by the printer one finding at a time, at the positions worked
    /// out by the worker (the text, should another offset be asked).
    Machine { text: T, positions: Positions },
}

impl Report<()> {
    /// The report, keeping `text` when the printer may need it.
    fn keeping(self, text: Text) -> Report {
        match self {
            Report::Rendered(rendered) => Report::Rendered(rendered),
            Report::Machine { positions, .. } => Report::Machine { text, positions },
        }
    }
}

struct Checked {
    display: String,
    /// The language of the findings.
    language: Lang,
    /// What was found in the analysed text (after fixes); with the human format, emptied once
    /// rendered (see `counts`).
    diagnostics: Vec<Diagnostic>,
    /// The findings by severity.
    counts: human::Summary,
    report: Report,
    applied: Vec<AppliedFix>,
    /// Checked, but the fixes were not written.
    write_error: Option<String>,
    /// With `-` and `--fix`: the fixed text to print, in the input's encoding.
    stdin_output: Option<Vec<u8>>,
    /// Last year's report, while a finding of the machine formats points into it.
    last_year: Option<carryover::LastYearText>,
}

impl Checked {
    /// `text` is the analysed text (after fixes), without a BOM; `last_year`, last year's
    /// report when the findings were compared with it.
    fn new(
        display: String,
        language: Lang,
        text: Text,
        mut diagnostics: Vec<Diagnostic>,
        output: Output,
        last_year: Option<carryover::LastYearRead>,
    ) -> Box<Checked> {
        let mut last_year = carryover::LastYearText::kept(last_year, &diagnostics);
        let prepared = prepare(
            &display,
            text.as_str(),
            &mut diagnostics,
            output,
            &mut last_year,
        );
        Checked::prepared(display, language, text, diagnostics, prepared, last_year)
    }

    /// [`Checked::new`] with the report [`prepare`]d while the text was at hand.
    fn prepared(
        display: String,
        language: Lang,
        text: Text,
        diagnostics: Vec<Diagnostic>,
        prepared: Prepared,
        last_year: Option<carryover::LastYearText>,
    ) -> Box<Checked> {
        let Prepared { counts, report } = prepared;
        let report = report.keeping(text);
        Box::new(Checked {
            display,
            language,
            diagnostics,
            counts,
            report,
            applied: Vec::new(),
            write_error: None,
            stdin_output: None,
            last_year,
        })
    }
}

/// What a file's report needs of its text, worked out by the worker while the text is at hand.
struct Prepared {
    /// The findings by severity.
    counts: human::Summary,
    /// The positions of a machine report are those of the findings' offsets
    /// (`json::offsets`).
    report: Report<()>,
}

/// Renders the human report of `diagnostics` of `text` (and then empties them and forgets
/// `last_year`: the rendered lines are all that is printed), or works out the positions the
/// machine formats print.
fn prepare(
    display: &str,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    output: Output,
    last_year: &mut Option<carryover::LastYearText>,
) -> Prepared {
    let mut counts = human::Summary {
        files: 1,
        ..human::Summary::default()
    };
    for diagnostic in diagnostics.iter() {
        counts.add(diagnostic.severity);
    }
    let report = match output.format {
        _ if diagnostics.is_empty() => Report::Rendered(Vec::new()),
        Format::Human => {
            let index = LineIndex::new(text);
            let elsewhere = last_year.as_ref().map(|l| l.elsewhere(l.display()));
            let rendered = diagnostics
                .iter()
                .map(|d| {
                    human::render_diagnostic_with(display, text, &index, d, output.color, elsewhere)
                })
                .collect();
            *diagnostics = Vec::new();
            *last_year = None;
            Report::Rendered(rendered)
        }
        Format::Json | Format::Sarif => {
            let offsets = diagnostics.iter().flat_map(json::offsets);
            let positions = Positions::new(text, offsets, Encoding::Utf16);
            Report::Machine {
                text: (),
                positions,
            }
        }
    };
    Prepared { counts, report }
}

/// Reads, decodes, analyses and (with `--fix`) fixes one file. Runs on the rayon pool.
/// `before_replace` runs just before a fixed file is compared with what was read and replaced
/// (tests change the file there).
/// `last_year`: last year's report of the same body, if the work list holds it.
fn process(
    job: Job,
    fix: bool,
    output: Output,
    before_replace: &dyn Fn(&Path),
    last_year: Option<&carryover::LastYearFile>,
) -> Outcome {
    let Job {
        display,
        source,
        explicit,
        included,
        options,
    } = job;
    let (bytes, path) = match source {
        Source::Stdin(bytes) => (bytes, None),
        Source::File(path) => match fs::read(&path) {
            Ok(bytes) => (bytes, Some(path)),
            Err(err) => {
                let lang = options.language;
                let error = io_error(lang, &err);
                let message = t!(lang, "cli-cannot-read-file", error = error);
                return unreadable(display, &options, message);
            }
        },
    };
    // What the file held, to make sure it still does before replacing it.
    let read = fix.then(|| bytes.clone());
    let decoded = match encoding::decode(bytes) {
        Ok(decoded) => decoded,
        Err(problem) => return unreadable(display, &options, problem.render(options.language)),
    };
    let last_year = last_year.and_then(|file| carryover::read(file, &options));
    let is_report =
        |analysis: &analysis::Analysis| explicit || included || analysis.looks_like_report();
    let Some(read) = read else {
        // One analysis answers both questions: is it a report, and what is wrong with it.
        let text = decoded.text;
        let checked = {
            let text = text.as_str();
            analysis::with_analysis(text, &options, |analysis| {
                is_report(analysis).then(|| {
                    let mut diagnostics =
                        carryover::diagnostics(analysis, text, last_year.as_ref());
                    let mut last_year = carryover::LastYearText::kept(last_year, &diagnostics);
                    let prepared =
                        prepare(&display, text, &mut diagnostics, output, &mut last_year);
                    (diagnostics, prepared, last_year)
                })
            })
        };
        return match checked {
            None => Outcome::NotReport,
            Some((diagnostics, prepared, last_year)) => Outcome::Checked(Checked::prepared(
                display,
                options.language,
                text,
                diagnostics,
                prepared,
                last_year,
            )),
        };
    };
    // With --fix, the diagnostics come from the fixing loop.
    if !analysis::with_analysis(decoded.text.as_str(), &options, is_report) {
        return Outcome::NotReport;
    }
    let encoding = decoded.encoding;
    let text = decoded.text;
    let mut fixed = analysis::fix::fix_all(text.as_str(), &options);
    if let Some(last_year) = &last_year {
        fixed.diagnostics = carryover::check(&fixed.text, &options, last_year);
    }
    if fixed.text == text.as_str() {
        let mut checked = Checked::new(
            display,
            options.language,
            text,
            fixed.diagnostics,
            output,
            last_year,
        );
        if path.is_none() {
            checked.stdin_output = Some(read);
        }
        return Outcome::Checked(checked);
    }
    let lang = options.language;
    let encoded = encoding::encode_exactly(text.as_str(), &fixed.text, encoding, &read, lang);
    let written = match encoded {
        Err(message) => Err(message),
        Ok(fixed_bytes) => match &path {
            None => Ok(Some(fixed_bytes)),
            Some(path) => fix::write_atomically(path, &read, &fixed_bytes, || before_replace(path))
                .map(|()| None)
                .map_err(|err| err.render(lang)),
        },
    };
    match written {
        Ok(stdin_output) => {
            let mut checked = Checked::new(
                display,
                options.language,
                Text::from_string(fixed.text),
                fixed.diagnostics,
                output,
                last_year,
            );
            checked.applied = fixed.applied;
            checked.stdin_output = stdin_output;
            Outcome::Checked(checked)
        }
        Err(message) => {
            // Report the file as it still is; standard input goes through unchanged.
            let diagnostics = match &last_year {
                Some(last_year) => carryover::check(text.as_str(), &options, last_year),
                None => analysis::check(text.as_str(), &options),
            };
            let mut checked = Checked::new(
                display,
                options.language,
                text,
                diagnostics,
                output,
                last_year,
            );
            checked.write_error = Some(format!("{}: {message}", checked.display));
            if path.is_none() {
                checked.stdin_output = Some(read);
            }
            Outcome::Checked(checked)
        }
    }
}

/// The `unreadable-file` finding of a file, with the severity its config gives the rule.
fn unreadable(display: String, options: &Options, message: String) -> Outcome {
    let code = RuleCode::UnreadableFile;
    match options.severity_of(code, code.default_severity()) {
        None => Outcome::Silenced,
        Some(severity) => Outcome::Unreadable {
            display,
            diagnostic: Diagnostic::new(code, 0..0, message).with_severity(severity),
            language: options.language,
        },
    }
}

/// Where reports go, and where `error:` and (for machine formats) `fixed` lines go.
struct Streams<'a> {
    out: &'a mut (dyn Write + Send),
    /// `None`: `out` itself.
    err: Option<&'a mut (dyn Write + Send)>,
}

impl Streams<'_> {
    /// The error stream; `out` (buffered) is flushed first so the two keep their order on a
    /// terminal.
    fn err(&mut self) -> &mut dyn Write {
        match &mut self.err {
            Some(err) => {
                // A failed flush shows up again at the final flush.
                let _ = self.out.flush();
                &mut **err
            }
            None => &mut *self.out,
        }
    }
}

/// The one JSON document of `--format json|sarif`, open while outcomes are printed.
enum Document {
    Human,
    Json(json::PrettyArray),
    Sarif(sarif::SarifWriter),
    /// Not started yet, or given up after a write error.
    None,
}

/// Prints outcomes in order as they come, and keeps what the end needs: the summary, the exit
/// status, the fixed standard input.
struct Printer<'a> {
    output: Output,
    cwd: &'a Path,
    summary: human::Summary,
    status: u8,
    document: Document,
    started: bool,
    /// The first write error; nothing more is printed after it.
    failed: Option<io::Error>,
    stdin_output: Option<Vec<u8>>,
}

impl<'a> Printer<'a> {
    fn new(output: Output, cwd: &'a Path) -> Printer<'a> {
        Printer {
            output,
            cwd,
            summary: human::Summary::default(),
            status: EXIT_OK,
            document: Document::None,
            started: false,
            failed: None,
            stdin_output: None,
        }
    }

    /// Records `outcome` and prints its report.
    fn print(&mut self, outcome: Outcome, streams: &mut Streams<'_>) {
        match &outcome {
            Outcome::NotReport => self.summary.not_reports += 1,
            Outcome::Silenced => {}
            Outcome::Error(_) => self.status = EXIT_TROUBLE,
            Outcome::Unreadable { diagnostic, .. } => {
                self.status = EXIT_TROUBLE;
                self.summary.files += 1;
                self.summary.unreadable += 1;
                self.summary.add(diagnostic.severity);
            }
            Outcome::Checked(checked) => {
                self.summary.merge(&checked.counts);
                if checked.write_error.is_some() {
                    self.status = EXIT_TROUBLE;
                } else if checked.counts.errors > 0 && self.status == EXIT_OK {
                    self.status = EXIT_ERRORS;
                }
            }
        }
        let mut outcome = outcome;
        if let Outcome::Checked(checked) = &mut outcome {
            if let Some(bytes) = checked.stdin_output.take() {
                self.stdin_output = Some(bytes);
            }
        }
        if self.failed.is_none() {
            if let Err(err) = self.write(&outcome, streams) {
                self.failed = Some(err);
            }
        }
    }

    fn write(&mut self, outcome: &Outcome, streams: &mut Streams<'_>) -> io::Result<()> {
        if !self.started {
            self.started = true;
            self.document = match self.output.format {
                Format::Human => Document::Human,
                Format::Json => Document::Json(json::PrettyArray::open(&mut *streams.out, 0)?),
                Format::Sarif => Document::Sarif(sarif::SarifWriter::start(
                    &mut *streams.out,
                    self.output.lang,
                )?),
            };
        }
        let color = self.output.color;
        match outcome {
            Outcome::NotReport | Outcome::Silenced => {}
            Outcome::Error(message) => {
                writeln!(streams.err(), "error: {message}")?;
                if let Document::Sarif(sarif) = &mut self.document {
                    sarif.notify(message);
                }
            }
            Outcome::Unreadable {
                display,
                diagnostic,
                language,
            } => {
                // A file that was not checked: a finding in the report, and the clear line on
                // stderr that goes with exit status 2 (unless the report is on stderr already).
                if streams.err.is_some() {
                    writeln!(streams.err(), "error: {display}: {}", diagnostic.message)?;
                }
                match &mut self.document {
                    Document::Human => {
                        let line = human::render_unreadable(display, diagnostic, color);
                        writeln!(streams.out, "{line}")?;
                    }
                    Document::Json(array) => {
                        let object = json::unreadable(
                            display,
                            diagnostic.severity,
                            &diagnostic.message,
                            *language,
                        );
                        array.push(&mut *streams.out, &object)?;
                    }
                    Document::Sarif(sarif) => {
                        let uri = sarif::artifact_uri(Path::new(display), self.cwd);
                        sarif.unreadable(
                            &mut *streams.out,
                            &uri,
                            diagnostic.severity,
                            &diagnostic.message,
                        )?;
                    }
                    Document::None => {}
                }
            }
            Outcome::Checked(checked) => self.write_checked(checked, streams)?,
        }
        Ok(())
    }

    fn write_checked(&mut self, checked: &Checked, streams: &mut Streams<'_>) -> io::Result<()> {
        if let Some(message) = &checked.write_error {
            writeln!(streams.err(), "error: {message}")?;
            if let Document::Sarif(sarif) = &mut self.document {
                sarif.notify(message);
            }
        }
        // Asked for only when there is a fix to tell of: the error stream flushes the report
        // before every use, and once per file was two writes per file.
        if !checked.applied.is_empty() {
            let fixed_to: &mut dyn Write = match self.output.format {
                Format::Human => &mut *streams.out,
                Format::Json | Format::Sarif => streams.err(),
            };
            for applied in &checked.applied {
                fixed_to.write_all(
                    human::render_fixed(&checked.display, applied, self.output.color).as_bytes(),
                )?;
            }
        }
        match (&checked.report, &mut self.document) {
            (Report::Rendered(rendered), _) => {
                for diagnostic in rendered {
                    writeln!(streams.out, "{diagnostic}")?;
                }
            }
            (Report::Machine { text, positions }, Document::Json(array)) => {
                let at = json::Locator::Found(positions, text);
                let last_year = checked.last_year.as_ref();
                let elsewhere = last_year.map(|l| l.elsewhere(l.display()));
                for diagnostic in &checked.diagnostics {
                    array.push_diagnostic(
                        &mut *streams.out,
                        Some(&checked.display),
                        at,
                        diagnostic,
                        Some(checked.language),
                        elsewhere,
                    )?;
                }
            }
            (Report::Machine { text, positions }, Document::Sarif(sarif)) => {
                let last_year = checked.last_year.as_ref();
                let last_year_uri =
                    last_year.map(|l| sarif::artifact_uri(Path::new(l.display()), self.cwd));
                let file = sarif::SarifFile {
                    uri: sarif::artifact_uri(Path::new(&checked.display), self.cwd),
                    at: json::Locator::Found(positions, text),
                    diagnostics: &checked.diagnostics,
                    elsewhere: last_year
                        .zip(last_year_uri.as_deref())
                        .map(|(l, uri)| l.elsewhere(uri)),
                };
                sarif.file(&mut *streams.out, &file)?;
            }
            (Report::Machine { .. }, Document::Human | Document::None) => {}
        }
        Ok(())
    }

    /// Closes the document (the summary line, or the end of the JSON) and flushes.
    fn finish(&mut self, streams: &mut Streams<'_>) {
        if self.failed.is_some() {
            return;
        }
        if let Err(err) = self.write_end(streams) {
            self.failed = Some(err);
        }
    }

    fn write_end(&mut self, streams: &mut Streams<'_>) -> io::Result<()> {
        if !self.started {
            // No item at all: the document must still be whole.
            self.write(&Outcome::Silenced, streams)?;
        }
        let out = &mut *streams.out;
        match std::mem::replace(&mut self.document, Document::None) {
            Document::Human => out.write_all(self.summary.render(self.output.lang).as_bytes())?,
            Document::Json(array) => {
                array.close(&mut *out)?;
                out.write_all(b"\n")?;
            }
            Document::Sarif(sarif) => {
                sarif.finish(&mut *out)?;
                out.write_all(b"\n")?;
            }
            Document::None => {}
        }
        out.flush()
    }
}

/// Colour when the report goes to a terminal and `NO_COLOR` is unset or empty.
fn use_color(to_stderr: bool) -> bool {
    let terminal = if to_stderr {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const BROKEN: &str = include_str!("../tests/fixtures/cli/total-mismatch-2020.txt");
    const CLEAN: &str = include_str!("../tests/fixtures/cli/clean-2020.txt");

    const HUMAN: Output = Output {
        format: Format::Human,
        color: false,
        lang: Lang::En,
    };

    /// Every rule but `total-mismatch` (and `unreadable-file`) off, so that `--fix` makes
    /// exactly one change to the broken report.
    fn job(path: &Path) -> Job {
        let mut options = Options {
            language: Lang::En,
            ..Options::default()
        };
        for &code in RuleCode::ALL {
            if !matches!(code, RuleCode::TotalMismatch | RuleCode::UnreadableFile) {
                options.severity.insert(code, None);
            }
        }
        Job {
            display: path.display().to_string(),
            source: Source::File(path.to_path_buf()),
            explicit: true,
            included: false,
            options,
        }
    }

    /// Prints `outcomes` as `run` does (human format): stdout, stderr and the exit status.
    fn print_all(outcomes: Vec<Outcome>) -> (String, String, u8) {
        let cwd = Path::new("/");
        let mut printer = Printer::new(HUMAN, cwd);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        {
            let mut streams = Streams {
                out: &mut out,
                err: Some(&mut err),
            };
            for outcome in outcomes {
                printer.print(outcome, &mut streams);
            }
            printer.finish(&mut streams);
        }
        assert!(printer.failed.is_none());
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
            printer.status,
        )
    }

    /// An edit saved while `--fix` works on a file is kept: the fixes are not written, the
    /// file is reported as it was read, the status is 2, and the next file is still fixed.
    #[test]
    fn fix_leaves_a_file_changed_on_disk_alone() {
        let dir = tempfile::tempdir().unwrap();
        let edited = dir.path().join("edited.txt");
        let other = dir.path().join("other.txt");
        fs::write(&edited, BROKEN).unwrap();
        fs::write(&other, BROKEN).unwrap();
        let saved = BROKEN.replace("永康市商务局", "永康市商务局办公室");
        let save = |path: &Path| {
            if path.ends_with("edited.txt") {
                fs::write(path, &saved).unwrap();
            }
        };
        let outcomes = vec![
            process(job(&edited), true, HUMAN, &save, None),
            process(job(&other), true, HUMAN, &save, None),
        ];
        assert_eq!(fs::read_to_string(&edited).unwrap(), saved);
        assert_eq!(fs::read_to_string(&other).unwrap(), CLEAN);
        let (out, err, status) = print_all(outcomes);
        assert_eq!(status, EXIT_TROUBLE);
        let edited_name = edited.display().to_string();
        assert_eq!(
            err,
            format!(
                "error: {edited_name}: changed on disk while ogi-lint was fixing it; the fixes \
                 were not written (run `ogi-lint check --fix` again)\n"
            )
        );
        // Reported as read (the broken total), with no `fixed` line; the other file is fixed.
        assert!(
            out.contains(&format!("{edited_name}:116:2: error[total-mismatch]")),
            "{out}"
        );
        assert!(
            !out.contains(&format!("{edited_name}:116:2: fixed")),
            "{out}"
        );
        assert!(
            out.contains(&format!("{}:116:2: fixed[total-mismatch]", other.display())),
            "{out}"
        );
        // No temporary file left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    /// A file that vanishes between the walk and the read is an `unreadable-file` finding.
    #[test]
    fn a_file_that_cannot_be_read_is_an_unreadable_file_finding() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.txt");
        let outcome = process(job(&gone), false, HUMAN, &|_| {}, None);
        let (out, err, status) = print_all(vec![outcome]);
        assert_eq!(status, EXIT_TROUBLE);
        let gone = gone.display();
        assert!(
            out.starts_with(&format!(
                "{gone}:1:1: error[unreadable-file]: cannot read it: "
            )),
            "{out}"
        );
        assert!(
            err.starts_with(&format!("error: {gone}: cannot read it: ")),
            "{err}"
        );
        assert!(
            out.ends_with("1 error, 0 warnings, 0 hints in 1 file (1 could not be read)\n"),
            "{out}"
        );
    }

    /// Results come out in item order whatever order the workers finish in.
    #[test]
    fn results_are_handed_over_in_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        in_order(
            items,
            |i| {
                // Early items take longest.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |result| seen.push(result),
        );
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }
}
