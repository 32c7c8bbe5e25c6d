// A model <select> filled from gateway.models, with the current value always present and an
// "Other…" option that reveals a free-text field (Enter or "Use" applies it).
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { useSettings } from '../../stores/settings';

export const OTHER = '__other__';

interface Props {
  value: string;
  onChange: (model: string) => void;
  testId: string;
  /** test id of the free-text field shown for "Other…" */
  customTestId: string;
  id?: string;
  className?: string;
  /** the select's accessible name when "Model" alone is not enough (several pickers side by side) */
  label?: string;
}

export function ModelPicker({ value, onChange, testId, customTestId, id, className, label }: Props) {
  const { t } = useTranslation();
  const models = useSettings((s) => s.models.value);
  const loading = useSettings((s) => s.models.loading);
  const [custom, setCustom] = useState<string | null>(null);
  const options = models ? [...models] : [];
  if (value && !options.includes(value)) options.unshift(value);

  const apply = () => {
    const name = custom?.trim();
    setCustom(null);
    if (name && name !== value) onChange(name);
  };

  return (
    <span className={`model-picker ${className ?? ''}`}>
      <select
        id={id}
        className="select"
        value={custom !== null ? OTHER : value}
        onChange={(e) => {
          if (e.target.value === OTHER) setCustom(value);
          else {
            setCustom(null);
            onChange(e.target.value);
          }
        }}
        data-testid={testId}
        aria-label={label ?? t('header.model')}
        title={loading ? t('header.modelLoading') : value}
      >
        {options.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
        <option value={OTHER}>{t('header.modelOther')}</option>
      </select>
      {custom !== null && (
        <span className="model-custom">
          <input
            className="input"
            value={custom}
            autoFocus
            placeholder={t('header.modelCustom')}
            aria-label={t('header.modelCustom')}
            onChange={(e) => setCustom(e.target.value)}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              if (e.key === 'Enter') apply();
              if (e.key === 'Escape') setCustom(null);
            }}
            data-testid={customTestId}
          />
          <button type="button" className="btn btn-small" onClick={apply} data-testid={`${customTestId}-apply`}>
            {t('header.modelCustomApply')}
          </button>
        </span>
      )}
    </span>
  );
}
