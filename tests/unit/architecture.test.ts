// The layering ARCHITECTURE.md promises, enforced: the runtime of every file is visible from its folder
// (§ Runtimes) and no module imports itself round a loop (§ Import cycles). The first block proves each
// check can fail, on small made-up graphs; the second runs them on the real tree.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './temp-dirs';
import {
  cycles,
  readGraph,
  rendererLeaks,
  sharedLeaks,
  strayElectronImports,
  unresolved,
  type Edge,
  type Graph,
} from './import-graph';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A graph from `{file: [specifier, ...]}`; a specifier that names a file in the graph is an edge to it. */
function graphOf(files: Record<string, string[]>): Graph {
  return new Map(
    Object.entries(files).map(([file, specs]): [string, Edge[]] => [
      file,
      specs.map((spec) => ({ spec, target: spec in files ? spec : null, typeOnly: false, line: 1 })),
    ]),
  );
}

describe('the checks catch what they are for', () => {
  const temp = useTempDirs('arch');

  it('reads static, type-only, re-export, multi-line, dynamic and require imports; nothing in strings or comments', () => {
    const root = temp.dir();
    fs.mkdirSync(path.join(root, 'renderer/lib'), { recursive: true });
    const source = [
      "import type { A } from './lib/a';",
      "export * from './lib/b';",
      'import {',
      '  c,',
      "} from './lib/c';",
      "const d = await import('./lib/d');",
      "const fs = require('node:fs');",
      "// import x from 'electron';",
      "const accept = 'image/*,application/pdf'; const s = \"from 'not-a-module'\";",
      "/* import y from 'electron'; */",
      "export type T = typeof import('./lib/e');",
    ].join('\n');
    fs.writeFileSync(path.join(root, 'renderer/x.ts'), source);
    for (const name of ['a', 'b', 'c', 'd']) fs.writeFileSync(path.join(root, `renderer/lib/${name}.ts`), '');
    fs.mkdirSync(path.join(root, 'renderer/lib/e'));
    fs.writeFileSync(path.join(root, 'renderer/lib/e/index.tsx'), '');

    const edges = readGraph(root, ['renderer']).get('renderer/x.ts')!;
    expect(edges.map((e) => [e.spec, e.target, e.typeOnly])).toEqual([
      ['./lib/a', 'renderer/lib/a.ts', true],
      ['./lib/b', 'renderer/lib/b.ts', false],
      ['./lib/c', 'renderer/lib/c.ts', false],
      ['./lib/d', 'renderer/lib/d.ts', false],
      ['node:fs', null, false],
      ['./lib/e', 'renderer/lib/e/index.tsx', true],
    ]);
  });

  it('flags electron outside the four Electron files', () => {
    const graph = graphOf({ 'electron/main.ts': ['electron'], 'electron/core/core.ts': ['electron'] });
    expect(strayElectronImports(graph)).toEqual(["electron/core/core.ts:1 imports 'electron'"]);
  });

  it('flags renderer reaching into electron/ or Node', () => {
    const graph = graphOf({
      'renderer/a.ts': ['electron/core/core.ts', 'node:path', 'fs', 'react'],
      'electron/core/core.ts': [],
    });
    expect(rendererLeaks(graph)).toEqual([
      "renderer/a.ts:1 imports 'electron/core/core.ts'",
      "renderer/a.ts:1 imports 'node:path'",
      "renderer/a.ts:1 imports 'fs'",
    ]);
  });

  it('flags shared/ importing anything but shared/ and zod', () => {
    const graph = graphOf({ 'shared/a.ts': ['zod', './b', 'react'] });
    graph.get('shared/a.ts')![1]!.target = 'renderer/b.ts';
    expect(sharedLeaks(graph)).toEqual(["shared/a.ts:1 imports './b'", "shared/a.ts:1 imports 'react'"]);
  });

  it('reports each cycle as a path, shortest through its first file', () => {
    const graph = graphOf({
      'r/a.ts': ['r/b.ts'],
      'r/b.ts': ['r/c.ts', 'r/a.ts'],
      'r/c.ts': ['r/a.ts'],
      'r/d.ts': ['r/d.ts'],
      'r/e.ts': ['r/a.ts'],
    });
    expect(cycles(graph)).toEqual(['r/a.ts → r/b.ts → r/a.ts', 'r/d.ts → r/d.ts']);
    expect(cycles(graphOf({ 'r/a.ts': ['r/b.ts'], 'r/b.ts': [] }))).toEqual([]);
  });
});

describe('the codebase keeps its layers', () => {
  const graph = readGraph(ROOT, ['electron', 'renderer', 'shared']);

  it('reads the whole tree', () => {
    for (const file of ['electron/main.ts', 'renderer/main.tsx', 'shared/contract.ts']) expect(graph.has(file)).toBe(true);
    expect(unresolved(graph), 'relative imports that point at no file').toEqual([]);
  });

  it('imports electron only in main.ts, preload.ts, platform/electron.ts and transport/electron-ipc.ts', () => {
    const stray = strayElectronImports(graph);
    expect(stray, 'see ARCHITECTURE.md § Runtimes: only four files may import electron').toEqual([]);
  });

  it('keeps renderer/ away from electron/ and Node built-ins', () => {
    expect(rendererLeaks(graph), 'see ARCHITECTURE.md § Runtimes: renderer/ is DOM only').toEqual([]);
  });

  it('keeps shared/ to shared/ and zod', () => {
    expect(sharedLeaks(graph), 'see ARCHITECTURE.md § Runtimes: shared/ runs anywhere').toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph), 'see ARCHITECTURE.md § Import cycles').toEqual([]);
  });
});
