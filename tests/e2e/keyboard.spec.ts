// Keyboard only, as someone who never touches a mouse: no click() anywhere, only Tab, arrows,
// Enter, Escape and typing. Configure the key, send, stop a long answer, move between messages,
// answer a manual tool, open the trace, pick a waterfall row, an event and a tab, and close it
// with focus back where it was.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { anthropicText, anthropicToolUse, openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { isFocused, tabTo } from './pages/a11y';
import { AppPage } from './pages/app-page';

const KEY = 'sk-e2e-keyboard-only-7781';
const CLAUDE = 'claude-sonnet-4-20250514';

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ configureBaseUrl: false });
});
test.afterEach(async () => {
  await h.close();
});

test('configure, send, stop, answer a manual tool and inspect the trace with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  const kb = page.keyboard;
  await page.goto(h.app.url);

  // Settings: the dialog opens on the base URL field; Enter saves; Escape closes and focus returns.
  const settingsOpen = app.byId('settings-open');
  await tabTo(page, settingsOpen);
  await kb.press('Enter');
  await expect(app.byId('settings-base-url')).toBeFocused();
  await kb.press('ControlOrMeta+a');
  await kb.type(`${h.gateway.url}/v1/`);
  await tabTo(page, app.byId('settings-api-key'));
  await kb.type(KEY);
  await kb.press('Enter');
  await expect(app.byId('settings-key-status')).toContainText(`…${KEY.slice(-4)}`);
  // Tab stays inside the dialog: from its last control it wraps to the first.
  await tabTo(page, app.byId('settings-save'));
  await kb.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="settings-dialog"]')))).toBe(true);
  await kb.press('Escape');
  await expect(app.byId('settings-dialog')).toBeHidden();
  await expect(settingsOpen).toBeFocused();

  // A new thread puts the focus in the composer; Enter sends.
  await tabTo(page, app.byId('thread-new'));
  await kb.press('Enter');
  await expect(app.byId('composer-input')).toBeFocused();
  h.gateway.queue(openaiText('The first answer, typed for a keyboard user.'));
  await kb.type('Hello from the keyboard');
  await kb.press('Enter');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');

  // A long answer, stopped from the keyboard.
  h.gateway.queue(openaiLong({ tokens: 3000, tokensPerSecond: 40 }));
  await kb.type('Write something long');
  await kb.press('Enter');
  await expect(app.lastAssistant().getByTestId('message-text')).not.toBeEmpty();
  await tabTo(page, app.byId('composer-stop'));
  await kb.press('Enter');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'stopped');
  // Send took Stop's place: the focus is back in the composer, not lost to the page.
  await expect(app.byId('composer-input')).toBeFocused();

  // Arrow keys move between messages; Tab from a message reaches its actions.
  await tabTo(page, page.getByRole('region', { name: 'Messages' }), { back: true });
  await kb.press('ArrowUp');
  await expect(app.messages().last()).toBeFocused();
  await kb.press('ArrowUp');
  await expect(app.messages().nth(2)).toBeFocused();
  await kb.press('ArrowUp');
  await expect(app.messages().nth(1)).toBeFocused();
  await kb.press('ArrowDown');
  await expect(app.messages().nth(2)).toBeFocused();
  await kb.press('End');
  await expect(app.lastAssistant()).toBeFocused();
  await tabTo(page, app.lastAssistant().getByTestId('message-retry'), { max: 12 });

  // A manual tool, set up in the playground without a mouse.
  await tabTo(page, app.byId('model-select'), { back: true });
  await kb.type(CLAUDE);
  await expect(app.byId('model-select')).toHaveValue(CLAUDE);
  await tabTo(page, app.byId('playground-open'));
  await kb.press('Enter');
  const panel = app.byId('playground-panel');
  await tabTo(page, panel.locator('[data-testid="tool-preset"][data-preset="get_weather"]'));
  await kb.press('Enter');
  const tool = panel.locator('[data-testid="tool-def"][data-tool-name="get_weather"]');
  await tabTo(page, tool.getByTestId('tool-run-mode'));
  await kb.type('manual');
  await expect(tool.getByTestId('tool-run-mode')).toHaveValue('manual');
  await expect(panel.getByTestId('playground-saving')).toHaveCount(0);
  await expect(panel.getByTestId('playground-check')).toHaveAttribute('data-ok', 'true');

  h.gateway.queue(
    anthropicToolUse([{ id: 'toolu_kb_1', name: 'get_weather', input: { location: 'Oslo' } }]),
    anthropicText('Snowing in Oslo, then.'),
  );
  await tabTo(page, app.byId('composer-input'), { max: 80 });
  await kb.type('Weather in Oslo?');
  await kb.press('Enter');
  const card = page.locator('[data-testid="tool-call"][data-tool-name="get_weather"]').last();
  await expect(card).toHaveAttribute('data-awaiting', 'result');
  await tabTo(page, card.getByTestId('tool-result-input'), { back: true, max: 60 });
  await kb.press('ControlOrMeta+a');
  await kb.type('{"temperature": -3, "conditions": "snow"}');
  await kb.press('ControlOrMeta+Enter');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Snowing in Oslo');

  // The trace: a waterfall row, an event, a tab — then Escape returns focus to the button.
  const traceOpen = app.lastAssistant().getByTestId('trace-open');
  await tabTo(page, traceOpen, { back: true, max: 80 });
  await kb.press('Enter');
  const view = app.byId('trace-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('trace-step')).toHaveCount(2);
  const firstRow = view.getByTestId('trace-waterfall').getByRole('button').first();
  await tabTo(page, view.getByTestId('trace-waterfall').locator('.wf-label[tabindex="0"]'));
  await kb.press('Home');
  await expect(firstRow).toBeFocused();
  await kb.press('ArrowDown');
  const lane = view.locator('[data-testid="trace-lane"]').first().locator('.wf-label');
  await expect(lane).toBeFocused();
  await kb.press('Enter');
  await expect(lane).toHaveAttribute('aria-pressed', 'true');

  const events = view.getByTestId('trace-events');
  await tabTo(page, events);
  const selected = view.locator('[data-testid="trace-event"][aria-selected="true"]');
  const before = Number(await selected.getAttribute('data-index'));
  await kb.press('ArrowDown');
  await expect(selected).toHaveAttribute('data-index', String(before + 1));
  await expect(events).toHaveAttribute('aria-activedescendant', `trace-ev-${before + 1}`);
  await kb.press('Home');
  await expect(selected).toHaveAttribute('data-index', '0');

  await tabTo(page, view.getByTestId('trace-tab-events'), { back: true });
  await kb.press('ArrowRight');
  await expect(view.getByTestId('trace-tab-raw')).toHaveAttribute('aria-selected', 'true');
  await expect(view.getByTestId('trace-tab-raw')).toBeFocused();
  await expect(view.getByTestId('trace-raw')).toBeVisible();

  await kb.press('Escape');
  await expect(view).toBeHidden();
  expect(await isFocused(traceOpen)).toBe(true);
  // Leave the real keychain as we found it (by keyboard too).
  await tabTo(page, settingsOpen, { max: 80 });
  await kb.press('Enter');
  const remove = app.byId('settings-key-remove');
  if (await remove.isVisible()) {
    await tabTo(page, remove);
    await kb.press('Enter');
    await expect(remove).toBeHidden();
  }
  await kb.press('Escape');
  await expect(app.byId('settings-dialog')).toBeHidden();
});

