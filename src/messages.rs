//! The command line's and the server's messages, in Chinese and English: the catalog pairs
//! beside the code that uses them (`cli.zh.ftl` beside `cli.rs`, `config.zh.ftl` beside
//! `config.rs`, …), built as one [`Catalog`] like the analysis' own
//! ([`crate::analysis::i18n`]).
//!
//! [`Msg`] is a message not yet rendered: what a pure function (the configuration parser) returns
//! when the language is chosen later (the configuration may be the one that chooses it).

use std::sync::LazyLock;

use crate::analysis::i18n::{Arg, Catalog, Source};
use crate::analysis::Lang;

/// Every catalog pair of the command line and the server.
pub fn sources() -> Vec<Source> {
    vec![
        (
            "src/cli",
            include_str!("cli.zh.ftl"),
            include_str!("cli.en.ftl"),
        ),
        (
            "src/files/encoding",
            include_str!("files/encoding.zh.ftl"),
            include_str!("files/encoding.en.ftl"),
        ),
        (
            "src/config",
            include_str!("config.zh.ftl"),
            include_str!("config.en.ftl"),
        ),
        (
            "src/server",
            include_str!("server.zh.ftl"),
            include_str!("server.en.ftl"),
        ),
    ]
}

/// The command line's and the server's catalog.
pub static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::new(&sources()));

/// Renders message `id` of [`CATALOG`]: `t!(lang, "summary", errors = 2)`.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        ogi_lint_core::tr!($crate::messages::CATALOG, $lang, $id $(, $name = $value)*)
    };
}

/// A message of [`CATALOG`] with its arguments, rendered when the language is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, MsgArg)>,
}

/// An argument of a [`Msg`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgArg {
    Text(String),
    Count(i64),
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    /// Adds a text argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Msg {
        self.args.push((name, MsgArg::Text(value.into())));
        self
    }

    /// Adds a count argument (selects the English plural).
    pub fn count(mut self, name: &'static str, value: usize) -> Msg {
        let n = i64::try_from(value).unwrap_or(i64::MAX);
        self.args.push((name, MsgArg::Count(n)));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    MsgArg::Text(text) => Arg::from(text),
                    MsgArg::Count(n) => Arg::Count(*n),
                };
                (*name, value)
            })
            .collect();
        CATALOG.text(lang, self.id, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_in_both_languages_with_no_english_in_chinese() {
        let problems = crate::analysis::i18n::check_sources(&sources());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
