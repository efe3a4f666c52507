--- ogi-lint for Neovim.
---
--- Neovim 0.11+: `vim.lsp.enable("ogi_lint")` is enough (config in lsp/ogi_lint.lua).
--- Neovim 0.10 (and anyone who prefers one call): `require("ogi_lint").setup(opts)`, where
---
---   opts = {
---     cmd = { "ogi-lint", "lsp" },          -- how to start the server (ogi-lint.exe on Windows)
---     edition = "auto",                       -- "auto" | "2019" | "2021"
---     language = "auto",                      -- "auto" (v:lang) | "zh" | "en"
---     severity = { ["label-punctuation"] = "off" },
---     include = { "reports/**/*.md" }, exclude = {},
---     debounce_ms = 0, log_level = "info",    -- or debounceMs / logLevel
---     filetypes = { "markdown", "text" },
---     root_markers = { "ogi-lint.toml", ".git" },
---     on_attach = function(client, bufnr) end,
---   }
---
--- On 0.11+ setup() registers the options with vim.lsp.config and calls vim.lsp.enable; on 0.10
--- it starts the server with vim.lsp.start from a FileType autocommand.
local M = {}

local settings = require("ogi_lint.settings")

M.name = "ogi_lint"
M.defaults = {
  cmd = require("ogi_lint.command").default(), -- { "ogi-lint.exe", "lsp" } on Windows
  filetypes = { "markdown", "text" },
  root_markers = { "ogi-lint.toml", ".git" },
}

--- The options last given to setup() (nil when setup() was not called).
M.options = nil

local setting_keys = { "edition", "severity", "include", "exclude", "debounceMs", "debounce_ms", "logLevel", "log_level", "language" }

--- Builds a full client config (the same shape as lsp/ogi_lint.lua) from setup() options.
---@param opts table|nil
---@return table config, string[] warnings
function M.client_config(opts)
  opts = opts or {}
  local raw = {}
  for _, k in ipairs(setting_keys) do
    if opts[k] ~= nil then raw[k] = opts[k] end
  end
  if type(opts.settings) == "table" and type(opts.settings.ogiLint) == "table" then
    raw = vim.tbl_extend("force", opts.settings.ogiLint, raw)
  end
  local s, warnings = settings.normalize(raw)
  local base = dofile(M.lsp_config_path())
  local config = vim.tbl_extend("force", base, {
    name = M.name,
    cmd = opts.cmd or M.defaults.cmd,
    filetypes = opts.filetypes or M.defaults.filetypes,
    root_markers = opts.root_markers or M.defaults.root_markers,
    settings = { ogiLint = s },
    on_attach = opts.on_attach,
    capabilities = opts.capabilities and vim.tbl_deep_extend("force", base.capabilities, opts.capabilities) or base.capabilities,
  })
  return config, warnings
end

--- Path of lsp/ogi_lint.lua in this plugin.
function M.lsp_config_path()
  local here = debug.getinfo(1, "S").source:sub(2)
  return vim.fs.joinpath(vim.fs.dirname(vim.fs.dirname(vim.fs.dirname(here))), "lsp", "ogi_lint.lua")
end

local function root_dir(bufnr, markers)
  local found = vim.fs.root(bufnr, markers)
  if found then return found end
  local name = vim.api.nvim_buf_get_name(bufnr)
  return name ~= "" and vim.fs.dirname(name) or vim.uv.cwd()
end

local augroup

---@param opts table|nil
function M.setup(opts)
  opts = opts or {}
  M.options = opts
  local config, warnings = M.client_config(opts)
  for _, w in ipairs(warnings) do
    vim.notify(w, vim.log.levels.WARN)
  end

  local native = vim.lsp.config ~= nil and vim.lsp.enable ~= nil and not opts.use_lsp_start
  if native then
    local c = vim.deepcopy(config)
    c.name = nil
    vim.lsp.config(M.name, c)
    vim.lsp.enable(M.name)
    return
  end

  augroup = vim.api.nvim_create_augroup("ogi_lint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = augroup,
    pattern = config.filetypes,
    callback = function(ev)
      if vim.bo[ev.buf].buftype ~= "" then return end
      local c = vim.deepcopy(config)
      c.root_dir = root_dir(ev.buf, config.root_markers)
      c.root_markers = nil
      c.filetypes = nil
      vim.lsp.start(c, { bufnr = ev.buf })
    end,
  })
  -- Buffers that are already open.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(config.filetypes, vim.bo[buf].filetype) then
      vim.api.nvim_exec_autocmds("FileType", { group = augroup, buffer = buf })
    end
  end
end

--- Sends changed settings to the running server(s): pass a table of settings (the server's
--- keys or the Lua-style ones of setup()) to merge into `client.settings.ogiLint`, or nothing
--- after changing `client.settings` yourself. The server re-reads them and re-checks.
---@param changes table|nil
function M.update_settings(changes)
  for _, client in ipairs(vim.lsp.get_clients({ name = M.name })) do
    if changes then
      local merged = vim.tbl_extend("force", client.settings.ogiLint or {}, changes)
      client.settings.ogiLint = settings.normalize(merged)
    end
    require("ogi_lint.compat").notify(client, "workspace/didChangeConfiguration", { settings = client.settings })
  end
end

--- The command the server is started with, as configured now.
function M.cmd()
  if M.options and M.options.cmd then return M.options.cmd end
  if vim.lsp.config ~= nil then
    local ok, c = pcall(function() return vim.lsp.config[M.name] end)
    if ok and c and type(c.cmd) == "table" then return c.cmd end
  end
  return M.defaults.cmd
end

--- What the server last said about a buffer (default: the current one): a table with
--- `checked`, `edition`, `editionSource`, `editionEvidence` and `counts`, or nil.
function M.status(bufnr)
  return require("ogi_lint.status").get(bufnr)
end

--- A statusline item, e.g. `set statusline+=%{v:lua.require'ogi_lint'.statusline()}`:
--- "ogi-lint 2021 E2 W1", empty when the buffer is not checked.
function M.statusline(bufnr)
  return require("ogi_lint.status").statusline(bufnr)
end

--- The report scaffold (2021 edition), from editors/scaffold/2021.md.
function M.scaffold()
  return require("ogi_lint.scaffold").text()
end

--- Inserts the scaffold into the current buffer: replaces an empty buffer, else goes below
--- the cursor line. Sets filetype markdown on a buffer that has none.
function M.new_report()
  local lines = vim.split(M.scaffold(), "\n", { plain = true })
  if lines[#lines] == "" then table.remove(lines) end
  local buf = vim.api.nvim_get_current_buf()
  local empty = vim.api.nvim_buf_line_count(buf) == 1 and vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1] == ""
  if empty then
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  else
    local row = vim.api.nvim_win_get_cursor(0)[1]
    vim.api.nvim_buf_set_lines(buf, row, row, false, lines)
  end
  if vim.bo[buf].filetype == "" then vim.bo[buf].filetype = "markdown" end
end

--- Applies every safe fix the server offers for the current buffer (`source.fixAll.ogi-lint`).
function M.fix_all()
  vim.lsp.buf.code_action({
    context = { only = { "source.fixAll.ogi-lint" }, diagnostics = {} },
    apply = true,
  })
end

return M
