// The answers running in main, with the state main has applied to each of their messages, and who
// their events go to. A window that reloads (Electron keeps its client id, browser mode gets a new one)
// or a socket that reconnects loses what it had; `chat.attach` gives it this state at once and makes it
// an audience of the answer's later events. Main is single-threaded, so taking the snapshot and joining
// the audience happen with no event in between: nothing is lost and nothing is applied twice.
import type { Message } from '../../shared/domain';

/** The clients that receive one answer's events: the window that asked, and any that attached since. */
export class Audience {
  readonly clientIds = new Set<string>();

  constructor(first: string) {
    this.clientIds.add(first);
  }
}

interface Entry {
  message: Message;
  audience: Audience;
}

export class LiveAnswers {
  private byId = new Map<string, Entry>();

  /** Records the latest state of a message of a running answer (every emitted batch calls this). */
  put(message: Message, audience: Audience): void {
    this.byId.set(message.id, { message, audience });
  }

  /** The answer has stored its final state: nothing of it is live any more. */
  end(messageIds: Iterable<string>, audience: Audience): void {
    for (const id of messageIds) if (this.byId.get(id)?.audience === audience) this.byId.delete(id);
  }

  /** Messages of running answers (of one thread, or all), oldest first, with their audiences. */
  list(threadId?: string): Entry[] {
    const out = [...this.byId.values()].filter((e) => threadId === undefined || e.message.threadId === threadId);
    return out.sort((a, b) => a.message.createdAt - b.message.createdAt);
  }

  /** A client went away for good: its audiences stop naming it. */
  forget(clientId: string): void {
    for (const { audience } of this.byId.values()) audience.clientIds.delete(clientId);
  }
}
