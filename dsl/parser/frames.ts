import type { IToken, TokenType } from 'chevrotain';
import type { KeywordName } from '../lexer/keywords.js';
import {
  DateLit,
  DayMonth,
  Decimal,
  Eq,
  Ge,
  Gt,
  Identifier,
  Integer,
  K,
  Le,
  Lt,
  MonthYear,
  Percent,
  Slash,
  StringLit,
  Time,
} from '../lexer/tokens.js';

/** The grammar's rules; a frame's kind. */
export type RuleName =
  | 'planFile'
  | 'topItem'
  | 'includeDecl'
  | 'extendsDecl'
  | 'headerDecl'
  | 'namedDecl'
  | 'areaDecl'
  | 'taskDecl'
  | 'areaKind'
  | 'body'
  | 'member'
  | 'prop'
  | ValueRule
  | 'item'
  | 'atTime'
  | 'reminder'
  | 'level'
  | 'weekday'
  | 'period'
  | 'recurrence'
  | 'bound'
  | 'dayDate'
  | 'monthPoint'
  | 'yearPoint'
  | 'deadlineCore';

/** The value grammar of each property key; see PROPERTY_VALUES. */
export type ValueRule =
  | 'ref'
  | 'text'
  | 'dateValue'
  | 'integerValue'
  | 'yesNo'
  | 'headValue'
  | 'kindValue'
  | 'roleValue'
  | 'itemList'
  | 'deadline'
  | 'criterionValue'
  | 'duration'
  | 'reminderList'
  | 'escalation'
  | 'recurrenceAt'
  | 'target'
  | 'periodList'
  | 'dayValue'
  | 'dueValue'
  | 'decisionValue';

/** Keywords whose presence decides what a rule read (a bit each in Frame.flags). */
const FLAG_KEYWORDS = [
  'Monthly',
  'FirstMonth',
  'LastMonth',
  'Quarterly',
  'Yearly',
  'Periodic',
  'DailyWorking',
  'Weekly',
  'Month',
  'Regulated',
  'SameDay',
  'Quarter',
  'FirstHalf',
  'SecondHalf',
  'Ongoing',
  'FromReceipt',
  'Published',
  'Latest',
  'Before',
  'NextMonth',
  'From',
  'WorkingDay',
  'Template',
  'Kind',
  'Under',
  'Yes',
] as const satisfies readonly KeywordName[];
type FlagKeyword = (typeof FLAG_KEYWORDS)[number];

export const F = Object.fromEntries(FLAG_KEYWORDS.map((k, i) => [k, 1 << i])) as Record<FlagKeyword, number>;

/** Where a consumed token is kept in its rule's frame, by token type. */
const enum Slot {
  None = 0,
  Keyword,
  Id,
  Str,
  Int,
  Dec,
  Date,
  DayMonth,
  MonthYear,
  Time,
  Slash,
  Percent,
  Op,
}

const SLOT: Slot[] = [];
const FLAG: number[] = [];
function slot(t: TokenType, s: Slot) {
  SLOT[t.tokenTypeIdx!] = s;
}
for (const [name, type] of Object.entries(K)) {
  slot(type, Slot.Keyword);
  FLAG[type.tokenTypeIdx!] = (F as Record<string, number>)[name] ?? 0;
}
slot(Identifier, Slot.Id);
slot(StringLit, Slot.Str);
slot(Integer, Slot.Int);
slot(Decimal, Slot.Dec);
slot(DateLit, Slot.Date);
slot(DayMonth, Slot.DayMonth);
slot(MonthYear, Slot.MonthYear);
slot(Time, Slot.Time);
slot(Slash, Slot.Slash);
slot(Percent, Slot.Percent);
for (const t of [Ge, Le, Gt, Lt, Eq]) slot(t, Slot.Op);

/**
 * The state of one rule invocation: the tokens it consumed (the first of each kind, as the CST's `children[name][0]`
 * was), the frames of the rules it called, and its span. A frame is built into its AST value when the rule returns,
 * or, when error recovery abandons the rule, from what it had read so far (the CST kept such partial nodes too).
 */
