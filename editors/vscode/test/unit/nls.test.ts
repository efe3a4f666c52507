import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

// The bundled test runs from out/test/; the extension's folder is two levels up.
const root = path.join(__dirname, "..", "..");

function read(name: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(root, name), "utf8")) as Record<string, string>;
}

test("package.nls.zh-cn.json covers every key of package.nls.json, and no other", () => {
  const en = read("package.nls.json");
  const zh = read("package.nls.zh-cn.json");
  for (const key of Object.keys(en)) {
    assert.ok(typeof zh[key] === "string" && zh[key] !== "", `no Chinese text for ${key}`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
});

test("every %key% of package.json has its text in package.nls.json", () => {
  const en = read("package.nls.json");
  const manifest = fs.readFileSync(path.join(root, "package.json"), "utf8");
  const keys = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 30, `only ${keys.length} keys`);
  for (const key of keys) assert.ok(key in en, `%${key}% has no text`);
  assert.ok(keys.includes("ogiLint.language.description"));
});
