import { describe, expect, it } from 'vitest';
import { KEYWORDS, lex, parseFile } from '../../dsl/index.js';

const types = (src: string) => lex(src, 'x').tokens.map((t) => t.tokenType.name);

describe('lexer', () => {
  it('normalises to NFC before lexing (decomposed Vietnamese reads the same)', () => {
    const composed = 'kế hoạch "Kế hoạch":\n  năm: 2027\n';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(types(decomposed)).toEqual(types(composed));
    expect(lex(decomposed, 'x').text).toBe(composed);
  });

  it('matches keywords without regard to case, but with regard to accents', () => {
    expect(types('KẾ HOẠCH "A"\n')[0]).toBe('Plan');
    expect(types('Kế Hoạch "A"\n')[0]).toBe('Plan');
    expect(types('ke hoach "A"\n').slice(0, 2)).toEqual(['Identifier', 'Identifier']);
    expect(types('đơn vị nam\n')).toEqual(['Unit', 'Identifier', 'Newline']);
  });

  it('joins multi-word keywords by longest match, across any blanks on one line', () => {
    expect(types('thời hạn:  5  ngày   làm việc sau ban hành\n')).toEqual([
      'Deadline',
      'Colon',
      'Integer',
      'WorkingDay',
      'After',
      'Published',
      'Newline',
    ]);
    expect(types('x: 6 tháng đầu năm\n')).toContain('FirstHalf');
    expect(types('x: quý, 6 tháng, năm\n')).toEqual([
      'Identifier',
      'Colon',
      'Quarter',
      'Comma',
      'HalfYear',
      'Comma',
      'Year',
      'Newline',
    ]);
  });

  it('accepts both languages in one file', () => {
    const r = parseFile('plan "A":\n  năm: 2027\n  issuer: ubnd\n', 'x');
    expect(r.diagnostics).toEqual([]);
  });

  it('turns indentation into Indent / Dedent and joins lines that end with a comma', () => {
    expect(types('nhóm g:\n  gồm: a,\n        b\nnhóm h\n')).toEqual([
      'Group',
      'Identifier',
      'Colon',
      'Newline',
      'Indent',
      'Members',
      'Colon',
      'Identifier',
      'Comma',
      'Identifier',
      'Newline',
      'Dedent',
      'Group',
      'Identifier',
      'Newline',
    ]);
  });

  it('keeps comments apart, marking trailing ones', () => {
    const r = lex('# đầu\nđơn vị x # cuối dòng\n', 'x');
    expect(r.comments.map((c) => [c.line, c.trailing])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('lexes dates, months, times, decimals with a comma, and curly quotes', () => {
    expect(types('a: 09/01/2023 6/2027 30/06 08:30 95,5 “chuỗi”\n')).toEqual([
      'Identifier',
      'Colon',
      'DateLit',
      'MonthYear',
      'DayMonth',
      'Time',
      'Decimal',
      'StringLit',
      'Newline',
    ]);
  });

  it('has no spelling shared by two keywords, and every keyword has both languages', () => {
    const seen = new Map<string, string>();
    for (const k of KEYWORDS) {
      expect(k.vi.length).toBeGreaterThan(0);
      expect(k.en.length).toBeGreaterThan(0);
      for (const s of [...k.vi, ...k.en]) {
        const prev = seen.get(s.toLowerCase());
        expect(prev === undefined || prev === k.name).toBe(true);
        seen.set(s.toLowerCase(), k.name);
      }
    }
  });
});

describe('include paths', () => {
  it('resolve relative to the including file, for relative and absolute entries', async () => {
    const { resolvePath } = await import('../../dsl/index.js');
    expect(resolvePath('plans/a/ke-hoach.dondoc', 'don-vi.dondoc')).toBe('plans/a/don-vi.dondoc');
    expect(resolvePath('plans/b/ke-hoach.dondoc', '../a/mau.dondoc')).toBe('plans/a/mau.dondoc');
    expect(resolvePath('/work/plans/a/ke-hoach.dondoc', 'don-vi.dondoc')).toBe('/work/plans/a/don-vi.dondoc');
    expect(resolvePath('/work/plans/b/x.dondoc', '../a/mau.dondoc')).toBe('/work/plans/a/mau.dondoc');
    expect(resolvePath('main.dondoc', '../x.dondoc')).toBe('../x.dondoc');
    expect(resolvePath('/x.dondoc', '../../y.dondoc')).toBe('/y.dondoc');
    expect(resolvePath('a/b.dondoc', '/abs/c.dondoc')).toBe('/abs/c.dondoc');
  });
});
