// The baseline of bench:dsl: Chevrotain's own JSON grammar (its documented example), written with embedded
// actions so that it builds the JavaScript values as it parses, and run by the same Chevrotain version as the
// plan language. A front end that lexes, parses and builds a tree cannot beat this by much; the plan language's
// check does that and more (keywords in two languages, indentation, names, meaning), so its target is a fraction.
import { createToken, EmbeddedActionsParser, Lexer, type TokenType } from 'chevrotain';

const True = createToken({ name: 'True', pattern: /true/ });
const False = createToken({ name: 'False', pattern: /false/ });
const Null = createToken({ name: 'Null', pattern: /null/ });
const LCurly = createToken({ name: 'LCurly', pattern: /{/ });
const RCurly = createToken({ name: 'RCurly', pattern: /}/ });
const LSquare = createToken({ name: 'LSquare', pattern: /\[/ });
const RSquare = createToken({ name: 'RSquare', pattern: /]/ });
const Comma = createToken({ name: 'Comma', pattern: /,/ });
const Colon = createToken({ name: 'Colon', pattern: /:/ });
const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^\\"]|\\(?:[bfnrtv"\\/]|u[0-9a-fA-F]{4}))*"/,
});
const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/,
});
const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\n\r]+/, group: Lexer.SKIPPED });

const allTokens: TokenType[] = [
  WhiteSpace,
  NumberLiteral,
  StringLiteral,
  LCurly,
  RCurly,
  LSquare,
  RSquare,
  Comma,
  Colon,
  True,
  False,
  Null,
];

export const jsonLexer = new Lexer(allTokens);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class JsonParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens);
    this.performSelfAnalysis();
  }

  public json = this.RULE('json', (): Json =>
    this.OR([{ ALT: () => this.SUBRULE(this.object) }, { ALT: () => this.SUBRULE(this.array) }]),
  );

  private object = this.RULE('object', () => {
    const obj: { [key: string]: Json } = {};
    this.CONSUME(LCurly);
    this.MANY_SEP({
      SEP: Comma,
      DEF: () => {
        const item = this.SUBRULE(this.objectItem);
        // Actions run only when parsing, not while Chevrotain records the grammar.
        this.ACTION(() => {
          obj[item[0]] = item[1];
        });
      },
    });
    this.CONSUME(RCurly);
    return obj;
  });

  private objectItem = this.RULE('objectItem', (): [string, Json] => {
    const key = this.CONSUME(StringLiteral).image.slice(1, -1);
    this.CONSUME(Colon);
    const value = this.SUBRULE(this.value);
    return [key, value];
  });

  private array = this.RULE('array', () => {
    const arr: Json[] = [];
    this.CONSUME(LSquare);
    this.MANY_SEP({
      SEP: Comma,
      DEF: () => {
        const v = this.SUBRULE(this.value);
        this.ACTION(() => arr.push(v));
      },
    });
    this.CONSUME(RSquare);
    return arr;
  });

  private valueAlts: { ALT: () => Json }[] | undefined;

  private value = this.RULE('value', (): Json =>
    this.OR(
      (this.valueAlts ??= [
        { ALT: () => this.CONSUME(StringLiteral).image.slice(1, -1) },
        { ALT: () => Number(this.CONSUME(NumberLiteral).image) },
        { ALT: () => this.SUBRULE(this.object) },
        { ALT: () => this.SUBRULE(this.array) },
        { ALT: () => (this.CONSUME(True), true) },
        { ALT: () => (this.CONSUME(False), false) },
        { ALT: () => (this.CONSUME(Null), null) },
      ]),
    ),
  );
}

const parser = new JsonParser();

/** Lexes and parses a JSON text into its value with Chevrotain; throws on a lexing or parsing error. */
export function parseJsonWithChevrotain(text: string): unknown {
  const lexed = jsonLexer.tokenize(text);
  if (lexed.errors.length > 0) throw new Error(`JSON lexing error: ${lexed.errors[0]!.message}`);
  parser.input = lexed.tokens;
  const value = parser.json();
  if (parser.errors.length > 0) throw new Error(`JSON parsing error: ${parser.errors[0]!.message}`);
  return value;
}

/**
 * A JSON document of about `bytes` bytes shaped like a plan's tasks (objects with ids, titles, unit lists and a
 * deadline), so that both sides read text of the same size and a similar mix of names, strings and numbers.
 */
export function jsonDocumentOfSize(bytes: number): string {
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      id: `TT.${i}`,
      title: `Rà soát, đơn giản hóa thủ tục hành chính số ${i}`,
      lead: [`so_${i % 20}`],
      support: [`xa_${i % 100}`],
      deadline: { day: 1 + (i % 28), month: 1 + (i % 12), year: 2027 },
      criterion: `${1 + (i % 8)}.${i % 5}`,
      weight: (i % 100) / 10,
    });
    parts.push(item);
    size += item.length + 1;
  }
  return `[${parts.join(',')}]`;
}
