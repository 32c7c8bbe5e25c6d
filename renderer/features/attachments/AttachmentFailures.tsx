// Refused files, each in one translated sentence that names the file, until dismissed or the next
// batch of files comes in.
import { useTranslation } from '../../i18n/use-translation';
import { useAttachmentFailures, useAttachments } from '../../stores/attachments';
import { AlertIcon, CloseIcon } from '../shell/icons';
import { failureText } from './messages';

export function AttachmentFailures({ threadKey }: { threadKey: string }) {
  const { t } = useTranslation();
  const failures = useAttachmentFailures(threadKey);
  const dismiss = useAttachments((s) => s.dismissFailure);
  if (failures.length === 0) return null;
  return (
    <div className="att-errors">
      {failures.map((f) => (
        <div key={f.key} className="att-error" role="alert" data-testid="attachment-error" data-reason={f.reason ?? f.code}>
          <AlertIcon size={14} />
          <span className="att-error-text">{failureText(t, f.name, f)}</span>
          <button
            type="button"
            className="icon-btn tiny"
            onClick={() => dismiss(threadKey, f.key)}
            aria-label={t('attachments.dismiss')}
            title={t('attachments.dismiss')}
          >
            <CloseIcon size={13} />
          </button>
        </div>
      ))}
    </div>
  );
}
