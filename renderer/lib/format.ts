// Numbers, balances and times for display, through Intl in the UI language.
import type { TFunction } from 'i18next';
import type { Balance } from '../../shared/domain';

export function formatBalance(t: TFunction, language: string, balance: Balance): string {
  if (balance.unlimited || balance.remaining === null) return t('settings.unlimited');
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    balance.remaining,
  );
}

export function formatCount(language: string, n: number): string {
  return new Intl.NumberFormat(language).format(n);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "yesterday", then a short date. */
export function formatRelative(t: TFunction, language: string, time: number, now: number): string {
  const diff = now - time;
  if (diff < MINUTE) return t('threads.justNow');
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  if (diff < HOUR) return rtf.format(-Math.floor(diff / MINUTE), 'minute');
  if (diff < DAY) return rtf.format(-Math.floor(diff / HOUR), 'hour');
  if (diff < 7 * DAY) return rtf.format(-Math.floor(diff / DAY), 'day');
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(language, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(
    time,
  );
}

export function formatDateTime(language: string, time: number): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** The host of a base URL, for the status bar ("yibuapi.com"). */
export function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
