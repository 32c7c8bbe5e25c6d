// JSON Schema checking with ajv: is a tool's input_schema a valid schema (draft 2020-12 or draft-07, as the
// APIs accept), and does a tool input match it. Compiled validators are cached by the schema's text.
// `pattern`, `patternProperties` and our formats run on RE2 (linear-time regex engine: re2-regexp.ts),
// since validation runs on main's thread and a backtracking `^(a+)+$` could freeze it.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { linearFormat, linearRegExp } from './re2-regexp';
import { pointer, type CheckResult, type Issue } from './schema';

type AjvInstance = Ajv | Ajv2020;
export type Draft = '2020-12' | 'draft-07';

// ajv reports strict-mode findings through its logger while compiling; compiling is synchronous, so a
// module-level sink set around each compile collects them for that schema only.
let sink: string[] | null = null;
const logger = {
  log: () => {},
  warn: (...args: unknown[]) => sink?.push(args.map(String).join(' ')),
  error: (...args: unknown[]) => sink?.push(args.map(String).join(' ')),
};

const OPTIONS = {
  allErrors: true,
  // Unknown keywords, undeclared required properties and loose tuples are usually typos: warn, do not
  // reject (the APIs accept them). Type-per-keyword strictness only produces noise for hand-written schemas.
  strict: 'log' as const,
  strictTypes: false,
  strictNumbers: true,
  allowUnionTypes: true,
  logger,
  code: { regExp: linearRegExp },
  // Otherwise ajv's strict mode tests each `properties` name against each `patternProperties` pattern
  // with a JS RegExp while compiling: a backtracking pattern in the schema alone could freeze main.
  allowMatchingProperties: true,
};

/** Formats we actually check; any other format is accepted unchecked, with a warning. */
const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
};

function makeAjv(kind: Draft): AjvInstance {
  const ajv = kind === '2020-12' ? new Ajv2020(OPTIONS) : new Ajv(OPTIONS);
  for (const [name, re] of Object.entries(FORMATS)) ajv.addFormat(name, linearFormat(re));
  return ajv;
}

const instances = new Map<Draft, AjvInstance>();
function ajvFor(draft: Draft): AjvInstance {
  let ajv = instances.get(draft);
  if (!ajv) instances.set(draft, (ajv = makeAjv(draft)));
  return ajv;
}

/** Which draft a schema declares; null when its `$schema` names one we do not support. */
export function schemaDraft(schema: Record<string, unknown>): Draft | null {
  const s = schema.$schema;
  if (s === undefined) return '2020-12';
  if (typeof s !== 'string') return null;
  if (/json-schema\.org\/draft\/2020-12\/schema#?$/.test(s)) return '2020-12';
  if (/json-schema\.org\/draft-07\/schema#?$/.test(s)) return 'draft-07';
  return null;
}

function collectFormats(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) for (const n of node) collectFormats(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') out.add(v);
      else collectFormats(v, out);
    }
  }
}

interface Compiled {
  validate: ValidateFunction | null;
  /** set when the schema could not be compiled (bad $ref, unknown draft …) */
  errors: Issue[];
  warnings: Issue[];
}

const CACHE_LIMIT = 256;
const cache = new Map<string, Compiled & { ajv?: AjvInstance; schema?: object }>();

function cleanWarning(message: string): Issue {
  const at = /at "#([^"]*)"/.exec(message);
  const text = message.replace(/^strict mode:\s*/, '').replace(/\s*\(strict\w+\)$/, '');
  return { path: at ? at[1]! : '', message: text };
}

/** Meta-schema errors → one readable issue per location (ajv's anyOf branches are noise to a user). */
export function metaIssues(errors: readonly ErrorObject[]): Issue[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const prev = byPath.get(e.instancePath);
    if (!prev || (prev.keyword !== 'enum' && e.keyword === 'enum')) byPath.set(e.instancePath, e);
  }
  return [...byPath.values()].map((e) => ({ path: e.instancePath, message: ajvMessage(e) }));
}

export function ajvMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) {
    return `must be one of: ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    return `must not have the property "${p.additionalProperty}"`;
  }
  return e.message ?? `fails "${e.keyword}"`;
}

/**
 * JSON nesting (objects and arrays) a schema may have. ajv compiles and JSON.stringify keys by
 * recursion, and a schema thousands of levels deep (a few KB of text) overflows the stack; real tool
 * schemas stay far below this.
 */
export const MAX_SCHEMA_DEPTH = 128;

/** Whether a JSON value nests deeper than `limit`, found without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Compiles (or finds in the cache) a validator for a schema. Never throws. */
export function compileSchema(schema: Record<string, unknown>): Compiled {
  if (nestsDeeperThan(schema, MAX_SCHEMA_DEPTH)) {
    return { validate: null, errors: [{ path: '', message: `the schema nests deeper than ${MAX_SCHEMA_DEPTH} levels` }], warnings: [] };
  }
  const draft = schemaDraft(schema);
  const key = `${draft}\n${JSON.stringify(schema)}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: the Map's order is the LRU order
    cache.set(key, hit);
    return hit;
  }
  let entry: Compiled & { ajv?: AjvInstance; schema?: object };
  if (!draft) {
    entry = {
      validate: null,
      errors: [{ path: '/$schema', message: 'unsupported $schema: use draft 2020-12 or draft-07' }],
      warnings: [],
    };
  } else {
    try {
      entry = compileWith(ajvFor(draft), structuredClone(schema));
    } catch (err) {
      // compileWith catches ajv.compile's errors; this is the net under the meta-schema check
      entry = { validate: null, errors: [{ path: '', message: `the schema cannot be checked: ${(err as Error).message}` }], warnings: [] };
    }
  }
  cache.set(key, entry);
  if (cache.size > CACHE_LIMIT) {
    const [oldKey, old] = cache.entries().next().value as [string, (typeof entry)];
    cache.delete(oldKey);
    if (old.ajv && old.schema) old.ajv.removeSchema(old.schema);
  }
  return entry;
}

