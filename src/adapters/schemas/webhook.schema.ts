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

/** http too: a webhook made while WEBHOOK_ALLOW_PRIVATE=true stays loadable when the flag is turned off. */
const storedUrl = v.pipe(
  v.string('Must be a string'),
  STORABLE_TEXT,
  maxChars(WEBHOOK_URL_MAX_LENGTH),
  v.check((value) => /^https?:\/\//.test(value) && URL.canParse(value), 'Must be an http or https URL'),
);

export const webhookSecret = v.pipe(
  v.string('Must be a string'),
  v.regex(/^whsec_[A-Za-z0-9+/]{43}=$/, 'Must be whsec_ followed by the base64 of 32 bytes'),
);

export const StoredWebhookSchema = v.strictObject(
  {
    id,
    url: storedUrl,
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
