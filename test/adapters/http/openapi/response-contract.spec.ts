import { expect } from 'chai';
import Koa from 'koa';
import supertest from 'supertest';
import {
  checkResponsesAgainstDocument,
  responseContract,
  type ObservedResponse,
} from '../../../support/openapi-contract.js';
import { mochaHooks, takeViolations } from '../../../support/openapi-violations.js';

const contract = responseContract();
const ETAG = '"AAAAAAAAAAAAAAAAAAAAAAAAAAA"';

const skill = { id: 's-1', name: 'TypeScript', category: 'Languages', level: 4 };
const base: ObservedResponse = {
  method: 'GET',
  path: '/api/v1/skills/s-1',
  status: 200,
  headers: {
    'x-request-id': 'r-1',
    'cache-control': 'public, max-age=60',
    etag: ETAG,
    'content-type': 'application/json; charset=utf-8',
  },
  body: { data: skill },
  hasBody: true,
};
const notFound = {
  type: '/problems/not-found',
  title: 'Resource not found',
  status: 404,
  detail: 'No resource at /nowhere',
  instance: '/nowhere',
  requestId: 'r-1',
};
const problemHeaders = {
  'x-request-id': 'r-1',
  'cache-control': 'no-store',
  'content-type': 'application/problem+json',
};

describe('the response check of the HTTP suite (test/support/openapi-contract.ts)', () => {
  it('when a response is what the document says, then it has nothing to report', () => {
    expect(contract.violations(base)).to.deep.equal([]);
    expect(contract.violations({ ...base, method: 'HEAD', body: undefined })).to.deep.equal([]);
  });

  it('when the status is not documented for the operation, then it says so', () => {
    const [violation] = contract.violations({ ...base, status: 418 });
    expect(violation).to.match(/status 418 is not documented for GET \/api\/v1\/skills\/\{id\}/);
  });

  it('when a documented header is missing or malformed, then it says which', () => {
    const { etag: _etag, ...withoutEtag } = base.headers;
    expect(contract.violations({ ...base, headers: withoutEtag })).to.deep.equal([
      'GET /api/v1/skills/s-1 → 200: documented header ETag is missing',
    ]);
    expect(contract.violations({ ...base, headers: { ...base.headers, etag: 'W/"x"' } })[0]).to.match(/header ETag/);
  });

  it('when the body departs from the schema (an extra field, a missing one, a wrong type), then it says so', () => {
    expect(contract.violations({ ...base, body: { data: { ...skill, version: 3 } } })[0]).to.match(
      /additional properties/,
    );
    expect(contract.violations({ ...base, body: { data: { ...skill, level: 'high' } } })[0]).to.match(/level/);
    expect(contract.violations({ ...base, body: skill })[0]).to.match(/does not match/);
  });

  it('when the content type is not documented, then it says so', () => {
    const headers = { ...base.headers, 'content-type': 'text/plain' };
    expect(contract.violations({ ...base, headers })[0]).to.match(/content type 'text\/plain' is not documented/);
  });

  it('when a path no operation has answers 404 or 405 with a problem, then that is the contract', () => {
    expect(
      contract.violations({ ...base, path: '/nowhere', status: 404, headers: problemHeaders, body: notFound }),
    ).to.deep.equal([]);
    const notAllowed = { ...notFound, type: '/problems/method-not-allowed', title: 'Method not allowed', status: 405 };
    expect(
      contract.violations({
        ...base,
        method: 'PATCH',
        path: '/api/v1/profile',
        status: 405,
        headers: problemHeaders,
        body: notAllowed,
      }),
    ).to.deep.equal([]);
  });

  it('when an unknown path answers anything else, then it says no operation answers it', () => {
    const [violation] = contract.violations({ ...base, path: '/api/v1/secrets', status: 200 });
    expect(violation).to.match(/no documented operation answers GET \/api\/v1\/secrets/);
  });

  it('installed on an app, it records each undocumented answer; the root hook fails the test with them', async () => {
    const app = new Koa();
    app.use((ctx) => {
      ctx.status = 418;
      ctx.body = { teapot: true };
    });
    checkResponsesAgainstDocument(app);
    await supertest(app.callback()).get('/health');
    const violations = takeViolations();
    expect(violations).to.have.length(1);
    expect(violations[0]).to.match(/GET \/health → 418: status 418 is not documented/);

    let failure: Error | undefined;
    const hook = { test: { error: (error: Error) => (failure = error) } } as unknown as Mocha.Context;
    mochaHooks.afterEach.call(hook);
    expect(failure).to.equal(undefined);
    await supertest(app.callback()).get('/health');
    mochaHooks.afterEach.call(hook);
    expect(failure?.message).to.match(/not described by the OpenAPI document[\s\S]*GET \/health → 418/);
  });
});
