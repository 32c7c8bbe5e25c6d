// Export and import: main builds the file (it alone reads attachments), the renderer saves it as a
// download; an imported file is read here and handed to main, which takes it whole or refuses it.
import type { Result } from '../../shared/contract';
import type { Thread } from '../../shared/domain';
import { getApi } from '../api';
import { useThreads } from './threads';

export type ExportChoice = 'json' | 'json-traces' | 'markdown' | 'openai-json' | 'openai-jsonl';
export const EXPORT_CHOICES: readonly ExportChoice[] = ['markdown', 'json', 'json-traces', 'openai-json', 'openai-jsonl'];

/** Exports one thread (or all when `threadId` is null) and saves the file as a download. */
export async function exportThreads(threadId: string | null, choice: ExportChoice): Promise<Result<{ fileName: string }>> {
  const format = choice === 'json-traces' ? 'json' : choice;
  const res = await getApi()['export.threads']({
    ...(threadId ? { threadIds: [threadId] } : {}),
    format,
    includeTraces: choice === 'json-traces',
  });
  if (!res.ok) return res;
  const bytes = Uint8Array.from(atob(res.value.data), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: res.value.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = res.value.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: { fileName: res.value.fileName } };
}

/** Imports our own JSON export; the imported threads join the list. */
export async function importFile(file: File): Promise<Result<{ threads: Thread[] }>> {
  const res = await getApi()['import.threads']({ text: await file.text() });
  if (res.ok) for (const t of res.value.threads) useThreads.getState().upsert(t, { insert: true });
  return res;
}
