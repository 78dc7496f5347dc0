import type { IRecognitionException, IToken } from 'chevrotain';
import type { PlanFile, Task } from '../ast/nodes.js';
import { diagnostic, editDistance, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { KEYWORDS } from '../lexer/keywords.js';
import { lex } from '../lexer/lexer.js';
import { Identifier } from '../lexer/tokens.js';
import { decode, describeToken, describeType } from '../parser/messages.js';
import { PROPERTY_VALUES, parseTokens } from '../parser/parser.js';

export interface ParsedFile {
  path: string;
  /** NFC text the positions refer to. */
  text: string;
  ast: PlanFile;
  diagnostics: Diagnostic[];
  /** Tasks whose lead or deadline could not be read (already reported). */
  incomplete: Set<Task>;
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

const spellingsByName = new Map<string, string[]>(KEYWORDS.map((k) => [k.name, [...k.vi, ...k.en]]));

/** "did you mean …?" for a misspelt keyword: the words from the offending token to the next symbol. */
function keywordHint(tokens: readonly IToken[], at: IToken, expected: readonly string[]) {
  const index = tokens.indexOf(at);
  if (index < 0 || at.tokenType !== Identifier) return undefined;
  const words: string[] = [];
  for (let i = index; i < tokens.length && words.length < 5; i++) {
    const t = tokens[i]!;
    if (t.tokenType !== Identifier || t.startLine !== at.startLine) break;
    words.push(t.image);
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of expected) {
    for (const spelling of spellingsByName.get(name) ?? []) {
      const n = spelling.split(' ').length;
      const typed = stripAccents(words.slice(0, n).join(' '));
      const d = editDistance(typed, stripAccents(spelling));
      if (d < bestDistance) {
        best = spelling;
        bestDistance = d;
      }
    }
  }
  if (best === undefined || bestDistance > Math.max(1, Math.floor(best.length / 4))) return undefined;
  return { vi: `Có phải ý bạn là "${best}"?`, en: `Did you mean "${best}"?` };
}

const VALUE_RULE = new Map<string, string>(PROPERTY_VALUES.map(([key, rule]) => [key, rule]));
const TEXT_RULES = new Set(['text', 'kindValue', 'headValue', 'criterionValue']);

/** "20.7": dates are written with slashes, or dotted with the year. */
function dateHint(at: IToken, expected: readonly string[]) {
  if (!/^\d{1,2}[.,]\d{1,2}$/.test(at.image)) return undefined;
  if (!expected.includes('DayMonth') && !expected.includes('DateLit')) return undefined;
  const [d, m] = at.image.split(/[.,]/);
  return {
    vi: `Ngày viết dạng ngày/tháng hoặc ngày/tháng/năm: ${d}/${m} (hoặc ${d}.${m}.năm, có năm).`,
    en: `Dates are written day/month or day/month/year: ${d}/${m} (or ${d}.${m}.year, with the year).`,
  };
}

/**
 * A value that is really text with a keyword in it ("ghi chú: trước 1 ngày hết hạn"): say to quote it, with
 * the line's value in quotes as the example.
 */
function quoteHint(tokens: readonly IToken[], at: IToken, text: string) {
  const line = at.startLine;
  if (line === undefined || Number.isNaN(at.startOffset) || at.image === '') return undefined;
  const index = tokens.indexOf(at);
  let colon: IToken | undefined;
  let last: IToken | undefined;
  let keywordInside = false;
  for (let i = index; i >= 0 && tokens[i]!.startLine === line; i--) {
    if (tokens[i]!.tokenType.name === 'Colon') {
      colon = tokens[i];
      break;
    }
  }
  if (!colon) return undefined;
  // Only where quoted text is a value the property takes ("loại", "ghi chú", …); "nhắc: trước 1 ngày hết hạn" is not
  // text, and its syntax error says what could not be read.
  let first = tokens.indexOf(colon);
  while (first > 0 && tokens[first - 1]!.startLine === line && tokens[first - 1]!.image !== '') first--;
  const rule = VALUE_RULE.get(tokens[first]!.tokenType.name);
  if (rule === undefined || !TEXT_RULES.has(rule)) return undefined;
  for (let i = tokens.indexOf(colon) + 1; i < tokens.length && tokens[i]!.image !== ''; i++) {
    const t = tokens[i]!;
    if (t.tokenType.name === 'StringLit') return undefined;
    if (t.tokenType.name !== 'Identifier' && /^\p{L}/u.test(t.image)) keywordInside = true;
    last = t;
  }
  if (!keywordInside || !last) return undefined;
  const value = text.slice(tokens[tokens.indexOf(colon) + 1]!.startOffset, (last.endOffset ?? 0) + 1);
  return {
    vi: `Nếu đây là nội dung, hãy đặt trong ngoặc kép: "${value}".`,
    en: `If this is text, put it in quotes: "${value}".`,
  };
}

function tokenRange(t: IToken, fallback: IToken | undefined, text: string): Range {
  const src = Number.isNaN(t.startOffset) || t.tokenType.name === 'EOF' ? fallback : t;
  if (!src) {
    const end = { line: 1, column: 1, offset: Math.min(text.length, 0) };
    return { start: end, end };
  }
  const startOffset = src.startOffset;
  const start = { line: src.startLine ?? 1, column: src.startColumn ?? 1, offset: startOffset };
  // virtual tokens (end of line, indentation) are zero-width
  const length = Math.min(src.image.length, Math.max(0, text.length - startOffset));
  return { start, end: { line: start.line, column: start.column + length, offset: startOffset + length } };
}

function syntaxDiagnostics(
  errors: readonly IRecognitionException[],
  tokens: readonly IToken[],
  file: string,
  text: string,
  lines: Set<number>,
) {
  const out: Diagnostic[] = [];
  const last = [...tokens].reverse().find((t) => t.image !== '') ?? tokens[tokens.length - 1];
  for (const e of errors) {
    const enc = decode(e.message);
    const range = tokenRange(e.token, last, text);
    // One syntax error per line: the rest of a broken line is usually noise.
    if (lines.has(range.start.line)) continue;
    lines.add(range.start.line);
    let code = enc?.code ?? 'DD2002';
    // "expected end of file / end of block" really means there is more than the grammar allows here
    const onlyEnd = enc?.expected.length === 1 && (enc.expected[0] === 'EOF' || enc.expected[0] === 'Dedent');
    if (code === 'DD2001' && onlyEnd) code = 'DD2004';
    const expectedNames = (enc?.expected ?? []).filter(
      (n) => n !== 'Dedent' || (enc?.expected.length ?? 0) === 1,
    );
    const list = (lang: 'vi' | 'en') => {
      const all = [...new Set(expectedNames.map((n) => describeType(n, lang)))];
      return all.length > 8 ? `${all.slice(0, 8).join(', ')}, …` : all.join(', ');
    };
    const foundVi = describeToken(e.token, 'vi');
    const foundEn = describeToken(e.token, 'en');
    const hint =
      keywordHint(tokens, e.token, expectedNames) ??
      dateHint(e.token, expectedNames) ??
      quoteHint(tokens, e.token, text);
    const d = diagnostic(code, file, range, { expected: list('vi'), found: foundVi }, hint);
    d.message.en = diagnostic(code, file, range, { expected: list('en'), found: foundEn }).message.en;
    out.push(d);
  }
  return out;
}

/** Lex, parse and build the AST of one file; reports every lexing, syntax and structure error. */
export function parseFile(source: string, path: string): ParsedFile {
  const lexed = lex(source, path);
  // The offset of each line's first token (tokens come in order; Newline, Indent and Dedent have no text).
  const lineStarts: number[] = [];
  let lastLine = -1;
  for (const t of lexed.tokens) {
    const line = t.startLine ?? 0;
    if (line === lastLine || t.image === '') continue;
    lineStarts[line] = t.startOffset;
    lastLine = line;
  }
  const parsed = parseTokens(lexed.tokens, path, lineStarts);
  const ast: PlanFile = {
    kind: 'PlanFile',
    path,
    items: parsed.items,
    comments: lexed.comments.map((c) => ({
      text: c.text,
      line: c.line,
      column: c.column,
      trailing: c.trailing,
    })),
  };
  const errorLines = new Set<number>();
  const bad = parsed.badLines.map((b) => {
    const range = tokenRange(b.token, undefined, lexed.text);
    const hint = keywordHint(lexed.tokens, b.token, b.expected);
    const list = (lang: 'vi' | 'en') => {
      const all = [...new Set(b.expected.map((n) => describeType(n, lang)))];
      return all.length > 8 ? `${all.slice(0, 8).join(', ')}, …` : all.join(', ');
    };
    const d = diagnostic(
      'DD2002',
      path,
      range,
      { expected: list('vi'), found: describeToken(b.token, 'vi') },
      hint,
    );
    d.message.en = diagnostic('DD2002', path, range, {
      expected: list('en'),
      found: describeToken(b.token, 'en'),
    }).message.en;
    errorLines.add(range.start.line);
    return d;
  });
  const syntax = syntaxDiagnostics(parsed.errors, lexed.tokens, path, lexed.text, errorLines);
  const diagnostics = [
    ...lexed.diagnostics,
    ...bad,
    ...syntax,
    ...parsed.diagnostics,
    ...parsed.keywordsInValues.filter((k) => !errorLines.has(k.line)).map((k) => k.diagnostic),
  ];
  return { path, text: lexed.text, ast, diagnostics, incomplete: new Set(parsed.incomplete) };
}
