import type { IToken } from 'chevrotain';
import type {
  AreaKind,
  DateValue,
  DayPoint,
  Deadline,
  DeadlineBound,
  DeadlineForm,
  Duration,
  EscalationLevel,
  Item,
  Loc,
  Name,
  PeriodKind,
  PersonRole,
  Prop,
  Recurrence,
  RecipientRole,
  Reminder,
  Target,
  Task,
  TimeOfDay,
  TopItem,
  Weekday,
} from '../ast/nodes.js';
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { spell, type KeywordName } from '../lexer/keywords.js';
import { stringValue } from '../lexer/lexer.js';
import { F, keywordOf, real, type Frame, type ValueRule } from './frames.js';

/**
 * Every property key and the grammar of its value. The grammar accepts any property in any block;
 * which properties belong to which block is checked by the block's action, so that a misplaced line
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

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Where a block is, for messages: Vietnamese and English names. */
const BLOCK_NAMES = {
  header: ['phần đầu kế hoạch', 'the plan header'],
  Unit: ['khai báo đơn vị', 'a unit'],
  Group: ['khai báo nhóm', 'a group'],
  Person: ['khai báo người', 'a person'],
  Policy: ['chính sách', 'a policy'],
  Area: ['lĩnh vực', 'an area'],
  Task: ['nhiệm vụ', 'a task'],
  Indicator: ['chỉ tiêu', 'an indicator'],
  Report: ['báo cáo', 'a report'],
} as const;
type BlockKind = keyof typeof BLOCK_NAMES;

/** The properties each block accepts, in the order the formatter writes them. */
export const BLOCK_PROPS: Record<BlockKind, readonly KeywordName[]> = {
  header: [
    'Code',
    'Issuer',
    'Decision',
    'Published',
    'Year',
    'TimeZone',
    'Calendar',
    'DeadlineDayIncluded',
    'AwaitCoordinators',
    'MonthlyDue',
    'Policy',
    'Requires',
  ],
  Unit: ['Kind', 'Parent', 'Head', 'Email'],
  Group: ['Members', 'Except'],
  Person: ['Role', 'Unit', 'Email'],
  Policy: ['Acknowledge', 'Remind', 'Escalate', 'Digest'],
  Area: ['Policy'],
  Task: ['Lead', 'Support', 'Deadline', 'Output', 'Criterion', 'DependsOn', 'Policy', 'Note'],
  Indicator: ['Measure', 'Target', 'Cadence', 'ReportedBy'],
  Report: ['Period', 'CutOff', 'Due', 'Recipients', 'PreparedBy'],
};

const allowedCache = new Map<string, readonly KeywordName[]>();

/** The properties a block accepts, minus the forbidden ones (a few combinations, computed once each). */
function allowedProps(block: BlockKind, forbidden: readonly KeywordName[]): readonly KeywordName[] {
  const cacheKey = forbidden.length === 0 ? block : `${block}-${forbidden.join(',')}`;
  let allowed = allowedCache.get(cacheKey);
  if (!allowed) {
    allowed = BLOCK_PROPS[block].filter((k) => !forbidden.includes(k));
    allowedCache.set(cacheKey, allowed);
  }
  return allowed;
}

/** A keyword that error recovery took for the start of a property although it stands inside a line's value. */
export interface KeywordInValue {
  line: number;
  diagnostic: Diagnostic;
}

/** What a block reports, in the order the blocks and their lines come. */
export interface Sink {
  diagnostics: Diagnostic[];
  keywordsInValues: KeywordInValue[];
  incomplete: Task[];
}

const newSink = (): Sink => ({ diagnostics: [], keywordsInValues: [], incomplete: [] });

/** A property line, as its block's action sees it. */
interface PropEntry {
  key: KeywordName;
  keyToken: IToken;
  /** The value rule's frame (absent when the line broke off before its value). */
  value: Frame | undefined;
  loc: Loc;
  /** What the value's own reading reported (dates, days, times), kept only if the block keeps the line. */
  diagnostics: Diagnostic[];
}

/** A list item with its text, for DD2008. */
interface ItemEntry {
  item: Item;
  loc: Loc;
  text: string;
}

interface TaskEntry {
  task: Task;
  sink: Sink;
}

interface LevelEntry {
  level: number | undefined;
  after: Duration | undefined;
  list: Frame | undefined;
  kw: IToken | undefined;
  loc: Loc;
}

const PROPERTY_INDEX = new Map<string, number>(PROPERTY_VALUES.map(([key], i) => [key, i]));

/**
 * The grammar's actions: what each rule's frame builds. Value rules build typed values (reporting invalid dates, days
 * and times into `pending`); block rules check which lines belong to them and build the AST's declarations.
 */
export class Actions {
  file = '';
  /** The offset of the first token of each line, to tell a property's key from a keyword inside a value. */
  lineStarts: readonly number[] | undefined;
  /** The file's top-level report. */
  out: Sink = newSink();
  /** What value rules report, until their property line takes it. */
  readonly pending: Diagnostic[] = [];

  reset(file: string, lineStarts: readonly number[] | undefined): void {
    this.file = file;
    this.lineStarts = lineStarts;
    this.out = newSink();
    this.pending.length = 0;
  }

