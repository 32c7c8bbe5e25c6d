// A modal dialog: backdrop, Escape to close, focus moved in on open and restored on close, Tab kept
// inside. Keys are read on the document, not the dialog, so Escape and Tab still work when the
// focused control inside has just disappeared (a "Remove" button that removes itself) and the focus
// fell to <body>; with dialogs stacked, only the topmost one answers.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  labelledBy: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
  testId?: string;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** Open dialogs, innermost last. */
const stack: HTMLElement[] = [];

function focusables(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
}

export function Modal({ labelledBy, onClose, className, children, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement as HTMLElement | null;
    stack.push(dialog);
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();

    const onKey = (e: KeyboardEvent) => {
      if (stack[stack.length - 1] !== dialog || e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusables(dialog);
      if (items.length === 0) return;
      const head = items[0]!;
      const tail = items[items.length - 1]!;
      const inside = dialog.contains(document.activeElement);
      if (!inside || (e.shiftKey && document.activeElement === head) || (!e.shiftKey && document.activeElement === tail)) {
        e.preventDefault();
        (e.shiftKey ? tail : head).focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      stack.splice(stack.indexOf(dialog), 1);
      before?.focus?.();
    };
  }, []);

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) closeRef.current();
      }}
    >
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={labelledBy} className={`modal ${className ?? ''}`} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
