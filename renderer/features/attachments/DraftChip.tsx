// One attachment in the composer: thumbnail (or a document icon, or progress while it is taken in),
// name, size and dimensions, and its actions. The chip is keyboard-operable: Enter opens the
// lightbox, Delete removes, Alt+←/→ moves it; it can also be dragged to a new place.
import { useEffect, useRef, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Protocol } from '../../../shared/domain';
import { useAttachmentInfo, useAttachments, type DraftAttachment } from '../../stores/attachments';
import { CloseIcon } from '../shell/icons';
import { describeInfo } from './format';
import { DescribeIcon, DocumentIcon } from '../shell/icons';
import { openLightbox } from './lightbox-actions';

/** The chip being dragged to a new place (dataTransfer cannot be read during dragover). */
let dragging: { threadKey: string; key: string } | null = null;
const CHIP_TYPE = 'application/x-yibu-attachment';

interface Props {
  threadKey: string;
  draft: DraftAttachment;
  index: number;
  protocol: Protocol | undefined;
  /** no describe while the thread answers or a send is on its way */
  busy: boolean;
  onDescribe: (key: string) => void;
  /** focus moves here when the chip is removed from the keyboard */
  onRemoved: (index: number) => void;
}

export function DraftChip({ threadKey, draft, index, protocol, busy, onDescribe, onRemoved }: Props) {
  const { t } = useTranslation();
  const info = useAttachmentInfo(draft.id);
  const removeDrafts = useAttachments((s) => s.removeDrafts);
  const moveDraft = useAttachments((s) => s.moveDraft);
  const main = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const ready = draft.status === 'ready' && Boolean(info);
  const isImage = ready && info?.kind === 'image';
  // The name it was added under (the cached info is per content, and the same bytes may come under two names).
  const name = draft.name;

  // Keyboard moves re-insert the node, which loses focus: give it back.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    main.current?.focus();
  }, [index]);

  const remove = () => removeDrafts(threadKey, [draft.key]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      remove();
      onRemoved(index);
    } else if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      refocus.current = true;
      moveDraft(threadKey, draft.key, index + (e.key === 'ArrowLeft' ? -1 : 1));
    }
  };

  const drag = {
    draggable: ready,
    onDragStart: (e: DragEvent) => {
      dragging = { threadKey, key: draft.key };
      e.dataTransfer.setData(CHIP_TYPE, draft.key);
      e.dataTransfer.effectAllowed = 'move';
    },
    onDragEnd: () => {
      dragging = null;
    },
    onDragOver: (e: DragEvent) => {
      if (!dragging || dragging.threadKey !== threadKey || !e.dataTransfer.types.includes(CHIP_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    },
    onDrop: (e: DragEvent) => {
      if (!dragging || dragging.threadKey !== threadKey || !e.dataTransfer.types.includes(CHIP_TYPE)) return;
      e.preventDefault();
      moveDraft(threadKey, dragging.key, index);
      dragging = null;
    },
  };

  let detail: string;
  if (draft.status === 'reading') detail = t('attachments.reading', { percent: Math.round(draft.progress * 100) });
  else if (!ready || !info) detail = t('attachments.processing');
  else detail = describeInfo(t, info);
  const warn = ready && info?.kind === 'document' && protocol === 'openai-chat';

  const thumb = (
    <span className="att-thumb" aria-hidden="true">
      {!ready ? (
        <span className="att-spinner" />
      ) : info?.thumbnail ? (
        <img src={info.thumbnail} alt="" draggable={false} />
      ) : (
        <DocumentIcon size={22} />
      )}
    </span>
  );
  const text = (
    <span className="att-chip-text">
      <span className="att-chip-name">{name}</span>
      <span className="att-chip-detail">{detail}</span>
      {warn && <span className="att-chip-warn">{t('attachments.needsClaude')}</span>}
    </span>
  );

  return (
    <li
      className={`att-chip status-${draft.status}${warn ? ' warn' : ''}`}
      data-testid="attachment-chip"
      data-state={draft.status}
      data-attachment-id={draft.id}
      data-kind={info?.kind}
      title={name}
      {...drag}
    >
      <button
        ref={main}
        type="button"
        className="att-chip-main"
        onClick={() => isImage && draft.id && void openLightbox(draft.id, name, { threadKey, key: draft.key })}
        onKeyDown={onKeyDown}
        aria-label={`${isImage ? t('attachments.open', { name }) : name}, ${detail}`}
        aria-busy={!ready}
        data-testid="attachment-open"
      >
        {thumb}
        {text}
      </button>
      {isImage && (
        <button
          type="button"
          className="att-chip-action describe"
          onClick={() => onDescribe(draft.key)}
          disabled={busy}
          aria-label={t('attachments.describeOne', { name })}
          title={t('attachments.describeOne', { name })}
          data-testid="attachment-describe"
        >
          <DescribeIcon size={14} />
          <span>{t('attachments.describe')}</span>
        </button>
      )}
      <button
        type="button"
        className="att-chip-remove"
        onClick={remove}
        aria-label={t('attachments.remove', { name })}
        title={t('attachments.remove', { name })}
        data-testid="attachment-remove"
      >
        <CloseIcon size={12} />
      </button>
      {draft.status !== 'ready' && (
        <span
          className={`att-progress${draft.status === 'processing' ? ' indeterminate' : ''}`}
          style={draft.status === 'reading' ? { width: `${Math.round(draft.progress * 100)}%` } : undefined}
          aria-hidden="true"
        />
      )}
    </li>
  );
}
