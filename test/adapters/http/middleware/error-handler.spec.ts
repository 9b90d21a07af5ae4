import { expect } from 'chai';
import Koa from 'koa';
import sinon from 'sinon';
import supertest from 'supertest';
import { errorHandler, toProblem } from '../../../../src/adapters/http/middleware/error-handler.js';
import { HttpProblem } from '../../../../src/adapters/http/problem.js';
import { HumanCheckFailedError, HumanCheckUnavailableError } from '../../../../src/domain/messages/human-check.js';
import {
  NotFoundError,
  RuleViolationError,
  StorageUnavailableError,
  WritesRefusedError,
} from '../../../../src/domain/shared/errors.js';

/**
 * The error handler on its own, in front of one handler that a test writes:
 * what it logs, which headers survive an error, and the framework statuses
 * that no route of the real app produces on demand. The answers of the real
 * app are in ../errors.spec.ts.
 */
function appWith(handler: Koa.Middleware, log?: { error: sinon.SinonSpy; warn: sinon.SinonSpy }) {
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx, next) => {
    ctx.state.requestId = 'req-1';
    if (log) ctx.state.log = log;
    await next();
  });
  app.use(errorHandler);
  app.use(handler);
  return supertest(app.callback());
}

const aLog = () => ({ error: sinon.spy(), warn: sinon.spy() });

