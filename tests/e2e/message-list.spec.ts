// The message list of a long thread as a user scrolls it (issue 9): it follows a streaming answer to the
// bottom and stops following when the user scrolls up; "Jump to latest" brings it back; no message is lost
// or shown twice when a stream ends while the user scrolls and older pages load; a thread opened in the
// middle (a link) loads newer pages scrolling down and older ones scrolling up, each message once.
// The history is seeded straight into the database before browser mode starts (tests/fixtures/seed-db.ts).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { dbFileIn, seedDatabase, type SeededThread } from '../fixtures/seed-db';
import { startApp, type AppProcess } from './harness';
import { AppPage } from './pages/app-page';

const COUNT = 300;
let app: AppProcess;
let gateway: Gateway;
let long: SeededThread;
// scrolling 300 messages both ways step by step takes a while on a loaded machine
test.setTimeout(180_000);

test.beforeEach(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-e2e-list-'));
  [long] = seedDatabase(dbFileIn(dataDir), [{ title: 'Long history', messages: COUNT }]) as [SeededThread];
  gateway = await startGateway({ demo: false });
  app = await startApp({ dataDir, baseUrl: gateway.url, apiKey: 'sk-e2e-list-key-4242' });
});
test.afterEach(async () => {
  await app.stop();
  await gateway.close();
});

const SCROLLER = '.message-list .list-scroller';

/** Pixels between the bottom of what the list shows and the bottom of its content. */
const fromBottom = (page: Page) =>
  page.locator(SCROLLER).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

async function openLong(page: Page): Promise<AppPage> {
  const ui = new AppPage(page);
  await page.goto(app.url);
  await page.locator(`[data-testid="thread-item"][data-thread-id="${long.id}"]`).click();
  await expect(page.locator(`[data-message-id="${long.messageIds.at(-1)}"]`)).toBeInViewport();
  const box = (await page.locator('.message-list').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  return ui;
}

/**
 * Wheel-scrolls in one direction until `until` is rendered at that end, recording every row seen on the way.
 * Fails if a snapshot of the DOM ever holds one message twice.
 */
async function scrollThrough(page: Page, dy: number, until: string): Promise<string[]> {
  const seen: string[] = [];
  for (let step = 0; step < 400; step++) {
    // the rows for the scroll position are rendered in the frames after the scroll event: read after two
    const { ids, top, bottom } = await page.locator(SCROLLER).evaluate(
      (el) =>
        new Promise<{ ids: string[]; top: number; bottom: number }>((done) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              done({
                ids: [...el.querySelectorAll('[data-testid="message"]')].map((m) => m.getAttribute('data-message-id') ?? ''),
                top: el.scrollTop,
                bottom: el.scrollHeight - el.scrollTop - el.clientHeight,
              }),
            ),
          ),
        ),
    );
    expect(new Set(ids).size, `a message shown twice: ${ids.join(' ')}`).toBe(ids.length);
    for (const id of dy < 0 ? [...ids].reverse() : ids) if (!seen.includes(id)) seen.push(id);
    if (ids.includes(until) && (dy < 0 ? top < 1 : bottom < 1)) return seen;
    await page.mouse.wheel(0, dy);
  }
  throw new Error(`never reached ${until}`);
}

