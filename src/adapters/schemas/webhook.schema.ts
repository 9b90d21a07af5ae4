import * as v from 'valibot';
import { EVENT_TYPES } from '../../domain/events/event.js';
import {
  DEBOUNCE_MAX_SECONDS,
  WEBHOOK_DESCRIPTION_MAX_LENGTH,
  WEBHOOK_URL_MAX_LENGTH,
} from '../../domain/webhooks/webhook.js';
import { flag, id, line, maxChars, STORABLE_TEXT, timestamp, version } from './fields.js';

export const eventTypes = v.pipe(
  v.array(v.picklist(EVENT_TYPES, `Must be one of ${EVENT_TYPES.join(', ')}`), 'Must be an array'),
  v.minLength(1, 'Must name at least one event type'),
  v.maxLength(EVENT_TYPES.length, `Must have at most ${EVENT_TYPES.length} items`),
  v.check((events) => new Set(events).size === events.length, 'Must not name an event type twice'),
);

export const debounceSeconds = v.pipe(
  v.number('Must be a number'),
  v.integer('Must be a whole number'),
  v.minValue(0, `Must be between 0 and ${DEBOUNCE_MAX_SECONDS}`),
  v.maxValue(DEBOUNCE_MAX_SECONDS, `Must be between 0 and ${DEBOUNCE_MAX_SECONDS}`),
);

/**
 * An absolute http or https URL. Stored webhooks keep http (one made while
 * WEBHOOK_ALLOW_PRIVATE=true stays loadable when the flag is turned off); the
 * service's URL policy refuses http otherwise, and checks where a URL leads.
 */
export const webhookUrl = v.pipe(
  v.string('Must be a string'),
  STORABLE_TEXT,
  maxChars(WEBHOOK_URL_MAX_LENGTH),
  v.check((value) => /^https?:\/\/[^/?#]/i.test(value) && URL.canParse(value), 'Must be an https URL'),
);

export const webhookSecret = v.pipe(
  v.string('Must be a string'),
  v.regex(/^whsec_[A-Za-z0-9+/]{43}=$/, 'Must be whsec_ followed by the base64 of 32 bytes'),
);

const url = v.pipe(
  webhookUrl,
  v.description(
    'Where deliveries are POSTed. `https`; a host that is, or resolves to, a loopback, private, link-local or otherwise non-public address is refused (`400`), unless the service runs with `WEBHOOK_ALLOW_PRIVATE=true`, which also allows `http`.',
  ),
);

const description = line(0, WEBHOOK_DESCRIPTION_MAX_LENGTH);

const debounce = v.pipe(
  debounceSeconds,
  v.description(
    'For `content.changed`: changes made within this many seconds after the first one are sent as one delivery, listing them all in order, when the window ends. `0`: each change is sent at once.',
  ),
);

export const WebhookInputSchema = v.strictObject(
  {
    url,
    events: eventTypes,
    description: v.optional(description),
    debounceSeconds: v.optional(debounce, 0),
    active: v.optional(flag, true),
  },
  'Unknown field',
);

/** Any of the writable fields; a null description removes it. */
export const WebhookPatchSchema = v.strictObject(
  {
    url: v.optional(url),
    events: v.optional(eventTypes),
    description: v.optional(v.nullable(description)),
    debounceSeconds: v.optional(debounce),
    active: v.optional(flag),
  },
  'Unknown field',
);

export const WEBHOOK_READ_ONLY = ['id', 'secret', 'createdAt', 'updatedAt'] as const;

export const StoredWebhookSchema = v.strictObject(
  {
    id,
    url: webhookUrl,
    events: eventTypes,
    description: v.optional(line(0, WEBHOOK_DESCRIPTION_MAX_LENGTH)),
    debounceSeconds,
    active: flag,
    secret: webhookSecret,
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  },
  'Unknown field',
);
