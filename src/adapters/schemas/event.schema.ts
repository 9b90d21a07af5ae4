import * as v from 'valibot';
import { CONTENT_ACTIONS, CONTENT_RESOURCES, PING } from '../../domain/events/event.js';
import { DELIVERY_STATUSES } from '../../domain/events/delivery.js';
import { email, id, line, prose, timestamp } from './fields.js';

/**
 * Events and deliveries as a storage keeps them (the file adapter's journal,
 * PostgreSQL's rows): read back, they are checked like any other input.
 */

const ContactReceivedDataSchema = v.strictObject({
  id,
  name: line(1, 100),
  email,
  subject: v.optional(line(0, 150)),
  message: prose(5000, 10),
  receivedAt: timestamp,
});

const ContentChangeSchema = v.strictObject({
  resource: v.picklist(CONTENT_RESOURCES),
  action: v.picklist(CONTENT_ACTIONS),
  id,
  slug: v.optional(v.string()),
  at: timestamp,
});

const ContentChangedDataSchema = v.strictObject({ changes: v.array(ContentChangeSchema) });
const PingDataSchema = v.strictObject({ webhookId: id });

export const StoredEventSchema = v.variant('type', [
  v.strictObject({ id, type: v.literal('contact.received'), occurredAt: timestamp, data: ContactReceivedDataSchema }),
  v.strictObject({ id, type: v.literal('content.changed'), occurredAt: timestamp, data: ContentChangedDataSchema }),
]);

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const nullableTimestamp = v.nullable(timestamp);

export const StoredDeliverySchema = v.strictObject({
  id,
  target: v.variant('kind', [
    v.strictObject({ kind: v.literal('webhook'), webhookId: id }),
    v.strictObject({ kind: v.literal('email'), messageId: id }),
  ]),
  event: v.strictObject({ id, type: v.picklist(['contact.received', 'content.changed', PING]) }),
  timestamp,
  data: v.union([ContactReceivedDataSchema, ContentChangedDataSchema, PingDataSchema]),
  status: v.picklist(DELIVERY_STATUSES),
  attempts: count,
  createdAt: timestamp,
  nextAttemptAt: nullableTimestamp,
  deliveredAt: nullableTimestamp,
  lastAttempt: v.nullable(
    v.strictObject({
      at: timestamp,
      statusCode: v.nullable(v.pipe(v.number(), v.integer())),
      error: v.nullable(v.string()),
      durationMs: count,
    }),
  ),
  failures: count,
});
