import type { Logger } from 'pino';
import type { Config } from './adapters/config/config.js';
import type { Readiness } from './adapters/http/readiness.js';
import type { PrometheusMetrics } from './adapters/metrics/prometheus-metrics.js';
import type { ContactService } from './application/contact.service.js';
import type { ContentEvents } from './application/content-events.js';
import type { DeliveryDispatcher } from './application/delivery-dispatcher.js';
import type { ExperienceService } from './application/experience.service.js';
import type { MessageService } from './application/message.service.js';
import type { NotificationService } from './application/notification.service.js';
import type { PortfolioService } from './application/portfolio.service.js';
import type { ProfileService } from './application/profile.service.js';
import type { ProjectService } from './application/project.service.js';
import type { SkillService } from './application/skill.service.js';
import type { WebhookService } from './application/webhook.service.js';
import type { ContactRateLimiter } from './domain/messages/contact-rate-limiter.js';
import type { HumanCheck } from './domain/messages/human-check.js';
import type { Clock } from './domain/shared/clock.js';
import type { IdGenerator } from './domain/shared/id-generator.js';
import type { Storage } from './domain/storage/storage.js';

declare const provides: unique symbol;

/**
 * A container key that names the type registered under it. At run time it is
 * a plain symbol (interfaces vanish, so the container keys on these); to the
 * compiler it carries its type, invariantly: a Clock token neither resolves
 * to an IdGenerator nor accepts one.
 */
export type Token<T> = symbol & { readonly [provides]: (value: T) => T };

const token = <T>(name: string): Token<T> => Symbol(name) as Token<T>;

export const TOKENS = {
  Config: token<Config>('Config'),
  Logger: token<Logger>('Logger'),
  Clock: token<Clock>('Clock'),
  IdGenerator: token<IdGenerator>('IdGenerator'),
  Storage: token<Storage>('Storage'),
  ContactRateLimiter: token<ContactRateLimiter>('ContactRateLimiter'),
  HumanCheck: token<HumanCheck>('HumanCheck'),
  Readiness: token<Readiness>('Readiness'),
  /** Undefined while metrics are off. */
  Metrics: token<PrometheusMetrics | undefined>('Metrics'),
  ProfileService: token<ProfileService>('ProfileService'),
  ProjectService: token<ProjectService>('ProjectService'),
  SkillService: token<SkillService>('SkillService'),
  ExperienceService: token<ExperienceService>('ExperienceService'),
  PortfolioService: token<PortfolioService>('PortfolioService'),
  ContactService: token<ContactService>('ContactService'),
  MessageService: token<MessageService>('MessageService'),
  ContentEvents: token<ContentEvents>('ContentEvents'),
  DeliveryDispatcher: token<DeliveryDispatcher>('DeliveryDispatcher'),
  Deliveries: token<Deliveries>('Deliveries'),
  WebhookService: token<WebhookService>('WebhookService'),
  NotificationService: token<NotificationService>('NotificationService'),
} as const;

/** Sending what the outbox holds, as the process starts and stops it (see startDeliveries in the composition root). */
export interface Deliveries {
  start(): void;
  /** Claims nothing more, lets attempts in flight finish for up to `graceMs`, then closes the senders. */
  stop(graceMs: number): Promise<void>;
}

/** The wired container as the code outside the composition root sees it: resolution by typed token only. */
export interface Container {
  resolve<T>(token: Token<T>): T;
}
