-- Minimal init for the headless end-to-end test: only this plugin on the runtimepath, the
-- server command from $OGI_LINT_BIN, then vim.lsp.enable("ogi_lint") as a user's config would.
--   OGI_LINT_BIN=/path/to/ogi-lint nvim --headless -u tests/minimal_init.lua -l tests/e2e.lua
local here = vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p")))
local plugin = vim.fs.dirname(here)

vim.g.loaded_netrw = 1
vim.g.loaded_netrwPlugin = 1
vim.opt.runtimepath = { plugin, vim.env.VIMRUNTIME }
vim.opt.packpath = {}
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"
vim.opt.more = false
vim.g.ogi_lint_test_plugin = plugin
vim.cmd("filetype on")
vim.cmd("runtime! plugin/ogi_lint.lua")

local bin = vim.env.OGI_LINT_BIN
if bin and bin ~= "" then
  vim.lsp.config("ogi_lint", { cmd = { vim.fn.fnamemodify(bin, ":p"), "lsp" } })
end
vim.lsp.enable("ogi_lint")
