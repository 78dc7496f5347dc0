import {
  EmbeddedActionsParser,
  EOF,
  type IOrAlt,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from 'chevrotain';
import type { Task, TopItem } from '../ast/nodes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
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
  allTokens,
} from '../lexer/tokens.js';
import {
  Actions,
  AREA_KINDS,
  PERIODS,
  PROPERTY_VALUES,
  ROLE_ITEMS,
  ROLES,
  WEEKDAYS,
  type KeywordInValue,
} from './actions.js';
import { Frame, type RuleName } from './frames.js';
import { errorMessageProvider } from './messages.js';

export {
  AREA_KINDS,
  BLOCK_PROPS,
  PERIODS,
  PROPERTY_VALUES,
  ROLE_ITEMS,
  ROLES,
  WEEKDAYS,
  type KeywordInValue,
} from './actions.js';
export type { ValueRule } from './frames.js';

type Alts = IOrAlt<unknown>[];

const engineConsume = (
  EmbeddedActionsParser.prototype as unknown as {
    consumeInternal: (this: EmbeddedActionsParser, t: TokenType, idx: number, options: unknown) => IToken;
  }
).consumeInternal;

/** The frame of rules run while Chevrotain records the grammar (their actions do not run). */
const RECORDING = new Frame('planFile', 0);

/**
 * The grammar, written once: Chevrotain rules whose actions build the typed AST (dsl/ast/nodes.ts) as they parse.
 * Blocks are delimited by indentation (Indent/Dedent tokens from the lexer); every property sits on its own line.
 * Error recovery is on, so one pass reports every syntax error.
 *
 * Each rule invocation keeps what it reads in a Frame (dsl/parser/frames.ts) and hands it to its caller's frame when
 * it ends, built into its value by dsl/parser/actions.ts. When error recovery abandons rules (a token missing deep in
 * a value, re-synchronised at the end of the line), Chevrotain returns only the recovering rule's
 * `recoveryValueFunc` value; `recover()` then builds every abandoned rule from what it had read, innermost first, so
 * that a broken line still yields what it could (as the CST's partial nodes did).
 */
