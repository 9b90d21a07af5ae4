import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from '../adapters/persistence/postgres/postgres-test-schema.js';
import { startService, type ServiceProcess } from '../support/process.js';
import { makeTestDir } from '../support/temp-dir.js';
import { verified, WebhookReceiver } from '../support/webhook-receiver.js';

const ADMIN_TOKEN = 'events-admin-token-that-is-long-enough-0123456789';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

/** The environment every service here runs with: receivers are on loopback, retries come quickly. */
const BASE_ENV = {
  ADMIN_TOKEN,
  WEBHOOK_ALLOW_PRIVATE: 'true',
  DELIVERY_RETRY_SCHEDULE: '1s,1s,1s',
  CONTACT_RATE_LIMIT: '1000',
};

async function call(service: ServiceProcess, method: string, path: string, body?: unknown) {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: admin,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, data: text ? (JSON.parse(text) as { data: any }).data : undefined };
}

async function subscribe(service: ServiceProcess, body: Record<string, unknown>) {
  const { status, data } = await call(service, 'POST', '/api/v1/webhooks', body);
  expect(status).to.equal(201);
  return data as { id: string; secret: string };
}

/** Polls until `check` holds, failing after `timeoutMs`. */
async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stop(service: ServiceProcess | undefined, signal: NodeJS.Signals = 'SIGKILL') {
  if (!service || service.child.exitCode !== null) return;
  service.child.kill(signal);
  await service.exit();
}

/**
 * Writes whose events cannot have been delivered when the service is killed:
 * content changes go to a webhook that debounces them for 2 s (the kill comes
 * well inside the window), contact messages to a receiver that refuses them
 * (503) until the restart; the kill waits until each message's first attempt
 * is recorded, so that no claim is in flight. Then `kill -9`, a restart on the
 * same storage, and every event must arrive.
 */
async function crashAndRestart(start: () => Promise<ServiceProcess>, storageName: string) {
  const receiver = await WebhookReceiver.start();
  try {
    receiver.answer('/contact', 503);
    const first = await start();
    const changes = await subscribe(first, {
      url: receiver.url('/changes'),
      events: ['content.changed'],
      debounceSeconds: 2,
    });
    const contacts = await subscribe(first, { url: receiver.url('/contact'), events: ['contact.received'] });
    const N = 20;
    const acknowledged = await Promise.all([
      ...Array.from({ length: N }, (_, i) =>
        call(first, 'POST', '/api/v1/skills', { name: `Crash skill ${i}`, category: 'Crash', level: 3 }),
      ),
      ...Array.from({ length: N }, (_, i) =>
        call(first, 'POST', '/api/v1/contact', {
          name: `Sender ${i}`,
          email: 'sender@example.com',
          message: `Message number ${i} before the crash.`,
        }),
      ),
    ]);
    expect(acknowledged.map((r) => r.status)).to.deep.equal([...Array(N).fill(201), ...Array(N).fill(202)]);
    const skillIds = acknowledged.slice(0, N).map((r) => r.data.id as string);
    const messageIds = acknowledged.slice(N).map((r) => r.data.id as string);
    await until(async () => {
      const { data } = await call(first, 'GET', `/api/v1/webhooks/${contacts.id}/deliveries?limit=100`);
      return data.length === N && data.every((d: { attempts: number }) => d.attempts === 1);
    }, 'the first attempt of every message');
    const beforeKill = {
      changes: receiver.requests('/changes').length,
      contacts: receiver.requests('/contact').length,
    };
    first.child.kill('SIGKILL');
    await first.exit();

    receiver.answer('/contact', 200);
    const second = await start();
    try {
      const listedChanges = () =>
        receiver
          .requests('/changes')
          .flatMap((request) => verified(changes.secret, request).data.changes as { id: string }[]);
      const deliveredMessages = () =>
        new Set(
          receiver
            .requests('/contact')
            .slice(beforeKill.contacts)
            .map((request) => verified(contacts.secret, request).data.id as string),
        );
      await until(
        () => new Set(listedChanges().map((c) => c.id)).size === N && deliveredMessages().size === N,
        'every event after the restart',
      );
      expect(new Set(listedChanges().map((c) => c.id))).to.deep.equal(new Set(skillIds));
      expect(deliveredMessages()).to.deep.equal(new Set(messageIds));
      const duplicates = receiver.requests('/contact').length - beforeKill.contacts - N;
      console.log(
        `      kill -9 (${storageName}): ${N} skills (201) and ${N} messages (202) acknowledged; before the kill ` +
          `${beforeKill.changes} change deliveries and ${beforeKill.contacts} message attempts (all refused); after the ` +
          `restart ${listedChanges().length} changes in ${receiver.requests('/changes').length} delivery(ies) and ` +
          `${deliveredMessages().size} messages delivered, ${duplicates} duplicate(s)`,
      );
      expect(beforeKill.changes).to.equal(0);
      expect(receiver.requests('/changes')).to.have.length(1);
      expect(listedChanges()).to.have.length(N);
    } finally {
      await stop(second);
    }
  } finally {
    await receiver.close();
  }
}

