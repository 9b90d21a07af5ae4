import pg from 'pg';
import type { Storage } from '../../../domain/storage/storage.js';
import { PostgresDatabase, type PostgresLogger } from './postgres-database.js';
import { PostgresExperienceRepository } from './postgres-experience.repository.js';
import { PostgresMessageRepository } from './postgres-message.repository.js';
import { PostgresOutbox } from './postgres-outbox.js';
import { PostgresProfileRepository } from './postgres-profile.repository.js';
import { PostgresProjectRepository } from './postgres-project.repository.js';
import { PostgresSkillRepository } from './postgres-skill.repository.js';
import { PostgresWebhookRepository } from './postgres-webhook.repository.js';

export interface PostgresStorageOptions {
  readonly databaseUrl: string;
  /** Connecting, or waiting for a free pooled connection, gives up after this. */
  readonly connectTimeoutMs?: number;
  /** The server cancels a statement after this; the client stops waiting shortly after. */
  readonly statementTimeoutMs?: number;
  readonly logger?: PostgresLogger;
}

/** Past the statement timeout, so that a server that answers reports its own timeout first. */
const CLIENT_GRACE_MS = 1000;

/**
 * Resolves even when the database is down: every call then rejects with
 * StorageUnavailableError, and the schema is migrated on the first call that
 * reaches the database. Opening tries that once, so a reachable database is
 * migrated before the first request.
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const statementTimeout = options.statementTimeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + CLIENT_GRACE_MS,
    // A migration that stalls inside its transaction must not hold the advisory lock for ever.
    idle_in_transaction_session_timeout: statementTimeout * 2,
    keepAlive: true,
    application_name: 'portfolio-api',
  });
  // An idle client whose server went away emits here; unhandled, it would end the process.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'Idle PostgreSQL connection lost'));

  const db = new PostgresDatabase(pool, options.logger);
  await db.ready().catch(() => undefined);

  let closing: Promise<void> | undefined;
  return {
    profiles: new PostgresProfileRepository(db),
    projects: new PostgresProjectRepository(db),
    skills: new PostgresSkillRepository(db),
    experience: new PostgresExperienceRepository(db),
    messages: new PostgresMessageRepository(db),
    webhooks: new PostgresWebhookRepository(db),
    outbox: new PostgresOutbox(db),
    ping: async () => {
      await db.query('SELECT 1');
    },
    refusesWrites: () => false,
    close: () => (closing ??= pool.end()),
  };
}
