import { createHash } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * Every instance migrates on start; the advisory lock makes the others wait
 * while one applies the pending migrations, and then find nothing to do. The
 * lock is per schema so that separate schemas (e.g. test runs) do not queue.
 */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('portfolio-api:migrations:' || coalesce(current_schema(), '')))`;

const CREATE_LEDGER = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/**
 * Applies the pending migrations in one transaction: all of them or none.
 * Refuses to run when an applied migration's SQL has changed since, because
 * the schema would then not be what this code expects. Returns the names of
 * the migrations it applied.
 */
export async function applyMigrations(
  client: pg.ClientBase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  await client.query('BEGIN');
  try {
    await client.query(LOCK);
    await client.query(CREATE_LEDGER);
    const { rows } = await client.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.version, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = checksumOf(migration);
      const known = applied.get(migration.version);
      if (known !== undefined) {
        if (known !== checksum)
          throw new Error(`Migration ${migration.version} (${migration.name}) was changed after it was applied`);
        continue;
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksum,
      ]);
      done.push(`${String(migration.version).padStart(4, '0')}-${migration.name}`);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Brings the schema of `databaseUrl` up to date over a connection of its own. */
export async function migrate(databaseUrl: string, options: { connectTimeoutMs?: number } = {}): Promise<string[]> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'portfolio-api migrate',
  });
  await client.connect();
  try {
    return await applyMigrations(client);
  } finally {
    await client.end();
  }
}
