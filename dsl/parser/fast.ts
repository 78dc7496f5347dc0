import type { CstNode, CstNodeLocation, IToken, TokenType } from 'chevrotain';
import type { KeywordName } from '../lexer/keywords.js';
import {
  Colon,
  Comma,
  DateLit,
  DayMonth,
  Decimal,
  Dedent,
  Eq,
  Ge,
  Gt,
  Identifier,
  Indent,
  Integer,
  K,
  Le,
  Lt,
  MonthYear,
  Newline,
  Percent,
  Slash,
  StringLit,
  Time,
} from '../lexer/tokens.js';
import type { ValueRule } from './parser.js';

/*
 * A hand-written recogniser for the grammar of parser.ts that builds the very CST Chevrotain builds (same
 * nodes, children in the same order, same locations as Chevrotain computes them with error recovery on)
 * for input without syntax errors. At the first token it does not expect it gives up, and the chunk is
 * parsed by Chevrotain, which reports the errors and recovers. Every decision below mirrors the lookahead
 * Chevrotain computes for the same alternative, so that both accept exactly the same inputs; a change to
 * the grammar in parser.ts must be made here too (test/dsl/parser-fast.test.ts compares the two).
 * One difference: `children` are plain objects (Chevrotain's have a null prototype), several times faster
 * to fill; the AST builder only reads them by token and rule names.
 */

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

type Children = Record<string, (IToken | CstNode)[]>;
type Loc = Required<CstNodeLocation>;

const idx = (t: TokenType): number => t.tokenTypeIdx!;

const COLON = idx(Colon);
const COMMA = idx(Comma);
const DATE = idx(DateLit);
const DAY_MONTH = idx(DayMonth);
const DECIMAL = idx(Decimal);
const DEDENT = idx(Dedent);
const IDENT = idx(Identifier);
const INDENT = idx(Indent);
const INTEGER = idx(Integer);
const MONTH_YEAR = idx(MonthYear);
const NEWLINE = idx(Newline);
const PERCENT = idx(Percent);
const SLASH = idx(Slash);
const STRING = idx(StringLit);
const TIME = idx(Time);
const kw = (name: KeywordName): number => idx(K[name]);

const TARGET_OPS = [Ge, Le, Gt, Lt, Eq];

/** Token type names by tokenTypeIdx: the CST files tokens under them. */
const NAMES: string[] = [];
for (const t of [
  Colon,
  Comma,
  DateLit,
  DayMonth,
  Decimal,
  Dedent,
  Identifier,
  Indent,
  Integer,
  MonthYear,
  Newline,
  Percent,
  Slash,
  StringLit,
  Time,
  ...TARGET_OPS,
  ...Object.values(K),
])
  NAMES[idx(t)] = t.name;

function newNode(name: string): CstNode {
  return {
    name,
    children: {} as Children,
    location: {
      startOffset: NaN,
      startLine: NaN,
      startColumn: NaN,
      endOffset: NaN,
      endLine: NaN,
      endColumn: NaN,
    },
  };
}

/** Chevrotain's setNodeLocationFull. */
function extend(loc: Loc, from: Loc | IToken): void {
  if (isNaN(loc.startOffset)) {
    loc.startOffset = from.startOffset;
    loc.startColumn = from.startColumn!;
    loc.startLine = from.startLine!;
    loc.endOffset = from.endOffset!;
    loc.endColumn = from.endColumn!;
    loc.endLine = from.endLine!;
  } else if (loc.endOffset < from.endOffset!) {
    loc.endOffset = from.endOffset!;
    loc.endColumn = from.endColumn!;
    loc.endLine = from.endLine!;
  }
}

function add(node: CstNode, key: string, element: IToken | CstNode): void {
  const children = node.children as Children;
  const list = children[key];
  if (list === undefined) children[key] = [element];
  else list.push(element);
}

const PROP_KEYS = new Map<number, readonly [KeywordName, ValueRule]>();
const TOP_NAMED = new Set(
  (['Unit', 'Group', 'Person', 'Policy', 'Indicator', 'Report'] as const).map((n) => kw(n)),
);
const AREA_KIND_IDX = new Set<number>();
const ROLE_IDX = new Set<number>();
const ROLE_ITEM_IDX = new Set<number>();
const WEEKDAY_IDX = new Set<number>();
const PERIOD_IDX = new Set<number>();

