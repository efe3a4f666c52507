//! `ogi-lint check` run as a program: exit status, stdout and stderr as data.
//!
//! Every test works in its own temporary folder, so no `ogi-lint.toml` of the repository takes
//! part. The fixtures are `tests/fixtures/cli/`: a clean 2020 report and the same report with
//! one broken total; and `tests/fixtures/encodings/`: the two in GBK, UTF-16LE and UTF-16BE,
//! and files that cannot be decoded.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_ogi-lint");
const CLEAN: &str = "clean-2020.txt";
const BROKEN: &str = "total-mismatch-2020.txt";
const NOT_A_REPORT: &str = "not-a-report.md";
/// The encodings of `tests/fixtures/encodings/{clean,total-mismatch}-2020.ENCODING.txt`.
const ENCODINGS: [&str; 3] = ["gbk", "utf16le", "utf16be"];
/// Files that cannot be decoded, and where their first bad byte is.
const UNDECODABLE: [(&str, &str); 4] = [
    (
        "one-bad-byte.utf8.txt",
        "not UTF-8, GB18030/GBK, or UTF-16 with a byte-order mark: byte 3130 (line 40) is \
         0xFF, which is not UTF-8; save the file as UTF-8",
    ),
    (
        "lone-surrogate.utf16le.txt",
        "starts with a UTF-16LE byte-order mark, but byte 2232 (line 30) is not UTF-16LE; save \
         the file as UTF-8",
    ),
    (
        "no-bom.utf16le.txt",
        "holds a NUL character at byte 13 (line 1): UTF-16 without a byte-order mark, or not \
         a text file; save it as UTF-8",
    ),
    (
        "cut-short.gbk.txt",
        "not UTF-8, GB18030/GBK, or UTF-16 with a byte-order mark: it reads as GB18030 up to \
         byte 5213 (line 408), 0xC8, which is not GB18030; save the file as UTF-8",
    ),
];

fn fixture(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    if name.contains('/') {
        root.join(name)
    } else {
        root.join("cli").join(name)
    }
}

/// `encodings/STEM-2020.ENCODING.txt`.
fn encoded(stem: &str, encoding: &str) -> String {
    format!("encodings/{stem}-2020.{encoding}.txt")
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap()
}

/// A temporary working folder.
struct Sandbox {
    dir: tempfile::TempDir,
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
    raw_stdout: Vec<u8>,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    fn copy(&self, name: &str, relative: &str) -> PathBuf {
        self.write(relative, fs::read(fixture(name)).unwrap())
    }

    fn read(&self, relative: &str) -> Vec<u8> {
        fs::read(self.path(relative)).unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, b"")
    }

    /// Runs `ogi-lint` in English (`LC_ALL=en_US.UTF-8`): most tests here pin down behaviour
    /// and read the English messages; `run_in` chooses the locale.
    fn run_with_stdin(&self, args: &[&str], stdin: &[u8]) -> Output {
        self.run_in(&[("LC_ALL", "en_US.UTF-8")], args, stdin)
    }

    /// Runs `ogi-lint` with only the locale variables in `locale` set (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`).
    fn run_in(&self, locale: &[(&str, &str)], args: &[&str], stdin: &[u8]) -> Output {
        use std::io::Write as _;

        let mut command = Command::new(BIN);
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(var);
        }
        command.envs(locale.iter().copied());
        let mut child = command
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin).unwrap();
        drop(input);
        let output = child.wait_with_output().unwrap();
        Output {
            code: output.status.code().unwrap(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            raw_stdout: output.stdout,
        }
    }
}

impl Output {
    /// The closing `N errors, … in F files` line.
    fn summary(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| {
            panic!("stdout is not one JSON document ({err}):\n{}", self.stdout)
        })
    }
}

/// Writes an `ogi-lint.toml` that turns off every rule but `total-mismatch`, so a `--fix` test
/// sees only the broken total (the clean report has punctuation hints with safe fixes too).
fn totals_only(sandbox: &Sandbox) {
    let mut config = String::from("[severity]\n");
    for code in ogi_lint::RuleCode::ALL {
        if *code != ogi_lint::RuleCode::TotalMismatch {
            config.push_str(&format!("{} = \"off\"\n", code.as_str()));
        }
    }
    sandbox.write("ogi-lint.toml", config);
}

fn crlf_with_bom(text: &str) -> Vec<u8> {
    let mut res = "\u{feff}".as_bytes().to_vec();
    res.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    res
}

