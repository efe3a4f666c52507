//! The writer's language: Chinese by default, English on request (`--lang`, the editor's
//! locale, `language` in `ogi-lint.toml`).
//!
//! Every text a user reads comes from a message catalog in Project Fluent's format, kept as data
//! beside the code that uses it: `rules/total_mismatch.zh.ftl` and `rules/total_mismatch.en.ftl`
//! beside `rules/total_mismatch.rs`, `ide.zh.ftl` beside `ide.rs`, and so on. A [`Catalog`] is
//! built once from such pairs; [`Catalog::text`] renders one message in one language. The
//! analysis' own catalog is [`CORE`]; the command line and the server build theirs the same way.
//!
//! Fluent (`fluent-bundle`, the `concurrent` bundle so that a catalog can be shared between
//! threads) is pure Rust and builds for wasm32. Bidi isolation marks are off: the messages mix
//! Chinese, figures and labels quoted from the report, all left to right, and the marks would
//! end up in terminals, JSON and SARIF.
//!
//! Arguments are passed already formatted (a figure as the report would write it, `3` or
//! `12.5`); a count that selects a plural form in English is passed as a number.

use std::borrow::Cow;
use std::fmt::Write as _;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The language messages are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// Chinese (simplified): the default, the writers' language.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language, Chinese first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The short code used by `--lang`, settings and JSON: `zh`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag SARIF's `run.language` carries: `zh-CN`, `en-US`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en-US",
        }
    }

    /// `zh` or `en`; `None` for anything else (`auto` is the caller's business).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// A locale as an editor or the environment names it (`zh-cn`, `zh_CN.UTF-8`, `en`,
    /// `en_US.UTF-8`): `zh*` is Chinese, `en*` English; `None` for anything else (`C`, `POSIX`,
    /// `fr_FR`, empty), which the caller treats as unknown.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lower = locale.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the locale variables ask for, read in POSIX order of precedence: the first
    /// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides; a locale that is
    /// neither Chinese nor English (`C`, `POSIX`, `de_DE`), or none at all, means Chinese.
    pub fn from_locale_vars(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty())
            .and_then(Lang::from_locale)
            .unwrap_or_default()
    }

    fn identifier(self) -> LanguageIdentifier {
        self.tag().parse().unwrap_or_default()
    }
}

/// One argument of a message: a text (a label, a figure as written) or a count (selects the
/// plural form in English).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Count(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Arg<'a> {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Arg<'a> {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Arg<'static> {
        Arg::Text(Cow::Owned(s))
    }
}

macro_rules! count_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Arg<'static> {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_arg!(usize, u32, u16, i64, i32);

/// A message catalog: the same messages in Chinese and in English.
pub struct Catalog {
    zh: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Catalog")
    }
}

