//! The two template editions as data (`templates/*.toml`, compiled into the binary), and the
//! label vocabulary built from them.
//!
//! A provincial extra table or a future edition is a change to the TOML files, not to code.

// foldhash: the keys are short strings looked up for every label; SipHash cost more than the
// lookups themselves. Seeded per process, so crafted labels cannot force collisions.
use foldhash::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::text::{normalize_label, without_note};
use super::Edition;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    #[serde(rename = "edition", deserialize_with = "de_edition")]
    pub edition: Edition,
    /// The 文号 that issued this edition.
    pub document: String,
    pub sections: Vec<SectionSpec>,
    pub active: ActiveSpec,
    pub applications: ApplicationsSpec,
    pub reviews: ReviewsSpec,
}

fn de_edition<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Edition, D::Error> {
    match u16::deserialize(d)? {
        2019 => Ok(Edition::E2019),
        2021 => Ok(Edition::E2021),
        other => Err(serde::de::Error::custom(format!("unknown edition {other}"))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    /// Table 二 主动公开政府信息情况.
    Active,
    /// Table 三 收到和处理政府信息公开申请情况.
    Applications,
    /// Table 四 行政复议、行政诉讼情况.
    Reviews,
}

impl TableKind {
    pub const ALL: [TableKind; 3] = [
        TableKind::Active,
        TableKind::Applications,
        TableKind::Reviews,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The section number that holds the table.
    pub fn section(self) -> u32 {
        match self {
            TableKind::Active => 2,
            TableKind::Applications => 3,
            TableKind::Reviews => 4,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            TableKind::Active => "表二 主动公开政府信息情况",
            TableKind::Applications => "表三 收到和处理政府信息公开申请情况",
            TableKind::Reviews => "表四 行政复议、行政诉讼情况",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    pub number: u32,
    pub title: String,
    #[serde(default)]
    pub accepted: Vec<String>,
    #[serde(default)]
    pub table: Option<TableKind>,
    #[serde(default)]
    pub topics: Vec<TopicSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicSpec {
    pub name: String,
    pub words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActiveSpec {
    pub name: String,
    pub first_header: String,
    pub blocks: Vec<ActiveBlockSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActiveBlockSpec {
    pub label: String,
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub label: String,
    pub kind: ValueKind,
}

/// What a value cell of a column may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// A non-negative integer.
    Count,
    /// An integer that may carry a sign or 增/减.
    Signed,
    /// A decimal amount that may carry 元 or 万元.
    Money,
    /// A decimal amount in 万元 (the header says so).
    MoneyWan,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationsSpec {
    pub name: String,
    pub columns: Vec<String>,
    pub headers: Vec<String>,
    pub rows: Vec<RowSpec>,
    pub row_total: RowTotalSpec,
    pub column_totals: Vec<ColumnTotalSpec>,
    pub balance: BalanceSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub parent: Option<String>,
    /// A group header carries no values; its children do.
    #[serde(default)]
    pub group: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowTotalSpec {
    pub total: usize,
    pub parts: Vec<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnTotalSpec {
    pub total: String,
    /// Row ids; `x-*` means every row whose parent is `x`.
    pub parts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BalanceSpec {
    pub left: Vec<String>,
    pub right: Vec<String>,
    /// The row whose cell a broken balance points at.
    pub at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewsSpec {
    pub name: String,
    pub headers: Vec<String>,
    pub columns: Vec<String>,
    pub row_totals: Vec<RowTotalSpec>,
}

impl ApplicationsSpec {
    pub fn row_index(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    /// Row indices named by a part pattern (`denied-*` → the children of `denied`).
    pub fn expand(&self, pattern: &str) -> Vec<usize> {
        match pattern.strip_suffix("-*") {
            Some(parent) => self
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.parent.as_deref() == Some(parent))
                .map(|(i, _)| i)
                .collect(),
            None => self.row_index(pattern).into_iter().collect(),
        }
    }
}

impl Template {
    pub fn get(edition: Edition) -> &'static Template {
        let templates = templates();
        match edition {
            Edition::E2019 => &templates.0,
            Edition::E2021 => &templates.1,
        }
    }

    pub fn section(&self, number: u32) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.number == number)
    }
}

fn templates() -> &'static (Template, Template) {
    static TEMPLATES: OnceLock<(Template, Template)> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let parse = |name: &str, text: &str| -> Template {
            toml::from_str(text)
                .unwrap_or_else(|err| panic!("built-in template {name} is malformed: {err}"))
        };
        (
            parse("2019.toml", include_str!("templates/2019.toml")),
            parse("2021.toml", include_str!("templates/2021.toml")),
        )
    })
}

/// Where a standard label belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    SectionTitle(u32),
    /// `信息内容`, the first header cell of every block of table 二.
    ActiveFirstHeader,
    /// A `第二十条第（X）项` block header (index into `active.blocks`).
    ActiveBlock(usize),
    ActiveColumn {
        block: usize,
        column: usize,
    },
    ActiveRow {
        block: usize,
        row: usize,
    },
    ApplicationsHeader(usize),
    ApplicationsColumn(usize),
    ApplicationsRow(usize),
    ReviewsHeader(usize),
}

impl Role {
    /// Labels that head a block, a group or a column rather than a row of figures.
    pub fn is_group_or_header(self) -> bool {
        !matches!(self, Role::ActiveRow { .. } | Role::ApplicationsRow(_))
    }

    pub fn table(self) -> Option<TableKind> {
        match self {
            Role::SectionTitle(_) => None,
            Role::ActiveFirstHeader
            | Role::ActiveBlock(_)
            | Role::ActiveColumn { .. }
            | Role::ActiveRow { .. } => Some(TableKind::Active),
            Role::ApplicationsHeader(_)
            | Role::ApplicationsColumn(_)
            | Role::ApplicationsRow(_) => Some(TableKind::Applications),
            Role::ReviewsHeader(_) => Some(TableKind::Reviews),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LabelRef {
    pub edition: Edition,
    pub role: Role,
}

/// One standard label with its comparison forms.
#[derive(Debug, Clone)]
pub struct StandardLabel {
    pub at: LabelRef,
    pub text: &'static str,
    pub norm: String,
    pub core: String,
    /// Labels with the same comparison form share an id (similarities are cached per id).
    pub core_id: u16,
}

/// Every standard label of both editions, with exact lookup by normalised text.
#[derive(Debug)]
pub struct Vocabulary {
    pub labels: Vec<StandardLabel>,
    exact: HashMap<String, Vec<usize>>,
    /// Standard text → index, for the comparison form of a template label.
    by_text: HashMap<&'static str, usize>,
    /// The distinct comparison forms, by core id, and their characters sorted.
    cores: Vec<String>,
    core_chars: Vec<Vec<char>>,
    /// Core ids of the section titles.
    title_cores: Vec<u16>,
}

impl Vocabulary {
    pub fn get() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(Vocabulary::build)
    }

    fn build() -> Vocabulary {
        let mut labels = Vec::new();
        for t in [Template::get(Edition::E2019), Template::get(Edition::E2021)] {
            let edition = t.edition;
            let mut add = |role: Role, text: &'static str| {
                let norm = normalize_label(text);
                let core = without_note(&norm).to_string();
                labels.push(StandardLabel {
                    at: LabelRef { edition, role },
                    text,
                    norm,
                    core,
                    core_id: 0,
                });
            };
            for s in &t.sections {
                add(Role::SectionTitle(s.number), s.title.as_str());
            }
            add(Role::ActiveFirstHeader, t.active.first_header.as_str());
            for (b, block) in t.active.blocks.iter().enumerate() {
                add(Role::ActiveBlock(b), block.label.as_str());
                for (c, col) in block.columns.iter().enumerate() {
                    add(
                        Role::ActiveColumn {
                            block: b,
                            column: c,
                        },
                        col.label.as_str(),
                    );
                }
                for (r, row) in block.rows.iter().enumerate() {
                    add(Role::ActiveRow { block: b, row: r }, row.as_str());
                }
            }
            for (i, h) in t.applications.headers.iter().enumerate() {
                add(Role::ApplicationsHeader(i), h.as_str());
            }
            for (i, c) in t.applications.columns.iter().enumerate() {
                add(Role::ApplicationsColumn(i), c.as_str());
            }
            for (i, r) in t.applications.rows.iter().enumerate() {
                add(Role::ApplicationsRow(i), r.label.as_str());
            }
            for (i, h) in t.reviews.headers.iter().enumerate() {
                add(Role::ReviewsHeader(i), h.as_str());
            }
        }
        let mut exact: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, l) in labels.iter().enumerate() {
            exact.entry(l.norm.clone()).or_default().push(i);
            if l.core != l.norm {
                exact.entry(l.core.clone()).or_default().push(i);
            }
        }
        let mut cores: Vec<String> = Vec::new();
        for l in &mut labels {
            let id = match cores.iter().position(|c| *c == l.core) {
                Some(id) => id,
                None => {
                    cores.push(l.core.clone());
                    cores.len() - 1
                }
            };
            l.core_id = id as u16;
        }
        let by_text = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.text, i))
            .collect();
        let core_chars = cores
            .iter()
            .map(|c| {
                let mut chars: Vec<char> = c.chars().collect();
                chars.sort_unstable();
                chars
            })
            .collect();
        let mut title_cores: Vec<u16> = labels
            .iter()
            .filter(|l| matches!(l.at.role, Role::SectionTitle(_)))
            .map(|l| l.core_id)
            .collect();
        // Ascending and distinct, as `similar_among` returns them (looked up by binary search).
        title_cores.sort_unstable();
        title_cores.dedup();
        Vocabulary {
            labels,
            exact,
            by_text,
            cores,
            core_chars,
            title_cores,
        }
    }

    /// Similarities of a written label (normalised) to every distinct standard label form,
    /// keeping those of at least 0.3, sorted by core id. Computed once per parsed label, so
    /// fuzzy matching costs nothing when an edit leaves the label's block alone.
    pub fn similar(&self, norm: &str) -> Vec<(u16, f32)> {
        self.similar_among(norm, 0..self.cores.len() as u16)
    }

    /// [`Vocabulary::similar`] against section titles only (for headings).
    pub fn similar_titles(&self, norm: &str) -> Vec<(u16, f32)> {
        self.similar_among(norm, self.title_cores.iter().copied())
    }

    /// Similarities to the cores `ids` (ascending).
    fn similar_among(&self, norm: &str, ids: impl Iterator<Item = u16>) -> Vec<(u16, f32)> {
        let written = without_note(norm);
        let mut written_chars: Vec<char> = written.chars().collect();
        written_chars.sort_unstable();
        ids.filter_map(|id| {
            let core = self.cores.get(id as usize)?;
            let chars = self.core_chars.get(id as usize)?;
            Some((id as usize, (core, chars)))
        })
        .filter_map(|(id, (core, chars))| {
            // Characters in common bound the similarity from above (an edit distance is at
            // least the longer length minus the common characters): skip hopeless pairs
            // without running the distance.
            let longest = written_chars.len().max(chars.len()).max(1);
            let length_bound =
                1.0 - written_chars.len().abs_diff(chars.len()) as f64 / longest as f64;
            if length_bound < 0.3 || (common(&written_chars, chars) as f64) / (longest as f64) < 0.3
            {
                return None;
            }
            let sim = similarity(written, core);
            (sim >= 0.3).then_some((id as u16, sim as f32))
        })
        .collect()
    }

    /// The cached similarity of a written label to the standard label `standard` (0 when
    /// below 0.3 or not a template label).
    pub fn cached_similarity(&self, fuzzy: &[(u16, f32)], standard: &str) -> f64 {
        let Some(&i) = self.by_text.get(standard) else {
            return 0.0;
        };
        let id = self.labels[i].core_id;
        fuzzy
            .binary_search_by_key(&id, |f| f.0)
            .map_or(0.0, |k| fuzzy[k].1 as f64)
    }

    /// The normalised form of a standard label's text.
    pub fn norm_of(&self, standard: &str) -> Option<&str> {
        self.by_text
            .get(standard)
            .map(|&i| self.labels[i].norm.as_str())
    }

    /// The comparison form (normalised, without a filling note) of a standard label's text.
    pub fn core_of(&self, standard: &str) -> Option<&str> {
        self.by_text
            .get(standard)
            .map(|&i| self.labels[i].core.as_str())
    }

    /// Standard labels equal to a normalised label, or to its part before a filling note.
    pub fn exact(&self, norm: &str) -> &[usize] {
        if let Some(hits) = self.exact.get(norm) {
            return hits;
        }
        let core = without_note(norm);
        if core.len() != norm.len() {
            if let Some(hits) = self.exact.get(core) {
                return hits;
            }
        }
        &[]
    }

    /// Whether the label exists in `edition` only (a tell-tale of that edition).
    pub fn only_in(&self, index: usize) -> bool {
        let label = &self.labels[index];
        !self
            .exact(&label.norm)
            .iter()
            .any(|&i| self.labels[i].at.edition != label.at.edition)
    }
}

/// The size of the multiset intersection of two sorted character lists.
fn common(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How alike two labels are, from 0 (nothing shared) to 1 (equal): 1 − OSA distance over
/// characters ÷ the longer length. Transpositions (`上年转结` / `上年结转`) cost one edit.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    // The length difference alone bounds the score; skip the distance when it cannot matter.
    let bound = 1.0 - la.abs_diff(lb) as f64 / longest as f64;
    if bound < 0.4 {
        return bound;
    }
    1.0 - strsim::osa_distance(a, b) as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_relations_name_real_rows() {
        for edition in [Edition::E2019, Edition::E2021] {
            let t = Template::get(edition);
            assert_eq!(t.sections.len(), 6);
            let apps = &t.applications;
            assert_eq!(apps.columns.len(), 7);
            for ct in &apps.column_totals {
                assert!(apps.row_index(&ct.total).is_some());
                for p in &ct.parts {
                    assert!(!apps.expand(p).is_empty(), "{p} names no row");
                }
            }
            for id in apps.balance.left.iter().chain(&apps.balance.right) {
                assert!(apps.row_index(id).is_some(), "{id}");
            }
            for r in &apps.rows {
                if let Some(p) = &r.parent {
                    assert!(apps.row_index(p).is_some(), "{p}");
                }
            }
            assert_eq!(t.reviews.columns.len(), 15);
        }
        let t19 = Template::get(Edition::E2019);
        let t21 = Template::get(Edition::E2021);
        assert_eq!(t19.active.blocks.len(), 5);
        assert_eq!(t21.active.blocks.len(), 4);
        // 2019: 19 value rows add up to （七）总计; 2021: （六） becomes a group of three.
        let value_parts = |t: &Template| {
            t.applications.column_totals[0]
                .parts
                .iter()
                .map(|p| t.applications.expand(p).len())
                .sum::<usize>()
        };
        assert_eq!(value_parts(t19), 19);
        assert_eq!(value_parts(t21), 21);
    }

    #[test]
    fn edition_only_labels() {
        let v = Vocabulary::get();
        let find = |text: &str, edition: Edition| {
            v.exact(&normalize_label(text))
                .iter()
                .copied()
                .find(|&i| v.labels[i].at.edition == edition)
        };
        let gui = find("规范性文件", Edition::E2019);
        assert!(gui.is_some_and(|i| v.only_in(i)));
        let guizhang = find("规章", Edition::E2021);
        assert!(guizhang.is_some_and(|i| !v.only_in(i)));
    }

    #[test]
    fn similarity_counts_transpositions_once() {
        assert!(similarity("上年转结", "上年结转") >= 0.75);
        assert!(similarity("本年新", "本年新制作数量") < 0.5);
    }
}
