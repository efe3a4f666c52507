//! The template editions as data, and the label vocabulary built from them.
//!
//! Each edition is a `templates/*.toml` file: the years it applies to, the 文号 that issued it,
//! its sections (with the topic words section-content looks for) and its three tables. The
//! built-in editions are compiled in; an embedder (or a test) may add editions of its own with
//! [`add_editions`] once, before the first analysis. Nothing else in the analysis names an
//! edition: detection, table votes and "the other editions" all go through the registry.
//!
//! A provincial extra table or a future edition is a change to the TOML files, not to code.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

// foldhash: the keys are short strings looked up for every label; SipHash cost more than the
// lookups themselves. Seeded per process, so crafted labels cannot force collisions.
use foldhash::HashMap;
use regex::Regex;
use serde::Deserialize;

use super::text::{normalize_label, without_note};

/// The built-in editions, oldest first: their order is [`Edition::E2019`], [`Edition::E2021`].
const BUILT_IN: [(&str, &str); 2] = [
    ("2019.toml", include_str!("templates/2019.toml")),
    ("2021.toml", include_str!("templates/2021.toml")),
];

/// A template edition of the State Council's open-government office: one of the editions in
/// the registry (the built-in ones, then any added with [`add_editions`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edition(u8);

impl Edition {
    /// 国办公开办函〔2019〕60号 (built in), for the 2019 and 2020 reports.
    pub const E2019: Edition = Edition(0);
    /// 国办公开办函〔2021〕30号 (built in), for 2021 and later reports.
    pub const E2021: Edition = Edition(1);

    /// Every edition, oldest first.
    pub fn all() -> impl Iterator<Item = Edition> + Clone {
        Registry::get().by_year.iter().copied()
    }

    /// The edition that applies to the newest reports (assumed when nothing else decides).
    pub fn newest() -> Edition {
        let by_year = &Registry::get().by_year;
        by_year.last().copied().unwrap_or(Edition::E2021)
    }

    /// The edition named `s` (its year: `2019`, `2021`), if there is one.
    pub fn parse(s: &str) -> Option<Edition> {
        let s = s.trim();
        Edition::all().find(|e| e.name() == s)
    }

    /// The edition a report for `year` follows (spec "Edition detection"): the newest edition
    /// that had begun by then, unless it had ended.
    pub fn for_report_year(year: u16) -> Option<Edition> {
        Edition::all()
            .filter(|e| e.template().years.from <= year)
            .last()
            .filter(|e| e.template().years.to.is_none_or(|to| year <= to))
    }

    /// The year that names the edition (`2019`, `2021`).
    pub fn year(self) -> u16 {
        self.template().edition
    }

    /// The edition's name as written in `--edition` and `ogi-lint.toml`.
    pub fn name(self) -> &'static str {
        &self.template().name
    }

    /// The 文号 that issued it.
    pub fn document(self) -> &'static str {
        &self.template().document
    }

    /// The reports it applies to, in words: `2019 and 2020`, `2021 and later`, `2021 to 2024`
    /// (an edition without an end runs until the next one begins).
    pub fn applies_to(self) -> String {
        let from = self.template().years.from;
        let next = Edition::all()
            .map(|e| e.template().years.from)
            .filter(|&y| y > from)
            .min();
        let to = self
            .template()
            .years
            .to
            .or(next.map(|y| y.saturating_sub(1)));
        match to {
            None => format!("{from} and later"),
            Some(to) if to <= from => format!("{from}"),
            Some(to) if to == from + 1 => format!("{from} and {to}"),
            Some(to) => format!("{from} to {to}"),
        }
    }

    /// Position in the registry, for per-edition tables such as [`Votes`].
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn template(self) -> &'static Template {
        Template::get(self)
    }
}

impl fmt::Debug for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Registry::get().templates.get(self.index()) {
            Some(t) => write!(f, "Edition({})", t.edition),
            None => write!(f, "Edition(#{})", self.0),
        }
    }
}

/// Why [`add_editions`] refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionError {
    /// An analysis already ran (or editions were already added): the editions in force cannot
    /// change under it.
    AlreadyInUse,
    /// A template is not a valid edition (`name` is the name it was given under).
    Invalid { name: String, message: String },
}

impl fmt::Display for EditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditionError::AlreadyInUse => {
                f.write_str("editions can be added only once, before the first analysis")
            }
            EditionError::Invalid { name, message } => write!(f, "{name}: {message}"),
        }
    }
}

impl std::error::Error for EditionError {}

