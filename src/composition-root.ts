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
import type { HumanCheck } from './domain/messages/human-check.js';
import type { Config } from './adapters/config/config.js';
import type { AppDependencies } from './adapters/http/app.js';
import { Readiness } from './adapters/http/readiness.js';
import { EMPTY_CONTENT } from './adapters/persistence/memory/content-store.js';
import { openMemoryStorage } from './adapters/persistence/memory/memory.storage.js';
import { sampleContent } from './adapters/sample/sample-content.js';
import type { Storage } from './adapters/persistence/storage.js';
import { openFileStorage } from './adapters/persistence/file/file.storage.js';
import { copyStorage, describeCounts, TargetNotEmptyError } from './application/storage-copy.service.js';
import { MemoryContactRateLimiter } from './adapters/rate-limit/memory-contact-rate-limiter.js';
import { NoHumanCheck } from './adapters/human-check/no-human-check.js';
import { CAPTCHA_PROVIDERS, type CaptchaWidget } from './adapters/human-check/providers.js';
import { SiteverifyHumanCheck } from './adapters/human-check/siteverify-human-check.js';
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

/**
 * The human check CAPTCHA_PROVIDER names, or none. `timeoutMs` is for tests;
 * the service keeps the contract's 5 seconds.
 */
export function createHumanCheck(config: Config, { timeoutMs }: { timeoutMs?: number } = {}): HumanCheck {
  if (!config.captcha) return new NoHumanCheck();
  const { provider, secret, verifyUrl } = config.captcha;
  return new SiteverifyHumanCheck({
    provider: CAPTCHA_PROVIDERS[provider],
    secret,
    verifyUrl,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/** The widget of the configured provider with the site key, for the contact form on `/`. */
export type SiteWidget = CaptchaWidget & { readonly siteKey: string };

export interface ContainerParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly storage: Storage;
  readonly rateLimiter: ContactRateLimiter;
  /** Tests pass one with a shorter timeout; otherwise the one the configuration names. */
  readonly humanCheck?: HumanCheck;
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
  c.registerInstance(TOKENS.HumanCheck, parts.humanCheck ?? createHumanCheck(parts.config));
  c.registerInstance(TOKENS.Readiness, new Readiness(storage));
  // Registered only when the page can show a widget: with a provider and its site key.
  const captcha = parts.config.captcha;
  if (captcha?.siteKey) {
    const widget: SiteWidget = { ...CAPTCHA_PROVIDERS[captcha.provider].widget, siteKey: captcha.siteKey };
    c.registerInstance(TOKENS.CaptchaWidget, widget);
  }

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
    (r) =>
      new ContactService(
        storage.messages,
        r(TOKENS.ContactRateLimiter),
        r(TOKENS.HumanCheck),
        r(TOKENS.Clock),
        r(TOKENS.IdGenerator),
      ),
  );
  single(TOKENS.MessageService, () => new MessageService(storage.messages));
  return c;
}

/** What the HTTP adapter is built from (`createApp`), taken from a built container. */
export function appDependencies(container: DependencyContainer): AppDependencies {
  return {
    config: container.resolve<Config>(TOKENS.Config),
    logger: container.resolve<Logger>(TOKENS.Logger),
    readiness: container.resolve<Readiness>(TOKENS.Readiness),
    services: {
      profile: container.resolve<ProfileService>(TOKENS.ProfileService),
      projects: container.resolve<ProjectService>(TOKENS.ProjectService),
      skills: container.resolve<SkillService>(TOKENS.SkillService),
      experience: container.resolve<ExperienceService>(TOKENS.ExperienceService),
      portfolio: container.resolve<PortfolioService>(TOKENS.PortfolioService),
      contact: container.resolve<ContactService>(TOKENS.ContactService),
      messages: container.resolve<MessageService>(TOKENS.MessageService),
    },
  };
}
