import { expect } from 'chai';
import { AUTH, testApp } from '../../support/http-app.js';

const ALLOWED = 'https://portfolio.example';
const OTHER = 'https://evil.example';
const EXPOSED = ['ETag', 'Link', 'Location', 'Retry-After', 'WWW-Authenticate', 'X-Request-Id', 'X-Total-Count'];

const corsApp = () => testApp({ config: { corsOrigins: [ALLOWED, 'http://localhost:4321'] } });
const list = (header: unknown) =>
  String(header)
    .split(',')
    .map((s) => s.trim());

describe('CORS', () => {
  describe('an allowed origin', () => {
    it('when it reads, then its origin is echoed and the API headers are exposed', async () => {
      const { request } = corsApp();
      const res = await request.get('/api/v1/projects').set('Origin', ALLOWED);
      expect(res.status).to.equal(200);
      expect(res.headers['access-control-allow-origin']).to.equal(ALLOWED);
      expect(list(res.headers['access-control-expose-headers'])).to.have.members(EXPOSED);
      expect(list(res.headers.vary)).to.include('Origin');
    });

    it('when a second allowed origin reads, then that origin is echoed', async () => {
      const { request } = corsApp();
      const res = await request.get('/api/v1/skills').set('Origin', 'http://localhost:4321');
      expect(res.headers['access-control-allow-origin']).to.equal('http://localhost:4321');
    });

    it('when it sends a preflight for an admin write, then 204 allows the method and the headers it needs, for 10 minutes', async () => {
      const { request } = corsApp();
      const res = await request
        .options('/api/v1/projects/x')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'PATCH')
        .set('Access-Control-Request-Headers', 'authorization, content-type, if-match');
      expect(res.status).to.equal(204);
      expect(res.headers['access-control-allow-origin']).to.equal(ALLOWED);
      expect(res.headers['access-control-max-age']).to.equal('600');
      expect(list(res.headers['access-control-allow-methods'])).to.include.members([
        'GET',
        'POST',
        'PUT',
        'PATCH',
        'DELETE',
      ]);
      expect(list(res.headers['access-control-allow-headers']).map((h) => h.toLowerCase())).to.include.members([
        'authorization',
        'content-type',
        'if-match',
        'if-none-match',
        'x-request-id',
      ]);
    });

    it('when its request fails, then the problem still carries the CORS headers so the browser can read it', async () => {
      const { request } = corsApp();
      const res = await request.get('/api/v1/projects/missing').set('Origin', ALLOWED);
      expect(res.status).to.equal(404);
      expect(res.headers['access-control-allow-origin']).to.equal(ALLOWED);
      expect(list(res.headers['access-control-expose-headers'])).to.have.members(EXPOSED);
    });

    it('when it is refused with 401, then the CORS headers and WWW-Authenticate are both there', async () => {
      const { request } = corsApp();
      const res = await request.get('/api/v1/messages').set('Origin', ALLOWED);
      expect(res.status).to.equal(401);
      expect(res.headers['access-control-allow-origin']).to.equal(ALLOWED);
      expect(res.headers['www-authenticate']).to.equal('Bearer realm="portfolio-api"');
    });

    it('when it writes with the token, then the answer carries the CORS headers and Location', async () => {
      const { request } = corsApp();
      const res = await request
        .post('/api/v1/skills')
        .set('Origin', ALLOWED)
        .set(AUTH)
        .send({ name: 'Go', category: 'L', level: 1 });
      expect(res.status).to.equal(201);
      expect(res.headers['access-control-allow-origin']).to.equal(ALLOWED);
      expect(res.headers.location).to.equal('/api/v1/skills/id-1');
    });
  });

  describe('any other origin', () => {
    for (const origin of [OTHER, `${ALLOWED}.evil.example`, 'http://portfolio.example', 'null', `${ALLOWED}/`]) {
      it(`when ${origin} reads, then there is no Access-Control-Allow-Origin but the read is answered`, async () => {
        const { request } = corsApp();
        const res = await request.get('/api/v1/projects').set('Origin', origin);
        expect(res.status).to.equal(200);
        expect(res.headers['access-control-allow-origin']).to.equal(undefined);
        expect(res.headers['access-control-expose-headers']).to.equal(undefined);
      });
    }

    it('when it sends a preflight, then nothing allows it', async () => {
      const { request } = corsApp();
      const res = await request
        .options('/api/v1/projects')
        .set('Origin', OTHER)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization');
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
      expect(res.headers['access-control-allow-methods']).to.equal(undefined);
      expect(res.headers['access-control-allow-headers']).to.equal(undefined);
      expect(res.headers['access-control-max-age']).to.equal(undefined);
    });

    it('when its request fails, then there is no Access-Control-Allow-Origin either', async () => {
      const { request } = corsApp();
      const res = await request.get('/api/v1/projects/missing').set('Origin', OTHER);
      expect(res.status).to.equal(404);
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
    });
  });

  describe('no origins configured, or no Origin sent', () => {
    it('when any origin reads, then there is no Access-Control-Allow-Origin, and the answer does not vary on Origin', async () => {
      const { request } = testApp();
      const res = await request.get('/api/v1/projects').set('Origin', ALLOWED);
      expect(res.status).to.equal(200);
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
      expect(list(res.headers.vary)).to.deep.equal(['Authorization']);
    });

    it('when any origin sends a preflight, then nothing allows it and the path says which methods it has', async () => {
      const { request } = testApp();
      const res = await request
        .options('/api/v1/projects')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization');
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
      expect(res.headers['access-control-allow-methods']).to.equal(undefined);
      expect(list(res.headers.allow)).to.include.members(['GET', 'POST']);
    });

    it('when a request has no Origin at all, then there is no Access-Control-Allow-Origin', async () => {
      const { request } = corsApp();
      const res = await request.get('/api/v1/projects');
      expect(res.headers['access-control-allow-origin']).to.equal(undefined);
    });
  });
});
