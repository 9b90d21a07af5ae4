import { expect } from 'chai';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openFileStorage } from '../../../../src/adapters/persistence/file/file.storage.js';
import type { Content } from '../../../../src/domain/storage/content.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import { StaleWriteError, StorageUnavailableError } from '../../../../src/domain/shared/errors.js';
import { aMessage, anExperience, aProfile, aProject, aSkill } from '../../../support/builders.js';
import { expectRejection } from '../contract/expect-rejection.js';
import { ControlledFileSystem, makeTempDir, recordingLogger, removeDir, waitFor } from './file-test-support.js';

describe('file storage: hand edits while running', () => {
  let dir: string;
  let dataFile: string;
  let logger: ReturnType<typeof recordingLogger>;
  let storage: Storage;
  const seed: Content = {
    profile: null,
    projects: [aProject({ id: 'p-1', slug: 'edited', title: 'Before' }), aProject({ id: 'p-2', slug: 'untouched' })],
    skills: [],
    experience: [],
  };

  async function start(watchIntervalMs: number): Promise<void> {
    storage = await openFileStorage({ dataFile, logger, watchIntervalMs, seed: () => seed });
  }

  /** What an editor does on save: the whole file at once, by rename, so that a poll never sees half of it. */
  async function handEdit(text: string): Promise<void> {
    await writeFile(`${dataFile}.editing`, text);
    await rename(`${dataFile}.editing`, dataFile);
  }

  async function editDocument(edit: (document: any) => void): Promise<void> {
    const document = JSON.parse(await readFile(dataFile, 'utf8'));
    edit(document);
    await handEdit(JSON.stringify(document, null, 4));
  }

  const titleOf = async (slug: string) => (await storage.projects.findBySlug(slug))?.title;
  const messagesAt = (level: 'info' | 'error') => logger.at(level).map((entry) => entry.message);

  beforeEach(async () => {
    dir = await makeTempDir();
    dataFile = join(dir, 'portfolio.json');
    logger = recordingLogger();
  });

  afterEach(async () => {
    await storage.close();
    await removeDir(dir);
  });

  it('a valid edit becomes the served content, and is logged; our own writes are not taken for edits', async () => {
    await start(20);
    await editDocument((document) => (document.projects[0].title = 'After'));
    await waitFor(async () => (await titleOf('edited')) === 'After', 'the edit to be served');

    await storage.skills.create(aSkill());
    await editDocument((document) => (document.projects[0].title = 'Again'));
    await waitFor(async () => (await titleOf('edited')) === 'Again', 'the second edit to be served');

    const edits = messagesAt('info').filter((message) => message.includes('was edited'));
    expect(edits).to.have.length(2);
    expect(await storage.skills.listAll()).to.have.length(1);
  });

  it('an unchanged file is not read again at each poll, and an edit is still seen', async () => {
    const fileSystem = new ControlledFileSystem();
    storage = await openFileStorage({ dataFile, logger, watchIntervalMs: 5, seed: () => seed, fileSystem });
    const polls = () => fileSystem.statsOf(dataFile);
    const reads = () => fileSystem.readsOf(dataFile);
    await waitFor(() => polls() >= 3, 'three polls');
    const readsBefore = reads();
    const pollsBefore = polls();
    await waitFor(() => polls() >= pollsBefore + 5, 'five more polls');
    expect(reads()).to.equal(readsBefore);

    await editDocument((document) => (document.projects[0].title = 'After'));
    await waitFor(async () => (await titleOf('edited')) === 'After', 'the edit to be served');
    expect(reads()).to.be.greaterThan(readsBefore);
  });

  describe('an invalid edit', () => {
    const broken = '{ "projects": [ { "id": "p-1", "slug": "Bad Slug" ';

    beforeEach(async () => {
      await start(20);
      await handEdit(broken);
      await waitFor(() => messagesAt('error').length > 0, 'the invalid edit to be reported');
    });

    it('is reported once, naming the file and the problem', async () => {
      const [report] = logger.at('error');
      expect(report!.message).to.include(dataFile).and.include('not valid JSON');
      await expectRejection(storage.skills.create(aSkill()), StorageUnavailableError);
      await expectRejection(storage.skills.create(aSkill()), StorageUnavailableError);
      expect(messagesAt('error')).to.have.length(1);
    });

    it('keeps serving the last good content', async () => {
      expect(await titleOf('edited')).to.equal('Before');
      expect((await storage.projects.list({ status: 'all', tags: [], sort: 'title', offset: 0 })).total).to.equal(2);
    });

    it('makes writes reject with StorageUnavailableError, and the file is never overwritten', async () => {
      const error = await expectRejection(
        storage.projects.create(aProject({ id: 'p-3', slug: 'new' })),
        StorageUnavailableError,
      );
      expect(error.message).to.include('portfolio.json is invalid').and.include('fix it');
      await expectRejection(storage.profiles.save(aProfile(), null), StorageUnavailableError);
      expect(await readFile(dataFile, 'utf8')).to.equal(broken);
      expect(await storage.projects.findBySlug('new')).to.equal(null);
    });

    it('leaves ping answering and the inbox accepting messages', async () => {
      await storage.ping();
      await storage.messages.create(aMessage());
      expect(await storage.messages.findById('m-1')).to.deep.equal(aMessage());
    });

    it('once fixed, the fixed content is served and writes work again', async () => {
      await handEdit(JSON.stringify({ projects: [{ ...seed.projects[0], title: 'Fixed' }] }));
      await waitFor(async () => (await titleOf('edited')) === 'Fixed', 'the fixed file to be served');
      await storage.projects.create(aProject({ id: 'p-3', slug: 'new' }));
      const onDisk = JSON.parse(await readFile(dataFile, 'utf8'));
      expect(onDisk.projects.map((project: { slug: string }) => project.slug)).to.deep.equal(['edited', 'new']);
    });

    it('a schema violation is reported with its dotted path', async () => {
      await editDocumentFrom(seed, (document) => (document.projects[1].slug = 'Not Valid'));
      await waitFor(() => messagesAt('error').length > 1, 'the second invalid edit to be reported');
      expect(logger.at('error')[1]!.message).to.include('projects.1.slug: Must be lowercase');
    });
  });

  async function editDocumentFrom(state: Content, edit: (document: any) => void): Promise<void> {
    const document = JSON.parse(JSON.stringify({ format: 1, ...state }));
    edit(document);
    await handEdit(JSON.stringify(document));
  }

  describe('versions after an edit: what clients hold ETags of', () => {
    /** Served versions above 1, so that "one above the served version" differs from "one above the file's". */
    const served: Content = {
      profile: aProfile({ headline: 'Before', version: 2 }),
      projects: [
        aProject({ id: 'p-1', slug: 'edited', title: 'Before', version: 3 }),
        aProject({ id: 'p-2', slug: 'untouched', version: 2 }),
      ],
      skills: [aSkill({ id: 's-1', name: 'Go', version: 2 }), aSkill({ id: 's-2', name: 'Rust', version: 5 })],
      experience: [anExperience({ id: 'e-1', role: 'Before', version: 4 }), anExperience({ id: 'e-2', version: 6 })],
    };

    const versions = async () => ({
      profile: (await storage.profiles.get())?.version,
      projects: (await storage.projects.list({ status: 'all', tags: [], sort: 'title', offset: 0 })).items
        .map((project) => `${project.id}@${project.version}`)
        .sort(),
      skills: (await storage.skills.listAll()).map((skill) => `${skill.id}@${skill.version}`).sort(),
      experience: (await storage.experience.listAll()).map((role) => `${role.id}@${role.version}`).sort(),
    });

    async function startWith(content: Content): Promise<void> {
      storage = await openFileStorage({ dataFile, logger, watchIntervalMs: 20, seed: () => content });
    }

    /** Edits the file and waits until a poll has loaded it. */
    async function editAndLoad(edit: (document: any) => void): Promise<void> {
      const loadedBefore = messagesAt('info').filter((message) => message.includes('was edited')).length;
      await editDocument(edit);
      await waitFor(
        () => messagesAt('info').filter((message) => message.includes('was edited')).length > loadedBefore,
        'the edit to be loaded',
      );
    }

    it('a changed entity, in every section, gets the version after the one served; the others keep theirs', async () => {
      await startWith(served);
      await editAndLoad((document) => {
        document.profile.headline = 'After';
        document.projects[0].title = 'After';
        document.skills[0].level = 1;
        document.experience[0].role = 'After';
      });
      expect(await versions()).to.deep.equal({
        profile: 3,
        projects: ['p-1@4', 'p-2@2'],
        skills: ['s-1@3', 's-2@5'],
        experience: ['e-1@5', 'e-2@6'],
      });
      expect(await titleOf('edited')).to.equal('After');
    });

    it('keys in another order, at the top or nested, are not a change', async () => {
      // Held in process in an order unlike the file's: as an API client may have sent it.
      const reversed = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).reverse()) as T;
      const project = aProject({
        id: 'p-3',
        slug: 'reordered',
        links: { live: 'https://example.com/live', repo: 'https://example.com/repo' },
        version: 7,
      });
      await startWith({
        ...served,
        projects: [...served.projects, reversed(project)],
        skills: [reversed(served.skills[0]!)],
      });
      await editAndLoad((document) => {
        document.projects = document.projects.map(reversed);
        document.projects[2].links = reversed(document.projects[2].links);
        document.skills = document.skills.map(reversed);
        document.profile = reversed(document.profile);
      });
      expect(await versions()).to.deep.equal({
        profile: 2,
        projects: ['p-1@3', 'p-2@2', 'p-3@7'],
        skills: ['s-1@2'],
        experience: ['e-1@4', 'e-2@6'],
      });
    });

    it('a version the editor raised is served as written when the content changed, and ignored when it did not', async () => {
      await startWith(served);
      await editAndLoad((document) => {
        document.projects[0].title = 'After';
        document.projects[0].version = 10;
        document.projects[1].version = 9;
        document.skills[1].version = 6;
      });
      expect(await versions()).to.include({ profile: 2 });
      expect((await versions()).projects).to.deep.equal(['p-1@10', 'p-2@2']);
      expect((await versions()).skills).to.deep.equal(['s-1@2', 's-2@5']);
    });

    it('a version the editor lowered is not served: a changed entity gets one above the served, an unchanged one keeps it', async () => {
      await startWith(served);
      await editAndLoad((document) => {
        document.experience[0].role = 'After';
        document.experience[0].version = 1;
        document.experience[1].version = 1;
      });
      expect((await versions()).experience).to.deep.equal(['e-1@5', 'e-2@6']);
    });

    it('a write based on the version served before the edit is stale; one based on the new version succeeds', async () => {
      await startWith(served);
      const before = (await storage.skills.findById('s-1'))!;
      await editAndLoad((document) => (document.skills[0].level = 1));
      await expectRejection(
        storage.skills.update({ ...before, level: 5, version: 3 }, before.version),
        StaleWriteError,
      );
      const current = (await storage.skills.findById('s-1'))!;
      expect(current).to.deep.equal({ ...before, level: 1, version: 3 });
      await storage.skills.update({ ...current, level: 5, version: 4 }, current.version);
      expect((await storage.skills.findById('s-1'))?.level).to.equal(5);
    });
  });

  describe('an edit saved just before a write (before any poll saw it)', () => {
    beforeEach(async () => {
      await start(60_000);
    });

    it('is kept: the write applies to the edited content', async () => {
      await editDocument((document) => document.skills.push(aSkill({ id: 's-hand', name: 'Added by hand' })));
      await storage.projects.create(aProject({ id: 'p-3', slug: 'written' }));
      const onDisk = JSON.parse(await readFile(dataFile, 'utf8'));
      expect(onDisk.skills.map((skill: { id: string }) => skill.id)).to.deep.equal(['s-hand']);
      expect(onDisk.projects.map((project: { slug: string }) => project.slug)).to.deep.equal([
        'edited',
        'untouched',
        'written',
      ]);
      expect((await storage.skills.findById('s-hand'))?.name).to.equal('Added by hand');
    });

    it('makes a write based on what was read before it stale, even when the editor kept the version', async () => {
      const read = (await storage.projects.findBySlug('edited'))!;
      await editDocument((document) => (document.projects[0].title = 'Edited by hand'));
      await expectRejection(
        storage.projects.update({ ...read, title: 'From the API', version: 2 }, read.version),
        StaleWriteError,
      );
      const current = (await storage.projects.findBySlug('edited'))!;
      expect(current.title).to.equal('Edited by hand');
      expect(current.version).to.be.greaterThan(read.version);
      expect((await storage.projects.findBySlug('untouched'))?.version).to.equal(1);
      await storage.projects.update(
        { ...current, title: 'From the API', version: current.version + 1 },
        current.version,
      );
      expect(await titleOf('edited')).to.equal('From the API');
    });

    it('a deleted file refuses writes until it is back, and keeps serving', async () => {
      const text = await readFile(dataFile, 'utf8');
      await rm(dataFile);
      await expectRejection(storage.skills.create(aSkill()), StorageUnavailableError);
      expect(await titleOf('edited')).to.equal('Before');
      await writeFile(dataFile, text);
      await storage.skills.create(aSkill());
      expect(await storage.skills.listAll()).to.have.length(1);
    });
  });
});
