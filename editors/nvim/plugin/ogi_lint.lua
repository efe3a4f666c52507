-- ogi-lint commands. The language server itself starts through vim.lsp.enable("ogi_lint")
-- (Neovim 0.11+) or require("ogi_lint").setup() (0.10).
if vim.g.loaded_ogi_lint then return end
vim.g.loaded_ogi_lint = true

vim.api.nvim_create_user_command("OgiLintNew", function()
  require("ogi_lint").new_report()
end, { desc = "ogi-lint: insert a 2021-edition annual report scaffold" })

vim.api.nvim_create_user_command("OgiLintFixAll", function()
  require("ogi_lint").fix_all()
end, { desc = "ogi-lint: apply all safe fixes in this buffer" })
