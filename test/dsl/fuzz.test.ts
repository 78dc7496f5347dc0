import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES, checkPlan, formatPlan, parseFile, type Diagnostic } from '../../dsl/index.js';
import { planText } from './arbitraries.js';
import { FIXTURES, dondocFiles } from './helpers.js';

/** Seeds: the fixtures and the first lines of each example plan. */
const seeds = [
  ...dondocFiles(FIXTURES).map((f) => readFileSync(f, 'utf8')),
  ...['plans/huyen-krong-nang-2023/ke-hoach.dondoc', 'plans/tinh-dak-lak-2027/ke-hoach.dondoc'].map((f) =>
    readFileSync(f, 'utf8').split('\n').slice(0, 120).join('\n'),
  ),
];

const fragments = [
  ':',
  ',',
  '"',
  '“',
  '\n',
  '\n  ',
  '\n    ',
  '\t',
  '#',
  ' ',
  '/',
  '%',
  '≥',
  '<=',
  '31/02/2027',
  '2/2027',
  '12:61',
  '99',
  'kế hoạch',
  'nhiệm vụ',
  'chủ trì',
  'thời hạn',
  'lĩnh vực',
  'đơn vị',
  'hằng quý',
  'ngày',
  'quý',
  'thường xuyên',
  'leo thang',
  'bậc',
  'sau',
  'task',
  'lead',
  'deadline',
  'x',
  'ubnd',
  'Ω',
  '\u0301',
  'e\u0302',
  '\r\n',
  '\u00a0',
];

type Op = {
  kind: 'insert' | 'delete' | 'replace' | 'swapLines' | 'dupLine';
  at: number;
  len: number;
  frag: number;
};

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'swapLines', 'dupLine'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 12 }),
  frag: fc.nat(fragments.length - 1),
});

function mutate(text: string, ops: readonly Op[]): string {
  let t = text;
  for (const o of ops) {
    const at = t.length === 0 ? 0 : o.at % (t.length + 1);
    const frag = fragments[o.frag]!;
    if (o.kind === 'insert') t = t.slice(0, at) + frag + t.slice(at);
    else if (o.kind === 'delete') t = t.slice(0, at) + t.slice(at + o.len);
    else if (o.kind === 'replace') t = t.slice(0, at) + frag + t.slice(at + o.len);
    else {
      const lines = t.split('\n');
      const i = o.at % lines.length;
      const j = (o.at + o.len) % lines.length;
      if (o.kind === 'dupLine') lines.splice(i, 0, lines[i] ?? '');
      else [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      t = lines.join('\n');
    }
  }
  return t;
}

function assertPositioned(d: Diagnostic, texts: ReadonlyMap<string, string>): void {
  expect(CODES[d.code]).toBeDefined();
  expect(d.message.vi.length).toBeGreaterThan(0);
  expect(d.message.en.length).toBeGreaterThan(0);
  const text = texts.get(d.file);
  expect(text, `diagnostic in unknown file ${d.file}`).toBeDefined();
  const lines = text!.split(/\r\n|\r|\n/).length;
  const { start, end } = d.range;
  for (const p of [start, end]) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
    expect(Number.isInteger(p.offset) && p.offset >= 0 && p.offset <= text!.length).toBe(true);
  }
  expect(start.offset).toBeLessThanOrEqual(end.offset);
}

function run(src: string): void {
  const files = new Map([
    ['main.dondoc', src],
    ['don-vi.dondoc', 'đơn vị ubnd "UBND":\n  thư điện tử: "u@x.vn"\n'],
  ]);
  const result = checkPlan(files, 'main.dondoc');
  const texts = new Map([...result.files].map(([p, f]) => [p, f.text]));
  for (const d of result.diagnostics) assertPositioned(d, texts);
  const formatted = formatPlan(src);
  if (formatted.ok) {
    // whatever the formatter accepts, it writes back as text that parses cleanly and stably
    const again = parseFile(formatted.text, 'main.dondoc');
    expect(again.diagnostics.filter((d) => d.code < 'DD3000')).toEqual([]);
    expect(formatPlan(formatted.text).text).toBe(formatted.text);
  }
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
