import { expect } from 'chai';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openFileStorage, readFileStorage } from '../../../../src/adapters/persistence/file/file.storage.js';
import { StorageUnavailableError } from '../../../../src/domain/shared/errors.js';
import type { Content } from '../../../../src/domain/storage/content.js';
import { aMessage, aProject, aSkill } from '../../../support/builders.js';
import { expectRejection } from '../contract/expect-rejection.js';
import { makeTempDir, recordingLogger, removeDir } from './file-test-support.js';

describe('readFileStorage: a data file read as it is, beside the process that writes it', () => {
  let dir: string;
  let dataFile: string;
  const seed: Content = { profile: null, projects: [aProject({ slug: 'kept' })], skills: [], experience: [] };

  beforeEach(async () => {
    dir = await makeTempDir();
    dataFile = join(dir, 'portfolio.json');
  });

  afterEach(() => removeDir(dir));

  it('when a writer holds the file, then its content and inbox are read, and nothing on disk changes', async () => {
    const writer = await openFileStorage({ dataFile, logger: recordingLogger(), seed: () => seed });
    try {
      await writer.messages.create(aMessage({ id: 'm-1' }));
      // An append in flight: its line is not ended yet.
      await appendFile(join(dir, 'portfolio.messages.jsonl'), '{"op":"put","mess');
      const files = await readdir(dir);
      const bytes = await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')));

      const reader = await readFileStorage({ dataFile });
      expect((await reader.projects.findBySlug('kept'))?.slug).to.equal('kept');
      expect((await reader.messages.list({ offset: 0, limit: 10 })).items.map((m) => m.id)).to.deep.equal(['m-1']);
      await reader.close();

      expect(await readdir(dir)).to.deep.equal(files);
      expect(await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')))).to.deep.equal(bytes);
    } finally {
      await writer.close();
    }
  });

  it('when written to, then every write is refused', async () => {
    await (await openFileStorage({ dataFile, logger: recordingLogger(), seed: () => seed })).close();
    const reader = await readFileStorage({ dataFile });
    expect(reader.refusesWrites()).to.equal(true);
    await expectRejection(reader.skills.create(aSkill()), StorageUnavailableError);
    await expectRejection(reader.messages.create(aMessage()), StorageUnavailableError);
    expect(await reader.skills.listAll()).to.deep.equal([]);
  });

  it('when the file does not exist, then it says so and creates nothing', async () => {
    const error = await expectRejection(readFileStorage({ dataFile }), Error);
    expect(error.message).to.equal(`The data file ${dataFile} does not exist`);
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('when the file is invalid, then it lists the problems', async () => {
    await writeFile(dataFile, '{"projects": 3}');
    const error = await expectRejection(readFileStorage({ dataFile }), Error);
    expect(error.message).to.include(`The data file ${dataFile} is invalid:`).and.include('projects');
  });
});
