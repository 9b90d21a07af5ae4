import { expect } from 'chai';
import type { Route as Operation } from '../../../../src/adapters/http/route.js';
import { ROUTES as OPERATIONS } from '../../../../src/adapters/http/routes/routes.js';
import { sampleContent } from '../../../../src/adapters/sample/sample-content.js';
import type { IdGenerator } from '../../../../src/domain/shared/id-generator.js';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WEB_BUILD_DIR, type WebManifest } from '../../../../src/adapters/http/pages/web-build.js';
import { AUTH, testApp } from '../../../support/http-app.js';
import { webBuilt } from '../../../support/web-build.js';

/** Reads first, then writes, deletes last: each example runs against the sample portfolio, as "Try it out" would. */
const ORDER: Record<Operation['method'], number> = { get: 0, post: 1, put: 2, patch: 3, delete: 4 };

/**
 * An asset's name carries the hash of its content, so the document's example
 * shows the form of a name; the current build's own names are asked for.
 */
function currentAssetNames(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(WEB_BUILD_DIR, 'manifest.json'), 'utf8')) as WebManifest;
  return {
    getPortfolioAsset: basename(manifest.portfolio.stylesheet),
    getConsoleAsset: basename(manifest.admin.script),
  };
}

describe('the examples of the OpenAPI document', () => {
  before(async function () {
    this.timeout(20_000);
    await webBuilt();
  });

  it('when every operation is sent with its documented examples, then each gets its documented success', async () => {
    const assets = currentAssetNames();
    const example = (operationId: string, parameter: string) =>
      OPERATIONS.find((op) => op.operationId === operationId)!.pathParameters![parameter]!.example;
    const bodyOf = (operationId: string) => OPERATIONS.find((op) => op.operationId === operationId)!.body!.example;
    // What the examples name is made first, with the ids they show: a message, a webhook, one of its deliveries.
    let count = 0;
    const preset: string[] = [];
    const ids: IdGenerator = { next: () => preset.shift() ?? `id-${++count}` };
    const metricsToken = 'a-token-of-the-scraper';
    const { request } = testApp({
      content: sampleContent(),
      ids,
      config: {
        metricsToken,
        email: { smtpUrl: 'smtp://127.0.0.1:1', to: 'owner@example.com', from: 'site@example.com' },
      },
    });
    preset.push(example('getMessage', 'id'));
    await request.post('/api/v1/contact').send(bodyOf('submitContactMessage') as object);
    preset.push(example('getWebhook', 'id'));
    await request
      .post('/api/v1/webhooks')
      .set(AUTH)
      .send(bodyOf('createWebhook') as object);
    preset.push(example('redeliverWebhookDelivery', 'deliveryId'));
    await request.post(`/api/v1/webhooks/${example('getWebhook', 'id')}/ping`).set(AUTH);

    const operations = [...OPERATIONS].sort((a, b) => ORDER[a.method] - ORDER[b.method]);
    for (const op of operations) {
      let path = op.path;
      for (const [name, parameter] of Object.entries(op.pathParameters ?? {})) {
        path = path.replace(`{${name}}`, encodeURIComponent(assets[op.operationId] ?? parameter.example));
      }
      let req = request[op.method](path);
      if (op.access === 'admin') req = req.set(AUTH);
      if (op.body?.media?.includes('form')) req = req.type('form');
      if (op.access === 'scraper') req = req.set('Authorization', `Bearer ${metricsToken}`);
      if (op.body) req = req.send(op.body.example as object);
      const res = await req;
      expect(res.status, `${op.method.toUpperCase()} ${path}: ${JSON.stringify(res.body)}`).to.equal(op.success.status);
    }
  });
});
