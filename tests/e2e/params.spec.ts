// Everyday conversation, the params part, as a user meets it against the mock gateway: parameters set in
// the thread header reach the request body in both protocols and are remembered; reasoning from either
// OpenAI field shows collapsed with its duration; math, task lists and code blocks render; token usage and
// cost per answer and per thread follow the price table; the balance says how far it moved this session.
import { expect, test } from '@playwright/test';
import { anthropicText, errors, openaiText } from '../fixtures/gateway/scenarios';
import * as sse from '../fixtures/gateway/sse';
import type { Scenario } from '../fixtures/gateway/types';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: 'sk-e2e-params-5150' });
});
test.afterEach(async () => {
  await h.close();
});

type Body = Record<string, unknown>;
const lastBody = (path: string): Body => h.gateway.requests.filter((r) => r.path === path).at(-1)!.json as Body;

/** An OpenAI-format answer whose usage reports cached prompt tokens and reasoning tokens. */
function withCacheAndReasoning(text: string, u: { prompt: number; completion: number; cached: number; reasoning: number }): Scenario {
  const meta = sse.openaiMeta('gpt-4o-mini');
  const usage = {
    ...sse.openaiUsage(u.prompt, u.completion),
    prompt_tokens_details: { cached_tokens: u.cached },
    completion_tokens_details: { reasoning_tokens: u.reasoning },
  };
  return {
    chunks: [
      sse.sseFrame(sse.openaiChunk(meta, [sse.openaiChoice({ role: 'assistant', content: text })])),
      sse.sseFrame(sse.openaiChunk(meta, [sse.openaiChoice({}, 'stop')])),
      sse.sseFrame(sse.openaiChunk(meta, [], usage)),
      sse.DONE,
    ],
  };
}

async function answered(app: AppPage, count: number): Promise<void> {
  await expect(app.messages('assistant')).toHaveCount(count);
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
}

test('parameters from the header go in the request body of both protocols, and are remembered', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption('gpt-4o');

  await app.byId('thread-params').click();
  // Typed one after another without waiting: each field's save must not undo or blank another's.
  await app.byId('param-temperature').fill('0.3');
  await app.byId('param-top-p').fill('0.8');
  await app.byId('param-max-tokens').fill('4000');
  await app.byId('param-max-tokens').blur();
  await app.byId('param-reasoning-effort').selectOption('high');
  await expect(app.byId('thread-params')).toContainText('temp 0.3');
  await expect(app.byId('thread-params')).toContainText('top_p 0.8');
  await expect(app.byId('thread-params')).toContainText('4,000 max');

  // Out of range: flagged, and not stored.
  await app.byId('param-temperature').fill('5');
  await app.byId('param-temperature').blur();
  await expect(app.byId('param-temperature')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.byId('thread-params')).toContainText('temp 0.3');
  await app.byId('param-temperature').fill('0.3');
  await app.byId('param-temperature').blur();

  h.gateway.queue(openaiText('OpenAI answer.'));
  await app.send('Hello');
  await answered(app, 1);
  expect(lastBody('/v1/chat/completions')).toMatchObject({ model: 'gpt-4o', temperature: 0.3, top_p: 0.8, max_tokens: 4000, reasoning_effort: 'high' });

  // The same thread on Claude: the same parameters, the thinking budget, and no reasoning_effort.
  await app.byId('model-select').selectOption('claude-sonnet-4-20250514');
  await expect(app.byId('protocol-select')).toHaveValue('anthropic-messages');
  await expect(app.byId('param-reasoning-effort')).toHaveCount(0);
  // The box follows the stored thread (main answers the update), so click and wait for it.
  await app.byId('thinking-toggle').click();
  await expect(app.byId('thinking-toggle')).toBeChecked();
  h.gateway.queue(anthropicText('Claude answer.', { thinking: 'Considering.' }));
  await app.send('And you?');
  await answered(app, 2);
  const body = lastBody('/v1/messages');
  expect(body).toMatchObject({ temperature: 0.3, top_p: 0.8, max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2048 } });
  expect(body).not.toHaveProperty('reasoning_effort');

  // Remembered: after a reload the header still shows them.
  await page.reload();
  await app.byId('thread-item').first().click();
  await expect(app.byId('thread-params')).toContainText('temp 0.3');

  // Back to the defaults: nothing extra is sent.
  await app.byId('thread-params').click();
  await app.byId('param-reset').click();
  await expect(app.byId('thread-params')).not.toContainText('temp');
  h.gateway.queue(anthropicText('Defaults.'));
  await app.send('Once more');
  await answered(app, 3);
  const plain = lastBody('/v1/messages');
  expect(plain).not.toHaveProperty('temperature');
  expect(plain).not.toHaveProperty('top_p');
  expect(plain.max_tokens).toBe(4096);
});