/// Adds editions to the built-in ones, for the rest of the process: each a `(name, text)` pair,
/// the text a template in the form of `templates/*.toml` and the name what errors call it.
///
/// Call it once, before the first analysis (or anything else that reads the editions, such as
/// [`Edition::all`]): the editions in force are fixed when first read (every cached label and
/// block relies on them), so a later call, or a second one, is refused with
/// [`EditionError::AlreadyInUse`] and changes nothing.
pub fn add_editions(templates: &[(&str, &str)]) -> Result<(), EditionError> {
    if REGISTRY.get().is_some() {
        return Err(EditionError::AlreadyInUse);
    }
    let registry = Registry::build(templates)?;
    REGISTRY
        .set(registry)
        .map_err(|_| EditionError::AlreadyInUse)
}

static REGISTRY: OnceLock<Registry> = OnceLock::new();

/// The editions in force: the built-in ones by year, then the added ones by year.
#[derive(Debug)]
pub struct Registry {
    /// By [`Edition::index`].
    templates: Vec<Template>,
    /// Every edition, oldest first.
    by_year: Vec<Edition>,
    /// The distinct topic words of every edition's sections, in order of first appearance
    /// (bit i of `Signals::topic_words` is word i).
    topic_words: Vec<String>,
}

/// Topic words are a bit set of this many bits per block.
const MAX_TOPIC_WORDS: usize = 64;

/// Editions are numbered by a byte; the vocabulary's label ids are 16 bits.
const MAX_EDITIONS: usize = 64;
// `Votes::count` keeps one bit per edition.
const _: () = assert!(MAX_EDITIONS <= 64);
const MAX_LABELS: usize = u16::MAX as usize;

impl Registry {
    /// The editions in force (the built-in ones, unless [`add_editions`] added more first).
    pub fn get() -> &'static Registry {
        REGISTRY.get_or_init(|| {
            Registry::build(&[]).unwrap_or_else(|err| panic!("built-in templates: {err}"))
        })
    }

    /// The built-in editions followed by `extra`, each checked on its own and against the
    /// others.
    fn build(extra: &[(&str, &str)]) -> Result<Registry, EditionError> {
        let parse = |(name, text): &(&str, &str)| -> Result<Template, EditionError> {
            let invalid = |message: String| EditionError::Invalid {
                name: name.to_string(),
                message,
            };
            let mut template: Template =
                toml::from_str(text).map_err(|err| invalid(err.message().to_string()))?;
            template.document_number = template.validate().map_err(invalid)?;
            template.applications.rows_found = template.applications.find_rows();
            template.applications.parents = template.applications.find_parents();
            template.name = template.edition.to_string();
            Ok(template)
        };
        let mut templates: Vec<Template> = BUILT_IN.iter().map(parse).collect::<Result<_, _>>()?;
        let mut added: Vec<(String, Template)> = extra
            .iter()
            .map(|entry| Ok((entry.0.to_string(), parse(entry)?)))
            .collect::<Result<_, EditionError>>()?;
        added.sort_by_key(|(_, t)| t.edition);
        let n_built_in = templates.len();
        let mut names: Vec<String> = vec![String::new(); n_built_in];
        for (name, template) in added {
            names.push(name);
            templates.push(template);
        }
        if templates.len() > MAX_EDITIONS {
            return Err(EditionError::Invalid {
                name: "editions".to_string(),
                message: format!("at most {MAX_EDITIONS} editions"),
            });
        }
        let name_of = |i: usize| names.get(i).cloned().unwrap_or_default();
        // Each added edition against every edition before it.
        for (i, t) in templates.iter().enumerate().skip(n_built_in) {
            let invalid = |message: String| EditionError::Invalid {
                name: name_of(i),
                message,
            };
            for other in &templates[..i] {
                if other.edition == t.edition {
                    return Err(invalid(format!("edition {} exists already", t.edition)));
                }
                if other.document_number == t.document_number {
                    return Err(invalid(format!(
                        "{} is the 文号 of edition {}",
                        t.document, other.edition
                    )));
                }
                if other.years.from == t.years.from {
                    return Err(invalid(format!(
                        "edition {} also begins in {}",
                        other.edition, t.years.from
                    )));
                }
            }
        }
        let mut by_year: Vec<Edition> = (0..templates.len() as u8).map(Edition).collect();
        by_year.sort_by_key(|e| templates[e.index()].years.from);
        // An edition that ends must end before the next one begins.
        for pair in by_year.windows(2) {
            let (first, second) = (&templates[pair[0].index()], &templates[pair[1].index()]);
            if first.years.to.is_some_and(|to| to >= second.years.from) {
                return Err(EditionError::Invalid {
                    name: name_of(pair[0].index().max(pair[1].index())),
                    message: format!(
                        "editions {} and {} both apply to {}",
                        first.edition, second.edition, second.years.from
                    ),
                });
            }
        }
        let mut topic_words: Vec<String> = Vec::new();
        for t in &templates {
            for word in t
                .sections
                .iter()
                .flat_map(|s| &s.topics)
                .flat_map(|t| &t.words)
            {
                if !topic_words.contains(word) {
                    topic_words.push(word.clone());
                }
            }
        }
        if topic_words.len() > MAX_TOPIC_WORDS {
            return Err(EditionError::Invalid {
                name: names.last().cloned().unwrap_or_default(),
                message: format!("more than {MAX_TOPIC_WORDS} topic words in all editions"),
            });
        }
        let n_labels: usize = templates.iter().map(Template::n_labels).sum();
        if n_labels > MAX_LABELS {
            return Err(EditionError::Invalid {
                name: names.last().cloned().unwrap_or_default(),
                message: format!("more than {MAX_LABELS} labels in all editions"),
            });
        }
        Ok(Registry {
            templates,
            by_year,
            topic_words,
        })
    }

    /// Every edition's topic words, distinct (bit i of a block's topic words is word i).
    pub fn topic_words(&self) -> &[String] {
        &self.topic_words
    }
}

