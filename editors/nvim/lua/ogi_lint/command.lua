--- How the server is started: `ogi-lint lsp`, the binary found on PATH.
---
--- On Windows the binary is `ogi-lint.exe`. Naming it in full makes `vim.fn.executable` and the
--- process spawn look for exactly that file on PATH, whatever PATHEXT says, and `:checkhealth`
--- shows where it was found (`vim.fn.exepath`).
local M = {}

--- The file name of the server binary: `ogi-lint.exe` on Windows, else `ogi-lint`.
---@param windows boolean|nil  default: whether this Neovim runs on Windows (`has("win32")`)
---@return string
function M.executable(windows)
  if windows == nil then windows = vim.fn.has("win32") == 1 end
  return windows and "ogi-lint.exe" or "ogi-lint"
end

--- The default server command, `{ "ogi-lint", "lsp" }` (`ogi-lint.exe` on Windows).
---@param windows boolean|nil
---@return string[]
function M.default(windows)
  return { M.executable(windows), "lsp" }
end

--- The full path `cmd[1]` runs, or nil when it is not an executable on PATH (or a path to one).
---@param cmd string[]
---@return string|nil
function M.resolve(cmd)
  local path = vim.fn.exepath(cmd[1] or "")
  return path ~= "" and path or nil
end

return M
