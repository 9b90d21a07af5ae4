import { StaleWriteError } from '../../../domain/shared/errors.js';
import type { Webhook } from '../../../domain/webhooks/webhook.js';
import type { WebhookRepository } from '../../../domain/webhooks/webhook.repository.js';
import { StoredWebhookSchema } from '../../schemas/webhook.schema.js';
import type { PostgresDatabase } from './postgres-database.js';
import { isoTimestamp, toEntity } from './stored-row.js';

const COLUMNS = `id, url, events, description, debounce_seconds AS "debounceSeconds", active, secret,
  ${isoTimestamp('created_at')} AS "createdAt", ${isoTimestamp('updated_at')} AS "updatedAt", version`;

const valuesOf = (w: Webhook): unknown[] => [
  w.id,
  w.url,
  [...w.events],
  w.description ?? null,
  w.debounceSeconds,
  w.active,
  w.secret,
  w.createdAt,
  w.updatedAt,
  w.version,
];

const toWebhook = (row: Record<string, unknown>): Webhook =>
  toEntity(StoredWebhookSchema, row, 'webhook', ['description']);

export class PostgresWebhookRepository implements WebhookRepository {
  constructor(private readonly db: PostgresDatabase) {}

  async listAll(): Promise<Webhook[]> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM webhooks ORDER BY created_at DESC, id DESC`);
    return rows.map(toWebhook);
  }

  async findById(id: string): Promise<Webhook | null> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM webhooks WHERE id = $1`, [id]);
    return rows[0] ? toWebhook(rows[0]) : null;
  }

  async create(webhook: Webhook): Promise<void> {
    await this.db.query(
      `INSERT INTO webhooks (id, url, events, description, debounce_seconds, active, secret, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      valuesOf(webhook),
    );
  }

  async update(webhook: Webhook, expectedVersion: number): Promise<void> {
    const { rowCount } = await this.db.query(
      `UPDATE webhooks SET url = $2, events = $3, description = $4, debounce_seconds = $5, active = $6, secret = $7,
       created_at = $8, updated_at = $9, version = $10 WHERE id = $1 AND version = $11`,
      [...valuesOf(webhook), expectedVersion],
    );
    if (rowCount === 0) throw new StaleWriteError('webhook');
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    const { rowCount } = await this.db.query('DELETE FROM webhooks WHERE id = $1 AND version = $2', [
      id,
      expectedVersion,
    ]);
    if (rowCount === 0) throw new StaleWriteError('webhook');
  }
}
