// Attachments in the renderer: what each composer holds (in the order the user arranged), the
// refusals to explain, a cache of what main told us about each attachment (id, size, dimensions and
// a small thumbnail), and the open lightbox. Image bytes stay in main: the only larger image ever
// held here is the one preview the open lightbox shows.
import { create } from 'zustand';
import type { AppError, AttachmentInfo } from '../../shared/domain';

export type DraftStatus = 'reading' | 'processing' | 'ready';

/** One file in a composer: being read, being taken in by main, or ready (then `id` is set). */
export interface DraftAttachment {
  /** local and stable, for React keys and removal while the upload is still running */
  key: string;
  name: string;
  status: DraftStatus;
  /** 0..1 while the file is read */
  progress: number;
  id?: string;
  /** set once the image was cropped/rotated (`id` is then the edited copy): what "reset" goes back to */
  originalId?: string;
}

/** A file main (or the composer) refused, to be explained next to the composer. */
export interface AttachmentFailure {
  key: string;
  /** position in the order the files were given (refusals come back in any order) */
  order: number;
  name: string;
  code: AppError['code'];
  reason?: string;
  message: string;
}

export interface Lightbox {
  id: string;
  name: string;
  /** the thumbnail, shown blurred until the preview arrives */
  thumbnail: string | null;
  /** the lightbox-size preview (≤ 2048 px): the one larger image the renderer holds */
  dataUrl: string | null;
  failed: boolean;
  /** the composer draft it shows: a draft image can be cropped and rotated, a sent one cannot */
  draft?: { threadKey: string; key: string };
}

interface AttachmentsState {
  /** per composer (thread id; '' = no thread yet) */
  drafts: Record<string, DraftAttachment[]>;
  failures: Record<string, AttachmentFailure[]>;
  /** what main told us, by attachment id; null = main does not have it any more */
  infos: Record<string, AttachmentInfo | null>;
  lightbox: Lightbox | null;
  addDrafts: (threadKey: string, items: DraftAttachment[]) => void;
  patchDraft: (threadKey: string, key: string, patch: Partial<DraftAttachment>) => void;
  removeDrafts: (threadKey: string, keys: readonly string[]) => void;
  moveDraft: (threadKey: string, key: string, toIndex: number) => void;
  addFailure: (threadKey: string, failure: AttachmentFailure) => void;
  dismissFailure: (threadKey: string, key: string) => void;
  clearFailures: (threadKey: string) => void;
  putInfos: (infos: readonly AttachmentInfo[], missing?: readonly string[]) => void;
  setLightbox: (lightbox: Lightbox | null) => void;
  patchLightbox: (id: string, patch: Partial<Lightbox>) => void;
}

const NO_DRAFTS: DraftAttachment[] = [];
const NO_FAILURES: AttachmentFailure[] = [];

export const useAttachments = create<AttachmentsState>()((set) => ({
  drafts: {},
  failures: {},
  infos: {},
  lightbox: null,
  addDrafts: (threadKey, items) =>
    set((s) => ({ drafts: { ...s.drafts, [threadKey]: [...(s.drafts[threadKey] ?? NO_DRAFTS), ...items] } })),
  patchDraft: (threadKey, key, patch) =>
    set((s) => {
      const list = s.drafts[threadKey];
      if (!list?.some((d) => d.key === key)) return s;
      return { drafts: { ...s.drafts, [threadKey]: list.map((d) => (d.key === key ? { ...d, ...patch } : d)) } };
    }),
  removeDrafts: (threadKey, keys) =>
    set((s) => {
      const list = s.drafts[threadKey];
      if (!list) return s;
      return { drafts: { ...s.drafts, [threadKey]: list.filter((d) => !keys.includes(d.key)) } };
    }),
  moveDraft: (threadKey, key, toIndex) =>
    set((s) => {
      const list = [...(s.drafts[threadKey] ?? NO_DRAFTS)];
      const from = list.findIndex((d) => d.key === key);
      if (from < 0) return s;
      const to = Math.max(0, Math.min(list.length - 1, toIndex));
      if (to === from) return s;
      const [item] = list.splice(from, 1);
      list.splice(to, 0, item!);
      return { drafts: { ...s.drafts, [threadKey]: list } };
    }),
  addFailure: (threadKey, failure) =>
    set((s) => {
      const list = [...(s.failures[threadKey] ?? NO_FAILURES), failure].sort((a, b) => a.order - b.order);
      return { failures: { ...s.failures, [threadKey]: list } };
    }),
  dismissFailure: (threadKey, key) =>
    set((s) => ({ failures: { ...s.failures, [threadKey]: (s.failures[threadKey] ?? NO_FAILURES).filter((f) => f.key !== key) } })),
  clearFailures: (threadKey) =>
    set((s) => (s.failures[threadKey]?.length ? { failures: { ...s.failures, [threadKey]: NO_FAILURES } } : s)),
  putInfos: (infos, missing = []) =>
    set((s) => {
      const next = { ...s.infos };
      for (const info of infos) next[info.id] = info;
      for (const id of missing) if (next[id] === undefined) next[id] = null;
      return { infos: next };
    }),
  setLightbox: (lightbox) => set({ lightbox }),
  patchLightbox: (id, patch) => set((s) => (s.lightbox?.id === id ? { lightbox: { ...s.lightbox, ...patch } } : s)),
}));

export const useDraftAttachments = (threadKey: string): DraftAttachment[] =>
  useAttachments((s) => s.drafts[threadKey] ?? NO_DRAFTS);

export const useAttachmentFailures = (threadKey: string): AttachmentFailure[] =>
  useAttachments((s) => s.failures[threadKey] ?? NO_FAILURES);

/** undefined = not known yet, null = main no longer has it. */
export const useAttachmentInfo = (id: string | undefined): AttachmentInfo | null | undefined =>
  useAttachments((s) => (id ? s.infos[id] : undefined));

/** The composer's attachments that main has taken in, in order. */
export function readyAttachmentIds(threadKey: string): string[] {
  const list = useAttachments.getState().drafts[threadKey] ?? NO_DRAFTS;
  return list.flatMap((d) => (d.status === 'ready' && d.id ? [d.id] : []));
}
