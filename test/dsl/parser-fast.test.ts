import { readFileSync } from 'node:fs';
import type { CstElement, CstNode, IToken } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { lex } from '../../dsl/lexer/lexer.js';
import { parser, parseTokens } from '../../dsl/parser/parser.js';
import { planText } from './arbitraries.js';
import { FRAGMENTS, mutate, type Op } from './fuzz-core.js';
import { FIXTURES, PLANS, dondocFiles } from './helpers.js';

/**
 * Everything about a parse, as text: CST shape with key order, locations, token identity, errors. (Not the
 * prototype of `children`: Chevrotain's have none, the fast parser's are plain objects.)
 */
function dump(text: string, fast: boolean): string {
  const { tokens } = lex(text, 'x.dondoc');
  const index = new Map(tokens.map((t, i) => [t, i]));
  const result = parseTokens(tokens, { fast });
  const out: string[] = [];
  const element = (e: CstElement): void => {
    if ('image' in e) {
      out.push(`t${index.get(e as IToken) ?? `?${(e as IToken).image}`}`);
      return;
    }
    const n = e as CstNode;
    out.push(`(${n.name}`);
    out.push(JSON.stringify(Object.entries(n.location ?? {}).map(([k, v]) => `${k}=${String(v)}`)));
    out.push(Object.keys(n).join(','));
    for (const [key, list] of Object.entries(n.children)) {
      out.push(`${key}:`);
      for (const c of list ?? []) element(c);
    }
    out.push(')');
  };
  for (const cst of result.csts) element(cst);
  for (const e of result.errors) out.push(`E ${e.name} ${e.message} t${index.get(e.token) ?? '?'}`);
  for (const b of result.badLines) out.push(`B t${index.get(b.token)} ${b.expected.join(',')}`);
  return out.join('\n');
}

const files = [...dondocFiles(FIXTURES), ...dondocFiles(PLANS)];

describe('the hand-written parser builds the CST Chevrotain builds', () => {
  it.each(files)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(dump(text, true)).toBe(dump(text, false));
  });

  it('parses the example plans without Chevrotain', () => {
    const spy = vi.spyOn(parser, 'planFile');
    try {
      for (const file of dondocFiles(PLANS)) parseTokens(lex(readFileSync(file, 'utf8'), file).tokens);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  const seeds = files.map((f) => readFileSync(f, 'utf8'));
  const op: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('insert', 'delete', 'replace', 'swapLines', 'dupLine'),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 12 }),
    frag: fc.nat(FRAGMENTS.length - 1),
  });

  it('on mutated files, errors included', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(op, { minLength: 1, maxLength: 4 }), (s, ops) => {
        const text = mutate(seeds[s]!, ops);
        expect(dump(text, true)).toBe(dump(text, false));
      }),
      { numRuns: 800, seed: 4242 },
    );
  });

  it('on generated plans', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(planText, fc.array(op, { maxLength: 2 }), (text, ops) => {
        const t = mutate(text, ops);
        expect(dump(t, true)).toBe(dump(t, false));
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});
