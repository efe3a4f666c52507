import assert from "node:assert/strict";
import { test } from "node:test";

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
  assert.equal(statusText(base), "$(law) ogi-lint 2021 $(error) 2");
  assert.equal(statusText({ ...base, counts: { ...base.counts, errors: 0 } }), "$(law) ogi-lint 2021 $(check)");
  assert.equal(statusText({ ...base, edition: null }), "$(law) ogi-lint edition ? $(error) 2");
});

test("the tooltip says why, with the line the server names", () => {
  assert.equal(
    statusTooltip(base),
    "ogi-lint: 2021 edition (the report year, line 1); 2 errors, 1 warning in this report. Click for the Problems panel.",
  );
  assert.match(statusTooltip({ ...base, editionSource: "config", editionEvidence: null }), /set by ogiLint.edition/);
  assert.match(statusTooltip({ ...base, editionSource: "document-number" }), /文号, line 1/);
  assert.match(statusTooltip({ ...base, editionSource: "labels", editionEvidence: null }), /tables' labels/);
  assert.match(statusTooltip({ ...base, editionSource: "default", editionEvidence: null }), /newest edition is assumed/);
});
