import type { Context, Middleware, Next } from 'koa';
import helmet from 'koa-helmet';
import { cameOverHttps, type Trust } from '../proxy-trust.js';

/** An answer that is not a page: it may load nothing, and no page may frame it. */
export const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A year, helmet's default: long enough for browsers to keep it between visits. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const noop = async (): Promise<void> => {};

/** Helmet's defaults, but those this middleware decides per answer, and no framing at all. */
const everywhere = helmet({
  contentSecurityPolicy: false,
  crossOriginResourcePolicy: false,
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
});
// CORP governs only no-cors loads (<img>, <script>), never a fetch that CORS answers: a front end
// on another site reads the API through CORS_ORIGINS whatever this says. A no-cors request cannot
// carry the bearer token either, so all it could load from the API is public. `cross-origin` lets
// any page embed that public JSON (one isolated with COEP too); the service's own page, its
// assets and the operational endpoints are for this origin only.
const apiResources = helmet.crossOriginResourcePolicy({ policy: 'cross-origin' });
const ownResources = helmet.crossOriginResourcePolicy({ policy: 'same-origin' });
const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true });

/**
 * Security headers on every answer Koa gives, errors included: set once the
 * answer is final, after the error handler has replaced a failed answer's
 * headers. A page's own Content-Security-Policy (`/docs`) is kept; any other
 * answer gets DEFAULT_CONTENT_SECURITY_POLICY. Strict-Transport-Security only
 * over HTTPS: on plain HTTP a browser ignores it, and a service reached over
 * plain HTTP must not claim otherwise.
 */
export function securityHeaders(trust: Trust): Middleware {
  return async function setSecurityHeaders(ctx: Context, next: Next): Promise<void> {
    await next();
    await everywhere(ctx, noop);
    if (!ctx.response.get('Content-Security-Policy'))
      ctx.set('Content-Security-Policy', DEFAULT_CONTENT_SECURITY_POLICY);
    await (ctx.path.startsWith('/api/') ? apiResources : ownResources)(ctx, noop);
    if (cameOverHttps(ctx.req, trust)) await hsts(ctx, noop);
  };
}
