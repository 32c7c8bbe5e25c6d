// What attachments draw over the whole window: the drop zone and the lightbox.
import { DropZone } from './DropZone';
import { Lightbox } from './Lightbox';

export function AttachmentsLayer({ threadKey }: { threadKey: string }) {
  return (
    <>
      <DropZone threadKey={threadKey} />
      <Lightbox />
    </>
  );
}
