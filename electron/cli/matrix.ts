// What the suite CLI prints and writes: the cases × models matrix as a text table, and the results JSON
// (`{cases: [{name, model, passed, assertions: [{passed, expected, actual}], steps, tokens, ms}]}`).
import type { Suite } from '../../shared/suite';
import type { CellOutcome } from '../core/suite/runner';

const MARK: Record<string, string> = { pass: '✓ pass', fail: '✗ FAIL', error: '! ERROR', queued: '…', running: '…' };

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

export function formatMatrix(suite: Suite, outcomes: readonly CellOutcome[]): string {
  const models = [...new Set(outcomes.map((o) => o.cell.model))];
  const cases = suite.cases.map((c) => c.name).filter((n) => outcomes.some((o) => o.cell.caseName === n));
  const text = (caseName: string, model: string) => {
    const c = outcomes.find((o) => o.cell.caseName === caseName && o.cell.model === model)?.cell;
    if (!c) return '';
    const passed = c.assertions.filter((a) => a.passed).length;
    return `${MARK[c.status]} ${passed}/${c.assertions.length} · ${c.steps} steps · ${c.tokens} tok · ${c.ms} ms`;
  };
  const header = ['case', ...models];
  const rows = cases.map((n) => [n, ...models.map((m) => text(n, m))]);
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]) => r.map((x, i) => pad(x, widths[i]!)).join('  ').trimEnd();
  const pass = outcomes.filter((o) => o.cell.status === 'pass').length;
  const fail = outcomes.length - pass;
  return [`suite: ${suite.name}`, line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line), `cells: ${pass} pass · ${fail} not passing`].join('\n');
}

export function resultsJson(outcomes: readonly CellOutcome[]) {
  return {
    cases: outcomes.map(({ cell }) => ({
      name: cell.caseName,
      model: cell.model,
      passed: cell.status === 'pass',
      status: cell.status,
      ...(cell.error ? { error: cell.error } : {}),
      assertions: cell.assertions.map((a) => ({ passed: a.passed, expected: a.expected, actual: a.actual })),
      steps: cell.steps,
      tokens: cell.tokens,
      ms: cell.ms,
      cost: cell.cost,
    })),
  };
}
