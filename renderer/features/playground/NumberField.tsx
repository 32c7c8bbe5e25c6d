// A whole-number field that commits only values in range while typing, and clamps on blur — so
// typing "16" into a field with a minimum of 4 does not jump to 4 at the "1".
import { useEffect, useState } from 'react';

interface Props {
  value: number | undefined;
  min: number;
  max: number;
  /** undefined = the field was emptied (the default applies) */
  onCommit: (value: number | undefined, typing: boolean) => void;
  placeholder?: string;
  allowEmpty?: boolean;
  testId?: string;
  label?: string;
  step?: number;
  id?: string;
}

export function NumberField({ value, min, max, onCommit, placeholder, allowEmpty, testId, label, step, id }: Props) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const n = Number(text);
  const inRange = text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
  return (
    <input
      id={id}
      type="number"
      className={`input pg-num${!inRange && !(allowEmpty && text.trim() === '') ? ' invalid' : ''}`}
      min={min}
      max={max}
      step={step ?? 1}
      placeholder={placeholder}
      aria-label={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const v = e.target.value.trim();
        if (v === '' && allowEmpty) onCommit(undefined, true);
        else if (Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max) onCommit(Number(v), true);
      }}
      onBlur={() => {
        const v = text.trim();
        if (v === '') {
          if (allowEmpty) onCommit(undefined, false);
          else setText(value === undefined ? '' : String(value));
          return;
        }
        const clamped = Math.min(max, Math.max(min, Math.round(Number(v) || min)));
        setText(String(clamped));
        onCommit(clamped, false);
      }}
      data-testid={testId}
    />
  );
}
