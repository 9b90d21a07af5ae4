import type pg from 'pg';
import { openPostgresStorage } from '../../../../src/adapters/persistence/postgres/postgres.storage.js';
import { describeStorageContract } from '../contract/storage.contract.js';
import {
  EMPTY_TABLES,
  connectTo,
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from './postgres-test-schema.js';

/**
 * The contract wants a fresh, empty storage per test. One schema for the
 * run, emptied on every open, gives that without migrating a new schema a
 * hundred times; the schema is dropped after the suite.
 */
describe('PostgreSQL storage', function () {
  let schema: TestSchema | undefined;
  let sql: pg.Client | undefined;

  before(async function () {
    skipWithoutDatabase(this, 'PostgreSQL storage contract');
    schema = await createTestSchema();
    await (await openPostgresStorage({ databaseUrl: schema.url })).close();
    sql = await connectTo(schema);
  });
  after(async function () {
    await sql?.end();
    await schema?.drop();
  });

  describeStorageContract(
    'postgres',
    async () => {
      await sql!.query(EMPTY_TABLES);
      return openPostgresStorage({ databaseUrl: schema!.url });
    },
    (storage) => storage.close(),
  );
});