export class Frame {
  /** The first real token of the span, as Chevrotain's node location would start (undefined: nothing read). */
  s: IToken | undefined = undefined;
  /** The token whose end ends the span. */
  e: IToken | undefined = undefined;
  /** The built value. */
  v: unknown = undefined;
  /** FLAG_KEYWORDS read (not inserted by recovery). */
  flags = 0;
  kw: IToken | undefined = undefined;
  id: IToken | undefined = undefined;
  str: IToken | undefined = undefined;
  int: IToken | undefined = undefined;
  dec: IToken | undefined = undefined;
  date: IToken | undefined = undefined;
  dm: IToken | undefined = undefined;
  my: IToken | undefined = undefined;
  time: IToken | undefined = undefined;
  slash: IToken | undefined = undefined;
  pct: IToken | undefined = undefined;
  op: IToken | undefined = undefined;
  /** Frames of called rules. */
  list: Frame[] | undefined = undefined;
  decl: Frame | undefined = undefined;
  body: Frame | undefined = undefined;
  taskDecl: Frame | undefined = undefined;
  prop: Frame | undefined = undefined;
  /** A property's value. */
  val: Frame | undefined = undefined;
  areaKind: Frame | undefined = undefined;
  dateValue: Frame | undefined = undefined;
  duration: Frame | undefined = undefined;
  atTime: Frame | undefined = undefined;
  itemList: Frame | undefined = undefined;
  recurrence: Frame | undefined = undefined;
  weekday: Frame | undefined = undefined;
  bound: Frame | undefined = undefined;
  dayDate: Frame | undefined = undefined;
  deadlineCore: Frame | undefined = undefined;
  point: Frame | undefined = undefined;

  constructor(
    readonly k: RuleName,
    /** Diagnostics pending when the rule started: what the rule's values report comes after. */
    readonly mark: number,
  ) {}

  /** A consumed token: kept by kind, and added to the span as Chevrotain's full node location tracking does. */
  token(t: IToken): void {
    const idx = t.tokenTypeIdx!;
    if (t.isInsertedInRecovery !== true) {
      this.flags |= FLAG[idx] ?? 0;
      if (this.s === undefined) {
        this.s = t;
        this.e = t;
      } else if (this.e!.endOffset! < t.endOffset!) this.e = t;
    }
    switch (SLOT[idx]) {
      case Slot.Keyword:
        this.kw ??= t;
        break;
      case Slot.Id:
        this.id ??= t;
        break;
      case Slot.Str:
        this.str ??= t;
        break;
      case Slot.Int:
        this.int ??= t;
        break;
      case Slot.Dec:
        this.dec ??= t;
        break;
      case Slot.Date:
        this.date ??= t;
        break;
      case Slot.DayMonth:
        this.dm ??= t;
        break;
      case Slot.MonthYear:
        this.my ??= t;
        break;
      case Slot.Time:
        this.time ??= t;
        break;
      case Slot.Slash:
        this.slash ??= t;
        break;
      case Slot.Percent:
        this.pct ??= t;
        break;
      case Slot.Op:
        this.op ??= t;
        break;
      default:
        break;
    }
  }

  /** A called rule's frame, once built: kept under its rule, and its span merged into this one. */
  child(c: Frame): void {
    if (c.s !== undefined) {
      if (this.s === undefined) {
        this.s = c.s;
        this.e = c.e;
      } else if (this.e!.endOffset! < c.e!.endOffset!) this.e = c.e;
    }
    switch (c.k) {
      case 'topItem':
      case 'member':
      case 'item':
      case 'reminder':
      case 'level':
      case 'period':
        (this.list ??= []).push(c);
        return;
      case 'includeDecl':
      case 'extendsDecl':
      case 'headerDecl':
      case 'namedDecl':
      case 'areaDecl':
        this.decl = c;
        return;
      case 'monthPoint':
      case 'yearPoint':
        this.point = c;
        return;
      default:
        break;
    }
    if (this.k === 'prop') {
      this.val = c;
      return;
    }
    switch (c.k) {
      case 'body':
        this.body = c;
        break;
      case 'taskDecl':
        this.taskDecl = c;
        break;
      case 'prop':
        this.prop = c;
        break;
      case 'areaKind':
        this.areaKind = c;
        break;
      case 'dateValue':
        this.dateValue = c;
        break;
      case 'duration':
        this.duration = c;
        break;
      case 'atTime':
        this.atTime = c;
        break;
      case 'itemList':
        this.itemList = c;
        break;
      case 'recurrence':
        this.recurrence = c;
        break;
      case 'weekday':
        this.weekday = c;
        break;
      case 'bound':
        this.bound = c;
        break;
      case 'dayDate':
        this.dayDate = c;
        break;
      case 'deadlineCore':
        this.deadlineCore = c;
        break;
      default:
        break;
    }
  }

  /**
   * The rule returned normally: its span ends with the last token read (Chevrotain's `cstPostRuleFull`); a rule that
   * read nothing has no span.
   */
  close(last: IToken): void {
    if (this.s !== undefined && this.s.startOffset <= last.startOffset) this.e = last;
    else {
      this.s = undefined;
      this.e = undefined;
    }
  }
}

/** The token if it was read, not inserted by error recovery. */
export function real(t: IToken | undefined): IToken | undefined {
  return t !== undefined && t.isInsertedInRecovery !== true ? t : undefined;
}

/** The keyword a token stands for, if it was read. */
export function keywordOf(t: IToken | undefined): KeywordName | undefined {
  return t !== undefined && t.isInsertedInRecovery !== true && SLOT[t.tokenTypeIdx!] === Slot.Keyword
    ? (t.tokenType.name as KeywordName)
    : undefined;
}
