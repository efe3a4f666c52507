//! Editor features computed from the model: hover, outline, inlay hints, completion, and
//! table skeletons. Pure functions; the server converts their byte ranges.

use std::ops::Range;

use rust_decimal::Decimal;

use super::model::{Model, Slot, TableModel};
use super::rules::{place_name, reading_name, relations, short, show, table_name};
use super::template::{TableKind, Template};
use super::text::chinese_numeral;
use super::{
    Completion, CompletionKind, Diagnostic, Edition, HoverInfo, InlayHint, Lang, RuleCode, Symbol,
    SymbolKind,
};

fn contains(range: &Range<usize>, offset: usize) -> bool {
    range.start <= offset
        && (offset < range.end
            || (range.is_empty() && offset == range.start)
            || offset == range.end)
}

pub fn hover(model: &Model, lang: Lang, offset: usize) -> Option<HoverInfo> {
    if let Some(found) = statement_hover(model, lang, offset) {
        return Some(found);
    }
    for table in &model.tables {
        for (r, row) in table.rows.iter().enumerate() {
            for (c, slot) in table.row_slots(row).iter().enumerate() {
                let Some(range) = slot.range() else { continue };
                if contains(&range, offset) {
                    return Some(HoverInfo {
                        markdown: cell_hover(table, r, c, lang),
                        range,
                    });
                }
            }
            if let Some(range) = &row.label_range {
                if contains(range, offset) {
                    let edition = table.edition;
                    let written = model
                        .labels
                        .iter()
                        .find(|l| l.range == *range)
                        .map(|l| {
                            let written = msg!(
                                lang,
                                "hover-row-written",
                                written = &l.written,
                                standard = l.standard
                            );
                            format!("\n\n{written}")
                        })
                        .unwrap_or_default();
                    let about = msg!(
                        lang,
                        "hover-row",
                        row = row.name,
                        table = table.kind.title(),
                        year = edition.year(),
                        document = &Template::get(edition).document
                    );
                    return Some(HoverInfo {
                        range: range.clone(),
                        markdown: format!("{about}{written}"),
                    });
                }
            }
        }
    }
    for label in &model.labels {
        if contains(&label.range, offset) {
            return Some(HoverInfo {
                range: label.range.clone(),
                markdown: msg!(
                    lang,
                    "hover-label",
                    place = place_name(lang, label.place),
                    written = &label.written,
                    standard = label.standard
                ),
            });
        }
    }
    let edition = model.edition?;
    for found in model.sections.iter().flatten() {
        if contains(&found.range, offset) {
            let t = Template::get(edition);
            let spec = t.section(found.number)?;
            let table = spec
                .table
                .map(|k| {
                    let holds = msg!(lang, "hover-section-table", table = k.title());
                    match lang {
                        Lang::Zh => holds,
                        Lang::En => format!(" {holds}"),
                    }
                })
                .unwrap_or_default();
            let number = chinese_numeral(found.number);
            let about = msg!(
                lang,
                "hover-section",
                heading = format!("{number}、{}", spec.title),
                number = &number,
                year = edition.year(),
                document = &t.document
            );
            return Some(HoverInfo {
                range: found.range.clone(),
                markdown: format!("{about}{table}"),
            });
        }
    }
    None
}

/// A figure of the prose that `narrative-mismatch` compares: the table cells it was matched
/// to, and what they hold.
fn statement_hover(model: &Model, lang: Lang, offset: usize) -> Option<HoverInfo> {
    let statement = model
        .narrative
        .iter()
        .find(|s| contains(&s.range, offset) && !s.readings.is_empty())?;
    let table = model.table(statement.table)?;
    let stated = statement.stated.unwrap_or(0);
    let head = match statement.stated {
        Some(figure) => msg!(
            lang,
            "hover-statement",
            stated = figure.to_string(),
            table = table_name(table.kind)
        ),
        None => msg!(lang, "hover-statement-none", table = table_name(table.kind)),
    };
    let lines: Vec<String> = statement
        .readings
        .iter()
        .map(|reading| {
            let cell = reading_name(table, reading, lang);
            match reading.value {
                Some(value) => {
                    let mark = if value == Decimal::from(stated) {
                        "✓"
                    } else {
                        "≠"
                    };
                    let holds = msg!(
                        lang,
                        "hover-statement-cell",
                        cell = &cell,
                        value = show(value)
                    );
                    format!("- {holds} {mark}")
                }
                None => format!("- {}", msg!(lang, "hover-statement-unknown", cell = &cell)),
            }
        })
        .collect();
    Some(HoverInfo {
        range: statement.range.clone(),
        markdown: format!("{head}\n\n{}", lines.join("\n")),
    })
}

