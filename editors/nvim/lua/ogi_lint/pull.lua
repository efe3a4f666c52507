--- Pull diagnostics on Neovim 0.11: it pulls `textDocument/diagnostic` on edits but has no
--- handler for `workspace/diagnostic/refresh`, which the server sends when its settings change.
--- This module supplies the handler (re-pull every buffer of the client) and the capability,
--- so a settings change shows at once instead of at the next edit.
local M = {}

local compat = require("ogi_lint.compat")

--- Re-pulls diagnostics for every buffer attached to `client`.
---@param client vim.lsp.Client
function M.repull(client)
  if not compat.supports_method(client, "textDocument/diagnostic") then return end
  for bufnr in pairs(client.attached_buffers or {}) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
      compat.request(client, "textDocument/diagnostic", params, function(err, result, ctx)
        vim.lsp.diagnostic.on_diagnostic(err, result, ctx)
      end, bufnr)
    end
  end
end

--- Handler for the server's `workspace/diagnostic/refresh` request.
function M.on_refresh(_, _, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client then vim.schedule(function() M.repull(client) end) end
  return vim.NIL
end

--- True when this Neovim already handles the refresh request itself (0.12+).
function M.native()
  return vim.lsp.handlers["workspace/diagnostic/refresh"] ~= nil
end

--- Client capabilities: Neovim's defaults, plus refreshSupport when this module handles it.
function M.capabilities()
  local caps = vim.lsp.protocol.make_client_capabilities()
  if not M.native() then
    caps.workspace = caps.workspace or {}
    caps.workspace.diagnostics = vim.tbl_extend("force", caps.workspace.diagnostics or {}, { refreshSupport = true })
  end
  return caps
end

return M
