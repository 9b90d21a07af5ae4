import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next } from 'koa';
import { HttpProblem } from '../problem.js';
import type { AppContext } from '../state.js';

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
  return async function readToken(ctx: AppContext, next: Next): Promise<void> {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(ctx.get('Authorization'));
    const sent = match === null ? undefined : digest(match[1]!);
    ctx.state.isAdmin = admin !== undefined && sent !== undefined && timingSafeEqual(sent, admin);
    ctx.state.isScraper = scraper !== undefined && sent !== undefined && timingSafeEqual(sent, scraper);
    await next();
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

export async function requireAdmin(ctx: AppContext, next: Next): Promise<void> {
  if (!ctx.state.isAdmin) throw unauthorized();
  await next();
}
