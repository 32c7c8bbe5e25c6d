// Browser mode's token in a real browser: it is never a cookie (cookies are not isolated by port, so
// every other service on 127.0.0.1 would receive it), it leaves the address bar once the page has
// read it, and a reload still connects (sessionStorage keeps it for the tab). And the WebSocket's
// frame cap does not stop a large photo: the client sends it as a chunked upload.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { WS_MAX_FRAME_BYTES } from '../../shared/ws-frames';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { composerChips } from './pages/attachments';

/** Another local service on 127.0.0.1:0 that records the headers of every request it gets. */
async function headerRecorder(): Promise<{ url: string; seen: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other service</title><img src="/pixel.png">');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: 'sk-e2e-cookie-4242' });
});
test.afterEach(async () => {
  await h.close();
});

test('the token is no cookie, reaches no other local port, leaves the address bar, and a reload still connects', async ({ page, context }) => {
  const token = new URL(h.app.url).searchParams.get('token')!;
  expect(token).toBeTruthy();
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread(); // a call over the WebSocket: connected
  await expect(page).toHaveURL(`${h.app.origin}/`);
  expect(await context.cookies()).toEqual([]);

  const other = await headerRecorder();
  try {
    const tab = await context.newPage();
    await tab.goto(other.url);
    await expect.poll(() => other.seen.length).toBeGreaterThanOrEqual(2); // the page and its image
    for (const headers of other.seen) {
      expect(headers.cookie).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(token);
    }
    await tab.close();
  } finally {
    await other.close();
  }

  await page.reload();
  await expect(app.byId('thread-item')).toHaveCount(1); // the list came over the WebSocket again
  await app.newThread();
  await expect(page).toHaveURL(`${h.app.origin}/`);
  expect(await context.cookies()).toEqual([]);
});

test('a 24 MP photo, many times the WebSocket frame cap, still attaches', async ({ page }) => {
  // noise barely compresses: a JPEG of ~20 MB, ~27 MB as base64
  const raw = randomBytes(6000 * 4000 * 3);
  const buffer = await sharp(raw, { raw: { width: 6000, height: 4000, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  expect((buffer.length * 4) / 3).toBeGreaterThan(4 * WS_MAX_FRAME_BYTES);
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('composer-file-input').setInputFiles([{ name: 'big.jpg', mimeType: 'image/jpeg', buffer }]);
  const chip = composerChips(page).filter({ hasText: 'big.jpg' });
  await expect(chip).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(chip).toContainText('6000×4000');
});
