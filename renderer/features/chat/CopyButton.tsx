// Copies text to the clipboard and says so for a moment.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { copyText } from '../../lib/clipboard';
import { CheckIcon, CopyIcon } from '../shell/icons';

export function CopyButton({
  getText,
  label,
  testId,
  caption,
  icon,
  copiedCaption,
}: {
  getText: () => string;
  label: string;
  testId?: string;
  /** what the button reads (default: "Copy") */
  caption?: string;
  /** the icon before it is used (default: the copy icon) */
  icon?: ReactNode;
  /** what it reads for a moment after copying (default: "Copied") */
  copiedCaption?: string;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className={`copy-btn${copied ? ' copied' : ''}`}
      onClick={() => void copyText(getText()).then(() => setCopied(true), () => undefined)}
      aria-label={label}
      title={label}
      data-testid={testId}
    >
      {copied ? <CheckIcon size={13} /> : (icon ?? <CopyIcon size={13} />)}
      <span>{copied ? (copiedCaption ?? t('message.copied')) : (caption ?? t('message.copy'))}</span>
    </button>
  );
}
