import { expect } from 'chai';
import type pg from 'pg';
import { PostgresDatabase } from '../../../../src/adapters/persistence/postgres/postgres-database.js';
import { PostgresOutbox } from '../../../../src/adapters/persistence/postgres/postgres-outbox.js';
import { PostgresWebhookRepository } from '../../../../src/adapters/persistence/postgres/postgres-webhook.repository.js';
import { aContentChangedEvent, aDelivery } from '../../../support/builders.js';
import { describeOutboxContract } from '../contract/outbox.contract.js';
import { describeWebhookRepositoryContract } from '../contract/webhook.contract.js';
import {
  createTestSchema,
  connectTo,
  EMPTY_TABLES,
  skipWithoutDatabase,
  type TestSchema,
} from './postgres-test-schema.js';
import pgModule from 'pg';

/** One schema for the suite, emptied for each test; a pool per test, ended with it. */
describe('PostgreSQL events storage', function () {
  let schema: TestSchema | undefined;
  let sql: pg.Client | undefined;

  before(async function () {
    skipWithoutDatabase(this, 'PostgreSQL outbox and webhook contracts');
    schema = await createTestSchema();
    sql = await connectTo(schema);
  });
  after(async () => {
    await sql?.end();
    await schema?.drop();
  });

  async function openDatabase(): Promise<{ db: PostgresDatabase; pool: pg.Pool }> {
    const pool = new pgModule.Pool({ connectionString: schema!.url, max: 4 });
    const db = new PostgresDatabase(pool);
    await db.ready();
    await sql!.query(EMPTY_TABLES);
    return { db, pool };
  }

  describeOutboxContract('postgres', async () => {
    const { db, pool } = await openDatabase();
    return { outbox: new PostgresOutbox(db), close: () => pool.end() };
  });

  describeWebhookRepositoryContract('postgres', async () => {
    const { db, pool } = await openDatabase();
    return { webhooks: new PostgresWebhookRepository(db), close: () => pool.end() };
  });

  describe('PostgresOutbox beyond the contract', () => {
    let pool: pg.Pool;
    let outbox: PostgresOutbox;
    let db: PostgresDatabase;
    beforeEach(async () => {
      ({ db, pool } = await openDatabase());
      outbox = new PostgresOutbox(db);
    });
    afterEach(() => pool.end());

    it('when two outboxes (two instances) claim many due deliveries at once, then each is claimed by exactly one', async () => {
      const other = await openDatabase().then(({ db: second, pool: secondPool }) => ({
        outbox: new PostgresOutbox(second),
        pool: secondPool,
      }));
      try {
        for (let i = 0; i < 40; i++) await outbox.enqueue(aDelivery({ id: `d-${String(i).padStart(2, '0')}` }));
        const now = new Date('2030-01-01T00:00:00.000Z');
        const request = { now, limit: 5, leaseMs: 60_000, webhookIds: ['w-1'], email: false };
        const rounds = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? outbox : other.outbox).claimDue(request)),
        );
        const claimed = rounds.flat().map((claim) => claim.delivery.id);
        expect(claimed).to.have.length(40);
        expect(new Set(claimed).size).to.equal(40);
      } finally {
        await other.pool.end();
      }
    });

    it('when a fan-out runs in another instance, then this one skips rather than waits, and fans out later', async () => {
      await outbox.record([aContentChangedEvent({ id: 'ev-1' })]);
      const holder = await pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT pg_advisory_xact_lock(hashtext('portfolio-api:fan-out:' || current_schema()))`);
        const request = {
          subscribers: [
            {
              id: 'w-1',
              events: ['content.changed' as const],
              debounceSeconds: 0,
              createdAt: '2025-01-01T00:00:00.000Z',
            },
          ],
          email: false,
          newId: () => 'd-1',
          now: new Date('2030-01-01T00:00:00.000Z'),
          limit: 10,
        };
        expect(await outbox.fanOut(request)).to.equal(0);
        await holder.query('COMMIT');
        expect(await outbox.fanOut(request)).to.equal(1);
      } finally {
        holder.release();
      }
    });
  });
});
