import type { Context, Next } from 'koa';
import { clientAddressOf, type Trust } from '../proxy-trust.js';

/**
 * Sets `ctx.ip` to the client's address (see `clientAddressOf`) before
 * anything reads it. Koa's own `proxy` option trusts X-Forwarded-For from
 * whichever peer sends it.
 */
export function clientIp(trust: Trust) {
  return function setClientIp(ctx: Context, next: Next): Promise<void> {
    ctx.request.ip = clientAddressOf(ctx.req, trust);
    return next();
  };
}
