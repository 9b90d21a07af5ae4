import { expect } from 'chai';
import { isWellFormedIfMatch } from '../../../src/adapters/http/etag.js';

describe('isWellFormedIfMatch', () => {
  for (const header of ['*', ' * ', '"abc"', 'W/"abc"', '""', '"a", "b"', '"a",,  W/"b" ,', '"!#~\u0080\u00ff"']) {
    it(`when it is ${JSON.stringify(header)}, then it is well formed`, () => {
      expect(isWellFormedIfMatch(header)).to.equal(true);
    });
  }

  for (const header of [
    '""abc""',
    '"\\"abc\\""',
    'abc',
    '"abc',
    'abc"',
    '"a b"',
    'w/"abc"',
    '"a", b',
    '*, "a"',
    ',',
    '"a"b"',
  ]) {
    it(`when it is ${JSON.stringify(header)}, then it is malformed`, () => {
      expect(isWellFormedIfMatch(header)).to.equal(false);
    });
  }
});
