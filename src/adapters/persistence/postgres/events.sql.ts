import type pg from 'pg';
import type { DomainEvent } from '../../../domain/events/event.js';
import type { PostgresDatabase } from './postgres-database.js';

/** Something that runs a statement: the pool, or the client of a transaction a write runs in. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** Runs one statement of a write. */
export type Run = (text: string, values?: readonly unknown[]) => Promise<pg.QueryResult>;

/** Records events in the caller's statement context: inside a write's transaction, they commit or roll back with it. */
export async function recordEvents(db: Queryable, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const rows = events.map((event) => {
    values.push(
      event.id,
      event.type,
      event.occurredAt,
      JSON.stringify(event.data),
      event.type === 'contact.received' ? event.data.id : null,
    );
    const n = values.length;
    return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  await db.query(
    `INSERT INTO outbox_events (id, type, occurred_at, data, message_id) VALUES ${rows.join(', ')}`,
    values,
  );
}

/**
 * Runs a write's statements and records its events in the same transaction:
 * a refusal (a stale version, a taken slug) or any error rolls both back.
 * A write without events is its single statement, as before.
 */
export function writeWithEvents<T>(
  db: PostgresDatabase,
  events: readonly DomainEvent[],
  work: (run: Run) => Promise<T>,
): Promise<T> {
  if (events.length === 0) return work((text, values = []) => db.query(text, values));
  return db.transaction(async (client) => {
    const result = await work((text, values = []) => client.query(text, [...values]));
    await recordEvents(client, events);
    return result;
  });
}
