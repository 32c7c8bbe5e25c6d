// What a tool call asks of the user while the loop waits on it: a result for a manual tool, approval
// before a run (run, edit the input and run, or answer instead), or a fix for an invalid input.
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { AppError, Part } from '../../../shared/domain';
import type { ToolDecision } from '../../../shared/tools';
import { errorDetail, errorReason } from '../../i18n';
import { PlayIcon } from '../shell/icons';
import { parseJson, prettyJsonText, prettyValue } from './lib';
import { respond } from './respond';

type ToolCall = Extract<Part, { type: 'tool_call' }>;

interface Props {
  part: ToolCall;
  messageId: string;
}

function useRespond(messageId: string, toolCallId: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const send = async (decision: ToolDecision) => {
    setBusy(true);
    setError(null);
    const err = await respond(messageId, toolCallId, decision);
    setBusy(false);
    if (err) setError(err);
  };
  return { busy, error, send };
}

function RespondError({ error }: { error: AppError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="tc-error" role="alert">
      {errorReason(t, error)} {errorDetail(error) && <small>{errorDetail(error)}</small>}
    </p>
  );
}

const submitOnCtrlEnter = (go: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    go();
  }
};

function inputText(part: ToolCall): string {
  if (part.input !== undefined) return prettyValue(part.input);
  return prettyJsonText(part.inputJson) ?? part.inputJson;
}

/** A result written by the user (manual tools, or "answer instead"). */
function ResultForm({ part, messageId, intro, focus }: Props & { intro: string; focus?: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(part.resultDraft ?? '');
  const [isError, setIsError] = useState(false);
  const { busy, error, send } = useRespond(messageId, part.id);
  const go = () => void send({ action: 'result', content: text, isError });
  return (
    <div className="tc-form">
      <p className="tc-form-intro">{intro}</p>
      <textarea
        className="input mono tc-textarea"
        value={text}
        rows={Math.min(14, Math.max(4, text.split('\n').length + 1))}
        spellCheck={false}
        autoFocus={focus}
        aria-label={t('playground.call.resultLabel')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={submitOnCtrlEnter(go)}
        data-testid="tool-result-input"
      />
      <div className="tc-form-row">
        <label className="pg-check">
          <input type="checkbox" checked={isError} onChange={(e) => setIsError(e.target.checked)} data-testid="tool-result-is-error" />
          <span>{t('playground.call.isError')}</span>
        </label>
        <span className="tc-form-hint">{t('playground.call.ctrlEnter')}</span>
        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={go} data-testid="tool-result-submit">
          {isError ? t('playground.call.sendErrorResult') : t('playground.call.sendResult')}
        </button>
      </div>
      <RespondError error={error} />
    </div>
  );
}

/** An input edited by the user, then run (approval: edit & run; fix: fix & run). */
function InputForm({ part, messageId, testPrefix, runLabel }: Props & { testPrefix: 'tool-edit' | 'tool-fix'; runLabel: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => inputText(part));
  const { busy, error, send } = useRespond(messageId, part.id);
  const parsed = parseJson(text);
  const go = () => {
    if (parsed.ok) void send({ action: 'run', input: parsed.value });
  };
  return (
    <div className="tc-form">
      <textarea
        className={`input mono tc-textarea${parsed.ok ? '' : ' invalid'}`}
        value={text}
        rows={Math.min(14, Math.max(4, text.split('\n').length + 1))}
        spellCheck={false}
        autoFocus
        aria-label={t('playground.call.inputLabel')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={submitOnCtrlEnter(go)}
        data-testid={`${testPrefix}-input`}
      />
      {!parsed.ok && (
        <p className="tc-error">{t('playground.schema.invalidJson', { message: parsed.error.message, line: parsed.error.line, column: parsed.error.column })}</p>
      )}
      <div className="tc-form-row">
        <span className="tc-form-hint">{t('playground.call.ctrlEnter')}</span>
        <button type="button" className="btn btn-small btn-primary" disabled={busy || !parsed.ok} onClick={go} data-testid={`${testPrefix}-run`}>
          <PlayIcon size={11} />
          {runLabel}
        </button>
      </div>
      <RespondError error={error} />
    </div>
  );
}

function ApprovalForm({ part, messageId }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'choose' | 'edit' | 'answer'>('choose');
  const { busy, error, send } = useRespond(messageId, part.id);
  return (
    <div className="tc-await" data-testid="tool-awaiting" data-awaiting="approval">
      <div className="tc-await-head">
        <span className="tc-await-title">{t('playground.call.approvalTitle')}</span>
        <div className="tc-await-actions">
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void send({ action: 'run' })} data-testid="tool-approve-run">
            <PlayIcon size={11} />
            {t('playground.call.run')}
          </button>
          <button type="button" className={`btn btn-small${mode === 'edit' ? ' active' : ''}`} onClick={() => setMode(mode === 'edit' ? 'choose' : 'edit')} data-testid="tool-edit-toggle">
            {t('playground.call.editAndRun')}
          </button>
          <button type="button" className={`btn btn-small${mode === 'answer' ? ' active' : ''}`} onClick={() => setMode(mode === 'answer' ? 'choose' : 'answer')} data-testid="tool-answer-toggle">
            {t('playground.call.answerInstead')}
          </button>
        </div>
      </div>
      <RespondError error={error} />
      {mode === 'edit' && <InputForm part={part} messageId={messageId} testPrefix="tool-edit" runLabel={t('playground.call.runEdited')} />}
      {mode === 'answer' && <ResultForm part={part} messageId={messageId} intro={t('playground.call.answerIntro')} focus />}
    </div>
  );
}

function FixForm({ part, messageId }: Props) {
  const { t } = useTranslation();
  const [fixing, setFixing] = useState(false);
  const { busy, error, send } = useRespond(messageId, part.id);
  return (
    <div className="tc-await fix" data-testid="tool-awaiting" data-awaiting="fix">
      <div className="tc-await-head">
        <span className="tc-await-title">{t('playground.call.fixTitle')}</span>
        <div className="tc-await-actions">
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void send({ action: 'error', content: part.inputError })} data-testid="tool-send-error">
            {t('playground.call.sendError')}
          </button>
          <button type="button" className={`btn btn-small btn-primary${fixing ? ' active' : ''}`} onClick={() => setFixing(!fixing)} data-testid="tool-fix-toggle">
            {t('playground.call.fixAndRun')}
          </button>
        </div>
      </div>
      <RespondError error={error} />
      {fixing && <InputForm part={part} messageId={messageId} testPrefix="tool-fix" runLabel={t('playground.call.runFixed')} />}
    </div>
  );
}

export function AwaitingForms({ part, messageId }: Props) {
  const { t } = useTranslation();
  switch (part.awaiting) {
    case 'result':
      return (
        <div className="tc-await" data-testid="tool-awaiting" data-awaiting="result">
          <ResultForm part={part} messageId={messageId} intro={t('playground.call.manualIntro')} />
        </div>
      );
    case 'approval':
      return <ApprovalForm part={part} messageId={messageId} />;
    case 'fix':
      return <FixForm part={part} messageId={messageId} />;
    default:
      return null;
  }
}
