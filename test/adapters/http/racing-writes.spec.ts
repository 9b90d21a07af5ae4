import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openFileStorage } from '../../../src/adapters/persistence/file/file.storage.js';
import type { Storage } from '../../../src/domain/storage/storage.js';
import { aProject } from '../../support/builders.js';
import { AUTH, testApp } from '../../support/http-app.js';
import { makeTestDir } from '../../support/temp-dir.js';
import { recordingLogger } from '../persistence/file/file-test-support.js';

// The file storage commits writers that arrive together as one batch on one version, so all
// but one of them lose the race each round: the case that retrying has to get through.
describe('racing writes without If-Match (file storage)', () => {
  let dir: string;
  let storage: Storage;

  beforeEach(async () => {
    dir = await makeTestDir('racing-writes-');
    storage = await openFileStorage({
      dataFile: join(dir, 'portfolio.json'),
      logger: recordingLogger(),
      seed: () => ({ profile: null, projects: [aProject({ slug: 'raced' })], skills: [], experience: [] }),
    });
  });

  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when eight PATCHes of one project start together, then each is applied, none is told 412', async () => {
    const { request } = testApp({ storage });
    const summaries = Array.from({ length: 8 }, (_, i) => `Summary ${i}`);

    const answers = await Promise.all(
      summaries.map((summary) => request.patch('/api/v1/projects/raced').set(AUTH).send({ summary })),
    );

    expect(answers.map((res) => res.status)).to.deep.equal(summaries.map(() => 200));
    const versions = answers.map((res) => (res.body as { data: { summary: string } }).data.summary);
    expect(versions).to.have.members(summaries);
    const stored = await storage.projects.findBySlug('raced');
    expect(stored!.version).to.equal(1 + summaries.length);
    expect(summaries).to.include(stored!.summary);
  });
});
