import { expect } from 'chai';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileOutbox, outboxPathFor } from '../../../../src/adapters/persistence/file/file-outbox.js';
import { openFileWebhooks, webhooksPathFor } from '../../../../src/adapters/persistence/file/file-webhooks.js';
import { openFileStorage } from '../../../../src/adapters/persistence/file/file.storage.js';
import { nodeFileSystem } from '../../../../src/adapters/persistence/file/file-system.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import { StorageUnavailableError } from '../../../../src/domain/shared/errors.js';
import {
  aContactReceivedEvent,
  aContentChangedEvent,
  aDelivery,
  aMessage,
  aProject,
  aWebhook,
} from '../../../support/builders.js';
import { rejectionOf } from '../../../support/fakes.js';
import { describeOutboxContract } from '../contract/outbox.contract.js';
import { describeWebhookRepositoryContract } from '../contract/webhook.contract.js';
import { ControlledFileSystem, makeTempDir, recordingLogger, removeDir } from './file-test-support.js';

describeOutboxContract('file', async () => {
  const dir = await makeTempDir();
  const outbox = await FileOutbox.open({
    path: outboxPathFor(join(dir, 'portfolio.json')),
    fs: nodeFileSystem,
    logger: recordingLogger(),
  });
  return {
    outbox,
    close: async () => {
      await outbox.close();
      await removeDir(dir);
    },
  };
});

describeWebhookRepositoryContract('file', async () => {
  const dir = await makeTempDir();
  const path = webhooksPathFor(join(dir, 'portfolio.json'));
  return {
    webhooks: await openFileWebhooks({ path, fs: nodeFileSystem, logger: recordingLogger() }),
    close: () => removeDir(dir),
  };
});

