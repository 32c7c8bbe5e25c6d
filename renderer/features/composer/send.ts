// Sending what the composer holds: the text first, then the attachments in the order the user
// arranged them. Text-only sends go through sendDraft. Nothing is cleared unless main accepted the
// message, so a refused send keeps the text and every attachment.
import type { InputPart, RouteInput } from '../../../shared/contract';
import { useAttachments, type DraftAttachment } from '../../stores/attachments';
import { sendDraft } from '../../stores/chat-actions';
import { requestAnswer } from '../../stores/send-path';
import { useUi } from '../../stores/ui';

const ready = (d: DraftAttachment): d is DraftAttachment & { id: string } => d.status === 'ready' && Boolean(d.id);

/** Enter / Send: the draft text and all attachments. */
export async function sendComposer(threadKey: string): Promise<boolean> {
  const drafts = useAttachments.getState().drafts[threadKey] ?? [];
  if (drafts.length === 0) return sendDraft(threadKey);
  if (!drafts.every(ready)) return false; // still being taken in: the Send button says so
  const text = useUi.getState().drafts[threadKey] ?? '';
  return sendParts(threadKey, text, drafts, true);
}

/** Compare: the draft text and all attachments, to every model of the compare row at once. */
export async function sendCompare(threadId: string, models: RouteInput<'chat.compare'>['models']): Promise<boolean> {
  const drafts = useAttachments.getState().drafts[threadId] ?? [];
  if (!drafts.every(ready)) return false;
  return sendParts(threadId, useUi.getState().drafts[threadId] ?? '', drafts, true, models);
}

/**
 * "Describe": the given images (all of the composer's images when no keys are given) with the
 * describe prompt. The typed text stays in the composer for the next message.
 */
export async function sendDescribe(threadKey: string, prompt: string, keys?: readonly string[]): Promise<boolean> {
  const { drafts, infos } = useAttachments.getState();
  const images = (drafts[threadKey] ?? []).filter(
    (d) => ready(d) && infos[d.id!]?.kind === 'image' && (!keys || keys.includes(d.key)),
  );
  if (images.length === 0) return false;
  return sendParts(threadKey, prompt, images, false);
}

async function sendParts(
  threadKey: string,
  text: string,
  drafts: DraftAttachment[],
  consumesText: boolean,
  compare?: RouteInput<'chat.compare'>['models'],
): Promise<boolean> {
  // Attachments only ever live in a thread's composer (taking files in opens a thread first).
  if (!threadKey) return false;
  const parts: InputPart[] = [];
  if (text.trim()) parts.push({ type: 'text', text });
  for (const d of drafts) if (d.id) parts.push({ type: 'attachment', attachmentId: d.id });
  if (parts.length === 0) return false;
  useUi.getState().setSendError(threadKey, null);
  const error = await requestAnswer(
    compare ? { kind: 'compare', threadId: threadKey, parts, models: compare } : { kind: 'send', threadId: threadKey, parts },
  );
  if (error) {
    useUi.getState().setSendError(threadKey, error);
    return false;
  }
  if (consumesText && (useUi.getState().drafts[threadKey] ?? '') === text) useUi.getState().setDraft(threadKey, '');
  useAttachments.getState().removeDrafts(threadKey, drafts.map((d) => d.key));
  useAttachments.getState().clearFailures(threadKey);
  return true;
}
