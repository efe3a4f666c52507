//! The same table written in each of the five text forms of spec §7 gives the same findings.
//! A table is built once as rows of cells, rendered in every form, and each rule's scenario is
//! checked form by form.

use ogi_lint::analysis::{check, Options, Severity};

type Table = Vec<Vec<String>>;

const ROWS: &[(&str, &str, &str, [u32; 7])] = &[
    (
        "一、本年新收政府信息公开申请数量",
        "",
        "",
        [2, 1, 0, 0, 0, 0, 3],
    ),
    (
        "二、上年结转政府信息公开申请数量",
        "",
        "",
        [1, 0, 0, 0, 0, 0, 1],
    ),
    (
        "三、本年度办理结果",
        "（一）予以公开",
        "",
        [1, 1, 0, 0, 0, 0, 2],
    ),
    (
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "",
        [0; 7],
    ),
    ("", "（三）不予公开", "1.属于国家秘密", [0; 7]),
    ("", "", "2.其他法律行政法规禁止公开", [0; 7]),
    ("", "", "3.危及“三安全一稳定”", [0; 7]),
    ("", "", "4.保护第三方合法权益", [0; 7]),
    ("", "", "5.属于三类内部事务信息", [0; 7]),
    ("", "", "6.属于四类过程性信息", [0; 7]),
    ("", "", "7.属于行政执法案卷", [0; 7]),
    ("", "", "8.属于行政查询事项", [0; 7]),
    (
        "",
        "（四）无法提供",
        "1.本机关不掌握相关政府信息",
        [1, 0, 0, 0, 0, 0, 1],
    ),
    ("", "", "2.没有现成信息需要另行制作", [0; 7]),
    ("", "", "3.补正后申请内容仍不明确", [0; 7]),
    ("", "（五）不予处理", "1.信访举报投诉类申请", [0; 7]),
    ("", "", "2.重复申请", [0; 7]),
    ("", "", "3.要求提供公开出版物", [0; 7]),
    ("", "", "4.无正当理由大量反复申请", [0; 7]),
    ("", "", "5.要求行政机关确认或重新出具已获取信息", [0; 7]),
    (
        "",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        [0; 7],
    ),
    (
        "",
        "",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        [0; 7],
    ),
    ("", "", "3.其他", [0; 7]),
    ("", "（七）总计", "", [2, 1, 0, 0, 0, 0, 3]),
    ("四、结转下年度继续办理", "", "", [1, 0, 0, 0, 0, 0, 1]),
];

fn table() -> Table {
    let mut t: Table = vec![
        vec![
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "",
            "",
            "申请人情况",
        ],
        vec![
            "",
            "",
            "",
            "自然人",
            "法人或其他组织",
            "",
            "",
            "",
            "",
            "总计",
        ],
        vec![
            "",
            "",
            "",
            "",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "",
        ],
    ]
    .into_iter()
    .map(|r| r.into_iter().map(String::from).collect())
    .collect();
    for (a, b, c, values) in ROWS {
        let mut row: Vec<String> = vec![a.to_string(), b.to_string(), c.to_string()];
        row.extend(values.iter().map(u32::to_string));
        t.push(row);
    }
    t
}

fn row_of(t: &mut Table, label: &str) -> usize {
    t.iter()
        .position(|r| r.iter().any(|c| c.starts_with(label)))
        .unwrap()
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Form {
    Pipe,
    TabRows,
    CellPerLine,
    PipeEnded,
    Pdf,
    /// Layout 6: `| a | b |` rows without the `|---|` delimiter row.
    PipeNoDelimiter,
    /// Layout 6: `a | b | c`, no outer pipes, no delimiter row.
    BarePipe,
    /// Layout 7: GFM broken by a page-number line, the header repeated after it.
    PageBrokenGfm,
    /// Layout 7: TAB rows broken by page-number lines and a form feed.
    PageBrokenTab,
    /// Layout 7: PDF text (one cell per line) broken by page-number lines.
    PageBrokenPdf,
    /// Layout 8: one small GFM table per row group, each under its own heading.
    PerGroup,
    /// Layout 5: PDF text whose rows are flattened onto a line, labels split over two or three
    /// lines with the figures on the first, the last or a line of their own.
    PdfSplit,
    /// Markdown and HTML markup around and inside cells.
    Markup,
    /// Layout 2: TAB rows from Word-made HTML with an empty position in every value row.
    IrregularTab,
}

const FORMS: [Form; 14] = [
    Form::Pipe,
    Form::TabRows,
    Form::CellPerLine,
    Form::PipeEnded,
    Form::Pdf,
    Form::PipeNoDelimiter,
    Form::BarePipe,
    Form::PageBrokenGfm,
    Form::PageBrokenTab,
    Form::PageBrokenPdf,
    Form::PerGroup,
    Form::PdfSplit,
    Form::Markup,
    Form::IrregularTab,
];

/// The header rows at the top of every table.
const HEADER_ROWS: usize = 3;

/// PDF extraction puts spaces inside labels and wraps long ones.
fn pdf_label(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        if i % 4 == 3 && i + 1 < chars.len() {
            out.push(if i % 16 == 15 && chars.len() > 20 {
                '\n'
            } else {
                ' '
            });
        }
    }
    out
}

