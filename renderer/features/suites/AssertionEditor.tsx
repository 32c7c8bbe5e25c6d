// A case's assertions as an editable list: each row a kind and its value(s), removable; a new row is
// added as "tool called" with the first tool. Every valid edit is saved at once; an input that is not
// a JSON object yet stays local (shown as such) until it is one.
import { useId, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { ASSERTION_KINDS, assertionKind, type Assertion, type AssertionKind } from '../../../shared/suite';
import { CloseIcon, PlusIcon } from '../shell/icons';

function defaultFor(kind: AssertionKind, tool: string): Assertion {
  switch (kind) {
    case 'toolCalled':
      return { toolCalled: { name: tool } };
    case 'toolNotCalled':
      return { toolNotCalled: tool };
    case 'firstToolCalled':
      return { firstToolCalled: tool };
    case 'textMatches':
      return { textMatches: '.+' };
    case 'noToolErrors':
      return { noToolErrors: true };
    case 'maxSteps':
      return { maxSteps: 4 };
    case 'maxTokens':
      return { maxTokens: 4000 };
    case 'maxMs':
      return { maxMs: 30000 };
  }
}

interface RowProps {
  value: Assertion;
  tools: string[];
  /** the id of the editor's one datalist of tool names */
  listId: string;
  onChange: (a: Assertion) => void;
  onRemove: () => void;
}

function InputField({ input, onChange }: { input: Record<string, unknown> | undefined; onChange: (v: Record<string, unknown> | undefined) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(input === undefined ? '' : JSON.stringify(input));
  const [bad, setBad] = useState(false);
  const commit = (s: string) => {
    setText(s);
    if (!s.trim()) return setBad(false), onChange(undefined);
    try {
      const v: unknown = JSON.parse(s);
      if (!v || typeof v !== 'object' || Array.isArray(v)) return setBad(true);
      setBad(false);
      onChange(v as Record<string, unknown>);
    } catch {
      setBad(true);
    }
  };
  return (
    <span className="ts-field ts-field-wide">
      <input
        className={`input mono ts-input${bad ? ' invalid' : ''}`}
        value={text}
        placeholder={t('suites.inputPlaceholder')}
        aria-label={t('suites.input')}
        aria-invalid={bad}
        spellCheck={false}
        onChange={(e) => commit(e.target.value)}
      />
      {bad && <span className="ts-field-error">{t('suites.inputInvalid')}</span>}
    </span>
  );
}

function AssertionRow({ value, tools, listId, onChange, onRemove }: RowProps) {
  const { t } = useTranslation();
  const kind = assertionKind(value);
  const toolList = (name: string) => (
    <input
      className="input mono ts-input"
      value={name}
      list={listId}
      aria-label={t('suites.toolName')}
      spellCheck={false}
      onChange={(e) => onChange(rename(value, e.target.value))}
    />
  );
  let fields: React.ReactNode = null;
  if ('toolCalled' in value) {
    fields = (
      <>
        {toolList(value.toolCalled.name)}
        <InputField
          input={value.toolCalled.input}
          onChange={(input) => onChange({ toolCalled: input ? { name: value.toolCalled.name, input } : { name: value.toolCalled.name } })}
        />
      </>
    );
  } else if ('toolNotCalled' in value) fields = toolList(value.toolNotCalled);
  else if ('firstToolCalled' in value) fields = toolList(value.firstToolCalled);
  else if ('textMatches' in value) {
    fields = (
      <input
        className="input mono ts-input ts-field-wide"
        value={value.textMatches}
        aria-label={t('suites.pattern')}
        spellCheck={false}
        onChange={(e) => e.target.value && onChange({ textMatches: e.target.value })}
      />
    );
  } else if ('maxSteps' in value || 'maxTokens' in value || 'maxMs' in value) {
    const n = 'maxSteps' in value ? value.maxSteps : 'maxTokens' in value ? value.maxTokens : value.maxMs;
    fields = (
      <input
        className="input mono ts-input ts-number"
        type="number"
        min={0}
        step={1}
        value={n}
        aria-label={t('suites.limit')}
        onChange={(e) => {
          const v = Math.max(0, Math.floor(Number(e.target.value)));
          if (Number.isFinite(v)) onChange({ [kind]: v } as Assertion);
        }}
      />
    );
  }
  return (
    <li className="ts-assertion" data-testid="test-assertion" data-kind={kind}>
      <select
        className="select ts-kind"
        value={kind}
        aria-label={t('suites.kindLabel')}
        onChange={(e) => onChange(defaultFor(e.target.value as AssertionKind, firstName(value) ?? tools[0] ?? 'tool'))}
      >
        {ASSERTION_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`suites.kinds.${k}`)}
          </option>
        ))}
      </select>
      {fields}
      <button type="button" className="icon-btn ts-remove" onClick={onRemove} aria-label={t('suites.removeAssertion')} title={t('suites.removeAssertion')}>
        <CloseIcon size={13} />
      </button>
    </li>
  );
}

function firstName(a: Assertion): string | undefined {
  if ('toolCalled' in a) return a.toolCalled.name;
  if ('toolNotCalled' in a) return a.toolNotCalled;
  if ('firstToolCalled' in a) return a.firstToolCalled;
  return undefined;
}

function rename(a: Assertion, name: string): Assertion {
  if (!name) return a;
  if ('toolCalled' in a) return { toolCalled: { ...a.toolCalled, name } };
  if ('toolNotCalled' in a) return { toolNotCalled: name };
  if ('firstToolCalled' in a) return { firstToolCalled: name };
  return a;
}

export function AssertionEditor({ list, tools, onChange }: { list: Assertion[]; tools: string[]; onChange: (next: Assertion[]) => void }) {
  const { t } = useTranslation();
  const listId = useId();
  return (
    <div className="ts-assertions">
      <datalist id={listId}>
        {tools.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <ul>
        {list.map((a, i) => (
          <AssertionRow
            key={`${i}-${assertionKind(a)}`}
            value={a}
            tools={tools}
            listId={listId}
            onChange={(next) => onChange(list.map((x, j) => (j === i ? next : x)))}
            onRemove={() => onChange(list.filter((_, j) => j !== i))}
          />
        ))}
      </ul>
      <button type="button" className="btn btn-small" onClick={() => onChange([...list, defaultFor('toolCalled', tools[0] ?? 'tool')])}>
        <PlusIcon size={12} />
        <span>{t('suites.addAssertion')}</span>
      </button>
    </div>
  );
}
