import type { Webhook } from '../webhooks/webhook.js';
import { newDelivery, type Delivery } from './delivery.js';
import type { ContentChangedData, DomainEvent } from './event.js';

/** What fan-out needs of a webhook: only active ones are given. */
export type Subscriber = Pick<Webhook, 'id' | 'events' | 'debounceSeconds' | 'createdAt'>;

export interface FanOutInput {
  /** Recorded events, in the order they were recorded. */
  readonly events: readonly DomainEvent[];
  readonly subscribers: readonly Subscriber[];
  /** Whether each contact.received also goes to the owner's mailbox. */
  readonly email: boolean;
  /**
   * Per debounced webhook, its newest delivery that may still take changes
   * (see mayTakeChanges), as the storage holds it; absent when there is none.
   */
  readonly open: ReadonlyMap<string, Delivery>;
  readonly newId: () => string;
  readonly now: Date;
}

export interface FanOutPlan {
  /** New deliveries, final state. */
  readonly created: readonly Delivery[];
  /** Deliveries of `open` that took changes, final state. */
  readonly updated: readonly Delivery[];
}

/**
 * Turns events into deliveries: one per subscribed webhook that existed when
 * the event occurred, plus one email per contact message when email is on.
 * A debounced webhook's content changes within `debounceSeconds` of the first
 * one join that first delivery, which is due when the window ends.
 */
export function planFanOut(input: FanOutInput): FanOutPlan {
  const created = new Map<string, Delivery>();
  const updated = new Map<string, Delivery>();
  const open = new Map(input.open);
  const createdAt = input.now.toISOString();
  for (const event of input.events) {
    const base = {
      event: { id: event.id, type: event.type },
      timestamp: event.occurredAt,
      data: event.data,
      createdAt,
    };
    if (event.type === 'contact.received' && input.email) {
      const delivery = newDelivery({
        ...base,
        id: input.newId(),
        target: { kind: 'email', messageId: event.data.id },
        dueAt: event.occurredAt,
      });
      created.set(delivery.id, delivery);
    }
    for (const webhook of input.subscribers) {
      if (!webhook.events.includes(event.type) || webhook.createdAt > event.occurredAt) continue;
      const window = event.type === 'content.changed' ? webhook.debounceSeconds : 0;
      const current = window > 0 ? open.get(webhook.id) : undefined;
      if (current && event.type === 'content.changed' && withinWindow(current, event.occurredAt)) {
        const merged = withChanges(current, event.data, event.occurredAt);
        (created.has(merged.id) ? created : updated).set(merged.id, merged);
        open.set(webhook.id, merged);
        continue;
      }
      const delivery = newDelivery({
        ...base,
        id: input.newId(),
        target: { kind: 'webhook', webhookId: webhook.id },
        dueAt: new Date(Date.parse(event.occurredAt) + window * 1000).toISOString(),
      });
      created.set(delivery.id, delivery);
      if (window > 0) open.set(webhook.id, delivery);
    }
  }
  return { created: [...created.values()], updated: [...updated.values()] };
}

/**
 * A delivery of content changes that has not been tried yet: the storage
 * looks among these (not leased to a sender) for the one to pass as `open`.
 */
export function mayTakeChanges(delivery: Delivery): boolean {
  return (
    delivery.target.kind === 'webhook' &&
    delivery.event.type === 'content.changed' &&
    delivery.status === 'pending' &&
    delivery.attempts === 0
  );
}

/** Its window ends when it is due: a change at that instant still joins it. */
function withinWindow(delivery: Delivery, occurredAt: string): boolean {
  return mayTakeChanges(delivery) && delivery.nextAttemptAt !== null && occurredAt <= delivery.nextAttemptAt;
}

function withChanges(delivery: Delivery, data: ContentChangedData, occurredAt: string): Delivery {
  const changes = [...(delivery.data as ContentChangedData).changes, ...data.changes];
  // Events of concurrent writes may be recorded out of order; the receiver gets them in the order they happened.
  changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    ...delivery,
    data: { changes },
    timestamp: occurredAt > delivery.timestamp ? occurredAt : delivery.timestamp,
  };
}
