import type { Slice } from '../shared/page.js';
import type { Delivery, DeliveryStatus } from './delivery.js';
import type { DomainEvent } from './event.js';
import type { Subscriber } from './fan-out.js';

export interface DeliveryQuery {
  readonly status?: DeliveryStatus;
  readonly offset: number;
  readonly limit: number;
}

/** A delivery leased to one sender until the lease runs out: no one else sends it meanwhile. */
export interface Claim {
  readonly delivery: Delivery;
  /** Opaque; names this claim when its result is recorded. */
  readonly lease: string;
}

/** Which deliveries a dispatcher can send now: to these webhooks (the active ones), and email when it is on. */
export interface Receivers {
  readonly webhookIds: readonly string[];
  readonly email: boolean;
}

/** How much the outbox holds that is not sent yet: for metrics and the operator. */
export interface OutboxBacklog {
  /** Events recorded and not yet turned into deliveries. */
  readonly awaitingFanOut: number;
  /** Deliveries to send: due now, waiting for a retry, or held while their webhook is inactive. */
  readonly pendingDeliveries: number;
}

/**
 * The events recorded by writes and the deliveries made from them, kept by
 * the storage so that what was acknowledged is delivered across restarts,
 * crashes and several instances. Writes of the content and the inbox record
 * their events themselves, in the same write (see docs/events.md); `record`
 * is for events no entity write carries.
 */
export interface Outbox {
  /** Resolves once the events are stored as durably as the writes that record events. */
  record(events: readonly DomainEvent[]): Promise<void>;
  /**
   * Turns up to `limit` recorded events, oldest first, into deliveries (see
   * planFanOut), all in one step: each event is fanned out exactly once, even
   * with several instances. Resolves to the number of events fanned out.
   */
  fanOut(request: {
    readonly subscribers: readonly Subscriber[];
    readonly email: boolean;
    readonly newId: () => string;
    readonly now: Date;
    readonly limit: number;
  }): Promise<number>;
  /**
   * Leases up to `limit` pending deliveries due at `now` to `receivers`,
   * earliest due first, until `now + leaseMs`: no other claim gets them
   * until their result is recorded or the lease runs out.
   */
  claimDue(
    request: { readonly now: Date; readonly limit: number; readonly leaseMs: number } & Receivers,
  ): Promise<Claim[]>;
  /** Stores the delivery's state after an attempt and ends the claim; false when the lease had run out and was taken. */
  complete(claim: Claim, next: Delivery): Promise<boolean>;
  /** Ends a claim without an attempt: the delivery is due again as it was. */
  release(claim: Claim): Promise<void>;
  /** When the earliest pending delivery to `receivers` is due, or null when none is pending. */
  nextDueAt(receivers: Receivers): Promise<string | null>;
  /** Stores a delivery made outside fan-out (a ping, an email sent again). */
  enqueue(delivery: Delivery): Promise<void>;
  /** A webhook's deliveries, newest first (see newestDeliveryFirst). */
  listDeliveries(webhookId: string, query: DeliveryQuery): Promise<Slice<Delivery>>;
  findDelivery(id: string): Promise<Delivery | null>;
  /** Applies `redelivered` to the stored delivery in one step; null when there is none. */
  redeliver(id: string, now: Date): Promise<Delivery | null>;
  /** The newest email delivery of a contact message, or null. */
  emailDeliveryOf(messageId: string): Promise<Delivery | null>;
  /** Whether the contact.received event of a message is recorded and not yet fanned out. */
  awaitsFanOut(messageId: string): Promise<boolean>;
  /** Forgets the deliveries of a deleted webhook. */
  discardDeliveriesOf(webhookId: string): Promise<void>;
  /** Two counts, cheap enough to read on every metrics scrape. */
  backlog(): Promise<OutboxBacklog>;
}
