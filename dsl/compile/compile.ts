// Compiles a checked plan model into the plan IR: every assignment (unit × task × occurrence) with the absolute
// instants of its start, acknowledgement window, reminders, deadline and escalation steps. Deterministic: the
// same model gives the same bytes (declaration order is kept, nothing depends on the clock).
import type {
  Deadline,
  Duration,
  Item,
  Loc,
  PeriodKind,
  Policy,
  Recurrence,
  Task,
  TimeOfDay,
  Unit,
} from '../ast/nodes.js';
import { addWorkingDays, buildCalendar, planYearWindow, type WorkingCalendar } from '../calendar/calendar.js';
import {
  addDays,
  daysInMonth,
  formatLocalDate,
  parseLocalDate,
  weekday,
  type LocalDate,
} from '../calendar/local-date.js';
import { endOfLocalDay, localDateTimeToInstant } from '../calendar/local-time.js';
import { workingCalendarOf } from '../check/calendar.js';
import { boundBefore, startDay, writtenDay } from '../check/dates.js';
import { effectivePolicy, leadUnits, unitsOfName, type PlanModel } from '../check/model.js';
import { planCodeOf } from '../check/plan-code.js';
import {
  IR_VERSION,
  type IrAssignment,
  type IrDigest,
  type IrDuration,
  type IrPolicy,
  type IrRecipient,
  type IrRecurrence,
  type IrReport,
  type PlanIR,
  type SourceRef,
} from '../ir/schema.js';
import { DEFAULT_NOTIFY_TIME, scheduleEscalations, scheduleReminders } from '../ir/schedule.js';
import { hashIr } from './hash.js';

export { DEFAULT_NOTIFY_TIME };

export interface CompileOptions {
  /** Overrides the plan's code (the prefix of every assignment id). */
  planCode?: string;
  /** The publication day; defaults to the header's publication date, else the decision date, else 1 January. */
  publishedOn?: LocalDate;
}

export class CompileError extends Error {}

const AREA_CODES: Record<string, string> = {
  direction: 'direction',
  institutions: 'institutions',
  procedures: 'procedures',
  apparatus: 'apparatus',
  civilService: 'civil_service',
  publicFinance: 'public_finance',
  digitalGovernment: 'digital_government',
  communication: 'communication',
  inspection: 'inspection',
};

