import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import { ContactService } from './application/contact.service.js';
import { ExperienceService } from './application/experience.service.js';
import { MessageService } from './application/message.service.js';
import { PortfolioService } from './application/portfolio.service.js';
import { ProfileService } from './application/profile.service.js';
import { ProjectService } from './application/project.service.js';
import { SkillService } from './application/skill.service.js';
import type { Clock } from './domain/shared/clock.js';
import type { IdGenerator } from './domain/shared/id-generator.js';
import type { ContactRateLimiter } from './domain/messages/contact-rate-limiter.js';
import { EMPTY_CONTENT } from './domain/storage/content.js';
import type { Config } from './adapters/config/config.js';
import { Readiness } from './adapters/http/readiness.js';
import { openMemoryStorage } from './adapters/persistence/memory/memory.storage.js';
import { sampleContent } from './adapters/sample/sample-content.js';
import type { Storage } from './domain/storage/storage.js';
import { openFileStorage } from './adapters/persistence/file/file.storage.js';
import { copyStorage, describeCounts, TargetNotEmptyError } from './application/storage-copy.service.js';
import { MemoryContactRateLimiter } from './adapters/rate-limit/memory-contact-rate-limiter.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { UlidIdGenerator } from './adapters/system/ulid-id-generator.js';
import { TOKENS } from './tokens.js';

/**
 * The storage adapter the configuration names, opened. With `seed`, a new
 * data file starts with the sample portfolio, and so does an empty memory or
 * PostgreSQL storage when SEED_SAMPLE_DATA is set.
 */
export async function openStorage(config: Config, logger: Logger, { seed = true } = {}): Promise<Storage> {
  switch (config.storage) {
    case 'memory':
      return openMemoryStorage(seed && config.seedSampleData ? sampleContent() : EMPTY_CONTENT);
    case 'file':
      return openFileStorage({ dataFile: config.dataFile, logger, ...(seed ? { seed: sampleContent } : {}) });
    case 'postgres': {
      const { openPostgresStorage } = await import('./adapters/persistence/postgres/postgres.storage.js');
      const storage = await openPostgresStorage({ databaseUrl: config.databaseUrl!, logger });
      if (seed && config.seedSampleData) await seedIfEmpty(storage, logger);
      return storage;
    }
  }
}

/** A database that is down at start-up must not stop it: seeding then waits for the next start. */
async function seedIfEmpty(storage: Storage, logger: Logger): Promise<void> {
  try {
    const copied = await copyStorage(openMemoryStorage(sampleContent()), storage);
    logger.info(`seeded the empty storage with the sample portfolio (${describeCounts(copied)})`);
  } catch (error) {
    if (error instanceof TargetNotEmptyError) return;
    logger.warn({ err: error }, 'could not seed the sample portfolio');
  }
}

export type ClosableRateLimiter = ContactRateLimiter & { close(): Promise<void> };

/** Shared through Redis when REDIS_URL is set, so that the limit holds across instances. */
export async function createRateLimiter(config: Config): Promise<ClosableRateLimiter> {
  const points = config.contactRateLimit;
  const windowSeconds = config.contactRateWindowSeconds;
  if (!config.redisUrl) return new MemoryContactRateLimiter(points, windowSeconds);
  const { RedisContactRateLimiter } = await import('./adapters/rate-limit/redis-contact-rate-limiter.js');
  return new RedisContactRateLimiter({ redisUrl: config.redisUrl, points, windowSeconds });
}

export interface ContainerParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly storage: Storage;
  readonly rateLimiter: ContactRateLimiter;
  /** Tests pass fixed ones; production uses the system clock and ULIDs. */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

/**
 * The one place that knows every concrete class: exactly one adapter per
 * port, chosen by configuration, and services built from ports only.
 */
export function buildContainer(parts: ContainerParts): DependencyContainer {
  const c = rootContainer.createChildContainer();
  const { storage } = parts;
  c.registerInstance(TOKENS.Config, parts.config);
  c.registerInstance(TOKENS.Logger, parts.logger);
  c.registerInstance(TOKENS.Storage, storage);
  c.registerInstance(TOKENS.Clock, parts.clock ?? new SystemClock());
  c.registerInstance(TOKENS.IdGenerator, parts.ids ?? new UlidIdGenerator());
  c.registerInstance(TOKENS.ContactRateLimiter, parts.rateLimiter);
  c.registerInstance(TOKENS.Readiness, new Readiness(storage));

  const single = <T>(token: symbol, make: (r: <U>(t: symbol) => U) => T) =>
    c.register<T>(token, { useFactory: instanceCachingFactory((d) => make((t) => d.resolve(t))) });

  single(TOKENS.ProfileService, (r) => new ProfileService(storage.profiles, r(TOKENS.Clock)));
  single(TOKENS.ProjectService, (r) => new ProjectService(storage.projects, r(TOKENS.Clock), r(TOKENS.IdGenerator)));
  single(TOKENS.SkillService, (r) => new SkillService(storage.skills, r(TOKENS.IdGenerator)));
  single(TOKENS.ExperienceService, (r) => new ExperienceService(storage.experience, r(TOKENS.IdGenerator)));
  single(
    TOKENS.PortfolioService,
    (r) =>
      new PortfolioService(
        r(TOKENS.ProfileService),
        r(TOKENS.ProjectService),
        r(TOKENS.SkillService),
        r(TOKENS.ExperienceService),
      ),
  );
  single(
    TOKENS.ContactService,
    (r) => new ContactService(storage.messages, r(TOKENS.ContactRateLimiter), r(TOKENS.Clock), r(TOKENS.IdGenerator)),
  );
  single(TOKENS.MessageService, () => new MessageService(storage.messages));
  return c;
}
