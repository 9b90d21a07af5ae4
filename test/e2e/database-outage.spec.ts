import { expect } from 'chai';
import {
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from '../adapters/persistence/postgres/postgres-test-schema.js';
import { startService, type ServiceProcess } from '../support/process.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const ADMIN_TOKEN = 'outage-admin-token-that-is-long-enough-0123456789';

/** Polls until `check` passes or the bounded number of attempts runs out. */
async function eventually(check: () => Promise<void>, attempts = 60, intervalMs = 100): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await check();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

describe('PostgreSQL going away and coming back (service as a process)', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let proxy: TcpProxy;
  let service: ServiceProcess;

  before(async function () {
    skipWithoutDatabase(this, 'database outage end to end');
    schema = await createTestSchema();
    const real = new URL(schema.url);
    proxy = await TcpProxy.start({ host: real.hostname, port: Number(real.port || 5432) });
    const viaProxy = new URL(schema.url);
    viaProxy.port = String(proxy.port);
    service = await startService({
      STORAGE: 'postgres',
      DATABASE_URL: viaProxy.toString(),
      SEED_SAMPLE_DATA: 'true',
      ADMIN_TOKEN,
    });
  });

  after(async () => {
    service?.child.kill('SIGTERM');
    await service?.exit();
    await proxy?.cut();
    await schema?.drop();
  });

  it('when the database stops, then reads, writes and /ready answer 503 problems (not hangs or 500s); when it is back, the service recovers by itself', async () => {
    const projects = `${service.url}/api/v1/projects`;
    expect((await fetch(projects)).status).to.equal(200);
    expect((await fetch(`${service.url}/ready`)).status).to.equal(200);

    await proxy.cut();

    // A hang would run into the test's timeout: the pool's connection timeout must answer first.
    const read = await fetch(projects);
    expect(read.status).to.equal(503);
    expect(read.headers.get('content-type')).to.equal('application/problem+json; charset=utf-8');
    const problem = (await read.json()) as Record<string, unknown>;
    expect(problem).to.include({ type: '/problems/service-unavailable', status: 503 });
    expect(JSON.stringify(problem)).not.to.match(/ECONNREFUSED|SELECT|at .*\.ts/);
    const write = await fetch(projects, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'During the outage', summary: 'Should not be stored', startedAt: '2026-01-01' }),
    });
    expect(write.status).to.equal(503);
    expect((await fetch(`${service.url}/ready`)).status).to.equal(503);
    expect((await fetch(`${service.url}/health`)).status).to.equal(200);

    await proxy.open();

    await eventually(async () => {
      expect((await fetch(`${service.url}/ready`)).status).to.equal(200);
    });
    const after = await fetch(projects);
    expect(after.status).to.equal(200);
    expect(((await after.json()) as { meta: { total: number } }).meta.total).to.equal(6);
  });
});
