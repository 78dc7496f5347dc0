import { describe, expect, it } from 'vitest';
import { FIXTURES, checkFile } from './helpers.js';

/** Diagnostics that used to mislead: each is now one error that says what to write. */
describe('diagnostics that say what to write', () => {
  const result = checkFile(`${FIXTURES}/keyword-in-value.dondoc`);
  const at = (line: number) => result.diagnostics.filter((d) => d.range.start.line === line);

  it('a keyword inside a value is not taken for a property', () => {
    // "nhắc" takes reminders, not text: one error at what could not be read, no advice to quote
    expect(at(15).map((d) => d.code)).toEqual(['DD2001']);
    expect(at(15)[0]!.message.en).toBe('Expected end of line but found "hết".');
    expect(at(15)[0]!.hint).toBeUndefined();
  });

  it('a keyword inside a text value says to quote the text', () => {
    for (const [line, value] of [
      [11, 'đơn vị sự nghiệp'],
      [21, 'trước 1 ngày hết hạn'],
    ] as const) {
      const list = at(line);
      expect(list.map((d) => d.code)).toHaveLength(1);
      expect(list[0]!.code).not.toBe('DD2005');
      expect(list[0]!.code).not.toBe('DD2006');
      expect(list[0]!.hint?.vi).toBe(`Nếu đây là nội dung, hãy đặt trong ngoặc kép: "${value}".`);
      expect(list[0]!.hint?.en).toBe(`If this is text, put it in quotes: "${value}".`);
    }
  });

  it('a dotted date without its year says how dates are written', () => {
    expect(at(24)[0]!.hint?.vi).toBe(
      'Ngày viết dạng ngày/tháng hoặc ngày/tháng/năm: 20/7 (hoặc 20.7.năm, có năm).',
    );
  });

  it('the coordination setting given twice or with another word is reported', () => {
    expect(at(7).map((d) => d.code)).toEqual(['DD2006']);
    expect(at(8).map((d) => d.code)).toEqual(['DD2001']);
  });
});
