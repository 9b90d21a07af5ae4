import { DomainError, StorageUnavailableError } from '../../domain/shared/errors.js';
import type { Storage } from '../../domain/storage/storage.js';
import type { OperationRecorder } from './prometheus-metrics.js';

/** Hands out the recorder of an operation such as `projects.list`. */
export type OperationRecorders = (operation: string) => OperationRecorder;

/**
 * The storage with every repository method timed, whatever the adapter, as
 * `<repository>.<method>`; what is not a repository (ping, close) is passed
 * through. A rejection counts as an error unless it is the domain's answer
 * (a stale write, a taken slug): storage being unavailable, or anything
 * unexpected, is one.
 */
export function instrumentStorage(storage: Storage, recorders: OperationRecorders): Storage {
  const instrumented: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(storage) as [string, unknown][]) {
    instrumented[name] = typeof part === 'object' && part !== null ? instrumentRepository(name, part, recorders) : part;
  }
  // Every member of the storage is there, each repository with the methods it had.
  return instrumented as unknown as Storage;
}

function instrumentRepository(name: string, repository: object, recorders: OperationRecorders): object {
  const instrumented: Record<string, unknown> = {};
  for (const method of methodNames(repository)) {
    const original = (repository as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]!;
    const recorder = recorders(`${name}.${method}`);
    instrumented[method] = async (...args: unknown[]): Promise<unknown> => {
      const started = performance.now();
      try {
        return await original.apply(repository, args);
      } catch (error) {
        if (isFailure(error)) recorder.failed();
        throw error;
      } finally {
        recorder.observe((performance.now() - started) / 1000);
      }
    };
  }
  return instrumented;
}

/** Its own methods and those of its classes, as a caller sees them. */
function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (
    let layer: object | null = target;
    layer !== null && layer !== Object.prototype;
    layer = Object.getPrototypeOf(layer) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(layer)) {
      if (key !== 'constructor' && typeof (target as Record<string, unknown>)[key] === 'function') names.add(key);
    }
  }
  return [...names];
}

const isFailure = (error: unknown): boolean =>
  !(error instanceof DomainError) || error instanceof StorageUnavailableError;
