/** Every stored entity carries a version that each write increments (optimistic concurrency). */
export interface Versioned {
  readonly version: number;
}
