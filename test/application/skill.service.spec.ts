import { expect } from 'chai';
import sinon from 'sinon';
import { SkillService } from '../../src/application/skill.service.js';
import { NotFoundError, SkillNameTakenError, StaleWriteError } from '../../src/domain/shared/errors.js';
import type { Skill } from '../../src/domain/skills/skill.js';
import type { SkillRepository } from '../../src/domain/skills/skill.repository.js';
import { aSkill } from '../support/builders.js';
import {
  NOW,
  SequentialIds,
  fakeContentEvents,
  rejectionOf,
  stubSkillRepository,
  type Stubbed,
} from '../support/fakes.js';

describe('SkillService', () => {
  let repo: Stubbed<SkillRepository>;
  let service: SkillService;
  let wake: sinon.SinonStub<[], void>;

  /** The content.changed event a write passed to the repository, as its last argument. */
  const changed = (action: string, id: string) => [
    {
      id: 'ev-1',
      type: 'content.changed',
      occurredAt: NOW,
      data: { changes: [{ resource: 'skill', action, id, at: NOW }] },
    },
  ];

  beforeEach(() => {
    repo = stubSkillRepository();
    const events = fakeContentEvents();
    wake = events.wake;
    service = new SkillService(repo, new SequentialIds(), events.events);
  });

  afterEach(() => sinon.restore());

  describe('listGrouped', () => {
    beforeEach(() => {
      repo.listAll.resolves([
        aSkill({ id: 's-1', name: 'Docker', category: 'Tools', level: 3 }),
        aSkill({ id: 's-2', name: 'Go', category: 'Languages', level: 2 }),
        aSkill({ id: 's-3', name: 'TypeScript', category: 'Languages', level: 5 }),
      ]);
    });

    it('returns every skill grouped and ordered', async () => {
      const groups = await service.listGrouped();

      expect(groups.map((group) => [group.category, group.skills.map((skill) => skill.id)])).to.deep.equal([
        ['Languages', ['s-3', 's-2']],
        ['Tools', ['s-1']],
      ]);
    });

    it('when a category is given, then only that group is returned', async () => {
      const groups = await service.listGrouped('Tools');

      expect(groups.map((group) => group.category)).to.deep.equal(['Tools']);
    });

    it('when the category has no skills, then no group is returned', async () => {
      expect(await service.listGrouped('Databases')).to.deep.equal([]);
    });
  });

  describe('get', () => {
    it('returns the skill with that id', async () => {
      const skill = aSkill({ id: 's-9' });
      repo.findById.withArgs('s-9').resolves(skill);

      expect(await service.get('s-9')).to.equal(skill);
    });

    it('when there is none, then NotFoundError names the id', async () => {
      const error = await rejectionOf(service.get('s-404'));

      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ resource: 'Skill', key: 's-404' });
    });
  });

  describe('create', () => {
    it('stores the skill with a new id and version 1 and returns it', async () => {
      const skill = await service.create({ name: 'Rust', category: 'Languages', level: 3, years: 2 });

      const expected: Skill = { id: 'id-1', name: 'Rust', category: 'Languages', level: 3, years: 2, version: 1 };
      expect(skill).to.deep.equal(expected);
      expect(repo.create.firstCall.args).to.deep.equal([expected, changed('created', 'id-1')]);
      expect(wake.calledAfter(repo.create)).to.equal(true);
    });

    it('when years is absent, then it is absent from what is stored, not undefined', async () => {
      await service.create({ name: 'Rust', category: 'Languages', level: 3, years: undefined });

      expect(repo.create.firstCall.args[0]).not.to.have.property('years');
    });

    it('when the name is taken in the category, then SkillNameTakenError propagates', async () => {
      repo.create.rejects(new SkillNameTakenError('Rust', 'Languages'));

      const error = await rejectionOf(service.create({ name: 'Rust', category: 'Languages', level: 3 }));

      expect(error).to.be.instanceOf(SkillNameTakenError);
    });
  });

  describe('replace', () => {
    beforeEach(() => {
      repo.findById
        .withArgs('s-1')
        .resolves(aSkill({ id: 's-1', name: 'TS', category: 'Languages', level: 4, years: 6, version: 2 }));
    });

    it('replaces every field, dropping years when absent, and writes on the version read', async () => {
      const result = await service.replace('s-1', { name: 'TypeScript', category: 'Frontend', level: 5 });

      const expected: Skill = { id: 's-1', name: 'TypeScript', category: 'Frontend', level: 5, version: 3 };
      expect(result).to.deep.equal(expected);
      expect(repo.update.firstCall.args).to.deep.equal([expected, 2, changed('updated', 's-1')]);
      expect(wake.calledOnce).to.equal(true);
      expect(repo.update.firstCall.args[0]).not.to.have.property('years');
    });

    it('when the skill does not exist, then NotFoundError and no write', async () => {
      expect(await rejectionOf(service.replace('s-404', { name: 'x', category: 'y', level: 1 }))).to.be.instanceOf(
        NotFoundError,
      );
      expect(repo.update.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and no write', async () => {
      const error = await rejectionOf(service.replace('s-1', { name: 'x', category: 'y', level: 1 }, () => false));

      expect(error)
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The skill has changed since it was read');
      expect(repo.update.called).to.equal(false);
    });
  });

  describe('patch', () => {
    beforeEach(() => {
      repo.findById
        .withArgs('s-1')
        .resolves(aSkill({ id: 's-1', name: 'TS', category: 'Languages', level: 4, years: 6, version: 2 }));
    });

    it('changes only the given fields and writes the next version on the version read', async () => {
      const result = await service.patch('s-1', { level: 5 });

      const expected: Skill = { id: 's-1', name: 'TS', category: 'Languages', level: 5, years: 6, version: 3 };
      expect(result).to.deep.equal(expected);
      expect(repo.update.firstCall.args).to.deep.equal([expected, 2, changed('updated', 's-1')]);
      expect(wake.calledOnce).to.equal(true);
    });

    it('when a lost race is retried, then the patch applies to the reloaded skill', async () => {
      repo.findById
        .withArgs('s-1')
        .onSecondCall()
        .resolves(aSkill({ id: 's-1', name: 'TypeScript', category: 'Languages', level: 4, version: 3 }));
      repo.update.onFirstCall().rejects(new StaleWriteError('skill'));

      const result = await service.patch('s-1', { level: 5 });

      expect(result).to.deep.equal({ id: 's-1', name: 'TypeScript', category: 'Languages', level: 5, version: 4 });
      expect(repo.update.secondCall.args[1]).to.equal(3);
    });
  });

  describe('delete', () => {
    beforeEach(() => {
      repo.findById.withArgs('s-1').resolves(aSkill({ id: 's-1', version: 7 }));
    });

    it('deletes on condition of the version read', async () => {
      await service.delete('s-1');

      expect(repo.delete.firstCall.args.slice(0, 2)).to.deep.equal(['s-1', 7]);
      expect(repo.delete.firstCall.args[2]).to.deep.equal(changed('deleted', 's-1'));
      expect(wake.calledOnce).to.equal(true);
    });

    it('when the skill does not exist, then NotFoundError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('s-404'))).to.be.instanceOf(NotFoundError);
      expect(repo.delete.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('s-1', () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The skill has changed since it was read');
      expect(repo.delete.called).to.equal(false);
    });
  });
});