  /** Drops what a rule (and the rules after it) reported: the value it belonged to was not kept. */
  private drop(from: Frame | undefined): void {
    if (from !== undefined && this.pending.length > from.mark) this.pending.length = from.mark;
  }

  // ---- locations -------------------------------------------------------------------------------

  private range(t: IToken, eOffset: number, eLine: number, eColumn: number): Range {
    const start = { line: t.startLine ?? 1, column: t.startColumn ?? 1, offset: t.startOffset };
    // Tokens inserted by error recovery have no position: such a range ends where it starts.
    if (
      !(Number.isFinite(eLine) && Number.isFinite(eColumn) && Number.isFinite(eOffset)) ||
      eOffset + 1 < start.offset
    ) {
      return { start, end: { ...start } };
    }
    return { start, end: { line: eLine, column: eColumn + 1, offset: eOffset + 1 } };
  }

  /** From a token to the end of another token. */
  tokLoc(t: IToken, end: IToken = t): Loc {
    return {
      file: this.file,
      range: this.range(t, end.endOffset ?? end.startOffset, end.endLine ?? 1, end.endColumn ?? 1),
    };
  }

  /** From a token to the end of a rule's span. */
  private tokToSpan(t: IToken, f: Frame): Loc {
    const e = f.e;
    return {
      file: this.file,
      range:
        e === undefined ? this.range(t, -1, -1, -1) : this.range(t, e.endOffset!, e.endLine!, e.endColumn!),
    };
  }

  /** A rule's span (a rule that read nothing sits before the file, as its CST node's location did). */
  private spanLoc(f: Frame): Loc {
    if (f.s === undefined) {
      return {
        file: this.file,
        range: { start: { line: -1, column: -1, offset: -1 }, end: { line: -1, column: 0, offset: 0 } },
      };
    }
    return this.tokToSpan(f.s, f);
  }

  private name(t: IToken): Name {
    return { text: t.image, loc: this.tokLoc(t) };
  }

  private invalid(sink: Diagnostic[], loc: Loc, vi: string, en: string): void {
    sink.push(diagnostic('DD2007', loc.file, loc.range, { detail: vi, detailEn: en }));
  }

  // ---- the build of each rule ------------------------------------------------------------------

  /** The value of a frame whose rule has ended (normally or abandoned by error recovery). */
  build(f: Frame): unknown {
    switch (f.k) {
      case 'planFile':
        return (f.list ?? []).flatMap((t) => (t.v === undefined ? [] : [t.v as TopItem]));
      case 'topItem':
        return f.decl?.v;
      case 'includeDecl':
        return this.pathDecl('Include', f);
      case 'extendsDecl':
        return this.pathDecl('Extends', f);
      case 'headerDecl':
        return this.header(f);
      case 'namedDecl':
        return this.named(f);
      case 'areaDecl':
        return this.area(f);
      case 'taskDecl':
        return this.task(f);
      case 'areaKind':
        return (AREA_KINDS as readonly string[]).includes(keywordOf(f.kw) ?? '')
          ? keywordOf(f.kw)
          : undefined;
      case 'body':
      case 'member':
        return undefined;
      case 'prop':
        return this.propEntry(f);
      case 'ref': {
        const t = real(f.id);
        return t ? this.name(t) : undefined;
      }
      case 'text': {
        const t = real(f.str);
        return t ? stringValue(t.image) : undefined;
      }
      case 'dateValue':
      case 'dayDate': {
        const t = real(f.date) ?? real(f.dm);
        return t ? this.dateToken(t) : undefined;
      }
      case 'integerValue':
      case 'dayValue':
        return real(f.int);
      case 'yesNo': {
        const k = keywordOf(f.kw);
        return k === 'Yes' ? true : k === 'No' ? false : undefined;
      }
      case 'headValue': {
        const id = real(f.id);
        const s = real(f.str);
        return id
          ? { kind: 'person', person: this.name(id) }
          : s
            ? { kind: 'text', text: stringValue(s.image) }
            : undefined;
      }
      case 'kindValue': {
        const id = real(f.id);
        const s = real(f.str);
        return id ? id.image : s ? stringValue(s.image) : undefined;
      }
      case 'roleValue': {
        const k = keywordOf(f.kw);
        return k && (ROLES as readonly string[]).includes(k) ? (lowerFirst(k) as PersonRole) : undefined;
      }
      case 'decisionValue':
        return undefined;
      case 'criterionValue': {
        const s = real(f.str);
        const other = real(f.id) ?? real(f.dec) ?? real(f.int);
        return s ? stringValue(s.image) : other?.image;
      }
      case 'itemList':
      case 'reminderList':
      case 'periodList':
      case 'escalation':
        return (f.list ?? []).flatMap((x) => (x.v === undefined ? [] : [x.v]));
      case 'item':
        return this.item(f);
      case 'duration': {
        const n = real(f.int);
        if (!n) return undefined;
        const d: Duration = {
          amount: Number.parseInt(n.image, 10),
          unit: f.flags & F.WorkingDay ? 'workingDay' : 'day',
          loc: this.spanLoc(f),
        };
        return d;
      }
      case 'atTime':
        return this.atTime(f);
      case 'reminder':
        return this.reminder(f);
      case 'level':
        return this.level(f);
      case 'recurrenceAt': {
        const rec = f.recurrence?.v as Recurrence | undefined;
        if (!rec) {
          this.drop(f.atTime);
          return undefined;
        }
        const time = f.atTime?.v as TimeOfDay | undefined;
        return time ? { recurrence: rec, time } : { recurrence: rec };
      }
      case 'weekday': {
        const k = keywordOf(f.kw);
        return k && (WEEKDAYS as readonly string[]).includes(k) ? (k.toLowerCase() as Weekday) : undefined;
      }
      case 'period': {
        const k = keywordOf(f.kw);
        const p = k && (PERIODS as readonly string[]).includes(k) ? k : 'Year';
        return p === 'HalfYear' ? 'halfYear' : (lowerFirst(p) as PeriodKind);
      }
      case 'recurrence':
        return this.recurrence(f);
      case 'bound':
        return f.flags & F.Latest ? 'latest' : f.flags & F.Before ? 'before' : undefined;
      case 'deadline':
        return this.deadline(f);
      case 'monthPoint':
      case 'yearPoint':
        return this.dayPoint(f);
      case 'deadlineCore':
        return this.deadlineForm(f);
      case 'target':
        return this.target(f);
      case 'dueValue':
        return undefined;
    }
  }

