import { useState } from 'preact/hooks';
import type { Webhook } from '../api/event-resources.js';
import { errorsFor } from '../api/problem.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { bindFields, CheckboxField, TextField } from '../components/fields.js';
import { ResourceEditor } from '../components/resource-editor.js';
import { SecretShownOnce } from '../components/secret-shown-once.js';
import { endsSession, useConsole } from '../console-context.js';
import {
  EMPTY_WEBHOOK,
  EVENT_CHOICES,
  newWebhookBody,
  WEBHOOK_FIELDS,
  webhookPatch,
  webhookValues,
  type WebhookValues,
} from '../forms/webhook-form.js';
import { hrefOf } from '../routes.js';
import { PageHeader } from './page-header.js';

/** Create or edit a webhook; turn it on or off, rotate its secret, ping it, delete it. */
export function WebhookEditorPage({ id }: { id?: string }) {
  const context = useConsole();
  const { api, navigate } = context;
  /** The secret of the last create or rotation, until the owner says it is copied. */
  const [secret, setSecret] = useState<string>();
  const [pinged, setPinged] = useState<string>();
  /** The id of a webhook created on this page: the page stays, and now edits it. */
  const [createdId, setCreatedId] = useState<string>();
  const webhookId = id ?? createdId;

  const ping = async (target: string) => {
    const result = await api.webhooks.ping(target);
    if (result.kind === 'ok') setPinged('A webhook.ping event is on its way.');
    else if (!endsSession(result, context)) setPinged(result.message);
  };

  return (
    <section>
      <PageHeader
        title={webhookId === undefined ? 'New webhook' : 'Edit webhook'}
        back={{ label: 'Webhooks', route: { page: 'webhooks' } }}
      >
        {webhookId !== undefined && (
          <a class="button button-secondary" href={hrefOf({ page: 'deliveries', key: webhookId, pageNumber: 1 })}>
            Deliveries
          </a>
        )}
      </PageHeader>
      {secret && <SecretShownOnce secret={secret} onDismiss={() => setSecret(undefined)} />}
      {pinged && webhookId !== undefined && (
        <p role="status">
          {pinged} <a href={hrefOf({ page: 'deliveries', key: webhookId, pageNumber: 1 })}>See the deliveries</a>
        </p>
      )}
      <ResourceEditor<Webhook, WebhookValues>
        noun="webhook"
        itemKey={id}
        keyOf={(webhook) => webhook.id}
        load={(key) => api.webhooks.get(key)}
        empty={EMPTY_WEBHOOK}
        toValues={webhookValues}
        save={async (values, item) => {
          if (item) return api.webhooks.patch(item.data.id, webhookPatch(values), item.etag);
          const created = await api.webhooks.create(newWebhookBody(values));
          if (created.kind === 'ok') {
            setSecret(created.item.data.secret);
            setCreatedId(created.item.data.id);
          }
          return created;
        }}
        remove={(item) => api.webhooks.delete(item.data.id, item.etag)}
        onSaved={(item, created) => {
          if (created) navigate({ page: 'webhook', key: item.data.id }, { replace: true });
        }}
        onRemoved={() => navigate({ page: 'webhooks' })}
        fields={Object.values(WEBHOOK_FIELDS)}
        actions={(item, run, busy) => (
          <>
            <button
              type="button"
              class="button button-secondary"
              disabled={busy}
              onClick={() =>
                run(
                  () => api.webhooks.patch(item.data.id, { active: !item.data.active }, item.etag),
                  item.data.active
                    ? 'The webhook is off: its deliveries wait until it is on again.'
                    : 'The webhook is on.',
                )
              }
            >
              {item.data.active ? 'Deactivate' : 'Activate'}
            </button>
            <button
              type="button"
              class="button button-secondary"
              disabled={busy}
              onClick={() => void ping(item.data.id)}
            >
              Send a test event
            </button>
            <ConfirmButton
              label="Rotate secret"
              question="Sign every delivery with a new secret from now on?"
              disabled={busy}
              onConfirm={() =>
                run(async () => {
                  const rotated = await api.webhooks.rotateSecret(item.data.id, item.etag);
                  if (rotated.kind === 'ok') setSecret(rotated.item.data.secret);
                  return rotated;
                }, 'The secret was replaced.')
              }
            />
          </>
        )}
        renderFields={(values, errors, set) => {
          const field = bindFields(values, errors, set);
          return (
            <>
              <TextField
                {...field('url')}
                label="Address (URL)"
                type="url"
                required
                hint="https. A build hook of Netlify, Vercel or Cloudflare Pages works as it is."
              />
              <fieldset class="fieldset">
                <legend>Events</legend>
                {EVENT_CHOICES.map(([type, label, hint]) => (
                  <CheckboxField
                    key={type}
                    id={`event-${type}`}
                    label={label}
                    hint={hint}
                    checked={values.events.includes(type)}
                    errors={[]}
                    onValue={(checked) =>
                      set({
                        ...values,
                        events: EVENT_CHOICES.map(([choice]) => choice).filter((choice) =>
                          choice === type ? checked : values.events.includes(choice),
                        ),
                      })
                    }
                  />
                ))}
                {errorsFor(errors, 'events').length > 0 && (
                  <ul class="field-errors">
                    {errorsFor(errors, 'events').map((message, index) => (
                      <li key={index}>{message}</li>
                    ))}
                  </ul>
                )}
              </fieldset>
              <TextField {...field('description')} label="Description" hint="What it is for, up to 200 characters." />
              <TextField
                {...field('debounceSeconds')}
                label="Group changes over (seconds)"
                type="number"
                min={0}
                max={3600}
                hint="Content changes made within this time after the first are sent together: one site build, not ten. 0 sends each at once."
              />
            </>
          );
        }}
      />
    </section>
  );
}
