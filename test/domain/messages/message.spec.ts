import { expect } from 'chai';
import {
  MESSAGE_STATUSES,
  StatusTransitionError,
  assertTransition,
  isSpam,
  newestFirst,
  type ContactInput,
  type MessageStatus,
} from '../../../src/domain/messages/message.js';
import { aMessage } from '../../support/builders.js';
import { expectConsistentComparator } from '../../support/comparators.js';
import { thrownBy } from '../../support/fakes.js';

describe('assertTransition', () => {
  const allowed: Array<[MessageStatus, MessageStatus]> = [
    ['new', 'new'],
    ['new', 'read'],
    ['new', 'archived'],
    ['read', 'read'],
    ['read', 'new'],
    ['read', 'archived'],
    ['archived', 'archived'],
    ['archived', 'read'],
  ];

  for (const [from, to] of allowed) {
    it(`allows '${from}' → '${to}'`, () => {
      expect(() => assertTransition(from, to)).not.to.throw();
    });
  }

  it("refuses 'archived' → 'new' with a StatusTransitionError naming both", () => {
    const error = thrownBy(() => assertTransition('archived', 'new'));
    expect(error).to.be.instanceOf(StatusTransitionError);
    expect(error).to.include({ from: 'archived', to: 'new', code: 'conflict' });
    expect((error as Error).message).to.equal("A message cannot go from 'archived' to 'new'");
  });

  it('refuses no other pair', () => {
    const refused = MESSAGE_STATUSES.flatMap((from) => MESSAGE_STATUSES.map((to) => [from, to] as const)).filter(
      ([from, to]) => {
        try {
          assertTransition(from, to);
          return false;
        } catch {
          return true;
        }
      },
    );
    expect(refused).to.deep.equal([['archived', 'new']]);
  });
});

describe('isSpam', () => {
  const input: ContactInput = { name: 'Grace', email: 'grace@example.com', message: 'Hello there, friend.' };

  it('when the honeypot is absent, then it is not spam', () => {
    expect(isSpam(input)).to.equal(false);
  });

  it('when the honeypot is empty, then it is not spam', () => {
    expect(isSpam({ ...input, website: '' })).to.equal(false);
  });

  it('when the honeypot is filled in, then it is spam', () => {
    expect(isSpam({ ...input, website: 'https://spam.example' })).to.equal(true);
    expect(isSpam({ ...input, website: ' x ' })).to.equal(true);
  });

  it('when the honeypot holds only white space, then it is spam: the contract says non-empty', () => {
    expect(isSpam({ ...input, website: '   ' })).to.equal(true);
  });
});

describe('newestFirst', () => {
  it('orders by receivedAt descending', () => {
    const messages = [
      aMessage({ id: 'a', receivedAt: '2025-01-01T00:00:00.000Z' }),
      aMessage({ id: 'c', receivedAt: '2025-03-01T00:00:00.000Z' }),
      aMessage({ id: 'b', receivedAt: '2025-02-01T00:00:00.000Z' }),
    ];
    expect([...messages].sort(newestFirst).map((m) => m.id)).to.deep.equal(['c', 'b', 'a']);
  });

  it('when received at the same instant, then by id descending', () => {
    const at = '2025-01-01T00:00:00.000Z';
    const messages = [
      aMessage({ id: '01A', receivedAt: at }),
      aMessage({ id: '01C', receivedAt: at }),
      aMessage({ id: '01B', receivedAt: at }),
    ];
    expect([...messages].sort(newestFirst).map((m) => m.id)).to.deep.equal(['01C', '01B', '01A']);
  });

  it('puts a later message first even when its id sorts lower', () => {
    const messages = [
      aMessage({ id: 'z', receivedAt: '2025-01-01T00:00:00.000Z' }),
      aMessage({ id: 'a', receivedAt: '2025-01-02T00:00:00.000Z' }),
    ];
    expect([...messages].sort(newestFirst).map((m) => m.id)).to.deep.equal(['a', 'z']);
  });

  it('treats a message as equal to itself', () => {
    const message = aMessage();
    expect(newestFirst(message, message)).to.equal(0);
  });

  it('puts an earlier message last even when its id sorts higher, whatever the input order', () => {
    const early = aMessage({ id: 'z', receivedAt: '2025-01-01T00:00:00.000Z' });
    const late = aMessage({ id: 'a', receivedAt: '2025-01-02T00:00:00.000Z' });
    expect([early, late].sort(newestFirst).map((m) => m.id)).to.deep.equal(['a', 'z']);
    expect([late, early].sort(newestFirst).map((m) => m.id)).to.deep.equal(['a', 'z']);
  });

  it('is a consistent comparator: either way round, opposite signs', () => {
    const at = '2025-01-01T00:00:00.000Z';
    expectConsistentComparator(
      newestFirst,
      [
        aMessage({ id: '01A', receivedAt: at }),
        aMessage({ id: '01B', receivedAt: at }),
        aMessage({ id: '01C', receivedAt: '2025-01-02T00:00:00.000Z' }),
        aMessage({ id: '00Z', receivedAt: '2025-01-03T00:00:00.000Z' }),
      ],
      (m) => `${m.id}@${m.receivedAt}`,
    );
  });
});
