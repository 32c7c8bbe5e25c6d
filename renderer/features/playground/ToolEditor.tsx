// One tool of the playground: name, description, input schema, how it runs — each with the issues
// main found there. Collapsible; the header says at a glance whether it is ready.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ToolDefinition } from '../../../shared/tools';
import { TOOL_NAME_PATTERN } from '../../../shared/tools';
import { flushPlayground, removeTool, updateTool } from '../../stores/playground';
import { CheckIcon, ChevronIcon, TrashIcon } from '../shell/icons';
import { IssueList } from './IssueList';
import type { ToolIssues } from './issues';
import { RunEditor } from './RunEditor';
import { SchemaEditor } from './SchemaEditor';

interface Props {
  threadId: string;
  index: number;
  tool: ToolDefinition;
  issues: ToolIssues;
}

export function ToolEditor({ threadId, index, tool, issues }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const flush = () => void flushPlayground(threadId);
  // The name rule is known here too: flag a bad name at the keystroke, before main answers.
  const nameBad = !TOOL_NAME_PATTERN.test(tool.name);
  const nameIssues = issues.byField.name;
  const id = `tool-${threadId}-${index}`;

  return (
    <section
      className={`pg-tool${open ? ' open' : ''}${issues.errors ? ' has-errors' : ''}`}
      data-testid="tool-def"
      data-tool-name={tool.name}
      aria-labelledby={`${id}-title`}
    >
      <header className="pg-tool-head">
        <button type="button" className="pg-tool-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <ChevronIcon size={13} className="disclosure" />
          <code id={`${id}-title`} className="pg-tool-name">
            {tool.name || t('playground.tool.unnamed')}
          </code>
        </button>
        <span className={`pg-mode-pill mode-${tool.run.mode}`}>{t(`playground.run.modes.${tool.run.mode}`)}</span>
        <span className="pg-tool-state" data-testid="tool-state">
          {issues.errors > 0 ? (
            <span className="pg-count error">{t('playground.issues.errorCount', { count: issues.errors })}</span>
          ) : issues.warnings > 0 ? (
            <span className="pg-count warning">{t('playground.issues.warningCount', { count: issues.warnings })}</span>
          ) : (
            <span className="pg-count ok">
              <CheckIcon size={12} />
              {t('playground.issues.valid')}
            </span>
          )}
        </span>
        <button
          type="button"
          className="icon-btn tiny danger"
          onClick={() => removeTool(threadId, index)}
          aria-label={t('playground.tool.delete', { name: tool.name })}
          title={t('playground.tool.delete', { name: tool.name })}
          data-testid="tool-delete"
        >
          <TrashIcon size={13} />
        </button>
      </header>
      {open && (
        <div className="pg-tool-body">
          <div className="pg-field">
            <label className="pg-label" htmlFor={`${id}-name`}>
              {t('playground.tool.name')}
            </label>
            <input
              id={`${id}-name`}
              className={`input mono pg-input${nameBad || nameIssues.length ? ' invalid' : ''}`}
              value={tool.name}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => updateTool(threadId, index, { name: e.target.value }, { typing: true })}
              onBlur={flush}
              aria-invalid={nameBad || undefined}
              data-testid="tool-name"
            />
            {nameBad && nameIssues.length === 0 && (
              <p className="pg-local-error" data-testid="tool-name-error">
                {t('playground.tool.nameRule')}
              </p>
            )}
            <IssueList issues={nameIssues} />
          </div>
          <div className="pg-field">
            <label className="pg-label" htmlFor={`${id}-desc`}>
              {t('playground.tool.description')}
            </label>
            <textarea
              id={`${id}-desc`}
              className="input pg-input pg-desc"
              value={tool.description}
              rows={2}
              placeholder={t('playground.tool.descriptionPlaceholder')}
              onChange={(e) => updateTool(threadId, index, { description: e.target.value }, { typing: true })}
              onBlur={flush}
              data-testid="tool-description"
            />
            <IssueList issues={issues.byField.description} />
          </div>
          <SchemaEditor threadId={threadId} index={index} tool={tool} issues={issues.byField.inputSchema} />
          <RunEditor threadId={threadId} index={index} tool={tool} issues={issues.byField.run} />
          <IssueList issues={issues.byField.other} />
        </div>
      )}
    </section>
  );
}
