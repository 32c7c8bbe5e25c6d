// The schema, as an append-only list. Version N is MIGRATIONS[N - 1]: never edit or reorder a shipped
// step, add a new one at the end (openDatabase refuses a database whose step names do not match).
import type Database from 'better-sqlite3';

/** The connection type, named here rather than imported from db.ts, which imports this file. */
type Db = Database.Database;

export interface Migration {
  /** recorded in schema_migrations; must stay the same once shipped */
  readonly name: string;
  /** SQL run inside the migration's transaction, or a function for steps that need to look at data */
  readonly up: string | ((db: Db) => void);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'initial',
    up: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL -- JSON
      );

      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL,
        protocol TEXT NOT NULL,
        system_prompt TEXT NOT NULL DEFAULT '',
        thinking TEXT, -- JSON ThinkingOption or NULL
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- the index ends in the rowid, so "updated_at DESC, rowid DESC" (newest first, ties by creation
      -- order) is a backward scan of it with no sort step
      CREATE INDEX threads_by_updated ON threads (updated_at);

      -- seq keeps insertion order among messages created in the same millisecond
      -- (a user message and its assistant reply usually are).
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        parts TEXT NOT NULL, -- JSON Part[]
        search_text TEXT NOT NULL DEFAULT '', -- visible text of the parts, for thread search
        status TEXT NOT NULL,
        error TEXT, -- JSON AppError
        usage TEXT, -- JSON Usage
        model TEXT,
        finish_reason TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_thread_created ON messages (thread_id, created_at, seq);
    `,
  },
  {
    name: 'traces',
    up: `
      -- one recorded answer (every HTTP step of it); deleted with its message
      CREATE TABLE traces (
        id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        thread_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        data TEXT NOT NULL -- JSON Trace
      );
      -- (message_id, created_at): the cascade's lookup, and "newest trace of a message" without a sort
      CREATE INDEX traces_by_message ON traces (message_id, created_at);
    `,
  },
  {
    name: 'playgrounds',
    up: `
      -- a thread's tool playground (tools, tool_choice, loop options) as JSON; deleted with its thread
      CREATE TABLE playgrounds (
        thread_id TEXT PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
        data TEXT NOT NULL
      );
    `,
  },
  {
    // Answers left `streaming` by a crash are marked `interrupted` on every start (sweep.ts); this partial
    // index makes finding them a lookup, not a scan. The step also keeps an older app, which would read
    // `interrupted` rows as corrupt, from opening a database that may hold them.
    name: 'interrupted_answers',
    up: `CREATE INDEX messages_streaming ON messages (thread_id) WHERE status = 'streaming';`,
  },
  {
    name: 'message-search',
    up: `
      -- Full-text index over the text a reader sees (messages.search_text, written by the repository and the
      -- stream writer). trigram: substrings of any script, Chinese included, case-insensitive; a query
      -- needs 3+ characters (search.ts falls back to LIKE below that). External content: the text lives
      -- once, in messages; the triggers below keep the index in step with every insert, update and delete
      -- (a thread's cascade included).
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        search_text, content = 'messages', content_rowid = 'seq', tokenize = 'trigram'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
      END;
      -- Only when the text changed: a status-only write of a streaming message costs no re-indexing.
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages
      WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
        INSERT INTO messages_fts (rowid, search_text) VALUES (new.seq, new.search_text);
      END;
      -- Databases written before this step: index what is already there.
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `,
  },
  {
    // Branches (edit and regenerate keep the old version as a sibling): each message points at its parent,
    // and among siblings the one with the highest `chosen` is on the selected path. An existing thread
    // becomes one chain, each message the child of the one before it, so it reads exactly as before.
    name: 'message_branches',
    up: `
      ALTER TABLE messages ADD COLUMN parent_id TEXT;
      ALTER TABLE messages ADD COLUMN chosen INTEGER NOT NULL DEFAULT 0;
      UPDATE messages SET chosen = seq, parent_id = (
        SELECT p.id FROM messages p
        WHERE p.thread_id = messages.thread_id
          AND (p.created_at < messages.created_at OR (p.created_at = messages.created_at AND p.seq < messages.seq))
        ORDER BY p.created_at DESC, p.seq DESC LIMIT 1
      );
      CREATE INDEX messages_by_parent ON messages (parent_id);
      -- a new or chosen message takes the thread's highest chosen + 1: a lookup, not a scan
      CREATE INDEX messages_by_thread_chosen ON messages (thread_id, chosen);
    `,
  },
  {
    // Connection profiles (shared/profiles.ts). The default profile's base URL and auth style stay in
    // settings (the Settings dialog's own fields); its row holds the rest. A thread's profile is pinned
    // in thread_profiles when it is first used, so changing the profile for new threads moves no old one.
    name: 'profiles',
    up: `
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        preset TEXT NOT NULL,
        base_url TEXT NOT NULL,
        protocol TEXT NOT NULL,
        auth_style TEXT NOT NULL,
        proxy_url TEXT,
        created_at INTEGER NOT NULL
      );
      INSERT INTO profiles (id, name, preset, base_url, protocol, auth_style, proxy_url, created_at)
        VALUES ('default', '一步API', 'yibu', '', 'openai-chat', 'bearer', NULL, 0);
      CREATE TABLE thread_profiles (
        thread_id TEXT PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
        profile_id TEXT NOT NULL
      );
      CREATE TABLE profile_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    // A thread's sampling parameters (shared/domain.ts ThreadParams) as JSON, deleted with its thread.
    // No row = every default, so existing threads keep sending what they sent before.
    name: 'thread_params',
    up: `
      CREATE TABLE thread_params (
        thread_id TEXT PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
        data TEXT NOT NULL
      );
    `,
  },
  {
    // "Describe each" (ARCHITECTURE.md § Batches): a batch owns a hidden thread holding each row's
    // question and answer; a row names its image and, once started, its answer. Both go with the thread.
    name: 'batches',
    up: `
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        prompt TEXT NOT NULL,
        concurrency INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE batch_rows (
        id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        attachment_id TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        message_id TEXT,
        started_at INTEGER,
        ended_at INTEGER,
        error TEXT -- JSON AppError or NULL
      );
      CREATE INDEX batch_rows_by_batch ON batch_rows (batch_id, idx);
    `,
  },
  {
    // Test suites (issue 11): a thread's suite file as JSON, its runs, and each run's cells (case × model:
    // status, assertion results, numbers, and the cell's trace). Deleted with the thread.
    name: 'suites',
    up: `
      CREATE TABLE suites (
        thread_id TEXT PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE suite_runs (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        models TEXT NOT NULL
      );
      CREATE INDEX suite_runs_by_thread ON suite_runs (thread_id, started_at);
      CREATE TABLE suite_cells (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES suite_runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data TEXT NOT NULL,
        trace TEXT
      );
      CREATE INDEX suite_cells_by_run ON suite_cells (run_id, seq);
    `,
  },
  {
    // MCP servers (shared/mcp.ts McpServerConfig as JSON, app-wide; secret header values stay in the
    // secret store, the row keeps a reference) and the MCP tools switched on per thread.
    name: 'mcp_servers',
    up: `
      CREATE TABLE mcp_servers (
        name TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE mcp_thread_tools (
        thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        server TEXT NOT NULL,
        tool TEXT NOT NULL,
        PRIMARY KEY (thread_id, server, tool)
      );
    `,
  },
  {
    // Every page of a thread walks its message tree (electron/storage/branches.ts), which reads id, parent,
    // chosen and time of all its messages: from this index alone, without a row lookup per message (a
    // 10,000-message thread's tree read went from tens of milliseconds to a few).
    name: 'messages_tree_index',
    up: `
      CREATE INDEX messages_tree ON messages (thread_id, parent_id, chosen, created_at, id);
    `,
  },
  {
    // Search words of 1–2 characters (most Chinese words; "ai", "js") through an index instead of a LIKE scan
    // (electron/storage/grams.ts): each message's distinct 1- and 2-character grams, as ASCII tokens made by
    // the app function yibu_message_grams (registered on every connection, db.ts). detail=none keeps only
    // which messages hold a gram; contentless, since the text already lives in messages; contentless_delete
    // lets a delete name just the rowid, so removing a message never depends on the function.
    name: 'message-grams',
    up: `
      CREATE VIRTUAL TABLE messages_grams USING fts5(
        grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
      );
      CREATE TRIGGER messages_grams_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_grams (rowid, grams) VALUES (new.seq, yibu_message_grams(new.search_text));
      END;
      CREATE TRIGGER messages_grams_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_grams WHERE rowid = old.seq;
      END;
      CREATE TRIGGER messages_grams_update AFTER UPDATE OF search_text ON messages
      WHEN old.search_text IS NOT new.search_text BEGIN
        DELETE FROM messages_grams WHERE rowid = old.seq;
        INSERT INTO messages_grams (rowid, grams) VALUES (new.seq, yibu_message_grams(new.search_text));
      END;
      INSERT INTO messages_grams (rowid, grams) SELECT seq, yibu_message_grams(search_text) FROM messages;
    `,
  },
];
