import { expect } from 'chai';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runService, startService, type ServiceProcess } from '../support/process.js';
import { makeTestDir } from '../support/temp-dir.js';

const ADMIN_TOKEN = 'restart-admin-token-that-is-long-enough-0123456789';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

describe('file storage across restarts and kills (service as a process)', function () {
  this.timeout(30_000);
  let dir: string;
  let dataFile: string;
  let service: ServiceProcess | undefined;

  beforeEach(async () => {
    dir = await makeTestDir('portfolio-restart-');
    dataFile = join(dir, 'portfolio.json');
  });

  afterEach(async () => {
    service?.child.kill('SIGKILL');
    await service?.exit();
    service = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const start = async () =>
    (service = await startService({ DATA_FILE: dataFile, ADMIN_TOKEN, CONTACT_RATE_LIMIT: '1000' }));

  it('when started on a missing file, then it creates it with the sample portfolio, and writes survive a restart', async () => {
    const first = await start();
    expect(JSON.parse(await readFile(dataFile, 'utf8')).projects).to.have.length(8);
    const created = await fetch(`${first.url}/api/v1/projects`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        title: 'Survives restarts',
        summary: 'Kept on disk',
        startedAt: '2026-01-01',
        status: 'published',
      }),
    });
    expect(created.status).to.equal(201);
    first.child.kill('SIGTERM');
    expect(await first.exit()).to.equal(0);

    const second = await start();
    const read = await fetch(`${second.url}/api/v1/projects/survives-restarts`);
    expect(read.status).to.equal(200);
    expect(created.headers.get('etag')).to.match(/^"[^"]+"$/);
    expect(read.headers.get('etag')).to.equal(created.headers.get('etag'));
  });

  it('when killed with SIGKILL during a burst of writes, then every acknowledged write is there after a restart', async () => {
    const first = await start();
    const acknowledged: string[] = [];
    const burst = Array.from({ length: 40 }, async (_, i) => {
      try {
        const res = await fetch(`${first.url}/api/v1/contact`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            name: `Sender ${i}`,
            email: 'sender@example.com',
            message: `Message number ${i} of the burst.`,
          }),
        });
        if (res.status !== 202) return;
        acknowledged.push(((await res.json()) as { data: { id: string } }).data.id);
        // Kill once some writes are acknowledged and others are still in flight.
        if (acknowledged.length === 5) first.child.kill('SIGKILL');
      } catch {
        // The connection died with the process: this message was never acknowledged.
      }
    });
    const edits = Array.from({ length: 10 }, async (_, i) => {
      await fetch(`${first.url}/api/v1/skills`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ name: `Skill ${i}`, category: 'Burst', level: 3 }),
      }).catch(() => undefined);
    });
    await Promise.all([...burst, ...edits]);
    await first.exit();

    // The dead process's lock is taken over; the document must still load and validate.
    const second = await start();
    const inbox = await fetch(`${second.url}/api/v1/messages?limit=100`, { headers: admin });
    expect(inbox.status).to.equal(200);
    const stored = ((await inbox.json()) as { data: { id: string }[] }).data.map((m) => m.id);
    expect(acknowledged.length).to.be.at.least(5);
    expect(stored).to.include.members(acknowledged);
    expect((await fetch(`${second.url}/api/v1/skills`)).status).to.equal(200);
  });
});

/** A new PID namespace per start, as a container gets: node is PID 1 in each. unshare dies with its child. */
const CONTAINER = ['unshare', '--pid', '--fork', '--kill-child', '--mount-proc'];

describe('file storage in a container: a new PID namespace at each start (service as a process)', function () {
  this.timeout(30_000);
  let dir: string;
  let dataFile: string;
  const running: ServiceProcess[] = [];

  before(function () {
    const probe = spawnSync(CONTAINER[0]!, [...CONTAINER.slice(1), 'true']);
    if (probe.status !== 0) {
      console.log(
        `      skipped: ${CONTAINER.join(' ')} is not permitted here (${probe.error?.message ?? probe.stderr.toString().trim()}); it needs root or user namespaces`,
      );
      this.skip();
    }
  });

  beforeEach(async () => {
    dir = await makeTestDir('portfolio-container-');
    dataFile = join(dir, 'portfolio.json');
  });

  afterEach(async () => {
    for (const service of running.splice(0)) {
      service.child.kill('SIGKILL');
      await service.exit();
    }
    await rm(dir, { recursive: true, force: true });
  });

  const env = () => ({ DATA_FILE: dataFile, ADMIN_TOKEN });
  const startInContainer = async () => {
    const service = await startService(env(), { wrapper: CONTAINER });
    running.push(service);
    return service;
  };

  it('when killed with SIGKILL, then a start in a new namespace takes the lock over and serves; a second live one is refused', async () => {
    const first = await startInContainer();
    const lock = JSON.parse(await readFile(`${dataFile}.lock`, 'utf8')) as { pid: number };
    expect(lock.pid).to.equal(1);
    first.child.kill('SIGKILL');
    await first.exit();

    const second = await startInContainer();
    expect((await fetch(`${second.url}/api/v1/projects`)).status).to.equal(200);
    expect(second.output()).to.include('taking over the lock of process 1 of another PID namespace or machine');

    const third = await runService(env(), { wrapper: CONTAINER });
    expect(third.code).to.equal(1);
    expect(third.output).to.include(`The data file ${dataFile} is in use by process 1 of another PID namespace`);
    expect((await fetch(`${second.url}/api/v1/projects`)).status).to.equal(200);
  });
});
