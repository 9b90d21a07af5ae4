import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import { TOKENS, type Container } from '../../tokens.js';
import { authenticate } from './middleware/auth.js';
import { caching } from './middleware/caching.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestId } from './middleware/request-id.js';
import { requestLogger } from './middleware/request-logger.js';
import { HttpProblem } from './problem.js';
import { experienceRoutes } from './routes/experience.routes.js';
import { contactRoutes, messageRoutes } from './routes/messages.routes.js';
import { openApiDocument } from './openapi/openapi.document.js';
import { docsRoutes } from './routes/docs.routes.js';
import { operationsRoutes } from './routes/operations.routes.js';
import { portfolioRoutes } from './routes/portfolio.routes.js';
import { profileRoutes } from './routes/profile.routes.js';
import { projectRoutes } from './routes/projects.routes.js';
import { skillRoutes } from './routes/skills.routes.js';

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
 * What the HTTP layer reads of the configuration that the composition root
 * registers under TOKENS.Config. Declared here, not imported from
 * adapters/config: adapters do not import each other (.dependency-cruiser.cjs).
 */
export interface HttpConfig {
  readonly trustProxy: boolean;
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  readonly adminToken?: string | undefined;
}

/** Builds the HTTP application from a wired container. Never listens: `main` does. */
export function createApp(container: Container): Koa {
  const config: HttpConfig = container.resolve(TOKENS.Config);
  // Behind a proxy, the client's address is the last one of X-Forwarded-For: the one the proxy
  // added. Those before it are whatever the client sent, and would let it pick its own.
  const app = new Koa({ proxy: config.trustProxy, maxIpsCount: 1 });
  // The error handler below answers every error; Koa's own would log and answer in plain text.
  app.silent = true;

  // Paths are case-sensitive (RFC 3986), so that caches, links and the /api/ check of the
  // caching middleware below never meet a /API/V1/... spelling of the same resource.
  const api = new Router({ prefix: '/api/v1', sensitive: true });
  profileRoutes(api, container.resolve(TOKENS.ProfileService));
  projectRoutes(api, container.resolve(TOKENS.ProjectService));
  skillRoutes(api, container.resolve(TOKENS.SkillService));
  experienceRoutes(api, container.resolve(TOKENS.ExperienceService));
  portfolioRoutes(api, container.resolve(TOKENS.PortfolioService), container.resolve(TOKENS.ProjectService));
  contactRoutes(api, container.resolve(TOKENS.ContactService));
  messageRoutes(api, container.resolve(TOKENS.MessageService));

  const root = new Router({ sensitive: true });
  operationsRoutes(root, container.resolve(TOKENS.Readiness));
  docsRoutes(root, openApiDocument);

  app
    .use(requestId)
    .use(requestLogger(container.resolve(TOKENS.Logger)))
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
    .use(async (ctx, next) => {
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.state.bodyLimitBytes = config.bodyLimitBytes;
      await next();
    })
    // A NUL in the path names nothing: stored text refuses it (STORABLE_TEXT), and PostgreSQL
    // would fail the lookup with a 500 rather than find nothing.
    .use((ctx, next) => {
      if (ctx.path.includes('%00')) throw new HttpProblem('not-found', `No resource at ${ctx.path}`);
      return next();
    })
    .use(authenticate(config.adminToken))
    .use((ctx, next) => (ctx.path.startsWith('/api/') ? caching(ctx, next) : next()))
    .use(api.routes())
    .use(api.allowedMethods())
    .use(root.routes())
    .use(root.allowedMethods());
  return app;
}
