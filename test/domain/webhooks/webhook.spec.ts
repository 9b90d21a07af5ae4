import { expect } from 'chai';
import { RuleViolationError } from '../../../src/domain/shared/errors.js';
import { assertWebhookRules, newestWebhookFirst, withoutSecret } from '../../../src/domain/webhooks/webhook.js';
import { aWebhook } from '../../support/builders.js';
import { expectConsistentComparator } from '../../support/comparators.js';
import { thrownBy } from '../../support/fakes.js';

function issuesOf(action: () => void) {
  const error = thrownBy(action);
  expect(error).to.be.instanceOf(RuleViolationError);
  return (error as RuleViolationError).issues;
}

describe('webhook', () => {
  describe('assertWebhookRules', () => {
    it('when every field is within its rules, then it passes', () => {
      assertWebhookRules(
        aWebhook({
          events: ['contact.received', 'content.changed'],
          debounceSeconds: 3600,
          description: 'd'.repeat(200),
        }),
      );
      assertWebhookRules(aWebhook({ url: `https://x.example/${'a'.repeat(1980)}` }));
    });

    it('when events is empty, then events is named', () => {
      expect(issuesOf(() => assertWebhookRules(aWebhook({ events: [] })))).to.deep.equal([
        { path: 'events', message: 'Must name at least one event type' },
      ]);
    });

    it('when a type is named twice, then events is named', () => {
      expect(
        issuesOf(() => assertWebhookRules(aWebhook({ events: ['content.changed', 'content.changed'] }))),
      ).to.deep.equal([{ path: 'events', message: 'Must not name an event type twice' }]);
    });

    it('when a type is unknown (a ping is not subscribed to), then events is named with the known types', () => {
      const events = ['webhook.ping'] as never;
      expect(issuesOf(() => assertWebhookRules(aWebhook({ events })))).to.deep.equal([
        { path: 'events', message: 'Must be among contact.received, content.changed' },
      ]);
    });

    for (const debounceSeconds of [-1, 3601, 1.5, Number.NaN]) {
      it(`when debounceSeconds is ${debounceSeconds}, then it is named with its range`, () => {
        expect(issuesOf(() => assertWebhookRules(aWebhook({ debounceSeconds })))).to.deep.equal([
          { path: 'debounceSeconds', message: 'Must be a whole number from 0 to 3600' },
        ]);
      });
    }

    it('when the url and the description are too long (in characters), then both are named with their maximum', () => {
      const issues = issuesOf(() =>
        assertWebhookRules(aWebhook({ url: `https://x.example/${'a'.repeat(1983)}`, description: '🚀'.repeat(201) })),
      );
      expect(issues).to.deep.equal([
        { path: 'url', message: 'Must be at most 2000 characters' },
        { path: 'description', message: 'Must be at most 200 characters' },
      ]);
    });

    it('when the url is 2000 characters but more UTF-16 units, then it passes; when 2001, then url is named', () => {
      // `https://x.example/` is 18 characters; each rocket is one character and two UTF-16 units.
      const url = `https://x.example/${'🚀'.repeat(1982)}`;
      assertWebhookRules(aWebhook({ url }));
      expect(issuesOf(() => assertWebhookRules(aWebhook({ url: `${url}a` })))).to.deep.equal([
        { path: 'url', message: 'Must be at most 2000 characters' },
      ]);
    });

    it('a description of 200 emoji is 200 characters', () => {
      assertWebhookRules(aWebhook({ description: '🚀'.repeat(200) }));
    });
  });

  it('withoutSecret: every field but the secret', () => {
    const webhook = aWebhook({ description: 'Site build' });
    const { secret: _secret, ...expected } = webhook;
    expect(withoutSecret(webhook)).to.deep.equal(expected);
    expect(withoutSecret(webhook)).not.to.have.property('secret');
  });

  it('newestWebhookFirst: by creation descending, ties by id descending', () => {
    const hooks = [
      aWebhook({ id: 'a', createdAt: '2025-01-01T00:00:00.000Z' }),
      aWebhook({ id: 'b', createdAt: '2025-01-02T00:00:00.000Z' }),
      aWebhook({ id: 'c', createdAt: '2025-01-01T00:00:00.000Z' }),
    ];
    expect([...hooks].sort(newestWebhookFirst).map((h) => h.id)).to.deep.equal(['b', 'c', 'a']);
  });

  it('newestWebhookFirst is a consistent comparator: either way round, opposite signs', () => {
    const at = '2025-01-01T00:00:00.000Z';
    expectConsistentComparator(
      newestWebhookFirst,
      [
        aWebhook({ id: '01A', createdAt: at }),
        aWebhook({ id: '01B', createdAt: at }),
        aWebhook({ id: '01C', createdAt: '2025-01-02T00:00:00.000Z' }),
        aWebhook({ id: '00Z', createdAt: '2025-01-03T00:00:00.000Z' }),
      ],
      (webhook) => `${webhook.id}@${webhook.createdAt}`,
    );
  });
});
