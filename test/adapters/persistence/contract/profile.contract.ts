import { expect } from 'chai';
import { StaleWriteError } from '../../../../src/domain/shared/errors.js';
import { aProfile } from '../../../support/builders.js';
import { expectRejection, settleAll } from './expect-rejection.js';
import { freshStoragePerTest, type CloseStorage, type OpenStorage } from './storage-lifecycle.js';

export function describeProfileRepositoryContract(adapterName: string, open: OpenStorage, close: CloseStorage): void {
  describe(`ProfileRepository contract (${adapterName})`, () => {
    const storage = freshStoragePerTest(open, close);
    const profiles = () => storage().profiles;

    it('when nothing was saved, then get resolves null', async () => {
      expect(await profiles().get()).to.equal(null);
    });

    it('when a profile is saved expecting none, then get returns exactly it, optional fields absent', async () => {
      const profile = aProfile({ links: {} });
      await profiles().save(profile, null);
      const stored = await profiles().get();
      expect(stored).to.deep.equal(profile);
      expect(stored).not.to.have.any.keys('location', 'email', 'avatarUrl');
    });

    it('when every field is set, then every field comes back', async () => {
      const profile = aProfile({
        bio: 'Builds **backends**.\n\nLikes tests.',
        location: 'Berlin',
        email: 'ada@example.com',
        avatarUrl: 'https://example.com/ada.png',
        links: { github: 'https://github.com/ada', blog: 'https://ada.example.com' },
        availableForWork: true,
        version: 3,
      });
      await profiles().save(profile, null);
      expect(await profiles().get()).to.deep.equal(profile);
    });

    it('when one exists and the save expects none, then StaleWriteError and it is unchanged', async () => {
      const first = aProfile({ name: 'First' });
      await profiles().save(first, null);
      await expectRejection(profiles().save(aProfile({ name: 'Second' }), null), StaleWriteError);
      expect(await profiles().get()).to.deep.equal(first);
    });

    it('when none exists and the save expects a version, then StaleWriteError and there is still none', async () => {
      await expectRejection(profiles().save(aProfile(), 1), StaleWriteError);
      expect(await profiles().get()).to.equal(null);
    });

    it('when the save expects the stored version, then the new profile replaces it', async () => {
      await profiles().save(aProfile({ name: 'First', location: 'Berlin', version: 1 }), null);
      const second = aProfile({ name: 'Second', updatedAt: '2025-02-01T00:00:00.000Z', version: 2 });
      await profiles().save(second, 1);
      const stored = await profiles().get();
      expect(stored).to.deep.equal(second);
      expect(stored).not.to.have.property('location');
    });

    it('when the save expects another version, then StaleWriteError and the stored one is unchanged', async () => {
      const first = aProfile({ version: 2 });
      await profiles().save(first, null);
      await expectRejection(profiles().save(aProfile({ name: 'Late', version: 2 }), 1), StaleWriteError);
      expect(await profiles().get()).to.deep.equal(first);
    });

    it('when two saves race on the same expected version, then exactly one wins', async () => {
      const outcome = await settleAll([
        profiles().save(aProfile({ name: 'One' }), null),
        profiles().save(aProfile({ name: 'Two' }), null),
      ]);
      expect(outcome.fulfilled).to.equal(1);
      expect(outcome.rejected).to.have.length(1);
      expect(outcome.rejected[0]).to.be.instanceOf(StaleWriteError);
      expect((await profiles().get())?.name).to.be.oneOf(['One', 'Two']);
    });
  });
}
