// Compare models: the composer's row (open, pick, add, remove), what the running columns hear from main
// (first token, end, a tool loop's next message), Stop for every column, and leaving the compare view by
// keeping one answer (messages.select: the others stay its branches) or by going back to the thread.
import type { ChatEvent } from '../../shared/chat-events';
import { defaultProtocolFor, type Message, type Protocol, type Thread } from '../../shared/domain';
import { getApi } from '../api';
import { selectBranch } from './chat-actions';
import { columnEndingWith, COMPARE_MAX, COMPARE_MIN, useCompare, type CompareRun } from './compare';
import { useMessages } from './messages';
import { loopActiveOn } from './playground';
import { useSettings } from './settings';
import { useUi } from './ui';

/** The protocol a column's model is asked with: the thread's for its own model, else the one its id suggests. */
export function protocolFor(thread: Pick<Thread, 'model' | 'protocol'>, model: string): Protocol {
  return model === thread.model ? thread.protocol : defaultProtocolFor(model);
}

/** Opens the row with the thread's model and one other (of the other family when the gateway has one). */
export function openCompareRow(thread: Pick<Thread, 'id' | 'model'>): void {
  const models = useSettings.getState().models.value ?? [];
  const claude = /^claude/i.test(thread.model);
  const others = models.filter((m) => m !== thread.model);
  const other = others.find((m) => /^claude/i.test(m) !== claude) ?? others[0] ?? thread.model;
  useCompare.getState().setRow(thread.id, [thread.model, other]);
}

export function closeCompareRow(threadId: string): void {
  useCompare.getState().setRow(threadId, null);
}

export function setCompareModel(threadId: string, index: number, model: string): void {
  const row = useCompare.getState().rows[threadId];
  if (row) useCompare.getState().setRow(threadId, row.map((m, i) => (i === index ? model : m)));
}

/** Another column: the first gateway model not in the row yet. */
export function addCompareModel(threadId: string): void {
  const row = useCompare.getState().rows[threadId];
  if (!row || row.length >= COMPARE_MAX) return;
  const models = useSettings.getState().models.value ?? [];
  useCompare.getState().setRow(threadId, [...row, models.find((m) => !row.includes(m)) ?? row[row.length - 1]!]);
}

export function removeCompareModel(threadId: string, index: number): void {
  const row = useCompare.getState().rows[threadId];
  if (row && row.length > COMPARE_MIN) useCompare.getState().setRow(threadId, row.filter((_, i) => i !== index));
}

/** A pushed batch for a column's message: when its first token came, when it (last) ended. */
export function noteCompareEvents(messageId: string, events: readonly ChatEvent[]): void {
  const shows = events.some((e) => e.type !== 'status' && e.type !== 'usage' && e.type !== 'finish');
  const ends = events.some((e) => e.type === 'status' && e.status !== 'streaming');
  if (!shows && !ends) return;
  const now = performance.now();
  useCompare.getState().updateColumn(messageId, (c) => ({
    ...c,
    firstAt: c.firstAt ?? (shows ? now : null),
    endAt: ends ? now : c.endAt,
  }));
}

/** A message main created on its own (a tool loop's next step): taken into its column when it continues one. */
export function claimCompareMessage(message: Message): boolean {
  const column = message.parentId ? columnEndingWith(message.parentId) : null;
  if (!column) return false;
  useMessages.getState().putLoose(message);
  useCompare.getState().updateColumn(column.rootId, (c) => ({ ...c, ids: [...c.ids, message.id], endAt: null }));
  return true;
}

/** Whether any column of the run is still answering (streaming, or its tool loop runs or waits). */
export function runActive(run: CompareRun | undefined, byId: Record<string, Message>): boolean {
  return !!run?.columns.some((c) => c.ids.some((id) => byId[id] !== undefined && loopActiveOn(byId[id]!)));
}

/** Stop: every column still answering stops (its text so far is kept). */
export async function stopCompare(threadId: string): Promise<void> {
  const run = useCompare.getState().runs[threadId];
  const byId = useMessages.getState().byId;
  if (!run) return;
  const active = run.columns.filter((c) => c.ids.some((id) => byId[id] !== undefined && loopActiveOn(byId[id]!)));
  const results = await Promise.all(active.map((c) => getApi()['chat.stop']({ messageId: c.ids[c.ids.length - 1]! })));
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) useUi.getState().showNotice(failed.error);
}

/** Keeps one column's answer as the thread's; the thread shows it with the others as its branches. */
export async function keepColumn(threadId: string, rootId: string): Promise<void> {
  await selectBranch(rootId);
  useCompare.getState().endRun(threadId);
  useUi.getState().requestComposerFocus();
}

/** Back to the thread without choosing: the first column stays its answer, the others its branches. */
export async function closeCompare(threadId: string): Promise<void> {
  const run = useCompare.getState().runs[threadId];
  if (run) await selectBranch(run.columns[0]!.rootId);
  useCompare.getState().endRun(threadId);
}
