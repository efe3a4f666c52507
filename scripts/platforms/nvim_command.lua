-- The Neovim plugin's server command on Windows and elsewhere (editors/nvim/lua/ogi_lint/command.lua),
-- run by scripts/test-platforms.sh:
--
--   nvim --headless --clean -l scripts/platforms/nvim_command.lua editors/nvim
--
-- Neovim cannot run the Windows build here, so `has("win32")` is answered both ways and the
-- command every entry point (lsp/ogi_lint.lua, setup()'s defaults) starts is compared.
local plugin = assert(_G.arg[1], "usage: nvim --headless --clean -l nvim_command.lua PLUGIN_DIR")
vim.opt.runtimepath:prepend(vim.fn.fnamemodify(plugin, ":p"))

local failed, passed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    io.stdout:write("ok: " .. name .. "\n")
  else
    failed = failed + 1
    io.stdout:write("FAILED: " .. name .. (detail and (": " .. detail) or "") .. "\n")
  end
end

-- Loads the plugin afresh with has("win32") answering `windows`.
local function load_as(windows)
  local real_has = vim.fn.has
  vim.fn.has = function(feature)
    if feature == "win32" then return windows and 1 or 0 end
    return real_has(feature)
  end
  for name in pairs(package.loaded) do
    if name == "ogi_lint" or name:match("^ogi_lint%.") then package.loaded[name] = nil end
  end
  local init = require("ogi_lint")
  local lsp_config = dofile(init.lsp_config_path())
  local client = init.client_config({})
  vim.fn.has = real_has
  return init, lsp_config, client
end

for _, case in ipairs({ { windows = true, exe = "ogi-lint.exe" }, { windows = false, exe = "ogi-lint" } }) do
  local init, lsp_config, client = load_as(case.windows)
  local want = { case.exe, "lsp" }
  local label = case.windows and "Windows" or "Linux/macOS"
  check(label .. ": lsp/ogi_lint.lua starts " .. case.exe, vim.deep_equal(lsp_config.cmd, want), vim.inspect(lsp_config.cmd))
  check(label .. ": setup() defaults start " .. case.exe, vim.deep_equal(init.defaults.cmd, want), vim.inspect(init.defaults.cmd))
  check(label .. ": setup() client config", vim.deep_equal(client.cmd, want), vim.inspect(client.cmd))
  check(label .. ": command.executable", require("ogi_lint.command").executable(case.windows) == case.exe)
end

-- resolve(): the full path of the command on PATH (what :checkhealth shows), nil when absent.
local command = require("ogi_lint.command")
local dir = vim.fn.tempname()
vim.fn.mkdir(dir, "p")
local fake = dir .. "/" .. command.executable()
vim.fn.writefile({ "#!/bin/sh", "echo ogi-lint 0.0.0" }, fake)
vim.uv.fs_chmod(fake, 493) -- 0755
local saved_path = vim.env.PATH
vim.env.PATH = dir .. ":" .. saved_path
check("resolve finds the binary on PATH", command.resolve(command.default()) == fake, tostring(command.resolve(command.default())))
vim.env.PATH = "/nonexistent"
check("resolve gives nil when it is not on PATH", command.resolve(command.default()) == nil)
vim.env.PATH = saved_path
vim.fn.delete(dir, "rf")

io.stdout:write(("%d passed, %d failed\n"):format(passed, failed))
vim.cmd(failed == 0 and "qall!" or "cquit! 1")
