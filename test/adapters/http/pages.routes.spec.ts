import { expect } from 'chai';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { pino } from 'pino';
import type supertest from 'supertest';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../../../src/adapters/http/pages/content-security-policy.js';
import { WEB_BUILD_DIR, type WebManifest } from '../../../src/adapters/http/pages/web-build.js';
import { sampleContent } from '../../../src/adapters/sample/sample-content.js';
import { MemoryContactRateLimiter } from '../../../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import { aProject } from '../../support/builders.js';
import { stubHumanCheck } from '../../support/fakes.js';
import { AUTH, testApp, type TestAppOptions } from '../../support/http-app.js';
import { makeTestDir } from '../../support/temp-dir.js';
import { webBuilt } from '../../support/web-build.js';
import { content, expectProblem } from './http-expectations.js';

/** The portfolio's policy without a human check: this origin only, nothing inline. */
const PORTFOLIO_POLICY =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const FORM = 'application/x-www-form-urlencoded';
const typed = {
  name: 'Grace Hopper',
  email: 'grace@example.com',
  subject: 'A project',
  message: 'Hello, shall we talk?',
};
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const documentOf = (res: supertest.Response) => parseHTML(res.text).document;
const text = (res: supertest.Response, selector: string) =>
  documentOf(res).querySelector(selector)?.textContent?.trim();
const valueOf = (res: supertest.Response, name: string) => {
  const field = documentOf(res).querySelector(`#contact-${name}`)!;
  return field.tagName === 'TEXTAREA' ? field.textContent : field.getAttribute('value');
};

function sampleApp(options: TestAppOptions = {}) {
  return testApp({ content: sampleContent(), ...options });
}

async function inboxTotal(app: ReturnType<typeof testApp>): Promise<number> {
  const res = await app.request.get('/api/v1/messages').set(AUTH);
  return (res.body as { meta: { total: number } }).meta.total;
}

