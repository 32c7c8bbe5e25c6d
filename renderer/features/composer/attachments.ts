// Files picked through `composer-file-input` (and, via the drop zone, dropped or pasted) are taken
// in by main: decoded, stripped of metadata, stored; the composer then holds their ids.
import { takeIn } from '../attachments/intake';

export function takeInAttachments(threadKey: string, files: File[]): void {
  void takeIn(files, { kind: 'composer', threadKey });
}
