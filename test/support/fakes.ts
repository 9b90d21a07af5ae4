import sinon from 'sinon';
import { ContentEvents } from '../../src/application/content-events.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import type { IdGenerator } from '../../src/domain/shared/id-generator.js';
import type { ExperienceRepository } from '../../src/domain/experience/experience.repository.js';
import type { ContactRateLimiter } from '../../src/domain/messages/contact-rate-limiter.js';
import type { HumanCheck } from '../../src/domain/messages/human-check.js';
import type { MessageRepository } from '../../src/domain/messages/message.repository.js';
import type { ProfileRepository } from '../../src/domain/profile/profile.repository.js';
import type { ProjectRepository } from '../../src/domain/projects/project.repository.js';
import type { SkillRepository } from '../../src/domain/skills/skill.repository.js';
import type { EmailSender } from '../../src/domain/events/email-sender.js';
import type { Outbox } from '../../src/domain/events/outbox.js';
import type { WebhookSender } from '../../src/domain/events/webhook-sender.js';
import type { WebhookRepository } from '../../src/domain/webhooks/webhook.repository.js';

/** The instant every FixedClock reports unless told otherwise. */
export const NOW = '2026-11-25T20:17:51.000Z';

/** A clock that never moves: every `now()` is the same instant (a fresh Date each time). */
export class FixedClock implements Clock {
  private readonly millis: number;

  constructor(iso: string = NOW) {
    this.millis = Date.parse(iso);
  }

  now(): Date {
    return new Date(this.millis);
  }
}

/** Ids `id-1`, `id-2`, … in call order. */
export class SequentialIds implements IdGenerator {
  private count = 0;

  constructor(private readonly prefix = 'id-') {}

  next(): string {
    this.count += 1;
    return `${this.prefix}${this.count}`;
  }
}

/** Every method of a port replaced by a sinon stub with the same signature. */
export type Stubbed<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? sinon.SinonStub<A, R> : never;
};

// Writes resolve by default; reads return nothing until a test says what they return.

export function stubProjectRepository(): Stubbed<ProjectRepository> {
  return {
    list: sinon.stub<Parameters<ProjectRepository['list']>, ReturnType<ProjectRepository['list']>>(),
    findBySlug: sinon.stub<[string], ReturnType<ProjectRepository['findBySlug']>>().resolves(null),
    create: sinon.stub<Parameters<ProjectRepository['create']>, Promise<void>>().resolves(),
    update: sinon.stub<Parameters<ProjectRepository['update']>, Promise<void>>().resolves(),
    delete: sinon.stub<[string, number], Promise<void>>().resolves(),
    tagCounts: sinon.stub<[], ReturnType<ProjectRepository['tagCounts']>>(),
  };
}

export function stubProfileRepository(): Stubbed<ProfileRepository> {
  return {
    get: sinon.stub<[], ReturnType<ProfileRepository['get']>>().resolves(null),
    save: sinon.stub<Parameters<ProfileRepository['save']>, Promise<void>>().resolves(),
  };
}

export function stubSkillRepository(): Stubbed<SkillRepository> {
  return {
    listAll: sinon.stub<[], ReturnType<SkillRepository['listAll']>>(),
    findById: sinon.stub<[string], ReturnType<SkillRepository['findById']>>().resolves(null),
    create: sinon.stub<Parameters<SkillRepository['create']>, Promise<void>>().resolves(),
    update: sinon.stub<Parameters<SkillRepository['update']>, Promise<void>>().resolves(),
    delete: sinon.stub<[string, number], Promise<void>>().resolves(),
  };
}

export function stubExperienceRepository(): Stubbed<ExperienceRepository> {
  return {
    listAll: sinon.stub<[], ReturnType<ExperienceRepository['listAll']>>(),
    findById: sinon.stub<[string], ReturnType<ExperienceRepository['findById']>>().resolves(null),
    create: sinon.stub<Parameters<ExperienceRepository['create']>, Promise<void>>().resolves(),
    update: sinon.stub<Parameters<ExperienceRepository['update']>, Promise<void>>().resolves(),
    delete: sinon.stub<[string, number], Promise<void>>().resolves(),
  };
}

export function stubMessageRepository(): Stubbed<MessageRepository> {
  return {
    list: sinon.stub<Parameters<MessageRepository['list']>, ReturnType<MessageRepository['list']>>(),
    findById: sinon.stub<[string], ReturnType<MessageRepository['findById']>>().resolves(null),
    create: sinon.stub<Parameters<MessageRepository['create']>, Promise<void>>().resolves(),
    update: sinon.stub<Parameters<MessageRepository['update']>, Promise<void>>().resolves(),
    delete: sinon.stub<[string, number], Promise<void>>().resolves(),
  };
}

