//! Reads table 二 (主动公开政府信息情况) row by row: a `第二十条第（X）项` label opens its block,
//! a row without figures is the block's header (信息内容 then its columns, by position), a row
//! with figures fills the block row its label names; then the blocks and rows not found are
//! listed.

use std::ops::Range;

use super::{article_item, exactness, skeleton, template, At, Reader, RowLabels, Standard};
use crate::analysis::blocks::{Cell, Label};
use crate::analysis::model::{
    ActiveBlockModel, GridRow, LabelMatch, MissingRow, Quality, TableModel, UnknownReason,
};
use crate::analysis::template::{
    ActiveBlockSpec, ActiveSpec, StandardLabel, TableKind, Vocabulary,
};
use crate::analysis::Edition;

/// Reads table 二 from its rows.
pub(super) fn read(reader: &mut Reader, rows: &[At], range: Range<usize>) -> TableModel {
    let head_range = rows
        .first()
        .map(|a| a.abs(&a.row.range))
        .unwrap_or(range.clone());
    let mut table = Active::new(reader);
    for at in rows {
        table.read_row(at);
    }
    table.report_missing(&head_range);
    table.absent_rows();
    let Active {
        reader,
        grid,
        blocks,
        ..
    } = table;
    TableModel {
        kind: TableKind::Active,
        edition: reader.edition,
        follows_other_edition: false,
        range,
        head_range,
        columns: Vec::new(),
        rows: grid,
        slots: std::mem::take(&mut reader.slots),
        active_blocks: blocks,
        collapsed_other: None,
    }
}

/// Whether `norm` holds `(<item>)`, looked for without writing it out (every item label of
/// table 二 is asked of every block label): its bytes searched for `(`, cheaper than a search
/// for the character.
fn names_item(norm: &str, item: &str) -> bool {
    let (norm, item) = (norm.as_bytes(), item.as_bytes());
    memchr::memchr_iter(b'(', norm).any(|at| {
        let after = norm.get(at + 1..).and_then(|rest| rest.strip_prefix(item));
        after.is_some_and(|rest| rest.starts_with(b")"))
    })
}

/// Which template row a value row's label names.
struct RowMatch {
    block: usize,
    /// `None`: a row only another edition has (so no row of this block).
    row: Option<usize>,
    quality: Quality,
    standard: &'static str,
}

/// The state of reading table 二.
struct Active<'r, 'm, 'a> {
    reader: &'r mut Reader<'m>,
    spec: &'static ActiveSpec,
    /// The other editions, the one whose labels the table matches best first.
    others: Vec<Edition>,
    /// Every block's rows, in template order.
    grid: Vec<GridRow>,
    blocks: Vec<ActiveBlockModel>,
    /// The row of `grid` each template row was found in.
    row_at: Vec<Option<At<'a>>>,
    /// The block the rows being read belong to (the last block label seen).
    current: Option<usize>,
    /// Each block's row labels with their forms: the vocabulary's, kept for each edition in
    /// the template's order.
    row_labels: Vec<&'static [StandardLabel]>,
    /// The first header (信息内容) with its forms, looked up once for the table: every header
    /// cell is compared with it.
    first_header: Standard<'static>,
    /// Rows under a block of another edition (or an unknown block) are not this edition's.
    skipping: bool,
    /// The row of the current block expected next.
    next_row_in_block: usize,
    /// The labels of the row being read.
    labels: RowLabels<'a>,
}

impl<'r, 'm, 'a> Active<'r, 'm, 'a> {
    fn new(reader: &'r mut Reader<'m>) -> Self {
        let edition = reader.edition;
        let spec = &template(edition).active;
        // Every template row gets its slots once (read, or absent at the end): one list sized
        // for them all.
        let n_slots = spec
            .blocks
            .iter()
            .map(|b| b.rows.len() * b.columns.len())
            .sum();
        reader.slots.reserve(n_slots);
        let others = reader.others.clone();
        let mut grid = Vec::with_capacity(spec.blocks.iter().map(|b| b.rows.len()).sum());
        let mut blocks = Vec::with_capacity(spec.blocks.len());
        for (b, block) in spec.blocks.iter().enumerate() {
            blocks.push(ActiveBlockModel {
                template_block: b,
                label_range: None,
                first_row: grid.len(),
                n_rows: block.rows.len(),
            });
            for r in &block.rows {
                grid.push(GridRow {
                    name: r.as_str(),
                    label_range: None,
                    row_range: None,
                    // Set when the row is read, else to absent slots at the end.
                    slot_range: 0..0,
                    group: false,
                });
            }
        }
        let row_at = vec![None; grid.len()];
        let vocabulary = Vocabulary::get();
        let row_labels = (0..spec.blocks.len())
            .map(|b| vocabulary.active_rows(edition, b))
            .collect();
        Active {
            reader,
            spec,
            others,
            grid,
            blocks,
            row_at,
            row_labels,
            first_header: Standard::new(&spec.first_header),
            current: None,
            skipping: false,
            next_row_in_block: 0,
            labels: RowLabels::default(),
        }
    }

