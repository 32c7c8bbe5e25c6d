// "Copy link" on a message: yibu://thread/…/message/… (browser mode: this page's address + #/thread/…).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../lib/clipboard';
import { messageLink } from '../../stores/search-actions';
import { CheckIcon, LinkIcon } from '../shell/icons';

export function LinkCopyButton({ threadId, messageId }: { threadId: string; messageId: string }) {
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
      onClick={() => void copyText(messageLink(threadId, messageId)).then(() => setCopied(true), () => undefined)}
      aria-label={t('search.copyLink')}
      title={t('search.copyLink')}
      data-testid="message-link-copy"
    >
      {copied ? <CheckIcon size={13} /> : <LinkIcon size={13} />}
      <span>{copied ? t('search.linkCopied') : t('search.copyLink')}</span>
    </button>
  );
}
