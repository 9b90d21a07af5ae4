import { expect } from 'chai';
import type { Response } from 'supertest';
import { DEFAULT_CONTENT_SECURITY_POLICY } from '../../../../src/adapters/http/middleware/security-headers.js';
import { DOCS_ASSET_NAMES, DOCS_CONTENT_SECURITY_POLICY } from '../../../../src/adapters/http/openapi/docs-page.js';
import { AUTH, testApp } from '../../../support/http-app.js';
import { webBuilt } from '../../../support/web-build.js';

const FRONT_END = 'https://portfolio.example';
const HSTS = 'max-age=31536000; includeSubDomains';

/** What every answer carries, whatever it is. */
const EVERYWHERE = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-permitted-cross-domain-policies': 'none',
};

function expectSecurityHeaders(res: Response, policy: string, resourcePolicy: 'cross-origin' | 'same-origin'): void {
  expect(res.headers, String(res.status)).to.include({
    ...EVERYWHERE,
    'content-security-policy': policy,
    'cross-origin-resource-policy': resourcePolicy,
  });
  expect(res.headers['strict-transport-security']).to.equal(undefined);
}

describe('security headers', () => {
  describe('API answers: any page may embed them, none may frame them', () => {
    const answers: [string, (app: ReturnType<typeof testApp>) => Promise<Response>, number][] = [
      ['a public read', (app) => app.request.get('/api/v1/projects'), 200],
      [
        'an admin write',
        (app) => app.request.post('/api/v1/skills').set(AUTH).send({ name: 'Go', category: 'L', level: 1 }),
        201,
      ],
      ['a read answered 304', (app) => app.request.get('/api/v1/skills').set('If-None-Match', '*'), 304],
      ['an unknown resource', (app) => app.request.get('/api/v1/projects/missing'), 404],
      ['a write without a token', (app) => app.request.delete('/api/v1/skills/s-1'), 401],
      ['an invalid body', (app) => app.request.post('/api/v1/contact').send({}), 400],
      ['a method the path does not allow', (app) => app.request.delete('/api/v1/portfolio'), 405],
    ];
    for (const [what, send, status] of answers) {
      it(`when ${what} is answered ${status}, then it carries the JSON policy and cross-origin CORP`, async () => {
        const res = await send(testApp());
        expect(res.status).to.equal(status);
        expectSecurityHeaders(res, DEFAULT_CONTENT_SECURITY_POLICY, 'cross-origin');
      });
    }

    it('when a front end of the CORS_ORIGINS reads, then CORS still answers it beside the security headers', async () => {
      const { request } = testApp({ config: { corsOrigins: [FRONT_END] } });
      const res = await request.get('/api/v1/projects/missing').set('Origin', FRONT_END);
      expect(res.status).to.equal(404);
      expect(res.headers['access-control-allow-origin']).to.equal(FRONT_END);
      expectSecurityHeaders(res, DEFAULT_CONTENT_SECURITY_POLICY, 'cross-origin');
      const preflight = await request
        .options('/api/v1/skills')
        .set('Origin', FRONT_END)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type');
      expect(preflight.status).to.equal(204);
      expect(preflight.headers['access-control-allow-origin']).to.equal(FRONT_END);
      expectSecurityHeaders(preflight, DEFAULT_CONTENT_SECURITY_POLICY, 'cross-origin');
    });
  });

  describe("the service's own documents: this origin only", () => {
    // Swagger UI's files are served from the pages' build.
    before(async function () {
      this.timeout(20_000);
      await webBuilt();
    });

    it('when /docs is read, then it keeps its own strict policy, which forbids framing too', async () => {
      const res = await testApp().request.get('/docs');
      expect(res.status).to.equal(200);
      expectSecurityHeaders(res, DOCS_CONTENT_SECURITY_POLICY, 'same-origin');
      expect(DOCS_CONTENT_SECURITY_POLICY).to.include("default-src 'none'").and.to.include("frame-ancestors 'none'");
    });

    const others: [string, string, number][] = [
      ...DOCS_ASSET_NAMES.map((name): [string, string, number] => [`the asset ${name}`, `/docs/assets/${name}`, 200]),
      ['an asset that does not exist', '/docs/assets/nope.js', 404],
      ['the OpenAPI document', '/openapi.json', 200],
      ['the liveness probe', '/health', 200],
      ['an unknown path', '/nope', 404],
    ];
    for (const [what, path, status] of others) {
      it(`when ${what} is read, then ${status} with the JSON policy and same-origin CORP`, async () => {
        const res = await testApp().request.get(path);
        expect(res.status).to.equal(status);
        expectSecurityHeaders(res, DEFAULT_CONTENT_SECURITY_POLICY, 'same-origin');
      });
    }
  });

  describe('Strict-Transport-Security', () => {
    it('when a trusted proxy says the client came over HTTPS, then every answer carries it, errors included', async () => {
      const { request } = testApp({ config: { trustProxy: ['loopback'] } });
      for (const path of ['/api/v1/projects', '/api/v1/projects/missing', '/docs']) {
        const res = await request.get(path).set('X-Forwarded-Proto', 'https');
        expect(res.headers['strict-transport-security'], path).to.equal(HSTS);
      }
    });

    it('when the client came over plain HTTP through the trusted proxy, then there is none', async () => {
      const { request } = testApp({ config: { trustProxy: ['loopback'] } });
      expect((await request.get('/api/v1/projects')).headers['strict-transport-security']).to.equal(undefined);
      const http = await request.get('/api/v1/projects').set('X-Forwarded-Proto', 'http');
      expect(http.headers['strict-transport-security']).to.equal(undefined);
    });

    it('when a peer that is not a trusted proxy says HTTPS, then there is none', async () => {
      for (const trustProxy of [false, ['10.0.0.1']]) {
        const res = await testApp({ config: { trustProxy } }).request.get('/health').set('X-Forwarded-Proto', 'https');
        expect(res.headers['strict-transport-security'], JSON.stringify(trustProxy)).to.equal(undefined);
      }
    });
  });
});