#[test]
fn version_and_help() {
    let sandbox = Sandbox::new();
    let version = sandbox.run(&["--version"]);
    assert_eq!(version.code, 0);
    assert_eq!(
        version.stdout.trim(),
        format!("ogi-lint {}", env!("CARGO_PKG_VERSION"))
    );
    let help = sandbox.run(&["--help"]);
    assert_eq!(help.code, 0);
    for word in ["check", "lsp", "--stdio"] {
        assert!(help.stdout.contains(word), "{}", help.stdout);
    }
    let help = sandbox.run(&["check", "--help"]);
    assert_eq!(help.code, 0);
    for word in [
        "--format",
        "--edition",
        "--fix",
        "--config",
        "sarif",
        "2019",
    ] {
        assert!(help.stdout.contains(word), "{}", help.stdout);
    }
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "r.txt");
    for args in [
        &[][..],
        &["check"],
        &["check", "--format", "xml", "r.txt"],
        &["check", "--edition", "2020", "r.txt"],
        &["check", "--frobnicate", "r.txt"],
        &["--stdio", "check", "r.txt"],
        &["lint", "r.txt"],
    ] {
        let output = sandbox.run(args);
        assert_eq!(output.code, 2, "{args:?}\n{}", output.stderr);
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
}

// Passes with the stub core too; with the real core it shows `check` finds no error in a clean
// report (hints and warnings may appear).
#[test]
fn clean_report_exits_0() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "报告.txt");
    let output = sandbox.run(&["check", "报告.txt"]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    assert!(
        output.summary().starts_with("0 errors, "),
        "{}",
        output.stdout
    );
    assert!(
        output.summary().ends_with(" in 1 file"),
        "{}",
        output.stdout
    );
    assert_eq!(output.stderr, "");
    assert!(!output.stdout.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn broken_total_exits_1_with_a_caret_and_help() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "r.txt");
    let output = sandbox.run(&["check", "r.txt"]);
    assert_eq!(output.code, 1, "{}{}", output.stdout, output.stderr);
    assert!(
        output
            .stdout
            .contains("r.txt:116:2: error[total-mismatch]: "),
        "{}",
        output.stdout
    );
    assert!(output.stdout.contains("116 | "), "{}", output.stdout);
    assert!(output.stdout.contains('^'), "{}", output.stdout);
    assert!(output.stdout.contains("help: "), "{}", output.stdout);
    assert!(
        !output.summary().starts_with("0 errors"),
        "{}",
        output.stdout
    );
}

#[test]
fn stdin_is_read_for_dash() {
    let sandbox = Sandbox::new();
    let output = sandbox.run_with_stdin(&["check", "-"], fixture_text(CLEAN).as_bytes());
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    assert!(
        output.summary().ends_with(" in 1 file"),
        "{}",
        output.stdout
    );
}

#[test]
fn stdin_diagnostics_are_named_stdin() {
    let sandbox = Sandbox::new();
    let output = sandbox.run_with_stdin(
        &["check", "--format", "json", "-"],
        fixture_text(BROKEN).as_bytes(),
    );
    assert_eq!(output.code, 1, "{}{}", output.stdout, output.stderr);
    let json = output.json();
    let diagnostics = json.as_array().unwrap();
    assert!(!diagnostics.is_empty());
    assert!(diagnostics.iter().all(|d| d["file"] == "<stdin>"), "{json}");
}

#[test]
fn unreadable_file_is_reported_and_the_others_still_checked() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "ok.txt");
    let output = sandbox.run(&["check", "missing.md", "ok.txt", "also-missing.txt"]);
    assert_eq!(output.code, 2);
    let errors: Vec<&str> = output.stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{}", output.stderr);
    // In argument order, naming the file, with the OS's reason.
    assert!(
        errors[0] == "error: missing.md: no such file or folder",
        "{}",
        output.stderr
    );
    assert!(
        errors[1].starts_with("error: also-missing.txt: "),
        "{}",
        output.stderr
    );
    assert!(
        output.summary().ends_with(" in 1 file"),
        "{}",
        output.stdout
    );
}

/// The diagnostics of a JSON report by file, without the `file` key.
fn by_file(json: &Value) -> std::collections::BTreeMap<String, Vec<Value>> {
    let mut res: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
    for diagnostic in json.as_array().unwrap() {
        let mut diagnostic = diagnostic.clone();
        let file = diagnostic.as_object_mut().unwrap().remove("file").unwrap();
        // Related places name their file: the same in every copy once that is taken out.
        if let Some(related) = diagnostic["relatedInformation"].as_array_mut() {
            for r in related {
                if r["location"]["uri"] == file {
                    r["location"]["uri"] = Value::from("<this file>");
                }
            }
        }
        res.entry(file.as_str().unwrap().to_owned())
            .or_default()
            .push(diagnostic);
    }
    res
}

#[test]
fn every_encoding_gives_the_findings_of_the_utf8_copy() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "utf8.txt");
    sandbox.write("utf8-bom-crlf.txt", crlf_with_bom(&fixture_text(BROKEN)));
    for encoding in ENCODINGS {
        sandbox.copy(
            &encoded("total-mismatch", encoding),
            &format!("{encoding}.txt"),
        );
    }
    let output = sandbox.run(&["check", "--format", "json", "."]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert_eq!(output.stderr, "");
    let files = by_file(&output.json());
    let utf8 = &files["./utf8.txt"];
    assert!(
        utf8.iter().any(|d| d["code"] == "total-mismatch"),
        "{utf8:?}"
    );
    assert_eq!(files.len(), 5, "{:?}", files.keys());
    for (file, diagnostics) in &files {
        assert_eq!(diagnostics, utf8, "{file}");
    }
}

