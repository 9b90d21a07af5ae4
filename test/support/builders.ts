import type { Experience } from '../../src/domain/experience/experience.js';
import type { Message } from '../../src/domain/messages/message.js';
import type { Profile } from '../../src/domain/profile/profile.js';
import type { Project } from '../../src/domain/projects/project.js';
import type { Skill } from '../../src/domain/skills/skill.js';

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
