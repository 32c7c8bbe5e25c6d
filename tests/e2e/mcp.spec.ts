// MCP servers end to end, as a user would: paste a Claude Desktop-style configuration into the
// playground, see the server connected with its tools, switch one on for the thread, let Claude call it
// (the mock gateway is scripted to), and find the call as an MCP lane in the trace's waterfall with the
// JSON-RPC request, response and the server's stderr. A crashing server shows its error state.
import { expect, test, type Page } from '@playwright/test';
import { anthropicText, anthropicToolUse } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { McpPage, stdioServer } from './pages/mcp-page';
import { PlaygroundPage } from './pages/playground-page';

const CLAUDE = 'claude-sonnet-4-20250514';

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: 'sk-e2e-mcp-canary-9d3e' });
});
test.afterEach(async () => {
  await h.close();
});

async function claudeThread(page: Page) {
  const app = new AppPage(page);
  const pg = new PlaygroundPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption(CLAUDE);
  await pg.open();
  return { app, pg, mcp: new McpPage(page) };
}

test('paste a config → connected → switch a tool on → Claude calls it → an MCP lane in the waterfall', async ({ page }) => {
  test.setTimeout(120_000);
  const { app, pg, mcp } = await claudeThread(page);
  await mcp.paste({ city: stdioServer() });
  await expect(mcp.server('city')).toHaveAttribute('data-status', 'connected');
  await expect(mcp.toggle('city', 'weather')).not.toBeChecked();
  await mcp.toggle('city', 'weather').check();
  await expect(mcp.toggle('city', 'weather')).toBeChecked();

  await mcp.toggle('city', 'snapshot').check();
  await expect(mcp.toggle('city', 'snapshot')).toBeChecked();

  h.gateway.queue(
    anthropicToolUse([
      { id: 'toolu_mcp_e2e', name: 'weather', input: { city: 'Tallinn' } },
      { id: 'toolu_mcp_pic', name: 'snapshot', input: { city: 'Tallinn' } },
    ]),
    anthropicText('Sunny in Tallinn.'),
  );
  await app.send('Weather in Tallinn?');
  await expect(pg.call('weather')).toHaveAttribute('data-status', 'done');
  await expect(page.locator('[data-testid="tool-result"][data-tool-call-id="toolu_mcp_e2e"]')).toContainText('Sunny in Tallinn, 21°C');
  // The image the tool returned is shown as the model got it, not as a placeholder.
  const pic = page.locator('[data-testid="tool-result"][data-tool-call-id="toolu_mcp_pic"]').getByTestId('tool-result-image');
  await expect(pic).toHaveCount(1);
  await expect(pic.locator('img')).toHaveAttribute('src', /^data:image\//);

  // What the model got back: the MCP tool's text as the tool_result.
  const second = h.gateway.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/v1/messages'))[1]!.json as {
    messages: { content: { type: string; tool_use_id?: string; content?: unknown }[] }[];
  };
  expect(second.messages[2]!.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_mcp_e2e', content: 'Sunny in Tallinn, 21°C' });

  const answer = page.locator('[data-testid="message"][data-role="assistant"]').last();
  await expect(answer).toHaveAttribute('data-status', 'done');
  const view = await pg.openTrace(answer);
  const lane = view.locator('[data-testid="trace-lane"][data-kind="mcp"]');
  await expect(lane).toHaveCount(2);
  await expect(lane.first()).toContainText('city/weather');
  await lane.first().locator('.wf-label').click();
  const call = view.getByTestId('trace-mcp-call');
  await expect(call.getByTestId('trace-mcp-request')).toContainText('"method": "tools/call"');
  await expect(call.getByTestId('trace-mcp-request')).toContainText('"city": "Tallinn"');
  await expect(call.getByTestId('trace-mcp-response')).toContainText('Sunny in Tallinn, 21°C');
  await expect(call.getByTestId('trace-mcp-stderr')).toContainText('[test-server] weather asked for Tallinn');
});

test('a server that crashes mid-call: the model gets an error result, the server shows its error', async ({ page }) => {
  test.setTimeout(120_000);
  const { app, pg, mcp } = await claudeThread(page);
  await mcp.paste({ boom: stdioServer() });
  await expect(mcp.server('boom')).toHaveAttribute('data-status', 'connected');
  await mcp.toggle('boom', 'crash').check();
  await expect(mcp.toggle('boom', 'crash')).toBeChecked();
  h.gateway.queue(anthropicToolUse([{ id: 'toolu_boom', name: 'crash', input: {} }]), anthropicText('It crashed.'));
  await app.send('Crash it');
  await expect(pg.call('crash')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('[data-testid="tool-result"][data-tool-call-id="toolu_boom"]')).toHaveAttribute('data-is-error', 'true');
  await expect(mcp.server('boom')).toHaveAttribute('data-status', 'error');
  await expect(mcp.server('boom').getByTestId('mcp-server-error')).toHaveAttribute('data-reason', 'mcp_crashed');
  // main is alive: the next message is answered (the crashed server's tools are simply not sent)
  await expect(mcp.toggle('boom', 'crash')).toHaveCount(0);
  h.gateway.queue(anthropicText('Still here.'));
  await app.send('Still there?');
  await expect(page.locator('[data-testid="message"][data-role="assistant"]').last()).toContainText('Still here.');
});

test('the form adds a server; a bad configuration is refused with a reason; remove takes it away', async ({ page }) => {
  test.setTimeout(120_000);
  const { mcp } = await claudeThread(page);
  await page.getByTestId('mcp-config-input').fill('{"mcpServers": {"x": {"args": []}}}');
  await page.getByTestId('mcp-save').click();
  await expect(page.getByTestId('mcp-error')).toContainText('command');
  await expect(page.getByTestId('mcp-config-input')).toHaveValue('{"mcpServers": {"x": {"args": []}}}');

  await page.getByTestId('mcp-add').click();
  await page.getByTestId('mcp-form-name').fill('formed');
  await page.getByTestId('mcp-form-target').fill(`"${process.execPath}" --import tsx tests/fixtures/mcp/server.ts`);
  await page.getByTestId('mcp-form-submit').click();
  await expect(mcp.server('formed')).toHaveAttribute('data-status', 'connected');
  await mcp.server('formed').getByTestId('mcp-remove').click();
  await expect(mcp.server('formed')).toHaveCount(0);
});
