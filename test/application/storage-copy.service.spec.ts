import { expect } from 'chai';
import { openMemoryStorage } from '../../src/adapters/persistence/memory/memory.storage.js';
import {
  copyStorage,
  describeCounts,
  readSnapshot,
  TargetNotEmptyError,
} from '../../src/application/storage-copy.service.js';
import type { Message } from '../../src/domain/messages/message.js';
import type { Repositories } from '../../src/domain/storage/storage.js';
import { aMessage, aProfile, aProject, aSkill, anExperience } from '../support/builders.js';
import {
  rejectionOf,
  stubExperienceRepository,
  stubMessageRepository,
  stubProfileRepository,
  stubProjectRepository,
  stubOutbox,
  stubSkillRepository,
  stubWebhookRepository,
} from '../support/fakes.js';

/** Repositories that answer with exactly these lists, in this order: what an adapter's own order would be. */
function listing(content: {
  projects?: ReturnType<typeof aProject>[];
  skills?: ReturnType<typeof aSkill>[];
  experience?: ReturnType<typeof anExperience>[];
  messages?: Message[];
}) {
  const projects = stubProjectRepository();
  projects.list.resolves({ items: content.projects ?? [], total: content.projects?.length ?? 0 });
  const skills = stubSkillRepository();
  skills.listAll.resolves(content.skills ?? []);
  const experience = stubExperienceRepository();
  experience.listAll.resolves(content.experience ?? []);
  const messages = stubMessageRepository();
  messages.list.callsFake(({ offset, limit }) => {
    const all = content.messages ?? [];
    return Promise.resolve({ items: all.slice(offset, offset + (limit ?? all.length)), total: all.length });
  });
  const repositories: Repositories = {
    profiles: stubProfileRepository(),
    projects,
    skills,
    experience,
    messages,
    webhooks: stubWebhookRepository(),
    outbox: stubOutbox(),
  };
  return { repositories, messages };
}

async function filledStorage() {
  const storage = openMemoryStorage({
    profile: aProfile({ version: 4 }),
    projects: [
      aProject({ id: 'p-2', slug: 'second', createdAt: '2025-02-01T00:00:00.000Z', status: 'draft', version: 3 }),
      aProject({ id: 'p-1', slug: 'first', createdAt: '2025-01-01T00:00:00.000Z' }),
    ],
    skills: [aSkill({ id: 's-2', name: 'Go' }), aSkill({ id: 's-1' })],
    experience: [anExperience({ id: 'e-1', version: 2 })],
  });
  await storage.messages.create(aMessage({ id: 'm-1', receivedAt: '2025-01-01T00:00:00.000Z' }));
  await storage.messages.create(
    aMessage({ id: 'm-2', receivedAt: '2025-01-02T00:00:00.000Z', status: 'archived', version: 5 }),
  );
  return storage;
}