test('threads, attachments and the lightbox with the keyboard alone: rename, delete, attach, reorder, remove, view', async ({ page }) => {
  await h.close();
  h = await startHarness({ apiKey: 'sk-e2e-keyboard-threads-0003' });
  const app = new AppPage(page);
  const kb = page.keyboard;
  await page.goto(h.app.url);

  for (const question of ['About apples', 'About pears']) {
    await tabTo(page, app.byId('thread-new'), { max: 60 });
    await kb.press('Enter');
    // A new thread hands the focus to its composer once it exists: type only then.
    await expect(app.byId('composer-input')).toBeFocused();
    await expect(app.byId('composer-input')).toHaveValue('');
    h.gateway.queue(openaiText(`An answer ${question.toLowerCase()}.`));
    await kb.type(question);
    await kb.press('Enter');
    await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  }
  await expect(app.byId('thread-item')).toHaveCount(2);

  // Rename: the pencil shows when the row has the focus; Enter saves.
  const pears = app.byId('thread-item').first();
  await tabTo(page, pears.getByTestId('thread-rename'), { back: true, max: 60 });
  await expect(pears.getByTestId('thread-rename')).toBeVisible();
  await kb.press('Enter');
  await expect(page.getByTestId('thread-rename-input')).toBeFocused();
  await kb.press('ControlOrMeta+a');
  await kb.type('Fruit notes');
  await kb.press('Enter');
  await expect(app.byId('thread-item').first()).toContainText('Fruit notes');

  // Delete: the dialog opens on Cancel; Escape cancels and gives the focus back to the bin.
  const bin = app.byId('thread-item').first().getByTestId('thread-delete');
  await tabTo(page, bin, { max: 10 });
  await kb.press('Enter');
  await expect(app.byId('confirm-cancel')).toBeFocused();
  await kb.press('Escape');
  await expect(app.byId('confirm-dialog')).toBeHidden();
  await expect(bin).toBeFocused();
  await kb.press('Enter');
  await tabTo(page, app.byId('confirm-ok'), { max: 3 });
  await kb.press('Enter');
  await expect(app.byId('thread-item')).toHaveCount(1);
  await expect(app.byId('thread-item').first()).toContainText('apples');

  // Attach two images through the attach button's file chooser (Enter opens it).
  await tabTo(page, app.byId('thread-item').first().locator('.thread-item-main'), { back: true, max: 20 });
  await kb.press('Enter');
  await tabTo(page, app.byId('composer-attach'), { max: 60 });
  const chooser = page.waitForEvent('filechooser');
  await kb.press('Enter');
  const png = (r: number) => sharp({ create: { width: 200, height: 120, channels: 3, background: { r, g: 90, b: 200 } } }).png().toBuffer();
  await (await chooser).setFiles([
    { name: 'one.png', mimeType: 'image/png', buffer: await png(10) },
    { name: 'two.png', mimeType: 'image/png', buffer: await png(200) },
  ]);
  const chips = page.getByTestId('composer-attachments').getByTestId('attachment-chip');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(1)).toHaveAttribute('data-state', 'ready');
  await expect(chips.nth(0)).toHaveAttribute('data-state', 'ready');

  // Alt+Right moves the focused chip after the next one, keeping the focus on it.
  const first = chips.nth(0).getByTestId('attachment-open');
  await tabTo(page, first, { back: true, max: 20 });
  await kb.press('Alt+ArrowRight');
  await expect(chips.nth(1)).toContainText('one.png');
  await expect(chips.nth(1).getByTestId('attachment-open')).toBeFocused();

  // Enter opens the lightbox on its close button; Tab cycles through the draft's crop and rotate tools
  // without leaving the dialog and comes back round to Close; Escape returns to the chip.
  await kb.press('Enter');
  await expect(app.byId('lightbox')).toBeVisible();
  await expect(app.byId('lightbox-close')).toBeFocused();
  const focusInLightbox = () => page.evaluate(() => !!document.activeElement?.closest('[data-testid="lightbox"]'));
  let steps = 0;
  do {
    await kb.press('Tab');
    expect(await focusInLightbox()).toBe(true);
    steps++;
  } while (!(await app.byId('lightbox-close').evaluate((el) => el === document.activeElement)) && steps < 12);
  expect(steps).toBeGreaterThan(1); // the tools were reachable
  await expect(app.byId('lightbox-close')).toBeFocused();
  await kb.press('Escape');
  await expect(app.byId('lightbox')).toBeHidden();
  await expect(chips.nth(1).getByTestId('attachment-open')).toBeFocused();

  // Delete removes the focused chip.
  await kb.press('Delete');
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toContainText('two.png');
});
