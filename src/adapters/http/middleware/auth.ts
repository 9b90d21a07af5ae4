import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware, Next } from 'koa';
import { HttpProblem } from '../problem.js';
import type { AppContext, AppState } from '../state.js';

export const WWW_AUTHENTICATE = 'Bearer realm="portfolio-api"';

/** Hashing first gives equal-length buffers, so a wrong-length token is simply wrong, not an exception. */
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Marks `ctx.state.isAdmin` when the Authorization header carries the admin
 * token, and `ctx.state.isScraper` when it carries the metrics token. A token
 * that is not configured is nobody's.
 */
export function authenticate(adminToken: string | undefined, metricsToken?: string) {
  const admin = adminToken === undefined ? undefined : digest(adminToken);
  const scraper = metricsToken === undefined ? undefined : digest(metricsToken);
  return function readToken(ctx: AppContext, next: Next): Promise<void> {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(ctx.get('Authorization'));
    const sent = match === null ? undefined : digest(match[1]!);
    ctx.state.isAdmin = admin !== undefined && sent !== undefined && timingSafeEqual(sent, admin);
    ctx.state.isScraper = scraper !== undefined && sent !== undefined && timingSafeEqual(sent, scraper);
    return next();
  };
}

export function unauthorized(detail = 'A valid admin token is required'): HttpProblem {
  return new HttpProblem('unauthorized', detail, { headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } });
}

/** `/metrics`: only with the metrics token (the admin token is not it). */
export async function requireScraper(ctx: AppContext, next: Next): Promise<void> {
  if (!ctx.state.isScraper) throw unauthorized('A valid metrics token is required');
  await next();
}

/**
 * The 401 detail of a service without ADMIN_TOKEN: no token can work there, so
 * the owner is told to configure one rather than to type again (the console
 * recognises it by this start).
 */
export const NO_ADMIN_TOKEN_DETAIL = 'No admin token is configured: set ADMIN_TOKEN to use the admin endpoints';

/** The access step of an admin route: a 401 without the admin token. */
export function requireAdmin(adminToken: string | undefined): Middleware<AppState> {
  const detail = adminToken === undefined ? NO_ADMIN_TOKEN_DETAIL : undefined;
  return async function adminOnly(ctx, next) {
    if (!ctx.state.isAdmin) throw unauthorized(detail);
    await next();
  };
}
