import type {
  DateValue,
  DayPoint,
  Deadline,
  DeadlineBound,
  DeadlineForm,
  Duration,
  Item,
  PeriodKind,
  PlanFile,
  Recurrence,
  Target,
  Task,
  TimeOfDay,
  TopItem,
} from '../ast/nodes.js';
import { parseFile } from '../check/parse.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { foldKeyword, spell, type KeywordName, type Lang } from '../lexer/keywords.js';
import { phrasesByFirstWord } from '../lexer/tokens.js';

export interface FormatOptions {
  /** Write every keyword in this language; default Vietnamese. */
  lang?: Lang;
  /** Lists longer than this are wrapped after a comma. */
  width?: number;
}

export interface FormatResult {
  /** The formatted text, or the input unchanged when it has lexing or syntax errors. */
  text: string;
  /** False when the input could not be formatted. */
  ok: boolean;
  diagnostics: Diagnostic[];
}

interface Line {
  indent: number;
  text: string;
  /** The source line this output line comes from, to place comments. */
  src: number;
}

const INDENT = '  ';
const WORD = /^[\p{L}_][\p{L}\p{M}\p{N}_]*(?:[.\-'][\p{L}\p{M}\p{N}_]+)*$/u;

const AREA_KEYWORD: Record<string, KeywordName> = {
  direction: 'Direction',
  institutions: 'Institutions',
  procedures: 'Procedures',
  apparatus: 'Apparatus',
  civilService: 'CivilService',
  publicFinance: 'PublicFinance',
  digitalGovernment: 'DigitalGovernment',
  communication: 'Communication',
  inspection: 'Inspection',
};

const PERIOD_KEYWORD: Record<PeriodKind, KeywordName> = {
  month: 'Month',
  quarter: 'Quarter',
  halfYear: 'HalfYear',
  year: 'Year',
};

const ROMAN = ['I', 'II', 'III', 'IV'];

const MONTH_POINT: Record<DayPoint, KeywordName> = {
  start: 'StartOfMonth',
  mid: 'MidMonth',
  end: 'EndOfMonth',
};
const YEAR_POINT: Record<DayPoint, KeywordName> = { start: 'StartOfYear', mid: 'MidYear', end: 'EndOfYear' };

function isKeywordWord(w: string): boolean {
  const first = phrasesByFirstWord.get(foldKeyword(w));
  return first?.some((p) => p.words.length === 1) ?? false;
}

/** A bare word when it reads back as the same word, otherwise quoted text. */
function word(w: string): string {
  return WORD.test(w) && !phrasesByFirstWord.has(foldKeyword(w)) ? w : quote(w);
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const pad = (n: number) => String(n).padStart(2, '0');

class Printer {
  readonly lines: Line[] = [];

  constructor(
    private readonly lang: Lang,
    private readonly width: number,
  ) {}

  kw(name: KeywordName): string {
    return spell(name, this.lang);
  }

  /** Day / working day with the English plural. */
  unit(d: Duration): string {
    const base = this.kw(d.unit === 'day' ? 'Day' : 'WorkingDay');
    if (this.lang === 'en')
      return d.amount === 1 ? base.replace(/s$/, '') : base.endsWith('s') ? base : `${base}s`;
    return base;
  }

  duration(d: Duration): string {
    return `${d.amount} ${this.unit(d)}`;
  }

  number(n: number): string {
    const s = String(n);
    return this.lang === 'vi' ? s.replace('.', ',') : s;
  }

  date(d: DateValue): string {
    return d.year === undefined ? `${pad(d.day)}/${pad(d.month)}` : `${pad(d.day)}/${pad(d.month)}/${d.year}`;
  }

  time(t: TimeOfDay | undefined): string {
    return t ? ` ${this.kw('At')} ${pad(t.hour)}:${pad(t.minute)}` : '';
  }

  /** "on" before a day in English; Vietnamese reads better without "vào" there. */
  on(): string {
    return this.lang === 'en' ? `${this.kw('On')} ` : '';
  }

  item(i: Item): string {
    switch (i.kind) {
      case 'name':
        return i.name.text;
      case 'ofKind':
        return `${this.kw('Kind')} ${word(i.unitKind)}`;
      case 'under':
        return `${this.kw('Under')} ${i.parent.text}`;
      case 'role':
        return this.kw(
          i.role === 'unitHead'
            ? 'UnitHead'
            : i.role === 'chair'
              ? 'Chair'
              : i.role === 'viceChair'
                ? 'ViceChair'
                : 'Parent',
        );
    }
  }

  recurrence(r: Recurrence): string {
    switch (r.kind) {
      case 'dailyWorking':
        return this.kw('DailyWorking');
      case 'weekly':
        return `${this.kw('Weekly')} ${this.kw('On')} ${this.kw((r.weekday.charAt(0).toUpperCase() + r.weekday.slice(1)) as KeywordName)}`;
      case 'monthly':
        return r.day === undefined
          ? this.kw('Monthly')
          : `${this.kw('Monthly')} ${this.on()}${this.kw('Day')} ${r.day}`;
      case 'quarterly':
        return `${this.kw('Quarterly')} ${this.on()}${this.kw('Day')} ${r.day} ${this.kw(r.month === 'first' ? 'FirstMonth' : 'LastMonth')}`;
      case 'yearly':
        return this.lang === 'en'
          ? `${this.kw('Yearly')} ${this.kw('On')} ${pad(r.day)}/${pad(r.month)}`
          : `${this.kw('Yearly')} ${this.kw('Day')} ${pad(r.day)}/${pad(r.month)}`;
      case 'periodEnd':
        return `${this.kw('Periodic')} ${r.periods.map((p) => this.kw(PERIOD_KEYWORD[p])).join(', ')}, ${this.kw('Latest')} ${this.on()}${this.kw('Day')} ${r.day} ${this.kw('PeriodLastMonth')}`;
    }
  }

  bound(b: DeadlineBound | undefined): string {
    return b ? `${this.kw(b === 'before' ? 'Before' : 'Latest')} ` : '';
  }

  /** A day: "ngày 30/06/2027"; in English "on 30/06/2027", or just the date after a word like "before". */
  day(d: DateValue, afterWord: boolean): string {
    if (this.lang === 'en') return afterWord ? this.date(d) : `${this.kw('On')} ${this.date(d)}`;
    return `${this.kw('Day')} ${this.date(d)}`;
  }

  /**
   * @param dropOn English drops "on" after "before" and "from … to" ("before 30/06") and keeps it after "at the
   *   latest"
   * @param bounded after "trước" / "chậm nhất"
   */
  deadlineCore(f: DeadlineForm, dropOn: boolean, bounded: boolean): string {
    switch (f.kind) {
      case 'date':
        return this.day(f.date, dropOn);
      case 'month': {
        const head = f.point ? this.kw(MONTH_POINT[f.point]) : this.kw('Month');
        return `${head} ${f.year === undefined ? f.month : `${f.month}/${f.year}`}`;
      }
      case 'yearPoint':
        return `${this.kw(YEAR_POINT[f.point])}${f.year === undefined ? '' : ` ${f.year}`}`;
      case 'quarter':
        return `${this.kw('Quarter')} ${ROMAN[f.quarter - 1] ?? f.quarter}${f.year === undefined ? '' : `/${f.year}`}`;
      case 'half':
        return this.kw(f.half === 1 ? 'FirstHalf' : 'SecondHalf');
      case 'recurring':
        return bounded ? this.boundRecurrence(f.recurrence) : this.recurrence(f.recurrence);
      case 'ongoing':
        return this.kw('Ongoing') + (f.review ? `, ${this.kw('Review')} ${this.recurrence(f.review)}` : '');
      case 'after':
        return `${this.duration(f.delay)} ${this.kw('After')} ${f.after.kind === 'task' ? `${this.kw('Task')} ${f.after.task.text}` : this.kw('Published')}`;
      case 'regulated':
        return this.kw('Regulated') + (f.regulation !== undefined ? ` ${quote(f.regulation)}` : '');
      case 'onReceipt':
        return f.within
          ? `${this.kw('NotMoreThan')} ${this.duration(f.within)} ${this.kw('FromReceipt')}`
          : this.kw('SameDay');
    }
  }

  /** After "trước" / "chậm nhất", the day first, as documents write it: "trước ngày 15 hằng tháng". */
  boundRecurrence(r: Recurrence): string {
    const en = this.lang === 'en';
    switch (r.kind) {
      case 'monthly':
        if (r.day === undefined) return this.recurrence(r);
        return en
          ? `${this.kw('Day')} ${r.day} of each month`
          : `${this.kw('Day')} ${r.day} ${this.kw('Monthly')}`;
      case 'quarterly':
        return `${this.kw('Day')} ${pad(r.day)} ${this.kw(r.month === 'first' ? 'FirstMonth' : 'LastMonth')}`;
      case 'yearly':
        return en
          ? `${pad(r.day)}/${pad(r.month)} annually`
          : `${this.kw('Day')} ${pad(r.day)}/${pad(r.month)} ${this.kw('Yearly')}`;
      default:
        return this.recurrence(r);
    }
  }

  deadline(d: Deadline): string {
    const f = d.form;
    let s: string;
    if (d.start) {
      const from = `${this.kw('From')} ${this.day(d.start, true)}`;
      if (f.kind === 'ongoing' && !f.review && !d.bound) s = from;
      else {
        const toWord = ['date', 'month', 'quarter', 'half', 'yearPoint'].includes(f.kind)
          ? ` ${this.kw('To')} `
          : ', ';
        s = `${from}${toWord}${this.bound(d.bound)}${this.deadlineCore(f, d.bound !== 'latest', d.bound !== undefined)}`;
      }
    } else s = this.bound(d.bound) + this.deadlineCore(f, d.bound === 'before', d.bound !== undefined);
    return s + this.time(d.time);
  }

  target(t: Target): string {
    const op = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' }[t.op];
    return `${op} ${this.number(t.value)}${t.percent ? '%' : ''}`;
  }

  push(indent: number, text: string, src: number): void {
    this.lines.push({ indent, text, src });
  }

  /** A property line; long lists are wrapped after a comma (the lexer joins such lines). */
  prop(indent: number, key: KeywordName, value: string | string[], src: number): void {
    const head = `${this.kw(key)}: `;
    if (typeof value === 'string') {
      this.push(indent, head + value, src);
      return;
    }
    const parts: string[] = [];
    let cur = head;
    value.forEach((v, i) => {
      const piece = v + (i < value.length - 1 ? ',' : '');
      if (cur !== head && indent * 2 + cur.length + piece.length + 1 > this.width) {
        parts.push(cur.trimEnd());
        cur = '';
      }
      cur += (cur === '' || cur === head ? '' : ' ') + piece;
    });
    parts.push(cur);
    parts.forEach((p, i) => this.push(i === 0 ? indent : indent + 2, p, src));
  }

  decl(indent: number, head: string, hasBody: boolean, src: number): void {
    this.push(indent, hasBody ? `${head}:` : head, src);
  }

  title(t: { value: string } | undefined): string {
    return t ? ` ${quote(t.value)}` : '';
  }

  task(t: Task, indent: number): void {
    const props: [KeywordName, string | string[] | undefined, number | undefined][] = [
      ['Lead', t.lead?.value.map((i) => this.item(i)), t.lead?.loc.range.start.line],
      ['Support', t.support?.value.map((i) => this.item(i)), t.support?.loc.range.start.line],
      [
        'Deadline',
        t.deadline ? this.deadline(t.deadline.value) : undefined,
        t.deadline?.loc.range.start.line,
      ],
      ['Output', t.output ? quote(t.output.value) : undefined, t.output?.loc.range.start.line],
      ['Criterion', t.criterion ? quote(t.criterion.value) : undefined, t.criterion?.loc.range.start.line],
      ['DependsOn', t.dependsOn?.value.map((i) => this.item(i)), t.dependsOn?.loc.range.start.line],
      ['Policy', t.policy?.value.text, t.policy?.loc.range.start.line],
      ['Note', t.note ? quote(t.note.value) : undefined, t.note?.loc.range.start.line],
    ];
    this.block(
      indent,
      `${this.kw('Task')} ${t.id.text}${this.title(t.title)}`,
      t.loc.range.start.line,
      props,
    );
  }

  block(
    indent: number,
    head: string,
    src: number,
    props: [KeywordName, string | string[] | undefined, number | undefined][],
    extra = false,
  ): void {
    const present = props.filter((p) => p[1] !== undefined);
    this.decl(indent, head, present.length > 0 || extra, src);
    for (const [key, value, line] of present) this.prop(indent + 1, key, value!, line ?? src);
  }

  topItem(item: TopItem): void {
    const L = (p: { loc: { range: { start: { line: number } } } } | undefined) => p?.loc.range.start.line;
    switch (item.kind) {
      case 'Include':
        this.push(0, `${this.kw('Include')} ${quote(item.path.value)}`, L(item)!);
        return;
      case 'Extends':
        this.push(0, `${this.kw('Extends')} ${quote(item.path.value)}`, L(item)!);
        return;
      case 'PlanHeader':
        this.block(0, `${this.kw(item.template ? 'Template' : 'Plan')}${this.title(item.title)}`, L(item)!, [
          ['Code', item.code ? quote(item.code.value) : undefined, L(item.code)],
          ['Issuer', item.issuer?.value.text, L(item.issuer)],
          [
            'Decision',
            item.decision
              ? `${quote(item.decision.value.number)} ${this.kw(this.lang === 'en' ? 'On' : 'Day')} ${this.date(item.decision.value.date)}`
              : undefined,
            L(item.decision),
          ],
          ['Published', item.published ? this.date(item.published.value) : undefined, L(item.published)],
          ['Year', item.year ? String(item.year.value) : undefined, L(item.year)],
          ['TimeZone', item.timeZone ? quote(item.timeZone.value) : undefined, L(item.timeZone)],
          ['Calendar', item.calendar ? quote(item.calendar.value) : undefined, L(item.calendar)],
          [
            'DeadlineDayIncluded',
            item.deadlineDayIncluded ? this.kw(item.deadlineDayIncluded.value ? 'Yes' : 'No') : undefined,
            L(item.deadlineDayIncluded),
          ],
          [
            'AwaitCoordinators',
            item.awaitCoordinators ? this.kw(item.awaitCoordinators.value ? 'Yes' : 'No') : undefined,
            L(item.awaitCoordinators),
          ],
          [
            'MonthlyDue',
            item.monthlyDue ? `${this.kw('Day')} ${item.monthlyDue.value}` : undefined,
            L(item.monthlyDue),
          ],
          ['Policy', item.policy?.value.text, L(item.policy)],
          ['Requires', item.requires?.value.map((n) => n.text), L(item.requires)],
        ]);
        return;
      case 'Unit':
        this.block(0, `${this.kw('Unit')} ${item.id.text}${this.title(item.title)}`, L(item)!, [
          ['Kind', item.unitKind ? word(item.unitKind.value) : undefined, L(item.unitKind)],
          ['Parent', item.parent?.value.text, L(item.parent)],
          [
            'Head',
            item.head
              ? item.head.value.kind === 'person'
                ? item.head.value.person.text
                : quote(item.head.value.text)
              : undefined,
            L(item.head),
          ],
          ['Email', item.email ? quote(item.email.value) : undefined, L(item.email)],
        ]);
        return;
      case 'Group':
        this.block(0, `${this.kw('Group')} ${item.id.text}${this.title(item.title)}`, L(item)!, [
          ['Members', item.members?.value.map((i) => this.item(i)), L(item.members)],
          ['Except', item.except?.value.map((i) => this.item(i)), L(item.except)],
        ]);
        return;
      case 'Person':
        this.block(0, `${this.kw('Person')} ${item.id.text}${this.title(item.title)}`, L(item)!, [
          [
            'Role',
            item.role
              ? this.kw((item.role.value.charAt(0).toUpperCase() + item.role.value.slice(1)) as KeywordName)
              : undefined,
            L(item.role),
          ],
          ['Unit', item.unit?.value.text, L(item.unit)],
          ['Email', item.email ? quote(item.email.value) : undefined, L(item.email)],
        ]);
        return;
      case 'Policy': {
        this.block(
          0,
          `${this.kw('Policy')} ${item.id.text}${this.title(item.title)}`,
          L(item)!,
          [
            [
              'Acknowledge',
              item.acknowledge ? this.duration(item.acknowledge.value) : undefined,
              L(item.acknowledge),
            ],
            [
              'Remind',
              item.reminders?.value.map(
                (r) =>
                  (r.when === 'on'
                    ? this.kw('OnTheDay')
                    : `${this.kw(r.when === 'before' ? 'Before' : 'After')} ${this.duration(r.offset!)}`) +
                  this.time(r.time),
              ),
              L(item.reminders),
            ],
          ],
          item.escalation !== undefined || item.digest !== undefined,
        );
        if (item.escalation) {
          this.push(1, `${this.kw('Escalate')}:`, L(item.escalation)!);
          for (const l of item.escalation.value) {
            this.push(
              2,
              `${this.kw('Level')} ${l.level} ${this.kw('After')} ${this.duration(l.after)}: ${l.recipients.map((r) => this.item(r)).join(', ')}`,
              l.loc.range.start.line,
            );
          }
        }
        if (item.digest) {
          this.prop(
            1,
            'Digest',
            this.recurrence(item.digest.value.recurrence) + this.time(item.digest.value.time),
            L(item.digest)!,
          );
        }
        return;
      }
      case 'Area': {
        this.block(
          0,
          `${this.kw('Area')} ${this.kw(AREA_KEYWORD[item.areaKind]!)}${this.title(item.title)}`,
          L(item)!,
          [['Policy', item.policy?.value.text, L(item.policy)]],
          item.tasks.length > 0,
        );
        item.tasks.forEach((t, i) => {
          if (i > 0 || item.policy) this.push(0, '', -1);
          this.task(t, 1);
        });
        return;
      }
      case 'Indicator':
        this.block(0, `${this.kw('Indicator')} ${item.id.text}${this.title(item.title)}`, L(item)!, [
          ['Measure', item.measure ? quote(item.measure.value) : undefined, L(item.measure)],
          ['Target', item.target ? this.target(item.target.value) : undefined, L(item.target)],
          [
            'Cadence',
            item.cadence
              ? this.recurrence(item.cadence.value.recurrence) + this.time(item.cadence.value.time)
              : undefined,
            L(item.cadence),
          ],
          ['ReportedBy', item.reportedBy?.value.map((i) => this.item(i)), L(item.reportedBy)],
        ]);
        return;
      case 'Report':
        this.block(0, `${this.kw('Report')} ${item.id.text}${this.title(item.title)}`, L(item)!, [
          ['Period', item.periods?.value.map((p) => this.kw(PERIOD_KEYWORD[p])).join(', '), L(item.periods)],
          ['CutOff', item.cutOff ? `${this.kw('Day')} ${item.cutOff.value}` : undefined, L(item.cutOff)],
          [
            'Due',
            item.due
              ? `${this.bound(item.due.value.bound)}${this.kw('Day')} ${item.due.value.day} ${this.kw(item.due.value.month === 'next' ? 'NextMonth' : 'PeriodLastMonth')}`
              : undefined,
            L(item.due),
          ],
          ['Recipients', item.recipients?.value.map((i) => this.item(i)), L(item.recipients)],
          ['PreparedBy', item.preparedBy?.value.text, L(item.preparedBy)],
        ]);
        return;
    }
  }
}

/** Prints an AST. Comments are placed before the first printed line that comes after them in the source. */
export function printPlan(ast: PlanFile, options: FormatOptions = {}): string {
  const printer = new Printer(options.lang ?? 'vi', options.width ?? 100);
  ast.items.forEach((item, i) => {
    if (i > 0) printer.push(0, '', -1);
    printer.topItem(item);
  });
  const comments = [...ast.comments].sort((a, b) => a.line - b.line || a.column - b.column);
  const trailing = new Map(comments.filter((c) => c.trailing).map((c) => [c.line, c]));
  const done = new Set<(typeof comments)[number]>();
  let next = 0;
  const out: string[] = [];
  const lines = printer.lines;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.src < 0) {
      out.push('');
      continue;
    }
    // the indentation of the next real line, for comments placed before it
    while (next < comments.length && comments[next]!.line < line.src) {
      const c = comments[next++]!;
      if (done.has(c)) continue;
      done.add(c);
      out.push(INDENT.repeat(line.indent) + c.text.trimEnd());
    }
    let text = INDENT.repeat(line.indent) + line.text;
    const t = trailing.get(line.src);
    const isLastOfSrc = lines[li + 1]?.src !== line.src;
    if (t && !done.has(t) && isLastOfSrc) {
      done.add(t);
      text += ` ${t.text.trimEnd()}`;
    }
    out.push(text);
  }
  for (const c of comments) if (!done.has(c)) out.push(c.text.trimEnd());
  return `${out.join('\n')}\n`;
}

/**
 * Formats one plan file. Idempotent, keeps comments, and with `lang` rewrites every keyword into one
 * language. A file with lexing or syntax errors is returned unchanged with its diagnostics.
 */
export function formatPlan(text: string, options: FormatOptions = {}, path = '<input>'): FormatResult {
  const parsed = parseFile(text, path);
  const blocking = parsed.diagnostics.filter((d) => d.code.startsWith('DD1') || d.code.startsWith('DD2'));
  if (blocking.length > 0) return { text, ok: false, diagnostics: parsed.diagnostics };
  return { text: printPlan(parsed.ast, options), ok: true, diagnostics: parsed.diagnostics };
}

export { isKeywordWord };
