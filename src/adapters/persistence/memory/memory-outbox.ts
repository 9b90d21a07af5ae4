import type { Delivery } from '../../../domain/events/delivery.js';
import type { DomainEvent } from '../../../domain/events/event.js';
import type { Claim, DeliveryQuery, Outbox, OutboxBacklog, Receivers } from '../../../domain/events/outbox.js';
import type { Slice } from '../../../domain/shared/page.js';
import { OutboxState } from './outbox-state.js';

/** The outbox in process: nothing survives a restart, as for the rest of the memory storage. */
export class MemoryOutbox implements Outbox {
  constructor(private readonly state = new OutboxState()) {}

  async record(events: readonly DomainEvent[]): Promise<void> {
    if (events.length > 0) this.state.apply({ op: 'record', events });
  }

  async fanOut(request: Parameters<Outbox['fanOut']>[0]): Promise<number> {
    const change = this.state.fanOutChange(request);
    if (change?.op !== 'fan-out') return 0;
    this.state.apply(change);
    return change.events.length;
  }

  async claimDue(request: Parameters<Outbox['claimDue']>[0]): Promise<Claim[]> {
    return this.state.claim(request);
  }

  async complete(claim: Claim, next: Delivery): Promise<boolean> {
    if (!this.state.holds(claim)) return false;
    this.state.apply({ op: 'put', delivery: next });
    this.state.release(claim);
    return true;
  }

  async release(claim: Claim): Promise<void> {
    this.state.release(claim);
  }

  async nextDueAt(receivers: Receivers): Promise<string | null> {
    return this.state.nextDueAt(receivers);
  }

  async enqueue(delivery: Delivery): Promise<void> {
    this.state.apply({ op: 'put', delivery });
  }

  async listDeliveries(webhookId: string, query: DeliveryQuery): Promise<Slice<Delivery>> {
    return this.state.listDeliveries(webhookId, query);
  }

  async findDelivery(id: string): Promise<Delivery | null> {
    return this.state.find(id);
  }

  async redeliver(id: string, now: Date): Promise<Delivery | null> {
    const change = this.state.redeliveryChange(id, now);
    if (change?.op !== 'put') return null;
    this.state.apply(change);
    return change.delivery;
  }

  async emailDeliveryOf(messageId: string): Promise<Delivery | null> {
    return this.state.emailDeliveryOf(messageId);
  }

  async awaitsFanOut(messageId: string): Promise<boolean> {
    return this.state.awaitsFanOut(messageId);
  }

  async discardDeliveriesOf(webhookId: string): Promise<void> {
    this.state.apply({ op: 'discard', webhookId });
  }

  async backlog(): Promise<OutboxBacklog> {
    return this.state.backlog();
  }
}
