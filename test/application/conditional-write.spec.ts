import { expect } from 'chai';
import sinon from 'sinon';
import { ConditionalWriter, type ConditionalWrite } from '../../src/application/conditional-write.js';
import { ExperienceService } from '../../src/application/experience.service.js';
import { MessageService } from '../../src/application/message.service.js';
import { ProfileService } from '../../src/application/profile.service.js';
import { ProjectService } from '../../src/application/project.service.js';
import { SkillService } from '../../src/application/skill.service.js';
import { NotFoundError, StaleWriteError } from '../../src/domain/shared/errors.js';
import type { Versioned } from '../../src/domain/shared/versioned.js';
import { aMessage, aProfile, aProject, aSkill, anExperience } from '../support/builders.js';
import {
  FixedClock,
  SequentialIds,
  fakeContentEvents,
  rejectionOf,
  stubExperienceRepository,
  stubMessageRepository,
  stubProfileRepository,
  stubProjectRepository,
  stubSkillRepository,
} from '../support/fakes.js';

interface Thing extends Versioned {
  readonly name: string;
}

describe('ConditionalWriter', () => {
  afterEach(() => sinon.restore());

  const thing = (version: number): Thing => ({ name: 'thing', version });
  const write = (op: Partial<ConditionalWrite<Thing, unknown>> & Pick<ConditionalWrite<Thing, unknown>, 'load'>) =>
    new ConditionalWriter().write({ resource: 'thing', key: 'k', write: async () => undefined, ...op });

  it('loads, then writes on condition of the version it read and returns what the write returns', async () => {
    const load = sinon.stub<[], Promise<Thing>>().resolves(thing(7));
    const store = sinon.stub<[Thing, number], Promise<string>>().resolves('written');

    const result = await write({ load, write: store });

    expect(result).to.equal('written');
    expect(store.calledOnceWithExactly(thing(7), 7)).to.equal(true);
    expect(load.calledBefore(store)).to.equal(true);
  });

  it('when the precondition holds, then it writes', async () => {
    const precondition = sinon.stub<[Thing], boolean>().returns(true);
    const store = sinon.stub<[Thing, number], Promise<void>>().resolves();

    await write({ load: async () => thing(3), write: store, precondition });

    expect(precondition.calledOnceWithExactly(thing(3))).to.equal(true);
    expect(store.calledOnceWithExactly(thing(3), 3)).to.equal(true);
  });

  it('when the precondition is false, then it throws StaleWriteError and does not write', async () => {
    const store = sinon.stub<[Thing, number], Promise<void>>().resolves();

    const error = await rejectionOf(write({ load: async () => thing(3), write: store, precondition: () => false }));

    expect(error).to.be.instanceOf(StaleWriteError);
    expect((error as Error).message).to.equal('The thing has changed since it was read');
    expect(store.called).to.equal(false);
  });

  it('when loading fails, then it propagates that error and does not write', async () => {
    const store = sinon.stub<[Thing, number], Promise<void>>().resolves();
    const missing = new NotFoundError('Thing', 'x');

    const error = await rejectionOf(write({ load: () => Promise.reject(missing), write: store }));

    expect(error).to.equal(missing);
    expect(store.called).to.equal(false);
  });

  it('when a write without precondition loses fifty races, each to a newer version, then the fifty-first is written', async () => {
    let version = 0;
    const store = sinon.stub<[Thing, number], Promise<string>>().rejects(new StaleWriteError('thing'));
    store.onCall(50).resolves('at last');

    expect(await write({ load: async () => thing(++version), write: store })).to.equal('at last');
    expect(store.args.map(([, expected]) => expected)).to.deep.equal(Array.from({ length: 51 }, (_, i) => i + 1));
  });

  it('when the storage refuses a write on a version that did not move, then an error, not a retry for ever', async () => {
    const store = sinon.stub<[Thing, number], Promise<void>>().rejects(new StaleWriteError('thing'));

    const error = await rejectionOf(write({ load: async () => thing(4), write: store }));

    expect(error).not.to.be.instanceOf(StaleWriteError);
    expect((error as Error).message).to.equal(
      'The storage refused a write of the thing on version 4, which it still holds',
    );
    expect(store.callCount).to.equal(1);
  });

  it('when the write fails with any other error, then it is not retried', async () => {
    const boom = new Error('disk full');
    const store = sinon.stub<[Thing, number], Promise<void>>().rejects(boom);

    const error = await rejectionOf(write({ load: async () => thing(1), write: store }));

    expect(error).to.equal(boom);
    expect(store.callCount).to.equal(1);
  });

  describe('turns', () => {
    /** A store of one Thing whose write takes until the test releases it. */
    function slowStore() {
      let stored = thing(1);
      const events: string[] = [];
      const releases: (() => void)[] = [];
      return {
        events,
        release: () => releases.shift()!(),
        op: (key: string, name: string): ConditionalWrite<Thing, void> => ({
          resource: 'thing',
          key,
          load: async () => (events.push(`${name} loads v${stored.version}`), stored),
          write: async (current, expected) => {
            await new Promise<void>((resolve) => releases.push(resolve));
            if (stored.version !== expected) throw new StaleWriteError('thing');
            stored = { name, version: current.version + 1 };
            events.push(`${name} wrote v${stored.version}`);
          },
        }),
      };
    }

    const settle = () => new Promise((resolve) => setImmediate(resolve));

    it('when writes of one key arrive together, then each loads what the one before it wrote, in arrival order', async () => {
      const store = slowStore();
      const writer = new ConditionalWriter();
      const writes = ['a', 'b', 'c'].map((name) => writer.write(store.op('same', name)));
      for (let i = 0; i < 3; i++) {
        await settle();
        store.release();
      }
      await Promise.all(writes);

      expect(store.events).to.deep.equal([
        'a loads v1',
        'a wrote v2',
        'b loads v2',
        'b wrote v3',
        'c loads v3',
        'c wrote v4',
      ]);
    });

    it('when a write of a key arrives while an earlier one runs, then it waits for that one, not only for the first', async () => {
      const store = slowStore();
      const writer = new ConditionalWriter();
      const first = writer.write(store.op('same', 'a'));
      const second = writer.write(store.op('same', 'b'));
      await settle();
      store.release();
      await first;
      await settle();
      const third = writer.write(store.op('same', 'c'));
      await settle();
      store.release();
      await second;
      await settle();
      store.release();
      await third;

      expect(store.events).to.deep.equal([
        'a loads v1',
        'a wrote v2',
        'b loads v2',
        'b wrote v3',
        'c loads v3',
        'c wrote v4',
      ]);
    });

    it('when every write of a key has ended, then the writer keeps nothing for that key', async () => {
      const writer = new ConditionalWriter();
      const keys = ['x', 'y', 'x'];
      await Promise.all(
        keys.map((key) =>
          writer.write({ resource: 'thing', key, load: async () => thing(1), write: async () => 'ok' }),
        ),
      );
      await settle();

      // One entry per key ever written would grow with every id the service has seen.
      expect((writer as unknown as { turns: Map<string, unknown> }).turns.size).to.equal(0);
    });

    it('when writes of different keys arrive together, then neither waits for the other', async () => {
      const store = slowStore();
      const writer = new ConditionalWriter();
      void writer.write(store.op('one', 'a'));
      void writer.write(store.op('two', 'b'));
      await settle();

      expect(store.events).to.deep.equal(['a loads v1', 'b loads v1']);
      store.release();
      store.release();
    });

    it('when a write of a key fails, then the next write of that key still runs', async () => {
      const writer = new ConditionalWriter();
      const failed = writer.write({
        resource: 'thing',
        key: 'k',
        load: () => Promise.reject(new Error('gone')),
        write: async () => 'x',
      });
      const next = writer.write({ resource: 'thing', key: 'k', load: async () => thing(1), write: async () => 'next' });

      expect(await rejectionOf(failed)).to.have.property('message', 'gone');
      expect(await next).to.equal('next');
    });
  });
});

