import type { ParameterizedContext } from 'koa';
import type { Logger } from 'pino';

/**
 * What the middleware chain learns about a request, in the order it learns
 * it (see `createApp`): its id, its logger, whether it carries the admin token.
 */
export interface AppState {
  requestId: string;
  /** The request's child logger: every line it writes carries the request id. */
  log: Logger;
  isAdmin: boolean;
}

export type AppContext = ParameterizedContext<AppState>;
