import { createHash } from 'node:crypto';
import { canonicalJson, writeCanonicalJson } from '../ir/canonical.js';

/** The content hash of an IR: sha256 of the canonical JSON of everything except the hash itself. */
export function hashIr(ir: object): string {
  const { hash: _hash, ...rest } = ir as { hash?: string };
  const hash = createHash('sha256');
  if (writeCanonicalJson(rest, (text) => hash.update(text))) return hash.digest('hex');
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
