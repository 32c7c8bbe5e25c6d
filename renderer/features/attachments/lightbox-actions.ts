// The lightbox shows one image large: the thumbnail at once, then main's lightbox-size preview.
import { getApi } from '../../api';
import { useAttachments } from '../../stores/attachments';

export async function openLightbox(id: string, name: string): Promise<void> {
  const store = useAttachments.getState();
  store.setLightbox({ id, name, thumbnail: store.infos[id]?.thumbnail ?? null, dataUrl: null, failed: false });
  const res = await getApi()['attachments.preview']({ id });
  // patchLightbox ignores an answer for a lightbox that was closed or moved on meanwhile
  if (res.ok) useAttachments.getState().patchLightbox(id, { dataUrl: res.value.dataUrl });
  else useAttachments.getState().patchLightbox(id, { failed: true });
}

export function closeLightbox(): void {
  useAttachments.getState().setLightbox(null);
}
