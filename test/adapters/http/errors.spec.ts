import { expect } from 'chai';
import sinon from 'sinon';
import { openMemoryStorage } from '../../../src/adapters/persistence/memory/memory.storage.js';
import { StorageUnavailableError } from '../../../src/domain/shared/errors.js';
import { aProject, aSkill } from '../../support/builders.js';
import { AUTH, testApp } from '../../support/http-app.js';
import {
  content,
  expectNotFound,
  expectProblem,
  expectQueryValidation,
  expectUnauthorized,
  view,
} from './http-expectations.js';

const PROJECTS = '/api/v1/projects';
const LEAKY_MESSAGE = 'SELECT secret FROM x at /srv/app.ts:1';
const GENERIC_500 = 'An unexpected error occurred; the request id identifies it in the log';

/** Nothing of the exception may reach the client: message, SQL, path or stack. */
function expectNothingLeaked(text: string): void {
  for (const fragment of ['SELECT', 'secret', '/srv', 'app.ts', 'stack', 'Error:', '    at ']) {
    expect(text).to.not.include(fragment);
  }
}

/**
 * One case per row of the contract's error table, each with the whole problem
 * body; the route specs cover the same rows resource by resource.
 */
describe('Errors (RFC 9457 problem details)', () => {
  afterEach(() => sinon.restore());

  describe('400 malformed-json: body is not valid JSON', () => {
    it('when the body is cut short, then 400 malformed-json and nothing is stored', async () => {
      const { request } = testApp();
      const res = await request.post(PROJECTS).set(AUTH).type('json').send('{"title": "x"');
      expectProblem(res, 'malformed-json', { detail: 'The request body is not valid JSON', instance: PROJECTS });
      expect((await request.get(`${PROJECTS}?status=all`).set(AUTH)).body.data).to.deep.equal([]);
    });

    it('when the body uses single quotes, then 400 malformed-json', async () => {
      const { request } = testApp();
      const res = await request.post('/api/v1/contact').type('json').send("{'name': 'x'}");
      expectProblem(res, 'malformed-json', {
        detail: 'The request body is not valid JSON',
        instance: '/api/v1/contact',
      });
    });
  });

  describe('400 validation-error: body empty, or valid JSON that is not an object', () => {
    it('when the body is empty, then 400 validation-error', async () => {
      const { request } = testApp();
      const res = await request.post(PROJECTS).set(AUTH).type('json').send('');
      expectProblem(res, 'validation-error', {
        detail: 'The request body is empty',
        instance: PROJECTS,
        errors: [{ path: '', message: 'A JSON object is required' }],
      });
    });

    it('when the body is an array, then 400 validation-error', async () => {
      const { request } = testApp();
      const res = await request.post(PROJECTS).set(AUTH).type('json').send('[]');
      expectProblem(res, 'validation-error', {
        detail: 'The request body must be a JSON object',
        instance: PROJECTS,
        errors: [{ path: '', message: 'Must be a JSON object' }],
      });
    });
  });

  describe('400 validation-error: body or query fails validation', () => {
    it('when two body fields are invalid, then errors[] lists both with dotted paths', async () => {
      const { request } = testApp();
      const res = await request
        .post(PROJECTS)
        .set(AUTH)
        .send({ summary: 'S', startedAt: '2024-01-01', links: { repo: 'http://example.com' } });
      expectProblem(res, 'validation-error', {
        detail: '2 fields are invalid',
        instance: PROJECTS,
        errors: [
          { path: 'title', message: 'Required' },
          { path: 'links.repo', message: 'Must be an https URL' },
        ],
      });
    });

    it('when query values are bad, then 400 names each parameter', async () => {
      const { request } = testApp();
      const res = await request.get(`${PROJECTS}?limit=1000000&page=abc`);
      expectQueryValidation(res, PROJECTS, [
        { path: 'page', message: 'page must be a whole number from 1 to 1000000' },
        { path: 'limit', message: 'limit must be a whole number from 1 to 100' },
      ]);
    });

    it('when q, tag and tech hold a NUL, then 400 names each, as no stored text holds one', async () => {
      const { request } = testApp();
      const res = await request.get(`${PROJECTS}?q=a%00&tag=b%00&tech=c%00`);
      const message = 'Must not contain NUL characters or unpaired surrogates';
      expect(res.status).to.equal(400);
      expect(res.body.errors).to.have.deep.members([
        { path: 'q', message },
        { path: 'tag', message },
        { path: 'tech', message },
      ]);
    });

    it('when page=-1, then 400 names page', async () => {
      const { request } = testApp();
      expectQueryValidation(await request.get(`${PROJECTS}?page=-1`), PROJECTS, [
        { path: 'page', message: 'page must be a whole number from 1 to 1000000' },
      ]);
    });
  });

  describe('415: body of a write is not application/json', () => {
    it('when the body is text/plain, then 415', async () => {
      const { request } = testApp();
      const res = await request.post(PROJECTS).set(AUTH).set('Content-Type', 'text/plain').send('{}');
      expectProblem(res, 'unsupported-media-type', {
        detail: 'The request body must be application/json',
        instance: PROJECTS,
      });
    });
  });

  describe('413: body larger than the configured limit', () => {
    it('when the body is over the limit, then 413', async () => {
      const { request } = testApp({ config: { bodyLimitBytes: 32 } });
      const res = await request
        .post(PROJECTS)
        .set(AUTH)
        .send({ title: 'x'.repeat(40), summary: 's', startedAt: '2024-01-01' });
      expectProblem(res, 'payload-too-large', {
        detail: 'The request body is larger than the configured limit',
        instance: PROJECTS,
      });
    });

    it('when no limit is configured, then a body over 100 kB is 413 and one under it is accepted', async () => {
      const { request } = testApp();
      const over = await request
        .post(PROJECTS)
        .set(AUTH)
        .send({ title: 'Big', summary: 's', startedAt: '2024-01-01', description: 'd'.repeat(102_400) });
      expect(over.status).to.equal(413);
      const under = await request
        .post(PROJECTS)
        .set(AUTH)
        .send({ title: 'Big', summary: 's', startedAt: '2024-01-01', description: 'd'.repeat(20_000) });
      expect(under.status).to.equal(201);
    });
  });

  describe('401: missing or wrong admin token', () => {
    it('when the token is missing, then 401 with WWW-Authenticate', async () => {
      const { request } = testApp();
      expectUnauthorized(await request.get('/api/v1/messages'), '/api/v1/messages');
    });

    it('when the token is wrong, then 401 with WWW-Authenticate', async () => {
      const { request } = testApp();
      expectUnauthorized(
        await request.delete(`${PROJECTS}/x`).set('Authorization', 'Bearer not-the-token'),
        `${PROJECTS}/x`,
      );
    });
  });

  describe('404: unknown path', () => {
    for (const path of [
      '/nope',
      '/index.html',
      '/Admin',
      '/assets',
      '/api',
      '/api/v1',
      '/api/v1/nope',
      '/api/v2/projects',
      '/api/v1/projects/a/b',
      // Paths are case-sensitive: another spelling would be a second URL for one resource.
      '/API/v1/projects',
      '/api/V1/messages',
      '/api/v1/Projects',
      '/Health',
      '/DOCS',
    ]) {
      it(`when ${path} is asked for, then 404 not-found`, async () => {
        const { request } = testApp();
        expectNotFound(await request.get(path), path, `No resource at ${path}`);
      });
    }

    it('when an unknown path is written to, then 404 rather than 401', async () => {
      const { request } = testApp();
      expectNotFound(await request.post('/api/v1/nope').send({}), '/api/v1/nope', 'No resource at /api/v1/nope');
    });

    // Stored text cannot hold NUL, so no slug or id does; PostgreSQL would answer such a lookup with an error.
    for (const path of ['/api/v1/projects/%00', '/api/v1/skills/a%00b', '/api/v1/messages/%00']) {
      it(`when ${path} is asked for, then 404 without asking storage`, async () => {
        const { request } = testApp();
        expectNotFound(await request.get(path).set(AUTH), path, `No resource at ${path}`);
      });
    }

    it('when an unknown path gets a method that no route has, then 404 rather than 405', async () => {
      const { request } = testApp();
      const res = await request.trace('/api/v1/nope');
      expectNotFound(res, '/api/v1/nope', 'No resource at /api/v1/nope');
      expect(res.headers).not.to.have.property('allow');
    });
  });

  describe('404: unknown resource', () => {
    it('when the slug is unknown, then 404 names it', async () => {
      const { request } = testApp();
      expectNotFound(await request.get(`${PROJECTS}/ghost`), `${PROJECTS}/ghost`, "Project 'ghost' does not exist");
    });

    it('when the project is a draft, then it is unknown to the public', async () => {
      const { request } = testApp({ content: content({ projects: [aProject({ slug: 'wip', status: 'draft' })] }) });
      expectNotFound(await request.get(`${PROJECTS}/wip`), `${PROJECTS}/wip`, "Project 'wip' does not exist");
    });
  });

  describe('405: known path, method not allowed', () => {
    const rows: [string, string, string][] = [
      ['DELETE', '/api/v1/tags', 'HEAD, GET'],
      ['POST', '/health', 'HEAD, GET'],
      ['PUT', '/ready', 'HEAD, GET'],
      ['PUT', '/api/v1/projects', 'HEAD, GET, POST'],
      ['POST', '/api/v1/projects/some-slug', 'HEAD, GET, PUT, PATCH, DELETE'],
      ['DELETE', '/api/v1/profile', 'HEAD, GET, PUT'],
      ['PUT', '/api/v1/contact', 'POST'],
      ['POST', '/api/v1/portfolio', 'HEAD, GET'],
      ['POST', '/api/v1/messages', 'HEAD, GET'],
      // Methods that no route has at all: the router calls them "not implemented", the contract does not.
      ['TRACE', '/api/v1/projects', 'HEAD, GET, POST'],
      ['PROPFIND', '/health', 'HEAD, GET'],
    ];
    for (const [method, path, allow] of rows) {
      it(`when ${method} ${path}, then 405 with Allow: ${allow}`, async () => {
        const { request } = testApp();
        const res =
          await request[method.toLowerCase() as 'post' | 'put' | 'delete' | 'trace' | 'propfind'](path).set(AUTH);
        expectProblem(res, 'method-not-allowed', {
          detail: 'The resource does not support this method; see the Allow header',
          instance: path,
        });
        expect(res.headers.allow).to.equal(allow);
      });
    }
  });

  describe('409 conflict: unique value already taken', () => {
    it('when a project slug is taken, then 409 conflict', async () => {
      const { request } = testApp({ content: content({ projects: [aProject({ slug: 'taken' })] }) });
      const res = await request
        .post(PROJECTS)
        .set(AUTH)
        .send({ slug: 'taken', title: 'T', summary: 'S', startedAt: '2024-01-01' });
      expectProblem(res, 'conflict', {
        detail: "The slug 'taken' is already taken by another project",
        instance: PROJECTS,
      });
    });

    it('when a skill name is taken in its category, then 409 conflict', async () => {
      const { request } = testApp({ content: content({ skills: [aSkill({ name: 'Go', category: 'Languages' })] }) });
      const res = await request.post('/api/v1/skills').set(AUTH).send({ name: 'go', category: 'Languages', level: 2 });
      expectProblem(res, 'conflict', {
        detail: "A skill named 'go' already exists in category 'Languages'",
        instance: '/api/v1/skills',
      });
    });
  });

  describe('412: If-Match does not match the current ETag', () => {
    it('when If-Match is stale, then 412 precondition-failed and nothing changes', async () => {
      const stored = aProject({ slug: 'p' });
      const { request } = testApp({ content: content({ projects: [stored] }) });
      const res = await request.patch(`${PROJECTS}/p`).set(AUTH).set('If-Match', '"nope"').send({ title: 'New' });
      expectProblem(res, 'precondition-failed', {
        detail: 'The project has changed since it was read',
        instance: `${PROJECTS}/p`,
      });
      expect((await request.get(`${PROJECTS}/p`)).body).to.deep.equal({ data: view(stored) });
    });
  });

  describe('429: too many contact messages from one client', () => {
    it('when the limit is used up, then 429 rate-limited with Retry-After', async () => {
      const { request } = testApp({ config: { contactRateLimit: 1 } });
      const message = { name: 'A', email: 'a@example.com', message: 'Hello there, friend' };
      expect((await request.post('/api/v1/contact').send(message)).status).to.equal(202);
      const res = await request.post('/api/v1/contact').send(message);
      expect(res.headers['retry-after']).to.be.oneOf(['599', '600']);
      expectProblem(res, 'rate-limited', {
        detail: `Too many messages; try again in ${res.headers['retry-after']} seconds`,
        instance: '/api/v1/contact',
      });
    });
  });

  describe('503: storage unreachable', () => {
    it('when a read meets StorageUnavailableError, then 503 service-unavailable without the cause', async () => {
      const storage = openMemoryStorage();
      sinon.stub(storage.projects, 'list').rejects(new StorageUnavailableError('connect ECONNREFUSED 10.1.2.3:5432'));
      const { request } = testApp({ storage });
      const res = await request.get(PROJECTS);
      expectProblem(res, 'service-unavailable', {
        detail: 'Storage is unavailable; try again shortly',
        instance: PROJECTS,
      });
      expect(res.text).to.not.include('ECONNREFUSED');
    });

    it('when a write meets StorageUnavailableError, then 503 service-unavailable', async () => {
      const storage = openMemoryStorage();
      sinon.stub(storage.skills, 'create').rejects(new StorageUnavailableError('the data file does not validate'));
      const { request } = testApp({ storage });
      const res = await request.post('/api/v1/skills').set(AUTH).send({ name: 'Go', category: 'L', level: 1 });
      expectProblem(res, 'service-unavailable', {
        detail: 'Storage is unavailable; try again shortly',
        instance: '/api/v1/skills',
      });
    });
  });

  describe('500: anything unexpected', () => {
    it('when storage throws an unexpected error on a read, then 500 with the generic detail and nothing leaked', async () => {
      const storage = openMemoryStorage();
      sinon.stub(storage.projects, 'list').rejects(new Error(LEAKY_MESSAGE));
      const { request } = testApp({ storage });
      const res = await request.get(PROJECTS);
      expectProblem(res, 'internal-error', { detail: GENERIC_500, instance: PROJECTS });
      expectNothingLeaked(res.text);
      expectNothingLeaked(JSON.stringify(res.headers));
    });

    it('when storage throws an unexpected error on a write, then 500 and nothing leaked', async () => {
      const storage = openMemoryStorage();
      sinon.stub(storage.projects, 'create').throws(new Error(LEAKY_MESSAGE));
      const { request } = testApp({ storage });
      const res = await request
        .post(PROJECTS)
        .set(AUTH)
        .send({ slug: 'x', title: 'T', summary: 'S', startedAt: '2024-01-01' });
      expectProblem(res, 'internal-error', { detail: GENERIC_500, instance: PROJECTS });
      expectNothingLeaked(res.text);
    });

    it('when something other than an Error is thrown, then 500 with the generic detail', async () => {
      const storage = openMemoryStorage();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test: a rejection that is not an Error
      sinon.stub(storage.profiles, 'get').callsFake(() => Promise.reject(LEAKY_MESSAGE));
      const { request } = testApp({ storage });
      const res = await request.get('/api/v1/profile');
      expectProblem(res, 'internal-error', { detail: GENERIC_500, instance: '/api/v1/profile' });
      expectNothingLeaked(res.text);
    });

    it('when an error carries an HTTP-looking status of its own, then it is still a generic 500', async () => {
      const storage = openMemoryStorage();
      const error = Object.assign(new Error(LEAKY_MESSAGE), { status: 418, expose: true });
      sinon.stub(storage.skills, 'listAll').rejects(error);
      const { request } = testApp({ storage });
      const res = await request.get('/api/v1/skills');
      expectProblem(res, 'internal-error', { detail: GENERIC_500, instance: '/api/v1/skills' });
      expectNothingLeaked(res.text);
    });
  });
});
