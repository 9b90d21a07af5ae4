import { expect } from 'chai';
import type { Route as Operation } from '../../../../src/adapters/http/route.js';
import { ROUTES as OPERATIONS } from '../../../../src/adapters/http/routes/routes.js';
import { sampleContent } from '../../../../src/adapters/sample/sample-content.js';
import type { IdGenerator } from '../../../../src/domain/shared/id-generator.js';
import { AUTH, testApp } from '../../../support/http-app.js';

/** Reads first, then writes, deletes last: each example runs against the sample portfolio, as "Try it out" would. */
const ORDER: Record<Operation['method'], number> = { get: 0, post: 1, put: 2, patch: 3, delete: 4 };

describe('the examples of the OpenAPI document', () => {
  it('when every operation is sent with its documented examples, then each gets its documented success', async () => {
    const messageExample = OPERATIONS.find((op) => op.operationId === 'getMessage')!.pathParameters!.id!.example;
    // The contact example's message gets the id the message operations show as their example.
    let count = 0;
    const ids: IdGenerator = { next: () => (count++ === 0 ? messageExample : `id-${count}`) };
    const { request } = testApp({ content: sampleContent(), ids });
    await request
      .post('/api/v1/contact')
      .send(OPERATIONS.find((op) => op.path === '/api/v1/contact')!.body!.example as object);

    const operations = [...OPERATIONS].sort((a, b) => ORDER[a.method] - ORDER[b.method]);
    for (const op of operations) {
      let path = op.path;
      for (const [name, parameter] of Object.entries(op.pathParameters ?? {})) {
        path = path.replace(`{${name}}`, encodeURIComponent(parameter.example));
      }
      let req = request[op.method](path);
      if (op.access === 'admin') req = req.set(AUTH);
      if (op.body) req = req.send(op.body.example as object);
      const res = await req;
      expect(res.status, `${op.method.toUpperCase()} ${path}: ${JSON.stringify(res.body)}`).to.equal(op.success.status);
    }
  });
});
