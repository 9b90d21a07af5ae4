import { expect } from 'chai';
import type { Delivery } from '../../../src/domain/events/delivery.js';
import type { ContentChangedData } from '../../../src/domain/events/event.js';
import { mayTakeChanges, planFanOut, type FanOutInput, type Subscriber } from '../../../src/domain/events/fan-out.js';
import { SequentialIds } from '../../support/fakes.js';
import { aContactReceivedEvent, aContentChangedEvent, aDelivery } from '../../support/builders.js';

const NOW = new Date('2025-02-01T10:00:30.000Z');

function subscriber(overrides: Partial<Subscriber> = {}): Subscriber {
  return {
    id: 'w-1',
    events: ['content.changed'],
    debounceSeconds: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function plan(overrides: Partial<FanOutInput>) {
  const ids = new SequentialIds('d-');
  return planFanOut({
    events: [],
    subscribers: [],
    email: false,
    open: new Map(),
    newId: () => ids.next(),
    now: NOW,
    ...overrides,
  });
}

const at = (seconds: number) => `2025-02-01T10:00:${String(seconds).padStart(2, '0')}.000Z`;

describe('planFanOut', () => {
  it('when a webhook subscribes to the type, then it gets one pending delivery carrying the event, due when it occurred', () => {
    const event = aContentChangedEvent({ id: 'ev-1', at: at(1) });
    const { created, updated } = plan({ events: [event], subscribers: [subscriber()] });
    expect(updated).to.deep.equal([]);
    expect(created).to.deep.equal([
      {
        id: 'd-1',
        target: { kind: 'webhook', webhookId: 'w-1' },
        event: { id: 'ev-1', type: 'content.changed' },
        timestamp: at(1),
        data: event.data,
        status: 'pending',
        attempts: 0,
        createdAt: NOW.toISOString(),
        nextAttemptAt: at(1),
        deliveredAt: null,
        lastAttempt: null,
        failures: 0,
      },
    ]);
  });

  it('when webhooks subscribe to other types, then they get nothing', () => {
    const { created } = plan({
      events: [aContentChangedEvent(), aContactReceivedEvent({ id: 'ev-2' })],
      subscribers: [
        subscriber({ id: 'w-c', events: ['contact.received'] }),
        subscriber({ id: 'w-both', events: ['contact.received', 'content.changed'] }),
      ],
    });
    expect(created.map((d) => [d.target, d.event.id])).to.deep.equal([
      [{ kind: 'webhook', webhookId: 'w-both' }, 'ev-1'],
      [{ kind: 'webhook', webhookId: 'w-c' }, 'ev-2'],
      [{ kind: 'webhook', webhookId: 'w-both' }, 'ev-2'],
    ]);
  });

  for (const [when, createdAt, gets] of [
    ['after the event occurred', at(2), 0],
    ['at the very instant the event occurred', at(1), 1],
  ] as const) {
    it(`when a webhook was created ${when}, then it gets ${gets ? 'it' : 'nothing'}`, () => {
      const { created } = plan({
        events: [aContentChangedEvent({ at: at(1) })],
        subscribers: [subscriber({ createdAt })],
      });
      expect(created).to.have.length(gets);
    });
  }

  it('when email is on, then each contact message also gets an email delivery naming the message', () => {
    const event = aContactReceivedEvent({ id: 'ev-9', messageId: 'm-7' });
    const { created } = plan({ events: [event, aContentChangedEvent()], email: true });
    expect(created).to.have.length(1);
    expect(created[0]).to.deep.include({
      target: { kind: 'email', messageId: 'm-7' },
      event: { id: 'ev-9', type: 'contact.received' },
      data: event.data,
    });
  });

  it('when email is off, then no email delivery', () => {
    expect(plan({ events: [aContactReceivedEvent()], email: false }).created).to.deep.equal([]);
  });

  describe('debounce', () => {
    const debounced = subscriber({ debounceSeconds: 10 });

    it('when changes come within the window, then one delivery lists them all in order, due when the window ends', () => {
      const events = [1, 4, 11].map((s, i) => aContentChangedEvent({ id: `ev-${i}`, at: at(s), slug: `p${i}` }));
      const { created } = plan({ events, subscribers: [debounced] });
      expect(created).to.have.length(1);
      const [delivery] = created as [Delivery];
      expect(delivery.nextAttemptAt).to.equal(at(11));
      expect(delivery.event.id).to.equal('ev-0');
      expect(delivery.timestamp).to.equal(at(11));
      expect((delivery.data as ContentChangedData).changes.map((c) => c.slug)).to.deep.equal(['p0', 'p1', 'p2']);
    });

    it('when a change comes after the window, then it starts a new delivery and window', () => {
      const events = [
        aContentChangedEvent({ id: 'ev-a', at: at(1) }),
        aContentChangedEvent({ id: 'ev-b', at: at(12) }),
      ];
      const { created } = plan({ events, subscribers: [debounced] });
      expect(created.map((d) => [d.event.id, d.nextAttemptAt])).to.deep.equal([
        ['ev-a', at(11)],
        ['ev-b', at(22)],
      ]);
    });

    it('when the storage holds an open delivery, then changes in its window join it, in the order they happened', () => {
      const open = aDelivery({ id: 'd-open', createdAt: at(0), dueAt: at(10) });
      const late = aContentChangedEvent({ id: 'ev-2', at: at(5), slug: 'late' });
      const early = aContentChangedEvent({ id: 'ev-1', at: at(3), slug: 'early' });
      const { created, updated } = plan({
        events: [late, early],
        subscribers: [debounced],
        open: new Map([['w-1', open]]),
      });
      expect(created).to.deep.equal([]);
      expect(updated).to.have.length(1);
      const slugs = (updated[0]!.data as ContentChangedData).changes.map((c) => c.slug);
      expect(slugs).to.deep.equal(['sample-project', 'early', 'late']);
      expect(updated[0]).to.deep.include({ id: 'd-open', nextAttemptAt: at(10), timestamp: at(5) });
    });

    it('when the open delivery was already tried, then a change gets a new delivery', () => {
      const tried = aDelivery({ id: 'd-open', createdAt: at(0), dueAt: at(10), attempts: 1 });
      expect(mayTakeChanges(tried)).to.equal(false);
      const { created, updated } = plan({
        events: [aContentChangedEvent({ at: at(5) })],
        subscribers: [debounced],
        open: new Map([['w-1', tried]]),
      });
      expect(updated).to.deep.equal([]);
      expect(created).to.have.length(1);
    });

    it('when the webhook does not debounce, then each change is its own delivery', () => {
      const events = [aContentChangedEvent({ id: 'ev-a', at: at(1) }), aContentChangedEvent({ id: 'ev-b', at: at(2) })];
      expect(plan({ events, subscribers: [subscriber()] }).created).to.have.length(2);
    });

    it('when the webhook stopped debouncing while a delivery was open, then a change in its window does not join it', () => {
      const open = aDelivery({ id: 'd-open', createdAt: at(0), dueAt: at(10) });
      const { created, updated } = plan({
        events: [aContentChangedEvent({ id: 'ev-a', at: at(5) })],
        subscribers: [subscriber({ debounceSeconds: 0 })],
        open: new Map([['w-1', open]]),
      });
      expect(updated).to.deep.equal([]);
      expect(created.map((d) => [d.event.id, d.nextAttemptAt])).to.deep.equal([['ev-a', at(5)]]);
    });

    it('when a contact message comes between changes, then the changes still join one delivery', () => {
      const hook = subscriber({ events: ['contact.received', 'content.changed'], debounceSeconds: 10 });
      const events = [
        aContentChangedEvent({ id: 'ev-1', at: at(1), slug: 'first' }),
        aContactReceivedEvent({ id: 'ev-2', receivedAt: at(2) }),
        aContentChangedEvent({ id: 'ev-3', at: at(3), slug: 'second' }),
      ];
      const { created } = plan({ events, subscribers: [hook] });
      expect(created.map((d) => [d.event.id, d.nextAttemptAt])).to.deep.equal([
        ['ev-1', at(11)],
        ['ev-2', at(2)],
      ]);
      expect((created[0]!.data as ContentChangedData).changes.map((c) => c.slug)).to.deep.equal(['first', 'second']);
    });

    it('when changes happened at the same instant, then they keep the order they were recorded in', () => {
      const open = aDelivery({ id: 'd-open', createdAt: at(3), dueAt: at(10) });
      const events = ['one', 'two'].map((slug, i) => aContentChangedEvent({ id: `ev-${i}`, at: at(3), slug }));
      const { updated } = plan({ events, subscribers: [debounced], open: new Map([['w-1', open]]) });
      const slugs = (updated[0]!.data as ContentChangedData).changes.map((c) => c.slug);
      expect(slugs).to.deep.equal(['sample-project', 'one', 'two']);
    });

    it('contact messages are never debounced', () => {
      const hook = subscriber({ events: ['contact.received'], debounceSeconds: 60 });
      const events = [aContactReceivedEvent({ id: 'ev-a' }), aContactReceivedEvent({ id: 'ev-b' })];
      const { created } = plan({ events, subscribers: [hook] });
      expect(created.map((d) => [d.event.id, d.nextAttemptAt])).to.deep.equal([
        ['ev-a', '2025-02-01T10:00:00.000Z'],
        ['ev-b', '2025-02-01T10:00:00.000Z'],
      ]);
    });
  });

  describe('mayTakeChanges', () => {
    it('only untried pending webhook deliveries of content changes', () => {
      expect(mayTakeChanges(aDelivery())).to.equal(true);
      expect(mayTakeChanges(aDelivery({ status: 'delivered' }))).to.equal(false);
      expect(mayTakeChanges(aDelivery({ event: { id: 'e', type: 'webhook.ping' } }))).to.equal(false);
      expect(mayTakeChanges(aDelivery({ target: { kind: 'email', messageId: 'm' } }))).to.equal(false);
    });
  });
});
