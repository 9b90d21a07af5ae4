import { expect } from 'chai';
import { afterAttempt, type Delivery } from '../../../../src/domain/events/delivery.js';
import type { ContentChangedData } from '../../../../src/domain/events/event.js';
import type { Subscriber } from '../../../../src/domain/events/fan-out.js';
import type { Claim, Outbox, Receivers } from '../../../../src/domain/events/outbox.js';
import { SequentialIds } from '../../../support/fakes.js';
import { aContactReceivedEvent, aContentChangedEvent, aDelivery } from '../../../support/builders.js';

export interface OutboxFixture {
  readonly outbox: Outbox;
  close(): Promise<void>;
}

const T0 = Date.parse('2025-02-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString();

const hook = (id: string, overrides: Partial<Subscriber> = {}): Subscriber => ({
  id,
  events: ['content.changed', 'contact.received'],
  debounceSeconds: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

const ALL: Receivers = { webhookIds: ['w-1', 'w-2'], email: true };
const LEASE = 60_000;

/** `open` gives a fresh, empty outbox each time. */
export function describeOutboxContract(adapterName: string, open: () => Promise<OutboxFixture>): void {
  describe(`Outbox contract (${adapterName})`, () => {
    let fixture: OutboxFixture | undefined;
    let ids: SequentialIds;
    beforeEach(async () => {
      fixture = await open();
      ids = new SequentialIds('d-');
    });
    afterEach(async () => {
      await fixture?.close();
      fixture = undefined;
    });
    const outbox = () => fixture!.outbox;
    const fanOut = (subscribers: Subscriber[], options: { email?: boolean; now?: Date; limit?: number } = {}) =>
      outbox().fanOut({
        subscribers,
        email: options.email ?? false,
        newId: () => ids.next(),
        now: options.now ?? at(30),
        limit: options.limit ?? 100,
      });
    const claim = (now: Date, options: Partial<Receivers> & { limit?: number; leaseMs?: number } = {}) =>
      outbox().claimDue({ now, limit: options.limit ?? 100, leaseMs: options.leaseMs ?? LEASE, ...ALL, ...options });
    const idsOf = (claims: readonly Claim[]) => claims.map((c) => c.delivery.id);

    describe('record and fanOut', () => {
      it('when events are recorded, then fan-out makes one delivery per subscriber and event, once only', async () => {
        const changed = aContentChangedEvent({ id: 'ev-1', at: iso(1) });
        const contact = aContactReceivedEvent({ id: 'ev-2', messageId: 'm-1', receivedAt: iso(2) });
        await outbox().record([changed, contact]);
        expect(await fanOut([hook('w-1'), hook('w-2', { events: ['contact.received'] })], { email: true })).to.equal(2);
        expect(await fanOut([hook('w-1')], { email: true })).to.equal(0);
        const first = await outbox().listDeliveries('w-1', { offset: 0, limit: 10 });
        expect(first.total).to.equal(2);
        expect(first.items.map((d) => d.event.id).sort()).to.deep.equal(['ev-1', 'ev-2']);
        expect(
          (await outbox().listDeliveries('w-2', { offset: 0, limit: 10 })).items.map((d) => d.event.id),
        ).to.deep.equal(['ev-2']);
        const email = await outbox().emailDeliveryOf('m-1');
        expect(email).to.deep.include({ target: { kind: 'email', messageId: 'm-1' }, status: 'pending', attempts: 0 });
        expect(email?.data).to.deep.equal(contact.data);
      });

      it('a delivery made by fan-out comes back exactly as planned', async () => {
        const changed = aContentChangedEvent({ id: 'ev-1', at: iso(1) });
        await outbox().record([changed]);
        await fanOut([hook('w-1')], { now: at(3) });
        const [delivery] = (await outbox().listDeliveries('w-1', { offset: 0, limit: 10 })).items;
        expect(delivery).to.deep.equal({
          id: 'd-1',
          target: { kind: 'webhook', webhookId: 'w-1' },
          event: { id: 'ev-1', type: 'content.changed' },
          timestamp: iso(1),
          data: changed.data,
          status: 'pending',
          attempts: 0,
          createdAt: iso(3),
          nextAttemptAt: iso(1),
          deliveredAt: null,
          lastAttempt: null,
          failures: 0,
        });
      });

      it('when more events wait than the limit, then the oldest go first', async () => {
        await outbox().record([
          aContentChangedEvent({ id: 'ev-1', at: iso(1) }),
          aContentChangedEvent({ id: 'ev-2', at: iso(2) }),
        ]);
        await outbox().record([aContentChangedEvent({ id: 'ev-3', at: iso(3) })]);
        expect(await fanOut([hook('w-1')], { limit: 2 })).to.equal(2);
        const listed = await outbox().listDeliveries('w-1', { offset: 0, limit: 10 });
        expect(listed.items.map((d) => d.event.id).sort()).to.deep.equal(['ev-1', 'ev-2']);
        expect(await fanOut([hook('w-1')], { limit: 2 })).to.equal(1);
      });

      it('when nothing is recorded, or no one subscribes, then fan-out makes no delivery', async () => {
        expect(await fanOut([hook('w-1')])).to.equal(0);
        await outbox().record([aContentChangedEvent()]);
        expect(await fanOut([])).to.equal(1);
        expect((await outbox().listDeliveries('w-1', { offset: 0, limit: 10 })).total).to.equal(0);
      });

      it('a contact message awaits fan-out from its recording until it is fanned out', async () => {
        expect(await outbox().awaitsFanOut('m-1')).to.equal(false);
        await outbox().record([aContactReceivedEvent({ messageId: 'm-1' })]);
        expect(await outbox().awaitsFanOut('m-1')).to.equal(true);
        expect(await outbox().awaitsFanOut('m-2')).to.equal(false);
        await fanOut([], { email: true });
        expect(await outbox().awaitsFanOut('m-1')).to.equal(false);
      });

      it('when a debounced webhook gets changes over several fan-outs within its window, then they join one delivery in order', async () => {
        const debounced = hook('w-1', { debounceSeconds: 10 });
        await outbox().record([aContentChangedEvent({ id: 'ev-1', at: iso(1), slug: 'a' })]);
        await fanOut([debounced], { now: at(1) });
        await outbox().record([aContentChangedEvent({ id: 'ev-3', at: iso(4), slug: 'c' })]);
        await outbox().record([aContentChangedEvent({ id: 'ev-2', at: iso(3), slug: 'b' })]);
        await fanOut([debounced], { now: at(5) });
        const { items } = await outbox().listDeliveries('w-1', { offset: 0, limit: 10 });
        expect(items).to.have.length(1);
        expect(items[0]).to.deep.include({ id: 'd-1', nextAttemptAt: iso(11), timestamp: iso(4) });
        expect((items[0]!.data as ContentChangedData).changes.map((c) => c.slug)).to.deep.equal(['a', 'b', 'c']);
      });

      it('when the open delivery is claimed, then a later change in its window gets a new delivery', async () => {
        const debounced = hook('w-1', { debounceSeconds: 10 });
        await outbox().record([aContentChangedEvent({ id: 'ev-1', at: iso(1) })]);
        await fanOut([debounced], { now: at(1) });
        expect(idsOf(await claim(at(11)))).to.deep.equal(['d-1']);
        await outbox().record([aContentChangedEvent({ id: 'ev-2', at: iso(11) })]);
        await fanOut([debounced], { now: at(11) });
        expect((await outbox().listDeliveries('w-1', { offset: 0, limit: 10 })).total).to.equal(2);
      });
    });

    describe('claimDue', () => {
      beforeEach(async () => {
        await outbox().enqueue(aDelivery({ id: 'd-late', createdAt: iso(0), dueAt: iso(20) }));
        await outbox().enqueue(aDelivery({ id: 'd-early', createdAt: iso(0), dueAt: iso(5) }));
        await outbox().enqueue(
          aDelivery({ id: 'd-other', createdAt: iso(0), dueAt: iso(5), target: { kind: 'webhook', webhookId: 'w-2' } }),
        );
        await outbox().enqueue(
          aDelivery({ id: 'd-mail', createdAt: iso(0), dueAt: iso(1), target: { kind: 'email', messageId: 'm-1' } }),
        );
      });

      it('only pending deliveries due by now, earliest first, ties by id, up to the limit', async () => {
        expect(idsOf(await claim(at(10), { limit: 2 }))).to.deep.equal(['d-mail', 'd-early']);
        expect(idsOf(await claim(at(10)))).to.deep.equal(['d-other']);
        expect(idsOf(await claim(at(30)))).to.deep.equal(['d-late']);
      });

      it('only deliveries to the receivers given: listed webhooks, and email when it is on', async () => {
        expect(idsOf(await claim(at(30), { webhookIds: ['w-2'], email: false }))).to.deep.equal(['d-other']);
        expect(idsOf(await claim(at(30), { webhookIds: [], email: true }))).to.deep.equal(['d-mail']);
      });

      it('a claimed delivery is not claimed again until its lease runs out, then it is, and the old claim is void', async () => {
        const [first] = await claim(at(10), { webhookIds: ['w-1'], email: false, limit: 1, leaseMs: 5000 });
        expect(first?.delivery.id).to.equal('d-early');
        expect(idsOf(await claim(at(14), { webhookIds: ['w-1'], email: false, limit: 1 }))).to.deep.equal([]);
        const [second] = await claim(at(15), { webhookIds: ['w-1'], email: false, limit: 1 });
        expect(second?.delivery.id).to.equal('d-early');
        expect(second?.lease).not.to.equal(first?.lease);
        expect(
          await outbox().complete(
            first!,
            afterAttempt(first!.delivery, at(16), { statusCode: 200, error: null, durationMs: 1 }, []),
          ),
        ).to.equal(false);
        expect((await outbox().findDelivery('d-early'))?.status).to.equal('pending');
        expect(
          await outbox().complete(
            second!,
            afterAttempt(second!.delivery, at(16), { statusCode: 200, error: null, durationMs: 1 }, []),
          ),
        ).to.equal(true);
      });

      it('claims that run at the same time never share a delivery', async () => {
        const claims = await Promise.all(Array.from({ length: 4 }, () => claim(at(30), { limit: 2 })));
        const all = claims.flatMap(idsOf);
        expect(all.sort()).to.deep.equal(['d-early', 'd-late', 'd-mail', 'd-other']);
      });

      it('release gives a delivery back at once, as it was', async () => {
        const [taken] = await claim(at(10), { webhookIds: ['w-1'], email: false, limit: 1 });
        await outbox().release(taken!);
        expect(idsOf(await claim(at(10), { webhookIds: ['w-1'], email: false, limit: 1 }))).to.deep.equal(['d-early']);
        expect(await outbox().findDelivery('d-early')).to.deep.equal(taken!.delivery);
      });

      it('nextDueAt: the earliest pending delivery to the receivers, claimed or not; null when none', async () => {
        expect(await outbox().nextDueAt(ALL)).to.equal(iso(1));
        expect(await outbox().nextDueAt({ webhookIds: ['w-1'], email: false })).to.equal(iso(5));
        expect(await outbox().nextDueAt({ webhookIds: ['w-9'], email: false })).to.equal(null);
      });
    });

    describe('complete', () => {
      it('stores the state after the attempt under the claim, and a delivered one is never claimed again', async () => {
        await outbox().enqueue(aDelivery({ id: 'd-1', createdAt: iso(0) }));
        const [taken] = await claim(at(1));
        const delivered = afterAttempt(taken!.delivery, at(1), { statusCode: 204, error: null, durationMs: 12 }, []);
        expect(await outbox().complete(taken!, delivered)).to.equal(true);
        expect(await outbox().findDelivery('d-1')).to.deep.equal(delivered);
        expect(await claim(at(99))).to.deep.equal([]);
        expect(await outbox().nextDueAt(ALL)).to.equal(null);
      });

      it('a failed attempt with a retry left is due again at its next attempt, and not before', async () => {
        await outbox().enqueue(aDelivery({ id: 'd-1', createdAt: iso(0) }));
        const [taken] = await claim(at(1));
        const retry = afterAttempt(taken!.delivery, at(1), { statusCode: 500, error: null, durationMs: 5 }, [10_000]);
        await outbox().complete(taken!, retry);
        expect(await claim(at(10))).to.deep.equal([]);
        const [again] = await claim(at(11));
        expect(again?.delivery).to.deep.equal(retry);
      });
    });

    describe('reads and redelivery', () => {
      it('enqueue and findDelivery: a ping delivery comes back exactly; an unknown id is null', async () => {
        const ping = aDelivery({
          id: 'd-ping',
          event: { id: 'ev-p', type: 'webhook.ping' },
          data: { webhookId: 'w-1' },
        });
        await outbox().enqueue(ping);
        expect(await outbox().findDelivery('d-ping')).to.deep.equal(ping);
        expect(await outbox().findDelivery('d-none')).to.equal(null);
      });

      it('listDeliveries: one webhook’s, newest first (ties by id descending), filtered by status, paged, with the total', async () => {
        const failed: Delivery = {
          ...aDelivery({ id: 'd-b', createdAt: iso(2) }),
          status: 'failed',
          attempts: 3,
          nextAttemptAt: null,
          lastAttempt: { at: iso(9), statusCode: null, error: 'No answer within 10 s', durationMs: 10_000 },
          failures: 3,
        };
        for (const delivery of [
          aDelivery({ id: 'd-a', createdAt: iso(1) }),
          failed,
          aDelivery({ id: 'd-c', createdAt: iso(2) }),
          aDelivery({ id: 'd-x', createdAt: iso(3), target: { kind: 'webhook', webhookId: 'w-2' } }),
        ]) {
          await outbox().enqueue(delivery);
        }
        const all = await outbox().listDeliveries('w-1', { offset: 0, limit: 10 });
        expect(all.items.map((d) => d.id)).to.deep.equal(['d-c', 'd-b', 'd-a']);
        expect(all.items[1]).to.deep.equal(failed);
        expect(await outbox().listDeliveries('w-1', { offset: 1, limit: 1 })).to.deep.equal({
          items: [failed],
          total: 3,
        });
        const pending = await outbox().listDeliveries('w-1', { status: 'pending', offset: 0, limit: 10 });
        expect([pending.items.map((d) => d.id), pending.total]).to.deep.equal([['d-c', 'd-a'], 2]);
        expect(await outbox().listDeliveries('w-1', { status: 'delivered', offset: 0, limit: 10 })).to.deep.equal({
          items: [],
          total: 0,
        });
        expect(await outbox().listDeliveries('w-1', { offset: 5, limit: 10 })).to.deep.equal({ items: [], total: 3 });
      });

      it('redeliver: a failed delivery is pending again, due now, with the same id; an unknown one is null', async () => {
        const failed: Delivery = {
          ...aDelivery({ id: 'd-1' }),
          status: 'failed',
          attempts: 8,
          nextAttemptAt: null,
          failures: 8,
        };
        await outbox().enqueue(failed);
        const again = await outbox().redeliver('d-1', at(100));
        expect(again).to.deep.include({
          id: 'd-1',
          status: 'pending',
          nextAttemptAt: iso(100),
          attempts: 8,
          failures: 0,
        });
        expect(await outbox().findDelivery('d-1')).to.deep.equal(again);
        expect(idsOf(await claim(at(100)))).to.deep.equal(['d-1']);
        expect(await outbox().redeliver('d-none', at(100))).to.equal(null);
      });

      it('emailDeliveryOf: the email delivery of that message only', async () => {
        const mail = aDelivery({ id: 'd-m', target: { kind: 'email', messageId: 'm-1' } });
        await outbox().enqueue(mail);
        expect(await outbox().emailDeliveryOf('m-1')).to.deep.equal(mail);
        expect(await outbox().emailDeliveryOf('m-2')).to.equal(null);
      });

      it('discardDeliveriesOf: a deleted webhook’s deliveries are gone, the others stay', async () => {
        await outbox().enqueue(aDelivery({ id: 'd-1' }));
        await outbox().enqueue(aDelivery({ id: 'd-2', target: { kind: 'webhook', webhookId: 'w-2' } }));
        await outbox().discardDeliveriesOf('w-1');
        expect(await outbox().findDelivery('d-1')).to.equal(null);
        expect(await outbox().findDelivery('d-2')).not.to.equal(null);
        expect(idsOf(await claim(at(99)))).to.deep.equal(['d-2']);
      });
    });
  });
}
