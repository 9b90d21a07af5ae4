import { useState } from 'preact/hooks';
import type { Notification } from '../api/event-resources.js';
import type { Result } from '../api/results.js';
import { endsSession, useConsole } from '../console-context.js';

const STATE: Readonly<Record<Notification['status'], string>> = {
  pending: 'Waiting to be sent',
  sent: 'Sent',
  failed: 'Failed',
};

/**
 * The state of a message's email to the owner, and a way to send it again.
 * Shown only when email is configured (`notification` is null otherwise).
 */
export function NotificationPanel({
  messageId,
  notification,
  onChanged,
}: {
  messageId: string;
  notification: Notification | null;
  /** The message is read again, so that its ETag follows its new notification state. */
  onChanged: () => void;
}) {
  const context = useConsole();
  const [outcome, setOutcome] = useState<{ busy: boolean; message?: string }>({ busy: false });
  if (notification === null) return null;
  const send = async () => {
    setOutcome({ busy: true });
    const result: Result<Notification> = await context.api.notifications.notify(messageId);
    if (result.kind === 'ok') {
      setOutcome({ busy: false, message: 'The email was queued again.' });
      onChanged();
    } else if (!endsSession(result, context)) {
      setOutcome({ busy: false, message: result.message });
    }
  };
  return (
    <section class="notification" aria-labelledby="notification-title">
      <h2 id="notification-title">Email to you</h2>
      <p>
        <span class={`status status-${notification.status}`}>{STATE[notification.status]}</span>
        <span class="muted"> {notification.attempts === 1 ? '1 attempt' : `${notification.attempts} attempts`}</span>
      </p>
      {notification.lastError && <p class="muted">Last error: {notification.lastError}</p>}
      {outcome.message && <p role="status">{outcome.message}</p>}
      <button type="button" class="button button-secondary" disabled={outcome.busy} onClick={() => void send()}>
        Send the email again
      </button>
    </section>
  );
}
