import type { MessageStatus } from '../api/resources.js';
import { Pager } from '../components/pager.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useConsole } from '../console-context.js';
import { formatTimestamp } from '../format.js';
import { hrefOf } from '../routes.js';
import { useResult } from '../use-result.js';
import { PageHeader } from './page-header.js';

const FILTERS: readonly [MessageStatus | undefined, string][] = [
  ['new', 'New'],
  ['read', 'Read'],
  ['archived', 'Archived'],
  [undefined, 'All'],
];

export const STATUS_LABELS: Readonly<Record<MessageStatus, string>> = {
  new: 'New',
  read: 'Read',
  archived: 'Archived',
};

export function InboxPage({ status, pageNumber }: { status?: MessageStatus; pageNumber: number }) {
  const { api } = useConsole();
  const [list, retry] = useResult(() => api.messages.list(status, pageNumber), [status, pageNumber]);
  const filterName = FILTERS.find(([value]) => value === status)?.[1] ?? 'All';
  return (
    <section>
      <PageHeader title="Inbox" />
      <nav class="filters" aria-label="Filter messages by status">
        {FILTERS.map(([value, label]) => (
          <a
            key={label}
            href={hrefOf({ page: 'inbox', status: value, pageNumber: 1 })}
            aria-current={value === status ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {list.kind === 'loading' && <Loading what="messages" />}
      {list.kind === 'failed' && <ErrorState message={list.message} onRetry={retry} />}
      {list.kind === 'ok' && list.data.items.length === 0 && (
        <EmptyState>
          <p>{status ? `No ${filterName.toLowerCase()} message.` : 'No message yet.'}</p>
        </EmptyState>
      )}
      {list.kind === 'ok' && list.data.items.length > 0 && (
        <>
          <ul class="messages" aria-label={`${filterName} messages, newest first`}>
            {list.data.items.map((message) => (
              <li key={message.id} class={message.status === 'new' ? 'message-row unread' : 'message-row'}>
                <a href={hrefOf({ page: 'message', key: message.id })}>
                  <span class="from">{message.name}</span>
                  <span class="subject">{message.subject || message.message.slice(0, 80)}</span>
                </a>
                <span class="muted">
                  {status === undefined && (
                    <span class={`status status-${message.status}`}>{STATUS_LABELS[message.status]}</span>
                  )}
                  <time dateTime={message.receivedAt}>{formatTimestamp(message.receivedAt)}</time>
                </span>
              </li>
            ))}
          </ul>
          <Pager meta={list.data.meta} routeOf={(n) => ({ page: 'inbox', status, pageNumber: n })} />
        </>
      )}
    </section>
  );
}
