import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import {
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from '../adapters/persistence/postgres/postgres-test-schema.js';
import { startService, type ServiceProcess } from '../support/process.js';

const ADMIN_TOKEN = 'instances-admin-token-that-is-long-enough-0123456789';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

describe('two instances behind one PostgreSQL and one Redis', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let a: ServiceProcess;
  let b: ServiceProcess;

  before(async function () {
    skipWithoutDatabase(this, 'several instances');
    if (!process.env.REDIS_URL) {
      console.log('      several instances: skipped, REDIS_URL is not set');
      this.skip();
    }
    schema = await createTestSchema();
    const env = {
      STORAGE: 'postgres',
      DATABASE_URL: schema.url,
      REDIS_URL: process.env.REDIS_URL,
      ADMIN_TOKEN,
      // Each run is its own client address, so runs sharing one Redis never share a count.
      TRUST_PROXY: 'true',
    };
    [a, b] = await Promise.all([startService(env), startService(env)]);
  });

  after(async () => {
    for (const service of [a, b]) service?.child.kill('SIGTERM');
    await Promise.all([a?.exit(), b?.exit()]);
    await schema?.drop();
  });

  it('when a project is written through one, then it is read through the other', async () => {
    const created = await fetch(`${a.url}/api/v1/projects`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        title: 'Shared state',
        summary: 'Written on A',
        startedAt: '2026-01-01',
        status: 'published',
      }),
    });
    expect(created.status).to.equal(201);

    const read = await fetch(`${b.url}/api/v1/projects/shared-state`);
    expect(read.status).to.equal(200);
    expect(((await read.json()) as { data: { summary: string } }).data.summary).to.equal('Written on A');
    expect(created.headers.get('etag')).to.match(/^"[^"]+"$/);
    expect(read.headers.get('etag')).to.equal(created.headers.get('etag'));
  });

  it('when both PATCH with the same If-Match at once, then exactly one succeeds and the other gets 412', async () => {
    const created = await fetch(`${a.url}/api/v1/projects`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ title: 'Raced', summary: 'Before', startedAt: '2026-01-01' }),
    });
    const etag = created.headers.get('etag')!;

    const patch = (service: ServiceProcess, summary: string) =>
      fetch(`${service.url}/api/v1/projects/raced`, {
        method: 'PATCH',
        headers: { ...admin, 'If-Match': etag },
        body: JSON.stringify({ summary }),
      });
    const statuses = (await Promise.all([patch(a, 'From A'), patch(b, 'From B')])).map((r) => r.status).sort();

    expect(statuses).to.deep.equal([200, 412]);
  });

  it('when a client sends six messages in the window, then the sixth is refused whichever instance gets it', async () => {
    // A documentation-range IPv6 network with 32 random bits (the limit counts IPv6 clients by
    // their /64): no other run shares it.
    const client = `2001:db8:${randomBytes(4).toString('hex').match(/.{4}/g)!.join(':')}::1`;
    const send = (service: ServiceProcess) =>
      fetch(`${service.url}/api/v1/contact`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
        body: JSON.stringify({ name: 'Grace', email: 'grace@example.com', message: 'Hello from a shared limit.' }),
      });
    const statuses: number[] = [];
    for (const service of [a, b, a, b, a]) statuses.push((await send(service)).status);
    expect(statuses).to.deep.equal([202, 202, 202, 202, 202]);

    const sixthOnB = await send(b);
    const seventhOnA = await send(a);
    expect([sixthOnB.status, seventhOnA.status]).to.deep.equal([429, 429]);
    // The default 600 s window opened with the first of these requests, a few seconds at most ago.
    expect(Number(sixthOnB.headers.get('retry-after'))).to.be.within(590, 600);
  });
});
