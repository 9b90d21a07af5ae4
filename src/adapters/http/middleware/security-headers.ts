import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { Context, Middleware, Next } from 'koa';
import { cameOverHttps, type Trust } from '../proxy-trust.js';

/** An answer that is not a page: it may load nothing, and no page may frame it. */
export const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A year, helmet's default: long enough for browsers to keep it between visits. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

type Header = readonly [name: string, value: string];
type ConnectMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a helmet middleware sets. Without a Content-Security-Policy they
 * depend on nothing in the request, so they are read once, at start-up, and
 * set as a list on each answer: running helmet's ten middlewares per answer
 * was 7 % of a small read's CPU.
 */
function headersOf(middleware: ConnectMiddleware): readonly Header[] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return [...headers];
}

/** Helmet's defaults, but those set per answer below, and no framing at all. */
const EVERYWHERE = headersOf(
  helmet({
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  }),
);
// CORP governs only no-cors loads (<img>, <script>), never a fetch that CORS answers: a front end
// on another site reads the API through CORS_ORIGINS whatever this says. A no-cors request cannot
// carry the bearer token either, so all it could load from the API is public. `cross-origin` lets
// any page embed that public JSON (one isolated with COEP too); the service's own page, its
// assets and the operational endpoints are for this origin only.
const API_RESOURCES = headersOf(helmet.crossOriginResourcePolicy({ policy: 'cross-origin' }));
const OWN_RESOURCES = headersOf(helmet.crossOriginResourcePolicy({ policy: 'same-origin' }));
const HSTS = headersOf(helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true }));

/**
 * The security headers of an answer to a request Node's parser refused
 * (`answerClientError`): it has no path to tell an API answer from another,
 * so this origin only.
 */
export const REFUSED_REQUEST_HEADERS: readonly Header[] = [
  ...EVERYWHERE,
  ['Content-Security-Policy', DEFAULT_CONTENT_SECURITY_POLICY],
  ...OWN_RESOURCES,
];

function set(ctx: Context, headers: readonly Header[]): void {
  for (const [name, value] of headers) ctx.set(name, value);
}

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
    set(ctx, EVERYWHERE);
    if (!ctx.response.get('Content-Security-Policy'))
      ctx.set('Content-Security-Policy', DEFAULT_CONTENT_SECURITY_POLICY);
    set(ctx, ctx.path.startsWith('/api/') ? API_RESOURCES : OWN_RESOURCES);
    if (cameOverHttps(ctx.req, trust)) set(ctx, HSTS);
  };
}