    /// The rows not found: each column's slot absent.
    fn absent_rows(&mut self) {
        for (b, block) in self.blocks.iter().enumerate() {
            let n_cols = self.spec.blocks[b].columns.len();
            for gi in block.first_row..block.first_row + block.n_rows {
                if self.row_at[gi].is_none() {
                    self.grid[gi].slot_range = self.reader.absent_slots(n_cols);
                }
            }
        }
    }

    fn read_row(&mut self, at: &At<'a>) {
        let labels = self.labels.take(at);
        self.read_row_with(at, &labels);
        self.labels.put_back(labels);
    }

    fn read_row_with(&mut self, at: &At<'a>, labels: &[(&'a Cell, &'a Label)]) {
        let Some(&(first_cell, first_label)) = labels.first() else {
            return;
        };
        let mut header_labels = labels;
        if let Some(item) = article_item(first_label) {
            header_labels = &labels[1..];
            self.open_block(at, first_cell, first_label, item);
            if header_labels.is_empty() {
                return;
            }
        }
        if self.skipping {
            return;
        }
        if at.has_values() {
            self.read_value_row(at, labels);
        } else {
            self.read_header(at, header_labels);
        }
    }

    /// A `第二十条第（X）项` label: a block of this edition, of another edition, or unknown.
    fn open_block(&mut self, at: &At, cell: &Cell, label: &Label, item: &str) {
        // The block of an edition whose label names the item (the vocabulary's labels of an
        // edition's blocks are in its template's order, with their normal forms).
        let vocabulary = Vocabulary::get();
        let find =
            |e: Edition| (vocabulary.active_blocks(e)).position(|l| names_item(&l.norm, item));
        if let Some(b) = find(self.reader.edition) {
            self.current = Some(b);
            self.skipping = false;
            self.next_row_in_block = 0;
            self.blocks[b].label_range = Some(at.abs(&cell.range));
            let standard = self.spec.blocks[b].label.as_str();
            let q = exactness(label, standard).unwrap_or(Quality::Punctuation);
            self.reader
                .push_label(at, cell, label, standard, q, "表二 block");
        } else if let Some((e, b)) = self.others.iter().find_map(|&e| Some((e, find(e)?))) {
            self.current = None;
            self.skipping = true;
            self.reader.model.labels.push(LabelMatch {
                range: at.abs(&cell.range),
                written: label.text.clone(),
                standard: template(e).active.blocks[b].label.as_str(),
                quality: Quality::OtherEdition(e),
                place: "表二 block",
                fixable: false,
            });
        } else {
            self.current = None;
            self.skipping = true;
            self.reader.unknown(
                at,
                label.text.clone(),
                TableKind::Active,
                UnknownReason::NoMatch,
            );
        }
    }

    /// A header row: 信息内容 then the current block's columns, by position.
    fn read_header(&mut self, at: &At, labels: &[(&Cell, &Label)]) {
        let Some(b) = self.current else { return };
        let block = &self.spec.blocks[b];
        let mut position = 0;
        for (cell, label) in labels {
            if self.first_header.exactness(label).is_some() {
                continue;
            }
            let Some(col) = block.columns.get(position) else {
                break;
            };
            position += 1;
            let (q, fixable) = self.column_quality(block, label, &col.label);
            if q != Quality::Exact {
                self.reader.model.labels.push(LabelMatch {
                    range: at.abs(&cell.range),
                    written: label.text.clone(),
                    standard: col.label.as_str(),
                    quality: q,
                    place: "表二 column",
                    fixable: fixable && !cell.interrupted,
                });
            }
        }
    }

