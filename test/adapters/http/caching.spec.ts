import { expect } from 'chai';
import { aProfile, aProject } from '../../support/builders.js';
import { AUTH, testApp } from '../../support/http-app.js';
import { content } from './http-expectations.js';

const PUBLIC = 'public, max-age=60';
const project = aProject({ slug: 'cached', title: 'Cached' });
const withProject = () => testApp({ content: content({ projects: [project], profile: aProfile() }) });

describe('Caching of GET /api/v1/**', () => {
  describe('ETag and If-None-Match', () => {
    for (const path of [
      '/api/v1/projects',
      '/api/v1/projects/cached',
      '/api/v1/skills',
      '/api/v1/experience',
      '/api/v1/profile',
      '/api/v1/tags',
      '/api/v1/portfolio',
    ]) {
      it(`when ${path} is read, then it carries a strong ETag and a matching If-None-Match gets 304`, async () => {
        const { request } = withProject();
        const first = await request.get(path);
        expect(first.status).to.equal(200);
        const etag = first.headers.etag as string;
        expect(etag).to.match(/^"[A-Za-z0-9_-]+"$/);

        const second = await request.get(path).set('If-None-Match', etag);
        expect(second.status).to.equal(304);
        expect(second.headers.etag).to.equal(etag);
        expect(second.headers['cache-control']).to.equal(PUBLIC);
      });
    }

    it('when the same resource is read twice, then the ETag is the same', async () => {
      const { request } = withProject();
      const a = await request.get('/api/v1/projects/cached');
      const b = await request.get('/api/v1/projects/cached');
      expect(a.headers.etag).to.equal(b.headers.etag);
    });

    it('when If-None-Match is the weak form of the ETag, then 304 (weak comparison)', async () => {
      const { request } = withProject();
      const etag = (await request.get('/api/v1/projects/cached')).headers.etag as string;
      const res = await request.get('/api/v1/projects/cached').set('If-None-Match', `W/${etag}`);
      expect(res.status).to.equal(304);
    });

    it('when If-None-Match is a weak ETag of another representation, then 200: weak comparison still compares', async () => {
      const { request } = withProject();
      const res = await request.get('/api/v1/projects/cached').set('If-None-Match', 'W/"other"');
      expect(res.status).to.equal(200);
      expect(res.body.data.slug).to.equal('cached');
    });

    it('when If-Match on a write is the weak form of the ETag, then 412 (strong comparison) and nothing changes', async () => {
      const { request } = withProject();
      const etag = (await request.get('/api/v1/projects/cached')).headers.etag as string;
      const weak = await request
        .patch('/api/v1/projects/cached')
        .set(AUTH)
        .set('If-Match', `W/${etag}`)
        .send({ title: 'X' });
      expect(weak.status).to.equal(412);
      expect((await request.get('/api/v1/projects/cached')).headers.etag).to.equal(etag);
      const strong = await request
        .patch('/api/v1/projects/cached')
        .set(AUTH)
        .set('If-Match', etag)
        .send({ title: 'X' });
      expect(strong.status).to.equal(200);
    });

    it('when If-None-Match lists the ETag among others, then 304', async () => {
      const { request } = withProject();
      const etag = (await request.get('/api/v1/projects/cached')).headers.etag as string;
      const res = await request.get('/api/v1/projects/cached').set('If-None-Match', `"other", W/"more", ${etag}`);
      expect(res.status).to.equal(304);
    });

    it('when If-None-Match is *, then 304 for an existing representation', async () => {
      const { request } = withProject();
      const res = await request.get('/api/v1/projects/cached').set('If-None-Match', '*');
      expect(res.status).to.equal(304);
    });

    it('when If-None-Match does not match, then 200 with the body and the current ETag', async () => {
      const { request } = withProject();
      const res = await request.get('/api/v1/projects/cached').set('If-None-Match', '"something-else"');
      expect(res.status).to.equal(200);
      expect(res.body.data.slug).to.equal('cached');
      expect(res.headers.etag).to.match(/^"[^"]+"$/);
    });

    it('when If-None-Match carries the ETag without quotes, then it does not match', async () => {
      const { request } = withProject();
      const etag = (await request.get('/api/v1/projects/cached')).headers.etag as string;
      const res = await request.get('/api/v1/projects/cached').set('If-None-Match', etag.slice(1, -1));
      expect(res.status).to.equal(200);
    });

    it('when the resource changes, then the old ETag gets 200 with the new body and a new ETag', async () => {
      const { request } = withProject();
      const etag = (await request.get('/api/v1/projects/cached')).headers.etag as string;
      const patched = await request.patch('/api/v1/projects/cached').set(AUTH).send({ title: 'Changed' });
      expect(patched.status).to.equal(200);
      const res = await request.get('/api/v1/projects/cached').set('If-None-Match', etag);
      expect(res.status).to.equal(200);
      expect(res.body.data.title).to.equal('Changed');
      expect(res.headers.etag).to.not.equal(etag);
      expect(res.headers.etag).to.equal(patched.headers.etag);
    });

    it('when two pages of a list are read, then their ETags differ', async () => {
      const two = [aProject({ id: 'a', slug: 'a' }), aProject({ id: 'b', slug: 'b' })];
      const { request } = testApp({ content: content({ projects: two }) });
      const first = await request.get('/api/v1/projects?limit=1&page=1');
      const second = await request.get('/api/v1/projects?limit=1&page=2');
      expect(first.headers.etag).to.not.equal(second.headers.etag);
      const stale = await request
        .get('/api/v1/projects?limit=1&page=2')
        .set('If-None-Match', first.headers.etag as string);
      expect(stale.status).to.equal(200);
    });

    it('when a list is answered with 304, then paging headers are still there', async () => {
      const { request } = withProject();
      const first = await request.get('/api/v1/projects');
      const res = await request.get('/api/v1/projects').set('If-None-Match', first.headers.etag as string);
      expect(res.status).to.equal(304);
      expect(res.headers['x-total-count']).to.equal('1');
      expect(res.headers.link).to.equal(first.headers.link);
    });

    it('when HEAD is used, then it carries the same ETag as GET', async () => {
      const { request } = withProject();
      const get = await request.get('/api/v1/projects/cached');
      const head = await request.head('/api/v1/projects/cached');
      expect(head.status).to.equal(200);
      expect(head.headers.etag).to.equal(get.headers.etag);
    });

    it('when the read fails, then there is no ETag', async () => {
      const { request } = withProject();
      const res = await request.get('/api/v1/projects/missing');
      expect(res.status).to.equal(404);
      expect(res.headers.etag).to.equal(undefined);
    });
  });

  describe('Cache-Control', () => {
    it('when a public read comes without a token, then public, max-age=60 and Vary names Authorization', async () => {
      const { request } = withProject();
      const res = await request.get('/api/v1/projects');
      expect(res.headers['cache-control']).to.equal(PUBLIC);
      expect(res.headers.vary).to.match(/\bAuthorization\b/);
    });

    it('when a public read carries a valid admin token, then no-store', async () => {
      const { request } = withProject();
      for (const path of ['/api/v1/projects', '/api/v1/projects/cached', '/api/v1/portfolio', '/api/v1/tags']) {
        const res = await request.get(path).set(AUTH);
        expect(res.status, path).to.equal(200);
        expect(res.headers['cache-control'], path).to.equal('no-store');
      }
    });

    it('when a read carries a token that is not valid, then it is public (nothing admin-only was shown)', async () => {
      const { request } = withProject();
      const res = await request.get('/api/v1/projects').set('Authorization', 'Bearer wrong');
      expect(res.status).to.equal(200);
      expect(res.headers['cache-control']).to.equal(PUBLIC);
    });

    it('when an admin read is answered with 304, then it is still no-store', async () => {
      const { request } = withProject();
      const first = await request.get('/api/v1/messages').set(AUTH);
      expect(first.headers['cache-control']).to.equal('no-store');
      const res = await request
        .get('/api/v1/messages')
        .set(AUTH)
        .set('If-None-Match', first.headers.etag as string);
      expect(res.status).to.equal(304);
      expect(res.headers['cache-control']).to.equal('no-store');
    });

    it('when writes succeed, then every answer is no-store', async () => {
      const { request } = withProject();
      const created = await request.post('/api/v1/skills').set(AUTH).send({ name: 'Go', category: 'L', level: 1 });
      expect(created.status).to.equal(201);
      expect(created.headers['cache-control']).to.equal('no-store');
      const put = await request.put('/api/v1/skills/id-1').set(AUTH).send({ name: 'Go', category: 'L', level: 2 });
      expect(put.headers['cache-control']).to.equal('no-store');
      const patched = await request.patch('/api/v1/skills/id-1').set(AUTH).send({ level: 3 });
      expect(patched.headers['cache-control']).to.equal('no-store');
      const profile = await request.put('/api/v1/profile').set(AUTH).send({ name: 'A', headline: 'B' });
      expect(profile.headers['cache-control']).to.equal('no-store');
      const deleted = await request.delete('/api/v1/skills/id-1').set(AUTH);
      expect(deleted.status).to.equal(204);
      expect(deleted.headers['cache-control']).to.equal('no-store');
    });

    it('when the contact form is used, then the answer is no-store and has no ETag', async () => {
      const { request } = withProject();
      const res = await request
        .post('/api/v1/contact')
        .send({ name: 'A', email: 'a@example.com', message: 'Hello there!' });
      expect(res.status).to.equal(202);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.headers.etag).to.equal(undefined);
    });

    it('when a public read fails, then the problem is no-store', async () => {
      const { request } = withProject();
      const res = await request.get('/api/v1/projects/missing');
      expect(res.headers['cache-control']).to.equal('no-store');
    });
  });
});
