import { newDelivery, type Delivery, type NewDelivery } from '../../src/domain/events/delivery.js';
import type { ContentChange, ContentChanged, ContactReceived } from '../../src/domain/events/event.js';
import type { Experience } from '../../src/domain/experience/experience.js';
import type { Message } from '../../src/domain/messages/message.js';
import type { Profile } from '../../src/domain/profile/profile.js';
import type { Project } from '../../src/domain/projects/project.js';
import type { Skill } from '../../src/domain/skills/skill.js';
import type { Webhook } from '../../src/domain/webhooks/webhook.js';

/**
 * Builders with fixed, readable defaults: a test overrides only the fields
 * that decide its outcome, so those are the ones a reader sees.
 */
export function aProject(overrides: Partial<Project> = {}): Project {
  return {
    id: 'p-1',
    slug: 'sample-project',
    title: 'Sample project',
    summary: 'A project used by tests',
    description: '',
    tags: [],
    tech: [],
    links: {},
    featured: false,
    status: 'published',
    startedAt: '2024-01-01',
    endedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    name: 'Ada Example',
    headline: 'Backend developer',
    bio: '',
    links: {},
    availableForWork: false,
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aSkill(overrides: Partial<Skill> = {}): Skill {
  return { id: 's-1', name: 'TypeScript', category: 'Languages', level: 4, version: 1, ...overrides };
}

export function anExperience(overrides: Partial<Experience> = {}): Experience {
  return {
    id: 'e-1',
    company: 'Example GmbH',
    role: 'Developer',
    startDate: '2022-01-01',
    endDate: null,
    highlights: [],
    tech: [],
    version: 1,
    ...overrides,
  };
}

export function aMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm-1',
    name: 'Grace Sender',
    email: 'grace@example.com',
    message: 'Hello, I would like to talk about a project.',
    status: 'new',
    receivedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A secret of the right form: `whsec_` + base64 of 32 bytes (here all 0x2a). */
export const A_SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;

export function aWebhook(overrides: Partial<Webhook> = {}): Webhook {
  return {
    id: 'w-1',
    url: 'https://hooks.example.com/build',
    events: ['content.changed'],
    debounceSeconds: 0,
    active: true,
    secret: A_SECRET,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aChange(overrides: Partial<ContentChange> = {}): ContentChange {
  return {
    resource: 'project',
    action: 'updated',
    id: 'p-1',
    slug: 'sample-project',
    at: '2025-02-01T10:00:00.000Z',
    ...overrides,
  };
}

export function aContentChangedEvent(overrides: Partial<ContentChange> & { id?: string } = {}): ContentChanged {
  const { id = 'ev-1', ...change } = overrides;
  const full = aChange(change);
  return { id, type: 'content.changed', occurredAt: full.at, data: { changes: [full] } };
}

export function aContactReceivedEvent(
  overrides: { id?: string; messageId?: string; receivedAt?: string } = {},
): ContactReceived {
  const receivedAt = overrides.receivedAt ?? '2025-02-01T10:00:00.000Z';
  return {
    id: overrides.id ?? 'ev-1',
    type: 'contact.received',
    occurredAt: receivedAt,
    data: {
      id: overrides.messageId ?? 'm-1',
      name: 'Grace Sender',
      email: 'grace@example.com',
      message: 'Hello, I would like to talk about a project.',
      receivedAt,
    },
  };
}

/** A pending webhook delivery of one content change, due at its creation. */
export function aDelivery(overrides: Partial<NewDelivery> & Partial<Delivery> = {}): Delivery {
  const { dueAt, ...state } = overrides;
  const createdAt = overrides.createdAt ?? '2025-02-01T10:00:00.000Z';
  const base = newDelivery({
    id: 'd-1',
    target: { kind: 'webhook', webhookId: 'w-1' },
    event: { id: 'ev-1', type: 'content.changed' },
    timestamp: createdAt,
    data: { changes: [aChange({ at: createdAt })] },
    createdAt,
    dueAt: dueAt ?? createdAt,
  });
  return { ...base, ...state };
}
