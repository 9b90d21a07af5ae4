export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Counts contact submissions per client; shared between instances when the adapter is. */
export interface ContactRateLimiter {
  consume(clientKey: string): Promise<RateDecision>;
}
