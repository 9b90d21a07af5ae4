import { expect } from 'chai';
import Koa from 'koa';
import sinon from 'sinon';
import supertest from 'supertest';
import * as v from 'valibot';
import { etagOf } from '../../../src/adapters/http/etag.js';
import { authenticate } from '../../../src/adapters/http/middleware/auth.js';
import { errorHandler } from '../../../src/adapters/http/middleware/error-handler.js';
import { bodyReader } from '../../../src/adapters/http/middleware/request-body.js';
import { requestId } from '../../../src/adapters/http/middleware/request-id.js';
import { html, route, type Route, type RouteDependencies } from '../../../src/adapters/http/route.js';
import { routerOf } from '../../../src/adapters/http/router.js';
import type { AppState } from '../../../src/adapters/http/state.js';
import { expectProblem } from './http-expectations.js';

/**
 * The response path and the body reader for what no route of the API uses
 * yet: a page for people (`html`) and a form body. The app is the real chain
 * (request id, error handler, authentication, router) around routes declared
 * here.
 */
const TOKEN = 'response-spec-admin-token-0123456789abcdef';

function appOf(routes: Route[]) {
  const app = new Koa<AppState>();
  app.silent = true;
  // Neither route below uses a service: the handlers close over what they answer.
  const router = routerOf(routes, {} as RouteDependencies, bodyReader(1000));
  app.use(requestId).use(errorHandler).use(authenticate(TOKEN)).use(router.routes()).use(router.allowedMethods());
  return supertest(app.callback());
}

interface Greeting {
  readonly name: string;
}

describe('the response path', () => {
  describe('a page for people (html)', () => {
    let current: Greeting;
    let render: sinon.SinonSpy<[Greeting], string>;
    let request: ReturnType<typeof appOf>;

    beforeEach(() => {
      current = { name: 'Ada & <Grace>' };
      render = sinon.spy((greeting: Greeting) => `<p>Hello, ${greeting.name.replace(/[&<>]/g, '?')}</p>`);
      request = appOf([
        route({
          operationId: 'getGreeting',
          method: 'get',
          path: '/',
          tag: 'Portfolio',
          summary: 'A greeting',
          access: 'public',
          success: html(render),
          errors: [],
          storage: false,
          handle: () => current,
        }),
      ]);
    });

    it('when read, then its HTML comes with an ETag of its bytes, public caching and Vary: Authorization', async () => {
      const res = await request.get('/');
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(res.text).to.equal('<p>Hello, Ada ? ?Grace?</p>');
      expect(res.headers.etag).to.equal(etagOf(res.text));
      expect(res.headers['cache-control']).to.equal('public, max-age=60');
      expect(res.headers.vary).to.match(/\bAuthorization\b/);
    });

    it('when If-None-Match carries its ETag, then 304 without a body, still publicly cacheable', async () => {
      const { etag } = (await request.get('/')).headers;
      const res = await request.get('/').set('If-None-Match', etag as string);
      expect(res.status).to.equal(304);
      expect(res.text).to.equal('');
      expect(res.headers.etag).to.equal(etag);
      expect(res.headers['cache-control']).to.equal('public, max-age=60');
    });

    it('when read again with the same value, then the page is not rendered again', async () => {
      await request.get('/');
      await request.get('/');
      expect(render.callCount).to.equal(1);
    });

    it('when the value changes, then the page is rendered again and the old ETag gets 200', async () => {
      const { etag } = (await request.get('/')).headers;
      current = { name: 'Grace' };
      const res = await request.get('/').set('If-None-Match', etag as string);
      expect(res.status).to.equal(200);
      expect(res.text).to.equal('<p>Hello, Grace</p>');
      expect(res.headers.etag).to.not.equal(etag);
      expect(render.callCount).to.equal(2);
    });

    it('when read with the admin token, then no-store', async () => {
      const res = await request.get('/').set('Authorization', `Bearer ${TOKEN}`);
      expect(res.status).to.equal(200);
      expect(res.headers['cache-control']).to.equal('no-store');
    });
  });

  describe('a form body', () => {
    const FormSchema = v.strictObject({ name: v.string(), message: v.string() }, 'Unknown field');
    const formRoute = (media: ('json' | 'form')[]) =>
      route({
        operationId: 'postForm',
        method: 'post',
        path: '/form',
        tag: 'Contact',
        summary: 'A form',
        access: 'public',
        body: { schema: FormSchema, example: { name: 'Ada', message: 'Hi' }, media },
        success: html((form: v.InferOutput<typeof FormSchema>) => `<p>${form.name}: ${form.message}</p>`),
        errors: [],
        storage: false,
        handle: ({ body }) => body,
      });

    it('when a route takes forms and gets one, then its fields arrive decoded and the answer is no-store', async () => {
      const res = await appOf([formRoute(['form'])])
        .post('/form')
        .type('form')
        .send('name=Ada+L.&message=Hello%2C%20there%20%F0%9F%9A%80');
      expect(res.status).to.equal(200);
      expect(res.text).to.equal('<p>Ada L.: Hello, there 🚀</p>');
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.headers.etag).to.equal(undefined);
    });

    it('when a form-only route gets JSON, then 415 names the form media type', async () => {
      const res = await appOf([formRoute(['form'])])
        .post('/form')
        .send({ name: 'Ada', message: 'Hi' });
      expectProblem(res, 'unsupported-media-type', {
        detail: 'The request body must be application/x-www-form-urlencoded',
        instance: '/form',
      });
    });

    it('when a route takes both, then JSON and a form are each read', async () => {
      const request = appOf([formRoute(['json', 'form'])]);
      const json = await request.post('/form').send({ name: 'Ada', message: 'Hi' });
      const form = await request.post('/form').type('form').send('name=Grace&message=Hello');
      expect([json.text, form.text]).to.deep.equal(['<p>Ada: Hi</p>', '<p>Grace: Hello</p>']);
      const text = await request.post('/form').type('text').send('name=Ada');
      expectProblem(text, 'unsupported-media-type', {
        detail: 'The request body must be application/json or application/x-www-form-urlencoded',
        instance: '/form',
      });
    });

    it('when a form carries a field the schema does not have, or a prototype key, then 400 names it', async () => {
      const request = appOf([formRoute(['form'])]);
      const unknown = await request.post('/form').type('form').send('name=Ada&message=Hi&extra=1');
      expect(unknown.status).to.equal(400);
      expect(unknown.body.errors).to.deep.equal([{ path: 'extra', message: 'Unknown field' }]);
      const prototype = await request.post('/form').type('form').send('name=Ada&message=Hi&a[prototype]=1');
      expect(prototype.status).to.equal(400);
      expect(prototype.body.errors).to.deep.equal([{ path: 'a.prototype', message: 'Forbidden key' }]);
    });
  });
});
