import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next } from 'koa';
import { HttpProblem } from '../problem.js';
import type { AppContext } from '../state.js';

export const WWW_AUTHENTICATE = 'Bearer realm="portfolio-api"';

/** Hashing first gives equal-length buffers, so a wrong-length token is simply wrong, not an exception. */
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Marks `ctx.state.isAdmin` when the Authorization header carries the
 * configured token. Without a configured token nobody is admin.
 */
export function authenticate(adminToken: string | undefined) {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return async function readToken(ctx: AppContext, next: Next): Promise<void> {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(ctx.get('Authorization'));
    ctx.state.isAdmin = expected !== undefined && match !== null && timingSafeEqual(digest(match[1]!), expected);
    await next();
  };
}

export function unauthorized(detail = 'A valid admin token is required'): HttpProblem {
  return new HttpProblem('unauthorized', detail, { headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } });
}

export async function requireAdmin(ctx: AppContext, next: Next): Promise<void> {
  if (!ctx.state.isAdmin) throw unauthorized();
  await next();
}