describe('file outbox and webhooks on disk', () => {
  let dir: string;
  let dataFile: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    dataFile = join(dir, 'portfolio.json');
  });
  afterEach(() => removeDir(dir));

  const openOutbox = (fs = nodeFileSystem, logger = recordingLogger()) =>
    FileOutbox.open({ path: outboxPathFor(dataFile), fs, logger });
  const openWebhooks = (fs = nodeFileSystem) =>
    openFileWebhooks({ path: webhooksPathFor(dataFile), fs, logger: recordingLogger() });
  const now = new Date('2030-01-01T00:00:00.000Z');
  const claimAll = (outbox: FileOutbox) =>
    outbox.claimDue({ now, limit: 100, leaseMs: 60_000, webhookIds: ['w-1'], email: true });

  it('the journal and the webhooks file sit beside the data file', () => {
    expect(outboxPathFor('/srv/data/portfolio.json')).to.equal('/srv/data/portfolio.outbox.jsonl');
    expect(webhooksPathFor('/srv/data/portfolio.json')).to.equal('/srv/data/portfolio.webhooks.json');
  });

  it('when reopened, then recorded events and deliveries are as they were, and a claim of the old process is free again', async () => {
    const first = await openOutbox();
    await first.record([aContactReceivedEvent({ id: 'ev-1', messageId: 'm-1' })]);
    const delivery = aDelivery({ id: 'd-1' });
    await first.enqueue(delivery);
    expect(await claimAll(first)).to.have.length(1);
    await first.close();

    const second = await openOutbox();
    try {
      expect(await second.awaitsFanOut('m-1')).to.equal(true);
      expect(await second.findDelivery('d-1')).to.deep.equal(delivery);
      expect((await claimAll(second)).map((claim) => claim.delivery.id)).to.deep.equal(['d-1']);
    } finally {
      await second.close();
    }
  });

  it('both files are readable and writable by the service user alone (0600)', async () => {
    const outbox = await openOutbox();
    await outbox.record([aContactReceivedEvent()]);
    await outbox.close();
    await (await openWebhooks()).create(aWebhook());
    expect((await stat(outboxPathFor(dataFile))).mode & 0o777).to.equal(0o600);
    expect((await stat(webhooksPathFor(dataFile))).mode & 0o777).to.equal(0o600);
  });

  it('when a crash left a torn last line, then it is dropped with a warning and the rest is kept', async () => {
    const outbox = await openOutbox();
    await outbox.enqueue(aDelivery({ id: 'd-1' }));
    await outbox.close();
    await appendFile(outboxPathFor(dataFile), '{"op":"put","deliv');
    const logger = recordingLogger();
    const reopened = await openOutbox(nodeFileSystem, logger);
    try {
      expect(await reopened.findDelivery('d-1')).not.to.equal(null);
      expect(logger.at('warn').map((entry) => entry.message)).to.deep.equal([
        'dropping the torn last line of the outbox journal',
      ]);
      await reopened.enqueue(aDelivery({ id: 'd-2' }));
    } finally {
      await reopened.close();
    }
    const lines = (await readFile(outboxPathFor(dataFile), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { delivery: { id: string } }).delivery.id)).to.deep.equal([
      'd-1',
      'd-2',
    ]);
  });

  it('when a line is invalid, then opening is refused naming the file and the line, and the file, torn tail included, is left as it is', async () => {
    const text = `${JSON.stringify({ op: 'put', delivery: aDelivery() })}\n{"op":"put","delivery":{"id":""}}\nnot json\n{"op":"pu`;
    await writeFile(outboxPathFor(dataFile), text);
    const error = (await rejectionOf(openOutbox())) as Error;
    expect(error.message).to.match(
      /^The outbox journal .*portfolio\.outbox\.jsonl is invalid:\n {2}- line 2: .*\n {2}- line 3: not valid JSON/,
    );
    expect(await readFile(outboxPathFor(dataFile), 'utf8')).to.equal(text);
  });

  it('when the journal has many superseded lines, then opening compacts it to what is live', async () => {
    const outbox = await openOutbox();
    const delivery = aDelivery({ id: 'd-1' });
    for (let i = 0; i < 1005; i++) await outbox.enqueue(delivery);
    await outbox.close();
    const logger = recordingLogger();
    const reopened = await openOutbox(nodeFileSystem, logger);
    try {
      expect((await readFile(outboxPathFor(dataFile), 'utf8')).trimEnd().split('\n')).to.have.length(1);
      expect(await reopened.findDelivery('d-1')).to.deep.equal(delivery);
      expect(logger.at('info').map((entry) => entry.message)).to.include('compacted the outbox journal');
      await reopened.enqueue(aDelivery({ id: 'd-2' }));
      expect(await reopened.findDelivery('d-2')).not.to.equal(null);
    } finally {
      await reopened.close();
    }
  });

  it('when an append fails (disk full), then the change is refused as 503 and not in effect, and the next one works', async () => {
    const fs = new ControlledFileSystem();
    const outbox = await openOutbox(fs);
    try {
      fs.failAppends = 'ENOSPC';
      expect(await rejectionOf(outbox.enqueue(aDelivery({ id: 'd-1' })))).to.be.instanceOf(StorageUnavailableError);
      expect(await outbox.findDelivery('d-1')).to.equal(null);
      fs.failAppends = null;
      await outbox.enqueue(aDelivery({ id: 'd-2' }));
    } finally {
      await outbox.close();
    }
    const reopened = await openOutbox();
    try {
      expect(await reopened.findDelivery('d-1')).to.equal(null);
      expect(await reopened.findDelivery('d-2')).not.to.equal(null);
    } finally {
      await reopened.close();
    }
  });

  it('webhooks: when reopened, then they are as stored; when a write fails, then the change is refused and not in effect', async () => {
    const fs = new ControlledFileSystem();
    const webhooks = await openWebhooks(fs);
    await webhooks.create(aWebhook({ id: 'w-1', description: 'build' }));
    fs.failRenames = 'EACCES';
    expect(await rejectionOf(webhooks.create(aWebhook({ id: 'w-2' })))).to.be.instanceOf(StorageUnavailableError);
    expect(await webhooks.findById('w-2')).to.equal(null);
    expect(await (await openWebhooks()).listAll()).to.deep.equal([aWebhook({ id: 'w-1', description: 'build' })]);
  });

  it('webhooks: a file that does not load stops opening, and is left as it is', async () => {
    await writeFile(webhooksPathFor(dataFile), '{"format":1,"webhooks":[{"id":"w-1"}]}');
    expect(((await rejectionOf(openWebhooks())) as Error).message).to.match(
      /^The webhooks file .* is invalid:\n {2}- webhooks\.0\.url: /,
    );
    await writeFile(webhooksPathFor(dataFile), '{');
    expect(((await rejectionOf(openWebhooks())) as Error).message).to.match(/is not valid JSON/);
    expect(await readFile(webhooksPathFor(dataFile), 'utf8')).to.equal('{');
  });
});

