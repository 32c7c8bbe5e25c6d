// A tool call in the chat: name, status, how long it ran, the input (growing live while the model
// writes it, pretty once parsed) and the result from the following tool message; expanded on click
// (and by itself while the input streams or the loop waits on the user). Links to its place in the
// trace.
import { memo, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Part } from '../../../shared/domain';
import { useMessages } from '../../stores/messages';
import { openTrace } from '../../stores/traces';
import { ChevronIcon } from '../shell/icons';
import { AwaitingForms } from './AwaitingForms';
import { WaterfallIcon, WrenchIcon } from '../shell/icons';
import { JsonCode } from './JsonCode';
import { formatMs, prettyJsonText, prettyValue } from './lib';

type ToolCall = Extract<Part, { type: 'tool_call' }>;
type ToolResult = Extract<Part, { type: 'tool_result' }>;

/** The tool_result answering this call: in the tool message(s) right after its message. */
function useToolResult(threadId: string, messageId: string, callId: string): ToolResult | undefined {
  return useMessages((s) => {
    const ids = s.idsByThread[threadId];
    if (!ids) return undefined;
    const at = ids.lastIndexOf(messageId);
    if (at < 0) return undefined;
    for (let j = at + 1; j < ids.length; j++) {
      const m = s.byId[ids[j]!];
      if (!m) continue;
      if (m.role !== 'tool') break;
      for (const p of m.parts) if (p.type === 'tool_result' && p.toolCallId === callId) return p;
    }
    return undefined;
  });
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function compactInput(part: ToolCall): string {
  if (part.input !== undefined) {
    try {
      return JSON.stringify(part.input);
    } catch {
      /* fall through */
    }
  }
  return part.inputJson;
}

export const ToolCallCard = memo(function ToolCallCard({
  part,
  messageId,
  threadId,
}: {
  part: ToolCall;
  messageId: string;
  threadId: string;
}) {
  const { t } = useTranslation();
  const result = useToolResult(threadId, messageId, part.id);
  const [toggled, setToggled] = useState<boolean | null>(null);
  const streaming = part.status === 'streaming';
  const expanded = toggled ?? (streaming || part.awaiting !== undefined);
  const state = part.awaiting ? 'awaiting' : part.status;
  const resultPretty = result ? prettyJsonText(result.content) : null;
  const inputText = streaming ? part.inputJson : part.input !== undefined ? prettyValue(part.input) : (prettyJsonText(part.inputJson) ?? part.inputJson);

  return (
    <div
      className={`tc status-${part.status}${part.awaiting ? ' awaiting' : ''}${expanded ? ' expanded' : ''}${result?.isError ? ' result-error' : ''}`}
      data-testid="tool-call"
      data-tool-name={part.name}
      data-status={part.status}
      data-awaiting={part.awaiting}
      data-tool-call-id={part.id}
    >
      <button type="button" className="tc-head" aria-expanded={expanded} onClick={() => setToggled(!expanded)}>
        <ChevronIcon size={13} className="disclosure" />
        <WrenchIcon size={13} className="tc-icon" />
        <code className="tc-name">{part.name || '…'}</code>
        <span className="tc-preview mono">
          {!expanded && (
            <>
              <span className="tc-preview-input">{oneLine(compactInput(part)) || '{}'}</span>
              {result && (
                <>
                  <span className="tc-arrow">→</span>
                  <span className={`tc-preview-result${result.isError ? ' error' : ''}`}>{oneLine(result.content)}</span>
                </>
              )}
            </>
          )}
        </span>
        {part.durationMs !== undefined && <span className="tc-duration tabular">{formatMs(part.durationMs)}</span>}
        <span className={`tc-chip chip-${state}`} data-testid="tool-call-status">
          {(streaming || part.status === 'running') && <span className="tc-pulse" aria-hidden="true" />}
          {part.awaiting ? t(`playground.call.awaiting.${part.awaiting}`) : t(`playground.call.status.${part.status}`)}
        </span>
      </button>
      {expanded && (
        <div className="tc-body">
          <div className="tc-section">
            <div className="tc-label">
              <span>{t('playground.call.input')}</span>
              {streaming && <span className="tc-live">{t('playground.call.receiving', { count: part.inputJson.length })}</span>}
            </div>
            <JsonCode text={inputText || (streaming ? '' : '{}')} caret={streaming} className="tc-code" testId="tool-call-input" />
            {part.inputError && (
              <p className="tc-error" data-testid="tool-call-input-error">
                {part.inputError}
              </p>
            )}
          </div>
          {result && (
            <div className={`tc-section${result.isError ? ' is-error' : ''}`}>
              <div className="tc-label">
                <span>{result.isError ? t('playground.call.errorResult') : t('playground.call.result')}</span>
              </div>
              {resultPretty ? (
                <JsonCode text={resultPretty} className={`tc-code${result.isError ? ' error' : ''}`} testId="tool-call-result" />
              ) : (
                <pre className={`json-code tc-code${result.isError ? ' error' : ''}`} data-testid="tool-call-result">
                  {result.content}
                </pre>
              )}
            </div>
          )}
          {part.awaiting && <AwaitingForms part={part} messageId={messageId} />}
          <div className="tc-foot">
            <code className="tc-id" title={t('playground.call.id')}>
              {part.id}
            </code>
            <button
              type="button"
              className="pg-link"
              onClick={() => openTrace(messageId, threadId, { toolCallId: part.id, blockKey: part.key })}
              data-testid="tool-call-trace"
            >
              <WaterfallIcon size={13} />
              {t('playground.call.viewInTrace')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
});
