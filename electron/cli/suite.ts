// `npm run suite -- FILE --base-url URL [--model M]… [--out results.json] [--profile NAME] [--protocol P]`
// The suite runner of the app (electron/core/suite/runner.ts) in plain Node, for CI: prints the matrix,
// writes the results, and exits 0 when every assertion passed, 1 when one failed, 2 on a usage or
// connection error. The key comes from YIBU_API_KEY or a profile's keychain entry, goes only into the
// auth header of requests to its own origin, and never into the output (the redactor scrubs both).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PRICE_PRESETS } from '../../shared/cost';
import { AnthropicAuth, DEFAULT_SETTINGS, Protocol } from '../../shared/domain';
import { DEFAULT_PROFILE_ID } from '../../shared/profiles';
import { describeIssues } from '../../shared/tools';
import { parseSuite, type Suite } from '../../shared/suite';
import { checkBaseUrl } from '../core/base-url';
import { AppFailure } from '../core/failure';
import { KeyAccess, keyAccountsFor } from '../core/key-access';
import { Redactor } from '../core/redact';
import { CONNECTION_CODES, runSuite, type CellOutcome } from '../core/suite/runner';
import { describeAssertion } from '../core/suite/assertions';
import { createNodePlatform } from '../platform/node';
import { createSecretStore } from '../secrets';
import { disposeSandbox } from '../tools';
import { formatMatrix, resultsJson } from './matrix';
import { createSuiteMcp } from '../mcp/suite';

const USAGE =
  'usage: npm run suite -- FILE --base-url URL [--model M]… [--out results.json] [--profile NAME] [--protocol openai-chat|anthropic-messages] [--auth bearer|x-api-key|both] [--data-dir DIR]';

class UsageError extends Error {}

interface Args {
  file: string;
  baseUrl: string;
  models: string[];
  out?: string;
  profile?: string;
  protocol?: Protocol;
  /** which header carries the key on Anthropic Messages requests (a profile's own style by default) */
  auth?: AnthropicAuth;
  dataDir?: string;
}

function args(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'base-url': { type: 'string' },
        model: { type: 'string', multiple: true },
        out: { type: 'string' },
        profile: { type: 'string' },
        protocol: { type: 'string' },
        auth: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) throw new UsageError('');
  if (parsed.positionals.length !== 1) throw new UsageError('give exactly one suite FILE');
  if (!v['base-url']) throw new UsageError('--base-url is required');
  let protocol: Protocol | undefined;
  if (v.protocol !== undefined) {
    const p = Protocol.safeParse(v.protocol);
    if (!p.success) throw new UsageError(`--protocol must be ${Protocol.options.join(' or ')}`);
    protocol = p.data;
  }
  let auth: AnthropicAuth | undefined;
  if (v.auth !== undefined) {
    const r = AnthropicAuth.safeParse(v.auth);
    if (!r.success) throw new UsageError(`--auth must be ${AnthropicAuth.options.join(', ')}`);
    auth = r.data;
  }
  return { file: parsed.positionals[0]!, baseUrl: v['base-url'], models: v.model ?? [], out: v.out, profile: v.profile, protocol, auth, dataDir: v['data-dir'] };
}

function readSuite(file: string): Suite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const r = parseSuite(text);
  if (!r.ok) throw new UsageError(`${file} is not a valid suite: ${describeIssues(r.errors)}`);
  return r.suite;
}

function defaultDataDir(): string {
  const home = process.env.HOME ?? process.cwd();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Yibu Chat');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, 'Yibu Chat');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Yibu Chat');
}

/** The key: YIBU_API_KEY, else the profile's keychain entry (bound to its origin like in the app). */
async function apiKey(a: Args, baseUrl: string, redactor: Redactor): Promise<{ key: string; auth: AnthropicAuth }> {
  const env = process.env.YIBU_API_KEY?.trim();
  delete process.env.YIBU_API_KEY; // as the app does: a child process never inherits it
  if (env && !a.profile) return { key: env, auth: a.auth ?? DEFAULT_SETTINGS.anthropicAuth };
  if (!a.profile) throw new UsageError('set YIBU_API_KEY, or name a profile whose key is in the keychain with --profile');
  const dataDir = path.resolve(a.dataDir ?? defaultDataDir());
  const { id, auth } = await profileOf(a.profile, dataDir);
  const secrets = await createSecretStore({ userDataDir: dataDir });
  const platform = createNodePlatform({ userDataDir: dataDir, secrets, logger: silentLogger, version: 'cli' });
  const keys = new KeyAccess(platform, redactor, () => ({ ...DEFAULT_SETTINGS, baseUrl }), keyAccountsFor(id));
  return { key: await keys.keyFor(baseUrl), auth: a.auth ?? auth };
}

