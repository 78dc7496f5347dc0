import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashIr } from '../../dsl/compile/hash.js';
import { canonicalJson, writeCanonicalJson } from '../../dsl/ir/canonical.js';

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

  it('sorts keys the same way whatever the shapes, integer-like keys, "__proto__" and toJSON', () => {
    expect(canonicalJson([{ b: 1, a: 2 }, { a: 1, b: 2 }, { c: 1 }, { b: [{ y: 1, x: 2 }], a: 0 }])).toBe(
      '[{"a":2,"b":1},{"a":1,"b":2},{"c":1},{"a":0,"b":[{"x":2,"y":1}]}]',
    );
    expect(canonicalJson({ a: 1, 10: 2, 2: 3 })).toBe('{"10":2,"2":3,"a":1}');
    expect(canonicalJson(JSON.parse('{"z":[{"__proto__":{"b":1,"a":2}}],"a":1}'))).toBe(
      '{"a":1,"z":[{"__proto__":{"a":2,"b":1}}]}',
    );
    expect(canonicalJson({ a: Object(3), b: { c: Object(true) } })).toBe('{"a":{},"b":{"c":{}}}');
    const withJson = { toJSON: () => ({ b: new Date(0), a: undefined }) };
    expect(canonicalJson({ x: withJson, f: () => 1, u: undefined, l: [undefined, 1] })).toBe(
      '{"l":[null,1],"x":{"b":"1970-01-01T00:00:00.000Z"}}',
    );
  });

  it('writes the same text in pieces as in one string', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (v) => {
        let text = '';
        if (writeCanonicalJson(v, (piece) => (text += piece))) expect(text).toBe(canonicalJson(v));
      }),
      { numRuns: 500, seed: 20272 },
    );
  });

  it('hashes the canonical text (a stored IR keeps its hash)', () => {
    // sha256 of '{"irVersion":1,"list":[{"a":2,"b":1}],"plan":{"code":"x","year":2027}}'
    expect(hashIr({ plan: { year: 2027, code: 'x' }, list: [{ b: 1, a: 2 }], irVersion: 1 })).toBe(
      createHash('sha256')
        .update('{"irVersion":1,"list":[{"a":2,"b":1}],"plan":{"code":"x","year":2027}}')
        .digest('hex'),
    );
  });
});
