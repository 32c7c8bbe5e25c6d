// A clone must hold everything it reads and cites: no file points outside the repository (the design notes
// and fixtures once lived in a folder beside it), and every citation such as `ARCHITECTURE.md § Runtimes`
// or `PROTOCOLS.md §2, case 38` names a heading, section or case that exists.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARCHITECTURE = 'ARCHITECTURE.md';
const PROTOCOLS = 'electron/providers/PROTOCOLS.md';
// Spelled in pieces so that this file, which is scanned too, does not match itself (nor its bad examples).
const OUTSIDE_FOLDERS = ['docs', 'fixtures'].map((sub) => ['shared', sub].join('/'));
const A = ['ARCHITECTURE', 'md'].join('.');
const P = ['PROTOCOLS', 'md'].join('.');

/** Tracked and untracked-but-not-ignored files, outside node_modules, as repo-relative paths. */
function repositoryFiles(): string[] {
  let listed: string[];
  try {
    const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
    listed = execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    listed = walk(''); // not a git checkout (an unpacked archive): every file but the usual build output
  }
  const inRepo = (f: string) => !f.split('/').includes('node_modules') && fs.existsSync(path.join(ROOT, f));
  return [...new Set(listed)].filter(inRepo).sort();
}

function walk(dir: string): string[] {
  const skip = new Set(['node_modules', 'dist', 'release', '.git', '.tmp', '.bench', 'test-results', 'playwright-report']);
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (skip.has(e.name)) return [];
    return e.isDirectory() ? walk(rel) : e.isFile() ? [rel] : [];
  });
}

function readText(file: string): string | null {
  const bytes = fs.readFileSync(path.join(ROOT, file));
  return bytes.subarray(0, 8000).includes(0) ? null : bytes.toString('utf8'); // binary (an image): no text to cite
}

/**
 * References to the folder outside the repository in one file's text: a relative path to `shared` that,
 * resolved from the file's folder, leaves the repository, or a name only that folder has (its docs and
 * fixtures; the repository's own shared/ has neither). Imports such as `../../shared/contract` resolve inside.
 */
export function outsideReferences(file: string, text: string, root = ROOT): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    for (const m of line.matchAll(/(?:\.\.[/\\])+shared(?![\w-])/g)) {
      const target = path.resolve(root, path.dirname(file), m[0]);
      if (path.relative(root, target).startsWith('..')) found.push(`${at}: ${m[0]}`);
    }
    for (const name of OUTSIDE_FOLDERS) if (line.includes(name)) found.push(`${at}: ${name}`);
  });
  return found;
}

/** Section citations (a file name, `.md`, then `§`) of a markdown file the repository lacks, e.g. an old name. */
export function unknownDocCitations(file: string, text: string, docs: Set<string>): string[] {
  return [...text.matchAll(/([\w.-]+\.md)\s*§/g)].filter((m) => !docs.has(m[1]!)).map((m) => `${file}: ${m[0]}`);
}

