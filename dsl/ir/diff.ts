// What an amendment changes: assignments added, removed, or changed in a field that the running workflow must
// apply. Pure.
import { canonicalJson } from './canonical.js';
import type { IrAssignment, PlanIR } from './schema.js';

/** Fields that change what a running assignment does next. */
export const SCHEDULE_FIELDS = [
  'kind',
  'policy',
  'startsAt',
  'dueDate',
  'dueAt',
  'acknowledgeBy',
  'reminders',
  'escalations',
  'checkIns',
  'coordinators',
] as const satisfies readonly (keyof IrAssignment)[];

export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

export interface AssignmentChange {
  id: string;
  taskId: string;
  unit: string;
  occurrence: string;
  fields: Partial<Record<ScheduleField, { from: unknown; to: unknown }>>;
}

export interface IrDiff {
  added: IrAssignment[];
  removed: IrAssignment[];
  changed: AssignmentChange[];
  unchanged: number;
}

/** Equal data whatever the key order (a stored IR comes back from jsonb with its keys reordered). */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function diffIr(before: Pick<PlanIR, 'assignments'>, after: Pick<PlanIR, 'assignments'>): IrDiff {
  const old = new Map(before.assignments.map((a) => [a.id, a]));
  const next = new Map(after.assignments.map((a) => [a.id, a]));
  const diff: IrDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const a of after.assignments) {
    const prev = old.get(a.id);
    if (!prev) {
      diff.added.push(a);
      continue;
    }
    const fields: AssignmentChange['fields'] = {};
    for (const f of SCHEDULE_FIELDS) if (!same(prev[f], a[f])) fields[f] = { from: prev[f], to: a[f] };
    if (Object.keys(fields).length) {
      diff.changed.push({ id: a.id, taskId: a.taskId, unit: a.unit, occurrence: a.occurrence, fields });
    } else diff.unchanged++;
  }
  for (const a of before.assignments) if (!next.has(a.id)) diff.removed.push(a);
  return diff;
}
