import { expect } from 'chai';
import { openMemoryStorage } from '../../src/adapters/persistence/memory/memory.storage.js';
import { copyStorage, readSnapshot, TargetNotEmptyError } from '../../src/application/storage-copy.service.js';
import { aMessage, aProfile, aProject, aSkill, anExperience } from '../support/builders.js';
import { rejectionOf } from '../support/fakes.js';

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

  it('when the target holds anything, then it refuses and changes nothing', async () => {
    const to = openMemoryStorage({
      profile: null,
      projects: [aProject({ id: 'x', slug: 'kept' })],
      skills: [],
      experience: [],
    });

    const error = await rejectionOf(copyStorage(await filledStorage(), to));

    expect(error).to.be.instanceOf(TargetNotEmptyError);
    expect((error as Error).message).to.include('1 projects');
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
