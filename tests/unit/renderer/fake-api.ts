// A stand-in for main behind `window.api`, for renderer store tests in Node: each route answers from a
// handler the test sets, and every call is recorded.
import type { Api, EventName, Result, RouteInput, RouteName, RouteOutput } from '../../../shared/contract';
import { EVENT_NAMES, ROUTE_NAMES } from '../../../shared/contract-names';

type Handler<N extends RouteName> = (input: RouteInput<N>) => Result<RouteOutput<N>> | Promise<Result<RouteOutput<N>>>;

export interface FakeApi {
  calls: { route: RouteName; input: unknown }[];
  handle<N extends RouteName>(route: N, handler: Handler<N>): void;
  reset(): void;
}

export function installFakeApi(): FakeApi {
  const handlers = new Map<RouteName, (input: unknown) => unknown>();
  const calls: FakeApi['calls'] = [];
  const api: Record<string, unknown> = {};
  for (const route of ROUTE_NAMES) {
    api[route] = async (input: unknown) => {
      calls.push({ route, input });
      const h = handlers.get(route);
      if (!h) return { ok: false, error: { code: 'unknown', message: `no fake for ${route}` } };
      return h(input);
    };
  }
  const on: Record<string, unknown> = {};
  for (const event of EVENT_NAMES) on[event satisfies EventName] = () => () => undefined;
  api.on = on;
  (globalThis as { window?: unknown }).window = { api: api as unknown as Api };
  return {
    calls,
    handle: (route, handler) => void handlers.set(route, handler as (input: unknown) => unknown),
    reset: () => {
      handlers.clear();
      calls.length = 0;
    },
  };
}

export const ok = <T,>(value: T) => ({ ok: true as const, value });
