import type { ContactOutcomes } from '../../domain/messages/contact-outcomes.js';

/**
 * The metrics, as the HTTP layer records and serves them. Implemented by
 * adapters/metrics, handed in by the composition root (adapters do not import
 * each other). Present only while metrics are on (METRICS_TOKEN).
 */
export interface HttpMetrics extends ContactOutcomes {
  /**
   * One answered request: the declared path of the route that answered it
   * (`unknown` when none matched), its method and status, and its duration.
   */
  requestAnswered(route: string, method: string, status: number, seconds: number): void;
  /** Every metric in the Prometheus text format, with its media type. */
  exposition(): Promise<{ readonly text: string; readonly contentType: string }>;
}
