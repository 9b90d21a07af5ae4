import type { Context, Next } from 'koa';

/**
 * When an answer leaves part of the request body unread (a 413 stops reading
 * at the limit; a 401, 415 or 429 never starts), the connection is closed
 * after it: the unread bytes stand between this request and the next one on
 * the connection, and a body reader that stopped midway leaves them there
 * for good, so the next request would wait for an answer that never comes.
 *
 * Closing rather than draining: draining costs reading (up to a limit, and
 * for as long as the client takes to send them) bytes of a request that is
 * already refused, often from the very client the refusal is meant to stop.
 * Closing costs an honest client one new connection after an error.
 */
export async function closeAfterUnreadBody(ctx: Context, next: Next): Promise<void> {
  await next();
  const hasBody = ctx.request.length > 0 || ctx.get('Transfer-Encoding') !== '';
  if (hasBody && !ctx.req.readableEnded) ctx.set('Connection', 'close');
}