const CADENCE_RANK: Record<IrRecurrence['kind'], number> = {
  dailyWorking: 0,
  weekly: 1,
  monthly: 2,
  quarterly: 3,
  periodEnd: 4,
  yearly: 5,
};

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function time(t: TimeOfDay | undefined, fallback = DEFAULT_NOTIFY_TIME): string {
  if (!t) return fallback;
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

function clampDay(year: number, month: number, day: number): LocalDate {
  return formatLocalDate(year, month, Math.min(day, daysInMonth(year, month)));
}

function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

interface Occurrence {
  occurrence: string;
  /** The day written in the plan (before "before day X" and day-off adjustments). */
  written: LocalDate;
  /** Whether the written day is a "before day X" bound (subject to the plan's inclusion setting). */
  bound: boolean;
  periodStart: LocalDate;
  kind: 'deadline' | 'ongoing';
  checkIns?: LocalDate[];
}

/** The dates a recurrence falls on within one year, with their occurrence labels and period starts. */
export function recurrenceDates(
  r: Recurrence | IrRecurrence,
  year: number,
  calendar: WorkingCalendar,
  monthlyDue = DEFAULT_MONTHLY_DUE,
): Occurrence[] {
  const out: Occurrence[] = [];
  const push = (occurrence: string, written: LocalDate, periodStart: LocalDate) =>
    out.push({ occurrence, written, bound: true, periodStart, kind: 'deadline' });
  switch (r.kind) {
    case 'dailyWorking':
      for (let d = formatLocalDate(year, 1, 1); d <= formatLocalDate(year, 12, 31); d = addDays(d, 1)) {
        if (calendar.isWorkingDay(d))
          out.push({ occurrence: d, written: d, bound: false, periodStart: d, kind: 'deadline' });
      }
      break;
    case 'weekly': {
      const target = WEEKDAYS.indexOf(r.weekday);
      let d = formatLocalDate(year, 1, 1);
      while (weekday(d) !== target) d = addDays(d, 1);
      for (; d <= formatLocalDate(year, 12, 31); d = addDays(d, 7)) {
        out.push({ occurrence: d, written: d, bound: false, periodStart: addDays(d, -6), kind: 'deadline' });
      }
      break;
    }
    case 'monthly':
      for (let m = 1; m <= 12; m++)
        push(
          `${year}-${String(m).padStart(2, '0')}`,
          clampDay(year, m, r.day ?? monthlyDue),
          formatLocalDate(year, m, 1),
        );
      break;
    case 'quarterly':
      for (let q = 1; q <= 4; q++) {
        const month = r.month === 'first' ? 3 * q - 2 : 3 * q;
        push(`${year}-Q${q}`, clampDay(year, month, r.day), formatLocalDate(year, 3 * q - 2, 1));
      }
      break;
    case 'yearly':
      push(`${year}`, clampDay(year, r.month, r.day), formatLocalDate(year, 1, 1));
      break;
    case 'periodEnd':
      for (const p of reportPeriods(r.periods, year))
        push(p.label, clampDay(year, p.lastMonth, r.day), p.start);
      break;
  }
  return out;
}

interface OccurrenceContext {
  year: number;
  publishedOn: LocalDate;
  calendar: WorkingCalendar;
  monthlyDue: number;
  /** The latest due day of another task (for "N days after task X"). */
  afterTask: (id: string) => LocalDate;
}

/**
 * The occurrences one deadline gives in the plan year: the day each is written for, whether the header's
 * `tính cả ngày hạn` applies to it (only after "trước"), and when each period starts. A window's start
 * ("từ ngày …") starts every occurrence and drops those written before it.
 */
export function deadlineOccurrences(deadline: Deadline, ctx: OccurrenceContext): Occurrence[] {
  const { year, publishedOn, calendar } = ctx;
  const form = deadline.form;
  const bound = boundBefore(deadline);
  const start = startDay(deadline, year);
  const notBefore = start && start > publishedOn ? start : publishedOn;
  const periodStart = start ?? publishedOn;
  const yearEnd = formatLocalDate(year, 12, 31);
  const single = (written: LocalDate | undefined, kind: Occurrence['kind'] = 'deadline'): Occurrence[] => {
    if (written === undefined) throw new CompileError(`impossible date in ${describeDeadline(deadline)}`);
    return [{ occurrence: '', written, bound, periodStart, kind }];
  };
  switch (form.kind) {
    case 'date':
    case 'month':
    case 'quarter':
    case 'half':
    case 'yearPoint':
      return single(writtenDay(form, year, notBefore));
    case 'recurring': {
      const all = recurrenceDates(form.recurrence, year, calendar, ctx.monthlyDue);
      for (const o of all) o.bound = bound;
      if (!start) return all;
      return all
        .filter((o) => o.written >= start)
        .map((o) => (o.periodStart < start ? { ...o, periodStart: start } : o));
    }
    case 'ongoing':
      return [
        {
          occurrence: '',
          written: yearEnd,
          bound: false,
          periodStart,
          kind: 'ongoing',
          checkIns: form.review
            ? recurrenceDates(form.review, year, calendar, ctx.monthlyDue)
                .filter((o) => !start || o.written >= start)
                .map((o) => calendar.moveToWorkingDay(o.written))
            : [],
        },
      ];
    // Tracked through the year without a date of their own: another regulation sets it, or each receipt does.
    case 'regulated':
    case 'onReceipt':
      return [{ occurrence: '', written: yearEnd, bound: false, periodStart, kind: 'ongoing', checkIns: [] }];
    case 'after': {
      const base = form.after.kind === 'publication' ? publishedOn : ctx.afterTask(form.after.task.text);
      const written =
        form.delay.unit === 'workingDay'
          ? addWorkingDays(base, form.delay.amount, calendar)
          : addDays(base, form.delay.amount);
      return [{ occurrence: '', written, bound: false, periodStart, kind: 'deadline' }];
    }
  }
}

interface Period {
  label: string;
  start: LocalDate;
  lastMonth: number;
}

const PERIOD_LENGTH: Record<PeriodKind, number> = { month: 1, quarter: 3, halfYear: 6, year: 12 };

/**
 * The periods a report scheme has in one year, in order. Guidance 581/BNV-CCHC: where periods of several lengths
 * end with the same month, the longest one's report replaces the others ("quý, 6 tháng, năm" is four reports:
 * quý I, 6 tháng, quý III, năm — not seven).
 */
export function reportPeriods(kinds: readonly PeriodKind[], year: number): Period[] {
  const byLastMonth = new Map<number, { period: Period; length: number }>();
  for (const kind of kinds) {
    for (const p of periodsOf(kind, year)) {
      const current = byLastMonth.get(p.lastMonth);
      if (!current || PERIOD_LENGTH[kind] > current.length)
        byLastMonth.set(p.lastMonth, { period: p, length: PERIOD_LENGTH[kind] });
    }
  }
  return [...byLastMonth.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v.period);
}

function periodsOf(kind: PeriodKind, year: number): Period[] {
  switch (kind) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({
        label: `${year}-${String(i + 1).padStart(2, '0')}`,
        start: formatLocalDate(year, i + 1, 1),
        lastMonth: i + 1,
      }));
    case 'quarter':
      return [1, 2, 3, 4].map((q) => ({
        label: `${year}-Q${q}`,
        start: formatLocalDate(year, 3 * q - 2, 1),
        lastMonth: 3 * q,
      }));
    case 'halfYear':
      return [1, 2].map((h) => ({
        label: `${year}-H${h}`,
        start: formatLocalDate(year, 6 * h - 5, 1),
        lastMonth: 6 * h,
      }));
    case 'year':
      return [{ label: `${year}`, start: formatLocalDate(year, 1, 1), lastMonth: 12 }];
  }
}

