import type { Router } from '@koa/router';
import { HttpProblem } from '../problem.js';
import type { Readiness } from '../readiness.js';

export function operationsRoutes(router: Router, readiness: Readiness): void {
  router.get('/health', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });

  router.get('/ready', async (ctx) => {
    const state = await readiness.check();
    if (state === 'stopping') throw new HttpProblem('service-unavailable', 'The service is shutting down');
    if (state === 'storage-unavailable') throw new HttpProblem('service-unavailable', 'Storage does not answer');
    ctx.set('Cache-Control', 'no-store');
    const degraded = readiness.degraded();
    ctx.body = degraded.length > 0 ? { status: 'ready', degraded } : { status: 'ready' };
  });
}
