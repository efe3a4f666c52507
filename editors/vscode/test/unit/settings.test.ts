import assert from "node:assert/strict";
import { test } from "node:test";

import { answerConfigurationItem, serverSettings, type ConfigReader } from "../../src/settings";

function reader(values: Record<string, unknown>): ConfigReader {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

test("the contract keys are passed on as they are, client-only keys left out", () => {
  const settings = serverSettings(
    reader({
      edition: "2019",
      severity: { "label-punctuation": "off", "total-mismatch": "warning" },
      include: ["reports/**/*.md"],
      exclude: ["**/drafts/**"],
      debounceMs: 250,
      logLevel: "debug",
      language: "en",
      "server.path": "/x",
      "trace.server": "verbose",
    }),
  );
  assert.deepEqual(settings, {
    edition: "2019",
    severity: { "label-punctuation": "off", "total-mismatch": "warning" },
    include: ["reports/**/*.md"],
    exclude: ["**/drafts/**"],
    debounceMs: 250,
    logLevel: "debug",
    language: "en",
  });
});

test("bad values are not judged here: the server validates and reports them", () => {
  const settings = serverSettings(reader({ edition: "2020", severity: { "missing-row": "loud" }, debounceMs: -5 }));
  assert.deepEqual(settings, { edition: "2020", severity: { "missing-row": "loud" }, debounceMs: -5 });
});

test("unset keys are not sent", () => {
  assert.deepEqual(serverSettings(reader({ edition: null })), {});
});

test("workspace/configuration answers", () => {
  const s = serverSettings(reader({ edition: "2021" }));
  assert.deepEqual(answerConfigurationItem("ogiLint", s), s);
  assert.equal(answerConfigurationItem("ogiLint.edition", s), "2021");
  assert.deepEqual(answerConfigurationItem(undefined, s), { ogiLint: s });
  assert.equal(answerConfigurationItem("editor", s), null);
  assert.equal(answerConfigurationItem("ogiLint.nope", s), null);
});
