import { createHash } from 'node:crypto';
import { canonicalJson, writeCanonicalJson } from '../ir/canonical.js';

/**
 * The content hash of an IR: sha256 of the canonical JSON of everything except the hash itself. `presorted` names
 * array properties whose objects were built with sorted keys (see writeCanonicalJson); compilePlan passes its
 * assignments, and test/dsl/compile.test.ts checks that the hash is the same without it.
 */
export function hashIr(ir: object, presorted?: ReadonlySet<string>): string {
  const { hash: _hash, ...rest } = ir as { hash?: string };
  const hash = createHash('sha256');
  if (writeCanonicalJson(rest, (text) => hash.update(text), presorted)) return hash.digest('hex');
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
