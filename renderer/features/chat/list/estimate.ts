// A message's height before it has ever been rendered, from its text: only rows far from the viewport use it,
// and a wrong guess costs nothing visible (AnchoredList.tsx keeps the view where it was), only scrollbar size.
import type { Message } from '../../../../shared/domain';
import { estimateRowHeight } from './layout';

const cache = new Map<string, number>();
const CACHE_MAX = 50_000;

export function estimateMessage(message: Message | undefined, width: number): number {
  if (!message) return 80;
  const known = cache.get(message.id);
  if (known !== undefined) return known;
  const lines: number[] = [];
  let blocks = 0;
  for (const part of message.parts) {
    if (part.type === 'text') for (const line of part.text.split('\n')) lines.push(line.length);
    else blocks++;
  }
  const estimate = estimateRowHeight(lines, blocks, width);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  // a streaming message grows: only a finished one is worth keeping
  if (message.status !== 'streaming') cache.set(message.id, estimate);
  return estimate;
}
