import type { CstElement, CstNode, IToken } from 'chevrotain';
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { spell, type KeywordName } from '../lexer/keywords.js';
import { stringValue } from '../lexer/lexer.js';
import { AREA_KINDS, PERIODS, PROPERTY_VALUES, ROLES, ROLE_ITEMS, WEEKDAYS } from '../parser/parser.js';
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
  PlanFile,
  Prop,
  Recurrence,
  RecipientRole,
  Reminder,
  Target,
  Task,
  TimeOfDay,
  TopItem,
  Weekday,
} from './nodes.js';
import type { Comment } from '../lexer/lexer.js';

type Children = Record<string, CstElement[] | undefined>;

function isToken(e: CstElement | undefined): e is IToken {
  return e !== undefined && 'image' in e;
}

function tok(ctx: Children, name: string, i = 0): IToken | undefined {
  const e = ctx[name]?.[i];
  return isToken(e) && !e.isInsertedInRecovery ? e : undefined;
}

function toks(ctx: Children, name: string): IToken[] {
  return (ctx[name] ?? []).filter(isToken).filter((t) => !t.isInsertedInRecovery);
}

function sub(ctx: Children, name: string, i = 0): CstNode | undefined {
  const e = ctx[name]?.[i];
  return e !== undefined && !isToken(e) ? e : undefined;
}

function subs(ctx: Children, name: string): CstNode[] {
  return (ctx[name] ?? []).filter((e): e is CstNode => !isToken(e));
}

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

const PROPERTY_INDEX = new Map<string, number>(PROPERTY_VALUES.map(([key], i) => [key, i]));

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

interface PropEntry {
  key: KeywordName;
  keyToken: IToken;
  value: CstNode | undefined;
  loc: Loc;
}

