// A thread's token usage: every answer main has stored (threads.usage, all branches), with the
// answers loaded in this window laid over it so a finished answer counts at once. Asked again
// when a message is added or removed here, or the newest one changes status (an answer ended).
import { useEffect, useMemo, useState } from 'react';
import type { RouteOutput } from '../../../shared/contract';
import { threadCost, type ThreadCost } from '../../../shared/cost';
import { threadCacheStats, type CacheStats } from '../../../shared/cache';
import type { Usage } from '../../../shared/domain';
import { getApi } from '../../api';
import { useCompare } from '../../stores/compare';
import { useMessages } from '../../stores/messages';
import { useSettings } from '../../stores/settings';

type Rows = RouteOutput<'threads.usage'>;

export function useThreadUsage(threadId: string): ThreadCost & { answers: number; cache: CacheStats } {
  const prices = useSettings((s) => s.settings.prices);
  const [stored, setStored] = useState<Rows>([]);
  // Cheap on purpose (it runs on every streamed delta): how many messages are loaded here and the
  // newest one's status. An answer ending, a message added or removed changes it; deltas do not.
  const liveKey = useMessages((s) => {
    const ids = s.idsByThread[threadId] ?? [];
    const last = ids[ids.length - 1];
    return `${ids.length}:${last ? (s.byId[last]?.status ?? '') : ''}`;
  });

  // Compare columns are not on the shown path: a column ending is asked about too.
  const compareKey = useCompare((s) => s.runs[threadId]?.columns.map((c) => c.endAt ?? '').join(',') ?? '');

  useEffect(() => {
    let alive = true;
    void getApi()['threads.usage']({ id: threadId }).then((r) => {
      if (alive && r.ok) setStored(r.value);
    });
    return () => {
      alive = false;
    };
  }, [threadId, liveKey, compareKey]);

  return useMemo(() => {
    const byId = new Map<string, { usage: Usage | null; model: string | null }>();
    for (const row of stored) byId.set(row.id, { usage: row.usage, model: row.model });
    const { byId: messages, idsByThread } = useMessages.getState();
    for (const id of idsByThread[threadId] ?? []) {
      const m = messages[id];
      if (m?.role === 'assistant' && m.usage) byId.set(id, { usage: m.usage, model: m.model });
    }
    const rows = [...byId.values()];
    return { ...threadCost(rows, prices), answers: rows.filter((r) => r.usage).length, cache: threadCacheStats(rows, prices) };
  }, [stored, liveKey, prices, threadId]);
}
