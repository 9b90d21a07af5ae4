import { expect } from 'chai';
import {
  afterAttempt,
  isGone,
  isSuccess,
  newestDeliveryFirst,
  notificationOf,
  redelivered,
  type AttemptOutcome,
} from '../../../src/domain/events/delivery.js';
import { aDelivery } from '../../support/builders.js';
import { expectConsistentComparator } from '../../support/comparators.js';

const SCHEDULE = [10_000, 60_000];
const AT = new Date('2025-02-01T10:00:05.000Z');
const ok: AttemptOutcome = { statusCode: 204, error: null, durationMs: 12.4 };
const serverError: AttemptOutcome = { statusCode: 500, error: null, durationMs: 30 };
const timeout: AttemptOutcome = { statusCode: null, error: 'No answer within 10 s', durationMs: 10_000 };

describe('delivery', () => {
  describe('isSuccess', () => {
    for (const statusCode of [200, 201, 202, 204, 299]) {
      it(`when the receiver answers ${statusCode}, then it succeeded`, () => {
        expect(isSuccess({ statusCode, error: null, durationMs: 1 })).to.equal(true);
      });
    }
    for (const statusCode of [199, 300, 301, 302, 400, 410, 500]) {
      it(`when the receiver answers ${statusCode}, then it failed`, () => {
        expect(isSuccess({ statusCode, error: null, durationMs: 1 })).to.equal(false);
      });
    }
    it('when there is an error, then it failed whatever the status', () => {
      expect(isSuccess({ statusCode: 302, error: 'Redirects are not followed', durationMs: 1 })).to.equal(false);
      expect(isSuccess(timeout)).to.equal(false);
    });
    it('when an email is accepted (no status, no error), then it succeeded', () => {
      expect(isSuccess({ statusCode: null, error: null, durationMs: 1 })).to.equal(true);
    });
    it('only 410 asks to stop', () => {
      expect(isGone({ statusCode: 410, error: null, durationMs: 1 })).to.equal(true);
      expect(isGone(serverError)).to.equal(false);
      expect(isGone(timeout)).to.equal(false);
    });
  });

  describe('afterAttempt', () => {
    it('when the attempt succeeds, then delivered at that instant, nothing more due, the attempt kept', () => {
      const next = afterAttempt(aDelivery(), AT, ok, SCHEDULE);
      expect(next).to.deep.include({
        status: 'delivered',
        attempts: 1,
        nextAttemptAt: null,
        deliveredAt: '2025-02-01T10:00:05.000Z',
        failures: 0,
      });
      expect(next.lastAttempt).to.deep.equal({
        at: '2025-02-01T10:00:05.000Z',
        statusCode: 204,
        error: null,
        durationMs: 12,
      });
    });

    it('when the first attempt fails, then pending again after the first wait of the schedule', () => {
      const next = afterAttempt(aDelivery(), AT, serverError, SCHEDULE);
      expect(next).to.deep.include({
        status: 'pending',
        attempts: 1,
        failures: 1,
        nextAttemptAt: '2025-02-01T10:00:15.000Z',
        deliveredAt: null,
      });
      expect(next.lastAttempt).to.deep.equal({
        at: '2025-02-01T10:00:05.000Z',
        statusCode: 500,
        error: null,
        durationMs: 30,
      });
    });

    it('when the second attempt fails, then the second wait applies', () => {
      const once = afterAttempt(aDelivery(), AT, serverError, SCHEDULE);
      const twice = afterAttempt(once, new Date('2025-02-01T10:00:15.000Z'), timeout, SCHEDULE);
      expect(twice).to.deep.include({
        status: 'pending',
        attempts: 2,
        failures: 2,
        nextAttemptAt: '2025-02-01T10:01:15.000Z',
      });
      expect(twice.lastAttempt?.error).to.equal('No answer within 10 s');
    });

    it('when the attempt after the last wait fails, then failed, nothing more due', () => {
      let delivery = aDelivery();
      for (let i = 0; i < 3; i++) delivery = afterAttempt(delivery, AT, serverError, SCHEDULE);
      expect(delivery).to.deep.include({
        status: 'failed',
        attempts: 3,
        failures: 3,
        nextAttemptAt: null,
        deliveredAt: null,
      });
    });

    it('when the schedule is empty, then the first failure is final', () => {
      expect(afterAttempt(aDelivery(), AT, serverError, []).status).to.equal('failed');
    });

    it('when a retry succeeds, then delivered and the failures are forgotten', () => {
      const failed = afterAttempt(aDelivery(), AT, serverError, SCHEDULE);
      const next = afterAttempt(failed, AT, ok, SCHEDULE);
      expect(next).to.deep.include({ status: 'delivered', attempts: 2, failures: 0 });
    });

    it('keeps the id, target, event and body: a retry is the same delivery', () => {
      const delivery = aDelivery();
      const next = afterAttempt(delivery, AT, serverError, SCHEDULE);
      for (const key of ['id', 'target', 'event', 'timestamp', 'data', 'createdAt'] as const) {
        expect(next[key]).to.deep.equal(delivery[key]);
      }
    });
  });

  describe('redelivered', () => {
    const now = new Date('2025-03-01T00:00:00.000Z');

    it('when it failed, then pending, due now, the schedule started afresh, the attempts kept', () => {
      let delivery = aDelivery();
      for (let i = 0; i < 3; i++) delivery = afterAttempt(delivery, AT, serverError, SCHEDULE);
      const again = redelivered(delivery, now);
      expect(again).to.deep.include({
        id: 'd-1',
        status: 'pending',
        nextAttemptAt: '2025-03-01T00:00:00.000Z',
        failures: 0,
        attempts: 3,
      });
      expect(again.lastAttempt).to.deep.equal(delivery.lastAttempt);
    });

    it('when it was delivered, then pending and due now, keeping when it was delivered before', () => {
      const delivered = afterAttempt(aDelivery(), AT, ok, SCHEDULE);
      const again = redelivered(delivered, now);
      expect(again).to.deep.include({ status: 'pending', nextAttemptAt: '2025-03-01T00:00:00.000Z', attempts: 1 });
      expect(again.deliveredAt).to.equal(delivered.deliveredAt);
    });

    it('when it is pending and waiting, then it is due now, its failures kept', () => {
      const waiting = afterAttempt(aDelivery(), AT, serverError, [60 * 86_400_000]);
      const again = redelivered(waiting, now);
      expect(again).to.deep.include({ status: 'pending', nextAttemptAt: '2025-03-01T00:00:00.000Z', failures: 1 });
    });

    for (const [when, dueAt] of [
      ['already due', '2025-01-01T00:00:00.000Z'],
      ['due at this very instant', '2025-03-01T00:00:00.000Z'],
    ]) {
      it(`when it is pending and ${when}, then it is returned unchanged`, () => {
        const due = aDelivery({ dueAt });
        expect(redelivered(due, now)).to.equal(due);
      });
    }
  });

  describe('newestDeliveryFirst', () => {
    const deliveries = [
      aDelivery({ id: 'd-3', createdAt: '2025-02-01T10:00:00.000Z' }),
      aDelivery({ id: 'd-1', createdAt: '2025-02-01T10:00:01.000Z' }),
      aDelivery({ id: 'd-4', createdAt: '2025-02-01T10:00:01.000Z' }),
      aDelivery({ id: 'd-2', createdAt: '2025-02-01T10:00:02.000Z' }),
    ];

    it('when sorted by it, then the newest come first, deliveries made at the same instant by id descending', () => {
      expect([...deliveries].sort(newestDeliveryFirst).map((d) => d.id)).to.deep.equal(['d-2', 'd-4', 'd-1', 'd-3']);
    });

    it('is a consistent comparator: either way round, opposite signs', () => {
      expectConsistentComparator(newestDeliveryFirst, deliveries, (d) => d.id);
    });
  });

  describe('notificationOf', () => {
    it('pending, sent (delivered) and failed, with the attempts and the last error', () => {
      const email = aDelivery({ target: { kind: 'email', messageId: 'm-1' } });
      expect(notificationOf(email)).to.deep.equal({ status: 'pending', attempts: 0, lastError: null });
      const refused: AttemptOutcome = { statusCode: null, error: 'connect ECONNREFUSED', durationMs: 3 };
      const retrying = afterAttempt(email, AT, refused, SCHEDULE);
      expect(notificationOf(retrying)).to.deep.equal({
        status: 'pending',
        attempts: 1,
        lastError: 'connect ECONNREFUSED',
      });
      expect(
        notificationOf(afterAttempt(retrying, AT, { statusCode: null, error: null, durationMs: 1 }, SCHEDULE)),
      ).to.deep.equal({
        status: 'sent',
        attempts: 2,
        lastError: null,
      });
      expect(notificationOf(afterAttempt(retrying, AT, refused, []))).to.deep.equal({
        status: 'failed',
        attempts: 2,
        lastError: 'connect ECONNREFUSED',
      });
    });
  });
});
