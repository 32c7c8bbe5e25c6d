// i18next with complete zh-CN and en resources. 'system' follows the OS (app.info.systemLocale,
// else navigator.language): zh* → zh-CN, anything else → en.
import i18n, { type TFunction } from 'i18next';
import type { AppError, Settings } from '../../shared/domain';
import { APP_OFFLINE } from '../api-ws';
import { attachmentsEn } from './attachments.en';
import { attachmentsZhCN } from './attachments.zh-CN';
import { en as enBase } from './en';
import { zhCN as zhCNBase } from './zh-CN';
import { playgroundEn } from './playground.en';
import { playgroundZhCN } from './playground.zh-CN';
import { searchEn } from './search.en';
import { searchZhCN } from './search.zh-CN';
import { paramsEn } from './params.en';
import { paramsZhCN } from './params.zh-CN';
import { compareEn } from './compare.en';
import { compareZhCN } from './compare.zh-CN';
import { batchEn } from './batch.en';
import { batchZhCN } from './batch.zh-CN';
import { suitesEn } from './suites.en';
import { suitesZhCN } from './suites.zh-CN';
import { mcpEn } from './mcp.en';
import { mcpZhCN } from './mcp.zh-CN';

// Feature strings live in their own files and are merged in under their namespace key.
const en = {
  ...enBase,
  attachments: attachmentsEn,
  playground: playgroundEn,
  search: searchEn,
  params: paramsEn,
  compare: compareEn,
  batch: batchEn,
  suites: suitesEn,
  mcp: mcpEn,
};
const zhCN: typeof en = {
  ...zhCNBase,
  attachments: attachmentsZhCN,
  playground: playgroundZhCN,
  search: searchZhCN,
  params: paramsZhCN,
  compare: compareZhCN,
  batch: batchZhCN,
  suites: suitesZhCN,
  mcp: mcpZhCN,
};

export type Language = 'zh-CN' | 'en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function resolveLanguage(setting: Settings['locale'], systemLocale?: string | null): Language {
  if (setting !== 'system') return setting;
  const sys = systemLocale || navigator.language || 'en';
  return /^zh/i.test(sys) ? 'zh-CN' : 'en';
}

export async function initI18n(language: Language): Promise<void> {
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The translated, classified reason of an error (the server's own message is shown separately). */
export function errorReason(
  t: TFunction,
  error: Pick<AppError, 'code' | 'message'> & Partial<Pick<AppError, 'reason' | 'origins'>>,
): string {
  if (error.code === 'network' && error.message === APP_OFFLINE) return t('app.offline');
  // A refusal with a reason of its own (e.g. the playground's tool_invalid) says more than its code.
  const byReason = error.reason ? (`playground.reasons.${error.reason}` as const) : null;
  if (byReason && i18n.exists(byReason)) return t(byReason as unknown as 'playground.reasons.tool_invalid');
  for (const group of ['profiles', 'transfer', 'suites', 'mcp'] as const) {
    const key = error.reason ? `${group}.reasons.${error.reason}` : null;
    if (key && i18n.exists(key)) return t(key as unknown as 'profiles.reasons.profile_gone');
  }
  if (error.code === 'key_origin' && error.origins) {
    return t(error.reason === 'reenter_or_confirm' ? 'errors.keyOriginReenterOrConfirm' : 'errors.keyOriginReenter', error.origins);
  }
  if (error.code === 'invalid_input' && error.reason === 'insecure_http') return t('settings.insecureHttp');
  if (error.code === 'not_found' && error.reason === 'message_gone') return t('search.messageGone');
  return t(`errors.${error.code}`);
}

/** The server's own message, shown in small print under the reason ('' when there is none to show). */
export function errorDetail(error: Pick<AppError, 'message'>): string {
  return error.message === APP_OFFLINE ? '' : error.message;
}

export { i18n };
