// One assignment: what the plan says (basis document, expected output, criterion), who does it (the lead unit,
// its officer, the coordinating units and how far each has got), when, the actions the user may take, the files
// and comments (their own components, in the two slots below), and the full history. Every action is the
// engine's update; the answer (accepted, or refused with the engine's reason) is shown beside the form.
import { useRoute } from 'preact-iso';
import { useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, newKey } from '../api.js';
import {
  formatDate,
  formatDateTime,
  formatDeadline,
  formatPeriodLabel,
  formatTimeLeft,
  stepLabel,
} from '../../../presentation/index.js';
import { StatusBadges, type AssignmentItem } from '../components/assignment-bits.js';
import { DateInput } from '../components/date-input.js';
import {
  Async,
  Badge,
  FeedbackLine,
  PageTitle,
  asProblem,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { EXTENSION_STATUS_LABEL, todayVn, useLang, type LangApi } from '../i18n.js';
import { isHomeAffairs, useSession } from '../session.js';
import { AssignmentComments } from '../components/assignment-comments.js';
import { AssignmentFiles } from '../components/assignment-files.js';
import type { UnitPerson } from './people.js';

interface Detail extends AssignmentItem {
  events: {
    id: string;
    type: string;
    /** Who, as people read it: a person's name and unit; the engine itself, or an e-mail link. */
    by: Actor;
    occurredAt: string;
    payload: Record<string, unknown>;
  }[];
  extensions: {
    id: string;
    requestedByName: string | null;
    requestedAt: string;
    newDueDate: string;
    reason: string;
    status: string;
    decidedByName: string | null;
    decisionNote: string | null;
  }[];
  notifications: { kind: string; recipient: string | null; dueAt: string; sentAt: string | null }[];
  /** What the plan says of the task; null for an assignment outside a published plan. */
  plan: {
    planTitle: string;
    decisionNumber: string | null;
    decisionDate: string | null;
    output: string | null;
    criterion: string | null;
    note: string | null;
    coordinatorsMustReport: boolean;
  } | null;
  coordinators: {
    unitCode: string;
    unitName: string;
    acknowledgedAt: string | null;
    reportedAt: string | null;
    contributions: number;
  }[];
  contributions: {
    unitCode: string;
    unitName: string;
    at: string;
    by: Actor;
    note: string;
    evidence: Record<string, string | undefined> | null;
  }[];
  yourPart: { lead: boolean; officer: boolean; coordinatorFor: string[]; mayAssignOfficer: boolean };
}

interface Actor {
  kind: 'person' | 'engine' | 'email_link';
  name: string | null;
}

/** "Nguyễn Văn A (Bộ phận một cửa)", "Hệ thống" for the engine, or the unit through the e-mail's link. */
export function actorText(by: Actor | undefined, { tr }: Pick<LangApi, 'tr'>): string {
  if (by?.kind === 'person' && by.name) return by.name;
  if (by?.kind === 'email_link')
    return tr('Đơn vị (qua đường dẫn trong thư)', 'The unit (through the e-mail link)');
  return tr('Hệ thống', 'The system');
}

export function AssignmentPage() {
  const { params } = useRoute();
  const id = decodeURIComponent(params.id!);
  const loaded = useLoad(
    (signal) => api<Detail>('GET', `/assignments/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  return <Async loaded={loaded}>{(a) => <AssignmentView a={a} reload={loaded.reload} />}</Async>;
}

function AssignmentView({ a, reload }: { a: Detail; reload: () => void }) {
  const lang$ = useLang();
  const { tr, tx, lang } = lang$;
  const { user } = useSession();
  // The lead unit's people, the officer the work is given to (and the administrator) act on the work itself.
  const member = a.yourPart.lead || a.yourPart.officer || user!.roles.some((r) => r.role === 'admin');
  const unitName = (code: string) => a.coordinators.find((c) => c.unitCode === code)?.unitName ?? '';
  const ha = isHomeAffairs(user);
  const open = a.status !== 'done' && a.status !== 'cancelled';
  const pending = a.extensions.find((x) => x.status === 'pending');
  const path = `/assignments/${encodeURIComponent(a.id)}`;
  return (
    <section>
      <PageTitle
        sub={
          <>
            {a.taskId}
            {a.occurrence ? ` · ${formatPeriodLabel(a.occurrence, lang)}` : ''}
          </>
        }
      >
        {a.title}
      </PageTitle>
      <StatusBadges a={a} />
      <div class="assignment-columns">
        <section aria-labelledby="plan-says">
          <h2 id="plan-says">{tr('Theo kế hoạch', 'What the plan says')}</h2>
          <dl class="facts" data-testid="plan-says">
            {a.plan && (
              <>
                <dt>{tr('Kế hoạch', 'Plan')}</dt>
                <dd>{a.plan.planTitle}</dd>
                {a.plan.decisionNumber && (
                  <>
                    <dt>{tr('Căn cứ', 'Basis')}</dt>
                    <dd data-testid="basis">
                      {tr('Văn bản số', 'Document no.')} {a.plan.decisionNumber}
                      {a.plan.decisionDate ? ` ${tr('ngày', 'of')} ${formatDate(a.plan.decisionDate)}` : ''}
                    </dd>
                  </>
                )}
                <dt>{tr('Sản phẩm', 'Expected output')}</dt>
                <dd>{a.plan.output ?? tr('Kế hoạch không nêu', 'Not stated in the plan')}</dd>
                {a.plan.criterion && (
                  <>
                    <dt>{tr('Tiêu chí', 'Criterion')}</dt>
                    <dd>{a.plan.criterion}</dd>
                  </>
                )}
                {a.plan.note && (
                  <>
                    <dt>{tr('Ghi chú', 'Note')}</dt>
                    <dd>{a.plan.note}</dd>
                  </>
                )}
              </>
            )}
            <dt>{tr('Đơn vị chủ trì', 'Lead unit')}</dt>
            <dd>{a.unitName}</dd>
            {a.coordinators.length > 0 && (
              <>
                <dt>{tr('Đơn vị phối hợp', 'Coordinating units')}</dt>
                <dd>{a.coordinators.map((c) => c.unitName).join('; ')}</dd>
              </>
            )}
            {a.acknowledgeBy && (
              <>
                <dt>{tr('Hạn tiếp nhận', 'Acknowledge by')}</dt>
                <dd data-testid="acknowledge-by">{formatDeadline(a.acknowledgeBy, lang)}</dd>
              </>
            )}
          </dl>
        </section>
        <section aria-labelledby="progress-facts">
          <h2 id="progress-facts">{tr('Thực hiện', 'Progress')}</h2>
          <dl class="facts">
            <dt>{tr('Chuyên viên thực hiện', 'Officer')}</dt>
            <dd data-testid="officer">
              {a.officerName ?? tr('Chưa giao cho chuyên viên', 'Not given to an officer yet')}
            </dd>
            <dt>{tr('Hạn', 'Deadline')}</dt>
            <dd data-testid="deadline">
              {formatDeadline(a.dueAt, lang)}
              {open && a.active && a.dueAt && (
                <span class="muted"> · {formatTimeLeft(a.dueAt, Date.now(), lang)}</span>
              )}
            </dd>
            {pending && (
              <>
                <dt>{tr('Gia hạn', 'Extension')}</dt>
                <dd data-testid="extension-pending">
                  {tr('Chờ duyệt gia hạn đến', 'Awaiting a decision: extension to')}{' '}
                  {formatDate(pending.newDueDate)}
                </dd>
              </>
            )}
            <dt>{tr('Tiến độ', 'Progress')}</dt>
            <dd>
              <progress
                max={100}
                value={a.status === 'done' ? 100 : a.progressPercent}
                aria-label={tr('Tiến độ', 'Progress')}
              />{' '}
              {a.status === 'done' ? 100 : a.progressPercent} %
            </dd>
            <dt>{tr('Tiếp nhận lúc', 'Acknowledged')}</dt>
            <dd>{formatDateTime(a.acknowledgedAt, lang)}</dd>
            <dt>{tr('Hoàn thành lúc', 'Completed')}</dt>
            <dd>{formatDateTime(a.completedAt, lang)}</dd>
          </dl>
        </section>
      </div>

      {a.coordinators.length > 0 && <Coordination a={a} />}

      <div class="action-grid">
        {a.yourPart.coordinatorFor.map((code) => (
          <CoordinatorActions
            key={code}
            a={a}
            unit={code}
            unitName={unitName(code)}
            path={path}
            done={reload}
          />
        ))}
        {member && open && a.active && a.status === 'assigned' && (
          <ActionForm
            title={tr('Tiếp nhận nhiệm vụ', 'Acknowledge')}
            path={`${path}/acknowledge`}
            done={reload}
            submit={tr('Tiếp nhận', 'Acknowledge')}
          >
            {(v, set) => (
              <TextArea
                label={tr('Ghi chú (không bắt buộc)', 'Note (optional)')}
                value={v.note}
                onInput={(x) => set({ note: x })}
              />
            )}
          </ActionForm>
        )}
        {member && open && a.active && (
          <ActionForm
            title={tr('Báo cáo tiến độ', 'Report progress')}
            path={`${path}/progress`}
            done={reload}
            submit={tr('Gửi tiến độ', 'Send progress')}
            body={(v) => ({
              percent: Number(v.percent ?? a.progressPercent),
              ...(v.note ? { note: v.note } : {}),
            })}
          >
            {(v, set) => (
              <>
                <label>
                  {tr('Phần trăm hoàn thành', 'Percent done')}
                  <input
                    type="number"
                    min={0}
                    max={100}
                    required
                    value={v.percent ?? String(a.progressPercent)}
                    onInput={(e) => set({ percent: e.currentTarget.value })}
                  />
                </label>
                <TextArea label={tr('Ghi chú', 'Note')} value={v.note} onInput={(x) => set({ note: x })} />
              </>
            )}
          </ActionForm>
        )}
        {member && open && a.active && (
          <ActionForm
            title={tr('Hoàn thành, kèm minh chứng', 'Complete, with evidence')}
            path={`${path}/complete`}
            done={reload}
            submit={tr('Báo cáo hoàn thành', 'Report done')}
            body={(v) => ({
              evidence: Object.fromEntries(
                Object.entries({
                  documentNumber: v.documentNumber,
                  documentDate: v.documentDate,
                  link: v.link,
                  note: v.note,
                }).filter(([, x]) => x),
              ),
            })}
          >
            {(v, set) => (
              <>
                <label>
                  {tr('Số văn bản', 'Document number')}
                  <input
                    value={v.documentNumber ?? ''}
                    placeholder="123/BC-UBND"
                    onInput={(e) => set({ documentNumber: e.currentTarget.value })}
                  />
                </label>
                <label>
                  {tr('Ngày văn bản', 'Document date')}
                  <DateInput value={v.documentDate ?? ''} onChange={(x) => set({ documentDate: x })} />
                </label>
                <label>
                  {tr('Đường dẫn', 'Link')}
                  <input
                    type="url"
                    value={v.link ?? ''}
                    placeholder="https://"
                    onInput={(e) => set({ link: e.currentTarget.value })}
                  />
                </label>
                <TextArea label={tr('Ghi chú', 'Note')} value={v.note} onInput={(x) => set({ note: x })} />
              </>
            )}
          </ActionForm>
        )}
        {member && open && a.active && !pending && (
          <ActionForm
            title={tr('Đề nghị gia hạn', 'Ask for an extension')}
            path={`${path}/extension-requests`}
            done={reload}
            submit={tr('Gửi đề nghị', 'Send the request')}
          >
            {(v, set) => (
              <>
                <label>
                  {tr('Hạn mới đề nghị (ngày cuối)', 'New deadline asked (last day)')}
                  <DateInput
                    required
                    min={todayVn()}
                    value={v.newDueDate ?? ''}
                    onChange={(x) => set({ newDueDate: x })}
                  />
                </label>
                <TextArea
                  required
                  label={tr('Lý do', 'Reason')}
                  value={v.reason}
                  onInput={(x) => set({ reason: x })}
                />
              </>
            )}
          </ActionForm>
        )}
        {a.yourPart.mayAssignOfficer && open && (
          <AssignOfficer a={a} path={`${path}/officer`} done={reload} />
        )}
        {ha && pending && (
          <DecideExtension path={`${path}/extension-decision`} request={pending} done={reload} />
        )}
        {ha && a.status === 'done' && (
          <ActionForm
            title={tr('Mở lại (minh chứng chưa đạt)', 'Reopen (evidence not accepted)')}
            path={`${path}/reopen`}
            done={reload}
            submit={tr('Mở lại', 'Reopen')}
          >
            {(v, set) => (
              <TextArea
                required
                label={tr('Lý do', 'Reason')}
                value={v.reason}
                onInput={(x) => set({ reason: x })}
              />
            )}
          </ActionForm>
        )}
        {ha && open && (
          <ActionForm
            title={tr('Hủy nhiệm vụ', 'Cancel the assignment')}
            path={`${path}/cancel`}
            done={reload}
            submit={tr('Hủy', 'Cancel it')}
            danger
          >
            {(v, set) => (
              <TextArea
                required
                label={tr('Lý do', 'Reason')}
                value={v.reason}
                onInput={(x) => set({ reason: x })}
              />
            )}
          </ActionForm>
        )}
      </div>

      {/* Files (tệp minh chứng) and comments are their own components, in this order. */}
      <AssignmentFiles assignmentId={a.id} canUpload={member || a.yourPart.coordinatorFor.length > 0} />
      <AssignmentComments assignmentId={a.id} canWrite={user!.roles.some((r) => r.role !== 'viewer')} />

      {a.extensions.length > 0 && (
        <>
          <h2>{tr('Đề nghị gia hạn', 'Extension requests')}</h2>
          <ul class="plain">
            {a.extensions.map((x) => (
              <li key={x.id}>
                {formatDateTime(x.requestedAt, lang)} · {x.requestedByName ?? tr('Hệ thống', 'The system')}:{' '}
                {tr('đến', 'to')} {formatDate(x.newDueDate)} — {x.reason} ·{' '}
                <strong>{tx(EXTENSION_STATUS_LABEL[x.status] ?? { vi: x.status, en: x.status })}</strong>
                {x.decidedByName && ` · ${x.decidedByName}`}
                {x.decisionNote && ` (${x.decisionNote})`}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{tr('Diễn biến', 'History')}</h2>
      <ol class="timeline">
        {a.events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, lang)}</time>{' '}
            <strong>{stepLabel(e.type, lang)}</strong> · <span class="muted">{actorText(e.by, lang$)}</span>
            {typeof e.payload.note === 'string' && <div class="note">{e.payload.note}</div>}
            {typeof e.payload.reason === 'string' && <div class="note">{e.payload.reason}</div>}
            {e.type === 'officer_assigned' && (
              <div class="note">
                {tr('Giao cho', 'Given to')} {String(e.payload.officerName ?? '')}
                {typeof e.payload.previousName === 'string' &&
                  ` (${tr('thay', 'instead of')} ${e.payload.previousName})`}
              </div>
            )}
            {(e.type === 'contribution_reported' || e.type === 'coordination_acknowledged') &&
              typeof e.payload.unit === 'string' && <div class="note">{unitName(e.payload.unit)}</div>}
            {e.payload.evidence !== null && typeof e.payload.evidence === 'object' && (
              <Evidence e={e.payload.evidence as Record<string, string | undefined>} />
            )}
          </li>
        ))}
      </ol>
      {a.notifications.length > 0 && (
        <>
          <h2>{tr('Thông báo đã gửi', 'Notifications')}</h2>
          <ul class="plain">
            {a.notifications.map((n, i) => (
              <li key={i}>
                {NOTIFICATION_LABEL[n.kind] ? tr(...NOTIFICATION_LABEL[n.kind]!) : tr('Thông báo', 'Notice')}{' '}
                → {n.recipient ?? tr('người nhận', 'recipient')} ·{' '}
                {n.sentAt
                  ? tr(
                      `đã gửi lúc ${formatDateTime(n.sentAt, 'vi')}`,
                      `sent ${formatDateTime(n.sentAt, 'en')}`,
                    )
                  : tr(
                      `chờ gửi (dự kiến ${formatDateTime(n.dueAt, 'vi')})`,
                      `queued (due ${formatDateTime(n.dueAt, 'en')})`,
                    )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type Values = Record<string, string | undefined>;

function Evidence({ e }: { e: Record<string, string | undefined> }) {
  const { tr } = useLang();
  return (
    <div class="note">
      {e.documentNumber && (
        <span>
          {tr('Văn bản số', 'Document')} {e.documentNumber}
          {e.documentDate ? ` ${tr('ngày', 'of')} ${formatDate(e.documentDate)}` : ''}.{' '}
        </span>
      )}
      {e.link && /^https?:\/\//.test(e.link) && (
        <a href={e.link} target="_blank" rel="noopener noreferrer">
          {tr('Minh chứng', 'Evidence')}
        </a>
      )}
      {e.note && <div>{e.note}</div>}
    </div>
  );
}

const NOTIFICATION_LABEL: Record<string, [string, string]> = {
  assigned: ['Giao việc', 'Assigned'],
  acknowledge_reminder: ['Nhắc tiếp nhận', 'Acknowledgement reminder'],
  reminder: ['Nhắc hạn', 'Reminder'],
  overdue: ['Quá hạn', 'Overdue'],
  check_in: ['Rà soát', 'Check-in'],
  escalation: ['Leo thang', 'Escalation'],
  extension_requested: ['Đề nghị gia hạn', 'Extension requested'],
  extension_decided: ['Quyết định gia hạn', 'Extension decided'],
  reopened: ['Mở lại', 'Reopened'],
  cancelled: ['Hủy', 'Cancelled'],
  amended: ['Điều chỉnh', 'Amended'],
  contribution_reported: ['Đơn vị phối hợp báo cáo', 'Coordinating unit reported'],
  officer_assigned: ['Giao chuyên viên', 'Given to an officer'],
};

/** The coordinating units: each one's part and the contributions reported, with the plan's policy. */
function Coordination({ a }: { a: Detail }) {
  const lang$ = useLang();
  const { tr, lang } = lang$;
  const missing = a.coordinators.filter((c) => c.contributions === 0);
  return (
    <section aria-labelledby="coordination" data-testid="coordination">
      <h2 id="coordination">{tr('Đơn vị phối hợp', 'Coordinating units')}</h2>
      <p class="muted">
        {a.plan?.coordinatorsMustReport
          ? tr(
              'Theo kế hoạch, đơn vị chủ trì chỉ hoàn thành được khi mọi đơn vị phối hợp đã báo cáo phần việc.',
              'The plan lets the lead unit complete only once every coordinating unit has reported.',
            )
          : tr(
              'Đơn vị chủ trì có thể hoàn thành trước khi đơn vị phối hợp báo cáo; báo cáo định kỳ sẽ nêu đơn vị chưa phối hợp.',
              'The lead unit may complete before its coordinating units report; the report names those that did not.',
            )}
      </p>
      <div class="table-scroll">
        <table class="data">
          <thead>
            <tr>
              <th>{tr('Đơn vị', 'Unit')}</th>
              <th>{tr('Tiếp nhận', 'Acknowledged')}</th>
              <th>{tr('Báo cáo phần việc', 'Contribution')}</th>
            </tr>
          </thead>
          <tbody>
            {a.coordinators.map((c) => (
              <tr key={c.unitCode}>
                <td>{c.unitName}</td>
                <td>
                  {c.acknowledgedAt
                    ? formatDateTime(c.acknowledgedAt, lang)
                    : tr('Chưa tiếp nhận', 'Not yet')}
                </td>
                <td>
                  {c.contributions > 0 ? (
                    <Badge tone="green">
                      {tr(
                        `Đã báo cáo${c.contributions > 1 ? ` ${c.contributions} lần` : ''}, lần cuối ${formatDateTime(c.reportedAt, 'vi')}`,
                        `Reported${c.contributions > 1 ? ` ${c.contributions} times` : ''}, last ${formatDateTime(c.reportedAt, 'en')}`,
                      )}
                    </Badge>
                  ) : (
                    <Badge tone={a.plan?.coordinatorsMustReport ? 'amber' : 'grey'}>
                      {tr('Chưa báo cáo', 'Not reported')}
                    </Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {a.status === 'done' && missing.length > 0 && (
        <p class="muted">
          {tr('Hoàn thành khi chưa có báo cáo của', 'Completed without the contribution of')}{' '}
          {missing.map((c) => c.unitName).join('; ')}.
        </p>
      )}
      {a.contributions.length > 0 && (
        <ul class="plain contributions">
          {a.contributions.map((c, i) => (
            <li key={i}>
              <time dateTime={c.at}>{formatDateTime(c.at, lang)}</time> · <strong>{c.unitName}</strong> ·{' '}
              <span class="muted">{actorText(c.by, lang$)}</span>
              <div class="note">{c.note}</div>
              {c.evidence && <Evidence e={c.evidence} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a coordinating unit does: acknowledge its part, report what it contributed (again if need be). */
function CoordinatorActions(p: {
  a: Detail;
  unit: string;
  unitName: string;
  path: string;
  done: () => void;
}) {
  const { tr } = useLang();
  const mine = p.a.coordinators.find((c) => c.unitCode === p.unit);
  const open = p.a.status !== 'done' && p.a.status !== 'cancelled';
  return (
    <>
      {open && mine && !mine.acknowledgedAt && (
        <ActionForm
          title={tr(`Tiếp nhận phần phối hợp (${p.unitName})`, `Acknowledge our part (${p.unitName})`)}
          path={`${p.path}/coordination/acknowledge`}
          done={p.done}
          submit={tr('Tiếp nhận', 'Acknowledge')}
          body={(v) => ({ unit: p.unit, ...(v.note ? { note: v.note } : {}) })}
        >
          {(v, set) => (
            <TextArea
              label={tr('Ghi chú (không bắt buộc)', 'Note (optional)')}
              value={v.note}
              onInput={(x) => set({ note: x })}
            />
          )}
        </ActionForm>
      )}
      {open && (
        <ActionForm
          title={tr(`Báo cáo phần phối hợp (${p.unitName})`, `Report our contribution (${p.unitName})`)}
          path={`${p.path}/coordination/contributions`}
          done={p.done}
          submit={tr('Gửi báo cáo', 'Send the report')}
          body={(v) => ({
            unit: p.unit,
            note: v.note ?? '',
            ...(v.documentNumber || v.link
              ? {
                  evidence: Object.fromEntries(
                    Object.entries({ documentNumber: v.documentNumber, link: v.link }).filter(([, x]) => x),
                  ),
                }
              : {}),
          })}
        >
          {(v, set) => (
            <>
              <TextArea
                required
                label={tr('Nội dung đã thực hiện', 'What was done')}
                value={v.note}
                onInput={(x) => set({ note: x })}
              />
              <label>
                {tr('Số văn bản (nếu có)', 'Document number (if any)')}
                <input
                  value={v.documentNumber ?? ''}
                  placeholder="45/VP-UBND"
                  onInput={(e) => set({ documentNumber: e.currentTarget.value })}
                />
              </label>
              <label>
                {tr('Đường dẫn (nếu có)', 'Link (if any)')}
                <input
                  type="url"
                  value={v.link ?? ''}
                  placeholder="https://"
                  onInput={(e) => set({ link: e.currentTarget.value })}
                />
              </label>
            </>
          )}
        </ActionForm>
      )}
    </>
  );
}

/** The head or clerk of the lead unit gives the work to an officer of the unit, or to another one. */
function AssignOfficer(p: { a: Detail; path: string; done: () => void }) {
  const { tr } = useLang();
  const people = useLoad(
    (signal) =>
      api<{ people: UnitPerson[] }>('GET', `/units/${p.a.unitCode}/people`, { signal }).catch(() => ({
        people: [],
      })),
    [p.a.unitCode],
  );
  const candidates = (people.data?.people ?? []).filter((x) => x.active && x.login !== p.a.officerLogin);
  return (
    <ActionForm
      title={
        p.a.officerLogin
          ? tr('Giao lại cho chuyên viên khác', 'Give to another officer')
          : tr('Giao cho chuyên viên', 'Give to an officer')
      }
      path={p.path}
      done={p.done}
      submit={p.a.officerLogin ? tr('Giao lại', 'Reassign') : tr('Giao việc', 'Give the work')}
      body={(v) => ({ login: v.login ?? '', ...(v.note ? { note: v.note } : {}) })}
    >
      {(v, set) => (
        <>
          <label>
            {tr('Chuyên viên', 'Officer')}
            <select required value={v.login ?? ''} onChange={(e) => set({ login: e.currentTarget.value })}>
              <option value="">{tr('— chọn —', '— choose —')}</option>
              {candidates.map((x) => (
                <option key={x.login} value={x.login}>
                  {x.displayName}
                </option>
              ))}
            </select>
          </label>
          <TextArea label={tr('Ghi chú', 'Note')} value={v.note} onInput={(x) => set({ note: x })} />
        </>
      )}
    </ActionForm>
  );
}

function TextArea(p: {
  label: string;
  value: string | undefined;
  onInput: (v: string) => void;
  required?: boolean;
}) {
  return (
    <label>
      {p.label}
      <textarea
        rows={2}
        maxLength={2000}
        required={p.required}
        value={p.value ?? ''}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
    </label>
  );
}

/**
 * Sends one engine action: one idempotency key per intent, kept until the engine accepts it (a second click or
 * a retry after a lost answer is applied once), with the answer as feedback. Resolves true when accepted.
 */
function useEngineAction(path: string, done: () => void) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  async function send(body: unknown, accepted: string): Promise<boolean> {
    setBusy(true);
    setFeedback(null);
    try {
      await api('POST', path, { body, idempotencyKey: key.current });
      key.current = newKey();
      setFeedback({ kind: 'ok', text: accepted });
      done();
      return true;
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { feedback, busy, send };
}

/** A form for one engine action (see useEngineAction). */
function ActionForm(p: {
  title: string;
  path: string;
  submit: string;
  done: () => void;
  danger?: boolean;
  body?: (v: Values) => unknown;
  children: (v: Values, set: (patch: Values) => void) => ComponentChildren;
}) {
  const { tr } = useLang();
  const [values, setValues] = useState<Values>({});
  const action = useEngineAction(p.path, p.done);
  async function submit(e: Event) {
    e.preventDefault();
    const body = p.body ? p.body(values) : Object.fromEntries(Object.entries(values).filter(([, v]) => v));
    if (await action.send(body, tr('Đã ghi nhận.', 'Recorded.'))) setValues({});
  }
  return (
    <form class="action" onSubmit={submit}>
      <h2>{p.title}</h2>
      {p.children(values, (patch) => setValues({ ...values, ...patch }))}
      <FeedbackLine feedback={action.feedback} />
      <button type="submit" class={p.danger ? 'danger' : 'primary'} disabled={action.busy}>
        {action.busy ? tr('Đang gửi…', 'Sending…') : p.submit}
      </button>
    </form>
  );
}

export function DecideExtension(p: {
  path: string;
  request: { newDueDate: string; reason: string; requestedByName: string | null };
  done: () => void;
}) {
  const { tr } = useLang();
  const [note, setNote] = useState('');
  const action = useEngineAction(p.path, p.done);
  const decide = (approve: boolean) =>
    action.send(
      { approve, ...(note ? { note } : {}) },
      approve
        ? tr('Đã đồng ý gia hạn.', 'Extension approved.')
        : tr('Đã từ chối gia hạn.', 'Extension refused.'),
    );
  return (
    <div class="action">
      <h2>{tr('Quyết định gia hạn', 'Decide the extension')}</h2>
      <p>
        {p.request.requestedByName ?? tr('Đơn vị', 'The unit')} {tr('đề nghị hạn mới', 'asks for')}{' '}
        <strong>{formatDate(p.request.newDueDate)}</strong>: {p.request.reason}
      </p>
      <TextArea label={tr('Ý kiến', 'Note')} value={note} onInput={setNote} />
      <FeedbackLine feedback={action.feedback} />
      <div class="actions">
        <button type="button" class="primary" disabled={action.busy} onClick={() => void decide(true)}>
          {tr('Đồng ý', 'Approve')}
        </button>
        <button type="button" class="danger" disabled={action.busy} onClick={() => void decide(false)}>
          {tr('Không đồng ý', 'Refuse')}
        </button>
      </div>
    </div>
  );
}
