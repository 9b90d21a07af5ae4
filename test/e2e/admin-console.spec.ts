import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  screenshot,
  seriousAccessibilityProblems,
  watchPage,
  type AxeFinding,
} from '../support/browser.js';
import { noChromium } from '../support/chromium.js';
import { startService, type ServiceProcess } from '../support/process.js';

const ADMIN_TOKEN = 'console-admin-token-that-is-long-enough-0123456789';

/**
 * The owner's console at `/admin` in headless Chromium, on the service
 * started as a user starts it: signing in, a project from creation to the
 * portfolio, two tabs editing it at once, a message from the form to the
 * archive; and a service without an admin token. Every view is checked with
 * axe-core, and no page asks anything of another host.
 */
describe('the console in headless Chromium', function () {
  this.timeout(60_000);

  let service: ServiceProcess | undefined;
  let withoutToken: ServiceProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watchPage>;
  /** Serious or critical findings, by view: all of them must be empty. */
  const accessibility: Record<string, AxeFinding[]> = {};

  before(async function () {
    const missing = noChromium();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    const env = { STORAGE: 'memory', SEED_SAMPLE_DATA: 'true', NODE_ENV: 'test' };
    // Each is kept as soon as it is there, so that `after` ends it even when another failed.
    await Promise.all([
      startService({ ...env, ADMIN_TOKEN }).then((started) => (service = started)),
      startService(env).then((started) => (withoutToken = started)),
      launchBrowser().then((launched) => (browser = launched)),
    ]);
    context = await browser!.newContext({ viewport: DESKTOP });
    page = await context.newPage();
    seen = watchPage(page, service!.url);
  });

  after(async () => {
    await browser?.close();
    for (const started of [service, withoutToken]) started?.child.kill('SIGTERM');
    await Promise.all([service?.exit(), withoutToken?.exit()]);
  });

  /** Opens the console in a new tab of the shared context (its own session, as a tab has). */
  async function openConsole(origin = service!.url): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(`${origin}/admin`);
    await tab.locator('#token').waitFor();
    return tab;
  }

  /** Signs in from the keyboard: the token, then Enter. */
  async function signIn(tab: Page, token = ADMIN_TOKEN): Promise<void> {
    await tab.locator('#token').focus();
    await tab.keyboard.type(token);
    await tab.keyboard.press('Enter');
  }

  async function heading(tab: Page, text: string): Promise<void> {
    await tab.locator('main h1', { hasText: text }).waitFor();
  }

  async function check(tab: Page, view: string): Promise<void> {
    accessibility[view] = await seriousAccessibilityProblems(tab);
  }

  it('tells a wrong token apart from a right one, and signs in from the keyboard', async () => {
    await page.goto(`${service!.url}/admin`);
    await page.locator('#token').waitFor();
    await check(page, 'sign-in');
    await screenshot(page, 'admin-sign-in');
    await signIn(page, 'not-the-admin-token');
    const problem = page.locator('#token-errors');
    await problem.waitFor();
    expect(await problem.innerText()).to.equal(
      'This token is not the admin token of this service. Check it and try again.',
    );
    await page.fill('#token', '');
    await signIn(page);
    await heading(page, 'Inbox');
    expect(await page.evaluate(() => Object.keys(sessionStorage))).to.deep.equal(['portfolio-api.admin-token']);
    expect(await page.evaluate(() => localStorage.length)).to.equal(0);
    expect((await context.cookies()).length).to.equal(0);
    expect(page.url()).not.to.include(ADMIN_TOKEN);
  });

  it('on a service without an admin token, says so instead of "wrong token"', async () => {
    const tab = await openConsole(withoutToken!.url);
    await signIn(tab);
    const problem = tab.locator('#token-errors');
    await problem.waitFor();
    expect(await problem.innerText()).to.equal(
      'This service has no admin token configured, so nobody can sign in. Set ADMIN_TOKEN in its environment and restart it.',
    );
    await screenshot(tab, 'admin-no-token-configured');
    await tab.close();
  });

  it('creates a project, marks a wrong field beside it, and the published project is on the portfolio', async () => {
    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    await heading(page, 'Projects');
    await check(page, 'projects');
    await page.getByRole('link', { name: 'New project' }).click();
    await heading(page, 'New project');
    await page.fill('#title', 'Browser Made Project');
    await page.fill('#summary', 'Created in the console by a browser test.');
    await page.fill('#startedAt', '2026-02-01');
    await page.fill('#repo', 'http://insecure.example.com');
    await page.selectOption('#status', 'published');
    await page.getByRole('button', { name: 'Create project' }).click();
    const repoError = page.locator('#repo-errors');
    await repoError.waitFor();
    expect(await repoError.innerText()).to.match(/https/i);
    expect(await page.getAttribute('#repo', 'aria-invalid')).to.equal('true');
    await check(page, 'project editor, with a field error');
    await screenshot(page, 'admin-project-field-error');

    await page.fill('#repo', 'https://example.com/browser-made');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.locator('.notice', { hasText: 'The project was created.' }).waitFor();
    await heading(page, 'Edit project');
    // The same page, now at the project's address: the notice stays, and keeps the focus.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('notice'))).to.equal(true);
    expect(page.url()).to.match(/#\/projects\/browser-made-project$/);

    const portfolio = await context.newPage();
    await portfolio.goto(service!.url);
    expect(await portfolio.locator('#projects h3', { hasText: 'Browser Made Project' }).count()).to.equal(1);
    await portfolio.close();
  });

  it('when a second tab saved the project first, the first gets the conflict message and can reload it', async () => {
    const second = await openConsole();
    await signIn(second);
    await heading(second, 'Inbox');
    await second.goto(`${service!.url}/admin#/projects/browser-made-project`);
    await heading(second, 'Edit project');
    await second.locator('#summary').waitFor();

    await page.fill('#summary', 'Changed in the first tab.');
    await second.fill('#summary', 'Changed in the second tab, saved first.');
    await second.getByRole('button', { name: 'Save changes' }).click();
    await second.locator('.notice', { hasText: 'The project was saved.' }).waitFor();

    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.locator('.notice-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).to.include('Someone else changed this item since you opened it');
    expect(await page.inputValue('#summary')).to.equal('Changed in the first tab.');
    await check(page, 'project editor, with the conflict');
    await screenshot(page, 'admin-conflict', { forDocs: true });

    await conflict.getByRole('button', { name: 'Reload the current version' }).click();
    await page.waitForFunction(() =>
      (document.querySelector('#summary') as HTMLTextAreaElement).value.startsWith('Changed in the second'),
    );
    await page.fill('#summary', 'Changed in the first tab, after reloading.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.notice', { hasText: 'The project was saved.' }).waitFor();
    await second.close();
  });

  it('finds a message sent with the form on the portfolio in the inbox, opens it and archives it', async () => {
    const visitor = await context.newPage();
    await visitor.goto(service!.url);
    await visitor.fill('#contact-name', 'Visitor In A Browser');
    await visitor.fill('#contact-email', 'visitor@example.com');
    await visitor.fill('#contact-subject', 'Seen your console');
    await visitor.fill('#contact-message', 'Hello! This message came through the form on the portfolio.');
    await visitor.click('#contact-form button[type=submit]');
    await visitor.locator('#contact-status', { hasText: 'Thank you' }).waitFor();
    await visitor.close();

    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await heading(page, 'Inbox');
    const row = page.locator('.message-row', { hasText: 'Visitor In A Browser' });
    await row.waitFor();
    await check(page, 'inbox');
    await screenshot(page, 'admin', { forDocs: true });
    await row.getByRole('link').click();
    await heading(page, 'Seen your console');
    expect(await page.locator('.message-body').innerText()).to.equal(
      'Hello! This message came through the form on the portfolio.',
    );
    await check(page, 'message');
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.locator('.notice', { hasText: 'Archived.' }).waitFor();

    await page.goto(`${service!.url}/admin#/inbox?status=archived`);
    await heading(page, 'Inbox');
    await page.locator('.message-row', { hasText: 'Visitor In A Browser' }).waitFor();
    await page.goto(`${service!.url}/admin#/inbox?status=new`);
    await page.locator('.state-empty, .messages').first().waitFor();
    expect(await page.locator('.message-row', { hasText: 'Visitor In A Browser' }).count()).to.equal(0);
  });

  it('shows the profile, skills and experience views', async () => {
    for (const [link, title] of [
      ['Profile', 'Profile'],
      ['Skills', 'Skills'],
      ['Experience', 'Experience'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await heading(page, title);
      await page.locator('main form, main table, main ul, main .state-empty').first().waitFor();
      await check(page, link.toLowerCase());
    }
  });

  it('had no serious or critical accessibility problem in any view, asked nothing of another host, and reported no error', () => {
    expect(Object.keys(accessibility)).to.have.length.greaterThan(7);
    const found = Object.entries(accessibility).filter(([, findings]) => findings.length > 0);
    expect(found, 'axe-core findings by view').to.deep.equal([]);
    expect(seen.elsewhere, 'requests to other hosts').to.deep.equal([]);
    expect(seen.errors, 'console errors (a Content-Security-Policy violation would be one)').to.deep.equal([]);
  });
});
