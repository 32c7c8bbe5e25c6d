// Problems main found, each with the JSON pointer it is about. Clicking one (when the caller can)
// moves the editor there.
import { useTranslation } from '../../i18n/use-translation';
import { AlertIcon } from '../shell/icons';
import type { ShownIssue } from './issues';

export function IssueList({ issues, onPick }: { issues: ShownIssue[]; onPick?: (issue: ShownIssue) => void }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <ul className="pg-issues">
      {issues.map((issue, i) => (
        <li
          key={`${issue.path}:${i}`}
          className={`pg-issue ${issue.severity}`}
          data-testid="tool-issue"
          data-severity={issue.severity}
          data-path={issue.path}
        >
          <AlertIcon size={12} className="pg-issue-icon" aria-hidden="true" />
          <span className="pg-issue-kind">{t(`playground.issues.${issue.severity}`)}</span>
          {onPick ? (
            <button type="button" className="pg-issue-path" onClick={() => onPick(issue)} title={t('playground.issues.goTo')}>
              {issue.local || '/'}
            </button>
          ) : (
            <code className="pg-issue-path">{issue.local || '/'}</code>
          )}
          <span className="pg-issue-message">{issue.message}</span>
        </li>
      ))}
    </ul>
  );
}