function toDuration(d: Duration): IrDuration {
  return { amount: d.amount, unit: d.unit };
}

/** "định kỳ hằng tháng" without a day and without `hạn hằng tháng` in the header: the month's last day (31 is
 *  clamped to it), as "tháng 6" is the end of June. */
export const DEFAULT_MONTHLY_DUE = 31;

function withoutLoc(r: Recurrence): Omit<Recurrence, 'loc'> {
  const { loc: _loc, ...rest } = r;
  return rest;
}

function toRecurrence(r: Recurrence, monthlyDue = DEFAULT_MONTHLY_DUE): IrRecurrence {
  const { loc: _loc, ...rest } = r;
  if (rest.kind === 'monthly' && rest.day === undefined) return { kind: 'monthly', day: monthlyDue };
  return rest as IrRecurrence;
}

function itemLabel(item: Item): string {
  switch (item.kind) {
    case 'name':
      return item.name.text;
    case 'ofKind':
      return `kind:${item.unitKind}`;
    case 'under':
      return `under:${item.parent.text}`;
    case 'role':
      return `role:${item.role}`;
  }
}

/** What every step of compiling reads: the plan's year, publication day, working calendar and naming. */
interface CompileContext {
  model: PlanModel;
  header: PlanModel['header'] & { year: number; issuer: NonNullable<PlanModel['header']['issuer']> };
  year: number;
  publishedOn: LocalDate;
  calendar: WorkingCalendar;
  monthlyDue: number;
  planCode: string;
  issuerUnit: Unit | undefined;
  /** Where an item was written, relative to the entry file's folder. */
  source: (loc: Loc) => SourceRef;
  dateOf: (d: { day: number; month: number; year?: number }) => LocalDate;
}

type RecipientsOf = (items: Item[], unitCode: string) => IrRecipient[];

/** Step 1: the year, the publication day (relative deadlines count from it), the calendar and the plan's code. */
function compileContext(model: PlanModel, options: CompileOptions): CompileContext {
  const header = model.header;
  if (header.year === undefined) throw new CompileError('the plan has no year');
  if (!header.issuer) throw new CompileError('the plan has no issuer');
  const year = header.year;
  const entryDir = model.entry.includes('/') ? model.entry.slice(0, model.entry.lastIndexOf('/') + 1) : '';
  const dateOf = (d: { day: number; month: number; year?: number }) =>
    formatLocalDate(d.year ?? year, d.month, d.day);
  const publishedOn =
    options.publishedOn ??
    (header.published
      ? dateOf(header.published)
      : header.decision
        ? dateOf(header.decision.date)
        : formatLocalDate(year, 1, 1));
  return {
    model,
    header: header as CompileContext['header'],
    year,
    publishedOn,
    calendar: workingCalendarOf(model),
    monthlyDue: header.monthlyDue ?? DEFAULT_MONTHLY_DUE,
    planCode: options.planCode ?? planCodeOf(header, year),
    issuerUnit: model.units.get(header.issuer.text),
    // Keys in sorted order here and in the assignments' objects: the hash's canonical JSON then shares them
    // instead of copying them (dsl/ir/canonical.ts).
    source: (loc) => ({
      column: loc.range.start.column,
      file: loc.file.startsWith(entryDir) ? loc.file.slice(entryDir.length) : loc.file,
      line: loc.range.start.line,
    }),
    dateOf,
  };
}

