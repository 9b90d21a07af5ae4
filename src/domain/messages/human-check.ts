import { DomainError } from '../shared/errors.js';

/** What the human check said about one submission. */
export type HumanCheckVerdict =
  | { readonly outcome: 'person' }
  /** The token is missing, invalid, expired or already used: the provider's error codes say which. */
  | { readonly outcome: 'not-a-person'; readonly errorCodes: readonly string[] }
  /** The provider could not be asked, or did not give a verdict: `reason` says why, for the log. */
  | { readonly outcome: 'unavailable'; readonly reason: string };

/**
 * "Is this submission from a person?", asked of a human-check provider with
 * the answer its widget gave the visitor. Asked once per submission; a second
 * asking of the same token is a reuse, which the provider refuses.
 */
export interface HumanCheck {
  /** `token` is what the client sent, if anything; `clientAddress` is the client's IP address. */
  verify(token: string | undefined, clientAddress: string): Promise<HumanCheckVerdict>;
}

export class HumanCheckFailedError extends DomainError {
  readonly code = 'captcha-failed';
  constructor(readonly errorCodes: readonly string[]) {
    // The provider's codes tell a front end's developer what went wrong (`timeout-or-duplicate`: expired or reused).
    const codes = errorCodes.length > 0 ? ` (${errorCodes.join(', ')})` : '';
    super(`The human check failed${codes}; solve the widget again and send its new answer`);
  }
}

/** The form fails closed: without a verdict nothing is stored, and the client may try again. */
export class HumanCheckUnavailableError extends DomainError {
  readonly code = 'service-unavailable';
  /** A provider that is down or slow is usually back within seconds; the visitor's token may not outlive minutes. */
  readonly retryAfterSeconds = 30;
}
