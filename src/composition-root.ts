import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory } from 'tsyringe';
import type { Logger } from 'pino';
import { ContactService } from './application/contact.service.js';
import { ContentEvents } from './application/content-events.js';
import { DeliveryDispatcher } from './application/delivery-dispatcher.js';
import { ExperienceService } from './application/experience.service.js';
import { MessageService } from './application/message.service.js';
import { NotificationService } from './application/notification.service.js';
import { PortfolioService } from './application/portfolio.service.js';
import { ProfileService } from './application/profile.service.js';
import { ProjectService } from './application/project.service.js';
import { SkillService } from './application/skill.service.js';
import { WebhookService } from './application/webhook.service.js';
import type { Clock } from './domain/shared/clock.js';
import type { IdGenerator } from './domain/shared/id-generator.js';
import type { ContactRateLimiter } from './domain/messages/contact-rate-limiter.js';
import type { HumanCheck } from './domain/messages/human-check.js';
import type { ContactOutcomes } from './domain/messages/contact-outcomes.js';
import { EMPTY_CONTENT } from './domain/storage/content.js';
import type { Config } from './adapters/config/config.js';
import type { AppDependencies } from './adapters/http/app.js';
import type { HttpTimeouts } from './adapters/http/server.js';
import type { CaptchaWidget } from './adapters/http/pages/captcha-widget.js';
import { Readiness } from './adapters/http/readiness.js';
import { openMemoryStorage } from './adapters/persistence/memory/memory.storage.js';
import { sampleContent } from './adapters/sample/sample-content.js';
import type { PortfolioRepositories, Storage, StorageHealth } from './domain/storage/storage.js';
import { openFileStorage, readFileStorage } from './adapters/persistence/file/file.storage.js';
import { copyStorage, describeCounts, TargetNotEmptyError } from './application/storage-copy.service.js';
import { MemoryContactRateLimiter } from './adapters/rate-limit/memory-contact-rate-limiter.js';
import { instrumentStorage } from './adapters/metrics/instrumented-storage.js';
import { PrometheusMetrics } from './adapters/metrics/prometheus-metrics.js';
import { NoHumanCheck } from './adapters/human-check/no-human-check.js';
import { CAPTCHA_PROVIDERS } from './adapters/human-check/providers.js';
import { SiteverifyHumanCheck } from './adapters/human-check/siteverify-human-check.js';
import { NodemailerEmailSender } from './adapters/email/nodemailer-email.sender.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { UlidIdGenerator } from './adapters/system/ulid-id-generator.js';
import { HttpWebhookSender } from './adapters/webhooks/http-webhook.sender.js';
import { RandomSecretGenerator } from './adapters/webhooks/random-secret-generator.js';
import { WebhookTargetPolicy, type Resolver } from './adapters/webhooks/url-policy.js';
import { TOKENS, type Container, type Deliveries, type Token } from './tokens.js';

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

/**
 * A storage to copy from. A data file is only read, without its lock, so that
 * a service may keep running on it; a database is opened as usual.
 */
