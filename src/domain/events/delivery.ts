import type { DeliveryData, DeliveryType } from './event.js';

/**
 * One event on its way to one receiver: a webhook, or the owner's mailbox.
 * It is `pending` until an attempt succeeds (`delivered`) or the retry
 * schedule runs out (`failed`); the owner may send it again from either end
 * state. Its id is the `webhook-id` the receiver sees, the same on every
 * attempt, so that a receiver can drop a duplicate.
 */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type DeliveryTarget =
  { readonly kind: 'webhook'; readonly webhookId: string } | { readonly kind: 'email'; readonly messageId: string };

export interface LastAttempt {
  readonly at: string;
  /** The receiver's status, or null when none came back (timeout, refused connection, SMTP). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface Delivery {
  readonly id: string;
  readonly target: DeliveryTarget;
  /** The event it carries; for debounced changes, the first of them. */
  readonly event: { readonly id: string; readonly type: DeliveryType };
  /** The body's `timestamp`: when the (last) event it carries occurred. */
  readonly timestamp: string;
  readonly data: DeliveryData;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly createdAt: string;
  /** When it is due: null once it is delivered or failed. */
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly lastAttempt: LastAttempt | null;
  /** Failed attempts since it was queued or sent again: its step in the retry schedule. */
  readonly failures: number;
}

/** The waits, in milliseconds, before each retry; after the last one fails, the delivery is `failed`. */
export type RetrySchedule = readonly number[];

/** What one attempt gave. An error is set when the receiver's answer, if any, says nothing (timeout, redirect). */
export interface AttemptOutcome {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export function isSuccess(outcome: AttemptOutcome): boolean {
  return (
    outcome.error === null && (outcome.statusCode === null || (outcome.statusCode >= 200 && outcome.statusCode < 300))
  );
}

/** `410 Gone`: the receiver asks not to be sent anything more. */
export function isGone(outcome: AttemptOutcome): boolean {
  return outcome.statusCode === 410;
}

export interface NewDelivery {
  readonly id: string;
  readonly target: DeliveryTarget;
  readonly event: Delivery['event'];
  readonly timestamp: string;
  readonly data: DeliveryData;
  readonly createdAt: string;
  readonly dueAt: string;
}

export function newDelivery(fields: NewDelivery): Delivery {
  const { dueAt, ...rest } = fields;
  return {
    ...rest,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: dueAt,
    deliveredAt: null,
    lastAttempt: null,
    failures: 0,
  };
}

/** The delivery after an attempt made at `at`: delivered, due again after the schedule's next wait, or failed. */
export function afterAttempt(delivery: Delivery, at: Date, outcome: AttemptOutcome, schedule: RetrySchedule): Delivery {
  const lastAttempt: LastAttempt = {
    at: at.toISOString(),
    statusCode: outcome.statusCode,
    error: outcome.error,
    durationMs: Math.max(0, Math.round(outcome.durationMs)),
  };
  const attempts = delivery.attempts + 1;
  if (isSuccess(outcome)) {
    return {
      ...delivery,
      status: 'delivered',
      attempts,
      nextAttemptAt: null,
      deliveredAt: lastAttempt.at,
      lastAttempt,
      failures: 0,
    };
  }
  const failures = delivery.failures + 1;
  const wait = schedule[failures - 1];
  if (wait === undefined) {
    return { ...delivery, status: 'failed', attempts, nextAttemptAt: null, lastAttempt, failures };
  }
  const nextAttemptAt = new Date(at.getTime() + wait).toISOString();
  return { ...delivery, status: 'pending', attempts, nextAttemptAt, lastAttempt, failures };
}

/**
 * Sent again on the owner's request, with the same id: a delivered or failed
 * one starts the retry schedule afresh; a pending one skips its wait.
 */
export function redelivered(delivery: Delivery, now: Date): Delivery {
  const due = now.toISOString();
  if (delivery.status === 'pending') {
    return delivery.nextAttemptAt !== null && delivery.nextAttemptAt <= due
      ? delivery
      : { ...delivery, nextAttemptAt: due };
  }
  return { ...delivery, status: 'pending', nextAttemptAt: due, failures: 0 };
}

/** The state of a message's email to the owner, as the admin message shows it. */
export interface Notification {
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
}

export const NOT_YET_SENT: Notification = { status: 'pending', attempts: 0, lastError: null };

export function notificationOf(delivery: Delivery): Notification {
  return {
    status: delivery.status === 'delivered' ? 'sent' : delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastAttempt?.error ?? null,
  };
}

/** Newest first; ties by id descending (ids sort by creation). */
export function newestDeliveryFirst(a: Delivery, b: Delivery): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
