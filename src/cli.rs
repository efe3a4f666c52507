//! `ogi-lint check`: walks paths, reads files, runs the analysis, prints or fixes.
//!
//! Three stages: [`walk`] turns the arguments into a work list (sequential: config discovery is
//! cached per folder); the files are read, analysed, fixed and their reports rendered in
//! parallel (rayon), keeping only the rendered report of each file; the reports are printed in
//! work-list order, so the output does not depend on scheduling.
//!
//! **Streams.** Reports go to stdout; `error:` lines about files and configs go to stderr. With
//! `--format json|sarif`, stdout holds exactly one JSON document and `fixed` lines go to stderr.
//! With `-` and `--fix`, stdout holds exactly the fixed text and every report goes to stderr.

pub mod fix;
pub mod human;
pub mod json;
pub mod sarif;
pub mod walk;

use std::fs;
use std::io::{self, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::analysis::{self, Diagnostic, Edition, Severity};
use crate::cli::fix::AppliedFix;
use crate::cli::walk::{Collector, Item, Job, Source};
use crate::config;
use crate::line_index::LineIndex;

const BOM: &str = "\u{feff}";

/// Exit status: no diagnostic of severity error.
pub const EXIT_OK: u8 = 0;
/// Exit status: at least one error diagnostic.
pub const EXIT_ERRORS: u8 = 1;
/// Exit status: a usage error, or a file or config that could not be read.
pub const EXIT_TROUBLE: u8 = 2;

const AFTER_HELP: &str = "\
Exit status: 0 no error-severity diagnostic, 1 at least one, 2 a usage error or a file that \
could not be read (the other files are still checked).

Configuration: the nearest ogi-lint.toml walking up from each file (or --config) sets edition, \
include/exclude globs and [severity] per rule code (error, warning, info, hint, off).";

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
    #[arg(long, value_enum)]
    pub edition: Option<EditionArg>,

    /// Apply safe fixes (labels, totals) in place and print what changed
    #[arg(long)]
    pub fix: bool,

    /// Use this configuration file instead of discovering ogi-lint.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    /// Detect from the report (文号, report year, table labels)
    Auto,
    /// 国办公开办函〔2019〕60号 (reports for 2019 and 2020)
    #[value(name = "2019")]
    E2019,
    /// 国办公开办函〔2021〕30号 (reports for 2021 and later)
    #[value(name = "2021")]
    E2021,
}

impl EditionArg {
    fn edition(self) -> Option<Edition> {
        match self {
            EditionArg::Auto => None,
            EditionArg::E2019 => Some(Edition::E2019),
            EditionArg::E2021 => Some(Edition::E2021),
        }
    }
}

/// Runs `ogi-lint check`; returns the exit status.
pub fn run(args: &CheckArgs) -> u8 {
    let mut stderr = io::stderr().lock();
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(err) => {
            let _ = writeln!(stderr, "error: cannot read the current folder: {err}");
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
                    let _ = writeln!(stderr, "error: {err}");
                    return EXIT_TROUBLE;
                }
            }
        }
    };

    let mut collector = Collector::new(
        cwd.clone(),
        explicit_config,
        args.edition.map(EditionArg::edition),
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
    };
    let fix = args.fix;
    let outcomes: Vec<Outcome> = items
        .into_par_iter()
        .map(|item| match item {
            Item::Error(message) => Outcome::Error(message),
            Item::Job(job) => process(job, fix, output),
        })
        .collect();

    let color = output.color;
    let printed = if to_stderr {
        let mut out = io::stderr().lock();
        let mut streams = Streams {
            out: &mut out,
            err: None,
        };
        print(&outcomes, args.format, &cwd, color, &mut streams)
    } else {
        // Buffered: stdout is line-buffered, one write per line of a long JSON report.
        let mut out = io::BufWriter::new(io::stdout().lock());
        let mut streams = Streams {
            out: &mut out,
            err: Some(&mut stderr),
        };
        print(&outcomes, args.format, &cwd, color, &mut streams)
    };
    let mut status = exit_status(&outcomes);
    match printed {
        Ok(()) => {}
        // The reader went away (`| head`): not worth a message.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {}
        Err(err) => {
            let _ = writeln!(stderr, "error: cannot write the report: {err}");
            status = EXIT_TROUBLE;
        }
    }
    if stdin_fix {
        let mut stdout = io::stdout().lock();
        for outcome in &outcomes {
            if let Outcome::Checked(checked) = outcome {
                if let Some(bytes) = &checked.stdin_output {
                    if let Err(err) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                        let _ = writeln!(stderr, "error: cannot write the fixed text: {err}");
                        status = EXIT_TROUBLE;
                    }
                }
            }
        }
    }
    status
}

