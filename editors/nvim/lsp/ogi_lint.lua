--- ogi-lint: the language server for 政府信息公开工作年度报告 (annual reports on open
--- government information). For Neovim 0.11+:
---
---   vim.lsp.enable("ogi_lint")
---   vim.lsp.config("ogi_lint", { cmd = { "/path/to/ogi-lint", "lsp" } })   -- optional override
---   vim.lsp.config("ogi_lint", { settings = { ogiLint = { edition = "2021" } } })
---
--- Settings (section `ogiLint`): edition ("auto"|"2019"|"2021"), severity ({ [rule] = "error"|
--- "warning"|"info"|"hint"|"off" }), include/exclude (globs), debounceMs, logLevel, language
--- ("auto"|"zh"|"en"; `auto` follows v:lang, sent as the `locale` of initialize).
local settings = require("ogi_lint.settings")
local pull = require("ogi_lint.pull")
local status = require("ogi_lint.status")

local function normalized(client_or_config)
  local raw = (client_or_config.settings or {}).ogiLint
  local s = settings.normalize(raw)
  return s
end

---@type vim.lsp.Config
return {
  cmd = require("ogi_lint.command").default(), -- { "ogi-lint.exe", "lsp" } on Windows
  filetypes = { "markdown", "text" },
  root_markers = { "ogi-lint.toml", ".git" },
  settings = { ogiLint = settings.defaults() },
  capabilities = pull.capabilities(),
  before_init = function(params, config)
    -- The same object goes in initializationOptions; normalised so that an empty severity
    -- table is sent as {} (not []), and Lua-style keys (debounce_ms) become the server's.
    config.settings = config.settings or {}
    config.settings.ogiLint = normalized(config)
    params.initializationOptions = config.settings.ogiLint
    -- The editor's language, as VS Code sends its display language: zh* Chinese, en* English,
    -- anything else Chinese (the server decides; `language` in the settings wins).
    params.locale = vim.v.lang
  end,
  handlers = {
    -- What the server knows about a buffer: edition and why, counts (see status.lua).
    ["ogiLint/status"] = status.on_status,
    -- Neovim 0.11 pulls diagnostics but ignores this request; re-pull on it (see pull.lua).
    ["workspace/diagnostic/refresh"] = not pull.native() and pull.on_refresh or nil,
    ["workspace/configuration"] = function(_, params, ctx)
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      if not client then return vim.NIL end
      local s = normalized(client)
      local out = {}
      for _, item in ipairs(params.items or {}) do
        table.insert(out, settings.answer(item.section, s))
      end
      return out
    end,
  },
}
