import * as v from 'valibot';
import { MESSAGE_STATUSES } from '../../domain/messages/message.js';
import { email, id, line, maxChars, prose, timestamp, version } from './fields.js';

const CAPTCHA_TOKEN_MAX_CHARS = 16_384;

const status = v.picklist(MESSAGE_STATUSES, 'Must be new, read or archived');

export const ContactInputSchema = v.strictObject(
  {
    name: line(1, 100),
    email,
    subject: v.optional(line(0, 150)),
    message: prose(5000, 10),
    /** The honeypot: see isSpam. */
    website: v.optional(v.pipe(v.string('Must be a string'), maxChars(2000))),
    captchaToken: v.optional(
      v.pipe(
        v.string('Must be a string'),
        // Turnstile's answers are at most 2,048 characters; hCaptcha's have been seen past 4,000.
        maxChars(CAPTCHA_TOKEN_MAX_CHARS),
        v.description(
          "The answer of the human-check widget (Cloudflare Turnstile or hCaptcha) on the sender's page. Required when the service's human check is on: missing, invalid, expired or already used, the message is refused with `400` `captcha-failed`. While it is off the field is accepted and ignored. It is never stored.",
        ),
      ),
    ),
  },
  'Unknown field',
);
export const MessageStatusPatchSchema = v.strictObject({ status }, 'Unknown field');
export const MESSAGE_READ_ONLY = ['id', 'receivedAt'] as const;

export const StoredMessageSchema = v.strictObject(
  {
    id,
    name: line(1, 100),
    email,
    subject: v.optional(line(0, 150)),
    message: prose(5000, 10),
    status,
    receivedAt: timestamp,
    version,
  },
  'Unknown field',
);
