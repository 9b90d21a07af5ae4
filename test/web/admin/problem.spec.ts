import { expect } from 'chai';
import { asProblem, errorsFor, fieldErrorsOf, unclaimedErrors } from '../../../web/admin/src/api/problem.js';
import { problem } from './fake-api.js';

describe('console: field errors from problem+json', () => {
  const errors = fieldErrorsOf(
    asProblem(
      problem(400, 'validation-error', '5 fields are invalid', [
        { path: 'title', message: 'Must not be empty' },
        { path: 'tags.2', message: 'Must be at most 30 characters' },
        { path: 'tags', message: 'Must have at most 20 items' },
        { path: 'links.repo', message: 'Must be an https URL' },
        { path: 'createdAt', message: 'Read-only field' },
        { path: '', message: 'Must be an object' },
      ]),
    ),
  );

  it('when a problem lists errors, then they are grouped by dotted path', () => {
    expect(errors).to.deep.equal({
      title: ['Must not be empty'],
      'tags.2': ['Must be at most 30 characters'],
      tags: ['Must have at most 20 items'],
      'links.repo': ['Must be an https URL'],
      createdAt: ['Read-only field'],
      '': ['Must be an object'],
    });
  });

  it('when a field has parts, then its messages include theirs, each saying which part', () => {
    expect(errorsFor(errors, 'tags')).to.deep.equal([
      'Must have at most 20 items',
      'Item 3: Must be at most 30 characters',
    ]);
    expect(errorsFor(errors, 'links.repo')).to.deep.equal(['Must be an https URL']);
    expect(errorsFor(errors, 'links')).to.deep.equal(['repo: Must be an https URL']);
    expect(errorsFor(errors, 'summary')).to.deep.equal([]);
  });

  it('when a message is about no field of the form, then it is left for the top of the form', () => {
    expect(unclaimedErrors(errors, ['title', 'tags', 'links.repo'])).to.deep.equal([
      'createdAt: Read-only field',
      'Must be an object',
    ]);
  });

  it('when a body is not a problem, then it is not taken for one', () => {
    expect(asProblem('<html>')).to.equal(undefined);
    expect(asProblem({ type: '/problems/x' })).to.equal(undefined);
    expect(fieldErrorsOf(undefined)).to.deep.equal({});
  });
});
