import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/adapters/config/config.js';
import { NoHumanCheck } from '../src/adapters/human-check/no-human-check.js';
import { SiteverifyHumanCheck } from '../src/adapters/human-check/siteverify-human-check.js';
import { openMemoryStorage } from '../src/adapters/persistence/memory/memory.storage.js';
import { MemoryContactRateLimiter } from '../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import { ProjectService } from '../src/application/project.service.js';
import { buildContainer, createHumanCheck } from '../src/composition-root.js';
import type { Clock } from '../src/domain/shared/clock.js';
import type { IdGenerator } from '../src/domain/shared/id-generator.js';
import { TOKENS, type Token } from '../src/tokens.js';
import { FixedClock, NOW, SequentialIds } from './support/fakes.js';

/** The switch from configuration to adapter, tested itself: the environment a user writes, read as the service reads it. */
const configOf = (env: NodeJS.ProcessEnv): Config => loadConfig({ NODE_ENV: 'test', STORAGE: 'memory', ...env });

describe('buildContainer', () => {
  const wired = () => {
    const clock = new FixedClock();
    const ids = new SequentialIds('wired-');
    const storage = openMemoryStorage();
    const container = buildContainer({
      config: loadConfig({ NODE_ENV: 'test', STORAGE: 'memory' }),
      logger: pino({ level: 'silent' }),
      storage,
      rateLimiter: new MemoryContactRateLimiter(5, 600),
      clock,
      ids,
    });
    return { container, clock, ids, storage };
  };

  it('resolves each token to what was registered under it, services once per container', () => {
    const { container, clock, ids, storage } = wired();

    expect(container.resolve(TOKENS.Clock)).to.equal(clock);
    expect(container.resolve(TOKENS.IdGenerator)).to.equal(ids);
    expect(container.resolve(TOKENS.Storage)).to.equal(storage);
    expect(container.resolve(TOKENS.ProjectService)).to.be.instanceOf(ProjectService);
    expect(container.resolve(TOKENS.ProjectService)).to.equal(container.resolve(TOKENS.ProjectService));
    expect(wired().container.resolve(TOKENS.ProjectService)).not.to.equal(container.resolve(TOKENS.ProjectService));
  });

  it('builds the services on the given clock, ids and storage', async () => {
    const { container, storage } = wired();

    const created = await container
      .resolve(TOKENS.ProjectService)
      .create({ slug: 'wired', title: 'Wired', summary: 'Through the container', startedAt: '2026-01-01' });

    expect(created).to.include({ id: 'wired-1', createdAt: NOW });
    expect(await storage.projects.findBySlug('wired')).to.deep.equal(created);
  });

  it('does not compile a resolution or a token of another type (checked by npm run typecheck)', () => {
    const { container } = wired();
    // @ts-expect-error an IdGenerator is not a Clock
    const clock: Clock = container.resolve(TOKENS.IdGenerator);
    // @ts-expect-error the Clock token is not an IdGenerator token
    const token: Token<IdGenerator> = TOKENS.Clock;
    // At run time these are what they are; the compiler is what refuses them.
    expect(clock).to.have.property('next');
    expect(token).to.equal(TOKENS.Clock);
  });

  it('when a human check is configured, then the human-check port is its siteverify check', () => {
    const container = buildContainer({
      config: configOf({ CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 's' }),
      logger: pino({ level: 'silent' }),
      storage: openMemoryStorage(),
      rateLimiter: new MemoryContactRateLimiter(5, 600),
    });
    expect(container.resolve(TOKENS.HumanCheck)).to.be.instanceOf(SiteverifyHumanCheck);
  });
});

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