/** Step 2: who a list of recipients (people, units, groups, roles) means for one assigned unit. */
function recipientResolver(model: PlanModel): RecipientsOf {
  // Keys in sorted order (see compileContext's `source`).
  const unitRecipient = (u: Unit): IrRecipient => ({
    ...(u.email ? { email: u.email.value } : {}),
    id: u.id.text,
    kind: 'unit',
    name: u.title?.value ?? u.id.text,
  });
  const personRecipient = (id: string): IrRecipient | undefined => {
    const p = model.persons.get(id);
    if (!p) return undefined;
    return {
      ...(p.email ? { email: p.email.value } : {}),
      id,
      kind: 'person',
      name: p.title?.value ?? id,
      ...(p.role ? { role: p.role.value } : {}),
    };
  };
  const ancestors = (unitCode: string): string[] => {
    const chain: string[] = [];
    for (
      let u = model.units.get(unitCode);
      u && chain.length < 50;
      u = u.parent ? model.units.get(u.parent.value.text) : undefined
    ) {
      chain.push(u.id.text);
    }
    return chain;
  };
  const unitHead = (unitCode: string): IrRecipient | undefined => {
    const u = model.units.get(unitCode);
    if (!u) return undefined;
    const head = u.head?.value;
    if (head?.kind === 'person') return personRecipient(head.person.text);
    if (head?.kind === 'text')
      return {
        ...(u.email ? { email: u.email.value } : {}),
        id: u.id.text,
        kind: 'unit',
        name: head.text,
        role: 'head',
      };
    return unitRecipient(u);
  };
  const byRole = (role: 'chair' | 'viceChair', unitCode: string): IrRecipient[] => {
    const all = [...model.persons.values()].filter((p) => p.role?.value === role);
    const chain = new Set(ancestors(unitCode));
    const near = all.filter((p) => p.unit && chain.has(p.unit.value.text));
    return (near.length ? near : all).map((p) => personRecipient(p.id.text)!);
  };
  const recipientsOf = (items: Item[], unitCode: string): IrRecipient[] => {
    const out = new Map<string, IrRecipient>();
    const add = (r: IrRecipient | undefined) =>
      r && !out.has(`${r.kind}:${r.id}`) && out.set(`${r.kind}:${r.id}`, r);
    for (const item of items) {
      switch (item.kind) {
        case 'role':
          if (item.role === 'unitHead') add(unitHead(unitCode));
          else if (item.role === 'parent') {
            const parent = model.units.get(unitCode)?.parent?.value.text;
            const pu = parent ? model.units.get(parent) : undefined;
            if (pu) add(unitRecipient(pu));
          } else byRole(item.role, unitCode).forEach(add);
          break;
        case 'name':
          if (model.persons.has(item.name.text)) add(personRecipient(item.name.text));
          else
            for (const code of unitsOfName(model, item.name.text)) add(unitRecipient(model.units.get(code)!));
          break;
        case 'ofKind':
          for (const u of model.units.values())
            if (u.unitKind?.value === item.unitKind) add(unitRecipient(u));
          break;
        case 'under':
          for (const u of model.units.values())
            if (u.parent?.value.text === item.parent.text) add(unitRecipient(u));
          break;
      }
    }
    return [...out.values()];
  };
  return recipientsOf;
}

/** Applies "trước ngày X" (the header's setting) and day-off moves (Civil Code art. 148) to a written day. */
function dueDay(ctx: CompileContext, written: LocalDate, bound: boolean) {
  const d = bound && !ctx.header.deadlineDayIncluded ? addDays(written, -1) : written;
  const moved = ctx.calendar.moveToWorkingDay(d);
  return { dueDate: moved, movedFrom: moved !== d ? d : undefined };
}

/** Step 3: the occurrences of every task's deadline, "N days after task X" following X's last due day. */
function taskOccurrences(ctx: CompileContext): (task: Task) => Occurrence[] {
  const { model, year, publishedOn, calendar, monthlyDue } = ctx;
  const occurrenceCache = new Map<string, Occurrence[]>();
  const visiting = new Set<string>();
  const occurrencesOf = (task: Task): Occurrence[] => {
    const cached = occurrenceCache.get(task.id.text);
    if (cached) return cached;
    if (visiting.has(task.id.text)) throw new CompileError(`dependency cycle through task ${task.id.text}`);
    visiting.add(task.id.text);
    const deadline = task.deadline?.value;
    if (!deadline) throw new CompileError(`task ${task.id.text} has no deadline`);
    const result = deadlineOccurrences(deadline, {
      year,
      publishedOn,
      calendar,
      monthlyDue,
      afterTask: (id) => {
        const other = model.tasks.get(id)?.task;
        if (!other) throw new CompileError(`task ${task.id.text} follows unknown task ${id}`);
        return occurrencesOf(other)
          .map((o) => dueDay(ctx, o.written, o.bound).dueDate)
          .reduce((a, b) => (a > b ? a : b), publishedOn);
      },
    });
    visiting.delete(task.id.text);
    occurrenceCache.set(task.id.text, result);
    return result;
  };
  return occurrencesOf;
}

