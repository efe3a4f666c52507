//! The one fix engine from the outside: the editor's fix-all and `check --fix` give the same
//! text byte for byte on every fixture; the one wrong figure of a table is named, carried with
//! its related relations to both faces, and fixed back to exactly its original value; two wrong
//! figures get no fix; and fixing never adds an error (property tests over generated tables).

use std::path::{Path, PathBuf};

use ogi_lint::analysis::{check, fix, Diagnostic, Options, RuleCode, Severity};
use ogi_lint::line_index::Encoding;
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::lsp::{action_edits, apply_edits, push_caps, report_uri, test_settings, TestClient};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every report fixture under `tests/fixtures/` (not the READMEs or `expected.toml`).
fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md" || e == "txt")
                && path.file_name().is_some_and(|n| n != "README.md")
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("tests/fixtures"), &mut files);
    files.sort();
    assert!(files.len() > 30, "fixtures not found: {files:?}");
    files
}

/// A URI is ASCII: percent-encode the file name.
fn uri_for(path: &Path) -> String {
    let name: String = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    report_uri(&name)
}

/// `ogi-lint check --fix` on a copy of `path` in a fresh folder: the copy's bytes afterwards.
fn cli_fix(path: &Path) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(path.file_name().unwrap());
    std::fs::copy(path, &copy).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ogi-lint"))
        .args(["check", "--lang", "zh", "--fix"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(&copy).unwrap()
}

/// The server's `source.fixAll.ogi-lint` on `text`, applied as a client does (the text itself
/// when the server offers nothing).
async fn lsp_fix_all(client: &mut TestClient, uri: &str, text: &str) -> String {
    let actions = client.fix_all_actions(uri).await;
    match actions.first() {
        Some(action) => {
            assert_eq!(action["kind"], "source.fixAll.ogi-lint");
            apply_edits(text, &action_edits(action, uri), Encoding::Utf16)
        }
        None => text.to_owned(),
    }
}

/// The issue's parity test: for every fixture, fix-all through the in-process server and
/// `check --fix` through the real binary give the same bytes (a BOM, which editors strip before
/// handing the text over and `--fix` keeps, aside).
#[tokio::test]
async fn fix_all_over_lsp_and_check_fix_are_byte_identical_on_every_fixture() {
    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let mut changed = 0;
    for path in fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        // The GB18030 and UTF-16 fixtures: an editor decodes them before the server sees them,
        // and `--fix` writing each encoding back is tested in `cli.rs`.
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        let uri = uri_for(&path);
        client.open(&uri, "markdown", &text, 1);
        client.diagnostics(&uri, Some(1)).await;
        let from_server = lsp_fix_all(&mut client, &uri, &text).await;
        let from_cli = cli_fix(&path);
        let from_cli = from_cli
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(&from_cli);
        assert!(
            from_server.as_bytes() == from_cli,
            "{}: fix-all and --fix differ:\n--- server\n{from_server}\n--- cli\n{}",
            path.display(),
            String::from_utf8_lossy(from_cli)
        );
        // Both are the engine's result.
        assert_eq!(
            from_server,
            fix::fix_all(&text, &Options::default()).text,
            "{}",
            path.display()
        );
        changed += usize::from(from_server != text);
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    assert!(changed >= 5, "only {changed} fixtures had something to fix");
    client.shutdown().await;
}

/// `forms/gfm.md` (issue 8): the wrong figure is the part （一）予以公开 · 商业企业 = 2. `--fix`
/// sets it to 3 and leaves the correct （七）总计 5 and 13 alone; no balance breaks.
#[test]
fn check_fix_sets_the_wrong_part_and_keeps_the_correct_totals() {
    let path = root().join("tests/fixtures/forms/gfm.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let after = String::from_utf8(cli_fix(&path)).unwrap();
    assert!(after.contains("| 三、本年度办理结果 | （一）予以公开 | | 3 | 3 | 0 | 0 | 0 | 0 | 6 |"));
    assert!(after.contains("| | （七）总计 | | 7 | 5 | 0 | 0 | 1 | 0 | 13 |"));
    let codes = |text: &str| -> Vec<RuleCode> {
        check(text, &Options::default())
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code)
            .collect()
    };
    assert!(!codes(&after).contains(&RuleCode::BalanceMismatch));
    // Left: the `O` (invalid-number, a quick fix only) and table 四's 总计 (one relation cannot
    // say which of its cells is wrong).
    assert_eq!(
        codes(&after),
        [RuleCode::InvalidNumber, RuleCode::TotalMismatch]
    );
    assert_eq!(codes(&before).len(), 3);
}

/// The finding at the wrong figure carries the relations it breaks, the same in the server's
/// `relatedInformation` (the document's URI), in `check --format json` (the path as given) and in
/// SARIF's `relatedLocations`, and its quick fix sets that figure.
#[tokio::test]
async fn related_information_is_the_same_both_ways_and_the_quick_fix_sets_the_figure() {
    let path = root().join("tests/fixtures/forms/gfm.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ogi-lint"))
        .args(["check", "--lang", "zh", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let from_cli: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let at_part = |list: &[Value]| -> Value {
        list.iter()
            .find(|d| d["code"] == "total-mismatch" && d["range"]["start"]["line"] == 52)
            .cloned()
            .unwrap()
    };
    let cli = at_part(&from_cli);
    let path_text = path.to_string_lossy();
    let related = cli["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 2, "{cli:#}");
    assert!(related.iter().all(|r| r["location"]["uri"] == *path_text));
    // The row's 总计 (line 53) and the column's （七）总计 (line 74).
    let lines: Vec<&Value> = related
        .iter()
        .map(|r| &r["location"]["range"]["start"]["line"])
        .collect();
    assert_eq!(lines, [&json!(52), &json!(73)]);
    insta::assert_snapshot!(
        related
            .iter()
            .map(|r| r["message"].as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n"),
        @r"
    （一）予以公开 · 总计 应为 5（自然人至其他六列之和），现为 6，相差 1
    （七）总计 · 商业企业 应为 4（“三、本年度办理结果”各行之和），现为 5，相差 1
    "
    );

    // SARIF: the same places as relatedLocations (1-based lines).
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ogi-lint"))
        .args(["check", "--lang", "zh", "--format", "sarif"])
        .arg(&path)
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["message"]["text"] == cli["message"])
        .cloned()
        .unwrap();
    let locations = result["relatedLocations"].as_array().unwrap();
    let sarif_lines: Vec<&Value> = locations
        .iter()
        .map(|l| &l["physicalLocation"]["region"]["startLine"])
        .collect();
    assert_eq!(sarif_lines, [&json!(53), &json!(74)]);
    assert_eq!(locations[1]["message"]["text"], related[1]["message"]);

    let mut client = TestClient::start(push_caps(), test_settings()).await;
    let uri = uri_for(&path);
    client.open(&uri, "markdown", &text, 1);
    let from_server = client.diagnostics(&uri, Some(1)).await;
    let server = at_part(&from_server);
    assert_eq!(server["message"], cli["message"]);
    let server_related = server["relatedInformation"].as_array().unwrap();
    assert_eq!(server_related.len(), 2);
    for (s, c) in server_related.iter().zip(related) {
        assert_eq!(s["location"]["uri"], uri);
        assert_eq!(s["location"]["range"], c["location"]["range"]);
        assert_eq!(s["message"], c["message"]);
    }
    let actions = client.quick_fixes(&uri, &server).await;
    let quick_fix = actions
        .iter()
        .find(|a| a["title"] == "将（一）予以公开 · 商业企业 改为 3")
        .cloned()
        .unwrap();
    let fixed = apply_edits(&text, &action_edits(&quick_fix, &uri), Encoding::Utf16);
    assert_eq!(
        fixed,
        text.replace(
            "| （一）予以公开 | | 3 | 2 | 0 |",
            "| （一）予以公开 | | 3 | 3 | 0 |"
        )
    );
    client.shutdown().await;
}

// ---- Generated tables ------------------------------------------------------------------------

/// The labels of table 三's value rows, in order, as (first, second, third) label cells.
fn rows_of_table_3(edition_2021: bool) -> Vec<[&'static str; 3]> {
    let mut rows = vec![
        ["一、本年新收政府信息公开申请数量", "", ""],
        ["二、上年结转政府信息公开申请数量", "", ""],
        ["三、本年度办理结果", "（一）予以公开", ""],
        [
            "",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "",
        ],
    ];
    let groups: [(&str, &[&str]); 3] = [
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
    ];
    let other: (&str, &[&str]) = (
        "（六）其他处理",
        &[
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    );
    for (group, items) in groups {
        for (i, item) in items.iter().enumerate() {
            rows.push(["", if i == 0 { group } else { "" }, item]);
        }
    }
    if edition_2021 {
        for (i, item) in other.1.iter().enumerate() {
            rows.push(["", if i == 0 { other.0 } else { "" }, item]);
        }
    } else {
        rows.push(["", other.0, ""]);
    }
    rows.push(["", "（七）总计", ""]);
    rows.push(["四、结转下年度继续办理", "", ""]);
    rows
}

/// A consistent report: table 三 (rows × 7 values) and table 四 (15 values).
#[derive(Debug, Clone)]
struct Tables {
    edition_2021: bool,
    table_3: Vec<[u32; 7]>,
    table_4: [u32; 15],
}

/// Parts and carry-overs at random; every total and 一 computed so that every relation holds.
fn consistent_tables() -> impl Strategy<Value = Tables> {
    any::<bool>().prop_flat_map(|edition_2021| {
        let n_rows = rows_of_table_3(edition_2021).len();
        let n_parts = n_rows - 4;
        (
            prop::collection::vec(prop::sample::select(vec![0u32, 0, 0, 1, 2, 5]), n_parts * 6),
            prop::collection::vec(0u32..3, 12),
            prop::collection::vec(0u32..4, 12),
        )
            .prop_map(move |(parts, carries, reviews)| {
                let mut table_3 = vec![[0u32; 7]; n_rows];
                let total_row = n_rows - 2;
                for (p, row) in table_3[2..total_row].iter_mut().enumerate() {
                    row[..6].copy_from_slice(&parts[p * 6..p * 6 + 6]);
                }
                for c in 0..6 {
                    let handled: u32 = table_3[2..total_row].iter().map(|r| r[c]).sum();
                    table_3[total_row][c] = handled;
                    let carried_over = carries[c];
                    let carried = carries[6 + c].min(handled + carried_over);
                    table_3[n_rows - 1][c] = carried_over;
                    table_3[1][c] = carried;
                    table_3[0][c] = handled + carried_over - carried;
                }
                for row in &mut table_3 {
                    row[6] = row[..6].iter().sum();
                }
                let mut table_4 = [0u32; 15];
                for g in 0..3 {
                    for k in 0..4 {
                        table_4[g * 5 + k] = reviews[g * 4 + k];
                    }
                    table_4[g * 5 + 4] = reviews[g * 4..g * 4 + 4].iter().sum();
                }
                Tables {
                    edition_2021,
                    table_3,
                    table_4,
                }
            })
    })
}

/// A value cell: `Three(row, column)` of table 三 or `Four(column)` of table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Three(usize, usize),
    Four(usize),
}

const TITLES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The report in GFM, and the byte range of every value cell.
fn render(tables: &Tables) -> (String, Vec<(Cell, std::ops::Range<usize>)>) {
    let year = if tables.edition_2021 { 2021 } else { 2020 };
    let mut text = format!("# 某市商务局{year}年政府信息公开工作年度报告\n\n");
    let mut cells = Vec::new();
    let mut value_row =
        |text: &mut String, labels: &[&str], values: &[u32], cell: &dyn Fn(usize) -> Cell| {
            text.push('|');
            for label in labels {
                text.push_str(&format!(" {label} |"));
            }
            for (c, v) in values.iter().enumerate() {
                text.push(' ');
                let start = text.len();
                text.push_str(&v.to_string());
                cells.push((cell(c), start..text.len()));
                text.push_str(" |");
            }
            text.push('\n');
        };
    for (i, title) in TITLES.iter().enumerate() {
        text.push_str(&format!("{title}\n本部分说明政府信息公开工作情况，涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障，未收取信息处理费。\n\n"));
        if i == 2 {
            text.push_str("| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|\n| | | | 自然人 | 法人或其他组织 | | | | | 总计 |\n| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n");
            for (r, labels) in rows_of_table_3(tables.edition_2021).iter().enumerate() {
                value_row(&mut text, labels, &tables.table_3[r], &|c| {
                    Cell::Three(r, c)
                });
            }
            text.push('\n');
        }
        if i == 3 {
            text.push_str("| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n");
            value_row(&mut text, &[], &tables.table_4, &Cell::Four);
            text.push('\n');
        }
    }
    (text, cells)
}

fn value(tables: &Tables, cell: Cell) -> u32 {
    match cell {
        Cell::Three(r, c) => tables.table_3[r][c],
        Cell::Four(c) => tables.table_4[c],
    }
}

/// `tables` with `cell` moved away from its value by `delta` (upwards when it cannot go down).
fn with_error(tables: &Tables, cell: Cell, delta: u32) -> Tables {
    let mut res = tables.clone();
    let slot = match cell {
        Cell::Three(r, c) => &mut res.table_3[r][c],
        Cell::Four(c) => &mut res.table_4[c],
    };
    *slot = if *slot >= delta {
        *slot - delta
    } else {
        *slot + delta
    };
    res
}

fn cell_of_table_3(tables: &Tables, pick: usize) -> Cell {
    let n = tables.table_3.len() * 7;
    let k = pick % n;
    Cell::Three(k / 7, k % 7)
}

fn arithmetic(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| matches!(d.code, RuleCode::TotalMismatch | RuleCode::BalanceMismatch))
        .collect()
}

fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A generated consistent report has no arithmetic finding and nothing to fix in its tables.
    #[test]
    fn consistent_tables_hold(tables in consistent_tables()) {
        let (text, _) = render(&tables);
        let diagnostics = check(&text, &Options::default());
        prop_assert!(arithmetic(&diagnostics).is_empty(), "{:#?}", arithmetic(&diagnostics));
        prop_assert_eq!(fix::fix_all(&text, &Options::default()).text, text);
    }

    /// One wrong figure anywhere in table 三 (a part, a row's 总计, a （七）总计, a cell of 一, 二
    /// or 四): one finding, at that cell, naming the original figure; `--fix` restores exactly
    /// the original text.
    #[test]
    fn a_single_wrong_figure_is_named_and_fixed_back(
        tables in consistent_tables(),
        pick in 0usize..1000,
        delta in 1u32..5,
    ) {
        let cell = cell_of_table_3(&tables, pick);
        let (original, _) = render(&tables);
        let wrong = with_error(&tables, cell, delta);
        let (text, cells) = render(&wrong);
        let diagnostics = check(&text, &Options::default());
        let found = arithmetic(&diagnostics);
        prop_assert_eq!(found.len(), 1, "{:#?}", found);
        let d = found[0];
        prop_assert_eq!(d.code, RuleCode::TotalMismatch);
        let range = cells.iter().find(|(c, _)| *c == cell).map(|(_, r)| r.clone());
        prop_assert_eq!(Some(d.range.clone()), range);
        let expected = format!("改为 {} 后表三的勾稽关系全部成立", value(&tables, cell));
        prop_assert!(d.message.contains(&expected), "{}", d.message);
        prop_assert!(!d.related.is_empty());
        prop_assert!(d.fix.as_ref().is_some_and(|f| f.safe));
        let outcome = fix::fix_all(&text, &Options::default());
        prop_assert_eq!(outcome.text, original);
        prop_assert!(arithmetic(&outcome.diagnostics).is_empty());
    }

    /// Two wrong figures in table 三: the broken relations are reported, none with a safe fix,
    /// and `--fix` changes nothing in the tables (so never adds an error).
    #[test]
    fn two_wrong_figures_get_no_fix(
        tables in consistent_tables(),
        picks in (0usize..1000, 0usize..1000),
        deltas in (1u32..5, 1u32..5),
    ) {
        let first = cell_of_table_3(&tables, picks.0);
        let second = cell_of_table_3(&tables, picks.1);
        prop_assume!(first != second);
        let wrong = with_error(&with_error(&tables, first, deltas.0), second, deltas.1);
        let (text, _) = render(&wrong);
        let diagnostics = check(&text, &Options::default());
        let found = arithmetic(&diagnostics);
        prop_assert!(!found.is_empty());
        prop_assert!(
            found.iter().all(|d| d.fix.as_ref().is_none_or(|f| !f.safe)),
            "{:#?}",
            found
        );
        let outcome = fix::fix_all(&text, &Options::default());
        prop_assert_eq!(&outcome.text, &text);
        prop_assert!(errors(&outcome.diagnostics) <= errors(&diagnostics));
    }

    /// One wrong figure in table 四: one finding at that group's 总计 with an editor-only fix;
    /// `--fix` leaves table 四 alone, and fixes a wrong figure of table 三 beside it.
    #[test]
    fn table_4_is_reported_but_never_fixed_automatically(
        tables in consistent_tables(),
        column in 0usize..15,
        delta in 1u32..5,
        also_table_3 in proptest::option::of(0usize..1000),
    ) {
        let (original, _) = render(&tables);
        let mut wrong = with_error(&tables, Cell::Four(column), delta);
        if let Some(pick) = also_table_3 {
            wrong = with_error(&wrong, cell_of_table_3(&tables, pick), delta);
        }
        let (text, cells) = render(&wrong);
        let diagnostics = check(&text, &Options::default());
        let total_column = column / 5 * 5 + 4;
        let at_total = cells
            .iter()
            .find(|(c, _)| *c == Cell::Four(total_column))
            .map(|(_, r)| r.clone());
        let in_table_4: Vec<&Diagnostic> = arithmetic(&diagnostics)
            .into_iter()
            .filter(|d| Some(d.range.clone()) == at_total)
            .collect();
        prop_assert_eq!(in_table_4.len(), 1);
        prop_assert!(in_table_4[0].fix.as_ref().is_some_and(|f| !f.safe));
        let outcome = fix::fix_all(&text, &Options::default());
        // Table 三 is restored, table 四 untouched.
        let (expected, _) = render(&with_error(&tables, Cell::Four(column), delta));
        prop_assert_eq!(&outcome.text, &expected);
        prop_assert!(errors(&outcome.diagnostics) <= errors(&diagnostics));
        prop_assert_ne!(outcome.text, original);
    }
}
