import { expect } from 'chai';
import { withoutUndefined } from '../../src/application/without-undefined.js';

describe('withoutUndefined', () => {
  it('drops keys whose value is undefined, so they are absent rather than undefined', () => {
    const result = withoutUndefined({ a: 1, b: undefined as number | undefined, c: 'x' });
    expect(result).to.deep.equal({ a: 1, c: 'x' });
    expect(Object.keys(result)).to.deep.equal(['a', 'c']);
  });

  it('keeps falsy values other than undefined', () => {
    expect(withoutUndefined({ n: null, z: 0, e: '', f: false })).to.deep.equal({ n: null, z: 0, e: '', f: false });
  });
});
