--- What the server last said about each buffer (`ogiLint/status`): whether it is checked, the
--- edition in force and why, and the counts. The plugin detects nothing itself; this is what
--- `:checkhealth ogi_lint` and `require("ogi_lint").statusline()` show.
local M = {}

local i18n = require("ogi_lint.i18n")

local why = {
  ["config"] = "why_config",
  ["document-number"] = "why_document_number",
  ["report-year"] = "why_report_year",
  ["statistics-period"] = "why_statistics_period",
  ["labels"] = "why_labels",
  ["default"] = "why_default",
}

--- The handler for the `ogiLint/status` notification.
function M.on_status(_, params, _)
  if type(params) ~= "table" or type(params.uri) ~= "string" then return end
  local ok, bufnr = pcall(vim.uri_to_bufnr, params.uri)
  if not ok or not vim.api.nvim_buf_is_valid(bufnr) then return end
  vim.b[bufnr].ogi_lint_status = params
  pcall(vim.api.nvim_exec_autocmds, "User", { pattern = "OgiLintStatus", modeline = false })
end

--- The last status of `bufnr` (default: the current buffer), or nil.
function M.get(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local s = vim.b[bufnr].ogi_lint_status
  return type(s) == "table" and s or nil
end

--- One line for a human, in the plugin's language (see i18n.lua): "2021 edition (the report
--- year, line 1); 2 errors, 1 warning", "2021 年版模板（依据报告年度，第 1 行）；2 个错误，1 个警告".
---@param lang "zh"|"en"|nil
function M.describe(s, lang)
  lang = lang or i18n.current()
  local function t(key, ...) return i18n.t(key, lang, ...) end
  if not s then return t("no_status") end
  if not s.checked then return t("not_checked") end
  local reason = why[s.editionSource] and t(why[s.editionSource]) or "?"
  local ev = s.editionEvidence
  if type(ev) == "table" and type(ev.start) == "table" and s.editionSource ~= "config" then
    reason = t("line", reason, ev.start.line + 1)
  end
  local c = s.counts or {}
  local function n(k) return tonumber(c[k]) or 0 end
  local function count(k)
    return n(k) == 1 and t(k .. "_one") or t(k .. "_many", n(k))
  end
  return t("described", s.edition ~= vim.NIL and s.edition or t("edition_unknown"), reason,
    count("errors"), count("warnings"))
end

--- A short statusline item: "ogi-lint 2021 E2 W1", or "" when the buffer is not checked.
function M.statusline(bufnr)
  local s = M.get(bufnr)
  if not s or not s.checked then return "" end
  local c = s.counts or {}
  return ("ogi-lint %s E%d W%d"):format(s.edition ~= vim.NIL and s.edition or "?", tonumber(c.errors) or 0, tonumber(c.warnings) or 0)
end

return M
