import assert from "node:assert/strict";
import { test } from "node:test";

import {
  binaryName,
  bundledServerPath,
  expandConfiguredPath,
  pathFolders,
  resolveServerPath,
  type ResolveInput,
} from "../../src/serverPath";

function input(files: string[], over: Partial<ResolveInput> = {}): ResolveInput {
  const set = new Set(files);
  return {
    configured: undefined,
    extensionPath: "/ext",
    workspaceFolder: "/ws",
    platform: "linux",
    envPath: "/usr/local/bin:/usr/bin",
    homeDir: "/home/u",
    isFile: (p) => set.has(p),
    language: "en",
    ...over,
  };
}

test("the setting wins over the bundled binary and PATH", () => {
  const r = resolveServerPath(input(["/opt/ogi-lint", "/ext/server/ogi-lint", "/usr/bin/ogi-lint"], { configured: "/opt/ogi-lint" }));
  assert.deepEqual(r, { kind: "found", path: "/opt/ogi-lint", source: "setting" });
});

test("a setting that points nowhere is an error naming the path, with no fallback", () => {
  const r = resolveServerPath(input(["/ext/server/ogi-lint"], { configured: "/nope/ogi-lint" }));
  assert.equal(r.kind, "missing");
  assert.ok(r.kind === "missing" && r.message.includes("/nope/ogi-lint") && r.message.includes("ogiLint.server.path"));
});

test("an empty or blank setting is ignored", () => {
  for (const configured of ["", "   ", null, undefined]) {
    const r = resolveServerPath(input(["/ext/server/ogi-lint"], { configured }));
    assert.deepEqual(r, { kind: "found", path: "/ext/server/ogi-lint", source: "bundled" });
  }
});

test("the setting expands ~ and resolves relative paths against the workspace folder", () => {
  assert.equal(expandConfiguredPath("~/bin/ogi-lint", "/home/u", "/ws"), "/home/u/bin/ogi-lint");
  assert.equal(expandConfiguredPath("target/debug/ogi-lint", "/home/u", "/ws"), "/ws/target/debug/ogi-lint");
  const r = resolveServerPath(input(["/ws/target/debug/ogi-lint"], { configured: "target/debug/ogi-lint" }));
  assert.deepEqual(r, { kind: "found", path: "/ws/target/debug/ogi-lint", source: "setting" });
});

test("the bundled binary comes before PATH", () => {
  const r = resolveServerPath(input(["/ext/server/ogi-lint", "/usr/bin/ogi-lint"]));
  assert.deepEqual(r, { kind: "found", path: "/ext/server/ogi-lint", source: "bundled" });
});

test("PATH is searched in order when nothing is bundled", () => {
  const r = resolveServerPath(input(["/usr/bin/ogi-lint", "/usr/local/bin/ogi-lint"]));
  assert.deepEqual(r, { kind: "found", path: "/usr/local/bin/ogi-lint", source: "path" });
});

test("nothing found: a message that says how to fix it, and every place looked at", () => {
  const r = resolveServerPath(input([], { envPath: "/a::/b" }));
  assert.equal(r.kind, "missing");
  if (r.kind !== "missing") return;
  assert.deepEqual(r.tried, ["/ext/server/ogi-lint", "/a/ogi-lint", "/b/ogi-lint"]);
  assert.match(r.message, /ogiLint\.server\.path/);
  assert.match(r.message, /cargo install/);
  assert.match(r.message, /Restart server/);
});

test("Windows: the bundled binary is server\\ogi-lint.exe under the extension folder", () => {
  const ext = "C:\\Users\\张三\\.vscode\\extensions\\ogi-lint.ogi-lint-0.1.0-win32-x64";
  const exe = `${ext}\\server\\ogi-lint.exe`;
  assert.equal(binaryName("win32"), "ogi-lint.exe");
  assert.equal(bundledServerPath(ext, "win32"), exe);
  const r = resolveServerPath(
    input([exe, `${ext}\\server\\ogi-lint`], { platform: "win32", extensionPath: ext, envPath: "" }),
  );
  assert.deepEqual(r, { kind: "found", path: exe, source: "bundled" });
});

test("Windows: PATH is split at ; and quoted folders are unquoted", () => {
  const envPath = 'C:\\Windows\\system32;;"C:\\Program Files\\ogi-lint";D:\\tools';
  assert.deepEqual(pathFolders(envPath, "win32"), ["C:\\Windows\\system32", "C:\\Program Files\\ogi-lint", "D:\\tools"]);
  const r = resolveServerPath(
    input(["C:\\Program Files\\ogi-lint\\ogi-lint.exe", "D:\\tools\\ogi-lint.exe", "D:\\tools\\ogi-lint"], {
      platform: "win32",
      extensionPath: "C:\\ext",
      envPath,
    }),
  );
  assert.deepEqual(r, { kind: "found", path: "C:\\Program Files\\ogi-lint\\ogi-lint.exe", source: "path" });
  // Only ogi-lint.exe counts: a file named ogi-lint (no extension) is not a Windows program.
  const none = resolveServerPath(input(["D:\\tools\\ogi-lint"], { platform: "win32", extensionPath: "C:\\ext", envPath: "D:\\tools" }));
  assert.equal(none.kind, "missing");
  if (none.kind === "missing") assert.deepEqual(none.tried, ["C:\\ext\\server\\ogi-lint.exe", "D:\\tools\\ogi-lint.exe"]);
});

test("Windows: the setting takes drive letters, ~\\ and paths relative to the workspace", () => {
  const home = "C:\\Users\\u";
  assert.equal(expandConfiguredPath("C:\\tools\\ogi-lint.exe", home, "D:\\reports", "win32"), "C:\\tools\\ogi-lint.exe");
  assert.equal(expandConfiguredPath("~\\bin\\ogi-lint.exe", home, "D:\\reports", "win32"), "C:\\Users\\u\\bin\\ogi-lint.exe");
  assert.equal(
    expandConfiguredPath("target\\release\\ogi-lint.exe", home, "D:\\reports", "win32"),
    "D:\\reports\\target\\release\\ogi-lint.exe",
  );
  // Forward slashes, as users copy them from docs: still absolute (Windows accepts either).
  assert.equal(expandConfiguredPath("C:/tools/ogi-lint.exe", home, "D:\\reports", "win32"), "C:/tools/ogi-lint.exe");
});

test("the message is in the extension's language: Chinese unless English is asked for", () => {
  const r = resolveServerPath(input([], { envPath: "", language: undefined }));
  assert.ok(r.kind === "missing" && r.message.startsWith("ogi-lint：找不到 ogi-lint 语言服务器"), JSON.stringify(r));
  const setting = resolveServerPath(input([], { configured: "/nope/ogi-lint", language: "zh" }));
  assert.ok(setting.kind === "missing" && setting.message.includes("“/nope/ogi-lint”"));
});