/** Filled from parser.ts's tables (kept there, where the grammar is). */
export function initFastParser(tables: {
  propertyValues: ReadonlyArray<readonly [KeywordName, ValueRule]>;
  areaKinds: readonly KeywordName[];
  roles: readonly KeywordName[];
  roleItems: readonly KeywordName[];
  weekdays: readonly KeywordName[];
  periods: readonly KeywordName[];
}): void {
  for (const entry of tables.propertyValues) PROP_KEYS.set(kw(entry[0]), entry);
  for (const n of tables.areaKinds) AREA_KIND_IDX.add(kw(n));
  for (const n of tables.roles) ROLE_IDX.add(kw(n));
  for (const n of tables.roleItems) ROLE_ITEM_IDX.add(kw(n));
  for (const n of tables.weekdays) WEEKDAY_IDX.add(kw(n));
  for (const n of tables.periods) PERIOD_IDX.add(kw(n));
}

const INCLUDE = kw('Include');
const EXTENDS = kw('Extends');
const PLAN = kw('Plan');
const TEMPLATE = kw('Template');
const AREA = kw('Area');
const TASK = kw('Task');
const DAY = kw('Day');
const ON = kw('On');
const YES = kw('Yes');
const NO = kw('No');
const KIND = kw('Kind');
const UNDER = kw('Under');
const WORKING_DAY = kw('WorkingDay');
const AT = kw('At');
const BEFORE = kw('Before');
const AFTER = kw('After');
const ON_THE_DAY = kw('OnTheDay');
const LEVEL = kw('Level');
const DAILY_WORKING = kw('DailyWorking');
const WEEKLY = kw('Weekly');
const MONTHLY = kw('Monthly');
const QUARTERLY = kw('Quarterly');
const YEARLY = kw('Yearly');
const PERIODIC = kw('Periodic');
const FIRST_MONTH = kw('FirstMonth');
const LAST_MONTH = kw('LastMonth');
const LATEST = kw('Latest');
const PERIOD_LAST_MONTH = kw('PeriodLastMonth');
const NEXT_MONTH = kw('NextMonth');
const MONTH = kw('Month');
const QUARTER = kw('Quarter');
const FIRST_HALF = kw('FirstHalf');
const SECOND_HALF = kw('SecondHalf');
const ONGOING = kw('Ongoing');
const REVIEW = kw('Review');
const PUBLISHED = kw('Published');
const TARGET_OP_IDX = new Set(TARGET_OPS.map(idx));

const RECURRENCE_FIRST = new Set([DAILY_WORKING, WEEKLY, MONTHLY, QUARTERLY, YEARLY, PERIODIC]);

class FastParser {
  private pos: number;

