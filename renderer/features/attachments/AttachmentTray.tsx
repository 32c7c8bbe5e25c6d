// The composer's attachments, in the order they will be sent (after the text).
import { useRef } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { useDraftAttachments } from '../../stores/attachments';
import { useThreads } from '../../stores/threads';
import { DraftChip } from './DraftChip';

interface Props {
  threadKey: string;
  busy: boolean;
  onDescribe: (key: string) => void;
  /** where focus goes when the last chip is removed from the keyboard */
  onEmpty: () => void;
}

export function AttachmentTray({ threadKey, busy, onDescribe, onEmpty }: Props) {
  const { t } = useTranslation();
  const drafts = useDraftAttachments(threadKey);
  const protocol = useThreads((s) => s.byId[threadKey]?.protocol);
  const list = useRef<HTMLUListElement>(null);
  if (drafts.length === 0) return null;

  const onRemoved = (index: number) => {
    // After React has removed the chip: focus its neighbour, or the message box when none is left.
    requestAnimationFrame(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.att-chip-main');
      const next = buttons?.[Math.min(index, buttons.length - 1)];
      if (next) next.focus();
      else onEmpty();
    });
  };

  return (
    <ul ref={list} className="att-tray" aria-label={t('attachments.listLabel')} data-testid="composer-attachments">
      {drafts.map((d, i) => (
        <DraftChip
          key={d.key}
          threadKey={threadKey}
          draft={d}
          index={i}
          protocol={protocol}
          busy={busy}
          onDescribe={onDescribe}
          onRemoved={onRemoved}
        />
      ))}
    </ul>
  );
}
