import { expect } from 'chai';
import { aMessage, aProfile, aProject, aSkill, anExperience } from '../../support/builders.js';
import { ADMIN_TOKEN, AUTH, testApp, type TestAppOptions } from '../../support/http-app.js';
import { content, expectUnauthorized } from './http-expectations.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every endpoint that needs the admin token, with a body that would otherwise succeed. */
const ADMIN_ENDPOINTS: [Method, string, object | undefined][] = [
  ['get', '/api/v1/projects?status=draft', undefined],
  ['get', '/api/v1/projects?status=all', undefined],
  ['post', '/api/v1/projects', { title: 'New', summary: 'S', startedAt: '2024-01-01' }],
  ['put', '/api/v1/projects/sample-project', { title: 'T', summary: 'S', startedAt: '2024-01-01' }],
  ['patch', '/api/v1/projects/sample-project', { title: 'T' }],
  ['delete', '/api/v1/projects/sample-project', undefined],
  ['put', '/api/v1/profile', { name: 'N', headline: 'H' }],
  ['post', '/api/v1/skills', { name: 'Go', category: 'Languages', level: 2 }],
  ['put', '/api/v1/skills/s-1', { name: 'TS', category: 'Languages', level: 2 }],
  ['patch', '/api/v1/skills/s-1', { level: 3 }],
  ['delete', '/api/v1/skills/s-1', undefined],
  ['post', '/api/v1/experience', { company: 'C', role: 'R', startDate: '2024-01-01' }],
  ['put', '/api/v1/experience/e-1', { company: 'C', role: 'R', startDate: '2024-01-01' }],
  ['patch', '/api/v1/experience/e-1', { role: 'Lead' }],
  ['delete', '/api/v1/experience/e-1', undefined],
  ['get', '/api/v1/messages', undefined],
  ['get', '/api/v1/messages/m-1', undefined],
  ['patch', '/api/v1/messages/m-1', { status: 'read' }],
  ['delete', '/api/v1/messages/m-1', undefined],
];

const PUBLIC_READS = [
  '/api/v1/projects',
  '/api/v1/projects/sample-project',
  '/api/v1/skills',
  '/api/v1/skills/s-1',
  '/api/v1/experience',
  '/api/v1/experience/e-1',
  '/api/v1/profile',
  '/api/v1/portfolio',
  '/api/v1/tags',
  '/health',
  '/ready',
];

/** One of everything, so that every admin request above would succeed with the token. */
async function fullApp(options: TestAppOptions = {}) {
  const app = testApp({
    ...options,
    content: content({ profile: aProfile(), projects: [aProject()], skills: [aSkill()], experience: [anExperience()] }),
  });
  await app.storage.messages.create(aMessage());
  return app;
}

function send(app: Awaited<ReturnType<typeof fullApp>>, method: Method, path: string, body?: object) {
  const req = app.request[method](path);
  return body === undefined ? req : req.send(body);
}

const unauthorizedDetail = (path: string) =>
  path.includes('status=') ? 'Listing drafts requires a valid admin token' : 'A valid admin token is required';

/** What the console tells apart from a wrong token: nobody can sign in until ADMIN_TOKEN is set. */
const notConfiguredDetail = (path: string) =>
  path.includes('status=')
    ? 'Listing drafts requires a valid admin token'
    : 'No admin token is configured: set ADMIN_TOKEN to use the admin endpoints';

