import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openFileStorage } from '../../../src/adapters/persistence/file/file.storage.js';
import { openMemoryStorage } from '../../../src/adapters/persistence/memory/memory.storage.js';
import { openPostgresStorage } from '../../../src/adapters/persistence/postgres/postgres.storage.js';
import type { Content } from '../../../src/domain/storage/content.js';
import type { Storage } from '../../../src/domain/storage/storage.js';
import { aProfile, aProject } from '../../support/builders.js';
import { SequentialIds } from '../../support/fakes.js';
import { AUTH, testApp } from '../../support/http-app.js';
import { makeTestDir } from '../../support/temp-dir.js';
import { recordingLogger } from '../persistence/file/file-test-support.js';
import {
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from '../persistence/postgres/postgres-test-schema.js';

/**
 * Writers without If-Match asked for their write to be applied: however many
 * race on one entity, each is applied (one after another, each on the version
 * the one before it left), none is refused. More writers than any retry
 * bound a client could be given, on every storage.
 */
const WRITERS = 24;

const seed: Content = {
  profile: aProfile({ version: 1 }),
  projects: [aProject({ slug: 'raced', version: 1 })],
  skills: [],
  experience: [],
};

interface StorageUnderTest {
  /** Skips the suite, saying why, when the storage is not available here. */
  skipUnlessAvailable?(context: Mocha.Context): void;
  open(): Promise<Storage>;
  close(): Promise<void>;
}

const STORAGES: Record<string, () => StorageUnderTest> = {
  memory: () => ({ open: async () => openMemoryStorage(seed), close: async () => {} }),
  file: () => {
    let dir: string;
    let storage: Storage;
    return {
      async open() {
        dir = await makeTestDir('racing-writes-');
        storage = await openFileStorage({
          dataFile: join(dir, 'portfolio.json'),
          logger: recordingLogger(),
          seed: () => seed,
        });
        return storage;
      },
      async close() {
        await storage?.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  postgres: () => {
    let schema: TestSchema | undefined;
    let storage: Storage | undefined;
    return {
      skipUnlessAvailable: (context) => skipWithoutDatabase(context, 'racing writes on PostgreSQL'),
      async open() {
        schema = await createTestSchema();
        storage = await openPostgresStorage({ databaseUrl: schema.url });
        await storage.profiles.save(seed.profile!, null);
        await storage.projects.create(seed.projects[0]!);
        return storage;
      },
      async close() {
        await storage?.close();
        await schema?.drop();
      },
    };
  },
};

for (const [name, make] of Object.entries(STORAGES)) {
  describe(`racing writes without If-Match (${name} storage)`, function () {
    this.timeout(20_000);
    const underTest = make();
    let storage: Storage;

    before(function () {
      underTest.skipUnlessAvailable?.(this);
    });

    beforeEach(async () => {
      storage = await underTest.open();
    });

    afterEach(() => underTest.close());

    it(`when ${WRITERS} PUTs of the profile start together, then each is applied with 200, none refused`, async () => {
      const { request } = testApp({ storage });
      const names = Array.from({ length: WRITERS }, (_, i) => `Writer ${i}`);

      const answers = await Promise.all(
        names.map((writer) => request.put('/api/v1/profile').set(AUTH).send({ name: writer, headline: 'Raced' })),
      );

      expect(answers.map((res) => res.status)).to.deep.equal(names.map(() => 200));
      expect(answers.map((res) => (res.body as { data: { name: string } }).data.name)).to.deep.equal(names);
      // Each write was applied on the version the one before it left: one version step each.
      const stored = await storage.profiles.get();
      expect(stored!.version).to.equal(1 + WRITERS);
      expect(names).to.include(stored!.name);
    });

    it(`when ${WRITERS} PATCHes of one project start together, then each is applied with 200, none refused`, async () => {
      const { request } = testApp({ storage });
      const summaries = Array.from({ length: WRITERS }, (_, i) => `Summary ${i}`);

      const answers = await Promise.all(
        summaries.map((summary) => request.patch('/api/v1/projects/raced').set(AUTH).send({ summary })),
      );

      expect(answers.map((res) => res.status)).to.deep.equal(summaries.map(() => 200));
      expect(answers.map((res) => (res.body as { data: { summary: string } }).data.summary)).to.deep.equal(summaries);
      const stored = await storage.projects.findBySlug('raced');
      expect(stored!.version).to.equal(1 + WRITERS);
      expect(summaries).to.include(stored!.summary);
    });

    it('when a PATCH with a stale If-Match races, then it is still 412', async () => {
      const { request } = testApp({ storage });
      const etag = (await request.get('/api/v1/projects/raced').set(AUTH)).headers.etag as string;

      const [first, second] = await Promise.all([
        request.patch('/api/v1/projects/raced').set(AUTH).set('If-Match', etag).send({ summary: 'First' }),
        request.patch('/api/v1/projects/raced').set(AUTH).set('If-Match', etag).send({ summary: 'Second' }),
      ]);

      expect([first.status, second.status].sort()).to.deep.equal([200, 412]);
    });
  });
}

describe('racing writes without If-Match (two instances on one PostgreSQL)', function () {
  this.timeout(20_000);
  let schema: TestSchema | undefined;
  const storages: Storage[] = [];

  before(async function () {
    skipWithoutDatabase(this, 'racing writes across instances');
    schema = await createTestSchema();
    for (let i = 0; i < 2; i++) storages.push(await openPostgresStorage({ databaseUrl: schema.url }));
    await storages[0]!.projects.create(seed.projects[0]!);
  });

  after(async () => {
    await Promise.all(storages.map((storage) => storage.close()));
    await schema?.drop();
  });

  it(`when ${WRITERS} PATCHes of one project arrive at two instances together, then each is applied, none refused`, async () => {
    // Each instance makes its own ids, as ULIDs do: two counters from 1 would give their events the same id.
    const instances = storages.map(
      (storage, i) => testApp({ storage, ids: new SequentialIds(`instance-${i}-`) }).request,
    );
    const summaries = Array.from({ length: WRITERS }, (_, i) => `Summary ${i}`);

    const answers = await Promise.all(
      summaries.map((summary, i) => instances[i % 2]!.patch('/api/v1/projects/raced').set(AUTH).send({ summary })),
    );

    expect(answers.map((res) => res.status)).to.deep.equal(summaries.map(() => 200));
    const stored = await storages[1]!.projects.findBySlug('raced');
    expect(stored!.version).to.equal(1 + WRITERS);
    expect(summaries).to.include(stored!.summary);
  });
});
