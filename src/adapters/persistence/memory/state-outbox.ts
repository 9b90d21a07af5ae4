import type { Delivery } from '../../../domain/events/delivery.js';
import type { DomainEvent } from '../../../domain/events/event.js';
import type { Claim, DeliveryQuery, Outbox, OutboxBacklog, Receivers } from '../../../domain/events/outbox.js';
import type { Slice } from '../../../domain/shared/page.js';
import type { OutboxChange, OutboxState } from './outbox-state.js';

/**
 * An outbox over an OutboxState: reads answer from the state, and every
 * change goes through `commit`, which the memory adapter applies at once and
 * the file adapter journals first. A change computed from what the state holds
 * (fan-out, redelivery) runs in `serially`, so that no other such change comes
 * between reading and committing; recording events and completing a claim
 * conflict with nothing and run as they come.
 */
export abstract class StateOutbox implements Outbox {
  constructor(protected readonly state: OutboxState) {}

  /** Makes the change take effect; when it resolves, the state holds it. */
  protected abstract commit(change: OutboxChange): Promise<void>;

  /** Runs `task` after the changes `serially` already runs, and before the next. */
  protected abstract serially<T>(task: () => Promise<T>): Promise<T>;

  async record(events: readonly DomainEvent[]): Promise<void> {
    if (events.length > 0) await this.commit({ op: 'record', events });
  }

  fanOut(request: Parameters<Outbox['fanOut']>[0]): Promise<number> {
    return this.serially(async () => {
      const change = this.state.fanOutChange(request);
      if (change?.op !== 'fan-out') return 0;
      await this.commit(change);
      return change.events.length;
    });
  }

  async claimDue(request: Parameters<Outbox['claimDue']>[0]): Promise<Claim[]> {
    return this.state.claim(request);
  }

  async complete(claim: Claim, next: Delivery): Promise<boolean> {
    if (!this.state.holds(claim)) return false;
    await this.commit({ op: 'put', delivery: next });
    this.state.release(claim);
    return true;
  }

  async release(claim: Claim): Promise<void> {
    this.state.release(claim);
  }

  async nextDueAt(receivers: Receivers): Promise<string | null> {
    return this.state.nextDueAt(receivers);
  }

  enqueue(delivery: Delivery): Promise<void> {
    return this.serially(() => this.commit({ op: 'put', delivery }));
  }

  async listDeliveries(webhookId: string, query: DeliveryQuery): Promise<Slice<Delivery>> {
    return this.state.listDeliveries(webhookId, query);
  }

  async findDelivery(id: string): Promise<Delivery | null> {
    return this.state.find(id);
  }

  redeliver(id: string, now: Date): Promise<Delivery | null> {
    return this.serially(async () => {
      const change = this.state.redeliveryChange(id, now);
      if (change?.op !== 'put') return null;
      await this.commit(change);
      return change.delivery;
    });
  }

  async emailDeliveryOf(messageId: string): Promise<Delivery | null> {
    return this.state.emailDeliveryOf(messageId);
  }

  async awaitsFanOut(messageId: string): Promise<boolean> {
    return this.state.awaitsFanOut(messageId);
  }

  discardDeliveriesOf(webhookId: string): Promise<void> {
    return this.serially(() => this.commit({ op: 'discard', webhookId }));
  }

  async backlog(): Promise<OutboxBacklog> {
    return this.state.backlog();
  }
}
