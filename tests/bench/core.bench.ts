// Core benchmarks: how fast main turns a gateway stream into stored messages and coalesced pushes,
// and how fast the thread list and a long thread load from SQLite.
// Run: npx tsx tests/bench/core.bench.ts [out.json]
import { rmSync } from 'node:fs';
import { openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { startCore } from '../integration/core-harness';
import { measure, report, round, type BenchResult } from './stats';

const out = process.argv[2] ?? '.bench/results.json';
const results: BenchResult[] = [];

const h = await startCore();
try {
  // 1. Stream throughput: 20,000 chunks sent as fast as the gateway can write them.
  const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
  const TOKENS = 20_000;
  h.gateway.queue(openaiLong({ tokens: TOKENS, tokensPerSecond: 1_000_000 }));
  const t0 = performance.now();
  const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'bench' }] });
  let firstPushAt = 0;
  const firstPush = setInterval(() => {
    if (!firstPushAt && h.chatEvents(assistantMessage.id).length > 0) firstPushAt = performance.now();
  }, 1);
  await h.finished(assistantMessage.id);
  clearInterval(firstPush);
  const total = performance.now() - t0;
  const pushes = h.pushed.filter((p) => p.event === 'chat.events').length;
  results.push({ name: 'stream: 20k chunks end to end (send → stored)', unit: 'ms', median: round(total) });
  results.push({ name: 'stream: chunks processed per second', unit: 'chunks/s', median: Math.round(TOKENS / (total / 1000)) });
  results.push({ name: 'stream: pushes to the renderer for 20k chunks', unit: 'pushes', median: pushes, note: 'coalesced ≤ 1 per ~16 ms' });
  results.push({ name: 'stream: time to first push', unit: 'ms', median: round(firstPushAt - t0) });

  // 2. Short answer round trip (send → done) over loopback.
  const rt = await measure(20, async () => {
    h.gateway.queue(openaiText('Short answer for the round-trip benchmark.'));
    const r = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'ping' }] });
    await h.finished(r.assistantMessage.id);
  });
  results.push({ name: 'chat: short answer round trip (loopback)', unit: 'ms', ...rt });

  // 3. Thread list with 5,000 threads, and a search over them.
  for (let i = 0; i < 5000; i++) await h.ok('threads.create', { model: 'gpt-4o-mini' });
  const list = await measure(20, async () => void (await h.ok('threads.list', {})));
  results.push({ name: 'threads.list with 5,000 threads', unit: 'ms', ...list });
  const search = await measure(20, async () => void (await h.ok('threads.list', { query: 'round-trip' })));
  results.push({ name: 'threads.list search over 5,000 threads', unit: 'ms', ...search });

  // 4. The newest page of a long thread.
  const page = await measure(20, async () => void (await h.ok('messages.list', { threadId: thread.id, limit: 100 })));
  results.push({ name: 'messages.list newest page (100) of a 40-message thread', unit: 'ms', ...page });
} finally {
  await h.close();
  rmSync(h.dir, { recursive: true, force: true });
}
report(out, results);
process.exit(0);
