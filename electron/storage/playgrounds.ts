// A thread's playground configuration (tools and loop options), one JSON row per thread.
import { DEFAULT_PLAYGROUND, PlaygroundConfig } from '../../shared/tools';
import type { CorruptReporter } from './corrupt';
import type { Db } from './db';

export class PlaygroundsRepo {
  private readonly stmt;

  constructor(
    db: Db,
    private readonly onCorrupt?: CorruptReporter,
  ) {
    this.stmt = {
      get: db.prepare<[string], { data: string }>('SELECT data FROM playgrounds WHERE thread_id = ?'),
      put: db.prepare<[string, string]>(
        'INSERT INTO playgrounds (thread_id, data) VALUES (?, ?) ON CONFLICT (thread_id) DO UPDATE SET data = excluded.data',
      ),
    };
  }

  /** The thread's playground, or the default (disabled, no tools) when it never had one. */
  get(threadId: string): PlaygroundConfig {
    const row = this.stmt.get.get(threadId);
    if (!row) return structuredClone(DEFAULT_PLAYGROUND);
    let json: unknown;
    try {
      json = JSON.parse(row.data);
    } catch {
      json = undefined;
    }
    const parsed = PlaygroundConfig.safeParse(json);
    if (parsed.success) return parsed.data;
    this.onCorrupt?.({ table: 'playgrounds', id: threadId, issue: 'data does not match PlaygroundConfig' });
    return structuredClone(DEFAULT_PLAYGROUND);
  }

  put(threadId: string, config: PlaygroundConfig): PlaygroundConfig {
    const valid = PlaygroundConfig.parse(config);
    this.stmt.put.run(threadId, JSON.stringify(valid));
    return valid;
  }
}
