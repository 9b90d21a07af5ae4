import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { RedisContactRateLimiter } from '../../../src/adapters/rate-limit/redis-contact-rate-limiter.js';
import { describeRateLimiterContract } from './rate-limiter.contract.js';

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
