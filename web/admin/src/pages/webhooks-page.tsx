import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useConsole } from '../console-context.js';
import { EVENT_CHOICES } from '../forms/webhook-form.js';
import { hrefOf } from '../routes.js';
import { useResult } from '../use-result.js';
import { PageHeader } from './page-header.js';

const EVENT_LABELS = new Map(EVENT_CHOICES.map(([type, label]) => [type, label]));

export function WebhooksPage() {
  const { api } = useConsole();
  const [list, retry] = useResult(() => api.webhooks.list(), []);
  return (
    <section>
      <PageHeader title="Webhooks">
        <a class="button" href={hrefOf({ page: 'webhook' })}>
          New webhook
        </a>
      </PageHeader>
      <p class="muted">
        Each webhook receives the events it subscribes to as signed POST requests: a site's build hook, a chat, your own
        service.
      </p>
      {list.kind === 'loading' && <Loading what="webhooks" />}
      {list.kind === 'failed' && <ErrorState message={list.message} onRetry={retry} />}
      {list.kind === 'ok' && list.data.length === 0 && (
        <EmptyState>
          <p>No webhook yet.</p>
          <a href={hrefOf({ page: 'webhook' })}>Add the first one</a>
        </EmptyState>
      )}
      {list.kind === 'ok' && list.data.length > 0 && (
        <table class="table">
          <caption class="visually-hidden">Webhooks, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">Deliveries</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((webhook) => (
              <tr key={webhook.id}>
                <th scope="row">
                  <a href={hrefOf({ page: 'webhook', key: webhook.id })}>{webhook.url}</a>
                  {webhook.description && <span class="muted"> · {webhook.description}</span>}
                </th>
                <td>
                  {webhook.events.map((type) => EVENT_LABELS.get(type) ?? type).join(', ')}
                  {webhook.debounceSeconds > 0 && (
                    <span class="muted"> · grouped over {webhook.debounceSeconds} s</span>
                  )}
                </td>
                <td>
                  <span class={webhook.active ? 'status status-published' : 'status'}>
                    {webhook.active ? 'Active' : 'Inactive'}
                  </span>
                </td>
                <td>
                  <a href={hrefOf({ page: 'deliveries', key: webhook.id, pageNumber: 1 })}>Deliveries</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
