import { createToken, Lexer, type TokenType } from 'chevrotain';
import { KEYWORDS, foldKeyword, type KeywordName } from './keywords.js';

/*
 * Terminal tokens. Chevrotain lexes these; keywords are not lexed directly but recognised afterwards
 * from runs of words on one line (see lexer.ts), and indentation becomes Indent/Dedent/Newline tokens.
 */

// Order matters: longer numeric shapes before shorter ones.
export const DateLit = createToken({
  name: 'DateLit',
  // Dotted dates ("20.7.2027") are read as dates too: official texts write both.
  pattern: /\d{1,2}\/\d{1,2}\/\d{4}(?!\d)|\d{1,2}\.\d{1,2}\.\d{4}(?!\d)/,
  label: 'dd/mm/yyyy',
});
export const MonthYear = createToken({
  name: 'MonthYear',
  pattern: /\d{1,2}\/\d{4}(?!\d)/,
  label: 'mm/yyyy',
});
export const DayMonth = createToken({ name: 'DayMonth', pattern: /\d{1,2}\/\d{1,2}(?!\d)/, label: 'dd/mm' });
export const Time = createToken({ name: 'Time', pattern: /\d{1,2}:\d{2}(?!\d)/, label: 'hh:mm' });
export const Decimal = createToken({
  name: 'Decimal',
  pattern: /\d+[.,]\d+/,
  label: 'số thập phân / decimal',
});
export const Integer = createToken({ name: 'Integer', pattern: /\d+/, label: 'số / number' });

export const StringLit = createToken({
  name: 'StringLit',
  pattern: /"(?:[^"\\\r\n]|\\.)*"|“[^”\r\n]*”/,
  label: '"chuỗi / text"',
});
/** A string that reaches the end of its line; reported as a lexing error, then read as a string. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /["“][^\r\n]*/ });

function wordStartHints(): string[] {
  const hints = ['_'];
  for (let c = 0x41; c <= 0x5a; c++) hints.push(String.fromCharCode(c), String.fromCharCode(c + 32));
  for (let c = 0xc0; c <= 0xff; c++) if (c !== 0xd7 && c !== 0xf7) hints.push(String.fromCharCode(c));
  for (let c = 256; c < 65536; c += 255) hints.push(String.fromCharCode(c));
  return hints;
}
const WORD_START_HINTS = wordStartHints();

// Chevrotain cannot analyse Unicode property escapes, so words use a custom matcher.
const wordPattern = /[\p{L}_][\p{L}\p{M}\p{N}_]*(?:[.\-'][\p{L}\p{M}\p{N}_]+)*/uy;
/** The matcher's result, reused: Chevrotain reads the matched text out of it at once and keeps nothing. */
const wordMatch = [''] as unknown as RegExpExecArray;
export const Word = createToken({
  name: 'Word',
  pattern: (text: string, offset: number) => {
    wordPattern.lastIndex = offset;
    if (!wordPattern.test(text)) return null;
    wordMatch[0] = text.slice(offset, wordPattern.lastIndex);
    return wordMatch;
  },
  line_breaks: false,
  // Lets Chevrotain index tokens by first character: ASCII and Latin-1 letters one by one, and one character
  // of every 255-code-point bucket above (Chevrotain groups those), so any letter still reaches this matcher.
  start_chars_hint: WORD_START_HINTS,
  label: 'tên / name',
});

export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
export const Whitespace = createToken({
  name: 'Whitespace',
  pattern: /[ \t\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
});
export const LineBreak = createToken({ name: 'LineBreak', pattern: /\r\n|\r|\n/, line_breaks: true });

export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, label: "';'" });
export const Slash = createToken({ name: 'Slash', pattern: /\//, label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: /%/, label: "'%'" });
export const Ge = createToken({ name: 'Ge', pattern: /≥|>=/, label: "'≥'" });
export const Le = createToken({ name: 'Le', pattern: /≤|<=/, label: "'≤'" });
export const Gt = createToken({ name: 'Gt', pattern: />/, label: "'>'" });
export const Lt = createToken({ name: 'Lt', pattern: /</, label: "'<'" });
export const Eq = createToken({ name: 'Eq', pattern: /=/, label: "'='" });

// Produced by the indentation pass.
export const Newline = createToken({ name: 'Newline', pattern: Lexer.NA, label: 'xuống dòng / end of line' });
export const Indent = createToken({ name: 'Indent', pattern: Lexer.NA, label: 'thụt lề / indent' });
export const Dedent = createToken({ name: 'Dedent', pattern: Lexer.NA, label: 'hết thụt lề / dedent' });

/** A name: any word that is not a keyword. */
export const Identifier = createToken({ name: 'Identifier', pattern: Lexer.NA, label: 'tên / name' });

function keywordLabel(vi: string, en: string): string {
  return vi === en ? `'${vi}'` : `'${vi}' / '${en}'`;
}

export const keywordTokens = Object.fromEntries(
  KEYWORDS.map((k) => [
    k.name,
    createToken({ name: k.name, pattern: Lexer.NA, label: keywordLabel(k.vi[0], k.en[0]) }),
  ]),
) as Record<KeywordName, TokenType>;

export const K = keywordTokens;

/** Tokens Chevrotain's lexer matches, in priority order. */
export const lexedTokens: TokenType[] = [
  LineBreak,
  Whitespace,
  Comment,
  StringLit,
  UnterminatedString,
  DateLit,
  MonthYear,
  DayMonth,
  Time,
  Decimal,
  Integer,
  Word,
  Colon,
  Comma,
  Semicolon,
  Slash,
  Percent,
  Ge,
  Le,
  Gt,
  Lt,
  Eq,
];

/** Every token type the parser may see. */
export const allTokens: TokenType[] = [
  ...lexedTokens,
  Newline,
  Indent,
  Dedent,
  Identifier,
  ...Object.values(keywordTokens),
];

export interface Phrase {
  readonly words: readonly string[];
  readonly type: TokenType;
  readonly name: KeywordName;
}

/** Keyword phrases indexed by their first folded word, longest first. */
export const phrasesByFirstWord: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const seen = new Map<string, string>();
  const index = new Map<string, Phrase[]>();
  for (const k of KEYWORDS) {
    for (const spelling of [...k.vi, ...k.en]) {
      const folded = foldKeyword(spelling);
      const owner = seen.get(folded);
      if (owner !== undefined && owner !== k.name) {
        throw new Error(`keyword spelling "${spelling}" belongs to both ${owner} and ${k.name}`);
      }
      if (owner !== undefined) continue;
      seen.set(folded, k.name);
      const words = folded.split(' ');
      const first = words[0] ?? '';
      const list = index.get(first) ?? [];
      list.push({ words, type: keywordTokens[k.name], name: k.name });
      index.set(first, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
})();
