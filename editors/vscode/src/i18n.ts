// The extension's own words (status bar, notifications, buttons) in Chinese and English. The
// settings and command titles are in package.nls.json and package.nls.zh-cn.json, which VS Code
// picks by its display language; these follow the same display language, or the
// `ogiLint.language` setting when it says `zh` or `en` (as the server's messages do). Pure:
// unit-tested without VS Code.

export type UiLanguage = "zh" | "en";

/**
 * The language of the extension's words: the `ogiLint.language` setting when it is `zh` or
 * `en`, else VS Code's display language (`zh-cn` → Chinese, `en` → English), else Chinese.
 */
export function uiLanguage(setting: unknown, displayLanguage: string | undefined): UiLanguage {
  if (setting === "zh" || setting === "en") return setting;
  const display = (displayLanguage ?? "").toLowerCase();
  if (display.startsWith("en")) return "en";
  return "zh";
}

const en = {
  "status.editionUnknown": "edition ?",
  "status.tooltip": "ogi-lint: {edition}; {errors}, {warnings} in this report. Click for the Problems panel.",
  "status.edition": "{year} edition ({why})",
  "status.noEdition": "edition unknown",
  "status.line": ", line {line}",
  "status.why.config": "set by ogiLint.edition or ogi-lint.toml",
  "status.why.documentNumber": "the cited 国办公开办函 文号{line}",
  "status.why.reportYear": "the report year{line}",
  "status.why.statisticsPeriod": "the statistics period",
  "status.why.labels": "the tables' labels",
  "status.why.default": "nothing in the text decides it; the newest edition is assumed",
  "count.error.one": "1 error",
  "count.error.many": "{n} errors",
  "count.warning.one": "1 warning",
  "count.warning.many": "{n} warnings",
  "server.settingNotAFile":
    'ogi-lint: the setting ogiLint.server.path points to "{path}", which is not a file. Fix the path, or clear the setting to use the bundled server or ogi-lint on PATH.',
  "server.notFound":
    "ogi-lint: cannot find the ogi-lint language server. It is not bundled with this extension and not on PATH. Install it (`cargo install --path .` in the ogi-lint repository puts it in ~/.cargo/bin), or set ogiLint.server.path to the binary, then run “ogi-lint: Restart server”.",
  "server.didNotStart": "ogi-lint: the server {path} did not start: {error}",
  "button.openSettings": "Open Settings",
  "button.showLog": "Show Log",
  "fixAll.noEditor": "ogi-lint: open a report first.",
  "fixAll.nothing": "ogi-lint: nothing to fix automatically in this document.",
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  "status.editionUnknown": "版本未定",
  "status.tooltip": "ogi-lint：{edition}；本报告 {errors}，{warnings}。点击打开“问题”面板。",
  "status.edition": "{year} 年版模板（{why}）",
  "status.noEdition": "模板版本未定",
  "status.line": "，第 {line} 行",
  "status.why.config": "由 ogiLint.edition 设置或 ogi-lint.toml 指定",
  "status.why.documentNumber": "依据报告引用的国办公开办函文号{line}",
  "status.why.reportYear": "依据报告年度{line}",
  "status.why.statisticsPeriod": "依据统计期间",
  "status.why.labels": "依据表格的标签",
  "status.why.default": "正文中没有可判断的依据，按最新版模板核对",
  "count.error.one": "1 个错误",
  "count.error.many": "{n} 个错误",
  "count.warning.one": "1 个警告",
  "count.warning.many": "{n} 个警告",
  "server.settingNotAFile":
    "ogi-lint：设置 ogiLint.server.path 指向“{path}”，但那不是一个文件。请改正路径，或清空这项设置，改用扩展自带的程序或 PATH 中的 ogi-lint。",
  "server.notFound":
    "ogi-lint：找不到 ogi-lint 语言服务器。本扩展没有自带，PATH 中也没有。请安装适合本机的扩展包（.vsix），或把 ogiLint.server.path 设为 ogi-lint 程序的位置，然后运行“ogi-lint: 重启服务器”。",
  "server.didNotStart": "ogi-lint：服务器 {path} 没有启动：{error}",
  "button.openSettings": "打开设置",
  "button.showLog": "查看日志",
  "fixAll.noEditor": "ogi-lint：请先打开一份报告。",
  "fixAll.nothing": "ogi-lint：这份文档中没有可以自动修正的问题。",
};

export const MESSAGES: Record<UiLanguage, Record<MessageKey, string>> = { en, zh };

/** Message `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(lang: UiLanguage, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