/// The years of the reports an edition applies to: from `from`, through `to` or (without
/// `to`) until the next edition begins.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub from: u16,
    #[serde(default)]
    pub to: Option<u16>,
}

/// A 文号 such as `国办公开办函〔2021〕30号`: who issued it, the year and the number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentNumber {
    pub issuer: String,
    pub year: u16,
    pub number: u32,
}

impl DocumentNumber {
    /// The brackets a 文号's year is written in: 〔〕 officially, and what writers type instead.
    pub const OPEN: &'static str = r"[〔\[（(【]";
    pub const CLOSE: &'static str = r"[〕\]）)】]";

    pub fn parse(text: &str) -> Option<DocumentNumber> {
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = RE.get_or_init(|| {
            let pattern = format!(
                r"^\s*(\S+?)\s*{}\s*(\d{{4}})\s*{}\s*(\d+)\s*号\s*$",
                DocumentNumber::OPEN,
                DocumentNumber::CLOSE
            );
            Regex::new(&pattern).expect("static regex")
        });
        let c = re.captures(text)?;
        Some(DocumentNumber {
            issuer: c.get(1)?.as_str().to_string(),
            year: c.get(2)?.as_str().parse().ok()?,
            number: c.get(3)?.as_str().parse().ok()?,
        })
    }
}

/// One template edition, as its TOML file says.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The year that names the edition (`edition = 2021`).
    pub edition: u16,
    /// The reports it applies to.
    pub years: Years,
    /// The 文号 that issued this edition.
    pub document: String,
    /// `document`, read.
    #[serde(skip)]
    pub document_number: DocumentNumber,
    /// `edition` as text (what `--edition` takes).
    #[serde(skip)]
    pub name: String,
    pub sections: Vec<SectionSpec>,
    pub active: ActiveSpec,
    pub applications: ApplicationsSpec,
    pub reviews: ReviewsSpec,
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
    /// How this table follows on from last year's report of the same body
    /// (`carryover-mismatch`); a template without it is never compared across years.
    #[serde(default)]
    pub carryover: Option<CarryoverSpec>,
    /// The rows `column_totals` and `balance` name, found once when the template is loaded:
    /// the arithmetic reads them for every table 三.
    #[serde(skip)]
    pub rows_found: RelationRows,
    /// Each row's parent row (by `RowSpec::parent`), found once when the template is loaded:
    /// every table 三 walks its rows' groups.
    #[serde(skip)]
    pub parents: Vec<Option<usize>>,
}

/// [`ApplicationsSpec`]'s relations by row index.
#[derive(Debug, Default)]
pub struct RelationRows {
    /// Each of `column_totals` whose total row exists: that row, and its part rows.
    pub column_totals: Vec<(usize, Vec<usize>)>,
    /// `balance`'s left rows, right rows and the row it is reported at; `None` when a row
    /// it names does not exist.
    pub balance: Option<(Vec<usize>, Vec<usize>, usize)>,
}

