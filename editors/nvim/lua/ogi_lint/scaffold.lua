--- The 2021-edition report scaffold. One canonical file, editors/scaffold/2021.md, is shared
--- with the VS Code extension; a copy in this plugin's own scaffold/ folder wins if present.
local M = {}

local function plugin_root()
  local here = debug.getinfo(1, "S").source:sub(2)
  -- <root>/lua/ogi_lint/scaffold.lua -> <root>
  return vim.fs.dirname(vim.fs.dirname(vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(here, ":p")))))
end

function M.candidates()
  local root = plugin_root()
  return {
    vim.fs.joinpath(root, "scaffold", "2021.md"), -- a standalone copy of the plugin
    vim.fs.joinpath(vim.fs.dirname(root), "scaffold", "2021.md"), -- editors/nvim -> editors/scaffold
  }
end

function M.path()
  for _, p in ipairs(M.candidates()) do
    if vim.uv.fs_stat(p) then return p end
  end
  return nil
end

function M.text()
  local p = M.path()
  if not p then
    error("ogi_lint: the report scaffold is missing; looked in " .. table.concat(M.candidates(), ", "))
  end
  local f = assert(io.open(p, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

return M
