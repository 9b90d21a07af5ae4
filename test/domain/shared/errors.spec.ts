import { expect } from 'chai';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  RateLimitedError,
  RuleViolationError,
  SkillNameTakenError,
  SlugTakenError,
  StaleWriteError,
  StorageUnavailableError,
} from '../../../src/domain/shared/errors.js';
import { StatusTransitionError } from '../../../src/domain/messages/message.js';
import { HumanCheckFailedError, HumanCheckUnavailableError } from '../../../src/domain/messages/human-check.js';

describe('domain errors', () => {
  const cases: Array<{ error: DomainError; name: string; code: string }> = [
    { error: new NotFoundError('Project', 'x'), name: 'NotFoundError', code: 'not-found' },
    { error: new ConflictError('clash'), name: 'ConflictError', code: 'conflict' },
    { error: new SlugTakenError('x'), name: 'SlugTakenError', code: 'conflict' },
    { error: new SkillNameTakenError('Go', 'Languages'), name: 'SkillNameTakenError', code: 'conflict' },
    { error: new StatusTransitionError('archived', 'new'), name: 'StatusTransitionError', code: 'conflict' },
    { error: new StaleWriteError('project'), name: 'StaleWriteError', code: 'precondition-failed' },
    { error: new RuleViolationError([]), name: 'RuleViolationError', code: 'validation-error' },
    { error: new RateLimitedError(30), name: 'RateLimitedError', code: 'rate-limited' },
    { error: new StorageUnavailableError('down'), name: 'StorageUnavailableError', code: 'service-unavailable' },
    { error: new HumanCheckFailedError([]), name: 'HumanCheckFailedError', code: 'captcha-failed' },
    {
      error: new HumanCheckUnavailableError('hcaptcha siteverify answered HTTP 502'),
      name: 'HumanCheckUnavailableError',
      code: 'service-unavailable',
    },
  ];

  for (const { error, name, code } of cases) {
    it(`${name} has code '${code}', its own class name and is an Error and a DomainError`, () => {
      expect(error.name).to.equal(name);
      expect(error.code).to.equal(code);
      expect(error).to.be.instanceOf(DomainError);
      expect(error).to.be.instanceOf(Error);
    });
  }

  it('conflict subclasses are ConflictErrors, so one mapping covers them', () => {
    expect(new SlugTakenError('x')).to.be.instanceOf(ConflictError);
    expect(new SkillNameTakenError('Go', 'Languages')).to.be.instanceOf(ConflictError);
    expect(new StatusTransitionError('archived', 'new')).to.be.instanceOf(ConflictError);
  });

  it('NotFoundError names the resource and key', () => {
    const error = new NotFoundError('Project', 'my-slug');
    expect(error.resource).to.equal('Project');
    expect(error.key).to.equal('my-slug');
    expect(error.message).to.equal("Project 'my-slug' does not exist");
  });

  it('SlugTakenError and SkillNameTakenError keep the value that clashed', () => {
    expect(new SlugTakenError('taken').slug).to.equal('taken');
    const skill = new SkillNameTakenError('Go', 'Languages');
    expect(skill.skillName).to.equal('Go');
    expect(skill.category).to.equal('Languages');
  });

  it('RuleViolationError keeps its issues and lists them in its message', () => {
    const issues = [
      { path: 'endedAt', message: 'Must not be before startedAt' },
      { path: 'title', message: 'Required' },
    ];
    const error = new RuleViolationError(issues);
    expect(error.issues).to.deep.equal(issues);
    expect(error.message).to.equal('endedAt: Must not be before startedAt; title: Required');
  });

  it('RateLimitedError keeps retryAfterSeconds', () => {
    const error = new RateLimitedError(42);
    expect(error.retryAfterSeconds).to.equal(42);
    expect(error.message).to.contain('42 seconds');
  });

  it("HumanCheckFailedError keeps the provider's codes and names them in its message", () => {
    const error = new HumanCheckFailedError(['invalid-input-response', 'timeout-or-duplicate']);
    expect(error.errorCodes).to.deep.equal(['invalid-input-response', 'timeout-or-duplicate']);
    expect(error.message).to.equal(
      'The human check failed (invalid-input-response, timeout-or-duplicate); solve the widget again and send its new answer',
    );
    expect(new HumanCheckFailedError([]).message).to.equal(
      'The human check failed; solve the widget again and send its new answer',
    );
  });

  it('HumanCheckUnavailableError keeps its reason as its message and asks for a retry in 30 seconds', () => {
    const error = new HumanCheckUnavailableError('turnstile siteverify did not answer within 5000 ms');
    expect(error.message).to.equal('turnstile siteverify did not answer within 5000 ms');
    expect(error.retryAfterSeconds).to.equal(30);
  });

  it('StaleWriteError names the resource in its message', () => {
    expect(new StaleWriteError('skill').message).to.equal('The skill has changed since it was read');
  });
});
