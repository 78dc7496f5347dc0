import type { Range } from '../diagnostics/diagnostic.js';

/**
 * The typed AST of one plan file. Every node carries `loc` (file and range). Values that the
 * compiler needs are plain data (numbers, enums, names); names are references resolved by dsl/check.
 * Properties are wrapped in `Prop<T>` whose `loc` spans the whole property line.
 */
export interface Loc {
  file: string;
  range: Range;
}

export interface Name {
  text: string;
  loc: Loc;
}

export interface Prop<T> {
  value: T;
  loc: Loc;
}

/** A calendar date; `year` is absent when the text gave only day/month (then the plan year applies). */
export interface DateValue {
  day: number;
  month: number;
  year?: number;
  loc: Loc;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

export type DayUnit = 'day' | 'workingDay';

export interface Duration {
  amount: number;
  unit: DayUnit;
  loc: Loc;
}

export type PeriodKind = 'month' | 'quarter' | 'halfYear' | 'year';
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export type Recurrence =
  | { kind: 'dailyWorking'; loc: Loc }
  | { kind: 'weekly'; weekday: Weekday; loc: Loc }
  /** Without a day ("định kỳ hằng tháng"), the header's `hạn hằng tháng` applies, else the month's last day. */
  | { kind: 'monthly'; day?: number; loc: Loc }
  /** Day N of the first or last month of each quarter. */
  | { kind: 'quarterly'; day: number; month: 'first' | 'last'; loc: Loc }
  | { kind: 'yearly'; day: number; month: number; loc: Loc }
  /** "At the latest on day N of the period's last month", for each listed period kind. */
  | { kind: 'periodEnd'; periods: PeriodKind[]; day: number; loc: Loc };

export type DeadlineForm =
  | { kind: 'date'; date: DateValue }
  /** A month: its last day, or the start, middle or end written out (Civil Code art. 146: 1st, 15th, last). */
  | { kind: 'month'; month: number; year?: number; point?: DayPoint }
  /** The start, middle or end of the year (1/1, 30/6, 31/12, Civil Code art. 146). */
  | { kind: 'yearPoint'; point: DayPoint; year?: number }
  /** The end of a quarter. */
  | { kind: 'quarter'; quarter: number; year?: number }
  /** The end of the first (30/6) or second (31/12) half of the year. */
  | { kind: 'half'; half: 1 | 2 }
  | { kind: 'recurring'; recurrence: Recurrence }
  /** "thường xuyên": judged at year end, with optional periodic check-ins. */
  | { kind: 'ongoing'; review?: Recurrence }
  | { kind: 'after'; delay: Duration; after: { kind: 'task'; task: Name } | { kind: 'publication' } }
  /** "theo thời gian quy định": another regulation sets the time; tracked without a date. */
  | { kind: 'regulated'; regulation?: string }
  /** A service level counted from each receipt ("trong ngày", "không quá 1 ngày làm việc kể từ khi nhận");
   *  `within` absent means the same day. */
  | { kind: 'onReceipt'; within?: Duration };

export type DayPoint = 'start' | 'mid' | 'end';

/** The word written before a deadline: "trước" (before: the header's `tính cả ngày hạn` decides whether day X
 *  is allowed) or "chậm nhất" (at the latest: day X always is). */
export type DeadlineBound = 'before' | 'latest';

export interface Deadline {
  form: DeadlineForm;
  bound?: DeadlineBound;
  /** The window's first day ("từ ngày 12/12 đến ngày 05/01/2028", "bắt đầu từ ngày 10/11"). */
  start?: DateValue;
  /** Explicit time of day; without it a deadline ends with its day. */
  time?: TimeOfDay;
  loc: Loc;
}

/** An entry of a list of units: a name, all units of a kind, all units under a parent, or a role. */
export type Item =
  | { kind: 'name'; name: Name }
  | { kind: 'ofKind'; unitKind: string; loc: Loc }
  | { kind: 'under'; parent: Name; loc: Loc }
  | { kind: 'role'; role: RecipientRole; loc: Loc };

/** Recipients computed per assignment or from the plan's people. */
export type RecipientRole = 'unitHead' | 'chair' | 'viceChair' | 'parent';
export type PersonRole = 'chair' | 'viceChair' | 'head' | 'deputyHead' | 'officer';

export type AreaKind =
  | 'direction'
  | 'institutions'
  | 'procedures'
  | 'apparatus'
  | 'civilService'
  | 'publicFinance'
  | 'digitalGovernment'
  | 'communication'
  | 'inspection';

export interface PlanHeader {
  kind: 'PlanHeader';
  /** A template ("mẫu kế hoạch") is extended by plans; it may require names the plan supplies. */
  template: boolean;
  title?: Prop<string>;
  /** The plan's identity ("mã: ..."), the prefix of every assignment id; plans only, not templates. */
  code?: Prop<string>;
  issuer?: Prop<Name>;
  decision?: Prop<{ number: string; date: DateValue }>;
  published?: Prop<DateValue>;
  year?: Prop<number>;
  timeZone?: Prop<string>;
  calendar?: Prop<string>;
  /** Whether "before day X" still allows day X. */
  deadlineDayIncluded?: Prop<boolean>;
  /** Whether a lead may complete only after its coordinating units have reported ("chờ đơn vị phối hợp"). */
  awaitCoordinators?: Prop<boolean>;
  /** The day of the month of "định kỳ hằng tháng" written without a day ("hạn hằng tháng: ngày 20"). */
  monthlyDue?: Prop<number>;
  /** The default policy. */
  policy?: Prop<Name>;
  requires?: Prop<Name[]>;
  loc: Loc;
}

export interface Include {
  kind: 'Include';
  path: Prop<string>;
  loc: Loc;
}

export interface Extends {
  kind: 'Extends';
  path: Prop<string>;
  loc: Loc;
}

export interface Unit {
  kind: 'Unit';
  id: Name;
  title?: Prop<string>;
  unitKind?: Prop<string>;
  parent?: Prop<Name>;
  /** A person's id, or just the head's name. */
  head?: Prop<{ kind: 'person'; person: Name } | { kind: 'text'; text: string }>;
  email?: Prop<string>;
  loc: Loc;
}

export interface Group {
  kind: 'Group';
  id: Name;
  title?: Prop<string>;
  members?: Prop<Item[]>;
  except?: Prop<Item[]>;
  loc: Loc;
}

export interface Person {
  kind: 'Person';
  id: Name;
  title?: Prop<string>;
  role?: Prop<PersonRole>;
  unit?: Prop<Name>;
  email?: Prop<string>;
  loc: Loc;
}

export interface Reminder {
  when: 'before' | 'on' | 'after';
  /** Absent for 'on' (the deadline day itself). */
  offset?: Duration;
  time?: TimeOfDay;
  loc: Loc;
}

export interface EscalationLevel {
  level: number;
  /** Grace period after the deadline before this level is reached. */
  after: Duration;
  recipients: Item[];
  loc: Loc;
}

export interface Digest {
  recurrence: Recurrence;
  time?: TimeOfDay;
}

export interface Policy {
  kind: 'Policy';
  id: Name;
  title?: Prop<string>;
  acknowledge?: Prop<Duration>;
  reminders?: Prop<Reminder[]>;
  escalation?: Prop<EscalationLevel[]>;
  digest?: Prop<Digest>;
  loc: Loc;
}

export interface Task {
  kind: 'Task';
  id: Name;
  title?: Prop<string>;
  lead?: Prop<Item[]>;
  support?: Prop<Item[]>;
  deadline?: Prop<Deadline>;
  output?: Prop<string>;
  criterion?: Prop<string>;
  dependsOn?: Prop<Item[]>;
  policy?: Prop<Name>;
  note?: Prop<string>;
  loc: Loc;
}

export interface Area {
  kind: 'Area';
  areaKind: AreaKind;
  title?: Prop<string>;
  policy?: Prop<Name>;
  tasks: Task[];
  loc: Loc;
}

export interface Target {
  op: '>=' | '<=' | '>' | '<' | '=';
  value: number;
  percent: boolean;
}

export interface Indicator {
  kind: 'Indicator';
  id: Name;
  title?: Prop<string>;
  measure?: Prop<string>;
  target?: Prop<Target>;
  cadence?: Prop<{ recurrence: Recurrence; time?: TimeOfDay }>;
  reportedBy?: Prop<Item[]>;
  loc: Loc;
}

export interface Report {
  kind: 'Report';
  id: Name;
  title?: Prop<string>;
  periods?: Prop<PeriodKind[]>;
  /** Day of the month the data window closes (14 in the 15→14 convention). */
  cutOff?: Prop<number>;
  /** Delivery day: of the period's last month, or of the month after the period. */
  due?: Prop<{ day: number; month: 'periodLast' | 'next'; bound?: DeadlineBound }>;
  recipients?: Prop<Item[]>;
  preparedBy?: Prop<Name>;
  loc: Loc;
}

export type TopItem =
  Include | Extends | PlanHeader | Unit | Group | Person | Policy | Area | Indicator | Report;

export interface CommentNode {
  text: string;
  line: number;
  column: number;
  trailing: boolean;
}

export interface PlanFile {
  kind: 'PlanFile';
  path: string;
  items: TopItem[];
  comments: CommentNode[];
}
