// The tool playground end to end, as a user would use it: build a tool set from presets, watch the
// model call the tools (input streaming in), answer a manual tool, see an invalid schema flagged
// before sending, open the trace (waterfall, events, curl, export), and OpenAI function calling.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { anthropicText, anthropicToolUse, openaiText, openaiToolCalls } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { PlaygroundPage } from './pages/playground-page';

const KEY = 'sk-e2e-playground-canary-5521';
const CLAUDE = 'claude-sonnet-4-20250514';

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: KEY });
});
test.afterEach(async () => {
  await h.close();
});

type Turn = { role: string; content: unknown };

/** What the model was asked, in order (the gateway also records /v1/models and the billing calls). */
const modelRequests = () => h.gateway.requests.filter((r) => r.method === 'POST' && /\/v1\/(messages|chat\/completions)$/.test(r.path));
type Block = { type: string; tool_use_id?: string; content?: unknown; is_error?: boolean };

async function threadWith(page: Page, model: string): Promise<{ app: AppPage; pg: PlaygroundPage }> {
  const app = new AppPage(page);
  const pg = new PlaygroundPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption(model);
  await expect(app.byId('model-select')).toHaveValue(model);
  await pg.open();
  return { app, pg };
}

test('two tools from presets, called in parallel: both results go back in one user turn', async ({ page }) => {
  const { app, pg } = await threadWith(page, CLAUDE);
  await pg.addPreset('get_weather');
  const calculator = await pg.addPreset('calculator');
  await expect(calculator.getByTestId('tool-run-mode')).toHaveValue('script');
  await expect(pg.tool('get_weather').getByTestId('tool-run-mode')).toHaveValue('mock');
  await expect(pg.panel.getByTestId('playground-enabled')).toBeChecked();
  await pg.savedAndValid();

  h.gateway.queue(
    anthropicToolUse(
      [
        { id: 'toolu_weather_1', name: 'get_weather', input: { location: 'Paris, France' } },
        { id: 'toolu_calc_2', name: 'calculator', input: { expression: '(2 + 3) * 4' } },
      ],
      { pieces: 6 },
    ),
    anthropicText('It is 18 °C in Paris, and (2 + 3) * 4 = 20.', { delayMs: 20 }),
  );
  await app.send('What is the weather in Paris, and what is (2 + 3) * 4?');

  await expect(pg.call('get_weather')).toHaveAttribute('data-status', 'done');
  await expect(pg.call('calculator')).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('(2 + 3) * 4 = 20');
  await expect(page.locator('[data-testid="message"][data-role="tool"]')).toHaveCount(1);

  // Expanded on click: the input (pretty) and the result from the tool message.
  await pg.call('calculator').locator('.tc-head').click();
  await expect(pg.call('calculator').getByTestId('tool-call-input')).toContainText('"expression": "(2 + 3) * 4"');
  await expect(pg.call('calculator').getByTestId('tool-call-result')).toContainText('20');

  expect(modelRequests()).toHaveLength(2);
  const second = modelRequests()[1]!.json as { messages: Turn[] };
  const last = second.messages.at(-1)!;
  expect(last.role).toBe('user');
  const results = last.content as Block[];
  expect(results.map((b) => [b.type, b.tool_use_id])).toEqual([
    ['tool_result', 'toolu_weather_1'],
    ['tool_result', 'toolu_calc_2'],
  ]);
  expect(JSON.stringify(results[0]!.content)).toContain('Paris, France');
  expect(JSON.stringify(results[1]!.content)).toContain('20');
});

test('the tool input is visible while it streams', async ({ page }) => {
  const { app, pg } = await threadWith(page, CLAUDE);
  await pg.addPreset('get_weather');
  await pg.savedAndValid();
  const location = 'San Francisco, California, United States of America';
  const full = JSON.stringify({ location });
  h.gateway.queue(
    anthropicToolUse([{ id: 'toolu_stream_1', name: 'get_weather', input: { location } }], { pieces: 30, delayMs: 80 }),
    anthropicText('Foggy, as usual.'),
  );
  await app.send('Weather in San Francisco?');

  const card = pg.call('get_weather');
  // One atomic read of status and input text: partial JSON shown while the status is streaming.
  await expect
    .poll(
      () =>
        card.evaluate((el, whole) => {
          const text = el.querySelector('[data-testid="tool-call-input"]')?.textContent ?? '';
          return el.getAttribute('data-status') === 'streaming' && text.startsWith('{"location"') && text.length < whole.length;
        }, full),
      { timeout: 10_000, intervals: [30] },
    )
    .toBe(true);
  await expect(card).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Foggy, as usual.');
});

