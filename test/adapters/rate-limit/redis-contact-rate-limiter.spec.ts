import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { RedisContactRateLimiter } from '../../../src/adapters/rate-limit/redis-contact-rate-limiter.js';
import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { recordingLogger, waitFor } from '../persistence/file/file-test-support.js';
import { TcpProxy } from '../../support/tcp-proxy.js';
import { testApp } from '../../support/http-app.js';

const redisUrl = process.env.REDIS_URL;

if (!redisUrl) {
  describe('redis contact rate limiter', () => {
    it('is skipped: REDIS_URL is not set, so there is no Redis to test against', function () {
      this.skip();
    });
  });
} else {
  // A prefix per run keeps concurrent runs against one Redis apart.
  const prefix = () => `portfolio-api-test:${randomUUID()}`;

  describeRateLimiterContract(
    'redis',
    (points, windowSeconds) => new RedisContactRateLimiter({ redisUrl, points, windowSeconds, keyPrefix: prefix() }),
  );

  describe('redis contact rate limiter (shared between instances)', () => {
    it('when two instances share Redis, then the limit holds across both', async () => {
      const keyPrefix = prefix();
      const first = new RedisContactRateLimiter({ redisUrl, points: 2, windowSeconds: 60, keyPrefix });
      const second = new RedisContactRateLimiter({ redisUrl, points: 2, windowSeconds: 60, keyPrefix });
      try {
        expect(await first.consume('client')).to.deep.equal({ allowed: true });
        expect(await second.consume('client')).to.deep.equal({ allowed: true });
        expect((await first.consume('client')).allowed).to.equal(false);
        expect((await second.consume('client')).allowed).to.equal(false);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });

  describe('redis contact rate limiter (Redis cut and back, through a TCP proxy)', function () {
    this.timeout(10000);
    const target = new URL(redisUrl);
    let proxy: TcpProxy;
    let limiter: RedisContactRateLimiter;
    let logger: ReturnType<typeof recordingLogger>;

    const start = async (points: number) => {
      proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
      logger = recordingLogger();
      limiter = new RedisContactRateLimiter({
        redisUrl: `redis://127.0.0.1:${proxy.port}`,
        points,
        windowSeconds: 60,
        keyPrefix: prefix(),
        logger,
      });
    };
    const cut = async () => {
      await proxy.cut();
      await waitFor(() => limiter.degraded(), 'the limiter to notice that Redis is gone');
    };
    const restore = async () => {
      await proxy.open();
      await waitFor(() => !limiter.degraded(), 'the limiter to reconnect to Redis');
    };
    /** A submission and how long it took. */
    const timed = async (client: string) => {
      const started = performance.now();
      const decision = await limiter.consume(client);
      return { allowed: decision.allowed, ms: performance.now() - started };
    };
    const messages = (level: 'info' | 'warn') => logger.at(level).map((entry) => entry.message);

    afterEach(async () => {
      await limiter?.close();
      await proxy?.cut();
    });

    it('when Redis is cut, then each submission is decided at once, degraded is reported and the outage logged once', async () => {
      await start(100);
      expect(await timed('client')).to.include({ allowed: true });
      expect(limiter.degraded()).to.equal(false);

      await cut();
      const whileDown = [];
      for (let i = 0; i < 5; i++) whileDown.push(await timed('client'));

      expect(whileDown.map((submission) => submission.allowed)).to.deep.equal([true, true, true, true, true]);
      // A generous bound: what it proves is that no submission waits for Redis (it was a second each).
      expect(Math.max(...whileDown.map((submission) => submission.ms))).to.be.below(300);
      expect(messages('warn')).to.deep.equal([
        'Redis is unreachable: the contact rate limit is counted by each instance until it is back',
      ]);
    });

    it('when Redis stops answering on an open connection, then one submission waits for the command timeout, the next do not', async () => {
      await start(100);
      await limiter.consume('client');

      proxy.hold();
      const first = await timed('client');
      const next = [];
      for (let i = 0; i < 5; i++) next.push(await timed('client'));

      expect([first, ...next].map((submission) => submission.allowed)).to.deep.equal(Array(6).fill(true));
      expect(limiter.degraded()).to.equal(true);
      // Generous bounds: the first waited for the 200 ms command timeout, the others did not ask Redis at all.
      expect(first.ms).to.be.below(1000);
      expect(Math.max(...next.map((submission) => submission.ms))).to.be.below(100);
      expect(messages('warn')).to.have.length(1);
      proxy.release();
    });

    it('when Redis comes back, then the limiter heals and says so once', async () => {
      await start(100);
      await limiter.consume('client');
      await cut();
      await limiter.consume('client');

      await restore();
      expect(await limiter.consume('client')).to.deep.equal({ allowed: true });

      expect(limiter.degraded()).to.equal(false);
      expect(messages('info')).to.deep.equal(['Redis is reachable again: the contact rate limit is shared again']);
      expect(messages('warn')).to.have.length(1);
    });

    it('when a client used its allowance through Redis and Redis goes down, then it is still refused', async () => {
      await start(2);
      await limiter.consume('client');
      await limiter.consume('client');

      await cut();

      expect((await limiter.consume('client')).allowed).to.equal(false);
      expect(await limiter.consume('someone else')).to.deep.equal({ allowed: true });
    });

    it('when a client used its allowance while Redis was down, then it is still refused once Redis is back', async () => {
      await start(3);
      await limiter.consume('client');
      await cut();
      await limiter.consume('client');
      await limiter.consume('client');

      await restore();

      // Redis counted one of the three; the instance counted all three.
      expect((await limiter.consume('client')).allowed).to.equal(false);
    });

    it('when Redis is down, then /ready says the rate limit is degraded, still 200, and a contact POST is accepted', async () => {
      await start(100);
      const { request } = testApp({ rateLimiter: limiter });
      expect((await request.get('/ready')).body).to.deep.equal({ status: 'ready' });

      await cut();
      const ready = await request.get('/ready');
      const contact = await request
        .post('/api/v1/contact')
        .send({ name: 'Ada', email: 'ada@example.com', message: 'Hello while Redis is down.' });

      expect(ready.status).to.equal(200);
      expect(ready.body).to.deep.equal({ status: 'ready', degraded: ['rate-limit'] });
      expect(contact.status).to.equal(202);
      await restore();
      expect((await request.get('/ready')).body).to.deep.equal({ status: 'ready' });
    });
  });
}

describe('redis contact rate limiter (Redis unreachable)', function () {
  this.timeout(10000);

  it('when Redis does not answer, then the in-process limit still holds', async () => {
    const limiter = new RedisContactRateLimiter({ redisUrl: 'redis://127.0.0.1:1', points: 1, windowSeconds: 60 });
    try {
      expect(await limiter.consume('client')).to.deep.equal({ allowed: true });
      expect((await limiter.consume('client')).allowed).to.equal(false);
    } finally {
      await limiter.close();
    }
  });
});
