import { redelivered, type Delivery } from '../../../domain/events/delivery.js';
import type { DomainEvent } from '../../../domain/events/event.js';
import { mayTakeChanges, planFanOut } from '../../../domain/events/fan-out.js';
import type { Claim, DeliveryQuery, Outbox, OutboxBacklog, Receivers } from '../../../domain/events/outbox.js';
import type { Slice } from '../../../domain/shared/page.js';
import { StoredDeliverySchema, StoredEventSchema } from '../../schemas/event.schema.js';
import { recordEvents, type Queryable } from './events.sql.js';
import type { PostgresDatabase } from './postgres-database.js';
import { isoTimestamp, toEntity } from './stored-row.js';

/** A delivery row's columns, each qualified with `table` when given (an UPDATE … FROM has two `id`s). */
function deliveryColumns(table = ''): string {
  const c = (column: string) => (table ? `${table}.${column}` : column);
  return [
    c('id'),
    c('webhook_id'),
    c('message_id'),
    c('event_id'),
    c('event_type'),
    `${isoTimestamp(c('body_timestamp'))} AS body_timestamp`,
    c('data'),
    c('status'),
    c('attempts'),
    c('failures'),
    `${isoTimestamp(c('created_at'))} AS created_at`,
    `${isoTimestamp(c('next_attempt_at'))} AS next_attempt_at`,
    `${isoTimestamp(c('delivered_at'))} AS delivered_at`,
    c('last_attempt'),
  ].join(', ');
}
const DELIVERY_COLUMNS = deliveryColumns();

/** Fan-outs take turns per schema: two at once could each start a debounce window for the same webhook. */
const FAN_OUT_LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('portfolio-api:fan-out:' || coalesce(current_schema(), ''))) AS locked`;

/** Receivers as a condition on a delivery row: $webhooks (text[]) and $email (boolean). */
const TO_RECEIVERS = (webhooks: string, email: string) =>
  `(webhook_id = ANY(${webhooks}::text[]) OR (message_id IS NOT NULL AND ${email}::boolean))`;

function toDelivery(row: Record<string, unknown>): Delivery {
  const candidate = {
    id: row.id,
    target:
      row.webhook_id !== null
        ? { kind: 'webhook', webhookId: row.webhook_id }
        : { kind: 'email', messageId: row.message_id },
    event: { id: row.event_id, type: row.event_type },
    timestamp: row.body_timestamp,
    data: row.data,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    lastAttempt: row.last_attempt,
    failures: row.failures,
  };
  return toEntity(StoredDeliverySchema, candidate, 'delivery');
}

const deliveryValues = (d: Delivery): unknown[] => [
  d.id,
  d.target.kind === 'webhook' ? d.target.webhookId : null,
  d.target.kind === 'email' ? d.target.messageId : null,
  d.event.id,
  d.event.type,
  d.timestamp,
  JSON.stringify(d.data),
  d.status,
  d.attempts,
  d.failures,
  d.createdAt,
  d.nextAttemptAt,
  d.deliveredAt,
  d.lastAttempt === null ? null : JSON.stringify(d.lastAttempt),
];

const INSERT_DELIVERY = `INSERT INTO deliveries (id, webhook_id, message_id, event_id, event_type, body_timestamp, data, status,
  attempts, failures, created_at, next_attempt_at, delivered_at, last_attempt)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

/** What a delivery's progress changes: its body (a debounce merge) and its state; `$1` is its id. */
const UPDATE_DELIVERY = `UPDATE deliveries SET body_timestamp = $2, data = $3, status = $4, attempts = $5, failures = $6,
  next_attempt_at = $7, delivered_at = $8, last_attempt = $9`;

const progressValues = (d: Delivery): unknown[] => [
  d.id,
  d.timestamp,
  JSON.stringify(d.data),
  d.status,
  d.attempts,
  d.failures,
  d.nextAttemptAt,
  d.deliveredAt,
  d.lastAttempt === null ? null : JSON.stringify(d.lastAttempt),
];

/**
 * The outbox in PostgreSQL, shared by every instance on the database. Claims
 * use FOR UPDATE SKIP LOCKED and a lease, so that two instances never send
 * one delivery at the same time and a dead instance's claims come back when
 * their lease runs out.
 */
export class PostgresOutbox implements Outbox {
  constructor(private readonly db: PostgresDatabase) {}

  async record(events: readonly DomainEvent[]): Promise<void> {
    if (events.length > 0) await this.db.transaction((client) => recordEvents(client, events));
  }

