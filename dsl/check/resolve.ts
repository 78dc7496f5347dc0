import type { Item, Name, PlanFile, Task, TopItem } from '../ast/nodes.js';
import { closest, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadResult } from './load.js';
import { DEFAULT_CALENDAR, DEFAULT_TIME_ZONE, type EffectiveHeader, type PlanModel } from './model.js';

export type NameKind = 'unit' | 'group' | 'person' | 'policy' | 'task' | 'indicator' | 'report';

const KIND_TEXT: Record<NameKind | 'placeholder', [string, string]> = {
  unit: ['đơn vị', 'a unit'],
  group: ['nhóm', 'a group'],
  person: ['người', 'a person'],
  policy: ['chính sách', 'a policy'],
  task: ['nhiệm vụ', 'a task'],
  indicator: ['chỉ tiêu', 'an indicator'],
  report: ['báo cáo', 'a report'],
  placeholder: ['tên mẫu yêu cầu', 'a template placeholder'],
};

function kindsText(kinds: readonly NameKind[], lang: 0 | 1): string {
  return kinds.map((k) => KIND_TEXT[k][lang]).join(lang === 0 ? ' hoặc ' : ' or ');
}

type Declared = Extract<TopItem, { id: Name }> | Task;

function nameKindOf(d: Declared): NameKind {
  return d.kind.toLowerCase() as NameKind;
}

const NAMESPACE: Record<NameKind, string> = {
  unit: 'org',
  group: 'org',
  person: 'org',
  policy: 'policy',
  task: 'task',
  indicator: 'indicator',
  report: 'report',
};

export interface ResolveResult {
  model: PlanModel;
  diagnostics: Diagnostic[];
  /** Every resolved reference: name text → kinds it was used as. */
  used: Set<string>;
}