  // ---- declarations ----------------------------------------------------------------------------

  private pathDecl<K extends 'Include' | 'Extends'>(kind: K, f: Frame) {
    const kw = real(f.kw);
    const str = real(f.str);
    if (!kw || !str) return undefined;
    const loc = this.tokLoc(kw, str);
    return { kind, path: { value: stringValue(str.image), loc: this.tokLoc(str) }, loc };
  }

  private title(f: Frame): Prop<string> | undefined {
    const s = real(f.str);
    return s ? { value: stringValue(s.image), loc: this.tokLoc(s) } : undefined;
  }

  private header(f: Frame): TopItem | undefined {
    const kw = real(f.kw);
    if (!kw) return undefined;
    const out = this.out.diagnostics;
    const h: Extract<TopItem, { kind: 'PlanHeader' }> = {
      kind: 'PlanHeader',
      template: (f.flags & F.Template) !== 0,
      loc: this.tokLoc(kw, real(f.str) ?? kw),
    };
    const title = this.title(f);
    if (title) h.title = title;
    for (const p of this.props(f.body, 'header', h.template ? ['Code'] : ['Requires'], this.out)) {
      const v = p.value;
      if (!v) continue;
      out.push(...p.diagnostics);
      switch (p.key) {
        case 'Code': {
          const s = v.v as string | undefined;
          if (s !== undefined) h.code = { value: s, loc: p.loc };
          break;
        }
        case 'Issuer': {
          const r = v.v as Name | undefined;
          if (r) h.issuer = { value: r, loc: p.loc };
          break;
        }
        case 'Decision': {
          const s = real(v.str);
          const d = v.dateValue?.v as DateValue | undefined;
          if (s && d) h.decision = { value: { number: stringValue(s.image), date: d }, loc: p.loc };
          break;
        }
        case 'Published': {
          const d = v.v as DateValue | undefined;
          if (d) h.published = { value: d, loc: p.loc };
          break;
        }
        case 'Year': {
          const t = v.v as IToken | undefined;
          if (t !== undefined) {
            const n = Number.parseInt(t.image, 10);
            if (n < 2000 || n > 2100)
              this.invalid(out, p.loc, `năm ${n} ngoài khoảng 2000–2100`, `year ${n} is outside 2000–2100`);
            else h.year = { value: n, loc: p.loc };
          }
          break;
        }
        case 'TimeZone':
        case 'Calendar': {
          const s = v.v as string | undefined;
          if (s !== undefined) h[p.key === 'TimeZone' ? 'timeZone' : 'calendar'] = { value: s, loc: p.loc };
          break;
        }
        case 'DeadlineDayIncluded':
        case 'AwaitCoordinators': {
          const yes = v.v as boolean | undefined;
          if (yes === undefined) break;
          h[p.key === 'DeadlineDayIncluded' ? 'deadlineDayIncluded' : 'awaitCoordinators'] = {
            value: yes,
            loc: p.loc,
          };
          break;
        }
        case 'MonthlyDue': {
          const d = this.dayOfMonth(out, v.v as IToken | undefined);
          if (d !== undefined) h.monthlyDue = { value: d, loc: p.loc };
          break;
        }
        case 'Policy': {
          const r = v.v as Name | undefined;
          if (r) h.policy = { value: r, loc: p.loc };
          break;
        }
        case 'Requires':
          h.requires = { value: this.names(v, p, out), loc: p.loc };
          break;
        default:
          break;
      }
    }
    return h;
  }

