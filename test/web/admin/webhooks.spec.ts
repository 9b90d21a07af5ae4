import { expect } from 'chai';
import { parseHTML } from 'linkedom';
import { h, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { NotificationPanel } from '../../../web/admin/src/components/notification-panel.js';
import { SecretShownOnce } from '../../../web/admin/src/components/secret-shown-once.js';
import { Console } from '../../../web/admin/src/console-context.js';
import {
  EMPTY_WEBHOOK,
  newWebhookBody,
  webhookPatch,
  webhookValues,
} from '../../../web/admin/src/forms/webhook-form.js';
import { lastAttemptOf } from '../../../web/admin/src/pages/deliveries-page.js';
import { WebhookEditorPage } from '../../../web/admin/src/pages/webhook-editor-page.js';
import { answer, BASE_URL, fakeApi, problem } from './fake-api.js';

const dom = (vnode: VNode<any>) => parseHTML(`<body>${render(vnode)}</body>`).document;
const noop = () => {};
const inConsole = (vnode: VNode<any>) =>
  h(Console.Provider, { value: { api: fakeApi().api, navigate: noop, signOut: noop } }, vnode);

const SECRET = `whsec_${'A'.repeat(43)}=`;
const webhook = {
  id: 'w1',
  url: 'https://api.netlify.com/build_hooks/abc',
  events: ['content.changed' as const],
  description: 'Rebuild',
  debounceSeconds: 60,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const delivery = {
  id: 'd1',
  event: { id: 'e1', type: 'content.changed' as const },
  status: 'failed' as const,
  attempts: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  nextAttemptAt: null,
  deliveredAt: null,
  lastAttempt: { at: '2026-01-01T00:01:10.000Z', statusCode: 500, error: null, durationMs: 42 },
};

describe('console: webhooks', () => {
  describe('the form (values typed ↔ API bodies)', () => {
    it('when a webhook is opened and saved unchanged, then its body is the webhook as stored', () => {
      const values = webhookValues(webhook);
      expect(newWebhookBody(values)).to.deep.equal({
        url: webhook.url,
        events: ['content.changed'],
        description: 'Rebuild',
        debounceSeconds: 60,
      });
    });

    it('when the description is blanked, then a new webhook leaves it out and an edit removes it (null)', () => {
      const values = { ...EMPTY_WEBHOOK, url: ' https://hooks.example.com/x ', description: '  ' };
      expect(newWebhookBody(values)).to.deep.equal({
        url: 'https://hooks.example.com/x',
        events: ['content.changed'],
        debounceSeconds: 0,
      });
      expect(webhookPatch(values)).to.include({ description: null });
    });

    it('when the window is not a number, then it goes as typed for the service to name the field', () => {
      expect(newWebhookBody({ ...EMPTY_WEBHOOK, debounceSeconds: 'soon' }).debounceSeconds).to.equal('soon');
    });
  });

  describe('the API calls', () => {
    it('when created, then the answer keeps the secret; writes to a webhook send the ETag read', async () => {
      const { api, requests } = fakeApi(
        answer(201, { data: { ...webhook, secret: SECRET } }, { ETag: '"v1"' }),
        answer(200, { data: { ...webhook, active: false } }, { ETag: '"v2"' }),
        answer(200, { data: { ...webhook, secret: SECRET } }, { ETag: '"v3"' }),
        answer(204),
      );
      const created = await api.webhooks.create(newWebhookBody(webhookValues(webhook)));
      expect(created).to.deep.equal({ kind: 'ok', item: { data: { ...webhook, secret: SECRET }, etag: '"v1"' } });
      await api.webhooks.patch('w1', { active: false }, '"v1"');
      await api.webhooks.rotateSecret('w1', '"v2"');
      await api.webhooks.delete('w1', '"v3"');
      expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.headers.get('If-Match')}`)).to.deep.equal([
        'POST /api/v1/webhooks null',
        'PATCH /api/v1/webhooks/w1 "v1"',
        'POST /api/v1/webhooks/w1/rotate-secret "v2"',
        'DELETE /api/v1/webhooks/w1 "v3"',
      ]);
      expect(await requests[1]!.json()).to.deep.equal({ active: false });
    });

    it('when deliveries are listed by status, then the filter and page go in the query; redeliver and ping post', async () => {
      const meta = { page: 2, limit: 20, total: 21, totalPages: 2 };
      const { api, requests } = fakeApi(
        answer(200, { data: [delivery], meta }),
        answer(202, { data: { ...delivery, status: 'pending' } }),
        answer(202, { data: delivery }),
        answer(202, { data: { status: 'pending', attempts: 0, lastError: null } }),
      );
      expect(await api.webhooks.deliveries('w1', 'failed', 2)).to.deep.equal({
        kind: 'ok',
        item: { data: { items: [delivery], meta }, etag: undefined },
      });
      await api.webhooks.redeliver('w1', 'd1');
      await api.webhooks.ping('w1');
      await api.notifications.notify('m1');
      expect(requests.map((r) => `${r.method} ${r.url.replace(BASE_URL, '')}`)).to.deep.equal([
        'GET /api/v1/webhooks/w1/deliveries?status=failed&page=2&limit=20',
        'POST /api/v1/webhooks/w1/deliveries/d1/redeliver',
        'POST /api/v1/webhooks/w1/ping',
        'POST /api/v1/messages/m1/notify',
      ]);
    });

    it('when a URL is refused, then the problem names the field', async () => {
      const { api } = fakeApi(
        answer(400, problem(400, 'validation-error', '1 field is invalid', [{ path: 'url', message: 'Must not…' }])),
      );
      const result = await api.webhooks.create(newWebhookBody({ ...EMPTY_WEBHOOK, url: 'https://10.0.0.1/' }));
      expect(result).to.deep.include({ kind: 'invalid' });
      expect(result.kind === 'invalid' && result.errors).to.deep.equal({ url: ['Must not…'] });
    });
  });

  describe('rendered', () => {
    it('when a secret is shown, then it is in a read-only field with the warning that it is shown once', () => {
      const document = dom(h(SecretShownOnce, { secret: SECRET, onDismiss: noop }));
      const input = document.querySelector('input#webhook-secret')!;
      expect(input.getAttribute('value')).to.equal(SECRET);
      expect(input.hasAttribute('readonly')).to.equal(true);
      expect(document.querySelector('label[for=webhook-secret]')).not.to.equal(null);
      expect(document.querySelector('.secret p')!.textContent).to.include('It is not shown again');
    });

    it("when a message's email failed, then the panel says so with its attempts and error, and offers to send again", () => {
      const notification = { status: 'failed' as const, attempts: 8, lastError: 'connect ECONNREFUSED' };
      const document = dom(inConsole(h(NotificationPanel, { messageId: 'm1', notification, onChanged: noop })));
      expect(document.querySelector('.status')!.textContent).to.equal('Failed');
      expect(document.querySelector('.notification')!.textContent).to.include('8 attempts');
      expect(document.querySelector('.notification')!.textContent).to.include('Last error: connect ECONNREFUSED');
      expect(document.querySelector('button')!.textContent).to.equal('Send the email again');
    });

    it('when email is not configured (notification null), then the panel shows nothing', () => {
      expect(
        render(inConsole(h(NotificationPanel, { messageId: 'm1', notification: null, onChanged: noop }))),
      ).to.equal('');
    });

    it('when a new webhook is opened, then the form has the URL, both events, the description and the window', () => {
      const document = dom(inConsole(h(WebhookEditorPage, { id: undefined })));
      expect(document.querySelector('h1')!.textContent).to.equal('New webhook');
      for (const id of ['url', 'event-content.changed', 'event-contact.received', 'description', 'debounceSeconds']) {
        expect(document.querySelector(`[id="${id}"]`), id).not.to.equal(null);
      }
      expect(document.querySelector('[id="event-content.changed"]')!.hasAttribute('checked')).to.equal(true);
      expect(document.querySelector('button[type=submit]')!.textContent).to.equal('Create webhook');
    });

    it('when a delivery was tried, then its last attempt reads as the status or the error, with its duration', () => {
      expect(lastAttemptOf(delivery)).to.match(/^HTTP 500 \(.+, 42 ms\)$/);
      expect(
        lastAttemptOf({
          ...delivery,
          lastAttempt: { ...delivery.lastAttempt, statusCode: null, error: 'No answer within 10 s' },
        }),
      ).to.match(/^No answer within 10 s \(/);
      expect(lastAttemptOf({ ...delivery, lastAttempt: null })).to.equal('Not tried yet');
    });
  });
});
