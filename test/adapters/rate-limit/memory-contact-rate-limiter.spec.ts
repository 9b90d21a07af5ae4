import { MemoryContactRateLimiter } from '../../../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import { describeRateLimiterContract } from './rate-limiter.contract.js';

describeRateLimiterContract('memory', (points, windowSeconds) => new MemoryContactRateLimiter(points, windowSeconds));
