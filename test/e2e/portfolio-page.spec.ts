import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  PHONE,
  screenshot,
  seriousAccessibilityProblems,
  watchPage,
} from '../support/browser.js';
import { noChromium } from '../support/chromium.js';
import { startService, type ServiceProcess } from '../support/process.js';

const ADMIN_TOKEN = 'portfolio-page-admin-token-long-enough-0123456789';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

/**
 * The portfolio at `/` in headless Chromium, on the service started as a
 * user starts it with the sample portfolio: what a visitor sees and can do,
 * with and without JavaScript, checked for accessibility and for requests to
 * other hosts.
 */
describe('the portfolio page in headless Chromium', function () {
  this.timeout(60_000);

  let service: ServiceProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async function () {
    const missing = noChromium();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    // Each is kept as soon as it is there, so that `after` ends it even when the other failed.
    await Promise.all([
      startService({
        STORAGE: 'memory',
        SEED_SAMPLE_DATA: 'true',
        ADMIN_TOKEN,
        NODE_ENV: 'test',
        CONTACT_RATE_LIMIT: '50',
      }).then((started) => (service = started)),
      launchBrowser().then((launched) => (browser = launched)),
    ]);
  });

  after(async () => {
    await browser?.close();
    if (service) {
      service.child.kill('SIGTERM');
      await service.exit();
    }
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** A fresh visitor: its own context, watched for requests elsewhere and console errors. */
  async function visit(
    path: string,
    options: { javaScriptEnabled?: boolean; viewport?: typeof DESKTOP; colorScheme?: 'light' | 'dark' } = {},
  ) {
    const context = await browser!.newContext({ viewport: DESKTOP, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const seen = watchPage(page, service!.url);
    const response = await page.goto(`${service!.url}${path}`);
    return { page, seen, response: response! };
  }

  async function inbox(): Promise<{ name: string; email: string; message: string }[]> {
    const res = await fetch(`${service!.url}/api/v1/messages?limit=100`, { headers: admin });
    return ((await res.json()) as { data: { name: string; email: string; message: string }[] }).data;
  }

  async function fill(page: Page, fields: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(fields)) await page.fill(`#contact-${name}`, value);
  }

  it('shows the sample portfolio, asks nothing of another host, and the browser reports no error', async () => {
    const { page, seen, response } = await visit('/');
    expect(response.status()).to.equal(200);
    expect(await page.locator('h1').innerText()).to.equal('Alex Morgan');
    expect(await page.locator('#projects h3').count()).to.be.greaterThan(2);
    expect(await page.locator('#skills h3').count()).to.be.greaterThan(1);
    expect(await page.locator('#experience li').count()).to.be.greaterThan(1);
    // The page's style sheet applied: the header is laid out, not a bare list.
    expect(await page.locator('.site-header').evaluate((header) => getComputedStyle(header).position)).to.equal(
      'sticky',
    );
    await screenshot(page, 'portfolio', { forDocs: true });
    expect(seen.elsewhere, 'requests to other hosts').to.deep.equal([]);
    expect(seen.errors, 'console errors (a Content-Security-Policy violation would be one)').to.deep.equal([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical accessibility problem (axe-core), in the ${colorScheme} colour scheme`, async () => {
      const { page } = await visit('/', { colorScheme });
      expect(await seriousAccessibilityProblems(page)).to.deep.equal([]);
    });
  }

  it('reads on a phone: nothing wider than the screen, and still accessible', async () => {
    const { page } = await visit('/', { viewport: PHONE });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).to.be.at.most(PHONE.width);
    await screenshot(page, 'portfolio-phone');
    expect(await seriousAccessibilityProblems(page)).to.deep.equal([]);
  });

  it('is usable from the keyboard: the first Tab shows the skip link, which leads to the content', async () => {
    const { page } = await visit('/');
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    expect(await skip.evaluate((link) => link === document.activeElement)).to.equal(true);
    expect(await skip.isVisible()).to.equal(true);
    const outline = await skip.evaluate((link) => getComputedStyle(link).outlineStyle);
    expect(outline).not.to.equal('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('main');
  });

  it('without JavaScript, the form posts to /contact: a wrong field is marked and what was typed kept, then the message is sent', async () => {
    const { page, seen } = await visit('/', { javaScriptEnabled: false });
    const typed = {
      name: 'Ada without script',
      email: 'ada@example',
      subject: 'From a plain form',
      message: 'Hello from a browser that runs no script.',
    };
    await fill(page, typed);
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('#contact-form button[type=submit]')]);
    expect(refused!.status()).to.equal(400);
    expect(new URL(page.url()).pathname).to.equal('/contact');
    expect(await page.locator('#contact-status').innerText()).to.equal(
      'The message was not sent: please correct the field marked below.',
    );
    expect(await page.locator('#contact-email-error').innerText()).to.match(/email/i);
    expect(await page.inputValue('#contact-name')).to.equal(typed.name);
    expect(await page.inputValue('#contact-message')).to.equal(typed.message);
    await screenshot(page, 'contact-form-refused');

    await page.fill('#contact-email', 'ada@example.com');
    const [sent] = await Promise.all([page.waitForNavigation(), page.click('#contact-form button[type=submit]')]);
    expect(sent!.status()).to.equal(200);
    expect(await page.locator('#contact-status').innerText()).to.equal(
      'Thank you, your message was sent. You will get an answer by email.',
    );
    expect(await page.inputValue('#contact-name')).to.equal('');
    await screenshot(page, 'contact-form-sent-without-javascript');
    expect((await inbox()).find((message) => message.name === typed.name)).to.include({
      email: 'ada@example.com',
      message: typed.message,
    });
    expect(seen.elsewhere).to.deep.equal([]);
  });

  it('with JavaScript, the form sends the message in place: no new page, the outcome announced, the fields emptied', async () => {
    const { page, seen } = await visit('/');
    await fill(page, { name: 'Grace with script', email: 'grace@example.com', message: 'Hello from the page script.' });
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.url().endsWith('/api/v1/contact')),
      page.click('#contact-form button[type=submit]'),
    ]);
    expect(answer.status()).to.equal(202);
    const status = page.locator('#contact-status');
    await status.filter({ hasText: 'Thank you' }).waitFor();
    expect(new URL(page.url()).pathname).to.equal('/');
    expect(await status.getAttribute('role')).to.equal('status');
    expect(await page.inputValue('#contact-name')).to.equal('');
    await screenshot(page, 'contact-form-sent-with-javascript');
    expect((await inbox()).map((message) => message.name)).to.include('Grace with script');
    expect(seen.errors).to.deep.equal([]);
  });

  it('shows hostile content as text: no element is made of it and no script of it runs', async () => {
    const attack = '<img src=x onerror="window.pwned=1">';
    const created = await fetch(`${service!.url}/api/v1/projects`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        title: attack,
        summary: '<script>window.pwned=2</script>',
        description: 'Some **bold** text and <iframe src="/admin"></iframe>',
        startedAt: '2030-01-01',
        status: 'published',
        featured: true,
      }),
    });
    expect(created.status).to.equal(201);
    const { page, seen } = await visit('/');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
    const card = page.locator('.card', { hasText: attack });
    expect(await card.locator('h3').innerText()).to.equal(attack);
    expect(await card.locator('.summary').innerText()).to.equal('<script>window.pwned=2</script>');
    await card.locator('summary').click();
    expect(await card.locator('.prose strong').innerText()).to.equal('bold');
    expect(await card.locator('.prose').innerText()).to.include('<iframe src="/admin"></iframe>');
    expect(await page.locator('main img, main iframe, main script').count()).to.equal(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).to.equal(undefined);
    expect(dialogs).to.deep.equal([]);
    await screenshot(page, 'portfolio-hostile-content');
    expect(seen.errors).to.deep.equal([]);
  });
});
