// The start-up sweep: an answer that was streaming when the app died (crash, kill -9, power cut) stays
// `streaming` in the database forever, and Retry refuses it. Before the core takes requests, every such
// answer becomes `interrupted`, its partial text kept; the tool calls it left in flight do too.
import type { Message, Part } from '../../shared/domain';
import type { CorruptReporter } from './corrupt';
import type { Db } from './db';
import { fromMessageRow, MESSAGE_COLUMNS, reportCorrupt, type MessageRow } from './message-rows';

/** Tool-call states that only a live loop can move on from. */
const IN_FLIGHT = new Set(['streaming', 'waiting', 'running']);

type ToolCallPart = Extract<Part, { type: 'tool_call' }>;

/**
 * Whether the call was left mid-way by a dead tool loop. A call `waiting` with nothing awaited is also the
 * final state of calls a step limit left unrun, so inside a finished answer only the loop's own marks
 * (running, streaming, awaiting the user) count.
 */
function leftInFlight(p: ToolCallPart, answerStreaming: boolean): boolean {
  if (p.status === 'running' || p.status === 'streaming' || p.awaiting !== undefined) return true;
  return answerStreaming && IN_FLIGHT.has(p.status);
}

/** The message as it is after an interruption, or null when nothing about it was left in flight. */
export function interruptedState(m: Message): Message | null {
  const streaming = m.status === 'streaming';
  let touched = false;
  const parts = m.parts.map((p): Part => {
    if (p.type !== 'tool_call' || !leftInFlight(p, streaming)) return p;
    touched = true;
    const { awaiting: _awaiting, ...rest } = p;
    return { ...rest, status: 'interrupted' };
  });
  if (!streaming && !touched) return null;
  return { ...m, parts, status: 'interrupted' };
}

/**
 * Marks what a previous run left unfinished as `interrupted` and returns those messages. Call it once,
 * when the data folder is known to be this process's alone (instance lock), before any answer starts.
 * Candidates: every `streaming` message (a partial index), and each thread's newest answer, where a tool
 * loop that died between two steps leaves a finished message with calls still running or awaiting.
 */
export function interruptUnfinished(db: Db, onCorrupt?: CorruptReporter): Message[] {
  const streaming = db.prepare<[], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE status = 'streaming'`);
  const newestWithTools = db.prepare<[], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages
     WHERE seq IN (SELECT (SELECT seq FROM messages x WHERE x.thread_id = t.id ORDER BY created_at DESC, seq DESC LIMIT 1)
                   FROM threads t)
       AND role = 'assistant' AND status <> 'streaming' AND instr(parts, '"tool_call"') > 0`,
  );
  const update = db.prepare<[{ id: string; parts: string; status: string }]>(
    'UPDATE messages SET parts = @parts, status = @status WHERE id = @id',
  );
  return db
    .transaction((): Message[] => {
      const out: Message[] = [];
      for (const row of [...streaming.all(), ...newestWithTools.all()]) {
        const read = fromMessageRow(row);
        if (!read.ok) {
          // Unreadable parts: keep them as they are for the user to see, but do not leave it `streaming`.
          reportCorrupt(onCorrupt, row.id, read.issue);
          if (row.status === 'streaming') update.run({ id: row.id, parts: row.parts, status: 'interrupted' });
          continue;
        }
        const next = interruptedState(read.message);
        if (!next) continue;
        update.run({ id: next.id, parts: JSON.stringify(next.parts), status: next.status });
        out.push(next);
      }
      return out;
    })
    .immediate();
}