fn is_label(cell: &str) -> bool {
    cell.chars().any(|c| c as u32 > 0x2e80)
}

fn render(t: &Table, form: Form) -> String {
    match form {
        Form::PageBrokenGfm => page_broken(t, Form::Pipe, &["\n— 6 —\n\n", "\n第 7 页\n\n"]),
        Form::PageBrokenTab => page_broken(t, Form::TabRows, &["- 6 -\n", "\u{c}\n6/12\n"]),
        Form::PageBrokenPdf => page_broken(t, Form::Pdf, &["第 6 页 共 12 页\n\n", "\u{c}— 7 —\n"]),
        Form::PerGroup => per_group(t),
        _ => t
            .iter()
            .enumerate()
            .map(|(i, row)| render_row(i, row, form))
            .collect(),
    }
}

fn render_row(i: usize, row: &[String], form: Form) -> String {
    let mut out = String::new();
    match form {
        Form::Pipe | Form::PipeNoDelimiter => {
            out.push_str(&format!("| {} |\n", row.join(" | ")));
            if i == 0 && form == Form::Pipe {
                out.push_str(&format!("|{}\n", "---|".repeat(row.len())));
            }
        }
        Form::BarePipe => {
            out.push_str(&row.join(" | "));
            out.push('\n');
        }
        Form::TabRows => {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        Form::IrregularTab => {
            let mut cells = row.to_vec();
            if i >= HEADER_ROWS && cells.len() > 5 {
                // A merged header cell above: an empty position in every value row.
                cells.insert(5, String::new());
            }
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        Form::CellPerLine | Form::Pdf => {
            for cell in row {
                let cell = if form == Form::Pdf && is_label(cell) {
                    pdf_label(cell)
                } else {
                    cell.clone()
                };
                out.push_str(&format!("\t{cell}\n"));
            }
            out.push('\n');
        }
        Form::PipeEnded => {
            for cell in row.iter().filter(|c| !c.is_empty()) {
                out.push_str(&format!("{cell} |\n"));
            }
            out.push_str("||\n");
        }
        Form::PdfSplit => out.push_str(&pdf_split_row(i, row)),
        Form::Markup => {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(j, c)| markup_cell(i + j, c))
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                out.push_str(&format!("|{}\n", "---|".repeat(row.len())));
            }
        }
        Form::PageBrokenGfm | Form::PageBrokenTab | Form::PageBrokenPdf | Form::PerGroup => {
            unreachable!("rendered as whole tables")
        }
    }
    out
}

/// Markup a converter from HTML or a writer in Markdown puts around cells: bold and italic
/// labels and figures, `<b>`, a `<br>` inside a long label, `&nbsp;` for an empty cell.
fn markup_cell(k: usize, cell: &str) -> String {
    if cell.is_empty() {
        return if k % 2 == 0 {
            "&nbsp;".into()
        } else {
            String::new()
        };
    }
    if !is_label(cell) {
        return if k % 3 == 0 {
            format!("**{cell}**")
        } else {
            cell.to_string()
        };
    }
    let chars: Vec<char> = cell.chars().collect();
    let cell = if chars.len() > 20 {
        let (a, b) = chars.split_at(chars.len() / 2);
        format!(
            "{}<br>{}",
            a.iter().collect::<String>(),
            b.iter().collect::<String>()
        )
    } else {
        cell.to_string()
    };
    match k % 3 {
        0 => format!("**{cell}**"),
        1 => format!("<b>{cell}</b>"),
        _ => format!("*{cell}*"),
    }
}

