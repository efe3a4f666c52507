//! Inline suppression: `<!-- ogi-lint-disable RULE … -->` … `<!-- ogi-lint-enable RULE … -->`
//! and `<!-- ogi-lint-disable-next-line RULE … -->`. With no RULE, a comment covers every rule.

use std::ops::Range;

use super::blocks::{Block, DirectiveKind};
use super::Diagnostic;

/// Regions of the text where a rule (or every rule, `None`) is switched off.
pub struct Suppressions {
    regions: Vec<(Option<String>, Range<usize>)>,
}

impl Suppressions {
    pub fn new(blocks: &[Block]) -> Suppressions {
        let mut regions = Vec::new();
        // Rules switched off by `disable`, with where that started.
        let mut open: Vec<(Option<String>, usize)> = Vec::new();
        let mut start = 0;
        for (i, block) in blocks.iter().enumerate() {
            for d in &block.directives {
                let rules: Vec<Option<String>> = if d.rules.is_empty() {
                    vec![None]
                } else {
                    d.rules.iter().cloned().map(Some).collect()
                };
                match d.kind {
                    DirectiveKind::Disable => {
                        for r in rules {
                            open.push((r, start + d.line_end));
                        }
                    }
                    DirectiveKind::Enable => {
                        for r in rules {
                            // `enable` with no rule closes everything; otherwise that rule.
                            let closing: Vec<usize> = open
                                .iter()
                                .enumerate()
                                .filter(|(_, (o, _))| r.is_none() || *o == r)
                                .map(|(k, _)| k)
                                .collect();
                            for k in closing.into_iter().rev() {
                                let (rule, from) = open.remove(k);
                                regions.push((rule, from..start + d.line_start));
                            }
                        }
                    }
                    DirectiveKind::DisableNextLine => {
                        let next_end = match d.next_line_end {
                            Some(end) => start + end,
                            None => {
                                let following = blocks.get(i + 1).map_or(0, |b| b.first_line_end);
                                start + block.len + following
                            }
                        };
                        for r in rules {
                            regions.push((r, start + d.line_end..next_end));
                        }
                    }
                }
            }
            start += block.len;
        }
        for (rule, from) in open {
            regions.push((rule, from..usize::MAX));
        }
        Suppressions { regions }
    }

    pub fn hides(&self, d: &Diagnostic) -> bool {
        self.regions.iter().any(|(rule, range)| {
            range.contains(&d.range.start) && rule.as_deref().is_none_or(|r| r == d.code.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::test_support::{report, TABLE_3_GFM};
    use crate::analysis::{check, Options};

    fn count(text: &str, code: &str) -> usize {
        check(text, &Options::default())
            .iter()
            .filter(|d| d.code.as_str() == code)
            .count()
    }

    #[test]
    fn disable_enable_and_next_line() {
        let table = TABLE_3_GFM
            .replace("二、上年结转", "二、上年转结")
            .replace("四、结转下年度", "四、转结下年度");
        let text = report(&[1, 2, 3, 4, 5, 6], &table);
        assert_eq!(count(&text, "nonstandard-label"), 2);
        let wrapped = text.replace(
            "| 二、上年转结",
            "<!-- ogi-lint-disable-next-line nonstandard-label -->\n| 二、上年转结",
        );
        assert_eq!(count(&wrapped, "nonstandard-label"), 1);
        let all_off = format!("<!-- ogi-lint-disable nonstandard-label -->\n{text}");
        assert_eq!(count(&all_off, "nonstandard-label"), 0);
        let reenabled = all_off.replace(
            "| 四、转结下年度",
            "<!-- ogi-lint-enable nonstandard-label -->\n| 四、转结下年度",
        );
        assert_eq!(count(&reenabled, "nonstandard-label"), 1);
        // Another rule is not affected.
        let other = format!("<!-- ogi-lint-disable total-mismatch -->\n{text}");
        assert_eq!(count(&other, "nonstandard-label"), 2);
    }
}
