--- What the server last said about each buffer (`ogiLint/status`): whether it is checked, the
--- edition in force and why, and the counts. The plugin detects nothing itself; this is what
--- `:checkhealth ogi_lint` and `require("ogi_lint").statusline()` show.
local M = {}

local why = {
  ["config"] = "set by settings.ogiLint.edition or ogi-lint.toml",
  ["document-number"] = "the cited 国办公开办函 文号",
  ["report-year"] = "the report year",
  ["statistics-period"] = "the statistics period",
  ["labels"] = "the tables' labels",
  ["default"] = "nothing in the text decides it; the newest edition is assumed",
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

--- One line for a human: "2021 edition (the report year, line 1); 2 errors, 1 warning".
function M.describe(s)
  if not s then return "no status from the server yet" end
  if not s.checked then return "not checked: it does not look like an annual report (and matches no include glob)" end
  local reason = why[s.editionSource] or "?"
  local ev = s.editionEvidence
  if type(ev) == "table" and type(ev.start) == "table" and s.editionSource ~= "config" then
    reason = ("%s, line %d"):format(reason, ev.start.line + 1)
  end
  local c = s.counts or {}
  local function n(k) return tonumber(c[k]) or 0 end
  local function plural(k, one, many)
    return ("%d %s"):format(n(k), n(k) == 1 and one or many)
  end
  return ("%s edition (%s); %s, %s"):format(
    s.edition ~= vim.NIL and s.edition or "unknown", reason,
    plural("errors", "error", "errors"), plural("warnings", "warning", "warnings"))
end

--- A short statusline item: "ogi-lint 2021 E2 W1", or "" when the buffer is not checked.
function M.statusline(bufnr)
  local s = M.get(bufnr)
  if not s or not s.checked then return "" end
  local c = s.counts or {}
  return ("ogi-lint %s E%d W%d"):format(s.edition ~= vim.NIL and s.edition or "?", tonumber(c.errors) or 0, tonumber(c.warnings) or 0)
end

return M