    /// How a header cell compares with the column at its place, and whether renaming it is
    /// sound.
    fn column_quality(
        &self,
        block: &ActiveBlockSpec,
        label: &Label,
        standard: &str,
    ) -> (Quality, bool) {
        if let Some(q) = exactness(label, standard) {
            return (q, true);
        }
        // A standard header of this block in another place: columns swapped; renaming would
        // put the figures under the wrong header.
        if block
            .columns
            .iter()
            .any(|c| exactness(label, &c.label).is_some())
        {
            return (Quality::Reworded, false);
        }
        let other_column = self.others.iter().copied().find(|&e| {
            (template(e).active.blocks.iter())
                .find(|ob| ob.label == block.label)
                .is_some_and(|ob| {
                    ob.columns
                        .iter()
                        .any(|c| exactness(label, &c.label).is_some())
                })
        });
        match other_column {
            // Another edition's column counts something else: no rename.
            Some(e) => (Quality::OtherEdition(e), false),
            None => (Quality::Reworded, true),
        }
    }

    /// A row with figures: the block row its label names gets them.
    fn read_value_row(&mut self, at: &At<'a>, labels: &[(&Cell, &Label)]) {
        let Some(&(cell, label)) = labels.last() else {
            return;
        };
        let Some(found) = self.match_row(label) else {
            self.reader.unknown(
                at,
                label.text.clone(),
                TableKind::Active,
                UnknownReason::NoMatch,
            );
            return;
        };
        let Some(r) = found.row else {
            // A row only another edition has (其他对外管理服务事项 in a 2021 report).
            self.reader.model.labels.push(LabelMatch {
                range: at.abs(&cell.range),
                written: label.text.clone(),
                standard: "",
                quality: found.quality,
                place: "表二 row",
                fixable: false,
            });
            return;
        };
        let b = found.block;
        self.current = Some(b);
        self.next_row_in_block = r + 1;
        if found.quality != Quality::Exact {
            self.reader.model.labels.push(LabelMatch {
                range: at.abs(&cell.range),
                written: label.text.clone(),
                standard: found.standard,
                quality: found.quality,
                place: "表二 row",
                fixable: !cell.interrupted,
            });
        }
        let gi = self.blocks[b].first_row + r;
        if self.row_at[gi].is_some() {
            self.reader.unknown(
                at,
                label.text.clone(),
                TableKind::Active,
                UnknownReason::Duplicate,
            );
            return;
        }
        let columns = &self.spec.blocks[b].columns;
        let (slots, extra, _) =
            self.reader
                .slots(at, columns, |c| c.kind, |c| c.label.as_str(), &|| {
                    found.standard.to_owned()
                });
        if extra > 0 {
            self.reader.unknown(
                at,
                label.text.clone(),
                TableKind::Active,
                UnknownReason::ExtraValues {
                    found: columns.len() + extra,
                    expected: columns.len(),
                },
            );
        }
        let row = &mut self.grid[gi];
        row.label_range = Some(at.abs(&cell.range));
        row.row_range = Some(at.abs(&at.row.range));
        row.slot_range = slots;
        self.row_at[gi] = Some(*at);
    }

    /// Which block and row of table 二 a row label is: exact in the current block, exact in
    /// another block, another edition's label, close wording (helped by the place).
    fn match_row(&self, label: &Label) -> Option<RowMatch> {
        let spec = self.spec;
        let in_block = |b: usize| -> Option<RowMatch> {
            let rows = self.row_labels.get(b)?;
            rows.iter().enumerate().find_map(|(r, s)| {
                Standard::of(s).exactness(label).map(|quality| RowMatch {
                    block: b,
                    row: Some(r),
                    quality,
                    standard: s.text,
                })
            })
        };
        if let Some(found) = self.current.and_then(in_block) {
            return Some(found);
        }
        if let Some(found) = (0..spec.blocks.len()).find_map(in_block) {
            return Some(found);
        }
        if let Some(found) = self.other_edition_row(label) {
            return Some(found);
        }
        let mut best: Option<((usize, usize), f64)> = None;
        for (b, block) in self.row_labels.iter().enumerate() {
            for (r, s) in block.iter().enumerate() {
                let mut score = Vocabulary::similarity_to(&label.fuzzy, s);
                if Some(b) == self.current {
                    score += 0.1;
                    if r == self.next_row_in_block {
                        score += 0.1;
                    }
                }
                if best.is_none_or(|x| score > x.1) {
                    best = Some(((b, r), score));
                }
            }
        }
        best.filter(|x| x.1 >= 0.6).map(|((b, r), _)| RowMatch {
            block: b,
            row: Some(r),
            quality: Quality::Reworded,
            standard: spec.blocks[b].rows[r].as_str(),
        })
    }

