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
  local i18n = require("ogi_lint.i18n")
  local t = function(key, ...) return i18n.t(key, nil, ...) end
  health.start("ogi-lint")

  local v = vim.version()
  if vim.fn.has("nvim-0.11") == 1 then
    health.ok(t("nvim_enable", v.major, v.minor, v.patch))
  elseif vim.fn.has("nvim-0.10") == 1 then
    health.ok(t("nvim_setup", v.major, v.minor, v.patch))
  else
    health.error(t("nvim_too_old"))
  end
  health.info(t("language", vim.v.lang or ""))

  local cmd = require("ogi_lint").cmd()
  local exe = cmd[1]
  local path = require("ogi_lint.command").resolve(cmd)
  if not path then
    local example = vim.fn.has("win32") == 1 and "C:/Tools/ogi-lint/ogi-lint.exe" or "/path/to/ogi-lint"
    health.error(t("binary_missing", exe), { t("binary_install"), t("binary_point", example) })
  else
    health.ok(t("binary_found", path, table.concat(cmd, " ")))
    local version, err = version_of(cmd)
    if version then
      health.ok(t("version", version))
    else
      health.warn(t("version_failed", exe, err or "?"))
    end
  end

  local buf = user_buffer()
  local name = vim.api.nvim_buf_get_name(buf)
  local shown = name ~= "" and vim.fn.fnamemodify(name, ":~:.") or t("buffer", buf)
  local attached = vim.lsp.get_clients({ name = "ogi_lint", bufnr = buf })
  if #attached > 0 then
    local c = attached[1]
    health.ok(t("running", shown, c.id, c.root_dir or t("no_root")))
    local st = require("ogi_lint.status")
    local s = st.get(buf)
    if s and s.checked then
      health.ok(t("checked", st.describe(s)))
    else
      health.info(st.describe(s))
    end
  else
    local any = vim.lsp.get_clients({ name = "ogi_lint" })
    local ft = vim.bo[buf].filetype
    local advice = {}
    if ft ~= "markdown" and ft ~= "text" then
      table.insert(advice, t("wrong_filetype", ft))
    end
    local enabled = type(vim.lsp.is_enabled) == "function" and vim.lsp.is_enabled("ogi_lint")
    if not enabled and not require("ogi_lint").options then
      table.insert(advice, t("enable"))
    end
    if #any > 0 then
      health.warn(t("not_attached", #any, shown), advice)
    else
      health.warn(t("not_running", shown), advice)
    end
  end
end

return M