/// Last year's row `from` (四、结转下年度继续办理) is this year's row `to` (二、上年结转…), column
/// by column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarryoverSpec {
    pub from: String,
    pub to: String,
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

    fn find_parents(&self) -> Vec<Option<usize>> {
        (self.rows.iter())
            .map(|r| r.parent.as_deref().and_then(|p| self.row_index(p)))
            .collect()
    }

    fn find_rows(&self) -> RelationRows {
        let column_totals = self
            .column_totals
            .iter()
            .filter_map(|ct| {
                let total = self.row_index(&ct.total)?;
                Some((
                    total,
                    ct.parts.iter().flat_map(|p| self.expand(p)).collect(),
                ))
            })
            .collect();
        let rows = |ids: &[String]| -> Option<Vec<usize>> {
            ids.iter().map(|id| self.row_index(id)).collect()
        };
        let b = &self.balance;
        let balance = match (rows(&b.left), rows(&b.right), self.row_index(&b.at)) {
            (Some(left), Some(right), Some(at)) => Some((left, right, at)),
            _ => None,
        };
        RelationRows {
            column_totals,
            balance,
        }
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
        let templates = &Registry::get().templates;
        // Editions come from the registry, so the index is always in range; the newest
        // built-in edition stands in rather than a panic.
        templates
            .get(edition.index())
            .or(templates.get(Edition::E2021.index()))
            .unwrap_or_else(|| unreachable!("the registry holds the built-in editions"))
    }

    pub fn section(&self, number: u32) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.number == number)
    }

    /// How many standard labels the edition has (its share of the vocabulary).
    fn n_labels(&self) -> usize {
        let active: usize = (self.active.blocks.iter())
            .map(|b| 1 + b.columns.len() + b.rows.len())
            .sum();
        let apps = &self.applications;
        self.sections.len()
            + 1
            + active
            + apps.headers.len()
            + apps.columns.len()
            + apps.rows.len()
            + self.reviews.headers.len()
    }

    /// Checks what the analysis relies on (the shape of the six sections and the three
    /// tables, and that every relation names rows and columns there are), and reads the 文号.
    fn validate(&self) -> Result<DocumentNumber, String> {
        let document = DocumentNumber::parse(&self.document).ok_or_else(|| {
            format!(
                "document \"{}\" is not a 文号 like 国办公开办函〔2021〕30号",
                self.document
            )
        })?;
        if let Some(to) = self.years.to {
            if to < self.years.from {
                return Err(format!("years: `to` ({to}) is before `from`"));
            }
        }
        let numbers: Vec<u32> = self.sections.iter().map(|s| s.number).collect();
        if numbers != [1, 2, 3, 4, 5, 6] {
            return Err(format!(
                "sections must be numbered 1 to 6 in order, not {numbers:?}"
            ));
        }
        for s in &self.sections {
            let table = TableKind::ALL.into_iter().find(|k| k.section() == s.number);
            if s.table != table {
                return Err(format!(
                    "section {} must hold {}",
                    s.number,
                    table.map_or("no table", TableKind::title)
                ));
            }
        }
        if self.active.blocks.is_empty()
            || self
                .active
                .blocks
                .iter()
                .any(|b| b.columns.is_empty() || b.rows.is_empty())
        {
            return Err("every block of table 二 needs columns and rows".to_string());
        }
        let apps = &self.applications;
        if apps.columns.len() != 7 || apps.headers.len() != 3 {
            return Err("table 三 has 7 columns and 3 header cells".to_string());
        }
        let mut ids: Vec<&str> = apps.rows.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != apps.rows.len() {
            return Err("table 三: two rows share an id".to_string());
        }
        for (i, row) in apps.rows.iter().enumerate() {
            if let Some(parent) = &row.parent {
                if apps.row_index(parent).is_none_or(|p| p >= i) {
                    return Err(format!(
                        "table 三: row {} names parent {parent}, which is not a row above it",
                        row.id
                    ));
                }
            }
        }
        let n_cols = apps.columns.len();
        let totals_fit = |t: &RowTotalSpec, n: usize| t.total < n && t.parts.iter().all(|&p| p < n);
        if !totals_fit(&apps.row_total, n_cols) {
            return Err("table 三: row_total names a column there is not".to_string());
        }
        for total in &apps.column_totals {
            if apps.row_index(&total.total).is_none() {
                return Err(format!("table 三: no row {}", total.total));
            }
            if let Some(p) = total.parts.iter().find(|p| apps.expand(p).is_empty()) {
                return Err(format!("table 三: column total part {p} names no row"));
            }
        }
        let balance = &apps.balance;
        let balance_rows = balance.left.iter().chain(&balance.right);
        if let Some(id) = balance_rows
            .chain([&balance.at])
            .find(|id| apps.row_index(id).is_none())
        {
            return Err(format!("table 三: the balance names no row {id}"));
        }
        if let Some(carryover) = &apps.carryover {
            if let Some(id) = [&carryover.from, &carryover.to].into_iter().find(|id| {
                let row = apps.row_index(id).and_then(|r| apps.rows.get(r));
                row.is_none_or(|row| row.group)
            }) {
                return Err(format!("table 三: the carryover names no value row {id}"));
            }
        }
        let reviews = &self.reviews;
        if reviews.columns.len() != 15 {
            return Err("table 四 has 15 columns".to_string());
        }
        if !reviews
            .row_totals
            .iter()
            .all(|t| totals_fit(t, reviews.columns.len()))
        {
            return Err("table 四: a row total names a column there is not".to_string());
        }
        Ok(document)
    }
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