export function stubRateLimiter(): Stubbed<ContactRateLimiter> {
  return {
    consume: sinon.stub<[string], ReturnType<ContactRateLimiter['consume']>>().resolves({ allowed: true }),
  };
}

export function stubWebhookRepository(): Stubbed<WebhookRepository> {
  return {
    listAll: sinon.stub<[], ReturnType<WebhookRepository['listAll']>>().resolves([]),
    findById: sinon.stub<[string], ReturnType<WebhookRepository['findById']>>().resolves(null),
    create: sinon.stub<Parameters<WebhookRepository['create']>, Promise<void>>().resolves(),
    update: sinon.stub<Parameters<WebhookRepository['update']>, Promise<void>>().resolves(),
    delete: sinon.stub<[string, number], Promise<void>>().resolves(),
  };
}

/** An empty outbox: nothing recorded, nothing due; writes resolve. */
export function stubOutbox(): Stubbed<Outbox> {
  type P<K extends keyof Outbox> = Parameters<Outbox[K]>;
  type R<K extends keyof Outbox> = ReturnType<Outbox[K]>;
  return {
    record: sinon.stub<P<'record'>, R<'record'>>().resolves(),
    fanOut: sinon.stub<P<'fanOut'>, R<'fanOut'>>().resolves(0),
    claimDue: sinon.stub<P<'claimDue'>, R<'claimDue'>>().resolves([]),
    complete: sinon.stub<P<'complete'>, R<'complete'>>().resolves(true),
    release: sinon.stub<P<'release'>, R<'release'>>().resolves(),
    nextDueAt: sinon.stub<P<'nextDueAt'>, R<'nextDueAt'>>().resolves(null),
    enqueue: sinon.stub<P<'enqueue'>, R<'enqueue'>>().resolves(),
    listDeliveries: sinon.stub<P<'listDeliveries'>, R<'listDeliveries'>>().resolves({ items: [], total: 0 }),
    findDelivery: sinon.stub<P<'findDelivery'>, R<'findDelivery'>>().resolves(null),
    redeliver: sinon.stub<P<'redeliver'>, R<'redeliver'>>().resolves(null),
    emailDeliveryOf: sinon.stub<P<'emailDeliveryOf'>, R<'emailDeliveryOf'>>().resolves(null),
    awaitsFanOut: sinon.stub<P<'awaitsFanOut'>, R<'awaitsFanOut'>>().resolves(false),
    discardDeliveriesOf: sinon.stub<P<'discardDeliveriesOf'>, R<'discardDeliveriesOf'>>().resolves(),
    backlog: sinon.stub<P<'backlog'>, R<'backlog'>>().resolves({ awaitingFanOut: 0, pendingDeliveries: 0 }),
  };
}

/** Senders whose every attempt succeeds until a test says otherwise. */
export function stubWebhookSender(): Stubbed<WebhookSender> {
  return {
    send: sinon
      .stub<Parameters<WebhookSender['send']>, ReturnType<WebhookSender['send']>>()
      .resolves({ statusCode: 200, error: null, durationMs: 5 }),
  };
}

export function stubEmailSender(): Stubbed<EmailSender> {
  return {
    send: sinon
      .stub<Parameters<EmailSender['send']>, ReturnType<EmailSender['send']>>()
      .resolves({ statusCode: null, error: null, durationMs: 5 }),
  };
}

/** A check that finds a person until a test says otherwise. */
export function stubHumanCheck(): Stubbed<HumanCheck> {
  return {
    verify: sinon
      .stub<Parameters<HumanCheck['verify']>, ReturnType<HumanCheck['verify']>>()
      .resolves({ outcome: 'person' }),
  };
}

/** The reason `promise` rejects with; fails the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

/** What `action` throws; fails the test when it returns instead. */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw, but it returned');
}

/**
 * Name resolution from a table, as a test wants it: no DNS is asked. A name
 * not in it does not resolve (ENOTFOUND), as an unknown name would not.
 */
export function fakeResolver(
  table: Record<string, readonly string[]> = {},
): (hostname: string) => Promise<{ address: string; family: number }[]> {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** ContentEvents at the fixed clock with event ids ev-1, ev-2…, and the dispatcher's wake as a stub to count. */
export function fakeContentEvents(): { events: ContentEvents; wake: sinon.SinonStub<[], void> } {
  const wake = sinon.stub<[], void>();
  return { events: new ContentEvents(new FixedClock(), new SequentialIds('ev-'), { wake }), wake };
}
