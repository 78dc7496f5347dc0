// The inbox: the assignments the user may see, most urgent first (overdue, unacknowledged, by deadline), with
// the quick action a unit uses most (acknowledge) on each card, and the unit's calendar link. Tasks the user's
// unit coordinates are listed too, marked "phối hợp"; "Việc của tôi" narrows to the work given to the user.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api, newKey } from '../api.js';
import { formatDeadline } from '../../../presentation/index.js';
import {
  AcknowledgeBy,
  assignmentPath,
  StatusBadges,
  type AssignmentItem,
} from '../components/assignment-bits.js';
import {
  Async,
  Badge,
  Empty,
  FeedbackLine,
  PageTitle,
  asProblem,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { useLang } from '../i18n.js';
import { hasRole, useSession } from '../session.js';

const PAGE = 50;

export function InboxPage() {
  const { tr, lang } = useLang();
  const { user } = useSession();
  const { query } = useLocation();
  const [status, setStatus] = useState(query.status ?? '');
  const [overdue, setOverdue] = useState(query.overdue === 'true');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [mine, setMine] = useState(query.mine === 'true');
  const [coordinator, setCoordinator] = useState(query.coordinator ?? '');
  const [offset, setOffset] = useState(0);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [acting, setActing] = useState<string | null>(null);
  const plan = query.plan;
  const list = useLoad(
    (signal) =>
      api<{ rows: AssignmentItem[]; total: number }>(
        'GET',
        `/assignments?${new URLSearchParams({
          ...(plan ? { plan } : {}),
          ...(status ? { status } : {}),
          ...(overdue ? { overdue: 'true' } : {}),
          ...(includeInactive ? { includeInactive: 'true' } : {}),
          ...(mine ? { mine: 'true' } : {}),
          ...(coordinator ? { coordinator } : {}),
          limit: String(PAGE),
          offset: String(offset),
        }).toString()}`,
        { signal },
      ),
    [plan, status, overdue, includeInactive, mine, coordinator, offset],
  );
  const memberUnits = user!.roles.flatMap((r) =>
    (r.role === 'unit_member' || r.role === 'unit_head') && r.unit ? [r.unit] : [],
  );
  const memberOf = new Set(memberUnits.map((u) => u.code));
  const member = hasRole(user, 'unit_member', 'unit_head');
  const officer = hasRole(user, 'officer');

  async function acknowledge(a: AssignmentItem) {
    setActing(a.id);
    setFeedback(null);
    try {
      await api('POST', `/assignments/${encodeURIComponent(a.id)}/acknowledge`, {
        body: {},
        idempotencyKey: newKey(),
      });
      setFeedback({ kind: 'ok', text: tr(`Đã tiếp nhận: ${a.title}`, `Acknowledged: ${a.title}`) });
      list.reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setActing(null);
    }
  }

  return (
    <section>
      <PageTitle
        sub={tr(
          'Sắp theo mức độ khẩn: quá hạn, chưa tiếp nhận, rồi theo hạn.',
          'Most urgent first: overdue, not acknowledged, then by deadline.',
        )}
      >
        {member || officer ? tr('Việc của tôi', 'My tasks') : tr('Nhiệm vụ', 'Assignments')}
      </PageTitle>
      <div class="filters" role="search">
        <label>
          {tr('Trạng thái', 'Status')}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              setOffset(0);
            }}
          >
            <option value="">{tr('Tất cả', 'All')}</option>
            <option value="assigned">{tr('Chưa tiếp nhận', 'Not acknowledged')}</option>
            <option value="acknowledged">{tr('Đã tiếp nhận', 'Acknowledged')}</option>
            <option value="in_progress">{tr('Đang thực hiện', 'In progress')}</option>
            <option value="done">{tr('Đã hoàn thành', 'Done')}</option>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => {
              setOverdue(e.currentTarget.checked);
              setOffset(0);
            }}
          />{' '}
          {tr('Chỉ việc quá hạn', 'Overdue only')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={includeInactive}
            onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
          />{' '}
          {tr('Cả kỳ sau', 'Later occurrences too')}
        </label>
        {memberUnits.length > 0 && (
          <label>
            {tr('Đơn vị phối hợp', 'Coordinating unit')}
            <select
              value={coordinator}
              onChange={(e) => {
                setCoordinator(e.currentTarget.value);
                setOffset(0);
              }}
            >
              <option value="">{tr('Mọi nhiệm vụ', 'Every task')}</option>
              {memberUnits.map((u) => (
                <option key={u.code} value={u.code}>
                  {tr(`Việc ${u.name} phối hợp`, `Coordinated by ${u.name}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {(member || officer) && (
          <label class="check">
            <input
              type="checkbox"
              checked={mine}
              onChange={(e) => {
                setMine(e.currentTarget.checked);
                setOffset(0);
              }}
            />{' '}
            {tr('Chỉ việc giao cho tôi', 'Only the work given to me')}
          </label>
        )}
      </div>
      <FeedbackLine feedback={feedback} />
      <Async loaded={list}>
        {({ rows: items, total }) =>
          items.length === 0 ? (
            <Empty>{tr('Không có nhiệm vụ nào.', 'No assignments.')}</Empty>
          ) : (
            <>
              <ul class="cards" data-testid="inbox">
                {items.map((a) => (
                  <li
                    key={a.id}
                    class={`card ${a.overdue && a.status !== 'done' ? 'overdue' : ''} ${a.coordinating ? 'coordinating' : ''}`}
                  >
                    <a href={assignmentPath(a.id)} class="title">
                      {a.title}
                    </a>
                    <div class="meta">
                      {a.coordinating && (
                        <>
                          <Badge tone="blue">{tr('phối hợp', 'coordinating')}</Badge>{' '}
                        </>
                      )}
                      <span class="mono">{a.taskId}</span>
                      {a.occurrence && <span> · {a.occurrence}</span>} ·{' '}
                      {a.coordinating ? `${tr('chủ trì', 'lead')}: ${a.unitName}` : a.unitName}
                      {a.officerName && (
                        <span>
                          {' '}
                          · {tr('chuyên viên', 'officer')}: {a.officerName}
                        </span>
                      )}{' '}
                      · {tr('hạn', 'due')} <strong>{formatDeadline(a.dueAt, lang)}</strong>
                      {a.progressPercent > 0 && a.status !== 'done' && <span> · {a.progressPercent} %</span>}
                      {/* The lead's acknowledgement deadline is not the coordinating unit's. */}
                      {a.status === 'assigned' && a.acknowledgeBy && !a.coordinating && (
                        <>
                          {' · '}
                          <AcknowledgeBy a={a} />
                        </>
                      )}
                    </div>
                    <StatusBadges a={a} />
                    {a.status === 'assigned' && a.active && memberOf.has(a.unitCode) && (
                      <button
                        type="button"
                        class="primary small"
                        disabled={acting === a.id}
                        onClick={() => void acknowledge(a)}
                        aria-label={`${tr('Tiếp nhận', 'Acknowledge')}: ${a.title}`}
                      >
                        {tr('Tiếp nhận', 'Acknowledge')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <nav class="pager" aria-label={tr('Trang', 'Pages')}>
                <span class="muted">
                  {tr(
                    `${offset + 1}–${offset + items.length} trong ${total}`,
                    `${offset + 1}–${offset + items.length} of ${total}`,
                  )}
                </span>
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  ← {tr('Trước', 'Previous')}
                </button>
                <button
                  type="button"
                  disabled={offset + items.length >= total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  {tr('Sau', 'Next')} →
                </button>
              </nav>
            </>
          )
        }
      </Async>
      {member && <CalendarLinks units={memberUnits} />}
    </section>
  );
}

function CalendarLinks({ units }: { units: { code: string; name: string }[] }) {
  const { tr } = useLang();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [feedback, setFeedback] = useState<Feedback>(null);
  async function show(unit: string, rotate = false) {
    try {
      const r = await api<{ url: string }>(
        rotate ? 'POST' : 'GET',
        `/units/${unit}/calendar${rotate ? '/rotate' : ''}`,
      );
      setUrls({ ...urls, [unit]: r.url });
      if (rotate)
        setFeedback({
          kind: 'ok',
          text: tr('Đã đổi đường dẫn; đường dẫn cũ hết hiệu lực.', 'New link; the old one no longer works.'),
        });
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    }
  }
  return (
    <section class="calendar-links">
      <h2>{tr('Lịch hạn của đơn vị (iCal)', "My unit's deadlines (iCal)")}</h2>
      <p class="muted">
        {tr(
          'Thêm đường dẫn này vào Lịch Google, Outlook hoặc điện thoại để thấy các hạn và được nhắc trước một ngày.',
          'Add this address to Google Calendar, Outlook or your phone to see the deadlines with an alarm a day before.',
        )}
      </p>
      <FeedbackLine feedback={feedback} />
      {units.map(({ code: u, name }) => (
        <div key={u} class="ical">
          <span>{name}</span>{' '}
          {urls[u] ? (
            <>
              <input
                readOnly
                value={urls[u]}
                aria-label={tr('Đường dẫn lịch', 'Calendar address')}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button type="button" onClick={() => void show(u, true)}>
                {tr('Đổi đường dẫn', 'New link')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => void show(u)}>
              {tr('Xem đường dẫn', 'Show the link')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
