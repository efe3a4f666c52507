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
}

const FORMS: [Form; 5] = [
    Form::Pipe,
    Form::TabRows,
    Form::CellPerLine,
    Form::PipeEnded,
    Form::Pdf,
];

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

fn render(t: &Table, form: Form) -> String {
    let mut out = String::new();
    for (i, row) in t.iter().enumerate() {
        match form {
            Form::Pipe => {
                out.push_str(&format!("| {} |\n", row.join(" | ")));
                if i == 0 {
                    out.push_str(&format!("|{}\n", "---|".repeat(row.len())));
                }
            }
            Form::TabRows => {
                out.push_str(&row.join("\t"));
                out.push('\n');
            }
            Form::CellPerLine | Form::Pdf => {
                for cell in row {
                    let is_label = cell.chars().any(|c| c as u32 > 0x2e80);
                    let cell = if form == Form::Pdf && is_label {
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
        }
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
    for &form in &forms[1..] {
        let got = findings(&report(&render(t, form)));
        assert_eq!(
            got, reference,
            "{name}: {form:?} differs from {:?}",
            forms[0]
        );
    }
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
    let blank_forms = [Form::Pipe, Form::TabRows, Form::CellPerLine, Form::Pdf];
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
