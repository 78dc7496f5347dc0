import type { IrReport, PlanIR } from '../../dsl/ir/schema.js';
import { readDeadline } from '../presentation/index.js';
import type { IndicatorValueRow } from '../database/repositories/indicator.repository.js';
import type { AssignmentStateAt, EvidenceAt } from '../database/repositories/report.repository.js';
import { figuresAt, withReadings } from './readings.js';
import type {
  AreaRow,
  CoordinatorPart,
  CriterionRow,
  IndicatorRow,
  OverdueRow,
  ReportContent,
  ReportIssuing,
  StatusCounts,
  UnitRow,
  UpcomingRow,
} from './report-model.js';

/** The reform areas in the order plans list them (Resolution 76/NQ-CP), with their Vietnamese names. */
export const AREAS: readonly { id: string; title: string }[] = [
  { id: 'direction', title: 'Công tác chỉ đạo, điều hành' },
  { id: 'institutions', title: 'Cải cách thể chế' },
  { id: 'procedures', title: 'Cải cách thủ tục hành chính' },
  { id: 'apparatus', title: 'Cải cách tổ chức bộ máy' },
  { id: 'civil_service', title: 'Cải cách chế độ công vụ' },
  { id: 'public_finance', title: 'Cải cách tài chính công' },
  { id: 'digital_government', title: 'Xây dựng, phát triển Chính phủ điện tử, Chính phủ số' },
  { id: 'communication', title: 'Công tác thông tin, tuyên truyền' },
  { id: 'inspection', title: 'Công tác kiểm tra' },
];

/** Decree 90/2020: "completed well" needs at least 80 % of tasks done on time. */
export const ON_TIME_THRESHOLD = 80;

type StatusClass = 'doneOnTime' | 'doneLate' | 'openInTime' | 'openOverdue' | 'notYetDue';

/** The 1270/BC-TCTTTg class of an assignment with a deadline, as of `at`. */
export function classify(s: AssignmentStateAt, at: number): StatusClass {
  if (s.status === null) return 'notYetDue';
  if (s.status === 'done' && s.completedAt !== null && Date.parse(s.completedAt) <= at)
    return s.completedLate ? 'doneLate' : 'doneOnTime';
  return s.dueAt !== null && Date.parse(s.dueAt) <= at ? 'openOverdue' : 'openInTime';
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const percent = (part: number, whole: number) => (whole === 0 ? null : round1((100 * part) / whole));

function emptyCounts(): StatusCounts {
  return {
    doneOnTime: 0,
    doneLate: 0,
    openInTime: 0,
    openOverdue: 0,
    notYetDue: 0,
    total: 0,
    completionRate: null,
  };
}

function add(c: StatusCounts, k: StatusClass): void {
  c[k]++;
  if (k !== 'notYetDue') c.total++;
}

/** Completion over what has fallen due: done / (done + overdue), as report 1270 computes it. */
function finish<T extends StatusCounts>(c: T): T {
  c.completionRate = percent(c.doneOnTime + c.doneLate, c.doneOnTime + c.doneLate + c.openOverdue);
  return c;
}

/** The local date (UTC+7, no daylight saving) of an instant. */
export function localDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 10);
}

function meets(target: NonNullable<IndicatorRow['target']>, value: number): boolean {
  switch (target.op) {
    case '>=':
      return value >= target.value;
    case '<=':
      return value <= target.value;
    case '>':
      return value > target.value;
    case '<':
      return value < target.value;
    case '=':
      return value === target.value;
  }
}

export interface ReportInputs {
  ir: PlanIR;
  version: number;
  report: Pick<IrReport, 'id' | 'title'> & Partial<Pick<IrReport, 'preparedBy' | 'recipients'>>;
  period: string;
  window: { from: string; to: string };
  asOf: string;
  previous: { period: string; asOf: string } | null;
  states: readonly AssignmentStateAt[];
  previousStates: readonly AssignmentStateAt[] | null;
  evidence: readonly EvidenceAt[];
  indicatorValues: readonly IndicatorValueRow[];
  generatedAt: string;
  /** The next period's window, for what falls due in it; absent or null after the last period. */
  next?: { period: string; window: { from: string; to: string } } | null;
}

/** The preparing unit of the report (else the plan's issuer), its superior and head, and the recipients. */
export function issuingOf(ir: PlanIR, report: ReportInputs['report']): ReportIssuing {
  const units = new Map(ir.units.map((u) => [u.code, u]));
  const body = (report.preparedBy && units.get(report.preparedBy)) || units.get(ir.plan.issuer.code);
  const parent = body?.parent ? units.get(body.parent) : undefined;
  const people = new Map(ir.people.map((p) => [p.id, p]));
  const head = body?.head
    ? ((body.head.person ? people.get(body.head.person)?.name : null) ?? body.head.name)
    : null;
  return {
    body: body ? { code: body.code, name: body.name } : { ...ir.plan.issuer },
    parent: parent ? { code: parent.code, name: parent.name } : null,
    head,
    recipients: (report.recipients ?? []).map((r) => r.name),
  };
}