/**
 * Every write of every service goes through a ConditionalWriter keyed by the
 * entity: one table instead of the same three tests in each service's spec.
 */
describe('conditional writes of every service', () => {
  afterEach(() => sinon.restore());

  interface Case {
    /** `load` answers a newer version on each call, from 2; `write` is the repository method that writes. */
    load: sinon.SinonStub;
    write: sinon.SinonStub;
    run: (precondition?: () => boolean) => Promise<unknown>;
  }

  function newerOnEachLoad<A extends unknown[], T>(
    load: sinon.SinonStub<A, Promise<T | null>>,
    make: (version: number) => T,
  ): void {
    let version = 1;
    load.callsFake(async () => make(++version));
  }

  type Run = Case['run'];
  interface Editable {
    load: sinon.SinonStub;
    update: sinon.SinonStub;
    remove: sinon.SinonStub;
    replace: Run;
    patch: Run;
    delete: Run;
  }

  /** The replace, patch and delete cases of a service: the first two write with `update`, the last with `remove`. */
  function editCases(service: string, arrange: () => Editable): Record<string, () => Case> {
    return Object.fromEntries(
      (['replace', 'patch', 'delete'] as const).map((method) => [
        `${service}.${method}`,
        () => {
          const editable = arrange();
          const write = method === 'delete' ? editable.remove : editable.update;
          return { load: editable.load, write, run: editable[method] };
        },
      ]),
    );
  }

  const clock = new FixedClock();
  const CASES: Record<string, () => Case> = {
    'ProfileService.replace': () => {
      const repo = stubProfileRepository();
      newerOnEachLoad(repo.get, (version) => aProfile({ version }));
      const service = new ProfileService(repo, clock, fakeContentEvents().events);
      return { load: repo.get, write: repo.save, run: (p) => service.replace(aProfile(), p) };
    },
    ...editCases('ProjectService', () => {
      const repo = stubProjectRepository();
      newerOnEachLoad(repo.findBySlug, (version) => aProject({ slug: 'p', version }));
      const service = new ProjectService(repo, clock, new SequentialIds(), fakeContentEvents().events);
      const input = { title: 'T', summary: 'S', startedAt: '2024-01-01' };
      return {
        load: repo.findBySlug,
        update: repo.update,
        remove: repo.delete,
        replace: (p) => service.replace('p', input, p),
        patch: (p) => service.patch('p', input, p),
        delete: (p) => service.delete('p', p),
      };
    }),
    ...editCases('SkillService', () => {
      const repo = stubSkillRepository();
      newerOnEachLoad(repo.findById, (version) => aSkill({ id: 's', version }));
      const service = new SkillService(repo, new SequentialIds(), fakeContentEvents().events);
      const input = { name: 'Go', category: 'Languages', level: 3 };
      return {
        load: repo.findById,
        update: repo.update,
        remove: repo.delete,
        replace: (p) => service.replace('s', input, p),
        patch: (p) => service.patch('s', input, p),
        delete: (p) => service.delete('s', p),
      };
    }),
    ...editCases('ExperienceService', () => {
      const repo = stubExperienceRepository();
      newerOnEachLoad(repo.findById, (version) => anExperience({ id: 'e', version }));
      const service = new ExperienceService(repo, new SequentialIds(), fakeContentEvents().events);
      const input = { company: 'Acme', role: 'Engineer', startDate: '2021-03-01' };
      return {
        load: repo.findById,
        update: repo.update,
        remove: repo.delete,
        replace: (p) => service.replace('e', input, p),
        patch: (p) => service.patch('e', input, p),
        delete: (p) => service.delete('e', p),
      };
    }),
    'MessageService.setStatus': () => {
      const repo = stubMessageRepository();
      newerOnEachLoad(repo.findById, (version) => aMessage({ id: 'm', status: 'new', version }));
      const service = new MessageService(repo, { notificationOf: async () => null });
      return { load: repo.findById, write: repo.update, run: (p) => service.setStatus('m', 'read', p) };
    },
    'MessageService.delete': () => {
      const repo = stubMessageRepository();
      newerOnEachLoad(repo.findById, (version) => aMessage({ id: 'm', version }));
      const service = new MessageService(repo, { notificationOf: async () => null });
      return { load: repo.findById, write: repo.delete, run: (p) => service.delete('m', p) };
    },
  };

  for (const [name, arrange] of Object.entries(CASES)) {
    describe(name, () => {
      it('when it loses a race without a precondition, then it reloads and writes on the newer version', async () => {
        const { write, run } = arrange();
        write.onFirstCall().rejects(new StaleWriteError('entity'));

        await run();

        expect(write.args.map((args: unknown[]) => args[1])).to.deep.equal([2, 3]);
      });

      it('when it loses a race with a precondition, then StaleWriteError (the 412), not retried', async () => {
        const { write, run } = arrange();
        write.rejects(new StaleWriteError('entity'));

        expect(await rejectionOf(run(() => true))).to.be.instanceOf(StaleWriteError);
        expect(write.callCount).to.equal(1);
      });

      it('when two writes of the entity arrive together, then the second loads only once the first has written', async () => {
        const { load, write, run } = arrange();

        await Promise.all([run(), run()]);

        expect(load.callCount).to.equal(2);
        expect(write.firstCall.calledBefore(load.secondCall)).to.equal(true);
      });
    });
  }
});
