import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseContentDocument } from '../../../../src/adapters/persistence/file/content-document.js';
import { openFileStorage } from '../../../../src/adapters/persistence/file/file.storage.js';
import { nodeArgs } from '../../../support/compiled.js';
import { makeTempDir, recordingLogger, removeDir } from './file-test-support.js';

/** Runs the writer, kills it `killAfterMs` after its first acknowledged write, and returns the ids it acknowledged. */
async function killDuringBurst(dataFile: string, killAfterMs: number): Promise<Set<string>> {
  const child = spawn(
    process.execPath,
    await nodeArgs('test/adapters/persistence/file/fixtures/write-burst.child.ts'),
    {
      env: { ...process.env, WRITE_BURST_DATA_FILE: dataFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const acknowledged = new Set<string>();
  const exited = once(child, 'exit');
  let timer: NodeJS.Timeout | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('ack ')) continue;
    acknowledged.add(line.slice(4));
    timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  }
  await exited;
  clearTimeout(timer);
  expect(child.signalCode).to.equal('SIGKILL');
  return acknowledged;
}

describe('file storage: a writer killed with SIGKILL', () => {
  const dirs: string[] = [];

  afterEach(async () => {
    await Promise.all(dirs.splice(0).map(removeDir));
  });

  it('leaves a data file that parses and validates, and keeps every acknowledged write', async function () {
    this.timeout(15_000);
    await Promise.all(
      [150, 200, 250].map(async (killAfterMs) => {
        const dir = await makeTempDir();
        dirs.push(dir);
        const dataFile = join(dir, 'portfolio.json');
        const acknowledged = await killDuringBurst(dataFile, killAfterMs);
        expect(acknowledged.size).to.be.greaterThan(0);

        const parsed = parseContentDocument(await readFile(dataFile, 'utf8'));
        expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);

        // Reopening takes over the dead writer's lock and drops a torn journal line, if any.
        const storage = await openFileStorage({ dataFile, logger: recordingLogger(), watchIntervalMs: 60_000 });
        try {
          const projects = await storage.projects.list({ status: 'all', tags: [], sort: 'title', offset: 0 });
          const messages = await storage.messages.list({ offset: 0, limit: 1_000_000 });
          const stored = new Set([...projects.items, ...messages.items].map((item) => item.id));
          expect([...acknowledged].filter((id) => !stored.has(id))).to.deep.equal([]);
        } finally {
          await storage.close();
        }
      }),
    );
  });
});
