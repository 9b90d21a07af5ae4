import { useState } from 'preact/hooks';
import type { Delivery, DeliveryStatus } from '../api/event-resources.js';
import { Pager } from '../components/pager.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { endsSession, useConsole } from '../console-context.js';
import { formatTimestamp } from '../format.js';
import { hrefOf } from '../routes.js';
import { useResult } from '../use-result.js';
import { PageHeader } from './page-header.js';

const FILTERS: readonly [DeliveryStatus | undefined, string][] = [
  [undefined, 'All'],
  ['pending', 'Pending'],
  ['delivered', 'Delivered'],
  ['failed', 'Failed'],
];

const STATUS_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** What the last attempt gave: the receiver's status, or why none came back. */
export function lastAttemptOf(delivery: Delivery): string {
  const last = delivery.lastAttempt;
  if (!last) return 'Not tried yet';
  const answer = last.error ?? `HTTP ${last.statusCode}`;
  return `${answer} (${formatTimestamp(last.at)}, ${last.durationMs} ms)`;
}

/** A webhook's deliveries, newest first, by status, each of which can be sent again. */
export function DeliveriesPage({
  id,
  status,
  pageNumber,
}: {
  id: string;
  status?: DeliveryStatus;
  pageNumber: number;
}) {
  const context = useConsole();
  const { api } = context;
  const [list, retry] = useResult(() => api.webhooks.deliveries(id, status, pageNumber), [id, status, pageNumber]);
  const [outcome, setOutcome] = useState<{ busy?: string; message?: string }>({});

  const redeliver = async (delivery: Delivery) => {
    setOutcome({ busy: delivery.id });
    const result = await api.webhooks.redeliver(id, delivery.id);
    if (result.kind === 'ok') {
      setOutcome({ message: 'The delivery goes out again, with the same webhook-id.' });
      retry();
    } else if (!endsSession(result, context)) {
      setOutcome({ message: result.message });
    }
  };

  const filterName = FILTERS.find(([value]) => value === status)?.[1] ?? 'All';
  return (
    <section>
      <PageHeader title="Deliveries" back={{ label: 'Webhook', route: { page: 'webhook', key: id } }} />
      <nav class="filters" aria-label="Filter deliveries by status">
        {FILTERS.map(([value, label]) => (
          <a
            key={label}
            href={hrefOf({ page: 'deliveries', key: id, ...(value ? { status: value } : {}), pageNumber: 1 })}
            aria-current={value === status ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {outcome.message && <p role="status">{outcome.message}</p>}
      {list.kind === 'loading' && <Loading what="deliveries" />}
      {list.kind === 'failed' && <ErrorState message={list.message} onRetry={retry} />}
      {list.kind === 'ok' && list.data.items.length === 0 && (
        <EmptyState>
          <p>{status ? `No ${filterName.toLowerCase()} delivery.` : 'No delivery yet.'}</p>
        </EmptyState>
      )}
      {list.kind === 'ok' && list.data.items.length > 0 && (
        <>
          <table class="table">
            <caption class="visually-hidden">{filterName} deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">State</th>
                <th scope="col">Last attempt</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row">
                    {delivery.event.type}
                    <span class="muted">
                      {' '}
                      <time dateTime={delivery.createdAt}>{formatTimestamp(delivery.createdAt)}</time>
                    </span>
                  </th>
                  <td>
                    <span class={delivery.status === 'delivered' ? 'status status-published' : 'status'}>
                      {STATUS_LABELS[delivery.status]}
                    </span>
                    <span class="muted">
                      {' '}
                      {delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`}
                      {delivery.nextAttemptAt && ` · next ${formatTimestamp(delivery.nextAttemptAt)}`}
                    </span>
                  </td>
                  <td>{lastAttemptOf(delivery)}</td>
                  <td>
                    <button
                      type="button"
                      class="button button-secondary"
                      disabled={outcome.busy === delivery.id}
                      onClick={() => void redeliver(delivery)}
                    >
                      {delivery.status === 'pending' ? 'Send now' : 'Send again'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            meta={list.data.meta}
            routeOf={(n) => ({ page: 'deliveries', key: id, ...(status ? { status } : {}), pageNumber: n })}
          />
        </>
      )}
    </section>
  );
}
