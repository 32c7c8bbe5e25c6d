// Test suites in the app, as a developer uses them: ask with a tool, save two cases from the thread (the
// second after editing the question), edit an assertion, run both × 2 models, watch the matrix fill, open a
// cell's trace, run again and see what changed; then export the suite and import it into another thread.
// The gateway answers as its demo: for any model it calls the first offered tool, then quotes the result.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { PlaygroundPage } from './pages/playground-page';
import { SuitesPage } from './pages/suites-page';

const KEY = 'sk-e2e-suites-canary-7342';
const CLAUDE = 'claude-sonnet-4-20250514';
const GPT = 'gpt-4o-mini';
const PARIS = 'What is the weather in Paris?';
const TOKYO = 'What is the weather in Tokyo?';

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: KEY, gatewayDemo: true });
});
test.afterEach(async () => {
  await h.close();
});

test('two cases × two models: the matrix fills, a cell opens its trace, the next run says what changed, the file round-trips', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  const pg = new PlaygroundPage(page);
  const suites = new SuitesPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption(CLAUDE);
  await pg.open();
  await pg.addPreset('get_weather');
  await pg.savedAndValid();

  await app.send(PARIS);
  await expect(pg.call('get_weather')).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');

  await suites.open();
  await suites.saveCase(PARIS);
  const rows = await suites.assertions(PARIS);
  // Suggested from what the thread did: the tool it called (with its input), and no tool errors.
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-kind', 'toolCalled');
  await expect(rows.nth(1)).toHaveAttribute('data-kind', 'noToolErrors');

  // The second case: the same thread with its question edited (a new branch), saved again.
  await page.getByRole('tab', { name: /Tools/ }).click();
  const first = app.messages('user').first();
  await first.hover();
  await first.getByTestId('message-edit').click();
  await app.byId('message-edit-input').fill(TOKYO);
  await app.byId('message-edit-save').click();
  await expect(app.messages('user').first().getByTestId('branch-indicator')).toHaveText('2/2');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await suites.open();
  await suites.saveCase(TOKYO);
  await expect(suites.cases()).toHaveCount(2);

  // An assertion this demo cannot meet: its answer does not start like that.
  const tokyo = await suites.assertions(TOKYO);
  await suites.case(TOKYO).getByRole('button', { name: /Add assertion/ }).click();
  await expect(tokyo).toHaveCount(3);
  await tokyo.nth(2).getByRole('combobox', { name: 'Kind' }).selectOption('textMatches');
  await tokyo.nth(2).getByRole('textbox', { name: 'Regular expression' }).fill('^It is sunny');
  await expect(tokyo.nth(2)).toHaveAttribute('data-kind', 'textMatches');

  await suites.addModel(GPT);
  await suites.run();
  await suites.settled(4);
  for (const model of [CLAUDE, GPT]) {
    await expect(suites.cell(PARIS, model)).toHaveAttribute('data-status', 'pass');
    const failing = suites.cell(TOKYO, model);
    await expect(failing).toHaveAttribute('data-status', 'fail');
    // The failed assertion says what was expected and what happened.
    await expect(failing).toContainText('/^It is sunny/');
    await expect(failing).toContainText('Demo gateway');
  }
  await expect(suites.panel.locator('[data-changed]')).toHaveCount(0);

  // A cell opens its trace: both steps of the loop, the tool run between them.
  await suites.cell(PARIS, GPT).click();
  await expect(page.getByTestId('trace-view')).toBeVisible();
  await expect(page.getByTestId('trace-step')).toHaveCount(2);
  await page.getByTestId('trace-close').click();
  await expect(page.getByTestId('trace-view')).toBeHidden();

  // Remove the unmeetable assertion and run again: Tokyo is newly passing on both models.
  await tokyo.nth(2).getByRole('button', { name: /Remove assertion/ }).click();
  await expect(tokyo).toHaveCount(2);
  await suites.run();
  await suites.settled(4);
  for (const model of [CLAUDE, GPT]) {
    await expect(suites.cell(TOKYO, model)).toHaveAttribute('data-status', 'pass');
    await expect(suites.cell(TOKYO, model).locator('[data-changed="newly_passing"]')).toBeVisible();
    await expect(suites.cell(PARIS, model).locator('[data-changed]')).toHaveCount(0);
  }

  // Export, then import into a new thread: the same two cases.
  const download = page.waitForEvent('download');
  await suites.panel.getByTestId('suite-export').click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { version: number; cases: Array<{ name: string }>; models: string[] };
  expect(exported.version).toBe(1);
  expect(exported.cases.map((c) => c.name)).toEqual([PARIS, TOKYO]);
  expect(readFileSync(file, 'utf8')).not.toContain(KEY);

  await app.newThread();
  await suites.open();
  await expect(suites.cases()).toHaveCount(0);
  const chooser = page.waitForEvent('filechooser');
  await suites.panel.getByTestId('suite-import').click();
  await (await chooser).setFiles(file);
  await expect(suites.cases()).toHaveCount(2);
  await expect(suites.case(TOKYO)).toBeVisible();
});
