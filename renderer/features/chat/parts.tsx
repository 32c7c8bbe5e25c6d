// The non-text parts of a message: thinking (collapsed), refusals, tool calls and results,
// and attachments (drawn by features/attachments).
import { useTranslation } from '../../i18n/use-translation';
import type { Part } from '../../../shared/domain';
import { MessageAttachment } from '../attachments/MessageAttachment';
import { ToolCallCard } from '../playground/ToolCallCard';
import { AlertIcon, ChevronIcon } from '../shell/icons';

type PartOf<T extends Part['type']> = Extract<Part, { type: T }>;

export function ThinkingPart({ part, active }: { part: PartOf<'thinking'>; active: boolean }) {
  const { t, i18n } = useTranslation();
  if (!part.text && !active) return null;
  // Ended thinking says how long it took (main's clock); older answers have no duration.
  const done =
    part.durationMs !== undefined
      ? t('params.thoughtFor', {
          seconds: thinkingSeconds(i18n.language, part.durationMs),
        })
      : t('message.thought');
  return (
    <details className="thinking" data-testid="message-thinking" data-source={part.source}>
      <summary>
        <ChevronIcon size={14} className="disclosure" />
        <span className={active ? 'shimmer' : undefined}>{active && part.durationMs === undefined ? t('message.thinking') : done}</span>
      </summary>
      <div className="thinking-text">{part.text}</div>
    </details>
  );
}

/** "0.4", "3.2", "12": a tenth of a second at least, whole seconds from ten on. */
function thinkingSeconds(language: string, ms: number): string {
  const s = Math.max(0.1, ms / 1000);
  const digits = s < 10 ? 1 : 0;
  return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(s);
}

export function RedactedThinkingPart() {
  const { t } = useTranslation();
  return <div className="thinking redacted">{t('message.thinkingRedacted')}</div>;
}

export function RefusalPart({ part }: { part: PartOf<'refusal'> }) {
  const { t } = useTranslation();
  return (
    <div className="refusal" role="note">
      <AlertIcon size={14} />
      <div>
        <strong>{t('message.refusal')}</strong>
        {part.text && <p>{part.text}</p>}
      </div>
    </div>
  );
}

/** A tool call: drawn by the playground's card (status, live input, result, the user's answers). */
export function ToolCallPart({ part, messageId, threadId }: { part: PartOf<'tool_call'>; messageId: string; threadId: string }) {
  return <ToolCallCard part={part} messageId={messageId} threadId={threadId} />;
}

export function ToolResultPart({ part }: { part: PartOf<'tool_result'> }) {
  const { t } = useTranslation();
  return (
    <details className={`tool-result${part.isError ? ' is-error' : ''}`}>
      <summary>
        <ChevronIcon size={14} className="disclosure" />
        <span>{part.isError ? t('message.toolResultError') : t('message.toolResult')}</span>
      </summary>
      <pre className="tool-call-input">{part.content}</pre>
    </details>
  );
}

/** An image or PDF of a message: a thumbnail that opens the lightbox, or a document chip. */
export function AttachmentChip({ part }: { part: PartOf<'image'> | PartOf<'document'> }) {
  return <MessageAttachment part={part} />;
}
