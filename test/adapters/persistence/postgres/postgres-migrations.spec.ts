import { expect } from 'chai';
import pg from 'pg';
import { MIGRATIONS } from '../../../../src/adapters/persistence/postgres/migrations/index.js';
import { applyMigrations, migrate } from '../../../../src/adapters/persistence/postgres/postgres-migrations.js';
import { connectTo, createTestSchema, skipWithoutDatabase, type TestSchema } from './postgres-test-schema.js';

/** What a migration can change, in a form two runs can be compared by. */
const CATALOG = `
SELECT c.relname, c.relkind, pg_get_indexdef(i.indexrelid) AS indexdef
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index i ON i.indexrelid = c.oid
WHERE n.nspname = current_schema() ORDER BY c.relname`;

describe('PostgreSQL migrations', function () {
  let schema: TestSchema;
  let sql: pg.Client;

  before(function () {
    skipWithoutDatabase(this, 'PostgreSQL migrations');
  });
  beforeEach(async function () {
    schema = await createTestSchema();
    sql = await connectTo(schema);
  });
  afterEach(async function () {
    await sql?.end();
    await schema?.drop();
  });

  const ledger = async () =>
    (await sql.query('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version')).rows;

  it('when run on an empty schema, then applies every migration in order and records each', async function () {
    const applied = await migrate(schema.url);
    expect(applied).to.deep.equal(['0001-text-collations', '0002-content', '0003-messages', '0004-events']);
    expect((await ledger()).map((row) => [row.version, row.name])).to.deep.equal(
      MIGRATIONS.map((m) => [m.version, m.name]),
    );
  });

  it('when run again, then applies nothing and changes nothing', async function () {
    await migrate(schema.url);
    const [catalog, recorded] = [(await sql.query(CATALOG)).rows, await ledger()];
    expect(await migrate(schema.url)).to.deep.equal([]);
    expect((await sql.query(CATALOG)).rows).to.deep.equal(catalog);
    expect(await ledger()).to.deep.equal(recorded);
  });

  it('when several instances migrate at once, then exactly one applies each migration and none fails', async function () {
    const results = await Promise.all([migrate(schema.url), migrate(schema.url), migrate(schema.url)]);
    expect(results.flat().sort()).to.deep.equal([
      '0001-text-collations',
      '0002-content',
      '0003-messages',
      '0004-events',
    ]);
    expect(await ledger()).to.have.length(MIGRATIONS.length);
  });

  it('when a migration fails, then none of the pending ones is applied', async function () {
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE oops (' }];
    let failure: unknown;
    try {
      await applyMigrations(sql, broken);
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(pg.DatabaseError);
    expect((await sql.query(`SELECT to_regclass('schema_migrations') AS ledger`)).rows).to.deep.equal([
      { ledger: null },
    ]);
  });

  it('when an applied migration has been edited since, then refuses to run', async function () {
    await migrate(schema.url);
    const edited = MIGRATIONS.map((m) => (m.version === 2 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    let failure: unknown;
    try {
      await applyMigrations(sql, edited);
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.match(/Migration 2 \(content\) was changed after it was applied/);
  });

  it('when a newer migration is added, then only that one is applied', async function () {
    await migrate(schema.url);
    const next = [...MIGRATIONS, { version: 5, name: 'next', sql: 'CREATE TABLE next_one (id int)' }];
    expect(await applyMigrations(sql, next)).to.deep.equal(['0005-next']);
    expect(await applyMigrations(sql, next)).to.deep.equal([]);
  });
});