describe('copyStorage', () => {
  it('when the target is empty, then every entity arrives with its id, timestamps and version', async () => {
    const from = await filledStorage();
    const to = openMemoryStorage();

    const result = await copyStorage(from, to);

    expect(result).to.deep.equal({ profile: 1, projects: 2, skills: 2, experience: 1, messages: 2 });
    expect(await readSnapshot(to)).to.deep.equal(await readSnapshot(from));
  });

  it('reads a snapshot in canonical order: projects and messages oldest first, skills and roles by id', async () => {
    const snapshot = await readSnapshot(await filledStorage());

    expect(snapshot.projects.map((p) => p.id)).to.deep.equal(['p-1', 'p-2']);
    expect(snapshot.skills.map((s) => s.id)).to.deep.equal(['s-1', 's-2']);
    expect(snapshot.messages.map((m) => m.id)).to.deep.equal(['m-1', 'm-2']);
  });

  it('orders whatever order the adapter lists in: oldest first with ties by id, skills and roles by id', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    const later = '2025-02-01T00:00:00.000Z';
    const { repositories } = listing({
      projects: [
        aProject({ id: 'p-c', createdAt: later }),
        aProject({ id: 'p-b', createdAt: at }),
        aProject({ id: 'p-a', createdAt: at }),
        aProject({ id: 'p-0', createdAt: later }),
      ],
      skills: [aSkill({ id: 's-b' }), aSkill({ id: 's-c' }), aSkill({ id: 's-a' })],
      experience: [anExperience({ id: 'e-b' }), anExperience({ id: 'e-c' }), anExperience({ id: 'e-a' })],
      messages: [
        aMessage({ id: 'm-c', receivedAt: later }),
        aMessage({ id: 'm-b', receivedAt: at }),
        aMessage({ id: 'm-a', receivedAt: at }),
        aMessage({ id: 'm-0', receivedAt: later }),
      ],
    });

    const snapshot = await readSnapshot(repositories);

    expect(snapshot.projects.map((p) => p.id)).to.deep.equal(['p-a', 'p-b', 'p-0', 'p-c']);
    expect(snapshot.skills.map((s) => s.id)).to.deep.equal(['s-a', 's-b', 's-c']);
    expect(snapshot.experience.map((e) => e.id)).to.deep.equal(['e-a', 'e-b', 'e-c']);
    expect(snapshot.messages.map((m) => m.id)).to.deep.equal(['m-a', 'm-b', 'm-0', 'm-c']);
  });

  it('puts the older entity first even when its id sorts higher, and breaks ties by id whatever the input order', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    const later = '2025-02-01T00:00:00.000Z';
    const older = listing({
      projects: [aProject({ id: 'p-0', createdAt: later }), aProject({ id: 'p-9', createdAt: at })],
      messages: [aMessage({ id: 'm-0', receivedAt: later }), aMessage({ id: 'm-9', receivedAt: at })],
    });
    const tied = listing({
      projects: [aProject({ id: 'p-a', createdAt: at }), aProject({ id: 'p-b', createdAt: at })],
      messages: [aMessage({ id: 'm-a', receivedAt: at }), aMessage({ id: 'm-b', receivedAt: at })],
    });

    const first = await readSnapshot(older.repositories);
    const second = await readSnapshot(tied.repositories);

    expect(first.projects.map((p) => p.id)).to.deep.equal(['p-9', 'p-0']);
    expect(first.messages.map((m) => m.id)).to.deep.equal(['m-9', 'm-0']);
    expect(second.projects.map((p) => p.id)).to.deep.equal(['p-a', 'p-b']);
    expect(second.messages.map((m) => m.id)).to.deep.equal(['m-a', 'm-b']);
  });

  it('reads the inbox page by page (1000 a page) until a page comes back short', async () => {
    const inbox = Array.from({ length: 2001 }, (_, n) =>
      aMessage({ id: `m-${String(n).padStart(4, '0')}`, receivedAt: '2025-01-01T00:00:00.000Z' }),
    );
    const { repositories, messages } = listing({ messages: inbox });

    const snapshot = await readSnapshot(repositories);

    expect(snapshot.messages).to.have.length(2001);
    expect(snapshot.messages.map((m) => m.id)).to.deep.equal(inbox.map((m) => m.id));
    expect(messages.list.args.map(([query]) => query)).to.deep.equal([
      { offset: 0, limit: 1000 },
      { offset: 1000, limit: 1000 },
      { offset: 2000, limit: 1000 },
    ]);
  });

  it('describes counts as a list a person reads', () => {
    expect(describeCounts({ profile: 1, projects: 2, skills: 0, experience: 3, messages: 4 })).to.equal(
      '1 profile, 2 projects, 0 skills, 3 experience, 4 messages',
    );
  });

  it('when the target holds anything, then it refuses and changes nothing', async () => {
    const to = openMemoryStorage({
      profile: null,
      projects: [aProject({ id: 'x', slug: 'kept' })],
      skills: [],
      experience: [],
    });

    const error = await rejectionOf(copyStorage(await filledStorage(), to));

    expect(error).to.be.instanceOf(TargetNotEmptyError);
    expect(error).to.include({
      name: 'TargetNotEmptyError',
      message:
        'The target storage is not empty (0 profile, 1 projects, 0 skills, 0 experience, 0 messages); pass --force to replace its content',
    });
    expect((await readSnapshot(to)).projects.map((p) => p.slug)).to.deep.equal(['kept']);
  });

  it('when forced, then the target content is replaced by the source', async () => {
    const from = await filledStorage();
    const to = openMemoryStorage({
      profile: aProfile({ name: 'Old', version: 9 }),
      projects: [aProject({ id: 'x', slug: 'gone' })],
      skills: [aSkill({ id: 'old-skill', name: 'Cobol' })],
      experience: [],
    });

    await copyStorage(from, to, { force: true });

    const copied = await readSnapshot(to);
    const source = await readSnapshot(from);
    expect(copied.projects).to.deep.equal(source.projects);
    expect(copied.skills).to.deep.equal(source.skills);
    expect(copied.profile).to.deep.equal(source.profile);
  });
});
