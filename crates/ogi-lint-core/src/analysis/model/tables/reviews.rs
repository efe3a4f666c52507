//! Reads table 四 (行政复议、行政诉讼情况): rows without figures are its two-level header, the
//! one row with figures holds the 15 values; a second such row is a duplicate, and no such row
//! is a missing row.

use std::ops::Range;

use super::{template, At, Reader, Standard};
use crate::analysis::blocks::Label;
use crate::analysis::model::{GridRow, MissingRow, Quality, TableModel, UnknownReason};
use crate::analysis::template::{ReviewsSpec, StandardLabel, TableKind, ValueKind, Vocabulary};
use crate::analysis::text::without_note;

/// The name of table 四's one value row, for messages and hovers.
const VALUE_ROW: &str = "行政复议、行政诉讼";

/// Reads table 四 from its rows.
pub(super) fn read(reader: &mut Reader, rows: &[At], range: Range<usize>) -> TableModel {
    let spec = &template(reader.edition).reviews;
    let head_range = rows
        .first()
        .map(|a| a.abs(&a.row.range))
        .unwrap_or(range.clone());
    // The vocabulary's labels of the headers, in the template's order.
    let headers = Vocabulary::get().reviews_headers(reader.edition);
    let mut value_row: Option<GridRow> = None;
    for at in rows {
        if !at.has_values() {
            match_headers(reader, headers, at);
        } else if value_row.is_some() {
            let text = at
                .labels()
                .last()
                .map(|(_, l)| l.text.clone())
                .unwrap_or_default();
            reader.unknown(at, text, TableKind::Reviews, UnknownReason::Duplicate);
        } else {
            value_row = Some(read_values(reader, spec, at));
        }
    }
    let row = value_row.unwrap_or_else(|| missing_value_row(reader, spec, &head_range));
    TableModel {
        kind: TableKind::Reviews,
        edition: reader.edition,
        follows_other_edition: false,
        range,
        head_range,
        columns: spec.columns.iter().map(String::as_str).collect(),
        rows: vec![row],
        slots: std::mem::take(&mut reader.slots),
        active_blocks: Vec::new(),
        collapsed_other: None,
    }
}

/// Each header cell against the template's header words: exact, else the closest one.
/// `headers` are the vocabulary's labels of them, the first at index `start` of its labels.
fn match_headers(reader: &mut Reader, headers: (&'static [StandardLabel], usize), at: &At) {
    let (headers, start) = headers;
    for (cell, label) in at.labels() {
        let found = first_exact(headers, start, label).or_else(|| {
            headers
                .iter()
                .map(|h| (h.text, Vocabulary::similarity_to(&label.fuzzy, h)))
                .filter(|(_, s)| *s >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(h, _)| (h, Quality::Reworded))
        });
        if let Some((h, q)) = found {
            reader.push_label(at, cell, label, h, q, "表四 header");
        }
    }
}

/// The first of `headers` (the vocabulary's labels from index `start` on) a written label stands
/// for, and how well: [`first_exact_compared`] of them, told for most labels by the label's
/// `hits`.
fn first_exact(
    headers: &'static [StandardLabel],
    start: usize,
    label: &Label,
) -> Option<(&'static str, Quality)> {
    let core = without_note(&label.norm);
    if core.len() != label.norm.len() {
        return first_exact_compared(headers, label);
    }
    // No filling note: a header stands for the label exactly when the label's form is the
    // header's form or its core, and the standard labels of which that holds are the label's
    // `hits` (every header cell is compared with the fifteen-odd headers otherwise). The first
    // header among them in the template's order is the one.
    let end = start + headers.len();
    let first = (label.hits.iter())
        .map(|&h| usize::from(h))
        .filter(|h| (start..end).contains(h))
        .min()?;
    let h = headers.get(first - start)?;
    Some((h.text, Standard::of(h).exactness_with_core(label, core)?))
}

/// The first of `headers` a written label stands for, by comparing it with each.
fn first_exact_compared(
    headers: &'static [StandardLabel],
    label: &Label,
) -> Option<(&'static str, Quality)> {
    let core = without_note(&label.norm);
    headers.iter().find_map(|h| {
        let q = Standard::of(h).exactness_with_core(label, core)?;
        Some((h.text, q))
    })
}

/// The value row: its figures laid out in the 15 columns (figures beyond them are reported).
fn read_values(reader: &mut Reader, spec: &'static ReviewsSpec, at: &At) -> GridRow {
    let n = spec.columns.len();
    let (slots, extra, _) = reader.slots(
        at,
        &spec.columns,
        |_| ValueKind::Count,
        String::as_str,
        &|| "表四".to_owned(),
    );
    if extra > 0 {
        reader.unknown(
            at,
            String::new(),
            TableKind::Reviews,
            UnknownReason::ExtraValues {
                found: n + extra,
                expected: n,
            },
        );
    }
    GridRow {
        name: VALUE_ROW,
        label_range: None,
        row_range: Some(at.abs(&at.row.range)),
        slot_range: slots,
        group: false,
    }
}

/// No row with figures: a missing row at the table's head, and an empty row for the model.
fn missing_value_row(
    reader: &mut Reader,
    spec: &'static ReviewsSpec,
    head_range: &Range<usize>,
) -> GridRow {
    reader.model.missing_rows.push(MissingRow {
        table: TableKind::Reviews,
        label: "行政复议、行政诉讼的数值行",
        at: head_range.clone(),
        block: false,
        insert: None,
    });
    GridRow {
        name: VALUE_ROW,
        label_range: None,
        row_range: None,
        slot_range: reader.absent_slots(spec.columns.len()),
        group: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::normalize_label;
    use crate::analysis::Edition;

    /// A label as the table reader builds it: its exact hits are the vocabulary's.
    fn label(text: &str) -> Label {
        let norm = normalize_label(text);
        let hits = (Vocabulary::get().exact(&norm).iter())
            .map(|&i| i as u16)
            .collect();
        Label {
            text: text.to_string(),
            norm,
            hits,
            fuzzy: Vec::new(),
        }
    }

    /// The header a label's hits name is the one comparing it with every header finds, for
    /// every standard label of every edition, written as printed, re-punctuated, spaced, with a
    /// filling note and cut short.
    #[test]
    fn a_header_found_by_hits_is_the_one_found_by_comparison() {
        let vocabulary = Vocabulary::get();
        let mut texts: Vec<String> = Vec::new();
        for l in &vocabulary.labels {
            let t = l.text;
            texts.push(t.to_string());
            texts.push(t.replace('、', "，"));
            texts.push(format!(" {t} "));
            texts.push(format!("{t}（件）"));
            texts.push(format!("{t}(单位：件)"));
            texts.push(t.chars().skip(1).collect());
            texts.push(t.chars().take(2).collect());
        }
        texts.extend(
            ["维持", "纠正", "总计", "其他", "（一）维持", "结果维持", ""].map(String::from),
        );
        let mut found = 0;
        for edition in Edition::all() {
            let (headers, start) = vocabulary.reviews_headers(edition);
            assert!(!headers.is_empty());
            for text in &texts {
                let l = label(text);
                let expected = first_exact_compared(headers, &l);
                found += usize::from(expected.is_some());
                assert_eq!(first_exact(headers, start, &l), expected, "{text:?}");
            }
        }
        assert!(found > 0);
    }
}
