import cors from '@koa/cors';
import Koa from 'koa';
import type { Logger } from 'pino';
import { authenticate, requireAdmin } from './middleware/auth.js';
import { clientIp } from './middleware/client-ip.js';
import { errorHandler } from './middleware/error-handler.js';
import { bodyReader } from './middleware/request-body.js';
import { requestId } from './middleware/request-id.js';
import { requestLogger } from './middleware/request-logger.js';
import { measureRequests } from './middleware/request-metrics.js';
import type { HttpMetrics } from './metrics.js';
import { securityHeaders } from './middleware/security-headers.js';
import { throttleWrongTokens } from './middleware/token-throttle.js';
import { closeAfterUnreadBody } from './middleware/unread-body.js';
import type { CaptchaWidget } from './pages/captcha-widget.js';
import { pageSettings } from './pages/page-settings.js';
import { HttpProblem } from './problem.js';
import { trustOf, type TrustProxy } from './proxy-trust.js';
import type { Readiness } from './readiness.js';
import type { Services } from './route.js';
import { routerOf } from './router.js';
import { GET_METRICS } from './routes/operations.routes.js';
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
  /** The human-check widget on the contact form of `/`: set when a provider and its site key are configured. */
  readonly captchaWidget?: CaptchaWidget | undefined;
  /** Where the pages' built assets are (`npm run build:web`); dist/web unless said. */
  readonly webDir?: string | undefined;
  /** Set: `/metrics` answers with this bearer token, and `metrics` must be given. */
  readonly metricsToken?: string | undefined;
}

/** Everything the HTTP layer needs, built by the composition root. */
export interface AppDependencies {
  readonly config: HttpConfig;
  readonly logger: Logger;
  readonly readiness: Readiness;
  readonly services: Services;
  /** What requests are recorded in and `/metrics` serves; only while `config.metricsToken` is set. */
  readonly metrics?: HttpMetrics;
}

/** Builds the HTTP application. Never listens: `main` does. */
export function createApp({ config, logger, readiness, services, metrics }: AppDependencies): Koa<AppState> {
  if ((config.metricsToken === undefined) !== (metrics === undefined)) {
    throw new Error('metrics are on exactly when a metrics token is configured: give both, or neither');
  }
  const trust = trustOf(config.trustProxy);
  const app = new Koa<AppState>();
  // The error handler below answers every error; Koa's own would log and answer in plain text.
  app.silent = true;

  const routes = metrics ? ROUTES : ROUTES.filter((route) => route !== GET_METRICS);
  const router = routerOf(
    routes,
    { ...services, readiness, openApiDocument, pages: pageSettings(config), ...(metrics && { metrics }) },
    { requireAdmin: requireAdmin(config.adminToken), readBody: bodyReader(config.bodyLimitBytes) },
  );

  app.use(clientIp(trust)).use(requestId).use(requestLogger(logger));
  if (metrics) app.use(measureRequests(metrics));
  app.use(closeAfterUnreadBody).use(securityHeaders(trust)).use(errorHandler);
  // Without CORS_ORIGINS no answer depends on the Origin header: nothing to allow, and no `Vary: Origin`.
  if (config.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: (ctx) => (config.corsOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
        allowHeaders: ALLOWED_HEADERS,
        exposeHeaders: EXPOSED_HEADERS,
        maxAge: PREFLIGHT_MAX_AGE_SECONDS,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        keepHeadersOnError: true,
      }),
    );
  }
  app
    // A NUL in the path names nothing: stored text refuses it (STORABLE_TEXT), and PostgreSQL
    // would fail the lookup with a 500 rather than find nothing.
    .use((ctx, next) => {
      if (ctx.path.includes('%00')) throw new HttpProblem('not-found', `No resource at ${ctx.path}`);
      return next();
    })
    .use(authenticate(config.adminToken, config.metricsToken));
  // Without a configured token there is nothing to guess: every token is told that none is configured.
  if (config.adminToken !== undefined) {
    app.use(
      throttleWrongTokens({
        failures: config.adminTokenFailureLimit,
        windowSeconds: config.adminTokenFailureWindowSeconds,
      }),
    );
  }
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}

/** The OpenAPI document, whose code is loaded and run on its first request rather than at start-up. */
async function openApiDocument(): Promise<object> {
  const { openApiDocument: built } = await import('./openapi/openapi.document.js');
  return built();
}
