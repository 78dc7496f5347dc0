import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}

/** The content hash of an IR: sha256 of the canonical JSON of everything except the hash itself. */
export function hashIr(ir: object): string {
  const { hash: _hash, ...rest } = ir as { hash?: string };
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
