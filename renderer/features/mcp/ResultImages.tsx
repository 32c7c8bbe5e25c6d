// The images a tool result carried back to the model (MCP tools), as small thumbnails beside its chip:
// what the model actually received, not a placeholder. Each opens the lightbox.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { ToolResultBlock } from '../../../shared/domain';
import { useAttachmentInfo } from '../../stores/attachments';
import { requestInfo } from '../attachments/infos';
import { openLightbox } from '../attachments/lightbox-actions';
import { ImageIcon } from '../shell/icons';

type ImageBlock = Extract<ToolResultBlock, { type: 'image' }>;

function ResultImage({ block, tool, n }: { block: ImageBlock; tool: string; n: number }) {
  const { t } = useTranslation();
  const info = useAttachmentInfo(block.attachmentId);
  useEffect(() => {
    if (info === undefined) requestInfo(block.attachmentId);
  }, [info, block.attachmentId]);
  const name = t('mcp.resultImage', { tool, n });
  return (
    <button
      type="button"
      className="trr-image"
      onClick={() => void openLightbox(block.attachmentId, name)}
      disabled={info === null}
      aria-label={name}
      title={name}
      data-testid="tool-result-image"
      data-attachment-id={block.attachmentId}
    >
      {info?.thumbnail ? <img src={info.thumbnail} alt="" draggable={false} /> : <ImageIcon size={14} />}
    </button>
  );
}

export function ResultImages({ blocks, tool }: { blocks: readonly ToolResultBlock[] | undefined; tool: string }) {
  const images = (blocks ?? []).filter((b): b is ImageBlock => b.type === 'image');
  return (
    <>
      {images.map((b, i) => (
        <ResultImage key={`${b.attachmentId}-${i}`} block={b} tool={tool} n={i + 1} />
      ))}
    </>
  );
}