#[test]
fn fix_writes_each_encoding_back_as_it_came() {
    let sandbox = Sandbox::new();
    totals_only(&sandbox);
    for encoding in ENCODINGS {
        let name = format!("{encoding}.txt");
        sandbox.copy(&encoded("total-mismatch", encoding), &name);
        let output = sandbox.run(&["check", "--fix", &name]);
        assert_eq!(
            output.code, 0,
            "{encoding}: {}{}",
            output.stdout, output.stderr
        );
        assert!(
            output
                .stdout
                .starts_with(&format!("{name}:116:2: fixed[total-mismatch]: ")),
            "{}",
            output.stdout
        );
        // Byte for byte the clean report in that encoding (made by another encoder), line
        // endings and byte-order mark included.
        let clean = fs::read(fixture(&encoded("clean", encoding))).unwrap();
        assert!(sandbox.read(&name) == clean, "{encoding}");
        let again = sandbox.run(&["check", "--fix", &name]);
        assert!(!again.stdout.contains("fixed["), "{}", again.stdout);
        assert!(sandbox.read(&name) == clean, "{encoding}");
    }
}

#[test]
fn stdin_is_decoded_and_fixed_in_its_encoding() {
    let sandbox = Sandbox::new();
    let utf8 = sandbox.run_with_stdin(
        &["check", "--format", "json", "-"],
        fixture_text(BROKEN).as_bytes(),
    );
    let gbk = sandbox.run_with_stdin(
        &["check", "--format", "json", "-"],
        &fs::read(fixture(&encoded("total-mismatch", "gbk"))).unwrap(),
    );
    assert_eq!(gbk.code, 1, "{}", gbk.stderr);
    assert_eq!(gbk.json(), utf8.json());
    let bad = sandbox.run_with_stdin(&["check", "-"], b"abc\xFF\n");
    assert_eq!(bad.code, 2);
    assert!(
        bad.stdout.starts_with(
            "<stdin>:1:1: error[unreadable-file]: not UTF-8, GB18030/GBK, or UTF-16 with a \
             byte-order mark: byte 3 (line 1) is 0xFF"
        ),
        "{}",
        bad.stdout
    );

    totals_only(&sandbox);
    let fixed = sandbox.run_with_stdin(
        &["check", "--fix", "-"],
        &fs::read(fixture(&encoded("total-mismatch", "utf16le"))).unwrap(),
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(fixed.raw_stdout == fs::read(fixture(&encoded("clean", "utf16le"))).unwrap());
}

#[test]
fn undecodable_files_are_reported_whether_named_or_walked() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "reports/ok.txt");
    for (name, _) in UNDECODABLE {
        sandbox.copy(&format!("encodings/{name}"), &format!("reports/{name}"));
    }
    // Latin-1 notes: not a report, but nobody can tell without reading them.
    sandbox.write("reports/notes.md", b"caf\xe9\n");

    let walked = sandbox.run(&["check", "reports"]);
    assert_eq!(walked.code, 2, "{}{}", walked.stdout, walked.stderr);
    for (name, message) in UNDECODABLE {
        let line = format!("reports/{name}:1:1: error[unreadable-file]: {message}\n\n");
        assert!(walked.stdout.contains(&line), "{line}\n{}", walked.stdout);
    }
    assert!(
        walked.stdout.contains(
            "reports/notes.md:1:1: error[unreadable-file]: not UTF-8, GB18030/GBK, or UTF-16 \
             with a byte-order mark: byte 3 (line 1) is 0xE9"
        ),
        "{}",
        walked.stdout
    );
    assert!(
        walked.summary().starts_with("5 errors, "),
        "{}",
        walked.stdout
    );
    assert!(
        walked
            .summary()
            .ends_with(" in 6 files (5 could not be read)"),
        "{}",
        walked.stdout
    );
    // And a line on stderr for each, as for any file that could not be checked (status 2).
    let errors: Vec<&str> = walked.stderr.lines().collect();
    assert_eq!(errors.len(), 5, "{}", walked.stderr);
    assert!(
        errors[0].starts_with("error: reports/cut-short.gbk.txt: not UTF-8, "),
        "{}",
        walked.stderr
    );

    for (name, message) in UNDECODABLE {
        let path = format!("reports/{name}");
        let named = sandbox.run(&["check", &path]);
        assert_eq!(named.code, 2, "{path}");
        assert_eq!(
            named.stdout,
            format!(
                "{path}:1:1: error[unreadable-file]: {message}\n\n1 error, 0 warnings, 0 hints \
                 in 1 file (1 could not be read)\n"
            )
        );
        assert_eq!(named.stderr, format!("error: {path}: {message}\n"));
    }
}

