// Electron IPC transport: one ipcMain.handle per contract route. The sender is checked before the
// input is even parsed; the core's dispatch then parses it with the contract's zod schema.
import { ipcMain, type WebContents } from 'electron';
import { ROUTE_NAMES } from '../../shared/contract-names';
import type { Core } from '../core/core';
import { isTrustedSender } from './sender';

export function registerIpc(core: Core): void {
  for (const route of ROUTE_NAMES) {
    ipcMain.handle(route, async (event, input: unknown) => {
      const frame = event.senderFrame;
      const trusted = !!frame && isTrustedSender({ url: frame.url, isTopFrame: frame.parent === null });
      if (!trusted) return { ok: false, error: { code: 'permission', message: 'Refused: untrusted sender.' } };
      return core.call(route, input, { clientId: clientIdOf(event.sender) });
    });
  }
}

/** Events reach a window only through its own sink, so a stream's deltas go only to the window that asked. */
export function attachWindow(core: Core, contents: WebContents): void {
  const detach = core.clients.attach(clientIdOf(contents), (event, payload) => {
    if (!contents.isDestroyed()) contents.send(event, payload);
  });
  contents.once('destroyed', () => {
    detach();
    core.clientGone(clientIdOf(contents));
  });
}

function clientIdOf(contents: WebContents): string {
  return `wc-${contents.id}`;
}
