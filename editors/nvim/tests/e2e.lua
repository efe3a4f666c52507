-- Headless end-to-end test of the Neovim plugin against a real ogi-lint binary.
--
--   OGI_LINT_BIN=/path/to/ogi-lint nvim --headless -u tests/minimal_init.lua -l tests/e2e.lua
--
-- Environment: OGI_LINT_BIN (required); OGI_NVIM_FIXTURE (default: the VS Code fixture report);
-- OGI_NVIM_CORPUS (colon-separated extra reports; default: tests/fixtures/corpus/*.txt of the repo).
-- Prints a transcript and ends with "nvim-e2e: N passed, N failed"; exits 1 on any failure.

local uv = vim.uv
local t0 = uv.hrtime()
local results = { passed = 0, failed = 0 }

local function out(s)
  io.stdout:write(s .. "\n")
  io.stdout:flush()
end
local function say(s)
  out(("[nvim-e2e %5.1fs] %s"):format((uv.hrtime() - t0) / 1e9, s))
end
local function record(name, ok, detail)
  if ok then results.passed = results.passed + 1 else results.failed = results.failed + 1 end
  out((ok and "PASS " or "FAIL ") .. name)
  if detail and detail ~= "" then out("     " .. detail:gsub("\n", "\n     ")) end
end
local function finish()
  say("done")
  out(("nvim-e2e: %d passed, %d failed"):format(results.passed, results.failed))
  vim.cmd((results.failed == 0 and results.passed > 0) and "qall!" or "cquit! 1")
end

local plugin = vim.g.ogi_lint_test_plugin
local repo = vim.fs.dirname(vim.fs.dirname(plugin))
local bin = vim.env.OGI_LINT_BIN and vim.fn.fnamemodify(vim.env.OGI_LINT_BIN, ":p") or ""
if bin == "" or vim.fn.executable(bin) ~= 1 then
  record("OGI_LINT_BIN is an executable ogi-lint", false, "got " .. vim.inspect(vim.env.OGI_LINT_BIN))
  finish()
  return
end

local SEV = { "Error", "Warning", "Info", "Hint" }
local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp, "p")

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end
local function write(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

--- `ogi-lint check --format json FILE`, decoded.
local function check_json(path)
  local r = vim.system({ bin, "check", "--format", "json", path }, { text = true }):wait(30000)
  if r.code ~= 0 and r.code ~= 1 then
    error(("%s check exited %s: %s"):format(bin, tostring(r.code), r.stderr or ""))
  end
  return vim.json.decode(r.stdout, { luanil = { object = true, array = true } })
end

local function code_of(d)
  if type(d.code) == "table" then return tostring(d.code.value) end
  return tostring(d.code)
end
--- One diagnostic as a comparable line: 0-based range in UTF-16 units, severity, code, message.
local function key(d)
  local r = d.range
  return ("%d:%d-%d:%d %s %s %s"):format(r.start.line, r.start.character, r["end"].line, r["end"].character,
    SEV[d.severity or 1] or "?", code_of(d), d.message)
end
local function keys(list)
  local k = {}
  for _, d in ipairs(list) do table.insert(k, key(d)) end
  table.sort(k)
  return k
end
local function diff(expected, actual)
  local e, a = {}, {}
  for _, k in ipairs(expected) do e[k] = (e[k] or 0) + 1 end
  for _, k in ipairs(actual) do a[k] = (a[k] or 0) + 1 end
  local lines = { ("expected %d, Neovim has %d"):format(#expected, #actual) }
  for _, k in ipairs(expected) do if not a[k] then table.insert(lines, "  missing in Neovim: " .. k) end end
  for _, k in ipairs(actual) do if not e[k] then table.insert(lines, "  not in ogi-lint check: " .. k) end end
  return table.concat(lines, "\n")
end

--- A position in the client's negotiated encoding (Neovim offers utf-8, utf-16 and utf-32)
--- as a UTF-16 column, the encoding of `ogi-lint check --format json`.
local function utf16_character(buf, encoding, pos)
  if encoding == "utf-16" then return pos.character end
  local line = vim.api.nvim_buf_get_lines(buf, pos.line, pos.line + 1, false)[1] or ""
  local byte = encoding == "utf-8" and pos.character or vim.str_byteindex(line, "utf-32", pos.character, false)
  return vim.str_utfindex(line, "utf-16", math.min(byte, #line), false)
end

--- The server's diagnostics as Neovim holds them (the LSP originals kept in user_data), with
--- their ranges converted to UTF-16 columns.
local function lsp_diagnostics(buf)
  local client = vim.lsp.get_clients({ bufnr = buf, name = "ogi_lint" })[1]
  local encoding = client and client.offset_encoding or "utf-16"
  local res = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local l = d.user_data and d.user_data.lsp
    if l and (l.source == nil or l.source == "ogi-lint") then
      l = vim.deepcopy(l)
      for _, which in ipairs({ "start", "end" }) do
        l.range[which].character = utf16_character(buf, encoding, l.range[which])
      end
      table.insert(res, l)
    end
  end
  return res
end

local changed = {}
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  callback = function(ev) changed[ev.buf] = (changed[ev.buf] or 0) + 1 end,
})

local function attached(buf)
  return vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = buf, name = "ogi_lint" }) > 0 end, 50)
end

--- Waits until Neovim's diagnostics for `buf` equal `expected` (after at least one publish).
local function wait_for(buf, expected_keys, timeout)
  local want = table.concat(expected_keys, "\n")
  -- A document the server does not take for a report may get no publish at all.
  if #expected_keys == 0 then timeout = math.min(timeout or 20000, 5000) end
  vim.wait(timeout or 20000, function()
    return (changed[buf] or 0) > 0 and table.concat(keys(lsp_diagnostics(buf)), "\n") == want
  end, 50)
  return keys(lsp_diagnostics(buf))
end

local function same(a, b) return table.concat(a, "\n") == table.concat(b, "\n") end

--- Applies LSP text edits (UTF-16 positions) to a text.
local function apply_edits(text, edits)
  local lines = vim.split(text, "\n", { plain = true })
  local starts, acc = {}, 0
  for i, l in ipairs(lines) do starts[i - 1] = acc; acc = acc + #l + 1 end
  local function off(p)
    local line = lines[p.line + 1] or ""
    return (starts[p.line] or #text) + vim.str_byteindex(line, "utf-16", p.character, false)
  end
  local sorted = vim.deepcopy(edits)
  table.sort(sorted, function(x, y) return off(x.range.start) > off(y.range.start) end)
  for _, e in ipairs(sorted) do
    text = text:sub(1, off(e.range.start)) .. e.newText .. text:sub(off(e.range["end"]) + 1)
  end
  return text
end

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
end

local function hover_text(buf)
  local client = vim.lsp.get_clients({ bufnr = buf, name = "ogi_lint" })[1]
  local params = vim.lsp.util.make_position_params(0, client and client.offset_encoding or "utf-16")
  local res = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000) or {}
  local parts = {}
  local function add(c)
    if type(c) == "string" then table.insert(parts, c)
    elseif type(c) == "table" and c.value then table.insert(parts, c.value)
    elseif type(c) == "table" then for _, x in ipairs(c) do add(x) end end
  end
  for _, r in pairs(res) do
    if r.result and r.result.contents then add(r.result.contents) end
  end
  return table.concat(parts, "\n")
end

--- Opens `path`, waits for the server, compares its diagnostics with `ogi-lint check`.
local function open_and_compare(path, label)
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  say(("opened %s (filetype %s)"):format(label, vim.bo[buf].filetype))
  local ok_attach = attached(buf)
  record(("the server attaches to %s"):format(label), ok_attach)
  local expected = keys(check_json(path))
  local got = wait_for(buf, expected)
  for _, k in ipairs(got) do say("  diagnostic " .. k) end
  record(("%s: diagnostics (code, severity, message, line, column) equal ogi-lint check --format json"):format(label),
    same(got, expected) and ok_attach, diff(expected, got))
  return buf
end

--- The settings mapping, without a server.
local function settings_mapping()
  local settings = require("ogi_lint.settings")
  local s, w = settings.normalize(nil)
  local ok = vim.json.encode(s) == vim.json.encode(settings.defaults()) and #w == 0
    and vim.json.encode(s.severity) == "{}"
  -- Passed on as given (the server validates and reports bad values); Lua-style keys renamed.
  s = settings.normalize({ edition = "2019", severity = { ["section-title"] = "warn", ["missing-cell"] = "loud" },
    include = "reports/*.md", debounce_ms = 120, log_level = "warning", other = 1 })
  ok = ok and s.edition == "2019" and s.severity["section-title"] == "warn" and s.severity["missing-cell"] == "loud"
    and s.include == "reports/*.md" and s.debounceMs == 120 and s.logLevel == "warning" and s.other == nil
  s = settings.normalize({ edition = "2020", debounceMs = -1, debounce_ms = 5 })
  ok = ok and s.edition == "2020" and s.debounceMs == -1
  ok = ok and settings.answer("ogiLint", s) == s and settings.answer("ogiLint.edition", s) == "2020"
    and settings.answer("editor", s) == vim.NIL
  local cfg = dofile(plugin .. "/lsp/ogi_lint.lua")
  ok = ok and vim.deep_equal(cfg.cmd, { "ogi-lint", "lsp" }) and vim.deep_equal(cfg.filetypes, { "markdown", "text" })
    and vim.deep_equal(cfg.root_markers, { "ogi-lint.toml", ".git" })
  record("settings passed on as given (Lua-style keys renamed) and the lsp/ogi_lint.lua defaults (cmd, filetypes, root markers)", ok)
end

--- Whether process `pid` is running (a zombie, exited but not yet reaped, is not).
local function running(pid)
  local f = io.open(("/proc/%d/stat"):format(pid), "r")
  if not f then return vim.api.nvim_get_proc(pid) ~= nil end
  local stat = f:read("*l") or ""
  f:close()
  return stat:match("^%d+ %b() (%a)") ~= "Z"
end

--- `tries` times: a child Neovim with the plugin opens `report`, waits for the server (every
--- other try also for its diagnostics), notes the server's pid and quits with :qa!. Neovim 0.11
--- sends `shutdown` on quitting but does not wait for the answer or stop the server: the server
--- must go by itself when its stdin closes. It must be gone within 3 s (it takes a fraction).
local function quit_leaves_no_server(report, tries)
  local path = tmp .. "/quit-" .. vim.fs.basename(report)
  write(path, read(report))
  local pidfile = tmp .. "/server-pids"
  local server_name = vim.fs.basename(bin):sub(1, 15)
  local leaked, slowest = {}, 0
  for try = 1, tries do
    os.remove(pidfile)
    local settle = try % 2 == 0
    local probe = ([[lua
      vim.wait(20000, function() return #vim.lsp.get_clients({ name = "ogi_lint" }) > 0 end, 10)
      if %s then vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 10) end
      local pids = {}
      for _, pid in ipairs(vim.api.nvim_get_proc_children(vim.fn.getpid())) do
        local proc = vim.api.nvim_get_proc(pid)
        if proc and proc.name == %q then table.insert(pids, tostring(pid)) end
      end
      vim.fn.writefile(pids, %q)]]):format(tostring(settle), server_name, pidfile):gsub("\n%s*", " ")
    local r = vim.system({ vim.v.progpath, "--headless", "-u", plugin .. "/tests/minimal_init.lua", "-i", "NONE",
      path, "-c", probe, "-c", "qa!" }, { text = true }):wait(60000)
    local quit = uv.hrtime()
    local pids = vim.fn.filereadable(pidfile) == 1 and vim.fn.readfile(pidfile) or {}
    if r.code ~= 0 or #pids == 0 then
      table.insert(leaked, ("try %d: nvim exited %s and saw %d server(s): %s"):format(try, tostring(r.code), #pids,
        (r.stderr or "") .. (r.stdout or "")))
    end
    local seen = {}
    for _, p in ipairs(pids) do
      local pid = tonumber(p)
      vim.wait(3000, function() return not running(pid) end, 5)
      local ms = (uv.hrtime() - quit) / 1e6
      if running(pid) then
        table.insert(leaked, ("try %d: server %d still running %.0f ms after :qa!"):format(try, pid, ms))
        table.insert(seen, ("%d still running"):format(pid))
        uv.kill(pid, "sigkill")
      else
        slowest = math.max(slowest, ms)
        table.insert(seen, ("%d gone within %.0f ms"):format(pid, ms))
      end
    end
    say(("quit try %d (%s): server %s"):format(try, settle and "after diagnostics" or "as soon as it started",
      table.concat(seen, ", ")))
  end
  record(("after :qa! no ogi-lint server is left (%d tries; the slowest went %.0f ms after Neovim)"):format(tries, slowest),
    #leaked == 0, table.concat(leaked, "\n"))
end

local function main()
  say("server " .. bin .. "; nvim " .. tostring(vim.version()))
  settings_mapping()
  local fixture_src = vim.env.OGI_NVIM_FIXTURE or (repo .. "/editors/vscode/test/fixture/report-2021.md")
  local fixture = tmp .. "/report-2021.md"
  write(fixture, read(fixture_src))

  -- 1. The fixture report: diagnostics equal the CLI.
  local before = check_json(fixture)
  say(("ogi-lint check --format json: %d diagnostics"):format(#before))
  for _, k in ipairs(keys(before)) do say("  expect " .. k) end
  local buf = open_and_compare(fixture, "report-2021.md")
  local client = vim.lsp.get_clients({ bufnr = buf, name = "ogi_lint" })[1]
  if client then
    say(("client %d: %s, root %s, position encoding %s (ranges below converted to UTF-16 to compare)"):format(
      client.id, table.concat(client.config.cmd, " "), tostring(client.root_dir), client.offset_encoding))
  end

  -- The server's ogiLint/status: edition, why (the line of the cited 文号: only the server
  -- knows it) and counts, as :checkhealth and the statusline item show them.
  local errors = 0
  for _, d in ipairs(before) do
    if d.severity == 1 then errors = errors + 1 end
  end
  local st = require("ogi_lint.status")
  vim.wait(10000, function() return st.get(buf) ~= nil end, 50)
  local status = st.get(buf)
  local described = st.describe(status)
  local cited = 0
  for i, l in ipairs(vim.split(read(fixture), "\n", { plain = true })) do
    if cited == 0 and l:find("国办公开办函", 1, true) then cited = i end
  end
  say("status: " .. described .. " | statusline: " .. require("ogi_lint").statusline(buf))
  -- In the plugin's language (settings.ogiLint.language, else v:lang), and in both on demand.
  local i18n = require("ogi_lint.i18n")
  local lang = i18n.current()
  local cited_line = function(l) return i18n.t("line", l, i18n.t("why_document_number", l), cited) end
  say(("language: %s (v:lang %q)"):format(lang, vim.v.lang or ""))
  record("ogiLint/status: the statusline item and :checkhealth show the server's edition, reason and counts",
    status ~= nil and status.checked == true and status.edition == "2021"
      and described:find(cited_line(lang), 1, true) ~= nil
      and st.describe(status, "en"):find(("文号, line %d"):format(cited), 1, true) ~= nil
      and st.describe(status, "zh"):find(("文号，第 %d 行"):format(cited), 1, true) ~= nil
      and require("ogi_lint").statusline(buf):find(("ogi-lint 2021 E%d "):format(errors), 1, true) ~= nil,
    "status: " .. vim.inspect(status))

  -- 2. Hover over the wrong total, then its quick fix through vim.lsp.buf.code_action.
  local total
  for _, d in ipairs(before) do
    if code_of(d) == "total-mismatch" and d.fix and d.fix.edits and #d.fix.edits > 0 then total = d; break end
  end
  if not total then
    record("hover over the wrong total returns the formula", false, "ogi-lint check reports no total-mismatch with a fix")
    record("the quick fix of the wrong total changes the buffer", false, "no total-mismatch to fix")
    record("after the quick fix the diagnostic is gone and the rest equal ogi-lint check", false, "no total-mismatch to fix")
  else
    local line = total.range.start.line
    local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
    local col = vim.str_byteindex(text, "utf-16", total.range.start.character, false)
    vim.api.nvim_win_set_cursor(0, { line + 1, col })
    say(("cursor on the wrong total at %d:%d (%s)"):format(line + 1, total.range.start.character + 1, text))

    local h = hover_text(buf)
    say("hover: " .. vim.inspect(h))
    local formula = h:find("总计[^\n=]-=%s*自然人%s*1%s*%+%s*商业企业%s*1") ~= nil
    record("hover over the wrong total returns the formula (总计 … = 自然人 1 + 商业企业 1 + …)", formula, "hover: " .. vim.inspect(h))

    local original = buffer_text(buf)
    local count_before = changed[buf] or 0
    local offered = {}
    vim.lsp.buf.code_action({
      context = { only = { "quickfix" } },
      apply = true,
      filter = function(a)
        table.insert(offered, a.title)
        return a.title == total.fix.title
      end,
    })
    vim.wait(10000, function() return buffer_text(buf) ~= original end, 50)
    local now = buffer_text(buf)
    say("code actions offered: " .. vim.inspect(offered))
    local want = apply_edits(original, total.fix.edits)
    record(('the quick fix "%s" through vim.lsp.buf.code_action changes the buffer as the fix says'):format(total.fix.title),
      now == want and now ~= original,
      ("line %d now: %s"):format(line + 1, vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]))

    vim.cmd("silent write")
    local after = check_json(fixture)
    vim.wait(10000, function() return (changed[buf] or 0) > count_before end, 50)
    local got = wait_for(buf, keys(after))
    local still = false
    for _, d in ipairs(lsp_diagnostics(buf)) do
      if code_of(d) == "total-mismatch" and d.range.start.line == line and d.range.start.character == total.range.start.character then
        still = true
      end
    end
    for _, k in ipairs(got) do say("  after fix " .. k) end
    record("after the quick fix the diagnostic is gone and the rest equal ogi-lint check", not still and same(got, keys(after)),
      diff(keys(after), got))

    -- 3. A settings change reaches the server without a restart.
    local rule
    for _, d in ipairs(after) do
      if d.severity ~= 1 then rule = code_of(d); break end
    end
    if not rule and after[1] then rule = code_of(after[1]) end
    if rule and client then
      local silenced = {}
      for _, d in ipairs(after) do if code_of(d) ~= rule then table.insert(silenced, d) end end
      require("ogi_lint").update_settings({ severity = { [rule] = "off" } })
      local got2 = wait_for(buf, keys(silenced), 15000)
      record(("settings: severity.%s = off reaches the server through workspace/didChangeConfiguration"):format(rule),
        same(got2, keys(silenced)), diff(keys(silenced), got2))
      require("ogi_lint").update_settings({ severity = {} })
      local got3 = wait_for(buf, keys(after), 15000)
      record("settings: restoring the severity brings the rule back", same(got3, keys(after)), diff(keys(after), got3))
    end

    -- 4. :OgiLintFixAll gives what `ogi-lint check --fix` gives.
    local copy = tmp .. "/fix-all-expected.md"
    write(copy, buffer_text(buf))
    vim.system({ bin, "check", "--fix", copy }, { text = true }):wait(30000)
    local want_fixed = read(copy)
    local pre = buffer_text(buf)
    vim.cmd("OgiLintFixAll")
    if want_fixed ~= pre then vim.wait(10000, function() return buffer_text(buf) ~= pre end, 50) end
    vim.wait(300)
    record(":OgiLintFixAll gives the same text as ogi-lint check --fix", buffer_text(buf) == want_fixed,
      buffer_text(buf) == pre and "the buffer did not change" or "")
    vim.cmd("silent write")
  end

  -- 5. :checkhealth ogi_lint, from the report buffer.
  vim.cmd("checkhealth ogi_lint")
  local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  for l in health:gmatch("[^\n]+") do say("  health | " .. l) end
  -- The fixed start of a message of the plugin, before its first placeholder.
  local start_of = function(key) return (i18n.t(key, lang)):match("^[^%%]*") end
  record(":checkhealth ogi_lint finds the binary, its version, and the server attached to the buffer",
    health:find("OK " .. start_of("binary_found"), 1, true) ~= nil and health:find("OK " .. start_of("version"), 1, true) ~= nil
      and health:find("OK " .. start_of("running"), 1, true) ~= nil and health:find("ERROR", 1, true) == nil)
  vim.cmd("tabclose")

  -- 6. :OgiLintNew inserts the shared scaffold.
  vim.cmd("enew")
  vim.cmd("OgiLintNew")
  local scaffold = read(repo .. "/editors/scaffold/2021.md")
  record(":OgiLintNew inserts editors/scaffold/2021.md into an empty buffer, as markdown",
    buffer_text(0) == scaffold and vim.bo.filetype == "markdown")
  vim.cmd("bwipeout!")

  -- 7. Other reports (the corpus, plain text).
  local corpus = {}
  if vim.env.OGI_NVIM_CORPUS and vim.env.OGI_NVIM_CORPUS ~= "" then
    corpus = vim.split(vim.env.OGI_NVIM_CORPUS, ":", { trimempty = true })
  else
    corpus = vim.fn.glob(repo .. "/tests/fixtures/corpus/*.txt", false, true)
  end
  for _, p in ipairs(corpus) do
    local copy = tmp .. "/" .. vim.fs.basename(p)
    write(copy, read(p))
    open_and_compare(copy, vim.fs.basename(p))
  end

  -- 8. The Neovim 0.10 path: require("ogi_lint").setup() with vim.lsp.start on FileType.
  vim.lsp.enable("ogi_lint", false)
  for _, c in ipairs(vim.lsp.get_clients({ name = "ogi_lint" })) do c:stop(true) end
  vim.wait(3000, function() return #vim.lsp.get_clients({ name = "ogi_lint" }) == 0 end, 50)
  vim.cmd("silent! %bwipeout!")
  changed = {}
  require("ogi_lint").setup({ cmd = { bin, "lsp" }, use_lsp_start = true, debounce_ms = 20 })
  local legacy = tmp .. "/legacy-report.md"
  write(legacy, read(fixture_src))
  open_and_compare(legacy, "a report via setup() + vim.lsp.start")

  -- 9. Quitting Neovim leaves no server running.
  quit_leaves_no_server(corpus[1] or fixture_src, 6)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then record("the test ran to the end", false, tostring(err)) end
for _, c in ipairs(vim.lsp.get_clients()) do c:stop(true) end
vim.wait(2000, function() return #vim.lsp.get_clients() == 0 end, 50)
vim.fn.delete(tmp, "rf")
finish()
