import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { KEYWORDS, type Lang } from '../lexer/keywords.js';

/**
 * Chevrotain builds error messages as strings; ours must be bilingual and carry a code, so the provider
 * encodes the facts as JSON and dsl/check turns them into diagnostics.
 */
export interface EncodedError {
  code: 'DD2001' | 'DD2002' | 'DD2003' | 'DD2004';
  expected: string[];
  found: string;
}

const keywordSpelling = new Map<string, { vi: string; en: string }>(
  KEYWORDS.map((k) => [k.name, { vi: k.vi[0], en: k.en[0] }]),
);

const TERMINALS: Record<string, { vi: string; en: string }> = {
  Identifier: { vi: 'một tên', en: 'a name' },
  StringLit: { vi: 'văn bản trong ngoặc kép', en: 'quoted text' },
  Integer: { vi: 'một số', en: 'a number' },
  Decimal: { vi: 'một số', en: 'a number' },
  DateLit: { vi: 'ngày dd/mm/yyyy', en: 'a date dd/mm/yyyy' },
  DayMonth: { vi: 'ngày dd/mm', en: 'a date dd/mm' },
  MonthYear: { vi: 'tháng mm/yyyy', en: 'a month mm/yyyy' },
  Time: { vi: 'giờ hh:mm', en: 'a time hh:mm' },
  Newline: { vi: 'hết dòng', en: 'end of line' },
  Indent: { vi: 'dòng thụt lề', en: 'an indented line' },
  Dedent: { vi: 'hết khối thụt lề', en: 'end of the indented block' },
  EOF: { vi: 'hết tệp', en: 'end of file' },
  Colon: { vi: '":"', en: '":"' },
  Comma: { vi: '","', en: '","' },
  Semicolon: { vi: '";"', en: '";"' },
  Slash: { vi: '"/"', en: '"/"' },
  Percent: { vi: '"%"', en: '"%"' },
  Ge: { vi: '"≥"', en: '"≥"' },
  Le: { vi: '"≤"', en: '"≤"' },
  Gt: { vi: '">"', en: '">"' },
  Lt: { vi: '"<"', en: '"<"' },
  Eq: { vi: '"="', en: '"="' },
};

/** How a token type is named in a message. */
export function describeType(name: string, lang: Lang): string {
  const k = keywordSpelling.get(name);
  if (k) return `"${k[lang]}"`;
  return TERMINALS[name]?.[lang] ?? name;
}

/** How an actual token is named: its text, or a description for the invisible ones. */
export function describeToken(t: IToken, lang: Lang): string {
  const name = t.tokenType.name;
  if (t.image === '' || name === 'EOF') return describeType(name, lang);
  return name === 'StringLit' ? t.image : `"${t.image}"`;
}

function encode(code: EncodedError['code'], expected: TokenType[], actual: IToken | undefined): string {
  const names = [...new Set(expected.map((t) => t.name))];
  const e: EncodedError = { code, expected: names, found: actual ? JSON.stringify(actual.startOffset) : '' };
  return JSON.stringify(e);
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return encode('DD2001', [expected], actual);
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return encode('DD2004', [], firstRedundant);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const first = expectedPathsPerAlt.flatMap((alt) =>
      alt.map((path) => path[0]).filter((t) => t !== undefined),
    );
    return encode('DD2002', first, actual[0]);
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const first = expectedIterationPaths.map((path) => path[0]).filter((t) => t !== undefined);
    return encode('DD2003', first, actual[0]);
  },
};

export function decode(message: string): EncodedError | undefined {
  try {
    const e = JSON.parse(message) as EncodedError;
    return typeof e.code === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}
