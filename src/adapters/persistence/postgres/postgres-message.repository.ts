import type { DomainEvent } from '../../../domain/events/event.js';
import type { Message } from '../../../domain/messages/message.js';
import type { MessageQuery, MessageRepository } from '../../../domain/messages/message.repository.js';
import { StaleWriteError } from '../../../domain/shared/errors.js';
import type { Slice } from '../../../domain/shared/page.js';
import { StoredMessageSchema } from '../../schemas/message.schema.js';
import { writeWithEvents } from './events.sql.js';
import type { PostgresDatabase } from './postgres-database.js';
import { isoTimestamp, toEntity } from './stored-row.js';

const COLUMNS = `id, name, email, subject, message, status, ${isoTimestamp('received_at')} AS "receivedAt", version`;

/** In the order of the columns in INSERT and of $1…$8 in UPDATE. */
const valuesOf = (m: Message): unknown[] => [
  m.id,
  m.name,
  m.email,
  m.subject ?? null,
  m.message,
  m.status,
  m.receivedAt,
  m.version,
];

const toMessage = (row: Record<string, unknown>): Message => toEntity(StoredMessageSchema, row, 'message', ['subject']);

export class PostgresMessageRepository implements MessageRepository {
  constructor(private readonly db: PostgresDatabase) {}

  /** Newest first, ties by id descending (see newestFirst); page and total from one statement. */
  async list(query: MessageQuery): Promise<Slice<Message>> {
    const { rows } = await this.db.query(
      `WITH matches AS (SELECT * FROM messages WHERE $1::text IS NULL OR status = $1),
       page AS (
         SELECT ${COLUMNS}, row_number() OVER (ORDER BY received_at DESC, id DESC) AS position
         FROM matches ORDER BY position OFFSET $2 LIMIT $3
       )
       SELECT counted.total, page.* FROM (SELECT count(*)::int AS total FROM matches) AS counted
       LEFT JOIN page ON true ORDER BY page.position`,
      [query.status ?? null, query.offset, query.limit],
    );
    const total = (rows[0]?.total as number | undefined) ?? 0;
    const items = rows
      .filter((row) => row.id !== null)
      .map(({ total: _total, position: _position, ...row }) => toMessage(row));
    return { items, total };
  }

  async findById(id: string): Promise<Message | null> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM messages WHERE id = $1`, [id]);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  /** The INSERT, and its events, have committed when this resolves: a 202 never loses the message or its event. */
  create(message: Message, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      await run(
        `INSERT INTO messages (id, name, email, subject, message, status, received_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        valuesOf(message),
      );
    });
  }

  async update(message: Message, expectedVersion: number): Promise<void> {
    const { rowCount } = await this.db.query(
      `UPDATE messages SET name = $2, email = $3, subject = $4, message = $5, status = $6, received_at = $7, version = $8
       WHERE id = $1 AND version = $9`,
      [...valuesOf(message), expectedVersion],
    );
    if (rowCount === 0) throw new StaleWriteError('message');
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    const { rowCount } = await this.db.query('DELETE FROM messages WHERE id = $1 AND version = $2', [
      id,
      expectedVersion,
    ]);
    if (rowCount === 0) throw new StaleWriteError('message');
  }
}