export class PlanParser extends EmbeddedActionsParser {
  readonly act = new Actions();
  private readonly stack: Frame[] = [];
  private cur: Frame = RECORDING;
  private readonly alts: Record<string, Alts> = {};

  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider,
    });
    this.performSelfAnalysis();
  }

  /** Starts a rule's frame. */
  private enter(k: RuleName): void {
    if (this.RECORDING_PHASE) return;
    const f = new Frame(k, this.act.pending.length);
    this.stack.push(f);
    this.cur = f;
  }

  /** Ends the current rule normally: its span ends with the last token read; builds its value. */
  private leave<T>(): T {
    if (this.RECORDING_PHASE) return undefined as T;
    const f = this.stack.pop()!;
    f.close(this.LA(0));
    return this.finish(f) as T;
  }

  private finish(f: Frame): unknown {
    f.v = this.act.build(f);
    const parent = this.stack[this.stack.length - 1];
    this.cur = parent ?? RECORDING;
    parent?.child(f);
    return f.v;
  }

  /**
   * Error recovery re-synchronised in a rule: the rules the error went through, and this one, end with what they
   * read. Chevrotain calls this while the recovering rule is still on its rule stack, at depth RULE_STACK_IDX.
   */
  private recover(): unknown {
    if (this.RECORDING_PHASE) return undefined;
    const depth = (this as unknown as { RULE_STACK_IDX: number }).RULE_STACK_IDX;
    while (this.stack.length > depth + 1) this.finish(this.stack.pop()!);
    return this.finish(this.stack.pop()!);
  }

  private readonly recovery = { recoveryValueFunc: () => this.recover() };

  /**
   * Every token a rule consumes, the separators of AT_LEAST_ONE_SEP included, goes into the rule's frame, as
   * Chevrotain's CST builder takes it from this same method (`cstPostTerminal`). While the grammar is recorded,
   * Chevrotain consumes through another method.
   */
  protected consumeInternal(tokType: TokenType, idx: number, options: unknown): IToken {
    const t = engineConsume.call(this, tokType, idx, options);
    this.cur.token(t);
    return t;
  }

  private tokenAlts(names: readonly KeywordName[]): Alts {
    return names.map((n) => ({ ALT: () => this.consume(0, K[n]) }));
  }

  /** Clears what a failed parse could leave behind. */
  resetFrames(): void {
    this.stack.length = 0;
    this.cur = RECORDING;
  }

  /** A rule whose invocations keep their state in a frame and return what the frame builds. */
  private rule<T>(name: RuleName, impl: () => void) {
    return this.RULE(
      name,
      (): T => {
        this.enter(name);
        impl();
        return this.leave<T>();
      },
      this.recovery as { recoveryValueFunc: () => T },
    );
  }

  public planFile = this.rule<TopItem[]>('planFile', () => {
    this.MANY(() => this.consume(0, Newline));
    this.MANY2(() => this.SUBRULE(this.topItem));
  });

  private topItem = this.rule('topItem', () => {
    this.OR(
      (this.alts['topItem'] ??= [
        { ALT: () => this.SUBRULE(this.includeDecl) },
        { ALT: () => this.SUBRULE(this.extendsDecl) },
        { ALT: () => this.SUBRULE(this.headerDecl) },
        { ALT: () => this.SUBRULE(this.namedDecl) },
        { ALT: () => this.SUBRULE(this.areaDecl) },
      ]),
    );
  });

  private includeDecl = this.rule('includeDecl', () => {
    this.consume(0, K.Include);
    this.consume(0, StringLit);
    this.consume(0, Newline);
  });

  private extendsDecl = this.rule('extendsDecl', () => {
    this.consume(0, K.Extends);
    this.consume(0, StringLit);
    this.consume(0, Newline);
  });

  private headerDecl = this.rule('headerDecl', () => {
    this.OR((this.alts['headerDecl'] ??= this.tokenAlts(['Plan', 'Template'])));
    this.OPTION(() => this.consume(0, StringLit));
    this.SUBRULE(this.body);
  });

  /** unit / group / person / policy / indicator / report: keyword, id, optional display name, body. */
  private namedDecl = this.rule('namedDecl', () => {
    this.OR(
      (this.alts['namedDecl'] ??= this.tokenAlts([
        'Unit',
        'Group',
        'Person',
        'Policy',
        'Indicator',
        'Report',
      ])),
    );
    this.consume(0, Identifier);
    this.OPTION(() => this.consume(0, StringLit));
    this.SUBRULE(this.body);
  });

  private areaDecl = this.rule('areaDecl', () => {
    this.consume(0, K.Area);
    this.SUBRULE(this.areaKind);
    this.OPTION(() => this.consume(0, StringLit));
    this.SUBRULE(this.body);
  });

  private taskDecl = this.rule('taskDecl', () => {
    this.consume(0, K.Task);
    this.consume(0, Identifier);
    this.OPTION(() => this.consume(0, StringLit));
    this.SUBRULE(this.body);
  });

  private areaKind = this.rule('areaKind', () => {
    this.OR((this.alts['areaKind'] ??= this.tokenAlts(AREA_KINDS)));
  });

  private body = this.rule('body', () => {
    this.OR(
      (this.alts['body'] ??= [
        {
          ALT: () => {
            this.consume(0, Colon);
            this.consume(0, Newline);
            this.OPTION(() => {
              this.consume(0, Indent);
              this.AT_LEAST_ONE(() => this.SUBRULE(this.member));
              this.consume(0, Dedent);
            });
          },
        },
        { ALT: () => this.consume(2, Newline) },
      ]),
    );
  });

  private member = this.rule('member', () => {
    this.OR(
      (this.alts['member'] ??= [
        { ALT: () => this.SUBRULE(this.taskDecl) },
        { ALT: () => this.SUBRULE(this.prop) },
      ]),
    );
  });

  private prop = this.rule('prop', () => {
    this.OR(
      (this.alts['prop'] ??= PROPERTY_VALUES.map(([key, value], i) => ({
        ALT: () => {
          this.consume(i, K[key]);
          this.consume(i, Colon);
          this.subrule(i, this[value]);
          if (value !== 'escalation') this.consume(i, Newline);
        },
      }))),
    );
  });

  private ref = this.rule('ref', () => {
    this.consume(0, Identifier);
  });

  private text = this.rule('text', () => {
    this.consume(0, StringLit);
  });

  private dateValue = this.rule('dateValue', () => {
    this.OR(
      (this.alts['dateValue'] ??= [
        { ALT: () => this.consume(0, DateLit) },
        { ALT: () => this.consume(0, DayMonth) },
      ]),
    );
  });

  private integerValue = this.rule('integerValue', () => {
    this.consume(0, Integer);
  });

  private yesNo = this.rule('yesNo', () => {
    this.OR((this.alts['yesNo'] ??= this.tokenAlts(['Yes', 'No'])));
  });

  private headValue = this.rule('headValue', () => {
    this.OR(
      (this.alts['headValue'] ??= [
        { ALT: () => this.consume(0, Identifier) },
        { ALT: () => this.consume(0, StringLit) },
      ]),
    );
  });

  private kindValue = this.rule('kindValue', () => {
    this.OR(
      (this.alts['kindValue'] ??= [
        { ALT: () => this.consume(0, Identifier) },
        { ALT: () => this.consume(0, StringLit) },
      ]),
    );
  });

  private roleValue = this.rule('roleValue', () => {
    this.OR((this.alts['roleValue'] ??= this.tokenAlts(ROLES)));
  });

  private decisionValue = this.rule('decisionValue', () => {
    this.consume(0, StringLit);
    this.OPTION(() =>
      this.OR(
        (this.alts['decisionValue'] ??= [
          { ALT: () => this.consume(0, K.Day) },
          { ALT: () => this.consume(0, K.On) },
        ]),
      ),
    );
    this.SUBRULE(this.dateValue);
  });

  private criterionValue = this.rule('criterionValue', () => {
    this.OR(
      (this.alts['criterionValue'] ??= [
        { ALT: () => this.consume(0, StringLit) },
        { ALT: () => this.consume(0, Identifier) },
        { ALT: () => this.consume(0, Decimal) },
        { ALT: () => this.consume(0, Integer) },
      ]),
    );
  });

  private itemList = this.rule('itemList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.item) });
  });

  /** A list item: a name, "kind X" (all units of a kind), "under X" (the units under X), or a role. */
  private item = this.rule('item', () => {
    this.OR(
      (this.alts['item'] ??= [
        { ALT: () => this.consume(0, Identifier) },
        {
          ALT: () => {
            this.consume(0, K.Kind);
            this.OR2(
              (this.alts['item2'] ??= [
                { ALT: () => this.consume(2, Identifier) },
                { ALT: () => this.consume(0, StringLit) },
              ]),
            );
          },
        },
        {
          ALT: () => {
            this.consume(0, K.Under);
            this.consume(3, Identifier);
          },
        },
        ...ROLE_ITEMS.map((n, i) => ({ ALT: () => this.consume(i + 1, K[n]) })),
      ]),
    );
  });

  private duration = this.rule('duration', () => {
    this.consume(0, Integer);
    this.OR((this.alts['duration'] ??= this.tokenAlts(['Day', 'WorkingDay'])));
  });

  private atTime = this.rule('atTime', () => {
    this.consume(0, K.At);
    this.consume(0, Time);
  });

  private reminderList = this.rule('reminderList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.reminder) });
  });

  private reminder = this.rule('reminder', () => {
    this.OR(
      (this.alts['reminder'] ??= [
        {
          ALT: () => {
            this.consume(0, K.Before);
            this.SUBRULE(this.duration);
          },
        },
        {
          ALT: () => {
            this.consume(0, K.After);
            this.SUBRULE2(this.duration);
          },
        },
        { ALT: () => this.consume(0, K.OnTheDay) },
      ]),
    );
    this.OPTION(() => this.SUBRULE(this.atTime));
  });

  private escalation = this.rule('escalation', () => {
    this.consume(0, Newline);
    this.consume(0, Indent);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.level));
    this.consume(0, Dedent);
  });

  private level = this.rule('level', () => {
    this.consume(0, K.Level);
    this.consume(0, Integer);
    this.consume(0, K.After);
    this.SUBRULE(this.duration);
    this.consume(0, Colon);
    this.SUBRULE(this.itemList);
    this.consume(0, Newline);
  });

  private recurrenceAt = this.rule('recurrenceAt', () => {
    this.SUBRULE(this.recurrence);
    this.OPTION(() => this.SUBRULE(this.atTime));
  });

  private weekday = this.rule('weekday', () => {
    this.OR((this.alts['weekday'] ??= this.tokenAlts(WEEKDAYS)));
  });

  private period = this.rule('period', () => {
    this.OR((this.alts['period'] ??= this.tokenAlts(PERIODS)));
  });

  private periodList = this.rule('periodList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.period) });
  });

  private recurrence = this.rule('recurrence', () => {
    this.OR(
      (this.alts['recurrence'] ??= [
        { ALT: () => this.consume(0, K.DailyWorking) },
        {
          ALT: () => {
            this.consume(0, K.Weekly);
            this.OPTION(() => this.consume(0, K.On));
            this.SUBRULE(this.weekday);
          },
        },
        {
          // "hằng tháng ngày 15", "định kỳ hằng tháng" (no day: the header's default)
          ALT: () => {
            this.OPTION9(() => this.consume(2, K.Periodic));
            this.consume(0, K.Monthly);
            this.option(10, () => {
              this.OPTION2(() => this.consume(2, K.On));
              this.consume(0, K.Day);
              this.consume(0, Integer);
            });
          },
        },
        {
          ALT: () => {
            this.consume(0, K.Quarterly);
            this.OPTION3(() => this.consume(3, K.On));
            this.consume(2, K.Day);
            this.consume(2, Integer);
            this.OR2(
              (this.alts['recurrence2'] ??= [
                { ALT: () => this.consume(0, K.FirstMonth) },
                { ALT: () => this.consume(0, K.LastMonth) },
              ]),
            );
          },
        },
        {
          ALT: () => {
            this.consume(0, K.Yearly);
            this.OPTION4(() => this.consume(4, K.On));
            this.OPTION5(() => this.consume(3, K.Day));
            this.consume(0, DayMonth);
          },
        },
        {
          ALT: () => {
            this.consume(0, K.Periodic);
            this.SUBRULE(this.period);
            this.MANY(() => {
              this.consume(0, Comma);
              this.SUBRULE2(this.period);
            });
            this.OPTION6(() => this.consume(2, Comma));
            this.OPTION7(() => this.consume(0, K.Latest));
            this.OPTION8(() => this.consume(5, K.On));
            this.consume(4, K.Day);
            this.consume(3, Integer);
            this.consume(0, K.PeriodLastMonth);
          },
        },
      ]),
    );
  });

  /** "trước" (before) or "chậm nhất" (at the latest); which one was written changes the date. */
  private bound = this.rule('bound', () => {
    this.OR((this.alts['bound'] ??= this.tokenAlts(['Before', 'Latest'])));
  });

  /** A day written as a date: "ngày 12/12", "05/01/2028". */
  private dayDate = this.rule('dayDate', () => {
    this.OPTION(() =>
      this.OR(
        (this.alts['dayDate'] ??= [
          { ALT: () => this.consume(0, K.Day) },
          { ALT: () => this.consume(0, K.On) },
        ]),
      ),
    );
    this.OR2(
      (this.alts['dayDate2'] ??= [
        { ALT: () => this.consume(0, DateLit) },
        { ALT: () => this.consume(0, DayMonth) },
      ]),
    );
  });

  private deadline = this.rule('deadline', () => {
    this.OR(
      (this.alts['deadline'] ??= [
        {
          // "từ ngày 12/12 đến ngày 05/01/2028", "bắt đầu từ ngày 10/11", "từ ngày 01/03, hằng tháng ngày 5"
          ALT: () => {
            this.consume(0, K.From);
            this.SUBRULE(this.dayDate);
            this.OPTION(() =>
              this.OR2(
                (this.alts['deadline2'] ??= [
                  { ALT: () => this.consume(0, K.To) },
                  { ALT: () => this.consume(0, Comma) },
                ]),
              ),
            );
            this.OPTION2(() => this.SUBRULE(this.bound));
            this.OPTION3(() => this.SUBRULE(this.deadlineCore));
          },
        },
        {
          ALT: () => {
            this.OPTION4(() => this.SUBRULE2(this.bound));
            this.SUBRULE2(this.deadlineCore);
          },
        },
      ]),
    );
    this.OPTION5(() => this.SUBRULE(this.atTime));
  });

  private monthPoint = this.rule('monthPoint', () => {
    this.OR((this.alts['monthPoint'] ??= this.tokenAlts(['StartOfMonth', 'MidMonth', 'EndOfMonth'])));
  });

  private yearPoint = this.rule('yearPoint', () => {
    this.OR((this.alts['yearPoint'] ??= this.tokenAlts(['StartOfYear', 'MidYear', 'EndOfYear'])));
  });

  private deadlineCore = this.rule('deadlineCore', () => {
    this.OR(
      (this.alts['deadlineCore'] ??= [
        {
          // "ngày 30/6/2027", "30/6", "ngày 25/11 hằng năm", "ngày 15 hằng tháng", "ngày 05 tháng cuối quý"
          ALT: () => {
            this.OPTION(() =>
              this.OR2(
                (this.alts['deadlineCore2'] ??= [
                  { ALT: () => this.consume(0, K.Day) },
                  { ALT: () => this.consume(0, K.On) },
                ]),
              ),
            );
            this.OR3(
              (this.alts['deadlineCore3'] ??= [
                { ALT: () => this.consume(0, DateLit) },
                {
                  ALT: () => {
                    this.consume(0, DayMonth);
                    this.OPTION2(() => this.consume(0, K.Yearly));
                  },
                },
                {
                  ALT: () => {
                    this.consume(0, Integer);
                    this.OR7(
                      (this.alts['deadlineCore7'] ??= [
                        { ALT: () => this.consume(0, K.Monthly) },
                        { ALT: () => this.consume(0, K.FirstMonth) },
                        { ALT: () => this.consume(0, K.LastMonth) },
                      ]),
                    );
                  },
                },
              ]),
            );
          },
        },
        {
          // "tháng 6", "cuối tháng 6/2027", "đầu tháng 01/2028"
          ALT: () => {
            this.OR8(
              (this.alts['deadlineCore8'] ??= [
                { ALT: () => this.consume(0, K.Month) },
                { ALT: () => this.SUBRULE(this.monthPoint) },
              ]),
            );
            this.OR4(
              (this.alts['deadlineCore4'] ??= [
                { ALT: () => this.consume(2, Integer) },
                { ALT: () => this.consume(0, MonthYear) },
              ]),
            );
          },
        },
        {
          // "cuối năm", "giữa năm 2027"
          ALT: () => {
            this.SUBRULE(this.yearPoint);
            this.OPTION5(() => this.consume(5, Integer));
          },
        },
        {
          ALT: () => {
            this.consume(0, K.Quarter);
            this.OR5(
              (this.alts['deadlineCore5'] ??= [
                {
                  // "quý II", "quý II/2027"
                  ALT: () => {
                    this.consume(0, Identifier);
                    this.OPTION3(() => {
                      this.consume(0, Slash);
                      this.consume(4, Integer);
                    });
                  },
                },
                { ALT: () => this.consume(3, Integer) },
                // "quý 2/2027" lexes as month/year
                { ALT: () => this.consume(2, MonthYear) },
              ]),
            );
          },
        },
        { ALT: () => this.consume(0, K.FirstHalf) },
        { ALT: () => this.consume(0, K.SecondHalf) },
        { ALT: () => this.SUBRULE(this.recurrence) },
        {
          ALT: () => {
            this.consume(0, K.Ongoing);
            this.OPTION4(() => {
              this.consume(0, Comma);
              this.consume(0, K.Review);
              this.SUBRULE2(this.recurrence);
            });
          },
        },
        {
          // "theo thời gian quy định" "Nghị định 61/2018/NĐ-CP"
          ALT: () => {
            this.consume(0, K.Regulated);
            this.OPTION6(() => this.consume(0, StringLit));
          },
        },
        {
          // "trong ngày", "không quá 1 ngày làm việc kể từ khi nhận"
          ALT: () => {
            this.consume(0, K.SameDay);
            this.OPTION7(() => this.consume(0, K.FromReceipt));
          },
        },
        {
          ALT: () => {
            this.consume(0, K.NotMoreThan);
            this.SUBRULE2(this.duration);
            this.consume(2, K.FromReceipt);
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.duration);
            this.OR6(
              (this.alts['deadlineCore6'] ??= [
                {
                  ALT: () => {
                    this.consume(0, K.After);
                    this.OR9(
                      (this.alts['deadlineCore9'] ??= [
                        {
                          ALT: () => {
                            this.consume(0, K.Task);
                            this.consume(2, Identifier);
                          },
                        },
                        { ALT: () => this.consume(0, K.Published) },
                      ]),
                    );
                  },
                },
                { ALT: () => this.consume(3, K.FromReceipt) },
              ]),
            );
          },
        },
      ]),
    );
  });

  private target = this.rule('target', () => {
    this.OR(
      (this.alts['target'] ??= [
        { ALT: () => this.consume(0, Ge) },
        { ALT: () => this.consume(0, Le) },
        { ALT: () => this.consume(0, Gt) },
        { ALT: () => this.consume(0, Lt) },
        { ALT: () => this.consume(0, Eq) },
      ]),
    );
    this.OR2(
      (this.alts['target2'] ??= [
        { ALT: () => this.consume(0, Integer) },
        { ALT: () => this.consume(0, Decimal) },
      ]),
    );
    this.OPTION(() => this.consume(0, Percent));
  });

  private dayValue = this.rule('dayValue', () => {
    this.OPTION(() => this.consume(0, K.Day));
    this.consume(0, Integer);
  });

  private dueValue = this.rule('dueValue', () => {
    this.OPTION3(() => this.SUBRULE(this.bound));
    this.OPTION(() => this.consume(0, K.Day));
    this.consume(0, Integer);
    this.OPTION2(() =>
      this.OR(
        (this.alts['dueValue'] ??= [
          { ALT: () => this.consume(0, K.PeriodLastMonth) },
          { ALT: () => this.consume(0, K.NextMonth) },
        ]),
      ),
    );
  });
}

