/** Optional fields are absent rather than `undefined`, so every adapter stores and returns the same thing. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
