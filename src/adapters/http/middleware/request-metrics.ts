import type { Next } from 'koa';
import type { HttpMetrics } from '../metrics.js';
import type { ProblemKind } from '../problem.js';
import { SUBMIT_CONTACT_MESSAGE } from '../routes/contact.routes.js';
import type { AppContext } from '../state.js';

/** The route label of a request no declared route answered: a scan of random paths makes no new series. */
export const UNMATCHED_ROUTE = 'unknown';

/** What a contact body that did not validate, parse or fit is answered with. */
const INVALID_BODY: ReadonlySet<ProblemKind> = new Set([
  'validation-error',
  'malformed-json',
  'payload-too-large',
  'unsupported-media-type',
]);

/**
 * Records each request once it is answered, errors included (it runs outside
 * the error handler), by the declared path of its route, never the raw URL.
 * The contact form's invalid bodies are counted here: they never reach the
 * service, which tells every other ending of a submission itself.
 */
export function measureRequests(metrics: HttpMetrics) {
  return async function measure(ctx: AppContext, next: Next): Promise<void> {
    const started = performance.now();
    try {
      await next();
    } finally {
      const { route, problem } = ctx.state;
      metrics.requestAnswered(
        route?.path ?? UNMATCHED_ROUTE,
        ctx.method,
        ctx.status,
        (performance.now() - started) / 1000,
      );
      if (route === SUBMIT_CONTACT_MESSAGE && problem !== undefined && INVALID_BODY.has(problem)) {
        metrics.record('invalid');
      }
    }
  };
}
