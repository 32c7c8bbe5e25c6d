// The message box: Enter sends, Shift+Enter is a new line, Enter while an IME is composing is
// left to the IME. Stop replaces Send while the thread's last answer streams. A failed send
// keeps the text (and the attachments) and says why next to the box. Attachments sit above the
// text; with images and no text, "Describe" sends them with the describe prompt.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorDetail, errorReason } from '../../i18n';
import { useAttachments, useDraftAttachments } from '../../stores/attachments';
import { stopMessage } from '../../stores/chat-actions';
import { useActiveLoopMessageId } from '../../stores/playground';
import { useUi } from '../../stores/ui';
import { useCompare } from '../../stores/compare';
import { closeCompareRow, openCompareRow, protocolFor, runActive, stopCompare } from '../../stores/compare-actions';
import { useMessages } from '../../stores/messages';
import { useThreads } from '../../stores/threads';
import { CompareRow } from '../compare/CompareRow';
import { AttachmentFailures } from '../attachments/AttachmentFailures';
import { AttachmentsLayer } from '../attachments/AttachmentsLayer';
import { AttachmentTray } from '../attachments/AttachmentTray';
import { DescribeIcon } from '../shell/icons';
import { describePrompt, sendRefusalText } from '../attachments/messages';
import { AlertIcon, CompareIcon, PaperclipIcon, SendIcon, StopIcon } from '../shell/icons';
import { takeInAttachments } from './attachments';
import { sendCompare, sendComposer, sendDescribe } from './send';
import { useAutoGrow } from './use-auto-grow';
import { DescribeEachButton } from '../batch/DescribeEachButton';

export function Composer({ threadKey }: { threadKey: string }) {
  const { t } = useTranslation();
  const draft = useUi((s) => s.drafts[threadKey] ?? '');
  const setDraft = useUi((s) => s.setDraft);
  const sendError = useUi((s) => s.sendErrors[threadKey] ?? null);
  const focusTick = useUi((s) => s.focusComposer);
  // Stop while the answer streams or its tool loop is still running or waiting on a tool call.
  const streamingId = useActiveLoopMessageId(threadKey || null);
  const attachments = useDraftAttachments(threadKey);
  const hasImages = useAttachments((s) =>
    (s.drafts[threadKey] ?? []).some((d) => d.status === 'ready' && d.id && s.infos[d.id]?.kind === 'image'),
  );
  const [sending, setSending] = useState(false);
  // Compare: the row of models when open, and a compare run whose columns may still be answering.
  const thread = useThreads((s) => s.byId[threadKey]);
  const compareModels = useCompare((s) => s.rows[threadKey]);
  const compareRun = useCompare((s) => s.runs[threadKey]);
  const comparing = useMessages((s) => runActive(compareRun, s.byId));
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useAutoGrow(input, draft);

  useEffect(() => {
    input.current?.focus();
  }, [focusTick, threadKey]);

  const pending = attachments.some((a) => a.status !== 'ready');
  const hasText = draft.trim() !== '';
  const busy = sending || Boolean(streamingId) || comparing;
  const canSend = (hasText || attachments.length > 0) && !pending && !busy;
  const canDescribe = hasImages && !pending && !busy;

  const run = async (send: () => Promise<boolean>) => {
    setSending(true);
    try {
      await send();
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const submit = () => {
    if (!canSend) return;
    if (compareModels && thread) {
      const models = compareModels.map((model) => ({ model, protocol: protocolFor(thread, model) }));
      void run(() => sendCompare(threadKey, models));
    } else void run(() => sendComposer(threadKey));
  };
  const describe = (key?: string) => {
    if (hasImages && !busy) void run(() => sendDescribe(threadKey, describePrompt(t), key ? [key] : undefined));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: the Enter that confirms an IME candidate in some browsers.
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    submit();
  };

  const refusal = sendError ? sendRefusalText(t, sendError) : null;

  return (
    <div className="composer-wrap">
      {sendError && (
        <div className="composer-error" role="alert" data-testid="composer-error" data-error-code={sendError.code}>
          <AlertIcon size={14} />
          <span>
            <strong>{refusal ?? errorReason(t, sendError)}</strong>
            {!refusal && errorDetail(sendError) && <small>{errorDetail(sendError)}</small>}
          </span>
        </div>
      )}
      <AttachmentFailures threadKey={threadKey} />
      {thread && <CompareRow threadId={threadKey} canSend={canSend} onSend={submit} />}
      <div className={`composer${sending ? ' busy' : ''}${attachments.length > 0 ? ' has-attachments' : ''}`}>
        <AttachmentTray threadKey={threadKey} busy={busy} onDescribe={describe} onEmpty={() => input.current?.focus()} />
        <button
          type="button"
          className="icon-btn composer-attach"
          onClick={() => fileInput.current?.click()}
          aria-label={t('composer.attach')}
          title={t('composer.attach')}
          data-testid="composer-attach"
        >
          <PaperclipIcon size={17} />
        </button>
        {thread && (
          <button
            type="button"
            className={`icon-btn composer-compare${compareModels ? ' active' : ''}`}
            onClick={() => (compareModels ? closeCompareRow(threadKey) : openCompareRow(thread))}
            aria-pressed={Boolean(compareModels)}
            aria-label={t('compare.open')}
            title={t('compare.openHint')}
            data-testid="compare-open"
          >
            <CompareIcon size={17} />
          </button>
        )}
        <input
          ref={fileInput}
          type="file"
          multiple
          accept="image/*,application/pdf,.heic,.heif,.avif"
          hidden
          onChange={(e) => {
            takeInAttachments(threadKey, [...(e.target.files ?? [])]);
            e.target.value = '';
          }}
          data-testid="composer-file-input"
        />
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          value={draft}
          placeholder={t('composer.placeholder')}
          aria-label={t('composer.label')}
          onChange={(e) => setDraft(threadKey, e.target.value)}
          onKeyDown={onKeyDown}
          data-testid="composer-input"
        />
        {hasImages && !hasText && !streamingId && (
          <button
            type="button"
            className="composer-describe"
            onClick={() => describe()}
            disabled={!canDescribe}
            title={pending ? t('attachments.waiting') : t('attachments.describeAllHint', { prompt: describePrompt(t) })}
            data-testid="composer-describe"
          >
            <DescribeIcon size={15} />
            <span>{t('attachments.describeAll')}</span>
          </button>
        )}
        <DescribeEachButton threadKey={threadKey} disabled={pending || busy} />
        {streamingId || comparing ? (
          <button
            type="button"
            className="composer-btn stop"
            onClick={() => {
              // Send takes Stop's place: keep the keyboard focus in the composer rather than losing it.
              input.current?.focus();
              void (streamingId ? stopMessage(streamingId) : stopCompare(threadKey));
            }}
            aria-label={t('composer.stop')}
            title={t('composer.stop')}
            data-testid="composer-stop"
          >
            <StopIcon size={16} />
          </button>
        ) : (
          <button
            type="button"
            className="composer-btn send"
            onClick={submit}
            disabled={!canSend}
            aria-label={t('composer.send')}
            title={pending ? t('attachments.waiting') : t('composer.send')}
            data-testid="composer-send"
          >
            <SendIcon size={16} />
          </button>
        )}
      </div>
      <AttachmentsLayer threadKey={threadKey} />
    </div>
  );
}
