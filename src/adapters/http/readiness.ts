import type { StorageHealth } from '../../domain/storage/storage.js';

export type ReadinessState = 'ready' | 'stopping' | 'storage-unavailable';

/** Something the service works without, less well (e.g. the shared rate limit): reported, never a 503. */
export interface OptionalDependency {
  readonly name: string;
  degraded(): boolean;
}

/** Whether this instance should get traffic: not while stopping, not while storage is down. */
export class Readiness {
  private stopping = false;

  constructor(
    private readonly storage: StorageHealth,
    private readonly timeoutMs = 2000,
    private readonly optional: readonly OptionalDependency[] = [],
  ) {}

  /** The names of the optional dependencies that are down now. */
  degraded(): string[] {
    return this.optional.filter((dependency) => dependency.degraded()).map((dependency) => dependency.name);
  }

  markStopping(): void {
    this.stopping = true;
  }

  async check(): Promise<ReadinessState> {
    if (this.stopping) return 'stopping';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('storage ping timed out')), this.timeoutMs);
    });
    try {
      await Promise.race([this.storage.ping(), timeout]);
      return 'ready';
    } catch {
      return 'storage-unavailable';
    } finally {
      clearTimeout(timer);
    }
  }
}
