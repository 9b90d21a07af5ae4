import { expect } from 'chai';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseContentDocument } from '../../../../src/adapters/persistence/file/content-document.js';
import { openFileStorage, type FileStorageOptions } from '../../../../src/adapters/persistence/file/file.storage.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import { StorageUnavailableError } from '../../../../src/domain/shared/errors.js';
import { aMessage, anExperience, aProfile, aProject, aSkill } from '../../../support/builders.js';
import { expectRejection } from '../contract/expect-rejection.js';
import {
  ControlledFileSystem,
  makeTempDir,
  recordingLogger,
  removeDir,
  temporaryFilesIn,
} from './file-test-support.js';

describe('file storage: the data file on disk', () => {
  let dir: string;
  let dataFile: string;
  const open: Storage[] = [];

  async function openStorage(options: Partial<FileStorageOptions> = {}): Promise<Storage> {
    const storage = await openFileStorage({ dataFile, logger: recordingLogger(), watchIntervalMs: 60_000, ...options });
    open.push(storage);
    return storage;
  }

  async function reopen(storage: Storage): Promise<Storage> {
    await storage.close();
    return openStorage();
  }

  beforeEach(async () => {
    dir = await makeTempDir();
    dataFile = join(dir, 'portfolio.json');
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((storage) => storage.close()));
    await chmod(dir, 0o700).catch(() => undefined);
    await removeDir(dir);
  });

  async function documentOnDisk(): Promise<ReturnType<typeof parseContentDocument>> {
    return parseContentDocument(await readFile(dataFile, 'utf8'));
  }

  describe('when the file does not exist', () => {
    it('creates it with empty content, pretty-printed with a format marker', async () => {
      await openStorage();
      const text = await readFile(dataFile, 'utf8');
      expect(JSON.parse(text)).to.deep.equal({ format: 1, profile: null, projects: [], skills: [], experience: [] });
      expect(text).to.equal(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    });

    it('creates it from the seed when one is given, and serves the seed', async () => {
      const seed = { profile: aProfile(), projects: [aProject()], skills: [aSkill()], experience: [anExperience()] };
      const storage = await openStorage({ seed: () => seed });
      expect(await storage.profiles.get()).to.deep.equal(seed.profile);
      expect(await documentOnDisk()).to.deep.equal({ ok: true, state: seed });
    });

    it('creates missing directories on the way', async () => {
      dataFile = join(dir, 'nested', 'deeper', 'portfolio.json');
      await openStorage();
      expect((await stat(dataFile)).isFile()).to.equal(true);
    });
  });

  it('after every write the file is valid and holds exactly the served content', async () => {
    const storage = await openStorage();
    const project = aProject({ id: 'p-1', slug: 'one', links: { repo: 'https://github.com/a/b' } });
    const writes: (() => Promise<void>)[] = [
      () => storage.profiles.save(aProfile({ location: 'Berlin' }), null),
      () => storage.projects.create(project),
      () => storage.projects.update({ ...project, title: 'Renamed', tags: ['b', 'a'], version: 2 }, 1),
      () => storage.skills.create(aSkill({ years: 3 })),
      () => storage.experience.create(anExperience({ location: 'Remote' })),
      () => storage.experience.update(anExperience({ version: 2 }), 1),
      () => storage.skills.delete('s-1', 1),
      () => storage.projects.delete('p-1', 2),
    ];
    for (const write of writes) {
      await write();
      const onDisk = await documentOnDisk();
      expect(onDisk.ok, JSON.stringify(onDisk)).to.equal(true);
      if (!onDisk.ok) return;
      expect(onDisk.state).to.deep.equal({
        profile: await storage.profiles.get(),
        projects: (await storage.projects.list({ status: 'all', tags: [], sort: 'title', offset: 0 })).items,
        skills: await storage.skills.listAll(),
        experience: await storage.experience.listAll(),
      });
    }
  });

  it('writes keys in a fixed order, whatever the order of the written object', async () => {
    const storage = await openStorage();
    const { version, id, ...rest } = aProject({
      links: { live: 'https://x.example.com', repo: 'https://github.com/a/b' },
    });
    await storage.projects.create({ version, ...rest, id });
    const [written] = JSON.parse(await readFile(dataFile, 'utf8')).projects;
    expect(Object.keys(written)).to.deep.equal([
      'id',
      'slug',
      'title',
      'summary',
      'description',
      'tags',
      'tech',
      'links',
      'featured',
      'status',
      'startedAt',
      'endedAt',
      'createdAt',
      'updatedAt',
      'version',
    ]);
    expect(Object.keys(written.links)).to.deep.equal(['repo', 'live']);
  });

  it('survives a restart: close and open on the same path give the same content and inbox', async () => {
    const storage = await openStorage();
    const profile = aProfile({ email: 'ada@example.com' });
    const project = aProject({ id: 'p-1', slug: 'kept', status: 'draft', endedAt: '2024-02-01' });
    const skill = aSkill({ years: 1.5 });
    const role = anExperience({ highlights: ['One', 'Two'] });
    const messages = [
      aMessage({ id: 'm-1', subject: 'Hi' }),
      aMessage({ id: 'm-2', receivedAt: '2025-02-01T00:00:00.000Z' }),
    ];
    await storage.profiles.save(profile, null);
    await storage.projects.create(project);
    await storage.skills.create(skill);
    await storage.experience.create(role);
    for (const message of messages) await storage.messages.create(message);
    await storage.messages.update({ ...messages[0]!, status: 'read', version: 2 }, 1);

    const again = await reopen(storage);
    expect(await again.profiles.get()).to.deep.equal(profile);
    expect(await again.projects.findBySlug('kept')).to.deep.equal(project);
    expect(await again.skills.listAll()).to.deep.equal([skill]);
    expect(await again.experience.listAll()).to.deep.equal([role]);
    expect((await again.messages.list({ offset: 0, limit: 10 })).items).to.deep.equal([
      messages[1],
      { ...messages[0]!, status: 'read', version: 2 },
    ]);
  });

  it('concurrent writes are all kept, in memory and on disk', async () => {
    const storage = await openStorage();
    const projects = Array.from({ length: 50 }, (_, i) => aProject({ id: `p-${i}`, slug: `project-${i}` }));
    await Promise.all(projects.map((project) => storage.projects.create(project)));
    const all = { status: 'all', tags: [], sort: 'title', offset: 0 } as const;
    expect((await storage.projects.list(all)).items).to.have.deep.members(projects);
    const again = await reopen(storage);
    expect((await again.projects.list(all)).items).to.have.deep.members(projects);
  });

  it('close waits for the writes already queued, then refuses new ones', async () => {
    const storage = await openStorage();
    const queued = Array.from({ length: 5 }, (_, i) =>
      storage.projects.create(aProject({ id: `p-${i}`, slug: `queued-${i}` })),
    );
    const message = storage.messages.create(aMessage());
    await storage.close();
    await Promise.all([...queued, message]);
    await expectRejection(storage.skills.create(aSkill()), StorageUnavailableError);
    await expectRejection(storage.messages.create(aMessage({ id: 'm-late' })), StorageUnavailableError);
    await expectRejection(storage.ping(), StorageUnavailableError);

    const again = await openStorage();
    expect((await again.projects.list({ status: 'all', tags: [], sort: 'title', offset: 0 })).total).to.equal(5);
    expect(await again.messages.findById('m-1')).to.deep.equal(aMessage());
  });

  describe('when a write fails', () => {
    it('rejects with StorageUnavailableError, leaves the file and the served content as they were, and removes its temporary file', async () => {
      const fs = new ControlledFileSystem();
      const storage = await openStorage({ fileSystem: fs });
      await storage.projects.create(aProject({ id: 'p-1', slug: 'before' }));
      const before = await readFile(dataFile);

      await chmod(dir, 0o500);
      // Root ignores directory permissions: make the write fail at the rename instead, after its temporary file exists.
      if (await canWriteIn(dir)) fs.failRenames = 'EACCES';
      const error = await expectRejection(
        storage.projects.create(aProject({ id: 'p-2', slug: 'after' })),
        StorageUnavailableError,
      );
      expect(error.message).to.include('EACCES').and.not.include(dir);

      expect(await readFile(dataFile)).to.deep.equal(before);
      expect(await storage.projects.findBySlug('after')).to.equal(null);
      expect((await storage.projects.findBySlug('before'))?.id).to.equal('p-1');
      expect(await temporaryFilesIn(dir)).to.deep.equal([]);

      await chmod(dir, 0o700);
      fs.failRenames = null;
      await storage.projects.create(aProject({ id: 'p-2', slug: 'after' }));
      expect((await storage.projects.findBySlug('after'))?.id).to.equal('p-2');
    });

    it('rejects with a plain Error (a 500) when the cause is not a condition of the disk', async () => {
      const fs = new ControlledFileSystem();
      const storage = await openStorage({ fileSystem: fs });
      fs.failRenames = 'EXDEV';
      const error = await expectRejection(storage.skills.create(aSkill()), Error);
      expect(error).not.to.be.instanceOf(StorageUnavailableError);
      expect(await storage.skills.listAll()).to.deep.equal([]);
    });
  });

  describe('stray temporary files', () => {
    it('are never read, and are removed at start', async () => {
      const stray = join(dir, '.portfolio.json.4242.0123456789ab.tmp');
      await writeFile(stray, '{ "half a docu');
      const unrelated = join(dir, '.other.json.4242.0123456789ab.tmp');
      await writeFile(unrelated, 'not ours');
      const storage = await openStorage();
      expect(await storage.profiles.get()).to.equal(null);
      expect(await temporaryFilesIn(dir)).to.deep.equal(['.other.json.4242.0123456789ab.tmp']);
    });

    it('do not hide a valid data file beside them', async () => {
      const first = await openStorage();
      await first.projects.create(aProject({ slug: 'real' }));
      await first.close();
      await writeFile(join(dir, '.portfolio.json.99.ffffffffffff.tmp'), '{"format":1,"projects":[]}');
      const again = await openStorage();
      expect((await again.projects.findBySlug('real'))?.slug).to.equal('real');
    });
  });
});

async function canWriteIn(dir: string): Promise<boolean> {
  const probe = join(dir, '.probe');
  try {
    await writeFile(probe, '');
  } catch {
    return false;
  }
  await import('node:fs/promises').then((fs) => fs.unlink(probe));
  return true;
}
