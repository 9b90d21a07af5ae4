import { join } from 'node:path';
import { openFileStorage } from '../../../../src/adapters/persistence/file/file.storage.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import { describeStorageContract } from '../contract/storage.contract.js';
import { makeTempDir, recordingLogger, removeDir } from './file-test-support.js';

/** Each storage gets its own directory, removed when it is closed. */
const directories = new WeakMap<Storage, string>();

describeStorageContract(
  'file',
  async () => {
    const dir = await makeTempDir();
    const storage = await openFileStorage({
      dataFile: join(dir, 'portfolio.json'),
      logger: recordingLogger(),
      watchIntervalMs: 50,
    });
    directories.set(storage, dir);
    return storage;
  },
  async (storage) => {
    await storage.close();
    const dir = directories.get(storage);
    if (dir) await removeDir(dir);
  },
);
