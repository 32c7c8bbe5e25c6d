// Compare models end to end, as a user does it: open the compare row in the composer, pick a GPT and a
// Claude model, send once; both answers stream side by side over their own protocols (the mock gateway
// records both requests); keep one, and the thread continues on it with the other as its branch. Also: a
// failing column fails alone, Stop stops every column, and in the playground each column runs its own tool
// loop with its own trace.
import { expect, test, type Locator } from '@playwright/test';
import { anthropicText, anthropicToolUse, errors, openaiText, openaiToolCalls } from '../fixtures/gateway/scenarios';
import type { RecordedRequest } from '../fixtures/gateway/types';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { PlaygroundPage } from './pages/playground-page';

const GPT = 'gpt-4o-mini';
const CLAUDE = 'claude-sonnet-4-20250514';

let h: Harness;
let app: AppPage;
test.beforeEach(async ({ page }) => {
  h = await startHarness({ apiKey: 'sk-e2e-compare-7781' });
  app = new AppPage(page);
  await page.goto(h.app.url);
});
test.afterEach(async () => {
  await h.close();
});

type Sent = { role: string; content: string | { type: string; text?: string }[] };
const modelRequests = () => h.gateway.requests.filter((r) => r.method === 'POST' && /\/v1\/(chat\/completions|messages)$/.test(r.path));
const bodyOf = (r: RecordedRequest) => r.json as { model: string; stream?: boolean; messages: Sent[] };
const lines = (r: RecordedRequest) =>
  bodyOf(r)
    .messages.filter((m) => m.role !== 'system')
    .map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : m.content.map((c) => c.text ?? '').join('')}`);

const column = (model: string): Locator => app.page.locator(`[data-testid="compare-column"][data-model="${model}"]`);

/** Opens the compare row of a new thread with the thread's GPT model and the given second model. */
async function openCompare(second: string): Promise<void> {
  await app.newThread();
  await app.byId('compare-open').click();
  const selects = app.byId('compare-model');
  await expect(selects).toHaveCount(2);
  await expect(selects.nth(0)).toHaveValue(GPT);
  await selects.nth(1).selectOption(second);
  await expect(selects.nth(1)).toHaveValue(second);
}

test('a GPT and a Claude model side by side; keeping one makes the other its branch', async () => {
  await openCompare(CLAUDE);
  // Paced, so both columns are seen streaming at the same time.
  h.gateway.queue(
    { ...openaiText('The harbour at dusk, with boats moored along the quay.', { model: GPT, delayMs: 120 }), match: { model: GPT } },
    { ...anthropicText('Boats rest in a calm harbour as the sun goes down.', { model: CLAUDE, delayMs: 120 }), match: { model: CLAUDE } },
  );
  await app.byId('composer-input').fill('What is in this photo?');
  // Every status each column shows, however fast the machine: "both streamed" without a timed assertion.
  await app.page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { seenStatuses: Set<string> }).seenStatuses = seen;
    const note = () =>
      document.querySelectorAll('[data-testid="compare-column"]').forEach((c) => {
        const text = c.querySelector('[data-testid="message-text"]')?.textContent ?? '';
        seen.add(`${c.getAttribute('data-model')} ${c.getAttribute('data-status')}${text ? ' with text' : ''}`);
      });
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await app.byId('compare-send').click();

  await expect(app.byId('compare-view')).toBeVisible();
  await expect(app.byId('compare-column')).toHaveCount(2);
  await expect(column(GPT).getByTestId('message-text')).toHaveText('The harbour at dusk, with boats moored along the quay.');
  await expect(column(CLAUDE).getByTestId('message-text')).toHaveText('Boats rest in a calm harbour as the sun goes down.');
  await expect(column(GPT)).toHaveAttribute('data-status', 'done');
  await expect(column(CLAUDE)).toHaveAttribute('data-status', 'done');
  const seen = await app.page.evaluate(() => [...(window as unknown as { seenStatuses: Set<string> }).seenStatuses]);
  expect(seen).toContain(`${GPT} streaming with text`);
  expect(seen).toContain(`${CLAUDE} streaming with text`);
  // Each column says how fast, how long and how many tokens.
  for (const model of [GPT, CLAUDE]) {
    await expect(column(model).getByTestId('compare-ttft')).toHaveText(/^\d+\.\d+ s$/);
    await expect(column(model).getByTestId('compare-total')).toHaveText(/^\d+\.\d+ s$/);
    await expect(column(model).getByTestId('compare-tokens')).toHaveText(/\d+ in · \d+ out/);
  }

  // One request each, on its protocol's endpoint, with the same question.
  const reqs = modelRequests();
  expect(reqs.map((r) => `${r.path} ${bodyOf(r).model}`).sort()).toEqual([`/v1/chat/completions ${GPT}`, `/v1/messages ${CLAUDE}`]);
  for (const r of reqs) expect(lines(r)).toEqual(['user: What is in this photo?']);

  // Keep Claude's: back to the thread, the answer is 2/2 with GPT's as its branch.
  await column(CLAUDE).getByTestId('compare-keep').click();
  await expect(app.byId('compare-view')).toHaveCount(0);
  await expect(app.messages()).toHaveCount(2);
  await expect(app.lastAssistant().getByTestId('message-text')).toHaveText('Boats rest in a calm harbour as the sun goes down.');
  await expect(app.lastAssistant().getByTestId('branch-indicator')).toHaveText('2/2');
  await app.lastAssistant().getByTestId('branch-prev').click();
  await expect(app.lastAssistant().getByTestId('message-text')).toHaveText('The harbour at dusk, with boats moored along the quay.');
  await app.lastAssistant().getByTestId('branch-next').click();
  await expect(app.lastAssistant().getByTestId('branch-indicator')).toHaveText('2/2');

  // The next message continues on the kept answer (with the compare row closed, an ordinary send).
  await app.byId('compare-row-close').click();
  h.gateway.queue(openaiText('Yes, it is evening.'));
  await app.send('Is it evening?');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  expect(lines(modelRequests().at(-1)!)).toEqual([
    'user: What is in this photo?',
    'assistant: Boats rest in a calm harbour as the sun goes down.',
    'user: Is it evening?',
  ]);
});

test('a failing column shows its classified error while the other finishes; Stop stops every column', async () => {
  await openCompare(CLAUDE);
  h.gateway.queue(
    { ...errors.quota('anthropic'), match: { model: CLAUDE } },
    { ...openaiText('Still answering.', { model: GPT }), match: { model: GPT } },
  );
  await app.byId('composer-input').fill('Hello both');
  await app.byId('compare-send').click();
  await expect(column(CLAUDE)).toHaveAttribute('data-status', 'error');
  await expect(column(CLAUDE).getByTestId('message-error')).toHaveAttribute('data-error-code', 'quota');
  await expect(column(GPT)).toHaveAttribute('data-status', 'done');
  await expect(column(GPT).getByTestId('message-text')).toHaveText('Still answering.');

  // Both stall: Stop (in the composer, as for any answer) stops both, their text so far kept.
  h.gateway.queue(
    { chunks: [...(openaiText('Half of a GPT answer', { model: GPT }).chunks ?? []).slice(0, 3), { stall: true }], match: { model: GPT } },
    { chunks: [...(anthropicText('Half of a Claude answer', { model: CLAUDE }).chunks ?? []).slice(0, 5), { stall: true }], match: { model: CLAUDE } },
  );
  // With the compare row open, Enter in the composer compares too.
  await app.byId('composer-input').fill('Take your time');
  await app.byId('composer-input').press('Enter');
  await expect(column(GPT)).toHaveAttribute('data-status', 'streaming');
  await expect(column(CLAUDE)).toHaveAttribute('data-status', 'streaming');
  await app.byId('composer-stop').click();
  await expect(column(GPT)).toHaveAttribute('data-status', 'stopped');
  await expect(column(CLAUDE)).toHaveAttribute('data-status', 'stopped');
  await expect(column(GPT).getByTestId('message-text')).not.toHaveText('');
});

test('in the playground each column runs its own tool loop and opens its own trace', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await openCompare(CLAUDE);
  await pg.open();
  await pg.addPreset('get_weather');
  await pg.savedAndValid();
  await pg.panel.getByTestId('playground-close').click();

  h.gateway.queue(
    { ...openaiToolCalls([{ id: 'call_paris', name: 'get_weather', args: '{"location":"Paris"}' }], { model: GPT }), match: { model: GPT } },
    { ...anthropicToolUse([{ id: 'toolu_tokyo', name: 'get_weather', input: { location: 'Tokyo' } }], { model: CLAUDE }), match: { model: CLAUDE } },
    { ...openaiText('Paris is mild today.', { model: GPT }), match: { model: GPT } },
    { ...anthropicText('Tokyo is warm today.', { model: CLAUDE }), match: { model: CLAUDE } },
  );
  await app.byId('composer-input').fill('Weather?');
  await app.byId('compare-send').click();

  for (const [model, city, answer] of [
    [GPT, 'Paris', 'Paris is mild today.'],
    [CLAUDE, 'Tokyo', 'Tokyo is warm today.'],
  ] as const) {
    const c = column(model);
    await expect(c).toHaveAttribute('data-status', 'done');
    const call = c.locator('[data-testid="tool-call"][data-tool-name="get_weather"]');
    await expect(call).toHaveAttribute('data-status', 'done');
    await expect(call).toContainText(city);
    await expect(c.getByTestId('message-text')).toHaveText(answer);

    // Its own trace: two steps, on its own model.
    const view = await pg.openTrace(c);
    await expect(view.getByTestId('trace-step')).toHaveCount(2);
    await expect(view).toContainText(model);
    await view.getByTestId('trace-close').click();
    await expect(view).toHaveCount(0);
  }
});
