// The window's polite live region tells a screen-reader user what happened to an answer, in the UI
// language: started, finished (with its length), stopped, failed (with the error class), and a
// tool call waiting for them — once per event, never per streamed delta.
import { expect, test, type Page } from '@playwright/test';
import { anthropicText, anthropicToolUse, errors, openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { setLanguage } from './pages/a11y';
import { AppPage } from './pages/app-page';
import { PlaygroundPage } from './pages/playground-page';

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: 'sk-e2e-a11y-announce-0002' });
});
test.afterEach(async () => {
  await h.close();
});

/** Starts counting the live region's DOM mutations and collecting what it said. */
async function listen(page: Page): Promise<void> {
  await page.getByTestId('live-region').evaluate((region) => {
    const w = window as unknown as { __said: string[]; __mutations: number };
    w.__said = [];
    w.__mutations = 0;
    new MutationObserver((records) => {
      w.__mutations += records.length;
      const text = (region.textContent ?? '').replace(/\u200b/g, '');
      if (text && w.__said.at(-1) !== text) w.__said.push(text);
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });
}

const heard = (page: Page) => page.evaluate(() => (window as unknown as { __said: string[] }).__said);
const mutations = (page: Page) => page.evaluate(() => (window as unknown as { __mutations: number }).__mutations);

test('one polite live region says started and finished with the length, and nothing per delta', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  const region = page.getByTestId('live-region');
  await expect(region).toHaveCount(1);
  await expect(region).toHaveAttribute('role', 'status');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await app.newThread();
  await listen(page);

  // 300 words, streamed over a few seconds: many deltas reach the page.
  const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
  h.gateway.queue(openaiText(words, { delayMs: 10 }));
  let textChanges = 0;
  await app.send('Stream a long one');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  await app.lastAssistant().evaluate((el) => {
    new MutationObserver(() => ((window as unknown as { __deltas: number }).__deltas = ((window as unknown as { __deltas?: number }).__deltas ?? 0) + 1)).observe(el, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  // the whole answer is on screen (the finished text may land a frame after the status)
  await expect(app.lastAssistant().getByTestId('message-text')).toHaveText(words);
  textChanges = await page.evaluate(() => (window as unknown as { __deltas?: number }).__deltas ?? 0);

  await expect.poll(() => heard(page)).toEqual(['Answer started', `Answer finished, ${words.length.toLocaleString('en')} characters`]);
  // The answer's own DOM changed many times while it streamed; the region only twice (or so).
  expect(textChanges).toBeGreaterThan(10);
  expect(await mutations(page)).toBeLessThanOrEqual(4);
});

test('stopped, failed with the error class, a manual tool waiting, in English and Chinese', async ({ page }) => {
  const app = new AppPage(page);
  const pg = new PlaygroundPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  const region = page.getByTestId('live-region');

  h.gateway.queue(openaiLong({ tokens: 3000, tokensPerSecond: 40 }));
  await app.send('Write something long');
  await expect(region).toHaveText('Answer started');
  await expect(app.lastAssistant().getByTestId('message-text')).not.toBeEmpty();
  await app.byId('composer-stop').click();
  await expect(region).toHaveText('Answer stopped');

  h.gateway.queue({ ...errors.server(500), times: 3 });
  await app.send('Will this fail?');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'error');
  await expect(region).toHaveText('Answer failed: The gateway had a server error');

  // The same in Chinese, picked in Settings.
  await setLanguage(page, 'zh-CN');
  h.gateway.queue({ ...errors.server(500), times: 3 });
  await app.send('这次会失败吗？');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'error');
  await expect(region).toHaveText(/^回答失败：\S+/);
  h.gateway.queue(openaiText('你好，世界'));
  await app.send('打个招呼');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(region).toHaveText('回答完成，共 5 个字符');

  // A manual tool call waits for the user: said once, with the tool's name.
  await app.newThread();
  await app.byId('model-select').selectOption('claude-sonnet-4-20250514');
  await pg.open();
  await pg.addPreset('get_weather');
  await pg.setRunMode('get_weather', 'manual');
  await pg.savedAndValid();
  h.gateway.queue(anthropicToolUse([{ id: 'toolu_announce_1', name: 'get_weather', input: { location: 'Oslo' } }]), anthropicText('好的。'));
  await app.send('奥斯陆天气？');
  await expect(pg.call('get_weather')).toHaveAttribute('data-awaiting', 'result');
  await expect(region).toHaveText('工具 get_weather 等待你的结果');
});