/// What became of one work-list item.
enum Outcome {
    /// Found by walking, and not a report.
    Skipped,
    /// Not checked (the message, without `error: `).
    Error(String),
    Checked(Box<Checked>),
}

/// How reports are printed.
#[derive(Clone, Copy)]
struct Output {
    format: Format,
    color: bool,
}

/// One file's report, rendered by the worker that checked it (so the file's text need not be
/// kept until printing).
enum Report {
    Human(Vec<String>),
    Json(Vec<json::JsonDiagnostic>),
    /// SARIF is one document over all files, rendered at the end from the text.
    Sarif {
        text: String,
        index: LineIndex,
    },
}

struct Checked {
    display: String,
    /// What was found in the analysed text (after fixes).
    diagnostics: Vec<Diagnostic>,
    report: Report,
    applied: Vec<AppliedFix>,
    /// Checked, but the fixes could not be written.
    write_error: Option<String>,
    /// With `-` and `--fix`: the fixed text to print, BOM included.
    stdin_output: Option<Vec<u8>>,
}

impl Checked {
    /// `text` is the analysed text (after fixes), without a BOM.
    fn new(
        display: String,
        text: String,
        diagnostics: Vec<Diagnostic>,
        output: Output,
    ) -> Box<Checked> {
        let index = LineIndex::new(&text);
        let report = match output.format {
            Format::Human => Report::Human(
                diagnostics
                    .iter()
                    .map(|d| human::render_diagnostic(&display, &text, &index, d, output.color))
                    .collect(),
            ),
            Format::Json => Report::Json(
                diagnostics
                    .iter()
                    .map(|d| json::to_json(Some(&display), &index, &text, d))
                    .collect(),
            ),
            Format::Sarif => Report::Sarif { text, index },
        };
        Box::new(Checked {
            display,
            diagnostics,
            report,
            applied: Vec::new(),
            write_error: None,
            stdin_output: None,
        })
    }
}

/// Reads, analyses and (with `--fix`) fixes one file. Runs on the rayon pool.
fn process(job: Job, fix: bool, output: Output) -> Outcome {
    let bytes = match &job.source {
        Source::Stdin(bytes) => bytes.clone(),
        Source::File(path) => match fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => return Outcome::Error(format!("{}: {err}", job.display)),
        },
    };
    let (bom, body) = match bytes.strip_prefix(BOM.as_bytes()) {
        Some(body) => (true, body),
        None => (false, bytes.as_slice()),
    };
    // SIMD validation: std's costs as much as a tenth of the whole check on CJK text.
    let text = match simdutf8::basic::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            if job.explicit || job.included || looks_like_gbk_report(body) {
                return Outcome::Error(format!(
                    "{}: not valid UTF-8 (ogi-lint reads UTF-8 text; convert GB18030/GBK files \
                     first, e.g. iconv -f GB18030 -t UTF-8)",
                    job.display
                ));
            }
            return Outcome::Skipped;
        }
    };
    // One analysis answers both questions: is it a report, and what is wrong with it.
    // (With --fix, the diagnostics come from the fixing loop.)
    let checked = analysis::with_analysis(&text, &job.options, |analysis| {
        let is_report = job.explicit || job.included || analysis.looks_like_report();
        is_report.then(|| (!fix).then(|| analysis.diagnostics()))
    });
    match checked {
        None => return Outcome::Skipped,
        Some(Some(diagnostics)) => {
            return Outcome::Checked(Checked::new(job.display, text, diagnostics, output));
        }
        Some(None) => {}
    }

    let fixed = analysis::fix::fix_all(&text, &job.options);
    let mut fixed_bytes = Vec::with_capacity(fixed.text.len() + BOM.len());
    if bom {
        fixed_bytes.extend_from_slice(BOM.as_bytes());
    }
    fixed_bytes.extend_from_slice(fixed.text.as_bytes());
    let mut stdin_output = None;
    match &job.source {
        Source::Stdin(_) => stdin_output = Some(fixed_bytes),
        Source::File(path) if fixed.text != text => {
            if let Err(err) = fix::write_atomically(path, &fixed_bytes) {
                // Report the file as it still is.
                let diagnostics = analysis::check(&text, &job.options);
                let mut checked = Checked::new(job.display, text, diagnostics, output);
                checked.write_error =
                    Some(format!("{}: cannot write fixes: {err}", checked.display));
                return Outcome::Checked(checked);
            }
        }
        Source::File(_) => {}
    }
    let mut checked = Checked::new(job.display, fixed.text, fixed.diagnostics, output);
    checked.applied = fixed.applied;
    checked.stdin_output = stdin_output;
    Outcome::Checked(checked)
}

