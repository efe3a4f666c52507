import assert from "node:assert/strict";
import { test } from "node:test";

import { MESSAGES, uiLanguage } from "../../src/i18n";
import { type ServerStatus, statusText, statusTooltip } from "../../src/status";

const base: ServerStatus = {
  uri: "file:///ws/report.md",
  version: 3,
  checked: true,
  edition: "2021",
  editionSource: "report-year",
  editionEvidence: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } },
  counts: { errors: 2, warnings: 1, information: 0, hints: 4 },
};

test("the text shows the edition and the errors", () => {
  assert.equal(statusText(base, "en"), "$(law) ogi-lint 2021 $(error) 2");
  assert.equal(statusText({ ...base, counts: { ...base.counts, errors: 0 } }, "en"), "$(law) ogi-lint 2021 $(check)");
  assert.equal(statusText({ ...base, edition: null }, "en"), "$(law) ogi-lint edition ? $(error) 2");
});

test("the tooltip says why, with the line the server names", () => {
  assert.equal(
    statusTooltip(base, "en"),
    "ogi-lint: 2021 edition (the report year, line 1); 2 errors, 1 warning in this report. Click for the Problems panel.",
  );
  assert.match(statusTooltip({ ...base, editionSource: "config", editionEvidence: null }, "en"), /set by ogiLint.edition/);
  assert.match(statusTooltip({ ...base, editionSource: "document-number" }, "en"), /文号, line 1/);
  assert.match(statusTooltip({ ...base, editionSource: "labels", editionEvidence: null }, "en"), /tables' labels/);
  assert.match(statusTooltip({ ...base, editionSource: "default", editionEvidence: null }, "en"), /newest edition is assumed/);
});

test("in Chinese by default, and the language follows ogiLint.language, then the display language", () => {
  assert.equal(
    statusTooltip(base),
    "ogi-lint：2021 年版模板（依据报告年度，第 1 行）；本报告 2 个错误，1 个警告。点击打开“问题”面板。",
  );
  assert.equal(statusText({ ...base, edition: null }), "$(law) ogi-lint 版本未定 $(error) 2");
  assert.equal(uiLanguage(undefined, "zh-cn"), "zh");
  assert.equal(uiLanguage("auto", "en"), "en");
  assert.equal(uiLanguage("auto", "en-GB"), "en");
  assert.equal(uiLanguage("zh", "en"), "zh");
  assert.equal(uiLanguage("en", "zh-cn"), "en");
  assert.equal(uiLanguage(undefined, "fr"), "zh");
  assert.equal(uiLanguage(undefined, undefined), "zh");
});

test("every message of the extension is in both languages, with the same placeholders", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
    assert.ok(MESSAGES.zh[key], key);
    assert.deepEqual(placeholders(MESSAGES.zh[key]), placeholders(MESSAGES.en[key]), key);
  }
  assert.deepEqual(Object.keys(MESSAGES.zh).sort(), Object.keys(MESSAGES.en).sort());
});
