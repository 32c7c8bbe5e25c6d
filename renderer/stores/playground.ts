// The tool playground of each thread: its config as edited here (saved to main, debounced while
// typing), main's check of it, the presets, whether the panel is open — and the one question the
// composer asks: is the tool loop of this thread still going?
import { create } from 'zustand';
import type { AppError, Message } from '../../shared/domain';
import type { CheckResult, PlaygroundConfig, ToolDefinition, ToolSet } from '../../shared/tools';
import { DEFAULT_PLAYGROUND } from '../../shared/tools';
import { getApi } from '../api';
import { useMessages } from './messages';
import { useThreads } from './threads';
import { useUi } from './ui';

export interface PlaygroundEntry {
  config: PlaygroundConfig;
  /** stable React keys of config.toolSet.tools, index for index (tools have no ids of their own) */
  toolKeys: string[];
  /** main's latest check of the config (validate or update), null before the first */
  check: CheckResult | null;
  loaded: boolean;
  /** an edit is not saved yet (debounce pending or request in flight) */
  dirty: boolean;
  error: AppError | null;
}

interface PlaygroundState {
  panelOpen: boolean;
  byThread: Record<string, PlaygroundEntry>;
  presets: ToolDefinition[] | null;
  setPanelOpen: (open: boolean) => void;
  patch: (threadId: string, patch: Partial<PlaygroundEntry>) => void;
  setPresets: (presets: ToolDefinition[]) => void;
}

const EMPTY_ENTRY: PlaygroundEntry = {
  config: DEFAULT_PLAYGROUND,
  toolKeys: [],
  check: null,
  loaded: false,
  dirty: false,
  error: null,
};

export const usePlayground = create<PlaygroundState>()((set) => ({
  panelOpen: false,
  byThread: {},
  presets: null,
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  patch: (threadId, patch) =>
    set((s) => ({ byThread: { ...s.byThread, [threadId]: { ...(s.byThread[threadId] ?? EMPTY_ENTRY), ...patch } } })),
  setPresets: (presets) => set({ presets }),
}));

export const usePlaygroundEntry = (threadId: string | null): PlaygroundEntry =>
  usePlayground((s) => (threadId ? (s.byThread[threadId] ?? EMPTY_ENTRY) : EMPTY_ENTRY));

let keySeq = 0;
const newKey = () => `tool-${++keySeq}`;

// ---------------------------------------------------------------------------------------------
// Loading

export async function loadPlayground(threadId: string): Promise<void> {
  const res = await getApi()['playground.get']({ threadId });
  const entry = usePlayground.getState().byThread[threadId];
  // An edit made while this was loading is newer than what main had.
  if (entry?.dirty) return;
  if (!res.ok) {
    usePlayground.getState().patch(threadId, { error: res.error, loaded: true });
    return;
  }
  usePlayground.getState().patch(threadId, {
    config: res.value,
    toolKeys: res.value.toolSet.tools.map(newKey),
    loaded: true,
    error: null,
  });
  if (res.value.toolSet.tools.length > 0) scheduleValidate(threadId, 0);
}

export async function loadPresets(): Promise<void> {
  if (usePlayground.getState().presets) return;
  const res = await getApi()['playground.presets']({});
  if (res.ok) usePlayground.getState().setPresets(res.value);
}

// ---------------------------------------------------------------------------------------------
// Editing: every edit lands in the store at once; validation follows ~250 ms after typing stops and
// the save a little later (at once for discrete edits such as a select, a toggle or a preset).

const VALIDATE_MS = 250;
const SAVE_MS = 600;

interface Timers {
  validate?: ReturnType<typeof setTimeout>;
  save?: ReturnType<typeof setTimeout>;
  /** the save chain: saves of one thread go out one after the other, in order */
  chain: Promise<void>;
}
const timers = new Map<string, Timers>();
/** Responses older than the newest request are dropped (validate and update both carry a check). */
let checkSeq = 0;
const latestCheck = new Map<string, number>();

function timersOf(threadId: string): Timers {
  let t = timers.get(threadId);
  if (!t) timers.set(threadId, (t = { chain: Promise.resolve() }));
  return t;
}

function protocolOf(threadId: string) {
  return useThreads.getState().byId[threadId]?.protocol;
}

function scheduleValidate(threadId: string, delay = VALIDATE_MS): void {
  const t = timersOf(threadId);
  if (t.validate) clearTimeout(t.validate);
  t.validate = setTimeout(() => {
    t.validate = undefined;
    void validateNow(threadId);
  }, delay);
}

async function validateNow(threadId: string): Promise<void> {
  const entry = usePlayground.getState().byThread[threadId];
  if (!entry) return;
  const seq = ++checkSeq;
  latestCheck.set(threadId, seq);
  const protocol = protocolOf(threadId);
  const res = await getApi()['playground.validate']({ toolSet: entry.config.toolSet, ...(protocol ? { protocol } : {}) });
  if (res.ok && latestCheck.get(threadId) === seq) usePlayground.getState().patch(threadId, { check: res.value });
}

function scheduleSave(threadId: string, delay: number): void {
  const t = timersOf(threadId);
  if (t.save) clearTimeout(t.save);
  t.save = setTimeout(() => {
    t.save = undefined;
    t.chain = t.chain.then(() => saveNow(threadId));
  }, delay);
}

