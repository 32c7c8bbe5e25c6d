// The renderer's one way to ask main for an answer: a new message, a retry in place, a regenerated
// answer or an edited question. Each puts what main returned into the message store the same way, inside
// awaitingMessage so the stream's first events (which can beat the reply) are not lost.
import type { InputPart, RouteInput } from '../../shared/contract';
import type { AppError, Message } from '../../shared/domain';
import { getApi } from '../api';
import { useCompare } from './compare';
import { awaitingMessage, useMessages } from './messages';
import { loadNewestPage } from './page-actions';
import { useThreads } from './threads';

export type AnswerRequest =
  | { kind: 'send'; threadId: string; parts: InputPart[] }
  /** the same answer again, in place (a failed, stopped or interrupted one) */
  | { kind: 'retry'; messageId: string }
  /** a new answer beside this one; the old one stays a branch */
  | { kind: 'regenerate'; messageId: string }
  /** this user message with new text, beside the old one, and its answer */
  | { kind: 'edit'; messageId: string; text: string }
  /** one message to 2–4 models at once: their answers are siblings, shown side by side (stores/compare.ts) */
  | { kind: 'compare'; threadId: string; parts: InputPart[]; models: RouteInput<'chat.compare'>['models'] };

/** Asks main for an answer. Null when main accepted it (the answer now streams), else main's error. */
export async function requestAnswer(req: AnswerRequest): Promise<AppError | null> {
  const api = getApi();
  const store = () => useMessages.getState();
  // A compare view still open goes back to the thread first: the new message follows its selected path.
  if (req.kind === 'send' || req.kind === 'compare') await leaveCompare(req.threadId);
  switch (req.kind) {
    case 'compare':
      return awaitingMessage(async () => {
        const sentAt = performance.now();
        const r = await api['chat.compare']({ threadId: req.threadId, parts: req.parts, models: req.models });
        if (!r.ok) return r.error;
        store().add(r.value.userMessage);
        for (const m of r.value.assistantMessages) store().putLoose(m);
        startRun(req.threadId, r.value.userMessage.id, r.value.assistantMessages, req.models, sentAt);
        return null;
      });
    case 'send':
      return awaitingMessage(async () => {
        const r = await api['chat.send']({ threadId: req.threadId, parts: req.parts });
        if (!r.ok) return r.error;
        store().add(r.value.userMessage);
        store().add(r.value.assistantMessage);
        return null;
      });
    case 'regenerate':
      return awaitingMessage(async () => {
        const r = await api['chat.regenerate']({ messageId: req.messageId });
        if (!r.ok) return r.error;
        store().branch(req.messageId, [r.value.message], { [r.value.message.id]: r.value.siblings });
        return null;
      });
    case 'edit':
      return awaitingMessage(async () => {
        const r = await api['chat.edit']({ messageId: req.messageId, text: req.text });
        if (!r.ok) return r.error;
        const { userMessage, assistantMessage, siblings } = r.value;
        store().branch(req.messageId, [userMessage, assistantMessage], { [userMessage.id]: siblings });
        return null;
      });
    case 'retry':
      return retry(req.messageId);
  }
}

/** Runs an answer again in place. The old text is cleared at once so new deltas land on a blank. */
async function retry(messageId: string): Promise<AppError | null> {
  const old = useMessages.getState().byId[messageId];
  if (!old) return null;
  const model = useThreads.getState().byId[old.threadId]?.model ?? old.model;
  const blank: Message = { ...old, parts: [], status: 'streaming', error: null, usage: null, finishReason: null, model };
  useMessages.getState().replace(blank);
  return awaitingMessage(async () => {
    const r = await getApi()['chat.retry']({ messageId });
    if (!r.ok) {
      useMessages.getState().replace(old);
      return r.error;
    }
    if (r.value.id !== messageId) useMessages.getState().swap(messageId, r.value);
    // Deltas may already have landed on the blank: then it is newer than main's answer.
    else if (useMessages.getState().byId[messageId] === blank) useMessages.getState().replace(r.value);
    return null;
  });
}

/** A compare view open on the thread closes, and the thread shows its selected path (the first column). */
async function leaveCompare(threadId: string): Promise<void> {
  if (!useCompare.getState().runs[threadId]) return;
  await loadNewestPage(threadId);
  useCompare.getState().endRun(threadId);
}

function startRun(
  threadId: string,
  questionId: string,
  answers: Message[],
  models: RouteInput<'chat.compare'>['models'],
  sentAt: number,
): void {
  const byId = useMessages.getState().byId;
  const columns = answers.map((m, i) => {
    // Events that beat main's reply were applied already (putLoose): the first token may be in.
    const now = byId[m.id] ?? m;
    return {
      model: m.model ?? models[i]!.model,
      protocol: models[i]!.protocol ?? 'openai-chat',
      rootId: m.id,
      ids: [m.id],
      sentAt,
      firstAt: now.parts.length > 0 ? performance.now() : null,
      endAt: now.status === 'streaming' ? null : performance.now(),
    };
  });
  useCompare.getState().startRun(threadId, { questionId, columns });
}
