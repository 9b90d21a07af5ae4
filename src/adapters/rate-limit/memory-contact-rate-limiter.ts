import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ContactRateLimiter, RateDecision } from '../../domain/messages/contact-rate-limiter.js';

/** Per-process limit; its keys expire with their window, so memory does not grow with clients seen. */
export class MemoryContactRateLimiter implements ContactRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(points: number, windowSeconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: 'contact' });
  }

  async consume(clientKey: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(clientKey);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfter(rejection) };
      throw rejection;
    }
  }

  /** Never: it depends on nothing. */
  degraded(): boolean {
    return false;
  }

  async close(): Promise<void> {}
}

/** Retry-After wants whole seconds, and never 0 while the client is still refused. */
export function retryAfter(rejection: RateLimiterRes): number {
  return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
}
