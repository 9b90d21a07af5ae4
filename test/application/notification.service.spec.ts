import { expect } from 'chai';
import sinon from 'sinon';
import { NotificationService } from '../../src/application/notification.service.js';
import { ConflictError, NotFoundError } from '../../src/domain/shared/errors.js';
import { aDelivery, aMessage } from '../support/builders.js';
import { FixedClock, NOW, rejectionOf, SequentialIds, stubMessageRepository, stubOutbox } from '../support/fakes.js';

function setUp(emailEnabled = true) {
  const messages = stubMessageRepository();
  const outbox = stubOutbox();
  const trigger = { wake: sinon.stub() };
  const service = new NotificationService({
    messages,
    outbox,
    clock: new FixedClock(),
    ids: new SequentialIds('id-'),
    trigger,
    emailEnabled,
  });
  return { service, messages, outbox, trigger };
}

const emailDelivery = (overrides: Parameters<typeof aDelivery>[0] = {}) =>
  aDelivery({ target: { kind: 'email', messageId: 'm-1' }, ...overrides });

describe('NotificationService', () => {
  describe('notificationOf', () => {
    it('when email is not configured, then null, without asking the outbox', async () => {
      const { service, outbox } = setUp(false);
      expect(await service.notificationOf('m-1')).to.equal(null);
      expect(outbox.emailDeliveryOf.called).to.equal(false);
    });

    it('when the email delivery exists, then its state', async () => {
      const { service, outbox } = setUp();
      outbox.emailDeliveryOf.withArgs('m-1').resolves(
        emailDelivery({
          status: 'failed',
          attempts: 8,
          lastAttempt: { at: NOW, statusCode: null, error: 'SMTP down', durationMs: 3 },
        }),
      );
      expect(await service.notificationOf('m-1')).to.deep.equal({
        status: 'failed',
        attempts: 8,
        lastError: 'SMTP down',
      });
    });

    it('when the message event still waits to be fanned out, then pending with no attempt', async () => {
      const { service, outbox } = setUp();
      outbox.awaitsFanOut.withArgs('m-1').resolves(true);
      expect(await service.notificationOf('m-1')).to.deep.equal({ status: 'pending', attempts: 0, lastError: null });
    });

    it('when nothing was made for the message (it came before email was configured), then null', async () => {
      const { service } = setUp();
      expect(await service.notificationOf('m-1')).to.equal(null);
    });
  });

  describe('notify', () => {
    it('when the email delivery exists, then it is sent again and the dispatcher woken', async () => {
      const { service, messages, outbox, trigger } = setUp();
      messages.findById.resolves(aMessage());
      outbox.emailDeliveryOf.resolves(emailDelivery({ id: 'd-9', status: 'delivered', attempts: 1 }));
      outbox.redeliver.resolves(emailDelivery({ id: 'd-9', status: 'pending', attempts: 1 }));
      expect(await service.notify('m-1')).to.deep.equal({ status: 'pending', attempts: 1, lastError: null });
      expect(outbox.redeliver.firstCall.args).to.deep.equal(['d-9', new Date(NOW)]);
      expect(trigger.wake.calledOnce).to.equal(true);
    });

    it('when none exists, then an email delivery of the message is queued, due now', async () => {
      const { service, messages, outbox } = setUp();
      const message = aMessage({ subject: 'Hi' });
      messages.findById.resolves(message);
      expect(await service.notify('m-1')).to.deep.equal({ status: 'pending', attempts: 0, lastError: null });
      const [delivery] = outbox.enqueue.firstCall.args;
      expect(delivery).to.deep.include({
        id: 'id-2',
        target: { kind: 'email', messageId: 'm-1' },
        event: { id: 'id-1', type: 'contact.received' },
        timestamp: message.receivedAt,
        nextAttemptAt: NOW,
        status: 'pending',
      });
      expect(delivery.data).to.deep.equal({
        id: 'm-1',
        name: message.name,
        email: message.email,
        subject: 'Hi',
        message: message.message,
        receivedAt: message.receivedAt,
      });
    });

    it('when the event still waits to be fanned out, then nothing more is queued', async () => {
      const { service, messages, outbox } = setUp();
      messages.findById.resolves(aMessage());
      outbox.awaitsFanOut.resolves(true);
      expect(await service.notify('m-1')).to.deep.equal({ status: 'pending', attempts: 0, lastError: null });
      expect(outbox.enqueue.called).to.equal(false);
    });

    it('when the message does not exist, then NotFoundError naming the message', async () => {
      const { service } = setUp();
      expect(await rejectionOf(service.notify('m-1')))
        .to.be.instanceOf(NotFoundError)
        .and.include({ resource: 'Message', key: 'm-1', message: "Message 'm-1' does not exist" });
    });

    it('when email is not configured, then ConflictError naming the settings to set, and nothing is queued', async () => {
      const { service, messages, outbox } = setUp(false);
      messages.findById.resolves(aMessage());
      expect(await rejectionOf(service.notify('m-1')))
        .to.be.instanceOf(ConflictError)
        .with.property(
          'message',
          'Email notifications are not configured (SMTP_URL, NOTIFY_EMAIL_TO, NOTIFY_EMAIL_FROM)',
        );
      expect(outbox.enqueue.called).to.equal(false);
    });
  });
});
