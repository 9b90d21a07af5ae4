import * as v from 'valibot';
import { MESSAGE_STATUSES } from '../../domain/messages/message.js';
import { email, id, line, maxChars, prose, timestamp, version } from './fields.js';

const status = v.picklist(MESSAGE_STATUSES, 'Must be new, read or archived');

export const ContactInputSchema = v.strictObject(
  {
    name: line(1, 100),
    email,
    subject: v.optional(line(0, 150)),
    message: prose(5000, 10),
    /** The honeypot: see isSpam. */
    website: v.optional(v.pipe(v.string('Must be a string'), maxChars(2000))),
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
