//! Block segmentation and the parsing of each text form, on small inputs.

use super::headings::split_heading;
use super::*;

fn table_rows(text: &str) -> Vec<Vec<String>> {
    let blocks = parse_blocks(text, &mut LabelMemo::default());
    let mut out = Vec::new();
    for b in blocks {
        if let BlockKind::Table(t) = b.kind {
            for row in &t.rows {
                out.push(
                    t.cells(row)
                        .iter()
                        .map(|c| match &c.kind {
                            CellKind::Empty => "_".to_string(),
                            CellKind::Label(l) => l.text.clone(),
                            CellKind::Value(CellValue::Number(n)) => n.value.to_string(),
                            CellKind::Value(v) => format!("{v:?}"),
                        })
                        .collect(),
                );
            }
        }
    }
    out
}

#[test]
fn segments_tile_the_text() {
    let text = "标题\n\n一、总体情况\n正文。\n\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\n\n三、收到\n";
    let ranges = segment(text);
    assert_eq!(ranges.first().map(|r| r.start), Some(0));
    assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
    for pair in ranges.windows(2) {
        assert_eq!(pair[0].end, pair[1].start);
    }
    assert_eq!(ranges.len(), 6, "{ranges:?}");
}

#[test]
fn pipe_rows() {
    let text = "| 信息内容 | 本年制发件数 | 本年废止件数 |\n|---|---|---|\n| 规章 | 1 | 0 |\n";
    assert_eq!(
        table_rows(text),
        vec![
            vec!["信息内容", "本年制发件数", "本年废止件数"],
            vec!["规章", "1", "0"]
        ]
    );
}

#[test]
fn cell_per_line_with_wrapped_header_and_bookmarks() {
    let text = "\t第二十条第（一）项\n\n\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t[bookmark: Field_1]3\n\t\u{a0}0\n";
    assert_eq!(
        table_rows(text),
        vec![
            vec!["第二十条第（一）项"],
            vec!["信息内容", "本年新制作数量", "对外公开总数量"],
            vec!["规章", "3", "0"],
        ]
    );
}

#[test]
fn pipe_ended_cells_and_bar_runs() {
    let text = "第二十条第(一)项 |\n||||\n信息内容 |\n本年新 |\n|\n规章 |\n0 |\n0 |\n|\n三、本年度办理结果 |\n(一)予以公开 |\n1 |\n2 |\n";
    assert_eq!(
        table_rows(text),
        vec![
            vec!["第二十条第(一)项"],
            vec!["信息内容", "本年新"],
            vec!["规章", "0", "0"],
            vec!["三、本年度办理结果", "(一)予以公开", "1", "2"],
        ]
    );
}

#[test]
fn tab_rows_keep_leading_empty_cells() {
    let text = "\t（一）予以公开\t0\t1\n\t\t1.属于国家秘密\t2\t\t3\n";
    assert_eq!(
        table_rows(text),
        vec![
            vec!["_", "（一）予以公开", "0", "1"],
            vec!["_", "_", "1.属于国家秘密", "2", "_", "3"],
        ]
    );
}

#[test]
fn a_label_after_values_starts_a_new_row() {
    let text = "\t规章\n\t1\n\t规范性文件\n\t2\n";
    assert_eq!(
        table_rows(text),
        vec![vec!["规章", "1"], vec!["规范性文件", "2"]]
    );
}

#[test]
fn headings() {
    let h = |line: &str| {
        parse_heading(headings::BareLine::of(line, 0), &mut LabelMemo::default())
            .map(|h| (h.number, h.title))
    };
    assert_eq!(
        h("五、下步工作计划"),
        Some((Some(5), "下步工作计划".to_string()))
    );
    assert_eq!(
        h("## 二、主动公开政府信息情况"),
        Some((Some(2), "主动公开政府信息情况".to_string()))
    );
    assert_eq!(
        h("**六 、其他需要报告的事项**"),
        Some((Some(6), "其他需要报告的事项".to_string()))
    );
    assert_eq!(h("一是加强学习。"), None);
    assert_eq!(
        h("一、加强组织领导，健全工作机制，确保各项工作有序推进。"),
        None
    );
}

