// "Describe each" in the composer, offered when more than one image is ready: one request per image,
// into a table (features/batch/BatchView.tsx). The composer's text, if any, is the prompt.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { useAttachments } from '../../stores/attachments';
import { startBatch } from '../../stores/batch-actions';
import { useUi } from '../../stores/ui';
import { describePrompt } from '../attachments/messages';
import { DescribeIcon } from '../shell/icons';

export function DescribeEachButton({ threadKey, disabled }: { threadKey: string; disabled: boolean }) {
  const { t } = useTranslation();
  const [starting, setStarting] = useState(false);
  const images = useAttachments((s) => (s.drafts[threadKey] ?? []).filter((d) => d.id && s.infos[d.id]?.kind === 'image').length);
  if (images < 2) return null;
  const start = async () => {
    setStarting(true);
    try {
      const res = await startBatch(threadKey, describePrompt(t));
      if (!res.ok) useUi.getState().setSendError(threadKey, res.error);
    } finally {
      setStarting(false);
    }
  };
  return (
    <button
      type="button"
      className="composer-describe composer-describe-each"
      onClick={() => void start()}
      disabled={disabled || starting}
      title={t('batch.describeEachHint', { count: images })}
      data-testid="batch-describe"
    >
      <DescribeIcon size={15} />
      <span>{t('batch.describeEach')}</span>
    </button>
  );
}
