import { expect } from 'chai';
import {
  contactSubmission,
  invalidOutcome,
  outcomeMessage,
  outcomeOfAnswer,
  waitText,
} from '../../../../src/adapters/http/pages/contact-form.js';

describe('the contact form model', () => {
  describe('contactSubmission', () => {
    it('when a visitor filled every field, then the API body has them and the values to show again are the same', () => {
      const { values, input } = contactSubmission({
        name: 'Grace',
        email: 'g@example.com',
        subject: 'Hi',
        message: 'A long enough message',
        website: '',
      });
      expect(input).to.deep.equal({
        name: 'Grace',
        email: 'g@example.com',
        subject: 'Hi',
        message: 'A long enough message',
        website: '',
      });
      expect(values).to.deep.equal({
        name: 'Grace',
        email: 'g@example.com',
        subject: 'Hi',
        message: 'A long enough message',
      });
    });

    it('when the subject is blank, then it is left out of the body', () => {
      expect(contactSubmission({ name: 'G', email: 'e', subject: '  ', message: 'm' }).input).to.deep.equal({
        name: 'G',
        email: 'e',
        message: 'm',
      });
    });

    it("when Turnstile's or hCaptcha's answer field is posted, then it becomes captchaToken and is not shown again", () => {
      expect(contactSubmission({ name: 'G', 'cf-turnstile-response': 'tok-1' }).input).to.deep.equal({
        name: 'G',
        captchaToken: 'tok-1',
      });
      expect(contactSubmission({ 'h-captcha-response': 'tok-2' }).input).to.deep.equal({ captchaToken: 'tok-2' });
      expect(contactSubmission({ 'h-captcha-response': '' }).input).to.deep.equal({});
      expect(contactSubmission({ 'cf-turnstile-response': 'tok-1' }).values).to.deep.equal({
        name: '',
        email: '',
        subject: '',
        message: '',
      });
    });

    it('when a field is missing, sent twice or unknown, then it is left out, kept as a list for validation to refuse, or dropped', () => {
      const { values, input } = contactSubmission({
        email: ['a@example.com', 'b@example.com'],
        extra: 'x',
        __proto__: 'y',
      });
      expect(input).to.deep.equal({ email: ['a@example.com', 'b@example.com'] });
      expect(values.email).to.equal('');
    });
  });

  describe('invalidOutcome', () => {
    it("when issues name the form's fields, then each field gets its first message and the rest go apart", () => {
      expect(
        invalidOutcome([
          { path: 'email', message: 'Must be a valid email address' },
          { path: 'email', message: 'Must be at most 254 characters' },
          { path: 'website', message: 'Must be at most 2000 characters' },
          { path: '', message: 'Must be an object' },
        ]),
      ).to.deep.equal({
        kind: 'invalid',
        errors: { email: 'Must be a valid email address' },
        other: ['website: Must be at most 2000 characters', 'Must be an object'],
      });
    });
  });

  describe('outcomeOfAnswer', () => {
    const problem = (type: string, errors?: unknown) => ({
      type: `/problems/${type}`,
      title: 't',
      status: 400,
      detail: 'd',
      errors,
    });

    it('when the API answers 202, then the message was sent', () => {
      expect(outcomeOfAnswer(202, { data: {} }, null)).to.deep.equal({ kind: 'sent' });
    });

    it('when the API answers 400 with errors, then the fields are named', () => {
      expect(
        outcomeOfAnswer(400, problem('validation-error', [{ path: 'name', message: 'Must not be empty' }]), null),
      ).to.deep.equal({
        kind: 'invalid',
        errors: { name: 'Must not be empty' },
        other: [],
      });
    });

    it('when the API answers 400 captcha-failed, then the human check failed', () => {
      expect(outcomeOfAnswer(400, problem('captcha-failed'), null)).to.deep.equal({ kind: 'captcha-failed' });
    });

    it('when the API answers 429, then Retry-After says when, or a minute when it is unreadable', () => {
      expect(outcomeOfAnswer(429, problem('rate-limited'), '120')).to.deep.equal({
        kind: 'rate-limited',
        retryAfterSeconds: 120,
      });
      expect(outcomeOfAnswer(429, problem('rate-limited'), 'soon')).to.deep.equal({
        kind: 'rate-limited',
        retryAfterSeconds: 60,
      });
    });

    it('when the API answers 503, then the service is unavailable; anything else failed', () => {
      expect(outcomeOfAnswer(503, problem('service-unavailable'), '5')).to.deep.equal({ kind: 'unavailable' });
      expect(outcomeOfAnswer(500, problem('internal-error'), null)).to.deep.equal({ kind: 'failed' });
      expect(outcomeOfAnswer(400, '<html>', null)).to.deep.equal({ kind: 'failed' });
    });
  });

  describe('waitText and outcomeMessage', () => {
    it('when a wait is given in seconds, then it reads in whole units, rounded up', () => {
      expect([0.2, 1, 45, 60, 61, 3599, 3600, 3601].map(waitText)).to.deep.equal([
        '1 second',
        '1 second',
        '45 seconds',
        '1 minute',
        '2 minutes',
        '60 minutes',
        '1 hour',
        '2 hours',
      ]);
    });

    it('when only a field the form does not show is wrong, then the message names it', () => {
      expect(
        outcomeMessage(invalidOutcome([{ path: 'website', message: 'Must be at most 2000 characters' }])),
      ).to.equal('The message was not sent: website: Must be at most 2000 characters.');
      expect(outcomeMessage(invalidOutcome([{ path: 'name', message: 'x' }]))).to.equal(
        'The message was not sent: please correct the field marked below.',
      );
    });
  });
});
