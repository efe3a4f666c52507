import assert from "node:assert/strict";
import { test } from "node:test";

import { answerConfigurationItem, DEFAULT_SETTINGS, mapSettings, RULE_CODES, type ConfigReader } from "../../src/settings";

function reader(values: Record<string, unknown>): ConfigReader {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

test("defaults match the server contract", () => {
  const { settings, warnings } = mapSettings(reader({}));
  assert.deepEqual(settings, { edition: "auto", severity: {}, include: [], exclude: [], debounceMs: 30, logLevel: "info" });
  assert.deepEqual(warnings, []);
});

test("every contract key is passed through", () => {
  const { settings, warnings } = mapSettings(
    reader({
      edition: "2019",
      severity: { "label-punctuation": "off", "total-mismatch": "warning" },
      include: ["reports/**/*.md"],
      exclude: ["**/drafts/**"],
      debounceMs: 250,
      logLevel: "debug",
      // Client-only keys must not reach the server.
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
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(Object.keys(settings).sort(), ["debounceMs", "edition", "exclude", "include", "logLevel", "severity"]);
});

test("severity: aliases are normalised, 'default' and empty entries dropped, bad values reported", () => {
  const { settings, warnings } = mapSettings(
    reader({ severity: { "section-title": "warn", "section-content": "information", "missing-cell": "default", "unknown-row": "", "missing-row": "loud" } }),
  );
  assert.deepEqual(settings.severity, { "section-title": "warning", "section-content": "info" });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /missing-row/);
});

test("severity: an unknown rule code is passed on (the server may be newer) with a warning", () => {
  const { settings, warnings } = mapSettings(reader({ severity: { "future-rule": "off" } }));
  assert.deepEqual(settings.severity, { "future-rule": "off" });
  assert.match(warnings[0], /future-rule/);
});

test("invalid values fall back to the defaults with a warning each", () => {
  const { settings, warnings } = mapSettings(
    reader({ edition: "2020", severity: ["x"], include: "reports/*.md", exclude: 3, debounceMs: -5, logLevel: "loud" }),
  );
  assert.equal(settings.edition, "auto");
  assert.deepEqual(settings.severity, {});
  assert.deepEqual(settings.include, ["reports/*.md"]);
  assert.deepEqual(settings.exclude, []);
  assert.equal(settings.debounceMs, 30);
  assert.equal(settings.logLevel, "info");
  assert.equal(warnings.length, 5);
});

test("mapping does not mutate the defaults", () => {
  mapSettings(reader({ severity: { "missing-cell": "off" } }));
  assert.deepEqual(DEFAULT_SETTINGS.severity, {});
});

test("workspace/configuration answers", () => {
  const s = mapSettings(reader({ edition: "2021" })).settings;
  assert.deepEqual(answerConfigurationItem("ogiLint", s), s);
  assert.equal(answerConfigurationItem("ogiLint.edition", s), "2021");
  assert.deepEqual(answerConfigurationItem(undefined, s), { ogiLint: s });
  assert.equal(answerConfigurationItem("editor", s), null);
  assert.equal(answerConfigurationItem("ogiLint.nope", s), null);
});

test("the rule codes match package.json's ogiLint.severity properties", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8"));
  const props = Object.keys(pkg.contributes.configuration.properties["ogiLint.severity"].properties);
  assert.deepEqual(props.sort(), [...RULE_CODES].sort());
});