/// One pair of catalog files: a name for test failures (`rules/total_mismatch`), the Chinese
/// source and the English source.
pub type Source = (&'static str, &'static str, &'static str);

impl Catalog {
    /// A catalog of every pair in `sources`. A file that does not parse, or a message defined
    /// twice, is left out (the tests of [`check_sources`] fail on both); building never fails.
    pub fn new(sources: &[Source]) -> Catalog {
        let bundle = |lang: Lang, pick: fn(&Source) -> &'static str| {
            let mut bundle = FluentBundle::new_concurrent(vec![lang.identifier()]);
            bundle.set_use_isolating(false);
            for source in sources {
                let resource = match FluentResource::try_new(pick(source).to_owned()) {
                    Ok(resource) => resource,
                    Err((resource, _)) => resource,
                };
                // Overriding entries are reported by the tests; the first definition wins.
                let _ = bundle.add_resource(resource);
            }
            bundle
        };
        Catalog {
            zh: bundle(Lang::Zh, |s| s.1),
            en: bundle(Lang::En, |s| s.2),
        }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Whether the catalog has message `id` (in Chinese; the tests check both languages agree).
    pub fn has(&self, id: &str) -> bool {
        self.zh.has_message(id)
    }

    /// Message `id` in `lang` with `args`. An id the catalog lacks renders as itself (the tests
    /// check every id the code uses exists, in both languages).
    pub fn text(&self, lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.render(lang, id, None, args)
    }

    /// Attribute `attr` of message `id` (`.title`, `.detail`): for a message with several
    /// parts, such as a finding and its fix.
    pub fn attr(&self, lang: Lang, id: &str, attr: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.render(lang, id, Some(attr), args)
    }

    fn render(&self, lang: Lang, id: &str, attr: Option<&str>, args: &[(&str, Arg<'_>)]) -> String {
        self.render_with(lang, id, attr, args, true)
    }

    /// [`Catalog::render`]; `plain`: a pattern of text and arguments only is put together
    /// without Fluent ([`render_plain`], the same text, tested on every message by
    /// [`check_sources`]).
    fn render_with(
        &self,
        lang: Lang,
        id: &str,
        attr: Option<&str>,
        args: &[(&str, Arg<'_>)],
        plain: bool,
    ) -> String {
        let bundle = self.bundle(lang);
        let Some(message) = bundle.get_message(id) else {
            return id.to_owned();
        };
        let pattern = match attr {
            None => message.value(),
            Some(attr) => message.get_attribute(attr).map(|a| a.value()),
        };
        let Some(pattern) = pattern else {
            return id.to_owned();
        };
        let text = match plain.then(|| render_plain(pattern, args)).flatten() {
            Some(text) => text,
            None => self.render_fluent(bundle, pattern, args),
        };
        match lang {
            Lang::Zh => nest_quotes(text),
            Lang::En => text,
        }
    }

    fn render_fluent(
        &self,
        bundle: &FluentBundle<FluentResource>,
        pattern: &fluent_syntax::ast::Pattern<&str>,
        args: &[(&str, Arg<'_>)],
    ) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_ref()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

/// `pattern` with `args` when it is text and variables only, every one of them given: what
/// Fluent writes for it (this catalog's bundles put no isolation marks around arguments, and
/// Fluent keeps a number as an `f64` and writes it with `Display`), without building Fluent's
/// arguments and resolver, which cost more than the message (most messages are of this
/// kind). `None` for anything else: a selector, a reference, a missing argument.
fn render_plain(
    pattern: &fluent_syntax::ast::Pattern<&str>,
    args: &[(&str, Arg<'_>)],
) -> Option<String> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    // Room for the whole message at once: growing the text piece by piece cost more than
    // putting it together.
    let capacity = pattern
        .elements
        .iter()
        .map(|element| match element {
            PatternElement::TextElement { value } => value.len(),
            PatternElement::Placeable { .. } => 0,
        })
        .chain(args.iter().map(|(_, arg)| match arg {
            Arg::Text(text) => text.len(),
            Arg::Count(_) => 20,
        }))
        .sum();
    let mut out = String::with_capacity(capacity);
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => match &args.iter().find(|(name, _)| *name == id.name)?.1 {
                Arg::Text(text) => out.push_str(text),
                Arg::Count(n) => {
                    let _ = write!(out, "{}", *n as f64);
                }
            },
            PatternElement::Placeable { .. } => return None,
        }
    }
    Some(out)
}

/// Quotation marks inside quotation marks as Chinese sets them: a label that has its own “”
/// (`3.危及“三安全一稳定”`) quoted in a message reads `“3.危及‘三安全一稳定’”`, not
/// `“3.危及“三安全一稳定””`. Only when every “ of the text is closed in order; otherwise (a
/// stray mark in the writer's text) the text is left as it is.
pub(crate) fn nest_quotes(text: String) -> String {
    // “ and ” are E2 80 9C and E2 80 9D in UTF-8, and Chinese text rarely holds another
    // character starting with E2: the marks are found without decoding the text.
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut nested = false;
    for at in memchr::memchr_iter(0xE2, bytes) {
        match bytes.get(at + 1..at + 3) {
            Some([0x80, 0x9C]) => {
                depth += 1;
                nested |= depth > 1;
            }
            Some([0x80, 0x9D]) => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return text,
            },
            _ => {}
        }
    }
    if depth != 0 || !nested {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '“' => {
                out.push(if depth % 2 == 1 { '‘' } else { '“' });
                depth += 1;
            }
            '”' => {
                depth = depth.saturating_sub(1);
                out.push(if depth % 2 == 1 { '’' } else { '”' });
            }
            c => out.push(c),
        }
    }
    out
}

/// Renders message `id` of a catalog with named arguments:
/// `tr!(CATALOG, lang, "missing-row", table = name, row = label)`.
#[macro_export]
macro_rules! tr {
    ($catalog:expr, $lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $catalog.text(
            $lang,
            $id,
            &[$((stringify!($name), $crate::analysis::i18n::Arg::from($value))),*],
        )
    };
}

/// Renders attribute `attr` of message `id`: `tr_attr!(CATALOG, lang, "missing-row", "fix", …)`.
#[macro_export]
macro_rules! tr_attr {
    ($catalog:expr, $lang:expr, $id:literal, $attr:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $catalog.attr(
            $lang,
            $id,
            $attr,
            &[$((stringify!($name), $crate::analysis::i18n::Arg::from($value))),*],
        )
    };
}

/// The analysis' catalog: the rules' messages (each rule's pair, registered with the rule in
/// `rules/mod.rs`), the shared names (`rules/shared`), and the editor features (`ide`).
pub static CORE: std::sync::LazyLock<Catalog> =
    std::sync::LazyLock::new(|| Catalog::new(&core_sources()));

/// Every catalog pair of the analysis.
pub fn core_sources() -> Vec<Source> {
    let mut sources: Vec<Source> = super::rules::CATALOG.to_vec();
    sources.push((
        "rules/shared",
        include_str!("rules/shared.zh.ftl"),
        include_str!("rules/shared.en.ftl"),
    ));
    sources.push((
        "rules/relations",
        include_str!("rules/relations.zh.ftl"),
        include_str!("rules/relations.en.ftl"),
    ));
    sources.push((
        "ide",
        include_str!("ide.zh.ftl"),
        include_str!("ide.en.ftl"),
    ));
    sources
}

/// What is wrong with a set of catalog pairs, one line each (empty when nothing): a file that
/// does not parse, a message or attribute in one language and not the other, a message whose
/// two languages use different arguments (but `$count`, which only selects an English plural),
/// a message defined twice, and a Chinese message with an
/// English word of four or more letters (rule codes, `ogi-lint`, `ogi-lint.toml`, `--options`
/// and `ogiLint.*` setting names excepted; what the report says comes in as arguments).
pub fn check_sources(sources: &[Source]) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut problems = Vec::new();
    let mut defined: BTreeMap<String, &str> = BTreeMap::new();
    for &(name, zh, en) in sources {
        let parsed =
            [(Lang::Zh, zh), (Lang::En, en)].map(
                |(lang, text)| match fluent_syntax::parser::parse(text) {
                    Ok(resource) => messages(&resource),
                    Err((resource, errors)) => {
                        for err in errors {
                            problems.push(format!("{name}.{}.ftl: {err:?}", lang.code()));
                        }
                        messages(&resource)
                    }
                },
            );
        let [zh_messages, en_messages] = parsed;
        for (id, zh_message) in &zh_messages {
            if let Some(first) = defined.insert(id.clone(), name) {
                problems.push(format!("{name}: message {id} is also defined in {first}"));
            }
            for word in english_words(&zh_message.text) {
                problems.push(format!(
                    "{name}: Chinese message {id} has the English word {word:?}"
                ));
            }
            let Some(en_message) = en_messages.get(id) else {
                problems.push(format!(
                    "{name}: message {id} is in Chinese but not in English"
                ));
                continue;
            };
            if zh_message.attributes != en_message.attributes {
                problems.push(format!(
                    "{name}: message {id} has attributes {:?} in Chinese but {:?} in English",
                    zh_message.attributes, en_message.attributes
                ));
            }
            // `$count` only selects a plural form, which Chinese does not have.
            let without_count = |m: &MessageParts| {
                let mut v = m.variables.clone();
                v.remove("count");
                v
            };
            if without_count(zh_message) != without_count(en_message) {
                problems.push(format!(
                    "{name}: message {id} uses {:?} in Chinese but {:?} in English",
                    zh_message.variables, en_message.variables
                ));
            }
        }
        for id in en_messages.keys() {
            if !zh_messages.contains_key(id) {
                problems.push(format!(
                    "{name}: message {id} is in English but not in Chinese"
                ));
            }
        }
        problems.extend(plain_rendering_differs(name, (zh, en), &zh_messages));
    }
    problems
}

/// Every message and attribute of a pair of catalog files rendered with its variables as text
/// and as numbers (large and negative ones too), by [`render_plain`] and by Fluent: where the
/// two differ.
fn plain_rendering_differs(
    name: &str,
    (zh, en): (&'static str, &'static str),
    messages: &std::collections::BTreeMap<String, MessageParts>,
) -> Vec<String> {
    let catalog = Catalog::new(&[("", zh, en)]);
    let mut problems = Vec::new();
    for (id, parts) in messages {
        let attrs = std::iter::once(None).chain(parts.attributes.iter().map(|a| Some(a.as_str())));
        for attr in attrs {
            for lang in [Lang::Zh, Lang::En] {
                let texts: Vec<(&str, Arg)> = parts
                    .variables
                    .iter()
                    .map(|v| (v.as_str(), Arg::from(format!("“{v}”"))))
                    .collect();
                let mut cases = vec![texts];
                for n in [0, 1, 2, 1234567, -3, i64::MAX, (1 << 53) + 1] {
                    cases.push(
                        parts
                            .variables
                            .iter()
                            .map(|v| (v.as_str(), Arg::Count(n)))
                            .collect(),
                    );
                }
                for args in &cases {
                    let plain = catalog.render_with(lang, id, attr, args, true);
                    let fluent = catalog.render_with(lang, id, attr, args, false);
                    if plain != fluent {
                        problems.push(format!(
                            "{name}: message {id} {attr:?} renders {plain:?} without Fluent but {fluent:?} with it"
                        ));
                    }
                }
            }
        }
    }
    problems
}

/// English words of four or more letters in a Chinese text, once the names that stay English
/// everywhere are taken out: rule codes (`total-mismatch`), the program, its commands and its
/// configuration file (`ogi-lint check`, `ogi-lint.toml`), command-line options (`--fix`),
/// setting names (`ogiLint.language`, `severity`) and the names of formats and systems written in
/// Latin letters in Chinese too (TOML, JSON, SARIF, Windows, Neovim, VS Code).
pub fn english_words(text: &str) -> Vec<String> {
    static ALLOWED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let codes: Vec<&str> = super::RuleCode::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(super::RESERVED.iter().map(|r| r.code))
            .collect();
        regex::Regex::new(&format!(
            r"ogi-lint(\.toml| check| lsp)?|ogiLint(\.[A-Za-z]+)*|--[a-z][a-z-]*|\b(edition|language|include|exclude|severity|auto)\b|\b(TOML|JSON|SARIF|Windows|Neovim|VS Code)\b|{}",
            codes.join("|")
        ))
        .expect("static regex")
    });
    static WORD: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"[A-Za-z]{4,}").expect("static regex"));
    let rest = ALLOWED.replace_all(text, " ");
    WORD.find_iter(&rest)
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// A message's parts as the checks see them.
#[derive(Debug, Default)]
struct MessageParts {
    attributes: Vec<String>,
    variables: std::collections::BTreeSet<String>,
    /// The literal text of the value and the attributes (placeables left out).
    text: String,
}

fn messages(
    resource: &fluent_syntax::ast::Resource<&str>,
) -> std::collections::BTreeMap<String, MessageParts> {
    use fluent_syntax::ast::{Entry, Pattern};
    let mut res = std::collections::BTreeMap::new();
    for entry in &resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let mut parts = MessageParts::default();
        let mut patterns: Vec<&Pattern<&str>> = message.value.iter().collect();
        for attribute in &message.attributes {
            parts.attributes.push(attribute.id.name.to_owned());
            patterns.push(&attribute.value);
        }
        for pattern in patterns {
            walk_pattern(pattern, &mut parts);
        }
        res.insert(message.id.name.to_owned(), parts);
    }
    res
}