#[test]
fn undecodable_files_in_json_and_sarif() {
    let sandbox = Sandbox::new();
    let (name, message) = UNDECODABLE[0];
    sandbox.copy(&format!("encodings/{name}"), "r/bad.txt");
    sandbox.copy(BROKEN, "r/broken.txt");

    let output = sandbox.run(&["check", "--format", "json", "r"]);
    assert_eq!(output.code, 2);
    // A clear line on stderr, since stdout is for machines.
    assert_eq!(output.stderr, format!("error: r/bad.txt: {message}\n"));
    let json = output.json();
    let bad = &json.as_array().unwrap()[0];
    assert_eq!(
        bad,
        &serde_json::json!({
            "file": "r/bad.txt",
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "severity": 1,
            "code": "unreadable-file",
            "source": "ogi-lint",
            "language": "en",
            "message": message,
        })
    );
    assert!(
        json.as_array().unwrap()[1..]
            .iter()
            .any(|d| d["file"] == "r/broken.txt" && d["code"] == "total-mismatch"),
        "{json}"
    );

    let output = sandbox.run(&["check", "--format", "sarif", "r"]);
    assert_eq!(output.code, 2);
    assert_eq!(output.stderr, format!("error: r/bad.txt: {message}\n"));
    let log = output.json();
    let run = &log["runs"][0];
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "unreadable-file");
    assert_eq!(result["message"]["text"], message);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "r/bad.txt"
    );
    let notifications = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notifications.len(), 1, "{notifications:?}");
    assert_eq!(notifications[0]["message"]["text"], message);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert!(run["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "total-mismatch"));
}

#[test]
fn unreadable_file_follows_the_config_severity() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "ok.txt");
    sandbox.write("notes.md", b"caf\xe9\n");
    sandbox.write("ogi-lint.toml", "[severity]\nunreadable-file = \"off\"\n");
    let output = sandbox.run(&["check", "."]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    assert!(!output.stdout.contains("notes.md"), "{}", output.stdout);
    sandbox.write(
        "ogi-lint.toml",
        "[severity]\nunreadable-file = \"warning\"\n",
    );
    let output = sandbox.run(&["check", "."]);
    // Still a file that was not checked: status 2 whatever its severity.
    assert_eq!(output.code, 2, "{}{}", output.stdout, output.stderr);
    assert!(
        output
            .stdout
            .contains("./notes.md:1:1: warning[unreadable-file]: "),
        "{}",
        output.stdout
    );
}

#[test]
fn empty_and_non_report_files_get_one_finding() {
    let sandbox = Sandbox::new();
    sandbox.write("empty.md", "");
    sandbox.copy(NOT_A_REPORT, "notes.md");
    let output = sandbox.run(&["check", "empty.md", "notes.md"]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    let headers: Vec<&str> = output
        .stdout
        .lines()
        .filter(|line| line.contains("[missing-section]"))
        .collect();
    assert_eq!(
        headers,
        [
            "empty.md:1:1: error[missing-section]: the file is empty: a 政府信息公开工作年度报告 \
             has six sections, from 一、总体情况 to 六、其他需要报告的事项",
            "notes.md:1:1: error[missing-section]: this does not look like a \
             政府信息公开工作年度报告: none of its six sections (一、总体情况 … \
             六、其他需要报告的事项) and no statistics table",
        ],
        "{}",
        output.stdout
    );
    assert_eq!(output.summary(), "2 errors, 0 warnings, 0 hints in 2 files");
}

#[test]
fn malformed_config_names_file_line_and_key() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "bad/ogi-lint.toml",
        "# Settings for the bad folder.\nedition = \"auto\"\n\n[severity]\nunknown-row = \"warn!\"\n",
    );
    sandbox.copy(CLEAN, "bad/a.txt");
    sandbox.copy(CLEAN, "bad/b.txt");
    sandbox.copy(CLEAN, "good/c.txt");
    let output = sandbox.run(&["check", "bad/a.txt", "bad/b.txt", "good/c.txt"]);
    assert_eq!(output.code, 2);
    // Once, not once per file under it.
    assert_eq!(
        output.stderr,
        "error: bad/ogi-lint.toml:5: unknown severity \"warn!\" for rule \"unknown-row\" \
         (expected one of error, warning, info, hint, off)\n"
    );
    // The file not under the broken config is still checked.
    assert!(
        output.summary().ends_with(" in 1 file"),
        "{}",
        output.stdout
    );

    let output = sandbox.run(&["check", "--config", "bad/ogi-lint.toml", "good/c.txt"]);
    assert_eq!(output.code, 2);
    assert!(
        output.stderr.starts_with("error: bad/ogi-lint.toml:5: "),
        "{}",
        output.stderr
    );

    sandbox.write("unknown-key.toml", "edition = \"2021\"\nseverty = {}\n");
    let output = sandbox.run(&["check", "--config", "unknown-key.toml", "good/c.txt"]);
    assert_eq!(output.code, 2);
    assert_eq!(
        output.stderr,
        "error: unknown-key.toml:2: unknown key \"severty\" \
         (expected one of edition, language, include, exclude, severity)\n"
    );
    let output = sandbox.run(&["check", "--config", "absent.toml", "good/c.txt"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .starts_with("error: absent.toml: cannot read config: "),
        "{}",
        output.stderr
    );
}

