import { dirname, resolve } from 'node:path';
import { StorageUnavailableError } from '../../../domain/shared/errors.js';
import type { Content } from '../../../domain/storage/content.js';
import { MemoryExperienceRepository } from '../memory/memory-experience.repository.js';
import { MemoryProfileRepository } from '../memory/memory-profile.repository.js';
import { MemoryMessageRepository } from '../memory/memory-message.repository.js';
import { MemoryProjectRepository } from '../memory/memory-project.repository.js';
import { MemorySkillRepository } from '../memory/memory-skill.repository.js';
import { MessageIndex } from '../memory/message-index.js';
import type { PortfolioRepositories, Storage, StorageHealth } from '../../../domain/storage/storage.js';
import type { ContentStore } from '../memory/content-store.js';
import { removeStrayTemporaryFiles } from './atomic-write.js';
import { DataFileLock } from './data-file-lock.js';
import { invalidMessage, parseContentDocument } from './content-document.js';
import { FileContentStore } from './file-content.store.js';
import { FileMessageRepository } from './file-message.repository.js';
import { FileOutbox, outboxPathFor } from './file-outbox.js';
import { nodeFileSystem, readIfExists, type FileSystem } from './file-system.js';
import { openFileWebhooks, webhooksPathFor } from './file-webhooks.js';
import type { Logger } from './logger.js';
import { journalPathFor, MessageJournal } from './message-journal.js';

export type { Logger } from './logger.js';

export interface FileStorageOptions {
  /**
   * The JSON document of the content. Beside it: the inbox (`<name>.messages.jsonl`),
   * the outbox (`<name>.outbox.jsonl`) and the webhooks (`<name>.webhooks.json`).
   */
  readonly dataFile: string;
  readonly logger: Logger;
  /** How often the file is checked for hand edits. */
  readonly watchIntervalMs?: number;
  /** The content of a data file that does not exist yet; empty when absent. */
  readonly seed?: () => Content;
  /** For tests that make writes fail or count flushes. */
  readonly fileSystem?: FileSystem;
}

const DEFAULT_WATCH_INTERVAL_MS = 1000;

/**
 * Opens the data file for this process alone: refuses when another process
 * holds it, when the file does not parse or validate (leaving it untouched),
 * or when the message or outbox journal has an invalid line, or the webhooks
 * file does not load.
 */
export async function openFileStorage(options: FileStorageOptions): Promise<Storage> {
  const dataFile = resolve(options.dataFile);
  const fs = options.fileSystem ?? nodeFileSystem;
  const { logger } = options;
  const journalPath = journalPathFor(dataFile);
  const outboxPath = outboxPathFor(dataFile);
  const webhooksPath = webhooksPathFor(dataFile);
  await fs.mkdir(dirname(dataFile));
  const lock = await DataFileLock.acquire(dataFile, logger);

  let store: FileContentStore | undefined;
  let journal: MessageJournal | undefined;
  let outbox: FileOutbox | undefined;
  try {
    for (const path of [dataFile, journalPath, outboxPath, webhooksPath]) {
      const removed = await removeStrayTemporaryFiles(fs, path);
      if (removed.length > 0) logger.info({ files: removed }, 'removed temporary files left by an interrupted write');
    }
    // The journals and webhooks first: an invalid one stops start-up before a missing data file is created.
    const opened = await MessageJournal.open({ path: journalPath, fs, logger });
    journal = opened.journal;
    outbox = await FileOutbox.open({ path: outboxPath, fs, logger });
    const webhooks = await openFileWebhooks({ path: webhooksPath, fs, logger });
    store = await FileContentStore.open({
      path: dataFile,
      fs,
      logger,
      outbox,
      ...(options.seed && { seed: options.seed }),
    });
    const index = new MessageIndex();
    // Oldest first, so that each insert is an append.
    for (const message of opened.messages) index.put(message);
    store.watch(options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS);

    const content = store;
    const inbox = journal;
    const events = outbox;
    let closing: Promise<void> | undefined;
    return {
      profiles: new MemoryProfileRepository(content),
      projects: new MemoryProjectRepository(content),
      skills: new MemorySkillRepository(content),
      experience: new MemoryExperienceRepository(content),
      messages: new FileMessageRepository(index, inbox, events),
      webhooks,
      outbox: events,
      /**
       * Resolves while the data file is an invalid hand edit: reads still serve
       * the last good content and contact messages are still stored, so the
       * instance must stay in rotation; only admin writes answer 503.
       */
      ping: async () => {
        if (closing) throw new StorageUnavailableError('The storage is closed');
      },
      refusesWrites: () => content.refusesWrites(),
      close: () =>
        (closing ??= (async () => {
          await content.close();
          await inbox.close();
          await events.close();
          await lock.release();
        })()),
    };
  } catch (error) {
    await store?.close();
    await journal?.close();
    await outbox?.close();
    await lock.release();
    throw error;
  }
}

/**
 * The data file and its inbox as they are on disk now, to be read (a copy
 * from them): no lock is taken and nothing is created, repaired or removed,
 * so this works while a service runs on the file. The service replaces the
 * file by an atomic rename and appends whole lines to the inbox, so what is
 * read is each file as it was at one instant (not both at the same one).
 * Every write through this storage is refused: it would reach no file.
 */
export async function readFileStorage(options: {
  readonly dataFile: string;
  readonly fileSystem?: FileSystem;
}): Promise<PortfolioRepositories & StorageHealth> {
  const dataFile = resolve(options.dataFile);
  const fs = options.fileSystem ?? nodeFileSystem;
  const bytes = await readIfExists(fs, dataFile);
  if (bytes === null) throw new Error(`The data file ${dataFile} does not exist`);
  const loaded = parseContentDocument(bytes.toString('utf8'));
  if (!loaded.ok) throw new Error(invalidMessage(`The data file ${dataFile}`, loaded.problems));
  const index = new MessageIndex();
  for (const message of await MessageJournal.read({ path: journalPathFor(dataFile), fs })) index.put(message);

  const refused = () =>
    Promise.reject(new StorageUnavailableError(`The data file ${dataFile} was opened to be read only`));
  const content: ContentStore = { read: () => loaded.state, update: refused };
  const inbox = new MemoryMessageRepository(index);
  return {
    profiles: new MemoryProfileRepository(content),
    projects: new MemoryProjectRepository(content),
    skills: new MemorySkillRepository(content),
    experience: new MemoryExperienceRepository(content),
    messages: {
      list: (query) => inbox.list(query),
      findById: (id) => inbox.findById(id),
      create: refused,
      update: refused,
      delete: refused,
    },
    ping: async () => {},
    refusesWrites: () => true,
    close: async () => {},
  };
}
