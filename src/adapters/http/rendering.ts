import { etagOf } from './etag.js';

/**
 * JSON made once and reused, keyed by what it was made from. Entities are
 * immutable: a change replaces the object, never edits it. So what an entity
 * is presented as, and the JSON of that, can be kept with the entity object
 * itself (WeakMaps: they go when the entity does), and a body that is made of
 * the same objects is the same bytes with the same ETag. Storage that builds
 * new objects on every read (PostgreSQL) never hits the per-entity caches; a
 * body made of equal values is still reused (`keptFor`).
 *
 * The bytes are exactly `JSON.stringify` of the presented value, so the ETag
 * is still the hash of the exact JSON a GET sends.
 */

/** A body ready to send: its bytes and their strong ETag. */
export interface Rendered {
  readonly bytes: Buffer;
  readonly etag: string;
}

/** The ETag is hashed when first asked for: a body sent without one (a script of /docs) is never hashed. */
class RenderedBody implements Rendered {
  #etag: string | undefined;

  constructor(readonly bytes: Buffer) {}

  get etag(): string {
    return (this.#etag ??= etagOf(this.bytes));
  }
}

export function rendered(body: string | Buffer): Rendered {
  return new RenderedBody(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

/** Presentations made by a `perEntity` presenter, with their JSON once it is written. */
const jsonOfPresented = new WeakMap<object, string | undefined>();

/**
 * The presenter of an entity, kept per entity object: presenting the same
 * entity again gives the same (shared, never modified) object, whose JSON
 * `jsonOf` then writes only once.
 */
export function perEntity<T extends object, R extends object>(present: (entity: T) => R): (entity: T) => R {
  const presented = new WeakMap<T, R>();
  return (entity) => {
    let result = presented.get(entity);
    if (result === undefined) {
      result = present(entity);
      presented.set(entity, result);
      jsonOfPresented.set(result, undefined);
    }
    return result;
  };
}

/** `JSON.stringify(value)`, using the JSON already written for each presented entity inside it. */
export function jsonOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (!jsonOfPresented.has(value)) return write(value);
  let json = jsonOfPresented.get(value);
  if (json === undefined) {
    json = write(value);
    jsonOfPresented.set(value, json);
  }
  return json;
}

function write(value: object): string {
  if (Array.isArray(value)) return `[${value.map(jsonOf).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return jsonOf((value as { toJSON(): unknown }).toJSON());
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    members.push(`${JSON.stringify(key)}:${jsonOf(member)}`);
  }
  return `{${members.join(',')}}`;
}

const resources = new WeakMap<object, Rendered>();

/**
 * `{ "data": presented }`, rendered once per presented entity: what a GET of
 * it sends, and so what a write answers and an If-Match is compared with.
 */
export function resourceOf(presented: unknown): Rendered {
  const keep = typeof presented === 'object' && presented !== null && jsonOfPresented.has(presented);
  let resource = keep ? resources.get(presented) : undefined;
  if (!resource) {
    resource = rendered(`{"data":${jsonOf(presented)}}`);
    if (keep) resources.set(presented, resource);
  }
  return resource;
}

/**
 * The last body each maker (a route) rendered for each slot (a URL), with the
 * value it was made from. The same value again, object for object where they
 * are entities, field for field elsewhere, gives the same bytes: they are
 * reused rather than written and hashed again. Bounded in entries and bytes;
 * whatever falls out is rendered again on demand.
 */
const MEMO_ENTRIES = 128;
const MEMO_BYTES = 32 * 1024 * 1024;
const memo = new Map<string, { maker: object; source: unknown; rendered: Rendered }>();
let memoBytes = 0;

export function keptFor(maker: object, slot: string, source: unknown, render: () => Rendered): Rendered {
  const hit = memo.get(slot);
  if (hit && hit.maker === maker && sameValue(hit.source, source)) {
    memo.delete(slot);
    memo.set(slot, hit);
    return hit.rendered;
  }
  const fresh = render();
  if (hit) {
    memo.delete(slot);
    memoBytes -= hit.rendered.bytes.length;
  }
  if (fresh.bytes.length <= MEMO_BYTES / 4) {
    memo.set(slot, { maker, source, rendered: fresh });
    memoBytes += fresh.bytes.length;
    for (const [oldest, entry] of memo) {
      if (memo.size <= MEMO_ENTRIES && memoBytes <= MEMO_BYTES) break;
      memo.delete(oldest);
      memoBytes -= entry.rendered.bytes.length;
    }
  }
  return fresh;
}

/** Equal as the JSON they give: the same object, or the same members in the same order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== others[i] || !sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
      return false;
  }
  return true;
}
