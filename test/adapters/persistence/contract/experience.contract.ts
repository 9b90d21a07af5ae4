import { expect } from 'chai';
import { StaleWriteError } from '../../../../src/domain/shared/errors.js';
import { anExperience } from '../../../support/builders.js';
import { expectRejection, settleAll } from './expect-rejection.js';
import { freshStoragePerTest, type CloseStorage, type OpenStorage } from './storage-lifecycle.js';

export function describeExperienceRepositoryContract(
  adapterName: string,
  open: OpenStorage,
  close: CloseStorage,
): void {
  describe(`ExperienceRepository contract (${adapterName})`, () => {
    const storage = freshStoragePerTest(open, close);
    const experience = () => storage().experience;

    const current = anExperience({ id: 'e-now', company: 'Now GmbH', startDate: '2023-03-01' });

    it('when nothing was created, then listAll is empty and findById resolves null', async () => {
      expect(await experience().listAll()).to.deep.equal([]);
      expect(await experience().findById('e-none')).to.equal(null);
    });

    it('when a minimal role is created, then it comes back exactly, location absent', async () => {
      await experience().create(current);
      const stored = await experience().findById('e-now');
      expect(stored).to.deep.equal(current);
      expect(stored).not.to.have.property('location');
    });

    it('when every field is set, then every field comes back, lists in their order', async () => {
      const role = anExperience({
        id: 'e-full',
        company: 'Full AG',
        role: 'Lead developer',
        location: 'Remote',
        startDate: '2019-02-01',
        endDate: '2022-12-31',
        highlights: ['Shipped the thing', 'Mentored two juniors', 'Cut costs by 30 %'],
        tech: ['Node.js', 'Kubernetes'],
        version: 5,
      });
      await experience().create(role);
      expect(await experience().findById('e-full')).to.deep.equal(role);
    });

    it('listAll returns every role', async () => {
      const all = [
        current,
        anExperience({ id: 'e-old', company: 'Old Ltd', startDate: '2015-01-01', endDate: '2018-01-01' }),
      ];
      for (const role of all) await experience().create(role);
      expect(await experience().listAll()).to.have.deep.members(all);
    });

    describe('conditional update and delete', () => {
      beforeEach(async () => {
        await experience().create(current);
      });

      it('when the expected version is the stored one, then the new content is stored', async () => {
        const next = {
          ...current,
          role: 'Staff engineer',
          location: 'Berlin',
          endDate: '2024-01-31',
          highlights: ['x'],
          version: 2,
        };
        await experience().update(next, 1);
        expect(await experience().findById('e-now')).to.deep.equal(next);
      });

      it('when location is dropped, then it is absent afterwards', async () => {
        await experience().update({ ...current, location: 'Berlin', version: 2 }, 1);
        await experience().update({ ...current, version: 3 }, 2);
        expect(await experience().findById('e-now')).not.to.have.property('location');
      });

      it('when the expected version is not the stored one, then StaleWriteError and nothing changes', async () => {
        await expectRejection(experience().update({ ...current, role: 'Late', version: 3 }, 2), StaleWriteError);
        await expectRejection(experience().delete('e-now', 2), StaleWriteError);
        expect(await experience().findById('e-now')).to.deep.equal(current);
      });

      it('when no role has the id, then StaleWriteError', async () => {
        await expectRejection(experience().update({ ...current, id: 'e-gone' }, 1), StaleWriteError);
        await expectRejection(experience().delete('e-gone', 1), StaleWriteError);
        expect(await experience().listAll()).to.deep.equal([current]);
      });

      it('when the expected version is the stored one, then delete removes it', async () => {
        await experience().delete('e-now', 1);
        expect(await experience().findById('e-now')).to.equal(null);
        expect(await experience().listAll()).to.deep.equal([]);
      });

      it('when two deletes race on the same version, then exactly one wins', async () => {
        const outcome = await settleAll([experience().delete('e-now', 1), experience().delete('e-now', 1)]);
        expect(outcome.fulfilled).to.equal(1);
        expect(outcome.rejected[0]).to.be.instanceOf(StaleWriteError);
      });
    });
  });
}
