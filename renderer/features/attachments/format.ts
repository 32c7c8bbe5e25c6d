// Sizes and dimensions of attachments for chips.
import type { TFunction } from 'i18next';
import type { AttachmentInfo } from '../../../shared/domain';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "2000×3000 · 1.4 MB", "12 pages · 2.1 MB". */
export function describeInfo(t: TFunction, info: Pick<AttachmentInfo, 'kind' | 'size' | 'width' | 'height' | 'pages'>): string {
  const first =
    info.kind === 'image'
      ? info.width && info.height
        ? `${info.width}×${info.height}`
        : null
      : info.pages
        ? t('message.pages', { count: info.pages })
        : null;
  return [first, formatBytes(info.size)].filter(Boolean).join(' · ');
}

/** The box an image is shown in, its aspect kept, so the layout does not jump when it loads. */
export function fitBox(width: number, height: number, maxW: number, maxH: number): { width: number; height: number } {
  if (!(width > 0 && height > 0)) return { width: Math.min(maxW, 160), height: Math.min(maxH, 120) };
  const scale = Math.min(maxW / width, maxH / height, 1);
  return { width: Math.max(24, Math.round(width * scale)), height: Math.max(24, Math.round(height * scale)) };
}
