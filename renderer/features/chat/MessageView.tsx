// One message. It selects only its own message from the store, so a streamed delta re-renders
// this component and nothing else.
import { memo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Message, Part } from '../../../shared/domain';
import { useMessage } from '../../stores/messages';
import { useSearch } from '../../stores/search';
import { useMatchHighlight } from './use-match-highlight';
import { useRowChanged } from './list/row-changed';
import { Markdown } from './markdown/Markdown';
import { MessageError } from './MessageError';
import { MessageFooter } from './MessageFooter';
import { UserFooter } from './UserFooter';
import { MessageEditor } from './MessageEditor';
import { StepLimitNotice } from '../playground/StepLimitNotice';
import { ToolResultsRow } from '../playground/ToolResultsRow';
import {
  AttachmentChip,
  RedactedThinkingPart,
  RefusalPart,
  ThinkingPart,
  ToolCallPart,
  ToolResultPart,
} from './parts';

/** Text of other choices (n > 1, keys "c1:…") is not shown, as in messageText(). */
const isShownText = (p: Part): p is Extract<Part, { type: 'text' }> =>
  p.type === 'text' && !(p.key ?? '').startsWith('c');

/** Parts in display order, with runs of text parts joined into one block of text (compare columns use it too). */
export function renderParts(message: Message): ReactNode[] {
  const out: ReactNode[] = [];
  const streaming = message.status === 'streaming';
  const user = message.role === 'user';
  let text: string[] = [];
  const flushText = (key: number) => {
    if (text.length === 0) return;
    const joined = text.join('');
    out.push(
      user ? (
        <div key={`t${key}`} className="user-text" data-testid="message-text">
          {joined}
        </div>
      ) : (
        <Markdown key={`t${key}`} text={joined} live={streaming} />
      ),
    );
    text = [];
  };
  message.parts.forEach((part, i) => {
    if (isShownText(part)) {
      text.push(part.text);
      return;
    }
    flushText(i);
    const last = i === message.parts.length - 1;
    switch (part.type) {
      case 'thinking':
        out.push(<ThinkingPart key={i} part={part} active={streaming && last} />);
        break;
      case 'redacted_thinking':
        out.push(<RedactedThinkingPart key={i} />);
        break;
      case 'refusal':
        out.push(<RefusalPart key={i} part={part} />);
        break;
      case 'tool_call':
        out.push(<ToolCallPart key={i} part={part} messageId={message.id} threadId={message.threadId} />);
        break;
      case 'tool_result':
        out.push(<ToolResultPart key={i} part={part} />);
        break;
      case 'image':
      case 'document':
        out.push(<AttachmentChip key={i} part={part} />);
        break;
    }
  });
  flushText(message.parts.length);
  return out;
}

export const MessageView = memo(function MessageView({ id }: { id: string }) {
  const { t } = useTranslation();
  const message = useMessage(id);
  // the words to mark when this is the message a search, find or link points at (null when it is not)
  const match = useSearch((s) => (s.highlight?.messageId === id ? s.highlight.query : null));
  const root = useRef<HTMLDivElement>(null);
  useMatchHighlight(root, match, message);
  const [editing, setEditing] = useState(false);
  useRowChanged(id);
  if (!message) return null;
  const highlighted = match !== null ? 'true' : undefined;
  const { role, status } = message;
  const streaming = status === 'streaming';
  const failed = status === 'error' || status === 'truncated';
  if (role === 'tool') {
    // Tool results are shown in their calls' cards; the tool message itself is one compact line.
    return (
      <div
        className="message message-tool compact"
        tabIndex={-1}
        data-testid="message"
        data-role={role}
        data-status={status}
        data-message-id={message.id}
        data-highlighted={highlighted}
        ref={root}
      >
        <div className="message-inner">
          <ToolResultsRow message={message} />
        </div>
      </div>
    );
  }
  const content = renderParts(message);

  return (
    <div
      className={`message message-${role}`}
      // Reached with the arrow keys from the list (MessageList), not with Tab: Tab goes to its actions.
      tabIndex={-1}
      role="article"
      aria-label={role === 'assistant' ? t('message.assistant') : t('message.user')}
      data-testid="message"
      data-role={role}
      data-status={status}
      data-message-id={message.id}
      data-highlighted={highlighted}
      ref={root}
    >
      <div className="message-inner">
        {role === 'assistant' && <div className="message-author">{t('message.assistant')}</div>}
        {editing && role === 'user' ? (
          <MessageEditor message={message} onDone={() => setEditing(false)} />
        ) : (
        <div className="bubble">
          {content}
          {/* The caret at the end of streaming text is drawn in CSS (.markdown:last-child). */}
          {streaming && content.length === 0 && <TypingDots />}
          {message.finishReason === 'step_limit' && <StepLimitNotice message={message} />}
          {failed && <MessageError messageId={message.id} status={status} error={message.error} />}
        </div>
        )}
        {role === 'assistant' && <MessageFooter message={message} />}
        {role === 'user' && !editing && <UserFooter message={message} onEdit={() => setEditing(true)} />}
      </div>
    </div>
  );
});

function TypingDots() {
  const { t } = useTranslation();
  return (
    <span className="typing" role="status" aria-label={t('message.status.streaming')}>
      <i />
      <i />
      <i />
    </span>
  );
}
