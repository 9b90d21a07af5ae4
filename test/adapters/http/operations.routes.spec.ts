import { expect } from 'chai';
import sinon from 'sinon';
import { openMemoryStorage } from '../../../src/adapters/persistence/memory/memory.storage.js';
import { MemoryContactRateLimiter } from '../../../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import { TOKENS } from '../../../src/tokens.js';
import { testApp } from '../../support/http-app.js';
import { JSON_UTF8, expectProblem } from './http-expectations.js';

/** A memory storage whose ping rejects, as a database that does not answer. */
function unreachableStorage() {
  const storage = openMemoryStorage();
  sinon.stub(storage, 'ping').rejects(new Error('connect ECONNREFUSED 10.0.0.5:5432'));
  return storage;
}

describe('GET /health', () => {
  afterEach(() => sinon.restore());

  it('when the process runs, then 200 {"status":"ok"} that is never cached', async () => {
    const { request } = testApp();
    const res = await request.get('/health');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['x-request-id']).to.be.a('string').that.is.not.empty;
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('when storage does not answer, then health is still 200', async () => {
    const { request } = testApp({ storage: unreachableStorage() });
    const res = await request.get('/health');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('when it is POSTed to, then 405 with Allow', async () => {
    const { request } = testApp();
    const res = await request.post('/health');
    expectProblem(res, 'method-not-allowed', {
      detail: 'The resource does not support this method; see the Allow header',
      instance: '/health',
    });
    expect(res.headers.allow).to.equal('HEAD, GET');
  });
});

describe('GET /ready', () => {
  afterEach(() => sinon.restore());

  it('when storage answers, then 200 {"status":"ready"}', async () => {
    const { request } = testApp();
    const res = await request.get('/ready');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({ status: 'ready' });
  });

  it('when the storage ping rejects, then 503 problem that does not leak the storage error', async () => {
    const { request } = testApp({ storage: unreachableStorage() });
    const res = await request.get('/ready');
    expectProblem(res, 'service-unavailable', { detail: 'Storage does not answer', instance: '/ready' });
    expect(res.text).to.not.include('ECONNREFUSED');
    expect(res.text).to.not.include('10.0.0.5');
  });

  it('when storage comes back, then ready is 200 again', async () => {
    const storage = openMemoryStorage();
    const ping = sinon.stub(storage, 'ping').rejects(new Error('down'));
    const { request } = testApp({ storage });
    expect((await request.get('/ready')).status).to.equal(503);
    ping.resolves();
    const res = await request.get('/ready');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ready' });
  });

  it('when the shared rate limit is degraded (Redis down), then still 200, naming it', async () => {
    const rateLimiter = new MemoryContactRateLimiter(5, 600);
    sinon.stub(rateLimiter, 'degraded').returns(true);
    const { request } = testApp({ rateLimiter });
    const res = await request.get('/ready');
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({ status: 'ready', degraded: ['rate-limit'] });
  });

  it('when the service is shutting down, then 503 even though storage answers', async () => {
    const { request, container } = testApp();
    container.resolve(TOKENS.Readiness).markStopping();
    const res = await request.get('/ready');
    expectProblem(res, 'service-unavailable', { detail: 'The service is shutting down', instance: '/ready' });
    expect((await request.get('/health')).status).to.equal(200);
  });
});
