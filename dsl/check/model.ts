import type { CalendarOverride } from '../calendar/overrides.js';
import type {
  Area,
  AreaKind,
  DateValue,
  Group,
  Indicator,
  Loc,
  Name,
  Person,
  PlanFile,
  PlanHeader,
  Policy,
  Report,
  Task,
  Unit,
} from '../ast/nodes.js';

/** The header after merging the plan's header over its templates' headers. */
export interface EffectiveHeader {
  template: boolean;
  title?: string;
  /** The plan's explicit identity, when its header gives one. */
  code?: { value: string; loc: Loc };
  issuer?: Name;
  decision?: { number: string; date: DateValue };
  published?: DateValue;
  year?: number;
  timeZone: string;
  calendar: string;
  /** Where the calendar was set (for paths of ICS files and diagnostics). */
  calendarLoc?: Loc;
  deadlineDayIncluded: boolean;
  /** "chờ đơn vị phối hợp", only when a header writes it (absent keeps a plan's IR as it was). */
  awaitCoordinators?: boolean;
  /** "hạn hằng tháng": the day of "định kỳ hằng tháng" written without one. */
  monthlyDue?: number;
  policy?: Name;
  /** The entry file's own header node, if any. */
  node?: PlanHeader;
}

/** Areas of the same kind from all files and templates are merged into one. */
export interface ModelArea {
  areaKind: AreaKind;
  title?: string;
  policy?: Name;
  tasks: Task[];
  /** The declarations that contributed, first one first. */
  nodes: Area[];
}

/**
 * The whole plan after loading every file, merging templates and resolving names: what the compiler
 * consumes. Maps keep declaration order.
 */
export interface PlanModel {
  entry: string;
  header: EffectiveHeader;
  units: Map<string, Unit>;
  groups: Map<string, Group>;
  persons: Map<string, Person>;
  policies: Map<string, Policy>;
  indicators: Map<string, Indicator>;
  reports: Map<string, Report>;
  areas: ModelArea[];
  tasks: Map<string, { task: Task; area: ModelArea }>;
  /** The units each group stands for (members expanded, exceptions removed), in order. */
  groupUnits: Map<string, string[]>;
  /** Names a template requires from the plans that extend it (placeholders when checking the template). */
  requires: Set<string>;
  files: Map<string, PlanFile>;
  /** Calendar overrides read from the plan's ICS file, applied on top of the bundled Vietnamese data. */
  calendarOverrides: CalendarOverride[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DEFAULT_CALENDAR = 'vn';

/** The units a lead or support list stands for: a unit, or every unit of a group. */
export function unitsOfName(model: PlanModel, name: string): string[] {
  if (model.units.has(name)) return [name];
  return model.groupUnits.get(name) ?? [];
}

/** One assignment per unit: the units that lead a task (empty when the lead is missing or unknown). */
export function leadUnits(model: PlanModel, task: Task): string[] {
  const first = task.lead?.value[0];
  return first?.kind === 'name' ? unitsOfName(model, first.name.text) : [];
}

/** The policy that applies to a task: its own, else its area's, else the plan's default. */
export function effectivePolicy(model: PlanModel, task: Task): Policy | undefined {
  const area = model.tasks.get(task.id.text)?.area;
  const name = task.policy?.value ?? area?.policy ?? model.header.policy;
  return name ? model.policies.get(name.text) : undefined;
}