test('a manual tool waits for the user; the typed result is what the model gets', async ({ page }) => {
  const { app, pg } = await threadWith(page, CLAUDE);
  await pg.addPreset('get_weather');
  await pg.setRunMode('get_weather', 'manual');
  await pg.savedAndValid();
  h.gateway.queue(
    anthropicToolUse([{ id: 'toolu_manual_1', name: 'get_weather', input: { location: 'Oslo' } }]),
    anthropicText('Snowing in Oslo, then.'),
  );
  await app.send('Weather in Oslo?');

  const card = pg.call('get_weather');
  await expect(card).toHaveAttribute('data-awaiting', 'result');
  // The loop is still going: the composer offers Stop.
  await expect(app.byId('composer-stop')).toBeVisible();
  const input = card.getByTestId('tool-result-input');
  await expect(input).toBeVisible();
  await expect(input).not.toHaveValue('');
  await input.fill('{"temperature": -3, "conditions": "heavy snow"}');
  await card.getByTestId('tool-result-submit').click();

  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Snowing in Oslo');
  await expect(card).toHaveAttribute('data-status', 'done');
  await expect(app.byId('composer-send')).toBeVisible();
  const turns = (modelRequests()[1]!.json as { messages: Turn[] }).messages;
  const result = (turns.at(-1)!.content as Block[])[0]!;
  expect(result).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_manual_1' });
  expect(JSON.stringify(result.content)).toContain('heavy snow');
});

test('an invalid schema and a bad tool name are flagged before sending, and sending is refused', async ({ page }) => {
  const { app, pg } = await threadWith(page, CLAUDE);
  const tool = await pg.addBlank();
  await pg.savedAndValid();

  // Valid JSON, but not a schema the API takes for a tool input.
  await tool.getByTestId('tool-schema-editor').fill('{"type":"string"}');
  const schemaError = tool.locator('[data-testid="tool-issue"][data-severity="error"][data-path^="/tools/0/inputSchema"]');
  await expect(schemaError.first()).toBeVisible();
  await expect(pg.panel.getByTestId('playground-check')).toHaveAttribute('data-ok', 'false');

  // Not JSON at all: flagged at once, in the editor.
  await tool.getByTestId('tool-schema-editor').fill('{"type": "object",');
  await expect(tool.getByTestId('tool-schema-json-error')).toBeVisible();
  await tool.getByTestId('tool-schema-editor').fill('{"type": "object", "properties": {}}');
  await expect(tool.getByTestId('tool-schema-json-error')).toHaveCount(0);

  // A name the API would reject.
  await tool.getByTestId('tool-name').fill('get weather!');
  const renamed = pg.tool('get weather!');
  await expect(renamed.locator('[data-testid="tool-issue"][data-path="/tools/0/name"]')).toBeVisible();

  // Sending is refused by main, with a translated reason; nothing reaches the gateway.
  await renamed.getByTestId('tool-name').blur();
  await expect(pg.panel.getByTestId('playground-saving')).toHaveCount(0);
  await app.send('Use the tool');
  await expect(app.byId('composer-error')).toContainText('Fix the playground’s tools first');
  expect(modelRequests()).toHaveLength(0);

  // Fixed: the check passes again.
  await renamed.getByTestId('tool-name').fill('get_weather_v2');
  await pg.savedAndValid();
});

