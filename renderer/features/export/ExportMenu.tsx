// "Export…" as a compact select: one thread from its header, or every thread from the sidebar.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { EXPORT_CHOICES, exportThreads, type ExportChoice } from '../../stores/export-actions';
import { useUi } from '../../stores/ui';

export function ExportMenu({ threadId, testId, className }: { threadId: string | null; testId: string; className?: string }) {
  const { t } = useTranslation();
  const notify = useUi((s) => s.showNotice);
  const [busy, setBusy] = useState(false);
  const label = threadId ? t('transfer.exportThread') : t('transfer.exportAll');
  return (
    <select
      className={`select select-quiet${className ? ` ${className}` : ''}`}
      value=""
      disabled={busy}
      aria-label={label}
      title={label}
      onChange={(e) => {
        const choice = e.target.value as ExportChoice;
        if (!choice) return;
        setBusy(true);
        void exportThreads(threadId, choice).then((r) => {
          setBusy(false);
          if (!r.ok) notify(r.error);
        });
      }}
      data-testid={testId}
    >
      <option value="">{busy ? t('transfer.exporting') : label}</option>
      {EXPORT_CHOICES.map((c) => (
        <option key={c} value={c}>
          {t(`transfer.formats.${c}`)}
        </option>
      ))}
    </select>
  );
}