  private named(f: Frame): TopItem | undefined {
    const id = real(f.id);
    const kwTok = real(f.kw);
    if (!id || !kwTok) return undefined;
    const kw = kwTok.tokenType.name as 'Unit' | 'Group' | 'Person' | 'Policy' | 'Indicator' | 'Report';
    const out = this.out.diagnostics;
    const loc = this.tokLoc(kwTok, real(f.str) ?? id);
    const title = this.title(f);
    const base = { id: this.name(id), loc, ...(title ? { title } : {}) };
    const props = this.props(f.body, kw, [], this.out);
    switch (kw) {
      case 'Unit': {
        const u: Extract<TopItem, { kind: 'Unit' }> = { kind: 'Unit', ...base };
        for (const p of props) {
          const v = p.value;
          if (!v) continue;
          out.push(...p.diagnostics);
          if (p.key === 'Kind') {
            const s = v.v as string | undefined;
            if (s !== undefined) u.unitKind = { value: s, loc: p.loc };
          } else if (p.key === 'Parent') {
            const r = v.v as Name | undefined;
            if (r) u.parent = { value: r, loc: p.loc };
          } else if (p.key === 'Head') {
            const h = v.v as NonNullable<(typeof u)['head']>['value'] | undefined;
            if (h) u.head = { value: h, loc: p.loc };
          } else if (p.key === 'Email') {
            const s = v.v as string | undefined;
            if (s !== undefined) u.email = { value: s, loc: p.loc };
          }
        }
        return u;
      }
      case 'Group': {
        const g: Extract<TopItem, { kind: 'Group' }> = { kind: 'Group', ...base };
        for (const p of props) {
          if (!p.value) continue;
          out.push(...p.diagnostics);
          const items = this.items(p.value, p.keyToken, ['name', 'ofKind', 'under'], out);
          if (p.key === 'Members') g.members = { value: items, loc: p.loc };
          else if (p.key === 'Except') g.except = { value: items, loc: p.loc };
        }
        return g;
      }
      case 'Person': {
        const person: Extract<TopItem, { kind: 'Person' }> = { kind: 'Person', ...base };
        for (const p of props) {
          const v = p.value;
          if (!v) continue;
          out.push(...p.diagnostics);
          if (p.key === 'Role') {
            const r = v.v as PersonRole | undefined;
            if (r) person.role = { value: r, loc: p.loc };
          } else if (p.key === 'Unit') {
            const r = v.v as Name | undefined;
            if (r) person.unit = { value: r, loc: p.loc };
          } else if (p.key === 'Email') {
            const s = v.v as string | undefined;
            if (s !== undefined) person.email = { value: s, loc: p.loc };
          }
        }
        return person;
      }
      case 'Policy':
        return this.policy(base, props);
      case 'Indicator': {
        const ind: Extract<TopItem, { kind: 'Indicator' }> = { kind: 'Indicator', ...base };
        for (const p of props) {
          const v = p.value;
          if (!v) continue;
          out.push(...p.diagnostics);
          if (p.key === 'Measure') {
            const s = v.v as string | undefined;
            if (s !== undefined) ind.measure = { value: s, loc: p.loc };
          } else if (p.key === 'Target') {
            const t = v.v as Target | undefined;
            if (t) ind.target = { value: t, loc: p.loc };
          } else if (p.key === 'Cadence') {
            const r = v.v as { recurrence: Recurrence; time?: TimeOfDay } | undefined;
            if (r) ind.cadence = { value: r, loc: p.loc };
          } else if (p.key === 'ReportedBy') {
            ind.reportedBy = {
              value: this.items(v, p.keyToken, ['name', 'ofKind', 'under'], out),
              loc: p.loc,
            };
          }
        }
        return ind;
      }
      case 'Report': {
        const rep: Extract<TopItem, { kind: 'Report' }> = { kind: 'Report', ...base };
        for (const p of props) {
          const v = p.value;
          if (!v) continue;
          out.push(...p.diagnostics);
          if (p.key === 'Period') {
            rep.periods = { value: v.v as PeriodKind[], loc: p.loc };
          } else if (p.key === 'CutOff') {
            const d = this.dayOfMonth(out, v.v as IToken | undefined);
            if (d !== undefined) rep.cutOff = { value: d, loc: p.loc };
          } else if (p.key === 'Due') {
            const d = this.dayOfMonth(out, real(v.int));
            if (d !== undefined) {
              const bound = v.bound?.v as DeadlineBound | undefined;
              rep.due = {
                value: {
                  day: d,
                  month: v.flags & F.NextMonth ? 'next' : 'periodLast',
                  ...(bound ? { bound } : {}),
                },
                loc: p.loc,
              };
            }
          } else if (p.key === 'Recipients') {
            rep.recipients = { value: this.items(v, p.keyToken, ['name', 'role'], out), loc: p.loc };
          } else if (p.key === 'PreparedBy') {
            const r = v.v as Name | undefined;
            if (r) rep.preparedBy = { value: r, loc: p.loc };
          }
        }
        return rep;
      }
      default:
        return undefined;
    }
  }