async function saveNow(threadId: string): Promise<void> {
  const entry = usePlayground.getState().byThread[threadId];
  if (!entry) return;
  const sent = entry.config;
  const seq = ++checkSeq;
  latestCheck.set(threadId, seq);
  const res = await getApi()['playground.update']({ threadId, config: sent });
  const now = usePlayground.getState().byThread[threadId];
  if (!now) return;
  if (!res.ok) {
    usePlayground.getState().patch(threadId, { error: res.error });
    useUi.getState().showNotice(res.error);
    return;
  }
  const pending = Boolean(timersOf(threadId).save) || now.config !== sent;
  usePlayground.getState().patch(threadId, {
    error: null,
    dirty: pending,
    ...(latestCheck.get(threadId) === seq ? { check: res.value.check } : {}),
  });
}

/** Saves a pending edit now (a text field lost focus, the panel closes, a message is about to go). */
export function flushPlayground(threadId: string): Promise<void> {
  const t = timers.get(threadId);
  if (!t?.save) return t?.chain ?? Promise.resolve();
  clearTimeout(t.save);
  t.save = undefined;
  t.chain = t.chain.then(() => saveNow(threadId));
  return t.chain;
}

type Edit = (config: PlaygroundConfig, keys: string[]) => { config: PlaygroundConfig; keys?: string[] };

/** Applies an edit; `typing` edits save after a pause, others at once. */
export function editPlayground(threadId: string, edit: Edit, opts: { typing?: boolean } = {}): void {
  const entry = usePlayground.getState().byThread[threadId] ?? EMPTY_ENTRY;
  const out = edit(entry.config, entry.toolKeys);
  usePlayground.getState().patch(threadId, { config: out.config, toolKeys: out.keys ?? entry.toolKeys, dirty: true });
  scheduleValidate(threadId, opts.typing ? VALIDATE_MS : 0);
  scheduleSave(threadId, opts.typing ? SAVE_MS : 0);
}

const withTools = (c: PlaygroundConfig, tools: ToolDefinition[], toolChoice = c.toolSet.toolChoice): PlaygroundConfig => ({
  ...c,
  toolSet: { tools, toolChoice },
});

/** Adds a tool; the first tool of a playground that is off turns it on (that is why one adds a tool). */
export function addTool(threadId: string, tool: ToolDefinition): void {
  editPlayground(threadId, (c, keys) => ({
    config: { ...withTools(c, [...c.toolSet.tools, tool]), enabled: c.toolSet.tools.length === 0 ? true : c.enabled },
    keys: [...keys, newKey()],
  }));
}

export function blankTool(existing: readonly ToolDefinition[]): ToolDefinition {
  let n = existing.length + 1;
  while (existing.some((t) => t.name === `tool_${n}`)) n++;
  return {
    name: `tool_${n}`,
    description: '',
    inputSchema: { type: 'object', properties: {}, required: [] },
    run: { mode: 'manual' },
  };
}

export function removeTool(threadId: string, index: number): void {
  editPlayground(threadId, (c, keys) => {
    const removed = c.toolSet.tools[index];
    const tools = c.toolSet.tools.filter((_, i) => i !== index);
    // A tool_choice naming the removed tool falls back to auto rather than pointing at nothing.
    const choice = c.toolSet.toolChoice;
    const toolChoice = choice.type === 'tool' && removed && choice.name === removed.name ? { type: 'auto' as const } : choice;
    return { config: withTools(c, tools, toolChoice), keys: keys.filter((_, i) => i !== index) };
  });
}

export function updateTool(threadId: string, index: number, patch: Partial<ToolDefinition>, opts: { typing?: boolean } = {}): void {
  editPlayground(
    threadId,
    (c) => {
      const before = c.toolSet.tools[index];
      if (!before) return { config: c };
      const tools = c.toolSet.tools.map((t, i) => (i === index ? { ...t, ...patch } : t));
      // Renaming the tool that tool_choice names renames the choice with it.
      const choice = c.toolSet.toolChoice;
      const toolChoice =
        patch.name !== undefined && choice.type === 'tool' && choice.name === before.name ? { type: 'tool' as const, name: patch.name } : choice;
      return { config: withTools(c, tools, toolChoice) };
    },
    opts,
  );
}

export function replaceToolSet(threadId: string, toolSet: ToolSet): void {
  editPlayground(threadId, (c) => ({ config: { ...c, toolSet }, keys: toolSet.tools.map(newKey) }));
}

// ---------------------------------------------------------------------------------------------
// The tool loop, as the composer sees it

/** The loop is still going on this answer: it streams, or a tool call runs or waits (for the user or to run). */
export function loopActiveOn(m: Message): boolean {
  if (m.status === 'streaming') return true;
  return m.parts.some((p) => p.type === 'tool_call' && (p.status === 'running' || p.status === 'waiting' || p.awaiting !== undefined));
}

/**
 * The id of the thread's last answer while its tool loop is active (Stop applies to it), else null.
 * Tool-result messages between the answer and the end of the thread are looked through.
 */
export const useActiveLoopMessageId = (threadId: string | null): string | null =>
  useMessages((s) => {
    if (!threadId) return null;
    const ids = s.idsByThread[threadId] ?? [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const m = s.byId[ids[i]!];
      if (!m || m.role === 'tool') continue;
      return m.role === 'assistant' && loopActiveOn(m) ? m.id : null;
    }
    return null;
  });
