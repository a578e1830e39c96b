-- Headless Neovim (0.7+) as a second LSP client of exposure-lint: waits for diagnostics, applies the preferred
-- quick fix and then fix-all, writes the file, and records what it saw as JSON for neovim.test.ts.
-- env: EL_FILE (template to edit), EL_OUT (result JSON), EL_SERVER (dist/server.js), EL_NODE (node binary)
local file, out, server = os.getenv('EL_FILE'), os.getenv('EL_OUT'), os.getenv('EL_SERVER')
local node = os.getenv('EL_NODE') or 'node'
local result = { steps = {} }

local function finish(ok, err)
  result.ok = ok
  result.error = err and tostring(err) or nil
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd(ok and 'qa!' or 'cquit 1')
end

-- Diagnostics as plain data (lnum/col are 0-based, like LSP).
local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, message = d.message, source = d.source, code = lsp.code or d.code })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum end)
  return list
end

local function wait_for(what, predicate)
  if not vim.wait(20000, predicate, 20) then error('timed out waiting for ' .. what) end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local root = vim.fn.fnamemodify(file, ':h')
  local client_id = vim.lsp.start_client({
    name = 'exposure-lint',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
    flags = { debounce_text_changes = 10 },
  })
  assert(client_id, 'start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(client_id)

  wait_for('diagnostics after open', function() return #vim.diagnostic.get(bufnr) > 0 end)
  local first = snapshot(bufnr)
  table.insert(result.steps, { step = 'open', diagnostics = first })

  -- The preferred quick fix for the first diagnostic, asked with the diagnostics of its line.
  local d = first[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum), only = { 'quickfix' } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local actions = assert(responses and responses[client_id] and responses[client_id].result, 'no codeAction response')
  local titles, preferred = {}, nil
  for _, action in ipairs(actions) do
    table.insert(titles, action.title)
    if action.isPreferred then preferred = action end
  end
  assert(preferred and preferred.edit, 'no preferred quick fix with an edit')
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  vim.cmd('write')
  wait_for('diagnostics after the quick fix', function() return #vim.diagnostic.get(bufnr) == #first - 1 end)
  table.insert(result.steps, { step = 'quickfix', actions = titles, applied = preferred.title, diagnostics = snapshot(bufnr) })

  -- Fix-all, as `source.fixAll.exposure-lint`. Neovim announces codeAction/resolve for edits, so the
  -- server leaves the edit out until the action is resolved (as Neovim's own code_action() does).
  params.context = { diagnostics = {}, only = { 'source.fixAll.exposure-lint' } }
  responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local fix_all = assert(responses[client_id].result[1], 'no fix-all action')
  local resolved = false
  if not fix_all.edit then
    local answer = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', fix_all, 10000)
    fix_all = assert(answer and answer[client_id] and answer[client_id].result, 'codeAction/resolve failed')
    resolved = true
  end
  assert(fix_all.edit, 'fix-all has no edit')
  vim.lsp.util.apply_workspace_edit(fix_all.edit, client.offset_encoding)
  vim.cmd('write')
  wait_for('no diagnostics after fix-all', function() return #vim.diagnostic.get(bufnr) == 0 end)
  table.insert(result.steps, { step = 'fixAll', title = fix_all.title, kind = fix_all.kind, resolved = resolved, diagnostics = snapshot(bufnr) })
  vim.lsp.stop_client(client_id)
end)
finish(ok, err)