  private policy(base: { id: Name; loc: Loc; title?: Prop<string> }, props: PropEntry[]): TopItem {
    const out = this.out.diagnostics;
    const pol: Extract<TopItem, { kind: 'Policy' }> = { kind: 'Policy', ...base };
    for (const p of props) {
      const v = p.value;
      if (!v) continue;
      out.push(...p.diagnostics);
      if (p.key === 'Acknowledge') {
        const d = v.v as Duration | undefined;
        if (d) pol.acknowledge = { value: d, loc: p.loc };
      } else if (p.key === 'Remind') {
        pol.reminders = { value: v.v as Reminder[], loc: p.loc };
      } else if (p.key === 'Escalate') {
        const levels: EscalationLevel[] = [];
        for (const l of v.v as LevelEntry[]) {
          if (l.level === undefined || !l.after || !l.list) continue;
          levels.push({
            level: l.level,
            after: l.after,
            recipients: this.items(l.list, l.kw ?? p.keyToken, ['name', 'role'], out),
            loc: l.loc,
          });
        }
        const last = levels[levels.length - 1];
        const loc = last
          ? { file: this.file, range: { start: p.loc.range.start, end: last.loc.range.end } }
          : p.loc;
        pol.escalation = { value: levels, loc };
      } else if (p.key === 'Digest') {
        const r = v.v as { recurrence: Recurrence; time?: TimeOfDay } | undefined;
        if (r) pol.digest = { value: r, loc: p.loc };
      }
    }
    return pol;
  }

  private area(f: Frame): TopItem | undefined {
    const kw = real(f.kw);
    const kindNode = f.areaKind;
    const kindName = kindNode?.v as (typeof AREA_KINDS)[number] | undefined;
    if (!kw || !kindName || !kindNode) return undefined;
    const str = real(f.str);
    const area: Extract<TopItem, { kind: 'Area' }> = {
      kind: 'Area',
      areaKind: lowerFirst(kindName) as AreaKind,
      tasks: [],
      loc: str ? this.tokLoc(kw, str) : this.tokToSpan(kw, kindNode),
    };
    const title = this.title(f);
    if (title) area.title = title;
    for (const p of this.props(f.body, 'Area', [], this.out)) {
      if (p.key === 'Policy' && p.value) {
        const r = p.value.v as Name | undefined;
        if (r) area.policy = { value: r, loc: p.loc };
      }
    }
    for (const m of f.body?.list ?? []) {
      const t = m.taskDecl?.v as TaskEntry | undefined;
      if (t) {
        area.tasks.push(t.task);
        this.out.diagnostics.push(...t.sink.diagnostics);
        this.out.keywordsInValues.push(...t.sink.keywordsInValues);
        this.out.incomplete.push(...t.sink.incomplete);
      }
    }
    return area;
  }

  /** A task, with what it reports: kept only when the task stands in an area. */
  private task(f: Frame): TaskEntry | undefined {
    const kw = real(f.kw);
    const id = real(f.id);
    if (!kw || !id) return undefined;
    const sink = newSink();
    const out = sink.diagnostics;
    const task: Task = { kind: 'Task', id: this.name(id), loc: this.tokLoc(kw, real(f.str) ?? id) };
    const title = this.title(f);
    if (title) task.title = title;
    let incomplete = false;
    for (const p of this.props(f.body, 'Task', [], sink)) {
      const v = p.value;
      if (!v) {
        incomplete = true;
        continue;
      }
      out.push(...p.diagnostics);
      switch (p.key) {
        case 'Lead':
          task.lead = { value: this.items(v, p.keyToken, ['name'], out), loc: p.loc };
          if (task.lead.value.length === 0) incomplete = true;
          break;
        case 'Support':
          task.support = { value: this.items(v, p.keyToken, ['name'], out), loc: p.loc };
          break;
        case 'DependsOn':
          task.dependsOn = { value: this.items(v, p.keyToken, ['name'], out), loc: p.loc };
          break;
        case 'Deadline': {
          const d = v.v as Deadline | undefined;
          if (d) task.deadline = { value: d, loc: p.loc };
          else incomplete = true;
          break;
        }
        case 'Output':
        case 'Note': {
          const s = v.v as string | undefined;
          if (s !== undefined) task[p.key === 'Output' ? 'output' : 'note'] = { value: s, loc: p.loc };
          break;
        }
        case 'Criterion': {
          const value = v.v as string | undefined;
          if (value !== undefined) task.criterion = { value, loc: p.loc };
          break;
        }
        case 'Policy': {
          const r = v.v as Name | undefined;
          if (r) task.policy = { value: r, loc: p.loc };
          break;
        }
        default:
          break;
      }
    }
    if (incomplete) sink.incomplete.push(task);
    return { task, sink };
  }

