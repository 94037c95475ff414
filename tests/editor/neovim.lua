-- End to end: Neovim's built-in LSP client (Neovim 0.7 or later) runs `mtlint lsp`
-- on the seed article with editor settings, waits for mtlint's diagnostics, applies a quick fix through
-- the normal code-action path and checks the buffer. Driven by tests/editor_neovim.rs:
--   MTLINT_BIN=… MTLINT_FILE=… MTLINT_RULES=… nvim --headless --clean -u NONE -c 'luafile tests/editor/neovim.lua'
-- Prints "ok: …" lines, and exits 0 on success or 1 with "FAIL: …" on stderr.

local bin = assert(os.getenv('MTLINT_BIN'), 'MTLINT_BIN')
local file = assert(os.getenv('MTLINT_FILE'), 'MTLINT_FILE')
local rules = assert(os.getenv('MTLINT_RULES'), 'MTLINT_RULES')

local function finish(code, message)
  io.stderr:write(message .. '\n')
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  vim.cmd('cquit ' .. code)
end

local function check(cond, message)
  if not cond then finish(1, 'FAIL: ' .. message) end
end

local function ok(message) io.stdout:write('ok: ' .. message .. '\n') end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local original = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

local client_id = vim.lsp.start_client({
  name = 'mtlint',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  -- Settings as a user would give them: an extra rule directory, and only calques
  -- (so the built-in casing finding on "Cnn" must go once they apply).
  -- Neovim 0.7 does not send settings by itself; its docs ask for this on_init.
  settings = { mtlint = { rules = { rules }, select = { 'calque' } } },
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end,
})
check(client_id, 'the client did not start')
vim.lsp.buf_attach_client(buf, client_id)

-- Wait for mtlint's diagnostics under the settings: one on “coalition of wishes”
-- (line 6, after curly quotes), none on "Cnn". Found by the text they cover, so
-- that renaming a rule does not break the test.
local function covered(d)
  local l = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
  return l:sub(d.col + 1, d.end_col)
end
local function find(text)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if covered(d) == text then return d end
  end
end
local target
check(vim.wait(30000, function()
  target = find('coalition of wishes')
  return target ~= nil and find('Cnn') == nil
end, 20), 'no diagnostic on "coalition of wishes" (or one on "Cnn") within 30 s; got '
  .. vim.inspect(vim.diagnostic.get(buf)))
check(target.source == 'mtlint', 'source is ' .. tostring(target.source))
local line = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
ok(#vim.diagnostic.get(buf) .. ' diagnostics; ' .. target.code .. ' at line '
  .. (target.lnum + 1) .. ', byte column ' .. target.col .. ': ' .. target.message)

-- The normal code-action path with the cursor on the finding; the menu picks the first.
vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col + 3 })
local offered
vim.ui.select = function(items, opts, on_choice)
  offered = {}
  for i, item in ipairs(items) do
    offered[i] = opts.format_item and opts.format_item(item) or vim.inspect(item)
  end
  on_choice(items[1], 1)
end
vim.lsp.buf.code_action()
check(vim.wait(10000, function()
  local now = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
  return now:find('coalition of the willing', 1, true) ~= nil
end, 20), 'the quick fix was not applied; actions offered: ' .. vim.inspect(offered))
ok('actions offered: ' .. table.concat(offered, ' | '))

-- Exactly that span changed, nothing else.
local expected = vim.deepcopy(original)
expected[target.lnum + 1] = line:sub(1, target.col) .. 'coalition of the willing' .. line:sub(target.end_col + 1)
local now = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
check(vim.deep_equal(now, expected), 'buffer differs from the expected text')
ok('buffer line ' .. (target.lnum + 1) .. ' now reads: ' .. now[target.lnum + 1]:sub(target.col - 10, target.col + 40))

-- The server re-lints the changed buffer: the finding goes away.
check(vim.wait(10000, function() return find('coalition of wishes') == nil end, 20),
  'the diagnostic stayed after the fix')
ok('diagnostic cleared after the fix')
finish(0, 'PASS')