#[test]
fn directives() {
    let b = parse_block(
        "<!-- ogi-lint-disable-next-line total-mismatch nonstandard-label -->\n| a | 1 |\n",
        &mut LabelMemo::default(),
    );
    assert_eq!(b.directives.len(), 1);
    assert_eq!(
        b.directives[0].rules,
        vec!["total-mismatch", "nonstandard-label"]
    );
}

#[test]
fn pdf_rows_flattened_into_one_cell_are_split() {
    let text =
        "\t一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2\n\n\t0 0 0\n\n\t减 6\n\t1898468.07 元\n";
    assert_eq!(
        table_rows(text),
        vec![
            vec![
                "一、本年新收政府信息公开申请数量",
                "2",
                "0",
                "0",
                "0",
                "0",
                "0",
                "2"
            ],
            vec!["0", "0", "0"],
            vec!["-6", "1898468.07"],
        ]
    );
}

/// Parsing a segmented text reuses the line classes computed while segmenting; the result
/// must be what parsing each block's text on its own gives (which the incremental path does).
#[test]
fn segmented_parse_equals_standalone_parse() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut checked = 0;
    for sub in ["corpus", "forms", "minimal"] {
        let entries = std::fs::read_dir(format!("{dir}/{sub}")).expect("fixture folder");
        for entry in entries {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("fixture");
            let text = String::from_utf8_lossy(&bytes);
            let segmentation = Segmentation::new(&text);
            for i in 0..segmentation.len() {
                let range = segmentation.range(i);
                assert_eq!(
                    segmentation.parse(&text, i, &mut LabelMemo::default()),
                    parse_block(&text[range], &mut LabelMemo::default())
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "only {checked} blocks");
}

proptest::proptest! {
    /// `split_heading` is a hand-written form of this regex (faster on every line that starts
    /// with a numeral); they must agree on every string.
    #[test]
    fn split_heading_agrees_with_its_regex(
        parts in proptest::collection::vec(
            proptest::collection::vec(
                proptest::sample::select(vec![
                    '一', '二', '十', '五', '、', '､', '.', '．', ',', '，', ' ', '\t',
                    '\u{3000}', '\u{a0}', 'a', '1', '总', '：', '\u{2003}',
                ]),
                0..4,
            ),
            5,
        ),
        numerals in 0usize..5,
    ) {
        // Heading-shaped most of the time: numerals, gap, separator, gap, title.
        let line: String = std::iter::repeat_n('三', numerals)
            .chain(parts.into_iter().flatten())
            .collect();
        let re = regex::Regex::new(
            r"^([一二三四五六七八九十]{1,3})([ \t\u{3000}]*[、､.．,，][ \t\u{3000}]*)(\S.*)$",
        )
        .expect("regex");
        let expected = re.captures(&line).map(|c| {
            let range = |i| c.get(i).map(|m| m.range()).unwrap_or_default();
            (range(1), range(2), range(3))
        });
        proptest::prop_assert_eq!(split_heading(&line), expected, "{:?}", line);
    }
}

#[test]
fn a_label_split_over_lines_is_one_label_wherever_its_figures_are() {
    // Figures on the first line, the last, or a line of their own (PDF text, one cell per line).
    let text = "\t（二）部分公开（区分处理的，只计这一 1 1 0 0 0 0 2\n情形，不计其他情形）\n\n\t1.申请人无正当理由逾期不补正、\n行政机关不再处理其\n政府信息公开申请 0 0 0 0 0 0 0\n\n\t3.补正后申请\n内容仍不明确\n0 0 0 0 0 0 0\n";
    let rows = table_rows(text);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        rows[0][0],
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    );
    assert_eq!(
        rows[1][0],
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    );
    assert_eq!(rows[2][0], "3.补正后申请内容仍不明确");
    assert!(rows.iter().all(|r| r.len() == 8), "{rows:?}");
    // TAB rows: the label's first part on a row of its own, a reworded label too.
    let text = "\t二、上年转结政府信息公开申请\n数量\t1\t1\t0\t0\t0\t0\t2\n";
    assert_eq!(
        table_rows(text),
        vec![vec![
            "_",
            "二、上年转结政府信息公开申请数量",
            "1",
            "1",
            "0",
            "0",
            "0",
            "0",
            "2"
        ]]
    );
}

#[test]
fn page_number_lines_are_no_content() {
    for mark in [
        "— 6 —",
        "- 6 -",
        "-6-",
        "第 6 页",
        "第6页 共12页",
        "6/12",
        "\u{c}",
    ] {
        assert_eq!(classify(mark), LineClass::PageMark, "{mark:?}");
    }
    for line in [
        "规章",
        "-6",
        "2021年",
        "第6项",
        "1898468.07 元",
        "6/12是日期",
    ] {
        assert_ne!(classify(line), LineClass::PageMark, "{line:?}");
    }
}

#[test]
fn pipe_rows_without_delimiter_or_outer_pipes() {
    assert_eq!(classify("规章 | 0 | 0 | 0"), LineClass::Pipe);
    assert_eq!(
        classify("信息内容 | 本年制发件数 | 本年废止件数"),
        LineClass::Pipe
    );
    assert_eq!(classify("行政许可 | 486"), LineClass::Pipe);
    assert_eq!(classify("首页 | 政务公开"), LineClass::Text);
    // Prose with bars is no row: its cells are long or end sentences.
    assert_eq!(
        classify(
            "我们认为 a | b 之间的关系很复杂，需要进一步研究和讨论，这是一段很长的话。| x | y"
        ),
        LineClass::Text
    );
    let text = "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0\n | 行政规范性文件 | 3 | 1 | 17\n";
    assert_eq!(
        table_rows(text),
        vec![
            vec!["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            vec!["规章", "0", "0", "0"],
            vec!["_", "行政规范性文件", "3", "1", "17"],
        ]
    );
}

#[test]
fn markup_around_cells_is_not_content() {
    let text = "| **规章** | <b>3</b> | &nbsp; | *0* |\n|---|---|---|---|\n| 二、上年结转<br>政府信息公开申请数量 | 1 | | 2 |\n";
    assert_eq!(
        table_rows(text),
        vec![
            vec!["规章", "3", "_", "0"],
            vec!["二、上年结转政府信息公开申请数量", "1", "_", "2"],
        ]
    );
}

/// A line that is exactly a standard section title is a heading without a number, told from
/// the line's label when the line reads as one, from the line itself otherwise: both agree.
#[test]
fn a_bare_section_title_is_a_heading() {
    let heading = |text: &str| {
        let blocks = parse_blocks(text, &mut LabelMemo::default());
        match blocks.into_iter().next().map(|b| b.kind) {
            Some(BlockKind::Heading(h)) => Some((h.number, h.title, h.wording.norm.clone())),
            _ => None,
        }
    };
    let title = Some((None, "总体情况".to_string(), "总体情况".to_string()));
    assert_eq!(heading("总体情况\n"), title);
    assert_eq!(heading("**总体情况**\n\n"), title);
    assert_eq!(heading("总体情况。\n"), None);
    assert_eq!(heading("总体情况\n正文。\n"), None);
    for line in [
        "总体情况",
        "**主动公开政府信息情况**",
        "总 体 情 况",
        "总体情况：",
        "总体情况（续）",
        "总体情况。",
        "某局",
    ] {
        let label = read_label(headings::strip_markup(line).to_string());
        let bare = headings::BareLine::of(line, 0);
        assert_eq!(
            headings::parse_bare_title(bare, Some(&label)),
            headings::parse_bare_title(bare, None),
            "{line}"
        );
    }
}

/// A report whose tables are broken by page numbers reads the same when the numbers are
/// written in full-width digits (as WPS may paste them): no table is cut in two.
#[test]
fn a_report_broken_by_full_width_page_numbers_reads_as_with_ascii_ones() {
    let ascii = include_str!("../../../../../tests/fixtures/forms/clean-page-breaks.txt");
    let full_width: String = ascii
        .split_inclusive('\n')
        .map(|line| {
            let t = crate::analysis::text::trim(line);
            if is_page_mark(t) {
                line.chars()
                    .map(|c| match c.to_digit(10) {
                        Some(d) if c.is_ascii() => char::from_u32(0xFF10 + d).unwrap_or(c),
                        _ => c,
                    })
                    .collect()
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert_ne!(full_width, ascii, "the fixture has page numbers");
    let codes = |text: &str| {
        crate::analysis::check(text, &crate::analysis::Options::default())
            .into_iter()
            .map(|d| (d.code.as_str(), d.message))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&full_width), codes(ascii));
}

#[test]
fn page_numbers_in_full_width_or_other_digits_are_page_marks() {
    for line in [
        "— ６ —",
        "－ １２ －",
        "第６页",
        "第６页 共１２页",
        "共１２页，第６页",
        "６／１２",
        "- ٦ -",
    ] {
        assert!(page_mark_re().is_match(line), "{line:?}");
        assert!(is_page_mark(line), "{line:?}");
        assert_eq!(classify(line), LineClass::PageMark, "{line:?}");
    }
    // Not page numbers: no figure, or other words around it.
    for line in ["— 六 —", "第六页", "——", "第６条"] {
        assert!(!is_page_mark(line), "{line:?}");
    }
}

#[test]
fn page_marks_read_by_hand_as_by_the_regex() {
    // Every line of up to four pieces drawn from the characters the forms are made of, and a
    // few that break them: the hand reading must agree with the regex on each.
    let pieces = [
        "-", "—", "－", "‒", " ", "\u{3000}", "6", "12", "12345", "第", "页", "共", "，", "/",
        "／", "、", "x",
    ];
    let mut lines = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = lines
            .iter()
            .flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}")))
            .collect();
        lines.extend(longer);
    }
    lines.extend(
        [
            "— 6 —",
            "- 12 -",
            "第 6 页",
            "第6页 共12页",
            "第6页，共12页",
            "共12页 / 第6页",
            "6/12",
            "6 ／ 12",
            "第 12345 页",
            "－－ 3 －－",
            "第6页共",
            "共12页",
        ]
        .map(String::from),
    );
    // Both outcomes are tried many times.
    let marks = lines.iter().filter(|l| page_mark_re().is_match(l)).count();
    assert!(marks > 100 && marks < lines.len() - 100, "{marks}");
    for line in &lines {
        assert_eq!(
            is_ascii_page_mark(line),
            page_mark_re().is_match(line),
            "{line:?}"
        );
        // The line's first character decides most lines before the digits are looked for.
        if line.len() <= 40 {
            assert_eq!(
                is_page_mark(line),
                page_mark_re().is_match(line),
                "{line:?}"
            );
        }
    }
}

#[test]
fn lines_end_at_lf_crlf_and_a_lone_cr() {
    let ranges = |text: &str| {
        split_lines(text)
            .iter()
            .map(|l| (l.start, l.content_end, l.end))
            .collect::<Vec<_>>()
    };
    // Without a `\r`: lines end at each `\n` only.
    assert_eq!(
        ranges("a\nbc\n\nd"),
        [(0, 1, 2), (2, 4, 5), (5, 5, 6), (6, 7, 7)]
    );
    assert_eq!(ranges("a\n"), [(0, 1, 2)]);
    // With one: `\r\n` is one terminator, a lone `\r` one too.
    assert_eq!(
        ranges("a\r\nb\rc\n\r\nd"),
        [(0, 1, 3), (3, 4, 5), (5, 6, 7), (7, 7, 9), (9, 10, 10)]
    );
    assert!(ranges("").is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 2048,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// The marks read 16 bytes at a time (the last 16 read again in part) are those of a
    /// pass over every byte, wherever the marks stand and whatever the line's length.
    #[test]
    fn a_lines_marks_are_those_of_its_bytes(
        line in proptest::collection::vec(
            proptest::sample::select(vec![b'\t', b'|', b'<', b'a', 0xE5, 0x80, b' ']),
            0..80,
        ),
    ) {
        let by_byte = (
            line.contains(&b'\t'),
            line.contains(&b'|'),
            line.contains(&b'<'),
        );
        let marks = marks(&line);
        proptest::prop_assert_eq!((marks.tab, marks.bar, marks.lt), by_byte, "{:?}", line);
    }

    /// The next non-blank line, found when asked and kept, is the one a search from the
    /// line gives, whatever lines ask and in whatever order.
    #[test]
    fn the_next_content_line_kept_is_the_one_searched(
        classes in proptest::collection::vec(
            proptest::sample::select(vec![
                LineClass::Blank,
                LineClass::Comment,
                LineClass::PageMark,
                LineClass::Tab,
                LineClass::Text,
            ]),
            0..40,
        ),
        asked in proptest::collection::vec(0usize..40, 0..40),
    ) {
        let next_content = NextContent::new(&classes);
        for i in asked.into_iter().filter(|&i| i < classes.len()) {
            let searched = (i + 1..classes.len()).find(|&j| !classes[j].is_empty());
            proptest::prop_assert_eq!(next_content.after(i), searched, "{:?} {}", classes, i);
        }
    }

    /// Filled TAB cells counted by skipping each to its TAB are those of splitting the line
    /// at its TABs and trimming each cell.
    #[test]
    fn filled_tab_cells_skipped_to_their_tab_are_the_trimmed_cells(
        line in proptest::collection::vec(
            proptest::sample::select(vec![
                "\t", " ", "\u{3000}", "\u{a0}", "\r", "一", "1", "a", "|", "。",
            ]),
            0..24,
        ),
    ) {
        let line: String = line.concat();
        let split = line.split('\t').filter(|p| !trim(p).is_empty()).nth(1).is_some();
        proptest::prop_assert_eq!(has_two_filled_tab_cells(&line), split, "{:?}", line);
    }

    /// `。` found by its first byte is found where a search for the character finds it.
    #[test]
    fn a_full_stop_found_by_its_first_byte_is_the_one_searched(
        line in proptest::collection::vec(
            proptest::sample::select(vec!['。', '、', '\u{3000}', 'の', '；', '一', 'a', '\u{3001}', '\u{3082}']),
            0..20,
        ),
    ) {
        let line: String = line.into_iter().collect();
        proptest::prop_assert_eq!(has_full_stop(&line), line.contains('。'), "{:?}", line);
    }

    /// Sentence stops found by their first bytes are those of a search by character.
    #[test]
    fn sentence_stops_are_found_by_their_bytes(
        title in proptest::collection::vec(
            proptest::sample::select(vec!['。', '；', ';', '、', '，', '（', '一', 'a', '\u{3000}', '\u{ff1a}']),
            0..8,
        ),
    ) {
        let title: String = title.into_iter().collect();
        proptest::prop_assert_eq!(
            headings::has_sentence_stop(&title),
            title.contains(['。', '；', ';']),
            "{:?}",
            title
        );
    }

    /// A line that starts with no markup is only trimmed: the same as looking for wrappers.
    #[test]
    fn markup_is_stripped_as_by_the_general_reading(
        line in proptest::collection::vec(
            proptest::sample::select(vec!['#', '*', '_', '~', '<', '>', 'b', '/', ' ', '\u{3000}', '一', '、']),
            0..12,
        ),
    ) {
        let line: String = line.into_iter().collect();
        let general = {
            let t = trim(&line).trim_start_matches('#');
            &t[crate::analysis::text::inside_markup(t)]
        };
        proptest::prop_assert_eq!(headings::strip_markup(&line), general, "{:?}", line);
    }
}
