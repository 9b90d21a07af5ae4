import { expect } from 'chai';
import sinon from 'sinon';
import { DeliveryDispatcher, type DispatcherOptions } from '../../src/application/delivery-dispatcher.js';
import type { AttemptOutcome } from '../../src/domain/events/delivery.js';
import type { Claim } from '../../src/domain/events/outbox.js';
import { StaleWriteError } from '../../src/domain/shared/errors.js';
import { aContactReceivedEvent, aDelivery, aWebhook, A_SECRET } from '../support/builders.js';
import {
  FixedClock,
  NOW,
  SequentialIds,
  stubEmailSender,
  stubOutbox,
  stubWebhookRepository,
  stubWebhookSender,
} from '../support/fakes.js';

const SCHEDULE = [10_000, 60_000];

function setUp(options: Partial<DispatcherOptions> & { email?: boolean } = {}) {
  const outbox = stubOutbox();
  const webhooks = stubWebhookRepository();
  const webhookSender = stubWebhookSender();
  const emailSender = stubEmailSender();
  const log = { info: sinon.stub(), warn: sinon.stub(), error: sinon.stub() };
  const { email = true, ...rest } = options;
  const dispatcher = new DeliveryDispatcher(
    {
      outbox,
      webhooks,
      webhookSender,
      ...(email && { emailSender }),
      clock: new FixedClock(),
      ids: new SequentialIds('new-'),
      log,
    },
    { schedule: SCHEDULE, batchSize: 5, leaseMs: 60_000, pollMs: 1000, ...rest },
  );
  return { dispatcher, outbox, webhooks, webhookSender, emailSender, log };
}

const claimOf = (overrides: Parameters<typeof aDelivery>[0] = {}): Claim => ({
  delivery: aDelivery(overrides),
  lease: 'lease-1',
});
const outcome = (statusCode: number | null, error: string | null = null): AttemptOutcome => ({
  statusCode,
  error,
  durationMs: 20,
});

