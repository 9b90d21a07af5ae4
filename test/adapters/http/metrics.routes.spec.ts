import { expect } from 'chai';
import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import sinon from 'sinon';
import { openMemoryStorage } from '../../../src/adapters/persistence/memory/memory.storage.js';
import { StaleWriteError, StorageUnavailableError } from '../../../src/domain/shared/errors.js';
import { aProject } from '../../support/builders.js';
import { ADMIN_TOKEN, AUTH, testApp, type TestAppOptions } from '../../support/http-app.js';
import { expectNotFound, expectProblem, expectUnauthorized } from './http-expectations.js';

const METRICS_TOKEN = 'metrics-token-of-the-scraper-0123456789';
const SCRAPER = { Authorization: `Bearer ${METRICS_TOKEN}` } as const;
const CONTACT = { name: 'Grace', email: 'grace@example.com', message: 'Hello, a message long enough.' };

function metricsApp(options: TestAppOptions = {}) {
  return testApp({ ...options, config: { metricsToken: METRICS_TOKEN, ...options.config } });
}

interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface Scrape {
  /** The metric families, with their type and help, as the parser groups them. */
  readonly families: readonly MetricFamily[];
  /**
   * Every sample line with its own name and labels. The parser folds the
   * buckets of a histogram with labels into one (prom2json's shape keeps only
   * `le`), so the series are read from the same text without its TYPE lines,
   * where each line stands for itself.
   */
  readonly series: readonly Series[];
}

/** Scrapes through HTTP and parses what comes back with a Prometheus text-format parser. */
async function scrape(app: ReturnType<typeof testApp>): Promise<Scrape> {
  const res = await app.request.get('/metrics').set(SCRAPER);
  expect(res.status).to.equal(200);
  expect(res.headers['content-type']).to.equal('text/plain; version=0.0.4; charset=utf-8');
  expect(res.headers['cache-control']).to.equal('no-store');
  const untyped = res.text
    .split('\n')
    .filter((line) => !line.startsWith('# TYPE '))
    .join('\n');
  return {
    families: parsePrometheusTextFormat(res.text),
    series: parsePrometheusTextFormat(untyped).flatMap(({ name, metrics }) =>
      metrics.map((sample) => ({ name, labels: sample.labels ?? {}, value: Number(sample.value) })),
    ),
  };
}

function family({ families }: Scrape, name: string): MetricFamily {
  const found = families.find((candidate) => candidate.name === name);
  if (!found) expect.fail(`no ${name} in ${families.map((f) => f.name).join(', ')}`);
  return found;
}

const sameLabels = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The series named so, of these labels and no others. */
function valueOf({ series }: Scrape, name: string, labels: Record<string, string>): number {
  const found = series.filter((one) => one.name === name && sameLabels(one.labels, labels));
  expect(found, `${name}${JSON.stringify(labels)}`).to.have.length(1);
  return found[0]!.value;
}

/** The label sets of the series named so. */
const labelsOf = ({ series }: Scrape, name: string) =>
  series.filter((one) => one.name === name).map((one) => one.labels);