test('a parameter the model rejects shows the gateway’s error, classified', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption('o3-mini');
  await app.byId('thread-params').click();
  await app.byId('param-temperature').fill('0.5');
  await app.byId('param-temperature').blur();
  await expect(app.byId('thread-params')).toContainText('temp 0.5');
  h.gateway.queue(errors.openai(400, "Unsupported parameter: 'temperature' is not supported with this model.", 'invalid_request_error', 'unsupported_parameter'));
  await app.send('Hi');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'error');
  const error = app.lastAssistant().getByTestId('message-error');
  await expect(error).toContainText('The request was rejected as invalid');
  await expect(error).toContainText("'temperature' is not supported");
  expect(lastBody('/v1/chat/completions').temperature).toBe(0.5);
});

test('reasoning in either OpenAI field is shown collapsed above the answer, with its duration', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption('deepseek-reasoner');
  const fields = ['reasoning_content', 'reasoning'] as const;
  for (const [i, field] of fields.entries()) {
    h.gateway.queue(openaiText(`Answer ${i + 1}.`, { reasoning: `Reasoning via ${field}.`, reasoningField: field, delayMs: 20 }));
    await app.send(`Question ${i + 1}`);
    await answered(app, i + 1);
    const answer = app.lastAssistant();
    const thinking = answer.getByTestId('message-thinking');
    await expect(thinking).toHaveCount(1);
    await expect(thinking).toHaveAttribute('data-source', 'openai');
    await expect(thinking).not.toHaveAttribute('open', '');
    await expect(thinking.locator('summary')).toHaveText(/Thought for \d+(\.\d)? s/);
    await expect(thinking.getByText(`Reasoning via ${field}.`)).toBeHidden();
    await thinking.locator('summary').click();
    await expect(thinking.getByText(`Reasoning via ${field}.`)).toBeVisible();
    // Above the answer.
    const order = await answer.locator('[data-testid="message-thinking"], [data-testid="message-text"]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')),
    );
    expect(order).toEqual(['message-thinking', 'message-text']);
  }
});

test('math, task lists and code blocks with a language label, copy and wrap', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  const md = [
    'Euler: $e^{i\\pi}+1=0$ and \\(a^2+b^2=c^2\\).',
    '',
    '$$',
    '\\int_0^1 x^2\\,dx = \\frac{1}{3}',
    '$$',
    '',
    '\\[',
    '\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}',
    '\\]',
    '',
    '- [x] proved',
    '- [ ] published',
    '',
    '```python',
    `print("${'a very long line '.repeat(12)}")`,
    '```',
    '',
    'Inert: <b>not bold</b>',
  ].join('\n');
  h.gateway.queue(openaiText(md, { chunkSize: 40 }));
  await app.send('Show me');
  await answered(app, 1);
  const text = app.lastAssistant().getByTestId('message-text');
  await expect(text.locator('.katex-display')).toHaveCount(2);
  await expect(text.locator('.katex')).toHaveCount(4);
  await expect(text.locator('input[type="checkbox"]')).toHaveCount(2);
  await expect(text.locator('input[type="checkbox"]').first()).toBeChecked();
  await expect(text.locator('b')).toHaveCount(0);
  await expect(text.getByTestId('code-language')).toHaveText('python');
  const pre = text.locator('.code-block pre');
  const wrap = text.getByTestId('code-wrap');
  const scrolls = () => pre.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(await scrolls()).toBe(true);
  await wrap.click();
  await expect(wrap).toHaveAttribute('aria-pressed', 'true');
  expect(await scrolls()).toBe(false);
  await expect(text.getByTestId('code-copy')).toBeVisible();
});