/** Tasks with a deadline in the next period's window that are not done as of the figures, by earliest day. */
export function upcomingTasks(
  i: Pick<ReportInputs, 'ir' | 'states'>,
  window: { from: string; to: string },
): UpcomingRow[] {
  const done = new Set(i.states.filter((s) => s.status === 'done').map((s) => s.assignmentId));
  const tasks = new Map(i.ir.tasks.map((t) => [t.id, t]));
  const unitNames = new Map(i.ir.units.map((u) => [u.code, u.name]));
  const areaTitle = new Map(AREAS.map((a) => [a.id, a.title]));
  const rows = new Map<string, UpcomingRow>();
  for (const a of i.ir.assignments) {
    if (a.kind !== 'deadline' || done.has(a.id) || a.dueDate < window.from || a.dueDate > window.to) continue;
    const task = tasks.get(a.taskId);
    let row = rows.get(a.taskId);
    if (!row) {
      const areaId = task?.area ?? '';
      row = {
        task: { id: a.taskId, title: task?.title ?? a.taskId },
        area: { id: areaId, title: areaTitle.get(areaId) ?? areaId },
        dueDate: a.dueDate,
        units: [],
      };
      rows.set(a.taskId, row);
    }
    if (a.dueDate < row.dueDate) row.dueDate = a.dueDate;
    if (!row.units.some((u) => u.code === a.unit))
      row.units.push({ code: a.unit, name: unitNames.get(a.unit) ?? a.unit });
  }
  const vi = (a: string, b: string) => a.localeCompare(b, 'vi');
  return [...rows.values()]
    .map((r) => ({ ...r, units: r.units.sort((a, b) => vi(a.name, b.name)) }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || vi(a.task.title, b.task.title));
}

/** The coordination column: each coordinating unit and whether it had reported its part by then. */
function coordinatorParts(s: AssignmentStateAt): { coordinators?: CoordinatorPart[] } {
  if (!s.coordinators?.length) return {};
  return {
    coordinators: s.coordinators.map((c) => ({ code: c.code, name: c.name, reported: c.contributions > 0 })),
  };
}

/** The report's figures from assignment states as of two instants (this period and the previous one). */
export function buildReport(i: ReportInputs): ReportContent {
  const at = Date.parse(figuresAt(i));
  const tasks = new Map(i.ir.tasks.map((t) => [t.id, t]));
  const unitNames = new Map(i.ir.units.map((u) => [u.code, u.name]));
  const areaTitle = new Map(AREAS.map((a) => [a.id, a.title]));
  const evidence = new Map(i.evidence.map((e) => [e.assignmentId, e]));

  const totals = {
    ...emptyCounts(),
    previousCompletionRate: null,
    change: null,
    ongoing: 0,
  } as ReportContent['totals'];
  const units = new Map<string, UnitRow>();
  const areas = new Map<string, AreaRow>();
  const criteria = new Map<string, CriterionRow>();
  const overdue: OverdueRow[] = [];

  for (const s of i.states) {
    if (s.kind === 'ongoing') {
      if (s.status !== null) totals.ongoing++;
      continue;
    }
    const task = tasks.get(s.taskId);
    const areaId = task?.area ?? '';
    const k = classify(s, at);
    add(totals, k);
    let unit = units.get(s.unitCode);
    if (!unit) {
      unit = {
        ...emptyCounts(),
        unit: { code: s.unitCode, name: s.unitName, kind: s.unitKind },
        previousCompletionRate: null,
        change: null,
        ytdOnTimeRate: null,
        belowThreshold: false,
      };
      units.set(s.unitCode, unit);
    }
    add(unit, k);
    let area = areas.get(areaId);
    if (!area) {
      area = { ...emptyCounts(), area: { id: areaId, title: areaTitle.get(areaId) ?? areaId } };
      areas.set(areaId, area);
    }
    add(area, k);
    if (k === 'notYetDue') continue;

    const criterion = task?.criterion ?? '';
    let c = criteria.get(criterion);
    if (!c) criteria.set(criterion, (c = { criterion, tasks: 0, done: 0, evidence: [] }));
    c.tasks++;
    if (k === 'doneOnTime' || k === 'doneLate') {
      c.done++;
      const e = evidence.get(s.assignmentId);
      c.evidence.push({
        assignmentId: s.assignmentId,
        task: { id: s.taskId, title: task?.title ?? s.taskId },
        unit: { code: s.unitCode, name: s.unitName },
        completedAt: s.completedAt!,
        late: k === 'doneLate',
        documentNumber: e?.evidence?.documentNumber ?? null,
        documentDate: e?.evidence?.documentDate ?? null,
        link: e?.evidence?.link ?? null,
        note: e?.evidence?.note ?? null,
        ...coordinatorParts(s),
      });
    }
    if (k === 'openOverdue') {
      // The deadline as people read it, from the instant the engine keeps (an extension moves it; the snapshot's
      // dueDate may be the original day): its last day, and the time when the plan gives one.
      const deadline = s.dueAt ? readDeadline(s.dueAt) : { lastDay: s.dueDate! };
      const lead = task && !task.lead.includes(s.unitCode) && task.lead[0] ? task.lead[0] : s.unitCode;
      overdue.push({
        assignmentId: s.assignmentId,
        task: { id: s.taskId, title: task?.title ?? s.taskId },
        area: { id: areaId, title: areaTitle.get(areaId) ?? areaId },
        occurrence: s.occurrence,
        unit: { code: s.unitCode, name: s.unitName },
        leadUnit: { code: lead, name: unitNames.get(lead) ?? lead },
        dueDate: deadline.lastDay,
        ...(s.dueAt ? { dueAt: s.dueAt } : {}),
        ...(deadline.time ? { dueTime: deadline.time } : {}),
        // Whole days past the deadline instant (deadlines and cut-offs fall at 24:00).
        daysOverdue: Math.max(0, Math.floor((at - Date.parse(s.dueAt!)) / 86_400_000)),
        escalationLevel: s.escalationLevel,
        ...coordinatorParts(s),
      });
    }
  }

  finish(totals);
  for (const u of units.values()) {
    finish(u);
    const done = u.doneOnTime + u.doneLate;
    u.ytdOnTimeRate = percent(u.doneOnTime, done + u.openOverdue);
    u.belowThreshold = u.ytdOnTimeRate !== null && u.ytdOnTimeRate < ON_TIME_THRESHOLD;
  }
  for (const a of areas.values()) finish(a);

  if (i.previousStates) {
    const prevAt = Date.parse(i.previous!.asOf);
    const prevTotals = emptyCounts();
    const prevUnits = new Map<string, StatusCounts>();
    for (const s of i.previousStates) {
      if (s.kind === 'ongoing') continue;
      const k = classify(s, prevAt);
      add(prevTotals, k);
      let c = prevUnits.get(s.unitCode);
      if (!c) prevUnits.set(s.unitCode, (c = emptyCounts()));
      add(c, k);
    }
    const change = (now: number | null, before: number | null) =>
      now === null || before === null ? null : round1(now - before);
    totals.previousCompletionRate = finish(prevTotals).completionRate;
    totals.change = change(totals.completionRate, totals.previousCompletionRate);
    for (const u of units.values()) {
      const p = prevUnits.get(u.unit.code);
      u.previousCompletionRate = p ? finish(p).completionRate : null;
      u.change = change(u.completionRate, u.previousCompletionRate);
    }
  }

  const indicators: IndicatorRow[] = i.ir.indicators.map((ind) => {
    const target = ind.target ?? null;
    const values = i.indicatorValues
      .filter((v) => v.indicatorId === ind.id)
      .map((v) => ({
        unit: { code: v.unitCode, name: v.unitName },
        period: v.period,
        value: v.value,
        meetsTarget: target ? meets(target, v.value) : null,
      }));
    const reported = new Set(values.map((v) => v.unit.code));
    return {
      id: ind.id,
      title: ind.title,
      measure: ind.measure ?? null,
      target,
      values,
      missing: ind.reportedBy
        .filter((code) => !reported.has(code))
        .map((code) => ({ code, name: unitNames.get(code) ?? code })),
    };
  });

  const vi = (a: string, b: string) => a.localeCompare(b, 'vi');
  const areaOrder = new Map(AREAS.map((a, n) => [a.id, n]));
  const content: ReportContent = {
    schemaVersion: 1,
    plan: {
      code: i.ir.plan.code,
      title: i.ir.plan.title,
      year: i.ir.plan.year,
      version: i.version,
      issuer: { code: i.ir.plan.issuer.code, name: i.ir.plan.issuer.name },
    },
    report: { id: i.report.id, title: i.report.title },
    period: i.period,
    window: i.window,
    asOf: i.asOf,
    previous: i.previous,
    generatedAt: i.generatedAt,
    onTimeThreshold: ON_TIME_THRESHOLD,
    totals,
    byUnit: [...units.values()].sort((a, b) => vi(a.unit.name, b.unit.name)),
    byArea: [...areas.values()].sort(
      (a, b) => (areaOrder.get(a.area.id) ?? 99) - (areaOrder.get(b.area.id) ?? 99),
    ),
    overdue: overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || vi(a.unit.name, b.unit.name)),
    indicators,
    criteria: [...criteria.values()]
      .sort((a, b) => a.criterion.localeCompare(b.criterion, 'vi', { numeric: true }))
      .map((c) => ({
        ...c,
        evidence: c.evidence.sort((a, b) => a.completedAt.localeCompare(b.completedAt)),
      })),
    issuing: issuingOf(i.ir, i.report),
    next: i.next ? { ...i.next, tasks: upcomingTasks(i, i.next.window) } : null,
  };
  return withReadings(content);
}
