import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../src/adapters/config/config.js';
import { openMemoryStorage } from '../src/adapters/persistence/memory/memory.storage.js';
import { MemoryContactRateLimiter } from '../src/adapters/rate-limit/memory-contact-rate-limiter.js';
import { ProjectService } from '../src/application/project.service.js';
import { buildContainer } from '../src/composition-root.js';
import type { Clock } from '../src/domain/shared/clock.js';
import type { IdGenerator } from '../src/domain/shared/id-generator.js';
import { TOKENS, type Token } from '../src/tokens.js';
import { FixedClock, NOW, SequentialIds } from './support/fakes.js';

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
});
