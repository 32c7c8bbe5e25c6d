// The settings form's draft (everything Save stores) and the save itself. The API key is not part
// of the draft: it stays in its password field until Save hands it to main, then the field is cleared.
import { useState, type RefObject } from 'react';
import type { AppError, Settings } from '../../../shared/domain';
import { baseUrlProblem, normalizeBaseUrl } from '../../../shared/url';
import { confirmKeyMove, refreshGateway, saveKey, updateSettings } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';

export interface Draft {
  baseUrl: string;
  model: string;
  describePrompt: string;
  maxTokens: string;
}

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; error: AppError };

function draftOf(s: Settings): Draft {
  return { baseUrl: s.baseUrl, model: s.model, describePrompt: s.describePrompt, maxTokens: String(s.maxTokens) };
}

export function parseMaxTokens(text: string): number | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function useSettingsForm(keyField: RefObject<HTMLInputElement | null>) {
  const saved = useSettings((s) => s.settings);
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [keyTyped, setKeyTyped] = useState(false);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  const normalizedUrl = normalizeBaseUrl(draft.baseUrl);
  /** shown live: not an http(s) URL, or plain http to a public host (main refuses both too) */
  const urlProblem = baseUrlProblem(draft.baseUrl);
  const maxTokens = parseMaxTokens(draft.maxTokens);
  const valid = normalizedUrl !== null && urlProblem === null && maxTokens !== null && draft.model.trim() !== '';
  const patch: Partial<Settings> = {};
  if (normalizedUrl !== null && normalizedUrl !== saved.baseUrl) patch.baseUrl = normalizedUrl;
  if (draft.model.trim() && draft.model.trim() !== saved.model) patch.model = draft.model.trim();
  if (draft.describePrompt !== saved.describePrompt) patch.describePrompt = draft.describePrompt;
  if (maxTokens !== null && maxTokens !== saved.maxTokens) patch.maxTokens = maxTokens;
  const dirty = Object.keys(patch).length > 0 || keyTyped;

  const update = (p: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setState({ kind: 'idle' });
  };

  /** Stores what changed; true when everything was saved (or nothing had to be). */
  const save = async (): Promise<boolean> => {
    if (!valid) return false;
    setState({ kind: 'saving' });
    let gatewayChanged = false;
    if (Object.keys(patch).length > 0) {
      const res = await updateSettings(patch);
      if (!res.ok) {
        setState({ kind: 'error', error: res.error });
        return false;
      }
      setDraft(draftOf(res.value));
      gatewayChanged = patch.baseUrl !== undefined;
    }
    const field = keyField.current;
    const key = field?.value.trim() ?? '';
    if (field && key) {
      const res = await saveKey(key);
      if (!res.ok) {
        setState({ kind: 'error', error: res.error });
        return false;
      }
      field.value = '';
      setKeyTyped(false);
      gatewayChanged = false; // saveKey refreshes models and balance itself
    }
    const { appInfo, keyStatus } = useSettings.getState();
    // The key was saved for another origin and no new one was typed: in Electron main asks at once,
    // in its own dialog; otherwise (or on "no") the notice asks for the key again.
    if (gatewayChanged && keyStatus?.originMatches === false && appInfo?.mode === 'electron') {
      await confirmKeyMove();
      gatewayChanged = false; // confirmKeyMove refreshes models and balance when the key may go there
    }
    if (gatewayChanged) void refreshGateway();
    setState({ kind: 'saved' });
    return true;
  };

  return { draft, update, normalizedUrl, urlProblem, maxTokens, valid, dirty, state, save, setKeyTyped };
}
