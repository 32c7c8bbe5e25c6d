// An inline title editor: Enter or leaving the field saves, Escape cancels (onDone(null)).
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';

interface Props {
  initial: string;
  onDone: (value: string | null) => void;
  className?: string;
  testId?: string;
}

export function RenameField({ initial, onDone, className, testId = 'thread-rename-input' }: Props) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [done, setDone] = useState(false);
  const finish = (v: string | null) => {
    if (done) return;
    setDone(true);
    onDone(v);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') finish(value);
    else if (e.key === 'Escape') finish(null);
  };
  return (
    <input
      className={`rename-input ${className ?? ''}`}
      value={value}
      maxLength={200}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(value)}
      aria-label={t('threads.titleLabel')}
      data-testid={testId}
    />
  );
}
