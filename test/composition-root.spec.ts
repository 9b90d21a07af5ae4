import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/adapters/config/config.js';
import { NoHumanCheck } from '../src/adapters/human-check/no-human-check.js';
import { CAPTCHA_PROVIDERS } from '../src/adapters/human-check/providers.js';
import { SiteverifyHumanCheck } from '../src/adapters/human-check/siteverify-human-check.js';
import { openMemoryStorage } from '../src/adapters/persistence/memory/memory.storage.js';
import { MemoryContactRateLimiter } from '../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import { buildContainer, createHumanCheck, type SiteWidget } from '../src/composition-root.js';
import { TOKENS } from '../src/tokens.js';

/** The switch from configuration to adapter, tested itself: the environment a user writes, read as the service reads it. */
const configOf = (env: NodeJS.ProcessEnv): Config => loadConfig({ NODE_ENV: 'test', STORAGE: 'memory', ...env });

function containerOf(config: Config) {
  return buildContainer({
    config,
    logger: pino({ level: 'silent' }),
    storage: openMemoryStorage(),
    rateLimiter: new MemoryContactRateLimiter(5, 600),
  });
}

describe('composition root', () => {
  describe('createHumanCheck', () => {
    it('when CAPTCHA_PROVIDER is not set, then no check', () => {
      expect(createHumanCheck(configOf({}))).to.be.instanceOf(NoHumanCheck);
    });

    for (const [provider, endpoint] of [
      ['turnstile', 'https://challenges.cloudflare.com/turnstile/v0/siteverify'],
      ['hcaptcha', 'https://api.hcaptcha.com/siteverify'],
    ] as const) {
      it(`when CAPTCHA_PROVIDER=${provider}, then its siteverify endpoint, asked within 5 seconds`, () => {
        const check = createHumanCheck(configOf({ CAPTCHA_PROVIDER: provider, CAPTCHA_SECRET: 's' }));
        expect(check).to.be.instanceOf(SiteverifyHumanCheck);
        expect(check).to.include({ endpoint, timeoutMs: 5000 });
      });
    }

    it('when CAPTCHA_VERIFY_URL is set, then it is asked instead, and a test may shorten the timeout', () => {
      const config = configOf({
        CAPTCHA_PROVIDER: 'hcaptcha',
        CAPTCHA_SECRET: 's',
        CAPTCHA_VERIFY_URL: 'http://127.0.0.1:9/siteverify',
      });
      expect(createHumanCheck(config, { timeoutMs: 50 })).to.include({
        endpoint: 'http://127.0.0.1:9/siteverify',
        timeoutMs: 50,
      });
    });
  });

  describe('buildContainer', () => {
    it('when a human check is configured, then the human-check port is its siteverify check', () => {
      const container = containerOf(configOf({ CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 's' }));
      expect(container.resolve(TOKENS.HumanCheck)).to.be.instanceOf(SiteverifyHumanCheck);
    });

    it('when CAPTCHA_SITE_KEY is set, then the widget of the provider is registered with it, for the page on /', () => {
      const container = containerOf(
        configOf({ CAPTCHA_PROVIDER: 'hcaptcha', CAPTCHA_SECRET: 's', CAPTCHA_SITE_KEY: 'site-key-1' }),
      );
      expect(container.resolve<SiteWidget>(TOKENS.CaptchaWidget)).to.deep.equal({
        ...CAPTCHA_PROVIDERS.hcaptcha.widget,
        siteKey: 'site-key-1',
      });
    });

    it('when no site key is set, then no widget is registered', () => {
      const container = containerOf(configOf({ CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 's' }));
      expect(container.isRegistered(TOKENS.CaptchaWidget)).to.equal(false);
      expect(containerOf(configOf({})).isRegistered(TOKENS.CaptchaWidget)).to.equal(false);
    });
  });
});
