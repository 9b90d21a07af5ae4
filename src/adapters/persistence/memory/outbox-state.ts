import { newestDeliveryFirst, redelivered, type Delivery } from '../../../domain/events/delivery.js';
import type { DomainEvent } from '../../../domain/events/event.js';
import { mayTakeChanges, planFanOut } from '../../../domain/events/fan-out.js';
import type { Claim, DeliveryQuery, Outbox, OutboxBacklog, Receivers } from '../../../domain/events/outbox.js';
import type { Slice } from '../../../domain/shared/page.js';

/**
 * One change of the outbox. The memory adapter applies it; the file adapter
 * appends it to its journal (one line, so that a crash keeps all of it or
 * none) and applies it once that is flushed. Replaying the journal's changes
 * in order rebuilds the outbox.
 */
export type OutboxChange =
  | { readonly op: 'record'; readonly events: readonly DomainEvent[] }
  /** Takes back recorded events whose write failed after they were flushed (the file adapter's data file). */
  | { readonly op: 'cancel'; readonly events: readonly string[] }
  | { readonly op: 'fan-out'; readonly events: readonly string[]; readonly deliveries: readonly Delivery[] }
  | { readonly op: 'put'; readonly delivery: Delivery }
  | { readonly op: 'discard'; readonly webhookId: string };

type FanOutRequest = Parameters<Outbox['fanOut']>[0];
type ClaimRequest = Parameters<Outbox['claimDue']>[0];

/**
 * The outbox held in process: events awaiting fan-out in recording order,
 * deliveries by id, and the leases of claims. Leases are not changes: a
 * storage held in process has one dispatcher, and after a restart every
 * pending delivery is free to claim again.
 */
export class OutboxState {
  private events: DomainEvent[] = [];
  private readonly deliveries = new Map<string, Delivery>();
  private readonly pending = new Set<string>();
  private readonly emailByMessage = new Map<string, string>();
  private readonly leases = new Map<string, { readonly lease: string; readonly until: number }>();
  private leaseCount = 0;

  get size(): { events: number; deliveries: number } {
    return { events: this.events.length, deliveries: this.deliveries.size };
  }

  apply(change: OutboxChange): void {
    switch (change.op) {
      case 'record':
        this.events.push(...change.events);
        return;
      case 'cancel': {
        const cancelled = new Set(change.events);
        this.events = this.events.filter((event) => !cancelled.has(event.id));
        return;
      }
      case 'fan-out': {
        const done = new Set(change.events);
        this.events = this.events.filter((event) => !done.has(event.id));
        for (const delivery of change.deliveries) this.put(delivery);
        return;
      }
      case 'put':
        this.put(change.delivery);
        return;
      case 'discard':
        for (const delivery of [...this.deliveries.values()]) {
          if (delivery.target.kind === 'webhook' && delivery.target.webhookId === change.webhookId)
            this.remove(delivery.id);
        }
        return;
    }
  }

  backlog(): OutboxBacklog {
    return { awaitingFanOut: this.events.length, pendingDeliveries: this.pending.size };
  }

  /** What the outbox holds, as changes that rebuild it: for compacting a journal. */
  snapshot(): OutboxChange[] {
    return [
      ...(this.events.length > 0 ? [{ op: 'record' as const, events: this.events }] : []),
      ...[...this.deliveries.values()].map((delivery) => ({ op: 'put' as const, delivery })),
    ];
  }

  /** The fan-out of up to `limit` events, or null when none is waiting. */
  fanOutChange(request: FanOutRequest): OutboxChange | null {
    const events = this.events.slice(0, request.limit);
    if (events.length === 0) return null;
    const now = request.now.getTime();
    const open = new Map<string, Delivery>();
    for (const delivery of this.deliveries.values()) {
      if (delivery.target.kind !== 'webhook' || !mayTakeChanges(delivery) || this.isLeased(delivery.id, now)) continue;
      const current = open.get(delivery.target.webhookId);
      // The newest one: an older one's window ended before it was made.
      if (!current || newestDeliveryFirst(delivery, current) < 0) open.set(delivery.target.webhookId, delivery);
    }
    const plan = planFanOut({ ...request, events, open });
    return { op: 'fan-out', events: events.map((event) => event.id), deliveries: [...plan.created, ...plan.updated] };
  }

  claim(request: ClaimRequest): Claim[] {
    const now = request.now.getTime();
    const due = this.due(request, now)
      .sort((a, b) => compare(a.nextAttemptAt!, b.nextAttemptAt!) || compare(a.id, b.id))
      .slice(0, request.limit);
    return due.map((delivery) => {
      const lease = `lease-${++this.leaseCount}`;
      this.leases.set(delivery.id, { lease, until: now + request.leaseMs });
      return { delivery, lease };
    });
  }

  holds(claim: Claim): boolean {
    return this.leases.get(claim.delivery.id)?.lease === claim.lease;
  }

  release(claim: Claim): void {
    if (this.holds(claim)) this.leases.delete(claim.delivery.id);
  }

  nextDueAt(receivers: Receivers): string | null {
    let earliest: string | null = null;
    for (const delivery of this.due(receivers, Infinity)) {
      if (earliest === null || delivery.nextAttemptAt! < earliest) earliest = delivery.nextAttemptAt;
    }
    return earliest;
  }

  listDeliveries(webhookId: string, query: DeliveryQuery): Slice<Delivery> {
    const matches = [...this.deliveries.values()]
      .filter(
        (d) =>
          d.target.kind === 'webhook' &&
          d.target.webhookId === webhookId &&
          (query.status === undefined || d.status === query.status),
      )
      .sort(newestDeliveryFirst);
    return { items: matches.slice(query.offset, query.offset + query.limit), total: matches.length };
  }

  find(id: string): Delivery | null {
    return this.deliveries.get(id) ?? null;
  }

  redeliveryChange(id: string, now: Date): OutboxChange | null {
    const delivery = this.deliveries.get(id);
    return delivery ? { op: 'put', delivery: redelivered(delivery, now) } : null;
  }

  emailDeliveryOf(messageId: string): Delivery | null {
    const id = this.emailByMessage.get(messageId);
    return id === undefined ? null : (this.deliveries.get(id) ?? null);
  }

  awaitsFanOut(messageId: string): boolean {
    return this.events.some((event) => event.type === 'contact.received' && event.data.id === messageId);
  }

  /** Pending deliveries to `receivers` due by `now` and not leased at `now` (every one pending when now is Infinity). */
  private due(receivers: Receivers, now: number): Delivery[] {
    const webhooks = new Set(receivers.webhookIds);
    const found: Delivery[] = [];
    for (const id of this.pending) {
      const delivery = this.deliveries.get(id)!;
      const to = delivery.target;
      if (to.kind === 'webhook' ? !webhooks.has(to.webhookId) : !receivers.email) continue;
      if (now !== Infinity && (Date.parse(delivery.nextAttemptAt!) > now || this.isLeased(id, now))) continue;
      found.push(delivery);
    }
    return found;
  }

  private isLeased(id: string, now: number): boolean {
    const lease = this.leases.get(id);
    return lease !== undefined && lease.until > now;
  }

  private put(delivery: Delivery): void {
    this.deliveries.set(delivery.id, delivery);
    if (delivery.status === 'pending') this.pending.add(delivery.id);
    else this.pending.delete(delivery.id);
    if (delivery.target.kind === 'email') this.emailByMessage.set(delivery.target.messageId, delivery.id);
  }

  private remove(id: string): void {
    this.deliveries.delete(id);
    this.pending.delete(id);
    this.leases.delete(id);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