  /**
   * The property lines of a block, minus those that do not belong to it (reported) and repeated ones
   * (reported; the first one wins).
   */
  private props(
    body: Frame | undefined,
    block: BlockKind,
    forbidden: readonly KeywordName[],
    sink: Sink,
  ): PropEntry[] {
    if (!body) return [];
    const allowed = allowedProps(block, forbidden);
    const [blockVi, blockEn] = BLOCK_NAMES[block];
    const allowedText = (lang: 'vi' | 'en') => allowed.map((k) => spell(k, lang)).join(', ');
    let seen: Map<KeywordName, number> | undefined;
    const out: PropEntry[] = [];
    for (const m of body.list ?? []) {
      const task = m.taskDecl;
      if (task) {
        if (block !== 'Area') {
          const kw = real(task.kw);
          if (kw) {
            const loc = this.tokLoc(kw);
            sink.diagnostics.push(
              diagnostic(
                'DD2005',
                this.file,
                loc.range,
                { prop: kw.image, block: blockVi, blockEn },
                {
                  vi: 'Nhiệm vụ phải nằm trong một lĩnh vực.',
                  en: 'Tasks belong inside an area.',
                },
              ),
            );
          }
        }
        continue;
      }
      const entry = m.prop?.v as PropEntry | undefined;
      if (!entry) continue;
      const line = entry.keyToken.startLine ?? 0;
      const lineStart = this.lineStarts?.[line];
      if (lineStart !== undefined && lineStart !== entry.keyToken.startOffset) {
        const kw = entry.keyToken.image;
        sink.keywordsInValues.push({
          line,
          diagnostic: diagnostic(
            'DD2007',
            this.file,
            this.tokLoc(entry.keyToken).range,
            {
              detail: `"${kw}" là từ khóa nên không viết trần trong giá trị`,
              detailEn: `"${kw}" is a keyword, so it cannot stand bare inside a value`,
            },
            {
              vi: 'Nếu đây là nội dung, hãy đặt cả giá trị trong ngoặc kép, ví dụ "đơn vị sự nghiệp".',
              en: 'If this is text, put the whole value in quotes, e.g. "đơn vị sự nghiệp".',
            },
          ),
        });
        continue;
      }
      if (!allowed.includes(entry.key)) {
        sink.diagnostics.push(
          diagnostic(
            'DD2005',
            this.file,
            this.tokLoc(entry.keyToken).range,
            { prop: entry.keyToken.image, block: blockVi, blockEn },
            {
              vi: `Các thuộc tính dùng được: ${allowedText('vi')}.`,
              en: `Allowed properties: ${allowedText('en')}.`,
            },
          ),
        );
        continue;
      }
      const firstLine = (seen ??= new Map()).get(entry.key);
      if (firstLine !== undefined) {
        sink.diagnostics.push(
          diagnostic('DD2006', this.file, this.tokLoc(entry.keyToken).range, {
            prop: entry.keyToken.image,
            line: firstLine,
          }),
        );
        continue;
      }
      seen.set(entry.key, entry.keyToken.startLine ?? 0);
      out.push(entry);
    }
    return out;
  }

  private propEntry(f: Frame): PropEntry | undefined {
    const keyToken = real(f.kw);
    const diagnostics = this.pending.length > f.mark ? this.pending.splice(f.mark) : [];
    if (!keyToken || !PROPERTY_INDEX.has(keyToken.tokenType.name)) return undefined;
    const key = keyToken.tokenType.name as KeywordName;
    const value = f.val;
    const loc = value ? this.tokToSpan(keyToken, value) : this.tokLoc(keyToken);
    return { key, keyToken, value, loc, diagnostics };
  }

  // ---- values ----------------------------------------------------------------------------------

  private dayOfMonth(sink: Diagnostic[], t: IToken | undefined): number | undefined {
    if (!t) return undefined;
    const n = Number.parseInt(t.image, 10);
    if (n < 1 || n > 31) {
      this.invalid(sink, this.tokLoc(t), `ngày ${n} phải từ 1 đến 31`, `day ${n} must be between 1 and 31`);
      return undefined;
    }
    return n;
  }

  private month(n: number, t: IToken): number | undefined {
    if (n < 1 || n > 12) {
      this.invalid(
        this.pending,
        this.tokLoc(t),
        `tháng ${n} phải từ 1 đến 12`,
        `month ${n} must be between 1 and 12`,
      );
      return undefined;
    }
    return n;
  }

  /** A year written as a number ("quý II/2027", "cuối năm 2027"): the header's range (a date needs four digits). */
  private year(t: IToken): number | undefined {
    const n = Number.parseInt(t.image, 10);
    if (n < 2000 || n > 2100) {
      this.invalid(
        this.pending,
        this.tokLoc(t),
        `năm ${n} ngoài khoảng 2000–2100`,
        `year ${n} is outside 2000–2100`,
      );
      return undefined;
    }
    return n;
  }

  /** dd/mm/yyyy or dd/mm. Day and month ranges are checked here; impossible dates (31/02) later. */
  private dateToken(t: IToken): DateValue | undefined {
    const parts = t.image.split(/[./]/).map((x) => Number.parseInt(x, 10));
    const [day = 0, month = 0, year] = parts;
    const loc = this.tokLoc(t);
    if (day < 1 || day > 31) {
      this.invalid(this.pending, loc, `ngày ${day} phải từ 1 đến 31`, `day ${day} must be between 1 and 31`);
      return undefined;
    }
    if (this.month(month, t) === undefined) return undefined;
    return year === undefined ? { day, month, loc } : { day, month, year, loc };
  }

  private atTime(f: Frame): TimeOfDay | undefined {
    const t = real(f.time);
    if (!t) return undefined;
    const [hour = 0, minute = 0] = t.image.split(':').map((x) => Number.parseInt(x, 10));
    if (hour > 23 || minute > 59) {
      this.invalid(
        this.pending,
        this.tokLoc(t),
        `giờ ${t.image} không hợp lệ`,
        `time ${t.image} is not valid`,
      );
      return undefined;
    }
    return { hour, minute };
  }

  private names(v: Frame, p: PropEntry, sink: Diagnostic[]): Name[] {
    return this.items(v, p.keyToken, ['name'], sink).flatMap((i) => (i.kind === 'name' ? [i.name] : []));
  }

