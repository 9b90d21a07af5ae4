import { monotonicFactory } from 'ulid';
import type { IdGenerator } from '../../domain/shared/id-generator.js';

/** ULIDs sort by creation time, which keeps "newest first" orderings stable for equal timestamps. */
export class UlidIdGenerator implements IdGenerator {
  private readonly ulid = monotonicFactory();

  next(): string {
    return this.ulid();
  }
}
