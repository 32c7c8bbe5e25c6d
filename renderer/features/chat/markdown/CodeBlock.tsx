// A fenced code block with its language, a wrap toggle (long lines scroll by default) and a copy button.
import { useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from '../../../i18n/use-translation';
import type { ExtraProps } from 'react-markdown';
import { CopyButton } from '../CopyButton';

export function CodeBlock({ node, children, className, ...rest }: ComponentProps<'pre'> & ExtraProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLPreElement>(null);
  const [wrap, setWrap] = useState(false);
  const code = node?.children[0];
  const classes = code?.type === 'element' ? code.properties.className : undefined;
  const language = Array.isArray(classes)
    ? classes.map(String).find((c) => c.startsWith('language-'))?.slice('language-'.length)
    : undefined;
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-block-lang" data-testid="code-language">
          {language ?? ''}
        </span>
        <span className="code-block-actions">
          <button
            type="button"
            className={`copy-btn${wrap ? ' on' : ''}`}
            aria-pressed={wrap}
            onClick={() => setWrap(!wrap)}
            data-testid="code-wrap"
          >
            <span>{wrap ? t('params.codeNoWrap') : t('params.codeWrap')}</span>
          </button>
          <CopyButton getText={() => ref.current?.innerText ?? ''} label={t('message.copyCode')} testId="code-copy" />
        </span>
      </div>
      <pre ref={ref} className={[className, wrap ? 'wrap' : ''].filter(Boolean).join(' ') || undefined} {...rest}>
        {children}
      </pre>
    </div>
  );
}
