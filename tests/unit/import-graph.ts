// The import graph of the app's own code and the layering rules of ARCHITECTURE.md § Runtimes and
// § Import cycles, as plain functions so tests can run them on the real tree and on made-up graphs.
// Imports are read with TypeScript's parser rather than a regex: a string such as accept="image/*" or an
// import shown in a comment must not count, and a multi-line or type-only import must not hide.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export interface Edge {
  /** the specifier as written */
  spec: string;
  /** repo-relative path (posix) of the file it resolves to; null for packages and unresolved paths */
  target: string | null;
  typeOnly: boolean;
  line: number;
}

/** repo-relative path (posix) → what that file imports */
export type Graph = Map<string, Edge[]>;

const SOURCE = /\.(ts|tsx|mts|mjs|cjs|js)$/;
const CANDIDATES = ['', '.ts', '.tsx', '.mts', '.mjs', '/index.ts', '/index.tsx'];

/** The four files that may import Electron (ARCHITECTURE.md § Runtimes). */
export const ELECTRON_FILES = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/platform/electron.ts',
  'electron/transport/electron-ipc.ts',
];
/** Build scripts run in plain Node; there `electron` is the npm package that names the binary. */
const ELECTRON_TOOLING = 'electron/scripts/';

const posix = (p: string) => p.split(path.sep).join('/');
const isFile = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;

function listSources(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...listSources(root, rel));
    else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function resolveRelative(root: string, from: string, spec: string): string | null {
  const base = path.resolve(root, path.dirname(from), spec.split('?')[0]!);
  const tries = CANDIDATES.map((ext) => base + ext);
  // `./x.js` written for `./x.ts` (TypeScript's own convention under NodeNext).
  if (/\.m?js$/.test(base)) tries.push(base.replace(/\.(m?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'));
  const found = tries.find(isFile);
  return found ? posix(path.relative(root, found)) : null;
}

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.m?ts$/.test(file)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

/** Every import, export-from, import-equals, require() and import() (also `typeof import()`) in a source. */
export function readImports(file: string, text: string): { spec: string; typeOnly: boolean; line: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const out: { spec: string; typeOnly: boolean; line: number }[] = [];
  const add = (literal: ts.Node, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(literal)) return;
    out.push({ spec: literal.text, typeOnly, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.arguments[0]) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      if (dynamic || (ts.isIdentifier(callee) && callee.text === 'require')) add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Reads the graph of every source file under the given top-level folders of `root`. */
export function readGraph(root: string, folders: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of folders.flatMap((dir) => listSources(root, dir)).sort()) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    graph.set(
      file,
      readImports(file, text).map((i) => ({
        ...i,
        target: i.spec.startsWith('.') ? resolveRelative(root, file, i.spec) : null,
      })),
    );
  }
  return graph;
}

const where = (file: string, e: Edge) => `${file}:${e.line} imports '${e.spec}'`;
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);
const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');

/** Relative imports that point at no file (a path the other rules could not judge). */
export function unresolved(graph: Graph): string[] {
  return [...graph].flatMap(([file, edges]) =>
    edges.filter((e) => e.spec.startsWith('.') && e.target === null).map((e) => where(file, e)),
  );
}

/** `electron` imported anywhere but the four Electron files (and the build scripts). */
export function strayElectronImports(graph: Graph): string[] {
  return [...graph]
    .filter(([file]) => !ELECTRON_FILES.includes(file) && !file.startsWith(ELECTRON_TOOLING))
    .flatMap(([file, edges]) => edges.filter((e) => isElectron(e.spec)).map((e) => where(file, e)));
}

/** renderer/ reaching into electron/, Electron itself, or Node's built-in modules. */
export function rendererLeaks(graph: Graph): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith('renderer/'))
    .flatMap(([file, edges]) =>
      edges
        .filter((e) => e.target?.startsWith('electron/') || isElectron(e.spec) || isNodeBuiltin(e.spec))
        .map((e) => where(file, e)),
    );
}

/** shared/ importing anything but shared/ and zod. */
export function sharedLeaks(graph: Graph): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith('shared/'))
    .flatMap(([file, edges]) =>
      edges
        .filter((e) =>
          e.spec.startsWith('.') ? !e.target?.startsWith('shared/') : e.spec !== 'zod' && !e.spec.startsWith('zod/'),
        )
        .map((e) => where(file, e)),
    );
}

/**
 * One cycle per strongly connected component, as a path `a → b → a`, shortest through the component's
 * first file. Type-only imports count: they are erased at run time, but they tie the two modules' designs
 * together just the same.
 */
export function cycles(graph: Graph): string[] {
  const next = (file: string) => [
    ...new Set((graph.get(file) ?? []).flatMap((e) => (e.target && graph.has(e.target) ? [e.target] : []))),
  ];
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    components.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);

  return components
    .filter((c) => c.length > 1 || next(c[0]!).includes(c[0]!))
    .map((component) => {
      const inside = new Set(component);
      const start = component[0]!;
      // Breadth-first from start back to start, within the component: the shortest cycle through it.
      const parent = new Map<string, string>();
      const queue = [start];
      while (queue.length > 0) {
        const v = queue.shift()!;
        const hit = next(v).find((w) => w === start);
        if (hit !== undefined) {
          const chain = [start];
          for (let u: string | undefined = v; u !== undefined && u !== start; u = parent.get(u)) {
            chain.splice(1, 0, u);
          }
          return [...chain, start].join(' → ');
        }
        for (const w of next(v)) {
          if (inside.has(w) && w !== start && !parent.has(w)) {
            parent.set(w, v);
            queue.push(w);
          }
        }
      }
      return component.join(' → ');
    })
    .sort();
}