// Passes with the stub core; with the real core it shows that `[severity]` turns rules off.
#[test]
fn config_severity_off_silences_a_rule() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "r.txt");
    sandbox.write(
        "quiet.toml",
        "[severity]\ntotal-mismatch = \"off\"\nbalance-mismatch = \"off\"\n",
    );
    let output = sandbox.run(&[
        "check",
        "--config",
        "quiet.toml",
        "--format",
        "json",
        "r.txt",
    ]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    let json = output.json();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "total-mismatch"),
        "{json}"
    );
}

#[test]
fn json_is_one_array_and_nothing_else() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "a.txt");
    sandbox.copy(BROKEN, "b.txt");
    let output = sandbox.run(&["check", "--format", "json", "a.txt", "b.txt"]);
    let json = output.json();
    let diagnostics = json.as_array().unwrap();
    for diagnostic in diagnostics {
        for key in ["file", "range", "severity", "code", "source", "message"] {
            assert!(diagnostic.get(key).is_some(), "{key} in {diagnostic}");
        }
        assert_eq!(diagnostic["source"], "ogi-lint");
        assert!((1..=4).contains(&diagnostic["severity"].as_u64().unwrap()));
    }
    assert_eq!(output.stderr, "");
}

#[test]
fn json_positions_are_lsp_positions() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "b.txt");
    let output = sandbox.run(&["check", "--format", "json", "b.txt"]);
    assert_eq!(output.code, 1);
    let json = output.json();
    let total = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "total-mismatch")
        .unwrap_or_else(|| panic!("no total-mismatch in {json}"));
    assert_eq!(total["file"], "b.txt");
    assert_eq!(total["severity"], 1);
    // Line 116, after one TAB: 0-based line 115, character 1.
    assert_eq!(total["range"]["start"]["line"], 115);
    assert_eq!(total["range"]["start"]["character"], 1);
    let edit = &total["fix"]["edits"][0];
    assert_eq!(edit["newText"], "0");
    assert_eq!(edit["range"]["start"]["line"], 115);
}

#[test]
fn sarif_has_the_required_fields() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "reports/b.txt");
    let output = sandbox.run(&["check", "--format", "sarif", "reports/b.txt"]);
    let log = output.json();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif"));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "ogi-lint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    let total = rules
        .iter()
        .find(|rule| rule["id"] == "total-mismatch")
        .unwrap();
    assert!(total["shortDescription"]["text"].is_string());
    assert_eq!(
        total["helpUri"],
        "https://github.com/ogi-lint/ogi-lint/blob/main/docs/rules/total-mismatch.md"
    );
    assert!(run["results"].is_array());
}

#[test]
fn sarif_results_point_at_the_cell() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "reports/b.txt");
    let output = sandbox.run(&["check", "--format", "sarif", "reports/b.txt"]);
    assert_eq!(output.code, 1);
    let log = output.json();
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|result| result["ruleId"] == "total-mismatch")
        .cloned()
        .unwrap_or_else(|| panic!("no total-mismatch in {log}"));
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "reports/b.txt");
    assert_eq!(location["region"]["startLine"], 116);
    assert_eq!(location["region"]["startColumn"], 2);
    assert!(result["fixes"].is_array());
}

