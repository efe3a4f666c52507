//! Reads table 三 (收到和处理政府信息公开申请情况) row by row: each row's label path names a
//! template row (or a header, or a group), its figures fill that row's slots; then the
//! required rows not found are listed.

use std::ops::Range;

use super::{best_similarity, skeleton, template, At, Reader, RowLabels, Standard, COLUMN_ORDER};
use crate::analysis::blocks::{Cell, CellKind, Label};
use crate::analysis::model::{GridRow, LabelMatch, MissingRow, Quality, TableModel, UnknownReason};
use crate::analysis::template::{
    ApplicationsSpec, Role, StandardLabel, TableKind, ValueKind, Vocabulary,
};

/// Reads table 三 from its rows.
pub(super) fn read(reader: &mut Reader, rows: &[At], range: Range<usize>) -> TableModel {
    let t = &template(reader.edition).applications;
    let head_range = rows
        .first()
        .map(|a| a.abs(&a.row.range))
        .unwrap_or(range.clone());
    let mut table = Applications::new(reader, t);
    for at in rows {
        table.read_row(at);
    }
    table.flush_heading();
    table.report_missing_rows(&head_range);
    table.absent_rows();
    let Applications {
        reader,
        grid,
        collapsed_other,
        ..
    } = table;
    TableModel {
        kind: TableKind::Applications,
        edition: reader.edition,
        follows_other_edition: false,
        range,
        head_range,
        columns: t.columns.iter().map(String::as_str).collect(),
        rows: grid,
        slots: std::mem::take(&mut reader.slots),
        active_blocks: Vec::new(),
        collapsed_other,
    }
}

