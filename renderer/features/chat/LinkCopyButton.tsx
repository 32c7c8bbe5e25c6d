// "Copy link" on a message: yibu://thread/…/message/… (browser mode: this page's address + #/thread/…).
import { useTranslation } from '../../i18n/use-translation';
import { messageLink } from '../../stores/search-actions';
import { LinkIcon } from '../shell/icons';
import { CopyButton } from './CopyButton';

export function LinkCopyButton({ threadId, messageId }: { threadId: string; messageId: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton
      getText={() => messageLink(threadId, messageId)}
      label={t('search.copyLink')}
      caption={t('search.copyLink')}
      copiedCaption={t('search.linkCopied')}
      icon={<LinkIcon size={13} />}
      testId="message-link-copy"
    />
  );
}