fn amount(slot: &Slot, lang: Lang) -> String {
    match slot {
        Slot::Known { value, .. } => show(*value),
        Slot::Blank { .. } | Slot::Absent => "0".to_string(),
        Slot::Missing { .. } => msg!(lang, "hover-missing"),
        Slot::Invalid { .. } => msg!(lang, "hover-invalid"),
    }
}

/// `None` when a figure is missing or invalid, or the sum would overflow (figures of absurd
/// size: `Decimal`'s `+` panics there).
fn sum_of(slots: &[&Slot]) -> Option<Decimal> {
    slots
        .iter()
        .try_fold(Decimal::ZERO, |sum, s| sum.checked_add(s.amount()?))
}

/// A value cell: its row and column, and for a total the formula with the actual parts.
fn cell_hover(table: &TableModel, r: usize, c: usize, lang: Lang) -> String {
    let row = &table.rows[r];
    let slot = &table.row_slots(row)[c];
    let t = Template::get(table.edition);
    let column = match table.kind {
        TableKind::Active => table
            .active_blocks
            .iter()
            .find(|b| r >= b.first_row && r < b.first_row + b.n_rows)
            .and_then(|b| t.active.blocks[b.template_block].columns.get(c))
            .map(|col| col.label.as_str())
            .unwrap_or(""),
        _ => table.columns.get(c).copied().unwrap_or(""),
    };
    let mut out = format!(
        "**{}** · {} · {}",
        table.kind.title(),
        short(row.name),
        column
    );
    // Whether the cell takes part in a relation that does not hold (set by `formula`).
    let mut broken = false;
    let mut formula = |total: &Slot, parts: Vec<(String, &Slot)>, name: String| {
        let written = amount(total, lang);
        let slots: Vec<&Slot> = parts.iter().map(|p| p.1).collect();
        let listed: Vec<String> = parts
            .iter()
            .map(|(n, s)| format!("{n} {}", amount(s, lang)))
            .collect();
        let sum = sum_of(&slots);
        match (sum, total.amount()) {
            (Some(sum), Some(value)) if sum != value => {
                broken = true;
                let differs = msg!(
                    lang,
                    "hover-sum-differs",
                    sum = show(sum),
                    written = &written
                );
                out.push_str(&format!(
                    "\n\n{name} {written} ≠ {} = {}\n\n{differs}",
                    show(sum),
                    listed.join(" + "),
                ));
            }
            (Some(_), Some(_)) => {
                out.push_str(&format!("\n\n{name} {written} = {} ✓", listed.join(" + ")));
            }
            _ => out.push_str(&format!("\n\n{name} {written} = {}", listed.join(" + "))),
        }
    };
    match table.kind {
        TableKind::Applications => {
            let apps = &t.applications;
            if c == apps.row_total.total {
                let parts = apps
                    .row_total
                    .parts
                    .iter()
                    .map(|&p| (table.columns[p].to_string(), &table.row_slots(row)[p]))
                    .collect();
                formula(slot, parts, "总计".to_string());
            }
            let total_row = apps
                .column_totals
                .first()
                .and_then(|ct| apps.row_index(&ct.total));
            if Some(r) == total_row && c != apps.row_total.total {
                let mut rows: Vec<usize> = apps.column_totals[0]
                    .parts
                    .iter()
                    .flat_map(|p| apps.expand(p))
                    .collect();
                if let Some(g) = table.collapsed_other {
                    let id = &apps.rows[g].id;
                    rows.retain(|&i| apps.rows[i].parent.as_deref() != Some(id.as_str()));
                    rows.push(g);
                }
                let parts: Vec<(String, &Slot)> = rows
                    .iter()
                    .map(|&i| {
                        (
                            short(table.rows[i].name).to_string(),
                            &table.row_slots(&table.rows[i])[c],
                        )
                    })
                    .collect();
                let nonzero: Vec<(String, &Slot)> = parts
                    .iter()
                    .filter(|(_, s)| !matches!(s.amount(), Some(v) if v.is_zero()))
                    .cloned()
                    .collect();
                let shown = if nonzero.is_empty() { parts } else { nonzero };
                formula(slot, shown, format!("（七）总计 {column}"));
                out.push_str(&format!("\n\n{}", msg!(lang, "hover-rows-not-listed")));
            }
        }
        TableKind::Reviews => {
            if let Some(spec) = t.reviews.row_totals.iter().find(|s| s.total == c) {
                let parts = spec
                    .parts
                    .iter()
                    .map(|&p| {
                        let name = table.columns[p]
                            .rsplit('·')
                            .next()
                            .unwrap_or("")
                            .to_string();
                        (name, &table.row_slots(row)[p])
                    })
                    .collect();
                formula(slot, parts, column.to_string());
            }
        }
        TableKind::Active => {}
    }
    // A total that does not add up is not necessarily the wrong figure: say which one is, when
    // the crossing relations name it (the finding with the broken relations as related places).
    let culprit = relations::findings(table, lang)
        .into_iter()
        .find(|d| !d.related.is_empty());
    if let Some(culprit) = culprit {
        let here = slot.range().is_some_and(|r| r == culprit.range);
        if broken || here {
            let named = msg!(lang, "hover-culprit", message = &culprit.message);
            out.push_str(&format!("\n\n{named}"));
        }
    }
    out
}