/// Every standard label of every edition, with exact lookup by normalised text.
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
    /// Where each edition's table labels lie in `labels` (by [`Edition::index`]): a table
    /// reader takes its template's labels from here rather than looking each up by its text
    /// for every table.
    tables: Vec<TableLabels>,
    /// What each label votes for ([`Votes::count`]), by index into `labels`: its table's
    /// index times 64 plus its edition's index, or [`NO_VOTE`]. A byte per label read for every
    /// label cell of a table, rather than the label's role and edition.
    votes: Vec<u8>,
}

/// [`Vocabulary::votes`] of a label of no table (a section title).
const NO_VOTE: u8 = u8::MAX;

/// A label's vote: its table and edition in one byte (editions number at most 64).
fn vote_of(label: &StandardLabel) -> u8 {
    const _: () = assert!(MAX_EDITIONS <= 64 && TableKind::ALL.len() < 4);
    match label.at.role.table() {
        Some(kind) => (kind.index() as u8) << 6 | (label.at.edition.index() % 64) as u8,
        None => NO_VOTE,
    }
}

/// The places in [`Vocabulary::labels`] of one edition's table labels, each in its template's
/// order.
#[derive(Debug, Default, Clone)]
struct TableLabels {
    /// Table 二: each block's label.
    active_blocks: Vec<usize>,
    /// Table 二: each block's rows.
    active_rows: Vec<Range<usize>>,
    /// Table 三: the headers, then the columns (one run).
    applications_headers_and_columns: Range<usize>,
    /// Table 三: the rows.
    applications_rows: Range<usize>,
    /// Table 四: the headers.
    reviews_headers: Range<usize>,
}

