import { randomUUID } from 'node:crypto';
import type { Next } from 'koa';
import type { AppContext } from '../state.js';

export const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's id when it is safe to echo and log, else a fresh one. */
export function requestId(ctx: AppContext, next: Next): Promise<void> {
  const offered = ctx.get('X-Request-Id');
  const id = SANE_ID.test(offered) ? offered : randomUUID();
  ctx.state.requestId = id;
  ctx.set('X-Request-Id', id);
  return next();
}
