// Plain name lists of the contract, without zod, so the preload bundle stays a few hundred bytes.
// contract.ts checks at compile time that these match its routes and events exactly.
export const ROUTE_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'key.status',
  'key.set',
  'key.remove',
  'gateway.test',
  'gateway.models',
  'gateway.balance',
  'threads.list',
  'threads.create',
  'threads.update',
  'threads.delete',
  'messages.list',
  'chat.send',
  'chat.stop',
  'chat.retry',
  'shell.openExternal',
] as const;

export const EVENT_NAMES = ['chat.events', 'threads.changed'] as const;
