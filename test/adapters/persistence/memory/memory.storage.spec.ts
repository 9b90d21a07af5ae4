import { openMemoryStorage } from '../../../../src/adapters/persistence/memory/memory.storage.js';
import { describeStorageContract } from '../contract/storage.contract.js';

describeStorageContract(
  'memory',
  async () => openMemoryStorage(),
  (storage) => storage.close(),
);