describe('DeliveryDispatcher', () => {
  describe('runOnce', () => {
    it('when webhooks exist, then recorded events are fanned out to the active ones, and due deliveries claimed for them and for email', async () => {
      const { dispatcher, outbox, webhooks } = setUp();
      const active = aWebhook({ id: 'w-on' });
      webhooks.listAll.resolves([active, aWebhook({ id: 'w-off', active: false })]);
      outbox.fanOut.resolves(2);

      expect(await dispatcher.runOnce()).to.deep.equal({ fannedOut: 2, attempted: 0 });

      const fanOut = outbox.fanOut.firstCall.args[0];
      expect(fanOut).to.deep.include({ subscribers: [active], email: true, now: new Date(NOW), limit: 5 });
      expect(fanOut.newId()).to.equal('new-1');
      expect(outbox.claimDue.firstCall.args[0]).to.deep.equal({
        now: new Date(NOW),
        limit: 5,
        leaseMs: 60_000,
        webhookIds: ['w-on'],
        email: true,
      });
      expect(outbox.fanOut.calledBefore(outbox.claimDue)).to.equal(true);
    });

    it('when email is not configured, then contact messages get no email delivery and none is claimed', async () => {
      const { dispatcher, outbox } = setUp({ email: false });
      await dispatcher.runOnce();
      expect(outbox.fanOut.firstCall.args[0].email).to.equal(false);
      expect(outbox.claimDue.firstCall.args[0].email).to.equal(false);
    });

    it('when a webhook delivery is due, then it is sent signed with its secret, its id and the instant of the attempt', async () => {
      const { dispatcher, outbox, webhooks, webhookSender } = setUp();
      webhooks.listAll.resolves([aWebhook({ id: 'w-1', url: 'https://hooks.example.com/x' })]);
      const claim = claimOf({ id: 'd-7' });
      outbox.claimDue.resolves([claim]);

      expect(await dispatcher.runOnce()).to.deep.equal({ fannedOut: 0, attempted: 1 });

      expect(webhookSender.send.firstCall.args[0]).to.deep.equal({
        url: 'https://hooks.example.com/x',
        secret: A_SECRET,
        id: 'd-7',
        type: 'content.changed',
        timestamp: claim.delivery.timestamp,
        data: claim.delivery.data,
        attemptAt: new Date(NOW),
      });
    });

    it('when the receiver answers 2xx, then the delivery is recorded delivered under its claim', async () => {
      const { dispatcher, outbox, webhooks } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      const claim = claimOf();
      outbox.claimDue.resolves([claim]);
      await dispatcher.runOnce();
      const [claimed, next] = outbox.complete.firstCall.args;
      expect(claimed).to.equal(claim);
      expect(next).to.deep.include({
        id: 'd-1',
        status: 'delivered',
        attempts: 1,
        deliveredAt: NOW,
        nextAttemptAt: null,
      });
      expect(next.lastAttempt).to.deep.equal({ at: NOW, statusCode: 200, error: null, durationMs: 5 });
    });

    it('when the receiver fails, then the delivery is due again after the first wait of the schedule', async () => {
      const { dispatcher, outbox, webhooks, webhookSender } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      outbox.claimDue.resolves([claimOf()]);
      webhookSender.send.resolves(outcome(500));
      await dispatcher.runOnce();
      expect(outbox.complete.firstCall.args[1]).to.deep.include({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: new Date(Date.parse(NOW) + 10_000).toISOString(),
      });
    });

    it('when the attempt after the last wait fails, then the delivery is failed', async () => {
      const { dispatcher, outbox, webhooks, webhookSender } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      outbox.claimDue.resolves([claimOf({ attempts: 2, failures: 2 })]);
      webhookSender.send.resolves(outcome(null, 'No answer within 10 s'));
      await dispatcher.runOnce();
      expect(outbox.complete.firstCall.args[1]).to.deep.include({ status: 'failed', attempts: 3, nextAttemptAt: null });
    });

    it('when the receiver answers 410, then the webhook is made inactive, conditionally on the version read', async () => {
      const { dispatcher, outbox, webhooks, webhookSender, log } = setUp();
      const webhook = aWebhook({ version: 4 });
      webhooks.listAll.resolves([webhook]);
      webhooks.findById.resolves(webhook);
      outbox.claimDue.resolves([claimOf()]);
      webhookSender.send.resolves(outcome(410));
      await dispatcher.runOnce();
      expect(webhooks.update.firstCall.args).to.deep.equal([
        { ...webhook, active: false, updatedAt: NOW, version: 5 },
        4,
      ]);
      expect(outbox.complete.firstCall.args[1].status).to.equal('pending');
      expect(log.warn.args).to.deep.equal([[{ webhook: 'w-1' }, 'the webhook answered 410 Gone and was deactivated']]);
    });

    for (const { meanwhile, stored } of [
      { meanwhile: 'deleted', stored: null },
      { meanwhile: 'turned off', stored: aWebhook({ active: false }) },
    ]) {
      it(`when the receiver answers 410 for a webhook ${meanwhile} meanwhile, then nothing more happens`, async () => {
        const { dispatcher, outbox, webhooks, webhookSender, log } = setUp();
        webhooks.listAll.resolves([aWebhook()]);
        webhooks.findById.resolves(stored);
        outbox.claimDue.resolves([claimOf()]);
        webhookSender.send.resolves(outcome(410));
        await dispatcher.runOnce();
        expect(webhooks.update.called).to.equal(false);
        expect(log.warn.called).to.equal(false);
        expect(log.error.called).to.equal(false);
      });
    }

    it('when the storage refuses to deactivate a webhook on the version it still holds, then the failure is logged with the delivery, naming the webhook', async () => {
      const { dispatcher, outbox, webhooks, webhookSender, log } = setUp();
      const webhook = aWebhook({ version: 4 });
      webhooks.listAll.resolves([webhook]);
      webhooks.findById.resolves(webhook);
      webhooks.update.rejects(new StaleWriteError('webhook'));
      outbox.claimDue.resolves([claimOf({ id: 'd-9' })]);
      webhookSender.send.resolves(outcome(410));
      await dispatcher.runOnce();
      expect(log.error.callCount).to.equal(1);
      const [details, message] = log.error.firstCall.args as [{ err: Error; delivery: string }, string];
      expect(details.delivery).to.equal('d-9');
      expect(details.err.message).to.equal(
        'The storage refused a write of the webhook on version 4, which it still holds',
      );
      expect(message).to.equal('recording a delivery attempt failed');
    });

    it('when an email delivery is due, then the message goes to the email sender', async () => {
      const { dispatcher, outbox, emailSender, webhookSender } = setUp();
      const event = aContactReceivedEvent();
      outbox.claimDue.resolves([
        claimOf({
          target: { kind: 'email', messageId: 'm-1' },
          event: { id: event.id, type: event.type },
          data: event.data,
        }),
      ]);
      emailSender.send.resolves(outcome(null, 'connect ECONNREFUSED 127.0.0.1:25'));
      await dispatcher.runOnce();
      expect(emailSender.send.firstCall.args[0]).to.deep.equal(event.data);
      expect(webhookSender.send.called).to.equal(false);
      expect(outbox.complete.firstCall.args[1].lastAttempt?.error).to.equal('connect ECONNREFUSED 127.0.0.1:25');
    });

    it('when a claimed delivery has no receiver now (its webhook is gone), then the claim is given back unrecorded', async () => {
      const { dispatcher, outbox, webhookSender } = setUp();
      const claim = claimOf({ target: { kind: 'webhook', webhookId: 'w-gone' } });
      outbox.claimDue.resolves([claim]);
      await dispatcher.runOnce();
      expect(webhookSender.send.called).to.equal(false);
      expect(outbox.release.firstCall.args).to.deep.equal([claim]);
      expect(outbox.complete.called).to.equal(false);
    });

    it('when the lease ran out before the result was recorded, then a warning says so', async () => {
      const { dispatcher, outbox, webhooks, log } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      outbox.claimDue.resolves([claimOf({ id: 'd-late' })]);
      outbox.complete.resolves(false);
      await dispatcher.runOnce();
      expect(log.warn.args).to.deep.equal([
        [{ delivery: 'd-late' }, 'a delivery outlived its lease; its result was not recorded'],
      ]);
    });

    it('when recording one result fails, then it is logged and the other deliveries are still recorded', async () => {
      const { dispatcher, outbox, webhooks, log } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      outbox.claimDue.resolves([claimOf({ id: 'd-a' }), claimOf({ id: 'd-b' })]);
      const failure = new Error('disk full');
      outbox.complete.onFirstCall().rejects(failure);
      await dispatcher.runOnce();
      expect(outbox.complete.callCount).to.equal(2);
      expect(log.error.args).to.deep.equal([
        [{ err: failure, delivery: 'd-a' }, 'recording a delivery attempt failed'],
      ]);
    });

    it('when the outbox cannot be read, then the round rejects', async () => {
      const { dispatcher, outbox } = setUp();
      outbox.fanOut.rejects(new Error('database down'));
      await dispatcher.runOnce().then(
        () => expect.fail('resolved'),
        (error: Error) => expect(error.message).to.equal('database down'),
      );
    });
  });

  describe('start, wake and stop', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => clock.restore());

    it('when started, then a round runs at once and then every poll interval while nothing is due', async () => {
      const { dispatcher, outbox } = setUp();
      dispatcher.start();
      await clock.tickAsync(0);
      expect(outbox.fanOut.callCount).to.equal(1);
      await clock.tickAsync(999);
      expect(outbox.fanOut.callCount).to.equal(1);
      await clock.tickAsync(1);
      expect(outbox.fanOut.callCount).to.equal(2);
      await dispatcher.stop(1000);
    });

    it('when started again while running, then no extra round runs', async () => {
      const { dispatcher, outbox } = setUp();
      dispatcher.start();
      await clock.tickAsync(0);
      dispatcher.start();
      await clock.tickAsync(999);
      expect(outbox.fanOut.callCount).to.equal(1);
      await dispatcher.stop(1000);
    });

    it('when a delivery is due before the poll interval ends, then the next round runs when it is due', async () => {
      const { dispatcher, outbox } = setUp();
      outbox.nextDueAt.resolves(new Date(Date.parse(NOW) + 200).toISOString());
      dispatcher.start();
      await clock.tickAsync(0);
      await clock.tickAsync(200);
      expect(outbox.fanOut.callCount).to.equal(2);
      await dispatcher.stop(1000);
    });

    for (const { fills, fannedOut, claimed } of [
      { fills: 'fans out', fannedOut: 5, claimed: 0 },
      { fills: 'claims', fannedOut: 0, claimed: 5 },
    ]) {
      it(`when a round ${fills} a full batch, then the next one runs straight away`, async () => {
        const { dispatcher, outbox } = setUp();
        outbox.fanOut.onFirstCall().resolves(fannedOut);
        outbox.claimDue.onFirstCall().resolves(Array.from({ length: claimed }, (_, i) => claimOf({ id: `d-${i}` })));
        dispatcher.start();
        await clock.tickAsync(10);
        expect(outbox.fanOut.callCount).to.equal(2);
        await dispatcher.stop(1000);
      });
    }

    it('when woken, then a round runs without waiting for the poll', async () => {
      const { dispatcher, outbox } = setUp();
      dispatcher.start();
      await clock.tickAsync(0);
      dispatcher.wake();
      await clock.tickAsync(10);
      expect(outbox.fanOut.callCount).to.equal(2);
      await dispatcher.stop(1000);
    });

    it('when woken during a round, then another round runs as soon as it ends, not alongside it', async () => {
      const { dispatcher, outbox, webhooks, webhookSender } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      outbox.claimDue.onFirstCall().resolves([claimOf()]);
      webhookSender.send.callsFake(() => new Promise((resolve) => setTimeout(() => resolve(outcome(204)), 500)));
      dispatcher.start();
      await clock.tickAsync(0);
      dispatcher.wake();
      await clock.tickAsync(499);
      expect(outbox.fanOut.callCount).to.equal(1);
      await clock.tickAsync(10);
      expect(outbox.fanOut.callCount).to.equal(2);
      await dispatcher.stop(1000);
    });

    it('when rounds fail, then the first failure is logged, each poll tries again, the recovery is logged once, and a later failure is logged again', async () => {
      const { dispatcher, outbox, log } = setUp();
      const failure = new Error('database down');
      for (const round of [1, 2, 5]) outbox.fanOut.onCall(round).rejects(failure);
      const failed = [{ err: failure }, 'delivery round failed; trying again at each poll'];
      dispatcher.start();
      await clock.tickAsync(0);
      expect(log.info.called).to.equal(false);
      expect(log.error.called).to.equal(false);
      await clock.tickAsync(1000);
      expect(log.error.args).to.deep.equal([failed]);
      await clock.tickAsync(1000);
      expect(outbox.fanOut.callCount).to.equal(3);
      expect(log.error.callCount).to.equal(1);
      await clock.tickAsync(1000);
      await clock.tickAsync(1000);
      expect(outbox.fanOut.callCount).to.equal(5);
      expect(log.info.args).to.deep.equal([[{}, 'delivery rounds work again']]);
      await clock.tickAsync(1000);
      expect(outbox.fanOut.callCount).to.equal(6);
      expect(log.error.args).to.deep.equal([failed, failed]);
      await dispatcher.stop(1000);
    });

    it('when stopped, then no round runs any more, waking does nothing, and no timer is left to hold the process', async () => {
      const { dispatcher, outbox } = setUp();
      dispatcher.start();
      await clock.tickAsync(0);
      await dispatcher.stop(1000);
      expect(clock.countTimers()).to.equal(0);
      dispatcher.wake();
      await clock.tickAsync(5000);
      expect(outbox.fanOut.callCount).to.equal(1);
    });

    it('when stopped during an attempt, then the attempt finishes and is recorded, and no round follows', async () => {
      const { dispatcher, outbox, webhooks, webhookSender } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      outbox.claimDue.onFirstCall().resolves([claimOf()]);
      webhookSender.send.callsFake(() => new Promise((resolve) => setTimeout(() => resolve(outcome(204)), 500)));
      dispatcher.start();
      await clock.tickAsync(0);
      const stopped = dispatcher.stop(1000);
      await clock.tickAsync(500);
      await stopped;
      expect(outbox.complete.firstCall.args[1].status).to.equal('delivered');
      expect(outbox.release.called).to.equal(false);
      expect(clock.countTimers()).to.equal(0);
      await clock.tickAsync(5000);
      expect(outbox.fanOut.callCount).to.equal(1);
    });

    it('when an attempt outlasts the grace period, then it is interrupted and its claim given back, not counted', async () => {
      const { dispatcher, outbox, webhooks, webhookSender } = setUp();
      webhooks.listAll.resolves([aWebhook()]);
      const claim = claimOf();
      outbox.claimDue.onFirstCall().resolves([claim]);
      webhookSender.send.callsFake(
        (_request, signal) =>
          new Promise((resolve) =>
            signal?.addEventListener('abort', () => resolve(outcome(null, 'The attempt was interrupted'))),
          ),
      );
      dispatcher.start();
      await clock.tickAsync(0);
      const stopped = dispatcher.stop(300);
      await clock.tickAsync(300);
      await stopped;
      expect(outbox.release.firstCall.args).to.deep.equal([claim]);
      expect(outbox.complete.called).to.equal(false);
    });

    it('when stopped between fan-out and claim, then nothing is claimed', async () => {
      const { dispatcher, outbox } = setUp();
      let stopped: Promise<void> | undefined;
      outbox.fanOut.callsFake(async () => {
        stopped = dispatcher.stop(1000);
        return 0;
      });
      dispatcher.start();
      await clock.tickAsync(0);
      await stopped;
      expect(outbox.claimDue.called).to.equal(false);
    });
  });
});
