--- The plugin's own words (:checkhealth, the status description) in Chinese and English, and
--- the language the server is asked to speak.
---
--- The language is `settings.ogiLint.language` when it is "zh" or "en", else Neovim's
--- `v:lang` (zh* Chinese, en* English), else Chinese. The server gets `v:lang` as the
--- `locale` of `initialize` and the setting with the others, and decides the same way.
local M = {}

--- The language of the plugin's words for a client's (or setup()'s) settings: "zh" or "en".
---@param settings table|nil the `ogiLint` section
---@return "zh"|"en"
function M.language(settings)
  local setting = type(settings) == "table" and settings.language or nil
  if setting == "zh" or setting == "en" then return setting end
  local lang = (vim.v.lang or ""):lower()
  if lang:sub(1, 2) == "en" then return "en" end
  return "zh"
end

--- The language of the running client's settings, else of v:lang.
function M.current()
  local clients = vim.lsp.get_clients({ name = "ogi_lint" })
  local client = clients[1]
  return M.language(client and client.settings and client.settings.ogiLint or nil)
end

M.messages = {
  en = {
    why_config = "set by settings.ogiLint.edition or ogi-lint.toml",
    why_document_number = "the cited 国办公开办函 文号",
    why_report_year = "the report year",
    why_statistics_period = "the statistics period",
    why_labels = "the tables' labels",
    why_default = "nothing in the text decides it; the newest edition is assumed",
    line = "%s, line %d",
    no_status = "no status from the server yet",
    not_checked = "not checked: it does not look like an annual report (and matches no include glob)",
    described = "%s edition (%s); %s, %s",
    edition_unknown = "unknown",
    errors_one = "1 error",
    errors_many = "%d errors",
    warnings_one = "1 warning",
    warnings_many = "%d warnings",
    nvim_enable = 'Neovim %d.%d.%d: vim.lsp.enable("ogi_lint") works',
    nvim_setup = 'Neovim %d.%d.%d: use require("ogi_lint").setup()',
    nvim_too_old = "Neovim 0.10 or newer is needed",
    binary_missing = "server binary not found: %q",
    binary_install = "Install it: `cargo install --path .` in the ogi-lint repository (puts it in ~/.cargo/bin)",
    binary_point = 'or point the plugin at it: vim.lsp.config("ogi_lint", { cmd = { %q, "lsp" } })',
    binary_found = "server binary: %s (command: %s)",
    version = "version: %s",
    version_failed = "`%s --version` failed: %s",
    buffer = "buffer %d",
    running = "server running for this buffer (%s): client id %d, root %s",
    no_root = "none (single file)",
    checked = "checked: %s",
    wrong_filetype = "this buffer's filetype is %q; the server attaches to markdown and text",
    enable = 'call vim.lsp.enable("ogi_lint") or require("ogi_lint").setup()',
    not_attached = "server running (%d client(s)) but not attached to this buffer (%s)",
    not_running = "server not running for this buffer (%s)",
    language = "messages in English (settings.ogiLint.language, else v:lang %q)",
  },
  zh = {
    why_config = "由 settings.ogiLint.edition 或 ogi-lint.toml 指定",
    why_document_number = "依据报告引用的国办公开办函文号",
    why_report_year = "依据报告年度",
    why_statistics_period = "依据统计期间",
    why_labels = "依据表格的标签",
    why_default = "正文中没有可判断的依据，按最新版模板核对",
    line = "%s，第 %d 行",
    no_status = "服务器尚未报告这个缓冲区的状态",
    not_checked = "未检查：它看起来不像年度报告（也不匹配 include 通配符）",
    described = "%s 年版模板（%s）；%s，%s",
    edition_unknown = "版本未定",
    errors_one = "1 个错误",
    errors_many = "%d 个错误",
    warnings_one = "1 个警告",
    warnings_many = "%d 个警告",
    nvim_enable = 'Neovim %d.%d.%d：vim.lsp.enable("ogi_lint") 可用',
    nvim_setup = 'Neovim %d.%d.%d：请用 require("ogi_lint").setup()',
    nvim_too_old = "需要 Neovim 0.10 或更新的版本",
    binary_missing = "找不到服务器程序：%q",
    binary_install = "请安装：下载适合本机的 ogi-lint 程序，或在 ogi-lint 仓库中运行 `cargo install --path .`（安装到 ~/.cargo/bin）",
    binary_point = '或告诉插件程序的位置：vim.lsp.config("ogi_lint", { cmd = { %q, "lsp" } })',
    binary_found = "服务器程序：%s（启动命令：%s）",
    version = "版本：%s",
    version_failed = "`%s --version` 运行失败：%s",
    buffer = "缓冲区 %d",
    running = "服务器正在为这个缓冲区（%s）工作：客户端编号 %d，根目录 %s",
    no_root = "无（单个文件）",
    checked = "已检查：%s",
    wrong_filetype = "这个缓冲区的文件类型是 %q；服务器只接管 markdown 和 text",
    enable = '请调用 vim.lsp.enable("ogi_lint") 或 require("ogi_lint").setup()',
    not_attached = "服务器在运行（%d 个客户端），但没有接管这个缓冲区（%s）",
    not_running = "服务器没有为这个缓冲区（%s）运行",
    language = "消息语言为中文（settings.ogiLint.language，否则依据 v:lang %q）",
  },
}

--- Message `key` in `lang` (default: the current language), formatted with `...`.
---@param key string
---@param lang "zh"|"en"|nil
function M.t(key, lang, ...)
  local messages = M.messages[lang or M.current()] or M.messages.zh
  local text = messages[key] or M.messages.en[key] or key
  if select("#", ...) > 0 then return text:format(...) end
  return text
end

return M
