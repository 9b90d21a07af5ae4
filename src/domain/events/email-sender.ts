import type { AttemptOutcome } from './delivery.js';
import type { ContactReceivedData } from './event.js';

/** Emails one contact message to the owner (never to the visitor). Never rejects: a failure is an outcome. */
export interface EmailSender {
  send(message: ContactReceivedData, signal?: AbortSignal): Promise<AttemptOutcome>;
}