/** Step 4: the policies as written. */
function compilePolicies(ctx: CompileContext): IrPolicy[] {
  const { model, source, monthlyDue } = ctx;
  return [...model.policies.values()].map((p) => ({
    id: p.id.text,
    ...(p.title ? { title: p.title.value } : {}),
    ...(p.acknowledge ? { acknowledgeWithin: toDuration(p.acknowledge.value) } : {}),
    reminders: (p.reminders?.value ?? []).map((r) => ({
      when: r.when,
      ...(r.offset ? { offset: toDuration(r.offset) } : {}),
      ...(r.time ? { time: time(r.time) } : {}),
    })),
    escalation: (p.escalation?.value ?? []).map((e) => ({
      level: e.level,
      after: toDuration(e.after),
      recipients: e.recipients.map(itemLabel),
    })),
    ...(p.digest?.value
      ? {
          digest: {
            recurrence: toRecurrence(p.digest.value.recurrence, monthlyDue),
            time: time(p.digest.value.time),
          },
        }
      : {}),
    source: source(p.id.loc),
  }));
}

const unitsOfItems = (model: PlanModel, items: Item[] | undefined) =>
  (items ?? []).flatMap((i) => (i.kind === 'name' ? unitsOfName(model, i.name.text) : []));

type DigestRecipients = Map<string, { policy: Policy; recipient: IrRecipient }>;

/**
 * Step 5: every assignment (unit × task × occurrence) with its start, acknowledgement window, reminders, deadline
 * and escalation steps; records who escalation reaches, for the digests.
 */
function compileAssignments(
  ctx: CompileContext,
  recipientsOf: RecipientsOf,
  occurrencesOf: (task: Task) => Occurrence[],
): { assignments: IrAssignment[]; digestRecipients: DigestRecipients } {
  const { model, publishedOn, calendar, planCode, source } = ctx;
  const assignments: IrAssignment[] = [];
  const digestRecipients: DigestRecipients = new Map();
  const adjust = (written: LocalDate, bound: boolean) => dueDay(ctx, written, bound);
  const dueInstant = (dueDate: LocalDate, deadline: Deadline | undefined) =>
    deadline?.time ? localDateTimeToInstant(dueDate, time(deadline.time)) : endOfLocalDay(dueDate);
  const shift = (date: LocalDate, d: Duration | IrDuration) =>
    d.unit === 'workingDay' ? addWorkingDays(date, d.amount, calendar) : addDays(date, d.amount);

  // Thousands of assignments share a few hundred deadlines, one start and a few policies: the calendar work of a
  // schedule is done once per distinct (policy, deadline, start) and per (policy, level, unit), and each
  // assignment gets its own copy of the result, as if computed for it alone. Caches are two-level maps with
  // keys that are already strings (a key built per lookup would cost more than the lookup saves).
  type Cache<T> = Map<string, Map<string, T>>;
  const level = <T>(cache: Cache<T>, outer: string): Map<string, T> => {
    let inner = cache.get(outer);
    if (!inner) {
      inner = new Map<string, T>();
      cache.set(outer, inner);
    }
    return inner;
  };
  const memo = <T>(cache: Map<string, T>, key: string, compute: () => T): T => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute();
      cache.set(key, value);
    }
    return value;
  };
  const adjustedBound = new Map<LocalDate, ReturnType<typeof adjust>>();
  const adjustedFree = new Map<LocalDate, ReturnType<typeof adjust>>();
  const dueInstants: Cache<string> = new Map();
  const startInstants = new Map<LocalDate, string>();
  const reminderCache: Cache<Cache<IrAssignment['reminders']>> = new Map();
  const ladderCache: Cache<Map<string, { level: number; at: string }[]>> = new Map();
  const recipientCache: Cache<IrRecipient[][]> = new Map();
  const ackCache: Cache<string> = new Map();
  const copyRecipient = (r: IrRecipient): IrRecipient => ({ ...r });
  const startInstant = (d: LocalDate) =>
    memo(startInstants, d, () => localDateTimeToInstant(d, DEFAULT_NOTIFY_TIME));

  for (const { task } of model.tasks.values()) {
    const policy = effectivePolicy(model, task);
    const policyKey = policy ? policy.id.text : '';
    const deadline = task.deadline?.value;
    const dueTime = deadline?.time ? time(deadline.time) : '';
    const coordinators = unitsOfItems(model, task.support?.value);
    const ack = policy?.acknowledge?.value;
    const reminderRules = (policy?.reminders?.value ?? []).map((r) => ({
      when: r.when,
      ...(r.offset ? { offset: r.offset } : {}),
      ...(r.time ? { time: time(r.time) } : {}),
    }));
    const taskDueInstants = level(dueInstants, dueTime);
    const taskAcks = level(ackCache, policyKey);
    for (const unit of leadUnits(model, task)) {
      for (const occ of occurrencesOf(task)) {
        const { dueDate, movedFrom } = memo(occ.bound ? adjustedBound : adjustedFree, occ.written, () =>
          adjust(occ.written, occ.bound),
        );
        if (dueDate < publishedOn) continue; // an occurrence already past at publication is not assigned
        const dueAt = memo(taskDueInstants, dueDate, () => dueInstant(dueDate, deadline));
        const startsOn = maxDate(occ.periodStart, publishedOn);
        const startsAt = startInstant(startsOn);
        const due = { date: dueDate, at: dueAt };
        // An ongoing task has periodic check-ins instead of a deadline: no countdown, no ladder.
        const ongoing = occ.kind === 'ongoing';
        const policyOf = ongoing ? `${policyKey}|ongoing` : policyKey;
        // Keyed by date and instant: a deadline at 00:00 of one day and one at 24:00 of the day before are one
        // instant on different dates.
        const reminders = memo(level(level(level(reminderCache, policyOf), dueDate), dueAt), startsAt, () =>
          scheduleReminders(calendar, due, startsAt, ongoing ? [] : reminderRules),
        ).map((r) => ({ at: r.at, label: r.label, when: r.when }));
        const ladder = ongoing ? [] : (policy?.escalation?.value ?? []);
        const levels = memo(level(recipientCache, policyOf), unit, () =>
          ladder.map(() => [] as IrRecipient[]),
        );
        const escalations = memo(level(level(ladderCache, policyOf), dueDate), dueAt, () =>
          scheduleEscalations(calendar, due, ladder),
        ).map((step, i) => {
          if (levels[i]!.length === 0) {
            const computed = recipientsOf(ladder[i]!.recipients, unit);
            if (policy?.digest)
              for (const r of computed)
                digestRecipients.set(`${policy.id.text}|${r.kind}:${r.id}`, { policy, recipient: r });
            levels[i] = computed;
          }
          return { at: step.at, level: step.level, recipients: levels[i]!.map(copyRecipient) };
        });
        // One literal with every key, in sorted order: the object is created with its final shape (its fields in the
        // object itself), and its JSON.stringify is already canonical (see PRESORTED). An optional field that does
        // not apply is undefined, which JSON (and so the hash, the IR stored and sent) leaves out.
        const a: IrAssignment = {
          acknowledgeBy: ack
            ? memo(taskAcks, startsOn, () => endOfLocalDay(shift(startsOn, ack)))
            : undefined,
          checkIns: (occ.checkIns ?? []).filter((d) => d >= startsOn).map(startInstant),
          coordinators,
          dueAt,
          dueDate,
          escalations,
          id: `${planCode}/${task.id.text}/${unit}${occ.occurrence ? `/${occ.occurrence}` : ''}`,
          kind: occ.kind,
          movedFrom,
          occurrence: occ.occurrence,
          policy: policy?.id.text,
          reminders,
          source: source(task.id.loc),
          startsAt,
          startsOn,
          taskId: task.id.text,
          unit,
        };
        assignments.push(a);
      }
    }
  }
  return { assignments, digestRecipients };
}