    /// Another edition's label for a row (规范性文件 in a 2021 report): the row at the same
    /// place of the same block is a renamed row (规范性文件 → 行政规范性文件); otherwise the row
    /// was dropped.
    fn other_edition_row(&self, label: &Label) -> Option<RowMatch> {
        let spec = self.spec;
        let other_blocks = (self.others.iter()).flat_map(|&e| {
            let blocks = &template(e).active.blocks;
            blocks.iter().map(move |b| (e, b))
        });
        for (e, oblock) in other_blocks {
            for (r, s) in oblock.rows.iter().enumerate() {
                if exactness(label, s).is_none() {
                    continue;
                }
                let same_block = spec.blocks.iter().position(|blk| blk.label == oblock.label);
                let Some(b) = same_block.or(self.current) else {
                    continue;
                };
                let renamed = spec.blocks[b]
                    .rows
                    .get(r)
                    .filter(|_| spec.blocks[b].label == oblock.label);
                return Some(RowMatch {
                    block: b,
                    row: renamed.map(|_| r),
                    quality: Quality::OtherEdition(e),
                    standard: renamed.map_or("", String::as_str),
                });
            }
        }
        None
    }

    /// Blocks and rows the template requires that are not there, each where it belongs (a row
    /// with a skeleton to insert when a row after it in its block is there).
    fn report_missing(&mut self, head_range: &Range<usize>) {
        let spec = self.spec;
        for (b, block) in spec.blocks.iter().enumerate() {
            let model_block = &self.blocks[b];
            let rows = model_block.first_row..model_block.first_row + model_block.n_rows;
            let rows_found = rows.clone().any(|gi| self.row_at[gi].is_some());
            if model_block.label_range.is_none() && !rows_found {
                // Where the block belongs: before the next block found, else after the last row.
                let next =
                    (b + 1..spec.blocks.len()).find_map(|nb| self.blocks[nb].label_range.clone());
                let last_row = self
                    .row_at
                    .iter()
                    .flatten()
                    .last()
                    .map(|a| a.abs(&a.row.range));
                self.reader.model.missing_rows.push(MissingRow {
                    table: TableKind::Active,
                    label: block.label.as_str(),
                    at: next.or(last_row).unwrap_or_else(|| head_range.clone()),
                    block: true,
                    insert: None,
                });
                continue;
            }
            for (r, row) in block.rows.iter().enumerate() {
                let gi = model_block.first_row + r;
                if self.row_at[gi].is_some() {
                    continue;
                }
                let next = (gi + 1..rows.end).find_map(|j| self.row_at[j]);
                let prev = (rows.start..gi).rev().find_map(|j| self.row_at[j]);
                let (anchor, insert) = match (next, prev) {
                    (Some(a), _) => (
                        a.abs(&a.row.range),
                        Some((
                            a.start + a.row.line_start,
                            skeleton(&a, row.as_str(), block.columns.len()),
                        )),
                    ),
                    (None, Some(a)) => (a.abs(&a.row.range), None),
                    (None, None) => (
                        model_block
                            .label_range
                            .clone()
                            .unwrap_or_else(|| head_range.clone()),
                        None,
                    ),
                };
                self.reader.model.missing_rows.push(MissingRow {
                    table: TableKind::Active,
                    label: row.as_str(),
                    at: anchor,
                    block: false,
                    insert,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_item;

    proptest::proptest! {
        /// The byte search finds `(<item>)` where a search for the character `(` does.
        #[test]
        fn names_item_is_the_search_for_the_character(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['第', '(', ')', '（', '项', '五', '十', '一', 'a']),
                0..12,
            ),
            item in proptest::sample::select(vec!["一", "五", "十一", "十"]),
        ) {
            let norm: String = chars.into_iter().collect();
            let by_char = norm.match_indices('(').any(|(at, _)| {
                let after = norm.get(at + 1..).and_then(|rest| rest.strip_prefix(item));
                after.is_some_and(|rest| rest.starts_with(')'))
            });
            proptest::prop_assert_eq!(names_item(&norm, item), by_char, "{}", norm);
        }
    }
}
