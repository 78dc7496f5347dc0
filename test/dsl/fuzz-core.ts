// Mutation fuzzing of the plan language, shared by the bounded test (test/dsl/fuzz.test.ts) and the long run
// (bench/fuzz-dsl.ts). Plain code without a test framework: a problem is returned as text.
import { CODES, checkPlan, formatPlan, parseFile, type Diagnostic } from '../../dsl/index.js';

export const FRAGMENTS = [
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

export type Op = {
  kind: 'insert' | 'delete' | 'replace' | 'swapLines' | 'dupLine';
  at: number;
  len: number;
  frag: number;
};

export function mutate(text: string, ops: readonly Op[]): string {
  let t = text;
  for (const o of ops) {
    const at = t.length === 0 ? 0 : o.at % (t.length + 1);
    const frag = FRAGMENTS[o.frag % FRAGMENTS.length]!;
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

function positionProblem(d: Diagnostic, texts: ReadonlyMap<string, string>): string | undefined {
  if (!CODES[d.code]) return `unknown code ${d.code}`;
  if (!d.message.vi || !d.message.en) return `${d.code} without a message`;
  const text = texts.get(d.file);
  if (text === undefined) return `${d.code} in unknown file ${d.file}`;
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of [d.range.start, d.range.end]) {
    const ok =
      Number.isInteger(p.line) &&
      p.line >= 1 &&
      p.line <= lines + 1 &&
      Number.isInteger(p.column) &&
      p.column >= 1 &&
      Number.isInteger(p.offset) &&
      p.offset >= 0 &&
      p.offset <= text.length;
    if (!ok) return `${d.code} badly positioned: ${JSON.stringify(d.range)}`;
  }
  if (d.range.start.offset > d.range.end.offset) return `${d.code} range ends before it starts`;
  return undefined;
}

/**
 * Checks and formats one input. Returns undefined when all is well, else what went wrong: a crash, a diagnostic
 * without a valid position, or formatter output that does not parse back cleanly and stably.
 */
export function fuzzProblem(src: string): string | undefined {
  try {
    const files = new Map([
      ['main.dondoc', src],
      ['don-vi.dondoc', 'đơn vị ubnd "UBND":\n  thư điện tử: "u@x.vn"\n'],
    ]);
    const result = checkPlan(files, 'main.dondoc');
    const texts = new Map([...result.files].map(([p, f]) => [p, f.text]));
    for (const d of result.diagnostics) {
      const problem = positionProblem(d, texts);
      if (problem) return problem;
    }
    const formatted = formatPlan(src);
    if (formatted.ok) {
      const again = parseFile(formatted.text, 'main.dondoc');
      const syntax = again.diagnostics.filter((d) => d.code < 'DD3000');
      if (syntax.length) return `formatter output does not parse: ${syntax[0]!.code}`;
      if (formatPlan(formatted.text).text !== formatted.text) return 'formatter is not idempotent';
    }
    return undefined;
  } catch (err) {
    return `crash: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  }
}