#[test]
fn fix_rewrites_the_file_once_and_is_idempotent() {
    let sandbox = Sandbox::new();
    totals_only(&sandbox);
    sandbox.copy(BROKEN, "r.txt");
    let first = sandbox.run(&["check", "--fix", "r.txt"]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    assert!(
        first
            .stdout
            .starts_with("r.txt:116:2: fixed[total-mismatch]: "),
        "{}",
        first.stdout
    );
    assert_eq!(sandbox.read("r.txt"), fixture_text(CLEAN).as_bytes());
    // No temporary file left beside it (only the config and the report).
    assert_eq!(fs::read_dir(sandbox.path("")).unwrap().count(), 2);

    let second = sandbox.run(&["check", "--fix", "r.txt"]);
    assert_eq!(second.code, 0);
    assert!(!second.stdout.contains("fixed["), "{}", second.stdout);
    assert_eq!(sandbox.read("r.txt"), fixture_text(CLEAN).as_bytes());
}

/// `narrative-mismatch` offers replacing the prose's figure as a quick fix only (the table may
/// be the wrong side): `--fix` reports the findings and leaves the file as it was.
#[test]
fn fix_never_rewrites_the_prose() {
    let sandbox = Sandbox::new();
    sandbox.copy("minimal/narrative-mismatch.md", "r.md");
    let output = sandbox.run(&["check", "--fix", "r.md"]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    assert_eq!(
        output.stdout.matches("warning[narrative-mismatch]").count(),
        3,
        "{}",
        output.stdout
    );
    assert!(!output.stdout.contains("fixed["), "{}", output.stdout);
    assert_eq!(
        sandbox.read("r.md"),
        fixture_text("minimal/narrative-mismatch.md").as_bytes()
    );
}

#[test]
fn fix_keeps_the_bom_and_crlf() {
    let sandbox = Sandbox::new();
    totals_only(&sandbox);
    sandbox.write("r.txt", crlf_with_bom(&fixture_text(BROKEN)));
    let output = sandbox.run(&["check", "--fix", "r.txt"]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    // Positions are as an editor shows them: the BOM takes no column.
    assert!(
        output.stdout.contains("r.txt:116:2: fixed[total-mismatch]"),
        "{}",
        output.stdout
    );
    assert_eq!(sandbox.read("r.txt"), crlf_with_bom(&fixture_text(CLEAN)));
}

#[test]
fn fix_with_json_keeps_stdout_one_document() {
    let sandbox = Sandbox::new();
    totals_only(&sandbox);
    sandbox.copy(BROKEN, "r.txt");
    let output = sandbox.run(&["check", "--fix", "--format", "json", "r.txt"]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    assert!(output.json().is_array());
    assert!(
        output.stderr.contains("r.txt:116:2: fixed[total-mismatch]"),
        "{}",
        output.stderr
    );
}

#[test]
fn fix_with_stdin_prints_exactly_the_text() {
    let sandbox = Sandbox::new();
    totals_only(&sandbox);
    let input = crlf_with_bom(&fixture_text(CLEAN));
    let output = sandbox.run_with_stdin(&["check", "--fix", "-"], &input);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(output.raw_stdout, input);
    // The report goes to stderr.
    assert!(output.stderr.ends_with(" in 1 file\n"), "{}", output.stderr);
}

#[test]
fn fix_with_stdin_prints_the_fixed_text() {
    let sandbox = Sandbox::new();
    totals_only(&sandbox);
    let output = sandbox.run_with_stdin(&["check", "--fix", "-"], fixture_text(BROKEN).as_bytes());
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(output.stdout, fixture_text(CLEAN));
    assert!(
        output
            .stderr
            .contains("<stdin>:116:2: fixed[total-mismatch]"),
        "{}",
        output.stderr
    );
}

#[test]
fn walking_checks_reports_and_skips_the_rest() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "reports/2020/商务局.txt");
    sandbox.copy(NOT_A_REPORT, "reports/notes.md");
    sandbox.copy(CLEAN, "reports/.drafts/hidden.txt");
    sandbox.copy(CLEAN, "reports/target/built.txt");
    sandbox.copy(CLEAN, "reports/node_modules/dep.md");
    sandbox.copy(CLEAN, "reports/report.docx");
    let output = sandbox.run(&["check", "reports"]);
    assert_eq!(output.code, 0, "{}{}", output.stdout, output.stderr);
    // The notes were read and left out, and the summary says so.
    assert!(
        output
            .summary()
            .ends_with(" in 1 file; skipped 1 file that does not look like a report"),
        "{}",
        output.stdout
    );
}

#[test]
fn walking_output_is_sorted_by_path() {
    let sandbox = Sandbox::new();
    for name in ["d/b.txt", "d/a.txt", "d/c/z.txt", "first.txt"] {
        sandbox.copy(BROKEN, name);
    }
    let output = sandbox.run(&["check", "--format", "json", "first.txt", "d"]);
    let json = output.json();
    let mut files: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(files, ["first.txt", "d/a.txt", "d/b.txt", "d/c/z.txt"]);
}

#[test]
fn config_include_and_exclude_steer_the_walk() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "ogi-lint.toml",
        "include = [\"*.text\", \"minutes/*.md\"]\nexclude = [\"old\"]\n",
    );
    sandbox.copy(NOT_A_REPORT, "notes.text");
    sandbox.copy(NOT_A_REPORT, "minutes/a.md");
    sandbox.copy(NOT_A_REPORT, "minutes/deeper/b.md");
    sandbox.copy(NOT_A_REPORT, "old/c.text");
    sandbox.copy(NOT_A_REPORT, "other.md");
    let output = sandbox.run(&["check", "."]);
    // The two included files are checked whatever they look like; other.md and
    // minutes/deeper/b.md are not reports.
    assert!(
        output
            .summary()
            .ends_with(" in 2 files; skipped 2 files that do not look like reports"),
        "{}",
        output.stdout
    );
    assert_eq!(output.stderr, "");
}

#[test]
fn files_named_explicitly_are_always_checked() {
    let sandbox = Sandbox::new();
    sandbox.write("ogi-lint.toml", "exclude = [\"*.md\"]\n");
    sandbox.copy(NOT_A_REPORT, "notes.md");
    sandbox.copy(NOT_A_REPORT, "notes.docx");
    let output = sandbox.run(&["check", "--format", "json", "notes.md", "notes.docx"]);
    assert_eq!(output.stderr, "");
    let human = sandbox.run(&["check", "notes.md", "notes.docx"]);
    assert!(human.summary().ends_with(" in 2 files"), "{}", human.stdout);
}

#[test]
fn edition_flag_is_accepted() {
    let sandbox = Sandbox::new();
    sandbox.copy(CLEAN, "r.txt");
    for edition in ["auto", "2019", "2021"] {
        let output = sandbox.run(&["check", "--edition", edition, "r.txt"]);
        assert!(
            output.code == 0 || output.code == 1,
            "{edition}: {}",
            output.stderr
        );
        assert!(
            output.summary().ends_with(" in 1 file"),
            "{}",
            output.stdout
        );
    }
}