/** One parser instance is reused: Chevrotain parsers are stateful but cheap to reset. */
export const parser = new PlanParser();

/** A line that cannot start a declaration or a property; it is reported and left out of parsing. */
export interface BadLine {
  token: IToken;
  /** Token names that could start a line at that place. */
  expected: string[];
}

export interface ParseResult {
  /** The file's declarations, in order. */
  items: TopItem[];
  /** Misplaced, repeated and invalid properties and values, in the order of the lines. */
  diagnostics: Diagnostic[];
  /**
   * Keywords that error recovery took for the start of a property although they stand inside a line's value
   * ("loại: đơn vị sự nghiệp", "ghi chú: trước 1 ngày hết hạn"), with the diagnostic that says to quote the
   * text; parse.ts keeps it only when the line has no syntax error of its own (which then carries that advice).
   */
  keywordsInValues: KeywordInValue[];
  /** Tasks whose lead or deadline line had an invalid value, so "missing" checks stay quiet. */
  incomplete: Task[];
  errors: IRecognitionException[];
  badLines: BadLine[];
}
const TOP_STARTERS: readonly KeywordName[] = [
  'Plan',
  'Template',
  'Include',
  'Extends',
  'Unit',
  'Group',
  'Person',
  'Policy',
  'Indicator',
  'Report',
  'Area',
];
const MEMBER_STARTERS: readonly KeywordName[] = [...PROPERTY_VALUES.map(([k]) => k), 'Task', 'Level'];
const topStarterIdx = new Set(TOP_STARTERS.map((k) => K[k].tokenTypeIdx));
const memberStarterIdx = new Set(MEMBER_STARTERS.map((k) => K[k].tokenTypeIdx));

