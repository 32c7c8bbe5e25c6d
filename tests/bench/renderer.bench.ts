// Renderer benchmarks in real Chromium against browser mode: opening a 2,000-message thread, and
// the frame rate while a 2,000 tokens/s answer streams in.
// Run: npx tsx tests/bench/renderer.bench.ts [out.json]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Message } from '../../shared/domain';
import { openStorage } from '../../electron/storage';
import { startApp } from '../e2e/harness';
import { startGateway } from '../fixtures/gateway';
import { openaiLong } from '../fixtures/gateway/scenarios';
import { report, round, type BenchResult } from './stats';

const out = process.argv[2] ?? '.bench/results.json';
const results: BenchResult[] = [];
const MESSAGES = 2000;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-bench-ui-'));
const storage = openStorage(path.join(dataDir, 'yibu-chat.db'));
const thread = storage.threads.create({ model: 'gpt-4o-mini', protocol: 'openai-chat', title: 'A very long thread' });
const base = Date.now() - MESSAGES * 1000;
for (let i = 0; i < MESSAGES; i++) {
  const m: Message = {
    id: randomUUID(),
    threadId: thread.id,
    role: i % 2 ? 'assistant' : 'user',
    parts: [{ type: 'text', text: i % 2 ? `Answer ${i}\n\n- point one\n- point two\n\n\`\`\`ts\nconst x = ${i};\n\`\`\`\n\nSome **markdown** text.` : `Question ${i}` }],
    status: 'done',
    error: null,
    usage: null,
    model: 'gpt-4o-mini',
    finishReason: 'stop',
    createdAt: base + i * 1000,
  };
  storage.messages.insert(m);
}
storage.close();

const gateway = await startGateway({ demo: false });
const app = await startApp({ dataDir, baseUrl: gateway.url, apiKey: 'sk-bench-key-0000' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(app.url);
  await page.getByTestId('thread-item').first().waitFor();

  // 1. Open the long thread: click → the newest message is on screen.
  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('thread-new').click();
    await page.getByTestId('composer-input').waitFor();
    const t0 = Date.now();
    await page.getByTestId('thread-item').filter({ hasText: 'A very long thread' }).click();
    await page.getByText(`Answer ${MESSAGES - 1}`, { exact: true }).waitFor();
    opens.push(Date.now() - t0);
  }
  opens.sort((a, b) => a - b);
  results.push({ name: `ui: open a ${MESSAGES}-message thread (click → newest visible)`, unit: 'ms', median: opens[2]!, p95: opens[4]!, runs: 5 });
  results.push({
    name: 'ui: message elements in the DOM for that thread',
    unit: 'elements',
    median: await page.getByTestId('message').count(),
    note: 'virtualized list + newest page first',
  });

  // 2. Frame rate while 6,000 tokens stream at 2,000 tokens/s into that long thread.
  gateway.queue(openaiLong({ tokens: 6000, tokensPerSecond: 2000 }));
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__raf = true;
    const tick = (t) => { window.__frames.push(t); if (window.__raf) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await page.getByTestId('composer-input').fill('stream fast');
  await page.getByTestId('composer-input').press('Enter');
  const last = page.locator('[data-testid="message"][data-role="assistant"]').last();
  await last.and(page.locator('[data-status="streaming"]')).waitFor();
  await last.and(page.locator('[data-status="done"]')).waitFor({ timeout: 60_000 });
  const frames = (await page.evaluate('(() => { window.__raf = false; return window.__frames; })()')) as number[];
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
  const span = (frames.at(-1)! - frames[0]!) / 1000;
  results.push({ name: 'ui: frames per second while streaming 2,000 tokens/s', unit: 'fps', median: round(frames.length / span, 1) });
  results.push({ name: 'ui: longest frame gap while streaming', unit: 'ms', median: round(gaps.at(-1)!, 1), p95: round(gaps[Math.floor(gaps.length * 0.95)]!, 1) });
} finally {
  await browser.close();
  await app.stop();
  await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
}
report(out, results);
process.exit(0);