  constructor(
    private readonly tokens: readonly IToken[],
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  /** The type of the token ahead (1 = next), or -1 past the end. */
  private la(k = 1): number {
    const i = this.pos + k - 1;
    return i < this.end ? this.tokens[i]!.tokenTypeIdx : -1;
  }

  private consume(node: CstNode, typeIdx: number): void {
    if (this.pos >= this.end) throw GIVE_UP;
    const t = this.tokens[this.pos]!;
    if (t.tokenTypeIdx !== typeIdx) throw GIVE_UP;
    this.pos++;
    add(node, NAMES[typeIdx]!, t);
    extend(node.location as Loc, t);
  }

  /** Consumes the next token, which the caller has checked is of one of the expected types. */
  private consumeAny(node: CstNode): void {
    const t = this.tokens[this.pos]!;
    this.pos++;
    add(node, NAMES[t.tokenTypeIdx]!, t);
    extend(node.location as Loc, t);
  }

  private consumeIf(node: CstNode, typeIdx: number): boolean {
    if (this.la() !== typeIdx) return false;
    this.consumeAny(node);
    return true;
  }

  private oneOf(node: CstNode, types: ReadonlySet<number>): void {
    if (!types.has(this.la())) throw GIVE_UP;
    this.consumeAny(node);
  }

  private sub(parent: CstNode, name: string, rule: (node: CstNode) => void): void {
    const node = newNode(name);
    rule.call(this, node);
    add(parent, name, node);
    extend(parent.location as Loc, node.location as Loc);
  }

  planFile(): CstNode | undefined {
    const root = newNode('planFile');
    while (this.la() === NEWLINE) this.consumeAny(root);
    while (this.isTopStart(this.la())) this.sub(root, 'topItem', this.topItem);
    return this.pos === this.end ? root : undefined;
  }

  private isTopStart(t: number): boolean {
    return t === INCLUDE || t === EXTENDS || t === PLAN || t === TEMPLATE || t === AREA || TOP_NAMED.has(t);
  }

  private topItem(n: CstNode): void {
    const t = this.la();
    if (t === INCLUDE) this.sub(n, 'includeDecl', this.includeDecl);
    else if (t === EXTENDS) this.sub(n, 'extendsDecl', this.extendsDecl);
    else if (t === PLAN || t === TEMPLATE) this.sub(n, 'headerDecl', this.headerDecl);
    else if (TOP_NAMED.has(t)) this.sub(n, 'namedDecl', this.namedDecl);
    else if (t === AREA) this.sub(n, 'areaDecl', this.areaDecl);
    else throw GIVE_UP;
  }

  private includeDecl(n: CstNode): void {
    this.consume(n, INCLUDE);
    this.consume(n, STRING);
    this.consume(n, NEWLINE);
  }

  private extendsDecl(n: CstNode): void {
    this.consume(n, EXTENDS);
    this.consume(n, STRING);
    this.consume(n, NEWLINE);
  }

  private headerDecl(n: CstNode): void {
    this.consumeAny(n); // Plan or Template, checked by topItem
    this.consumeIf(n, STRING);
    this.sub(n, 'body', this.body);
  }

  private namedDecl(n: CstNode): void {
    this.consumeAny(n); // checked by topItem
    this.consume(n, IDENT);
    this.consumeIf(n, STRING);
    this.sub(n, 'body', this.body);
  }

  private areaDecl(n: CstNode): void {
    this.consume(n, AREA);
    this.sub(n, 'areaKind', this.areaKind);
    this.consumeIf(n, STRING);
    this.sub(n, 'body', this.body);
  }

  private taskDecl(n: CstNode): void {
    this.consume(n, TASK);
    this.consume(n, IDENT);
    this.consumeIf(n, STRING);
    this.sub(n, 'body', this.body);
  }

  private areaKind(n: CstNode): void {
    this.oneOf(n, AREA_KIND_IDX);
  }

  private isMemberStart(t: number): boolean {
    return t === TASK || PROP_KEYS.has(t);
  }

  private body(n: CstNode): void {
    const t = this.la();
    if (t === COLON) {
      this.consumeAny(n);
      this.consume(n, NEWLINE);
      if (this.la() === INDENT) {
        this.consumeAny(n);
        if (!this.isMemberStart(this.la())) throw GIVE_UP;
        do this.sub(n, 'member', this.member);
        while (this.isMemberStart(this.la()));
        this.consume(n, DEDENT);
      }
    } else if (t === NEWLINE) this.consumeAny(n);
    else throw GIVE_UP;
  }

  private member(n: CstNode): void {
    if (this.la() === TASK) this.sub(n, 'taskDecl', this.taskDecl);
    else this.sub(n, 'prop', this.prop);
  }

  private prop(n: CstNode): void {
    const entry = PROP_KEYS.get(this.la());
    if (!entry) throw GIVE_UP;
    const value = entry[1];
    this.consumeAny(n);
    this.consume(n, COLON);
    this.sub(n, value, VALUE_RULES[value]);
    if (value !== 'escalation') this.consume(n, NEWLINE);
  }

  ref(n: CstNode): void {
    this.consume(n, IDENT);
  }

  text(n: CstNode): void {
    this.consume(n, STRING);
  }

  dateValue(n: CstNode): void {
    const t = this.la();
    if (t !== DATE && t !== DAY_MONTH) throw GIVE_UP;
    this.consumeAny(n);
  }

  integerValue(n: CstNode): void {
    this.consume(n, INTEGER);
  }

  yesNo(n: CstNode): void {
    const t = this.la();
    if (t !== YES && t !== NO) throw GIVE_UP;
    this.consumeAny(n);
  }

  /** headValue and kindValue. */
  nameOrText(n: CstNode): void {
    const t = this.la();
    if (t !== IDENT && t !== STRING) throw GIVE_UP;
    this.consumeAny(n);
  }

  roleValue(n: CstNode): void {
    this.oneOf(n, ROLE_IDX);
  }

  decisionValue(n: CstNode): void {
    this.consume(n, STRING);
    const t = this.la();
    if (t === DAY || t === ON) this.consumeAny(n);
    this.sub(n, 'dateValue', this.dateValue);
  }

  criterionValue(n: CstNode): void {
    const t = this.la();
    if (t !== STRING && t !== IDENT && t !== DECIMAL && t !== INTEGER) throw GIVE_UP;
    this.consumeAny(n);
  }

  itemList(n: CstNode): void {
    this.sub(n, 'item', this.item);
    while (this.la() === COMMA) {
      this.consumeAny(n);
      this.sub(n, 'item', this.item);
    }
  }

  private item(n: CstNode): void {
    const t = this.la();
    if (t === IDENT) this.consumeAny(n);
    else if (t === KIND) {
      this.consumeAny(n);
      this.nameOrText(n);
    } else if (t === UNDER) {
      this.consumeAny(n);
      this.consume(n, IDENT);
    } else if (ROLE_ITEM_IDX.has(t)) this.consumeAny(n);
    else throw GIVE_UP;
  }

  duration(n: CstNode): void {
    this.consume(n, INTEGER);
    const t = this.la();
    if (t !== DAY && t !== WORKING_DAY) throw GIVE_UP;
    this.consumeAny(n);
  }

  private atTime(n: CstNode): void {
    this.consume(n, AT);
    this.consume(n, TIME);
  }

  reminderList(n: CstNode): void {
    this.sub(n, 'reminder', this.reminder);
    while (this.la() === COMMA) {
      this.consumeAny(n);
      this.sub(n, 'reminder', this.reminder);
    }
  }

  private reminder(n: CstNode): void {
    const t = this.la();
    if (t === BEFORE || t === AFTER) {
      this.consumeAny(n);
      this.sub(n, 'duration', this.duration);
    } else if (t === ON_THE_DAY) this.consumeAny(n);
    else throw GIVE_UP;
    if (this.la() === AT) this.sub(n, 'atTime', this.atTime);
  }

  escalation(n: CstNode): void {
    this.consume(n, NEWLINE);
    this.consume(n, INDENT);
    if (this.la() !== LEVEL) throw GIVE_UP;
    do this.sub(n, 'level', this.level);
    while (this.la() === LEVEL);
    this.consume(n, DEDENT);
  }

  private level(n: CstNode): void {
    this.consume(n, LEVEL);
    this.consume(n, INTEGER);
    this.consume(n, AFTER);
    this.sub(n, 'duration', this.duration);
    this.consume(n, COLON);
    this.sub(n, 'itemList', this.itemList);
    this.consume(n, NEWLINE);
  }

  recurrenceAt(n: CstNode): void {
    this.sub(n, 'recurrence', this.recurrence);
    if (this.la() === AT) this.sub(n, 'atTime', this.atTime);
  }

  private weekday(n: CstNode): void {
    this.oneOf(n, WEEKDAY_IDX);
  }

  private period(n: CstNode): void {
    this.oneOf(n, PERIOD_IDX);
  }

  periodList(n: CstNode): void {
    this.sub(n, 'period', this.period);
    while (this.la() === COMMA) {
      this.consumeAny(n);
      this.sub(n, 'period', this.period);
    }
  }

  private recurrence(n: CstNode): void {
    const t = this.la();
    if (t === DAILY_WORKING) this.consumeAny(n);
    else if (t === WEEKLY) {
      this.consumeAny(n);
      this.consumeIf(n, ON);
      this.sub(n, 'weekday', this.weekday);
    } else if (t === MONTHLY) {
      this.consumeAny(n);
      this.consumeIf(n, ON);
      this.consume(n, DAY);
      this.consume(n, INTEGER);
    } else if (t === QUARTERLY) {
      this.consumeAny(n);
      this.consumeIf(n, ON);
      this.consume(n, DAY);
      this.consume(n, INTEGER);
      const m = this.la();
      if (m !== FIRST_MONTH && m !== LAST_MONTH) throw GIVE_UP;
      this.consumeAny(n);
    } else if (t === YEARLY) {
      this.consumeAny(n);
      this.consumeIf(n, ON);
      this.consumeIf(n, DAY);
      this.consume(n, DAY_MONTH);
    } else if (t === PERIODIC) {
      this.consumeAny(n);
      this.sub(n, 'period', this.period);
      // MANY(Comma period) needs two tokens to tell it from the optional Comma after it
      while (this.la() === COMMA && PERIOD_IDX.has(this.la(2))) {
        this.consumeAny(n);
        this.sub(n, 'period', this.period);
      }
      this.consumeIf(n, COMMA);
      this.consumeIf(n, LATEST);
      this.consumeIf(n, ON);
      this.consume(n, DAY);
      this.consume(n, INTEGER);
      this.consume(n, PERIOD_LAST_MONTH);
    } else throw GIVE_UP;
  }

  deadline(n: CstNode): void {
    const t = this.la();
    if (t === BEFORE || t === LATEST) this.consumeAny(n);
    this.sub(n, 'deadlineCore', this.deadlineCore);
    if (this.la() === AT) this.sub(n, 'atTime', this.atTime);
  }

  private deadlineCore(n: CstNode): void {
    const t = this.la();
    if (t === DAY || t === ON || t === DATE || t === DAY_MONTH || (t === INTEGER && this.la(2) === MONTHLY)) {
      if (t === DAY || t === ON) this.consumeAny(n);
      const u = this.la();
      if (u === DATE) this.consumeAny(n);
      else if (u === DAY_MONTH) {
        this.consumeAny(n);
        this.consumeIf(n, YEARLY);
      } else if (u === INTEGER) {
        this.consumeAny(n);
        this.consume(n, MONTHLY);
      } else throw GIVE_UP;
    } else if (t === MONTH) {
      this.consumeAny(n);
      const u = this.la();
      if (u !== INTEGER && u !== MONTH_YEAR) throw GIVE_UP;
      this.consumeAny(n);
    } else if (t === QUARTER) {
      this.consumeAny(n);
      const u = this.la();
      if (u === IDENT) {
        this.consumeAny(n);
        if (this.la() === SLASH) {
          this.consumeAny(n);
          this.consume(n, INTEGER);
        }
      } else if (u === INTEGER || u === MONTH_YEAR) this.consumeAny(n);
      else throw GIVE_UP;
    } else if (t === FIRST_HALF || t === SECOND_HALF) this.consumeAny(n);
    else if (RECURRENCE_FIRST.has(t)) this.sub(n, 'recurrence', this.recurrence);
    else if (t === ONGOING) {
      this.consumeAny(n);
      if (this.la() === COMMA) {
        this.consumeAny(n);
        this.consume(n, REVIEW);
        this.sub(n, 'recurrence', this.recurrence);
      }
    } else if (t === INTEGER) {
      const u = this.la(2);
      if (u !== DAY && u !== WORKING_DAY) throw GIVE_UP;
      this.sub(n, 'duration', this.duration);
      this.consume(n, AFTER);
      const v = this.la();
      if (v === TASK) {
        this.consumeAny(n);
        this.consume(n, IDENT);
      } else if (v === PUBLISHED) this.consumeAny(n);
      else throw GIVE_UP;
    } else throw GIVE_UP;
  }

  target(n: CstNode): void {
    if (!TARGET_OP_IDX.has(this.la())) throw GIVE_UP;
    this.consumeAny(n);
    const t = this.la();
    if (t !== INTEGER && t !== DECIMAL) throw GIVE_UP;
    this.consumeAny(n);
    this.consumeIf(n, PERCENT);
  }

  dayValue(n: CstNode): void {
    this.consumeIf(n, DAY);
    this.consume(n, INTEGER);
  }

  dueValue(n: CstNode): void {
    this.consumeIf(n, DAY);
    this.consume(n, INTEGER);
    const t = this.la();
    if (t === PERIOD_LAST_MONTH || t === NEXT_MONTH) this.consumeAny(n);
  }
}

const P = FastParser.prototype;
const VALUE_RULES: Record<ValueRule, (this: FastParser, node: CstNode) => void> = {
  ref: P.ref,
  text: P.text,
  dateValue: P.dateValue,
  integerValue: P.integerValue,
  yesNo: P.yesNo,
  headValue: P.nameOrText,
  kindValue: P.nameOrText,
  roleValue: P.roleValue,
  itemList: P.itemList,
  deadline: P.deadline,
  criterionValue: P.criterionValue,
  duration: P.duration,
  reminderList: P.reminderList,
  escalation: P.escalation,
  recurrenceAt: P.recurrenceAt,
  target: P.target,
  periodList: P.periodList,
  dayValue: P.dayValue,
  dueValue: P.dueValue,
  decisionValue: P.decisionValue,
};

/**
 * The planFile CST of tokens[start, end), as Chevrotain would build it, or undefined if the tokens have a
 * syntax error (or anything this parser does not expect): parse them with Chevrotain then.
 */
export function fastParse(tokens: readonly IToken[], start: number, end: number): CstNode | undefined {
  try {
    return new FastParser(tokens, start, end).planFile();
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}
