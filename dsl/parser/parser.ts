import {
  CstParser,
  EOF,
  type CstNode,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from 'chevrotain';
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
import { errorMessageProvider } from './messages.js';

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

/**
 * Every property key and the grammar of its value. The grammar accepts any property in any block;
 * which properties belong to which block is checked when the AST is built, so that a misplaced line
 * gets a precise message ("'lead' cannot be used in a unit") instead of a generic syntax error.
 */
export const PROPERTY_VALUES: ReadonlyArray<readonly [KeywordName, ValueRule]> = [
  ['Code', 'text'],
  ['Issuer', 'ref'],
  ['Decision', 'decisionValue'],
  ['Published', 'dateValue'],
  ['Year', 'integerValue'],
  ['TimeZone', 'text'],
  ['Calendar', 'text'],
  ['DeadlineDayIncluded', 'yesNo'],
  ['AwaitCoordinators', 'yesNo'],
  ['MonthlyDue', 'dayValue'],
  ['Policy', 'ref'],
  ['Requires', 'itemList'],
  ['Kind', 'kindValue'],
  ['Parent', 'ref'],
  ['Head', 'headValue'],
  ['Email', 'text'],
  ['Members', 'itemList'],
  ['Except', 'itemList'],
  ['Role', 'roleValue'],
  ['Unit', 'ref'],
  ['Acknowledge', 'duration'],
  ['Remind', 'reminderList'],
  ['Escalate', 'escalation'],
  ['Digest', 'recurrenceAt'],
  ['Lead', 'itemList'],
  ['Support', 'itemList'],
  ['Deadline', 'deadline'],
  ['Output', 'text'],
  ['Criterion', 'criterionValue'],
  ['DependsOn', 'itemList'],
  ['Note', 'text'],
  ['Measure', 'text'],
  ['Target', 'target'],
  ['Cadence', 'recurrenceAt'],
  ['ReportedBy', 'itemList'],
  ['Period', 'periodList'],
  ['CutOff', 'dayValue'],
  ['Due', 'dueValue'],
  ['Recipients', 'itemList'],
  ['PreparedBy', 'ref'],
];

export const AREA_KINDS = [
  'Direction',
  'Institutions',
  'Procedures',
  'Apparatus',
  'CivilService',
  'PublicFinance',
  'DigitalGovernment',
  'Communication',
  'Inspection',
] as const satisfies readonly KeywordName[];

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const satisfies readonly KeywordName[];

export const ROLES = [
  'Chair',
  'ViceChair',
  'Head',
  'DeputyHead',
  'Officer',
] as const satisfies readonly KeywordName[];
export const ROLE_ITEMS = [
  'UnitHead',
  'Chair',
  'ViceChair',
  'Parent',
] as const satisfies readonly KeywordName[];
export const PERIODS = ['Month', 'Quarter', 'HalfYear', 'Year'] as const satisfies readonly KeywordName[];

function tokenAlts(parser: PlanParser, names: readonly KeywordName[]) {
  return names.map((n) => ({ ALT: () => parser.consumeKeyword(n) }));
}

/**
 * The grammar. Blocks are delimited by indentation (Indent/Dedent tokens from the lexer); every
 * property sits on its own line. Error recovery is on, so one pass reports every syntax error.
 */
export class PlanParser extends CstParser {
  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'full',
      errorMessageProvider,
    });
    this.performSelfAnalysis();
  }

  /** Consumes a keyword by name; used by table-driven alternatives. */
  consumeKeyword(name: KeywordName, idx = 0): IToken {
    return this.consume(idx, K[name]);
  }

  public planFile = this.RULE('planFile', () => {
    this.MANY(() => this.CONSUME(Newline));
    this.MANY2(() => this.SUBRULE(this.topItem));
  });

  private topItem = this.RULE('topItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.includeDecl) },
      { ALT: () => this.SUBRULE(this.extendsDecl) },
      { ALT: () => this.SUBRULE(this.headerDecl) },
      { ALT: () => this.SUBRULE(this.namedDecl) },
      { ALT: () => this.SUBRULE(this.areaDecl) },
    ]);
  });

  private includeDecl = this.RULE('includeDecl', () => {
    this.CONSUME(K.Include);
    this.CONSUME(StringLit);
    this.CONSUME(Newline);
  });

  private extendsDecl = this.RULE('extendsDecl', () => {
    this.CONSUME(K.Extends);
    this.CONSUME(StringLit);
    this.CONSUME(Newline);
  });

  private headerDecl = this.RULE('headerDecl', () => {
    this.OR([{ ALT: () => this.CONSUME(K.Plan) }, { ALT: () => this.CONSUME(K.Template) }]);
    this.OPTION(() => this.CONSUME(StringLit));
    this.SUBRULE(this.body);
  });

  /** unit / group / person / policy / indicator / report: keyword, id, optional display name, body. */
  private namedDecl = this.RULE('namedDecl', () => {
    this.OR(tokenAlts(this, ['Unit', 'Group', 'Person', 'Policy', 'Indicator', 'Report']));
    this.CONSUME(Identifier);
    this.OPTION(() => this.CONSUME(StringLit));
    this.SUBRULE(this.body);
  });

  private areaDecl = this.RULE('areaDecl', () => {
    this.CONSUME(K.Area);
    this.SUBRULE(this.areaKind);
    this.OPTION(() => this.CONSUME(StringLit));
    this.SUBRULE(this.body);
  });

  private taskDecl = this.RULE('taskDecl', () => {
    this.CONSUME(K.Task);
    this.CONSUME(Identifier);
    this.OPTION(() => this.CONSUME(StringLit));
    this.SUBRULE(this.body);
  });

  private areaKind = this.RULE('areaKind', () => {
    this.OR(tokenAlts(this, AREA_KINDS));
  });

  private body = this.RULE('body', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Colon);
          this.CONSUME(Newline);
          this.OPTION(() => {
            this.CONSUME(Indent);
            this.AT_LEAST_ONE(() => this.SUBRULE(this.member));
            this.CONSUME(Dedent);
          });
        },
      },
      { ALT: () => this.CONSUME2(Newline) },
    ]);
  });

  private member = this.RULE('member', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.taskDecl) }, { ALT: () => this.SUBRULE(this.prop) }]);
  });

  private propAlts: { ALT: () => void }[] | undefined;

  private prop = this.RULE('prop', () => {
    this.propAlts ??= PROPERTY_VALUES.map(([key, value], i) => ({
      ALT: () => {
        this.consume(i, K[key]);
        this.consume(i, Colon);
        this.subrule(i, this[value]);
        if (value !== 'escalation') this.consume(i, Newline);
      },
    }));
    this.OR(this.propAlts);
  });

  private ref = this.RULE('ref', () => {
    this.CONSUME(Identifier);
  });

  private text = this.RULE('text', () => {
    this.CONSUME(StringLit);
  });

  private dateValue = this.RULE('dateValue', () => {
    this.OR([{ ALT: () => this.CONSUME(DateLit) }, { ALT: () => this.CONSUME(DayMonth) }]);
  });

  private integerValue = this.RULE('integerValue', () => {
    this.CONSUME(Integer);
  });

  private yesNo = this.RULE('yesNo', () => {
    this.OR([{ ALT: () => this.CONSUME(K.Yes) }, { ALT: () => this.CONSUME(K.No) }]);
  });

  private headValue = this.RULE('headValue', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(StringLit) }]);
  });

  private kindValue = this.RULE('kindValue', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(StringLit) }]);
  });

  private roleValue = this.RULE('roleValue', () => {
    this.OR(tokenAlts(this, ROLES));
  });

  private decisionValue = this.RULE('decisionValue', () => {
    this.CONSUME(StringLit);
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(K.Day) }, { ALT: () => this.CONSUME(K.On) }]));
    this.SUBRULE(this.dateValue);
  });

  private criterionValue = this.RULE('criterionValue', () => {
    this.OR([
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.CONSUME(Decimal) },
      { ALT: () => this.CONSUME(Integer) },
    ]);
  });

  private itemList = this.RULE('itemList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.item) });
  });

  /** A list item: a name, "kind X" (all units of a kind), "under X" (the units under X), or a role. */
  private item = this.RULE('item', () => {
    this.OR([
      { ALT: () => this.CONSUME(Identifier) },
      {
        ALT: () => {
          this.CONSUME(K.Kind);
          this.OR2([{ ALT: () => this.CONSUME2(Identifier) }, { ALT: () => this.CONSUME(StringLit) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Under);
          this.CONSUME3(Identifier);
        },
      },
      ...ROLE_ITEMS.map((n, i) => ({ ALT: () => this.consumeKeyword(n, i + 1) })),
    ]);
  });

  private duration = this.RULE('duration', () => {
    this.CONSUME(Integer);
    this.OR([{ ALT: () => this.CONSUME(K.Day) }, { ALT: () => this.CONSUME(K.WorkingDay) }]);
  });

  private atTime = this.RULE('atTime', () => {
    this.CONSUME(K.At);
    this.CONSUME(Time);
  });

  private reminderList = this.RULE('reminderList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.reminder) });
  });

  private reminder = this.RULE('reminder', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Before);
          this.SUBRULE(this.duration);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.After);
          this.SUBRULE2(this.duration);
        },
      },
      { ALT: () => this.CONSUME(K.OnTheDay) },
    ]);
    this.OPTION(() => this.SUBRULE(this.atTime));
  });

  private escalation = this.RULE('escalation', () => {
    this.CONSUME(Newline);
    this.CONSUME(Indent);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.level));
    this.CONSUME(Dedent);
  });

  private level = this.RULE('level', () => {
    this.CONSUME(K.Level);
    this.CONSUME(Integer);
    this.CONSUME(K.After);
    this.SUBRULE(this.duration);
    this.CONSUME(Colon);
    this.SUBRULE(this.itemList);
    this.CONSUME(Newline);
  });

  private recurrenceAt = this.RULE('recurrenceAt', () => {
    this.SUBRULE(this.recurrence);
    this.OPTION(() => this.SUBRULE(this.atTime));
  });

  private weekday = this.RULE('weekday', () => {
    this.OR(tokenAlts(this, WEEKDAYS));
  });

  private period = this.RULE('period', () => {
    this.OR(tokenAlts(this, PERIODS));
  });

  private periodList = this.RULE('periodList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.period) });
  });

  private recurrence = this.RULE('recurrence', () => {
    this.OR(
      this.recurrenceAlts ??
        (this.recurrenceAlts = [
          { ALT: () => this.CONSUME(K.DailyWorking) },
          {
            ALT: () => {
              this.CONSUME(K.Weekly);
              this.OPTION(() => this.CONSUME(K.On));
              this.SUBRULE(this.weekday);
            },
          },
          {
            // "hằng tháng ngày 15", "định kỳ hằng tháng" (no day: the header's default)
            ALT: () => {
              this.OPTION9(() => this.CONSUME2(K.Periodic));
              this.CONSUME(K.Monthly);
              this.option(10, () => {
                this.OPTION2(() => this.CONSUME2(K.On));
                this.CONSUME(K.Day);
                this.CONSUME(Integer);
              });
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.Quarterly);
              this.OPTION3(() => this.CONSUME3(K.On));
              this.CONSUME2(K.Day);
              this.CONSUME2(Integer);
              this.OR2([{ ALT: () => this.CONSUME(K.FirstMonth) }, { ALT: () => this.CONSUME(K.LastMonth) }]);
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.Yearly);
              this.OPTION4(() => this.CONSUME4(K.On));
              this.OPTION5(() => this.CONSUME3(K.Day));
              this.CONSUME(DayMonth);
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.Periodic);
              this.SUBRULE(this.period);
              this.MANY(() => {
                this.CONSUME(Comma);
                this.SUBRULE2(this.period);
              });
              this.OPTION6(() => this.CONSUME2(Comma));
              this.OPTION7(() => this.CONSUME(K.Latest));
              this.OPTION8(() => this.CONSUME5(K.On));
              this.CONSUME4(K.Day);
              this.CONSUME3(Integer);
              this.CONSUME(K.PeriodLastMonth);
            },
          },
        ]),
    );
  });

  private recurrenceAlts: { ALT: () => void }[] | undefined;

  /** "trước" (before) or "chậm nhất" (at the latest); which one was written changes the date. */
  private bound = this.RULE('bound', () => {
    this.OR([{ ALT: () => this.CONSUME(K.Before) }, { ALT: () => this.CONSUME(K.Latest) }]);
  });

  /** A day written as a date: "ngày 12/12", "05/01/2028". */
  private dayDate = this.RULE('dayDate', () => {
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(K.Day) }, { ALT: () => this.CONSUME(K.On) }]));
    this.OR2([{ ALT: () => this.CONSUME(DateLit) }, { ALT: () => this.CONSUME(DayMonth) }]);
  });

  private deadline = this.RULE('deadline', () => {
    this.OR([
      {
        // "từ ngày 12/12 đến ngày 05/01/2028", "bắt đầu từ ngày 10/11", "từ ngày 01/03, hằng tháng ngày 5"
        ALT: () => {
          this.CONSUME(K.From);
          this.SUBRULE(this.dayDate);
          this.OPTION(() =>
            this.OR2([{ ALT: () => this.CONSUME(K.To) }, { ALT: () => this.CONSUME(Comma) }]),
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
    ]);
    this.OPTION5(() => this.SUBRULE(this.atTime));
  });

  private monthPoint = this.RULE('monthPoint', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.StartOfMonth) },
      { ALT: () => this.CONSUME(K.MidMonth) },
      { ALT: () => this.CONSUME(K.EndOfMonth) },
    ]);
  });

  private yearPoint = this.RULE('yearPoint', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.StartOfYear) },
      { ALT: () => this.CONSUME(K.MidYear) },
      { ALT: () => this.CONSUME(K.EndOfYear) },
    ]);
  });

  private deadlineCore = this.RULE('deadlineCore', () => {
    this.OR(
      this.deadlineAlts ??
        (this.deadlineAlts = [
          {
            // "ngày 30/6/2027", "30/6", "ngày 25/11 hằng năm", "ngày 15 hằng tháng", "ngày 05 tháng cuối quý"
            ALT: () => {
              this.OPTION(() =>
                this.OR2([{ ALT: () => this.CONSUME(K.Day) }, { ALT: () => this.CONSUME(K.On) }]),
              );
              this.OR3([
                { ALT: () => this.CONSUME(DateLit) },
                {
                  ALT: () => {
                    this.CONSUME(DayMonth);
                    this.OPTION2(() => this.CONSUME(K.Yearly));
                  },
                },
                {
                  ALT: () => {
                    this.CONSUME(Integer);
                    this.OR7([
                      { ALT: () => this.CONSUME(K.Monthly) },
                      { ALT: () => this.CONSUME(K.FirstMonth) },
                      { ALT: () => this.CONSUME(K.LastMonth) },
                    ]);
                  },
                },
              ]);
            },
          },
          {
            // "tháng 6", "cuối tháng 6/2027", "đầu tháng 01/2028"
            ALT: () => {
              this.OR8([{ ALT: () => this.CONSUME(K.Month) }, { ALT: () => this.SUBRULE(this.monthPoint) }]);
              this.OR4([{ ALT: () => this.CONSUME2(Integer) }, { ALT: () => this.CONSUME(MonthYear) }]);
            },
          },
          {
            // "cuối năm", "giữa năm 2027"
            ALT: () => {
              this.SUBRULE(this.yearPoint);
              this.OPTION5(() => this.CONSUME5(Integer));
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.Quarter);
              this.OR5([
                {
                  // "quý II", "quý II/2027"
                  ALT: () => {
                    this.CONSUME(Identifier);
                    this.OPTION3(() => {
                      this.CONSUME(Slash);
                      this.CONSUME4(Integer);
                    });
                  },
                },
                { ALT: () => this.CONSUME3(Integer) },
                // "quý 2/2027" lexes as month/year
                { ALT: () => this.CONSUME2(MonthYear) },
              ]);
            },
          },
          { ALT: () => this.CONSUME(K.FirstHalf) },
          { ALT: () => this.CONSUME(K.SecondHalf) },
          { ALT: () => this.SUBRULE(this.recurrence) },
          {
            ALT: () => {
              this.CONSUME(K.Ongoing);
              this.OPTION4(() => {
                this.CONSUME(Comma);
                this.CONSUME(K.Review);
                this.SUBRULE2(this.recurrence);
              });
            },
          },
          {
            // "theo thời gian quy định" "Nghị định 61/2018/NĐ-CP"
            ALT: () => {
              this.CONSUME(K.Regulated);
              this.OPTION6(() => this.CONSUME(StringLit));
            },
          },
          {
            // "trong ngày", "không quá 1 ngày làm việc kể từ khi nhận"
            ALT: () => {
              this.CONSUME(K.SameDay);
              this.OPTION7(() => this.CONSUME(K.FromReceipt));
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.NotMoreThan);
              this.SUBRULE2(this.duration);
              this.CONSUME2(K.FromReceipt);
            },
          },
          {
            ALT: () => {
              this.SUBRULE(this.duration);
              this.OR6([
                {
                  ALT: () => {
                    this.CONSUME(K.After);
                    this.OR9([
                      {
                        ALT: () => {
                          this.CONSUME(K.Task);
                          this.CONSUME2(Identifier);
                        },
                      },
                      { ALT: () => this.CONSUME(K.Published) },
                    ]);
                  },
                },
                { ALT: () => this.CONSUME3(K.FromReceipt) },
              ]);
            },
          },
        ]),
    );
  });

  private deadlineAlts: { ALT: () => void }[] | undefined;

  private target = this.RULE('target', () => {
    this.OR([
      { ALT: () => this.CONSUME(Ge) },
      { ALT: () => this.CONSUME(Le) },
      { ALT: () => this.CONSUME(Gt) },
      { ALT: () => this.CONSUME(Lt) },
      { ALT: () => this.CONSUME(Eq) },
    ]);
    this.OR2([{ ALT: () => this.CONSUME(Integer) }, { ALT: () => this.CONSUME(Decimal) }]);
    this.OPTION(() => this.CONSUME(Percent));
  });

  private dayValue = this.RULE('dayValue', () => {
    this.OPTION(() => this.CONSUME(K.Day));
    this.CONSUME(Integer);
  });

  private dueValue = this.RULE('dueValue', () => {
    this.OPTION3(() => this.SUBRULE(this.bound));
    this.OPTION(() => this.CONSUME(K.Day));
    this.CONSUME(Integer);
    this.OPTION2(() =>
      this.OR([{ ALT: () => this.CONSUME(K.PeriodLastMonth) }, { ALT: () => this.CONSUME(K.NextMonth) }]),
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
  /** One planFile CST per top-level chunk. */
  csts: CstNode[];
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
export function parseTokens(allTokens: IToken[]): ParseResult {
  const csts: CstNode[] = [];
  const errors: IRecognitionException[] = [];
  const badLines: BadLine[] = [];
  const tokens = dropBadLines(allTokens, badLines);
  let depth = 0;
  let start = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    parser.input = tokens.slice(start, end);
    csts.push(parser.planFile());
    errors.push(...parser.errors);
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
  return { csts, errors, badLines };
}

export const tokenTypes: Record<string, TokenType> = Object.fromEntries(allTokens.map((t) => [t.name, t]));
export { EOF };
