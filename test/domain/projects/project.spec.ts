import { expect } from 'chai';
import sinon from 'sinon';
import {
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
  assertProjectRules,
  firstFreeSlug,
  normalizeTags,
  slugify,
} from '../../../src/domain/projects/project.js';
import { RuleViolationError } from '../../../src/domain/shared/errors.js';
import { thrownBy } from '../../support/fakes.js';

describe('slugify', () => {
  it('transliterates letters that have no accent to strip', () => {
    expect(slugify('Straße für Æsir, Øresund & Łódź')).to.equal('strasse-fur-aesir-oresund-lodz');
  });

  it('lower-cases words and joins them with single hyphens', () => {
    expect(slugify('Hello Portfolio World')).to.equal('hello-portfolio-world');
  });

  it('folds accents to their base letters', () => {
    expect(slugify('Crème Brûlée à la Café')).to.equal('creme-brulee-a-la-cafe');
    expect(slugify('Ñandú Übersicht')).to.equal('nandu-ubersicht');
  });

  it('folds compatibility characters such as ligatures', () => {
    expect(slugify('The ﬁnal cut')).to.equal('the-final-cut');
  });

  it('treats punctuation and symbols as word separators, never doubling hyphens', () => {
    expect(slugify('C++ & Rust: 2.0 — "the" sequel!')).to.equal('c-rust-2-0-the-sequel');
  });

  it('drops separators at both ends', () => {
    expect(slugify('  --Hello__World--  ')).to.equal('hello-world');
  });

  it('keeps digits', () => {
    expect(slugify('2024 Year in Review')).to.equal('2024-year-in-review');
  });

  it('when the words fit exactly in 80 characters, then all are kept', () => {
    const title = `${'a'.repeat(39)} ${'b'.repeat(40)}`;
    expect(slugify(title)).to.equal(`${'a'.repeat(39)}-${'b'.repeat(40)}`);
    expect(slugify(title)).to.have.length(SLUG_MAX_LENGTH);
  });

  it('when the next word would pass 80 characters, then it stops before it, without a trailing hyphen', () => {
    const slug = slugify(Array.from({ length: 12 }, () => 'abcdefghi').join(' '));
    expect(slug).to.equal(Array.from({ length: 8 }, () => 'abcdefghi').join('-'));
    expect(slug.length).to.be.at.most(SLUG_MAX_LENGTH);
    expect(slug).to.match(SLUG_PATTERN);
  });

  it('when one more character would pass the cap, then that word is left out', () => {
    expect(slugify(`${'a'.repeat(40)} ${'b'.repeat(40)}`)).to.equal('a'.repeat(40));
  });

  it('when the first word alone is longer than 80, then it is cut to 80 characters', () => {
    expect(slugify(`${'x'.repeat(100)} tail`)).to.equal('x'.repeat(SLUG_MAX_LENGTH));
  });

  it('when the title has no letters or digits, then the slug is "project"', () => {
    expect(slugify('')).to.equal('project');
    expect(slugify('   ')).to.equal('project');
    expect(slugify('!!! ??? ---')).to.equal('project');
    expect(slugify('日本語')).to.equal('project');
  });

  it('always yields a valid slug', () => {
    for (const title of ['Ünïcödé ÷ ✓', 'x', '-a-', '🚀 Launch 🚀', 'A'.repeat(200), 'Straße & Co.']) {
      const slug = slugify(title);
      expect(slug, title).to.match(SLUG_PATTERN);
      expect(slug.length, title).to.be.within(1, SLUG_MAX_LENGTH);
    }
  });
});

describe('firstFreeSlug', () => {
  it('when the base is free, then it is the base', () => {
    expect(firstFreeSlug('my-app', () => false)).to.equal('my-app');
  });

  it('when the base is taken, then it appends -2', () => {
    expect(firstFreeSlug('my-app', (slug) => slug === 'my-app')).to.equal('my-app-2');
  });

  it('tries base, base-2, base-3… in order and returns the first free one', () => {
    const taken = new Set(['my-app', 'my-app-2', 'my-app-3']);
    const isTaken = sinon.spy((slug: string) => taken.has(slug));
    expect(firstFreeSlug('my-app', isTaken)).to.equal('my-app-4');
    expect(isTaken.args.map(([slug]) => slug)).to.deep.equal(['my-app', 'my-app-2', 'my-app-3', 'my-app-4']);
  });

  it('when the base is at the length cap, then it is shortened so that base and suffix fit', () => {
    const base = 'a'.repeat(SLUG_MAX_LENGTH);
    const slug = firstFreeSlug(base, (candidate) => candidate === base);
    expect(slug).to.equal(`${'a'.repeat(78)}-2`);
    expect(slug).to.have.length(SLUG_MAX_LENGTH);
  });

  it('when shortening leaves a hyphen at the end, then that hyphen is dropped', () => {
    const base = `${'a'.repeat(77)}-bc`;
    expect(firstFreeSlug(base, (candidate) => candidate === base)).to.equal(`${'a'.repeat(77)}-2`);
  });

  it('when the suffix grows to two digits, then the base is shortened further', () => {
    const base = 'a'.repeat(SLUG_MAX_LENGTH);
    const slug = firstFreeSlug(base, (candidate) => !candidate.endsWith('-10'));
    expect(slug).to.equal(`${'a'.repeat(77)}-10`);
    expect(slug).to.match(SLUG_PATTERN);
  });
});

describe('normalizeTags', () => {
  it('trims and lower-cases every tag', () => {
    expect(normalizeTags(['  TypeScript ', 'Node.JS', '\tapi\n'])).to.deep.equal(['typescript', 'node.js', 'api']);
  });

  it('removes duplicates after normalising, keeping the first occurrence in order', () => {
    expect(normalizeTags(['b', 'A', ' a ', 'B', 'c', 'a'])).to.deep.equal(['b', 'a', 'c']);
  });

  it('when there are no tags, then there are none', () => {
    expect(normalizeTags([])).to.deep.equal([]);
  });

  it('leaves its input untouched', () => {
    const tags = [' X ', 'x'];
    normalizeTags(tags);
    expect(tags).to.deep.equal([' X ', 'x']);
  });
});

describe('assertProjectRules', () => {
  it('when endedAt is before startedAt, then it throws a RuleViolationError at endedAt', () => {
    const error = thrownBy(() => assertProjectRules({ startedAt: '2024-03-10', endedAt: '2024-03-09' }));
    expect(error).to.be.instanceOf(RuleViolationError);
    expect((error as RuleViolationError).issues).to.deep.equal([
      { path: 'endedAt', message: 'Must not be before startedAt' },
    ]);
  });

  it('when endedAt equals startedAt, then it passes', () => {
    expect(() => assertProjectRules({ startedAt: '2024-03-10', endedAt: '2024-03-10' })).not.to.throw();
  });

  it('when endedAt is after startedAt, then it passes', () => {
    expect(() => assertProjectRules({ startedAt: '2024-03-10', endedAt: '2025-01-01' })).not.to.throw();
  });

  it('when endedAt is null, then it passes', () => {
    expect(() => assertProjectRules({ startedAt: '2024-03-10', endedAt: null })).not.to.throw();
  });
});