test('trace: two steps in the waterfall, events, curl without the key, export without the key', async ({ page, context }) => {
  const { app, pg } = await threadWith(page, CLAUDE);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.app.origin });
  await pg.addPreset('get_weather');
  await pg.savedAndValid();
  h.gateway.queue(
    anthropicToolUse([{ id: 'toolu_trace_1', name: 'get_weather', input: { location: 'Lisbon' } }], { pieces: 8 }),
    anthropicText('Sunny in Lisbon.'),
  );
  await app.send('Weather in Lisbon?');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Sunny in Lisbon.');

  const view = await pg.openTrace(app.lastAssistant());
  await expect(view.getByTestId('trace-step')).toHaveCount(2);
  await expect(view.locator('[data-testid="trace-lane"][data-kind="tool"]')).toHaveCount(1);
  await expect(view.locator('[data-testid="trace-event"][data-type="content_block_delta"]').first()).toBeVisible();

  // The tool input, rebuilt from the frames, at the tool_use block of step 1.
  await view.locator('[data-testid="trace-lane"][data-block-type="tool_use"]').locator('.wf-label').click();
  await view.locator('[data-testid="trace-event"][data-type="content_block_stop"]').first().click();
  await expect(view.getByTestId('trace-tool-input').first()).toContainText('"location":"Lisbon"');

  await view.getByTestId('trace-copy-curl').click();
  await expect(view.getByTestId('trace-toast')).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain('curl');
  expect(curl).toContain('$YIBU_API_KEY');
  expect(curl).toContain(`${h.gateway.url}/v1/messages`);
  expect(curl).not.toContain(KEY);

  // "View in trace" on a tool call opens the trace at that call.
  await view.getByTestId('trace-close').click();
  await expect(view).toBeHidden();
  const call = pg.call('get_weather');
  await call.locator('.tc-head').click();
  await call.getByTestId('tool-call-trace').click();
  await expect(view).toBeVisible();
  await expect(view.locator('[data-testid="trace-lane"][data-kind="tool"].focused')).toHaveCount(1);
  await expect(view.locator('[data-testid="trace-event"][aria-selected="true"]')).toHaveAttribute('data-type', 'content_block_start');

  const download = page.waitForEvent('download');
  await view.getByTestId('trace-export').click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(KEY);
  const exported = JSON.parse(text) as { steps?: unknown[] } & Record<string, unknown>;
  expect(JSON.stringify(exported)).toContain('toolu_trace_1');
});

test('OpenAI function calling: the result goes back as a role:"tool" message', async ({ page }) => {
  const { app, pg } = await threadWith(page, 'gpt-4o-mini');
  await pg.addPreset('get_weather');
  await pg.savedAndValid();
  h.gateway.queue(
    openaiToolCalls([{ id: 'call_weather_1', name: 'get_weather', args: '{"location":"Boston, MA"}' }], { pieces: 5 }),
    openaiText('Boston is mild today.'),
  );
  await app.send('Weather in Boston?');
  await expect(pg.call('get_weather')).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Boston is mild today.');

  const first = modelRequests()[0]!.json as { tools: { type: string; function: { name: string } }[] };
  expect(first.tools.map((t) => [t.type, t.function.name])).toEqual([['function', 'get_weather']]);
  const msgs = (modelRequests()[1]!.json as { messages: { role: string; tool_call_id?: string; content?: unknown }[] }).messages;
  expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  expect(msgs[2]!.tool_call_id).toBe('call_weather_1');
  expect(JSON.stringify(msgs[2]!.content)).toContain('Boston, MA');
});

test('edit and resend: the edited request runs into a new branch thread, which opens', async ({ page }) => {
  const { app, pg } = await threadWith(page, 'gpt-4o-mini');
  await page.getByTestId('playground-close').click();
  await expect(pg.panel).toBeHidden();
  h.gateway.queue(openaiText('The original answer.'));
  await app.send('Say something');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  const view = await pg.openTrace(app.lastAssistant());
  await expect(view.getByTestId('trace-step')).toHaveCount(1);
  await view.getByTestId('trace-resend-open').click();
  const editor = view.getByTestId('trace-resend-body');
  const body = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
  await editor.fill(JSON.stringify({ ...body, temperature: 0.2 }, null, 2));
  h.gateway.queue(openaiText('The branched answer.'));
  await view.getByTestId('trace-resend-send').click();
  await expect(view).toBeHidden();
  await expect(app.byId('thread-item')).toHaveCount(2);
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('The branched answer.');
  await expect(app.messages()).toHaveCount(2);
  expect((modelRequests()[1]!.json as { temperature: number }).temperature).toBe(0.2);
});