pub fn outline(model: &Model, lang: Lang) -> Vec<Symbol> {
    let mut sections: Vec<Symbol> = Vec::new();
    let Some(edition) = model.edition else {
        return sections;
    };
    let t = Template::get(edition);
    for found in model.sections.iter().flatten() {
        let title = t
            .section(found.number)
            .map(|s| s.title.as_str())
            .unwrap_or("");
        sections.push(Symbol {
            name: format!("{}、{}", chinese_numeral(found.number), found.title),
            detail: (found.title != title)
                .then(|| msg!(lang, "outline-standard-title", title = title)),
            kind: SymbolKind::Section,
            range: found.start..found.end.max(found.range.end),
            selection_range: found.range.clone(),
            children: Vec::new(),
        });
    }
    for extra in &model.extra_sections {
        sections.push(Symbol {
            name: format!("{}、{}", chinese_numeral(extra.number), extra.title),
            detail: Some(msg!(lang, "outline-extra-section")),
            kind: SymbolKind::Section,
            range: extra.range.clone(),
            selection_range: extra.range.clone(),
            children: Vec::new(),
        });
    }
    sections.sort_by_key(|s| s.range.start);
    for table in &model.tables {
        let mut children = Vec::new();
        for block in &table.active_blocks {
            let Some(label) = &block.label_range else {
                continue;
            };
            let end = table.rows[block.first_row..block.first_row + block.n_rows]
                .iter()
                .filter_map(|r| r.row_range.as_ref().map(|x| x.end))
                .max()
                .unwrap_or(label.end)
                .max(label.end);
            children.push(Symbol {
                name: Template::get(table.edition).active.blocks[block.template_block]
                    .label
                    .clone(),
                detail: None,
                kind: SymbolKind::Block,
                range: label.start..end,
                selection_range: label.clone(),
                children: Vec::new(),
            });
        }
        let t = Template::get(table.edition);
        let name = match table.kind {
            TableKind::Active => &t.active.name,
            TableKind::Applications => &t.applications.name,
            TableKind::Reviews => &t.reviews.name,
        };
        let symbol = Symbol {
            name: format!("表{} {name}", chinese_numeral(table.kind.section())),
            detail: Some(msg!(lang, "outline-edition", year = table.edition.year())),
            kind: SymbolKind::Table,
            range: table.range.clone(),
            selection_range: table.head_range.clone(),
            children,
        };
        match sections
            .iter_mut()
            .find(|s| s.range.start <= table.range.start && table.range.start < s.range.end)
        {
            Some(section) => section.children.push(symbol),
            None => sections.push(symbol),
        }
    }
    sections.sort_by_key(|s| s.range.start);
    sections
}

/// Beside an arithmetic finding whose fix rewrites its own cell: `→ 3` where the crossing totals
/// determine the figure (a safe fix), `≠ 2` where only the sum of the parts is known (table 四's
/// 总计: the total or a part may be wrong).
pub fn inlay_hints(diagnostics: &[Diagnostic]) -> Vec<InlayHint> {
    diagnostics
        .iter()
        .filter(|d| matches!(d.code, RuleCode::TotalMismatch | RuleCode::BalanceMismatch))
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let edit = fix.edits.first().filter(|e| e.range == d.range)?;
            let arrow = if fix.safe { "→" } else { "≠" };
            Some(InlayHint {
                offset: d.range.end,
                label: format!("{arrow} {}", edit.new_text),
                tooltip: Some(d.message.clone()),
            })
        })
        .collect()
}

