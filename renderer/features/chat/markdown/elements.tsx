// Markdown elements that must not behave like a web page's: links open in the system browser
// through main (http/https only) and never navigate this window; remote images are not loaded
// (the renderer never talks to the internet); wide tables scroll instead of overflowing.
import type { ComponentProps, MouseEvent } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import type { ExtraProps } from 'react-markdown';
import { isSafeExternalUrl } from '../../../../shared/url';
import { getApi } from '../../../api';

type Props<T extends 'a' | 'img' | 'table'> = ComponentProps<T> & ExtraProps;

export function ExternalLink({ href, children, node: _node, ...rest }: Props<'a'>) {
  const { t } = useTranslation();
  const safe = typeof href === 'string' && isSafeExternalUrl(href);
  const open = (e: MouseEvent) => {
    e.preventDefault();
    if (safe) void getApi()['shell.openExternal']({ url: href });
  };
  return (
    <a
      {...rest}
      href={safe ? href : undefined}
      onClick={open}
      onAuxClick={open}
      title={safe ? href : t('message.linkBlocked')}
      rel="noreferrer noopener"
      className={safe ? 'md-link' : 'md-link blocked'}
    >
      {children}
    </a>
  );
}

export function BlockedImage({ alt, src }: Props<'img'>) {
  const { t } = useTranslation();
  return (
    <span className="md-image-blocked" title={typeof src === 'string' ? src : undefined}>
      {t('message.imageNotLoaded', { alt: alt || (typeof src === 'string' ? src : '') })}
    </span>
  );
}

export function ScrollTable({ node: _node, ...rest }: Props<'table'>) {
  return (
    <div className="md-table-wrap">
      <table {...rest} />
    </div>
  );
}