test('token usage and cost per answer and per thread follow the price table; the balance moved this session', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption('gpt-4o-mini');

  h.gateway.queue(openaiText('First.', { usage: { prompt: 1000, completion: 200 } }));
  await app.send('One');
  await answered(app, 1);
  const first = app.lastAssistant();
  await expect(first.getByTestId('message-usage')).toContainText('1,000 in');
  await expect(first.getByTestId('message-usage')).toContainText('200 out');
  // No price yet: tokens only.
  await expect(first.getByTestId('message-cost')).toHaveCount(0);
  await expect(app.byId('thread-usage')).toContainText('1,000 in');
  await expect(app.byId('thread-cost')).toHaveCount(0);

  // A preset price: gpt-4o-mini $0.15 in, $0.60 out per million.
  await app.byId('settings-open').click();
  await expect(app.byId('settings-balance')).toHaveText('17.66');
  await app.byId('price-preset').selectOption('gpt-4o-mini');
  await expect(app.byId('price-row')).toHaveAttribute('data-model', 'gpt-4o-mini');
  await app.closeSettings();
  // 1000 × 0.15 + 200 × 0.6 = 270 per million
  await expect(first.getByTestId('message-cost')).toHaveText('$0.00027');

  h.gateway.queue(openaiText('Second.', { usage: { prompt: 3000, completion: 400 } }));
  await app.send('Two');
  await answered(app, 2);
  await expect(app.lastAssistant().getByTestId('message-cost')).toHaveText('$0.00069');
  await expect(app.byId('thread-usage')).toContainText('4,000 in');
  await expect(app.byId('thread-usage')).toContainText('600 out');
  await expect(app.byId('thread-cost')).toHaveText('$0.00096');

  // Editing the price re-prices the thread: 4000 × 1 + 600 × 0.6 = 4360 per million.
  await app.byId('settings-open').click();
  await app.byId('price-input').fill('1');
  await app.byId('price-input').blur();
  // The gateway now reports $1.25 more used: the balance moved by −1.25 since this run first read it.
  h.gateway.queue({ match: { path: '/v1/dashboard/billing/usage' }, json: { object: 'list', total_usage: 734 + 125 } });
  await app.byId('settings-balance-refresh').click();
  await expect(app.byId('settings-balance')).toHaveText('16.41');
  await expect(app.byId('settings-balance-session')).toHaveText('-1.25 this session');
  await app.closeSettings();
  await expect(app.byId('thread-cost')).toHaveText('$0.00436');

  // The totals are the thread's, read back from storage after a reload.
  await page.reload();
  await app.byId('thread-item').first().click();
  await expect(app.byId('thread-cost')).toHaveText('$0.00436');

  // Cached and reasoning tokens: shown, and cached ones priced at the cache rate (they are inside the
  // input count): 2,000 fresh × 1 + 8,000 cached × 0.075 + 2,000 out × 0.6 = 3,800 per million.
  h.gateway.queue(withCacheAndReasoning('Third.', { prompt: 10_000, completion: 2_000, cached: 8_000, reasoning: 1_500 }));
  await app.send('Three');
  await answered(app, 3);
  const usage = app.lastAssistant().getByTestId('message-usage');
  await expect(usage).toContainText('10K in');
  await expect(usage).toContainText('8,000 cached');
  await expect(usage).toContainText('1,500 reasoning');
  await expect(app.lastAssistant().getByTestId('message-cost')).toHaveText('$0.0038');
  await expect(app.byId('thread-usage')).toContainText('14K in');
  await expect(app.byId('thread-cost')).toHaveText('$0.00816');
});

test('defaults from Settings apply to every thread that sets nothing of its own', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.byId('settings-open').click();
  await app.byId('settings-default-temperature').fill('0.4');
  await app.byId('settings-default-top-p').fill('0.95');
  await app.byId('settings-default-reasoning-effort').selectOption('low');
  await app.byId('settings-default-thinking-budget').fill('3000');
  await app.byId('settings-default-system-prompt').fill('Be terse.');
  await app.byId('settings-default-system-prompt').blur();
  await app.closeSettings();

  await app.newThread();
  await app.byId('model-select').selectOption('o3-mini');
  await expect(app.byId('thread-params')).toContainText('temp 0.4');
  await expect(app.byId('system-prompt-toggle')).toContainText('set');
  h.gateway.queue(openaiText('Terse.'));
  await app.send('Hi');
  await answered(app, 1);
  const body = lastBody('/v1/chat/completions');
  expect(body).toMatchObject({ temperature: 0.4, top_p: 0.95, reasoning_effort: 'low', max_tokens: 4096 });
  expect((body.messages as unknown[])[0]).toEqual({ role: 'system', content: 'Be terse.' });

  await app.byId('model-select').selectOption('claude-sonnet-4-20250514');
  // The box follows the stored thread (main answers the update), so click and wait for it.
  await app.byId('thinking-toggle').click();
  await expect(app.byId('thinking-toggle')).toBeChecked();
  await expect(app.byId('thinking-budget')).toHaveValue('3000');
  h.gateway.queue(anthropicText('Terse too.'));
  await app.send('Again');
  await answered(app, 2);
  expect(lastBody('/v1/messages')).toMatchObject({ temperature: 0.4, top_p: 0.95, thinking: { budget_tokens: 3000 } });
});
