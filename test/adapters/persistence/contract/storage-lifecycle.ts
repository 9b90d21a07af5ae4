import type { Storage } from '../../../../src/domain/storage/storage.js';

export type OpenStorage = () => Promise<Storage>;
export type CloseStorage = (storage: Storage) => Promise<void>;

/**
 * Opens a fresh, empty storage before each test and closes it after, so that
 * no two tests share data. Returns an accessor for the current one.
 */
export function freshStoragePerTest(open: OpenStorage, close: CloseStorage): () => Storage {
  let storage: Storage | undefined;
  beforeEach(async () => {
    storage = await open();
  });
  afterEach(async () => {
    if (storage) await close(storage);
    storage = undefined;
  });
  return () => {
    if (!storage) throw new Error('no storage is open outside a test');
    return storage;
  };
}