  async fanOut(request: Parameters<Outbox['fanOut']>[0]): Promise<number> {
    // Most rounds find nothing to fan out: one cheap read spares them a transaction and its lock.
    const { rows: waiting } = await this.db.query<{ any: boolean }>('SELECT EXISTS (SELECT FROM outbox_events) AS any');
    if (!waiting[0]?.any) return 0;
    return this.db.transaction(async (client) => {
      const { rows: lock } = await client.query<{ locked: boolean }>(FAN_OUT_LOCK);
      if (!lock[0]?.locked) return 0;
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT id, type, ${isoTimestamp('occurred_at')} AS "occurredAt", data FROM outbox_events ORDER BY seq LIMIT $1`,
        [request.limit],
      );
      if (rows.length === 0) return 0;
      const events = rows.map((row) => toEntity(StoredEventSchema, row, 'event') as DomainEvent);
      const debounced = request.subscribers.filter((s) => s.debounceSeconds > 0).map((s) => s.id);
      const open = await this.openDeliveries(client, debounced, request.now);
      const plan = planFanOut({ ...request, events, open });
      for (const delivery of plan.created) await client.query(INSERT_DELIVERY, deliveryValues(delivery));
      for (const delivery of plan.updated)
        await client.query(`${UPDATE_DELIVERY} WHERE id = $1`, progressValues(delivery));
      await client.query('DELETE FROM outbox_events WHERE id = ANY($1::text[])', [events.map((e) => e.id)]);
      return events.length;
    });
  }

  async claimDue(request: Parameters<Outbox['claimDue']>[0]): Promise<Claim[]> {
    const until = new Date(request.now.getTime() + request.leaseMs).toISOString();
    const { rows } = await this.db.query(
      `WITH due AS (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
           AND ${TO_RECEIVERS('$2', '$3')}
         ORDER BY next_attempt_at, id LIMIT $4
         FOR UPDATE SKIP LOCKED
       )
       UPDATE deliveries AS d SET lease = gen_random_uuid()::text, locked_until = $5
       FROM due WHERE d.id = due.id
       RETURNING ${deliveryColumns('d')}, d.lease`,
      [request.now.toISOString(), [...request.webhookIds], request.email, request.limit, until],
    );
    return rows
      .map((row) => ({ delivery: toDelivery(row), lease: row.lease as string }))
      .sort(
        (a, b) => order(a.delivery.nextAttemptAt!, b.delivery.nextAttemptAt!) || order(a.delivery.id, b.delivery.id),
      );
  }

  async complete(claim: Claim, next: Delivery): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `${UPDATE_DELIVERY}, lease = NULL, locked_until = NULL WHERE id = $1 AND lease = $10`,
      [...progressValues(next), claim.lease],
    );
    return rowCount === 1;
  }

  async release(claim: Claim): Promise<void> {
    await this.db.query('UPDATE deliveries SET lease = NULL, locked_until = NULL WHERE id = $1 AND lease = $2', [
      claim.delivery.id,
      claim.lease,
    ]);
  }

  async nextDueAt(receivers: Receivers): Promise<string | null> {
    const { rows } = await this.db.query<{ due: string | null }>(
      `SELECT ${isoTimestamp('min(next_attempt_at)')} AS due FROM deliveries
       WHERE status = 'pending' AND ${TO_RECEIVERS('$1', '$2')}`,
      [[...receivers.webhookIds], receivers.email],
    );
    return rows[0]?.due ?? null;
  }

  async enqueue(delivery: Delivery): Promise<void> {
    await this.db.query(INSERT_DELIVERY, deliveryValues(delivery));
  }

  async listDeliveries(webhookId: string, query: DeliveryQuery): Promise<Slice<Delivery>> {
    const { rows } = await this.db.query(
      `WITH matches AS (SELECT * FROM deliveries WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)),
       page AS (
         SELECT ${DELIVERY_COLUMNS}, row_number() OVER (ORDER BY created_at DESC, id DESC) AS position
         FROM matches ORDER BY position OFFSET $3 LIMIT $4
       )
       SELECT counted.total, page.* FROM (SELECT count(*)::int AS total FROM matches) AS counted
       LEFT JOIN page ON true ORDER BY page.position`,
      [webhookId, query.status ?? null, query.offset, query.limit],
    );
    const total = (rows[0]?.total as number | undefined) ?? 0;
    return { items: rows.filter((row) => row.id !== null).map(toDelivery), total };
  }

  async findDelivery(id: string): Promise<Delivery | null> {
    const { rows } = await this.db.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = $1`, [id]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  redeliver(id: string, now: Date): Promise<Delivery | null> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!rows[0]) return null;
      const next = redelivered(toDelivery(rows[0]), now);
      await client.query(`${UPDATE_DELIVERY} WHERE id = $1`, progressValues(next));
      return next;
    });
  }

  async emailDeliveryOf(messageId: string): Promise<Delivery | null> {
    const { rows } = await this.db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE message_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [messageId],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async awaitsFanOut(messageId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ waiting: boolean }>(
      'SELECT EXISTS (SELECT FROM outbox_events WHERE message_id = $1) AS waiting',
      [messageId],
    );
    return rows[0]?.waiting === true;
  }

  async discardDeliveriesOf(webhookId: string): Promise<void> {
    await this.db.query('DELETE FROM deliveries WHERE webhook_id = $1', [webhookId]);
  }

  /** Two counts: the fanned-out events are deleted, and the pending deliveries have their own index. */
  async backlog(): Promise<OutboxBacklog> {
    const { rows } = await this.db.query<{ events: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM outbox_events) AS events,
              (SELECT count(*)::int FROM deliveries WHERE status = 'pending') AS pending`,
    );
    return { awaitingFanOut: rows[0]?.events ?? 0, pendingDeliveries: rows[0]?.pending ?? 0 };
  }

  /** Per debounced webhook, its newest untried delivery of changes that no claim holds, locked for this fan-out. */
  private async openDeliveries(
    client: Queryable,
    webhookIds: readonly string[],
    now: Date,
  ): Promise<Map<string, Delivery>> {
    const open = new Map<string, Delivery>();
    if (webhookIds.length === 0) return open;
    const { rows } = await client.query(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries
       WHERE webhook_id = ANY($1::text[]) AND event_type = 'content.changed' AND status = 'pending' AND attempts = 0
         AND (locked_until IS NULL OR locked_until <= $2)
       ORDER BY created_at DESC, id DESC
       FOR UPDATE`,
      [[...webhookIds], now.toISOString()],
    );
    for (const delivery of rows.map(toDelivery)) {
      if (delivery.target.kind === 'webhook' && mayTakeChanges(delivery) && !open.has(delivery.target.webhookId)) {
        open.set(delivery.target.webhookId, delivery);
      }
    }
    return open;
  }
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