/**
 * Drops lines that cannot start anything at their depth (with their indented block), so that a
 * misspelt keyword costs one precise error instead of derailing the parse of what follows.
 */
function dropBadLines(tokens: IToken[], badLines: BadLine[]): IToken[] {
  // A copy is only made once a line is dropped; until then every token is kept.
  let out: IToken[] | undefined;
  let depth = 0;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.tokenType === Indent || t.tokenType === Dedent) {
      depth += t.tokenType === Indent ? 1 : -1;
      if (out) out.push(t);
      i++;
      continue;
    }
    // t starts a line
    const starters = depth === 0 ? topStarterIdx : memberStarterIdx;
    let end = i;
    while (end < tokens.length && tokens[end]!.tokenType !== Newline) end++;
    end++; // include the Newline
    if (starters.has(t.tokenTypeIdx)) {
      if (out) for (let j = i; j < end && j < tokens.length; j++) out.push(tokens[j]!);
      i = end;
      continue;
    }
    out ??= tokens.slice(0, i);
    badLines.push({ token: t, expected: (depth === 0 ? TOP_STARTERS : MEMBER_STARTERS).map((k) => k) });
    // also drop the block indented under the bad line
    if (tokens[end]?.tokenType === Indent) {
      let level = 0;
      while (end < tokens.length) {
        const tt = tokens[end]!.tokenType;
        if (tt === Indent) level++;
        else if (tt === Dedent) level--;
        end++;
        if (level === 0) break;
      }
    }
    i = end;
  }
  return out ?? tokens;
}

