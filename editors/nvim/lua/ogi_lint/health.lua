--- :checkhealth ogi_lint
local M = {}

local function version_of(cmd)
  local ok, res = pcall(function()
    return vim.system({ cmd[1], "--version" }, { text = true }):wait(5000)
  end)
  if not ok then return nil, tostring(res) end
  if res.code ~= 0 then return nil, vim.trim((res.stderr or "") .. (res.stdout or "")) end
  return vim.trim(res.stdout or ""), nil
end

--- The buffer the user was in before :checkhealth opened its own tab.
local function user_buffer()
  local prev = vim.fn.tabpagenr("#")
  if prev > 0 then
    local bufs = vim.fn.tabpagebuflist(prev)
    return bufs[vim.fn.tabpagewinnr(prev)]
  end
  return vim.api.nvim_get_current_buf()
end

function M.check()
  local health = vim.health
  health.start("ogi-lint")

  local v = vim.version()
  if vim.fn.has("nvim-0.11") == 1 then
    health.ok(("Neovim %d.%d.%d: vim.lsp.enable(\"ogi_lint\") works"):format(v.major, v.minor, v.patch))
  elseif vim.fn.has("nvim-0.10") == 1 then
    health.ok(("Neovim %d.%d.%d: use require(\"ogi_lint\").setup()"):format(v.major, v.minor, v.patch))
  else
    health.error("Neovim 0.10 or newer is needed")
  end

  local cmd = require("ogi_lint").cmd()
  local exe = cmd[1]
  local path = require("ogi_lint.command").resolve(cmd)
  if not path then
    local example = vim.fn.has("win32") == 1 and "C:/Tools/ogi-lint/ogi-lint.exe" or "/path/to/ogi-lint"
    health.error(("server binary not found: %q"):format(exe), {
      "Install it: `cargo install --path .` in the ogi-lint repository (puts it in ~/.cargo/bin)",
      ("or point the plugin at it: vim.lsp.config(\"ogi_lint\", { cmd = { %q, \"lsp\" } })"):format(example),
    })
  else
    health.ok(("server binary: %s (command: %s)"):format(path, table.concat(cmd, " ")))
    local version, err = version_of(cmd)
    if version then
      health.ok("version: " .. version)
    else
      health.warn("`" .. exe .. " --version` failed: " .. (err or "?"))
    end
  end

  local buf = user_buffer()
  local name = vim.api.nvim_buf_get_name(buf)
  local shown = name ~= "" and vim.fn.fnamemodify(name, ":~:.") or ("buffer " .. buf)
  local attached = vim.lsp.get_clients({ name = "ogi_lint", bufnr = buf })
  if #attached > 0 then
    local c = attached[1]
    health.ok(("server running for this buffer (%s): client id %d, root %s"):format(shown, c.id, c.root_dir or "none (single file)"))
    local st = require("ogi_lint.status")
    local s = st.get(buf)
    if s and s.checked then
      health.ok("checked: " .. st.describe(s))
    else
      health.info(st.describe(s))
    end
  else
    local any = vim.lsp.get_clients({ name = "ogi_lint" })
    local ft = vim.bo[buf].filetype
    local advice = {}
    if ft ~= "markdown" and ft ~= "text" then
      table.insert(advice, ("this buffer's filetype is %q; the server attaches to markdown and text"):format(ft))
    end
    local enabled = type(vim.lsp.is_enabled) == "function" and vim.lsp.is_enabled("ogi_lint")
    if not enabled and not require("ogi_lint").options then
      table.insert(advice, "call vim.lsp.enable(\"ogi_lint\") or require(\"ogi_lint\").setup()")
    end
    if #any > 0 then
      health.warn(("server running (%d client(s)) but not attached to this buffer (%s)"):format(#any, shown), advice)
    else
      health.warn(("server not running for this buffer (%s)"):format(shown), advice)
    end
  end
end

return M
