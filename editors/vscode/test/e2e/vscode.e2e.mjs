// End-to-end test of the packaged extension in a real VS Code workbench (code-server) driven by
// Debian's headless Chromium through playwright-core (installed by .ci/editors.sh).
//
//   OGI_LINT_BIN=/path/to/ogi-lint node test/e2e/vscode.e2e.mjs
//
// Environment:
//   OGI_LINT_BIN      the server binary: the expectations come from `$OGI_LINT_BIN check`
//                     (the .vsix should bundle the same binary: `npm run package`)
//   OGI_VSIX          the .vsix to install (default: ogi-lint-linux-x64.vsix next to package.json)
//   OGI_E2E_TOOLS     folder with node_modules/{code-server,playwright-core} (default: scripts/editor-e2e)
//   OGI_E2E_SCREENSHOT where to save the screenshot (default: test/screenshot.png)
//   OGI_E2E_KEEP=1    keep the temporary folder (logs, failure screenshots)
//   CHROMIUM          browser binary (default /usr/bin/chromium)
//
// Prints a transcript and ends with "vscode-e2e: N passed, N failed"; exits 1 on any failure.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const extRoot = resolve(here, "../..");
const repoRoot = resolve(extRoot, "../..");
const FIXTURE = join(extRoot, "test/fixture/report-2021.md");
const BIN = process.env.OGI_LINT_BIN ? resolve(process.env.OGI_LINT_BIN) : "";
const VSIX = resolve(process.env.OGI_VSIX ?? join(extRoot, "ogi-lint-linux-x64.vsix"));
const TOOLS = resolve(process.env.OGI_E2E_TOOLS ?? join(repoRoot, "scripts/editor-e2e"));
const SCREENSHOT = resolve(process.env.OGI_E2E_SCREENSHOT ?? join(extRoot, "test/screenshot.png"));
/** The same screenshot with the messages in English (`ogiLint.language` = "en"). */
const SCREENSHOT_EN = SCREENSHOT.replace(/(\.png)?$/, "-en.png");
// The workbench runs with VS Code's display language zh-cn: code-server 4.100.3 offline has no
// Chinese language pack, so the test makes a minimal one (no translations of its own: the
// workbench's words stay English) and registers it in the user data's languagepacks.json, which
// code-server reads to resolve `--locale zh-cn`. The extension then sees `vscode.env.language`
// "zh-cn": its command titles and settings come from package.nls.zh-cn.json, and the server gets
// `locale` "zh-cn". If the pack cannot be set up, the test falls back to display language `en`
// with `ogiLint.language` = "zh" and says so.
const DISPLAY_LANGUAGE = process.env.OGI_E2E_DISPLAY_LANGUAGE ?? "zh-cn";
const UI_LANGUAGE = "zh";
const NLS = {
  "zh-cn": JSON.parse(readFileSync(join(extRoot, "package.nls.zh-cn.json"), "utf8")),
  en: JSON.parse(readFileSync(join(extRoot, "package.nls.json"), "utf8")),
};
/** The title of command `id` as the command palette shows it in display language `display`. */
const commandTitle = (display, id) => `ogi-lint: ${NLS[display === "zh-cn" ? "zh-cn" : "en"][`${id}.title`]}`;

/**
 * Installs a minimal zh-cn language pack into code-server's folders and registers it in
 * `languagepacks.json`; returns true when done.
 */
