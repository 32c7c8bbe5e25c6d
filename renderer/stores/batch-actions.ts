// Everything async of "Describe each": start a batch from a composer's images, open one, stop, retry,
// change its prompt or concurrency, export, delete; and the pushes that keep the table live.
import type { Result } from '../../shared/contract';
import { BATCH_DEFAULT_CONCURRENCY, type BatchExportFormat } from '../../shared/batch';
import { getApi } from '../api';
import { readyAttachmentIds, useAttachments } from './attachments';
import { useBatches } from './batches';
import { useThreads } from './threads';
import { useUi } from './ui';

export async function loadBatches(): Promise<void> {
  const res = await getApi()['batches.list']({});
  if (res.ok) useBatches.getState().setList(res.value);
  // After a reconnect the open table is fetched again (and this window joins its running rows again).
  const open = useBatches.getState().openId;
  if (open) await openBatch(open);
}

/** Keeps the list and the open table live; call once at start (sync.ts). */
export function subscribeBatchEvents(): void {
  const api = getApi();
  api.on['batch.updated'](({ batch, rows, messages }) => useBatches.getState().applyUpdate(batch, rows, messages));
  api.on['chat.events'](({ threadId, messageId, events }) => {
    if (useBatches.getState().open?.batch.threadId === threadId) useBatches.getState().applyEvents(messageId, events);
  });
  // Choosing a thread leaves the batch view.
  useThreads.subscribe((s, prev) => {
    if (s.selectedId && s.selectedId !== prev.selectedId) useBatches.getState().setOpenId(null);
  });
}

/** Opens a batch in the main pane; its running rows stream here from now on. */
export async function openBatch(id: string): Promise<void> {
  useBatches.getState().setOpenId(id);
  useThreads.getState().select(null);
  const res = await getApi()['batches.get']({ id });
  if (!res.ok) {
    useUi.getState().showNotice(res.error);
    if (useBatches.getState().openId === id) useBatches.getState().setOpenId(null);
    return;
  }
  useBatches.getState().putView(res.value);
  const ids = res.value.rows.map((r) => r.attachmentId);
  const infos = useAttachments.getState().infos;
  const missing = [...new Set(ids)].filter((x) => infos[x] === undefined);
  for (let i = 0; i < missing.length; i += 200) {
    const got = await getApi()['attachments.get']({ ids: missing.slice(i, i + 200) });
    if (got.ok) useAttachments.getState().putInfos(got.value, missing.slice(i, i + 200));
  }
}

export function closeBatch(): void {
  useBatches.getState().setOpenId(null);
}

/**
 * "Describe each": the composer's ready images become a batch, one request per image. The prompt is the
 * composer's text when there is some, else the last batch's template, else the UI language's default.
 */
export async function startBatch(threadKey: string, defaultPrompt: string): Promise<Result<null>> {
  const drafts = useAttachments.getState().drafts[threadKey] ?? [];
  const ready = new Set(readyAttachmentIds(threadKey));
  const infos = useAttachments.getState().infos;
  const images = drafts.flatMap((d) => (d.id && ready.has(d.id) && infos[d.id]?.kind === 'image' ? [{ attachmentId: d.id, name: d.name }] : []));
  const typed = (useUi.getState().drafts[threadKey] ?? '').trim();
  const last = useBatches.getState().list[0];
  const res = await getApi()['batches.create']({
    ...(threadKey ? { threadId: threadKey } : {}),
    images,
    prompt: typed || last?.prompt || defaultPrompt,
    concurrency: last?.concurrency ?? BATCH_DEFAULT_CONCURRENCY,
  });
  if (!res.ok) return res;
  useAttachments.getState().removeDrafts(
    threadKey,
    drafts.filter((d) => d.id && images.some((i) => i.attachmentId === d.id)).map((d) => d.key),
  );
  if (typed) useUi.getState().setDraft(threadKey, '');
  useBatches.getState().applyUpdate(res.value.batch, [], []);
  await openBatch(res.value.batch.id);
  return { ok: true, value: null };
}

export async function stopBatch(id: string): Promise<void> {
  const res = await getApi()['batches.stop']({ id });
  if (!res.ok) useUi.getState().showNotice(res.error);
}

export async function retryRows(id: string, rowIds: string[]): Promise<void> {
  const res = await getApi()['batches.retry']({ id, rowIds });
  if (!res.ok) useUi.getState().showNotice(res.error);
}

export async function updateBatch(id: string, patch: { prompt?: string; concurrency?: number }): Promise<void> {
  const res = await getApi()['batches.update']({ id, ...patch });
  if (!res.ok) useUi.getState().showNotice(res.error);
}

export async function deleteBatch(id: string): Promise<void> {
  const res = await getApi()['batches.delete']({ id });
  if (!res.ok) return useUi.getState().showNotice(res.error);
  const s = useBatches.getState();
  s.setList(s.list.filter((b) => b.id !== id));
  if (s.openId === id) s.setOpenId(null);
}

/** Downloads the table; the file is built in main (which alone could ever know a key, and redacts). */
export async function exportBatch(id: string, format: BatchExportFormat): Promise<void> {
  const res = await getApi()['batches.export']({ id, format });
  if (!res.ok) return useUi.getState().showNotice(res.error);
  const url = URL.createObjectURL(new Blob([res.value.text], { type: res.value.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = res.value.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
