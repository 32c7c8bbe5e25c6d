// Zero axe-core violations (WCAG 2.1 A/AA) on every screen, in light and dark, in English and
// Chinese: the empty state, a chat with a finished and a streaming answer, an error with Retry,
// branches, the thread's parameters, search results, a message opened from one, the find bar, settings, the lightbox, the playground with tools, a manual tool call waiting for its result,
// the trace view's tabs, the "Describe each" batch table, MCP servers and an MCP call in the trace. One app per language; the scheme is switched in the page, the
// language in Settings, as a user would. Every violation of every screen is listed before failing.
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { anthropicText, anthropicToolUse, errors, openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { axe, coveredControls, setLanguage, setScheme, type Lang } from './pages/a11y';
import { AppPage } from './pages/app-page';
import { batchInEveryStatus } from './pages/batch';
import { McpPage, stdioServer } from './pages/mcp-page';
import { PlaygroundPage } from './pages/playground-page';
import { SuitesPage } from './pages/suites-page';
import { toolRoundTrip } from '../fixtures/gateway/scenarios-suite';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A one-case suite for the Tests tab's axe run: Claude calls the tool (pass), GPT does not (fail). */
const AXE_SUITE = {
  version: 1,
  name: 'axe',
  models: ['claude-sonnet-4-20250514', 'gpt-4o-mini'],
  tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } }, run: { mode: 'mock', result: '{}' } }],
  cases: [{ name: 'Oslo', messages: ['Weather in Oslo?'], expect: [{ toolCalled: { name: 'get_weather', input: { location: 'Oslo' } } }, { noToolErrors: true }] }],
};

const CLAUDE = 'claude-sonnet-4-20250514';
const SCHEMES = ['light', 'dark'] as const;

async function bothSchemes(page: Page, screen: string, found: string[], include?: string): Promise<void> {
  for (const scheme of SCHEMES) {
    await setScheme(page, scheme);
    found.push(...(await axe(page, `${screen} · ${scheme}`, include)));
  }
}

function report(lang: Lang, found: string[]): void {
  expect(found.length, `axe found ${found.length} violation(s) in ${lang}:\n\n${found.join('\n\n')}\n`).toBe(0);
}

