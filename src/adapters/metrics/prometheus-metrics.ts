import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ContactOutcome } from '../../domain/messages/contact-outcomes.js';

export interface PrometheusMetricsOptions {
  /**
   * How many events wait in the outbox to be delivered. Absent: there is no
   * outbox, and `portfolio_outbox_backlog` is not in the output at all.
   */
  readonly outboxBacklog?: () => Promise<number>;
}

/** What one storage operation's observations go to, its label already bound. */
export interface OperationRecorder {
  observe(seconds: number): void;
  failed(): void;
}

/** Seconds; requests served from memory take well under a millisecond, a slow database up to seconds. */
const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Each outcome of a contact submission as the labels of `portfolio_contact_messages_total`. */
const CONTACT_LABELS: Record<ContactOutcome, { outcome: string; reason?: string }> = {
  accepted: { outcome: 'accepted' },
  'rate-limited': { outcome: 'rate_limited' },
  invalid: { outcome: 'refused', reason: 'validation' },
  'captcha-failed': { outcome: 'refused', reason: 'captcha' },
  honeypot: { outcome: 'refused', reason: 'honeypot' },
  'captcha-unavailable': { outcome: 'failed', reason: 'captcha_unavailable' },
  error: { outcome: 'failed', reason: 'error' },
};

interface Observer {
  observe(value: number): void;
}

let processMetrics: Registry | undefined;

/**
 * The Node.js process's own metrics, in a registry made once per process:
 * they describe the process, not one instance of the metrics, and each
 * collectDefaultMetrics starts an event-loop monitor and a GC observer of its
 * own that nothing can stop.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/**
 * The service's metrics in a registry of their own, in the Prometheus text
 * format. Every label value comes from a closed set (declared route paths,
 * the methods Node's parser accepts, statuses, the outcomes above, the
 * storage ports' operations), so no request can add series of its own.
 *
 * The series of each request's labels is looked up once and kept: a request
 * costs map lookups and the histogram's own observe, no label object.
 */
export class PrometheusMetrics {
  private readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Requests by the path template of the route that answered (unknown: none), method and status, and how long each took to answer; _count is the number of requests.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly contactMessages = new Counter({
    name: 'portfolio_contact_messages_total',
    help: 'Contact submissions by outcome: accepted, refused (reason: validation, captcha, honeypot), rate_limited, failed (reason: captcha_unavailable, error).',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly storageDuration = new Histogram({
    name: 'portfolio_storage_operation_duration_seconds',
    help: 'Storage operations by repository and method (projects.list, messages.create, …), and how long each took.',
    labelNames: ['operation'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly storageErrors = new Counter({
    name: 'portfolio_storage_operation_errors_total',
    help: 'Storage operations that failed (storage unavailable, or an unexpected error); a refusal such as a stale write or a taken slug is an answer, not an error.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  /** route → method → status → its series. */
  private readonly requestSeries = new Map<string, Map<string, Map<number, Observer>>>();
  /** What a scrape gets: the service's metrics and the process's. */
  private readonly exposed: Registry;

  constructor(options: PrometheusMetricsOptions = {}) {
    // Every outcome is there from the start, at 0, so that a rate over it is defined before the first message.
    for (const labels of Object.values(CONTACT_LABELS)) this.contactMessages.inc(labels, 0);
    const { outboxBacklog } = options;
    if (outboxBacklog) {
      new Gauge({
        name: 'portfolio_outbox_backlog',
        help: 'Events in the outbox not yet delivered (webhooks, notification emails).',
        registers: [this.registry],
        async collect() {
          try {
            this.set(await outboxBacklog());
          } catch {
            // No value rather than a stale or a zero one: the series is absent from this scrape.
            this.remove();
          }
        },
      });
    }
    // A merge copies the metrics registered so far: every one is by now.
    this.exposed = Registry.merge([this.registry, processRegistry()]);
  }

  requestAnswered(route: string, method: string, status: number, seconds: number): void {
    let byMethod = this.requestSeries.get(route);
    if (!byMethod) this.requestSeries.set(route, (byMethod = new Map<string, Map<number, Observer>>()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map<number, Observer>()));
    let series = byStatus.get(status);
    if (!series) byStatus.set(status, (series = this.requestDuration.labels(route, method, String(status))));
    series.observe(seconds);
  }

  record(outcome: ContactOutcome): void {
    this.contactMessages.inc(CONTACT_LABELS[outcome]);
  }

  /** The recorder of one storage operation, e.g. `projects.list`. */
  storageOperation(operation: string): OperationRecorder {
    const duration = this.storageDuration.labels(operation);
    const errors = this.storageErrors.labels(operation);
    return { observe: (seconds) => duration.observe(seconds), failed: () => errors.inc() };
  }

  async exposition(): Promise<{ text: string; contentType: string }> {
    return { text: await this.exposed.metrics(), contentType: this.exposed.contentType };
  }
}
