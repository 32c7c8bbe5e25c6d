// Settings → prices: USD per million tokens by model id, empty by default, with well-known list
// prices offered as presets. Stored whenever a field loses focus and the whole table is valid.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { PRICE_PRESETS } from '../../../shared/cost';
import { updateSettings } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';
import { CloseIcon } from '../shell/icons';
import { badRows, PRICE_FIELDS, pricesOf, rowOf, rowsOf, type PriceRow } from './price-rows';

const FIELD_IDS = { input: 'price-input', output: 'price-output', cacheRead: 'price-cache-read', cacheWrite: 'price-cache-write' } as const;

export function PriceTable() {
  const { t } = useTranslation();
  const saved = useSettings((s) => s.settings.prices);
  const notify = useUi((s) => s.showNotice);
  const [rows, setRows] = useState<PriceRow[]>(() => rowsOf(saved));
  const bad = badRows(rows);
  const labels = {
    input: t('params.priceInput'),
    output: t('params.priceOutput'),
    cacheRead: t('params.priceCacheRead'),
    cacheWrite: t('params.priceCacheWrite'),
  };

  const store = async (next: PriceRow[]) => {
    const prices = pricesOf(next);
    if (!prices || JSON.stringify(prices) === JSON.stringify(saved)) return;
    const res = await updateSettings({ prices });
    if (!res.ok) notify(res.error);
  };
  const edit = (key: number, patch: Partial<PriceRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const remove = (key: number) => {
    const next = rows.filter((r) => r.key !== key);
    setRows(next);
    void store(next);
  };
  const addPreset = (model: string) => {
    const preset = PRICE_PRESETS[model];
    if (!preset) return;
    const next = [...rows.filter((r) => r.model.trim() !== model), rowOf(model, preset)];
    setRows(next);
    void store(next);
  };

  return (
    <section className="settings-section" data-testid="settings-prices">
      <h3>{t('params.prices')}</h3>
      <p className="field-help">{t('params.pricesHelp')}</p>
      {rows.length > 0 && (
        <table className="price-table">
          <thead>
            <tr>
              <th>{t('params.priceModel')}</th>
              {PRICE_FIELDS.map((f) => (
                <th key={f}>{labels[f]}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={bad.has(r.key) ? 'invalid' : undefined} data-testid="price-row" data-model={r.model.trim()}>
                <td>
                  <input
                    className="input mono"
                    value={r.model}
                    aria-label={t('params.priceModel')}
                    onChange={(e) => edit(r.key, { model: e.target.value })}
                    onBlur={() => void store(rows)}
                    data-testid="price-model"
                  />
                </td>
                {PRICE_FIELDS.map((f) => (
                  <td key={f}>
                    <input
                      className="input tabular"
                      inputMode="decimal"
                      value={r[f]}
                      aria-label={`${r.model} ${labels[f]}`}
                      onChange={(e) => edit(r.key, { [f]: e.target.value })}
                      onBlur={() => void store(rows)}
                      data-testid={FIELD_IDS[f]}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={t('params.priceRemove', { model: r.model })}
                    onClick={() => remove(r.key)}
                    data-testid="price-remove"
                  >
                    <CloseIcon size={14} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {bad.size > 0 && (
        <span className="field-help error" role="alert">
          {t('params.priceInvalid')}
        </span>
      )}
      <div className="price-actions">
        <button type="button" className="btn btn-small" onClick={() => setRows([...rows, rowOf('')])} data-testid="price-add">
          {t('params.priceAdd')}
        </button>
        <select
          className="select"
          value=""
          onChange={(e) => addPreset(e.target.value)}
          title={t('params.pricePresetHelp')}
          aria-label={t('params.pricePreset')}
          data-testid="price-preset"
        >
          <option value="">{t('params.pricePreset')}</option>
          {Object.keys(PRICE_PRESETS).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