for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(`axe, ${lang}`, () => {
    let h: Harness;
    test.beforeAll(async () => {
      h = await startHarness({ apiKey: 'sk-e2e-a11y-axe-0001' });
    });
    test.afterAll(async () => {
      await h.close();
    });

    test(`chat screens pass axe in light and dark (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      const app = new AppPage(page);
      const found: string[] = [];
      await page.goto(h.app.url);
      await setLanguage(page, lang);

      await expect(app.byId('empty-state')).toBeVisible();
      await bothSchemes(page, 'welcome', found);
      await app.newThread();
      await expect(app.byId('empty-state')).toBeVisible();
      await bothSchemes(page, 'empty thread', found);

      // A finished answer, then a long one still streaming.
      h.gateway.queue(openaiText('A finished answer with **bold** text and `code`.'));
      await app.send('First question');
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
      // Regenerated: the answer now has a sibling, shown as ‹ 2/2 ›.
      h.gateway.queue(openaiText('Another version of the finished answer.'));
      await app.lastAssistant().getByTestId('message-regenerate').click();
      await expect(app.lastAssistant().getByTestId('branch-indicator')).toHaveText('2/2');
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
      await bothSchemes(page, 'an answer with branches', found);
      // The thread's parameters panel.
      await app.byId('thread-params').click();
      await expect(app.byId('params-panel')).toBeVisible();
      await bothSchemes(page, 'thread parameters', found);
      await app.byId('thread-params').click();
      await expect(app.byId('params-panel')).toBeHidden();
      h.gateway.queue(openaiLong({ tokens: 3000, tokensPerSecond: 40 }));
      await app.send('Write something long');
      await expect(app.lastAssistant().getByTestId('message-text')).not.toBeEmpty();
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'streaming');
      await bothSchemes(page, 'chat, streaming', found);
      await app.byId('composer-stop').click();
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'stopped');

      // An error that outlasts the retries, shown with Retry.
      h.gateway.queue({ ...errors.server(500), times: 3 });
      await app.send('Will this fail?');
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'error');
      await expect(app.lastAssistant().getByTestId('message-retry')).toBeVisible();
      await bothSchemes(page, 'error with Retry', found);

      // Search results in the sidebar, a message opened from one, and the find bar.
      await app.byId('thread-search').fill('finished answer');
      await expect(app.byId('search-result').first()).toBeVisible();
      await bothSchemes(page, 'search results', found);
      await app.byId('search-result').first().click();
      await expect(page.locator('[data-testid="message"][data-highlighted="true"]')).toBeVisible();
      await bothSchemes(page, 'opened at a search result', found);
      await app.byId('thread-search').fill('');
      await page.keyboard.press('Control+f');
      await expect(app.byId('thread-find')).toBeFocused();
      await app.byId('thread-find').fill('answer');
      await expect(app.byId('thread-find-count')).toContainText('/');
      await bothSchemes(page, 'find in thread', found);
      await page.keyboard.press('Escape');

      await app.byId('settings-open').click();
      await expect(app.byId('settings-dialog')).toBeVisible();
      await bothSchemes(page, 'settings', found);
      await page.keyboard.press('Escape');

      // An image in the composer, opened in the lightbox.
      const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 30, g: 90, b: 200 } } }).png().toBuffer();
      await app.byId('composer-file-input').setInputFiles([{ name: 'blue.png', mimeType: 'image/png', buffer: png }]);
      const chip = page.getByTestId('composer-attachments').getByTestId('attachment-chip');
      await expect(chip).toHaveAttribute('data-state', 'ready');
      await bothSchemes(page, 'composer with an attachment', found);
      await chip.getByTestId('attachment-open').click();
      await expect(app.byId('lightbox')).toHaveAttribute('data-loaded', 'true');
      await bothSchemes(page, 'lightbox', found);
      await page.keyboard.press('Escape');
      await expect(app.byId('lightbox')).toBeHidden();

      report(lang, found);
    });

    test(`playground, manual tool and trace pass axe in light and dark (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      const app = new AppPage(page);
      const pg = new PlaygroundPage(page);
      const found: string[] = [];
      await page.goto(h.app.url);
      await setLanguage(page, lang);
      await app.newThread();
      await app.byId('model-select').selectOption(CLAUDE);
      await pg.open();
      await pg.addPreset('get_weather');
      await pg.addPreset('calculator');
      await pg.setRunMode('get_weather', 'manual');
      await pg.savedAndValid();
      await bothSchemes(page, 'playground with tools', found);

      h.gateway.queue(
        anthropicToolUse([{ id: 'toolu_axe_1', name: 'get_weather', input: { location: 'Oslo' } }], { pieces: 4 }),
        anthropicText('Snowing in Oslo, then.'),
      );
      await app.send('Weather in Oslo?');
      const card = pg.call('get_weather');
      await expect(card).toHaveAttribute('data-awaiting', 'result');
      await bothSchemes(page, 'manual tool waiting', found);
      await card.getByTestId('tool-result-input').fill('{"temperature": -3}');
      await card.getByTestId('tool-result-submit').click();
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
      await bothSchemes(page, 'chat with a tool call', found);

      const view = await pg.openTrace(app.lastAssistant());
      await expect(view.getByTestId('trace-step')).toHaveCount(2);
      await expect(view.getByTestId('trace-event').first()).toBeVisible();
      await bothSchemes(page, 'trace: waterfall and events', found);
      for (const tab of ['raw', 'request', 'response'] as const) {
        await view.getByTestId(`trace-tab-${tab}`).click();
        await expect(view.getByTestId(`trace-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
        await bothSchemes(page, `trace: ${tab}`, found);
      }
      await view.getByTestId('trace-close').click();

      report(lang, found);
    });

    test(`prompt caching (cache setting, cache tokens, hit rate) passes axe in light and dark (${lang})`, async ({ page }) => {
      const app = new AppPage(page);
      const found: string[] = [];
      await page.goto(h.app.url);
      await setLanguage(page, lang);
      await app.newThread();
      await app.byId('model-select').selectOption(CLAUDE);
      await app.byId('thread-params').click();
      await app.byId('cache-mode').selectOption('5m');
      h.gateway.queue(anthropicText('Written.', { usage: { input: 12, output: 4, cacheWrite: 1_500 } }));
      await app.send('Cache this');
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
      h.gateway.queue(anthropicText('Read.', { usage: { input: 12, output: 4, cacheRead: 1_500 } }));
      await app.send('Again');
      await expect(app.messages('assistant')).toHaveCount(2);
      await expect(app.lastAssistant().getByTestId('usage-cache')).toBeVisible();
      await expect(app.byId('thread-cache')).toBeVisible();
      await bothSchemes(page, 'prompt caching', found);
      report(lang, found);
    });

    test(`compare row and compare view pass axe in light and dark (${lang})`, async ({ page }) => {
      test.setTimeout(120_000);
      const app = new AppPage(page);
      const found: string[] = [];
      await page.goto(h.app.url);
      await setLanguage(page, lang);
      await app.newThread();
      await app.byId('compare-open').click();
      await expect(app.byId('compare-model')).toHaveCount(2);
      await app.byId('compare-add').click();
      await expect(app.byId('compare-model')).toHaveCount(3);
      await bothSchemes(page, 'compare row', found);

      // One column done, one still streaming (slowly, for as long as axe takes), one failed.
      await app.byId('compare-model').nth(1).selectOption('gpt-4o');
      await app.byId('compare-model').nth(2).selectOption(CLAUDE);
      h.gateway.queue(
        { ...openaiText('A finished answer to compare.'), match: { model: 'gpt-4o-mini' } },
        { ...openaiLong({ tokens: 3000, tokensPerSecond: 20, model: 'gpt-4o' }), match: { model: 'gpt-4o' } },
        { ...errors.quota('anthropic'), match: { model: CLAUDE } },
      );
      await app.byId('composer-input').fill('Compare these answers');
      await app.byId('compare-send').click();
      const columns = app.byId('compare-column');
      await expect(columns.nth(0)).toHaveAttribute('data-status', 'done');
      await expect(columns.nth(1)).toHaveAttribute('data-status', 'streaming');
      await expect(columns.nth(2)).toHaveAttribute('data-status', 'error');
      await bothSchemes(page, 'compare view', found);
      await app.byId('compare-stop').click();
      await expect(columns.nth(1)).toHaveAttribute('data-status', 'stopped');
      await columns.nth(0).getByTestId('compare-keep').click();
      await expect(app.lastAssistant().getByTestId('branch-indicator')).toHaveText('1/3');

      report(lang, found);
    });

    test(`describe each: the batch table with a row in every status passes axe in light and dark (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      const app = new AppPage(page);
      const found: string[] = [];
      await page.goto(h.app.url);
      await setLanguage(page, lang);
      await app.newThread();
      await batchInEveryStatus(page, h.gateway, lang);
      await bothSchemes(page, 'batch table', found);
      // Leave nothing streaming for the next test's gateway.
      await app.byId('batch-stop').click();
      await expect(page.locator('[data-testid="batch-row"][data-status="streaming"]')).toHaveCount(0);
      report(lang, found);
    });

    test(`the Tests tab with a run passes axe in light and dark (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      const app = new AppPage(page);
      const suites = new SuitesPage(page);
      const found: string[] = [];
      await page.goto(h.app.url);
      await setLanguage(page, lang);
      await app.newThread();
      await suites.open();
      await bothSchemes(page, 'tests tab, empty', found, '[data-testid="playground-panel"]');
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'yibu-axe-suite-')), 'axe.suite.json');
      writeFileSync(file, JSON.stringify(AXE_SUITE));
      const chooser = page.waitForEvent('filechooser');
      await suites.panel.getByTestId('suite-import').click();
      await (await chooser).setFiles(file);
      await expect(suites.cases()).toHaveCount(1);
      h.gateway.queue(...toolRoundTrip({ protocol: 'anthropic', model: CLAUDE, call: { name: 'get_weather', input: { location: 'Oslo' } }, answer: 'Snow.' }));
      h.gateway.queue(...toolRoundTrip({ protocol: 'openai', model: 'gpt-4o-mini', answer: 'No idea.' }));
      await suites.run();
      await suites.settled(2);
      await expect(suites.cell('Oslo', CLAUDE)).toHaveAttribute('data-status', 'pass');
      await expect(suites.cell('Oslo', 'gpt-4o-mini')).toHaveAttribute('data-status', 'fail');
      await expect(await suites.assertions('Oslo')).toHaveCount(2);
      await bothSchemes(page, 'tests tab: matrix and assertions', found, '[data-testid="playground-panel"]');
      report(lang, found);
    });

    test(`MCP servers and an MCP lane in the trace pass axe in light and dark (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      const app = new AppPage(page);
      const pg = new PlaygroundPage(page);
      const mcp = new McpPage(page);
      const found: string[] = [];
      await page.goto(h.app.url);
      await setLanguage(page, lang);
      await app.newThread();
      await app.byId('model-select').selectOption(CLAUDE);
      await pg.open();
      await mcp.paste({ [`axe-${lang}`]: stdioServer(), [`gone-${lang}`]: { command: '/nonexistent/mcp-server' } });
      await expect(mcp.server(`axe-${lang}`)).toHaveAttribute('data-status', 'connected');
      await expect(mcp.server(`gone-${lang}`)).toHaveAttribute('data-status', 'error');
      await mcp.toggle(`axe-${lang}`, 'weather').check();
      await mcp.server(`axe-${lang}`).locator('.mcp-tool').first().locator('summary').click();
      await page.getByTestId('mcp-add').click();
      await expect(page.getByTestId('mcp-form')).toBeVisible();
      await bothSchemes(page, 'MCP servers: connected, error, schema, form', found);
      await page.getByTestId('mcp-add').click();

      h.gateway.queue(anthropicToolUse([{ id: `toolu_axe_mcp_${lang}`, name: 'weather', input: { city: 'Oslo' } }]), anthropicText('Sunny.'));
      await app.send('Weather in Oslo?');
      await expect(pg.call('weather')).toHaveAttribute('data-status', 'done');
      await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
      await expect(app.lastAssistant()).toContainText('Sunny.');
      const view = await pg.openTrace(app.lastAssistant());
      await view.locator('[data-testid="trace-lane"][data-kind="mcp"] .wf-label').click();
      await expect(view.getByTestId('trace-mcp-call')).toBeVisible();
      await bothSchemes(page, 'trace: MCP call', found);
      await view.getByTestId('trace-close').click();
      report(lang, found);
    });
  });
}

test.describe('reduced motion', () => {
  let h: Harness;
  test.beforeAll(async () => {
    h = await startHarness({ apiKey: 'sk-e2e-a11y-motion-0003' });
  });
  test.afterAll(async () => {
    await h.close();
  });

  /** The computed animation of an element (or its ::after), e.g. "typing 1.2s" or "none 0s". */
  const animation = (page: Page, selector: string, pseudo?: '::after') =>
    page.locator(selector).first().evaluate((el, p) => {
      const cs = getComputedStyle(el, p ?? null);
      return `${cs.animationName} ${cs.animationDuration}`;
    }, pseudo);

  async function expectStillWhenReduced(page: Page, selector: string, moving: RegExp, pseudo?: '::after'): Promise<void> {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await animation(page, selector, pseudo)).toMatch(moving);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation(page, selector, pseudo)).toBe('none 0s');
  }

  test('prefers-reduced-motion stops the typing dots, the caret and the tool-call pulse', async ({ page }) => {
    const app = new AppPage(page);
    const pg = new PlaygroundPage(page);
    await page.goto(h.app.url);
    await app.newThread();

    // An answer that has started but sent no text yet: the typing dots.
    const head = openaiText('unused').chunks![0]!;
    h.gateway.queue({ chunks: [head, { stall: true }] });
    await app.send('Wait for it');
    await expect(app.lastAssistant().locator('.typing i').first()).toBeVisible();
    await expectStillWhenReduced(page, '.typing i', /^typing \d/);
    await app.byId('composer-stop').click();
    await expect(app.lastAssistant()).toHaveAttribute('data-status', 'stopped');

    // Text arriving: the blinking caret after it.
    const words = openaiText('Hello there').chunks!;
    h.gateway.queue({ chunks: [words[0]!, words[1]!, { stall: true }] });
    await app.send('Say hello');
    await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Hello');
    await expectStillWhenReduced(page, '.message[data-status="streaming"] .markdown > :last-child', /^blink \d/, '::after');
    await app.byId('composer-stop').click();
    await expect(app.lastAssistant()).toHaveAttribute('data-status', 'stopped');

    // A tool call whose input is still streaming: the pulse on its status.
    await app.byId('model-select').selectOption(CLAUDE);
    await pg.open();
    await pg.addPreset('get_weather');
    await pg.savedAndValid();
    const tool = anthropicToolUse([{ id: 'toolu_motion_1', name: 'get_weather', input: { location: 'Reykjavik, Iceland' } }], { pieces: 12 });
    h.gateway.queue({ chunks: [...tool.chunks!.slice(0, 6), { stall: true }] });
    await app.send('Weather in Reykjavik?');
    await expect(pg.call('get_weather')).toHaveAttribute('data-status', 'streaming');
    await expectStillWhenReduced(page, '.tc-pulse', /^pulse \d/);
    await app.byId('composer-stop').click();
  });
});

test.describe('a narrow window and a larger font', () => {
  let h: Harness;
  test.beforeAll(async () => {
    h = await startHarness({ apiKey: 'sk-e2e-a11y-narrow-0004' });
  });
  test.afterAll(async () => {
    await h.close();
  });
  test.use({ viewport: { width: 640, height: 800 } });

  test('at 640 px wide (200 % zoom) every control stays whole on screen; text follows the root font size', async ({ page }) => {
    const app = new AppPage(page);
    const pg = new PlaygroundPage(page);
    await page.goto(h.app.url);
    await app.newThread();
    h.gateway.queue(openaiText('A short answer.'));
    await app.send('Hello');
    await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');

    const whole = async (ids: string[]) => {
      for (const id of ids) await expect(app.byId(id).first(), id).toBeInViewport({ ratio: 1 });
    };
    await whole(['thread-new', 'thread-search', 'settings-open', 'model-select', 'playground-open', 'composer-attach', 'composer-input', 'composer-send', 'status-key', 'trace-open']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await coveredControls(page)).toEqual([]);

    // The playground takes the chat's place, whole; closing it brings the chat back.
    await pg.open();
    await whole(['playground-close', 'playground-enabled', 'tool-add']);
    expect(await coveredControls(page)).toEqual([]);
    // coveredControls scrolled each control to the centre; the presets come back whole when scrolled to.
    await pg.panel.getByTestId('tool-preset').first().scrollIntoViewIfNeeded();
    await expect(pg.panel.getByTestId('tool-preset').first()).toBeInViewport({ ratio: 1 });
    await page.getByTestId('playground-close').click();
    await whole(['composer-input', 'composer-send']);

    await app.byId('settings-open').click();
    await whole(['settings-base-url', 'settings-api-key', 'settings-close']);
    expect(await coveredControls(page, '[data-testid="settings-dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');

    // Text sizes are rem: a larger default font (the OS / browser setting) makes the text larger.
    const size = () => page.getByTestId('composer-input').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.evaluate(() => (document.documentElement.style.fontSize = '20px'));
    expect(await size()).toBeCloseTo((before * 20) / 16, 1);
  });
});