/** Step 6: one digest per recipient (a chairperson reads one mail, not one per policy): the most frequent cadence wins. */
function compileDigests(ctx: CompileContext, digestRecipients: DigestRecipients): IrDigest[] {
  const { year, publishedOn, calendar, monthlyDue } = ctx;
  const digestByRecipient = new Map<string, IrDigest>();
  for (const { policy, recipient } of digestRecipients.values()) {
    const recurrence = toRecurrence(policy.digest!.value.recurrence, monthlyDue);
    const at = time(policy.digest!.value.time);
    const candidate: IrDigest = {
      recipient,
      recurrence,
      time: at,
      occurrences: recurrenceDates(recurrence, year, calendar)
        .filter((o) => o.written >= publishedOn)
        .map((o) => localDateTimeToInstant(o.written, at)),
    };
    const key = `${recipient.kind}:${recipient.id}`;
    const current = digestByRecipient.get(key);
    if (!current || CADENCE_RANK[candidate.recurrence.kind] < CADENCE_RANK[current.recurrence.kind]) {
      digestByRecipient.set(key, candidate);
    }
  }
  return [...digestByRecipient.values()];
}

/** Step 7: each report's periods (581/BNV-CCHC: one report per period end), data windows and due instants. */
function compileReports(ctx: CompileContext, recipientsOf: RecipientsOf): IrReport[] {
  const { model, header, year, calendar, issuerUnit, source } = ctx;
  return [...model.reports.values()].map((r) => {
    const cutOff = r.cutOff?.value ?? 14;
    const due = r.due?.value ?? { day: 20, month: 'periodLast' as const };
    const occurrences = reportPeriods(r.periods?.value ?? [], year).map((p) => {
      const { year: sy, month: sm } = parseLocalDate(p.start);
      const [py, pm] = sm === 1 ? [sy - 1, 12] : [sy, sm - 1];
      const windowFrom = addDays(clampDay(py, pm, cutOff), 1);
      const windowTo = clampDay(year, p.lastMonth, cutOff);
      const [dy, dm] =
        due.month === 'next'
          ? p.lastMonth === 12
            ? [year + 1, 1]
            : [year, p.lastMonth + 1]
          : [year, p.lastMonth];
      const written = clampDay(dy, dm, due.day);
      // "trước ngày 20" follows the header's `tính cả ngày hạn`; "chậm nhất ngày 20" and a bare day allow the 20th.
      const last = due.bound === 'before' && !header.deadlineDayIncluded ? addDays(written, -1) : written;
      return {
        period: p.label,
        windowFrom,
        windowTo,
        cutOffAt: endOfLocalDay(windowTo),
        dueAt: endOfLocalDay(calendar.moveToWorkingDay(last)),
      };
    });
    occurrences.sort((a, b) =>
      a.cutOffAt < b.cutOffAt ? -1 : a.cutOffAt > b.cutOffAt ? 1 : a.period < b.period ? -1 : 1,
    );
    return {
      id: r.id.text,
      title: r.title?.value ?? r.id.text,
      recipients: recipientsOf(r.recipients?.value ?? [], issuerUnit?.id.text ?? header.issuer!.text),
      ...(r.preparedBy ? { preparedBy: r.preparedBy.value.text } : {}),
      occurrences,
      source: source(r.id.loc),
    };
  });
}

