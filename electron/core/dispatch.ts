// Parses a route's input with the contract and runs its handler, turning every outcome into a
// Result. Both transports (Electron IPC, browser-mode WebSocket) call this after their own
// sender/origin checks, so validation cannot differ between them.
import { routes, type Result, type RouteInput, type RouteName, type RouteOutput } from '../../shared/contract';
import type { AppError } from '../../shared/domain';
import { AppFailure } from './failure';

export type Handlers = {
  [N in RouteName]: (input: RouteInput<N>, ctx: CallContext) => Promise<RouteOutput<N>> | RouteOutput<N>;
};

/** Who is calling: a window (Electron) or a WebSocket connection (browser mode). */
export interface CallContext {
  clientId: string;
}

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(routes, name);
}

export async function dispatch(
  handlers: Handlers,
  route: string,
  rawInput: unknown,
  ctx: CallContext,
  onUnexpected?: (route: string, err: unknown) => void,
): Promise<Result<unknown>> {
  if (!isRouteName(route)) return fail({ code: 'invalid_input', message: `Unknown route: ${String(route).slice(0, 80)}` });
  const parsed = routes[route].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail({ code: 'invalid_input', message: `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}` });
  }
  try {
    const handler = handlers[route] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppFailure) return fail(err.error);
    onUnexpected?.(route, err);
    return fail({ code: 'unknown', message: 'Unexpected error in the app. Details are in the log.' });
  }
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}
