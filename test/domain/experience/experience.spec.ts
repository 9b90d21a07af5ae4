import { expect } from 'chai';
import { assertExperienceRules, orderExperience } from '../../../src/domain/experience/experience.js';
import { RuleViolationError } from '../../../src/domain/shared/errors.js';
import { anExperience } from '../../support/builders.js';
import { thrownBy } from '../../support/fakes.js';

describe('assertExperienceRules', () => {
  it('when endDate is before startDate, then it throws a RuleViolationError at endDate', () => {
    const error = thrownBy(() => assertExperienceRules({ startDate: '2022-06-01', endDate: '2022-05-31' }));
    expect(error).to.be.instanceOf(RuleViolationError);
    expect((error as RuleViolationError).issues).to.deep.equal([
      { path: 'endDate', message: 'Must not be before startDate' },
    ]);
  });

  it('when endDate equals startDate, then it passes', () => {
    expect(() => assertExperienceRules({ startDate: '2022-06-01', endDate: '2022-06-01' })).not.to.throw();
  });

  it('when endDate is after startDate, then it passes', () => {
    expect(() => assertExperienceRules({ startDate: '2022-06-01', endDate: '2023-01-01' })).not.to.throw();
  });

  it('when endDate is null (a current role), then it passes', () => {
    expect(() => assertExperienceRules({ startDate: '2022-06-01', endDate: null })).not.to.throw();
  });
});

describe('orderExperience', () => {
  const ids = (roles: ReturnType<typeof orderExperience>) => roles.map((role) => role.id);

  it('puts current roles first, even when an ended role started later', () => {
    const ordered = orderExperience([
      anExperience({ id: 'ended-recent', startDate: '2024-01-01', endDate: '2024-06-01' }),
      anExperience({ id: 'current-old', startDate: '2015-01-01', endDate: null }),
    ]);
    expect(ids(ordered)).to.deep.equal(['current-old', 'ended-recent']);
  });

  it('orders by startDate descending within current and within ended roles', () => {
    const ordered = orderExperience([
      anExperience({ id: 'ended-2018', startDate: '2018-01-01', endDate: '2019-01-01' }),
      anExperience({ id: 'current-2020', startDate: '2020-01-01', endDate: null }),
      anExperience({ id: 'ended-2021', startDate: '2021-01-01', endDate: '2022-01-01' }),
      anExperience({ id: 'current-2023', startDate: '2023-01-01', endDate: null }),
    ]);
    expect(ids(ordered)).to.deep.equal(['current-2023', 'current-2020', 'ended-2021', 'ended-2018']);
  });

  it('when start dates are equal, then by company', () => {
    const ordered = orderExperience([
      anExperience({ id: 'e-1', company: 'Zeta', startDate: '2020-01-01' }),
      anExperience({ id: 'e-2', company: 'Acme', startDate: '2020-01-01' }),
    ]);
    expect(ids(ordered)).to.deep.equal(['e-2', 'e-1']);
  });

  it('when start date and company are equal, then by id', () => {
    const ordered = orderExperience([
      anExperience({ id: 'e-2', company: 'Acme', startDate: '2020-01-01' }),
      anExperience({ id: 'e-1', company: 'Acme', startDate: '2020-01-01' }),
    ]);
    expect(ids(ordered)).to.deep.equal(['e-1', 'e-2']);
    const again = orderExperience([
      anExperience({ id: 'e-1', company: 'Acme', startDate: '2020-01-01' }),
      anExperience({ id: 'e-2', company: 'Acme', startDate: '2020-01-01' }),
    ]);
    expect(ids(again)).to.deep.equal(['e-1', 'e-2']);
  });

  it('orders by start date before company, whatever the input order', () => {
    const earlier = anExperience({ id: 'earlier', company: 'Acme', startDate: '2019-01-01', endDate: '2021-01-01' });
    const later = anExperience({ id: 'later', company: 'Zeta', startDate: '2020-01-01', endDate: '2021-01-01' });
    expect(ids(orderExperience([earlier, later]))).to.deep.equal(['later', 'earlier']);
    expect(ids(orderExperience([later, earlier]))).to.deep.equal(['later', 'earlier']);
  });

  it('when start dates are equal, then by company, whatever the input order', () => {
    const acme = anExperience({ id: 'acme', company: 'Acme', startDate: '2020-01-01' });
    const zeta = anExperience({ id: 'zeta', company: 'Zeta', startDate: '2020-01-01' });
    expect(ids(orderExperience([zeta, acme]))).to.deep.equal(['acme', 'zeta']);
    expect(ids(orderExperience([acme, zeta]))).to.deep.equal(['acme', 'zeta']);
  });

  it('returns a new array and leaves its input untouched', () => {
    const roles = [
      anExperience({ id: 'old', startDate: '2010-01-01' }),
      anExperience({ id: 'new', startDate: '2020-01-01' }),
    ];
    const ordered = orderExperience(roles);
    expect(ids(ordered)).to.deep.equal(['new', 'old']);
    expect(ids(roles)).to.deep.equal(['old', 'new']);
  });
});
