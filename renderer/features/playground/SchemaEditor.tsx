// A tool's input_schema as JSON text. Invalid JSON is flagged at once (with its line); valid JSON
// goes into the config, and main's ajv check comes back ~250 ms after typing stops, its issues
// listed with their JSON pointers and the first error's line marked.
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ToolDefinition } from '../../../shared/tools';
import { flushPlayground, updateTool } from '../../stores/playground';
import { CodeEditor } from './CodeEditor';
import { IssueList } from './IssueList';
import type { ShownIssue } from './issues';
import { locate, locatePointers } from './json-pointer';
import { parseJson, prettyValue } from './lib';

interface Props {
  threadId: string;
  index: number;
  tool: ToolDefinition;
  issues: ShownIssue[];
}

export function SchemaEditor({ threadId, index, tool, issues }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => prettyValue(tool.inputSchema));
  const wrap = useRef<HTMLDivElement>(null);
  const parsed = useMemo(() => parseJson(text), [text]);
  const localError = !parsed.ok
    ? t('playground.schema.invalidJson', { message: parsed.error.message, line: parsed.error.line, column: parsed.error.column })
    : typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)
      ? t('playground.schema.notObject')
      : null;

  // Issues are only current while the text is the config's schema (valid JSON object).
  const shown = localError ? [] : issues;
  const offsets = useMemo(() => (parsed.ok ? locatePointers(text) : null), [parsed, text]);
  const firstError = shown.find((i) => i.severity === 'error') ?? shown[0];
  const errorLine = !parsed.ok
    ? parsed.error.line || undefined
    : firstError && offsets
      ? locate(offsets, text, firstError.local)?.line
      : undefined;

  const onChange = (value: string) => {
    setText(value);
    const p = parseJson(value);
    if (p.ok && typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value)) {
      updateTool(threadId, index, { inputSchema: p.value as Record<string, unknown> }, { typing: true });
    }
  };

  const pick = (issue: ShownIssue) => {
    const area = wrap.current?.querySelector('textarea');
    if (!area || !offsets) return;
    const at = locate(offsets, text, issue.local);
    if (!at) return;
    area.focus();
    area.setSelectionRange(at.offset, at.offset);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (at.line - 3) * lineHeight);
  };

  const format = () => {
    if (parsed.ok) onChange(prettyValue(parsed.value));
  };

  const errorId = `schema-error-${threadId}-${index}`;
  return (
    <div className="pg-field" ref={wrap}>
      <div className="pg-label-row">
        <span className="pg-label">{t('playground.tool.schema')}</span>
        <span className="pg-label-hint mono">input_schema</span>
        <button type="button" className="pg-link" onClick={format} disabled={!parsed.ok}>
          {t('playground.schema.format')}
        </button>
      </div>
      <CodeEditor
        value={text}
        onChange={onChange}
        label={t('playground.tool.schema')}
        testId="tool-schema-editor"
        invalid={Boolean(localError) || shown.some((i) => i.severity === 'error')}
        errorLine={errorLine}
        minLines={6}
        maxLines={22}
        onBlur={() => void flushPlayground(threadId)}
        describedBy={errorId}
      />
      <div id={errorId}>
        {localError && (
          <p className="pg-local-error" data-testid="tool-schema-json-error">
            {localError}
          </p>
        )}
        <IssueList issues={shown} onPick={pick} />
      </div>
    </div>
  );
}
