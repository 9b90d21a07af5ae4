import type { Middleware, Next } from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimitKey } from '../client-address.js';
import { HttpProblem } from '../problem.js';
import type { AppContext } from '../state.js';

export interface TokenThrottleOptions {
  /** Wrong tokens a client address may send per window before they are answered 429. */
  readonly failures: number;
  readonly windowSeconds: number;
}

/**
 * Counts the requests that carry an Authorization header but neither the
 * admin token nor the metrics token, per client address (the contact form's key), and once an address has
 * sent more than `failures` in a window, answers its wrong tokens `429` with
 * Retry-After where they would have been `401`.
 *
 * - Every wrong token counts, on a public read too: a public read served to
 *   the admin differs (drafts, `no-store`), so it tells a right token from a
 *   wrong one as well as an admin operation does. It is still served as public.
 * - The right token is never refused, from a throttled address either: an
 *   attacker behind the owner's NAT must not lock the owner out. So the
 *   throttle cannot stop guessing outright; what does is the token's length.
 *   It makes guessing visible (one warning per address and window, not one
 *   per guess) and tells a client stuck on a stale token to back off.
 * - Counts are kept per process, like the contact limit without Redis.
 *
 * Runs after `authenticate`, which decides `ctx.state.isAdmin` and `isScraper`.
 */
export function throttleWrongTokens({ failures, windowSeconds }: TokenThrottleOptions): Middleware {
  const limiter = new RateLimiterMemory({ points: failures, duration: windowSeconds, keyPrefix: 'admin-token' });
  return function throttle(ctx: AppContext, next: Next): Promise<void> {
    if (ctx.state.isAdmin || ctx.state.isScraper || ctx.get('Authorization') === '') return next();
    return throttleWrongToken(ctx, next);
  };

  async function throttleWrongToken(ctx: AppContext, next: Next): Promise<void> {
    const client = rateLimitKey(ctx.ip);
    let refusal: RateLimiterRes | undefined;
    try {
      await limiter.consume(client);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      refusal = rejection;
      if (rejection.consumedPoints === failures + 1) {
        const { log } = ctx.state;
        log.warn(
          { client, failures: rejection.consumedPoints, windowSeconds },
          'wrong admin tokens: this client is answered 429 instead of 401 until its window ends',
        );
      }
    }
    if (!refusal) {
      await next();
      return;
    }
    try {
      await next();
    } catch (error) {
      if (!(error instanceof HttpProblem && error.kind === 'unauthorized')) throw error;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new HttpProblem('rate-limited', `Too many wrong admin tokens; try again in ${seconds} seconds`, {
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }
}
