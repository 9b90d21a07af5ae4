import { expect } from 'chai';
import { CAPTCHA_PROVIDERS } from '../../../src/adapters/human-check/providers.js';
import {
  SiteverifyHumanCheck,
  VERIFY_TIMEOUT_MS,
  plainAddress,
} from '../../../src/adapters/human-check/siteverify-human-check.js';
import {
  HCAPTCHA_TEST_RESPONSE,
  HCAPTCHA_TEST_SECRET,
  SITE_SECRET,
  SiteverifyServer,
  TURNSTILE_DUMMY_TOKEN,
  TURNSTILE_TEST_SECRETS,
  refusingUrl,
  type Provider,
} from '../../support/siteverify-server.js';

/** Short enough for the suite, long enough for loopback: the service itself keeps VERIFY_TIMEOUT_MS. */
const TEST_TIMEOUT_MS = 300;

describe('SiteverifyHumanCheck', () => {
  for (const provider of ['turnstile', 'hcaptcha'] as const) {
    describe(`against a ${provider} siteverify endpoint on loopback`, () => {
      let server: SiteverifyServer;
      const check = (secret = SITE_SECRET, verifyUrl = server.url) =>
        new SiteverifyHumanCheck({
          provider: CAPTCHA_PROVIDERS[provider],
          secret,
          verifyUrl,
          timeoutMs: TEST_TIMEOUT_MS,
        });

      beforeEach(async () => {
        server = await SiteverifyServer.start(provider);
      });
      afterEach(() => server.close());

      it('when the token is valid, then a person, after one form-encoded POST of secret, response and remoteip', async () => {
        const token = server.issueToken();

        expect(await check().verify(token, '203.0.113.7')).to.deep.equal({ outcome: 'person' });
        expect(server.requests).to.deep.equal([
          {
            method: 'POST',
            path: new URL(server.url).pathname,
            contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
            fields: { secret: SITE_SECRET, response: token, remoteip: '203.0.113.7' },
          },
        ]);
      });

      it('when the same token comes twice, then the second is not a person: the provider calls it spent', async () => {
        const token = server.issueToken();
        await check().verify(token, '203.0.113.7');

        expect(await check().verify(token, '203.0.113.7')).to.deep.equal({
          outcome: 'not-a-person',
          errorCodes: [provider === 'turnstile' ? 'timeout-or-duplicate' : 'invalid-or-already-seen-response'],
        });
      });

      it('when the token has expired, then not a person, with the code the provider gives', async () => {
        expect(await check().verify(server.expiredToken(), '203.0.113.7')).to.deep.equal({
          outcome: 'not-a-person',
          errorCodes: [provider === 'turnstile' ? 'timeout-or-duplicate' : 'expired-input-response'],
        });
      });

      it('when the token is made up, then not a person', async () => {
        expect(await check().verify('forged', '203.0.113.7')).to.deep.equal({
          outcome: 'not-a-person',
          errorCodes: ['invalid-input-response'],
        });
      });

      for (const token of [undefined, '']) {
        it(`when the token is ${token === undefined ? 'missing' : 'empty'}, then not a person, without asking the provider`, async () => {
          expect(await check().verify(token, '203.0.113.7')).to.deep.equal({
            outcome: 'not-a-person',
            errorCodes: ['missing-input-response'],
          });
          expect(server.requests).to.deep.equal([]);
        });
      }

      it('when the provider refuses the secret, then the check could not be made: the visitor is not at fault', async () => {
        expect(await check('a-wrong-secret').verify(server.issueToken(), '203.0.113.7')).to.deep.equal({
          outcome: 'unavailable',
          reason: `${provider} siteverify at ${new URL(server.url).host} refused to check: invalid-input-secret`,
        });
      });

      const failures: [string, () => void, string][] = [
        ['answers HTTP 500', () => (server.behaviour = 'error'), 'answered HTTP 500'],
        [
          'answers JSON that is not a siteverify result',
          () => (server.behaviour = 'malformed'),
          'answered something other than a siteverify result',
        ],
        ['answers HTML', () => (server.behaviour = 'not-json'), 'answered something other than a siteverify result'],
        [
          'does not answer within the timeout',
          () => (server.behaviour = 'hang'),
          `did not answer within ${TEST_TIMEOUT_MS} ms`,
        ],
        [
          'stops in the middle of its answer',
          () => (server.behaviour = 'stall'),
          `did not answer within ${TEST_TIMEOUT_MS} ms`,
        ],
      ];
      for (const [situation, arrange, reason] of failures) {
        it(`when the provider ${situation}, then the check could not be made, and the reason says so`, async () => {
          arrange();
          const verdict = await check().verify(server.issueToken(), '203.0.113.7');

          expect(verdict).to.deep.equal({
            outcome: 'unavailable',
            reason: `${provider} siteverify at ${new URL(server.url).host} ${reason}`,
          });
          // One attempt, no retry inside the request.
          expect(server.requests).to.have.length(1);
        });
      }

      it('when the provider refuses the connection, then the check could not be made, naming the network error', async () => {
        const url = await refusingUrl();
        expect(await check(SITE_SECRET, url).verify(server.issueToken(), '203.0.113.7')).to.deep.equal({
          outcome: 'unavailable',
          reason: `${provider} siteverify at ${new URL(url).host} could not be reached (ECONNREFUSED)`,
        });
      });

      it('when the client is an IPv4 address on a dual-stack socket, then remoteip is the IPv4 address', async () => {
        await check().verify(server.issueToken(), '::ffff:198.51.100.4');
        expect(server.requests[0]!.fields.remoteip).to.equal('198.51.100.4');
      });

      it('when the client is IPv6, then remoteip is its address as it is', async () => {
        await check().verify(server.issueToken(), '2001:db8::7');
        expect(server.requests[0]!.fields.remoteip).to.equal('2001:db8::7');
      });

      it('when the client address is unknown, then no remoteip is sent: it is optional', async () => {
        await check().verify(server.issueToken(), '');
        expect(server.requests[0]!.fields).not.to.have.property('remoteip');
      });
    });
  }

  describe("with the providers' documented test secrets", () => {
    let turnstile: SiteverifyServer;
    let hcaptcha: SiteverifyServer;
    before(async () => {
      [turnstile, hcaptcha] = await Promise.all([
        SiteverifyServer.start('turnstile'),
        SiteverifyServer.start('hcaptcha'),
      ]);
    });
    after(() => Promise.all([turnstile.close(), hcaptcha.close()]));

    const verify = (provider: Provider, secret: string, token: string) =>
      new SiteverifyHumanCheck({
        provider: CAPTCHA_PROVIDERS[provider],
        secret,
        verifyUrl: (provider === 'turnstile' ? turnstile : hcaptcha).url,
      }).verify(token, '203.0.113.7');

    it("when Turnstile's always-passing secret is used, then a person", async () => {
      expect(await verify('turnstile', TURNSTILE_TEST_SECRETS.passes, TURNSTILE_DUMMY_TOKEN)).to.deep.equal({
        outcome: 'person',
      });
    });

    it("when Turnstile's always-failing secret is used, then not a person", async () => {
      expect(await verify('turnstile', TURNSTILE_TEST_SECRETS.fails, TURNSTILE_DUMMY_TOKEN)).to.deep.equal({
        outcome: 'not-a-person',
        errorCodes: ['invalid-input-response'],
      });
    });

    it("when Turnstile's token-already-spent secret is used, then not a person: timeout-or-duplicate", async () => {
      expect(await verify('turnstile', TURNSTILE_TEST_SECRETS.spent, TURNSTILE_DUMMY_TOKEN)).to.deep.equal({
        outcome: 'not-a-person',
        errorCodes: ['timeout-or-duplicate'],
      });
    });

    it("when hCaptcha's test secret comes with its test response, then a person", async () => {
      expect(await verify('hcaptcha', HCAPTCHA_TEST_SECRET, HCAPTCHA_TEST_RESPONSE)).to.deep.equal({
        outcome: 'person',
      });
    });
  });

  describe('defaults', () => {
    const defaultCheck = (provider: Provider) =>
      new SiteverifyHumanCheck({ provider: CAPTCHA_PROVIDERS[provider], secret: 's' });

    it('when no verifyUrl is given, then each provider’s own siteverify endpoint', () => {
      expect(defaultCheck('turnstile').endpoint).to.equal('https://challenges.cloudflare.com/turnstile/v0/siteverify');
      expect(defaultCheck('hcaptcha').endpoint).to.equal('https://api.hcaptcha.com/siteverify');
    });

    it('when no timeout is given, then the contract’s 5 seconds', () => {
      expect(VERIFY_TIMEOUT_MS).to.equal(5000);
      expect(defaultCheck('turnstile').timeoutMs).to.equal(VERIFY_TIMEOUT_MS);
    });
  });

  describe('plainAddress', () => {
    const rows: [string, string][] = [
      ['203.0.113.7', '203.0.113.7'],
      ['::ffff:203.0.113.7', '203.0.113.7'],
      ['::FFFF:203.0.113.7', '203.0.113.7'],
      ['2001:db8::1', '2001:db8::1'],
      ['::ffff:abcd', '::ffff:abcd'],
      ['', ''],
    ];
    for (const [address, plain] of rows) {
      it(`when the address is '${address}', then '${plain}'`, () => {
        expect(plainAddress(address)).to.equal(plain);
      });
    }
  });
});
