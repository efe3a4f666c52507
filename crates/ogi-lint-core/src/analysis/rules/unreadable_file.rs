//! `unreadable-file` (error): a file could not be read or decoded, so it was not checked.
//!
//! Reported by `ogi-lint check` (`src/files/encoding.rs` decodes the bytes), never by the
//! analysis: the analysis gets text, and any text is a document it can check. This file only
//! pins that down. The finding sits at 0:0 and its message gives the byte offset and line of
//! the first byte that could not be read, e.g. `not UTF-8, GB18030/GBK, or UTF-16 with a
//! byte-order mark: byte 1234 (line 5) is 0xE9, which is not UTF-8; save the file as UTF-8`.

use crate::analysis::model::Model;
use crate::analysis::{Diagnostic, Lang, RuleInfo, Severity};

/// What `unreadable-file` is, for the rule list, the docs and the editors' settings.
pub(crate) const RULE: RuleInfo = RuleInfo {
    code: "unreadable-file",
    severity: Severity::Error,
    summary: "`check` could not read a file, or decode it as UTF-8, UTF-16 (with BOM) or GB18030/GBK; gives the byte offset and line of the first bad byte",
    summary_zh: "`check` 读不了某个文件，或无法按 UTF-8、UTF-16（带 BOM）或 GB18030/GBK 解码；指出第一个无法识别的字节所在的位置和行",
    fix: "",
};

/// Nothing to check in a text: the CLI reports files it could not turn into text.
pub fn check(_: &Model, _: Lang, _: &mut Vec<Diagnostic>) {}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{codes, report};

    /// Text that came from a lossy decoding (replacement characters), control characters,
    /// or nothing at all is still text: the analysis must not flag it as unreadable.
    #[test]
    fn does_not_flag_odd_text() {
        let odd = format!(
            "{}\u{fffd}\u{fffd}\u{1}\u{7f}\n",
            report(&[1, 2, 3, 4, 5, 6], "")
        );
        for text in [odd.as_str(), "", "\u{fffd}", "\u{feff}"] {
            assert!(
                !codes(text).contains(&"unreadable-file".to_string()),
                "{text:?}"
            );
        }
    }
}
