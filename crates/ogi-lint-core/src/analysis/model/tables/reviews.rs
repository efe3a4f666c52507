//! Reads table 四 (行政复议、行政诉讼情况): rows without figures are its two-level header, the
//! one row with figures holds the 15 values; a second such row is a duplicate, and no such row
//! is a missing row.

use std::ops::Range;

use super::{template, At, Reader, Standard};
use crate::analysis::model::{GridRow, MissingRow, Quality, Slot, TableModel, UnknownReason};
use crate::analysis::template::{ReviewsSpec, TableKind, ValueKind, Vocabulary};
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
    let headers: Vec<Standard<'static>> = spec.headers.iter().map(|h| Standard::new(h)).collect();
    let mut value_row: Option<GridRow> = None;
    for at in rows {
        if !at.has_values() {
            match_headers(reader, &headers, at);
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
        active_blocks: Vec::new(),
        collapsed_other: None,
    }
}

/// Each header cell against the template's header words: exact, else the closest one.
fn match_headers(reader: &mut Reader, headers: &[Standard<'static>], at: &At) {
    for (cell, label) in at.labels() {
        let core = without_note(&label.norm);
        let exact = headers
            .iter()
            .find_map(|h| h.exactness_with_core(label, core).map(|q| (h.text, q)));
        let found = exact.or_else(|| {
            headers
                .iter()
                .map(|h| {
                    (
                        h.text,
                        Vocabulary::get().cached_similarity(&label.fuzzy, h.text),
                    )
                })
                .filter(|(_, s)| *s >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(h, _)| (h, Quality::Reworded))
        });
        if let Some((h, q)) = found {
            reader.push_label(at, cell, label, h, q, "表四 header");
        }
    }
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
        slots,
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
        slots: vec![Slot::Absent; spec.columns.len()],
        group: false,
    }
}
