import { expect } from 'chai';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openFileStorage, type FileStorageOptions } from '../../../../src/adapters/persistence/file/file.storage.js';
import { journalPathFor, needsCompaction } from '../../../../src/adapters/persistence/file/message-journal.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import type { Message } from '../../../../src/domain/messages/message.js';
import { StorageUnavailableError } from '../../../../src/domain/shared/errors.js';
import { aMessage } from '../../../support/builders.js';
import { expectRejection } from '../contract/expect-rejection.js';
import { ControlledFileSystem, makeTempDir, recordingLogger, removeDir } from './file-test-support.js';

describe('file storage: the message journal', () => {
  let dir: string;
  let dataFile: string;
  let journal: string;
  const open: Storage[] = [];

  async function openStorage(options: Partial<FileStorageOptions> = {}): Promise<Storage> {
    const storage = await openFileStorage({ dataFile, logger: recordingLogger(), watchIntervalMs: 60_000, ...options });
    open.push(storage);
    return storage;
  }

  const inbox = async (storage: Storage) => (await storage.messages.list({ offset: 0, limit: 100_000 })).items;
  const journalLines = async () =>
    (await readFile(journal, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  const put = (message: Message) => `${JSON.stringify({ op: 'put', message })}\n`;

  beforeEach(async () => {
    dir = await makeTempDir();
    dataFile = join(dir, 'portfolio.json');
    journal = join(dir, 'portfolio.messages.jsonl');
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((storage) => storage.close()));
    await removeDir(dir);
  });

  it('lives beside the data file, not in it', async () => {
    expect(journalPathFor('/srv/data/portfolio.json')).to.equal('/srv/data/portfolio.messages.jsonl');
    expect(journalPathFor('/srv/data/content')).to.equal('/srv/data/content.messages.jsonl');
    const storage = await openStorage();
    const content = await readFile(dataFile, 'utf8');
    await storage.messages.create(aMessage());
    expect(await readFile(dataFile, 'utf8')).to.equal(content);
    expect(await journalLines()).to.deep.equal([{ op: 'put', message: aMessage() }]);
  });

  it('records each change as one line, and replays them on restart', async () => {
    const storage = await openStorage();
    const kept = aMessage({ id: 'm-1', subject: 'Kept' });
    const gone = aMessage({ id: 'm-2', receivedAt: '2025-02-01T00:00:00.000Z' });
    await storage.messages.create(kept);
    await storage.messages.create(gone);
    await storage.messages.update({ ...kept, status: 'read', version: 2 }, 1);
    await storage.messages.delete('m-2', 1);
    expect((await journalLines()).map((event) => event.op)).to.deep.equal(['put', 'put', 'put', 'delete']);

    await storage.close();
    const again = await openStorage();
    expect(await inbox(again)).to.deep.equal([{ ...kept, status: 'read', version: 2 }]);
  });

  it('a torn last line (a write cut short by a crash) is dropped with a warning and cut from the file', async () => {
    await writeFile(journal, put(aMessage({ id: 'm-1' })) + put(aMessage({ id: 'm-2' })).slice(0, 40));
    const logger = recordingLogger();
    const storage = await openStorage({ logger });
    expect((await inbox(storage)).map((message) => message.id)).to.deep.equal(['m-1']);
    expect(logger.at('warn')).to.have.length(1);
    expect(logger.at('warn')[0]!.message).to.include('torn last line');
    expect(await readFile(journal, 'utf8')).to.equal(put(aMessage({ id: 'm-1' })));

    await storage.messages.create(aMessage({ id: 'm-3' }));
    expect((await journalLines()).map((event) => event.message.id)).to.deep.equal(['m-1', 'm-3']);
  });

  describe('an invalid line stops start-up, naming file and line, and the journal is left untouched', () => {
    async function refusedWith(contents: string): Promise<string> {
      await writeFile(journal, contents);
      const error = await expectRejection(openStorage(), Error);
      expect(await readFile(journal, 'utf8')).to.equal(contents);
      expect(error.message).to.include(journal);
      return error.message;
    }

    it('a line that is not JSON', async () => {
      expect(await refusedWith(`${put(aMessage())}{nope\n${put(aMessage({ id: 'm-2' }))}`)).to.match(
        /line 2: not valid JSON/,
      );
    });

    it('a message that does not match the schema', async () => {
      const message = await refusedWith(
        put({ ...aMessage(), status: 'spam' } as never) + put({ ...aMessage(), email: 'nope' }),
      );
      expect(message).to.include('line 1: message.status: Must be new, read or archived');
      expect(message).to.include('line 2: message.email: Must be a valid email address');
    });

    it('an unknown event', async () => {
      const message = await refusedWith('{"op":"shred","id":"m-1"}\n{"op":"put","message":5}\n');
      expect(message).to.include('line 1: op: Must be an event with op "put" or "delete"');
      expect(message).to.include('line 2: message: Must be an object');
    });
  });

  it('concurrent messages share flushes (group commit), and every one is kept', async () => {
    const fs = new ControlledFileSystem();
    const storage = await openStorage({ fileSystem: fs });
    const messages = Array.from({ length: 50 }, (_, i) =>
      aMessage({
        id: `m-${String(i).padStart(2, '0')}`,
        receivedAt: `2025-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
      }),
    );
    const before = fs.flushesOf(journal);
    await Promise.all(messages.map((message) => storage.messages.create(message)));
    const flushes = fs.flushesOf(journal) - before;
    expect(flushes).to.be.within(1, 5);
    expect(await inbox(storage)).to.deep.equal([...messages].reverse());
    expect(await journalLines()).to.have.length(50);
  });

  it('a failed append rejects, stores nothing, and leaves the journal fit for the next append', async () => {
    const fs = new ControlledFileSystem();
    const storage = await openStorage({ fileSystem: fs });
    await storage.messages.create(aMessage({ id: 'm-1' }));
    const size = (await stat(journal)).size;
    fs.failAppends = 'ENOSPC';
    await expectRejection(storage.messages.create(aMessage({ id: 'm-2' })), StorageUnavailableError);
    expect(await storage.messages.findById('m-2')).to.equal(null);
    expect((await stat(journal)).size).to.equal(size);
    fs.failAppends = null;
    await storage.messages.create(aMessage({ id: 'm-3' }));

    await storage.close();
    const again = await openStorage();
    expect((await inbox(again)).map((message) => message.id)).to.deep.equal(['m-3', 'm-1']);
  });

  it('an invalid journal stops start-up before a missing data file is created', async () => {
    await writeFile(journal, '{nope\n');
    await expectRejection(openStorage(), Error);
    await expectRejection(stat(dataFile), Error);
  });

  it('refuses to store a message that would not load again', async () => {
    const storage = await openStorage();
    await expectRejection(storage.messages.create({ ...aMessage(), email: 'not an address' }), Error);
    expect(await inbox(storage)).to.deep.equal([]);
  });

  describe('compaction', () => {
    it('is due when superseded lines outnumber twice the live ones plus 1000', () => {
      expect(needsCompaction(1000, 0)).to.equal(false);
      expect(needsCompaction(1001, 0)).to.equal(true);
      expect(needsCompaction(10 + 1020, 10)).to.equal(false);
      expect(needsCompaction(10 + 1021, 10)).to.equal(true);
    });

    it('rewrites the journal at start-up with exactly the live messages', async () => {
      const live = [
        aMessage({ id: 'm-1', status: 'archived', version: 600 }),
        aMessage({ id: 'm-3', subject: 'Kept' }),
      ];
      let text = '';
      for (let version = 1; version <= 600; version++)
        text += put({ ...live[0]!, status: version === 600 ? 'archived' : 'read', version });
      for (let i = 0; i < 500; i++)
        text += put(aMessage({ id: `m-gone-${i}` })) + `{"op":"delete","id":"m-gone-${i}"}\n`;
      text += put(live[1]!);
      await writeFile(journal, text);
      const logger = recordingLogger();
      const storage = await openStorage({ logger });

      expect(await inbox(storage)).to.deep.equal([live[1], live[0]]);
      // Oldest first; the two were received at the same instant, so by id.
      expect(await journalLines()).to.deep.equal([
        { op: 'put', message: live[0] },
        { op: 'put', message: live[1] },
      ]);
      expect(logger.at('info').some((entry) => entry.message.includes('compacted'))).to.equal(true);

      await storage.messages.create(aMessage({ id: 'm-4', receivedAt: '2026-01-01T00:00:00.000Z' }));
      await storage.close();
      expect((await inbox(await openStorage())).map((message) => message.id)).to.deep.equal(['m-4', 'm-3', 'm-1']);
    });

    it('leaves a journal with few superseded lines as it is', async () => {
      const text = put(aMessage({ id: 'm-1' })) + put(aMessage({ id: 'm-1', status: 'read', version: 2 }));
      await writeFile(journal, text);
      await openStorage();
      expect(await readFile(journal, 'utf8')).to.equal(text);
    });
  });
});
