// Everything the Tests tab asks main: load, save (each assertion edit), save a case from the thread,
// run, import and export. Cell progress arrives as `suites.cell` events, subscribed once.
import type { Assertion, Suite } from '../../shared/suite';
import { getApi } from '../api';
import { flushPlayground } from './playground';
import { suiteEntry, useSuites } from './suites';

let subscribed = false;

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  getApi().on['suites.cell'](({ threadId, runId, cell }) => useSuites.getState().applyCell(threadId, runId, cell));
}

export async function loadSuite(threadId: string): Promise<void> {
  subscribe();
  const res = await getApi()['suites.get']({ threadId });
  const patch = useSuites.getState().patch;
  if (!res.ok) return patch(threadId, { error: res.error });
  const current = suiteEntry(threadId).run;
  // A run still filling in keeps its live cells (events may have arrived before this answer).
  const run = current && res.value.lastRun?.id === current.id ? current : res.value.lastRun;
  patch(threadId, { suite: res.value.suite, run, error: null });
}

/** Saves an edited suite; on refusal the stored one stays and the error is shown. */
export async function saveSuite(threadId: string, suite: Suite): Promise<void> {
  const patch = useSuites.getState().patch;
  patch(threadId, { suite });
  const res = await getApi()['suites.save']({ threadId, suite });
  patch(threadId, res.ok ? { suite: res.value, error: null } : { error: res.error });
}

export function editCase(threadId: string, caseName: string, expect: Assertion[]): Promise<void> {
  const suite = suiteEntry(threadId).suite;
  if (!suite) return Promise.resolve();
  return saveSuite(threadId, { ...suite, cases: suite.cases.map((c) => (c.name === caseName ? { ...c, expect } : c)) });
}

export function removeCase(threadId: string, caseName: string): Promise<void> {
  const suite = suiteEntry(threadId).suite;
  if (!suite) return Promise.resolve();
  return saveSuite(threadId, { ...suite, cases: suite.cases.filter((c) => c.name !== caseName) });
}

export async function saveCaseFromThread(threadId: string): Promise<void> {
  const patch = useSuites.getState().patch;
  patch(threadId, { busy: true });
  await flushPlayground(threadId); // the tool set as the user sees it
  const res = await getApi()['suites.saveCase']({ threadId });
  if (!res.ok) return patch(threadId, { busy: false, error: res.error });
  const models = suiteEntry(threadId).models;
  patch(threadId, { busy: false, suite: res.value.suite, openCase: res.value.caseName, error: null, models: models ?? null });
}

export function setRunModels(threadId: string, models: string[]): void {
  useSuites.getState().patch(threadId, { models });
}

export async function runSuite(threadId: string): Promise<void> {
  const { suite, models } = suiteEntry(threadId);
  const patch = useSuites.getState().patch;
  const chosen = (models ?? suite?.models ?? []).filter(Boolean);
  patch(threadId, { busy: true });
  const res = await getApi()['suites.run']({ threadId, models: chosen.length ? chosen : undefined });
  patch(threadId, res.ok ? { busy: false, run: res.value, error: null } : { busy: false, error: res.error });
}

export async function importSuite(threadId: string, text: string): Promise<boolean> {
  const res = await getApi()['suites.import']({ threadId, text });
  const patch = useSuites.getState().patch;
  if (!res.ok) {
    patch(threadId, { error: res.error });
    return false;
  }
  patch(threadId, { suite: res.value, models: null, openCase: null, error: null });
  return true;
}

export async function exportSuite(threadId: string): Promise<{ json: string; fileName: string } | null> {
  const res = await getApi()['suites.export']({ threadId });
  if (!res.ok) {
    useSuites.getState().patch(threadId, { error: res.error });
    return null;
  }
  return res.value;
}

export function clearSuiteError(threadId: string): void {
  useSuites.getState().patch(threadId, { error: null });
}
