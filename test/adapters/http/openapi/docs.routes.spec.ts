import { expect } from 'chai';
import { openApiDocument } from '../../../../src/adapters/http/openapi/openapi.document.js';
import { testApp } from '../../../support/http-app.js';
import { webBuilt } from '../../../support/web-build.js';

describe('GET /openapi.json', () => {
  it('when requested, then it is the document built from the code, as JSON', async () => {
    const res = await testApp().request.get('/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(res.body).to.deep.equal(openApiDocument());
  });
});

describe('GET /docs', () => {
  // Swagger UI's files are served from the pages' build.
  before(async function () {
    this.timeout(20_000);
    await webBuilt();
  });

  it('when requested, then it is an HTML page whose every script, style and icon is on this origin', async () => {
    const res = await testApp().request.get('/docs');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
    const urls = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).to.have.length(4);
    for (const url of urls) expect(url, url).to.match(/^\/docs\/assets\/[\w.-]+$/);
    expect(res.text).not.to.match(/https?:\/\//);
  });

  it('when requested, then its Content-Security-Policy allows this origin only and no inline script', async () => {
    const res = await testApp().request.get('/docs');
    const policy = String(res.headers['content-security-policy']);
    expect(policy).to.include("default-src 'none'");
    expect(policy).to.include("script-src 'self'");
    expect(policy).to.include("connect-src 'self'");
    expect(policy).not.to.match(/unsafe-eval|https?:|\*/);
  });

  it('when each asset the page names is requested, then it is served with its media type', async () => {
    const { request } = testApp();
    const page = await request.get('/docs');
    const types: Record<string, RegExp> = { css: /^text\/css/, js: /^text\/javascript/, png: /^image\/png/ };
    for (const [, url] of page.text.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const res = await request.get(url!).buffer(true);
      expect(res.status, url).to.equal(200);
      expect(res.headers['content-type'], url).to.match(types[url!.split('.').pop()!]!);
      expect(Number(res.headers['content-length']), url).to.be.greaterThan(0);
    }
  });

  it('when an asset that is not one of the page’s is requested, then 404, and no file outside them is reachable', async () => {
    const { request } = testApp();
    for (const path of ['/docs/assets/index.html', '/docs/assets/..%2Fpackage.json', '/docs/assets/%2e%2e%2fLICENSE']) {
      const res = await request.get(path);
      expect(res.status, path).to.equal(404);
      expect(res.headers['content-type'], path).to.equal('application/problem+json; charset=utf-8');
    }
  });
});