describe('Authentication', () => {
  describe('the token is configured', () => {
    for (const [method, path, body] of ADMIN_ENDPOINTS) {
      it(`when ${method.toUpperCase()} ${path} carries the token, then it is not refused`, async () => {
        const app = await fullApp();
        const res = await send(app, method, path, body).set(AUTH);
        expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201, 204]);
      });

      it(`when ${method.toUpperCase()} ${path} has no Authorization, then 401 with WWW-Authenticate`, async () => {
        const app = await fullApp();
        const res = await send(app, method, path, body);
        expectUnauthorized(res, path.split('?')[0]!, unauthorizedDetail(path));
      });
    }

    const badHeaders: [string, string][] = [
      [
        'a wrong token of the same length',
        `Bearer ${ADMIN_TOKEN.slice(0, -1)}${ADMIN_TOKEN.endsWith('x') ? 'y' : 'x'}`,
      ],
      ['the token without its last character', `Bearer ${ADMIN_TOKEN.slice(0, -1)}`],
      ['the token with one character more', `Bearer ${ADMIN_TOKEN}x`],
      ['a one-character token', 'Bearer x'],
      ['a 4000-character token', `Bearer ${'t'.repeat(4000)}`],
      ['the token in another case', `Bearer ${ADMIN_TOKEN.toUpperCase()}`],
      ['the token without a scheme', ADMIN_TOKEN],
      ['the token under the Basic scheme', `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`],
      ['the token under another scheme', `Token ${ADMIN_TOKEN}`],
      ['the scheme alone', 'Bearer'],
      ['the token followed by more words', `Bearer ${ADMIN_TOKEN} extra`],
      ['two tokens joined by a comma', `Bearer ${ADMIN_TOKEN}, Bearer ${ADMIN_TOKEN}`],
      ['an empty value', ''],
    ];
    for (const [what, header] of badHeaders) {
      it(`when Authorization has ${what}, then 401 (never 500) and nothing is written`, async () => {
        const app = await fullApp();
        const res = await app.request
          .post('/api/v1/skills')
          .set('Authorization', header)
          .send({ name: 'Rust', category: 'Languages', level: 1 });
        expectUnauthorized(res, '/api/v1/skills');
        const skills = await app.request.get('/api/v1/skills');
        expect(skills.body.data[0].skills.map((s: { name: string }) => s.name)).to.deep.equal(['TypeScript']);
      });
    }

    for (const query of [
      `token=${ADMIN_TOKEN}`,
      `access_token=${ADMIN_TOKEN}`,
      `authorization=Bearer%20${ADMIN_TOKEN}`,
    ]) {
      it(`when the token comes in the query string (${query.split('=')[0]}), then it is not accepted`, async () => {
        const app = await fullApp();
        const res = await app.request.get(`/api/v1/messages?${query}`);
        expectUnauthorized(res, '/api/v1/messages');
      });
    }

    it('when a wrong token comes with a public read, then the read is answered as public', async () => {
      const app = await fullApp();
      const res = await app.request.get('/api/v1/projects').set('Authorization', 'Bearer wrong');
      expect(res.status).to.equal(200);
      expect(res.body.meta.total).to.equal(1);
    });
  });

  describe('no token is configured', () => {
    const noToken = { config: { adminToken: undefined } };

    for (const [method, path, body] of ADMIN_ENDPOINTS) {
      it(`when ${method.toUpperCase()} ${path} carries the would-be token, then 401 saying that none is configured`, async () => {
        const app = await fullApp(noToken);
        const res = await send(app, method, path, body).set(AUTH);
        expectUnauthorized(res, path.split('?')[0]!, notConfiguredDetail(path));
      });
    }

    for (const header of ['Bearer undefined', 'Bearer null', 'Bearer ', 'Bearer ""']) {
      it(`when Authorization is '${header}', then 401`, async () => {
        const app = await fullApp(noToken);
        expectUnauthorized(
          await app.request.get('/api/v1/messages').set('Authorization', header),
          '/api/v1/messages',
          notConfiguredDetail('/api/v1/messages'),
        );
      });
    }

    it('when a client keeps sending tokens, then it is told that none is configured, never throttled', async () => {
      const app = await fullApp({ config: { adminToken: undefined, adminTokenFailureLimit: 2 } });
      for (let attempt = 0; attempt < 4; attempt++) {
        const res = await app.request.get('/api/v1/messages').set('Authorization', `Bearer guess-${attempt}`);
        expectUnauthorized(res, '/api/v1/messages', notConfiguredDetail('/api/v1/messages'));
      }
    });

    for (const path of PUBLIC_READS) {
      it(`when GET ${path} is public, then it still works`, async () => {
        const app = await fullApp(noToken);
        const res = await app.request.get(path);
        expect(res.status).to.equal(200);
      });
    }

    it('when the contact form is used, then it still works and the message is stored', async () => {
      const app = await fullApp(noToken);
      const res = await app.request
        .post('/api/v1/contact')
        .send({ name: 'A', email: 'a@example.com', message: 'Hello there, friend' });
      expect(res.status).to.equal(202);
      expect((await app.storage.messages.findById(res.body.data.id))?.status).to.equal('new');
    });
  });
});
