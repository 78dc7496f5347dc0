/**
 * The monthly (or quarterly, …) completion report as stored in a snapshot and rendered to HTML, PDF, XLSX and
 * CSV. Plain data: every figure is computed once, as of an instant, from the event log.
 */

/**
 * The status classes of report 1270/BC-TCTTTg as of the cut-off, over assignments with a deadline that have
 * started by then: done on time; done late; not done, still within deadline; not done, overdue. Assignments
 * whose period has not begun yet (later occurrences of recurring tasks) are counted apart as not yet due.
 */
export interface StatusCounts {
  doneOnTime: number;
  doneLate: number;
  openInTime: number;
  openOverdue: number;
  notYetDue: number;
  /** doneOnTime + doneLate + openInTime + openOverdue. */
  total: number;
  /** Done over (done + overdue), in percent with one decimal; null when nothing has fallen due. */
  completionRate: number | null;
}

export interface UnitRow extends StatusCounts {
  unit: { code: string; name: string; kind: string };
  /** The completion rate of the previous period's report, when there is one. */
  previousCompletionRate: number | null;
  /** completionRate − previousCompletionRate, in percentage points. */
  change: number | null;
  /** Year to date: done on time over everything that fell due or was done since the start of the year. */
  ytdOnTimeRate: number | null;
  /** ytdOnTimeRate < onTimeThreshold (Decree 90/2020: 80 % on time for "completed well"). */
  belowThreshold: boolean;
}

export interface AreaRow extends StatusCounts {
  area: { id: string; title: string };
}

export interface OverdueRow {
  assignmentId: string;
  task: { id: string; title: string };
  area: { id: string; title: string };
  occurrence: string;
  unit: { code: string; name: string };
  /** The lead unit of the task (the unit itself, or the first of a group). */
  leadUnit: { code: string; name: string };
  /** The last day of the deadline (Vietnam's calendar): never the midnight that ends it. */
  dueDate: string;
  /** The deadline instant (moved by extensions); absent in runs stored before it was kept. */
  dueAt?: string;
  /** HH:mm on the last day, when the plan gives a time of day. */
  dueTime?: string;
  /** Calendar days from the deadline to the cut-off date. */
  daysOverdue: number;
  escalationLevel: number;
  /** The task's coordinating units and whether each has reported its contribution (absent: none). */
  coordinators?: CoordinatorPart[];
}

/** A coordinating unit's part as a report shows it. */
export interface CoordinatorPart {
  code: string;
  name: string;
  reported: boolean;
}

export interface IndicatorRow {
  id: string;
  title: string;
  measure: string | null;
  target: { op: '>=' | '<=' | '>' | '<' | '='; value: number; percent: boolean } | null;
  values: {
    unit: { code: string; name: string };
    period: string;
    value: number;
    /** null when the indicator has no target. */
    meetsTarget: boolean | null;
  }[];
  /** Units asked to report that have no value for the period. */
  missing: { code: string; name: string }[];
}

export interface CriterionRow {
  /** The PAR-index criterion tag of the tasks (e.g. "1.2"); "" for tasks without one. */
  criterion: string;
  tasks: number;
  done: number;
  evidence: {
    assignmentId: string;
    task: { id: string; title: string };
    unit: { code: string; name: string };
    completedAt: string;
    late: boolean;
    documentNumber: string | null;
    documentDate: string | null;
    link: string | null;
    note: string | null;
    /** The files attached to the assignment as evidence by the report's instant (absent in older runs). */
    files?: { id: string; name: string; sha256: string }[];
    /** The coordinating units and whether each contributed (absent: none). */
    coordinators?: CoordinatorPart[];
  }[];
}

/** A task that falls due in the next period, with the units that still have it to do. */
export interface UpcomingRow {
  task: { id: string; title: string };
  area: { id: string; title: string };
  /** The earliest last day among its assignments in the next period. */
  dueDate: string;
  units: { code: string; name: string }[];
}

/**
 * Who prepares and signs the report, from the plan (the report's "lập bởi" unit, its superior and head, and the
 * report's recipients): the header, "Nơi nhận:" and signature block of the document. Absent in runs stored
 * before it was kept; the plan's issuer stands in then.
 */
export interface ReportIssuing {
  body: { code: string; name: string };
  parent: { code: string; name: string } | null;
  /** The head's title as the directory writes it ("Giám đốc Sở Nội vụ"). */
  head: string | null;
  recipients: string[];
}

export interface ReportContent {
  schemaVersion: 1;
  plan: {
    code: string;
    title: string;
    year: number;
    version: number;
    issuer: { code: string; name: string };
  };
  report: { id: string; title: string };
  /** The period label, e.g. 2027-03 (window 15/02–14/03 under the 15→14 convention). */
  period: string;
  /** The period in words with its window: "Tháng 3/2027 (15/02 – 14/03/2027)" (readings.ts). */
  periodLabel?: string;
  /**
   * Set when the figures were taken before the period ended (before the end of window.to): they are an interim,
   * "Tạm tính đến 02/12/2026 21:00". null for a final report. Absent in runs stored before it was kept; derived
   * from asOf, generatedAt and window by readings.ts, which fills it in whenever a run is read.
   */
  interim?: { until: string; label: string } | null;
  window: { from: string; to: string };
  /** The instant the figures are taken at: the cut-off, or any instant for an on-demand report. */
  asOf: string;
  /** The previous period of the same report, used for the change column. */
  previous: { period: string; asOf: string } | null;
  generatedAt: string;
  onTimeThreshold: number;
  totals: StatusCounts & { previousCompletionRate: number | null; change: number | null; ongoing: number };
  byUnit: UnitRow[];
  byArea: AreaRow[];
  overdue: OverdueRow[];
  indicators: IndicatorRow[];
  criteria: CriterionRow[];
  issuing?: ReportIssuing;
  /** "Nhiệm vụ trọng tâm kỳ tới": what falls due in the next period; null after the last one. */
  next?: { period: string; window: { from: string; to: string }; tasks: UpcomingRow[] } | null;
}

/** Column labels, Vietnamese first, shared by every rendering. */
export const STATUS_LABELS: Record<
  keyof Omit<StatusCounts, 'total' | 'completionRate'>,
  { vi: string; en: string }
> = {
  doneOnTime: { vi: 'Đã hoàn thành đúng hạn', en: 'Done on time' },
  doneLate: { vi: 'Đã hoàn thành quá hạn', en: 'Done late' },
  openInTime: { vi: 'Chưa hoàn thành – trong hạn', en: 'Not done, within deadline' },
  openOverdue: { vi: 'Chưa hoàn thành – quá hạn', en: 'Not done, overdue' },
  notYetDue: { vi: 'Chưa đến kỳ', en: 'Not yet due' },
};
