// What main knows about attachments that sent messages reference (after a reload the renderer only
// has their ids): asked for in one attachments.get per tick, cached in the attachments store.
import { getApi } from '../../api';
import { useAttachments } from '../../stores/attachments';

const wanted = new Set<string>();
const asked = new Set<string>();
let scheduled = false;

/** Makes sure the info (thumbnail, size) of this attachment is, or will be, in the store. */
export function requestInfo(id: string): void {
  if (asked.has(id) || useAttachments.getState().infos[id] !== undefined) return;
  wanted.add(id);
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => void flush());
}

async function flush(): Promise<void> {
  scheduled = false;
  const ids = [...wanted].slice(0, 500);
  for (const id of ids) {
    wanted.delete(id);
    asked.add(id);
  }
  if (wanted.size > 0) {
    scheduled = true;
    queueMicrotask(() => void flush());
  }
  const res = await getApi()['attachments.get']({ ids });
  for (const id of ids) asked.delete(id);
  if (!res.ok) return; // not cached: the next render (a reconnect, a reopened thread) asks again
  const found = new Set(res.value.map((i) => i.id));
  useAttachments.getState().putInfos(res.value, ids.filter((id) => !found.has(id)));
}