/// The same findings in both languages: Chinese by default, English with `--lang en`, the
/// same codes at the same positions, and JSON says which language it is in.
#[test]
fn chinese_by_default_english_with_lang_en_same_codes_same_positions() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "r.txt");
    let by_default = sandbox.run_in(&[], &["check", "r.txt"], b"");
    assert_eq!(by_default.code, 1);
    assert!(
        by_default.stdout.contains(
            "error[total-mismatch]: 一、本年新收政府信息公开申请数量 · 总计 应为 0，现为 3，相差 3"
        ),
        "{}",
        by_default.stdout
    );
    assert!(
        by_default.summary().starts_with("共 1 个文件："),
        "{}",
        by_default.stdout
    );
    let english = sandbox.run_in(&[], &["check", "--lang", "en", "r.txt"], b"");
    assert_eq!(english.code, 1);
    assert!(english.stdout.contains(" should be "), "{}", english.stdout);
    assert!(
        english.summary().ends_with(" in 1 file"),
        "{}",
        english.stdout
    );

    let json = |lang: &str| {
        let out = sandbox.run_in(
            &[],
            &["check", "--format", "json", "--lang", lang, "r.txt"],
            b"",
        );
        out.json().as_array().unwrap().clone()
    };
    let (zh, en) = (json("zh"), json("en"));
    assert!(!zh.is_empty());
    assert_eq!(zh.len(), en.len());
    for (z, e) in zh.iter().zip(&en) {
        assert_eq!(z["code"], e["code"]);
        assert_eq!(z["range"], e["range"]);
        assert_eq!(z["severity"], e["severity"]);
        assert_eq!(z["language"], "zh");
        assert_eq!(e["language"], "en");
        assert_ne!(z["message"], e["message"]);
        let words = ogi_lint::analysis::i18n::english_words(z["message"].as_str().unwrap());
        assert!(words.is_empty(), "{words:?} in {}", z["message"]);
    }
    let sarif = sandbox
        .run_in(&[], &["check", "--format", "sarif", "r.txt"], b"")
        .json();
    assert_eq!(sarif["runs"][0]["language"], "zh-CN");
    let sarif = sandbox
        .run_in(
            &[],
            &["check", "--format", "sarif", "--lang", "en", "r.txt"],
            b"",
        )
        .json();
    assert_eq!(sarif["runs"][0]["language"], "en-US");
}

/// `--lang auto` (and no `--lang`) reads `LC_ALL`, `LC_MESSAGES`, `LANG` in that order; a
/// locale that is neither Chinese nor English is Chinese; `language` in `ogi-lint.toml` applies
/// when `--lang` is not given.
#[test]
fn the_language_comes_from_lang_then_the_config_then_the_locale() {
    let sandbox = Sandbox::new();
    sandbox.copy(BROKEN, "r.txt");
    let language = |locale: &[(&str, &str)], args: &[&str]| -> String {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push("r.txt");
        let out = sandbox.run_in(locale, &all, b"");
        out.json()[0]["language"].as_str().unwrap().to_owned()
    };
    assert_eq!(language(&[], &[]), "zh");
    assert_eq!(language(&[("LANG", "en_US.UTF-8")], &[]), "en");
    assert_eq!(language(&[("LANG", "zh_CN.UTF-8")], &[]), "zh");
    assert_eq!(language(&[("LANG", "C.UTF-8")], &[]), "zh");
    assert_eq!(language(&[("LANG", "POSIX")], &[]), "zh");
    assert_eq!(language(&[("LANG", "de_DE.UTF-8")], &[]), "zh");
    assert_eq!(
        language(&[("LC_MESSAGES", "en_GB"), ("LANG", "zh_CN")], &[]),
        "en"
    );
    assert_eq!(
        language(&[("LC_ALL", "zh_CN"), ("LC_MESSAGES", "en_GB")], &[]),
        "zh"
    );
    assert_eq!(
        language(&[("LANG", "en_US.UTF-8")], &["--lang", "auto"]),
        "en"
    );
    assert_eq!(
        language(&[("LANG", "en_US.UTF-8")], &["--lang", "zh"]),
        "zh"
    );
    sandbox.write("ogi-lint.toml", "language = \"en\"\n");
    assert_eq!(language(&[], &[]), "en");
    assert_eq!(language(&[], &["--lang", "zh"]), "zh");
    assert_eq!(
        language(&[("LANG", "zh_CN.UTF-8")], &["--lang", "auto"]),
        "zh"
    );
    sandbox.write("ogi-lint.toml", "language = \"fr\"\n");
    let bad = sandbox.run_in(&[], &["check", "r.txt"], b"");
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr,
        "error: ogi-lint.toml:1: 不认识的语言“fr”（可用的有：auto, zh, en）\n"
    );
}

/// `clean-2020.txt` made the report for `year` (title, statistics period, prose), with the
/// 自然人 figure of its row 四 (结转下年度继续办理) set to `carried_forward`.
fn report_for(year: u16, carried_forward: u32) -> String {
    let row_four = "四、结转下年度继续办理\n\t0\n";
    fixture_text(CLEAN)
        .replace("2020年", &format!("{year}年"))
        .replacen(
            row_four,
            &format!("四、结转下年度继续办理\n\t{carried_forward}\n"),
            1,
        )
}

