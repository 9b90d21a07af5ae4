import { HealthSchema, ReadySchema } from '../openapi/representation.schema.js';
import { HttpProblem } from '../problem.js';
import { content, plain, route } from '../route.js';

/**
 * `/metrics`, routed only while metrics are on (METRICS_TOKEN is set): off,
 * it is an unknown path like any other, whatever the method.
 */
export const GET_METRICS = route({
  operationId: 'getMetrics',
  method: 'get',
  path: '/metrics',
  tag: 'Operations',
  summary: 'Metrics, for Prometheus',
  description:
    'The Prometheus text format (version 0.0.4): `http_request_duration_seconds` by `route` (the path template above, ' +
    '`unknown` when no route matched), `method` and `status` (its `_count` is the number of requests); ' +
    '`portfolio_contact_messages_total` by `outcome` (`accepted`, `refused` with a `reason` of `validation`, ' +
    '`captcha` or `honeypot`, `rate_limited`, `failed` with a `reason` of `captcha_unavailable` or `error`); ' +
    '`portfolio_storage_operation_duration_seconds` and `portfolio_storage_operation_errors_total` by ' +
    '`operation` (`projects.list`, …); `portfolio_outbox_backlog` once there is an outbox; and the process ' +
    "metrics of Node.js (`process_*`, `nodejs_*`).\n\nOff unless `METRICS_TOKEN` is set: then this path is a `404` like any unknown one. On, it needs `Authorization: Bearer <METRICS_TOKEN>`, a token of the scraper's own: the admin token is not accepted (`401`).",
  access: 'scraper',
  success: content('text/plain'),
  errors: [404],
  storage: false,
  cache: 'no-store',
  handle: async (_, { metrics }) => {
    if (!metrics) throw new HttpProblem('not-found', 'Metrics are off');
    const { text, contentType } = await metrics.exposition();
    return { body: text, type: contentType };
  },
});

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
  GET_METRICS,
];