/// A PDF row: the label cells before the last on lines of their own, the last label with the
/// figures flattened onto its line; long labels split over two or three lines, the figures on
/// the first line, the last line or a line of their own (in turn).
fn pdf_split_row(i: usize, row: &[String]) -> String {
    if i < HEADER_ROWS {
        return render_row(i, row, Form::Pdf);
    }
    let last_label = row.iter().take(3).rposition(|c| is_label(c));
    let Some(last_label) = last_label else {
        return render_row(i, row, Form::Pdf);
    };
    let mut out = String::new();
    for cell in &row[..last_label] {
        out.push_str(&format!("\t{}\n", pdf_label(cell)));
    }
    let values: Vec<&str> = row.iter().skip(3).map(String::as_str).collect();
    // A blank cell has no place in a flattened row: PDF text shows it as a dash.
    let values: Vec<&str> = values
        .iter()
        .map(|v| if v.is_empty() { "—" } else { v })
        .collect();
    let figures = values.join(" ");
    let label: Vec<char> = row[last_label].chars().collect();
    if label.len() < 10 {
        out.push_str(&format!("\t{} {figures}\n\n", row[last_label]));
        return out;
    }
    let parts: Vec<String> = if label.len() > 24 && i % 2 == 0 {
        let third = label.len() / 3;
        vec![
            label[..third].iter().collect(),
            label[third..2 * third].iter().collect(),
            label[2 * third..].iter().collect(),
        ]
    } else {
        let half = label.len() / 2;
        vec![
            label[..half].iter().collect(),
            label[half..].iter().collect(),
        ]
    };
    match i % 3 {
        0 => {
            out.push_str(&format!("\t{} {figures}\n", parts[0]));
            for p in &parts[1..] {
                out.push_str(&format!("{p}\n"));
            }
        }
        1 => {
            out.push_str(&format!("\t{}\n", parts[0]));
            for p in &parts[1..parts.len() - 1] {
                out.push_str(&format!("{p}\n"));
            }
            out.push_str(&format!("{} {figures}\n", parts[parts.len() - 1]));
        }
        _ => {
            out.push_str(&format!("\t{}\n", parts[0]));
            for p in &parts[1..] {
                out.push_str(&format!("{p}\n"));
            }
            out.push_str(&format!("{figures}\n"));
        }
    }
    out.push('\n');
    out
}

/// The table in `base` form, broken by a page-number line (one of `marks` in turn) before
/// the value rows 10 and 20, with the header rows repeated after each break.
fn page_broken(t: &Table, base: Form, marks: &[&str]) -> String {
    let mut out = String::new();
    let mut breaks = marks.iter();
    for (i, row) in t.iter().enumerate() {
        if i == HEADER_ROWS + 10 || i == HEADER_ROWS + 20 {
            if let Some(mark) = breaks.next() {
                out.push_str(mark);
            }
            for (h, header) in t.iter().take(HEADER_ROWS).enumerate() {
                out.push_str(&render_row(h, header, base));
            }
        }
        out.push_str(&render_row(i, row, base));
    }
    out
}

