import { expect } from 'chai';
import { pino } from 'pino';
import type supertest from 'supertest';
import type { CaptchaConfig, Config } from '../../../src/adapters/config/config.js';
import { createHumanCheck } from '../../../src/composition-root.js';
import { NOW } from '../../support/fakes.js';
import { AUTH, testApp, type TestAppOptions } from '../../support/http-app.js';
import {
  HCAPTCHA_TEST_RESPONSE,
  HCAPTCHA_TEST_SECRET,
  SITE_SECRET,
  SiteverifyServer,
  TURNSTILE_DUMMY_TOKEN,
  TURNSTILE_TEST_SECRETS,
  refusingUrl,
} from '../../support/siteverify-server.js';
import { expectProblem, expectValidation } from './http-expectations.js';

const PATH = '/api/v1/contact';
const valid = { name: 'Grace', email: 'grace@example.com', message: 'Hello, shall we talk?' };

type Request = ReturnType<typeof testApp>['request'];

async function inbox(request: Request) {
  const res = await request.get('/api/v1/messages').set(AUTH);
  expect(res.status).to.equal(200);
  return res.body as { data: Record<string, unknown>[]; meta: { total: number } };
}

function expectCaptchaFailed(res: supertest.Response, codes: string): void {
  expectProblem(res, 'captcha-failed', {
    detail: `The human check failed (${codes}); solve the widget again and send its new answer`,
    instance: PATH,
  });
}

function expectUnavailable(res: supertest.Response): void {
  expectProblem(res, 'service-unavailable', {
    detail: 'The human check could not be made; try again shortly',
    instance: PATH,
  });
  expect(res.headers['retry-after']).to.equal('30');
}

/** Short enough for the suite; the service itself waits the contract's 5 seconds. */
const TEST_TIMEOUT_MS = 300;

