// Taking files in: each dropped, pasted or picked file is read in the renderer (FileReader, so the
// base64 is made natively, never by concatenating strings in JS), handed to main once, and from
// then on known by id and thumbnail only. Refusals become translated messages naming the file; the
// composer's text and its other attachments are never touched by a failure.
import type { AppError } from '../../../shared/domain';
import { getApi } from '../../api';
import { useAttachments, type DraftAttachment } from '../../stores/attachments';
import { createThread } from '../../stores/thread-actions';
import { useThreads } from '../../stores/threads';
import { useUi } from '../../stores/ui';

/** The same cap as main's intake: larger files are refused before a byte is read. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Files read and sent at the same time: bounds the memory a drop of many large photos needs. */
const PARALLEL = 2;
/** Most files one composer holds (a folder for "Describe each" included): more are refused, saying so. */
export const MAX_DRAFTS = 200;

/** Where files go: the composer of a thread (''= none open yet), or a new thread. */
export type IntakeTarget = { kind: 'composer'; threadKey: string } | { kind: 'new-thread' };

let seq = 0;
const nextOrder = (): number => ++seq;

/** The thread the files go to; a new one when asked for, or when no thread is open. */
async function threadFor(target: IntakeTarget): Promise<string | null> {
  if (target.kind === 'composer' && target.threadKey) return target.threadKey;
  const id = await createThread();
  if (!id) return null;
  if (target.kind === 'composer') {
    // Text typed before any thread existed moves with the new thread, as it does on send.
    const ui = useUi.getState();
    const text = ui.drafts[''] ?? '';
    if (text) {
      ui.setDraft(id, text);
      ui.setDraft('', '');
    }
  }
  return id;
}

export async function takeIn(files: readonly File[], target: IntakeTarget): Promise<void> {
  if (files.length === 0) return;
  const threadKey = await threadFor(target);
  if (!threadKey) return;
  const store = useAttachments.getState();
  // A new batch: the previous batch's refusals have been read (or are about to be repeated).
  store.clearFailures(threadKey);
  const room = Math.max(0, MAX_DRAFTS - (store.drafts[threadKey]?.length ?? 0));
  if (files.length > room) {
    const left = files.length - room;
    store.addFailure(threadKey, { key: `too-many-${nextOrder()}`, order: Number.MAX_SAFE_INTEGER, name: String(left), code: 'invalid_input', reason: 'too_many_files', message: `${left} files were left out` });
    files = files.slice(0, room);
  }
  const items = files.map((file) => {
    const order = nextOrder();
    const draft: DraftAttachment = { key: `att-${order}`, name: (file.name || 'file').slice(0, 500), status: 'reading', progress: 0 };
    return { file, order, draft };
  });
  store.addDrafts(threadKey, items.map((i) => i.draft));
  useUi.getState().requestComposerFocus();
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) await upload(threadKey, item.file, item.draft, item.order);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

function stillThere(threadKey: string, key: string): boolean {
  return Boolean(useAttachments.getState().drafts[threadKey]?.some((d) => d.key === key));
}

async function upload(threadKey: string, file: File, draft: DraftAttachment, order: number): Promise<void> {
  const store = useAttachments.getState();
  const fail = (error: Pick<AppError, 'code' | 'message' | 'reason'>) => {
    if (!stillThere(threadKey, draft.key)) return;
    store.removeDrafts(threadKey, [draft.key]);
    store.addFailure(threadKey, { key: draft.key, order, name: draft.name, ...error });
  };
  if (file.size === 0) return fail({ code: 'invalid_input', reason: 'empty', message: 'the file is empty' });
  if (file.size > MAX_FILE_BYTES) return fail({ code: 'invalid_input', reason: 'too_large', message: 'the file is too large' });

  let data: string;
  try {
    data = await readBase64(file, (progress) => {
      if (stillThere(threadKey, draft.key)) useAttachments.getState().patchDraft(threadKey, draft.key, { progress });
    });
  } catch (err) {
    return fail({ code: 'unknown', message: err instanceof Error ? err.message : String(err) });
  }
  if (!stillThere(threadKey, draft.key)) return; // removed while it was read
  store.patchDraft(threadKey, draft.key, { status: 'processing', progress: 1 });

  const protocol = useThreads.getState().byId[threadKey]?.protocol;
  const res = await getApi()['attachments.add']({
    name: draft.name,
    mime: file.type.slice(0, 200),
    data,
    ...(protocol ? { protocol } : {}),
  });
  if (!res.ok) return fail(res.error);
  store.putInfos([res.value]);
  if (!stillThere(threadKey, draft.key)) return;
  // The same file twice is one attachment (main stores by content): keep the first chip.
  const twice = useAttachments.getState().drafts[threadKey]?.some((d) => d.key !== draft.key && d.id === res.value.id);
  if (twice) store.removeDrafts(threadKey, [draft.key]);
  else store.patchDraft(threadKey, draft.key, { status: 'ready', id: res.value.id });
}

/** The file's bytes as base64, made natively by FileReader (a data URL without its prefix). */
function readBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.onload = () => {
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Files worth taking from a clipboard or a drop: every file (main says what it refuses, and why). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  if (data.files.length > 0) return [...data.files];
  return [...data.items].flatMap((item) => {
    const f = item.kind === 'file' ? item.getAsFile() : null;
    return f ? [f] : [];
  });
}

/**
 * The files of a drop, folders walked (webkitGetAsEntry) so a dropped folder gives its images. The
 * entries are taken while the drop event runs: its DataTransfer is emptied once the handler returns.
 */
export async function filesOfDrop(data: DataTransfer | null): Promise<File[]> {
  if (!data) return [];
  const entries = [...data.items].flatMap((item) => {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    return entry ? [entry] : [];
  });
  if (!entries.some((e) => e.isDirectory)) return filesOf(data);
  const out: File[] = [];
  // Bounded: a folder with thousands of files stops being read a little past what can be taken.
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (out.length > MAX_DRAFTS) return;
    if (entry.isFile) {
      const file = await new Promise<File | null>((resolve) => (entry as FileSystemFileEntry).file(resolve, () => resolve(null)));
      if (file && !file.name.startsWith('.')) out.push(file);
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    const children: FileSystemEntry[] = [];
    // readEntries answers in pages (100 in Chromium) until it answers an empty one.
    for (;;) {
      const page = await new Promise<FileSystemEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
      if (page.length === 0 || children.length > MAX_DRAFTS * 5) break;
      children.push(...page);
    }
    children.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    for (const child of children) await walk(child);
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/** True while a drag carries files (not text or a chip being reordered). */
export function carriesFiles(data: DataTransfer | null): boolean {
  return Boolean(data && [...data.types].includes('Files'));
}
