--- Client method calls that changed from `client.f(...)` (0.10) to `client:f(...)` (0.11).
local M = {}

local method_style = vim.fn.has("nvim-0.11") == 1

function M.supports_method(client, method, bufnr)
  if method_style then return client:supports_method(method, bufnr) end
  return client.supports_method(method, { bufnr = bufnr })
end

function M.request(client, method, params, handler, bufnr)
  if method_style then return client:request(method, params, handler, bufnr) end
  return client.request(method, params, handler, bufnr)
end

function M.notify(client, method, params)
  if method_style then return client:notify(method, params) end
  return client.notify(method, params)
end

return M
