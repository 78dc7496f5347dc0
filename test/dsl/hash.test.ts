import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashIr } from '../../dsl/compile/hash.js';

function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays data
    return Object.fromEntries(
      Object.keys(v)
        .reverse()
        .map((k) => [k, reverseKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

describe('canonical JSON and the IR hash', () => {
  it('keeps the data and does not depend on the order of keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalJson(reverseKeys(v))).toBe(canonicalJson(v));
      }),
      { numRuns: 1000, seed: 20271 },
    );
  });

  it('does not depend on key order (as after a jsonb round trip), and ignores the hash field', () => {
    const a = { irVersion: 1, plan: { year: 2027, code: 'x' }, list: [{ b: 1, a: 2 }] };
    const b = { list: [{ a: 2, b: 1 }], plan: { code: 'x', year: 2027 }, irVersion: 1, hash: 'ignored' };
    expect(hashIr(a)).toBe(hashIr(b));
    expect(hashIr(a)).not.toBe(hashIr({ ...a, plan: { year: 2028, code: 'x' } }));
  });
});