/// One small table per row group, each under a heading of its own (the group's label), with
/// generic column headers (`类别 | 数据1 | … | 总计`) or the template's in turn.
fn per_group(t: &Table) -> String {
    let mut out = String::new();
    let mut n_tables = 0;
    let mut open = false;
    for row in t.iter().skip(HEADER_ROWS) {
        let labels: Vec<&String> = row.iter().take(3).filter(|c| !c.is_empty()).collect();
        // A row that opens a group (its first or second label column is written) starts a
        // new heading and table.
        let opens = !row[0].is_empty() || !row.get(1).is_none_or(String::is_empty);
        if opens || !open {
            // Numbered items (`1.属于国家秘密`) are rows under their group's heading.
            for heading in labels
                .iter()
                .filter(|l| !l.starts_with(|c: char| c.is_ascii_digit()))
            {
                out.push_str(&format!("\n{heading}\n\n"));
            }
            let n_values = 7;
            let header: Vec<String> = if n_tables % 2 == 0 {
                std::iter::once("类别".to_string())
                    .chain((1..n_values).map(|k| format!("数据{k}")))
                    .chain(std::iter::once("总计".to_string()))
                    .collect()
            } else {
                [
                    "类别",
                    "自然人",
                    "商业企业",
                    "科研机构",
                    "社会公益组织",
                    "法律服务机构",
                    "其他",
                    "总计",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect()
            };
            out.push_str(&format!("| {} |\n", header.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
            n_tables += 1;
            open = true;
        }
        let label = labels.last().map_or(String::new(), |l| l.to_string());
        let values: Vec<&str> = row.iter().skip(3).map(String::as_str).collect();
        out.push_str(&format!("| {label} | {} |\n", values.join(" | ")));
    }
    out
}

fn report(table: &str) -> String {
    format!(
        "某市商务局2021年政府信息公开工作年度报告\n\n一、总体情况\n主动公开、依申请公开、政府信息管理、平台建设、监督保障。\n\n\
         二、主动公开政府信息情况\n见下。\n\n三、收到和处理政府信息公开申请情况\n{table}\n\
         四、政府信息公开行政复议、行政诉讼情况\n无。\n\n五、存在的主要问题及改进情况\n无。\n\n六、其他需要报告的事项\n未收取信息处理费。\n"
    )
}

/// Errors and warnings as `code: message`, sorted (positions differ between forms).
fn findings(text: &str) -> Vec<String> {
    let mut out: Vec<String> = check(text, &Options::default())
        .into_iter()
        .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
        .filter(|d| d.code.as_str() != "missing-table")
        // Messages quote labels as written: PDF text has spaces inside them.
        .map(|d| format!("{}: {}", d.code, d.message.replace(' ', "")))
        .collect();
    out.sort();
    out
}

/// Checks one scenario in every form; returns the common findings.
fn same_in_every_form(name: &str, t: &Table, forms: &[Form]) -> Vec<String> {
    let reference = findings(&report(&render(t, forms[0])));
    let differing: Vec<String> = forms[1..]
        .iter()
        .filter_map(|&form| {
            let got = findings(&report(&render(t, form)));
            (got != reference).then(|| format!("{form:?}: {got:#?}"))
        })
        .collect();
    assert!(
        differing.is_empty(),
        "{name}: differs from {:?} {reference:#?} in\n{}",
        forms[0],
        differing.join("\n")
    );
    reference
}

fn set(t: &mut Table, label: &str, column: usize, value: &str) {
    let r = row_of(t, label);
    t[r][3 + column] = value.to_string();
}

#[test]
fn a_clean_table_is_clean_in_every_form() {
    assert_eq!(
        same_in_every_form("clean", &table(), &FORMS),
        Vec::<String>::new()
    );
}

#[test]
fn each_rule_finds_the_same_in_every_form() {
    let codes = |f: &[String]| {
        f.iter()
            .map(|s| s.split(':').next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };

    let mut t = table();
    set(&mut t, "（一）予以公开", 6, "3");
    // One wrong figure breaks its row and the 总计 column: one finding, at that cell.
    assert_eq!(
        codes(&same_in_every_form("row total", &t, &FORMS)),
        ["total-mismatch"]
    );

    let mut t = table();
    set(&mut t, "（七）总计", 0, "3");
    let f = same_in_every_form("column total", &t, &FORMS);
    assert!(codes(&f).contains(&"total-mismatch".to_string()), "{f:?}");

    let mut t = table();
    set(&mut t, "四、结转下年度继续办理", 0, "2");
    set(&mut t, "四、结转下年度继续办理", 6, "2");
    assert_eq!(
        codes(&same_in_every_form("balance", &t, &FORMS)),
        ["balance-mismatch", "balance-mismatch"]
    );

    let mut t = table();
    let r = row_of(&mut t, "二、上年结转");
    t[r][0] = "二、上年转结政府信息公开申请数量".to_string();
    assert_eq!(
        codes(&same_in_every_form("label", &t, &FORMS)),
        ["nonstandard-label"]
    );

    let mut t = table();
    set(&mut t, "2.重复申请", 2, "O");
    assert_eq!(
        codes(&same_in_every_form("letter", &t, &FORMS)),
        ["invalid-number"]
    );

    let mut t = table();
    set(&mut t, "2.重复申请", 2, "1,5");
    assert_eq!(
        codes(&same_in_every_form("separator", &t, &FORMS)),
        ["invalid-number"]
    );

    let mut t = table();
    let r = row_of(&mut t, "（二）部分公开");
    t.remove(r);
    assert_eq!(
        codes(&same_in_every_form("missing row", &t, &FORMS)),
        ["missing-row"]
    );

    let mut t = table();
    let r = row_of(&mut t, "四、结转下年度");
    let mut extra: Vec<String> = vec!["五、其他说明事项".into(), String::new(), String::new()];
    extra.extend(std::iter::repeat_n("0".to_string(), 7));
    t.insert(r, extra);
    assert_eq!(
        codes(&same_in_every_form("unknown row", &t, &FORMS)),
        ["unknown-row"]
    );

    let mut t = table();
    let r = row_of(&mut t, "2.重复申请");
    t[r].truncate(3 + 5);
    assert_eq!(
        codes(&same_in_every_form("short row", &t, &FORMS)),
        ["missing-cell"]
    );

    // A blank cell cannot be written in the pipe-ended form (bar-only lines end rows there).
    let blank_forms: Vec<Form> = FORMS
        .into_iter()
        .filter(|f| *f != Form::PipeEnded)
        .collect();
    let mut t = table();
    set(&mut t, "2.重复申请", 6, "");
    assert_eq!(
        codes(&same_in_every_form("blank total", &t, &blank_forms)),
        ["missing-cell"]
    );

    // 2021 report with the 2019 layout of （六）其他处理: one edition-mismatch, nothing else.
    let mut t = table();
    let first = row_of(&mut t, "1.申请人无正当理由");
    t.remove(first + 2);
    t.remove(first + 1);
    t[first][2] = String::new();
    assert_eq!(
        codes(&same_in_every_form("2019 other row", &t, &FORMS)),
        ["edition-mismatch"]
    );
}

#[test]
fn values_the_spec_allows_are_read_in_every_form() {
    let mut t = table();
    set(&mut t, "（一）予以公开", 0, "１");
    set(&mut t, "2.重复申请", 0, "—");
    set(&mut t, "3.要求提供公开出版物", 0, "/");
    assert_eq!(
        same_in_every_form("allowed", &t, &FORMS),
        Vec::<String>::new()
    );
}

/// Prints the table rendered in one form (for looking at a layout while working on it).
#[test]
fn every_form_renders_the_whole_table() {
    for form in FORMS {
        let text = render(&table(), form);
        for (label, ..) in ROWS {
            let first: String = label.chars().take(4).collect();
            assert!(
                first.is_empty()
                    || text.contains(&first)
                    || form == Form::Pdf
                    || form == Form::PdfSplit
                    || form == Form::PageBrokenPdf,
                "{form:?} lost {label}"
            );
        }
    }
    if let Ok(name) = std::env::var("OGI_SHOW_FORM") {
        for form in FORMS {
            if format!("{form:?}") == name {
                println!("{}", report(&render(&table(), form)));
            }
        }
    }
}

/// The report of `tests/fixtures/forms/gfm.md` (and its clean twin) written in each layout
/// of spec §7 that is not one of the five forms above; each must report what the GFM form
/// reports, and its clean twin nothing.
const LAYOUT_FIXTURES: [&str; 7] = [
    "pipes-no-delimiter.md",
    "bare-pipes.txt",
    "page-breaks.txt",
    "per-group.md",
    "pdf-split-labels.txt",
    "markup.md",
    "irregular-tab.txt",
];

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Errors and warnings of a whole report as `code: message`, sorted.
fn report_findings(text: &str) -> Vec<String> {
    let mut out: Vec<String> = check(text, &Options::default())
        .into_iter()
        .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
        .map(|d| format!("{}: {}", d.code, d.message.replace(' ', "")))
        .collect();
    out.sort();
    out
}

#[test]
fn every_layout_fixture_reports_what_the_gfm_report_reports() {
    let reference = report_findings(&fixture("gfm.md"));
    // The label, the letter O, the one wrong figure of 表三 and 表四's broken 总计.
    assert_eq!(reference.len(), 4, "{reference:#?}");
    for name in LAYOUT_FIXTURES {
        assert_eq!(
            report_findings(&fixture(name)),
            reference,
            "{name} differs from gfm.md"
        );
    }
}

#[test]
fn every_clean_layout_fixture_is_clean() {
    for name in LAYOUT_FIXTURES {
        let clean = format!("clean-{name}");
        assert_eq!(
            report_findings(&fixture(&clean)),
            Vec::<String>::new(),
            "{clean}"
        );
    }
}
