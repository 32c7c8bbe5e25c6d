// The "Trace" button under an answer: opens the trace view of the request(s) behind it.
import { useTranslation } from '../../i18n/use-translation';
import { openTrace } from '../../stores/traces';
import { WaterfallIcon } from '../shell/icons';

export function TraceOpenButton({ messageId, threadId }: { messageId: string; threadId: string }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="copy-btn trace-open"
      onClick={() => openTrace(messageId, threadId)}
      title={t('playground.trace.openHint')}
      data-testid="trace-open"
    >
      <WaterfallIcon size={13} />
      <span>{t('playground.trace.open')}</span>
    </button>
  );
}
