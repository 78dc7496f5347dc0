import { describe, expect, it } from 'vitest';
import { parseFile, type Policy } from '../../dsl/index.js';

// The grammar's actions build the AST as they parse; when error recovery abandons rules, they are built from what
// they had read (dsl/parser/frames.ts), as the CST's partial nodes were. These pin that behaviour, which rests on
// Chevrotain's recovery (a Chevrotain upgrade that changed it would show here and in the fixtures).
describe('error recovery keeps what a broken line could say', () => {
  it('keeps the reminders read before the error, and the line ends after the last separator read', () => {
    const src = 'chính sách cs:\n  nhắc: trước 2 ngày làm việc, đúng hạn lúc 07:30,u 1 ngày làm việc\n';
    const r = parseFile(src, 'main.dondoc');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['DD2002', 2, 51],
    ]);
    const policy = r.ast.items[0] as Policy;
    expect(policy.reminders?.value.map((x) => [x.when, x.offset?.amount, x.time])).toEqual([
      ['before', 2, undefined],
      ['on', undefined, { hour: 7, minute: 30 }],
    ]);
    // "nhắc" at column 3 up to and including the comma at column 50
    expect(policy.reminders?.loc.range).toEqual({
      start: { line: 2, column: 3, offset: 17 },
      end: { line: 2, column: 51, offset: 65 },
    });
  });
});
