import assert from "node:assert/strict";
import { test } from "node:test";

import scaffold from "../../../scaffold/2021.md";

// The labels the 2021 format fixes (the template in crates/ogi-lint-core/src/analysis/templates/2021.toml); the scaffold must carry each verbatim.
const SECTIONS = [
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
];
const LABELS = [
  "第二十条第（一）项", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
  "第二十条第（五）项", "本年处理决定数量", "行政许可", "第二十条第（六）项", "行政处罚", "行政强制",
  "第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费",
  "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
  "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
  "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开",
  "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
  "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
  "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
  "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
  "（七）总计", "四、结转下年度继续办理",
  "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结",
];

test("the bundled scaffold has the six section headings in order", () => {
  let last = -1;
  for (const s of SECTIONS) {
    const at = scaffold.indexOf(`## ${s}\n`);
    assert.ok(at > last, `heading ${s}`);
    last = at;
  }
});

test("the bundled scaffold has every standard label of tables 二 三 四 as a table cell or block heading", () => {
  for (const l of LABELS) {
    const ok = l.startsWith("第二十条") ? scaffold.includes(`\n### ${l}\n`) : scaffold.includes(`| ${l} |`);
    assert.ok(ok, l);
  }
});

test("table 三 has 7 value columns on every row, table 四 15", () => {
  const lines = scaffold.split("\n");
  const t3 = lines.filter((l) => /^\| (一|二|三|四)、|^\| （|^\| \d\./.test(l) && l.split("|").length === 10 && !l.startsWith("| （本列"));
  assert.equal(t3.length, 30);
  const t4 = lines.filter((l) => l.startsWith("|") && l.split("|").length === 17);
  assert.equal(t4.length, 5);
});

test("no 2019-edition labels in the 2021 scaffold", () => {
  for (const l of ["本年新制作数量", "| 规范性文件 |", "政府集中采购"]) assert.ok(!scaffold.includes(l), l);
});