describe('POST /api/v1/contact with the human check on', () => {
  let siteverify: SiteverifyServer;

  /**
   * The real app whose human check asks `siteverify` (Turnstile unless told), logging into `raw`. With
   * `timeoutMs`, the check the configuration names is built with that timeout instead of the contract's 5 s.
   */
  function appWithCheck(captcha: Partial<CaptchaConfig> = {}, config: Partial<Config> = {}, timeoutMs?: number) {
    const raw: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void raw.push(line) });
    const withCheck: Partial<Config> = {
      ...config,
      captcha: { provider: 'turnstile', secret: SITE_SECRET, verifyUrl: siteverify.url, ...captcha },
    };
    const options: TestAppOptions = { config: withCheck, logger };
    if (timeoutMs !== undefined) {
      options.humanCheck = createHumanCheck({ ...testApp().config, ...withCheck }, { timeoutMs });
    }
    const app = testApp(options);
    return { ...app, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  beforeEach(async () => {
    siteverify = await SiteverifyServer.start('turnstile');
  });
  afterEach(() => siteverify.close());

  describe('a person', () => {
    it('when the token is valid, then 202, the message is stored without the token, and the provider was asked once', async () => {
      const { request } = appWithCheck();
      const token = siteverify.issueToken();

      const res = await request.post(PATH).send({ ...valid, captchaToken: token });

      expect(res.status).to.equal(202);
      expect(res.body).to.deep.equal({ data: { id: 'id-1', receivedAt: NOW } });
      expect((await inbox(request)).data).to.deep.equal([{ id: 'id-1', ...valid, status: 'new', receivedAt: NOW }]);
      expect(siteverify.requests.map((r) => r.fields)).to.deep.equal([
        // supertest connects over IPv4 to a dual-stack socket: the provider is told the IPv4 address.
        { secret: SITE_SECRET, response: token, remoteip: '127.0.0.1' },
      ]);
    });

    it("when Turnstile's always-passing test secret is used with its dummy token, then 202 and stored", async () => {
      const { request } = appWithCheck({ secret: TURNSTILE_TEST_SECRETS.passes });
      expect((await request.post(PATH).send({ ...valid, captchaToken: TURNSTILE_DUMMY_TOKEN })).status).to.equal(202);
      expect((await inbox(request)).meta.total).to.equal(1);
    });

    it("when hCaptcha's test secret is used with its test response, then 202 and stored", async () => {
      await siteverify.close();
      siteverify = await SiteverifyServer.start('hcaptcha');
      const { request } = appWithCheck({ provider: 'hcaptcha', secret: HCAPTCHA_TEST_SECRET });

      expect((await request.post(PATH).send({ ...valid, captchaToken: HCAPTCHA_TEST_RESPONSE })).status).to.equal(202);
      expect((await inbox(request)).meta.total).to.equal(1);
      expect(siteverify.requests[0]!.fields).to.deep.include({
        secret: HCAPTCHA_TEST_SECRET,
        response: HCAPTCHA_TEST_RESPONSE,
      });
    });
  });

  describe('400 captcha-failed: nothing is stored', () => {
    it('when the token is missing, then 400 captcha-failed, not a validation error, and the provider is not asked', async () => {
      const { request } = appWithCheck();
      expectCaptchaFailed(await request.post(PATH).send(valid), 'missing-input-response');
      expect((await inbox(request)).meta.total).to.equal(0);
      expect(siteverify.requests).to.deep.equal([]);
    });

    it('when the token is empty, then 400 captcha-failed', async () => {
      const { request } = appWithCheck();
      expectCaptchaFailed(await request.post(PATH).send({ ...valid, captchaToken: '' }), 'missing-input-response');
      expect((await inbox(request)).meta.total).to.equal(0);
    });

    it('when the token is made up, then 400 captcha-failed', async () => {
      const { request } = appWithCheck();
      expectCaptchaFailed(
        await request.post(PATH).send({ ...valid, captchaToken: 'forged' }),
        'invalid-input-response',
      );
      expect((await inbox(request)).meta.total).to.equal(0);
    });

    it('when the token has expired, then 400 captcha-failed (timeout-or-duplicate)', async () => {
      const { request } = appWithCheck();
      const res = await request.post(PATH).send({ ...valid, captchaToken: siteverify.expiredToken() });
      expectCaptchaFailed(res, 'timeout-or-duplicate');
      expect((await inbox(request)).meta.total).to.equal(0);
    });

    it('when a token is sent a second time, then the second is 400 captcha-failed and only the first is stored', async () => {
      const { request } = appWithCheck();
      const token = siteverify.issueToken();
      expect((await request.post(PATH).send({ ...valid, captchaToken: token })).status).to.equal(202);
      expectCaptchaFailed(await request.post(PATH).send({ ...valid, captchaToken: token }), 'timeout-or-duplicate');
      expect((await inbox(request)).meta.total).to.equal(1);
    });

    it("when Turnstile's always-failing test secret is used, then 400 captcha-failed", async () => {
      const { request } = appWithCheck({ secret: TURNSTILE_TEST_SECRETS.fails });
      const res = await request.post(PATH).send({ ...valid, captchaToken: TURNSTILE_DUMMY_TOKEN });
      expectCaptchaFailed(res, 'invalid-input-response');
      expect((await inbox(request)).meta.total).to.equal(0);
    });

    it("when Turnstile's token-already-spent test secret is used, then 400 captcha-failed (timeout-or-duplicate)", async () => {
      const { request } = appWithCheck({ secret: TURNSTILE_TEST_SECRETS.spent });
      const res = await request.post(PATH).send({ ...valid, captchaToken: TURNSTILE_DUMMY_TOKEN });
      expectCaptchaFailed(res, 'timeout-or-duplicate');
      expect((await inbox(request)).meta.total).to.equal(0);
    });

    it('when checks fail, then they count against the rate limit', async () => {
      const { request } = appWithCheck({}, { contactRateLimit: 2 });
      expect((await request.post(PATH).send({ ...valid, captchaToken: 'forged' })).status).to.equal(400);
      expect((await request.post(PATH).send(valid)).status).to.equal(400);

      const res = await request.post(PATH).send({ ...valid, captchaToken: siteverify.issueToken() });

      expect(res.status).to.equal(429);
      expect(res.headers['retry-after']).to.match(/^\d+$/);
      // Counted before the provider was asked: the refused client cannot make the service ask it.
      expect(siteverify.requests).to.have.length(1);
    });
  });

  describe('503: the provider gives no verdict, nothing is stored (the form fails closed)', () => {
    const failures: [string, () => Promise<Partial<CaptchaConfig>> | Partial<CaptchaConfig>, RegExp][] = [
      [
        'answers HTTP 500',
        () => ((siteverify.behaviour = 'error'), {}),
        /^turnstile siteverify at 127\.0\.0\.1:\d+ answered HTTP 500$/,
      ],
      [
        'does not answer in time',
        () => ((siteverify.behaviour = 'hang'), {}),
        new RegExp(`^turnstile siteverify at 127\\.0\\.0\\.1:\\d+ did not answer within ${TEST_TIMEOUT_MS} ms$`),
      ],
      [
        'answers something that is not a siteverify result',
        () => ((siteverify.behaviour = 'malformed'), {}),
        /^turnstile siteverify at 127\.0\.0\.1:\d+ answered something other than a siteverify result$/,
      ],
      [
        'refuses the connection',
        async () => ({ verifyUrl: await refusingUrl() }),
        /^turnstile siteverify at 127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)$/,
      ],
      [
        'refuses the secret',
        () => ({ secret: 'not-the-site-secret' }),
        /^turnstile siteverify at 127\.0\.0\.1:\d+ refused to check: invalid-input-secret$/,
      ],
    ];
    for (const [situation, arrange, reason] of failures) {
      it(`when the provider ${situation}, then 503 with Retry-After, and a warning says which`, async () => {
        const { request, lines, raw } = appWithCheck(await arrange(), {}, TEST_TIMEOUT_MS);
        const token = siteverify.issueToken();

        const res = await request
          .post(PATH)
          .set('X-Request-Id', 'r-503')
          .send({ ...valid, captchaToken: token });

        expectUnavailable(res);
        expect((await inbox(request)).meta.total).to.equal(0);
        const warning = lines().find((line) => line.msg === 'human check unavailable');
        expect(warning).to.deep.include({ level: 40, requestId: 'r-503' });
        expect((warning!.err as { message: string }).message).to.match(reason);
        const log = raw.join('');
        expect(log).not.to.include(token);
        expect(log).not.to.include(SITE_SECRET);
      });
    }
  });

  describe("the client's address", () => {
    it('when behind a trusted proxy, then the provider is told the address the proxy added, as the rate limit counts it', async () => {
      const { request } = appWithCheck({}, { trustProxy: true, contactRateLimit: 1 });
      const send = (forwarded: string) =>
        request
          .post(PATH)
          .set('X-Forwarded-For', forwarded)
          .send({ ...valid, captchaToken: siteverify.issueToken() });

      expect((await send('192.0.2.1, 198.51.100.23')).status).to.equal(202);
      expect((await send('192.0.2.2, 198.51.100.23')).status).to.equal(429);
      expect(siteverify.requests.map((r) => r.fields.remoteip)).to.deep.equal(['198.51.100.23']);
    });

    it('when the proxy is not trusted, then X-Forwarded-For is ignored and the socket address is sent', async () => {
      const { request } = appWithCheck({}, { trustProxy: false });
      await request
        .post(PATH)
        .set('X-Forwarded-For', '198.51.100.23')
        .send({ ...valid, captchaToken: siteverify.issueToken() });
      expect(siteverify.requests.map((r) => r.fields.remoteip)).to.deep.equal(['127.0.0.1']);
    });
  });

  describe('honeypot', () => {
    it('when website is filled in and no token comes, then the same 202 as a real message, nothing stored, the provider not asked', async () => {
      const { request } = appWithCheck();
      const res = await request.post(PATH).send({ ...valid, website: 'https://spam.example' });
      expect(res.status).to.equal(202);
      expect(res.body).to.deep.equal({ data: { id: 'id-1', receivedAt: NOW } });
      expect((await inbox(request)).meta.total).to.equal(0);
      expect(siteverify.requests).to.deep.equal([]);
    });
  });

  describe('the token itself', () => {
    it('when the token is longer than 16,384 characters, then a validation error names it and the provider is not asked', async () => {
      const { request } = appWithCheck();
      const res = await request.post(PATH).send({ ...valid, captchaToken: 't'.repeat(16_385) });
      expectValidation(res, PATH, [{ path: 'captchaToken', message: 'Must be at most 16384 characters' }]);
      expect(siteverify.requests).to.deep.equal([]);
    });

    it('when the token is not a string, then a validation error names it', async () => {
      const { request } = appWithCheck();
      const res = await request.post(PATH).send({ ...valid, captchaToken: 42 });
      expectValidation(res, PATH, [{ path: 'captchaToken', message: 'Must be a string' }]);
    });

    it('when a message is accepted, then neither the token nor the secret reaches the log', async () => {
      const { request, raw } = appWithCheck();
      const token = siteverify.issueToken();
      expect((await request.post(PATH).send({ ...valid, captchaToken: token })).status).to.equal(202);
      expectCaptchaFailed(await request.post(PATH).send({ ...valid, captchaToken: token }), 'timeout-or-duplicate');
      expect(raw).to.have.length(2);
      expect(raw.join('')).not.to.include(token);
      expect(raw.join('')).not.to.include(SITE_SECRET);
    });
  });
});

describe('POST /api/v1/contact with the human check off', () => {
  it('when a captchaToken comes along, then it is accepted and ignored: 202, and stored without it', async () => {
    const { request } = testApp();
    const res = await request.post(PATH).send({ ...valid, captchaToken: 'a-token-from-a-front-end' });
    expect(res.status).to.equal(202);
    expect((await inbox(request)).data).to.deep.equal([{ id: 'id-1', ...valid, status: 'new', receivedAt: NOW }]);
  });

  it('when no captchaToken comes, then the message is stored as before', async () => {
    const { request } = testApp();
    expect((await request.post(PATH).send(valid)).status).to.equal(202);
    expect((await inbox(request)).meta.total).to.equal(1);
  });
});