/// A GFM pipe table of `kind` with every standard label and zeros.
pub fn table_skeleton(kind: TableKind, edition: Edition) -> String {
    let t = Template::get(edition);
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = String::new();
    match kind {
        TableKind::Active => {
            for block in &t.active.blocks {
                let n = block.columns.len() + 1;
                let mut head = vec![block.label.clone()];
                head.extend(std::iter::repeat_n(String::new(), n - 1));
                out.push_str(&row(head));
                out.push_str(&row(vec!["---".to_string(); n]));
                let mut cols = vec![t.active.first_header.clone()];
                cols.extend(block.columns.iter().map(|c| c.label.clone()));
                out.push_str(&row(cols));
                for r in &block.rows {
                    let mut cells = vec![r.clone()];
                    cells.extend(std::iter::repeat_n("0".to_string(), block.columns.len()));
                    out.push_str(&row(cells));
                }
                out.push('\n');
            }
        }
        TableKind::Applications => {
            let apps = &t.applications;
            let blank = |n: usize| std::iter::repeat_n(String::new(), n);
            let mut head = vec![
                apps.headers[0].clone(),
                String::new(),
                String::new(),
                apps.headers[1].clone(),
            ];
            head.extend(blank(6));
            out.push_str(&row(head));
            out.push_str(&row(vec!["---".to_string(); 10]));
            let mut h2: Vec<String> = blank(3).collect();
            h2.push(apps.columns[0].clone());
            h2.push(apps.headers[2].clone());
            h2.extend(blank(4));
            h2.push(apps.columns[6].clone());
            out.push_str(&row(h2));
            let mut h3: Vec<String> = blank(4).collect();
            h3.extend(apps.columns[1..6].iter().cloned());
            h3.push(String::new());
            out.push_str(&row(h3));
            for spec in &apps.rows {
                let depth = match &spec.parent {
                    None => 0,
                    Some(p)
                        if apps
                            .row_index(p)
                            .and_then(|i| apps.rows[i].parent.clone())
                            .is_none() =>
                    {
                        1
                    }
                    Some(_) => 2,
                };
                if spec.group && depth == 0 {
                    continue;
                }
                if spec.group {
                    // Written as the first cell of its first child's row.
                    continue;
                }
                let mut labels = vec![String::new(); 3];
                labels[depth] = spec.label.clone();
                if let Some(parent) = spec.parent.as_deref().and_then(|p| apps.row_index(p)) {
                    let first_child = apps
                        .rows
                        .iter()
                        .position(|r| r.parent.as_deref() == Some(apps.rows[parent].id.as_str()));
                    let me = apps.row_index(&spec.id);
                    if apps.rows[parent].group && first_child == me && depth == 2 {
                        labels[1] = apps.rows[parent].label.clone();
                    }
                    let top_first = apps
                        .rows
                        .iter()
                        .position(|r| r.parent.as_deref() == Some("results"));
                    if top_first.is_some()
                        && (me == top_first
                            || (depth == 2
                                && first_child == me
                                && apps
                                    .rows
                                    .iter()
                                    .position(|r| r.parent.as_deref() == Some("results"))
                                    == Some(parent)))
                    {
                        labels[0] = apps.rows[apps.row_index("results").unwrap_or(0)]
                            .label
                            .clone();
                    }
                }
                let mut cells = labels;
                cells.extend(std::iter::repeat_n("0".to_string(), apps.columns.len()));
                out.push_str(&row(cells));
            }
        }
        TableKind::Reviews => {
            let mut h1 = vec!["行政复议".to_string()];
            h1.extend(std::iter::repeat_n(String::new(), 4));
            h1.push("行政诉讼".to_string());
            h1.extend(std::iter::repeat_n(String::new(), 9));
            out.push_str(&row(h1));
            out.push_str(&row(vec!["---".to_string(); 15]));
            let five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
            let mut h2: Vec<String> = five.iter().map(|s| s.to_string()).collect();
            h2.push("未经复议直接起诉".to_string());
            h2.extend(std::iter::repeat_n(String::new(), 4));
            h2.push("复议后起诉".to_string());
            h2.extend(std::iter::repeat_n(String::new(), 4));
            out.push_str(&row(h2));
            let mut h3: Vec<String> = std::iter::repeat_n(String::new(), 5).collect();
            h3.extend(five.iter().map(|s| s.to_string()));
            h3.extend(five.iter().map(|s| s.to_string()));
            out.push_str(&row(h3));
            out.push_str(&row(vec!["0".to_string(); 15]));
        }
    }
    out
}

