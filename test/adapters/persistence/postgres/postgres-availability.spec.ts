import { once } from 'node:events';
import net from 'node:net';
import { expect } from 'chai';
import sinon from 'sinon';
import { openPostgresStorage } from '../../../../src/adapters/persistence/postgres/postgres.storage.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import { StorageUnavailableError } from '../../../../src/domain/shared/errors.js';
import { aMessage, aProfile, aProject, aSkill, anExperience } from '../../../support/builders.js';
import {
  DATABASE_URL,
  connectTo,
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from './postgres-test-schema.js';

/** Every repository method and ping, each expected to give up with StorageUnavailableError. */
const CALLS: Record<string, (storage: Storage) => Promise<unknown>> = {
  ping: (s) => s.ping(),
  'profiles.get': (s) => s.profiles.get(),
  'profiles.save': (s) => s.profiles.save(aProfile(), null),
  'projects.list': (s) => s.projects.list({ status: 'all', tags: [], sort: 'title', offset: 0 }),
  'projects.findBySlug': (s) => s.projects.findBySlug('x'),
  'projects.create': (s) => s.projects.create(aProject()),
  'projects.update': (s) => s.projects.update(aProject(), 1),
  'projects.delete': (s) => s.projects.delete('p-1', 1),
  'projects.tagCounts': (s) => s.projects.tagCounts(),
  'skills.listAll': (s) => s.skills.listAll(),
  'skills.findById': (s) => s.skills.findById('s-1'),
  'skills.create': (s) => s.skills.create(aSkill()),
  'skills.update': (s) => s.skills.update(aSkill(), 1),
  'skills.delete': (s) => s.skills.delete('s-1', 1),
  'experience.listAll': (s) => s.experience.listAll(),
  'experience.findById': (s) => s.experience.findById('e-1'),
  'experience.create': (s) => s.experience.create(anExperience()),
  'experience.update': (s) => s.experience.update(anExperience(), 1),
  'experience.delete': (s) => s.experience.delete('e-1', 1),
  'messages.list': (s) => s.messages.list({ offset: 0, limit: 10 }),
  'messages.findById': (s) => s.messages.findById('m-1'),
  'messages.create': (s) => s.messages.create(aMessage()),
  'messages.update': (s) => s.messages.update(aMessage(), 1),
  'messages.delete': (s) => s.messages.delete('m-1', 1),
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
  expect(await rejection(promise)).to.be.instanceOf(StorageUnavailableError);
}

const quietLogger = () => ({ warn: sinon.spy(), error: sinon.spy() });

/** A port with nothing listening on it: found free, then closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe('PostgreSQL storage when the database cannot be reached', function () {
  describe('when nothing listens on the port', function () {
    let storage: Storage;
    const logger = quietLogger();

    before(async function () {
      storage = await openPostgresStorage({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', logger });
    });
    after(() => storage.close());

    it('opens anyway, and logs one warning', function () {
      expect(logger.warn.callCount).to.equal(1);
      expect(logger.error.callCount).to.equal(0);
    });

    for (const [name, call] of Object.entries(CALLS)) {
      it(`then ${name} rejects with StorageUnavailableError`, async function () {
        await expectUnavailable(call(storage));
      });
    }

    it('then repeated failures during the outage log nothing more', async function () {
      await expectUnavailable(storage.ping());
      expect(logger.warn.callCount).to.equal(1);
    });
  });

  describe('when the server accepts connections but never answers', function () {
    let server: net.Server;
    const sockets = new Set<net.Socket>();
    let url: string;

    before(async function () {
      server = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      url = `postgres://postgres@127.0.0.1:${(server.address() as net.AddressInfo).port}/test`;
    });
    after(async function () {
      for (const socket of sockets) socket.destroy();
      server.close();
    });

    it('then opening, ping and a read each give up after the connect timeout', async function () {
      // Without the connect timeout they would wait forever: the test's own timeout is the check.
      this.timeout(2000);
      const storage = await openPostgresStorage({ databaseUrl: url, connectTimeoutMs: 50, logger: quietLogger() });
      try {
        await expectUnavailable(storage.ping());
        await expectUnavailable(storage.projects.findBySlug('x'));
      } finally {
        await storage.close();
      }
    });
  });

  describe('when the database comes back after start-up', function () {
    let schema: TestSchema;
    let proxy: net.Server | undefined;

    before(async function () {
      skipWithoutDatabase(this, 'PostgreSQL recovery');
      schema = await createTestSchema();
    });
    after(async function () {
      proxy?.close();
      await schema?.drop();
    });

    it('then it answers 503 meanwhile, and migrates and serves once the database is reachable', async function () {
      const port = await closedPort();
      const target = new URL(DATABASE_URL!);
      const url = new URL(schema.url);
      url.host = `127.0.0.1:${port}`;
      const storage = await openPostgresStorage({ databaseUrl: url.toString(), logger: quietLogger() });
      try {
        await expectUnavailable(storage.ping());
        await expectUnavailable(storage.projects.create(aProject()));

        // The database "comes back": a plain TCP relay to the real server appears on the port.
        proxy = net.createServer((client) => {
          const upstream = net.connect(Number(target.port || 5432), target.hostname);
          client.pipe(upstream).pipe(client);
          client.on('error', () => upstream.destroy());
          upstream.on('error', () => client.destroy());
        });
        proxy.listen(port, '127.0.0.1');
        await once(proxy, 'listening');

        await storage.ping();
        await storage.projects.create(aProject());
        expect(await storage.projects.findBySlug('sample-project')).to.deep.equal(aProject());
      } finally {
        await storage.close();
      }
    });
  });

  describe('when the database is slow or drops connections', function () {
    let schema: TestSchema;
    let storage: Storage;
    const logger = quietLogger();

    before(async function () {
      skipWithoutDatabase(this, 'PostgreSQL timeouts');
      schema = await createTestSchema();
      storage = await openPostgresStorage({ databaseUrl: schema.url, statementTimeoutMs: 200, logger });
    });
    after(async function () {
      await storage?.close();
      await schema?.drop();
    });

    it('then a statement blocked past the statement timeout rejects with StorageUnavailableError', async function () {
      // Without the statement timeout the read would wait for the lock forever: the test's own timeout is the check.
      this.timeout(3000);
      const locker = await connectTo(schema);
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE projects IN ACCESS EXCLUSIVE MODE');
        await expectUnavailable(storage.projects.findBySlug('x'));
      } finally {
        await locker.end();
      }
    });

    it('then a statement whose server process is terminated rejects with StorageUnavailableError', async function () {
      const patient = await openPostgresStorage({ databaseUrl: schema.url, statementTimeoutMs: 5000 });
      const admin = await connectTo(schema);
      try {
        await admin.query('BEGIN');
        await admin.query('LOCK TABLE skills IN ACCESS EXCLUSIVE MODE');
        const pending = rejection(patient.skills.listAll());
        await waitFor(
          async () =>
            (
              await admin.query(
                `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name = $1 AND wait_event_type = 'Lock'`,
                [schema.name],
              )
            ).rowCount === 1,
        );
        expect(await pending).to.be.instanceOf(StorageUnavailableError);
        await admin.query('ROLLBACK');
        expect(await patient.skills.listAll()).to.deep.equal([]);
      } finally {
        await admin.end();
        await patient.close();
      }
    });

    it('then idle connections killed by the server are logged, not fatal, and replaced', async function () {
      await storage.ping();
      logger.warn.resetHistory();
      const admin = await connectTo(schema);
      try {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE application_name = $1 AND pid <> pg_backend_pid()`,
          [schema.name],
        );
      } finally {
        await admin.end();
      }
      await waitFor(async () => logger.warn.called);
      await storage.ping();
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
