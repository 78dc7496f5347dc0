import { formatDeadline, formatTimeLeft, timeLeft } from '../../../presentation/index.js';
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
  /** The end of the day by which the unit should acknowledge (when the plan asks for it). */
  acknowledgeBy: string | null;
  /** An extension request is waiting for Home Affairs' decision. */
  extensionPending: boolean;
  /** In the list: the caller sees it as a coordinating unit ("phối hợp"), not as the lead. */
  coordinating?: boolean;
  /** The officer (chuyên viên) the work is given to. */
  officerLogin: string | null;
  officerName: string | null;
}

/** How many days a deadline is away: badges show it from a week before. */
const SOON_DAYS = 7;

export function StatusBadges({ a, now = Date.now() }: { a: AssignmentItem; now?: number }) {
  const { tr, tx, lang } = useLang();
  const label: Text = STATUS_LABEL[a.status] ?? { vi: a.status, en: a.status };
  const open = a.status !== 'done' && a.status !== 'cancelled';
  const left = open && a.active && a.dueAt ? timeLeft(a.dueAt, now) : null;
  return (
    <span class="badges">
      <Badge tone={a.status === 'done' ? 'green' : a.status === 'cancelled' ? 'grey' : 'blue'}>
        {tx(label)}
      </Badge>
      {a.status === 'done' && a.completedLate && <Badge tone="amber">{tr('trễ hạn', 'late')}</Badge>}
      {left && (left.urgency !== 'upcoming' || left.days <= SOON_DAYS) && (
        <Badge tone={left.urgency === 'overdue' ? 'red' : 'amber'}>
          {formatTimeLeft(a.dueAt, now, lang)}
        </Badge>
      )}
      {open && a.extensionPending && (
        <Badge tone="amber">{tr('Chờ duyệt gia hạn', 'Extension awaiting decision')}</Badge>
      )}
      {a.escalationLevel > 0 && open && (
        <Badge tone="red">
          {tr(`Đã leo thang lần ${a.escalationLevel}`, `Escalated, step ${a.escalationLevel}`)}
        </Badge>
      )}
      {!a.active && <Badge tone="grey">{tr('Chưa đến kỳ', 'Not yet started')}</Badge>}
    </span>
  );
}

/** "hạn tiếp nhận 12/03/2027" while the unit has not acknowledged and the plan sets a day for it. */
export function AcknowledgeBy({ a }: { a: AssignmentItem }) {
  const { tr, lang } = useLang();
  if (a.status !== 'assigned' || !a.acknowledgeBy) return null;
  return (
    <span data-testid="acknowledge-by">
      {tr('hạn tiếp nhận', 'acknowledge by')} {formatDeadline(a.acknowledgeBy, lang)}
    </span>
  );
}

export const assignmentPath = (id: string) => `/assignments/${encodeURIComponent(id)}`;
