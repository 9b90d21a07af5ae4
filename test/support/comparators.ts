import { expect } from 'chai';

/**
 * A comparator handed to Array.prototype.sort must be consistent: comparing
 * two items either way round gives opposite signs, and an item equals itself.
 * Otherwise the order it produces depends on the engine's algorithm and on
 * the input order. Checked over every ordered pair of `items`.
 */
export function expectConsistentComparator<T>(
  compare: (a: T, b: T) => number,
  items: readonly T[],
  name: (item: T) => string,
): void {
  for (const a of items) {
    for (const b of items) {
      const forth = Math.sign(compare(a, b));
      const back = Math.sign(compare(b, a));
      if (a === b) expect(forth, `${name(a)} against itself`).to.equal(0);
      expect(forth, `${name(a)} against ${name(b)} is ${forth}, the other way round ${back}`).to.equal(-back || 0);
    }
  }
}
