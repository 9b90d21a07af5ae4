import { HealthSchema, ReadySchema } from '../openapi/representation.schema.js';
import { HttpProblem } from '../problem.js';
import { plain, route } from '../route.js';

export const OPERATIONS_ROUTES = [
  route({
    operationId: 'getHealth',
    method: 'get',
    path: '/health',
    tag: 'Operations',
    summary: 'Liveness',
    description: '`200` while the process runs.',
    access: 'public',
    success: plain(HealthSchema),
    errors: [],
    storage: false,
    cache: 'no-store',
    handle: () => ({ status: 'ok' }),
  }),
  route({
    operationId: 'getReadiness',
    method: 'get',
    path: '/ready',
    tag: 'Operations',
    summary: 'Readiness',
    description: '`200` when storage answers; `503` when it does not, or while the service shuts down.',
    access: 'public',
    success: plain(ReadySchema),
    errors: [],
    storage: true,
    cache: 'no-store',
    handle: async (_, { readiness }) => {
      const state = await readiness.check();
      if (state === 'stopping') throw new HttpProblem('service-unavailable', 'The service is shutting down');
      if (state === 'storage-unavailable') throw new HttpProblem('service-unavailable', 'Storage does not answer');
      const degraded = readiness.degraded();
      return degraded.length > 0 ? { status: 'ready', degraded } : { status: 'ready' };
    },
  }),
];
