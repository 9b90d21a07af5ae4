import { expect } from 'chai';
import sinon from 'sinon';
import { MessageService } from '../../src/application/message.service.js';
import { StatusTransitionError, type Message } from '../../src/domain/messages/message.js';
import type { MessageRepository } from '../../src/domain/messages/message.repository.js';
import { NotFoundError, StaleWriteError } from '../../src/domain/shared/errors.js';
import type { Notification } from '../../src/domain/events/delivery.js';
import { aMessage } from '../support/builders.js';
import { rejectionOf, stubMessageRepository, type Stubbed } from '../support/fakes.js';

describe('MessageService', () => {
  let repo: Stubbed<MessageRepository>;
  let service: MessageService;
  let notificationOf: sinon.SinonStub<[string], Promise<Notification | null>>;
  const SENT: Notification = { status: 'sent', attempts: 1, lastError: null };

  beforeEach(() => {
    repo = stubMessageRepository();
    notificationOf = sinon.stub<[string], Promise<Notification | null>>().resolves(null);
    service = new MessageService(repo, { notificationOf });
  });

  afterEach(() => sinon.restore());

  describe('list', () => {
    it('asks for the requested page with the status filter and returns it with its totals', async () => {
      const items = [aMessage({ id: 'm-3' })];
      repo.list.resolves({ items, total: 21 });

      const page = await service.list({ status: 'read', page: 3, limit: 10 });

      expect(repo.list.firstCall.args).to.deep.equal([{ status: 'read', offset: 20, limit: 10 }]);
      expect(page).to.include({ items, total: 21, page: 3, limit: 10, totalPages: 3 });
    });

    it('when no status is asked for, then the repository gets no status filter', async () => {
      repo.list.resolves({ items: [], total: 0 });

      await service.list({ page: 1, limit: 20 });

      const query = repo.list.firstCall.args[0];
      expect(query.status).to.equal(undefined);
      expect(query).to.include({ offset: 0, limit: 20 });
    });
  });

  describe('get', () => {
    it('returns the message with that id, with the state of its email to the owner', async () => {
      const message = aMessage({ id: 'm-9' });
      repo.findById.withArgs('m-9').resolves(message);
      notificationOf.withArgs('m-9').resolves(SENT);

      expect(await service.get('m-9')).to.deep.equal({ ...message, notification: SENT });
    });

    it('when there is none, then NotFoundError names the id', async () => {
      const error = await rejectionOf(service.get('m-404'));

      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ resource: 'Message', key: 'm-404' });
    });
  });

  describe('setStatus', () => {
    it('stores the new status as the next version, on condition of the version read', async () => {
      const current = aMessage({ id: 'm-1', status: 'new', version: 2 });
      repo.findById.withArgs('m-1').resolves(current);

      const result = await service.setStatus('m-1', 'read');

      const expected: Message = { ...current, status: 'read', version: 3 };
      expect(result).to.deep.equal({ ...expected, notification: null });
      expect(repo.update.firstCall.args).to.deep.equal([expected, 2]);
    });

    it('checks the precondition against the message as a read shows it, notification included, and never stores that', async () => {
      const current = aMessage({ id: 'm-1', status: 'new', version: 2 });
      repo.findById.withArgs('m-1').resolves(current);
      notificationOf.withArgs('m-1').resolves(SENT);
      const precondition = sinon.stub().returns(true);

      const result = await service.setStatus('m-1', 'read', precondition);

      expect(precondition.firstCall.args[0]).to.deep.equal({ ...current, notification: SENT });
      expect(repo.update.firstCall.args[0]).not.to.have.property('notification');
      expect(result.notification).to.deep.equal(SENT);
    });

    it('allows an archived message to come back as read', async () => {
      repo.findById.withArgs('m-1').resolves(aMessage({ id: 'm-1', status: 'archived' }));

      expect((await service.setStatus('m-1', 'read')).status).to.equal('read');
      expect(repo.update.callCount).to.equal(1);
    });

    it('when the transition is refused, then StatusTransitionError and no write', async () => {
      repo.findById.withArgs('m-1').resolves(aMessage({ id: 'm-1', status: 'archived' }));

      const error = await rejectionOf(service.setStatus('m-1', 'new'));

      expect(error).to.be.instanceOf(StatusTransitionError);
      expect(error).to.include({ from: 'archived', to: 'new' });
      expect(repo.update.called).to.equal(false);
    });

    it('when the message does not exist, then NotFoundError and no write', async () => {
      expect(await rejectionOf(service.setStatus('m-404', 'read'))).to.be.instanceOf(NotFoundError);
      expect(repo.update.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and no write', async () => {
      repo.findById.withArgs('m-1').resolves(aMessage({ id: 'm-1' }));

      expect(await rejectionOf(service.setStatus('m-1', 'read', () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The message has changed since it was read');
      expect(repo.update.called).to.equal(false);
    });

    it('when a lost race is retried, then the transition is checked against the reloaded status', async () => {
      const finder = repo.findById.withArgs('m-1');
      finder.onFirstCall().resolves(aMessage({ id: 'm-1', status: 'read', version: 1 }));
      finder.onSecondCall().resolves(aMessage({ id: 'm-1', status: 'archived', version: 2 }));
      repo.update.onFirstCall().rejects(new StaleWriteError('message'));

      const error = await rejectionOf(service.setStatus('m-1', 'new'));

      expect(error).to.be.instanceOf(StatusTransitionError);
      expect(repo.update.callCount).to.equal(1);
    });
  });

  describe('delete', () => {
    beforeEach(() => {
      repo.findById.withArgs('m-1').resolves(aMessage({ id: 'm-1', version: 4 }));
    });

    it('deletes on condition of the version read', async () => {
      await service.delete('m-1');

      expect(repo.delete.calledOnceWithExactly('m-1', 4)).to.equal(true);
    });

    it('when the message does not exist, then NotFoundError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('m-404'))).to.be.instanceOf(NotFoundError);
      expect(repo.delete.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('m-1', () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The message has changed since it was read');
      expect(repo.delete.called).to.equal(false);
    });
  });
});