describe('file storage: events recorded with the writes', () => {
  let dir: string;
  let dataFile: string;
  let fs: ControlledFileSystem;
  const opened: Storage[] = [];
  beforeEach(async () => {
    dir = await makeTempDir();
    dataFile = join(dir, 'portfolio.json');
    fs = new ControlledFileSystem();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
    await removeDir(dir);
  });

  async function open(fileSystem: ControlledFileSystem = fs): Promise<Storage> {
    const storage = await openFileStorage({
      dataFile,
      logger: recordingLogger(),
      watchIntervalMs: 60_000,
      fileSystem,
    });
    opened.push(storage);
    return storage;
  }

  async function reopened(storage: Storage): Promise<Storage> {
    await storage.close();
    return open(new ControlledFileSystem());
  }

  const journalLines = async () =>
    (await readFile(outboxPathFor(dataFile), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { op: string; events: unknown[] });

  it('when a change is stored, then its events are flushed before the data file, and are there after a restart', async () => {
    const storage = await open();
    const before = fs.flushesOf(outboxPathFor(dataFile));
    await storage.projects.create(aProject(), [aContentChangedEvent({ id: 'ev-1' })]);
    expect(fs.flushesOf(outboxPathFor(dataFile))).to.equal(before + 1);
    const restarted = await reopened(storage);
    expect(await restarted.outbox.backlog()).to.deep.equal({ awaitingFanOut: 1, pendingDeliveries: 0 });
  });

  it('when the data file cannot be written, then the change is refused and its events are taken back, for good', async () => {
    const storage = await open();
    fs.failRenames = 'EACCES';
    const refused = storage.projects.create(aProject(), [aContentChangedEvent({ id: 'ev-1' })]);
    expect(await rejectionOf(refused)).to.be.instanceOf(StorageUnavailableError);
    expect(await storage.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 0 });
    expect((await journalLines()).map((line) => line.op)).to.deep.equal(['record', 'cancel']);
    fs.failRenames = null;
    const restarted = await reopened(storage);
    expect(await restarted.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 0 });
    expect(await restarted.projects.findBySlug(aProject().slug)).to.equal(null);
  });

  it('when the outbox journal cannot be written, then the change is refused and the data file is not touched', async () => {
    const storage = await open();
    const before = await readFile(dataFile, 'utf8');
    fs.failAppends = 'ENOSPC';
    fs.failAppendsTo = outboxPathFor(dataFile);
    const refused = storage.projects.create(aProject(), [aContentChangedEvent({ id: 'ev-1' })]);
    expect(await rejectionOf(refused)).to.be.instanceOf(StorageUnavailableError);
    expect(await readFile(dataFile, 'utf8')).to.equal(before);
    expect(await storage.projects.findBySlug(aProject().slug)).to.equal(null);
  });

  it('when the message journal cannot be written, then the message is refused and its event taken back, for good', async () => {
    const storage = await open();
    fs.failAppends = 'ENOSPC';
    fs.failAppendsTo = join(dir, 'portfolio.messages.jsonl');
    const event = aContactReceivedEvent({ id: 'ev-1', messageId: 'm-1' });
    expect(await rejectionOf(storage.messages.create(aMessage({ id: 'm-1' }), [event]))).to.be.instanceOf(
      StorageUnavailableError,
    );
    expect(await storage.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 0 });
    fs.failAppends = null;
    const restarted = await reopened(storage);
    expect(await restarted.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 0 });
    expect(await restarted.messages.findById('m-1')).to.equal(null);
  });
});
