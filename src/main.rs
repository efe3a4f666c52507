//! The `ogi-lint` binary: `check` lints files, `lsp` (or `--stdio`) runs the language server.
//! Everything lives in the library; this only parses the command line and sets the exit status.

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use ogi_lint::cli::{self, CheckArgs};

/// Linter and language server for 政府信息公开工作年度报告 (annual reports on open government
/// information).
#[derive(Debug, Parser)]
#[command(
    name = "ogi-lint",
    version,
    args_conflicts_with_subcommands = true,
    arg_required_else_help = true
)]
struct Cli {
    /// Run the language server over stdin/stdout (same as `ogi-lint lsp`)
    #[arg(long)]
    stdio: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint files or folders and print diagnostics
    Check(CheckArgs),
    /// Run the language server over stdin/stdout
    Lsp {
        /// Use stdin/stdout (the only transport; accepted for vscode-languageclient)
        #[arg(long)]
        stdio: bool,
    },
}

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(Command::Check(check)) => ExitCode::from(cli::run(&check)),
        Some(Command::Lsp { .. }) => lsp(),
        None if args.stdio => lsp(),
        None => {
            // Unreachable in practice: clap prints the help when no argument is given.
            let _ = writeln!(
                std::io::stderr(),
                "error: no command given; try `ogi-lint --help`"
            );
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}

/// The server's status: 0 when the client sent `shutdown` before `exit` or closing stdin, 1 when
/// not (LSP), 1 also when the server could not start.
fn lsp() -> ExitCode {
    match ogi_lint::server::run() {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use clap::CommandFactory as _;

    use super::*;

    #[test]
    fn command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn stdio_means_lsp() {
        let top = Cli::try_parse_from(["ogi-lint", "--stdio"]).unwrap();
        assert!(top.stdio && top.command.is_none());
        let sub = Cli::try_parse_from(["ogi-lint", "lsp", "--stdio"]).unwrap();
        assert!(matches!(sub.command, Some(Command::Lsp { stdio: true })));
        let bare = Cli::try_parse_from(["ogi-lint", "lsp"]).unwrap();
        assert!(matches!(bare.command, Some(Command::Lsp { stdio: false })));
    }

    #[test]
    fn check_arguments() {
        let args = Cli::try_parse_from([
            "ogi-lint",
            "check",
            "--format",
            "sarif",
            "--edition",
            "2019",
            "--fix",
            "--config",
            "c.toml",
            "-",
            "reports",
        ])
        .unwrap();
        let Some(Command::Check(check)) = args.command else {
            panic!("not check: {args:?}");
        };
        assert_eq!(check.format, cli::Format::Sarif);
        assert_eq!(
            check.edition,
            Some(cli::EditionArg::Edition(ogi_lint::Edition::E2019))
        );
        assert!(check.fix);
        assert_eq!(
            check.config.as_deref(),
            Some(std::path::Path::new("c.toml"))
        );
        assert_eq!(check.paths.len(), 2);
        let defaults = Cli::try_parse_from(["ogi-lint", "check", "a.md"]).unwrap();
        let Some(Command::Check(check)) = defaults.command else {
            panic!("not check");
        };
        assert_eq!(check.format, cli::Format::Human);
        assert_eq!(check.edition, None);
        assert!(!check.fix);
    }
}
