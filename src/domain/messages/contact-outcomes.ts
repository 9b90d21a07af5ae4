/**
 * How one contact submission ended:
 *
 * - `accepted`: stored;
 * - `rate-limited`: refused, the client sent too many;
 * - `invalid`: refused, its body did not validate (told by the adapter that
 *   validates it: such a submission never reaches the service);
 * - `captcha-failed`: refused, the human check found no person;
 * - `honeypot`: refused, caught by the honeypot (answered as if accepted);
 * - `captcha-unavailable`: not stored, the human check could not be made;
 * - `error`: not stored, storing it failed.
 */
export type ContactOutcome =
  'accepted' | 'rate-limited' | 'invalid' | 'captcha-failed' | 'honeypot' | 'captcha-unavailable' | 'error';

/** Told how each contact submission ended (the metrics count them). */
export interface ContactOutcomes {
  record(outcome: ContactOutcome): void;
}
