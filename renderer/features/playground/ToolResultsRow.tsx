// A `tool` message, compact: the results that went back to the model, one chip per call (its name,
// ok or error, and the start of the content). The full results are shown in the calls' cards.
import { useTranslation } from '../../i18n/use-translation';
import type { Message, Part } from '../../../shared/domain';
import { useMessages } from '../../stores/messages';
import { CheckIcon, CloseIcon } from '../shell/icons';
import { ResultImages } from '../mcp/ResultImages';

type ToolResult = Extract<Part, { type: 'tool_result' }>;

/** The assistant message right before this tool message (its calls have the names). */
function usePreviousMessage(message: Message): Message | undefined {
  return useMessages((s) => {
    const ids = s.idsByThread[message.threadId];
    const at = ids ? ids.lastIndexOf(message.id) : -1;
    for (let j = at - 1; j >= 0; j--) {
      const m = s.byId[ids![j]!];
      if (m && m.role !== 'tool') return m.role === 'assistant' ? m : undefined;
    }
    return undefined;
  });
}

export function ToolResultsRow({ message }: { message: Message }) {
  const { t } = useTranslation();
  const previous = usePreviousMessage(message);
  const results = message.parts.filter((p): p is ToolResult => p.type === 'tool_result');
  const nameOf = (id: string) => {
    const call = previous?.parts.find((p) => p.type === 'tool_call' && p.id === id);
    return call && call.type === 'tool_call' ? call.name : id;
  };
  return (
    <div className="tool-results-row">
      <span className="trr-label">{t('playground.results.sent', { count: results.length })}</span>
      {results.map((r) => (
        <span
          key={r.toolCallId}
          className={`trr-chip${r.isError ? ' error' : ''}`}
          title={r.content.length > 600 ? `${r.content.slice(0, 600)}…` : r.content}
          data-testid="tool-result"
          data-tool-call-id={r.toolCallId}
          data-is-error={r.isError ? 'true' : 'false'}
        >
          {r.isError ? <CloseIcon size={11} /> : <CheckIcon size={11} />}
          <code>{nameOf(r.toolCallId)}</code>
          <span className="trr-preview">{r.content.replace(/\s+/g, ' ').slice(0, 80)}</span>
          <ResultImages blocks={r.blocks} tool={nameOf(r.toolCallId)} />
        </span>
      ))}
    </div>
  );
}
