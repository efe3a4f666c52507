--- The settings the server reads from section `ogiLint` (workspace/configuration and
--- initializationOptions): `{ edition, severity = { [rule] = level }, include, exclude,
--- debounceMs, logLevel, language }`.
---
--- The server validates them — the one place that does — and reports each bad value (a
--- notification names it) while the others still apply. This module only accepts the Lua-style
--- spellings of setup() (`debounce_ms`, `log_level`) and sends an empty severity table as a JSON
--- object.
local M = {}

--- The keys of the settings contract with the server.
M.keys = { "edition", "severity", "include", "exclude", "debounceMs", "logLevel", "language" }

local lua_style = { debounce_ms = "debounceMs", log_level = "logLevel" }

--- What is sent when nothing is set.
function M.defaults()
  return { severity = vim.empty_dict() }
end

--- The server's settings from user options: the contract's keys (under either spelling), as
--- given; anything else is left out. Returns the settings and a list of warnings (always empty
--- now: kept for callers of the old signature).
---@param opts table|nil
---@return table settings, string[] warnings
function M.normalize(opts)
  opts = type(opts) == "table" and opts or {}
  local s = M.defaults()
  for lua_key, key in pairs(lua_style) do
    if opts[key] == nil and opts[lua_key] ~= nil then s[key] = opts[lua_key] end
  end
  for _, key in ipairs(M.keys) do
    if opts[key] ~= nil and opts[key] ~= vim.NIL then s[key] = opts[key] end
  end
  if type(s.severity) == "table" and next(s.severity) == nil then s.severity = vim.empty_dict() end
  return s, {}
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