describe('errorHandler', () => {
  describe('logging', () => {
    it('when a request fails unexpectedly, then the error is logged once as an error with the error itself', async () => {
      const log = aLog();
      const failure = new Error('disk on fire');
      const res = await appWith(() => Promise.reject(failure), log).get('/x');

      expect(res.status).to.equal(500);
      expect(log.error.args).to.deep.equal([[{ err: failure }, 'request failed']]);
      expect(log.warn.called).to.equal(false);
    });

    it('when storage is unavailable, then it is a warning, not an error, and the answer is 503', async () => {
      const log = aLog();
      const failure = new StorageUnavailableError('connection refused');
      const res = await appWith(() => Promise.reject(failure), log).get('/x');

      expect(res.status).to.equal(503);
      expect(res.body.detail).to.equal('Storage is unavailable; try again shortly');
      expect(log.warn.args).to.deep.equal([[{ err: failure }, 'storage unavailable']]);
      expect(log.error.called).to.equal(false);
    });

    it('when the human check cannot be made, then a warning that says so, and 503 with Retry-After', async () => {
      const log = aLog();
      const failure = new HumanCheckUnavailableError('hcaptcha siteverify at api.hcaptcha.com answered HTTP 502');
      const res = await appWith(() => Promise.reject(failure), log).post('/x');

      expect(res.status).to.equal(503);
      expect(res.headers['retry-after']).to.equal('30');
      expect(res.body).to.deep.equal({
        type: '/problems/service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'The human check could not be made; try again shortly',
        instance: '/x',
        requestId: 'req-1',
      });
      expect(log.warn.args).to.deep.equal([[{ err: failure }, 'human check unavailable']]);
      expect(log.error.called).to.equal(false);
    });

    it('when the human check fails, then 400 captcha-failed naming the codes, and nothing is logged', async () => {
      const log = aLog();
      const res = await appWith(() => Promise.reject(new HumanCheckFailedError(['invalid-input-response'])), log).post(
        '/x',
      );

      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal({
        type: '/problems/captcha-failed',
        title: 'Human check failed',
        status: 400,
        detail: 'The human check failed (invalid-input-response); solve the widget again and send its new answer',
        instance: '/x',
        requestId: 'req-1',
      });
      expect(log.warn.called).to.equal(false);
      expect(log.error.called).to.equal(false);
    });

    it('when writes are refused for an invalid data file, then an admin is told why and what to fix, anyone else not', async () => {
      const refused = new WritesRefusedError('The data file portfolio.json is invalid', ['projects.0.slug: Required']);
      const signedIn = (isAdmin: boolean | undefined) =>
        appWith((ctx) => {
          ctx.state.isAdmin = isAdmin;
          throw refused;
        }, aLog());

      const admin = await signedIn(true).put('/x');
      expect(admin.status).to.equal(503);
      expect(admin.body).to.deep.include({
        type: '/problems/service-unavailable',
        detail: 'The data file portfolio.json is invalid',
        problems: ['projects.0.slug: Required'],
      });
      for (const isAdmin of [false, undefined]) {
        const res = await signedIn(isAdmin).put('/x');
        expect(res.status).to.equal(503);
        expect(res.body.detail).to.equal('Storage is unavailable; try again shortly');
        expect(res.body).not.to.have.property('problems');
      }
    });

    it("when the client's request is at fault (4xx), then nothing is logged", async () => {
      const log = aLog();
      const res = await appWith(() => Promise.reject(new NotFoundError('Project', 'nope')), log).get('/x');

      expect(res.status).to.equal(404);
      expect(log.error.called).to.equal(false);
      expect(log.warn.called).to.equal(false);
    });

    it('when no request logger is there, then a failure is still answered as problem details', async () => {
      const res = await appWith(() => Promise.reject(new Error('early'))).get('/x');
      const unavailable = await appWith(() => Promise.reject(new StorageUnavailableError('down'))).get('/x');

      expect(res.status).to.equal(500);
      expect(res.headers['content-type']).to.equal('application/problem+json; charset=utf-8');
      expect(unavailable.status).to.equal(503);
      expect(unavailable.headers['content-type']).to.equal('application/problem+json; charset=utf-8');
    });
  });

  describe('headers', () => {
    it('drops what described the failed answer and keeps what describes the error or the connection', async () => {
      const res = await appWith((ctx) => {
        ctx.set('ETag', '"v1"');
        ctx.set('Content-Language', 'en');
        ctx.set('X-Total-Count', '3');
        ctx.set('Vary', 'Origin');
        ctx.set('Access-Control-Allow-Origin', 'https://me.dev');
        ctx.set('X-Content-Type-Options', 'nosniff');
        throw new NotFoundError('Project', 'nope');
      }).get('/x');

      expect(res.status).to.equal(404);
      expect(res.headers).not.to.have.any.keys('etag', 'content-language', 'x-total-count');
      expect(res.headers).to.include({
        vary: 'Origin',
        'access-control-allow-origin': 'https://me.dev',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    });
  });

  describe('answers without a body', () => {
    it('when a handler answers 404 with a body of its own, then that answer passes untouched', async () => {
      const res = await appWith((ctx) => {
        ctx.status = 404;
        ctx.body = { mine: true };
      }).get('/x');

      expect(res.status).to.equal(404);
      expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(res.body).to.deep.equal({ mine: true });
    });

    it('when a handler answers 204 No Content, then that answer passes untouched', async () => {
      const res = await appWith((ctx) => {
        ctx.status = 204;
      }).delete('/x');

      expect(res.status).to.equal(204);
    });

    it('when a handler leaves a null body at 404, then it is a not-found problem', async () => {
      const res = await appWith((ctx) => {
        ctx.body = null;
        ctx.status = 404;
      }).get('/missing');

      expect(res.status).to.equal(404);
      expect(res.body).to.deep.include({ type: '/problems/not-found', detail: 'No resource at /missing' });
    });

    it('when the router answers 501 with an Allow header, then it is a method-not-allowed problem that keeps it', async () => {
      const res = await appWith((ctx) => {
        ctx.status = 501;
        ctx.set('Allow', 'HEAD, GET');
      }).get('/x');

      expect(res.status).to.equal(405);
      expect(res.headers.allow).to.equal('HEAD, GET');
      expect(res.body).to.deep.equal({
        type: '/problems/method-not-allowed',
        title: 'Method not allowed',
        status: 405,
        detail: 'The resource does not support this method; see the Allow header',
        instance: '/x',
        requestId: 'req-1',
      });
    });

    for (const [allow, what] of [
      ['', 'an empty Allow header'],
      [undefined, 'no Allow header'],
    ] as const) {
      it(`when the router answers 501 with ${what}, then the path is unknown: a not-found problem`, async () => {
        const res = await appWith((ctx) => {
          ctx.status = 501;
          if (allow !== undefined) ctx.set('Allow', allow);
        }).get('/nowhere');

        expect(res.status).to.equal(404);
        expect(res.headers).not.to.have.property('allow');
        expect(res.body).to.deep.include({ type: '/problems/not-found', detail: 'No resource at /nowhere' });
      });
    }
  });
});

describe('toProblem', () => {
  const withStatus = (status: number) => Object.assign(new Error('from a framework'), { status });

  for (const [status, kind, detail] of [
    [400, 'malformed-json', 'The request body could not be read'],
    [404, 'not-found', 'The request could not be processed'],
    [405, 'method-not-allowed', 'The resource does not support this method; see the Allow header'],
    [413, 'payload-too-large', 'The request body is larger than the configured limit'],
    [415, 'unsupported-media-type', 'The request body must be application/json'],
  ] as const) {
    it(`when Koa or the body reader raise ${status}, then ${kind}, with a detail that leaks nothing of theirs`, () => {
      const problem = toProblem(withStatus(status));
      expect(problem).to.include({ kind, status, detail });
    });
  }

  it('when writes are refused for an invalid data file, then only an admin is told why and what to fix', () => {
    const refused = new WritesRefusedError('The data file portfolio.json is invalid', ['projects.0.slug: Required']);
    expect(toProblem(refused, { admin: true })).to.deep.include({
      kind: 'service-unavailable',
      detail: 'The data file portfolio.json is invalid',
      options: { problems: ['projects.0.slug: Required'] },
    });
    for (const problem of [toProblem(refused), toProblem(refused, { admin: false })]) {
      expect(problem).to.deep.include({
        kind: 'service-unavailable',
        detail: 'Storage is unavailable; try again shortly',
        options: {},
      });
    }
  });

  it('when the status is one the framework does not raise, then an internal error', () => {
    expect(toProblem(withStatus(418))).to.include({ kind: 'internal-error', status: 500 });
    expect(toProblem(null)).to.include({ kind: 'internal-error', status: 500 });
  });
});

describe('validation problems', () => {
  it('count the invalid fields in the detail, in the singular for one', () => {
    const one = toProblem(new RuleViolationError([{ path: 'endedAt', message: 'Must not be before startedAt' }]));
    const two = toProblem(
      new RuleViolationError([
        { path: 'endDate', message: 'Must not be before startDate' },
        { path: 'title', message: 'Required' },
      ]),
    );

    expect(one).to.include({ kind: 'validation-error', status: 400, detail: '1 field is invalid' });
    expect(two).to.include({ kind: 'validation-error', status: 400, detail: '2 fields are invalid' });
  });
});

describe('HttpProblem', () => {
  it('is named for the log', () => {
    expect(new HttpProblem('conflict', 'x')).to.include({ name: 'HttpProblem', status: 409, title: 'Conflict' });
  });
});
