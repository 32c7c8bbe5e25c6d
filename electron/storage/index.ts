// The storage layer: one SQLite file, its repositories and the streaming message writer.
import { openDatabase, type Db, type OpenDatabaseOptions } from './db';
import type { CorruptReporter } from './corrupt';
import { createMessageWriter, type MessageWriter, type MessageWriterOptions } from './message-writer';
import { MessagesRepo } from './messages';
import { SettingsRepo } from './settings';
import { ThreadsRepo } from './threads';
import { ThreadParamsRepo } from './thread-params';
import { PlaygroundsRepo } from './playgrounds';
import { TracesRepo } from './traces';
import { SearchRepo } from './search';
import { MessageWindowRepo } from './message-window';

export { openDatabase, migrate, schemaVersion, type Db, type OpenDatabaseOptions } from './db';
export { MIGRATIONS, type Migration } from './migrations';
export type { CorruptRow, CorruptReporter } from './corrupt';
export { SettingsRepo, SettingsPatch } from './settings';
export { ThreadsRepo, NewThread, ThreadPatch, type ListThreadsOptions, type RepoOptions } from './threads';
export { MessagesRepo, MessagePatch, type ListMessagesOptions, type MessagePage } from './messages';
export { TracesRepo } from './traces';
export { PlaygroundsRepo } from './playgrounds';
export { createMessageWriter, type MessageWriter, type MessageWriterOptions } from './message-writer';
export { interruptUnfinished, interruptedState } from './sweep';
export { SearchRepo, parseQuery, type SearchHit, type SnippetPart, type ThreadMatches } from './search';
export { MessageWindowRepo, type MessageWindow } from './message-window';

export interface Storage {
  readonly db: Db;
  readonly settings: SettingsRepo;
  readonly threads: ThreadsRepo;
  readonly messages: MessagesRepo;
  readonly traces: TracesRepo;
  readonly playgrounds: PlaygroundsRepo;
  readonly writer: MessageWriter;
  readonly search: SearchRepo;
  readonly windows: MessageWindowRepo;
  /** flushes the writer, then closes the database */
  close(): void;
}

export interface OpenStorageOptions extends OpenDatabaseOptions {
  onCorrupt?: CorruptReporter;
  writer?: MessageWriterOptions;
}

/** Opens the database file and builds every repository on it (statements are prepared once, here). */
export function openStorage(file: string, opts: OpenStorageOptions = {}): Storage {
  const db = openDatabase(file, opts);
  const writer = createMessageWriter(db, opts.writer);
  return {
    db,
    settings: new SettingsRepo(db, opts.onCorrupt),
    threads: new ThreadsRepo(db, { onCorrupt: opts.onCorrupt, params: new ThreadParamsRepo(db, opts.onCorrupt) }),
    messages: new MessagesRepo(db, { onCorrupt: opts.onCorrupt }),
    traces: new TracesRepo(db, { onCorrupt: opts.onCorrupt }),
    playgrounds: new PlaygroundsRepo(db, opts.onCorrupt),
    writer,
    search: new SearchRepo(db),
    windows: new MessageWindowRepo(db, { onCorrupt: opts.onCorrupt }),
    close() {
      try {
        writer.close();
      } finally {
        db.close();
      }
    },
  };
}