test('follows a streaming answer to the bottom, stops when the user scrolls up, and "Jump to latest" follows again', async ({ page }) => {
  const ui = await openLong(page);
  await expect(ui.byId('jump-latest')).toHaveCount(0);
  gateway.queue(openaiLong({ tokens: 2400, tokensPerSecond: 200 }));
  await ui.send('Tell me everything');
  await expect(ui.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  const answer = page.locator(`[data-message-id="${await ui.lastAssistant().getAttribute('data-message-id')}"]`);
  const length = () => answer.getByTestId('message-text').evaluate((el) => el.textContent?.length ?? 0);

  // Following: as the answer grows, the list stays at its bottom.
  for (const grown of [400, 1200]) {
    await expect.poll(length).toBeGreaterThan(grown);
    await expect.poll(() => fromBottom(page)).toBeLessThan(60);
  }

  // The user scrolls up (the answer's start still in view): the text keeps coming, the view stays put.
  await page.mouse.wheel(0, -300);
  await expect(ui.byId('jump-latest')).toBeVisible();
  const answerTop = async () => (await answer.boundingBox())!.y;
  // The wheel's smooth scroll goes on for some frames after the button shows: start from where it came to rest
  // (the same place for 10 frames in a row while the text keeps coming, which only holds if the list keeps it).
  const top = await answer.evaluate(
    (el) =>
      new Promise<number>((done) => {
        let last = NaN;
        let same = 0;
        const tick = () => {
          const y = el.getBoundingClientRect().top;
          same = Math.abs(y - last) < 0.5 ? same + 1 : 0;
          last = y;
          if (same >= 10) done(y);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  const before = await length();
  await expect.poll(length).toBeGreaterThan(before + 600);
  expect(Math.abs((await answerTop()) - top)).toBeLessThan(2);
  expect(await fromBottom(page)).toBeGreaterThan(300);
  await expect(answer).toHaveAttribute('data-status', 'streaming');

  // Jump to latest: back at the bottom, and following again while it streams.
  await ui.byId('jump-latest').click();
  await expect(ui.byId('jump-latest')).toHaveCount(0);
  const after = await length();
  await expect.poll(length).toBeGreaterThan(after + 400);
  await expect.poll(() => fromBottom(page)).toBeLessThan(60);
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect.poll(() => fromBottom(page)).toBeLessThan(60);
  await expect(answer).toBeInViewport();
});

test('no message is lost or shown twice when a stream ends while the user scrolls up and older pages load', async ({ page }) => {
  const ui = await openLong(page);
  gateway.queue(openaiText('A short answer that ends while the list is moving.', { chunkSize: 3, delayMs: 60 }));
  await ui.send('One more question');
  await expect(ui.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  const answerId = (await ui.lastAssistant().getAttribute('data-message-id'))!;
  // Scroll up through the older pages while the answer streams and ends.
  const seen = await scrollThrough(page, -600, long.messageIds[0]!);
  // Every seeded message was seen once, in order, and the new pair below them.
  const seeded = seen.filter((id) => long.messageIds.includes(id));
  expect(seeded).toEqual([...long.messageIds].reverse());
  expect(seen.length).toBe(COUNT + 2);
  expect(seen.slice(0, 2)).toContain(answerId);
  // And back down: the same messages, the answer last, whole.
  const down = await scrollThrough(page, 600, answerId);
  expect(down).toEqual([...seen].reverse());
  await expect(page.locator(`[data-message-id="${answerId}"]`)).toHaveAttribute('data-status', 'done');
  await expect(page.locator(`[data-message-id="${answerId}"]`).getByTestId('message-text')).toHaveText(
    'A short answer that ends while the list is moving.',
  );
});

test('opened in the middle by a link, it loads newer messages scrolling down and older ones scrolling up, each once', async ({ page }) => {
  await page.goto(app.url);
  const middle = long.messageIds[COUNT / 2]!;
  await page.getByTestId('thread-item').first().waitFor();
  await page.evaluate((hash) => (location.hash = hash), `#/thread/${long.id}/message/${middle}`);
  const target = page.locator(`[data-testid="message"][data-message-id="${middle}"]`);
  await expect(target).toHaveAttribute('data-highlighted', 'true');
  await expect(target).toBeInViewport();
  // the newest messages are not loaded yet
  await expect(page.locator(`[data-message-id="${long.messageIds.at(-1)}"]`)).toHaveCount(0);
  const box = (await page.locator('.message-list').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  const down = await scrollThrough(page, 600, long.messageIds.at(-1)!);
  expect(down).toEqual(long.messageIds.slice(long.messageIds.indexOf(down[0]!)));
  const up = await scrollThrough(page, -600, long.messageIds[0]!);
  expect(up).toEqual([...long.messageIds].reverse());
});

test('wheel-scrolling fast to the top renders every message on the way, as older pages arrive mid-scroll', async ({ page }) => {
  await openLong(page);
  // Every frame, the ids rendered: a view thrown past a stretch of rows (a page going in while the wheel's smooth
  // scroll runs) leaves that stretch out of every frame.
  await page.evaluate(() => {
    const w = window as unknown as { __seen: Set<string>; __sampling: boolean };
    w.__seen = new Set();
    w.__sampling = true;
    const tick = () => {
      for (const el of document.querySelectorAll('.message-list [data-testid="message"]')) w.__seen.add(el.getAttribute('data-message-id') ?? '');
      if (w.__sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const atTop = () =>
    page.evaluate(
      (first) => {
        const sc = document.querySelector('.message-list .list-scroller')!;
        const el = sc.querySelector(`[data-message-id="${first}"]`);
        // the first message whole in view: the top
        return !!el && el.getBoundingClientRect().top >= sc.getBoundingClientRect().top - 1;
      },
      long.messageIds[0]!,
    );
  // as fast as the wheel events go, like tests/bench/scale.bench.ts, checking the top every 10 steps
  for (let step = 0; step < 2000 && !(step % 10 === 9 && (await atTop())); step++) await page.mouse.wheel(0, -400);
  expect(await atTop()).toBe(true);
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __seen: Set<string>; __sampling: boolean };
    w.__sampling = false;
    return [...w.__seen];
  });
  expect(long.messageIds.filter((id) => !seen.includes(id))).toEqual([]);
});
