--- Mapping plugin options to the object the server reads from section `ogiLint`
--- (workspace/configuration and initializationOptions):
--- `{ edition, severity = { [rule] = level }, include, exclude, debounceMs, logLevel }`.
local M = {}

M.rule_codes = {
  "missing-section", "section-title", "section-order", "missing-table", "missing-row",
  "unknown-row", "nonstandard-label", "label-punctuation", "edition-mismatch",
  "total-mismatch", "balance-mismatch", "missing-cell", "invalid-number", "section-content",
  "narrative-mismatch",
}

local editions = { auto = true, ["2019"] = true, ["2021"] = true }
local levels = { error = "error", warning = "warning", warn = "warning", info = "info",
  information = "info", hint = "hint", off = "off", none = "off" }
local log_levels = { error = "error", warn = "warn", warning = "warn", info = "info",
  debug = "debug", trace = "trace" }

--- The server's defaults.
function M.defaults()
  return {
    edition = "auto",
    severity = vim.empty_dict(),
    include = {},
    exclude = {},
    debounceMs = 30,
    logLevel = "info",
  }
end

local function list(v, key, warnings)
  if v == nil or v == vim.NIL then return {} end
  if type(v) == "string" then return v ~= "" and { v } or {} end
  if type(v) ~= "table" then
    table.insert(warnings, ("ogi_lint: %s should be a list of glob patterns; ignored"):format(key))
    return {}
  end
  local out = {}
  for _, item in ipairs(v) do
    if type(item) == "string" and item ~= "" then table.insert(out, item) end
  end
  return out
end

--- Normalises user options into the server's settings object.
--- Accepts the server's own keys (`debounceMs`, `logLevel`) and Lua-style ones
--- (`debounce_ms`, `log_level`). Returns the settings and a list of warnings.
---@param opts table|nil
---@return table settings, string[] warnings
function M.normalize(opts)
  opts = opts or {}
  local warnings = {}
  local s = M.defaults()

  if opts.edition ~= nil then
    local e = tostring(opts.edition)
    if editions[e] then s.edition = e
    else table.insert(warnings, ("ogi_lint: edition %q is not auto, 2019 or 2021; using auto"):format(e)) end
  end

  if type(opts.severity) == "table" then
    local sev = vim.empty_dict()
    for code, level in pairs(opts.severity) do
      local l = levels[tostring(level):lower()]
      if type(code) ~= "string" then
        table.insert(warnings, "ogi_lint: severity keys are rule codes such as \"label-punctuation\"")
      elseif not l then
        table.insert(warnings, ("ogi_lint: severity.%s = %q is not error, warning, info, hint or off; ignored"):format(code, tostring(level)))
      else
        if not vim.tbl_contains(M.rule_codes, code) then
          table.insert(warnings, ("ogi_lint: %q is not a rule code this plugin knows (passed on)"):format(code))
        end
        sev[code] = l
      end
    end
    s.severity = sev
  elseif opts.severity ~= nil then
    table.insert(warnings, "ogi_lint: severity should be a table such as { [\"label-punctuation\"] = \"off\" }")
  end

  s.include = list(opts.include, "include", warnings)
  s.exclude = list(opts.exclude, "exclude", warnings)

  local debounce = opts.debounceMs or opts.debounce_ms
  if debounce ~= nil then
    local n = tonumber(debounce)
    if n and n >= 0 then s.debounceMs = math.floor(n + 0.5)
    else table.insert(warnings, "ogi_lint: debounceMs should be a non-negative number; using 30") end
  end

  local log_level = opts.logLevel or opts.log_level
  if log_level ~= nil then
    local l = log_levels[tostring(log_level):lower()]
    if l then s.logLevel = l
    else table.insert(warnings, ("ogi_lint: logLevel %q is unknown; using info"):format(tostring(log_level))) end
  end

  return s, warnings
end

--- The answer to one workspace/configuration item.
function M.answer(section, settings)
  if section == nil or section == "" then return { ogiLint = settings } end
  if section == "ogiLint" then return settings end
  local key = section:match("^ogiLint%.(.+)$")
  if key and settings[key] ~= nil then return settings[key] end
  return vim.NIL
end

return M
