import { useEffect, useReducer } from 'preact/hooks';
import type { InboxMessage } from '../api/event-resources.js';
import type { MessageStatus } from '../api/resources.js';
import type { Result } from '../api/results.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { NotificationPanel } from '../components/notification-panel.js';
import { NoticeBanner } from '../components/notice-banner.js';
import { ErrorState, Loading } from '../components/states.js';
import { endsSession, useConsole } from '../console-context.js';
import { editorReducer, newEditor, type EditorAction, type EditorState } from '../editor.js';
import { formatTimestamp } from '../format.js';
import { PageHeader } from './page-header.js';
import { STATUS_LABELS } from './inbox-page.js';

/** The moves a message's status allows: an archived message comes back as read, never as new. */
const MOVES: Readonly<Record<MessageStatus, readonly [MessageStatus, string][]>> = {
  new: [
    ['read', 'Mark as read'],
    ['archived', 'Archive'],
  ],
  read: [
    ['new', 'Mark as unread'],
    ['archived', 'Archive'],
  ],
  archived: [['read', 'Move back to read']],
};

const DONE: Readonly<Record<MessageStatus, string>> = {
  new: 'Marked as unread.',
  read: 'Marked as read.',
  archived: 'Archived.',
};

export function MessagePage({ id }: { id: string }) {
  const context = useConsole();
  const { api, navigate } = context;
  const [state, dispatch] = useReducer<EditorState<InboxMessage, null>, EditorAction<InboxMessage, null>>(
    editorReducer,
    newEditor<InboxMessage, null>(null, true),
  );

  const reload = async () => {
    const result = await api.messages.get(id);
    if (result.kind === 'ok') dispatch({ type: 'loaded', item: result.item, values: null });
    else if (!endsSession(result, context)) dispatch({ type: 'load-failed', failure: result });
  };
  useEffect(() => void reload(), [id]);

  const write = async (call: () => Promise<Result<InboxMessage>>, message: string) => {
    dispatch({ type: 'working' });
    const result = await call();
    if (result.kind === 'ok') dispatch({ type: 'saved', item: result.item, values: null, message });
    else if (!endsSession(result, context)) dispatch({ type: 'refused', failure: result });
  };

  const back = { label: 'Inbox', route: { page: 'inbox', status: 'new', pageNumber: 1 } } as const;
  if (state.phase === 'loading') return <Loading what="the message" />;
  if (state.phase === 'missing') return <ErrorState message="This message does not exist (any more)." />;
  if (state.phase === 'load-failed' || !state.item)
    return <ErrorState message={state.notice?.message ?? 'Loading failed.'} onRetry={() => void reload()} />;

  const { item, busy, notice } = state;
  const message = item.data;
  return (
    <article class="message" aria-busy={busy}>
      <PageHeader title={message.subject || `Message from ${message.name}`} back={back} />
      <NoticeBanner notice={notice} onReload={() => void reload()} />
      <dl class="message-meta">
        <dt>From</dt>
        <dd>
          {message.name} &lt;<a href={`mailto:${message.email}`}>{message.email}</a>&gt;
        </dd>
        <dt>Received</dt>
        <dd>
          <time dateTime={message.receivedAt}>{formatTimestamp(message.receivedAt)}</time>
        </dd>
        <dt>Status</dt>
        <dd>
          <span class={`status status-${message.status}`}>{STATUS_LABELS[message.status]}</span>
        </dd>
      </dl>
      <div class="message-body">{message.message}</div>
      <NotificationPanel messageId={message.id} notification={message.notification} onChanged={() => void reload()} />
      <div class="toolbar">
        {MOVES[message.status].map(([status, label]) => (
          <button
            key={status}
            type="button"
            class={status === 'read' && message.status === 'new' ? 'button' : 'button button-secondary'}
            disabled={busy}
            onClick={() => void write(() => api.messages.setStatus(message.id, status, item.etag), DONE[status])}
          >
            {label}
          </button>
        ))}
        <ConfirmButton
          label="Delete"
          question="Delete this message for good?"
          disabled={busy}
          onConfirm={() =>
            void (async () => {
              dispatch({ type: 'working' });
              const result = await api.messages.delete(message.id, item.etag);
              if (result.kind === 'ok') navigate(back.route);
              else if (!endsSession(result, context)) dispatch({ type: 'refused', failure: result });
            })()
          }
        />
      </div>
    </article>
  );
}
