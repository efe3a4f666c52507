//! The Chinese user guide, `README.zh-CN.md`, matches the program: every `ogi-lint` command of
//! its ```sh blocks runs (in a folder laid out as the guide assumes: `examples/` and
//! `各部门报告/`), the output it shows is what the program prints, its `ogi-lint.toml` parses,
//! and the names it quotes (扩展包, VS Code command titles, the screenshot) exist.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ogi-lint");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn guide() -> String {
    std::fs::read_to_string(root().join("README.zh-CN.md")).unwrap()
}

/// The bodies of the fenced blocks of `lang` (```sh, ```text …), in order, without the indent
/// of their fence (a block inside a list item).
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut res = Vec::new();
    // The fence's indent and the body so far, inside a block.
    let mut current: Option<(usize, String)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match &mut current {
            None if trimmed == format!("```{lang}") => current = Some((indent, String::new())),
            Some((_, body)) if trimmed == "```" => {
                res.push(std::mem::take(body));
                current = None;
            }
            Some((fence, body)) => {
                let strip = indent.min(*fence);
                body.push_str(&line[strip..]);
                body.push('\n');
            }
            None => {}
        }
    }
    res
}

/// A folder as the guide's commands expect it.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = dir.path().join("examples");
    std::fs::create_dir_all(&examples).unwrap();
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, examples.join(path.file_name().unwrap())).unwrap();
    }
    let reports = dir.path().join("各部门报告");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(
        root().join("examples/2021-市商务局-draft.md"),
        reports.join("市商务局.md"),
    )
    .unwrap();
    std::fs::copy(
        root().join("examples/2021-clean.md"),
        reports.join("市教育局.md"),
    )
    .unwrap();
    std::fs::write(
        reports.join("说明.txt"),
        "本文件夹存放各部门报送的年度报告。\n",
    )
    .unwrap();
    dir
}

/// Runs one command line of the guide (`ogi-lint ARGS [> FILE]`) in `dir`, in the default
/// language (no locale variable set); returns (exit status, stdout).
fn run(dir: &Path, line: &str) -> (i32, String) {
    let (command, redirect) = match line.split_once(" > ") {
        Some((command, file)) => (command, Some(file.trim())),
        None => (line, None),
    };
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("ogi-lint"), "{line}");
    let mut process = Command::new(BIN);
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        process.env_remove(var);
    }
    let output = process
        .args(words)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    if let Some(file) = redirect {
        std::fs::write(dir.join(file), &stdout).unwrap();
    }
    (output.status.code().unwrap_or(-1), stdout)
}

#[test]
fn every_command_of_the_guide_runs() {
    let dir = sandbox();
    let mut ran = Vec::new();
    for block in blocks(&guide(), "sh") {
        for line in block.lines().filter(|l| l.starts_with("ogi-lint ")) {
            let (status, stdout) = run(dir.path(), line);
            assert!(
                status == 0 || status == 1,
                "`{line}` exited {status}:\n{stdout}"
            );
            ran.push((line.to_owned(), stdout));
        }
    }
    assert!(ran.len() >= 5, "{ran:?}");
    // Chinese by default; `--lang en` English.
    for (line, stdout) in &ran {
        if line.contains("--format json") {
            continue;
        }
        let last = stdout.lines().last().unwrap_or("");
        if line.contains("--lang en") {
            assert!(last.ends_with(" in 1 file"), "{line}: {last}");
        } else {
            assert!(last.starts_with("共 "), "{line}: {last}");
        }
    }
    // The folder: two reports checked, the note skipped (and said so).
    let (_, folder) = ran
        .iter()
        .find(|(line, _)| line == "ogi-lint check 各部门报告")
        .expect("the guide checks a folder");
    assert!(
        folder.ends_with(
            "共 2 个文件：1 个错误，3 个警告，0 个提示；跳过了 1 个看起来不是年度报告的文件\n"
        ),
        "{folder}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("检查结果.json")).unwrap())
            .unwrap();
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["language"] == "zh"));
}

/// The output the guide shows is what `ogi-lint check` prints for the sample report.
#[test]
fn the_output_the_guide_shows_is_the_programs() {
    let dir = sandbox();
    let (status, stdout) = run(dir.path(), "ogi-lint check examples/2021-市商务局-draft.md");
    assert_eq!(status, 1);
    let shown = blocks(&guide(), "text");
    assert!(shown.len() >= 2);
    for block in shown {
        assert!(
            stdout.contains(&block),
            "the guide shows\n{block}\nbut the program prints\n{stdout}"
        );
    }
}

#[test]
fn the_guides_config_parses_and_its_names_exist() {
    let guide = guide();
    for block in blocks(&guide, "toml") {
        ogi_lint::config::Config::parse(&block, Path::new("/报告/ogi-lint.toml"))
            .unwrap_or_else(|err| panic!("{err}\n{block}"));
    }
    // Every extension package it names is one the README lists (built per platform).
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let packages: Vec<&str> = guide
        .split('`')
        .filter(|w| w.starts_with("ogi-lint-") && w.ends_with(".vsix"))
        .collect();
    assert_eq!(packages.len(), 5, "{packages:?}");
    for package in packages {
        assert!(readme.contains(package), "{package} is not in README.md");
    }
    // The VS Code command titles it quotes are the extension's Chinese titles.
    let nls: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/package.nls.zh-cn.json")).unwrap(),
    )
    .unwrap();
    for key in ["ogiLint.fixAll.title", "ogiLint.newReport.title"] {
        let title = nls[key].as_str().unwrap();
        assert!(guide.contains(&format!("ogi-lint: {title}")), "{title}");
    }
    // Its images and links are in the repository.
    for target in guide
        .split("](")
        .skip(1)
        .filter_map(|s| s.split(')').next())
    {
        if target.starts_with('#') || target.starts_with("http") {
            continue;
        }
        let path: PathBuf = root().join(target);
        assert!(
            path.exists(),
            "README.zh-CN.md links to {target}, which is not there"
        );
    }
    // README.md links to it at the top.
    assert!(readme
        .lines()
        .take(5)
        .any(|l| l.contains("(README.zh-CN.md)")));
}
