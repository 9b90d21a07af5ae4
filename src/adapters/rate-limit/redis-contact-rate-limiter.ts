import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ContactRateLimiter, RateDecision } from '../../domain/messages/contact-rate-limiter.js';
import { retryAfter } from './memory-contact-rate-limiter.js';

export interface RedisRateLimiterOptions {
  readonly redisUrl: string;
  readonly points: number;
  readonly windowSeconds: number;
  /** Keeps instances (or test runs) that share one Redis apart. */
  readonly keyPrefix?: string;
}

/**
 * One limit shared by every instance through Redis. While Redis is down each
 * instance falls back to its own in-process limit rather than refusing (or
 * waving through) every message.
 */
export class RedisContactRateLimiter implements ContactRateLimiter {
  private readonly redis: Redis;
  private readonly limiter: RateLimiterRedis;

  constructor(options: RedisRateLimiterOptions) {
    // Commands wait for a (re)connection, but never longer than commandTimeout: then the insurance limiter decides.
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000 });
    // ioredis reconnects by itself; without a listener an outage would crash the process.
    this.redis.on('error', () => {});
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      points: options.points,
      duration: options.windowSeconds,
      keyPrefix: options.keyPrefix ?? 'portfolio-api:contact',
      insuranceLimiter: new RateLimiterMemory({ points: options.points, duration: options.windowSeconds }),
    });
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

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