/** A profile's id and auth style by its name (or id), read from the app's database without changing it. */
async function profileOf(nameOrId: string, dataDir: string): Promise<{ id: string; auth: AnthropicAuth }> {
  if (nameOrId === DEFAULT_PROFILE_ID) return { id: nameOrId, auth: DEFAULT_SETTINGS.anthropicAuth };
  const { default: Database } = await import('better-sqlite3');
  let db;
  try {
    db = new Database(path.join(dataDir, 'yibu-chat.db'), { readonly: true, fileMustExist: true });
  } catch {
    throw new UsageError(`no app data in ${dataDir} to find the profile "${nameOrId}" (use --data-dir)`);
  }
  try {
    const rows = db.prepare('SELECT id, name, auth_style FROM profiles').all() as Array<{ id: string; name: string; auth_style: string }>;
    const hit = rows.find((r) => r.id === nameOrId) ?? rows.find((r) => r.name === nameOrId);
    if (!hit) throw new UsageError(`no profile named "${nameOrId}" (have: ${rows.map((r) => r.name).join(', ') || 'none'})`);
    const auth = AnthropicAuth.safeParse(hit.auth_style);
    return { id: hit.id, auth: auth.success ? auth.data : DEFAULT_SETTINGS.anthropicAuth };
  } finally {
    db.close();
  }
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

async function main(argv: string[]): Promise<number> {
  const redactor = new Redactor();
  const print = (s: string) => process.stdout.write(redactor.text(s) + '\n');
  const a = args(argv);
  const suite = readSuite(a.file);
  let baseUrl: string;
  try {
    baseUrl = checkBaseUrl(a.baseUrl);
  } catch (err) {
    throw new UsageError(`--base-url: ${(err as Error).message}`);
  }
  const { key, auth } = await apiKey(a, baseUrl, redactor);
  redactor.add(key);
  const outcomes = await runSuite(
    suite,
    { target: { baseUrl, apiKey: key, authStyle: auth, fetch: globalThis.fetch }, redactor, prices: PRICE_PRESETS, concurrency: 3, mcp: createSuiteMcp() },
    { models: a.models, protocol: a.protocol },
  );
  print(formatMatrix(suite, outcomes));
  for (const { cell } of outcomes) {
    if (cell.status === 'pass') continue;
    const kase = suite.cases.find((c) => c.name === cell.caseName);
    print(`✗ ${cell.caseName} × ${cell.model}${cell.error ? `: ${cell.error}` : ''}`);
    cell.assertions.forEach((r, i) => {
      if (r.passed) return;
      const what = kase?.expect[i] ? describeAssertion(kase.expect[i]!) : `assertion ${i + 1}`;
      print(`    ${what}: expected ${r.expected}, actual ${r.actual}`);
    });
  }
  if (a.out) writeFileSync(a.out, redactor.text(JSON.stringify(resultsJson(outcomes), null, 2)) + '\n');
  const unreachable = outcomes.filter((o) => o.errorCode && CONNECTION_CODES.has(o.errorCode));
  if (unreachable.length > 0) {
    process.stderr.write(redactor.text(`could not reach ${baseUrl}: ${unreachable[0]!.cell.error ?? 'connection failed'}\n`));
    return 2;
  }
  return outcomes.every((o) => o.cell.status === 'pass') ? 0 : 1;
}

main(process.argv.slice(2))
  .then(
    (code) => code,
    (err: unknown) => {
      if (err instanceof UsageError) {
        if (err.message) process.stderr.write(`suite: ${err.message}\n`);
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const msg = err instanceof AppFailure ? err.error.message : err instanceof Error ? err.message : String(err);
      process.stderr.write(`suite: ${msg}\n`);
      return 2;
    },
  )
  .then(async (code) => {
    await disposeSandbox();
    process.exitCode = code;
  });