describe('event delivery with the service as a process', function () {
  this.timeout(40_000);

  describe('file storage', () => {
    let dir: string;
    let dataFile: string;
    const running: ServiceProcess[] = [];
    beforeEach(async () => {
      dir = await makeTestDir('portfolio-events-');
      dataFile = join(dir, 'portfolio.json');
    });
    afterEach(async () => {
      for (const service of running.splice(0)) await stop(service);
      await rm(dir, { recursive: true, force: true });
    });
    const start = async (env: Record<string, string> = {}) => {
      const service = await startService({ ...BASE_ENV, DATA_FILE: dataFile, ...env });
      running.push(service);
      return service;
    };

    it('when killed with SIGKILL after writes were acknowledged and before their events were delivered, then a restart delivers every event', async () => {
      await crashAndRestart(() => start(), 'file');
    });

    it('when stopped with SIGTERM while an attempt is in flight, then the attempt finishes and is recorded before it exits, and no secret reaches the log', async () => {
      const receiver = await WebhookReceiver.start({ delayMs: 1500 });
      try {
        const first = await start({ LOG_LEVEL: 'debug' });
        const { id, secret } = await subscribe(first, { url: receiver.url('/ok'), events: ['content.changed'] });
        await call(first, 'POST', '/api/v1/skills', { name: 'In flight', category: 'Shutdown', level: 3 });
        await receiver.waitFor(1);
        const stoppedAt = Date.now();
        first.child.kill('SIGTERM');
        expect(await first.exit()).to.equal(0);
        expect(Date.now() - stoppedAt).to.be.below(10_000);
        expect(first.output()).not.to.include(secret);

        const second = await start();
        const { data } = await call(second, 'GET', `/api/v1/webhooks/${id}/deliveries`);
        expect(data.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).to.deep.equal([
          ['delivered', 1],
        ]);
        expect(receiver.received).to.have.length(1);
      } finally {
        await receiver.close();
      }
    });

    it('when WEBHOOK_ALLOW_PRIVATE is not set, then URLs on loopback, private and link-local addresses, or names resolving to them, are refused', async () => {
      const service = await start({ WEBHOOK_ALLOW_PRIVATE: 'false' });
      const refused = [
        'https://127.0.0.1/hook',
        'https://10.0.0.1/hook',
        'https://[::1]/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://localhost/hook',
        'http://203.0.113.10/hook',
      ];
      for (const url of refused) {
        const { status } = await call(service, 'POST', '/api/v1/webhooks', { url, events: ['content.changed'] });
        expect(status, url).to.equal(400);
      }
      const { data } = await call(service, 'GET', '/api/v1/webhooks');
      expect(data).to.deep.equal([]);
    });
  });

  describe('PostgreSQL storage', () => {
    let schema: TestSchema | undefined;
    const running: ServiceProcess[] = [];
    before(async function () {
      skipWithoutDatabase(this, 'event delivery on PostgreSQL');
      schema = await createTestSchema();
    });
    after(async () => {
      for (const service of running.splice(0)) await stop(service);
      await schema?.drop();
    });
    afterEach(async () => {
      for (const service of running.splice(0)) await stop(service);
    });
    const start = async () => {
      const service = await startService({ ...BASE_ENV, STORAGE: 'postgres', DATABASE_URL: schema!.url });
      running.push(service);
      return service;
    };

    it('when killed with SIGKILL after writes were acknowledged and before their events were delivered, then a restart delivers every event', async () => {
      await crashAndRestart(start, 'postgres');
    });

    it('when two instances share the database, then each event reaches the receiver once, never twice in parallel', async () => {
      const receiver = await WebhookReceiver.start({ delayMs: 30 });
      try {
        const [a, b] = await Promise.all([start(), start()]);
        const { id, secret } = await subscribe(a, { url: receiver.url('/ok'), events: ['content.changed'] });
        const M = 60;
        for (let round = 0; round < M / 6; round++) {
          const writes = Array.from({ length: 6 }, (_, i) => {
            const n = round * 6 + i;
            return call(n % 2 === 0 ? a : b, 'POST', '/api/v1/skills', {
              name: `Shared ${n}`,
              category: 'Instances',
              level: 3,
            });
          });
          expect((await Promise.all(writes)).map((r) => r.status)).to.deep.equal(Array(6).fill(201));
        }
        await until(async () => {
          const { data } = await call(b, 'GET', `/api/v1/webhooks/${id}/deliveries?status=delivered&limit=100`);
          return data.length === M;
        }, 'every delivery to be delivered');
        const ids = receiver.received.map((request) => String(request.headers['webhook-id']));
        for (const request of receiver.received) verified(secret, request);
        console.log(
          `      two instances: ${M} events written through both; the receiver got ${receiver.received.length} ` +
            `requests for ${new Set(ids).size} distinct webhook-ids, at most ${receiver.maxInFlightPerId} in flight per id`,
        );
        expect(receiver.received).to.have.length(M);
        expect(new Set(ids).size).to.equal(M);
        expect(receiver.maxInFlightPerId).to.equal(1);
      } finally {
        await receiver.close();
      }
    });
  });
});
