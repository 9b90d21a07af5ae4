/** What readiness and shutdown need from whichever storage is configured. */
export interface StorageHealth {
  /** Resolves when storage answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
