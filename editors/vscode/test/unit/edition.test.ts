import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { editionInForce, looksLikeReport, statusText } from "../../src/edition";

const root = join(__dirname, "../..");
const scaffold = readFileSync(join(root, "../scaffold/2021.md"), "utf8");
const fixture = readFileSync(join(root, "test/fixture/report-2021.md"), "utf8");

test("the setting decides when it is not auto", () => {
  assert.deepEqual(editionInForce(fixture, "2019"), { edition: "2019", reason: "setting" });
});

test("a cited 文号 decides", () => {
  assert.deepEqual(editionInForce("依据国办公开办函〔2021〕30号", "auto"), { edition: "2021", reason: "文号" });
  assert.deepEqual(editionInForce("国办公开办函 〔2019〕 60号", "auto"), { edition: "2019", reason: "文号" });
});

test("the report year in the title decides", () => {
  assert.equal(editionInForce("# 某局2020年政府信息公开工作年度报告\n", "auto").edition, "2019");
  assert.equal(editionInForce("某局2023年度政府信息公开工作年度报告\n", "auto").edition, "2021");
});

test("the tables decide when nothing else does", () => {
  assert.deepEqual(editionInForce("| 行政规范性文件 | 1 |", "auto"), { edition: "2021", reason: "tables" });
  assert.deepEqual(editionInForce("本年新制作数量", "auto"), { edition: "2019", reason: "tables" });
  assert.deepEqual(editionInForce("hello", "auto"), { edition: null, reason: "unknown" });
});

test("scaffold and fixture are reports of the 2021 edition", () => {
  assert.ok(looksLikeReport(scaffold));
  assert.ok(looksLikeReport(fixture));
  assert.equal(editionInForce(scaffold, "auto").edition, "2021");
  assert.equal(editionInForce(fixture, "auto").edition, "2021");
});

test("ordinary Markdown is not a report", () => {
  assert.ok(!looksLikeReport("# README\n\n一、总体情况\n"));
  assert.ok(!looksLikeReport("政府信息公开 is mentioned once"));
});

test("status text", () => {
  assert.equal(statusText({ edition: "2021", reason: "report year" }, 2), "$(law) ogi-lint 2021 $(error) 2");
  assert.equal(statusText({ edition: null, reason: "unknown" }, 0), "$(law) ogi-lint edition ? $(check)");
});
