// Import a Yibu Chat JSON export: main takes it whole or refuses it whole, saying why.
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { importFile } from '../../stores/export-actions';
import { selectThread } from '../../stores/thread-actions';
import { useUi } from '../../stores/ui';

export function ImportButton() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const notify = useUi((s) => s.showNotice);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => input.current?.click()} data-testid="import-open">
        {busy ? t('transfer.importing') : t('transfer.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          void importFile(file).then((r) => {
            setBusy(false);
            if (!r.ok) notify(r.error);
            else if (r.value.threads[0]) selectThread(r.value.threads[0].id);
          });
        }}
        data-testid="import-file-input"
      />
    </>
  );
}
