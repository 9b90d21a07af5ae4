import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import {
  openPostgresStorage,
  type PostgresStorageOptions,
} from '../../../../src/adapters/persistence/postgres/postgres.storage.js';

export const DATABASE_URL = process.env.DATABASE_URL;

/** Call first in a `before` hook: the suite skips, saying why, without a database. */
export function skipWithoutDatabase(context: Mocha.Context, suite: string): asserts context {
  if (!DATABASE_URL) {
    console.log(`      ${suite}: skipped, DATABASE_URL is not set`);
    context.skip();
  }
}

/**
 * A schema of its own for one test run, so that runs (and suites) never see
 * each other's tables. `url` selects it through `search_path`.
 */
export interface TestSchema {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestSchema(): Promise<TestSchema> {
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE SCHEMA ${name}`));
  const url = new URL(DATABASE_URL);
  // Durability is no concern of a test; synchronous_commit=off keeps the suites quick.
  url.searchParams.set('options', `-c search_path=${name} -c synchronous_commit=off`);
  // application_name lets a test find (and terminate) its own server processes, never another run's.
  url.searchParams.set('application_name', name);
  return {
    name,
    url: url.toString(),
    drop: () => admin((client) => client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`)).then(() => undefined),
  };
}

/** Runs statements in the test schema from outside the adapter, e.g. to hold a lock or corrupt a row. */
export async function connectTo(schema: TestSchema): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: schema.url, connectionTimeoutMillis: 3000 });
  await client.connect();
  return client;
}

/** DELETE rather than TRUNCATE: on tables this small it is many times faster. */
export const EMPTY_TABLES = [
  'DELETE FROM profile; DELETE FROM projects; DELETE FROM skills; DELETE FROM experience; DELETE FROM messages',
  'DELETE FROM webhooks; DELETE FROM outbox_events; DELETE FROM deliveries',
].join('; ');

export interface PostgresFixture {
  readonly schema: TestSchema;
  readonly storage: Storage;
  /** A connection of the test's own to the same schema, for arranging what the adapter cannot. */
  readonly sql: pg.Client;
}

/**
 * Registers hooks that give the suite storage in a fresh schema, emptied
 * before each test and dropped after the suite; the suite skips without a
 * database.
 */
export function usePostgresStorage(
  suite: string,
  options: Omit<PostgresStorageOptions, 'databaseUrl'> = {},
): PostgresFixture {
  const fixture: Partial<{ -readonly [K in keyof PostgresFixture]: PostgresFixture[K] }> = {};
  before(async function () {
    skipWithoutDatabase(this, suite);
    fixture.schema = await createTestSchema();
    fixture.storage = await openPostgresStorage({ databaseUrl: fixture.schema.url, ...options });
    fixture.sql = await connectTo(fixture.schema);
  });
  beforeEach(async () => {
    await fixture.sql!.query(EMPTY_TABLES);
  });
  after(async () => {
    await fixture.sql?.end();
    await fixture.storage?.close();
    await fixture.schema?.drop();
  });
  return fixture as PostgresFixture;
}
