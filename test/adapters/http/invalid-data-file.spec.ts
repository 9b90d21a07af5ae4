import { expect } from 'chai';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { openFileStorage } from '../../../src/adapters/persistence/file/file.storage.js';
import type { Storage } from '../../../src/domain/storage/storage.js';
import { aProject, aSkill } from '../../support/builders.js';
import { AUTH, testApp, type TestApp } from '../../support/http-app.js';
import { makeTestDir } from '../../support/temp-dir.js';
import { waitFor } from '../persistence/file/file-test-support.js';
import { expectProblem, expectUnauthorized } from './http-expectations.js';

/**
 * A hand edit of the data file that does not load: the service keeps serving
 * the last good content and refuses admin writes. The admin who could fix the
 * file is told what is wrong with it; the public is told nothing of it; /ready
 * stays 200 and names the degraded part.
 */
describe('an invalid hand edit of the data file, through HTTP', () => {
  const SKILL = { name: 'Go', category: 'Languages', level: 3 };
  const broken = '{\n  "projects": [\n    { "id": "p-1", "slug": "Bad Slug" \n';
  let dir: string;
  let dataFile: string;
  let storage: Storage;
  let app: TestApp;

  async function handEdit(text: string): Promise<void> {
    await writeFile(`${dataFile}.editing`, text);
    await rename(`${dataFile}.editing`, dataFile);
  }

  beforeEach(async () => {
    dir = await makeTestDir('portfolio-http-file-');
    dataFile = join(dir, 'portfolio.json');
    storage = await openFileStorage({
      dataFile,
      logger: pino({ level: 'silent' }),
      watchIntervalMs: 10,
      seed: () => ({ profile: null, projects: [aProject({ slug: 'kept' })], skills: [], experience: [] }),
    });
    app = testApp({ storage });
  });

  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function breakTheFile(): Promise<void> {
    await handEdit(broken);
    await waitFor(() => storage.refusesWrites(), 'the invalid edit to be seen');
  }

  it('when an admin writes, then 503 saying the data file is invalid, with its problems as the log has them', async () => {
    await breakTheFile();
    const res = await app.request.post('/api/v1/skills').set(AUTH).send(SKILL);
    expectProblem(res, 'service-unavailable', {
      detail:
        'The data file portfolio.json is invalid: changes are refused until it is fixed, and the last good content is still served',
      instance: '/api/v1/skills',
      problems: [res.body.problems?.[0]],
    });
    expect(res.body.problems[0]).to.match(/^not valid JSON: .*\(line 4, column 1\)$/);
    expect(await readFile(dataFile, 'utf8')).to.equal(broken);
  });

  it('when the edit breaks the schema, then the admin is told each dotted path', async () => {
    const document = JSON.parse(await readFile(dataFile, 'utf8'));
    document.projects[0].slug = 'Not Valid';
    document.skills.push({ ...aSkill(), level: 9 });
    await handEdit(JSON.stringify(document));
    await waitFor(() => storage.refusesWrites(), 'the invalid edit to be seen');
    const res = await app.request.patch('/api/v1/projects/kept').set(AUTH).send({ title: 'X' });
    expect(res.status).to.equal(503);
    expect(res.body.problems).to.have.length(2);
    expect(res.body.problems[0]).to.match(/^projects\.0\.slug: /);
    expect(res.body.problems[1]).to.match(/^skills\.0\.level: /);
  });

  it('when the client has no admin token, then nothing of the file is said', async () => {
    await breakTheFile();
    const res = await app.request.post('/api/v1/skills').send(SKILL);
    expectUnauthorized(res, '/api/v1/skills');
    expect(res.text).to.not.include('portfolio.json');
  });

  it('when /ready is asked, then 200 naming data-file as degraded; once the file is fixed, no longer', async () => {
    const good = await readFile(dataFile, 'utf8');
    expect((await app.request.get('/ready')).body).to.deep.equal({ status: 'ready' });
    await breakTheFile();
    const res = await app.request.get('/ready');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ready', degraded: ['data-file'] });

    await handEdit(good);
    await waitFor(() => !storage.refusesWrites(), 'the fixed file to be seen');
    expect((await app.request.get('/ready')).body).to.deep.equal({ status: 'ready' });
    const write = await app.request.patch('/api/v1/projects/kept').set(AUTH).send({ title: 'Fixed' });
    expect(write.status).to.equal(200);
  });

  it('when reads are made meanwhile, then the last good content is served', async () => {
    await breakTheFile();
    const res = await app.request.get('/api/v1/projects/kept');
    expect(res.status).to.equal(200);
    expect(res.body.data.slug).to.equal('kept');
  });
});