/** Step 8: the plan's identity and settings. */
function compileHeader(ctx: CompileContext): PlanIR['plan'] {
  const { header, planCode, issuerUnit, year, publishedOn, source, dateOf } = ctx;
  return {
    code: planCode,
    title: header.title ?? planCode,
    issuer: { code: header.issuer.text, name: issuerUnit?.title?.value ?? header.issuer.text },
    ...(header.decision
      ? { decision: { number: header.decision.number, date: dateOf(header.decision.date) } }
      : {}),
    year,
    publishedOn,
    timeZone: 'Asia/Ho_Chi_Minh',
    deadlineDayIncluded: header.deadlineDayIncluded,
    // Only when the header writes it, so that plans without the setting keep their IR and hash.
    ...(header.awaitCoordinators !== undefined ? { coordinatorsMustReport: header.awaitCoordinators } : {}),
    source: source(header.node?.loc ?? header.issuer.loc),
  };
}

/** Step 9: the working calendar the workflows count days with, from before publication to past the year's end. */
function compileCalendar(ctx: CompileContext): PlanIR['calendar'] {
  const window = planYearWindow(ctx.year);
  const serialized = buildCalendar({
    from: minDate(window.from, addDays(ctx.publishedOn, -31)),
    to: window.to,
    overrides: ctx.model.calendarOverrides,
  });
  return {
    version: serialized.version,
    timeZone: serialized.timeZone,
    utcOffset: serialized.utcOffset,
    from: serialized.from,
    to: serialized.to,
    nonWorking: [...serialized.nonWorking],
    ...(serialized.workingSaturdays ? { workingSaturdays: [...serialized.workingSaturdays] } : {}),
  };
}

/** Step 10: units, people, tasks and indicators as written, with names resolved. */
function compileUnits(ctx: CompileContext): PlanIR['units'] {
  const { model, source } = ctx;
  return [...model.units.values()].map((u) => {
    const head = u.head?.value;
    const headPerson = head?.kind === 'person' ? model.persons.get(head.person.text) : undefined;
    return {
      code: u.id.text,
      name: u.title?.value ?? u.id.text,
      kind: u.unitKind?.value ?? '',
      ...(u.parent ? { parent: u.parent.value.text } : {}),
      ...(u.email ? { email: u.email.value } : {}),
      ...(head?.kind === 'text' ? { head: { name: head.text } } : {}),
      ...(head?.kind === 'person'
        ? {
            head: {
              name: headPerson?.title?.value ?? head.person.text,
              person: head.person.text,
              ...(headPerson?.email ? { email: headPerson.email.value } : {}),
            },
          }
        : {}),
      source: source(u.id.loc),
    };
  });
}

function compilePeople(ctx: CompileContext): PlanIR['people'] {
  const { model, source } = ctx;
  return [...model.persons.values()].map((p) => ({
    id: p.id.text,
    name: p.title?.value ?? p.id.text,
    ...(p.role ? { role: p.role.value } : {}),
    ...(p.unit ? { unit: p.unit.value.text } : {}),
    ...(p.email ? { email: p.email.value } : {}),
    source: source(p.id.loc),
  }));
}

