import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planText } from './arbitraries.js';
import { FRAGMENTS, fuzzProblem, mutate, type Op } from './fuzz-core.js';
import { FIXTURES, dondocFiles } from './helpers.js';

/** Seeds: the fixtures and the first lines of each example plan. */
const seeds = [
  ...dondocFiles(FIXTURES).map((f) => readFileSync(f, 'utf8')),
  ...['plans/huyen-krong-nang-2023/ke-hoach.dondoc', 'plans/tinh-dak-lak-2027/ke-hoach.dondoc'].map((f) =>
    readFileSync(f, 'utf8').split('\n').slice(0, 120).join('\n'),
  ),
];

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'swapLines', 'dupLine'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 12 }),
  frag: fc.nat(FRAGMENTS.length - 1),
});

function run(src: string): void {
  expect(fuzzProblem(src), JSON.stringify(src.slice(0, 400))).toBeUndefined();
}

describe('fuzz: no crash, no hang, every diagnostic positioned', () => {
  it('1,500 mutations of real files', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(op, { minLength: 1, maxLength: 6 }), (s, ops) => {
        run(mutate(seeds[s]!, ops));
      }),
      { numRuns: 1500, seed: 20270101 },
    );
  });

  it('300 mutations of generated plans', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(planText, fc.array(op, { minLength: 1, maxLength: 4 }), (text, ops) => {
        run(mutate(text, ops));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('200 random strings', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        run(s);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

describe('fuzz regressions (inputs the long run of bench/fuzz-dsl.ts once failed on)', () => {
  const dir = 'test/fixtures/fuzz-regressions';
  const cases = readdirSync(dir).filter((f) => f.endsWith('.dondoc'));
  it.each(cases)('%s', (file) => {
    run(readFileSync(`${dir}/${file}`, 'utf8'));
  });
});
