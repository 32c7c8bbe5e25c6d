// The words of main's "send the key to a new address?" dialog, in en and zh-CN. The renderer's i18n
// cannot reach a native dialog, so main keeps these few strings itself.
import type { Settings } from '../../shared/domain';
import type { KeyMoveText } from '../platform/types';

export function keyMoveText(locale: Settings['locale'], systemLocale: string, from: string, to: string): KeyMoveText {
  const lang = locale === 'system' ? (/^zh/i.test(systemLocale) ? 'zh-CN' : 'en') : locale;
  if (lang === 'zh-CN') {
    return {
      title: '把密钥发送到新地址？',
      message: `您的 API 密钥是为 ${from} 保存的。`,
      detail: `基础 URL 现在指向 ${to}。只有信任该地址时才允许把密钥发送过去；否则请取消，并为新地址重新输入密钥。`,
      confirm: `发送到 ${to}`,
      cancel: '取消',
    };
  }
  return {
    title: 'Send your key to a new address?',
    message: `Your API key was saved for ${from}.`,
    detail: `The base URL now points at ${to}. Allow the key to go there only if you trust that address; otherwise cancel and enter a key for the new address.`,
    confirm: `Send it to ${to}`,
    cancel: 'Cancel',
  };
}