/// Where reports go, and where `error:` and (for machine formats) `fixed` lines go.
struct Streams<'a> {
    out: &'a mut dyn Write,
    /// `None`: `out` itself.
    err: Option<&'a mut dyn Write>,
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

/// Prints every outcome in order.
fn print(
    outcomes: &[Outcome],
    format: Format,
    cwd: &Path,
    color: bool,
    streams: &mut Streams<'_>,
) -> io::Result<()> {
    let mut summary = human::Summary::default();
    let mut json_diagnostics = Vec::new();
    let mut sarif_files = Vec::new();
    for outcome in outcomes {
        let checked = match outcome {
            Outcome::Skipped => continue,
            Outcome::Error(message) => {
                writeln!(streams.err(), "error: {message}")?;
                continue;
            }
            Outcome::Checked(checked) => checked,
        };
        if let Some(message) = &checked.write_error {
            writeln!(streams.err(), "error: {message}")?;
        }
        summary.files += 1;
        for diagnostic in &checked.diagnostics {
            summary.add(diagnostic.severity);
        }
        let fixed_to: &mut dyn Write = match format {
            Format::Human => &mut *streams.out,
            Format::Json | Format::Sarif => streams.err(),
        };
        for applied in &checked.applied {
            fixed_to.write_all(human::render_fixed(&checked.display, applied, color).as_bytes())?;
        }
        match &checked.report {
            Report::Human(rendered) => {
                for diagnostic in rendered {
                    writeln!(streams.out, "{diagnostic}")?;
                }
            }
            Report::Json(diagnostics) => json_diagnostics.extend(diagnostics),
            Report::Sarif { text, index } => sarif_files.push(sarif::SarifFile {
                uri: sarif::artifact_uri(Path::new(&checked.display), cwd),
                text,
                index,
                diagnostics: &checked.diagnostics,
            }),
        }
    }
    let out = &mut *streams.out;
    match format {
        Format::Human => out.write_all(summary.render().as_bytes())?,
        // Serialised in memory, then written at once: serde_json's many small writes cost more
        // through a `dyn Write` than the serialising itself.
        Format::Json => {
            let mut bytes = serde_json::to_vec_pretty(&json_diagnostics)?;
            bytes.push(b'\n');
            out.write_all(&bytes)?;
        }
        Format::Sarif => {
            let mut bytes = serde_json::to_vec_pretty(&sarif::render(&sarif_files))?;
            bytes.push(b'\n');
            out.write_all(&bytes)?;
        }
    }
    out.flush()
}

/// 2 when anything could not be checked or written, else 1 when an error diagnostic remains.
fn exit_status(outcomes: &[Outcome]) -> u8 {
    let mut status = EXIT_OK;
    for outcome in outcomes {
        match outcome {
            Outcome::Skipped => {}
            Outcome::Error(_) => return EXIT_TROUBLE,
            Outcome::Checked(checked) => {
                if checked.write_error.is_some() {
                    return EXIT_TROUBLE;
                }
                if checked
                    .diagnostics
                    .iter()
                    .any(|diagnostic| diagnostic.severity == Severity::Error)
                {
                    status = EXIT_ERRORS;
                }
            }
        }
    }
    status
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

/// Whether non-UTF-8 bytes hold 政府信息公开 in GB18030/GBK: a report that needs converting,
/// worth an error even when found by walking a folder.
fn looks_like_gbk_report(bytes: &[u8]) -> bool {
    const GBK_ZHENGFU_XINXI_GONGKAI: &[u8] = &[
        0xD5, 0xFE, 0xB8, 0xAE, 0xD0, 0xC5, 0xCF, 0xA2, 0xB9, 0xAB, 0xBF, 0xAA,
    ];
    bytes
        .windows(GBK_ZHENGFU_XINXI_GONGKAI.len())
        .any(|window| window == GBK_ZHENGFU_XINXI_GONGKAI)
}
