import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { openApiDocument } from '../../src/adapters/http/openapi/openapi.document.js';
import { CHROMIUM, CHROMIUM_FLAGS, noChromium } from '../support/chromium.js';
import { startService, type ServiceProcess } from '../support/process.js';
import { TEST_TMP } from '../support/temp-dir.js';

describe('GET /docs in headless Chromium', function () {
  this.timeout(60_000);

  let service: ServiceProcess | undefined;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  let page: Page;
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  before(async function () {
    const missing = noChromium();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    userDataDir = mkdtempSync(join(TEST_TMP, 'docs-chromium-'));
    // Both take a while to start; neither needs the other until the page is opened.
    [service, context] = await Promise.all([
      startService({ STORAGE: 'memory', SEED_SAMPLE_DATA: 'true', NODE_ENV: 'test' }),
      chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS }),
    ]);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${service.url}/docs`);
    await page.waitForSelector('.opblock');
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    if (service) {
      service.child.kill('SIGTERM');
      await service.exit();
    }
  });

  it('shows every operation of the document, by method and path', async () => {
    const shown = await page.$$eval('.opblock', (blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent?.trim().toLowerCase();
        const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path');
        return `${method} ${path}`;
      }),
    );
    const documented = Object.entries(openApiDocument().paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect([...shown].sort()).to.deep.equal([...documented].sort());
    expect(await page.locator('.info .title').innerText()).to.include('portfolio-api');
  });

  it('runs an example with "Try it out" and shows the answer', async () => {
    const operation = page.locator('#operations-Projects-getProject');
    await operation.locator('.opblock-summary').click();
    await operation.locator('.try-out__btn').click();
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: process.env.DOCS_SCREENSHOT, fullPage: true });
    expect((await status.innerText()).trim()).to.equal('200');
    expect(await operation.locator('.live-responses-table tbody').first().innerText()).to.include(
      'Trailhead Route Planner',
    );
  });

  it('made every request to the service itself, and the browser reported no error', () => {
    const origin = new URL(service!.url).origin;
    expect(requested).to.include(`${origin}/openapi.json`);
    expect(requested).to.include(`${origin}/api/v1/projects/trailhead-route-planner`);
    const elsewhere = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
    expect(elsewhere, 'requests to other hosts').to.deep.equal([]);
    expect(consoleErrors, 'console errors (a Content-Security-Policy violation would be one)').to.deep.equal([]);
  });
});