function compileWith(ajv: AjvInstance, schema: Record<string, unknown>): Compiled & { ajv?: AjvInstance; schema?: object } {
  const warnings: Issue[] = [];
  if (!ajv.validateSchema(schema)) {
    return { validate: null, errors: metaIssues(ajv.errors ?? []), warnings };
  }
  const formats = new Set<string>();
  collectFormats(schema, formats);
  for (const f of formats) {
    if (f in FORMATS) continue;
    if (!ajv.formats[f]) ajv.addFormat(f, true);
    warnings.push({ path: '', message: `format "${f}" is not checked by the playground` });
  }
  // A schema's $id is registered globally in ajv; an edited schema keeps its $id, so drop the old one.
  if (typeof schema.$id === 'string' && ajv.getSchema(schema.$id)) ajv.removeSchema(schema.$id);
  const logs: string[] = [];
  sink = logs;
  try {
    const validate = ajv.compile(schema);
    warnings.push(...logs.filter((m) => !/unknown keyword: "x-/.test(m)).map(cleanWarning));
    return { validate, errors: [], warnings, ajv, schema };
  } catch (err) {
    return { validate: null, errors: [{ path: '', message: (err as Error).message }], warnings };
  } finally {
    sink = null;
  }
}

/**
 * Checks a tool's input_schema: a valid JSON Schema whose top-level type is "object" (both APIs require
 * it). Issue paths are JSON pointers under `base`.
 */
export function checkInputSchema(schema: Record<string, unknown>, base: readonly (string | number)[]): CheckResult {
  const prefix = pointer(base);
  const errors: Issue[] = [];
  if (schema.type !== 'object') {
    errors.push({ path: `${prefix}/type`, message: 'the top-level "type" must be "object"' });
  }
  const compiled = compileSchema(schema);
  errors.push(...compiled.errors.map((i) => ({ path: prefix + i.path, message: i.message })));
  const warnings = compiled.warnings.map((i) => ({ path: prefix + i.path, message: i.message }));
  return errors.length ? { ok: false, errors, warnings } : { ok: true, warnings };
}

/**
 * ajv checks `uniqueItems` on arrays of objects by comparing every pair: 5,000 items took ~1 s of main's
 * thread. Under a schema that uses it, inputs with longer arrays are refused instead (~50 ms at most).
 */
export const MAX_UNIQUE_ITEMS = 1000;

/** Whether any node of the (already depth-checked) schema says `uniqueItems: true`. */
function usesUniqueItems(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (!Array.isArray(node) && (node as Record<string, unknown>).uniqueItems === true) return true;
  return Object.values(node).some(usesUniqueItems);
}

/** The length of the longest array anywhere in a value, found without recursion. */
function longestArray(value: unknown): number {
  let longest = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) longest = Math.max(longest, node.length);
    for (const child of Object.values(node)) stack.push(child);
  }
  return longest;
}

/** Validates a value against a schema (the compiled validator is cached). */
export function checkValue(schema: Record<string, unknown>, value: unknown): CheckResult {
  const compiled = compileSchema(schema);
  if (!compiled.validate) {
    const why = compiled.errors.map((e) => e.message).join('; ');
    return { ok: false, errors: [{ path: '', message: `the tool's input_schema is invalid: ${why}` }], warnings: [] };
  }
  if (usesUniqueItems(schema)) {
    const longest = longestArray(value);
    if (longest > MAX_UNIQUE_ITEMS) {
      const message = `an array of ${longest} items is too long to check "uniqueItems" (at most ${MAX_UNIQUE_ITEMS})`;
      return { ok: false, errors: [{ path: '', message }], warnings: [] };
    }
  }
  let valid: boolean;
  try {
    valid = compiled.validate(value) as boolean;
  } catch (err) {
    // a recursive schema ($ref "#") meeting an input nested thousands of levels deep overflows the stack
    return { ok: false, errors: [{ path: '', message: `the input cannot be checked: ${(err as Error).message}` }], warnings: [] };
  }
  if (valid) return { ok: true, warnings: [] };
  const errors = (compiled.validate.errors ?? []).map((e) => ({ path: e.instancePath, message: ajvMessage(e) }));
  return { ok: false, errors, warnings: [] };
}
