import { expect } from 'chai';
import { describeExperienceRepositoryContract } from './experience.contract.js';
import { describeMessageRepositoryContract } from './message.contract.js';
import { describeProfileRepositoryContract } from './profile.contract.js';
import { describeProjectRepositoryContract } from './project.contract.js';
import { describeRecordedEventsContract } from './recorded-events.contract.js';
import { describeSkillRepositoryContract } from './skill.contract.js';
import type { CloseStorage, OpenStorage } from './storage-lifecycle.js';

/**
 * The whole storage contract: every repository port, the events each write
 * records with it, and health. `open` must
 * give a fresh, empty storage each time; `close` releases it.
 */
export function describeStorageContract(adapterName: string, open: OpenStorage, close: CloseStorage): void {
  describe(`Storage contract (${adapterName})`, () => {
    describe('health', () => {
      it('an open storage answers ping, accepts writes, and closes', async () => {
        const storage = await open();
        try {
          await storage.ping();
          expect(storage.refusesWrites()).to.equal(false);
        } finally {
          await close(storage);
        }
      });
    });

    describeProfileRepositoryContract(adapterName, open, close);
    describeProjectRepositoryContract(adapterName, open, close);
    describeSkillRepositoryContract(adapterName, open, close);
    describeExperienceRepositoryContract(adapterName, open, close);
    describeMessageRepositoryContract(adapterName, open, close);
    describeRecordedEventsContract(adapterName, open, close);
  });
}
