// A fenced code block with its language and a copy button.
import { useRef, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtraProps } from 'react-markdown';
import { CopyButton } from '../CopyButton';

export function CodeBlock({ node, children, ...rest }: ComponentProps<'pre'> & ExtraProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLPreElement>(null);
  const code = node?.children[0];
  const classes = code?.type === 'element' ? code.properties.className : undefined;
  const language = Array.isArray(classes)
    ? classes.map(String).find((c) => c.startsWith('language-'))?.slice('language-'.length)
    : undefined;
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-block-lang">{language ?? ''}</span>
        <CopyButton getText={() => ref.current?.innerText ?? ''} label={t('message.copyCode')} testId="code-copy" />
      </div>
      <pre ref={ref} {...rest}>
        {children}
      </pre>
    </div>
  );
}
