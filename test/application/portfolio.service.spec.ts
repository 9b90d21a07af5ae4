import { expect } from 'chai';
import sinon from 'sinon';
import { ExperienceService } from '../../src/application/experience.service.js';
import { PortfolioService } from '../../src/application/portfolio.service.js';
import { ProfileService } from '../../src/application/profile.service.js';
import { ProjectService } from '../../src/application/project.service.js';
import { SkillService } from '../../src/application/skill.service.js';
import { NotFoundError, StorageUnavailableError } from '../../src/domain/shared/errors.js';
import { aProfile, aProject, aSkill, anExperience } from '../support/builders.js';
import { rejectionOf } from '../support/fakes.js';

describe('PortfolioService', () => {
  let profile: sinon.SinonStubbedInstance<ProfileService>;
  let projects: sinon.SinonStubbedInstance<ProjectService>;
  let skills: sinon.SinonStubbedInstance<SkillService>;
  let experience: sinon.SinonStubbedInstance<ExperienceService>;
  let service: PortfolioService;

  const groups = [{ category: 'Languages', skills: [aSkill()] }];
  const published = [aProject({ slug: 'a' }), aProject({ slug: 'b' })];
  const roles = [anExperience()];

  beforeEach(() => {
    profile = sinon.createStubInstance(ProfileService);
    projects = sinon.createStubInstance(ProjectService);
    skills = sinon.createStubInstance(SkillService);
    experience = sinon.createStubInstance(ExperienceService);
    projects.listPublished.resolves(published);
    skills.listGrouped.resolves(groups);
    experience.list.resolves(roles);
    service = new PortfolioService(profile, projects, skills, experience);
  });

  afterEach(() => sinon.restore());

  it('returns the profile, the published projects, the grouped skills and the ordered experience', async () => {
    const owner = aProfile();
    profile.get.resolves(owner);

    const portfolio = await service.get();

    expect(portfolio).to.deep.equal({ profile: owner, projects: published, skills: groups, experience: roles });
    expect(skills.listGrouped.calledOnceWithExactly()).to.equal(true);
  });

  it('when there is no profile yet, then the profile is null and the rest is returned', async () => {
    profile.get.rejects(new NotFoundError('Profile', 'profile'));

    const portfolio = await service.get();

    expect(portfolio).to.deep.equal({ profile: null, projects: published, skills: groups, experience: roles });
  });

  it('when reading the profile fails otherwise, then that error propagates', async () => {
    const down = new StorageUnavailableError('storage down');
    profile.get.rejects(down);

    expect(await rejectionOf(service.get())).to.equal(down);
  });

  it('when reading any other part fails, then that error propagates', async () => {
    profile.get.resolves(aProfile());
    const down = new StorageUnavailableError('storage down');
    experience.list.rejects(down);

    expect(await rejectionOf(service.get())).to.equal(down);
  });
});
