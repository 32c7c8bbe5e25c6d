// `npm run bench`: runs every benchmark, prints the numbers and writes them to .bench/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, root } from '../../electron/scripts/lib.mjs';
import { ensureNativeFor } from '../../electron/scripts/native.mjs';

ensureBuilt();
ensureNativeFor('node');
const out = path.join(root, '.bench', 'results.json');
rmSync(out, { force: true });
const dir = path.join(root, 'tests', 'bench');
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  console.log(`\n== ${file}`);
  const r = spawnSync('npx', ['tsx', path.join(dir, file), out], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (existsSync(out)) console.log(`\nResults written to ${path.relative(root, out)}`);
process.exit(failed ? 1 : 0);
