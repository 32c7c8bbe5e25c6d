// The non-text parts of a message: thinking (collapsed), refusals, tool calls and results,
// and attachment chips.
import { useTranslation } from 'react-i18next';
import type { Part } from '../../../shared/domain';
import { AlertIcon, ChevronIcon, PaperclipIcon } from '../shell/icons';

type PartOf<T extends Part['type']> = Extract<Part, { type: T }>;

export function ThinkingPart({ part, active }: { part: PartOf<'thinking'>; active: boolean }) {
  const { t } = useTranslation();
  if (!part.text && !active) return null;
  return (
    <details className="thinking">
      <summary>
        <ChevronIcon size={14} className="disclosure" />
        <span className={active ? 'shimmer' : undefined}>{active ? t('message.thinking') : t('message.thought')}</span>
      </summary>
      <div className="thinking-text">{part.text}</div>
    </details>
  );
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

function prettyInput(part: PartOf<'tool_call'>): string {
  if (part.input !== undefined) {
    try {
      return JSON.stringify(part.input, null, 2);
    } catch {
      /* fall through to the raw text */
    }
  }
  return part.inputJson;
}

export function ToolCallPart({ part }: { part: PartOf<'tool_call'> }) {
  const { t } = useTranslation();
  return (
    <details className={`tool-call status-${part.status}`} data-testid="tool-call" data-tool-name={part.name} data-status={part.status}>
      <summary>
        <ChevronIcon size={14} className="disclosure" />
        <code className="tool-call-name">{part.name}</code>
        <span className="tool-call-status">{t(`message.toolStatus.${part.status}`)}</span>
      </summary>
      <div className="tool-call-body">
        <div className="tool-call-label">{t('message.toolInput')}</div>
        <pre className="tool-call-input">{prettyInput(part)}</pre>
        {part.inputError && <p className="tool-call-error">{t('message.toolInputError', { message: part.inputError })}</p>}
      </div>
    </details>
  );
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

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An attachment of a message. Thumbnails come with the attachments issue; for now name and size. */
export function AttachmentChip({ part }: { part: PartOf<'image'> | PartOf<'document'> }) {
  const { t } = useTranslation();
  const kind = part.type === 'image' ? t('message.attachmentImage') : t('message.attachmentDocument');
  const detail =
    part.type === 'image'
      ? `${part.width}×${part.height} · ${formatSize(part.size)}`
      : [part.pages ? t('message.pages', { count: part.pages }) : null, formatSize(part.size)].filter(Boolean).join(' · ');
  return (
    <span className="attachment-chip" data-testid="attachment-chip" data-attachment-id={part.attachmentId} title={part.name}>
      <PaperclipIcon size={13} />
      <span className="attachment-chip-kind">{kind}</span>
      <span className="attachment-chip-name">{part.name}</span>
      <span className="attachment-chip-detail">{detail}</span>
    </span>
  );
}
