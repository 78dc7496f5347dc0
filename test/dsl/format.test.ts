import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPlan, parseFile } from '../../dsl/index.js';
import { planText } from './arbitraries.js';
import { FIXTURES, PLANS, dondocFiles, stripPositions } from './helpers.js';

const astOf = (text: string) => {
  const r = parseFile(text, 'x.dondoc');
  expect(r.diagnostics.filter((d) => d.code < 'DD3000')).toEqual([]);
  return stripPositions(r.ast);
};

const fmt = (text: string, lang: 'vi' | 'en' = 'vi') => {
  const r = formatPlan(text, { lang });
  expect(r.ok).toBe(true);
  return r.text;
};

/** Files that parse without syntax errors: the example plans and the clean fixtures. */
const cleanFiles = [...dondocFiles(PLANS), ...dondocFiles(FIXTURES)].filter((f) => {
  const r = parseFile(readFileSync(f, 'utf8'), f);
  return !r.diagnostics.some((d) => d.code < 'DD3000');
});

describe('formatter on real files', () => {
  it('has files to work on', () => {
    expect(cleanFiles.length).toBeGreaterThan(10);
  });

  it.each(cleanFiles)('%s: idempotent, same AST, comments kept, vi⇄en preserves the AST', (file) => {
    const src = readFileSync(file, 'utf8');
    const once = fmt(src);
    expect(fmt(once)).toBe(once);
    expect(astOf(once)).toEqual(astOf(src));
    const en = fmt(src, 'en');
    expect(astOf(en)).toEqual(astOf(src));
    expect(fmt(en, 'vi')).toBe(once);
    const comments = (t: string) =>
      parseFile(t, 'x')
        .ast.comments.map((c) => c.text.trim())
        .sort();
    expect(comments(once)).toEqual(comments(src));
    expect(comments(en)).toEqual(comments(src));
  });

  it('writes every keyword in English with lang en', () => {
    const en = fmt(readFileSync('plans/huyen-krong-nang-2023/ke-hoach.dondoc', 'utf8'), 'en');
    const code = en
      .split('\n')
      .map((l) => l.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/#.*$/, ''))
      .join('\n');
    for (const vi of ['nhiệm vụ', 'chủ trì', 'thời hạn', 'lĩnh vực', 'đơn vị', 'hằng', 'ngày'])
      expect(code).not.toContain(vi);
    expect(code).toContain('task CĐ.01');
    expect(code).toContain(
      'deadline: every quarter, half-year, year, at the latest on day 10 of the last month of the period',
    );
  });

  it('returns text with syntax errors unchanged', () => {
    const bad = 'kế hoạch "A":\n  năm 2027\n';
    const r = formatPlan(bad);
    expect(r.ok).toBe(false);
    expect(r.text).toBe(bad);
    expect(r.diagnostics.map((d) => d.code)).toContain('DD2001');
  });

  it('normalises layout and keeps trailing comments on their line', () => {
    const src = 'kế   hoạch   "A"  :   # đầu\n    năm:2027\n\n\n\nđơn vị x:  # đơn vị\n      loại: sở\n';
    expect(fmt(src)).toBe('kế hoạch "A": # đầu\n  năm: 2027\n\nđơn vị x: # đơn vị\n  loại: sở\n');
  });

  it('wraps long lists after a comma and reads them back', () => {
    const many = Array.from({ length: 30 }, (_, i) => `xa_so_${i}`).join(', ');
    const src = `nhóm g "G":\n  gồm: ${many}\n`;
    const out = fmt(src);
    expect(out.split('\n').every((l) => l.length <= 100)).toBe(true);
    expect(astOf(out)).toEqual(astOf(src));
  });
});

describe('formatter properties (generated plans)', () => {
  it('fmt(fmt(x)) = fmt(x)', () => {
    fc.assert(
      fc.property(planText, (src) => {
        const once = fmt(src);
        expect(fmt(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('parse(fmt(x)) has the same AST as parse(x)', () => {
    fc.assert(
      fc.property(planText, (src) => {
        expect(astOf(fmt(src))).toEqual(astOf(src));
      }),
      { numRuns: 200 },
    );
  });

  it('vi ⇄ en rewrite preserves the AST', () => {
    fc.assert(
      fc.property(planText, (src) => {
        const en = fmt(src, 'en');
        const vi = fmt(en, 'vi');
        expect(astOf(en)).toEqual(astOf(src));
        expect(astOf(vi)).toEqual(astOf(src));
        expect(fmt(src, 'vi')).toBe(vi);
      }),
      { numRuns: 200 },
    );
  });
});