/// The `carryover-mismatch` findings of a JSON report: (file, line, column, related location).
fn carryover_findings(output: &Output) -> Vec<(String, u64, u64, Value)> {
    output
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "carryover-mismatch")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["relatedInformation"][0]["location"].clone(),
            )
        })
        .collect()
}

/// A folder with a report and last year's report of the same body, whose 四 · 自然人 is 1:
/// one finding at this year's 二 · 自然人 (line 119), pointing at last year's figure (line 344)
/// in last year's file, in every format.
#[test]
fn carryover_mismatch_between_a_report_and_last_years() {
    let sandbox = Sandbox::new();
    sandbox.write("reports/2021.txt", report_for(2021, 0));
    sandbox.write("reports/2020.txt", report_for(2020, 1));
    let json = sandbox.run(&["check", "--format", "json", "reports"]);
    let found = carryover_findings(&json);
    assert_eq!(found.len(), 1, "{}", json.stdout);
    let (file, line, column, related) = &found[0];
    assert_eq!(
        (file.as_str(), *line, *column),
        ("reports/2021.txt", 118, 1)
    );
    assert_eq!(related["uri"], "reports/2020.txt");
    assert_eq!(related["range"]["start"]["line"], 343);
    assert_eq!(related["range"]["start"]["character"], 1);

    let human = sandbox.run(&["check", "reports"]);
    assert!(
        human.stdout.contains(
            "reports/2021.txt:119:2: warning[carryover-mismatch]: 二、上年结转政府信息公开申请数量 \
             · 自然人 is 0, but 四、结转下年度继续办理 · 自然人 in last year's report \
             reports/2020.txt is 1, off by 1"
        ),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(
            "= note: reports/2020.txt:344:2: last year's 四、结转下年度继续办理 · 自然人: 1"
        ),
        "{}",
        human.stdout
    );

    let sarif = sandbox.run(&["check", "--format", "sarif", "reports"]);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "carryover-mismatch")
        .unwrap();
    let location = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "reports/2020.txt");
    assert_eq!(location["region"]["startLine"], 344);

    // Each file named on the command line pairs the same way.
    let named = sandbox.run(&[
        "check",
        "--format",
        "json",
        "reports/2020.txt",
        "reports/2021.txt",
    ]);
    assert_eq!(carryover_findings(&named).len(), 1);

    // The configuration applies to these findings as to every rule's.
    sandbox.write(
        "ogi-lint.toml",
        "[severity]\ncarryover-mismatch = \"error\"\n",
    );
    let error = sandbox.run(&["check", "--format", "json", "reports"]);
    let severities: Vec<Value> = error
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "carryover-mismatch")
        .map(|d| d["severity"].clone())
        .collect();
    assert_eq!(severities, [1]);
    assert_eq!(error.code, 1);
    sandbox.write(
        "ogi-lint.toml",
        "[severity]\ncarryover-mismatch = \"off\"\n",
    );
    let off = sandbox.run(&["check", "--format", "json", "reports"]);
    assert!(carryover_findings(&off).is_empty(), "{}", off.stdout);
}

/// Never a comparison that is not certain: a consistent pair, two reports for last year, a
/// report of another body, a report two years before, a file checked alone.
#[test]
fn carryover_mismatch_is_not_reported_without_a_certain_pair() {
    let run = |files: &[(&str, String)]| {
        let sandbox = Sandbox::new();
        for (name, text) in files {
            sandbox.write(&format!("reports/{name}"), text);
        }
        let output = sandbox.run(&["check", "--format", "json", "reports"]);
        carryover_findings(&output)
    };
    let this_year = ("2021.txt", report_for(2021, 0));
    // The same figures.
    assert!(run(&[this_year.clone(), ("2020.txt", report_for(2020, 0))]).is_empty());
    // Two reports of last year: which one is meant is not certain.
    assert!(run(&[
        this_year.clone(),
        ("2020.txt", report_for(2020, 1)),
        ("2020-copy.txt", report_for(2020, 1)),
    ])
    .is_empty());
    // Another body.
    let other_body = report_for(2020, 1).replace("永康市商务局", "永康市财政局");
    assert!(run(&[this_year.clone(), ("2020.txt", other_body)]).is_empty());
    // Two years before.
    assert!(run(&[this_year.clone(), ("2019.txt", report_for(2019, 1))]).is_empty());
    // The corpus: four 2020 reports of four bodies.
    let corpus: Vec<(&str, String)> = [
        "000_5fa8514a54bbb990.txt",
        "001_0381c409616ecac1.txt",
        "002_ddbd805a826f66fd.txt",
        "003_e3c41e1daa46b8a7.txt",
    ]
    .into_iter()
    .map(|name| (name, fixture_text(&format!("corpus/{name}"))))
    .collect();
    assert!(run(&corpus).is_empty());
}
