// The window's one polite live region: visually hidden, read by screen readers when its text
// changes. What it says is decided in stores/announcer.ts from status transitions, never per delta.
import { useAnnouncer } from '../../stores/announcer';

export function LiveRegion() {
  const text = useAnnouncer((s) => s.text);
  const n = useAnnouncer((s) => s.n);
  // Every other announcement ends in a zero-width space: the same words twice are still a change.
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {n % 2 === 1 ? text : `${text}\u200b`}
    </div>
  );
}
