import type { ParameterizedContext } from 'koa';
import type { Logger } from 'pino';
import type { ProblemKind } from './problem.js';

/** The declared route that answers a request, as far as the middleware outside the router needs it. */
export interface AnsweringRoute {
  readonly operationId: string;
  /** The declared path template: `/api/v1/projects/{slug}`. */
  readonly path: string;
}

/**
 * What the middleware chain learns about a request, in the order it learns
 * it (see `createApp`): its id, its logger, whether it carries the admin
 * token or the metrics token, the route that answers it, and the problem it
 * is answered with when it fails.
 */
export interface AppState {
  requestId: string;
  /** The request's log (RequestLog): every line it writes carries the request id. */
  log: Pick<Logger, 'error' | 'warn'>;
  isAdmin: boolean;
  /** It carries METRICS_TOKEN: it may read `/metrics`. */
  isScraper: boolean;
  /** Set by the router once a declared route matches path and method. */
  route?: AnsweringRoute;
  /** Set by the error handler. */
  problem?: ProblemKind;
}

export type AppContext = ParameterizedContext<AppState>;
