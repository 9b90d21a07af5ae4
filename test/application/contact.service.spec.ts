import { expect } from 'chai';
import sinon from 'sinon';
import { ContactService } from '../../src/application/contact.service.js';
import type { ContactRateLimiter } from '../../src/domain/messages/contact-rate-limiter.js';
import type { ContactInput, Message } from '../../src/domain/messages/message.js';
import type { MessageRepository } from '../../src/domain/messages/message.repository.js';
import { RateLimitedError } from '../../src/domain/shared/errors.js';
import {
  FixedClock,
  NOW,
  SequentialIds,
  rejectionOf,
  stubMessageRepository,
  stubRateLimiter,
  type Stubbed,
} from '../support/fakes.js';

describe('ContactService', () => {
  let messages: Stubbed<MessageRepository>;
  let limiter: Stubbed<ContactRateLimiter>;
  let service: ContactService;

  beforeEach(() => {
    messages = stubMessageRepository();
    limiter = stubRateLimiter();
    service = new ContactService(messages, limiter, new FixedClock(), new SequentialIds('msg-'));
  });

  afterEach(() => sinon.restore());

  const input: ContactInput = {
    name: 'Grace Sender',
    email: 'grace@example.com',
    subject: 'A project',
    message: 'Hello, I would like to talk about a project.',
  };

  it('stores a new message with a fresh id and the current time and returns its receipt', async () => {
    const receipt = await service.submit(input, '203.0.113.7');

    expect(receipt).to.deep.equal({ id: 'msg-1', receivedAt: NOW });
    const expected: Message = {
      id: 'msg-1',
      receivedAt: NOW,
      name: 'Grace Sender',
      email: 'grace@example.com',
      subject: 'A project',
      message: 'Hello, I would like to talk about a project.',
      status: 'new',
      version: 1,
    };
    expect(messages.create.callCount).to.equal(1);
    expect(messages.create.firstCall.args).to.deep.equal([expected]);
  });

  it('counts the submission against the client before storing it', async () => {
    await service.submit(input, '203.0.113.7');

    expect(limiter.consume.calledOnceWithExactly('203.0.113.7')).to.equal(true);
    expect(limiter.consume.calledBefore(messages.create)).to.equal(true);
  });

  it('when the subject is absent, then it is absent from what is stored, not undefined', async () => {
    await service.submit({ ...input, subject: undefined }, 'client');

    expect(messages.create.firstCall.args[0]).not.to.have.property('subject');
  });

  it('never stores the honeypot field', async () => {
    await service.submit({ ...input, website: '' }, 'client');

    expect(messages.create.callCount).to.equal(1);
    expect(messages.create.firstCall.args[0]).not.to.have.property('website');
  });

  it('when the client is rate limited, then RateLimitedError with retryAfterSeconds and nothing is stored', async () => {
    limiter.consume.resolves({ allowed: false, retryAfterSeconds: 120 });

    const error = await rejectionOf(service.submit(input, 'client'));

    expect(error).to.be.instanceOf(RateLimitedError);
    expect(error).to.include({ retryAfterSeconds: 120 });
    expect(messages.create.called).to.equal(false);
  });

  it('when the honeypot is filled in, then a receipt is returned, nothing is stored and the limit is still consumed', async () => {
    const receipt = await service.submit({ ...input, website: 'https://spam.example' }, 'bot');

    expect(receipt).to.deep.equal({ id: 'msg-1', receivedAt: NOW });
    expect(messages.create.called).to.equal(false);
    expect(limiter.consume.calledOnceWithExactly('bot')).to.equal(true);
  });

  it('when storing fails, then the error propagates and no receipt is given', async () => {
    const boom = new Error('disk full');
    messages.create.rejects(boom);

    expect(await rejectionOf(service.submit(input, 'client'))).to.equal(boom);
  });
});