impl Vocabulary {
    pub fn get() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(Vocabulary::build)
    }

    fn build() -> Vocabulary {
        let mut labels = Vec::new();
        let mut tables: Vec<TableLabels> = Vec::new();
        for edition in Edition::all() {
            let t = Template::get(edition);
            let mut places = TableLabels::default();
            let add = |labels: &mut Vec<StandardLabel>, role: Role, text: &'static str| {
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
                add(&mut labels, Role::SectionTitle(s.number), s.title.as_str());
            }
            add(
                &mut labels,
                Role::ActiveFirstHeader,
                t.active.first_header.as_str(),
            );
            for (b, block) in t.active.blocks.iter().enumerate() {
                places.active_blocks.push(labels.len());
                add(&mut labels, Role::ActiveBlock(b), block.label.as_str());
                for (c, col) in block.columns.iter().enumerate() {
                    add(
                        &mut labels,
                        Role::ActiveColumn {
                            block: b,
                            column: c,
                        },
                        col.label.as_str(),
                    );
                }
                let rows_start = labels.len();
                for (r, row) in block.rows.iter().enumerate() {
                    add(
                        &mut labels,
                        Role::ActiveRow { block: b, row: r },
                        row.as_str(),
                    );
                }
                places.active_rows.push(rows_start..labels.len());
            }
            let headers_start = labels.len();
            for (i, h) in t.applications.headers.iter().enumerate() {
                add(&mut labels, Role::ApplicationsHeader(i), h.as_str());
            }
            for (i, c) in t.applications.columns.iter().enumerate() {
                add(&mut labels, Role::ApplicationsColumn(i), c.as_str());
            }
            places.applications_headers_and_columns = headers_start..labels.len();
            let rows_start = labels.len();
            for (i, r) in t.applications.rows.iter().enumerate() {
                add(&mut labels, Role::ApplicationsRow(i), r.label.as_str());
            }
            places.applications_rows = rows_start..labels.len();
            let headers_start = labels.len();
            for (i, h) in t.reviews.headers.iter().enumerate() {
                add(&mut labels, Role::ReviewsHeader(i), h.as_str());
            }
            places.reviews_headers = headers_start..labels.len();
            let e = edition.index();
            if tables.len() <= e {
                tables.resize(e + 1, TableLabels::default());
            }
            tables[e] = places;
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
        let votes = labels.iter().map(vote_of).collect();
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
            tables,
            votes,
        }
    }

    /// `edition`'s labels of table 三's rows, in its template's order.
    pub fn applications_rows(&self, edition: Edition) -> &[StandardLabel] {
        self.table_labels(edition, |t| t.applications_rows.clone())
    }

    /// `edition`'s labels of table 三's headers then its columns, in its template's order.
    pub fn applications_headers_and_columns(&self, edition: Edition) -> &[StandardLabel] {
        self.table_labels(edition, |t| t.applications_headers_and_columns.clone())
    }

    /// `edition`'s labels of table 四's headers, in its template's order, and the index in
    /// [`Vocabulary::labels`] of the first.
    pub fn reviews_headers(&self, edition: Edition) -> (&[StandardLabel], usize) {
        let start = (self.tables.get(edition.index())).map_or(0, |t| t.reviews_headers.start);
        (
            self.table_labels(edition, |t| t.reviews_headers.clone()),
            start,
        )
    }

    /// `edition`'s labels of table 二's blocks (`第二十条第（一）项`…), in its template's order.
    pub fn active_blocks(&self, edition: Edition) -> impl Iterator<Item = &StandardLabel> {
        (self.tables.get(edition.index()).into_iter())
            .flat_map(|t| &t.active_blocks)
            .filter_map(|&i| self.labels.get(i))
    }

    /// `edition`'s labels of the rows of table 二's block `block`, in its template's order.
    pub fn active_rows(&self, edition: Edition, block: usize) -> &[StandardLabel] {
        self.table_labels(edition, |t| {
            t.active_rows.get(block).cloned().unwrap_or(0..0)
        })
    }

    fn table_labels(
        &self,
        edition: Edition,
        range: impl Fn(&TableLabels) -> Range<usize>,
    ) -> &[StandardLabel] {
        self.tables
            .get(edition.index())
            .and_then(|t| self.labels.get(range(t)))
            .unwrap_or_default()
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

    /// The cached similarity of a written label (its `fuzzy` list) to the standard label
    /// `standard` (0 when below 0.3).
    pub fn similarity_to(fuzzy: &[(u16, f32)], standard: &StandardLabel) -> f64 {
        let id = standard.core_id;
        fuzzy
            .binary_search_by_key(&id, |f| f.0)
            .map_or(0.0, |k| fuzzy[k].1 as f64)
    }

    /// The standard label printed as `standard` (its forms are those of every label printed so).
    pub fn standard(&self, standard: &str) -> Option<&StandardLabel> {
        self.by_text.get(standard).map(|&i| &self.labels[i])
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

    /// Whether standard label `index` exists in its edition only (a tell-tale of that edition).
    pub fn only_in(&self, index: usize) -> bool {
        let label = &self.labels[index];
        !self
            .exact(&label.norm)
            .iter()
            .any(|&i| self.labels[i].at.edition != label.at.edition)
    }
}

/// Exact standard-label hits of a table block, per edition and table: how strongly its labels
/// say which table it is and which edition it follows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Votes(Vec<[u16; 3]>);

impl Votes {
    /// Counts one label by its exact hits (indices into [`Vocabulary::labels`]): one vote for
    /// each edition and table it is a standard label of. Inlined in the loop over a table's
    /// labels (a call per label cell costs a good part of the count).
    #[inline]
    pub fn count(&mut self, vocabulary: &Vocabulary, hits: &[u16]) {
        // One vote per edition and table, however many of its labels the text equals: what
        // this label has voted for, one bit per edition for each table.
        let mut voted = [0u64; 4];
        for &hit in hits {
            let Some(&vote) = vocabulary.votes.get(usize::from(hit)) else {
                continue;
            };
            if vote == NO_VOTE {
                continue;
            }
            let (kind, e) = (usize::from(vote >> 6), usize::from(vote & 63));
            let bit = 1u64 << e;
            let Some(seen) = voted.get_mut(kind) else {
                continue;
            };
            if *seen & bit != 0 {
                continue;
            }
            *seen |= bit;
            if self.0.len() <= e {
                self.0.resize(e + 1, [0; 3]);
            }
            if let Some(v) = self.0[e].get_mut(kind) {
                *v = v.saturating_add(1);
            }
        }
    }

    /// The votes for `edition`'s table `kind`.
    pub fn get(&self, edition: Edition, kind: TableKind) -> u16 {
        self.0.get(edition.index()).map_or(0, |v| v[kind.index()])
    }

    /// The votes for any table of `edition`.
    pub fn total(&self, edition: Edition) -> u32 {
        self.0
            .get(edition.index())
            .map_or(0, |v| v.iter().map(|&x| u32::from(x)).sum())
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

    /// The byte a label votes with names its table and edition.
    #[test]
    fn a_labels_vote_is_its_table_and_edition() {
        let vocabulary = Vocabulary::get();
        assert_eq!(vocabulary.votes.len(), vocabulary.labels.len());
        for (l, &vote) in vocabulary.labels.iter().zip(&vocabulary.votes) {
            match l.at.role.table() {
                Some(kind) => {
                    assert_eq!(usize::from(vote >> 6), kind.index());
                    assert_eq!(usize::from(vote & 63), l.at.edition.index());
                }
                None => assert_eq!(vote, NO_VOTE),
            }
        }
        // Counting: one vote per table and edition a label's hits name.
        let hits: Vec<u16> = (0..vocabulary.labels.len() as u16).collect();
        let mut votes = Votes::default();
        votes.count(vocabulary, &hits);
        votes.count(vocabulary, &hits);
        for edition in Edition::all() {
            for kind in TableKind::ALL {
                let any = (vocabulary.labels.iter())
                    .any(|l| l.at.edition == edition && l.at.role.table() == Some(kind));
                assert_eq!(votes.get(edition, kind), if any { 2 } else { 0 });
            }
        }
    }

    /// The table labels the vocabulary keeps per edition are the template's, in its order:
    /// the readers take them by position.
    #[test]
    fn table_labels_kept_per_edition_are_the_templates() {
        let vocabulary = Vocabulary::get();
        let texts = |labels: &[StandardLabel]| -> Vec<&str> {
            labels.iter().map(|l| l.text).collect::<Vec<_>>()
        };
        for edition in Edition::all() {
            let t = Template::get(edition);
            let rows: Vec<&str> = t
                .applications
                .rows
                .iter()
                .map(|r| r.label.as_str())
                .collect();
            assert_eq!(texts(vocabulary.applications_rows(edition)), rows);
            let heads: Vec<&str> = (t.applications.headers.iter())
                .chain(&t.applications.columns)
                .map(String::as_str)
                .collect();
            assert_eq!(
                texts(vocabulary.applications_headers_and_columns(edition)),
                heads
            );
            let blocks: Vec<&str> = (t.active.blocks.iter()).map(|b| b.label.as_str()).collect();
            let kept: Vec<&str> = vocabulary.active_blocks(edition).map(|l| l.text).collect();
            assert_eq!(kept, blocks);
            for (b, block) in t.active.blocks.iter().enumerate() {
                let rows: Vec<&str> = block.rows.iter().map(String::as_str).collect();
                assert_eq!(texts(vocabulary.active_rows(edition, b)), rows);
            }
            assert!(vocabulary
                .active_rows(edition, t.active.blocks.len())
                .is_empty());
            let (headers, start) = vocabulary.reviews_headers(edition);
            let written: Vec<&str> = t.reviews.headers.iter().map(String::as_str).collect();
            assert_eq!(texts(headers), written);
            for (k, h) in headers.iter().enumerate() {
                assert_eq!(vocabulary.labels[start + k].text, h.text);
                assert_eq!(vocabulary.labels[start + k].at.role, Role::ReviewsHeader(k));
            }
            let parents: Vec<Option<usize>> = (t.applications.rows.iter())
                .map(|r| {
                    r.parent
                        .as_deref()
                        .and_then(|p| t.applications.row_index(p))
                })
                .collect();
            assert_eq!(t.applications.parents, parents);
            // Each has the forms of the label looked up by its text.
            for l in vocabulary.applications_rows(edition) {
                let by_text = vocabulary.standard(l.text).map(|s| (&s.norm, s.core_id));
                assert_eq!(by_text, Some((&l.norm, l.core_id)));
            }
        }
    }

    #[test]
    fn templates_parse_and_relations_name_real_rows() {
        for edition in Edition::all() {
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
    fn the_built_in_editions_are_named_and_dated_by_their_templates() {
        assert_eq!(Edition::E2019.year(), 2019);
        assert_eq!(Edition::E2021.year(), 2021);
        assert_eq!(Edition::E2021.document(), "国办公开办函〔2021〕30号");
        assert_eq!(
            Edition::all().collect::<Vec<_>>(),
            [Edition::E2019, Edition::E2021]
        );
        assert_eq!(Edition::newest(), Edition::E2021);
        assert_eq!(Edition::parse(" 2019 "), Some(Edition::E2019));
        assert_eq!(Edition::parse("2020"), None);
        for (year, edition) in [
            (2018, None),
            (2019, Some(Edition::E2019)),
            (2020, Some(Edition::E2019)),
            (2021, Some(Edition::E2021)),
            (2099, Some(Edition::E2021)),
        ] {
            assert_eq!(Edition::for_report_year(year), edition, "{year}");
        }
        assert_eq!(Edition::E2019.applies_to(), "2019 and 2020");
        assert_eq!(Edition::E2021.applies_to(), "2021 and later");
    }

    /// The 2021 template as another edition, changed by `edits` (`from` → `to`).
    fn variant(edits: &[(&str, &str)]) -> String {
        let mut text = BUILT_IN[1].1.to_string();
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        text
    }

    fn added(text: &str) -> Result<Registry, EditionError> {
        Registry::build(&[("extra.toml", text)])
    }

    fn refusal(text: &str) -> String {
        match added(text) {
            Ok(_) => "accepted".to_string(),
            Err(err) => err.to_string(),
        }
    }

    const NEW_EDITION: [(&str, &str); 3] = [
        ("edition = 2021", "edition = 2027"),
        ("years = { from = 2021 }", "years = { from = 2027 }"),
        (
            "document = \"国办公开办函〔2021〕30号\"",
            "document = \"国办公开办函〔2027〕5号\"",
        ),
    ];

    #[test]
    fn an_added_edition_follows_the_built_in_ones() {
        let registry = added(&variant(&NEW_EDITION)).map_err(|e| e.to_string());
        let registry = registry.as_ref().map(|r| {
            let years = r.by_year.iter().map(|e| r.templates[e.index()].edition);
            let document = &r.templates[2].document_number;
            (years.collect::<Vec<u16>>(), document.year, document.number)
        });
        assert_eq!(registry, Ok((vec![2019, 2021, 2027], 2027, 5)));
    }

    #[test]
    fn an_added_edition_that_clashes_or_lacks_what_the_analysis_needs_is_refused() {
        assert!(refusal("edition = ").starts_with("extra.toml: "));
        assert_eq!(
            refusal(&variant(&[])),
            "extra.toml: edition 2021 exists already"
        );
        let mut overlapping = NEW_EDITION.to_vec();
        overlapping[1].1 = "years = { from = 2016, to = 2019 }";
        assert_eq!(
            refusal(&variant(&overlapping)),
            "extra.toml: editions 2027 and 2019 both apply to 2019"
        );
        let mut same_document = NEW_EDITION.to_vec();
        same_document[2].1 = "document = \"国办公开办函[2021] 30号\"";
        assert_eq!(
            refusal(&variant(&same_document)),
            "extra.toml: 国办公开办函[2021] 30号 is the 文号 of edition 2021"
        );
        let mut no_document = NEW_EDITION.to_vec();
        no_document[2].1 = "document = \"2027年5号\"";
        assert!(refusal(&variant(&no_document)).contains("is not a 文号"));
        let mut broken = NEW_EDITION.to_vec();
        broken.push(("number = 6", "number = 7"));
        assert!(refusal(&variant(&broken)).contains("numbered 1 to 6"));
        let mut broken = NEW_EDITION.to_vec();
        broken.push((r#""其他", "总计"]"#, r#""总计"]"#));
        assert!(refusal(&variant(&broken)).contains("7 columns"));
        let mut broken = NEW_EDITION.to_vec();
        broken.push((r#"at = "carry-over""#, r#"at = "carried-over""#));
        assert!(refusal(&variant(&broken)).contains("carried-over"));
        let mut broken = NEW_EDITION.to_vec();
        broken.push((r#"parent = "other" },"#, r#"parent = "others" },"#));
        assert!(refusal(&variant(&broken)).contains("names parent others"));
    }

    #[test]
    fn similarity_counts_transpositions_once() {
        assert!(similarity("上年转结", "上年结转") >= 0.75);
        assert!(similarity("本年新", "本年新制作数量") < 0.5);
    }
}
