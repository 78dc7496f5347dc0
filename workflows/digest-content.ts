// What a digest says: open escalations grouped by unit, days overdue, level, and a red/amber/green roll-up.
// Pure (runs in the workflow sandbox), so the same entries at the same instant always give the same digest.
import type { DigestContent, DigestEntry, Rag, Recipient } from './contracts.js';

const MS_PER_DAY = 86_400_000;

/** Overdue this long (calendar days) is red whatever the level; the provincial practice flags long delays. */
export const RED_AFTER_DAYS = 30;

export function daysOverdue(dueAt: string, at: string): number {
  return Math.max(0, Math.floor((Date.parse(at) - Date.parse(dueAt)) / MS_PER_DAY));
}

/**
 * Red: a unit with an entry at level 2 or more, or overdue RED_AFTER_DAYS days; amber: only level-1 entries.
 * Green counts the units listed in the previous digest that have nothing open now (resolved since).
 */
export function buildDigest(
  planCode: string,
  recipient: Recipient,
  at: string,
  entries: readonly DigestEntry[],
  lastUnits: readonly string[],
): DigestContent {
  const byUnit = new Map<string, DigestEntry[]>();
  for (const e of entries) {
    const list = byUnit.get(e.unit.code) ?? [];
    list.push(e);
    byUnit.set(e.unit.code, list);
  }
  const units = [...byUnit.values()]
    .map((list) => {
      const items = list
        .map((e) => ({
          assignmentId: e.assignmentId,
          taskId: e.task.id,
          title: e.task.title,
          occurrence: e.occurrence,
          dueAt: e.dueAt,
          daysOverdue: daysOverdue(e.dueAt, at),
          level: e.level,
          ...(e.waitingFor?.length ? { waitingFor: e.waitingFor } : {}),
        }))
        .sort(
          (a, b) => b.level - a.level || b.daysOverdue - a.daysOverdue || cmp(a.assignmentId, b.assignmentId),
        );
      const red = items.some((i) => i.level >= 2 || i.daysOverdue >= RED_AFTER_DAYS);
      const rag: Rag = red ? 'red' : 'amber';
      return { unit: list[0]!.unit, rag, items };
    })
    .sort((a, b) => rank(a.rag) - rank(b.rag) || cmp(a.unit.code, b.unit.code));
  const green = lastUnits.filter((u) => !byUnit.has(u)).length;
  return {
    key: `digest/${planCode}/${recipient.kind}:${recipient.id}/${at}`,
    planCode,
    recipient,
    at,
    units,
    rollUp: {
      red: units.filter((u) => u.rag === 'red').length,
      amber: units.filter((u) => u.rag === 'amber').length,
      green,
      openEscalations: entries.length,
    },
  };
}

const rank = (r: Rag) => (r === 'red' ? 0 : r === 'amber' ? 1 : 2);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
