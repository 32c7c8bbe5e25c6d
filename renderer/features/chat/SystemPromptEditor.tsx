// The thread's system prompt: a collapsible editor under the header, saved on blur or Save.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { updateThread } from '../../stores/thread-actions';

export function SystemPromptEditor({ threadId, value, onClose }: { threadId: string; value: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value, threadId]);
  const save = () => {
    if (text !== value) void updateThread(threadId, { systemPrompt: text });
  };
  return (
    <div className="system-prompt">
      <textarea
        className="input system-prompt-input"
        value={text}
        rows={4}
        autoFocus
        placeholder={t('header.systemPromptPlaceholder')}
        aria-label={t('header.systemPrompt')}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            save();
            onClose();
          }
        }}
        data-testid="system-prompt"
      />
      <div className="system-prompt-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            save();
            onClose();
          }}
          data-testid="system-prompt-save"
        >
          {t('header.systemPromptSave')}
        </button>
      </div>
    </div>
  );
}