function installLanguagePack(D, codeServer, csArgs, env) {
  const pack = join(D, "zh-cn-pack");
  mkdirSync(join(pack, "translations"), { recursive: true });
  writeFileSync(join(pack, "package.json"), JSON.stringify({
    name: "vscode-language-pack-zh-hans-e2e", publisher: "ogilinte2e", version: "1.0.0", license: "MIT",
    displayName: "zh-cn (e2e test)", description: "A language pack with no translations, for the e2e test",
    repository: "https://example.invalid/e2e", engines: { vscode: "^1.100.0" }, categories: ["Language Packs"],
    contributes: { localizations: [{ languageId: "zh-cn", languageName: "Chinese Simplified", localizedLanguageName: "中文(简体)",
      translations: [{ id: "vscode", path: "./translations/main.i18n.json" }] }] },
  }, null, 2));
  writeFileSync(join(pack, "translations/main.i18n.json"), JSON.stringify({ version: "1.0.0", contents: {} }));
  writeFileSync(join(pack, "README.md"), "A language pack for the e2e test.\n");
  writeFileSync(join(pack, "LICENSE"), "MIT\n");
  const vsix = join(D, "zh-cn-pack.vsix");
  const vsce = join(extRoot, "node_modules/.bin/vsce");
  const packed = spawnSync(vsce, ["package", "--allow-missing-repository", "-o", vsix], { cwd: pack, encoding: "utf8", timeout: 120_000 });
  if (packed.status !== 0) {
    say(`language pack: vsce failed: ${(packed.stdout + packed.stderr).trim().split("\n").slice(-2).join(" ")}`);
    return false;
  }
  const inst = spawnSync(codeServer, [...csArgs, "--install-extension", vsix], { env, encoding: "utf8", timeout: 120_000 });
  const installed = readdirSync(join(D, "ext")).find((f) => f.startsWith("ogilinte2e.vscode-language-pack-zh-hans-e2e"));
  if (inst.status !== 0 || !installed) {
    say(`language pack: install failed: ${(inst.stdout + inst.stderr).trim()}`);
    return false;
  }
  writeFileSync(join(D, "ud/languagepacks.json"), JSON.stringify({
    "zh-cn": {
      hash: "ogilinte2e1",
      extensions: [{ extensionIdentifier: { id: "ogilinte2e.vscode-language-pack-zh-hans-e2e" }, version: "1.0.0" }],
      translations: { vscode: join(D, "ext", installed, "translations/main.i18n.json") },
      label: "中文(简体)",
    },
  }, null, 2));
  return true;
}
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const OVERALL_TIMEOUT_MS = Number(process.env.OGI_E2E_TIMEOUT_MS ?? 300_000);
const DIAG_TIMEOUT_MS = 45_000;

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (s) => console.log(`[vscode-e2e ${elapsed()}] ${s}`);
const results = [];
function record(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`${ok ? "PASS" : "FAIL"} ${name} [${elapsed()}]${detail ? `\n     ${detail.replace(/\n/g, "\n     ")}` : ""}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ expectations (the CLI)
const SEV_NAME = { 1: "Error", 2: "Warning", 3: "Info", 4: "Hint" };

/** `ogi-lint check --format json` in `lang` (the language the workbench is set to speak). */
function checkJson(file, lang = UI_LANGUAGE) {
  const r = spawnSync(BIN, ["check", "--format", "json", "--lang", lang, file], { encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`${BIN} check --format json exited ${r.status}: ${r.stderr}`);
  }
  return JSON.parse(r.stdout);
}

/** One diagnostic as the Problems panel shows it: VS Code lists severities 1–3, not hints. */
function asRow(d) {
  return {
    severity: SEV_NAME[d.severity],
    message: String(d.message).split("\n")[0].trim(),
    source: d.source ?? "ogi-lint",
    code: typeof d.code === "object" && d.code ? String(d.code.value) : String(d.code),
    line: d.range.start.line + 1,
    col: d.range.start.character + 1,
  };
}
const rowKey = (r) => `${r.line}:${r.col} ${r.severity} ${r.code} ${r.message}`;
const sortRows = (rows) => [...rows].sort((a, b) => a.line - b.line || a.col - b.col || rowKey(a).localeCompare(rowKey(b)));
function expectedRows(json) {
  return sortRows(json.filter((d) => d.severity >= 1 && d.severity <= 3).map(asRow));
}
function counts(rows) {
  return {
    errors: rows.filter((r) => r.severity === "Error").length,
    warnings: rows.filter((r) => r.severity === "Warning").length,
    infos: rows.filter((r) => r.severity === "Info").length,
  };
}
function sameRows(a, b) {
  return JSON.stringify(sortRows(a).map(rowKey)) === JSON.stringify(sortRows(b).map(rowKey));
}
function diffRows(expected, actual) {
  const e = expected.map(rowKey);
  const a = actual.map(rowKey);
  const missing = e.filter((k) => !a.includes(k));
  const extra = a.filter((k) => !e.includes(k));
  return `expected ${e.length}, shown ${a.length}` +
    (missing.length ? `\nmissing from the Problems panel:\n  ${missing.join("\n  ")}` : "") +
    (extra.length ? `\nshown but not in ogi-lint check:\n  ${extra.join("\n  ")}` : "");
}

/** Applies LSP edits (UTF-16 positions, as JS strings index) to a text. */
function applyEdits(text, edits) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const off = (p) => (starts[p.line] ?? text.length) + p.character;
  for (const e of [...edits].sort((x, y) => off(y.range.start) - off(x.range.start))) {
    text = text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
  }
  return text;
}

// ------------------------------------------------------------------ processes
const started = [];
function descendants(pid) {
  const r = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  const kids = r.stdout.split(/\s+/).filter(Boolean).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}
function killTree(pid) {
  const all = [...descendants(pid).reverse(), pid];
  for (const p of all) {
    try {
      process.kill(p, "SIGTERM");
    } catch {}
  }
  return all;
}
async function stopAll() {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null) continue;
    const pids = killTree(child.pid);
    await sleep(500);
    for (const p of pids) {
      try {
        process.kill(p, "SIGKILL");
      } catch {}
    }
  }
}
function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// ------------------------------------------------------------------ workbench helpers
async function problemsStatus(page) {
  const label = (await page.locator('[id="status.problems"]').first().getAttribute("aria-label").catch(() => "")) ?? "";
  const num = (re) => Number((label.match(re) ?? [0, 0])[1]);
  return { label, errors: num(/Errors?: (\d+)/), warnings: num(/Warnings?: (\d+)/), infos: num(/Infos?: (\d+)/) };
}

async function openProblems(page) {
  if (!(await page.locator(".markers-panel").isVisible().catch(() => false))) {
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel").waitFor({ state: "visible", timeout: 10_000 });
  }
}

/** Every marker row of the Problems panel (the list is virtual: scroll to collect all rows). */
async function problemRows(page, onlyFile) {
  const t = Date.now();
  try {
    return await problemRowsInner(page, onlyFile);
  } finally {
    if (Date.now() - t > 3_000) say(`  (reading the Problems panel took ${((Date.now() - t) / 1000).toFixed(1)}s)`);
  }
}

async function problemRowsInner(page, onlyFile) {
  await openProblems(page);
  const seen = new Map();
  let stale = 0;
  const list = page.locator(".markers-panel .monaco-list");
  await list.evaluate((el) => { const s = el.querySelector(".monaco-scrollable-element"); if (s) s.scrollTop = 0; }).catch(() => {});
  await list.hover({ timeout: 1_000 }).catch(() => {});
  await page.mouse.wheel(0, -100_000);
  await sleep(200);
  for (let round = 0; round < 50 && stale < 2; round++) {
    const rows = await page.locator(".markers-panel .monaco-list-row").evaluateAll((els) =>
      els.map((el) => ({ index: el.getAttribute("data-index"), aria: el.getAttribute("aria-label") ?? "", text: el.innerText })),
    );
    let added = 0;
    for (const r of rows) {
      if (!seen.has(r.index)) {
        seen.set(r.index, r);
        added++;
      }
    }
    stale = added === 0 ? stale + 1 : 0;
    await page.mouse.wheel(0, 300);
    await sleep(150);
  }
  const out = [];
  let file = "";
  for (const r of [...seen.values()].sort((a, b) => Number(a.index) - Number(b.index))) {
    const sev = r.aria.match(/^(Error|Warning|Info|Information|Hint): /);
    if (!sev) {
      file = (r.aria.match(/ in file (.+?) of folder /) ?? [null, ""])[1]; // a file row
      continue;
    }
    const lines = r.text.split("\n").map((s) => s.trim()).filter(Boolean);
    const pos = lines.at(-1).match(/\[Ln (\d+), Col (\d+)\]/);
    if (!pos) continue;
    const code = lines.at(-2);
    const source = lines.at(-3);
    const message = lines.slice(0, -3).join(" ");
    out.push({
      severity: sev[1] === "Information" ? "Info" : sev[1],
      message,
      source,
      code,
      line: Number(pos[1]),
      col: Number(pos[2]),
      file,
    });
  }
  return sortRows(onlyFile ? out.filter((r) => r.file === onlyFile) : out);
}

/** Waits until the Problems panel shows exactly `expected` (or the timeout); returns what it shows. */
async function waitForProblems(page, expected, timeoutMs = DIAG_TIMEOUT_MS, onlyFile = undefined) {
  const want = counts(expected);
  const deadline = Date.now() + timeoutMs;
  let rows = [];
  const started = Date.now();
  for (let round = 1; ; round++) {
    const s = await problemsStatus(page);
    // The status bar counts every file; with a file filter only the panel rows count.
    if (onlyFile || (s.errors === want.errors && s.warnings === want.warnings)) {
      rows = await problemRows(page, onlyFile);
      if (sameRows(rows, expected)) {
        if (Date.now() - started > 5_000) say(`  (Problems matched after ${((Date.now() - started) / 1000).toFixed(1)}s, ${round} rounds)`);
        return rows;
      }
    }
    if (Date.now() > deadline) return rows.length ? rows : await problemRows(page, onlyFile);
    await sleep(500);
  }
}

async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: 10_000 });
  await sleep(200);
  await page.keyboard.press("Enter");
}

/** Whether the command palette lists a command titled `title`. */
async function paletteHas(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(`>${title}`);
  const found = await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first()
    .waitFor({ timeout: 5_000 }).then(() => true).catch(() => false);
  await page.keyboard.press("Escape");
  return found;
}

async function gotoPosition(page, line, col) {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await sleep(200);
  await page.keyboard.press("Enter");
  await sleep(300);
}

async function focusEditor(page) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+1"); // View: Focus First Editor Group
  await sleep(200);
}

async function cursorPosition(page) {
  const t = await page.locator('[id="status.editor.selection"]').first().innerText({ timeout: 5_000 }).catch(() => "");
  const m = t.match(/Ln (\d+), Col (\d+)/);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : null;
}

function latestFile(dir, pattern) {
  let best = null;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (pattern.test(e.name) && (!best || statSync(p).mtimeMs > statSync(best).mtimeMs)) best = p;
    }
  };
  if (existsSync(dir)) walk(dir);
  return best;
}

// ------------------------------------------------------------------ the test
async function main() {
  if (!BIN || !existsSync(BIN)) throw new Error(`set OGI_LINT_BIN to the ogi-lint binary (got "${BIN}")`);
  if (!existsSync(VSIX)) throw new Error(`no .vsix at ${VSIX}: run \`npm run package\` first`);
  const codeServer = join(TOOLS, "node_modules/.bin/code-server");
  if (!existsSync(codeServer)) throw new Error(`no code-server in ${TOOLS}: run .ci/editors.sh (or npm ci there)`);
  const { chromium } = await import(pathToFileURL(join(TOOLS, "node_modules/playwright-core/index.mjs")).href);

  const D = mkdtempSync(join(tmpdir(), "ogi-vscode-e2e-"));
  say(`work dir ${D}; server ${BIN}; vsix ${VSIX}`);
  const ws = join(D, "workspace");
  mkdirSync(ws, { recursive: true });
  mkdirSync(join(D, "ud/User"), { recursive: true });
  const report = join(ws, "report-2021.md");
  copyFileSync(FIXTURE, report);
  // A real report as plain text (the corpus), if the repository has one.
  const corpusDir = join(repoRoot, "tests/fixtures/corpus");
  const corpusName = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith(".txt")).sort().at(-1) : undefined;
  const corpusReport = corpusName ? join(ws, corpusName) : undefined;
  if (corpusReport) copyFileSync(join(corpusDir, corpusName), corpusReport);
  const userSettings = join(D, "ud/User/settings.json");
  const baseSettings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "telemetry.telemetryLevel": "off",
    "editor.minimap.enabled": false,
    "security.workspace.trust.enabled": false,
    "markdown.validate.enabled": false,
    "window.commandCenter": false,
    "chat.commandCenter.enabled": false,
    "editor.hover.delay": 100,
  };
  writeFileSync(userSettings, JSON.stringify(baseSettings, null, 2));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(D, "xdg/config"),
    XDG_DATA_HOME: join(D, "xdg/data"),
    XDG_CACHE_HOME: join(D, "xdg/cache"),
  };
  const csArgs = ["--user-data-dir", join(D, "ud"), "--extensions-dir", join(D, "ext")];

  let browser;
  let page;
  try {
    // 1. Expectations from the CLI.
    const before = checkJson(report);
    const expected = expectedRows(before);
    say(`ogi-lint check --format json: ${before.length} diagnostics (${expected.length} shown in Problems: ${JSON.stringify(counts(expected))})`);
    for (const r of expected) say(`  expect ${rowKey(r)}`);

    // 2. Install the .vsix the way a user would.
    const inst = spawnSync(codeServer, [...csArgs, "--install-extension", VSIX], { env, encoding: "utf8", timeout: 120_000 });
    record("the .vsix installs into code-server", inst.status === 0 && /successfully installed/.test(inst.stdout + inst.stderr),
      (inst.stdout + inst.stderr).trim().split("\n").slice(-2).join("\n"));

    // 3. The display language, then start the workbench on loopback and open the report.
    let display = "en";
    if (DISPLAY_LANGUAGE === "zh-cn" && installLanguagePack(D, codeServer, csArgs, env)) display = "zh-cn";
    if (display === "en") {
      // No display language but English: the Chinese UI through the setting.
      writeFileSync(userSettings, JSON.stringify({ ...baseSettings, "ogiLint.language": UI_LANGUAGE }, null, 2));
    }
    say(`display language: ${display}${display === "en" ? ` (ogiLint.language = "${UI_LANGUAGE}")` : " (ogiLint.language unset: auto)"}`);
    const title = (id) => commandTitle(display, id);
    const port = await freePort();
    const cs = spawn(codeServer, [
      "--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check",
      "--disable-workspace-trust", "--disable-getting-started-override", "--locale", display, ...csArgs, ws,
    ], { env, stdio: ["ignore", "pipe", "pipe"] });
    started.push(cs);
    const csLog = [];
    cs.stdout.on("data", (b) => csLog.push(b.toString()));
    cs.stderr.on("data", (b) => csLog.push(b.toString()));
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      if (cs.exitCode !== null) throw new Error(`code-server exited: ${csLog.join("")}`);
      await sleep(200);
    }
    say(`code-server up on 127.0.0.1:${port} (pid ${cs.pid})`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "report-2021.md" }).first().waitFor({ timeout: 30_000 });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "report-2021.md" }).first().click();
    await page.locator(".monaco-editor .view-lines").first().waitFor({ timeout: 30_000 });
    record("the workbench loads and the report opens in an editor", true);
    if (DISPLAY_LANGUAGE === "zh-cn") {
      // The extension's command titles come from package.nls.zh-cn.json only when VS Code's
      // display language is zh-cn.
      const chineseTitle = commandTitle("zh-cn", "ogiLint.fixAll");
      const listed = display === "zh-cn" && (await paletteHas(page, chineseTitle));
      record(`VS Code's display language is zh-cn: the command palette lists "${chineseTitle}" (package.nls.zh-cn.json)`,
        listed, display === "zh-cn" ? "not listed" : "the language pack could not be set up: the Chinese UI is tested through ogiLint.language");
      await focusEditor(page);
    }

    // 4. Problems match the CLI.
    const shown = await waitForProblems(page, expected);
    const status = await problemsStatus(page);
    say(`status bar problems: ${status.label}`);
    for (const r of shown) say(`  shown  ${rowKey(r)}`);
    record("status-bar problem counts equal ogi-lint check",
      status.errors === counts(expected).errors && status.warnings === counts(expected).warnings,
      `status bar: ${status.label}; expected ${JSON.stringify(counts(expected))}`);
    record("Problems panel entries equal ogi-lint check --format json (severity, code, message, line, column)",
      sameRows(shown, expected), diffRows(expected, shown));

    const ogiStatus = await page.locator("#workbench\\.parts\\.statusbar .statusbar-item", { hasText: "ogi-lint" }).first()
      .innerText({ timeout: 5_000 }).catch(() => "");
    say(`ogi-lint status item: ${JSON.stringify(ogiStatus)}`);
    record("the status-bar item shows the edition and the error count",
      /2021/.test(ogiStatus) && (counts(expected).errors === 0 || ogiStatus.includes(String(counts(expected).errors))),
      `status item text: ${JSON.stringify(ogiStatus)}`);
    // Why the edition applies comes from the server's ogiLint/status (the extension detects
    // nothing): the line citing the template's 文号 is something only the server knows.
    const ogiLabel = await page.locator("#workbench\\.parts\\.statusbar .statusbar-item", { hasText: "ogi-lint" }).first()
      .evaluate((el) => el.getAttribute("aria-label") || el.querySelector("[aria-label]")?.getAttribute("aria-label") || "")
      .catch(() => "");
    const citedLine = readFileSync(FIXTURE, "utf8").split(/\r?\n/).findIndex((l) => /国办公开办函/.test(l)) + 1;
    const why = `国办公开办函文号，第 ${citedLine} 行`;
    say(`ogi-lint status tooltip: ${JSON.stringify(ogiLabel)}`);
    record("the status-bar tooltip gives the server's reason for the edition",
      citedLine > 0 && ogiLabel.includes(why), `tooltip: ${JSON.stringify(ogiLabel)}; expected "${why}"`);

    // 5. Hover over the wrong total.
    const total = before.find((d) => d.code === "total-mismatch" && d.fix && d.fix.edits?.length);
    if (!total) {
      record("hover over the wrong total shows the formula", false, "ogi-lint check reports no total-mismatch with a fix in the fixture");
      record("the quick fix for the wrong total, applied in the UI, changes the text", false, "no total-mismatch to fix");
      record("after the quick fix the problem is gone and Problems equal ogi-lint check", false, "no total-mismatch to fix");
    } else {
      const line = total.range.start.line + 1;
      const col = total.range.start.character + 1;
      await focusEditor(page);
      await gotoPosition(page, line, col);
      say(`cursor at ${JSON.stringify(await cursorPosition(page))} (total-mismatch at ${line}:${col})`);

      // Screenshot: the squiggles around the cursor and the Problems panel underneath.
      await openProblems(page);
      await focusEditor(page);
      await gotoPosition(page, line, col);
      await sleep(800);
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      say(`screenshot saved to ${SCREENSHOT}`);

      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      const hover = page.locator(".monaco-hover:not(.hidden)").first();
      let hoverText = "";
      try {
        await hover.waitFor({ state: "visible", timeout: 10_000 });
        await sleep(1000); // the language server's part of the hover arrives after the markers part
        hoverText = await page.locator(".monaco-hover:not(.hidden)").first().innerText();
      } catch (e) {
        hoverText = `(no hover: ${e.message.split("\n")[0]})`;
      }
      say(`hover: ${JSON.stringify(hoverText)}`);
      const formula = /总计[^\n=]{0,40}=\s*自然人\s*1\s*\+\s*商业企业\s*1/;
      record("hover over the wrong total shows the formula (总计 … = 自然人 1 + 商业企业 1 + …)", formula.test(hoverText), `hover text: ${JSON.stringify(hoverText)}`);
      await page.keyboard.press("Escape");

      // 6. Quick fix through the light-bulb menu (Ctrl+.).
      const originalText = readFileSync(report, "utf8");
      await gotoPosition(page, line, col);
      await page.keyboard.press("Control+.");
      let menu = "";
      let chosen = false;
      try {
        await page.locator(".action-widget").first().waitFor({ state: "visible", timeout: 10_000 });
        await sleep(500);
        menu = await page.locator(".action-widget").first().innerText();
        // Walk the menu with the keyboard, as a user would, to the fix ogi-lint check names.
        for (let i = 0; i < 12 && !chosen; i++) {
          const focused = await page.locator(".action-widget .monaco-list-row.focused").first().innerText({ timeout: 2_000 }).catch(() => "");
          if (focused.includes(total.fix.title)) {
            await page.keyboard.press("Enter");
            chosen = true;
          } else {
            await page.keyboard.press("ArrowDown");
            await sleep(100);
          }
        }
      } catch (e) {
        say(`quick-fix menu failed: ${e.message.split("\n")[0]}`);
      }
      if (!chosen) await page.keyboard.press("Escape");
      say(`quick-fix menu: ${JSON.stringify(menu)}; chose "${total.fix.title}": ${chosen}`);
      await sleep(500);
      await page.keyboard.press("Control+S");
      let savedText = originalText;
      for (let i = 0; i < 40 && savedText === originalText; i++) {
        await sleep(250);
        savedText = readFileSync(report, "utf8");
      }
      const wantText = applyEdits(originalText, total.fix.edits);
      record(`the quick fix "${total.fix.title}", applied in the UI, changes the text as the fix says`,
        savedText === wantText && savedText !== originalText,
        savedText === originalText ? "the file did not change" : `line ${line} now: ${savedText.split("\n")[line - 1]}`);

      const after = checkJson(report);
      const afterRows = expectedRows(after);
      const shownAfter = await waitForProblems(page, afterRows);
      const stillThere = shownAfter.some((r) => r.code === "total-mismatch" && r.line === line && r.col === col);
      record("after the quick fix the wrong-total problem is gone and Problems equal ogi-lint check again",
        !stillThere && sameRows(shownAfter, afterRows), diffRows(afterRows, shownAfter));

      // 7. Settings apply without a reload: silence one rule that still fires, then restore.
      const rule = afterRows.find((r) => r.severity !== "Error")?.code ?? afterRows[0]?.code;
      if (rule) {
        // Workspace settings, as a user would edit .vscode/settings.json (watched by the workbench).
        mkdirSync(join(ws, ".vscode"), { recursive: true });
        writeFileSync(join(ws, ".vscode/settings.json"), JSON.stringify({ "ogiLint.severity": { [rule]: "off" } }, null, 2));
        const silenced = afterRows.filter((r) => r.code !== rule);
        const shownSilenced = await waitForProblems(page, silenced, 20_000);
        record(`a settings change (ogiLint.severity.${rule} = off) applies without a reload`,
          sameRows(shownSilenced, silenced), diffRows(silenced, shownSilenced));
        writeFileSync(join(ws, ".vscode/settings.json"), "{}\n");
        const restored = await waitForProblems(page, afterRows, 20_000);
        record("removing the setting brings the rule back, again without a reload", sameRows(restored, afterRows), diffRows(afterRows, restored));
      }

      // 8. "Fix all problems" does what `ogi-lint check --fix` does.
      const fixCopy = join(D, "fix-all-expected.md");
      writeFileSync(fixCopy, readFileSync(report, "utf8"));
      spawnSync(BIN, ["check", "--fix", fixCopy], { encoding: "utf8", timeout: 30_000 });
      const wantFixed = readFileSync(fixCopy, "utf8");
      const beforeFixAll = readFileSync(report, "utf8");
      await focusEditor(page);
      await runCommand(page, title("ogiLint.fixAll"));
      await sleep(1000);
      await page.keyboard.press("Control+S");
      let fixedText = beforeFixAll;
      for (let i = 0; i < 20 && fixedText === beforeFixAll && wantFixed !== beforeFixAll; i++) {
        await sleep(250);
        fixedText = readFileSync(report, "utf8");
      }
      record("\"ogi-lint: Fix all problems\" gives the same text as ogi-lint check --fix",
        fixedText === wantFixed,
        fixedText === wantFixed ? "" : `first differing line: ${firstDiff(wantFixed, fixedText)}`);
    }

    // 9. The server log, a wrong server path, and a restart.
    await focusEditor(page);
    await runCommand(page, title("ogiLint.showServerLog"));
    await sleep(1500);
    const outputText = await page.locator(".part.panel .output-view .view-lines, .part.panel .view-lines").first()
      .innerText({ timeout: 5_000 }).then((t) => t.replace(/\u00a0/g, " ")).catch(() => "");
    record("\"ogi-lint: Show server log\" shows the ogi-lint output channel", /\[client\] starting .*ogi-lint/.test(outputText),
      `output panel starts: ${JSON.stringify(outputText.slice(0, 160))}`);

    const current = expectedRows(checkJson(report));
    mkdirSync(join(ws, ".vscode"), { recursive: true });
    writeFileSync(join(ws, ".vscode/settings.json"), JSON.stringify({ "ogiLint.server.path": "/nonexistent/ogi-lint" }, null, 2));
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "ogiLint.server.path" }).first();
    const toastText = await toast.innerText({ timeout: 20_000 }).catch(() => "");
    record("a wrong ogiLint.server.path gives a notification that names the setting and the path",
      toastText.includes("/nonexistent/ogi-lint"), `notification: ${JSON.stringify(toastText)}`);
    await page.keyboard.press("Escape");
    writeFileSync(join(ws, ".vscode/settings.json"), "{}\n");
    const back = await waitForProblems(page, current, 30_000);
    record("clearing the setting restarts the bundled server and the problems come back", sameRows(back, current), diffRows(current, back));

    await focusEditor(page);
    await runCommand(page, title("ogiLint.restartServer"));
    await sleep(1000);
    const restarted = await waitForProblems(page, current, 30_000);
    const log2 = latestFile(join(D, "ud/logs"), /ogi-lint\.log$/);
    record("\"ogi-lint: Restart server\" restarts it and the problems are the same",
      sameRows(restarted, current) && !!log2 && /restarting the server/.test(readFileSync(log2, "utf8")), diffRows(current, restarted));

    // 10. A real report in plain text.
    if (corpusReport) {
      const want = expectedRows(checkJson(corpusReport));
      await focusEditor(page);
      await page.keyboard.press("Control+P");
      await page.locator(".quick-input-widget input").waitFor({ state: "visible" });
      await page.keyboard.type(corpusName);
      await page.locator(".quick-input-list .monaco-list-row", { hasText: corpusName }).first().waitFor();
      await page.keyboard.press("Enter");
      const got = await waitForProblems(page, want, DIAG_TIMEOUT_MS, corpusName);
      const lang = await page.locator('[id="status.editor.mode"]').first().innerText({ timeout: 5_000 }).catch(() => "");
      say(`${corpusName} (${lang.trim()}): ${got.length} problems shown`);
      record(`plain-text report ${corpusName}: Problems equal ogi-lint check (severity 1–3; VS Code does not list hints)`,
        sameRows(got, want) && /Plain Text/i.test(lang), diffRows(want, got));
    }

    // 11. The same findings in English: ogiLint.language = "en" re-renders them (no reload).
    {
      const file = corpusReport ?? report;
      const name = corpusName ?? "report-2021.md";
      const chinese = expectedRows(checkJson(file, "zh"));
      const english = expectedRows(checkJson(file, "en"));
      // Workspace settings, as a user would edit .vscode/settings.json (watched by the workbench).
      mkdirSync(join(ws, ".vscode"), { recursive: true });
      writeFileSync(join(ws, ".vscode/settings.json"), JSON.stringify({ "ogiLint.language": "en" }, null, 2));
      const shownEnglish = await waitForProblems(page, english, 30_000, corpusReport ? corpusName : undefined);
      for (const r of shownEnglish.slice(0, 3)) say(`  shown (en) ${rowKey(r)}`);
      const byPlace = (rows) => [...rows].sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
      const [en, zh] = [byPlace(english), byPlace(chinese)];
      const samePlaces = en.length === zh.length && en.every((r, i) => r.line === zh[i].line && r.col === zh[i].col && r.code === zh[i].code);
      const translated = en.length > 0 && en.every((r, i) => r.message !== zh[i].message);
      record(`ogiLint.language = "en": the Problems panel shows ${name}'s findings in English, the same codes at the same places`,
        sameRows(shownEnglish, english) && samePlaces && translated, diffRows(english, shownEnglish));
      await openProblems(page);
      await sleep(800);
      await page.screenshot({ path: SCREENSHOT_EN });
      say(`screenshot (English) saved to ${SCREENSHOT_EN}`);
      writeFileSync(join(ws, ".vscode/settings.json"), "{}\n");
      const shownChinese = await waitForProblems(page, chinese, 30_000, corpusReport ? corpusName : undefined);
      record("back to the display language's Chinese: the Problems panel is Chinese again", sameRows(shownChinese, chinese), diffRows(chinese, shownChinese));
    }

    // 12. The scaffold command.
    await runCommand(page, title("ogiLint.newReport"));
    await sleep(1500);
    const tab = await page.locator(".tabs-container .tab.active").first().innerText().catch(() => "");
    const visible = await page.locator(".monaco-editor .view-lines").first().innerText().catch(() => "");
    record("\"ogi-lint: New annual report (2021 edition)\" opens an untitled Markdown report",
      /Untitled/.test(tab) && visible.includes("一、总体情况"), `tab ${JSON.stringify(tab)}; first lines ${JSON.stringify(visible.slice(0, 80))}`);

    // The server's own log is in the output channel.
    const log = latestFile(join(D, "ud/logs"), /ogi-lint\.log$/);
    if (log) say(`output channel (${log}), last lines:\n${readFileSync(log, "utf8").split("\n").slice(-8).join("\n")}`);
  } catch (e) {
    record("the test ran to the end", false, e.stack ?? String(e));
    if (page) await page.screenshot({ path: join(D, "failure.png") }).catch(() => {});
    const log = latestFile(join(D, "ud/logs"), /ogi-lint\.log$/);
    if (log) say(`output channel:\n${readFileSync(log, "utf8").split("\n").slice(-30).join("\n")}`);
    process.env.OGI_E2E_KEEP = "1";
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopAll();
    if (results.some((r) => !r.ok)) process.env.OGI_E2E_KEEP = "1";
    if (process.env.OGI_E2E_KEEP) say(`kept ${D}`);
    else rmSync(D, { recursive: true, force: true });
  }
}

function firstDiff(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `${i + 1}: want ${JSON.stringify(x[i])} got ${JSON.stringify(y[i])}`;
  }
  return "(none)";
}

const timer = setTimeout(async () => {
  record(`the test finished within ${OVERALL_TIMEOUT_MS / 1000}s`, false);
  await stopAll();
  finish();
}, OVERALL_TIMEOUT_MS);

function finish() {
  clearTimeout(timer);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  say(`done in ${elapsed()}`);
  console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await stopAll();
    process.exit(130);
  });
}

await main();
finish();
