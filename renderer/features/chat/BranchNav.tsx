// ‹ 2/3 › under a message that has siblings (versions made by edit or regenerate): shows the others.
import { useTranslation } from '../../i18n/use-translation';
import { selectBranch } from '../../stores/chat-actions';
import { useMessages } from '../../stores/messages';
import { ChevronIcon } from '../shell/icons';

export function BranchNav({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const siblings = useMessages((s) => s.siblings[messageId]);
  if (!siblings || siblings.length < 2) return null;
  const at = siblings.indexOf(messageId);
  const go = (i: number) => {
    const id = siblings[i];
    if (id) void selectBranch(id);
  };
  return (
    <span className="branch-nav" role="group" aria-label={t('actions.branches')}>
      <button
        type="button"
        className="branch-btn"
        disabled={at <= 0}
        onClick={() => go(at - 1)}
        aria-label={t('actions.branchPrev')}
        title={t('actions.branchPrev')}
        data-testid="branch-prev"
      >
        <ChevronIcon size={13} className="flip" />
      </button>
      <span className="branch-indicator tabular" data-testid="branch-indicator" aria-live="polite">
        {`${at + 1}/${siblings.length}`}
      </span>
      <button
        type="button"
        className="branch-btn"
        disabled={at >= siblings.length - 1}
        onClick={() => go(at + 1)}
        aria-label={t('actions.branchNext')}
        title={t('actions.branchNext')}
        data-testid="branch-next"
      >
        <ChevronIcon size={13} />
      </button>
    </span>
  );
}
