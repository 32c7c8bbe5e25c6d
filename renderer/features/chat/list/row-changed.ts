// A row tells the list it re-rendered (a streaming answer grew), from its own layout effect: the list then
// measures it and puts the view back within the same task. A ResizeObserver alone would do it only in the next
// frame, and anything reading the page in between (an animation frame, a test) saw the row moved.
import { createContext, useContext, useLayoutEffect } from 'react';

export const RowChanged = createContext<((id: string) => void) | null>(null);

export function useRowChanged(id: string): void {
  const changed = useContext(RowChanged);
  useLayoutEffect(() => {
    changed?.(id);
  });
}
