import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sinon from 'sinon';
import { openFileStorage } from '../../../../src/adapters/persistence/file/file.storage.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import { aProject, aSkill } from '../../../support/builders.js';
import { expectRejection } from '../contract/expect-rejection.js';
import { makeTempDir, recordingLogger, removeDir } from './file-test-support.js';

describe('file storage: start-up', () => {
  let dir: string;
  let dataFile: string;
  const open: Storage[] = [];

  const openStorage = async (logger = recordingLogger()): Promise<Storage> => {
    const storage = await openFileStorage({ dataFile, logger, watchIntervalMs: 60_000 });
    open.push(storage);
    return storage;
  };

  beforeEach(async () => {
    dir = await makeTempDir();
    dataFile = join(dir, 'portfolio.json');
  });

  afterEach(async () => {
    sinon.restore();
    await Promise.all(open.splice(0).map((storage) => storage.close()));
    await removeDir(dir);
  });

  /** Opening must fail; returns the message, after checking the file is byte for byte what it was. */
  async function refusedWith(contents: string): Promise<string> {
    await writeFile(dataFile, contents);
    const error = await expectRejection(openStorage(), Error);
    expect(await readFile(dataFile, 'utf8')).to.equal(contents);
    expect(error.message).to.include(dataFile);
    return error.message;
  }

  const documentWith = (content: object) => JSON.stringify({ format: 1, ...content }, null, 2);

  describe('a file that does not parse or validate is refused, named, and left untouched', () => {
    it('not JSON: names the line and column', async () => {
      const message = await refusedWith('{\n  "projects": [\n    { "id": "p-1", }\n  ]\n}\n');
      expect(message)
        .to.match(/not valid JSON/)
        .and.match(/line 3, column \d+/);
    });

    it('not an object at the top', async () => {
      expect(await refusedWith('[]')).to.include('the top level must be a JSON object');
    });

    it('schema violations: every one, with its dotted path', async () => {
      const message = await refusedWith(
        documentWith({
          projects: [
            aProject({ id: 'p-1', slug: 'fine' }),
            aProject({ id: 'p-2', slug: 'ok-too' }),
            { ...aProject({ id: 'p-3' }), slug: 'Not A Slug' },
          ],
          skills: [{ ...aSkill(), level: 9, colour: 'red' }],
          profile: { name: 'Ada' },
        }),
      );
      expect(message).to.include('projects.2.slug: Must be lowercase a-z, 0-9 and single hyphens');
      expect(message).to.include('skills.0.level: Must be between 1 and 5');
      expect(message).to.include('skills.0.colour: Unknown field');
      expect(message).to.include('profile.headline: Required');
      expect(message).to.include('profile.updatedAt: Required');
    });

    it('an entity that is not an object', async () => {
      expect(await refusedWith(documentWith({ projects: [42] }))).to.include('projects.0: Must be an object');
    });

    it('a newer format', async () => {
      expect(await refusedWith(documentWith({ format: 2 }))).to.include('format: Must be 1');
    });

    it('rules across entities: duplicate ids, slugs and skill names, end before start', async () => {
      const message = await refusedWith(
        documentWith({
          projects: [
            aProject({ id: 'p-1', slug: 'same' }),
            aProject({ id: 'p-1', slug: 'same' }),
            aProject({ id: 'p-3', slug: 'late', startedAt: '2024-05-01', endedAt: '2024-01-01' }),
          ],
          skills: [
            aSkill({ id: 's-1', name: 'Go' }),
            aSkill({ id: 's-2', name: 'GO' }),
            aSkill({ id: 's-3', name: 'Go', category: 'Tools' }),
          ],
        }),
      );
      expect(message).to.include("projects.1.id: 'p-1' is already used by projects.0");
      expect(message).to.include("projects.1.slug: 'same' is already used by projects.0");
      expect(message).to.include('projects.2.endedAt: Must not be before startedAt');
      expect(message).to.include("skills.1.name: 'GO' is already used in category 'Languages' by skills.0");
      expect(message).not.to.include('skills.2');
    });

    it('releases the lock, so that a fixed file opens', async () => {
      await refusedWith('{ broken');
      await writeFile(dataFile, documentWith({}));
      await openStorage();
    });
  });

  it('a hand-written file may leave out sections, defaults and versions', async () => {
    await writeFile(
      dataFile,
      JSON.stringify({
        projects: [
          {
            id: 'p-1',
            slug: 'by-hand',
            title: 'By hand',
            summary: 'Written in an editor',
            startedAt: '2024-01-01',
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    const storage = await openStorage();
    expect(await storage.projects.findBySlug('by-hand')).to.deep.equal(
      aProject({
        id: 'p-1',
        slug: 'by-hand',
        title: 'By hand',
        summary: 'Written in an editor',
        status: 'draft',
        version: 1,
      }),
    );
    expect(await storage.profiles.get()).to.equal(null);
  });

  describe('only one process writes a data file', () => {
    const lockFile = () => `${dataFile}.lock`;

    const holderOf = async (): Promise<{ pid: number; startTime?: string; scope?: string }> =>
      JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number };

    it('holds a lock file naming its pid, start time, boot and PID namespace while open, and removes it on close', async () => {
      const storage = await openStorage();
      const holder = await holderOf();
      expect(holder.pid).to.equal(process.pid);
      const procStat = await readFile('/proc/self/stat', 'utf8');
      expect(holder.startTime).to.equal(procStat.slice(procStat.lastIndexOf(')') + 2).split(' ')[19]);
      expect(holder.scope).to.match(/^[0-9a-f-]{36}\/pid:\[\d+\]$/);
      await storage.close();
      await expectRejection(stat(lockFile()), Error);
    });

    it('a second opener is refused with the lock file and the owner named, and the first keeps working', async () => {
      const first = await openStorage();
      const error = await expectRejection(openStorage(), Error);
      expect(error.message).to.include(lockFile()).and.include(`process ${process.pid}`);
      await first.skills.create(aSkill());
      expect((await holderOf()).pid).to.equal(process.pid);
    });

    it('after the holder closes, the file can be opened again', async () => {
      const first = await openStorage();
      await first.close();
      await openStorage();
    });

    it('a lock left by a process that no longer runs is taken over, with a warning', async () => {
      const child = spawn(process.execPath, ['-e', '']);
      await once(child, 'exit');
      await writeFile(lockFile(), `${child.pid}\n`);
      const logger = recordingLogger();
      await openStorage(logger);
      expect((await holderOf()).pid).to.equal(process.pid);
      expect(logger.at('warn').map((entry) => entry.message)).to.deep.equal([
        `taking over the lock of process ${child.pid}, which no longer runs`,
      ]);
    });

    describe('in a container, where each start is a new PID namespace and node is PID 1 again', () => {
      /** The lock another process would write, with its file time `touchedMsAgo` in the past. */
      async function lockOf(holder: object, touchedMsAgo = 0): Promise<void> {
        await writeFile(lockFile(), `${JSON.stringify(holder)}\n`);
        const touched = new Date(Date.now() - touchedMsAgo);
        await utimes(lockFile(), touched, touched);
      }
      const ownScope = async () => {
        const storage = await openStorage();
        const { scope } = await holderOf();
        await storage.close();
        return scope!;
      };

      const TAKEN_OVER_AT_ONCE = [
        ['naming this very pid, which this process does not hold (an earlier start)', process.pid],
        // Our parent runs, but did not start at tick 1 after boot.
        ['whose pid now belongs to a process that started later', process.ppid],
      ] as const;
      for (const [which, pid] of TAKEN_OVER_AT_ONCE) {
        it(`a lock ${which} is taken over at once`, async () => {
          await lockOf({ pid, startTime: '1', scope: await ownScope() });
          const logger = recordingLogger();
          await openStorage(logger);
          expect(logger.at('warn').map((entry) => entry.message)).to.deep.equal([
            `taking over the lock of process ${pid}, which no longer runs`,
          ]);
        });
      }

      it('a lock of another PID namespace untouched for longer than the heartbeat allows is taken over at once', async () => {
        await lockOf({ pid: 1, startTime: '100', scope: 'another-boot/pid:[1]' }, 6000);
        const logger = recordingLogger();
        await openStorage(logger);
        expect((await holderOf()).pid).to.equal(process.pid);
        expect(logger.at('warn').map((entry) => entry.message)).to.deep.equal([
          'taking over the lock of process 1 of another PID namespace or machine, untouched for 6 s',
        ]);
      });

      it('a lock of another PID namespace whose holder keeps touching it is refused, and left alone', async function () {
        this.timeout(5000);
        const holder = { pid: 1, startTime: '100', scope: 'another-boot/pid:[1]' };
        await lockOf(holder);
        const heartbeat = setInterval(() => {
          const now = new Date();
          void utimes(lockFile(), now, now);
        }, 300);
        try {
          const error = await expectRejection(openStorage(), Error);
          expect(error.message).to.include(
            `is in use by process 1 of another PID namespace or machine, which keeps it fresh (lock file ${lockFile()})`,
          );
        } finally {
          clearInterval(heartbeat);
        }
        expect(await holderOf()).to.deep.equal(holder);
      });
    });

    it('a lock held by a process of another user (kill answers EPERM) is refused, not taken over', async () => {
      // A pid that no longer runs, so that only the EPERM answer can make it count as running.
      const child = spawn(process.execPath, ['-e', '']);
      await once(child, 'exit');
      const pid = child.pid!;
      await writeFile(lockFile(), `${pid}\n`);
      const kill = sinon.stub(process, 'kill');
      kill.callThrough();
      kill.withArgs(pid, 0).throws(Object.assign(new Error(`kill EPERM`), { code: 'EPERM', syscall: 'kill' }));
      const logger = recordingLogger();
      const error = await expectRejection(openStorage(logger), Error);
      expect(kill.calledWith(pid, 0)).to.equal(true);
      expect(error.message).to.include(`is in use by process ${pid} (lock file ${lockFile()})`);
      expect(await readFile(lockFile(), 'utf8')).to.equal(`${pid}\n`);
      expect(logger.at('warn')).to.deep.equal([]);
    });

    it('a lock that names no process is refused with a way out', async () => {
      await writeFile(lockFile(), 'garbage');
      const error = await expectRejection(openStorage(), Error);
      expect(error.message).to.equal(
        `The data file ${dataFile} is locked by ${lockFile()}, which names no process. ` +
          `If no portfolio-api runs on this file, delete ${lockFile()}.`,
      );
    });
  });
});