/// What one label of table 三 names.
enum AppTarget {
    Header(&'static str, Quality),
    Row(usize, Quality),
}

/// What a row's label path names.
enum Target {
    /// A template row whose figures the row holds.
    Row(usize),
    /// The row has figures but its last label matches no template row (its text).
    Unmatched(String),
    /// Nothing to fill: a header row, a group label, a row without figures or labels.
    Nothing,
}

/// The state of reading table 三.
struct Applications<'r, 'm, 'a> {
    reader: &'r mut Reader<'m>,
    t: &'static ApplicationsSpec,
    grid: Vec<GridRow>,
    filled: Vec<bool>,
    row_at: Vec<Option<At<'a>>>,
    /// The group the rows being read belong to (the last group label seen).
    group: Option<usize>,
    /// The last row filled (or named by a heading): the next is expected after it.
    last_row: Option<usize>,
    /// A 2021 table writing （六）其他处理 as one value row.
    collapsed_other: Option<usize>,
    /// Applicant columns of the current header, in the order written.
    column_order: Vec<(usize, &'static str)>,
    order_reported: bool,
    /// A template row named by a label standing alone (a heading line, or a label whose
    /// figures are on a line of their own): the figures that follow are its figures. With the
    /// label matches its label added to the model (dropped when the row repeats the label:
    /// one wording, one finding).
    heading: Option<(usize, At<'a>, Range<usize>)>,
    /// The labels of the row being read.
    labels: RowLabels<'a>,
    /// Each template row's parent row (found when the template was loaded).
    parents: &'static [Option<usize>],
    /// Each template row's standard label, and the headers' then the columns' (for close
    /// wording): the vocabulary's, kept for each edition in the template's order.
    row_labels: &'static [StandardLabel],
    header_labels: &'static [StandardLabel],
}

impl<'r, 'm, 'a> Applications<'r, 'm, 'a> {
    fn new(reader: &'r mut Reader<'m>, t: &'static ApplicationsSpec) -> Self {
        let vocabulary = Vocabulary::get();
        let edition = reader.edition;
        // Every value row gets its slots once (read, or absent at the end): one list sized for
        // them all.
        let value_rows = t.rows.iter().filter(|r| !r.group).count();
        reader.slots.reserve(value_rows * t.columns.len());
        let grid = t
            .rows
            .iter()
            .map(|r| GridRow {
                name: r.label.as_str(),
                label_range: None,
                row_range: None,
                // A value row's slots: set when the row is read, else absent at the end.
                slot_range: 0..0,
                group: r.group,
            })
            .collect();
        Applications {
            reader,
            t,
            grid,
            filled: vec![false; t.rows.len()],
            row_at: vec![None; t.rows.len()],
            group: None,
            last_row: None,
            collapsed_other: None,
            column_order: Vec::new(),
            order_reported: false,
            heading: None,
            labels: RowLabels::default(),
            parents: &t.parents,
            row_labels: vocabulary.applications_rows(edition),
            header_labels: vocabulary.applications_headers_and_columns(edition),
        }
    }

    fn read_row(&mut self, at: &At<'a>) {
        let labels = self.labels.take(at);
        self.read_row_with(at, &labels);
        self.labels.put_back(labels);
    }

    fn read_row_with(&mut self, at: &At<'a>, labels: &[(&'a Cell, &'a Label)]) {
        let labels_before = self.reader.model.labels.len();
        let has_values = at.has_values();
        if has_values {
            // The header rows above the figures are done: a header repeated after a page
            // break starts its column order afresh.
            self.column_order.clear();
        }
        // Only labels, no empty cell: a heading, or a label whose figures follow on a line
        // of their own.
        let alone = !has_values
            && !labels.is_empty()
            && at
                .cells
                .iter()
                .all(|c| matches!(c.kind, CellKind::Label(_)));
        let target = if labels.is_empty() {
            if has_values {
                Target::Unmatched(String::new())
            } else {
                Target::Nothing
            }
        } else {
            self.resolve_labels(at, labels, has_values)
        };
        match target {
            Target::Row(i) if alone && !self.filled[i] => {
                self.flush_heading();
                let matches = labels_before..self.reader.model.labels.len();
                self.heading = Some((i, *at, matches));
                self.last_row = Some(i);
            }
            Target::Row(i) => {
                match &self.heading {
                    Some((h, _, matches)) if *h == i => {
                        let matches = matches.clone();
                        self.reader.model.labels.drain(matches);
                        self.heading = None;
                    }
                    Some(_) => self.flush_heading(),
                    None => {}
                }
                self.fill(i, at, labels);
            }
            Target::Unmatched(text) => {
                // Figures under a heading that names their row: a row without its own label
                // (or with a generic one) holds the heading's row.
                let named = self
                    .heading
                    .take_if(|(_, h, _)| labels.is_empty() || h.from_heading);
                match named {
                    Some((h, ..)) => {
                        self.fill(h, at, labels);
                    }
                    None => self.reader.unknown(
                        at,
                        text,
                        TableKind::Applications,
                        UnknownReason::NoMatch,
                    ),
                }
            }
            Target::Nothing => {}
        }
    }

    /// Matches every label of a row (headers, groups, rows) and says which row it fills.
    fn resolve_labels(&mut self, at: &At, labels: &[(&Cell, &Label)], has_values: bool) -> Target {
        let t = self.t;
        let mut target = Target::Nothing;
        for (k, (cell, label)) in labels.iter().enumerate() {
            let is_last = k + 1 == labels.len();
            let expected = self.last_row.map_or(0, |r| r + 1);
            match self.resolve_label(label, expected) {
                Some(AppTarget::Header(standard, q)) => {
                    if !at.from_heading {
                        self.reader
                            .push_label(at, cell, label, standard, q, "表三 header");
                        self.check_column_order(at, cell, label, standard);
                    }
                }
                Some(AppTarget::Row(i, q)) => {
                    let spec = &t.rows[i];
                    // A heading line is prose above a piece of the table, not a cell of it:
                    // its wording is the writer's to choose.
                    if !at.from_heading {
                        self.reader
                            .push_label(at, cell, label, spec.label.as_str(), q, "表三 row");
                    }
                    if spec.group {
                        self.group = Some(i);
                        if self.grid[i].label_range.is_none() {
                            self.grid[i].label_range = Some(at.abs(&cell.range));
                            self.grid[i].row_range = Some(at.abs(&at.row.range));
                        }
                        if is_last && has_values {
                            // Another edition's single row (（六）其他处理 of 2019).
                            let other_is_row = self.reader.others.iter().any(|&e| {
                                (template(e).applications.rows.iter())
                                    .any(|r| r.label == spec.label && !r.group)
                            });
                            if other_is_row {
                                self.collapsed_other = Some(i);
                                target = Target::Row(i);
                            } else {
                                self.reader.unknown(
                                    at,
                                    label.text.clone(),
                                    TableKind::Applications,
                                    UnknownReason::GroupWithValues,
                                );
                            }
                        }
                    } else {
                        if let Some(pi) = self.parents[i] {
                            if t.rows[pi].group {
                                self.group = Some(pi);
                            }
                        }
                        if is_last || !has_values {
                            target = Target::Row(i);
                        }
                    }
                }
                None => {
                    if is_last && has_values {
                        target = Target::Unmatched(label.text.clone());
                    }
                }
            }
        }
        target
    }

    /// What a label of table 三 names: exact hits first (preferring the current group when a
    /// label repeats), then close wording helped by the row's place, then a header.
    fn resolve_label(&self, label: &Label, expected: usize) -> Option<AppTarget> {
        let edition = self.reader.edition;
        let group = self.group;
        let vocabulary = Vocabulary::get();
        let parent_of = |i: usize| self.parents.get(i).copied().flatten();
        let mut best: Option<(usize, Quality)> = None;
        for &h in &label.hits {
            let l = &vocabulary.labels[h as usize];
            if l.at.edition != edition {
                continue;
            }
            match l.at.role {
                Role::ApplicationsHeader(_) | Role::ApplicationsColumn(_) => {
                    return Standard::of(l)
                        .exactness(label)
                        .map(|q| AppTarget::Header(l.text, q));
                }
                Role::ApplicationsRow(i) => {
                    let q = Standard::of(l)
                        .exactness(label)
                        .unwrap_or(Quality::Punctuation);
                    if best.is_none() || parent_of(i) == group {
                        best = Some((i, q));
                    }
                }
                _ => {}
            }
        }
        if let Some((i, q)) = best {
            return Some(AppTarget::Row(i, q));
        }
        if let Some(found) = self.other_edition_row(label) {
            return Some(found);
        }
        // No row scores more than the label's closest similarity and the bonuses for its
        // place, no header more than that similarity: when that falls short, none is close
        // enough (the similarity of each is not looked up).
        if (best_similarity(label) + 0.1) + 0.15 < 0.6 {
            return None;
        }
        // Close wording, helped by the row's place in the table.
        let mut candidate: Option<(usize, f64)> = None;
        for (i, r) in self.row_labels.iter().enumerate() {
            let mut score = Vocabulary::similarity_to(&label.fuzzy, r);
            if parent_of(i) == group && group.is_some() {
                score += 0.1;
            }
            if i == expected {
                score += 0.15;
            }
            if candidate.is_none_or(|c| score > c.1) {
                candidate = Some((i, score));
            }
        }
        if let Some((i, score)) = candidate {
            if score >= 0.6 {
                return Some(AppTarget::Row(i, Quality::Reworded));
            }
        }
        let mut header: Option<(&'static str, f64)> = None;
        for l in self.header_labels {
            let score = Vocabulary::similarity_to(&label.fuzzy, l);
            if header.is_none_or(|c| score > c.1) {
                header = Some((l.text, score));
            }
        }
        header
            .filter(|h| h.1 >= 0.6)
            .map(|h| AppTarget::Header(h.0, Quality::Reworded))
    }

    /// Another edition's label for a row this edition has under another wording (the same
    /// row id): that edition's wording, to be replaced by this edition's. The edition the
    /// table matches best is asked first.
    fn other_edition_row(&self, label: &Label) -> Option<AppTarget> {
        let vocabulary = Vocabulary::get();
        self.reader.others.iter().find_map(|&e| {
            label.hits.iter().find_map(|&h| {
                let l = vocabulary.labels.get(h as usize)?;
                let Role::ApplicationsRow(j) = l.at.role else {
                    return None;
                };
                if l.at.edition != e {
                    return None;
                }
                let id = &template(e).applications.rows.get(j)?.id;
                let i = self.t.row_index(id)?;
                (self.t.rows[i].label != l.text)
                    .then_some(AppTarget::Row(i, Quality::OtherEdition(e)))
            })
        })
    }

    /// The applicant columns must come in the template's order (reported once).
    fn check_column_order(&mut self, at: &At, cell: &Cell, label: &Label, standard: &'static str) {
        let n_cols = self.t.columns.len();
        let Some(c) = self.t.columns[..n_cols - 1]
            .iter()
            .position(|c| c == standard)
        else {
            return;
        };
        if let Some(&(last, last_name)) = self.column_order.last() {
            if c < last && !self.order_reported {
                self.order_reported = true;
                self.reader.model.labels.push(LabelMatch {
                    range: at.abs(&cell.range),
                    written: label.text.clone(),
                    standard: last_name,
                    quality: Quality::Reworded,
                    place: COLUMN_ORDER,
                    fixable: false,
                });
            }
        }
        self.column_order.push((c, standard));
    }

    /// Fills template row `i` with the figures of `at` (a second row for it is a duplicate).
    fn fill(&mut self, i: usize, at: &At<'a>, labels: &[(&Cell, &Label)]) {
        let t = self.t;
        let n_cols = t.columns.len();
        let text = || {
            labels
                .last()
                .map(|(_, l)| l.text.clone())
                .unwrap_or_default()
        };
        if self.filled[i] {
            self.reader.unknown(
                at,
                text(),
                TableKind::Applications,
                UnknownReason::Duplicate,
            );
            return;
        }
        self.filled[i] = true;
        self.last_row = Some(i);
        // Named with its group: `1.`…`3.其他` recur under （三）…（六）.
        let name = || crate::analysis::rules::application_row_name(t, i, &t.rows[i].label);
        let (slots, extra, _) =
            self.reader
                .slots(at, &t.columns, |_| ValueKind::Count, String::as_str, &name);
        if extra > 0 {
            self.reader.unknown(
                at,
                text(),
                TableKind::Applications,
                UnknownReason::ExtraValues {
                    found: n_cols + extra,
                    expected: n_cols,
                },
            );
        }
        self.grid[i] = GridRow {
            name: t.rows[i].label.as_str(),
            label_range: labels.last().map(|(c, _)| at.abs(&c.range)),
            row_range: Some(at.abs(&at.row.range)),
            slot_range: slots,
            group: false,
        };
        self.row_at[i] = Some(*at);
    }

    /// The value rows not found: each column's slot absent.
    fn absent_rows(&mut self) {
        let n_cols = self.t.columns.len();
        for (i, r) in self.t.rows.iter().enumerate() {
            if !r.group && !self.filled[i] {
                self.grid[i].slot_range = self.reader.absent_slots(n_cols);
            }
        }
    }

    /// A heading whose figures never came: its row is there without figures.
    fn flush_heading(&mut self) {
        if let Some((i, at, _)) = self.heading.take() {
            if !self.filled[i] {
                let labels: Vec<(&Cell, &Label)> = at.labels().collect();
                self.fill(i, &at, &labels);
            }
        }
    }

    /// Required rows that are not there, each where it belongs, with a row to insert.
    fn report_missing_rows(&mut self, head_range: &Range<usize>) {
        let t = self.t;
        let n_cols = t.columns.len();
        let collapsed_children: Vec<usize> = self
            .collapsed_other
            .map(|g| {
                let id = &t.rows[g].id;
                t.rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.parent.as_deref() == Some(id.as_str()))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        for (i, spec) in t.rows.iter().enumerate() {
            if spec.group || self.filled[i] || collapsed_children.contains(&i) {
                continue;
            }
            let next = (i + 1..t.rows.len()).find_map(|j| self.row_at[j]);
            let prev = (0..i).rev().find_map(|j| self.row_at[j]);
            let (anchor, insert) = match (next, prev) {
                (Some(a), _) => (
                    a.abs(&a.row.range),
                    Some((
                        a.start + a.row.line_start,
                        skeleton(&a, spec.label.as_str(), n_cols),
                    )),
                ),
                (None, Some(a)) => (a.abs(&a.row.range), None),
                (None, None) => (head_range.clone(), None),
            };
            self.reader.model.missing_rows.push(MissingRow {
                table: TableKind::Applications,
                label: spec.label.as_str(),
                at: anchor,
                block: false,
                insert,
            });
        }
    }
}
