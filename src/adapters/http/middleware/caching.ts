import type { Context, Next } from 'koa';
import { etagOf, matchesAny } from '../etag.js';

/**
 * GETs get a strong ETag over the exact bytes sent and answer a matching
 * If-None-Match with 304. Public reads may be cached briefly; anything an
 * admin sees, and every write, must not be.
 */
export async function caching(ctx: Context, next: Next): Promise<void> {
  await next();
  const isRead = ctx.method === 'GET' || ctx.method === 'HEAD';
  ctx.set('Cache-Control', isRead && !ctx.state.isAdmin ? 'public, max-age=60' : 'no-store');
  if (!isRead) return;
  ctx.vary('Authorization');
  if (ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
  const json = JSON.stringify(ctx.body);
  const etag = etagOf(json);
  ctx.set('ETag', etag);
  if (matchesAny(ctx.get('If-None-Match'), etag, 'weak')) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = json;
}
