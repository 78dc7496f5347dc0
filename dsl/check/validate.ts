import type { DateValue, Deadline, Item, Loc, Policy, Task } from '../ast/nodes.js';
import { daysInMonth } from '../calendar/local-date.js';
import { planWindowEnd, startDay, writtenDay } from './dates.js';
import { workingCalendarOf } from './calendar.js';
import { PLAN_CODE } from './plan-code.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { effectivePolicy, leadUnits, type PlanModel } from './model.js';

// Re-exported because dsl/index.ts publishes it from here.

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function display(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The day a one-off deadline names, as YYYY-MM-DD; undefined for recurring, relative and untimed forms. With
 * `publishedOn`, a day written without a year that is past at publication is next year's when the plan's window
 * reaches it (dsl/check/dates.ts).
 */
export function deadlineDate(d: Deadline, planYear: number, publishedOn?: string): string | undefined {
  const start = startDay(d, planYear);
  const notBefore = start && (!publishedOn || start > publishedOn) ? start : publishedOn;
  return writtenDay(d.form, planYear, notBefore);
}

/** Checks the meaning of a resolved plan: leads, deadlines, dependencies, recipients, usage. */
export function validate(
  model: PlanModel,
  used: ReadonlySet<string>,
  incomplete: ReadonlySet<Task> = new Set(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (
    code: Parameters<typeof diagnostic>[0],
    loc: Loc,
    args: Parameters<typeof diagnostic>[3] = {},
  ) => out.push(diagnostic(code, loc.file, loc.range, args));
  const h = model.header;
  const node = h.node;
  const calendar = workingCalendarOf(model);
  const isTemplate = h.template;

  // ---- header ---------------------------------------------------------------------------------
  if (node && !isTemplate) {
    if (h.year === undefined)
      push('DD4019', node.loc, { block: 'Kế hoạch', blockEn: 'The plan', prop: 'năm', propEn: 'year' });
    if (!h.issuer) {
      push('DD4019', node.loc, {
        block: 'Kế hoạch',
        blockEn: 'The plan',
        prop: 'cơ quan ban hành',
        propEn: 'issuer',
      });
    }
  }
  if (h.code && !PLAN_CODE.test(h.code.value)) push('DD4023', h.code.loc, { code: h.code.value });
  const planYear = h.year ?? new Date().getFullYear();
  const published = h.published ?? h.decision?.date;
  const checkDate = (d: DateValue, fallbackYear: number): string | undefined => {
    const y = d.year ?? fallbackYear;
    if (d.day > daysInMonth(y, d.month)) {
      push('DD4003', d.loc, {
        date: d.year === undefined ? `${d.day}/${d.month}` : `${d.day}/${d.month}/${d.year}`,
      });
      return undefined;
    }
    return iso(y, d.month, d.day);
  };
  if (h.decision) checkDate(h.decision.date, planYear);
  const publishedIso = published ? checkDate(published, planYear) : undefined;

  // ---- organisation ---------------------------------------------------------------------------
  const emailOk = (e: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e);
  for (const u of model.units.values()) {
    if (u.email && !emailOk(u.email.value)) push('DD4016', u.email.loc, { email: u.email.value });
  }
  for (const p of model.persons.values()) {
    if (p.email && !emailOk(p.email.value)) push('DD4016', p.email.loc, { email: p.email.value });
  }
  // parent cycles
  const reported = new Set<string>();
  for (const u of model.units.values()) {
    const chain: string[] = [];
    let cur: string | undefined = u.id.text;
    while (cur && !chain.includes(cur)) {
      chain.push(cur);
      cur = model.units.get(cur)?.parent?.value.text;
    }
    if (cur && cur === u.id.text) {
      const key = [...chain].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        push('DD4018', u.parent?.loc ?? u.loc, { cycle: [...chain, cur].join(' → ') });
      }
    }
  }
  for (const g of model.groups.values()) {
    if ((model.groupUnits.get(g.id.text) ?? []).length === 0) push('DD4009', g.id.loc, { name: g.id.text });
  }
  if (!isTemplate && node) {
    for (const u of model.units.values()) {
      if (!used.has(u.id.text) && u.loc.file === model.entry) push('DD4010', u.id.loc, { name: u.id.text });
    }
    for (const u of model.units.values()) {
      if (!used.has(u.id.text) && u.loc.file !== model.entry) push('DD4010', u.id.loc, { name: u.id.text });
    }
  }

  // ---- recipients -----------------------------------------------------------------------------
  const chairs = (role: 'chair' | 'viceChair') => {
    const all = [...model.persons.values()].filter((p) => p.role?.value === role);
    const ofIssuer = all.filter((p) => h.issuer && p.unit?.value.text === h.issuer.text);
    return ofIssuer.length > 0 ? ofIssuer : all;
  };
  /** Who an item reaches, with e-mail checks; returns how many recipients it has. */
  const reach = (it: Item): number => {
    if (it.kind === 'role') {
      if (it.role === 'chair' || it.role === 'viceChair') {
        const people = chairs(it.role);
        for (const p of people) if (!p.email) push('DD4008', it.loc, { name: p.id.text });
        return model.persons.size === 0 && isTemplate ? 1 : people.length;
      }
      return 1; // unit head and parent are found per assignment
    }
    if (it.kind !== 'name') return 0;
    const n = it.name.text;
    const person = model.persons.get(n);
    if (person) {
      if (!person.email) push('DD4008', it.name.loc, { name: n });
      return 1;
    }
    const unit = model.units.get(n);
    if (unit) {
      const head =
        unit.head?.value.kind === 'person' ? model.persons.get(unit.head.value.person.text) : undefined;
      if (!unit.email && !head?.email) push('DD4008', it.name.loc, { name: n });
      return 1;
    }
    const members = model.groupUnits.get(n);
    if (members) {
      for (const m of members) {
        const u = model.units.get(m);
        if (u && !u.email) push('DD4008', it.name.loc, { name: m });
      }
      return members.length;
    }
    return model.requires.has(n) ? 1 : -1; // unknown names are reported elsewhere
  };
  const checkPolicy = (p: Policy) => {
    let prev: { amount: number; unit: string } | undefined;
    for (const level of p.escalation?.value ?? []) {
      const counts = level.recipients.map(reach);
      if (counts.length > 0 && counts.every((c) => c === 0)) {
        const roles = level.recipients.filter((r) => r.kind === 'role').length > 0;
        push('DD4007', level.loc, {
          level: level.level,
          policy: p.id.text,
          detail: roles ? 'kế hoạch chưa khai báo người giữ chức vụ này' : 'danh sách không có ai',
          detailEn: roles ? 'the plan declares no person with that role' : 'the list is empty',
        });
      }
      if (prev && prev.unit === level.after.unit && level.after.amount <= prev.amount) {
        push('DD4015', level.loc, { level: level.level, policy: p.id.text });
      }
      prev = { amount: level.after.amount, unit: level.after.unit };
    }
  };
  for (const p of model.policies.values()) checkPolicy(p);

  // "Unit head" and "parent unit" recipients are found per assignment: each lead unit must be reachable.
  const unreachable = new Set<string>();
  for (const { task } of model.tasks.values()) {
    const roles = new Set(
      (effectivePolicy(model, task)?.escalation?.value ?? []).flatMap((l) =>
        l.recipients.flatMap((r) => (r.kind === 'role' ? [r.role] : [])),
      ),
    );
    if (!roles.has('unitHead') && !roles.has('parent')) continue;
    for (const code of leadUnits(model, task)) {
      const unit = model.units.get(code);
      if (!unit) continue;
      if (roles.has('unitHead')) {
        const head =
          unit.head?.value.kind === 'person' ? model.persons.get(unit.head.value.person.text) : undefined;
        if (!unit.email && !head?.email && !unreachable.has(code)) {
          unreachable.add(code);
          push('DD4008', unit.id.loc, { name: code });
        }
      }
      const parent = unit.parent ? model.units.get(unit.parent.value.text) : undefined;
      if (roles.has('parent') && parent && !parent.email && !unreachable.has(parent.id.text)) {
        unreachable.add(parent.id.text);
        push('DD4008', parent.id.loc, { name: parent.id.text });
      }
    }
  }
  for (const r of model.reports.values()) for (const it of r.recipients?.value ?? []) reach(it);
  if (!isTemplate && node) {
    const usedPolicies = new Set<string>();
    if (h.policy) usedPolicies.add(h.policy.text);
    for (const a of model.areas) if (a.policy) usedPolicies.add(a.policy.text);
    for (const { task } of model.tasks.values()) if (task.policy) usedPolicies.add(task.policy.value.text);
    for (const p of model.policies.values())
      if (!usedPolicies.has(p.id.text)) push('DD4011', p.id.loc, { name: p.id.text });
  }

  // ---- indicators and reports -----------------------------------------------------------------
  for (const ind of model.indicators.values()) {
    if (!ind.target)
      push('DD4019', ind.id.loc, {
        block: `Chỉ tiêu "${ind.id.text}"`,
        blockEn: `Indicator "${ind.id.text}"`,
        prop: 'mục tiêu',
        propEn: 'target',
      });
    if (!ind.cadence)
      push('DD4019', ind.id.loc, {
        block: `Chỉ tiêu "${ind.id.text}"`,
        blockEn: `Indicator "${ind.id.text}"`,
        prop: 'chu kỳ',
        propEn: 'cadence',
      });
    const t = ind.target?.value;
    if (t && t.percent && t.value > 100) push('DD4020', ind.target!.loc, { value: t.value });
  }
  for (const r of model.reports.values()) {
    if (!r.periods)
      push('DD4019', r.id.loc, {
        block: `Báo cáo "${r.id.text}"`,
        blockEn: `Report "${r.id.text}"`,
        prop: 'kỳ',
        propEn: 'period',
      });
    if (!r.due)
      push('DD4019', r.id.loc, {
        block: `Báo cáo "${r.id.text}"`,
        blockEn: `Report "${r.id.text}"`,
        prop: 'hạn gửi',
        propEn: 'due',
      });
  }

  // ---- tasks ----------------------------------------------------------------------------------
  for (const { task } of model.tasks.values()) {
    const lead = task.lead?.value ?? [];
    const quiet = incomplete.has(task);
    if (lead.length === 0 && !quiet) push('DD4001', task.lead?.loc ?? task.loc, { task: task.id.text });
    else if (lead.length > 1) push('DD4002', task.lead!.loc, { task: task.id.text, count: lead.length });
    if (!task.deadline && !quiet) push('DD4013', task.loc, { task: task.id.text });
    const area = model.tasks.get(task.id.text)?.area;
    if (!isTemplate && !task.policy && !area?.policy && !h.policy)
      push('DD4014', task.loc, { task: task.id.text });
    if (task.deadline) checkDeadline(task, task.deadline.value);
  }

  function checkDeadline(task: Task, d: Deadline): void {
    const f = d.form;
    if (d.start && checkDate(d.start, planYear) === undefined) return;
    if (f.kind === 'date') {
      if (checkDate(f.date, f.date.year ?? planYear) === undefined) return;
    }
    if (f.kind === 'recurring' && f.recurrence.kind === 'yearly') {
      const r = f.recurrence;
      if (r.day > daysInMonth(2024, r.month)) push('DD4003', r.loc, { date: `${r.day}/${r.month}` });
      return;
    }
    const explicitYear =
      f.kind === 'date'
        ? f.date.year
        : f.kind === 'month' || f.kind === 'quarter' || f.kind === 'yearPoint'
          ? f.year
          : undefined;
    const date = deadlineDate(d, planYear, publishedIso);
    if (!date || h.year === undefined) return;
    // A day of the next year is allowed as far as the plan's window reaches (year-end tasks due in January).
    if (
      explicitYear !== undefined &&
      explicitYear !== h.year &&
      !(explicitYear === h.year + 1 && date <= planWindowEnd(h.year))
    ) {
      push('DD4004', d.loc, { date: display(date), year: h.year });
      return;
    }
    const start = startDay(d, planYear);
    if (start && date < start) {
      push('DD2007', d.loc, {
        detail: `ngày kết thúc ${display(date)} trước ngày bắt đầu ${display(start)}`,
        detailEn: `the end ${display(date)} is before the start ${display(start)}`,
      });
      return;
    }
    if (publishedIso && date < publishedIso) {
      push('DD4005', d.loc, { date: display(date), published: display(publishedIso) });
      return;
    }
    try {
      // Only a day written out is news; month, quarter and half-year ends move as a matter of course.
      if (f.kind === 'date' && !calendar.isWorkingDay(date))
        push('DD4012', d.loc, { date: display(date), next: display(calendar.moveToWorkingDay(date)) });
    } catch {
      // outside the calendar's years: nothing to say
    }
    void task;
  }

  // ---- dependency cycles (depends-on and "N days after task X") -------------------------------
  const edges = new Map<string, { to: string; loc: Loc }[]>();
  for (const { task } of model.tasks.values()) {
    const list: { to: string; loc: Loc }[] = [];
    for (const it of task.dependsOn?.value ?? [])
      if (it.kind === 'name') list.push({ to: it.name.text, loc: it.name.loc });
    const f = task.deadline?.value.form;
    if (f?.kind === 'after' && f.after.kind === 'task')
      list.push({ to: f.after.task.text, loc: f.after.task.loc });
    edges.set(
      task.id.text,
      list.filter((e) => model.tasks.has(e.to)),
    );
  }
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const seenCycles = new Set<string>();
  const dfs = (id: string) => {
    state.set(id, 1);
    path.push(id);
    for (const e of edges.get(id) ?? []) {
      const s = state.get(e.to);
      if (s === 1) {
        const cycle = [...path.slice(path.indexOf(e.to)), e.to];
        const key = [...new Set(cycle)].sort().join(',');
        if (!seenCycles.has(key)) {
          seenCycles.add(key);
          push('DD4006', e.loc, { cycle: cycle.join(' → ') });
        }
      } else if (s === undefined) dfs(e.to);
    }
    path.pop();
    state.set(id, 2);
  };
  for (const id of edges.keys()) if (!state.has(id)) dfs(id);

  void leadUnits;
  return out;
}