function compileTasks(ctx: CompileContext): PlanIR['tasks'] {
  const { model, source } = ctx;
  // Keys in sorted order, optional ones included when present (see PRESORTED).
  return [...model.tasks.values()].map(({ task, area }) => {
    const t = {} as PlanIR['tasks'][number];
    t.area = AREA_CODES[area.areaKind] ?? area.areaKind;
    t.coordinators = unitsOfItems(model, task.support?.value);
    if (task.criterion) t.criterion = task.criterion.value;
    t.deadline = task.deadline ? describeDeadline(task.deadline.value) : '';
    t.dependsOn = (task.dependsOn?.value ?? []).map(itemLabel);
    t.id = task.id.text;
    t.lead = leadUnits(model, task);
    if (task.note) t.note = task.note.value;
    if (task.output) t.output = task.output.value;
    const policy = effectivePolicy(model, task);
    if (policy) t.policy = policy.id.text;
    const form = task.deadline?.value.form;
    if (form?.kind === 'regulated')
      t.regulated = form.regulation !== undefined ? { regulation: form.regulation } : {};
    if (form?.kind === 'onReceipt')
      t.serviceLevel = form.within ? toDuration(form.within) : { amount: 0, unit: 'day' };
    t.source = source(task.id.loc);
    t.title = task.title?.value ?? task.id.text;
    return t;
  });
}

function compileIndicators(ctx: CompileContext): PlanIR['indicators'] {
  const { model, source, monthlyDue } = ctx;
  return [...model.indicators.values()].map((i) => ({
    id: i.id.text,
    title: i.title?.value ?? i.id.text,
    ...(i.measure ? { measure: i.measure.value } : {}),
    ...(i.target ? { target: i.target.value } : {}),
    ...(i.cadence
      ? {
          cadence: {
            recurrence: toRecurrence(i.cadence.value.recurrence, monthlyDue),
            ...(i.cadence.value.time ? { time: time(i.cadence.value.time) } : {}),
          },
        }
      : {}),
    reportedBy: unitsOfItems(model, i.reportedBy?.value),
    source: source(i.id.loc),
  }));
}

/** The IR's lists whose objects compileAssignments and compileTasks build with their keys in sorted order. */
const PRESORTED: ReadonlySet<string> = new Set(['assignments', 'tasks']);

/**
 * Compiles a model that checked without errors, step by step. The order of the IR's keys is the order of its
 * canonical JSON, so the hash of an unchanged plan stays the same.
 */
export function compilePlan(model: PlanModel, options: CompileOptions = {}): PlanIR {
  const ctx = compileContext(model, options);
  const recipientsOf = recipientResolver(model);
  const { assignments, digestRecipients } = compileAssignments(ctx, recipientsOf, taskOccurrences(ctx));
  const body: Omit<PlanIR, 'hash'> = {
    irVersion: IR_VERSION,
    plan: compileHeader(ctx),
    calendar: compileCalendar(ctx),
    units: compileUnits(ctx),
    people: compilePeople(ctx),
    policies: compilePolicies(ctx),
    tasks: compileTasks(ctx),
    assignments,
    digests: compileDigests(ctx, digestRecipients),
    reports: compileReports(ctx, recipientsOf),
    indicators: compileIndicators(ctx),
  };
  const { irVersion, ...rest } = body;
  return { irVersion, hash: hashIr(body, PRESORTED), ...rest };
}

function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b;
}

/** A short neutral description of a deadline form, kept in the IR for people reading it. */
export function describeDeadline(d: Deadline): string {
  const f = d.form;
  const at = d.time ? ` ${time(d.time)}` : '';
  const dateText = (x: { day: number; month: number; year?: number }) =>
    `${x.day}/${x.month}${x.year ? `/${x.year}` : ''}`;
  const from = d.start ? `from ${dateText(d.start)} to ` : '';
  switch (f.kind) {
    case 'date':
      return `${from}date ${f.date.day}/${f.date.month}${f.date.year ? `/${f.date.year}` : ''}${at}`;
    case 'month':
      return `${from}${f.point ? `${f.point} of ` : ''}month ${f.month}${f.year ? `/${f.year}` : ''}${at}`;
    case 'quarter':
      return `quarter ${f.quarter}${f.year ? `/${f.year}` : ''}${at}`;
    case 'half':
      return `half ${f.half}${at}`;
    case 'recurring':
      return `${from}recurring ${JSON.stringify(withoutLoc(f.recurrence))}${at}`;
    case 'ongoing':
      return `ongoing${d.start ? ` from ${dateText(d.start)}` : ''}${f.review ? ` review ${JSON.stringify(withoutLoc(f.review))}` : ''}`;
    case 'after':
      return `${f.delay.amount} ${f.delay.unit} after ${f.after.kind === 'publication' ? 'publication' : f.after.task.text}${at}`;
    case 'yearPoint':
      return `${from}${f.point} of year${f.year ? ` ${f.year}` : ''}${at}`;
    case 'regulated':
      return `as regulated${f.regulation ? ` by ${f.regulation}` : ''}`;
    case 'onReceipt':
      return f.within ? `${f.within.amount} ${f.within.unit} from receipt` : 'same day as receipt';
  }
}
