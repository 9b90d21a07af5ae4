import type { DeliveryStatus } from './api/event-resources.js';

/**
 * The webhooks section's places in the URL fragment: `#/webhooks`,
 * `#/webhooks/new`, `#/webhooks/<id>` and `#/webhooks/<id>/deliveries?status=failed&page=2`.
 */
export type WebhookRoute =
  | { readonly page: 'webhooks' }
  /** `key` is the id; none for a new webhook. */
  | { readonly page: 'webhook'; readonly key?: string }
  | {
      readonly page: 'deliveries';
      readonly key: string;
      readonly status?: DeliveryStatus;
      readonly pageNumber: number;
    };

const STATUSES: readonly string[] = ['pending', 'delivered', 'failed'];

/** `segments` are the path's parts after `webhooks`. */
export function parseWebhookRoute(segments: readonly string[], query: URLSearchParams): WebhookRoute {
  const [rawKey, view] = segments;
  if (rawKey === undefined) return { page: 'webhooks' };
  const key = decodeURIComponent(rawKey);
  if (key === 'new') return { page: 'webhook' };
  if (view !== 'deliveries') return { page: 'webhook', key };
  const status = query.get('status') ?? '';
  const pageNumber = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  return {
    page: 'deliveries',
    key,
    ...(STATUSES.includes(status) ? { status: status as DeliveryStatus } : {}),
    pageNumber,
  };
}

export function webhookHref(route: WebhookRoute): string {
  switch (route.page) {
    case 'webhooks':
      return '#/webhooks';
    case 'webhook':
      return `#/webhooks/${route.key === undefined ? 'new' : encodeURIComponent(route.key)}`;
    case 'deliveries': {
      const query = new URLSearchParams({
        ...(route.status ? { status: route.status } : {}),
        ...(route.pageNumber > 1 ? { page: String(route.pageNumber) } : {}),
      }).toString();
      return `#/webhooks/${encodeURIComponent(route.key)}/deliveries${query ? `?${query}` : ''}`;
    }
  }
}
