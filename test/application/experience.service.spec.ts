import { expect } from 'chai';
import sinon from 'sinon';
import { ExperienceService } from '../../src/application/experience.service.js';
import type { Experience, ExperienceInput } from '../../src/domain/experience/experience.js';
import type { ExperienceRepository } from '../../src/domain/experience/experience.repository.js';
import { NotFoundError, RuleViolationError, StaleWriteError } from '../../src/domain/shared/errors.js';
import { anExperience } from '../support/builders.js';
import {
  NOW,
  SequentialIds,
  fakeContentEvents,
  rejectionOf,
  stubExperienceRepository,
  type Stubbed,
} from '../support/fakes.js';

describe('ExperienceService', () => {
  let repo: Stubbed<ExperienceRepository>;
  let service: ExperienceService;
  let wake: sinon.SinonStub<[], void>;

  /** The content.changed event a write passed to the repository, as its last argument. */
  const changed = (action: string, id: string) => [
    {
      id: 'ev-1',
      type: 'content.changed',
      occurredAt: NOW,
      data: { changes: [{ resource: 'experience', action, id, at: NOW }] },
    },
  ];

  beforeEach(() => {
    repo = stubExperienceRepository();
    const events = fakeContentEvents();
    wake = events.wake;
    service = new ExperienceService(repo, new SequentialIds(), events.events);
  });

  afterEach(() => sinon.restore());

  const minimalInput: ExperienceInput = { company: 'Acme', role: 'Engineer', startDate: '2021-03-01' };

  describe('list', () => {
    it('returns every role, current ones first, then by startDate descending', async () => {
      repo.listAll.resolves([
        anExperience({ id: 'ended', startDate: '2023-01-01', endDate: '2023-12-31' }),
        anExperience({ id: 'current', startDate: '2019-01-01', endDate: null }),
        anExperience({ id: 'older', startDate: '2015-01-01', endDate: '2018-12-31' }),
      ]);

      const roles = await service.list();

      expect(roles.map((role) => role.id)).to.deep.equal(['current', 'ended', 'older']);
    });
  });

  describe('get', () => {
    it('returns the role with that id', async () => {
      const role = anExperience({ id: 'e-5' });
      repo.findById.withArgs('e-5').resolves(role);

      expect(await service.get('e-5')).to.equal(role);
    });

    it('when there is none, then NotFoundError names the id', async () => {
      const error = await rejectionOf(service.get('e-404'));

      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ resource: 'Experience', key: 'e-404' });
    });
  });

  describe('create', () => {
    it('stores the role with a new id, version 1 and defaults filled in, and returns it', async () => {
      const role = await service.create(minimalInput);

      const expected: Experience = {
        id: 'id-1',
        company: 'Acme',
        role: 'Engineer',
        startDate: '2021-03-01',
        endDate: null,
        highlights: [],
        tech: [],
        version: 1,
      };
      expect(role).to.deep.equal(expected);
      expect(repo.create.firstCall.args).to.deep.equal([expected, changed('created', 'id-1')]);
      expect(wake.calledAfter(repo.create)).to.equal(true);
      expect(repo.create.firstCall.args[0]).not.to.have.property('location');
    });

    it('stores every given field', async () => {
      await service.create({
        ...minimalInput,
        location: 'Remote',
        endDate: '2022-01-31',
        highlights: ['Shipped v2'],
        tech: ['Go'],
      });

      expect(repo.create.firstCall.args[0]).to.deep.equal({
        id: 'id-1',
        company: 'Acme',
        role: 'Engineer',
        location: 'Remote',
        startDate: '2021-03-01',
        endDate: '2022-01-31',
        highlights: ['Shipped v2'],
        tech: ['Go'],
        version: 1,
      });
    });

    it('when endDate is before startDate, then RuleViolationError at endDate and nothing is stored', async () => {
      const error = await rejectionOf(service.create({ ...minimalInput, endDate: '2021-02-28' }));

      expect(error).to.be.instanceOf(RuleViolationError);
      expect((error as RuleViolationError).issues.map((issue) => issue.path)).to.deep.equal(['endDate']);
      expect(repo.create.called).to.equal(false);
    });

    it('when endDate equals startDate, then it is stored', async () => {
      await service.create({ ...minimalInput, endDate: '2021-03-01' });

      expect(repo.create.firstCall.args[0].endDate).to.equal('2021-03-01');
    });
  });

  describe('replace', () => {
    const current = anExperience({
      id: 'e-1',
      location: 'Berlin',
      endDate: '2023-01-01',
      highlights: ['Old'],
      tech: ['Java'],
      version: 2,
    });

    beforeEach(() => {
      repo.findById.withArgs('e-1').resolves(current);
    });

    it('replaces every field, dropping absent optional ones, and writes the next version on the version read', async () => {
      const result = await service.replace('e-1', minimalInput);

      const expected: Experience = {
        id: 'e-1',
        company: 'Acme',
        role: 'Engineer',
        startDate: '2021-03-01',
        endDate: null,
        highlights: [],
        tech: [],
        version: 3,
      };
      expect(result).to.deep.equal(expected);
      expect(repo.update.firstCall.args).to.deep.equal([expected, 2, changed('updated', 'e-1')]);
      expect(wake.calledOnce).to.equal(true);
      expect(repo.update.firstCall.args[0]).not.to.have.property('location');
    });

    it('when endDate is before startDate, then RuleViolationError and no write', async () => {
      const error = await rejectionOf(service.replace('e-1', { ...minimalInput, endDate: '2020-01-01' }));

      expect(error).to.be.instanceOf(RuleViolationError);
      expect(repo.update.called).to.equal(false);
    });

    it('when the role does not exist, then NotFoundError and no write', async () => {
      expect(await rejectionOf(service.replace('e-404', minimalInput))).to.be.instanceOf(NotFoundError);
      expect(repo.update.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and no write', async () => {
      expect(await rejectionOf(service.replace('e-1', minimalInput, () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The experience has changed since it was read');
      expect(repo.update.called).to.equal(false);
    });
  });

  describe('patch', () => {
    const current = anExperience({
      id: 'e-1',
      company: 'Acme',
      location: 'Berlin',
      startDate: '2020-01-01',
      endDate: null,
      highlights: ['Led the team'],
      tech: ['Go'],
      version: 2,
    });

    beforeEach(() => {
      repo.findById.withArgs('e-1').resolves(current);
    });

    it('changes only the given fields and writes the next version on the version read', async () => {
      const result = await service.patch('e-1', { endDate: '2024-06-30' });

      const expected: Experience = { ...current, endDate: '2024-06-30', version: 3 };
      expect(result).to.deep.equal(expected);
      expect(repo.update.firstCall.args).to.deep.equal([expected, 2, changed('updated', 'e-1')]);
      expect(wake.calledOnce).to.equal(true);
    });

    it('when the patched endDate is before the kept startDate, then RuleViolationError and no write', async () => {
      const error = await rejectionOf(service.patch('e-1', { endDate: '2019-12-31' }));

      expect(error).to.be.instanceOf(RuleViolationError);
      expect(repo.update.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and no write', async () => {
      expect(await rejectionOf(service.patch('e-1', { role: 'Lead' }, () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The experience has changed since it was read');
      expect(repo.update.called).to.equal(false);
    });
  });

  describe('delete', () => {
    beforeEach(() => {
      repo.findById.withArgs('e-1').resolves(anExperience({ id: 'e-1', version: 5 }));
    });

    it('deletes on condition of the version read', async () => {
      await service.delete('e-1');

      expect(repo.delete.firstCall.args.slice(0, 2)).to.deep.equal(['e-1', 5]);
      expect(repo.delete.firstCall.args[2]).to.deep.equal(changed('deleted', 'e-1'));
      expect(wake.calledOnce).to.equal(true);
    });

    it('when the role does not exist, then NotFoundError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('e-404'))).to.be.instanceOf(NotFoundError);
      expect(repo.delete.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('e-1', () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The experience has changed since it was read');
      expect(repo.delete.called).to.equal(false);
    });
  });
});
