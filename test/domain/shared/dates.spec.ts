import { expect } from 'chai';
import { endNotBeforeStart } from '../../../src/domain/shared/dates.js';

describe('endNotBeforeStart', () => {
  it('when the end is before the start, then it reports one issue at the end path naming the start', () => {
    expect(endNotBeforeStart('2024-05-02', '2024-05-01', 'to', 'from')).to.deep.equal([
      { path: 'to', message: 'Must not be before from' },
    ]);
  });

  it('when the end equals the start, then there is no issue', () => {
    expect(endNotBeforeStart('2024-05-02', '2024-05-02', 'to', 'from')).to.deep.equal([]);
  });

  it('when the end is after the start, then there is no issue', () => {
    expect(endNotBeforeStart('2024-05-02', '2025-01-01', 'to', 'from')).to.deep.equal([]);
  });

  it('when there is no end, then there is no issue', () => {
    expect(endNotBeforeStart('2024-05-02', null, 'to', 'from')).to.deep.equal([]);
  });
});