export async function openStorageToRead(
  config: Config,
  logger: Logger,
): Promise<PortfolioRepositories & StorageHealth> {
  if (config.storage === 'file') return readFileStorage({ dataFile: config.dataFile });
  return openStorage(config, logger, { seed: false });
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

/** A rate limiter adapter: the port, plus what readiness and shutdown need of it. */
export interface RateLimiterAdapter extends ContactRateLimiter {
  /** True while it works without what it depends on (Redis), at a lower standard. */
  degraded(): boolean;
  close(): Promise<void>;
}

/** Shared through Redis when REDIS_URL is set, so that the limit holds across instances. */
export async function createRateLimiter(config: Config, logger: Logger): Promise<RateLimiterAdapter> {
  const points = config.contactRateLimit;
  const windowSeconds = config.contactRateWindowSeconds;
  if (!config.redisUrl) return new MemoryContactRateLimiter(points, windowSeconds);
  const { RedisContactRateLimiter } = await import('./adapters/rate-limit/redis-contact-rate-limiter.js');
  return new RedisContactRateLimiter({ redisUrl: config.redisUrl, points, windowSeconds, logger });
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

export interface ContainerParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly storage: Storage;
  readonly rateLimiter: RateLimiterAdapter;
  /** Tests pass one with a shorter timeout; otherwise the one the configuration names. */
  readonly humanCheck?: HumanCheck;
  /** Tests pass fixed ones; production uses the system clock and ULIDs. */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** How many events wait in the outbox, for the metrics; the storage's outbox unless a test says. */
  readonly outboxBacklog?: () => Promise<number>;
  /** Tests shorten the dispatcher's waits and the attempts' timeouts, and may resolve names themselves. */
  readonly deliveries?: DeliveryTuning;
}

export interface DeliveryTuning {
  /** The longest wait between two rounds of the dispatcher (1 s). */
  readonly pollMs?: number;
  /** How long a claim keeps other instances off a delivery (60 s). */
  readonly leaseMs?: number;
  /** Per webhook attempt (the contract's 10 s). */
  readonly webhookTimeoutMs?: number;
  /** Per SMTP step (10 s). */
  readonly emailTimeoutMs?: number;
  /** How webhook hosts are resolved, for the URL policy and at delivery (the system's DNS). */
  readonly resolve?: Resolver;
}

/** Where contact outcomes go while metrics are off. */
const UNCOUNTED: ContactOutcomes = { record: () => undefined };

/** The metrics while METRICS_TOKEN is set; none otherwise, so that nothing is measured for no one. */
function createMetrics(parts: ContainerParts): PrometheusMetrics | undefined {
  if (parts.config.metricsToken === undefined) return undefined;
  const { outbox } = parts.storage;
  const outboxBacklog =
    parts.outboxBacklog ??
    (async () => {
      const { awaitingFanOut, pendingDeliveries } = await outbox.backlog();
      return awaitingFanOut + pendingDeliveries;
    });
  return new PrometheusMetrics({ outboxBacklog });
}

/**
 * The one place that knows every concrete class: exactly one adapter per
 * port, chosen by configuration, and services built from ports only.
 * Registration goes through typed tokens, so a Clock cannot be registered
 * or handed on where an IdGenerator is due.
 */
export function buildContainer(parts: ContainerParts): Container {
  const c = rootContainer.createChildContainer();
  const value = <T>(token: Token<T>, instance: NoInfer<T>): void => void c.registerInstance(token, instance);
  const single = <T>(token: Token<T>, make: (get: Container['resolve']) => NoInfer<T>): void =>
    // tsyringe keys on plain symbols; the typed token says what this one resolves to.
    void c.register(token, { useFactory: instanceCachingFactory((d) => make((t) => d.resolve(t))) });

  const metrics = createMetrics(parts);
  // Instrumented once, here, whichever adapter it is: every repository method is timed.
  const storage = metrics
    ? instrumentStorage(parts.storage, (operation) => metrics.storageOperation(operation))
    : parts.storage;
  value(TOKENS.Config, parts.config);
  value(TOKENS.Logger, parts.logger);
  value(TOKENS.Storage, storage);
  const clock = parts.clock ?? new SystemClock();
  const ids = parts.ids ?? new UlidIdGenerator();
  value(TOKENS.Clock, clock);
  value(TOKENS.IdGenerator, ids);
  value(TOKENS.ContactRateLimiter, parts.rateLimiter);
  value(TOKENS.HumanCheck, parts.humanCheck ?? createHumanCheck(parts.config));
  // A factory, not a value: the container holds no value that is undefined, which metrics are while off.
  c.register(TOKENS.Metrics, { useFactory: () => metrics });
  value(
    TOKENS.Readiness,
    new Readiness(storage, undefined, [
      { name: 'rate-limit', degraded: () => parts.rateLimiter.degraded() },
      { name: 'data-file', degraded: () => storage.refusesWrites() },
    ]),
  );

  const deliveries = makeDeliveries(parts, clock, ids);
  value(TOKENS.DeliveryDispatcher, deliveries.dispatcher);
  value(TOKENS.Deliveries, deliveries.lifecycle);
  value(TOKENS.WebhookService, deliveries.webhooks);
  value(TOKENS.NotificationService, deliveries.notifications);
  single(
    TOKENS.ContentEvents,
    (get) => new ContentEvents(get(TOKENS.Clock), get(TOKENS.IdGenerator), get(TOKENS.DeliveryDispatcher)),
  );
  single(
    TOKENS.ProfileService,
    (get) => new ProfileService(storage.profiles, get(TOKENS.Clock), get(TOKENS.ContentEvents)),
  );
  single(
    TOKENS.ProjectService,
    (get) =>
      new ProjectService(storage.projects, get(TOKENS.Clock), get(TOKENS.IdGenerator), get(TOKENS.ContentEvents)),
  );
  single(
    TOKENS.SkillService,
    (get) => new SkillService(storage.skills, get(TOKENS.IdGenerator), get(TOKENS.ContentEvents)),
  );
  single(
    TOKENS.ExperienceService,
    (get) => new ExperienceService(storage.experience, get(TOKENS.IdGenerator), get(TOKENS.ContentEvents)),
  );
  single(
    TOKENS.PortfolioService,
    (get) =>
      new PortfolioService(
        get(TOKENS.ProfileService),
        get(TOKENS.ProjectService),
        get(TOKENS.SkillService),
        get(TOKENS.ExperienceService),
      ),
  );
  single(
    TOKENS.ContactService,
    (get) =>
      new ContactService(
        storage.messages,
        get(TOKENS.ContactRateLimiter),
        get(TOKENS.HumanCheck),
        get(TOKENS.Clock),
        get(TOKENS.IdGenerator),
        metrics ?? UNCOUNTED,
        get(TOKENS.DeliveryDispatcher),
      ),
  );
  single(TOKENS.MessageService, (get) => new MessageService(storage.messages, get(TOKENS.NotificationService)));
  return c;
}

/**
 * The dispatcher and its senders (the webhook sender always; email when it is
 * configured), the webhooks admin and the message notifications. The
 * dispatcher is built stopped: `Deliveries` starts it (main, and tests that
 * deliver) and stops it.
 */
function makeDeliveries(parts: ContainerParts, clock: Clock, ids: IdGenerator) {
  const { config, storage } = parts;
  const tuning = parts.deliveries ?? {};
  const allowPrivate = config.webhookAllowPrivate;
  const webhookSender = new HttpWebhookSender({
    allowPrivate,
    ...(tuning.resolve && { resolve: tuning.resolve }),
    ...(tuning.webhookTimeoutMs !== undefined && { timeoutMs: tuning.webhookTimeoutMs }),
  });
  const emailSender =
    config.email &&
    new NodemailerEmailSender({
      ...config.email,
      ...(tuning.emailTimeoutMs !== undefined && { timeoutMs: tuning.emailTimeoutMs }),
    });
  const dispatcher = new DeliveryDispatcher(
    {
      outbox: storage.outbox,
      webhooks: storage.webhooks,
      webhookSender,
      ...(emailSender && { emailSender }),
      clock,
      ids,
      log: parts.logger.child({ component: 'deliveries' }),
    },
    {
      schedule: config.deliveryRetrySchedule,
      ...(tuning.pollMs !== undefined && { pollMs: tuning.pollMs }),
      ...(tuning.leaseMs !== undefined && { leaseMs: tuning.leaseMs }),
    },
  );
  const lifecycle: Deliveries = {
    start: () => dispatcher.start(),
    stop: async (graceMs) => {
      await dispatcher.stop(graceMs);
      await webhookSender.close();
      emailSender?.close();
    },
  };
  const webhooks = new WebhookService({
    webhooks: storage.webhooks,
    outbox: storage.outbox,
    urlPolicy: new WebhookTargetPolicy({ allowPrivate, ...(tuning.resolve && { resolve: tuning.resolve }) }),
    secrets: new RandomSecretGenerator(),
    clock,
    ids,
    trigger: dispatcher,
  });
  const notifications = new NotificationService({
    messages: storage.messages,
    outbox: storage.outbox,
    clock,
    ids,
    trigger: dispatcher,
    emailEnabled: emailSender !== undefined,
  });
  return { dispatcher, lifecycle, webhooks, notifications };
}

/** The contact form's widget on `/`: shown when the human check is on and its site key is set. */
export function captchaWidgetOf(config: Config): CaptchaWidget | undefined {
  const { provider, siteKey } = config.captcha ?? {};
  return provider && siteKey ? { provider, siteKey } : undefined;
}

/** What the HTTP layer is built from, resolved from the wired container. */
export function appDependencies(container: Container): AppDependencies {
  const config = container.resolve(TOKENS.Config);
  const metrics = container.resolve(TOKENS.Metrics);
  return {
    ...(metrics && { metrics }),
    config: { ...config, captchaWidget: captchaWidgetOf(config) },
    logger: container.resolve(TOKENS.Logger),
    readiness: container.resolve(TOKENS.Readiness),
    services: {
      profile: container.resolve(TOKENS.ProfileService),
      projects: container.resolve(TOKENS.ProjectService),
      skills: container.resolve(TOKENS.SkillService),
      experience: container.resolve(TOKENS.ExperienceService),
      portfolio: container.resolve(TOKENS.PortfolioService),
      contact: container.resolve(TOKENS.ContactService),
      messages: container.resolve(TOKENS.MessageService),
      notifications: container.resolve(TOKENS.NotificationService),
      webhooks: container.resolve(TOKENS.WebhookService),
    },
  };
}

/** The HTTP server's timeouts, as configured. */
export function httpTimeouts(config: Config): HttpTimeouts {
  return {
    requestMs: config.requestTimeoutSeconds * 1000,
    headersMs: config.headersTimeoutSeconds * 1000,
    keepAliveMs: config.keepAliveTimeoutSeconds * 1000,
  };
}
