import type { Context, Next } from 'koa';
import { matchesAny } from '../etag.js';
import { JsonBody, renderJson, type Rendered } from '../representation.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * GETs get a strong ETag over the exact bytes sent and answer a matching
 * If-None-Match with 304. Public reads may be cached briefly; anything an
 * admin sees, and every write, must not be. Bodies that routes prepared as
 * JSON are sent as their bytes, serialised and hashed once per content.
 */
export async function caching(ctx: Context, next: Next): Promise<void> {
  await next();
  const isRead = ctx.method === 'GET' || ctx.method === 'HEAD';
  ctx.set('Cache-Control', isRead && !ctx.state.isAdmin ? 'public, max-age=60' : 'no-store');
  if (isRead) ctx.vary('Authorization');
  const body: unknown = ctx.body;
  if (!isRead || ctx.status !== 200 || body === undefined || body === null) {
    if (body instanceof JsonBody) send(ctx, body.render());
    return;
  }
  const rendered = body instanceof JsonBody ? body.render() : renderJson(JSON.stringify(body));
  ctx.set('ETag', rendered.etag);
  if (matchesAny(ctx.get('If-None-Match'), rendered.etag, 'weak')) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  send(ctx, rendered);
}

function send(ctx: Context, rendered: Rendered): void {
  ctx.type = JSON_TYPE;
  ctx.body = rendered.bytes;
}
