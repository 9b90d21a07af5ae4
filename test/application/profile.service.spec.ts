import { expect } from 'chai';
import sinon from 'sinon';
import { ProfileService } from '../../src/application/profile.service.js';
import type { Profile, ProfileInput } from '../../src/domain/profile/profile.js';
import type { ProfileRepository } from '../../src/domain/profile/profile.repository.js';
import { NotFoundError, StaleWriteError } from '../../src/domain/shared/errors.js';
import { aProfile } from '../support/builders.js';
import {
  FixedClock,
  NOW,
  fakeContentEvents,
  rejectionOf,
  stubProfileRepository,
  type Stubbed,
} from '../support/fakes.js';

describe('ProfileService', () => {
  let repo: Stubbed<ProfileRepository>;
  let service: ProfileService;
  let wake: sinon.SinonStub<[], void>;

  beforeEach(() => {
    repo = stubProfileRepository();
    const events = fakeContentEvents();
    wake = events.wake;
    service = new ProfileService(repo, new FixedClock(), events.events);
  });

  const changed = (id: string, action: string) => [
    {
      id,
      type: 'content.changed',
      occurredAt: NOW,
      data: { changes: [{ resource: 'profile', action, id: 'profile', at: NOW }] },
    },
  ];

  afterEach(() => sinon.restore());

  const input: ProfileInput = {
    name: 'Ada Example',
    headline: 'Backend developer',
    bio: 'Builds APIs.',
    links: { github: 'https://github.com/ada' },
    availableForWork: true,
  };

  describe('get', () => {
    it('returns the stored profile', async () => {
      const profile = aProfile();
      repo.get.resolves(profile);

      expect(await service.get()).to.equal(profile);
    });

    it('when there is no profile yet, then NotFoundError', async () => {
      const error = await rejectionOf(service.get());

      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ resource: 'Profile', key: 'profile', message: 'No profile has been set yet' });
    });
  });

  describe('replace', () => {
    it('when there is no profile yet, then it creates version 1, on condition that there is still none', async () => {
      const result = await service.replace(input);

      const expected: Profile = { ...input, updatedAt: NOW, version: 1 };
      expect(result).to.deep.equal(expected);
      expect(repo.save.callCount).to.equal(1);
      expect(repo.save.firstCall.args).to.deep.equal([expected, null, changed('ev-1', 'created')]);
      expect(wake.calledAfter(repo.save)).to.equal(true);
    });

    it('when a profile exists, then it replaces it with the next version, on condition of the version read', async () => {
      repo.get.resolves(aProfile({ location: 'Berlin', email: 'old@example.com', version: 3 }));

      const result = await service.replace(input);

      const expected: Profile = { ...input, updatedAt: NOW, version: 4 };
      expect(result).to.deep.equal(expected);
      expect(repo.save.firstCall.args).to.deep.equal([expected, 3, changed('ev-1', 'updated')]);
      expect(wake.calledOnce).to.equal(true);
    });

    it('stores optional fields only when given, never as undefined', async () => {
      await service.replace({ ...input, location: undefined, email: 'ada@example.com' });

      const stored = repo.save.firstCall.args[0];
      expect(stored).not.to.have.property('location');
      expect(stored).not.to.have.property('avatarUrl');
      expect(stored.email).to.equal('ada@example.com');
    });

    it('stores a copy of the links, not the caller’s object', async () => {
      await service.replace(input);

      const stored = repo.save.firstCall.args[0];
      expect(stored.links).to.deep.equal(input.links);
      expect(stored.links).not.to.equal(input.links);
    });

    it('when the precondition holds for the current profile, then it saves', async () => {
      const current = aProfile({ version: 2 });
      repo.get.resolves(current);
      const precondition = sinon.stub<[Profile], boolean>().returns(true);

      await service.replace(input, precondition);

      expect(precondition.calledOnceWithExactly(current)).to.equal(true);
      expect(repo.save.firstCall.args[1]).to.equal(2);
    });

    it('when the precondition is false, then StaleWriteError and nothing is saved', async () => {
      repo.get.resolves(aProfile());

      expect(await rejectionOf(service.replace(input, () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The profile has changed since it was read');
      expect(repo.save.called).to.equal(false);
      expect(wake.called).to.equal(false);
    });

    it('when there is a precondition but no profile yet, then StaleWriteError and nothing is saved', async () => {
      const precondition = sinon.stub<[Profile], boolean>().returns(true);

      expect(await rejectionOf(service.replace(input, precondition))).to.be.instanceOf(StaleWriteError);
      expect(precondition.called).to.equal(false);
      expect(repo.save.called).to.equal(false);
    });

    it('when creating the profile loses to another creation, then it replaces the profile that was created', async () => {
      repo.get.onFirstCall().resolves(null);
      repo.get.onSecondCall().resolves(aProfile({ version: 1 }));
      repo.save.onFirstCall().rejects(new StaleWriteError('profile'));

      const result = await service.replace(input);

      expect(repo.save.args.map(([profile, expected]) => [profile.version, expected])).to.deep.equal([
        [1, null],
        [2, 1],
      ]);
      // The stored attempt replaced a profile: its event says so.
      expect(repo.save.secondCall.args[2]).to.deep.equal(changed('ev-2', 'updated'));
      expect(result.version).to.equal(2);
    });
  });
});
