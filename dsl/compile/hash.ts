import { createHash } from 'node:crypto';

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
 * JSON with object keys sorted at every level (JSON.stringify's rules otherwise): the same data gives the same
 * text whatever the key order, e.g. after a round trip through PostgreSQL jsonb.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

/** The content hash of an IR: sha256 of the canonical JSON of everything except the hash itself. */
export function hashIr(ir: object): string {
  const { hash: _hash, ...rest } = ir as { hash?: string };
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