  /** The items of a list the property allows; the others are reported. */
  private items(v: Frame, keyToken: IToken, allowed: readonly Item['kind'][], sink: Diagnostic[]): Item[] {
    const out: Item[] = [];
    for (const e of v.v as ItemEntry[]) {
      if (!allowed.includes(e.item.kind)) {
        sink.push(diagnostic('DD2008', this.file, e.loc.range, { item: e.text, prop: keyToken.image }));
        continue;
      }
      out.push(e.item);
    }
    return out;
  }

  private item(f: Frame): ItemEntry | undefined {
    const loc = this.spanLoc(f);
    const id = real(f.id);
    const kw = real(f.kw);
    if (f.flags & F.Kind) {
      const w = real(f.str) ?? id;
      if (!w) return undefined;
      return {
        item: { kind: 'ofKind', unitKind: w === id ? w.image : stringValue(w.image), loc },
        loc,
        text: `${kw!.image} ${w.image}`,
      };
    }
    if (f.flags & F.Under) {
      return id
        ? { item: { kind: 'under', parent: this.name(id), loc }, loc, text: `${kw!.image} ${id.image}` }
        : undefined;
    }
    if (id) return { item: { kind: 'name', name: this.name(id) }, loc, text: id.image };
    const role = keywordOf(kw);
    if (!role || !(ROLE_ITEMS as readonly string[]).includes(role)) return undefined;
    return {
      item: { kind: 'role', role: (role === 'Parent' ? 'parent' : lowerFirst(role)) as RecipientRole, loc },
      loc,
      text: kw!.image,
    };
  }

  private reminder(f: Frame): Reminder | undefined {
    const when =
      f.flags & F.Before
        ? 'before'
        : keywordOf(f.kw) === 'After'
          ? 'after'
          : keywordOf(f.kw) === 'OnTheDay'
            ? 'on'
            : undefined;
    if (!when) {
      this.drop(f.atTime);
      return undefined;
    }
    const rem: Reminder = { when, loc: this.spanLoc(f) };
    const dur = f.duration?.v as Duration | undefined;
    if (dur) rem.offset = dur;
    const t = f.atTime?.v as TimeOfDay | undefined;
    if (t) rem.time = t;
    if (when !== 'on' && !rem.offset) return undefined;
    return rem;
  }

  private level(f: Frame): LevelEntry {
    const n = real(f.int);
    const kw = real(f.kw);
    const list = f.itemList;
    return {
      level: n ? Number.parseInt(n.image, 10) : undefined,
      after: f.duration?.v as Duration | undefined,
      list,
      kw,
      loc: kw && list ? this.tokToSpan(kw, list) : this.spanLoc(f),
    };
  }

  private recurrence(f: Frame): Recurrence | undefined {
    const loc = this.spanLoc(f);
    const fl = f.flags;
    if (fl & F.DailyWorking) return { kind: 'dailyWorking', loc };
    if (fl & F.Weekly) {
      const day = f.weekday?.v as Weekday | undefined;
      return day ? { kind: 'weekly', weekday: day, loc } : undefined;
    }
    if (fl & F.Monthly) {
      const dayTok = real(f.int);
      if (!dayTok) return { kind: 'monthly', loc };
      const d = this.dayOfMonth(this.pending, dayTok);
      return d === undefined ? undefined : { kind: 'monthly', day: d, loc };
    }
    if (fl & F.Quarterly) {
      const d = this.dayOfMonth(this.pending, real(f.int));
      return d === undefined
        ? undefined
        : { kind: 'quarterly', day: d, month: fl & F.FirstMonth ? 'first' : 'last', loc };
    }
    if (fl & F.Yearly) {
      const t = real(f.dm);
      const d = t ? this.dateToken(t) : undefined;
      return d ? { kind: 'yearly', day: d.day, month: d.month, loc } : undefined;
    }
    if (fl & F.Periodic) {
      const d = this.dayOfMonth(this.pending, real(f.int));
      const periods = (f.list ?? []).map((p) => p.v as PeriodKind);
      return d === undefined ? undefined : { kind: 'periodEnd', periods, day: d, loc };
    }
    return undefined;
  }

  private deadline(f: Frame): Deadline | undefined {
    let start: DateValue | undefined;
    if (f.flags & F.From) {
      start = f.dayDate?.v as DateValue | undefined;
      if (!start) {
        this.drop(f.deadlineCore ?? f.atTime);
        return undefined;
      }
    }
    const core = f.deadlineCore;
    // "bắt đầu từ ngày 10/11" alone: an ongoing task from that day.
    const form: DeadlineForm | undefined = core
      ? (core.v as DeadlineForm | undefined)
      : start
        ? { kind: 'ongoing' }
        : undefined;
    if (!form) {
      this.drop(f.atTime);
      return undefined;
    }
    const d: Deadline = { form, loc: this.spanLoc(f) };
    const bound = f.bound?.v as DeadlineBound | undefined;
    if (bound) d.bound = bound;
    if (start) d.start = start;
    const time = f.atTime?.v as TimeOfDay | undefined;
    if (time) d.time = time;
    return d;
  }

  private dayPoint(f: Frame): DayPoint {
    const k = keywordOf(f.kw);
    return k === 'StartOfMonth' || k === 'StartOfYear'
      ? 'start'
      : k === 'MidMonth' || k === 'MidYear'
        ? 'mid'
        : 'end';
  }

