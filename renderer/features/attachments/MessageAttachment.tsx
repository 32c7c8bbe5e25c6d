// An image or PDF of a sent message: the thumbnail (from main, by id, cached) in a box of the
// image's own proportions, which opens the lightbox; a PDF as a chip with its page count.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Part } from '../../../shared/domain';
import { useAttachmentInfo } from '../../stores/attachments';
import { describeInfo, fitBox } from './format';
import { DocumentIcon, ImageIcon } from '../shell/icons';
import { requestInfo } from './infos';
import { openLightbox } from './lightbox-actions';

type ImagePart = Extract<Part, { type: 'image' }>;
type DocumentPart = Extract<Part, { type: 'document' }>;

const MAX_W = 240;
const MAX_H = 200;

export function MessageAttachment({ part }: { part: ImagePart | DocumentPart }) {
  return part.type === 'image' ? <MessageImage part={part} /> : <MessageDocument part={part} />;
}

function MessageImage({ part }: { part: ImagePart }) {
  const { t } = useTranslation();
  const info = useAttachmentInfo(part.attachmentId);
  useEffect(() => {
    if (info === undefined) requestInfo(part.attachmentId);
  }, [info, part.attachmentId]);
  const box = fitBox(part.width, part.height, MAX_W, MAX_H);
  const detail = describeInfo(t, { kind: 'image', size: part.size, width: part.width, height: part.height });
  const gone = info === null;

  return (
    <button
      type="button"
      className={`message-image${gone ? ' gone' : ''}`}
      style={box}
      onClick={() => void openLightbox(part.attachmentId, part.name)}
      disabled={gone}
      aria-label={`${t('attachments.open', { name: part.name })}, ${detail}`}
      title={`${part.name} · ${detail}`}
      data-testid="attachment-chip"
      data-attachment-id={part.attachmentId}
      data-kind="image"
    >
      {info?.thumbnail ? (
        <img src={info.thumbnail} alt={part.name} draggable={false} data-testid="attachment-thumbnail" />
      ) : (
        <span className="message-image-placeholder">
          <ImageIcon size={22} />
          {gone && <small>{t('attachments.unavailable')}</small>}
        </span>
      )}
    </button>
  );
}

function MessageDocument({ part }: { part: DocumentPart }) {
  const { t } = useTranslation();
  const detail = describeInfo(t, { kind: 'document', size: part.size, pages: part.pages });
  return (
    <span
      className="message-document"
      title={part.name}
      data-testid="attachment-chip"
      data-attachment-id={part.attachmentId}
      data-kind="document"
    >
      <span className="message-document-icon" aria-hidden="true">
        <DocumentIcon size={20} />
      </span>
      <span className="att-chip-text">
        <span className="att-chip-name">{part.name}</span>
        <span className="att-chip-detail">{`${t('attachments.document')} · ${detail}`}</span>
      </span>
    </span>
  );
}
