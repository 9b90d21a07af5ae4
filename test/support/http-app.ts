import { pino, type Logger } from 'pino';
import supertest from 'supertest';
import { loadConfig, type Config } from '../../src/adapters/config/config.js';
import { createApp, type AppDependencies } from '../../src/adapters/http/app.js';
import type { Content } from '../../src/domain/storage/content.js';
import { openMemoryStorage } from '../../src/adapters/persistence/memory/memory.storage.js';
import type { Storage } from '../../src/domain/storage/storage.js';
import { MemoryContactRateLimiter } from '../../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import {
  appDependencies,
  buildContainer,
  type DeliveryTuning,
  type RateLimiterAdapter,
} from '../../src/composition-root.js';
import type { Container } from '../../src/tokens.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import type { IdGenerator } from '../../src/domain/shared/id-generator.js';
import type { HumanCheck } from '../../src/domain/messages/human-check.js';
import { FixedClock, SequentialIds, fakeResolver } from './fakes.js';
import { checkResponsesAgainstDocument } from './openapi-contract.js';

export const ADMIN_TOKEN = 'test-admin-token-that-is-long-enough-0123';
export const AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}` } as const;

export interface TestAppOptions {
  config?: Partial<Config>;
  content?: Content;
  storage?: Storage;
  clock?: Clock;
  ids?: IdGenerator;
  rateLimiter?: RateLimiterAdapter;
  /** Otherwise the one `config.captcha` names (see createHumanCheck). */
  humanCheck?: HumanCheck;
  logger?: Logger;
  /** Where the pages' built assets are; dist/web (see web-build.ts) unless said. */
  webDir?: string;
  /** For the metrics: how many events wait in the outbox. */
  outboxBacklog?: () => Promise<number>;
  /** Otherwise webhook hosts resolve from an empty table (nothing resolves): no test asks DNS. */
  deliveries?: DeliveryTuning;
}

export interface TestApp {
  request: supertest.Agent;
  storage: Storage;
  container: Container;
  /** What the app was built from: build another app from the same, or reach a service. */
  dependencies: AppDependencies;
  config: Config;
}

/**
 * The real app on a fresh memory storage, never listening: supertest drives
 * its callback. Each call is independent of every other.
 */
export function testApp(options: TestAppOptions = {}): TestApp {
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', STORAGE: 'memory' }),
    adminToken: ADMIN_TOKEN,
    ...options.config,
  };
  const storage = options.storage ?? openMemoryStorage(options.content);
  const container = buildContainer({
    config,
    logger: options.logger ?? pino({ level: 'silent' }),
    storage,
    rateLimiter:
      options.rateLimiter ?? new MemoryContactRateLimiter(config.contactRateLimit, config.contactRateWindowSeconds),
    ...(options.humanCheck ? { humanCheck: options.humanCheck } : {}),
    clock: options.clock ?? new FixedClock(),
    ids: options.ids ?? new SequentialIds(),
    ...(options.outboxBacklog ? { outboxBacklog: options.outboxBacklog } : {}),
    deliveries: { resolve: fakeResolver(), ...options.deliveries },
  });
  const wired = appDependencies(container);
  const dependencies = options.webDir ? { ...wired, config: { ...wired.config, webDir: options.webDir } } : wired;
  const app = createApp(dependencies);
  // Every response is checked against /openapi.json; an undocumented one fails the test (see openapi-violations.ts).
  checkResponsesAgainstDocument(app);
  return { request: supertest.agent(app.callback()), storage, container, dependencies, config };
}