  private deadlineForm(f: Frame): DeadlineForm | undefined {
    const loc = this.spanLoc(f);
    const fl = f.flags;
    const dateLit = real(f.date);
    const dayMonth = real(f.dm);
    if (dateLit || dayMonth) {
      const date = this.dateToken((dateLit ?? dayMonth)!);
      if (!date) return undefined;
      if (dayMonth && fl & F.Yearly)
        return { kind: 'recurring', recurrence: { kind: 'yearly', day: date.day, month: date.month, loc } };
      return { kind: 'date', date };
    }
    if (fl & F.Monthly) {
      const d = this.dayOfMonth(this.pending, real(f.int));
      return d === undefined
        ? undefined
        : { kind: 'recurring', recurrence: { kind: 'monthly', day: d, loc } };
    }
    if (fl & (F.FirstMonth | F.LastMonth) && !(fl & F.Quarterly)) {
      // "ngày 05 tháng cuối cùng của mỗi quý"
      const d = this.dayOfMonth(this.pending, real(f.int));
      return d === undefined
        ? undefined
        : {
            kind: 'recurring',
            recurrence: { kind: 'quarterly', day: d, month: fl & F.FirstMonth ? 'first' : 'last', loc },
          };
    }
    const mp = f.point?.k === 'monthPoint' ? f.point : undefined;
    if (fl & F.Month || mp) {
      const point = mp ? (mp.v as DayPoint) : undefined;
      const my = real(f.my);
      const i = real(f.int);
      let form: Extract<DeadlineForm, { kind: 'month' }> | undefined;
      if (my) {
        const [m = 0, y = 0] = my.image.split('/').map((x) => Number.parseInt(x, 10));
        const month = this.month(m, my);
        if (month !== undefined) form = { kind: 'month', month, year: y };
      } else {
        const month = i ? this.month(Number.parseInt(i.image, 10), i) : undefined;
        if (month !== undefined) form = { kind: 'month', month };
      }
      if (form && point) form.point = point;
      return form;
    }
    const yp = f.point?.k === 'yearPoint' ? f.point : undefined;
    if (yp) {
      const y = real(f.int);
      const form: DeadlineForm = { kind: 'yearPoint', point: yp.v as DayPoint };
      if (y) {
        const year = this.year(y);
        if (year === undefined) return undefined;
        form.year = year;
      }
      return form;
    }
    if (fl & F.Regulated) {
      const s = real(f.str);
      return s ? { kind: 'regulated', regulation: stringValue(s.image) } : { kind: 'regulated' };
    }
    if (fl & F.SameDay) return { kind: 'onReceipt' };
    if (fl & F.Quarter) {
      const int = real(f.int);
      const roman = real(f.id);
      const my = real(f.my);
      const qTok = roman ?? my ?? int;
      if (!qTok) return undefined;
      const q = roman
        ? ({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[roman.image.toLowerCase()]
        : Number.parseInt(qTok.image, 10);
      if (my && q !== undefined && q >= 1 && q <= 4) {
        return { kind: 'quarter', quarter: q, year: Number.parseInt(my.image.split('/')[1] ?? '', 10) };
      }
      if (q === undefined || q < 1 || q > 4) {
        this.invalid(
          this.pending,
          this.tokLoc(qTok),
          `quý "${qTok.image}" phải là I, II, III hoặc IV`,
          `quarter "${qTok.image}" must be I, II, III or IV`,
        );
        return undefined;
      }
      const yearTok = real(f.slash) ? int : undefined;
      if (!yearTok) return { kind: 'quarter', quarter: q };
      const year = this.year(yearTok);
      return year === undefined ? undefined : { kind: 'quarter', quarter: q, year };
    }
    if (fl & F.FirstHalf) return { kind: 'half', half: 1 };
    if (fl & F.SecondHalf) return { kind: 'half', half: 2 };
    if (fl & F.Ongoing) {
      const review = f.recurrence?.v as Recurrence | undefined;
      return review ? { kind: 'ongoing', review } : { kind: 'ongoing' };
    }
    const rec = f.recurrence;
    if (rec) {
      const r = rec.v as Recurrence | undefined;
      return r ? { kind: 'recurring', recurrence: r } : undefined;
    }
    const dur = f.duration;
    if (dur) {
      const delay = dur.v as Duration | undefined;
      if (!delay) return undefined;
      if (fl & F.FromReceipt) return { kind: 'onReceipt', within: delay };
      if (fl & F.Published) return { kind: 'after', delay, after: { kind: 'publication' } };
      const id = real(f.id);
      return id ? { kind: 'after', delay, after: { kind: 'task', task: this.name(id) } } : undefined;
    }
    return undefined;
  }

  private target(f: Frame): Target | undefined {
    const num = real(f.int) ?? real(f.dec);
    if (!num) return undefined;
    const o = real(f.op)?.tokenType.name;
    const op = o === 'Ge' ? '>=' : o === 'Le' ? '<=' : o === 'Gt' ? '>' : o === 'Lt' ? '<' : '=';
    return {
      op,
      value: Number.parseFloat(num.image.replace(',', '.')),
      percent: real(f.pct) !== undefined,
    };
  }
}