/// Completion at `offset`, given the text of its line up to `offset`.
pub fn completions(model: &Model, lang: Lang, line_prefix: &str, offset: usize) -> Vec<Completion> {
    let edition = model.edition.unwrap_or_else(Edition::newest);
    let t = Template::get(edition);
    // What the user typed so far in this cell (or line).
    let cell_start = line_prefix.rfind(['|', '\t']).map(|i| i + 1).unwrap_or(0);
    let typed = &line_prefix[cell_start..];
    let typed_trimmed = typed.trim_start_matches([' ', '#', '\u{3000}']);
    let replace = offset - typed_trimmed.len()..offset;
    let in_cell = cell_start > 0;
    let mut out = Vec::new();
    let mut add = |label: &str, detail: String, kind: CompletionKind, insert: String| {
        out.push(Completion {
            label: label.to_string(),
            detail: Some(detail),
            kind,
            insert_text: insert,
            replace: replace.clone(),
        });
    };
    if !in_cell {
        for s in &t.sections {
            let heading = format!("{}、{}", chinese_numeral(s.number), s.title);
            add(
                &heading,
                msg!(lang, "completion-heading", year = edition.year()),
                CompletionKind::Heading,
                heading.clone(),
            );
        }
        // The table the current section needs, as a whole.
        let section = model
            .sections
            .iter()
            .flatten()
            .filter(|s| s.start <= offset)
            .max_by_key(|s| s.start);
        if let Some(kind) = section
            .and_then(|s| t.section(s.number))
            .and_then(|s| s.table)
        {
            add(
                &msg!(lang, "completion-table", table = kind.title()),
                msg!(lang, "completion-table-detail", year = edition.year()),
                CompletionKind::Snippet,
                table_skeleton(kind, edition),
            );
        }
    }
    let year = edition.year();
    for block in &t.active.blocks {
        add(
            &block.label,
            msg!(lang, "completion-table2-block", year = year),
            CompletionKind::Label,
            block.label.clone(),
        );
        for c in &block.columns {
            add(
                &c.label,
                msg!(lang, "completion-table2-column", block = &block.label),
                CompletionKind::Label,
                c.label.clone(),
            );
        }
        for r in &block.rows {
            add(
                r,
                msg!(lang, "completion-table2-row", block = &block.label),
                CompletionKind::Label,
                r.clone(),
            );
        }
    }
    for r in &t.applications.rows {
        add(
            &r.label,
            msg!(lang, "completion-table3-row", year = year),
            CompletionKind::Label,
            r.label.clone(),
        );
    }
    for c in t.applications.columns.iter().chain(&t.applications.headers) {
        add(
            c,
            msg!(lang, "completion-table3-header", year = year),
            CompletionKind::Label,
            c.clone(),
        );
    }
    for h in &t.reviews.headers {
        add(
            h,
            msg!(lang, "completion-table4-header", year = year),
            CompletionKind::Label,
            h.clone(),
        );
    }
    // One entry per label.
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.label.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{check, Analysis, Options};

    #[test]
    fn skeletons_are_clean_tables() {
        for edition in Edition::all() {
            let year = edition.template().years.from;
            let mut text = format!("某局{year}年政府信息公开工作年度报告\n\n一、总体情况\n主动公开、依申请公开、政府信息管理、平台建设、监督保障，信息处理费0元。\n\n");
            for (n, kind) in [
                (2, TableKind::Active),
                (3, TableKind::Applications),
                (4, TableKind::Reviews),
            ] {
                let title = &Template::get(edition).sections[n - 1].title;
                text.push_str(&format!(
                    "{}、{title}\n\n{}\n",
                    chinese_numeral(n as u32),
                    table_skeleton(kind, edition)
                ));
            }
            text.push_str("五、存在的主要问题及改进情况\n无。\n\n六、其他需要报告的事项\n未收取信息处理费。\n");
            let found: Vec<String> = check(&text, &Options::default())
                .into_iter()
                .map(|d| format!("{} {}", d.code, d.message))
                .collect();
            assert!(found.is_empty(), "{edition:?}: {found:#?}");
        }
    }

    #[test]
    fn hover_and_hints_name_the_one_wrong_figure() {
        use crate::analysis::rules::test_support::{report, TABLE_3_GFM};
        let row = "| 三、本年度办理结果 | （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |";
        let table = TABLE_3_GFM.replace(row, &row.replace("| 1 | 1 | 0 |", "| 1 | 2 | 0 |"));
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        let analysis = Analysis::new(&text, Options::default());
        let row_at = text.find("| 三、本年度办理结果").unwrap_or(0);
        let part = row_at + text[row_at..].find("| 2 |").unwrap_or(0) + 2;
        let total = row_at + text[row_at..].find("| 2 |\n").unwrap_or(0) + 2;
        // On the row's 总计, which is right: the parts make 3, and the part is named.
        let hover = analysis
            .hover(total)
            .map(|h| h.markdown)
            .unwrap_or_default();
        assert!(hover.contains("各项之和为 3，不是 2。"), "{hover}");
        assert!(
            hover.contains("（一）予以公开 · 商业企业 应为 1，现为 2，相差 1"),
            "{hover}"
        );
        // On the wrong part itself.
        let hover = analysis.hover(part).map(|h| h.markdown).unwrap_or_default();
        assert!(hover.contains("改为 1 后表三的勾稽关系全部成立"), "{hover}");
        // The hint beside it: the determined value.
        let hints = analysis.inlay_hints();
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert_eq!(hints[0].label, "→ 1");
        assert_eq!(hints[0].offset, part + 1);
        // A consistent table: no culprit in any hover, no hint.
        let clean = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM);
        let analysis = Analysis::new(&clean, Options::default());
        assert!(analysis.inlay_hints().is_empty());
        let row_at = clean.find("| 三、本年度办理结果").unwrap_or(0);
        let part = row_at + clean[row_at..].find("| 1 | 0 |").unwrap_or(0) + 2;
        let hover = analysis.hover(part).map(|h| h.markdown).unwrap_or_default();
        assert!(hover.contains("（一）予以公开 · 商业企业"), "{hover}");
        assert!(!hover.contains("勾稽关系全部成立"), "{hover}");
    }

    #[test]
    fn hover_on_a_total_shows_the_formula() {
        let text = crate::analysis::rules::test_support::report(
            &[1, 2, 3, 4, 5, 6],
            crate::analysis::rules::test_support::TABLE_3_GFM,
        );
        let analysis = Analysis::new(&text, Options::default());
        let row = text.find("| 一、本年新收").unwrap_or(0);
        let total = row + text[row..].find("| 3 |").unwrap_or(0) + 2;
        let hover = analysis
            .hover(total)
            .map(|h| h.markdown)
            .unwrap_or_default();
        assert!(
            hover.contains("总计 3 = 自然人 2 + 商业企业 1 + 科研机构 0"),
            "{hover}"
        );
    }

    #[test]
    fn hover_on_a_prose_figure_shows_its_table_cell() {
        use crate::analysis::rules::test_support::{report, TABLE_3_GFM};
        let text = report(&[1, 2, 3, 4, 5, 6], TABLE_3_GFM).replacen(
            "一、总体情况\n",
            "一、总体情况\n2021年，我局共收到政府信息公开申请5件，办结3件。\n\n",
            1,
        );
        let analysis = Analysis::new(&text, Options::default());
        let five = text.find("5件").unwrap_or(0);
        let hover = analysis.hover(five).map(|h| h.markdown).unwrap_or_default();
        assert_eq!(
            hover,
            "正文的 5 对应表三：\n\n- “一、本年新收政府信息公开申请数量 · 总计”为 3 ≠"
        );
        let three = text.find("3件").unwrap_or(0);
        let hover = analysis
            .hover(three)
            .map(|h| h.markdown)
            .unwrap_or_default();
        assert!(hover.contains("“（七）总计 · 总计”为 3 ✓"), "{hover}");
        let english = Options {
            language: Lang::En,
            ..Options::default()
        };
        let hover = Analysis::new(&text, english)
            .hover(five)
            .map(|h| h.markdown)
            .unwrap_or_default();
        assert!(hover.starts_with("The prose's 5 is 表三:"), "{hover}");
        // Other prose shows nothing.
        let other = text.find("2021年").unwrap_or(0);
        assert_eq!(analysis.hover(other), None);
    }
}