/** `## Heading` lines of a markdown file. */
function headings(markdown: string): string[] {
  return [...markdown.matchAll(/^##\s+(.+?)\s*$/gm)].map((m) => m[1]!);
}

/** ARCHITECTURE.md citations whose text after `§` does not start with an existing heading. */
export function badArchitectureCitations(file: string, text: string, known: string[]): string[] {
  // Inside ARCHITECTURE.md itself a bare "§ Heading" cites its own sections.
  const pattern = file === ARCHITECTURE ? /(?:ARCHITECTURE\.md\s*)?§ ([^\n]+)/g : /ARCHITECTURE\.md\s*§\s*([^\n]+)/g;
  return [...text.matchAll(pattern)]
    .filter((m) => !known.some((h) => m[1]!.startsWith(h) && !/^[\w-]/.test(m[1]!.slice(h.length))))
    .map((m) => `${file}: ${m[0].slice(0, 80)}`);
}

/** PROTOCOLS.md citations naming a section (§N, §N–§M) or a case (case N, cases N–M) that does not exist. */
export function badProtocolCitations(file: string, text: string, sections: number[], cases: number): string[] {
  const bad: string[] = [];
  const range = (a: string, b: string | undefined) => {
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    return Array.from({ length: Math.max(1, to - from + 1) }, (_, i) => from + i);
  };
  const own = file === PROTOCOLS;
  const pattern = own
    ? /()§(\d+)(?:\s*[–-]\s*§?(\d+))?(?:,\s*(?:conformance\s+)?cases?\s+(\d+)(?:\s*[–-]\s*(\d+))?)?/g
    : /(PROTOCOLS\.md)\s*§(\d+)(?:\s*[–-]\s*§?(\d+))?(?:,\s*(?:conformance\s+)?cases?\s+(\d+)(?:\s*[–-]\s*(\d+))?)?/g;
  for (const m of text.matchAll(pattern)) {
    const missing = range(m[2]!, m[3]).some((n) => !sections.includes(n));
    const wrongCase = m[4] !== undefined && range(m[4], m[5]).some((n) => n < 1 || n > cases);
    if (missing || wrongCase) bad.push(`${file}: ${m[0]}`);
  }
  return bad;
}

describe('the checks catch what they are for', () => {
  const up = (n: number) => '../'.repeat(n);

  it('tells a path out of the repository from an import of its own shared/ folder', () => {
    const root = '/repo';
    expect(outsideReferences('renderer/stores/x.ts', `import { a } from '${up(2)}shared/domain';`, root)).toEqual([]);
    expect(outsideReferences('renderer/tsconfig.json', `"include": [".", "${up(1)}shared"]`, root)).toEqual([]);
    expect(outsideReferences('tests/unit/x.ts', `resolve(here, '${up(3)}shared/recorded')`, root)).toHaveLength(1);
    expect(outsideReferences('README.md', `See ${up(1)}shared for the design.`, root)).toHaveLength(1);
    expect(outsideReferences('a.ts', `// see ${OUTSIDE_FOLDERS[0]}/x.md`, root)).toHaveLength(1);
  });

  it('flags citations of headings, sections and cases that do not exist', () => {
    const known = ['Runtimes', 'One message, end to end'];
    expect(badArchitectureCitations('a.ts', `// ${A} § Runtimes: only four files`, known)).toEqual([]);
    expect(badArchitectureCitations('a.ts', `// (${A} § One message, end to end)`, known)).toEqual([]);
    expect(badArchitectureCitations('a.ts', `// ${A} § Runtime rules`, known)).toHaveLength(1);
    expect(badArchitectureCitations('a.ts', `// ${A} § Secrets`, known)).toHaveLength(1);
    expect(badProtocolCitations('a.ts', `// ${P} §2, conformance cases 29–37`, [1, 2, 3], 40)).toEqual([]);
    expect(badProtocolCitations('a.ts', `// ${P} §1–§3`, [1, 2, 3], 40)).toEqual([]);
    expect(badProtocolCitations('a.ts', `// ${P} §1–§4`, [1, 2, 3], 40)).toHaveLength(1);
    expect(badProtocolCitations('a.ts', `// ${P} §3, case 41`, [1, 2, 3], 40)).toHaveLength(1);
    expect(unknownDocCitations('a.ts', `// ${P.toLowerCase()} §3, case 38`, new Set([P]))).toHaveLength(1);
  });
});

describe('the repository is self-contained', () => {
  const files = repositoryFiles();
  const texts = new Map(files.flatMap((f) => {
    const text = readText(f);
    return text === null ? [] : [[f, text] as const];
  }));

  it('has its design notes at the top and its protocol notes beside the providers', () => {
    expect(files).toContain(ARCHITECTURE);
    expect(files).toContain(PROTOCOLS);
    expect(files.filter((f) => f.startsWith('tests/fixtures/recorded/')).length).toBeGreaterThan(5);
  });

  it('reads and cites nothing outside the repository', () => {
    const found = [...texts].flatMap(([file, text]) => outsideReferences(file, text));
    expect(found, 'keep fixtures in tests/fixtures/ and cite ARCHITECTURE.md or PROTOCOLS.md').toEqual([]);
  });

  it('cites sections only of markdown files it has', () => {
    const docs = new Set(files.filter((f) => f.endsWith('.md')).map((f) => path.basename(f)));
    const bad = [...texts].flatMap(([file, text]) => unknownDocCitations(file, text, docs));
    expect(bad, 'cite ARCHITECTURE.md or PROTOCOLS.md').toEqual([]);
  });

  it('cites only ARCHITECTURE.md headings that exist', () => {
    const known = headings(texts.get(ARCHITECTURE)!);
    const bad = [...texts].flatMap(([file, text]) => badArchitectureCitations(file, text, known));
    expect(bad, `headings of ARCHITECTURE.md: ${known.join(' | ')}`).toEqual([]);
  });

  it('cites only PROTOCOLS.md sections and conformance cases that exist', () => {
    const doc = texts.get(PROTOCOLS)!;
    const sections = headings(doc).flatMap((h) => (/^\d+\./.test(h) ? [parseInt(h, 10)] : []));
    const cases = [...doc.slice(doc.indexOf('## 5.')).matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(sections).toEqual([1, 2, 3, 4, 5]);
    expect(cases).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const bad = [...texts].flatMap(([file, text]) => badProtocolCitations(file, text, sections, cases.length));
    expect(bad).toEqual([]);
  });

  it('names only files that exist, in the docs', () => {
    // PROTOCOLS.md also names files of the SDKs' repositories (`tests/lib/…`): a tests/ path is ours when
    // its folder under tests/ is.
    const ours = (p: string) =>
      !p.startsWith('tests/') || fs.existsSync(path.join(ROOT, p.split('/').slice(0, 2).join('/')));
    const missing = ['README.md', ARCHITECTURE, PROTOCOLS].flatMap((doc) =>
      [...texts.get(doc)!.matchAll(/`((?:electron|renderer|shared|tests|\.ci)\/[\w./-]*)`/g)]
        .map((m) => m[1]!)
        .filter((p) => ours(p) && !fs.existsSync(path.join(ROOT, p)))
        .map((p) => `${doc}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists every literal data-testid of the renderer in ARCHITECTURE.md § Stable handles', () => {
    const arch = texts.get(ARCHITECTURE)!;
    const section = arch.slice(arch.indexOf('## Stable handles'));
    const listed = new Set([...section.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!));
    const used = new Set(
      [...texts]
        .filter(([file]) => file.startsWith('renderer/') && file.endsWith('.tsx'))
        .flatMap(([, text]) => [...text.matchAll(/(?:data-testid|testId|customTestId)\s*=\s*["']([a-z0-9-]+)["']/g)])
        .map((m) => m[1]!),
    );
    expect(used.size).toBeGreaterThan(50);
    const unlisted = [...used].filter((id) => !listed.has(id)).sort();
    expect(unlisted, 'add new handles to ARCHITECTURE.md § Stable handles').toEqual([]);
  });
});