/**
 * Parses a token stream one top-level declaration at a time: a line at indentation 0 and its indented
 * block form a chunk. An error can then never hide the errors of the following declarations.
 */
/**
 * Parses a token stream one top-level declaration at a time: a line at indentation 0 and its indented
 * block form a chunk. An error can then never hide the errors of the following declarations.
 *
 * @param lineStarts the offset of the first token of each line, to tell a property's key from a keyword
 *   inside a value; without it every key is taken for a line start.
 */
export function parseTokens(allTokens: IToken[], file = '', lineStarts?: readonly number[]): ParseResult {
  const items: TopItem[] = [];
  const errors: IRecognitionException[] = [];
  const badLines: BadLine[] = [];
  const tokens = dropBadLines(allTokens, badLines);
  parser.act.reset(file, lineStarts);
  let depth = 0;
  let start = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    parser.resetFrames();
    parser.input = tokens.slice(start, end);
    for (const item of parser.planFile()) items.push(item);
    for (const e of parser.errors) errors.push(e);
    start = end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === Indent) depth++;
    else if (t.tokenType === Dedent) depth = Math.max(0, depth - 1);
    else if (depth === 0 && i > start) {
      const prev = tokens[i - 1]!.tokenType;
      if (prev === Newline || prev === Dedent) flush(i);
    }
  }
  flush(tokens.length);
  const out = parser.act.out;
  return {
    items,
    diagnostics: out.diagnostics,
    keywordsInValues: out.keywordsInValues,
    incomplete: out.incomplete,
    errors,
    badLines,
  };
}

export const tokenTypes: Record<string, TokenType> = Object.fromEntries(allTokens.map((t) => [t.name, t]));
export { EOF };
