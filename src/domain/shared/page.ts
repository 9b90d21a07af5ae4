export interface PageRequest {
  readonly page: number;
  readonly limit: number;
}

/** A slice of an ordered result plus the size of the whole result. */
export interface Slice<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface Page<T> extends Slice<T>, PageRequest {
  readonly totalPages: number;
}

export function toPage<T>(slice: Slice<T>, request: PageRequest): Page<T> {
  const { page, limit } = request;
  return { items: slice.items, total: slice.total, page, limit, totalPages: Math.ceil(slice.total / limit) };
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.limit;
}
