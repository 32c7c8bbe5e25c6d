// Above the messages: the title (double-click to rename), the model picker, the protocol and the
// system prompt toggle.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { defaultProtocolFor, Protocol, type Thread } from '../../../shared/domain';
import { renameThread, updateThread } from '../../stores/thread-actions';
import { useUi } from '../../stores/ui';
import { ChevronIcon } from '../shell/icons';
import { RenameField } from '../threads/RenameField';
import { ModelPicker } from './ModelPicker';
import { ProfileSelect } from './ProfileSelect';
import { ExportMenu } from '../export/ExportMenu';
import { SystemPromptEditor } from './SystemPromptEditor';
import { PlaygroundMount } from '../playground/PlaygroundMount';
import { PlaygroundToggle } from '../playground/PlaygroundToggle';
import { ThinkingToggle } from './ThinkingToggle';
import { ParamsButton } from '../params/ParamsButton';
import { ParamsPanel } from '../params/ParamsPanel';
import { ThreadUsage } from '../params/ThreadUsage';

export function ThreadHeader({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const renaming = useUi((s) => s.renamingId === `header:${thread.id}`);
  const setRenaming = useUi((s) => s.setRenaming);
  const [promptOpen, setPromptOpen] = useState(false);
  const [paramsOpen, setParamsOpen] = useState(false);
  const title = thread.title || t('threads.untitled');

  return (
    <header className="thread-header">
      <div className="thread-header-row">
        {renaming ? (
          <RenameField
            initial={thread.title}
            className="thread-title-input"
            testId="thread-title-input"
            onDone={(v) => void renameThread(thread.id, v ?? thread.title)}
          />
        ) : (
          <h1 className="thread-title" data-testid="thread-title" title={title} onDoubleClick={() => setRenaming(`header:${thread.id}`)}>
            {title}
          </h1>
        )}
        <div className="thread-controls">
          <ProfileSelect threadId={thread.id} />
          <ThreadUsage threadId={thread.id} />
          <ModelPicker
            value={thread.model}
            // A model switch also picks its protocol: Claude models speak native Messages.
            onChange={(model) => void updateThread(thread.id, { model, protocol: defaultProtocolFor(model) })}
            testId="model-select"
            customTestId="model-custom"
          />
          <select
            className="select select-quiet"
            value={thread.protocol}
            onChange={(e) => void updateThread(thread.id, { protocol: e.target.value as Protocol })}
            aria-label={t('header.protocol')}
            title={t('header.protocol')}
            data-testid="protocol-select"
          >
            {Protocol.options.map((p) => (
              <option key={p} value={p}>
                {t(`header.protocols.${p}`)}
              </option>
            ))}
          </select>
          <ThinkingToggle thread={thread} />
          <ParamsButton thread={thread} open={paramsOpen} onToggle={() => setParamsOpen(!paramsOpen)} />
          <PlaygroundToggle threadId={thread.id} />
          <button
            type="button"
            className={`btn btn-small btn-ghost prompt-toggle${promptOpen ? ' open' : ''}`}
            aria-expanded={promptOpen}
            onClick={() => setPromptOpen(!promptOpen)}
            data-testid="system-prompt-toggle"
          >
            <ChevronIcon size={14} className="disclosure" />
            <span>{t('header.systemPrompt')}</span>
            <span className={`pill${thread.systemPrompt ? ' on' : ''}`}>
              {thread.systemPrompt ? t('header.systemPromptSet') : t('header.systemPromptNone')}
            </span>
          </button>
          <ExportMenu threadId={thread.id} testId="export-thread" />
        </div>
      </div>
      {paramsOpen && <ParamsPanel thread={thread} onClose={() => setParamsOpen(false)} />}
      {promptOpen && <SystemPromptEditor threadId={thread.id} value={thread.systemPrompt} onClose={() => setPromptOpen(false)} />}
      <PlaygroundMount thread={thread} />
    </header>
  );
}
