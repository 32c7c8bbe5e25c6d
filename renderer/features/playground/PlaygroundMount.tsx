// Where the playground panel and the trace view live. The panel is a column of the window's body,
// beside the chat (portalled into `.app-body`, ordered after the chat pane by CSS); the trace view is
// a dialog over everything. Mounted once by the thread header, so both follow the selected thread.
import { useLayoutEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Thread } from '../../../shared/domain';
import { usePlayground } from '../../stores/playground';
import { useTraces } from '../../stores/traces';
import { TraceModal } from '../traces/TraceModal';
import { PlaygroundPanel } from './PlaygroundPanel';

export function PlaygroundMount({ thread }: { thread: Thread }) {
  const panelOpen = usePlayground((s) => s.panelOpen);
  const traceOpen = useTraces((s) => s.open !== null);
  const [host, setHost] = useState<Element | null>(null);
  useLayoutEffect(() => setHost(document.querySelector('.app-body')), []);
  return (
    <>
      {panelOpen && host && createPortal(<PlaygroundPanel thread={thread} />, host)}
      {traceOpen && createPortal(<TraceModal />, document.body)}
    </>
  );
}

