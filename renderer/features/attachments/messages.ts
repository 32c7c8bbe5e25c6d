// Words for what went wrong with an attachment, and the "Describe" prompt, in the UI language.
import type { TFunction } from 'i18next';
import type { AppError } from '../../../shared/domain';
import { errorReason } from '../../i18n';
import { attachmentsEn } from '../../i18n/attachments.en';
import { useSettings } from '../../stores/settings';

type Reason = keyof typeof attachmentsEn.errors;

const isReason = (r: string | undefined): r is Reason => r !== undefined && r !== 'unknown' && r in attachmentsEn.errors;

/** The refusal's translation key, when it is an attachment refusal the UI knows. */
function reasonOf(error: Pick<AppError, 'code' | 'message' | 'reason'>): Reason | null {
  if (error.code !== 'invalid_input' || !isReason(error.reason)) return null;
  // main says "this build cannot decode heif" when the format is known but its decoder is missing
  if (error.reason === 'not_supported' && /cannot decode/i.test(error.message)) return 'not_supported_decoder';
  return error.reason;
}

/** "“photo.heic” is in a format …": one sentence naming the file. */
export function failureText(t: TFunction, name: string, error: Pick<AppError, 'code' | 'message' | 'reason'>): string {
  const reason = reasonOf(error);
  if (reason) return t(`attachments.errors.${reason}`, { name });
  return t('attachments.errors.unknown', { name, message: errorReason(t, error) });
}

/** A send refused because of its attachments (pdf_needs_anthropic, missing, too_many_images), else null. */
export function sendRefusalText(t: TFunction, error: Pick<AppError, 'code' | 'message' | 'reason'>): string | null {
  const reason = reasonOf(error);
  return reason ? t(`attachments.errors.${reason}`, { name: '' }) : null;
}

/** Settings' prompt for "Describe", or the UI language's default when it is empty. */
export function describePrompt(t: TFunction): string {
  return useSettings.getState().settings.describePrompt.trim() || t('attachments.describePrompt');
}