describe('GET /metrics', () => {
  afterEach(() => sinon.restore());

  describe('while METRICS_TOKEN is not set', () => {
    it('when it is asked for, with or without a token, then 404 as an unknown path', async () => {
      const { request } = testApp();
      expectNotFound(await request.get('/metrics'), '/metrics', 'No resource at /metrics');
      expectNotFound(await request.get('/metrics').set(AUTH), '/metrics', 'No resource at /metrics');
    });
  });

  describe('the token', () => {
    it('when there is no token, then 401', async () => {
      const { request } = metricsApp();
      expectUnauthorized(await request.get('/metrics'), '/metrics', 'A valid metrics token is required');
    });

    it('when the token is wrong, then 401', async () => {
      const { request } = metricsApp();
      const res = await request.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`);
      expectUnauthorized(res, '/metrics', 'A valid metrics token is required');
    });

    it('when it is the admin token, then 401: the scraper has a token of its own', async () => {
      const { request } = metricsApp();
      const res = await request.get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expectUnauthorized(res, '/metrics', 'A valid metrics token is required');
    });

    it('when the metrics token is sent to an admin route, then 401: it is not the admin token', async () => {
      const { request } = metricsApp();
      expectUnauthorized(await request.get('/api/v1/messages').set(SCRAPER), '/api/v1/messages');
    });

    it('when scraped more often than wrong admin tokens are allowed, then scrapes are not counted as wrong tokens', async () => {
      const { request } = metricsApp({ config: { adminTokenFailureLimit: 2 } });
      for (let scrape = 0; scrape < 5; scrape++)
        expect((await request.get('/metrics').set(SCRAPER)).status).to.equal(200);
      // Still within its allowance of wrong tokens: a 401, not a 429.
      expectUnauthorized(
        await request.get('/api/v1/messages').set('Authorization', 'Bearer guess'),
        '/api/v1/messages',
      );
    });

    it('when wrong tokens keep coming, then they are throttled like wrong admin tokens', async () => {
      const { request } = metricsApp({ config: { adminTokenFailureLimit: 2 } });
      const wrong = { Authorization: 'Bearer guess' };
      for (let guess = 0; guess < 2; guess++) expect((await request.get('/metrics').set(wrong)).status).to.equal(401);
      const res = await request.get('/metrics').set(wrong);
      expect(res.status).to.equal(429);
      expect((await request.get('/metrics').set(SCRAPER)).status).to.equal(200);
    });
  });

  describe('requests', () => {
    it('when requests were answered, then their series carry the declared path, the method and the status', async () => {
      const app = metricsApp({
        content: { profile: null, projects: [aProject({ slug: 'atlas' })], skills: [], experience: [] },
      });
      await app.request.get('/api/v1/projects/atlas');
      await app.request.get('/api/v1/projects/atlas');
      await app.request.get('/api/v1/projects/nowhere');
      await app.request.delete('/api/v1/projects/atlas');
      await app.request.get('/no/such/path');

      const metrics = await scrape(app);
      expect(family(metrics, 'http_request_duration_seconds').type).to.equal('HISTOGRAM');
      const ok = { route: '/api/v1/projects/{slug}', method: 'GET', status: '200' };
      expect(valueOf(metrics, 'http_request_duration_seconds_count', ok)).to.equal(2);
      expect(valueOf(metrics, 'http_request_duration_seconds_sum', ok)).to.be.greaterThan(0);
      expect(valueOf(metrics, 'http_request_duration_seconds_bucket', { ...ok, le: '+Inf' })).to.equal(2);
      expect(labelsOf(metrics, 'http_request_duration_seconds_count')).to.have.deep.members([
        ok,
        { route: '/api/v1/projects/{slug}', method: 'GET', status: '404' },
        { route: '/api/v1/projects/{slug}', method: 'DELETE', status: '401' },
        { route: 'unknown', method: 'GET', status: '404' },
      ]);
    });

    it('when 200 random URLs are scanned, then they add no series', async () => {
      const app = metricsApp();
      await app.request.get('/a-first-unknown-path');
      await app.request.get('/api/v1/projects/a-first-unknown-slug');
      // A scrape is answered before it is recorded: the second one shows the first.
      await scrape(app);
      const before = await scrape(app);

      const random = () => Math.random().toString(36).slice(2);
      for (let scan = 0; scan < 100; scan++) {
        await app.request.get(`/${random()}/${random()}?${random()}=${random()}`);
        await app.request.get(`/api/v1/projects/${random()}`);
      }

      const after = await scrape(app);
      // The service's own series; those of the Node.js process (handles by type, GC kinds) come and go by themselves.
      const ownSeries = ({ series }: Scrape) =>
        series.filter(({ name }) => /^(http|portfolio)_/.test(name)).map(({ name, labels }) => ({ name, labels }));
      expect(ownSeries(after)).to.have.length.greaterThan(0);
      expect(ownSeries(after)).to.deep.equal(ownSeries(before));
      const unknown = { route: 'unknown', method: 'GET', status: '404' };
      expect(valueOf(after, 'http_request_duration_seconds_count', unknown)).to.equal(101);
      expect(
        valueOf(after, 'http_request_duration_seconds_count', { ...unknown, route: '/api/v1/projects/{slug}' }),
      ).to.equal(101);
    });
  });

  describe('contact messages', () => {
    it('when messages are accepted, refused and rate limited, then each is counted by outcome and reason', async () => {
      const app = metricsApp({ config: { contactRateLimit: 4 } });
      const contact = () => app.request.post('/api/v1/contact');
      expect((await contact().send(CONTACT)).status).to.equal(202);
      expect((await contact().send({ ...CONTACT, website: 'https://spam.example' })).status).to.equal(202);
      expect((await contact().send({ name: 'Grace' })).status).to.equal(400);
      expect((await contact().set('Content-Type', 'application/json').send('{"name":')).status).to.equal(400);
      expect((await contact().send(CONTACT)).status).to.equal(202);
      expect((await contact().send(CONTACT)).status).to.equal(202);
      expect((await contact().send(CONTACT)).status).to.equal(429);

      const metrics = await scrape(app);
      expect(family(metrics, 'portfolio_contact_messages_total').type).to.equal('COUNTER');
      const count = (labels: Record<string, string>) => valueOf(metrics, 'portfolio_contact_messages_total', labels);
      expect(count({ outcome: 'accepted' })).to.equal(3);
      expect(count({ outcome: 'refused', reason: 'honeypot' })).to.equal(1);
      expect(count({ outcome: 'refused', reason: 'validation' })).to.equal(2);
      expect(count({ outcome: 'refused', reason: 'captcha' })).to.equal(0);
      expect(count({ outcome: 'rate_limited' })).to.equal(1);
      expect(count({ outcome: 'failed', reason: 'captcha_unavailable' })).to.equal(0);
      expect(count({ outcome: 'failed', reason: 'error' })).to.equal(0);
    });
  });

  describe('storage', () => {
    it('when repositories are used, then each operation is timed, and failures are counted but refusals are not', async () => {
      const storage = openMemoryStorage({
        profile: null,
        projects: [aProject({ slug: 'atlas' })],
        skills: [],
        experience: [],
      });
      sinon.stub(storage.skills, 'listAll').rejects(new StorageUnavailableError('down'));
      sinon.stub(storage.experience, 'listAll').rejects(new Error('a bug'));
      sinon.stub(storage.projects, 'update').rejects(new StaleWriteError('project'));
      const app = metricsApp({ storage });
      await app.request.get('/api/v1/projects/atlas');
      expect((await app.request.get('/api/v1/skills')).status).to.equal(503);
      expect((await app.request.get('/api/v1/experience')).status).to.equal(500);
      await app.request.patch('/api/v1/projects/atlas').set(AUTH).send({ title: 'X' });

      const metrics = await scrape(app);
      const timed = (operation: string) =>
        valueOf(metrics, 'portfolio_storage_operation_duration_seconds_count', { operation });
      expect(timed('projects.findBySlug')).to.be.greaterThan(0);
      expect(timed('projects.update')).to.equal(1);
      expect(timed('skills.listAll')).to.equal(1);
      expect(labelsOf(metrics, 'portfolio_storage_operation_errors_total')).to.have.deep.members([
        { operation: 'skills.listAll' },
        { operation: 'experience.listAll' },
      ]);
      expect(valueOf(metrics, 'portfolio_storage_operation_errors_total', { operation: 'skills.listAll' })).to.equal(1);
    });
  });

  describe('the outbox backlog', () => {
    it("when no reader is given, then the storage's outbox is read: an event waiting to be sent counts", async () => {
      const app = metricsApp();
      expect(valueOf(await scrape(app), 'portfolio_outbox_backlog', {})).to.equal(0);

      await app.request
        .post('/api/v1/contact')
        .send({ name: 'Ada', email: 'ada@example.com', message: 'A message that waits in the outbox.' })
        .expect(202);

      expect(valueOf(await scrape(app), 'portfolio_outbox_backlog', {})).to.equal(1);
    });

    it('when there is one, then its backlog is a gauge read at each scrape; a failing read leaves no value', async () => {
      const backlog = sinon.stub<[], Promise<number>>().resolves(7);
      const app = metricsApp({ outboxBacklog: backlog });
      const first = await scrape(app);
      expect(family(first, 'portfolio_outbox_backlog').type).to.equal('GAUGE');
      expect(valueOf(first, 'portfolio_outbox_backlog', {})).to.equal(7);

      backlog.rejects(new Error('database down'));
      expect(labelsOf(await scrape(app), 'portfolio_outbox_backlog')).to.deep.equal([]);
    });
  });

  it('when scraped, then the process metrics of Node.js are there', async () => {
    const names = (await scrape(metricsApp())).families.map((f) => f.name);
    expect(names).to.include.members([
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]);
  });

  it('when it is POSTed to, then 405', async () => {
    const { request } = metricsApp();
    expectProblem(await request.post('/metrics').set(SCRAPER), 'method-not-allowed', {
      detail: 'The resource does not support this method; see the Allow header',
      instance: '/metrics',
    });
  });
});
