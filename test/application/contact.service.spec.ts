import { expect } from 'chai';
import sinon from 'sinon';
import { ContactService, type Sender } from '../../src/application/contact.service.js';
import type { ContactOutcomes } from '../../src/domain/messages/contact-outcomes.js';
import type { ContactRateLimiter } from '../../src/domain/messages/contact-rate-limiter.js';
import {
  HumanCheckFailedError,
  HumanCheckUnavailableError,
  type HumanCheck,
} from '../../src/domain/messages/human-check.js';
import type { ContactInput, Message } from '../../src/domain/messages/message.js';
import type { MessageRepository } from '../../src/domain/messages/message.repository.js';
import { RateLimitedError } from '../../src/domain/shared/errors.js';
import {
  FixedClock,
  NOW,
  SequentialIds,
  rejectionOf,
  stubHumanCheck,
  stubMessageRepository,
  stubRateLimiter,
  type Stubbed,
} from '../support/fakes.js';

describe('ContactService', () => {
  let messages: Stubbed<MessageRepository>;
  let limiter: Stubbed<ContactRateLimiter>;
  let humanCheck: Stubbed<HumanCheck>;
  let outcomes: Stubbed<ContactOutcomes>;
  let service: ContactService;
  let wake: sinon.SinonStub<[], void>;

  beforeEach(() => {
    messages = stubMessageRepository();
    limiter = stubRateLimiter();
    humanCheck = stubHumanCheck();
    outcomes = { record: sinon.stub() };
    wake = sinon.stub<[], void>();
    service = new ContactService(messages, limiter, humanCheck, new FixedClock(), new SequentialIds('msg-'), outcomes, {
      wake,
    });
  });

  /** The client as the HTTP layer describes it: its rate-limit key and its address. */
  const from = (address: string, rateLimitKey = address): Sender => ({ rateLimitKey, address });

  afterEach(() => sinon.restore());

  const input: ContactInput = {
    name: 'Grace Sender',
    email: 'grace@example.com',
    subject: 'A project',
    message: 'Hello, I would like to talk about a project.',
  };

  it('stores a new message with a fresh id and the current time and returns its receipt', async () => {
    const receipt = await service.submit(input, from('203.0.113.7'));

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
    expect(messages.create.firstCall.args[0]).to.deep.equal(expected);
  });

  it('records contact.received with the stored message in the same write, then wakes the dispatcher', async () => {
    await service.submit(input, from('203.0.113.7'));

    const { status: _status, version: _version, ...data } = messages.create.firstCall.args[0];
    expect(messages.create.firstCall.args[1]).to.deep.equal([
      { id: 'msg-2', type: 'contact.received', occurredAt: NOW, data },
    ]);
    expect(wake.calledAfter(messages.create)).to.equal(true);
  });

  it('counts the submission against the client before storing it', async () => {
    await service.submit(input, from('203.0.113.7'));

    expect(limiter.consume.calledOnceWithExactly('203.0.113.7')).to.equal(true);
    expect(limiter.consume.calledBefore(messages.create)).to.equal(true);
  });

  it('when the subject is absent, then it is absent from what is stored, not undefined', async () => {
    await service.submit({ ...input, subject: undefined }, from('client'));

    expect(messages.create.firstCall.args[0]).not.to.have.property('subject');
  });

  it('never stores the honeypot field', async () => {
    await service.submit({ ...input, website: '' }, from('client'));

    expect(messages.create.callCount).to.equal(1);
    expect(messages.create.firstCall.args[0]).not.to.have.property('website');
  });

  it('when the client is rate limited, then RateLimitedError with retryAfterSeconds and nothing is stored', async () => {
    limiter.consume.resolves({ allowed: false, retryAfterSeconds: 120 });

    const error = await rejectionOf(service.submit(input, from('client')));

    expect(error).to.be.instanceOf(RateLimitedError);
    expect(error).to.include({ retryAfterSeconds: 120 });
    expect(messages.create.called).to.equal(false);
  });

  it('when the honeypot is filled in, then a receipt is returned, nothing is stored and the limit is still consumed', async () => {
    const receipt = await service.submit({ ...input, website: 'https://spam.example' }, from('bot'));

    expect(receipt).to.deep.equal({ id: 'msg-1', receivedAt: NOW });
    expect(messages.create.called).to.equal(false);
    expect(limiter.consume.calledOnceWithExactly('bot')).to.equal(true);
    expect(wake.called).to.equal(false);
  });

  it('when storing fails, then the error propagates and no receipt is given', async () => {
    const boom = new Error('disk full');
    messages.create.rejects(boom);

    expect(await rejectionOf(service.submit(input, from('client')))).to.equal(boom);
    expect(wake.called).to.equal(false);
  });

  describe('human check', () => {
    const withToken: ContactInput = { ...input, captchaToken: 'widget-answer' };

    it("asks the check with the client's token and address, after the limit and before storing", async () => {
      await service.submit(withToken, from('2001:db8:0:7::42', '2001:db8:0:7::/64'));

      expect(humanCheck.verify.calledOnceWithExactly('widget-answer', '2001:db8:0:7::42')).to.equal(true);
      expect(limiter.consume.calledOnceWithExactly('2001:db8:0:7::/64')).to.equal(true);
      expect(limiter.consume.calledBefore(humanCheck.verify)).to.equal(true);
      expect(humanCheck.verify.calledBefore(messages.create)).to.equal(true);
    });

    it('never stores the token', async () => {
      await service.submit(withToken, from('client'));

      expect(messages.create.firstCall.args[0]).not.to.have.property('captchaToken');
    });

    it('when no token was sent, then the check is asked without one: the check decides', async () => {
      await service.submit(input, from('client'));

      expect(humanCheck.verify.calledOnceWithExactly(undefined, 'client')).to.equal(true);
    });

    it("when the check finds no person, then HumanCheckFailedError with the provider's codes, nothing stored, the limit consumed", async () => {
      humanCheck.verify.resolves({ outcome: 'not-a-person', errorCodes: ['timeout-or-duplicate'] });

      const error = await rejectionOf(service.submit(withToken, from('client')));

      expect(error).to.be.instanceOf(HumanCheckFailedError);
      expect(error).to.deep.include({ errorCodes: ['timeout-or-duplicate'] });
      expect(messages.create.called).to.equal(false);
      expect(limiter.consume.calledOnce).to.equal(true);
      expect(wake.called).to.equal(false);
    });

    it('when the check cannot be made, then HumanCheckUnavailableError with its reason and a Retry-After, nothing stored', async () => {
      humanCheck.verify.resolves({ outcome: 'unavailable', reason: 'turnstile siteverify answered HTTP 500' });

      const error = await rejectionOf(service.submit(withToken, from('client')));

      expect(error).to.be.instanceOf(HumanCheckUnavailableError);
      expect(error).to.include({ message: 'turnstile siteverify answered HTTP 500', retryAfterSeconds: 30 });
      expect(messages.create.called).to.equal(false);
    });

    it('when the honeypot is filled in, then the check is not asked and the receipt looks the same', async () => {
      humanCheck.verify.resolves({ outcome: 'not-a-person', errorCodes: ['missing-input-response'] });

      const receipt = await service.submit({ ...input, website: 'https://spam.example' }, from('bot'));

      expect(receipt).to.deep.equal({ id: 'msg-1', receivedAt: NOW });
      expect(humanCheck.verify.called).to.equal(false);
    });

    it('when the client is rate limited, then the check is not asked', async () => {
      limiter.consume.resolves({ allowed: false, retryAfterSeconds: 60 });

      expect(await rejectionOf(service.submit(withToken, from('client')))).to.be.instanceOf(RateLimitedError);
      expect(humanCheck.verify.called).to.equal(false);
    });
  });
  describe('outcomes', () => {
    const told = () => outcomes.record.getCalls().map((call) => call.args[0]);

    it('when a message is stored, then accepted is told, once it is stored', async () => {
      await service.submit(input, from('client'));
      expect(told()).to.deep.equal(['accepted']);
      expect(outcomes.record.calledAfter(messages.create)).to.equal(true);
    });

    it('when the client is rate limited, then rate-limited', async () => {
      limiter.consume.resolves({ allowed: false, retryAfterSeconds: 60 });
      await rejectionOf(service.submit(input, from('client')));
      expect(told()).to.deep.equal(['rate-limited']);
    });

    it('when the honeypot is filled in, then honeypot, though the client is answered as if accepted', async () => {
      await service.submit({ ...input, website: 'https://spam.example' }, from('bot'));
      expect(told()).to.deep.equal(['honeypot']);
    });

    it('when the human check finds no person, then captcha-failed', async () => {
      humanCheck.verify.resolves({ outcome: 'not-a-person', errorCodes: [] });
      await rejectionOf(service.submit(input, from('client')));
      expect(told()).to.deep.equal(['captcha-failed']);
    });

    it('when the human check cannot be made, then captcha-unavailable', async () => {
      humanCheck.verify.resolves({ outcome: 'unavailable', reason: 'timeout' });
      await rejectionOf(service.submit(input, from('client')));
      expect(told()).to.deep.equal(['captcha-unavailable']);
    });

    it('when storing fails, then error', async () => {
      messages.create.rejects(new Error('disk full'));
      await rejectionOf(service.submit(input, from('client')));
      expect(told()).to.deep.equal(['error']);
    });
  });
});