/** Merges the layers into one model, reports name errors, and records which declarations are used. */
export function resolve(entry: string, loaded: LoadResult): ResolveResult {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, PlanFile>([...loaded.files].map(([p, f]) => [p, f.ast]));
  const symbols = new Map<string, Map<string, { decl: Declared; layer: number }>>();
  const placeholders = new Set<string>();
  const model: PlanModel = {
    entry,
    header: {
      template: false,
      timeZone: DEFAULT_TIME_ZONE,
      calendar: DEFAULT_CALENDAR,
      deadlineDayIncluded: true,
    },
    units: new Map(),
    groups: new Map(),
    persons: new Map(),
    policies: new Map(),
    indicators: new Map(),
    reports: new Map(),
    areas: [],
    tasks: new Map(),
    groupUnits: new Map(),
    requires: new Set(),
    files,
    calendarOverrides: [],
  };
  const where = (d: { loc: { file: string; range: { start: { line: number; column: number } } } }) =>
    `${d.loc.file}:${d.loc.range.start.line}:${d.loc.range.start.column}`;

  const declare = (decl: Declared, layer: number): boolean => {
    const kind = nameKindOf(decl);
    const ns = NAMESPACE[kind];
    const table = symbols.get(ns) ?? new Map();
    symbols.set(ns, table);
    const prev = table.get(decl.id.text);
    if (prev && prev.layer === layer) {
      diagnostics.push(
        diagnostic('DD3002', decl.id.loc.file, decl.id.loc.range, {
          name: decl.id.text,
          where: where(prev.decl.id),
        }),
      );
      return false;
    }
    if (prev) {
      const [what, whatEn] = KIND_TEXT[nameKindOf(prev.decl)];
      diagnostics.push(
        diagnostic('DD4021', decl.id.loc.file, decl.id.loc.range, {
          what: what.charAt(0).toUpperCase() + what.slice(1),
          whatEn: whatEn.replace(/^an? /, '').replace(/^./, (c) => c.toUpperCase()),
          name: decl.id.text,
        }),
      );
      removeDecl(prev.decl);
    }
    table.set(decl.id.text, { decl, layer });
    return true;
  };

  const removeDecl = (d: Declared) => {
    const id = d.id.text;
    if (d.kind === 'Task') {
      const entryT = model.tasks.get(id);
      if (entryT) entryT.area.tasks = entryT.area.tasks.filter((t) => t !== d);
      model.tasks.delete(id);
      return;
    }
    const maps = {
      Unit: model.units,
      Group: model.groups,
      Person: model.persons,
      Policy: model.policies,
      Indicator: model.indicators,
      Report: model.reports,
    } as const;
    maps[d.kind].delete(id);
  };

  // ---- headers and declarations, layer by layer ----------------------------------------------
  const header: EffectiveHeader = model.header;
  loaded.layers.forEach((layer, layerIndex) => {
    const isEntryLayer = layerIndex === loaded.layers.length - 1;
    for (const path of layer.files) {
      const file = files.get(path);
      if (!file) continue;
      const headers = file.items.filter((i) => i.kind === 'PlanHeader');
      const isRoot = path === layer.root;
      headers.forEach((h, i) => {
        if (!isRoot) {
          diagnostics.push(
            diagnostic('DD3007', path, h.loc.range, {
              detail: 'Tệp được bao gồm không được có phần "kế hoạch"; chỉ tệp chính mới có.',
              detailEn: 'An included file cannot have a "plan" header; only the main file can.',
            }),
          );
        } else if (i > 0) {
          diagnostics.push(
            diagnostic('DD3007', path, h.loc.range, {
              detail: 'Mỗi tệp chỉ có một phần "kế hoạch".',
              detailEn: 'A file can have only one "plan" header.',
            }),
          );
        } else if (!isEntryLayer && !h.template) {
          diagnostics.push(
            diagnostic('DD3009', layer.via?.loc.file ?? path, (layer.via ?? h).loc.range, {
              detail: `Tệp "${path}" không phải mẫu kế hoạch nên không thể mở rộng.`,
              detailEn: `"${path}" is not a template and cannot be extended.`,
            }),
          );
        }
      });
      const h = isRoot ? headers[0] : undefined;
      if (isRoot && !h && isEntryLayer) {
        const at = { line: 1, column: 1, offset: 0 };
        diagnostics.push(diagnostic('DD3006', path, { start: at, end: at }));
      }
      if (h && h.kind === 'PlanHeader') {
        if (isEntryLayer) {
          header.template = h.template;
          header.node = h;
        }
        if (h.title) header.title = h.title.value;
        if (h.code && isEntryLayer) header.code = h.code;
        if (h.issuer) header.issuer = h.issuer.value;
        if (h.decision) header.decision = h.decision.value;
        if (h.published) header.published = h.published.value;
        if (h.year) header.year = h.year.value;
        if (h.timeZone) header.timeZone = h.timeZone.value;
        if (h.calendar) {
          header.calendar = h.calendar.value;
          header.calendarLoc = h.calendar.loc;
        }
        if (h.deadlineDayIncluded) header.deadlineDayIncluded = h.deadlineDayIncluded.value;
        if (h.awaitCoordinators) header.awaitCoordinators = h.awaitCoordinators.value;
        if (h.monthlyDue) header.monthlyDue = h.monthlyDue.value;
        if (h.policy) header.policy = h.policy.value;
        if (h.requires) {
          for (const n of h.requires.value) {
            if (isEntryLayer) placeholders.add(n.text);
            model.requires.add(n.text);
          }
        }
      }
      for (const item of file.items) {
        switch (item.kind) {
          case 'Unit':
            if (declare(item, layerIndex)) model.units.set(item.id.text, item);
            break;
          case 'Group':
            if (declare(item, layerIndex)) model.groups.set(item.id.text, item);
            break;
          case 'Person':
            if (declare(item, layerIndex)) model.persons.set(item.id.text, item);
            break;
          case 'Policy':
            if (declare(item, layerIndex)) model.policies.set(item.id.text, item);
            break;
          case 'Indicator':
            if (declare(item, layerIndex)) model.indicators.set(item.id.text, item);
            break;
          case 'Report':
            if (declare(item, layerIndex)) model.reports.set(item.id.text, item);
            break;
          case 'Area': {
            let area = model.areas.find((a) => a.areaKind === item.areaKind);
            if (!area) {
              area = { areaKind: item.areaKind, tasks: [], nodes: [] };
              model.areas.push(area);
            }
            area.nodes.push(item);
            if (item.title) area.title = item.title.value;
            if (item.policy) area.policy = item.policy.value;
            for (const t of item.tasks) {
              if (declare(t, layerIndex)) {
                area.tasks.push(t);
                model.tasks.set(t.id.text, { task: t, area });
              }
            }
            break;
          }
          default:
            break;
        }
      }
    }
    // Names a template requires must come from the layers that extend it.
    if (!isEntryLayer) {
      const next = loaded.layers[layerIndex + 1];
      const root = next ? files.get(next.root) : undefined;
      const h = root?.items.find((i) => i.kind === 'PlanHeader');
      const template = files.get(layer.root)?.items.find((i) => i.kind === 'PlanHeader');
      if (template?.kind === 'PlanHeader' && template.requires && next) {
        const via = loaded.layers[layerIndex]?.via;
        const provided = new Set<string>();
        for (const later of loaded.layers.slice(layerIndex + 1)) {
          for (const p of later.files) {
            for (const it of files.get(p)?.items ?? []) if ('id' in it) provided.add(it.id.text);
          }
        }
        for (const n of template.requires.value) {
          if (!provided.has(n.text)) {
            const at = via ?? h ?? n;
            diagnostics.push(diagnostic('DD3008', at.loc.file, at.loc.range, { name: n.text }));
          }
        }
      }
    }
  });

  // ---- references ------------------------------------------------------------------------------
  const used = new Set<string>();
  const lookup = (name: Name, kinds: readonly NameKind[]): NameKind | 'placeholder' | undefined => {
    if (placeholders.has(name.text) && !symbols.get('org')?.has(name.text)) {
      used.add(name.text);
      return 'placeholder';
    }
    for (const ns of new Set(kinds.map((k) => NAMESPACE[k]))) {
      const found = symbols.get(ns)?.get(name.text);
      if (!found) continue;
      const actual = nameKindOf(found.decl);
      if (kinds.includes(actual)) {
        used.add(name.text);
        return actual;
      }
      diagnostics.push(
        diagnostic('DD3003', name.loc.file, name.loc.range, {
          name: name.text,
          actual: KIND_TEXT[actual][0],
          actualEn: KIND_TEXT[actual][1],
          expected: kindsText(kinds, 0),
          expectedEn: kindsText(kinds, 1),
        }),
      );
      return undefined;
    }
    // Known but in another namespace?
    for (const [, table] of symbols) {
      const found = table.get(name.text);
      if (found) {
        const actual = nameKindOf(found.decl);
        diagnostics.push(
          diagnostic('DD3003', name.loc.file, name.loc.range, {
            name: name.text,
            actual: KIND_TEXT[actual][0],
            actualEn: KIND_TEXT[actual][1],
            expected: kindsText(kinds, 0),
            expectedEn: kindsText(kinds, 1),
          }),
        );
        return undefined;
      }
    }
    const candidates: string[] = [];
    for (const ns of new Set(kinds.map((k) => NAMESPACE[k]))) {
      for (const [n, s] of symbols.get(ns) ?? []) if (kinds.includes(nameKindOf(s.decl))) candidates.push(n);
    }
    const guess = closest(name.text, candidates);
    diagnostics.push(
      diagnostic(
        'DD3001',
        name.loc.file,
        name.loc.range,
        { name: name.text, what: kindsText(kinds, 0), whatEn: kindsText(kinds, 1).replace(/\ban? /g, '') },
        guess ? { vi: `Có phải ý bạn là "${guess}"?`, en: `Did you mean "${guess}"?` } : undefined,
      ),
    );
    return undefined;
  };

  const usedKinds = new Set<string>();
  const items = (list: readonly Item[] | undefined, kinds: readonly NameKind[]) => {
    for (const it of list ?? []) {
      if (it.kind === 'name') lookup(it.name, kinds);
      else if (it.kind === 'under') lookup(it.parent, ['unit']);
      else if (it.kind === 'ofKind') usedKinds.add(it.unitKind.toLowerCase());
    }
  };

  const h = header;
  if (h.issuer) lookup(h.issuer, ['unit']);
  if (h.policy) lookup(h.policy, ['policy']);
  for (const u of model.units.values()) {
    if (u.parent) lookup(u.parent.value, ['unit']);
    if (u.head?.value.kind === 'person') lookup(u.head.value.person, ['person']);
  }
  for (const g of model.groups.values()) {
    items(g.members?.value, ['unit', 'group']);
    items(g.except?.value, ['unit', 'group']);
  }
  for (const p of model.persons.values()) if (p.unit) lookup(p.unit.value, ['unit']);
  for (const p of model.policies.values()) {
    for (const l of p.escalation?.value ?? []) items(l.recipients, ['person', 'unit', 'group']);
  }
  for (const a of model.areas) if (a.policy) lookup(a.policy, ['policy']);
  for (const { task } of model.tasks.values()) {
    items(task.lead?.value, ['unit', 'group']);
    items(task.support?.value, ['unit', 'group']);
    items(task.dependsOn?.value, ['task']);
    if (task.policy) lookup(task.policy.value, ['policy']);
    const f = task.deadline?.value.form;
    if (f?.kind === 'after' && f.after.kind === 'task') lookup(f.after.task, ['task']);
  }
  for (const ind of model.indicators.values()) items(ind.reportedBy?.value, ['unit', 'group']);
  for (const r of model.reports.values()) {
    items(r.recipients?.value, ['person', 'unit', 'group']);
    if (r.preparedBy) lookup(r.preparedBy.value, ['unit']);
  }

  // ---- groups --------------------------------------------------------------------------------
  const expanding: string[] = [];
  const reportedCycles = new Set<string>();
  const expand = (id: string): string[] => {
    const done = model.groupUnits.get(id);
    if (done) return done;
    const g = model.groups.get(id);
    if (!g) return [];
    if (expanding.includes(id)) {
      const cycle = [...expanding.slice(expanding.indexOf(id)), id];
      const key = [...cycle].sort().join(',');
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        diagnostics.push(diagnostic('DD4017', g.id.loc.file, g.id.loc.range, { cycle: cycle.join(' → ') }));
      }
      return [];
    }
    expanding.push(id);
    const collect = (list: readonly Item[] | undefined): string[] => {
      const out: string[] = [];
      for (const it of list ?? []) {
        if (it.kind === 'name') {
          if (model.units.has(it.name.text)) out.push(it.name.text);
          else if (model.groups.has(it.name.text)) out.push(...expand(it.name.text));
        } else if (it.kind === 'ofKind') {
          const k = it.unitKind.toLowerCase();
          for (const u of model.units.values())
            if (u.unitKind?.value.toLowerCase() === k) out.push(u.id.text);
        } else if (it.kind === 'under') {
          for (const u of model.units.values())
            if (u.parent?.value.text === it.parent.text) out.push(u.id.text);
        }
      }
      return out;
    };
    const except = new Set(collect(g.except?.value));
    const members = [...new Set(collect(g.members?.value))].filter((u) => !except.has(u));
    expanding.pop();
    model.groupUnits.set(id, members);
    return members;
  };
  for (const id of model.groups.keys()) expand(id);

  // Units reached through used groups or used kinds count as used.
  for (const [id, members] of model.groupUnits) if (used.has(id)) for (const u of members) used.add(u);
  for (const u of model.units.values()) {
    if (u.unitKind && usedKinds.has(u.unitKind.value.toLowerCase())) used.add(u.id.text);
  }
  return { model, diagnostics, used };
}
