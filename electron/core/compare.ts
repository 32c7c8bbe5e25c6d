// Compare models (ARCHITECTURE.md § Compare models): one user message answered by 2–4 models at once.
// Each answer is an ordinary assistant message, a sibling under the one user message, run by ChatService
// with the column's model and protocol laid over the thread — the same step, tool loop and trace code as
// every answer, so each column is traced, stoppable, attachable and stored like any other. The first
// column is the selected branch until the user keeps another (messages.select).
import type { InputPart, RouteInput } from '../../shared/contract';
import { defaultProtocolFor, type Message, type Thread } from '../../shared/domain';
import { titleFrom, type ChatService } from './chat';
import type { CoreContext } from './context';
import { AppFailure } from './failure';
import { newMessage } from './new-message';
import type { PlaygroundService } from './playground';

export type CompareModel = RouteInput<'chat.compare'>['models'][number];

/** The thread as one column sees it: the column's model and protocol, everything else the thread's. */
export function columnThread(thread: Thread, target: CompareModel): Thread {
  const model = target.model.trim();
  const protocol = target.protocol ?? (model === thread.model ? thread.protocol : defaultProtocolFor(model));
  return { ...thread, model, protocol };
}

export class CompareRunner {
  constructor(
    private readonly ctx: CoreContext,
    private readonly chat: ChatService,
    private readonly playground: PlaygroundService,
  ) {}

  async send(
    threadId: string,
    input: InputPart[],
    targets: CompareModel[],
    clientId: string,
  ): Promise<{ userMessage: Message; assistantMessages: Message[] }> {
    const thread = this.ctx.threads.get(threadId);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.');
    // As chat.send: everything that can fail is checked, for every column, before anything is stored.
    const parts = await this.chat.toParts(input);
    if (parts.length === 0) throw AppFailure.of('invalid_input', 'Type a message first.');
    const { apiKey } = await this.ctx.threadTarget(threadId);
    const columns = targets.map((t) => columnThread(thread, t));
    const history = this.ctx.messages.lastMessages(threadId);
    for (const column of columns) {
      // An image a Messages column cannot take is refused before any column starts.
      this.ctx.attachments.checkSendable(column.protocol, history, parts);
      this.playground.checkSendable(column);
    }

    const now = Date.now();
    const isFirst = history.length === 0;
    const userMessage = this.ctx.messages.insert(newMessage({ threadId, role: 'user', parts, createdAt: now }));
    const assistantMessages = columns.map((column, i) =>
      // Creation order is column order, so the branch indicator reads 1/N… in the columns' order.
      this.ctx.messages.insert({ ...this.chat.newAssistant(column, now + 1 + i), parentId: userMessage.id }),
    );
    // The first column is the thread's answer until another is kept.
    this.ctx.messages.select(assistantMessages[0]!.id);
    this.chat.updateThreadAfterSend(thread, isFirst ? titleFrom(parts) : null);
    columns.forEach((column, i) => this.chat.start(column, assistantMessages[i]!, clientId, apiKey));
    return { userMessage, assistantMessages };
  }
}
