// "Edit and resend": the step's request body as JSON, edited, then run again into a new branch
// thread (main copies the conversation up to this answer; this thread is left as it was).
import { useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { AppError, TraceStep } from '../../../shared/domain';
import { errorDetail, errorReason } from '../../i18n';
import { CodeEditor } from '../playground/CodeEditor';
import { BranchIcon } from '../shell/icons';
import { parseJson, prettyValue } from '../playground/lib';

interface Props {
  step: TraceStep;
  onCancel: () => void;
  onSend: (body: string) => Promise<AppError | null>;
}

export function ResendEditor({ step, onCancel, onSend }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => prettyValue(step.request.body));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const parsed = useMemo(() => parseJson(text), [text]);
  const send = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    setError(null);
    const err = await onSend(JSON.stringify(parsed.value));
    setBusy(false);
    if (err) setError(err);
  };
  return (
    <div className="resend" data-testid="trace-resend">
      <div className="resend-head">
        <div>
          <strong>{t('playground.trace.resendTitle', { n: step.index + 1 })}</strong>
          <p className="muted">{t('playground.trace.resendHint')}</p>
        </div>
        <span className="ev-spacer" />
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {t('playground.trace.cancel')}
        </button>
        <button type="button" className="btn btn-small btn-primary" disabled={busy || !parsed.ok} onClick={() => void send()} data-testid="trace-resend-send">
          <BranchIcon size={13} />
          {t('playground.trace.resendSend')}
        </button>
      </div>
      <div className="resend-line mono">
        <span className="http-method">{step.request.method}</span> {step.request.url}
      </div>
      <CodeEditor
        value={text}
        onChange={setText}
        label={t('playground.trace.body')}
        testId="trace-resend-body"
        invalid={!parsed.ok}
        errorLine={parsed.ok ? undefined : parsed.error.line}
        minLines={20}
        maxLines={10_000}
        className="resend-editor"
      />
      {!parsed.ok && (
        <p className="pg-local-error">
          {t('playground.schema.invalidJson', { message: parsed.error.message, line: parsed.error.line, column: parsed.error.column })}
        </p>
      )}
      {error && (
        <p className="pg-local-error" role="alert">
          <strong>{errorReason(t, error)}</strong> {errorDetail(error)}
        </p>
      )}
    </div>
  );
}
