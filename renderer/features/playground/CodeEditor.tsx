// A plain code editor: a monospace <textarea> with line numbers, Tab / Shift+Tab indenting, Enter
// keeping the indentation, and the line of an error marked. Edits go through execCommand so the
// browser's undo history keeps working. Escape leaves the field (Tab is taken for indenting).
import { useId, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';

const INDENT = '  ';

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId?: string;
  /** 1-based line to mark (an error there) */
  errorLine?: number;
  invalid?: boolean;
  minLines?: number;
  maxLines?: number;
  placeholder?: string;
  onBlur?: () => void;
  readOnly?: boolean;
  className?: string;
  describedBy?: string;
}

function insert(el: HTMLTextAreaElement, text: string): void {
  // execCommand keeps the undo stack; where it is missing, fall back to setRangeText.
  if (!document.execCommand('insertText', false, text)) {
    el.setRangeText(text, el.selectionStart, el.selectionEnd, 'end');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

function onEditorKey(e: KeyboardEvent<HTMLTextAreaElement>): void {
  const el = e.currentTarget;
  if (e.nativeEvent.isComposing || el.readOnly) return;
  const { value, selectionStart: start, selectionEnd: end } = el;
  if (e.key === 'Escape') {
    e.stopPropagation();
    el.blur();
    return;
  }
  if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    if (start === end && !e.shiftKey) {
      insert(el, INDENT);
      return;
    }
    // Indent or outdent every line the selection touches.
    const blockEnd = value.indexOf('\n', end - (end > start && value[end - 1] === '\n' ? 1 : 0));
    const stop = blockEnd === -1 ? value.length : blockEnd;
    const lines = value.slice(lineStart, stop).split('\n');
    const changed = lines.map((l) => (e.shiftKey ? l.replace(/^ {1,2}/, '') : INDENT + l)).join('\n');
    el.setSelectionRange(lineStart, stop);
    insert(el, changed);
    el.setSelectionRange(lineStart, lineStart + changed.length);
    return;
  }
  if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(value.slice(lineStart, start))![0];
    const before = value.slice(0, start).trimEnd().at(-1);
    const after = value.slice(end).trimStart()[0];
    const opens = before === '{' || before === '[' || before === '(';
    const closes = (before === '{' && after === '}') || (before === '[' && after === ']') || (before === '(' && after === ')');
    if (closes) {
      insert(el, `\n${indent}${INDENT}\n${indent}`);
      const caret = start + 1 + indent.length + INDENT.length;
      el.setSelectionRange(caret, caret);
    } else {
      insert(el, `\n${indent}${opens ? INDENT : ''}`);
    }
  }
}

export function CodeEditor({
  value,
  onChange,
  label,
  testId,
  errorLine,
  invalid,
  minLines = 4,
  maxLines = 24,
  placeholder,
  onBlur,
  readOnly,
  className,
  describedBy,
}: Props) {
  const { t } = useTranslation();
  const hintId = useId();
  const gutter = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const count = value.split('\n').length;
  const shown = Math.min(maxLines, Math.max(minLines, count));

  useLayoutEffect(() => {
    if (gutter.current && area.current) gutter.current.scrollTop = area.current.scrollTop;
  }, [value]);

  const numbers: string[] = [];
  for (let i = 1; i <= count; i++) numbers.push(String(i));

  return (
    <div
      className={`code-editor${invalid ? ' invalid' : ''}${readOnly ? ' readonly' : ''}${className ? ` ${className}` : ''}`}
      style={{ ['--lines' as string]: shown }}
    >
      <div className="code-gutter" ref={gutter} aria-hidden="true">
        {errorLine !== undefined && errorLine > 0 && (
          <div className="code-error-line" style={{ ['--line' as string]: errorLine - 1 }} />
        )}
        <pre>{numbers.join('\n')}</pre>
      </div>
      <textarea
        ref={area}
        className="code-area"
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        readOnly={readOnly}
        placeholder={placeholder}
        aria-label={label}
        aria-invalid={invalid || undefined}
        // Tab indents here, so the way out is told to screen readers (and listed as a shortcut).
        aria-describedby={describedBy ? `${describedBy} ${hintId}` : hintId}
        aria-keyshortcuts={readOnly ? undefined : 'Escape'}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onEditorKey}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onBlur={onBlur}
        data-testid={testId}
      />
      <span id={hintId} className="sr-only">
        {t('a11y.editorTabHint')}
      </span>
    </div>
  );
}
