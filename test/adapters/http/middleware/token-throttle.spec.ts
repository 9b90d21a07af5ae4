import { expect } from 'chai';
import { pino } from 'pino';
import sinon from 'sinon';
import { AUTH, testApp, type TestAppOptions } from '../../../support/http-app.js';
import { expectProblem, expectUnauthorized } from '../http-expectations.js';

const WRONG = { Authorization: 'Bearer not-the-admin-token' };
const INBOX = '/api/v1/messages';
const LIMIT = 3;
const WINDOW_SECONDS = 600;

/** The app with a limit of three wrong tokens per ten minutes, its warnings kept. */
function throttledApp(config: TestAppOptions['config'] = {}) {
  const warnings: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
  const app = testApp({
    logger,
    config: { adminTokenFailureLimit: LIMIT, adminTokenFailureWindowSeconds: WINDOW_SECONDS, ...config },
  });
  return { ...app, warnings };
}

describe('throttling wrong admin tokens', () => {
  afterEach(() => sinon.restore());

  it('when a client has sent as many wrong tokens as the limit, then its next wrong one is 429 with Retry-After, not 401', async () => {
    const { request } = throttledApp();
    for (let n = 0; n < LIMIT; n += 1) expectUnauthorized(await request.get(INBOX).set(WRONG), INBOX);
    const refused = await request.get(INBOX).set(WRONG);
    // The window opened with the first wrong token, moments ago.
    expect(Number(refused.headers['retry-after'])).to.be.within(WINDOW_SECONDS - 1, WINDOW_SECONDS);
    expectProblem(refused, 'rate-limited', {
      detail: `Too many wrong admin tokens; try again in ${refused.headers['retry-after']} seconds`,
      instance: INBOX,
    });
    expect(refused.headers['www-authenticate']).to.equal(undefined);
    const write = await request.put('/api/v1/profile').set(WRONG).send({ name: 'N', headline: 'H' });
    expect(write.status).to.equal(429);
  });

  it('when a throttled client sends the right token, then it is served, and its wrong tokens stay refused', async () => {
    const { request } = throttledApp();
    for (let n = 0; n <= LIMIT; n += 1) await request.get(INBOX).set(WRONG);
    expect((await request.get(INBOX).set(AUTH)).status).to.equal(200);
    expect((await request.delete('/api/v1/skills/none').set(AUTH)).status).to.equal(404);
    expect((await request.get(INBOX).set(WRONG)).status).to.equal(429);
  });

  it('when wrong tokens come with public reads, then the reads are served as public, but the tokens count', async () => {
    const { request } = throttledApp();
    for (let n = 0; n <= LIMIT; n += 1) {
      const read = await request.get('/api/v1/projects').set(WRONG);
      expect(read.status).to.equal(200);
      expect(read.headers['cache-control']).to.equal('public, max-age=60');
    }
    expect((await request.get(INBOX).set(WRONG)).status).to.equal(429);
    expect((await request.get('/api/v1/projects?status=all').set(WRONG)).status).to.equal(429);
    expect((await request.get('/api/v1/projects').set(WRONG)).status).to.equal(200);
    // Only a refusal of the token becomes a 429: any other answer stands.
    expect((await request.get('/api/v1/projects/missing').set(WRONG)).status).to.equal(404);
  });

  it('when requests carry no token at all, then they do not count', async () => {
    const { request } = throttledApp();
    for (let n = 0; n < 3 * LIMIT; n += 1) expectUnauthorized(await request.get(INBOX), INBOX);
    expectUnauthorized(await request.get(INBOX).set(WRONG), INBOX);
    expectUnauthorized(await request.get(INBOX).set({ Authorization: 'Basic YWRtaW46YWRtaW4=' }), INBOX);
  });

  it('when one client is throttled, then another is not, and one IPv6 client is one client across its /64', async () => {
    const { request } = throttledApp({ trustProxy: ['loopback'] });
    const from = (address: string) => request.get(INBOX).set(WRONG).set('X-Forwarded-For', address);
    for (let n = 0; n <= LIMIT; n += 1) await from('203.0.113.1');
    expect((await from('203.0.113.1')).status).to.equal(429);
    expect((await from('203.0.113.2')).status).to.equal(401);
    for (let n = 1; n <= LIMIT; n += 1) expect((await from(`2001:db8:0:7::${n}`)).status).to.equal(401);
    expect((await from('2001:db8:0:7:abcd::42')).status).to.equal(429);
  });

  it('when a client keeps guessing, then one warning per client and window names it, not one per guess', async () => {
    const { request, warnings } = throttledApp({ trustProxy: ['loopback'] });
    for (let n = 0; n < 10; n += 1) await request.get(INBOX).set(WRONG).set('X-Forwarded-For', '203.0.113.1');
    for (let n = 0; n < 10; n += 1) await request.get(INBOX).set(WRONG).set('X-Forwarded-For', '203.0.113.2');
    expect(
      warnings.map(({ level, client, failures, windowSeconds, msg }) => ({
        level,
        client,
        failures,
        windowSeconds,
        msg,
      })),
    ).to.deep.equal(
      ['203.0.113.1', '203.0.113.2'].map((client) => ({
        level: 40,
        client,
        failures: LIMIT + 1,
        windowSeconds: WINDOW_SECONDS,
        msg: 'wrong admin tokens: this client is answered 429 instead of 401 until its window ends',
      })),
    );
    expect(JSON.stringify(warnings)).not.to.include('not-the-admin-token');
  });

  it('when the window has passed, then wrong tokens are 401 again, and a new run of them is warned about again', async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    const { request, warnings } = throttledApp();
    for (let n = 0; n <= LIMIT; n += 1) await request.get(INBOX).set(WRONG);
    expect((await request.get(INBOX).set(WRONG)).status).to.equal(429);
    clock.tick(WINDOW_SECONDS * 1000);
    for (let n = 0; n < LIMIT; n += 1) expectUnauthorized(await request.get(INBOX).set(WRONG), INBOX);
    expect((await request.get(INBOX).set(WRONG)).status).to.equal(429);
    expect(warnings).to.have.length(2);
  });
});
