// What the trace view asks of main: a step as curl, the whole trace as a file, and a step run again
// with an edited body into a new branch thread (which then becomes the selected thread).
import type { AppError } from '../../../shared/domain';
import { getApi } from '../../api';
import { awaitingMessage, useMessages } from '../../stores/messages';
import { selectThread } from '../../stores/thread-actions';
import { useThreads } from '../../stores/threads';
import { closeTrace } from '../../stores/traces';
import { copyText, downloadText } from '../playground/lib';

export async function copyCurl(messageId: string, step: number): Promise<AppError | null> {
  const res = await getApi()['traces.curl']({ messageId, step });
  if (!res.ok) return res.error;
  try {
    await copyText(res.value.curl);
  } catch (err) {
    return { code: 'unknown', message: (err as Error).message };
  }
  return null;
}

export async function exportTraceFile(messageId: string): Promise<AppError | null> {
  const res = await getApi()['traces.export']({ messageId });
  if (!res.ok) return res.error;
  downloadText(res.value.fileName, res.value.json);
  return null;
}

export async function resendStep(messageId: string, step: number, body: string): Promise<AppError | null> {
  // The branch's answer starts streaming before main replies: its events wait until it is added.
  const res = await awaitingMessage(async () => {
    const r = await getApi()['traces.resend']({ messageId, step, body });
    if (r.ok) {
      useThreads.getState().upsert(r.value.thread, { insert: true });
      useMessages.getState().add(r.value.assistantMessage);
    }
    return r;
  });
  if (!res.ok) return res.error;
  closeTrace();
  selectThread(res.value.thread.id);
  return null;
}

/** Which step of its loop's trace an answer is: the assistant messages since the user's message. */
export function stepOfMessage(threadId: string, messageId: string): number {
  const { idsByThread, byId } = useMessages.getState();
  const ids = idsByThread[threadId] ?? [];
  let n = 0;
  for (let j = ids.lastIndexOf(messageId); j >= 0; j--) {
    const m = byId[ids[j]!];
    if (!m) continue;
    if (m.role === 'user') break;
    if (m.role === 'assistant') n++;
  }
  return Math.max(0, n - 1);
}
