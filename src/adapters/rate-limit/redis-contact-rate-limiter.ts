import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ContactRateLimiter, RateDecision } from '../../domain/messages/contact-rate-limiter.js';
import { retryAfter } from './memory-contact-rate-limiter.js';

/** What the adapter logs through; a pino logger fits it. */
export interface RateLimitLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RedisRateLimiterOptions {
  readonly redisUrl: string;
  readonly points: number;
  readonly windowSeconds: number;
  /** Keeps instances (or test runs) that share one Redis apart. */
  readonly keyPrefix?: string;
  readonly logger?: RateLimitLogger;
}

/** A Redis next door answers in well under a millisecond; one that takes this long is treated as down. */
const COMMAND_TIMEOUT_MS = 200;
/** After a command timed out on a connection that still looks open, Redis is left alone for this long. */
const RETRY_AFTER_TIMEOUT_MS = 1000;

/**
 * One limit shared by every instance through Redis. While Redis is down each
 * instance counts on its own, at once: commands are not queued while the
 * connection is down (they would wait, then be replayed later), so a
 * submission never waits for Redis to come back.
 *
 * The instance remembers what Redis last counted for each client and counts
 * on from there while Redis is down, and when Redis is back it keeps the
 * higher of its own count and Redis's: a client does not get a fresh
 * allowance from an outage starting or ending. (Several instances still each
 * count their own submissions while Redis is down.)
 */
export class RedisContactRateLimiter implements ContactRateLimiter {
  private readonly redis: Redis;
  private readonly shared: RateLimiterRedis;
  private readonly local: RateLimiterMemory;
  /** Settles once the first connection attempt has: submissions at start-up wait for it, later ones never do. */
  private readonly firstAttempt: Promise<void>;
  private down = false;
  private skipUntil = 0;
  private closed = false;

  constructor(private readonly options: RedisRateLimiterOptions) {
    this.redis = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: COMMAND_TIMEOUT_MS,
    });
    this.firstAttempt = new Promise((resolve) => {
      this.redis.once('ready', resolve);
      this.redis.once('error', resolve);
      this.redis.once('close', resolve);
    });
    // ioredis reconnects by itself; without an error listener an outage would crash the process.
    this.redis.on('error', (error: Error) => this.wentDown(error));
    this.redis.on('close', () => this.wentDown(new Error('connection closed')));
    this.redis.on('ready', () => this.cameBack());
    this.shared = new RateLimiterRedis({
      storeClient: this.redis,
      points: options.points,
      duration: options.windowSeconds,
      keyPrefix: options.keyPrefix ?? 'portfolio-api:contact',
    });
    this.local = new RateLimiterMemory({ points: options.points, duration: options.windowSeconds });
  }

  /** True while Redis is unreachable and the limit is counted per instance. */
  degraded(): boolean {
    return this.down;
  }

  async consume(clientKey: string): Promise<RateDecision> {
    await this.firstAttempt;
    if (this.redis.status === 'ready' && Date.now() >= this.skipUntil) {
      try {
        const counted = await outcome(this.shared.consume(clientKey));
        this.cameBack();
        return await this.combine(clientKey, counted);
      } catch (error) {
        this.skipUntil = Date.now() + RETRY_AFTER_TIMEOUT_MS;
        this.wentDown(error as Error);
      }
    }
    return this.decide(await outcome(this.local.consume(clientKey)));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.redis.disconnect();
  }

  /** Redis's count, or this instance's if higher (submissions it counted while Redis was down); remembered either way. */
  private async combine(clientKey: string, counted: RateLimiterRes): Promise<RateDecision> {
    const known = await this.local.get(clientKey);
    const ownIsHigher = known !== null && known.consumedPoints + 1 > counted.consumedPoints;
    const consumedPoints = ownIsHigher ? known.consumedPoints + 1 : counted.consumedPoints;
    const msBeforeNext = Math.max(1, ownIsHigher ? known.msBeforeNext : counted.msBeforeNext);
    return this.decide(await this.local.set(clientKey, consumedPoints, msBeforeNext / 1000));
  }

  private decide(res: RateLimiterRes): RateDecision {
    return res.consumedPoints <= this.options.points
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: retryAfter(res) };
  }

  private wentDown(error: Error): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.options.logger?.warn(
      { err: error },
      'Redis is unreachable: the contact rate limit is counted by each instance until it is back',
    );
  }

  private cameBack(): void {
    this.skipUntil = 0;
    if (!this.down) return;
    this.down = false;
    this.options.logger?.info({}, 'Redis is reachable again: the contact rate limit is shared again');
  }
}

/** rate-limiter-flexible rejects with its result when over the limit, and with an Error when the store fails. */
function outcome(consumed: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  return consumed.catch((rejection: unknown) => {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  });
}
