import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { openFileStorage } from '../src/adapters/persistence/file/file.storage.js';
import { sampleContent } from '../src/adapters/sample/sample-content.js';
import { aMessage } from './support/builders.js';
import { nodeArgs } from './support/compiled.js';
import { makeTestDir } from './support/temp-dir.js';
import {
  createTestSchema,
  skipWithoutDatabase,
  type TestSchema,
} from './adapters/persistence/postgres/postgres-test-schema.js';

async function copy(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [...(await nodeArgs('src/copy-storage.ts')), ...args], {
    env: { PATH: process.env.PATH ?? '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, output };
}

describe('npm run storage:copy (file → postgres → file)', function () {
  this.timeout(20000);
  let dir: string;
  let schema: TestSchema;

  before(async function () {
    skipWithoutDatabase(this, 'storage copy between file and PostgreSQL');
    dir = await makeTestDir('portfolio-copy-');
    schema = await createTestSchema();
  });

  after(async () => {
    await schema?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('when copied there and back, then the document and the inbox are equal to the originals, and a full target is refused', async () => {
    const original = join(dir, 'original.json');
    const storage = await openFileStorage({
      dataFile: original,
      logger: pino({ level: 'silent' }),
      seed: sampleContent,
    });
    await storage.messages.create(aMessage({ id: 'm-1', receivedAt: '2026-01-01T10:00:00.000Z' }));
    await storage.messages.create(
      aMessage({ id: 'm-2', receivedAt: '2026-01-02T10:00:00.000Z', status: 'read', version: 2 }),
    );
    await storage.close();

    const there = await copy('--from', `file:${original}`, '--to', schema.url);
    expect(there.output).to.include('Copied 1 profile, 8 projects, 19 skills, 4 experience, 2 messages');
    expect(there.code).to.equal(0);

    const refused = await copy('--from', `file:${original}`, '--to', schema.url);
    expect(refused.code).to.equal(1);
    expect(refused.output).to.include('The target storage is not empty');

    const back = join(dir, 'back.json');
    expect((await copy('--from', schema.url, '--to', `file:${back}`)).code).to.equal(0);

    expect(await readFile(back, 'utf8')).to.equal(await readFile(original, 'utf8'));
    expect(await readFile(back.replace(/\.json$/, '.messages.jsonl'), 'utf8')).to.equal(
      await readFile(original.replace(/\.json$/, '.messages.jsonl'), 'utf8'),
    );
  });
});
