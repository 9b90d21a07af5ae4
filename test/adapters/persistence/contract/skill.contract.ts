import { expect } from 'chai';
import { SkillNameTakenError, StaleWriteError } from '../../../../src/domain/shared/errors.js';
import { aSkill } from '../../../support/builders.js';
import { expectRejection, settleAll } from './expect-rejection.js';
import { freshStoragePerTest, type CloseStorage, type OpenStorage } from './storage-lifecycle.js';

export function describeSkillRepositoryContract(adapterName: string, open: OpenStorage, close: CloseStorage): void {
  describe(`SkillRepository contract (${adapterName})`, () => {
    const storage = freshStoragePerTest(open, close);
    const skills = () => storage().skills;

    const typescript = aSkill({ id: 's-ts', name: 'TypeScript', category: 'Languages', level: 5 });

    describe('create, findById and listAll', () => {
      it('when nothing was created, then listAll is empty and findById resolves null', async () => {
        expect(await skills().listAll()).to.deep.equal([]);
        expect(await skills().findById('s-none')).to.equal(null);
      });

      it('when a skill without years is created, then it comes back exactly, years absent', async () => {
        await skills().create(typescript);
        const stored = await skills().findById('s-ts');
        expect(stored).to.deep.equal(typescript);
        expect(stored).not.to.have.property('years');
      });

      it('when a skill with years is created, then years comes back, fractions included', async () => {
        const skill = aSkill({ id: 's-go', name: 'Go', years: 2.5, version: 4 });
        await skills().create(skill);
        expect(await skills().findById('s-go')).to.deep.equal(skill);
      });

      it('listAll returns every skill', async () => {
        const all = [typescript, aSkill({ id: 's-pg', name: 'PostgreSQL', category: 'Databases', level: 3, years: 6 })];
        for (const skill of all) await skills().create(skill);
        expect(await skills().listAll()).to.have.deep.members(all);
      });
    });

    describe('name uniqueness', () => {
      beforeEach(async () => {
        await skills().create(typescript);
      });

      it('when the name is taken in the category, whatever its case, then SkillNameTakenError and nothing is added', async () => {
        const error = await expectRejection(
          skills().create(aSkill({ id: 's-2', name: 'typescript', category: 'Languages' })),
          SkillNameTakenError,
        );
        expect(error.category).to.equal('Languages');
        expect(await skills().listAll()).to.deep.equal([typescript]);
      });

      it('when the same name is in another category, then it is fine', async () => {
        const tool = aSkill({ id: 's-2', name: 'TypeScript', category: 'Tools' });
        await skills().create(tool);
        expect(await skills().findById('s-2')).to.deep.equal(tool);
      });

      it('categories are told apart exactly: another spelling of the category is another category', async () => {
        await skills().create(aSkill({ id: 's-2', name: 'TypeScript', category: 'languages' }));
        expect(await skills().listAll()).to.have.length(2);
      });

      it('when an update keeps its own name, or changes only its case, then it is fine', async () => {
        await skills().update({ ...typescript, level: 4, version: 2 }, 1);
        await skills().update({ ...typescript, name: 'TYPESCRIPT', version: 3 }, 2);
        expect(await skills().findById('s-ts')).to.deep.equal({ ...typescript, name: 'TYPESCRIPT', version: 3 });
      });

      it('when an update takes the name of another skill in the category, then SkillNameTakenError and nothing changes', async () => {
        const go = aSkill({ id: 's-go', name: 'Go', category: 'Languages' });
        await skills().create(go);
        await expectRejection(skills().update({ ...go, name: 'Typescript', version: 2 }, 1), SkillNameTakenError);
        expect(await skills().findById('s-go')).to.deep.equal(go);
      });

      it('when an update moves a skill into a category that has the name, then SkillNameTakenError', async () => {
        const tool = aSkill({ id: 's-tool', name: 'TypeScript', category: 'Tools' });
        await skills().create(tool);
        await expectRejection(skills().update({ ...tool, category: 'Languages', version: 2 }, 1), SkillNameTakenError);
        expect(await skills().findById('s-tool')).to.deep.equal(tool);
      });

      it('when the skill holding the name is deleted, then the name is free again', async () => {
        await skills().delete('s-ts', 1);
        await skills().create(aSkill({ id: 's-2', name: 'typescript', category: 'Languages' }));
        expect((await skills().findById('s-2'))?.name).to.equal('typescript');
      });
    });

    describe('conditional update and delete', () => {
      beforeEach(async () => {
        await skills().create(typescript);
      });

      it('when the expected version is the stored one, then the new content is stored', async () => {
        const next = { ...typescript, level: 3, years: 1, version: 2 };
        await skills().update(next, 1);
        expect(await skills().findById('s-ts')).to.deep.equal(next);
      });

      it('when years is dropped, then it is absent afterwards', async () => {
        await skills().update({ ...typescript, years: 4, version: 2 }, 1);
        const { years: _dropped, ...withoutYears } = { ...typescript, years: 4, version: 3 };
        await skills().update(withoutYears, 2);
        expect(await skills().findById('s-ts')).not.to.have.property('years');
      });

      it('when the expected version is not the stored one, then StaleWriteError and nothing changes', async () => {
        await expectRejection(skills().update({ ...typescript, level: 1, version: 3 }, 2), StaleWriteError);
        await expectRejection(skills().delete('s-ts', 2), StaleWriteError);
        expect(await skills().findById('s-ts')).to.deep.equal(typescript);
      });

      it('when no skill has the id, then StaleWriteError', async () => {
        await expectRejection(skills().update({ ...typescript, id: 's-gone' }, 1), StaleWriteError);
        await expectRejection(skills().delete('s-gone', 1), StaleWriteError);
        expect(await skills().listAll()).to.deep.equal([typescript]);
      });

      it('when the expected version is the stored one, then delete removes it', async () => {
        await skills().delete('s-ts', 1);
        expect(await skills().findById('s-ts')).to.equal(null);
        expect(await skills().listAll()).to.deep.equal([]);
      });

      it('when two updates race on the same version, then exactly one wins', async () => {
        const outcome = await settleAll([
          skills().update({ ...typescript, level: 1, version: 2 }, 1),
          skills().update({ ...typescript, level: 2, version: 2 }, 1),
        ]);
        expect(outcome.fulfilled).to.equal(1);
        expect(outcome.rejected[0]).to.be.instanceOf(StaleWriteError);
      });
    });
  });
}
