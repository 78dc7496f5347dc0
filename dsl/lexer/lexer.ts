import { createTokenInstance, Lexer, type IToken, type TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import {
  Comma,
  Dedent,
  Identifier,
  Indent,
  Integer,
  LineBreak,
  Newline,
  StringLit,
  UnterminatedString,
  Word,
  lexedTokens,
  phrasesByFirstWord,
} from './tokens.js';

const chevrotainLexer = new Lexer(lexedTokens, {
  positionTracking: 'full',
  ensureOptimizations: true,
  skipValidations: true,
});

/** A comment with its place, kept for the formatter. */
export interface Comment {
  text: string;
  line: number;
  column: number;
  offset: number;
  /** True when code precedes the comment on its line. */
  trailing: boolean;
}

export interface LexResult {
  /** The normalised (NFC) text the positions refer to. */
  text: string;
  tokens: IToken[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

function rangeOf(t: IToken) {
  return {
    start: { line: t.startLine ?? 1, column: t.startColumn ?? 1, offset: t.startOffset },
    end: {
      line: t.endLine ?? t.startLine ?? 1,
      column: (t.endColumn ?? t.startColumn ?? 1) + 1,
      offset: (t.endOffset ?? t.startOffset) + 1,
    },
  };
}

/**
 * A zero-width token (Newline, Indent, Dedent). Its end lies just before its start so that it never
 * widens the range of the syntax node it closes.
 */
function virtual(type: TokenType, at: IToken, after: boolean): IToken {
  const offset = after ? (at.endOffset ?? at.startOffset) + 1 : at.startOffset;
  const line = after ? (at.endLine ?? 1) : (at.startLine ?? 1);
  const column = after ? (at.endColumn ?? 0) + 1 : (at.startColumn ?? 1);
  return createTokenInstance(type, '', offset, offset - 1, line, line, column, column - 1);
}

/** Changes a token's type; Chevrotain's parser matches on tokenTypeIdx, so both must change. */
function retype(t: IToken, type: TokenType): void {
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx!;
}

function isWordLike(t: IToken): boolean {
  return t.tokenType === Word || t.tokenType === Integer;
}

/**
 * Replaces runs of words that spell a keyword by one keyword token; other words become identifiers.
 * Appends the line's tokens to `out`.
 */
function recogniseKeywords(text: string, line: IToken[], out: IToken[]): void {
  for (let i = 0; i < line.length; i++) {
    const t = line[i]!;
    if (!isWordLike(t)) {
      out.push(t);
      continue;
    }
    const phrases = phrasesByFirstWord.get(t.image.toLowerCase());
    let matched = false;
    if (phrases) {
      for (const p of phrases) {
        if (i + p.words.length > line.length) continue;
        let ok = true;
        for (let w = 1; w < p.words.length && ok; w++) {
          const prev = line[i + w - 1]!;
          const cur = line[i + w]!;
          ok =
            isWordLike(cur) &&
            cur.image.toLowerCase() === p.words[w] &&
            // words of one keyword are separated by blanks only
            cur.startOffset > (prev.endOffset ?? prev.startOffset) + 1;
        }
        if (!ok) continue;
        const last = line[i + p.words.length - 1]!;
        out.push(
          createTokenInstance(
            p.type,
            text.slice(t.startOffset, (last.endOffset ?? last.startOffset) + 1),
            t.startOffset,
            last.endOffset ?? last.startOffset,
            t.startLine ?? 1,
            last.endLine ?? 1,
            t.startColumn ?? 1,
            last.endColumn ?? 1,
          ),
        );
        i += p.words.length - 1;
        matched = true;
        break;
      }
    }
    if (!matched) {
      if (t.tokenType === Word) retype(t, Identifier);
      out.push(t);
    }
  }
}

/**
 * Lexes one file: NFC normalisation, Chevrotain lexing, keyword recognition, then the indentation pass
 * that turns the start of each non-blank line into Newline / Indent / Dedent tokens. A line that ends
 * with a comma continues on the next line, so long lists can be wrapped.
 */
export function lex(source: string, file: string): LexResult {
  const text = source.normalize('NFC');
  const result = chevrotainLexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];

  for (const e of result.errors) {
    const start = { line: e.line ?? 1, column: e.column ?? 1, offset: e.offset };
    const end = { line: start.line, column: start.column + e.length, offset: e.offset + e.length };
    diagnostics.push(
      diagnostic('DD1001', file, { start, end }, { text: text.slice(e.offset, e.offset + e.length) }),
    );
  }

  const comments: Comment[] = [];
  const commentTokens = result.groups['comments'] ?? [];

  // Split into physical lines, joining a line that ends with a comma to the next one.
  const lines: { tokens: IToken[]; lineStart: number }[] = [];
  let current: IToken[] = [];
  let lineStart = 0;
  let currentStart = 0;
  for (const t of result.tokens) {
    if (t.tokenType === LineBreak) {
      const last = current[current.length - 1];
      if (current.length > 0 && last?.tokenType !== Comma) {
        lines.push({ tokens: current, lineStart: currentStart });
        current = [];
      }
      lineStart = (t.endOffset ?? t.startOffset) + 1;
      if (current.length === 0) currentStart = lineStart;
      continue;
    }
    if (t.tokenType === UnterminatedString) {
      diagnostics.push(diagnostic('DD1002', file, rangeOf(t)));
      retype(t, StringLit);
    }
    if (current.length === 0) currentStart = lineStart;
    current.push(t);
  }
  if (current.length > 0) lines.push({ tokens: current, lineStart: currentStart });

  // The lines that have code, for comments: only needed when there are comments.
  const codeLines = new Set<number>();
  if (commentTokens.length > 0) {
    for (const l of lines) {
      let previous = -1;
      for (const t of l.tokens) {
        const line = t.startLine ?? 0;
        if (line !== previous) codeLines.add(line);
        previous = line;
      }
    }
  }
  for (const c of commentTokens) {
    const line = c.startLine ?? 1;
    const before = text.slice(text.lastIndexOf('\n', c.startOffset - 1) + 1, c.startOffset);
    comments.push({
      text: c.image,
      line,
      column: c.startColumn ?? 1,
      offset: c.startOffset,
      trailing: before.trim().length > 0 && codeLines.has(line),
    });
  }

  const tokens: IToken[] = [];
  const stack = [0];
  for (const { tokens: lineTokens, lineStart: start } of lines) {
    const first = lineTokens[0]!;
    let spacesOnly = true;
    for (let i = start; i < first.startOffset && spacesOnly; i++) spacesOnly = text.charCodeAt(i) === 32;
    let indent = first.startOffset - start;
    if (!spacesOnly) {
      const leading = text.slice(start, first.startOffset);
      const tab = leading.indexOf('\t');
      if (tab >= 0) {
        const at = { line: first.startLine ?? 1, column: tab + 1, offset: start + tab };
        diagnostics.push(
          diagnostic('DD1004', file, {
            start: at,
            end: { ...at, column: at.column + 1, offset: at.offset + 1 },
          }),
        );
      }
      // A tab (reported above) advances to the next even column, so one stray tab does not cascade.
      indent = 0;
      for (const ch of leading) indent = ch === '\t' ? indent + 2 - (indent % 2) : indent + 1;
    }
    const top = stack[stack.length - 1] ?? 0;
    if (indent > top) {
      stack.push(indent);
      tokens.push(virtual(Indent, first, false));
    } else if (indent < top) {
      // Dedents close the previous line's block, so they sit right after its last token.
      const anchor = tokens[tokens.length - 2] ?? first;
      while (indent < (stack[stack.length - 1] ?? 0)) {
        // A line between two levels stays in the inner block: one error, no cascade.
        if (indent > (stack[stack.length - 2] ?? 0)) {
          diagnostics.push(diagnostic('DD1003', file, rangeOf(first), { indent }));
          break;
        }
        stack.pop();
        tokens.push(virtual(Dedent, anchor, true));
      }
    }
    recogniseKeywords(text, lineTokens, tokens);
    tokens.push(virtual(Newline, lineTokens[lineTokens.length - 1]!, true));
  }
  const eofAnchor = tokens[tokens.length - 2];
  while (stack.length > 1 && eofAnchor) {
    stack.pop();
    tokens.push(virtual(Dedent, eofAnchor, true));
  }
  return { text, tokens, comments, diagnostics };
}

/** The text of a string literal without its quotes, with escapes resolved. */
export function stringValue(image: string): string {
  if (image.startsWith('“')) return image.slice(1, image.endsWith('”') ? -1 : undefined);
  const closed = /^"(?:[^"\\]|\\.)*"$/.test(image);
  return image.slice(1, closed ? -1 : undefined).replace(/\\(.)/g, '$1');
}
