import { expect } from 'chai';
import type { ContactRateLimiter } from '../../../src/domain/messages/contact-rate-limiter.js';

type Closable = ContactRateLimiter & { close(): Promise<void> };

/** What every ContactRateLimiter adapter promises, for `points` per `windowSeconds`. */
export function describeRateLimiterContract(name: string, make: (points: number, windowSeconds: number) => Closable) {
  describe(`${name} contact rate limiter (contract)`, () => {
    let limiter: Closable;
    afterEach(async () => limiter?.close());

    it('when a client stays within its limit, then every submission is allowed', async () => {
      limiter = make(3, 60);
      const decisions = [await limiter.consume('a'), await limiter.consume('a'), await limiter.consume('a')];
      expect(decisions).to.deep.equal([{ allowed: true }, { allowed: true }, { allowed: true }]);
    });

    it('when a client exceeds its limit, then it is refused with the whole seconds left of its window', async () => {
      limiter = make(2, 60);
      await limiter.consume('a');
      await limiter.consume('a');
      const refused = await limiter.consume('a');
      expect(refused.allowed).to.equal(false);
      if (refused.allowed) return;
      expect(Number.isInteger(refused.retryAfterSeconds)).to.equal(true);
      // The window opened with the first submission, milliseconds ago: nearly all of it is left.
      expect(refused.retryAfterSeconds).to.be.within(59, 60);
    });

    it('when one client is refused, then another is still allowed', async () => {
      limiter = make(1, 60);
      await limiter.consume('a');
      expect((await limiter.consume('a')).allowed).to.equal(false);
      expect(await limiter.consume('b')).to.deep.equal({ allowed: true });
    });
  });
}
