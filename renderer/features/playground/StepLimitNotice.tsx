// Under an answer where the tool loop hit its step limit: how many steps ran, and how to go on.
import { useTranslation } from '../../i18n/use-translation';
import type { Message } from '../../../shared/domain';
import { useMessages } from '../../stores/messages';
import { usePlayground } from '../../stores/playground';
import { AlertIcon } from '../shell/icons';

/** The model calls of this loop: the assistant messages back to the user message that began it. */
function useStepCount(message: Message): number {
  return useMessages((s) => {
    const ids = s.idsByThread[message.threadId] ?? [];
    let n = 0;
    for (let j = ids.lastIndexOf(message.id); j >= 0; j--) {
      const m = s.byId[ids[j]!];
      if (!m) continue;
      if (m.role === 'user') break;
      if (m.role === 'assistant') n++;
    }
    return n;
  });
}

export function StepLimitNotice({ message }: { message: Message }) {
  const { t } = useTranslation();
  const steps = useStepCount(message);
  const openPanel = usePlayground((s) => s.setPanelOpen);
  return (
    <div className="step-limit" role="note" data-testid="step-limit" data-steps={steps}>
      <AlertIcon size={14} />
      <div>
        <strong>{t('playground.stepLimit.title', { count: steps })}</strong>
        <p>
          {t('playground.stepLimit.hint')}{' '}
          <button type="button" className="pg-link" onClick={() => openPanel(true)}>
            {t('playground.stepLimit.raise')}
          </button>
        </p>
      </div>
    </div>
  );
}