/** Builds the typed AST of one file from its CST. Reports misplaced or repeated properties and bad values. */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** Tasks whose lead or deadline line had an invalid value, so "missing" checks stay quiet. */
  readonly incomplete = new Set<Task>();

  /**
   * Keywords that error recovery took for the start of a property although they stand inside a line's value
   * ("loại: đơn vị sự nghiệp", "ghi chú: trước 1 ngày hết hạn"), with the diagnostic that says to quote the
   * text; parse.ts keeps it only when the line has no syntax error of its own (which then carries that advice).
   */
  readonly keywordsInValues: { line: number; diagnostic: Diagnostic }[] = [];

  /**
   * @param lineStarts the offset of the first token of each line, to tell a property's key from a keyword
   *   inside a value; without it every key is taken for a line start.
   */
  constructor(
    private readonly file: string,
    private readonly lineStarts?: ReadonlyMap<number, number>,
  ) {}

  build(cst: CstNode, comments: readonly Comment[]): PlanFile {
    const items: TopItem[] = [];
    for (const top of subs(cst.children, 'topItem')) {
      const item = this.topItem(top);
      if (item) items.push(item);
    }
    return {
      kind: 'PlanFile',
      path: this.file,
      items,
      comments: comments.map((c) => ({ text: c.text, line: c.line, column: c.column, trailing: c.trailing })),
    };
  }

  // ---- locations -------------------------------------------------------------------------------

  private range(
    startTok: { startOffset: number; startLine?: number; startColumn?: number },
    end: IToken | CstNode,
  ): Range {
    const e = isToken(end)
      ? { offset: end.endOffset ?? end.startOffset, line: end.endLine ?? 1, column: end.endColumn ?? 1 }
      : {
          offset: end.location?.endOffset ?? 0,
          line: end.location?.endLine ?? 1,
          column: end.location?.endColumn ?? 1,
        };
    const start = {
      line: startTok.startLine ?? 1,
      column: startTok.startColumn ?? 1,
      offset: startTok.startOffset,
    };
    // Tokens inserted by error recovery have no position (NaN): such a range ends where it starts.
    if (
      !(Number.isFinite(e.line) && Number.isFinite(e.column) && Number.isFinite(e.offset)) ||
      e.offset + 1 < start.offset
    ) {
      return { start, end: { ...start } };
    }
    return { start, end: { line: e.line, column: e.column + 1, offset: e.offset + 1 } };
  }

  private tokLoc(t: IToken, end: IToken | CstNode = t): Loc {
    return { file: this.file, range: this.range(t, end) };
  }

  private nodeLoc(n: CstNode): Loc {
    const l = n.location;
    if (!l || Number.isNaN(l.startOffset)) {
      return {
        file: this.file,
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      };
    }
    return {
      file: this.file,
      range: this.range(
        { startOffset: l.startOffset, startLine: l.startLine, startColumn: l.startColumn },
        n,
      ),
    };
  }

  private name(t: IToken): Name {
    return { text: t.image, loc: this.tokLoc(t) };
  }

  private invalid(loc: Loc, vi: string, en: string): void {
    this.diagnostics.push(diagnostic('DD2007', loc.file, loc.range, { detail: vi, detailEn: en }));
  }

  // ---- declarations ----------------------------------------------------------------------------

  private topItem(node: CstNode): TopItem | undefined {
    const c = node.children;
    const inc = sub(c, 'includeDecl');
    if (inc) return this.pathDecl('Include', inc);
    const ext = sub(c, 'extendsDecl');
    if (ext) return this.pathDecl('Extends', ext);
    const header = sub(c, 'headerDecl');
    if (header) return this.header(header);
    const named = sub(c, 'namedDecl');
    if (named) return this.named(named);
    const area = sub(c, 'areaDecl');
    if (area) return this.area(area);
    return undefined;
  }

  private pathDecl<K extends 'Include' | 'Extends'>(kind: K, node: CstNode) {
    const kw = tok(node.children, kind);
    const str = tok(node.children, 'StringLit');
    if (!kw || !str) return undefined;
    const loc = this.tokLoc(kw, str);
    return { kind, path: { value: stringValue(str.image), loc: this.tokLoc(str) }, loc };
  }

  private title(ctx: Children): Prop<string> | undefined {
    const s = tok(ctx, 'StringLit');
    return s ? { value: stringValue(s.image), loc: this.tokLoc(s) } : undefined;
  }

  private header(node: CstNode): TopItem | undefined {
    const c = node.children;
    const kw = tok(c, 'Plan') ?? tok(c, 'Template');
    if (!kw) return undefined;
    const h: Extract<TopItem, { kind: 'PlanHeader' }> = {
      kind: 'PlanHeader',
      template: tok(c, 'Template') !== undefined,
      loc: this.tokLoc(kw, tok(c, 'StringLit') ?? kw),
    };
    const title = this.title(c);
    if (title) h.title = title;
    for (const p of this.props(
      sub(c, 'body'),
      h.template ? 'header' : 'header',
      h.template ? ['Code'] : ['Requires'],
    )) {
      const v = p.value;
      if (!v) continue;
      const vc = v.children;
      switch (p.key) {
        case 'Code': {
          const s = this.text(v);
          if (s !== undefined) h.code = { value: s, loc: p.loc };
          break;
        }
        case 'Issuer': {
          const r = this.ref(v);
          if (r) h.issuer = { value: r, loc: p.loc };
          break;
        }
        case 'Decision': {
          const s = tok(vc, 'StringLit');
          const d = this.dateValue(sub(vc, 'dateValue'));
          if (s && d) h.decision = { value: { number: stringValue(s.image), date: d }, loc: p.loc };
          break;
        }
        case 'Published': {
          const d = this.dateValue(v);
          if (d) h.published = { value: d, loc: p.loc };
          break;
        }
        case 'Year': {
          const n = this.integer(tok(vc, 'Integer'));
          if (n !== undefined) {
            if (n < 2000 || n > 2100)
              this.invalid(p.loc, `năm ${n} ngoài khoảng 2000–2100`, `year ${n} is outside 2000–2100`);
            else h.year = { value: n, loc: p.loc };
          }
          break;
        }
        case 'TimeZone':
        case 'Calendar': {
          const s = this.text(v);
          if (s !== undefined) h[p.key === 'TimeZone' ? 'timeZone' : 'calendar'] = { value: s, loc: p.loc };
          break;
        }
        case 'DeadlineDayIncluded':
        case 'AwaitCoordinators': {
          const yes = tok(vc, 'Yes');
          if (!yes && !tok(vc, 'No')) break;
          h[p.key === 'DeadlineDayIncluded' ? 'deadlineDayIncluded' : 'awaitCoordinators'] = {
            value: yes !== undefined,
            loc: p.loc,
          };
          break;
        }
        case 'MonthlyDue': {
          const d = this.dayOfMonth(tok(vc, 'Integer'), p.loc);
          if (d !== undefined) h.monthlyDue = { value: d, loc: p.loc };
          break;
        }
        case 'Policy': {
          const r = this.ref(v);
          if (r) h.policy = { value: r, loc: p.loc };
          break;
        }
        case 'Requires':
          h.requires = { value: this.names(v, p), loc: p.loc };
          break;
        default:
          break;
      }
    }
    return h;
  }

  private named(node: CstNode): TopItem | undefined {
    const c = node.children;
    const id = tok(c, 'Identifier');
    const kw = (['Unit', 'Group', 'Person', 'Policy', 'Indicator', 'Report'] as const).find((k) => tok(c, k));
    if (!id || !kw) return undefined;
    const kwTok = tok(c, kw)!;
    const loc = this.tokLoc(kwTok, tok(c, 'StringLit') ?? id);
    const base = { id: this.name(id), loc, ...(this.title(c) ? { title: this.title(c)! } : {}) };
    const props = this.props(sub(c, 'body'), kw);
    switch (kw) {
      case 'Unit': {
        const u: Extract<TopItem, { kind: 'Unit' }> = { kind: 'Unit', ...base };
        for (const p of props) {
          const v = p.value;
          if (!v) continue;
          if (p.key === 'Kind') {
            const t = tok(v.children, 'Identifier') ?? tok(v.children, 'StringLit');
            if (t)
              u.unitKind = {
                value: t.tokenType.name === 'StringLit' ? stringValue(t.image) : t.image,
                loc: p.loc,
              };
          } else if (p.key === 'Parent') {
            const r = this.ref(v);
            if (r) u.parent = { value: r, loc: p.loc };
          } else if (p.key === 'Head') {
            const id2 = tok(v.children, 'Identifier');
            const s = tok(v.children, 'StringLit');
            if (id2) u.head = { value: { kind: 'person', person: this.name(id2) }, loc: p.loc };
            else if (s) u.head = { value: { kind: 'text', text: stringValue(s.image) }, loc: p.loc };
          } else if (p.key === 'Email') {
            const s = this.text(v);
            if (s !== undefined) u.email = { value: s, loc: p.loc };
          }
        }
        return u;
      }
      case 'Group': {
        const g: Extract<TopItem, { kind: 'Group' }> = { kind: 'Group', ...base };
        for (const p of props) {
          if (!p.value) continue;
          const items = this.items(p.value, p, ['name', 'ofKind', 'under']);
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
          if (p.key === 'Role') {
            const r = ROLES.find((k) => tok(v.children, k));
            if (r) person.role = { value: lowerFirst(r) as PersonRole, loc: p.loc };
          } else if (p.key === 'Unit') {
            const r = this.ref(v);
            if (r) person.unit = { value: r, loc: p.loc };
          } else if (p.key === 'Email') {
            const s = this.text(v);
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
          if (p.key === 'Measure') {
            const s = this.text(v);
            if (s !== undefined) ind.measure = { value: s, loc: p.loc };
          } else if (p.key === 'Target') {
            const t = this.target(v);
            if (t) ind.target = { value: t, loc: p.loc };
          } else if (p.key === 'Cadence') {
            const r = this.recurrenceAt(v);
            if (r) ind.cadence = { value: r, loc: p.loc };
          } else if (p.key === 'ReportedBy') {
            ind.reportedBy = { value: this.items(v, p, ['name', 'ofKind', 'under']), loc: p.loc };
          }
        }
        return ind;
      }
      case 'Report': {
        const rep: Extract<TopItem, { kind: 'Report' }> = { kind: 'Report', ...base };
        for (const p of props) {
          const v = p.value;
          if (!v) continue;
          if (p.key === 'Period') {
            rep.periods = { value: subs(v.children, 'period').map((n) => this.period(n)), loc: p.loc };
          } else if (p.key === 'CutOff') {
            const d = this.dayOfMonth(tok(v.children, 'Integer'), p.loc);
            if (d !== undefined) rep.cutOff = { value: d, loc: p.loc };
          } else if (p.key === 'Due') {
            const d = this.dayOfMonth(tok(v.children, 'Integer'), p.loc);
            if (d !== undefined) {
              const bound = this.bound(sub(v.children, 'bound'));
              rep.due = {
                value: {
                  day: d,
                  month: tok(v.children, 'NextMonth') ? 'next' : 'periodLast',
                  ...(bound ? { bound } : {}),
                },
                loc: p.loc,
              };
            }
          } else if (p.key === 'Recipients') {
            rep.recipients = { value: this.items(v, p, ['name', 'role']), loc: p.loc };
          } else if (p.key === 'PreparedBy') {
            const r = this.ref(v);
            if (r) rep.preparedBy = { value: r, loc: p.loc };
          }
        }
        return rep;
      }
    }
  }

  private policy(base: { id: Name; loc: Loc; title?: Prop<string> }, props: PropEntry[]): TopItem {
    const pol: Extract<TopItem, { kind: 'Policy' }> = { kind: 'Policy', ...base };
    for (const p of props) {
      const v = p.value;
      if (!v) continue;
      if (p.key === 'Acknowledge') {
        const d = this.duration(v);
        if (d) pol.acknowledge = { value: d, loc: p.loc };
      } else if (p.key === 'Remind') {
        const list: Reminder[] = [];
        for (const r of subs(v.children, 'reminder')) {
          const rc = r.children;
          const when = tok(rc, 'Before')
            ? 'before'
            : tok(rc, 'After')
              ? 'after'
              : tok(rc, 'OnTheDay')
                ? 'on'
                : undefined;
          if (!when) continue;
          const rem: Reminder = { when, loc: this.nodeLoc(r) };
          const d = sub(rc, 'duration');
          if (d) {
            const dur = this.duration(d);
            if (dur) rem.offset = dur;
          }
          const t = this.atTime(sub(rc, 'atTime'));
          if (t) rem.time = t;
          if (when !== 'on' && !rem.offset) continue;
          list.push(rem);
        }
        pol.reminders = { value: list, loc: p.loc };
      } else if (p.key === 'Escalate') {
        const levels: EscalationLevel[] = [];
        for (const l of subs(v.children, 'level')) {
          const lc = l.children;
          const n = this.integer(tok(lc, 'Integer'));
          const d = sub(lc, 'duration');
          const dur = d ? this.duration(d) : undefined;
          const list = sub(lc, 'itemList');
          if (n === undefined || !dur || !list) continue;
          const kw = tok(lc, 'Level');
          const entry: PropEntry = {
            key: 'Escalate',
            keyToken: kw ?? p.keyToken,
            value: list,
            loc: this.nodeLoc(l),
          };
          levels.push({
            level: n,
            after: dur,
            recipients: this.items(list, entry, ['name', 'role']),
            loc: kw ? this.tokLoc(kw, list) : this.nodeLoc(l),
          });
        }
        const last = levels[levels.length - 1];
        const loc = last
          ? { file: this.file, range: { start: p.loc.range.start, end: last.loc.range.end } }
          : p.loc;
        pol.escalation = { value: levels, loc };
      } else if (p.key === 'Digest') {
        const r = this.recurrenceAt(v);
        if (r) pol.digest = { value: r, loc: p.loc };
      }
    }
    return pol;
  }

  private area(node: CstNode): TopItem | undefined {
    const c = node.children;
    const kw = tok(c, 'Area');
    const kindNode = sub(c, 'areaKind');
    const kindName = kindNode ? AREA_KINDS.find((k) => tok(kindNode.children, k)) : undefined;
    if (!kw || !kindName || !kindNode) return undefined;
    const area: Extract<TopItem, { kind: 'Area' }> = {
      kind: 'Area',
      areaKind: lowerFirst(kindName) as AreaKind,
      tasks: [],
      loc: this.tokLoc(kw, tok(c, 'StringLit') ?? kindNode),
    };
    const title = this.title(c);
    if (title) area.title = title;
    const body = sub(c, 'body');
    for (const p of this.props(body, 'Area')) {
      if (p.key === 'Policy' && p.value) {
        const r = this.ref(p.value);
        if (r) area.policy = { value: r, loc: p.loc };
      }
    }
    for (const m of body ? subs(body.children, 'member') : []) {
      const t = sub(m.children, 'taskDecl');
      if (t) {
        const task = this.task(t);
        if (task) area.tasks.push(task);
      }
    }
    return area;
  }

  private task(node: CstNode): Task | undefined {
    const c = node.children;
    const kw = tok(c, 'Task');
    const id = tok(c, 'Identifier');
    if (!kw || !id) return undefined;
    const task: Task = { kind: 'Task', id: this.name(id), loc: this.tokLoc(kw, tok(c, 'StringLit') ?? id) };
    const title = this.title(c);
    if (title) task.title = title;
    for (const p of this.props(sub(c, 'body'), 'Task')) {
      const v = p.value;
      if (!v) {
        this.incomplete.add(task);
        continue;
      }
      switch (p.key) {
        case 'Lead':
          task.lead = { value: this.items(v, p, ['name']), loc: p.loc };
          if (task.lead.value.length === 0) this.incomplete.add(task);
          break;
        case 'Support':
          task.support = { value: this.items(v, p, ['name']), loc: p.loc };
          break;
        case 'DependsOn':
          task.dependsOn = { value: this.items(v, p, ['name']), loc: p.loc };
          break;
        case 'Deadline': {
          const d = this.deadline(v);
          if (d) task.deadline = { value: d, loc: p.loc };
          else this.incomplete.add(task);
          break;
        }
        case 'Output':
        case 'Note': {
          const s = this.text(v);
          if (s !== undefined) task[p.key === 'Output' ? 'output' : 'note'] = { value: s, loc: p.loc };
          break;
        }
        case 'Criterion': {
          const t = v.children;
          const s = tok(t, 'StringLit');
          const other = tok(t, 'Identifier') ?? tok(t, 'Decimal') ?? tok(t, 'Integer');
          const value = s ? stringValue(s.image) : other?.image;
          if (value !== undefined) task.criterion = { value, loc: p.loc };
          break;
        }
        case 'Policy': {
          const r = this.ref(v);
          if (r) task.policy = { value: r, loc: p.loc };
          break;
        }
        default:
          break;
      }
    }
    return task;
  }

  /**
   * The property lines of a block, minus those that do not belong to it (reported) and repeated ones
   * (reported; the first one wins).
   */
  private props(
    body: CstNode | undefined,
    block: BlockKind,
    forbidden: readonly KeywordName[] = [],
  ): PropEntry[] {
    if (!body) return [];
    const allowed = allowedProps(block, forbidden);
    const [blockVi, blockEn] = BLOCK_NAMES[block];
    const allowedText = (lang: 'vi' | 'en') => allowed.map((k) => spell(k, lang)).join(', ');
    const seen = new Map<KeywordName, number>();
    const out: PropEntry[] = [];
    for (const m of body.children['member'] ?? []) {
      if (isToken(m)) continue;
      const task = sub(m.children, 'taskDecl');
      if (task) {
        if (block !== 'Area') {
          const kw = tok(task.children, 'Task');
          if (kw) {
            const loc = this.tokLoc(kw);
            this.diagnostics.push(
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
      const prop = sub(m.children, 'prop');
      if (!prop) continue;
      const entry = this.propEntry(prop);
      if (!entry) continue;
      const line = entry.keyToken.startLine ?? 0;
      const lineStart = this.lineStarts?.get(line);
      if (lineStart !== undefined && lineStart !== entry.keyToken.startOffset) {
        const kw = entry.keyToken.image;
        this.keywordsInValues.push({
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
        this.diagnostics.push(
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
      const firstLine = seen.get(entry.key);
      if (firstLine !== undefined) {
        this.diagnostics.push(
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

  private propEntry(prop: CstNode): PropEntry | undefined {
    const c = prop.children;
    // The first entry of PROPERTY_VALUES whose key the line has (it has one).
    let found = -1;
    let keyToken: IToken | undefined;
    for (const name in c) {
      const i = PROPERTY_INDEX.get(name);
      if (i === undefined || (found >= 0 && i > found)) continue;
      const t = tok(c, name);
      if (!t) continue;
      found = i;
      keyToken = t;
    }
    if (keyToken) {
      const [key, rule] = PROPERTY_VALUES[found]!;
      const value = sub(c, rule);
      const loc =
        value && value.location && !Number.isNaN(value.location.startOffset)
          ? this.tokLoc(keyToken, value)
          : this.tokLoc(keyToken);
      return { key, keyToken, value, loc };
    }
    return undefined;
  }

  // ---- values ----------------------------------------------------------------------------------

  private ref(v: CstNode): Name | undefined {
    const t = tok(v.children, 'Identifier');
    return t ? this.name(t) : undefined;
  }

  private text(v: CstNode): string | undefined {
    const t = tok(v.children, 'StringLit');
    return t ? stringValue(t.image) : undefined;
  }

  private integer(t: IToken | undefined): number | undefined {
    return t ? Number.parseInt(t.image, 10) : undefined;
  }

  private dayOfMonth(t: IToken | undefined, loc: Loc): number | undefined {
    const n = this.integer(t);
    if (n === undefined) return undefined;
    if (n < 1 || n > 31) {
      this.invalid(
        t ? this.tokLoc(t) : loc,
        `ngày ${n} phải từ 1 đến 31`,
        `day ${n} must be between 1 and 31`,
      );
      return undefined;
    }
    return n;
  }

  private month(n: number, t: IToken): number | undefined {
    if (n < 1 || n > 12) {
      this.invalid(this.tokLoc(t), `tháng ${n} phải từ 1 đến 12`, `month ${n} must be between 1 and 12`);
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
      this.invalid(loc, `ngày ${day} phải từ 1 đến 31`, `day ${day} must be between 1 and 31`);
      return undefined;
    }
    if (this.month(month, t) === undefined) return undefined;
    return year === undefined ? { day, month, loc } : { day, month, year, loc };
  }

  private dateValue(v: CstNode | undefined): DateValue | undefined {
    if (!v) return undefined;
    const t = tok(v.children, 'DateLit') ?? tok(v.children, 'DayMonth');
    return t ? this.dateToken(t) : undefined;
  }

  private duration(v: CstNode): Duration | undefined {
    const n = this.integer(tok(v.children, 'Integer'));
    if (n === undefined) return undefined;
    return { amount: n, unit: tok(v.children, 'WorkingDay') ? 'workingDay' : 'day', loc: this.nodeLoc(v) };
  }

  private atTime(v: CstNode | undefined): TimeOfDay | undefined {
    const t = v ? tok(v.children, 'Time') : undefined;
    if (!t) return undefined;
    const [hour = 0, minute = 0] = t.image.split(':').map((x) => Number.parseInt(x, 10));
    if (hour > 23 || minute > 59) {
      this.invalid(this.tokLoc(t), `giờ ${t.image} không hợp lệ`, `time ${t.image} is not valid`);
      return undefined;
    }
    return { hour, minute };
  }

  private names(v: CstNode, p: PropEntry): Name[] {
    return this.items(v, p, ['name']).flatMap((i) => (i.kind === 'name' ? [i.name] : []));
  }

  private items(v: CstNode, p: PropEntry, allowed: readonly Item['kind'][]): Item[] {
    const out: Item[] = [];
    for (const n of subs(v.children, 'item')) {
      const c = n.children;
      const loc = this.nodeLoc(n);
      let item: Item | undefined;
      const kindTok = tok(c, 'Kind');
      const underTok = tok(c, 'Under');
      const id = tok(c, 'Identifier');
      if (kindTok) {
        const w = tok(c, 'StringLit') ?? id;
        if (w)
          item = {
            kind: 'ofKind',
            unitKind: w.tokenType.name === 'StringLit' ? stringValue(w.image) : w.image,
            loc,
          };
      } else if (underTok) {
        if (id) item = { kind: 'under', parent: this.name(id), loc };
      } else if (id) {
        item = { kind: 'name', name: this.name(id) };
      } else {
        const role = ROLE_ITEMS.find((k) => tok(c, k));
        if (role)
          item = {
            kind: 'role',
            role: (role === 'Parent' ? 'parent' : lowerFirst(role)) as RecipientRole,
            loc,
          };
      }
      if (!item) continue;
      if (!allowed.includes(item.kind)) {
        this.diagnostics.push(
          diagnostic('DD2008', this.file, loc.range, {
            item: this.sourceText(n),
            prop: p.keyToken.image,
          }),
        );
        continue;
      }
      out.push(item);
    }
    return out;
  }

  private sourceText(n: CstNode): string {
    const parts: string[] = [];
    const walk = (node: CstNode) => {
      const all: CstElement[] = Object.values(node.children).flatMap((x) => x ?? []);
      const sorted = all.sort((a, b) => start(a) - start(b));
      for (const e of sorted) {
        if (isToken(e)) parts.push(e.image);
        else walk(e);
      }
    };
    const start = (e: CstElement) => (isToken(e) ? e.startOffset : (e.location?.startOffset ?? 0));
    walk(n);
    return parts.join(' ');
  }

  private period(n: CstNode): PeriodKind {
    const k = PERIODS.find((p) => tok(n.children, p)) ?? 'Year';
    return k === 'HalfYear' ? 'halfYear' : (lowerFirst(k) as PeriodKind);
  }

  private recurrenceAt(v: CstNode): { recurrence: Recurrence; time?: TimeOfDay } | undefined {
    const r = sub(v.children, 'recurrence');
    const rec = r ? this.recurrence(r) : undefined;
    if (!rec) return undefined;
    const time = this.atTime(sub(v.children, 'atTime'));
    return time ? { recurrence: rec, time } : { recurrence: rec };
  }

  private recurrence(n: CstNode): Recurrence | undefined {
    const c = n.children;
    const loc = this.nodeLoc(n);
    if (tok(c, 'DailyWorking')) return { kind: 'dailyWorking', loc };
    if (tok(c, 'Weekly')) {
      const w = sub(c, 'weekday');
      const day = w ? WEEKDAYS.find((k) => tok(w.children, k)) : undefined;
      return day ? { kind: 'weekly', weekday: day.toLowerCase() as Weekday, loc } : undefined;
    }
    if (tok(c, 'Monthly')) {
      const dayTok = tok(c, 'Integer');
      if (!dayTok) return { kind: 'monthly', loc };
      const d = this.dayOfMonth(dayTok, loc);
      return d === undefined ? undefined : { kind: 'monthly', day: d, loc };
    }
    if (tok(c, 'Quarterly')) {
      const d = this.dayOfMonth(tok(c, 'Integer'), loc);
      return d === undefined
        ? undefined
        : { kind: 'quarterly', day: d, month: tok(c, 'FirstMonth') ? 'first' : 'last', loc };
    }
    if (tok(c, 'Yearly')) {
      const t = tok(c, 'DayMonth');
      const d = t ? this.dateToken(t) : undefined;
      return d ? { kind: 'yearly', day: d.day, month: d.month, loc } : undefined;
    }
    if (tok(c, 'Periodic')) {
      const d = this.dayOfMonth(tok(c, 'Integer'), loc);
      const periods = subs(c, 'period').map((p) => this.period(p));
      return d === undefined ? undefined : { kind: 'periodEnd', periods, day: d, loc };
    }
    return undefined;
  }

  private bound(n: CstNode | undefined): DeadlineBound | undefined {
    if (!n) return undefined;
    return tok(n.children, 'Latest') ? 'latest' : tok(n.children, 'Before') ? 'before' : undefined;
  }

  private deadline(v: CstNode): Deadline | undefined {
    const c = v.children;
    let start: DateValue | undefined;
    if (tok(c, 'From')) {
      const dd = sub(c, 'dayDate');
      const t = dd ? (tok(dd.children, 'DateLit') ?? tok(dd.children, 'DayMonth')) : undefined;
      start = t ? this.dateToken(t) : undefined;
      if (!start) return undefined;
    }
    const core = sub(c, 'deadlineCore');
    // "bắt đầu từ ngày 10/11" alone: an ongoing task from that day.
    const form: DeadlineForm | undefined = core
      ? this.deadlineForm(core)
      : start
        ? { kind: 'ongoing' }
        : undefined;
    if (!form) return undefined;
    const d: Deadline = { form, loc: this.nodeLoc(v) };
    const bound = this.bound(sub(c, 'bound'));
    if (bound) d.bound = bound;
    if (start) d.start = start;
    const time = this.atTime(sub(c, 'atTime'));
    if (time) d.time = time;
    return d;
  }

  private deadlineForm(n: CstNode): DeadlineForm | undefined {
    const c = n.children;
    const loc = this.nodeLoc(n);
    const dateLit = tok(c, 'DateLit');
    const dayMonth = tok(c, 'DayMonth');
    if (dateLit || dayMonth) {
      const date = this.dateToken((dateLit ?? dayMonth)!);
      if (!date) return undefined;
      if (dayMonth && tok(c, 'Yearly'))
        return { kind: 'recurring', recurrence: { kind: 'yearly', day: date.day, month: date.month, loc } };
      return { kind: 'date', date };
    }
    if (tok(c, 'Monthly')) {
      const d = this.dayOfMonth(tok(c, 'Integer'), loc);
      return d === undefined
        ? undefined
        : { kind: 'recurring', recurrence: { kind: 'monthly', day: d, loc } };
    }
    if ((tok(c, 'FirstMonth') || tok(c, 'LastMonth')) && !tok(c, 'Quarterly')) {
      // "ngày 05 tháng cuối cùng của mỗi quý"
      const d = this.dayOfMonth(tok(c, 'Integer'), loc);
      return d === undefined
        ? undefined
        : {
            kind: 'recurring',
            recurrence: { kind: 'quarterly', day: d, month: tok(c, 'FirstMonth') ? 'first' : 'last', loc },
          };
    }
    const mp = sub(c, 'monthPoint');
    if (tok(c, 'Month') || mp) {
      const point: DayPoint | undefined = mp ? this.dayPoint(mp.children) : undefined;
      const my = tok(c, 'MonthYear');
      const i = tok(c, 'Integer');
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
    const yp = sub(c, 'yearPoint');
    if (yp) {
      const y = tok(c, 'Integer');
      const form: DeadlineForm = { kind: 'yearPoint', point: this.dayPoint(yp.children) };
      if (y) form.year = Number.parseInt(y.image, 10);
      return form;
    }
    if (tok(c, 'Regulated')) {
      const s = tok(c, 'StringLit');
      return s ? { kind: 'regulated', regulation: stringValue(s.image) } : { kind: 'regulated' };
    }
    if (tok(c, 'SameDay')) return { kind: 'onReceipt' };
    if (tok(c, 'Quarter')) {
      const ints = toks(c, 'Integer');
      const roman = tok(c, 'Identifier');
      const my = tok(c, 'MonthYear');
      const qTok = roman ?? my ?? ints[0];
      if (!qTok) return undefined;
      const q = roman
        ? ({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[roman.image.toLowerCase()]
        : Number.parseInt(qTok.image, 10);
      if (my && q !== undefined && q >= 1 && q <= 4) {
        return { kind: 'quarter', quarter: q, year: Number.parseInt(my.image.split('/')[1] ?? '', 10) };
      }
      if (q === undefined || q < 1 || q > 4) {
        this.invalid(
          this.tokLoc(qTok),
          `quý "${qTok.image}" phải là I, II, III hoặc IV`,
          `quarter "${qTok.image}" must be I, II, III or IV`,
        );
        return undefined;
      }
      const yearTok = tok(c, 'Slash') ? ints[0] : undefined;
      return yearTok
        ? { kind: 'quarter', quarter: q, year: Number.parseInt(yearTok.image, 10) }
        : { kind: 'quarter', quarter: q };
    }
    if (tok(c, 'FirstHalf')) return { kind: 'half', half: 1 };
    if (tok(c, 'SecondHalf')) return { kind: 'half', half: 2 };
    if (tok(c, 'Ongoing')) {
      const r = sub(c, 'recurrence');
      const review = r ? this.recurrence(r) : undefined;
      return review ? { kind: 'ongoing', review } : { kind: 'ongoing' };
    }
    const rec = sub(c, 'recurrence');
    if (rec) {
      const r = this.recurrence(rec);
      return r ? { kind: 'recurring', recurrence: r } : undefined;
    }
    const dur = sub(c, 'duration');
    if (dur) {
      const delay = this.duration(dur);
      if (!delay) return undefined;
      if (tok(c, 'FromReceipt')) return { kind: 'onReceipt', within: delay };
      if (tok(c, 'Published')) return { kind: 'after', delay, after: { kind: 'publication' } };
      const id = tok(c, 'Identifier');
      return id ? { kind: 'after', delay, after: { kind: 'task', task: this.name(id) } } : undefined;
    }
    return undefined;
  }

  private dayPoint(c: Children): DayPoint {
    return tok(c, 'StartOfMonth') || tok(c, 'StartOfYear')
      ? 'start'
      : tok(c, 'MidMonth') || tok(c, 'MidYear')
        ? 'mid'
        : 'end';
  }

  private target(v: CstNode): Target | undefined {
    const c = v.children;
    const num = tok(c, 'Integer') ?? tok(c, 'Decimal');
    if (!num) return undefined;
    const op = tok(c, 'Ge') ? '>=' : tok(c, 'Le') ? '<=' : tok(c, 'Gt') ? '>' : tok(c, 'Lt') ? '<' : '=';
    return {
      op,
      value: Number.parseFloat(num.image.replace(',', '.')),
      percent: tok(c, 'Percent') !== undefined,
    };
  }
}
