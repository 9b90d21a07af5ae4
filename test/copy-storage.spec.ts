import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { openFileStorage } from '../src/adapters/persistence/file/file.storage.js';
import { sampleContent } from '../src/adapters/sample/sample-content.js';
import type { Storage } from '../src/domain/storage/storage.js';
import { aMessage, aSkill } from './support/builders.js';
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

describe('npm run storage:copy with a data file in use', function () {
  this.timeout(20000);
  let dir: string;
  let live: Storage;
  let liveFile: string;

  beforeEach(async () => {
    dir = await makeTestDir('portfolio-copy-live-');
    liveFile = join(dir, 'live.json');
    // Opened in this process, it holds the data file's lock as a running service does.
    live = await openFileStorage({ dataFile: liveFile, logger: pino({ level: 'silent' }), seed: sampleContent });
    await live.messages.create(aMessage({ id: 'm-1', receivedAt: '2026-01-01T10:00:00.000Z' }));
  });

  afterEach(async () => {
    await live?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('when copied from, then the copy is made, and the live file and its lock are untouched', async () => {
    const before = await readFile(liveFile, 'utf8');
    const lock = await readFile(`${liveFile}.lock`, 'utf8');
    const target = join(dir, 'copy.json');

    const result = await copy('--from', `file:${liveFile}`, '--to', `file:${target}`);
    expect(result.output).to.include('Copied 1 profile, 8 projects, 19 skills, 4 experience, 1 message');
    expect(result.code).to.equal(0);

    expect(await readFile(target, 'utf8')).to.equal(before);
    expect(await readFile(target.replace(/\.json$/, '.messages.jsonl'), 'utf8')).to.equal(
      await readFile(liveFile.replace(/\.json$/, '.messages.jsonl'), 'utf8'),
    );
    expect(await readFile(liveFile, 'utf8')).to.equal(before);
    expect(await readFile(`${liveFile}.lock`, 'utf8')).to.equal(lock);
    await live.skills.create(aSkill({ id: 's-after-copy', name: 'Written after the copy' }));
  });

  it('when copied to, then it is refused, saying what to do and that copying from it works', async () => {
    const source = join(dir, 'source.json');
    const seeded = await openFileStorage({ dataFile: source, logger: pino({ level: 'silent' }), seed: sampleContent });
    await seeded.close();
    const before = await readFile(liveFile, 'utf8');

    const result = await copy('--from', `file:${source}`, '--to', `file:${liveFile}`, '--force');
    expect(result.code).to.equal(1);
    expect(result.output).to.equal(
      `storage:copy failed: cannot write to ${liveFile}: it is in use by process ${process.pid}, and only one process may write a data file (lock file ${liveFile}.lock). Stop the service, run the copy again, then start the service. Copying from a data file in use works: it is only read.\n`,
    );
    expect(await readFile(liveFile, 'utf8')).to.equal(before);
  });

  it('when asked for help, then it says what it can and cannot do with a data file in use', async () => {
    const result = await copy('--help');
    expect(result.code).to.equal(0);
    expect(result.output).to.include('--from file:<path>  works: the file and its inbox');
    expect(result.output).to.include('--to file:<path>    is refused: only one process may write a data file');
  });
});
