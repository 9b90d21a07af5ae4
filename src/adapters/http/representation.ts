import { etagOf } from './etag.js';

/**
 * JSON bodies serialised once and reused. Entities are immutable: a change
 * replaces the object, never edits it. So the JSON of an entity can be kept
 * with the object itself, and a body made of the same objects in the same
 * order is the same bytes with the same ETag. Storage that builds new objects
 * on every read (PostgreSQL) simply never hits these caches.
 *
 * The bytes are exactly `JSON.stringify` of the presented value, so the ETag
 * is still the hash of the exact JSON a GET sends.
 */

/** A body ready to send: its UTF-8 bytes and their strong ETag. */
export interface Rendered {
  readonly bytes: Buffer;
  readonly etag: string;
}

export function renderJson(json: string): Rendered {
  const bytes = Buffer.from(json, 'utf8');
  return { bytes, etag: etagOf(bytes) };
}

type Present<T> = (entity: T) => unknown;

interface EntityJson {
  /** `JSON.stringify(present(entity))`: a fragment of larger bodies. */
  readonly fragment: string;
  /** `{"data": …}`: the entity as a resource of its own. */
  resource?: Rendered;
}

const byPresenter = new Map<Present<never>, WeakMap<object, EntityJson>>();

function entityJson<T extends object>(entity: T, present: Present<T>): EntityJson {
  let cache = byPresenter.get(present);
  if (!cache) {
    cache = new WeakMap();
    byPresenter.set(present, cache);
  }
  let entry = cache.get(entity);
  if (!entry) {
    entry = { fragment: JSON.stringify(present(entity)) };
    cache.set(entity, entry);
  }
  return entry;
}

/** The JSON of one presented entity. */
export function fragmentOf<T extends object>(entity: T, present: Present<T>): string {
  return entityJson(entity, present).fragment;
}

/** `{ "data": present(entity) }`, rendered. */
export function resourceOf<T extends object>(entity: T, present: Present<T>): Rendered {
  const entry = entityJson(entity, present);
  entry.resource ??= renderJson(`{"data":${entry.fragment}}`);
  return entry.resource;
}

/**
 * A response body that knows its JSON. `parts` lists everything the JSON is
 * made of (entity objects, counts, names), so that an equal list — the same
 * objects in the same order — is known to give the same bytes.
 */
export class JsonBody {
  private done?: Rendered;

  constructor(
    private readonly make: () => Rendered,
    /** Names the slot of the body memo; parts decide whether it hits. */
    readonly slot?: string,
    readonly parts?: readonly unknown[],
  ) {}

  static of(rendered: Rendered): JsonBody {
    const body = new JsonBody(() => rendered);
    body.done = rendered;
    return body;
  }

  render(): Rendered {
    if (!this.done) this.done = this.slot !== undefined && this.parts ? memoized(this) : this.make();
    return this.done;
  }

  /** Koa's own serialisation, should a body ever get there: the same JSON. */
  toJSON(): unknown {
    return JSON.parse(this.render().bytes.toString('utf8'));
  }

  /** @internal */
  build(): Rendered {
    return this.make();
  }
}

/**
 * The last rendering per slot (a URL), with the parts it was made of. Bounded
 * in entries and bytes; whatever falls out is rebuilt on demand.
 */
const MEMO_ENTRIES = 128;
const MEMO_BYTES = 32 * 1024 * 1024;
const memo = new Map<string, { parts: readonly unknown[]; rendered: Rendered }>();
let memoBytes = 0;

function memoized(body: JsonBody): Rendered {
  const slot = body.slot!;
  const parts = body.parts!;
  const hit = memo.get(slot);
  if (hit && sameParts(hit.parts, parts)) {
    memo.delete(slot);
    memo.set(slot, hit);
    return hit.rendered;
  }
  const rendered = body.build();
  if (hit) {
    memo.delete(slot);
    memoBytes -= hit.rendered.bytes.length;
  }
  if (rendered.bytes.length <= MEMO_BYTES / 4) {
    memo.set(slot, { parts, rendered });
    memoBytes += rendered.bytes.length;
    for (const [oldest, entry] of memo) {
      if (memo.size <= MEMO_ENTRIES && memoBytes <= MEMO_BYTES) break;
      memo.delete(oldest);
      memoBytes -= entry.rendered.bytes.length;
    }
  }
  return rendered;
}

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
