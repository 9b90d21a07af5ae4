import type { WebhookRoute } from '../webhook-routes.js';
import { DeliveriesPage } from './deliveries-page.js';
import { WebhookEditorPage } from './webhook-editor-page.js';
import { WebhooksPage } from './webhooks-page.js';

/** The webhooks section's pages, by route. */
export function WebhookPages({ route }: { route: WebhookRoute }) {
  switch (route.page) {
    case 'webhooks':
      return <WebhooksPage />;
    case 'webhook':
      return <WebhookEditorPage id={route.key} />;
    case 'deliveries':
      return <DeliveriesPage id={route.key} status={route.status} pageNumber={route.pageNumber} />;
  }
}
