import type { Text } from '../api.js';
import { STATUS_LABEL, useLang } from '../i18n.js';
import { Badge } from './ui.js';

export interface AssignmentItem {
  id: string;
  taskId: string;
  occurrence: string;
  unitCode: string;
  unitName: string;
  title: string;
  area: string | null;
  dueAt: string | null;
  dueDate: string | null;
  status: string;
  progressPercent: number;
  escalationLevel: number;
  kind: string;
  active: boolean;
  overdue: boolean;
  completedLate: boolean | null;
  acknowledgedAt: string | null;
  completedAt: string | null;
  planCode: string | null;
}

const DAY = 86_400_000;

/** Whole days from now to the deadline (negative when overdue). */
export function daysLeft(dueAt: string | null, now = Date.now()): number | null {
  if (!dueAt) return null;
  const diff = Date.parse(dueAt) - now;
  return diff >= 0 ? Math.ceil(diff / DAY) : -Math.floor(-diff / DAY);
}

export function StatusBadges({ a }: { a: AssignmentItem }) {
  const { tr, tx } = useLang();
  const left = daysLeft(a.dueAt);
  const label: Text = STATUS_LABEL[a.status] ?? { vi: a.status, en: a.status };
  return (
    <span class="badges">
      <Badge tone={a.status === 'done' ? 'green' : a.status === 'cancelled' ? 'grey' : 'blue'}>
        {tx(label)}
      </Badge>
      {a.status === 'done' && a.completedLate && <Badge tone="amber">{tr('trễ hạn', 'late')}</Badge>}
      {a.overdue && a.status !== 'done' && a.status !== 'cancelled' && (
        <Badge tone="red">
          {tr('Quá hạn', 'Overdue')} {left !== null ? tr(`${-left} ngày`, `${-left} d`) : ''}
        </Badge>
      )}
      {!a.overdue && a.status !== 'done' && a.status !== 'cancelled' && left !== null && left <= 7 && (
        <Badge tone="amber">{tr(`Còn ${left} ngày`, `${left} d left`)}</Badge>
      )}
      {a.escalationLevel > 0 && a.status !== 'done' && (
        <Badge tone="red">
          {tr(`Leo thang bậc ${a.escalationLevel}`, `Escalated, level ${a.escalationLevel}`)}
        </Badge>
      )}
      {!a.active && <Badge tone="grey">{tr('Chưa đến kỳ', 'Not yet started')}</Badge>}
    </span>
  );
}

export const assignmentPath = (id: string) => `/assignments/${encodeURIComponent(id)}`;
