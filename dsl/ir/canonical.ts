// Canonical JSON: JSON.stringify's text with the keys of every object sorted, so the same data gives the same text
// whatever the key order (after a round trip through PostgreSQL jsonb, say). The IR hash (dsl/compile/hash.ts) and
// the amendment diff (diff.ts) both read it. Pure and without imports, so it is also safe in the workflow sandbox.
// Hand-written rather than the RFC 8785 library `canonicalize`: docs/ir.md, "Canonical JSON".

/** The slow path, one object at a time: for data a sorted copy cannot carry (integer-like keys, "__proto__"). */
function write(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return write(withJson.toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const v = write((value as Record<string, unknown>)[key]);
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The sorted key order of the objects met at one place of the tree (the same property of every element of a
 * list, say). Objects there nearly always have the same keys in the same order, so the order is sorted once
 * and reused while Object.keys gives the same list.
 */
interface Slot {
  keys: string[] | undefined;
  sorted: string[];
  /** Whether `keys` are already in sorted order: such an object is only copied if a value is. */
  inOrder: boolean;
  children: Slot[];
  item: Slot | undefined;
}

function newSlot(): Slot {
  return { keys: undefined, sorted: [], inOrder: false, children: [], item: undefined };
}

/**
 * Keys a copy cannot carry in sorted order: integer-like keys (objects list them first, in numeric order)
 * and "__proto__" (assigning it sets the prototype).
 */
const UNSAFE_KEY = /^(?:\d+|__proto__)$/;

class UnsafeKey extends Error {}

function isPlain(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a JSON-like value whose objects have their keys in sorted order (toJSON applied as write() does),
 * so that JSON.stringify of the copy is the canonical JSON. Arrays without objects are shared, not copied.
 */
function sortedCopy(value: unknown, slot: Slot): unknown {
  if (!isPlain(value)) return value;
  let v: object = value;
  while (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    const next = (v as { toJSON: () => unknown }).toJSON();
    if (!isPlain(next)) return next;
    v = next;
  }
  if (Array.isArray(v)) {
    const n = v.length;
    let i = 0;
    while (i < n && !isPlain(v[i])) i++;
    if (i === n) return v;
    const item = (slot.item ??= newSlot());
    const out = new Array<unknown>(n);
    for (let j = 0; j < n; j++) out[j] = sortedCopy(v[j], item);
    return out;
  }
  const plain = isPlainObject(v);
  const cached = slot.keys;
  let same = false;
  if (plain && cached !== undefined) {
    // The keys of a plain object, compared in place: for…in lists its own keys as Object.keys does (nothing
    // is inherited from Object.prototype or null) without making an array of them.
    let i = 0;
    same = true;
    for (const key in v) {
      if (key !== cached[i++]) {
        same = false;
        break;
      }
    }
    if (i !== cached.length) same = false;
  }
  if (!same) {
    const keys = Object.keys(v);
    same = cached !== undefined && cached.length === keys.length;
    for (let i = 0; same && i < keys.length; i++) same = keys[i] === cached![i];
  }
  if (!same) {
    const keys = Object.keys(v);
    if (keys.some((k) => UNSAFE_KEY.test(k))) throw new UnsafeKey();
    slot.keys = keys;
    slot.sorted = [...keys].sort();
    slot.inOrder = slot.sorted.every((k, i) => k === keys[i]);
    slot.children = slot.sorted.map(() => newSlot());
  }
  const { sorted, children } = slot;
  const record = v as Record<string, unknown>;
  // Only plain objects are shared: JSON.stringify would read a boxed number or string as its value.
  if (slot.inOrder && plain) {
    // Shared unless a value changes; then a copy of the keys so far, in the same order.
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i]!;
      const value = record[key];
      const copy = sortedCopy(value, children[i]!);
      if (out) out[key] = copy;
      else if (copy !== value) {
        out = {};
        for (let j = 0; j < i; j++) out[sorted[j]!] = record[sorted[j]!];
        out[key] = copy;
      }
    }
    return out ?? v;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i]!;
    out[key] = sortedCopy(record[key], children[i]!);
  }
  return out;
}

/**
 * JSON with object keys sorted at every level (JSON.stringify's rules otherwise): the same data gives the same
 * text whatever the key order, e.g. after a round trip through PostgreSQL jsonb.
 */
export function canonicalJson(value: unknown): string {
  // Fast path: JSON.stringify of a key-sorted copy. Data with keys a copy cannot order takes the slow path.
  let copy: unknown;
  try {
    copy = sortedCopy(value, newSlot());
  } catch (err) {
    if (!(err instanceof UnsafeKey)) throw err;
    return write(value) ?? 'null';
  }
  return JSON.stringify(copy) ?? 'null';
}

/**
 * Feeds `update` the canonical JSON of a plain object, in pieces: the text of each element of its array-valued
 * properties on its own (JSON.stringify of that element's key-sorted copy), so that the copy of one assignment is
 * garbage before the next is made, instead of a copy of the whole IR and one string of its size. The pieces put
 * together are exactly canonicalJson(value). Anything else (a toJSON, a key a copy cannot order) returns false
 * before or while writing, and the caller starts over with canonicalJson.
 */
export function writeCanonicalJson(
  value: Record<string, unknown>,
  update: (text: string) => void,
  /**
   * Array-valued properties whose elements the caller built with the keys of every object in sorted order (the
   * compiler's assignments): their elements' JSON.stringify is already canonical, so no sorted copy is made.
   */
  presorted?: ReadonlySet<string>,
): boolean {
  if (!isPlainObject(value) || typeof value.toJSON === 'function') return false;
  const keys = Object.keys(value);
  if (keys.some((k) => UNSAFE_KEY.test(k))) return false;
  keys.sort();
  let pending = '{';
  let first = true;
  const flush = () => {
    update(pending);
    pending = '';
  };
  try {
    for (const key of keys) {
      const v = value[key];
      if (Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
        pending += `${first ? '' : ','}${JSON.stringify(key)}:[`;
        first = false;
        const slot = newSlot();
        const sorted = presorted?.has(key) === true;
        for (let i = 0; i < v.length; i++) {
          const text = JSON.stringify(sorted ? v[i] : sortedCopy(v[i], slot)) as string | undefined;
          pending += `${i === 0 ? '' : ','}${text ?? 'null'}`;
          if (pending.length > 65_536) flush();
        }
        pending += ']';
        continue;
      }
      const text = JSON.stringify(sortedCopy(v, newSlot())) as string | undefined;
      if (text === undefined) continue;
      pending += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
      first = false;
    }
  } catch (err) {
    if (err instanceof UnsafeKey) return false;
    throw err;
  }
  pending += '}';
  flush();
  return true;
}