describe('Pages for people', () => {
  let manifest: WebManifest;

  before(async function () {
    this.timeout(20_000);
    await webBuilt();
    manifest = JSON.parse(readFileSync(join(WEB_BUILD_DIR, 'manifest.json'), 'utf8')) as WebManifest;
  });

  describe('GET /', () => {
    it('when opened, then the sample portfolio is the page, with its own assets, its policy and public caching', async () => {
      const res = await sampleApp().request.get('/');
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).to.equal(PORTFOLIO_POLICY);
      expect(res.headers['cache-control']).to.equal('public, max-age=60');
      expect(res.headers.vary).to.match(/\bAuthorization\b/);
      expect(res.headers.etag).to.match(/^"[A-Za-z0-9_-]{27}"$/);
      const document = documentOf(res);
      expect(text(res, 'h1')).to.equal('Alex Morgan');
      expect(document.querySelector('link[rel="stylesheet"]')!.getAttribute('href')).to.equal(
        manifest.portfolio.stylesheet,
      );
      expect(document.querySelector('script')!.getAttribute('src')).to.equal(manifest.portfolio.script);
      expect(document.querySelector('form')!.getAttribute('action')).to.equal('/contact#contact');
      expect(document.querySelector('.cf-turnstile, .h-captcha')).to.equal(null);
    });

    it('when opened, then it names nothing on another host but its links', async () => {
      const res = await sampleApp().request.get('/');
      const document = documentOf(res);
      const loaded = [...document.querySelectorAll('[src], link[href]')].map(
        (element) => element.getAttribute('src') ?? element.getAttribute('href'),
      );
      for (const url of loaded) expect(url).to.match(/^(\/[^/]|data:)/);
      expect(res.text).not.to.include('avatars.example.com');
    });

    it('when shown, then only published projects are on it, as the API lists them', async () => {
      const res = await sampleApp().request.get('/');
      const titles = [...documentOf(res).querySelectorAll('#projects h3')].map((h) => h.textContent);
      const published = sampleContent().projects.filter((project) => project.status === 'published');
      expect([...titles].sort()).to.deep.equal(published.map((project) => project.title).sort());
    });

    it('when If-None-Match carries its ETag, then 304; once the content changes, the page and its ETag do', async () => {
      const app = sampleApp();
      const first = await app.request.get('/');
      const again = await app.request.get('/').set('If-None-Match', first.headers.etag as string);
      expect(again.status).to.equal(304);
      expect(again.text).to.equal('');

      const created = await app.request
        .post('/api/v1/projects')
        .set(AUTH)
        .send({ title: 'Fresh Work', summary: 'Just published.', startedAt: '2026-01-01', status: 'published' });
      expect(created.status).to.equal(201);
      const changed = await app.request.get('/').set('If-None-Match', first.headers.etag as string);
      expect(changed.status).to.equal(200);
      expect(changed.headers.etag).not.to.equal(first.headers.etag);
      expect(changed.text).to.include('Fresh Work');
    });

    it('when content is hostile, then it shows as text and adds no element', async () => {
      const attack = '<img src=x onerror=alert(1)>';
      const app = testApp({
        content: content({
          projects: [
            aProject({ title: attack, summary: '<script>alert(1)</script>', tech: ['"><svg onload=alert(1)>'] }),
          ],
        }),
      });
      const res = await app.request.get('/');
      expect(res.status).to.equal(200);
      const document = documentOf(res);
      expect(document.querySelectorAll('img, svg, script:not([src])')).to.have.length(0);
      expect(text(res, '#projects h3')).to.equal(attack);
      expect(text(res, '#projects .summary')).to.equal('<script>alert(1)</script>');
      expect(res.text).to.include('&lt;img src=x onerror=alert(1)>');
    });

    it('when a human check with a site key is configured, then the widget, its script and its origins in the policy', async () => {
      const app = sampleApp({
        config: { captcha: { provider: 'turnstile', secret: 'secret', siteKey: '1x00000000000000000000AA' } },
        humanCheck: stubHumanCheck(),
      });
      const res = await app.request.get('/');
      const widget = documentOf(res).querySelector('.cf-turnstile')!;
      expect(widget.getAttribute('data-sitekey')).to.equal('1x00000000000000000000AA');
      expect(documentOf(res).querySelector('script[src^="https://challenges.cloudflare.com/"]')).to.exist;
      expect(res.headers['content-security-policy'])
        .to.include("script-src 'self' https://challenges.cloudflare.com")
        .and.to.include('frame-src https://challenges.cloudflare.com');
    });

    it('when a human check has no site key, then the page shows no widget and its policy allows no provider', async () => {
      const app = sampleApp({
        config: { captcha: { provider: 'hcaptcha', secret: 'secret' } },
        humanCheck: stubHumanCheck(),
      });
      const res = await app.request.get('/');
      expect(documentOf(res).querySelector('.h-captcha')).to.equal(null);
      expect(res.headers['content-security-policy']).to.equal(PORTFOLIO_POLICY);
    });

    it('when the pages are not built, then 500 without details, and the log says how to build them', async () => {
      const lines: string[] = [];
      const webDir = await makeTestDir('no-web-build-');
      after(() => rmSync(webDir, { recursive: true, force: true }));
      const app = sampleApp({
        webDir,
        logger: pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }),
      });
      const res = await app.request.get('/');
      expectProblem(res, 'internal-error', {
        detail: 'An unexpected error occurred; the request id identifies it in the log',
        instance: '/',
      });
      expect(lines.join('')).to.include('the pages are not built').and.to.include('npm run build');
      expect(res.text).not.to.include('manifest.json');
    });
  });

  describe('POST /contact (the form without JavaScript)', () => {
    it('when the message is good, then it is stored and the page thanks the visitor, with the fields empty', async () => {
      const app = sampleApp();
      const res = await app.request
        .post('/contact')
        .type(FORM)
        .send(encode({ ...typed, website: '' }));
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.headers['content-security-policy']).to.equal(PORTFOLIO_POLICY);
      expect(text(res, '#contact-status')).to.equal(
        'Thank you, your message was sent. You will get an answer by email.',
      );
      expect(valueOf(res, 'name')).to.equal('');
      expect(text(res, 'h1')).to.equal('Alex Morgan');
      const inbox = await app.request.get('/api/v1/messages').set(AUTH);
      expect(inbox.body.data).to.have.length(1);
      expect(inbox.body.data[0]).to.include({ ...typed, status: 'new' });
    });

    it('when the subject is left blank, then the message is stored without one', async () => {
      const app = sampleApp();
      const res = await app.request
        .post('/contact')
        .type(FORM)
        .send(encode({ ...typed, subject: '  ', website: '' }));
      expect(res.status).to.equal(200);
      const inbox = await app.request.get('/api/v1/messages').set(AUTH);
      expect(inbox.body.data[0]).not.to.have.property('subject');
    });

    it('when fields are wrong, then 400 and the page marks each beside its field, keeps what was typed and stores nothing', async () => {
      const app = sampleApp();
      const res = await app.request
        .post('/contact')
        .type(FORM)
        .send(encode({ name: '', email: 'grace@example', subject: 'Hi <b>', message: 'Too short', website: '' }));
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).to.equal(PORTFOLIO_POLICY);
      expect(text(res, '#contact-status')).to.equal(
        'The message was not sent: please correct the 3 fields marked below.',
      );
      expect(text(res, '#contact-name-error')).to.equal('Must not be empty');
      expect(text(res, '#contact-email-error')).to.match(/email/i);
      expect(text(res, '#contact-message-error')).to.equal('Must be at least 10 characters');
      expect(documentOf(res).querySelector('#contact-subject-error')!.hasAttribute('hidden')).to.equal(true);
      expect([valueOf(res, 'email'), valueOf(res, 'subject'), valueOf(res, 'message')]).to.deep.equal([
        'grace@example',
        'Hi <b>',
        'Too short',
      ]);
      expect(documentOf(res).querySelectorAll('b')).to.have.length(0);
      expect(await inboxTotal(app)).to.equal(0);
    });

    it('when the honeypot is filled, then the page says sent, as to anyone, and nothing is stored', async () => {
      const app = sampleApp();
      const res = await app.request
        .post('/contact')
        .type(FORM)
        .send(encode({ ...typed, website: 'https://spam.example' }));
      expect(res.status).to.equal(200);
      expect(text(res, '#contact-status')).to.match(/^Thank you/);
      expect(await inboxTotal(app)).to.equal(0);
    });

    it('when the form and the API are used from one address, then they share one limit: 429 with Retry-After, what was typed kept', async () => {
      const app = sampleApp({ rateLimiter: new MemoryContactRateLimiter(2, 600) });
      expect((await app.request.post('/api/v1/contact').send(typed)).status).to.equal(202);
      expect((await app.request.post('/contact').type(FORM).send(encode(typed))).status).to.equal(200);

      const refused = await app.request.post('/contact').type(FORM).send(encode(typed));
      expect(refused.status).to.equal(429);
      expect(refused.headers['retry-after']).to.equal('600');
      expect(refused.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(text(refused, '#contact-status')).to.equal(
        'The message was not sent: too many messages came from your address. Please try again in 10 minutes.',
      );
      expect(valueOf(refused, 'message')).to.equal(typed.message);
      expect((await app.request.post('/api/v1/contact').send(typed)).status).to.equal(429);
      expect(await inboxTotal(app)).to.equal(2);
    });

    it('when the fields are wrong, then the attempt does not count against the limit, as with the API', async () => {
      const app = sampleApp({ rateLimiter: new MemoryContactRateLimiter(1, 600) });
      for (let attempt = 0; attempt < 3; attempt++) {
        const res = await app.request
          .post('/contact')
          .type(FORM)
          .send(encode({ ...typed, email: 'nope' }));
        expect(res.status).to.equal(400);
      }
      expect((await app.request.post('/contact').type(FORM).send(encode(typed))).status).to.equal(200);
    });

    describe('with the human check on', () => {
      const captcha = { provider: 'turnstile', secret: 'secret', siteKey: '1x00000000000000000000AA' } as const;

      it("when the widget's answer comes in its own field, then the check is asked with it and the client's address", async () => {
        const humanCheck = stubHumanCheck();
        const app = sampleApp({ config: { captcha }, humanCheck });
        const res = await app.request
          .post('/contact')
          .type(FORM)
          .send(encode({ ...typed, website: '', 'cf-turnstile-response': 'widget-answer' }));
        expect(res.status).to.equal(200);
        expect(humanCheck.verify.calledOnce).to.equal(true);
        expect(humanCheck.verify.firstCall.args[0]).to.equal('widget-answer');
        expect(humanCheck.verify.firstCall.args[1]).to.match(/127\.0\.0\.1$/);
        expect(await inboxTotal(app)).to.equal(1);
      });

      it('when the check fails, then 400 with the widget again, what was typed kept, nothing stored', async () => {
        const humanCheck = stubHumanCheck();
        humanCheck.verify.resolves({ outcome: 'not-a-person', errorCodes: ['invalid-input-response'] });
        const app = sampleApp({ config: { captcha }, humanCheck });
        const res = await app.request
          .post('/contact')
          .type(FORM)
          .send(encode({ ...typed, 'cf-turnstile-response': 'forged' }));
        expect(res.status).to.equal(400);
        expect(text(res, '#contact-status')).to.equal(
          'The message was not sent: the human check did not pass. Please complete it again, then send.',
        );
        expect(documentOf(res).querySelector('.cf-turnstile')).to.exist;
        expect(valueOf(res, 'name')).to.equal(typed.name);
        expect(await inboxTotal(app)).to.equal(0);
      });

      it('when the check cannot be made, then 503 with Retry-After, and the page says when to try again', async () => {
        const humanCheck = stubHumanCheck();
        humanCheck.verify.resolves({ outcome: 'unavailable', reason: 'siteverify timed out' });
        const app = sampleApp({ config: { captcha }, humanCheck });
        const res = await app.request
          .post('/contact')
          .type(FORM)
          .send(encode({ ...typed, 'cf-turnstile-response': 'answer' }));
        expect(res.status).to.equal(503);
        expect(res.headers['retry-after']).to.equal('30');
        expect(text(res, '#contact-status')).to.equal(
          'The message was not sent: the service is unavailable right now. Please try again in 30 seconds.',
        );
        expect(valueOf(res, 'message')).to.equal(typed.message);
      });

      it('when hCaptcha fills its two fields, then its own is the answer', async () => {
        const humanCheck = stubHumanCheck();
        const app = sampleApp({ config: { captcha: { ...captcha, provider: 'hcaptcha' } }, humanCheck });
        const res = await app.request
          .post('/contact')
          .type(FORM)
          .send(encode({ ...typed, 'h-captcha-response': 'h-answer', 'g-recaptcha-response': 'h-answer' }));
        expect(res.status).to.equal(200);
        expect(humanCheck.verify.firstCall.args[0]).to.equal('h-answer');
      });
    });

    it('when a field the form does not have is sent, then 400 problem details name it, as the API would', async () => {
      const app = sampleApp();
      const res = await app.request
        .post('/contact')
        .type(FORM)
        .send(encode({ ...typed, role: 'admin' }));
      expectProblem(res, 'validation-error', {
        detail: '1 field is invalid',
        instance: '/contact',
        errors: [{ path: 'role', message: 'Unknown field' }],
      });
      expect(await inboxTotal(app)).to.equal(0);
    });

    it('when a field is sent twice, then 400 problem details name it', async () => {
      const res = await sampleApp().request.post('/contact').type(FORM).send('name=A&name=B&email=a%40example.com');
      expectProblem(res, 'validation-error', {
        detail: '1 field is invalid',
        instance: '/contact',
        errors: [{ path: 'name', message: 'Must be a string' }],
      });
    });

    it('when the body is JSON, then 415: the form route takes forms only', async () => {
      const res = await sampleApp().request.post('/contact').send(typed);
      expectProblem(res, 'unsupported-media-type', {
        detail: 'The request body must be application/x-www-form-urlencoded',
        instance: '/contact',
      });
    });

    it('when the body is over the limit, then 413 and nothing is stored', async () => {
      const app = sampleApp({ config: { bodyLimitBytes: 1024 } });
      const res = await app.request
        .post('/contact')
        .type(FORM)
        .send(encode({ ...typed, message: 'x'.repeat(2000) }));
      expectProblem(res, 'payload-too-large', {
        detail: 'The request body is larger than the configured limit',
        instance: '/contact',
      });
      expect(await inboxTotal(app)).to.equal(0);
    });
  });

  describe('GET /admin and the assets', () => {
    it('when /admin is opened, then the console page, revalidated every time, under its own policy', async () => {
      const app = testApp();
      for (const path of ['/admin', '/admin/']) {
        const res = await app.request.get(path);
        expect(res.status, path).to.equal(200);
        expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
        expect(res.headers['cache-control']).to.equal('no-cache');
        expect(res.headers['content-security-policy']).to.equal(CONSOLE_CONTENT_SECURITY_POLICY);
        const document = documentOf(res);
        expect(document.querySelector('script')!.getAttribute('src')).to.equal(manifest.admin.script);
        expect(document.querySelector('link[rel="stylesheet"]')!.getAttribute('href')).to.equal(
          manifest.admin.stylesheet,
        );
      }
      expect(CONSOLE_CONTENT_SECURITY_POLICY).not.to.match(/unsafe-|https?:/);
    });

    const assets = () => [
      [manifest.portfolio.stylesheet, 'text/css; charset=utf-8'],
      [manifest.portfolio.script, 'text/javascript; charset=utf-8'],
      [manifest.admin.stylesheet, 'text/css; charset=utf-8'],
      [manifest.admin.script, 'text/javascript; charset=utf-8'],
      [`${manifest.admin.script}.map`, 'application/json; charset=utf-8'],
    ];

    it('when an asset the pages name is read, then its bytes, its type, and caching for a year without revalidation', async () => {
      const app = testApp();
      for (const [path, type] of assets()) {
        const res = await app.request.get(path!).buffer(true);
        expect(res.status, path).to.equal(200);
        expect(res.headers['content-type'], path).to.equal(type);
        expect(res.headers['cache-control'], path).to.equal('public, max-age=31536000, immutable');
        expect(res.headers['cross-origin-resource-policy'], path).to.equal('same-origin');
        const body = Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.text);
        expect(body.equals(readFileSync(join(WEB_BUILD_DIR, path!))), path).to.equal(true);
      }
    });

    for (const path of [
      '/assets/portfolio-NOPE.css',
      '/admin/assets/main-NOPE.js',
      '/assets/..%2Fmanifest.json',
      '/admin/assets/..%2F..%2Fmanifest.json',
      '/assets/.hidden',
    ]) {
      it(`when ${path} is asked for, then 404 and nothing else is read`, async () => {
        const res = await testApp().request.get(path);
        expect(res.status).to.be.oneOf([400, 404]);
        expect(res.headers['content-type']).to.equal('application/problem+json; charset=utf-8');
      });
    }
  });
});
