//! Helpers for rule tests: a minimal report builder and readers of what `check` says.

use crate::analysis::{check, Lang, Options};
use crate::line_index::{Encoding, LineIndex};

/// Table 三 of the 2021 edition as GFM, every relation holding (3 new applications).
pub const TABLE_3_GFM: &str = "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |\n\
|---|---|---|---|---|---|---|---|---|---|\n\
| | | | 自然人 | 法人或其他组织 | | | | | 总计 |\n\
| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n\
| 一、本年新收政府信息公开申请数量 |  |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |\n\
| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
| 三、本年度办理结果 | （一）予以公开 |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |\n\
|  | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  | （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  | （四）无法提供 | 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
|  |  | 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  | （五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  |  | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
|  | （七）总计 |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |\n\
| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
";

const TITLES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// A 2021 report with the given sections (in the given order), each with a line of prose;
/// `table3` goes under section 三.
pub fn report(sections: &[u32], table3: &str) -> String {
    let mut text = String::from("# 某市商务局2021年政府信息公开工作年度报告\n\n");
    for &s in sections {
        let title = TITLES[(s - 1) as usize];
        text.push_str(title);
        text.push_str("\n本部分说明政府信息公开工作情况，涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障，未收取信息处理费。\n\n");
        if s == 3 {
            text.push_str(table3);
            text.push('\n');
        }
    }
    text
}

/// `(0-based line, message, line text)` of each diagnostic of `code` (messages in Chinese).
pub fn lines_of(text: &str, code: &str) -> Vec<(u32, String, String)> {
    lines_in(Lang::Zh, text, code)
}

/// [`lines_of`] with the messages in `lang`.
pub fn lines_in(lang: Lang, text: &str, code: &str) -> Vec<(u32, String, String)> {
    let index = LineIndex::new(text);
    let options = Options {
        language: lang,
        ..Options::default()
    };
    check(text, &options)
        .into_iter()
        .filter(|d| d.code.as_str() == code)
        .map(|d| {
            let pos = index.position(text, d.range.start, Encoding::Utf16);
            let line = index.line_range(pos.line as usize);
            let line_text = text[line].trim_end().to_string();
            (pos.line, d.message, line_text)
        })
        .collect()
}

pub fn codes(text: &str) -> Vec<String> {
    check(text, &Options::default())
        .into_iter()
        .map(|d| d.code.as_str().to_string())
        .collect()
}

/// Applies the fixes of every diagnostic of `code` (non-overlapping, back to front).
pub fn apply_fixes(text: &str, code: &str) -> String {
    let mut edits: Vec<_> = check(text, &Options::default())
        .into_iter()
        .filter(|d| d.code.as_str() == code)
        .filter_map(|d| d.fix)
        .flat_map(|f| f.edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for e in edits {
        if e.range.end <= limit {
            out.replace_range(e.range.clone(), &e.new_text);
            limit = e.range.start;
        }
    }
    out
}