fn walk_pattern(pattern: &fluent_syntax::ast::Pattern<&str>, parts: &mut MessageParts) {
    use fluent_syntax::ast::PatternElement;
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                let _ = write!(parts.text, "{value}");
            }
            PatternElement::Placeable { expression } => walk_expression(expression, parts),
        }
    }
}

fn walk_expression(expression: &fluent_syntax::ast::Expression<&str>, parts: &mut MessageParts) {
    use fluent_syntax::ast::{Expression, InlineExpression};
    let inline = |inline: &InlineExpression<&str>, parts: &mut MessageParts| match inline {
        InlineExpression::VariableReference { id } => {
            parts.variables.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, parts),
        InlineExpression::StringLiteral { value } => {
            parts.text.push(' ');
            parts.text.push_str(value);
        }
        _ => {}
    };
    match expression {
        Expression::Inline(i) => inline(i, parts),
        Expression::Select { selector, variants } => {
            inline(selector, parts);
            for variant in variants {
                parts.text.push(' ');
                walk_pattern(&variant.value, parts);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_inside_quotes_are_single() {
        let nest = |s: &str| nest_quotes(s.to_owned());
        assert_eq!(
            nest("表三行名“3.危及“三安全一稳定””应为“3.危及“三安全一稳定””"),
            "表三行名“3.危及‘三安全一稳定’”应为“3.危及‘三安全一稳定’”"
        );
        // Three levels alternate back.
        assert_eq!(nest("“a“b“c”b”a”"), "“a‘b“c”b’a”");
        // Other marks that start with the same byte (—, …, ‘, ’, ‰) are not quotes.
        assert_eq!(nest("—“a…“b‰”’”"), "—“a…‘b‰’’”");
        assert_eq!(nest("‘a’…“b”—"), "‘a’…“b”—");
        // Nothing nested, or a stray mark: as it was.
        for text in ["“a”与“b”", "“a“b”", "a”b“", "没有引号"] {
            assert_eq!(nest(text), text);
        }
    }

    #[test]
    fn the_core_catalog_has_every_message_in_both_languages_and_no_english_in_chinese() {
        let problems = check_sources(&core_sources());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_checks_catch_a_message_in_one_language_only_and_english_words() {
        let zh = "a = 缺少 { $row }\nb = 总计 应为 { $n }\n    .fix = 改为 { $n }\nc = the table\n";
        let en = "a = missing { $row }\nb = total should be { $n }\nd = only English\n";
        let problems = check_sources(&[("test", zh, en)]);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("message d is in English but not in Chinese")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("message c is in Chinese but not in English")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("message b has attributes")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("English word \"table\"")),
            "{problems:?}"
        );
    }

    #[test]
    fn english_words_spare_codes_options_and_the_program_name() {
        assert_eq!(
            english_words(
                "用 ogi-lint check --fix 修正 total-mismatch；见 ogi-lint.toml 与 ogiLint.language"
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            english_words("表三 TAB 分隔 PDF 文本"),
            Vec::<String>::new()
        );
        assert_eq!(english_words("Markdown 表格"), ["Markdown"]);
    }

    #[test]
    fn renders_with_arguments_and_english_plurals() {
        let catalog = Catalog::new(&[(
            "test",
            "rows = 还有 { $n } 行\n",
            "rows = { $n ->\n    [one] one more row\n   *[other] { $n } more rows\n}\n",
        )]);
        assert_eq!(tr!(catalog, Lang::Zh, "rows", n = 2usize), "还有 2 行");
        assert_eq!(tr!(catalog, Lang::En, "rows", n = 1usize), "one more row");
        assert_eq!(tr!(catalog, Lang::En, "rows", n = 3usize), "3 more rows");
        assert_eq!(catalog.text(Lang::En, "nope", &[]), "nope");
    }

    #[test]
    fn locale_variables_are_read_in_order_and_default_to_chinese() {
        assert_eq!(Lang::from_locale_vars(None, None, None), Lang::Zh);
        assert_eq!(
            Lang::from_locale_vars(None, None, Some("en_US.UTF-8")),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(Some("zh_CN.UTF-8"), None, Some("en_US.UTF-8")),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_locale_vars(Some(""), Some("en_GB"), Some("zh_CN")),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(Some("C"), None, Some("en_US")),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale_vars(None, None, Some("POSIX")), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-cn"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("en"), Some(Lang::En));
        assert_eq!(Lang::from_locale("fr"), None);
    }
}
