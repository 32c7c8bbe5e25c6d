// Event delivery to renderers. Each window / WebSocket registers a sink under its client id.
// Chat deltas are queued per client and flushed at most once per ~16 ms as one `chat.events`
// push per message, only to the client that asked; other events go out at once.
import type { ChatEvent } from '../../shared/chat-events';
import type { EventName, EventPayload } from '../../shared/contract';

export type Sink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

interface Pending {
  threadId: string;
  messageId: string;
  events: ChatEvent[];
}

export class Clients {
  private sinks = new Map<string, Sink>();
  private queues = new Map<string, Map<string, Pending>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** clients whose chat deltas wait for the current macrotask to end (see holdChat) */
  private held = new Set<string>();

  constructor(private readonly flushIntervalMs = 16) {}

  attach(clientId: string, sink: Sink): () => void {
    this.sinks.set(clientId, sink);
    return () => {
      if (this.sinks.get(clientId) === sink) {
        this.sinks.delete(clientId);
        this.queues.delete(clientId);
      }
    };
  }

  has(clientId: string): boolean {
    return this.sinks.has(clientId);
  }

  send<E extends EventName>(clientId: string, event: E, payload: EventPayload<E>): void {
    this.sinks.get(clientId)?.(event, payload);
  }

  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const sink of this.sinks.values()) sink(event, payload);
  }

  /** Queue stream events for one message; delivered coalesced. */
  queueChat(clientId: string, threadId: string, messageId: string, events: ChatEvent[]): void {
    if (!this.sinks.has(clientId) || events.length === 0) return;
    let q = this.queues.get(clientId);
    if (!q) this.queues.set(clientId, (q = new Map()));
    const p = q.get(messageId);
    if (p) p.events.push(...events);
    else q.set(messageId, { threadId, messageId, events: [...events] });
    this.timer ??= setTimeout(() => this.flush(), this.flushIntervalMs);
  }

  /**
   * Forgets what is queued for one client about one message: chat.attach hands that client a snapshot
   * that already holds those events, so delivering them too would apply them twice.
   */
  dropQueued(clientId: string, messageId: string): void {
    this.queues.get(clientId)?.delete(messageId);
  }

  /**
   * Keeps this client's chat deltas queued until the current macrotask has ended. chat.attach returns a
   * snapshot; both transports send a route's result within the microtasks that follow its handler, so a
   * delta flushed by a stream ending in those same microtasks would reach the window before the
   * snapshot and be overwritten by it. Held until then, every later delta arrives after the snapshot.
   */
  holdChat(clientId: string): void {
    this.held.add(clientId);
    setImmediate(() => {
      this.held.delete(clientId);
      if (this.queues.get(clientId)?.size) this.timer ??= setTimeout(() => this.flush(), this.flushIntervalMs);
    });
  }

  /** Deliver everything queued now (also called when a stream ends, so the last state is never late). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [clientId, q] of this.queues) {
      if (this.held.has(clientId)) continue;
      this.queues.delete(clientId);
      const sink = this.sinks.get(clientId);
      for (const p of q.values()) sink?.('chat.events', p);
    }
  }
}
