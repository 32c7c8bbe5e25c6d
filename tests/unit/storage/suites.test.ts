// A thread's suite, runs and cells in SQLite: stored and read back in matrix order, deleted with the thread,
// and an unreadable row is reported and skipped, never thrown.
import { describe, expect, it } from 'vitest';
import { openStorage, type CorruptRow } from '../../../electron/storage';
import { SuitesRepo } from '../../../electron/storage/suites';
import type { Suite, SuiteRun } from '../../../shared/suite';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('suites');

const suite: Suite = { version: 1, name: 's', models: ['m'], tools: [], cases: [{ name: 'c', messages: ['hi'], expect: [{ noToolErrors: true }] }] };
const cell = (id: string, status: SuiteRun['cells'][number]['status']) => ({ id, caseName: 'c', model: id, status, assertions: [], steps: 0, tokens: 0, ms: 0, cost: null });

function setup() {
  const storage = openStorage(temp.file());
  const corrupt: CorruptRow[] = [];
  const repo = new SuitesRepo(storage.db, (r) => corrupt.push(r));
  const thread = storage.threads.create({ model: 'm', protocol: 'openai-chat' });
  return { storage, repo, corrupt, thread };
}

describe('SuitesRepo', () => {
  it('keeps a suite and its runs, newest first, cells in matrix order with their traces', () => {
    const { storage, repo, thread } = setup();
    expect(repo.get(thread.id)).toBeNull();
    repo.put(thread.id, suite);
    expect(repo.get(thread.id)).toEqual(suite);
    repo.addRun(thread.id, { id: 'r1', startedAt: 1, finishedAt: null, models: ['a', 'b'], cells: [cell('a', 'queued'), cell('b', 'queued')] });
    repo.putCell('r1', 1, cell('b', 'fail'), null);
    repo.finishRun('r1', 5);
    repo.addRun(thread.id, { id: 'r2', startedAt: 2, finishedAt: null, models: ['a'], cells: [cell('x', 'queued')] });
    const runs = repo.runs(thread.id);
    expect(runs.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(runs[1]!.finishedAt).toBe(5);
    expect(runs[1]!.cells.map((c) => [c.id, c.status])).toEqual([['a', 'queued'], ['b', 'fail']]);
    expect(repo.trace('a')).toBeNull();
    storage.threads.delete(thread.id);
    expect(repo.get(thread.id)).toBeNull();
    expect(repo.runs(thread.id)).toEqual([]);
    storage.close();
  });

  it('reports and skips rows it cannot read', () => {
    const { storage, repo, corrupt, thread } = setup();
    repo.put(thread.id, suite);
    repo.addRun(thread.id, { id: 'r1', startedAt: 1, finishedAt: 2, models: ['a'], cells: [cell('a', 'pass'), cell('b', 'pass')] });
    storage.db.prepare("UPDATE suites SET data = '{not json'").run();
    storage.db.prepare("UPDATE suite_cells SET data = '{\"id\": 1}', trace = '[]' WHERE id = 'b'").run();
    expect(repo.get(thread.id)).toBeNull();
    expect(repo.runs(thread.id)[0]!.cells.map((c) => c.id)).toEqual(['a']);
    expect(repo.trace('b')).toBeNull();
    expect(corrupt.map((c) => c.table)).toEqual(['suites', 'suite_cells', 'suite_cells']);
    storage.close();
  });
});
