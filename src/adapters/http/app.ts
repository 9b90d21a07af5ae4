import cors from '@koa/cors';
import Koa from 'koa';
import type { Logger } from 'pino';
import { authenticate } from './middleware/auth.js';
import { clientIp } from './middleware/client-ip.js';
import { errorHandler } from './middleware/error-handler.js';
import { bodyReader } from './middleware/request-body.js';
import { requestId } from './middleware/request-id.js';
import { requestLogger } from './middleware/request-logger.js';
import { securityHeaders } from './middleware/security-headers.js';
import { throttleWrongTokens } from './middleware/token-throttle.js';
import { closeAfterUnreadBody } from './middleware/unread-body.js';
import { HttpProblem } from './problem.js';
import { trustOf, type TrustProxy } from './proxy-trust.js';
import type { Readiness } from './readiness.js';
import type { Services } from './route.js';
import { routerOf } from './router.js';
import { ROUTES } from './routes/routes.js';
import type { AppState } from './state.js';

const EXPOSED_HEADERS = [
  'ETag',
  'Link',
  'Location',
  'Retry-After',
  'WWW-Authenticate',
  'X-Request-Id',
  'X-Total-Count',
];
/** How long a browser may reuse a preflight's answer: an admin front end's writes then cost one request each. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id'];

/**
 * What the HTTP layer reads of the configuration. Declared here, not imported
 * from adapters/config: adapters do not import each other (.dependency-cruiser.cjs).
 */
export interface HttpConfig {
  readonly trustProxy: TrustProxy;
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  readonly adminToken?: string | undefined;
  readonly adminTokenFailureLimit: number;
  readonly adminTokenFailureWindowSeconds: number;
}

/** Everything the HTTP layer needs, built by the composition root. */
export interface AppDependencies {
  readonly config: HttpConfig;
  readonly logger: Logger;
  readonly readiness: Readiness;
  readonly services: Services;
}

/** Builds the HTTP application. Never listens: `main` does. */
export function createApp({ config, logger, readiness, services }: AppDependencies): Koa<AppState> {
  const trust = trustOf(config.trustProxy);
  const app = new Koa<AppState>();
  // The error handler below answers every error; Koa's own would log and answer in plain text.
  app.silent = true;

  const router = routerOf(ROUTES, { ...services, readiness, openApiDocument }, bodyReader(config.bodyLimitBytes));

  app
    .use(clientIp(trust))
    .use(requestId)
    .use(requestLogger(logger))
    .use(closeAfterUnreadBody)
    .use(securityHeaders(trust))
    .use(errorHandler)
    .use(
      cors({
        origin: (ctx) => (config.corsOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
        allowHeaders: ALLOWED_HEADERS,
        exposeHeaders: EXPOSED_HEADERS,
        maxAge: PREFLIGHT_MAX_AGE_SECONDS,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        keepHeadersOnError: true,
      }),
    )
    // A NUL in the path names nothing: stored text refuses it (STORABLE_TEXT), and PostgreSQL
    // would fail the lookup with a 500 rather than find nothing.
    .use((ctx, next) => {
      if (ctx.path.includes('%00')) throw new HttpProblem('not-found', `No resource at ${ctx.path}`);
      return next();
    })
    .use(authenticate(config.adminToken))
    .use(
      throttleWrongTokens({
        failures: config.adminTokenFailureLimit,
        windowSeconds: config.adminTokenFailureWindowSeconds,
      }),
    )
    .use(router.routes())
    .use(router.allowedMethods());
  return app;
}

/** The OpenAPI document, whose code is loaded and run on its first request rather than at start-up. */
async function openApiDocument(): Promise<object> {
  const { openApiDocument: built } = await import('./openapi/openapi.document.js');
  return built();
}
