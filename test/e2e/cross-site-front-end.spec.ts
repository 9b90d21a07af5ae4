import { expect } from 'chai';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/adapters/http/app.js';
import { httpTimeouts } from '../../src/composition-root.js';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { sampleContent } from '../../src/adapters/sample/sample-content.js';
import { CHROMIUM, CHROMIUM_FLAGS, noChromium } from '../support/chromium.js';
import { AUTH, testApp } from '../support/http-app.js';
import { webBuilt } from '../support/web-build.js';
import { TEST_TMP } from '../support/temp-dir.js';

interface Read {
  status: number;
  body: { type?: string; data?: unknown };
  headers: Record<string, string | null>;
}

async function listen(server: Server, host: string): Promise<string> {
  server.listen(0, host);
  await once(server, 'listening');
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

/**
 * The security headers (Cross-Origin-Resource-Policy among them) must not stop
 * a front end on another site, listed in CORS_ORIGINS, from reading the API,
 * its errors included. 127.0.0.2 and 127.0.0.1 are two sites to the browser.
 */
describe('a front end on another site, in headless Chromium', function () {
  this.timeout(60_000);

  let frontEnd: Server | undefined;
  let api: Server | undefined;
  let apiUrl: string;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  let page: Page;

  before(async function () {
    const missing = noChromium();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    await webBuilt();
    frontEnd = createServer((_req, res) => res.end('<!doctype html><title>front end</title>'));
    const frontEndUrl = await listen(frontEnd, '127.0.0.2');
    const { dependencies, config } = testApp({ content: sampleContent(), config: { corsOrigins: [frontEndUrl] } });
    api = createHttpServer(createApp(dependencies), { info() {} }, httpTimeouts(config));
    apiUrl = await listen(api, '127.0.0.1');
    userDataDir = mkdtempSync(join(TEST_TMP, 'cross-site-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(frontEndUrl);
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    for (const server of [frontEnd, api]) {
      server?.closeAllConnections();
      server?.close();
    }
  });

  /** What the front end's own script sees of a fetch. */
  function read(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return page.evaluate(
      async ({ url, init }): Promise<Read> => {
        const res = await fetch(url, init);
        const names = ['etag', 'www-authenticate', 'x-request-id'];
        return {
          status: res.status,
          body: (await res.json()) as Read['body'],
          headers: Object.fromEntries(names.map((name) => [name, res.headers.get(name)])),
        };
      },
      { url: `${apiUrl}${path}`, init },
    );
  }

  it('when it reads the public API, then it gets the data and the headers the API exposes', async () => {
    const res = await read('/api/v1/portfolio');
    expect(res.status).to.equal(200);
    expect(res.body.data).to.have.property('projects').that.is.not.empty;
    expect(res.headers.etag).to.match(/^"/);
  });

  it('when its request fails, then it reads the problem and its headers', async () => {
    const missing = await read('/api/v1/projects/missing');
    expect(missing.status).to.equal(404);
    expect(missing.body.type).to.equal('/problems/not-found');
    expect(missing.headers['x-request-id']).to.be.a('string');
    const unauthorized = await read('/api/v1/messages');
    expect(unauthorized.status).to.equal(401);
    expect(unauthorized.headers['www-authenticate']).to.equal('Bearer realm="portfolio-api"');
  });

  it('when it loads answers without CORS (no-cors, as <img> or <script> would), then the API lets it, the service documents do not', async () => {
    const load = (path: string) =>
      page.evaluate(async (url) => {
        try {
          return (await fetch(url, { mode: 'no-cors' })).type;
        } catch {
          return 'blocked';
        }
      }, `${apiUrl}${path}`);
    // An opaque answer: the page cannot read it, only embed it.
    expect(await load('/api/v1/portfolio')).to.equal('opaque');
    expect(await load('/openapi.json')).to.equal('blocked');
    expect(await load('/docs/assets/swagger-ui-bundle.js')).to.equal('blocked');
  });

  it('when it writes with the admin token, then the preflight passes and it reads the answer', async () => {
    const res = await read('/api/v1/skills', {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Zig', category: 'Languages', level: 2 }),
    });
    expect(res.status).to.equal(201);
    expect(res.body.data).to.include({ name: 'Zig' });
  });
});
