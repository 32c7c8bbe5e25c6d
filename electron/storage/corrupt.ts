/** A row that could not be read back. Reported (logged by the caller), never thrown from a list. */
export interface CorruptRow {
  table: 'settings' | 'threads' | 'messages' | 'traces' | 'playgrounds' | 'profiles' | 'thread_params' | 'batch_rows' | 'suites' | 'suite_cells' | 'mcp_servers';
  id: string;
  issue: string;
}

export type CorruptReporter = (row: CorruptRow) => void;
