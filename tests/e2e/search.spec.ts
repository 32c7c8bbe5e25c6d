// Search finds the message, not only the thread; find in thread steps through every match of a
// 10,000-message thread; a link opens the thread at its message. The history is seeded straight into the
// database before browser mode starts (tests/fixtures/seed-db.ts).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dbFileIn, seedDatabase, type SeededThread } from '../fixtures/seed-db';
import { startApp, type AppProcess } from './harness';
import { AppPage } from './pages/app-page';

const LONG = 10_000;
/** message 1,000 of the long thread (an assistant message: index 999) */
const TARGET = 999;
const NEEDLES = [500, 5_001, 9_990];

let app: AppProcess;
let long: SeededThread;
let other: SeededThread;

test.beforeEach(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-e2e-search-'));
  const seeded = seedDatabase(dbFileIn(dataDir), [
    { title: 'Another thread', messages: 20 },
    {
      title: 'Long history',
      messages: LONG,
      text: (i) => {
        if (i === TARGET) return 'We kept a zebrafish by the lantern; 我们讨论了量子纠缠实验的细节。';
        if (NEEDLES.includes(i)) return `needle number ${i}`;
        return undefined;
      },
    },
  ]);
  [other, long] = seeded as [SeededThread, SeededThread];
  app = await startApp({ dataDir });
});
test.afterEach(async () => {
  await app.stop();
});

const message = (page: Page, id: string) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);
const highlighted = (page: Page) => page.locator('[data-testid="message"][data-highlighted="true"]');

test('search finds message 1,000 of a 10,000-message thread, in English and in Chinese, and opens it there', async ({ page }) => {
  const ui = new AppPage(page);
  await page.goto(app.url);
  const target = long.messageIds[TARGET]!;

  for (const query of ['ZEBRAFISH', '量子纠缠']) {
    await ui.byId('thread-search').fill(query);
    const result = ui.byId('search-result');
    await expect(result).toHaveCount(1);
    await expect(result).toHaveAttribute('data-thread-id', long.id);
    await expect(result).toHaveAttribute('data-message-id', target);
    await expect(result.locator('mark')).toHaveText(query === 'ZEBRAFISH' ? 'zebrafish' : '量子纠缠');
    // the thread list filter still works alongside
    await expect(ui.byId('thread-item')).toHaveCount(1);
    await expect(ui.byId('thread-item')).toHaveAttribute('data-thread-id', long.id);

    await result.click();
    await expect(message(page, target)).toHaveAttribute('data-highlighted', 'true');
    await expect(message(page, target)).toBeInViewport();
    await expect(message(page, target).getByTestId('message-text')).toContainText('zebrafish');
    await expect(highlighted(page)).toHaveCount(1);
    // opened in the middle: the newest message is not what was loaded
    await expect(message(page, long.messageIds[LONG - 1]!)).toHaveCount(0);

    // leave the thread before the next query, so opening the result opens it again
    await ui.byId('thread-search').fill('');
    await expect(ui.byId('search-result')).toHaveCount(0);
    await page.locator(`[data-testid="thread-item"][data-thread-id="${other.id}"]`).click();
    await expect(message(page, other.messageIds[19]!)).toBeVisible();
  }

  // Words in another order: no thread title or text contains the phrase, so the thread list shows none,
  // yet the message has both words and opens from its result.
  await ui.byId('thread-search').fill('lantern zebrafish');
  await expect(ui.byId('search-result')).toHaveCount(1);
  await expect(ui.byId('thread-item')).toHaveCount(0);
  await ui.byId('search-result').click();
  await expect(message(page, target)).toHaveAttribute('data-highlighted', 'true');
  await expect(message(page, target)).toBeInViewport();
});

test('find in thread steps through every match of the 10,000-message thread', async ({ page }) => {
  const ui = new AppPage(page);
  await page.goto(app.url);
  await page.locator(`[data-testid="thread-item"][data-thread-id="${long.id}"]`).click();
  await expect(message(page, long.messageIds[LONG - 1]!)).toBeVisible();

  await page.keyboard.press('Control+f');
  await expect(ui.byId('thread-find')).toBeFocused();
  await ui.byId('thread-find').fill('needle');
  const count = ui.byId('thread-find-count');
  // match 1 is the newest; Enter goes to older ones, Shift+Enter back, and it wraps around
  const expectAt = async (n: number) => {
    const id = long.messageIds[NEEDLES[NEEDLES.length - n]!]!;
    await expect(count).toHaveText(`${n}/3`);
    await expect(message(page, id)).toHaveAttribute('data-highlighted', 'true');
    await expect(message(page, id)).toBeInViewport();
    await expect(highlighted(page)).toHaveCount(1);
  };
  await expectAt(1);
  await ui.byId('thread-find').press('Enter');
  await expectAt(2);
  await ui.byId('thread-find').press('Enter');
  await expectAt(3);
  await ui.byId('thread-find').press('Enter');
  await expectAt(1);
  await ui.byId('thread-find').press('Shift+Enter');
  await expectAt(3);
  await ui.byId('thread-find-prev').click();
  await expectAt(2);
  await ui.byId('thread-find-next').click();
  await expectAt(3);

  await ui.byId('thread-find').fill('no such words here');
  await expect(count).not.toHaveText(/\//);
  await ui.byId('thread-find').press('Escape');
  await expect(ui.byId('thread-find')).toBeHidden();
  await expect(highlighted(page)).toHaveCount(0);
});

test('copy link gives the message’s address, and opening a link shows that message', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  const ui = new AppPage(page);
  await page.goto(app.url);
  await page.locator(`[data-testid="thread-item"][data-thread-id="${long.id}"]`).click();
  const last = long.messageIds[LONG - 1]!;
  await message(page, last).getByTestId('message-link-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${app.origin}/#/thread/${long.id}/message/${last}`);
  expect(copied).not.toContain('token');

  // A link to message 1,000, opened on load …
  const target = long.messageIds[TARGET]!;
  await page.goto(`${app.url}#/thread/${long.id}/message/${target}`);
  await expect(message(page, target)).toHaveAttribute('data-highlighted', 'true');
  await expect(message(page, target)).toBeInViewport();

  // … and while the app is open (another link followed in the same page).
  const needle = long.messageIds[NEEDLES[1]!]!;
  await page.evaluate((hash) => (location.hash = hash), `#/thread/${long.id}/message/${needle}`);
  await expect(message(page, needle)).toHaveAttribute('data-highlighted', 'true');
  await expect(message(page, needle)).toBeInViewport();
  await expect(message(page, needle).getByTestId('message-text')).toHaveText(`needle number ${NEEDLES[1]}`);

  // The copied link opens the newest message the same way.
  await page.evaluate((hash) => (location.hash = hash), new URL(copied).hash);
  await expect(message(page, last)).toHaveAttribute('data-highlighted', 'true');
  await expect(ui.byId('thread-find')).toBeHidden();
});
