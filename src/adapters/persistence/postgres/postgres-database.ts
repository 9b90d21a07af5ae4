import pg from 'pg';
import { applyMigrations } from './postgres-migrations.js';
import { isUnreachable, translate, unavailable } from './postgres-errors.js';

export interface PostgresLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * The pool plus the promise that the schema is current. The database may be
 * down when the service starts, so migrating is tried on first use and, after
 * a failure, again on the next use: the service answers 503 meanwhile and
 * heals by itself once the database is back.
 */
export class PostgresDatabase {
  private schemaReady: Promise<void> | undefined;
  /** Logs the first failure of an outage, not one per request. */
  private failing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger?: PostgresLogger,
  ) {}

  ready(): Promise<void> {
    if (!this.schemaReady) {
      const attempt = this.migrateNow();
      this.schemaReady = attempt;
      attempt.catch(() => {
        if (this.schemaReady === attempt) this.schemaReady = undefined;
      });
    }
    return this.schemaReady;
  }

  /** Runs one statement once the schema is current; connection trouble becomes StorageUnavailableError. */
  async query<R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.ready();
    try {
      return await this.pool.query<R>(text, [...values]);
    } catch (error) {
      throw translate(error);
    }
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it
   * resolves, rolled back when it throws. Connection trouble becomes
   * StorageUnavailableError, as for query.
   */
  async transaction<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    await this.ready();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translate(error);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A connection that failed mid-transaction is not reused.
      client.release(isUnreachable(error) ? (error as Error) : undefined);
      throw translate(error);
    }
  }

  private async migrateNow(): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      await applyMigrations(client);
      client.release();
      this.failing = false;
    } catch (error) {
      // A client whose transaction failed half-way is not reused.
      client?.release(error instanceof Error ? error : true);
      const reachable = !isUnreachable(error);
      if (!this.failing) {
        if (reachable) this.logger?.error({ err: error }, 'PostgreSQL migrations failed; retrying on next use');
        else this.logger?.warn({ err: error }, 'PostgreSQL is unreachable; retrying on next use');
      }
      this.failing = true;
      // Even a broken migration leaves storage unusable rather than the request wrong: 503, and the log says why.
      throw unavailable(error, reachable ? 'PostgreSQL schema could not be migrated' : undefined);
    }
  }
}
